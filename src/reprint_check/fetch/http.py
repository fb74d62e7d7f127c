"""The only module that knows httpx (and hishel's httpx transport): one request in, one `Reply` out.

Everything about *what* to fetch (redirects, retries, robots, limits) lives in `fetcher.py`; this
module only speaks HTTP, streams bodies under a cap and turns httpx errors into `FetchError` once.
Pass `transport=` to put any `httpx.AsyncBaseTransport` under the cache, the way tests or a proxy would.
"""

from __future__ import annotations

import logging
import sqlite3
import zlib
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from pathlib import Path

import httpx
from hishel import AsyncSqliteStorage, CacheOptions
from hishel.httpx import AsyncCacheTransport

from reprint_check.fetch.body import ACCEPT_ENCODING, BoundedDecoder, UnsupportedEncoding
from reprint_check.fetch.cache import SuccessOnlyStorage
from reprint_check.fetch.interface import FetchError
from reprint_check.fetch.settings import FetchSettings

# A new name for a new on-disk schema: hishel 2 refuses caches written by 1.x.
CACHE_FILE = "http-cache-v2.sqlite"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Body:
    """Decoded bytes, at most the limit asked for; `truncated` when the server had more."""

    data: bytes
    truncated: bool


class Reply:
    """A response whose headers have arrived and whose body has not been read yet."""

    def __init__(self, url: str, response: httpx.Response) -> None:
        self.url = url
        self._response = response
        self.status_code = response.status_code
        self.reason_phrase = response.reason_phrase
        self.headers: Mapping[str, str] = response.headers
        caching = response.extensions.get("caching") or {}
        self.from_cache = bool(caching.get("from_cache", False))

    async def read(self, limit: int) -> Body:
        """Up to `limit` decoded bytes; holds them in small pieces plus one raw chunk, then joins once."""
        try:
            decoder = BoundedDecoder(self.headers.get("content-encoding"))
            return await self._read(decoder, limit)
        except UnsupportedEncoding as exc:
            reason = f"unsupported Content-Encoding {exc.args[0]!r}"
            raise FetchError("content_type", reason, url=self.url, status_code=self.status_code) from exc
        except zlib.error as exc:
            reason = f"corrupt compressed body ({exc})"
            raise FetchError("network", reason, url=self.url, status_code=self.status_code) from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise translate(exc, self.url) from exc

    async def _read(self, decoder: BoundedDecoder, limit: int) -> Body:
        parts: list[bytes] = []
        got = 0
        async for chunk in self._response.aiter_raw():
            for part in decoder.parts(chunk, limit + 1 - got):
                parts.append(part)
                got += len(part)
            if got > limit:
                parts[-1] = parts[-1][: len(parts[-1]) - (got - limit)]
                return Body(b"".join(parts), truncated=True)
        return Body(b"".join(parts), truncated=False)


def translate(exc: Exception, url: str) -> FetchError:
    """One place where httpx's exceptions become reasons a person can read."""
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchError("timeout", f"connection timed out ({detail})", url=url)
    if isinstance(exc, httpx.TimeoutException):
        return FetchError("timeout", f"the server went silent ({type(exc).__name__})", url=url)
    if isinstance(exc, httpx.ConnectError):
        return FetchError("network", f"could not connect ({detail})", url=url)
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return FetchError("bad_url", f"not a fetchable URL ({detail})", url=url)
    return FetchError("network", f"connection failed ({detail})", url=url)


class HttpSession:
    """One shared `httpx.AsyncClient` for the whole run, with the on-disk cache under it when enabled."""

    def __init__(self, settings: FetchSettings, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._cache = settings.use_cache
        self._transport = _transport(settings, transport)
        self._client = httpx.AsyncClient(
            transport=self._transport,
            timeout=httpx.Timeout(
                settings.read_timeout, connect=settings.connect_timeout, pool=settings.timeout
            ),
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            follow_redirects=False,
        )

    @asynccontextmanager
    async def open(self, url: str, headers: Mapping[str, str]) -> AsyncIterator[Reply]:
        """Send a GET and hand over the reply with its body unread; closes it afterwards."""
        # Revalidate every stored entry: a re-run must see a copy's fixes; unchanged pages cost a 304.
        extra = {**headers, "Cache-Control": "no-cache"} if self._cache else dict(headers)
        try:
            request = self._client.build_request("GET", url, headers=extra)
            # Straight to the transport: `client.send` parses every Location even when not following,
            # and fails on `javascript:` ones, which we want to see and refuse ourselves.
            response = await self._transport.handle_async_request(request)
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise translate(exc, url) from exc
        response.request = request
        try:
            yield Reply(url, response)
        finally:
            await response.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()


def _transport(settings: FetchSettings, inner: httpx.AsyncBaseTransport | None) -> httpx.AsyncBaseTransport:
    # The budget already caps requests in flight; the pool only needs to keep up with it.
    pool = httpx.Limits(max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency)
    network = inner if inner is not None else httpx.AsyncHTTPTransport(retries=0, limits=pool)
    path = settings.resolved_cache_dir() / CACHE_FILE
    if not settings.use_cache or not _cache_usable(path):
        return network
    storage = AsyncSqliteStorage(
        database_path=path,
        max_stream_size=max(settings.max_bytes, settings.max_image_bytes),
    )
    # RFC 9111 as a private cache: we are one user agent, not a proxy.
    return AsyncCacheTransport(network, storage=SuccessOnlyStorage(storage), rfc=CacheOptions(shared=False))


def _cache_usable(path: Path) -> bool:
    """Whether the cache database can be opened: a damaged one would make the cache log a traceback
    on every request, so the run warns once and goes on without it."""
    if not path.exists():
        return True
    try:
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        log.warning(
            "HTTP cache %s cannot be read (%s); this run goes without it (delete the file to reset)",
            path,
            exc,
        )
        return False
    return True
