"""The fetch stage's one door: a `Fetcher` turns a URL into bytes, or a `FetchError` with a reason.

Nothing outside `reprint_check.fetch` imports httpx; tests and other clients plug in by
implementing `Fetcher`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

FetchErrorKind = Literal[
    "network",  # DNS, connect, reset
    "timeout",  # connect/read timeout or the per-page deadline
    "http_status",  # 4xx/5xx after retries
    "too_large",  # body over --max-bytes after decompression
    "content_type",  # not HTML (pages) / not an image (images)
    "redirect",  # loop, too many, or a non-http(s) target
    "robots",  # disallowed by robots.txt
    "challenge",  # bot wall / challenge page
    "local_file",  # a local path that cannot be read or is not allowed
    "bad_url",  # not an http(s) URL, or not a URL at all
]


@dataclass(frozen=True)
class FetchedPage:
    """A fetched body. `content` is raw bytes; `charset` is what the Content-Type header declared
    (None when it is silent, so the page stage can look at the BOM, `<meta>`, then detect)."""

    url: str
    final_url: str
    status_code: int
    content: bytes
    content_type: str | None = None
    charset: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    redirects: tuple[str, ...] = ()
    from_cache: bool = False


class FetchError(Exception):
    """A page or image that could not be fetched; `reason` is a sentence for the report."""

    def __init__(
        self,
        kind: FetchErrorKind,
        reason: str,
        *,
        url: str,
        final_url: str | None = None,
        status_code: int | None = None,
        redirects: tuple[str, ...] = (),
    ) -> None:
        super().__init__(reason)
        self.kind: FetchErrorKind = kind
        self.reason = reason
        self.url = url
        self.final_url = final_url
        self.status_code = status_code
        self.redirects = redirects


class Fetcher(Protocol):
    """Fetch pages and images. Implementations are async and enforce their own limits."""

    async def fetch_page(self, url: str) -> FetchedPage:
        """An HTML page, or FetchError (never any other exception for network/HTTP trouble)."""
        ...

    async def fetch_image(self, url: str, *, referrer: str | None = None) -> FetchedPage:
        """An image body (content type image/*), under the same limits, or FetchError."""
        ...

    async def aclose(self) -> None: ...
