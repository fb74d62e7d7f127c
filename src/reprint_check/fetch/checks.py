"""From a final HTTP answer to a `FetchedPage`, or the `FetchError` that says why not.

Pure functions on plain values, so the rules for "is this a page / an image" read in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urljoin

from reprint_check.fetch.body import HTML_TYPES, looks_like_html, parse_content_type, sniff_image
from reprint_check.fetch.interface import FetchedPage, FetchError

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Answer:
    """One HTTP exchange as the fetcher saw it; `attempts` counts tries including retries."""

    url: str
    status: int
    reason_phrase: str
    headers: Mapping[str, str]
    body: bytes
    from_cache: bool = False
    attempts: int = 1


def redirect_target(answer: Answer) -> str | None:
    """The absolute URL a redirect points to, or None when this answer is not a redirect.

    A Location that cannot be parsed is returned as sent, for the fetcher to refuse by name."""
    location = answer.headers.get("location", "").strip()
    if answer.status not in REDIRECT_STATUSES or not location:
        return None
    try:
        return urljoin(answer.url, location)
    except ValueError:
        return location


def status_line(status: int, phrase: str = "") -> str:
    """`HTTP 404 Not Found`, with the standard phrase when the server sent none or an odd one."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = phrase.strip()
    return f"HTTP {status} {phrase}".rstrip()


def _status_error(url: str, answer: Answer, redirects: tuple[str, ...]) -> FetchError:
    reason = status_line(answer.status, answer.reason_phrase)
    if answer.attempts > 1:
        reason += f" after {answer.attempts} attempts"
    return FetchError(
        "http_status", reason, url=url, final_url=answer.url, status_code=answer.status, redirects=redirects
    )


def _fetched(url: str, answer: Answer, redirects: tuple[str, ...], content_type: str | None) -> FetchedPage:
    return FetchedPage(
        url=url,
        final_url=answer.url,
        status_code=answer.status,
        content=answer.body,
        content_type=content_type,
        charset=parse_content_type(answer.headers.get("content-type"))[1],
        headers=dict(answer.headers),
        redirects=redirects,
        from_cache=answer.from_cache,
    )


def as_page(url: str, answer: Answer, redirects: tuple[str, ...]) -> FetchedPage:
    """An HTML page: 2xx, and text/html or XHTML (or no type and a body that starts like HTML)."""
    if not 200 <= answer.status < 300:
        raise _status_error(url, answer, redirects)
    mime = parse_content_type(answer.headers.get("content-type"))[0]
    if mime in HTML_TYPES or (mime is None and looks_like_html(answer.body)):
        return _fetched(url, answer, redirects, mime)
    what = f"content type {mime}" if mime else "no content type, and the body does not start like HTML"
    raise _content_error(url, answer, redirects, f"not an HTML page ({what})")


def as_image(url: str, answer: Answer, redirects: tuple[str, ...]) -> FetchedPage:
    """An image: 2xx, and image/* or, when the type is missing or generic, image magic bytes."""
    if not 200 <= answer.status < 300:
        raise _status_error(url, answer, redirects)
    mime = parse_content_type(answer.headers.get("content-type"))[0]
    if mime is not None and mime.startswith("image/"):
        return _fetched(url, answer, redirects, mime)
    sniffed = sniff_image(answer.body)
    if sniffed is not None:
        return _fetched(url, answer, redirects, sniffed)
    raise _content_error(url, answer, redirects, f"not an image (content type {mime or 'missing'})")


def _content_error(url: str, answer: Answer, redirects: tuple[str, ...], reason: str) -> FetchError:
    return FetchError(
        "content_type", reason, url=url, final_url=answer.url, status_code=answer.status, redirects=redirects
    )
