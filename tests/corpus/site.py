"""The corpus's web: one real HTTP server on 127.0.0.1 that plays every host (the source
publishers, the republishers, image CDNs and proxies) by the Host header, and an httpx transport
that sends every request there, so the real HttpFetcher runs without leaving the machine.
"""

from __future__ import annotations

import re
import zlib
from functools import cache
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import httpx
from PIL import Image
from werkzeug import Request, Response

from tests.corpus.corpus import cases, render, sources, templates
from tests.images import jpeg, logo, png, scene

_SIZE_SUFFIX = re.compile(r"(?:[-_]\d{2,5}x\d{2,5}|@\dx)$")
_IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/jpeg", ".png": "image/png"}
SOURCE_SEEDS = {"saltmarsh-lighthouse-keepers": 21, "reservoir-spillway-crews": 33}
# Re-hosted under a new name after resizing and recompression: stem -> the source picture's stem.
RENAMED = {
    "IMG_20260316_0912": "saltmarsh-lighthouse-keepers",
    "dam-work-photo-final": "reservoir-spillway-crews",
}


@cache
def picture(stem: str) -> tuple[bytes, str]:
    """Image bytes for a file stem: the source photos (smaller and recompressed when re-hosted or
    sized), logos, and for anything else an unrelated photo of the republisher's own."""
    base = _SIZE_SUFFIX.sub("", stem)
    if base in SOURCE_SEEDS:
        img = scene(SOURCE_SEEDS[base], (1200, 750))
        if base == stem:
            return jpeg(img), "image/jpeg"
        return jpeg(img.resize((600, 375), Image.LANCZOS), quality=70), "image/jpeg"
    if stem in RENAMED:
        img = scene(SOURCE_SEEDS[RENAMED[stem]], (1200, 750)).resize((720, 450), Image.LANCZOS)
        return jpeg(img, quality=55), "image/jpeg"
    if "logo" in stem:
        return png(logo()), "image/png"
    return jpeg(scene(zlib.crc32(stem.encode()) % 100_000 + 1000)), "image/jpeg"


Page = tuple[bytes, str]


@cache
def pages() -> dict[tuple[str, str], Page]:
    """(host, path) -> (body, content type) for every source and copy page."""
    out: dict[tuple[str, str], Page] = {}
    for src in sources().values():
        parts = urlsplit(src.url)
        out[(parts.hostname or "", parts.path)] = (src.page, "text/html; charset=utf-8")
    for case in cases():
        template = templates()[case.template]
        # Old sites send no charset in the header: only the page's <meta> says windows-1252.
        ctype = "text/html" if template.encoding != "utf-8" else "text/html; charset=utf-8"
        out[(template.host, case.path)] = (render(case), ctype)
    return out


def handle(request: Request) -> Response:
    host = request.host.split(":")[0].lower()
    page = pages().get((host, request.path))
    if page is not None:
        return Response(page[0], content_type=page[1])
    suffix = PurePosixPath(request.path).suffix.lower()
    if suffix in _IMAGE_TYPES:
        body, ctype = picture(PurePosixPath(request.path).stem)
        return Response(body, content_type=ctype)
    return Response("not found", status=404, content_type="text/plain")


class LoopbackTransport(httpx.AsyncBaseTransport):
    """Every request goes to the local server; the Host header keeps the name it was sent to."""

    def __init__(self, port: int) -> None:
        self._port = port
        self._inner = httpx.AsyncHTTPTransport(retries=0)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(scheme="http", host="127.0.0.1", port=self._port)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
