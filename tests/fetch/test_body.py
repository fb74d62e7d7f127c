"""Content types, sniffing and decompression under a cap (a gzip bomb costs at most the cap)."""

from __future__ import annotations

import socket
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from reprint_check.fetch import FetchError, FetchSettings, HttpFetcher
from reprint_check.fetch.body import (
    BoundedDecoder,
    UnsupportedEncoding,
    looks_like_html,
    parse_content_type,
    sniff_image,
)

from .conftest import FINE, RawServer, alongside, quick, run

StartRaw = Callable[[Callable[[socket.socket], None]], RawServer]

MB = 1_000_000


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """100 MB of zeros in about 100 KB of gzip."""
    packer = zlib.compressobj(9, wbits=31)
    chunk = bytes(MB)
    return b"".join(packer.compress(chunk) for _ in range(100)) + packer.flush()


def _serve(body: bytes, **headers: str) -> Callable[[socket.socket], None]:
    def handle(conn: socket.socket) -> None:
        fields = {"Content-Type": "text/html", "Content-Length": str(len(body)), "Connection": "close"}
        head = "".join(f"{k}: {v}\r\n" for k, v in (fields | headers).items())
        conn.sendall(f"HTTP/1.1 200 OK\r\n{head}\r\n".encode() + body)

    return handle


@pytest.mark.parametrize("use_cache", [False, True])
def test_a_gzip_bomb_stops_at_the_cap_and_memory_stays_small(
    tmp_path: Path, raw_server: StartRaw, bomb: bytes, use_cache: bool
) -> None:
    # Bare socket servers: werkzeug's server drains every connection into a 10 MB buffer after
    # answering, and tracemalloc would count that against the client in this same process.
    assert len(bomb) < 200_000
    site = raw_server(_serve(bomb, **{"Content-Encoding": "gzip"}))
    neighbour = raw_server(_serve(FINE))
    settings = quick(tmp_path, max_bytes=MB, use_cache=use_cache)
    tracemalloc.start()
    try:
        err, peak = run(_bomb_peak(settings, site.url("/bomb"), neighbour.url("/fine")))
    finally:
        tracemalloc.stop()
    assert (err.kind, err.reason) == ("too_large", "page larger than 1 MB (--max-bytes)")
    assert peak < 4 * MB, peak


async def _bomb_peak(settings: FetchSettings, url: str, neighbour: str) -> tuple[FetchError, int]:
    async with HttpFetcher(settings) as fetcher:
        # A client's first request loads TLS roots and such: warm up before measuring.
        await fetcher.fetch_page(neighbour)
        tracemalloc.reset_peak()
        outcome, _ = await alongside(fetcher, url, neighbour)
        peak = tracemalloc.get_traced_memory()[1]
    assert isinstance(outcome, FetchError), outcome
    return outcome, peak


def test_the_decoder_never_produces_more_than_asked() -> None:
    packed = zlib.compress(bytes(10 * MB))
    decoder = BoundedDecoder("deflate")
    assert len(decoder.decode(packed, 1000)) == 1000
    assert BoundedDecoder("identity").decode(b"abcdef", 4) == b"abcd"
    with pytest.raises(UnsupportedEncoding):
        BoundedDecoder("br")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html", ("text/html", None)),
        ('Text/HTML; Charset="UTF-8"', ("text/html", "utf-8")),
        ("text/html; boundary=x; charset=windows-1252", ("text/html", "windows-1252")),
        ("text/html; charset=", ("text/html", None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_content_type(header: str | None, expected: tuple[str | None, str | None]) -> None:
    assert parse_content_type(header) == expected


@pytest.mark.parametrize(
    ("prefix", "is_html"),
    [
        (b"<!DOCTYPE html><html>", True),
        (b"\xef\xbb\xbf\n  <html lang=en>", True),
        (b"<!-- saved page -->\n<html>", True),
        (b"%PDF-1.7", False),
        (b"\x89PNG\r\n\x1a\n", False),
    ],
)
def test_looks_like_html(prefix: bytes, is_html: bool) -> None:
    assert looks_like_html(prefix) is is_html


@pytest.mark.parametrize(
    ("prefix", "mime"),
    [
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0..JFIF", "image/jpeg"),
        (b"GIF89a....", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x1cftypavif", "image/avif"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">', "image/svg+xml"),
        (b"<html>", None),
    ],
)
def test_sniff_image(prefix: bytes, mime: str | None) -> None:
    assert sniff_image(prefix) == mime
