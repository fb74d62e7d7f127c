"""Local HTML files named on the command line, so saved pages and the bundled examples work offline.

Reading the disk is a privilege of what the *user* named, never of what a page says: a `file://` URL
is read only when its real path (symlinks resolved) lies under an allowed root, and an image that
an http(s) page points at can never be a local file. http(s) goes to the inner fetcher, created
on first use so an offline run never opens the network.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit
from urllib.request import url2pathname

from reprint_check.fetch.body import looks_like_html, sniff_image
from reprint_check.fetch.fetcher import HttpFetcher
from reprint_check.fetch.interface import FetchedPage, Fetcher, FetchError
from reprint_check.fetch.settings import FetchSettings, size_label

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


def to_file_url(path: str | os.PathLike[str]) -> str:
    """`examples/copy.html` -> `file:///abs/examples/copy.html` (absolute, symlinks resolved)."""
    return Path(path).expanduser().resolve().as_uri()


def _file_path(url: str) -> Path:
    """The path a `file://` URL names; only local hosts, since we never read network shares."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise FetchError("local_file", f"not a local file URL (host {parts.netloc!r})", url=url)
    return Path(url2pathname(parts.path))


class LocalAwareFetcher:
    """A `Fetcher` that reads allowed local files itself and hands http(s) to `inner`.

    `roots` (and later `allow_root`) are the folders the user's named files live in. Closing this
    closes the inner fetcher too.
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        roots: Iterable[str | os.PathLike[str]] = (),
        inner: Fetcher | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._inner = inner
        self._roots: list[Path] = []
        for root in roots:
            self.allow_root(root)

    def allow_root(self, path: str | os.PathLike[str]) -> None:
        """Let files under `path` (a folder, or a file's folder) be read."""
        resolved = Path(path).expanduser().resolve()
        folder = resolved if resolved.is_dir() else resolved.parent
        if folder not in self._roots:
            self._roots.append(folder)

    async def fetch_page(self, url: str) -> FetchedPage:
        if _scheme(url) in ("http", "https"):
            return await self._web().fetch_page(url)
        path, content = await self._read(url, self.settings.max_bytes, "page", "--max-bytes")
        if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(content):
            return _local_page(url, path, content, "text/html")
        raise FetchError("local_file", f"not an HTML file: {path.name}", url=url)

    async def fetch_image(self, url: str, *, referrer: str | None = None) -> FetchedPage:
        if _scheme(url) in ("http", "https"):
            return await self._web().fetch_image(url, referrer=referrer)
        if referrer is not None and _scheme(referrer) != "file":
            reason = "a web page cannot point at a local file"
            raise FetchError("local_file", reason, url=url)
        path, content = await self._read(url, self.settings.max_image_bytes, "image", "--max-image-bytes")
        mime = sniff_image(content) or mimetypes.guess_type(path.name)[0]
        if mime is None or not mime.startswith("image/"):
            raise FetchError("content_type", f"not an image: {path.name}", url=url)
        return _local_page(url, path, content, mime)

    async def aclose(self) -> None:
        if self._inner is not None:
            await self._inner.aclose()

    async def __aenter__(self) -> LocalAwareFetcher:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def _web(self) -> Fetcher:
        if self._inner is None:
            self._inner = HttpFetcher(self.settings)
        return self._inner

    async def _read(self, url: str, limit: int, noun: str, flag: str) -> tuple[Path, bytes]:
        """The allowed real path behind `url` and its bytes, or why not."""
        if _scheme(url) != "file":
            raise FetchError("local_file", f"not an http(s) URL or a local file: {url[:200]}", url=url)
        path = self._allowed(url, _file_path(url))
        try:
            content = await asyncio.to_thread(_read_at_most, path, limit + 1)
        except OSError as exc:
            raise FetchError(
                "local_file", f"cannot read {path.name}: {exc.strerror or exc}", url=url
            ) from exc
        if len(content) > limit:
            raise FetchError("too_large", f"{noun} larger than {size_label(limit)} ({flag})", url=url)
        return path, content

    def _allowed(self, url: str, path: Path) -> Path:
        try:
            real = path.resolve(strict=True)
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
            raise FetchError("local_file", f"no such file: {path}", url=url) from exc
        if not any(real.is_relative_to(root) for root in self._roots):
            reason = "local file outside the folders named on the command line"
            raise FetchError("local_file", reason, url=url)
        return real


def _scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:  # a malformed URL (`http://[::1/`): the web fetcher names it a bad URL
        return url.partition(":")[0].lower()


def _read_at_most(path: Path, n: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(n)


def _local_page(url: str, path: Path, content: bytes, content_type: str) -> FetchedPage:
    # No header, so no charset: the page stage reads the BOM and <meta>, then detects.
    return FetchedPage(
        url=url, final_url=path.as_uri(), status_code=200, content=content, content_type=content_type
    )
