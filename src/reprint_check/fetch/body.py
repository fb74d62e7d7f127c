"""What a body is: its declared type and charset, a sniff of its first bytes, and bounded decompression.

Decompression lives here rather than in the HTTP client because the byte cap must hold *after*
decompression: a few KB of gzip can expand to gigabytes, so output is asked for at most
`limit + 1` bytes at a time and the read stops as soon as the cap is passed.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# The most zlib may produce per call: bounds its buffers whatever the cap.
SLICE = 64 * 1024
# Encodings we can decode under a cap; the client advertises only these.
ACCEPT_ENCODING = "gzip, deflate"

# Magic numbers of the image formats that pages embed, checked in order.
_IMAGE_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),
    (b"BM", 0, "image/bmp"),
    (b"\x00\x00\x01\x00", 0, "image/x-icon"),
    (b"ftypavif", 4, "image/avif"),
    (b"ftypheic", 4, "image/heic"),
)


class UnsupportedEncoding(ValueError):
    """A Content-Encoding we did not ask for and cannot decode under a cap."""


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """`text/html; charset="utf-8"` -> (`text/html`, `utf-8`); missing parts are None."""
    if not value or not value.strip():
        return None, None
    mime, *params = value.split(";")
    charset = None
    for param in params:
        name, _, arg = param.partition("=")
        if name.strip().lower() == "charset" and arg.strip().strip("\"'"):
            charset = arg.strip().strip("\"'").lower()
    return mime.strip().lower() or None, charset


def looks_like_html(prefix: bytes) -> bool:
    """True when a body with no declared type starts like an HTML document."""
    head = prefix[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def sniff_image(prefix: bytes) -> str | None:
    """The image type the first bytes announce, or None when they are not a known image."""
    for magic, offset, mime in _IMAGE_MAGIC:
        if prefix[offset : offset + len(magic)] == magic:
            return mime
    head = prefix[:512].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "image/svg+xml"
    return None


def _deflate_wbits(first: bytes) -> int:
    # "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
    is_zlib = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
    return zlib.MAX_WBITS if is_zlib else -zlib.MAX_WBITS


class BoundedDecoder:
    """Turns raw body chunks into decoded bytes, never producing more than asked for.

    zlib is asked for at most `SLICE` bytes per call, so its own buffers stay small too; input it
    has not consumed yet is fed back until the chunk is spent or the room is full.
    """

    def __init__(self, content_encoding: str | None) -> None:
        encoding = (content_encoding or "identity").strip().lower()
        if encoding not in {"identity", "gzip", "x-gzip", "deflate"}:
            raise UnsupportedEncoding(encoding)
        self._encoding = encoding
        self._zlib: zlib._Decompress | None = None
        if encoding in {"gzip", "x-gzip"}:
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)

    def decode(self, chunk: bytes, room: int) -> bytes:
        """Decoded bytes for `chunk`, at most `room` of them. Raises zlib.error on a corrupt body."""
        return b"".join(self.parts(chunk, room))

    def parts(self, chunk: bytes, room: int) -> Iterator[bytes]:
        """What `chunk` decodes to, in pieces of at most `SLICE` bytes, `room` bytes in all at most."""
        if self._encoding == "identity":
            yield chunk[: max(0, room)]
            return
        if self._zlib is None:
            self._zlib = zlib.decompressobj(_deflate_wbits(chunk))
        pending = chunk
        while room > 0:
            want = min(SLICE, room)
            part = self._zlib.decompress(pending, want)
            yield part
            room -= len(part)
            pending = self._zlib.unconsumed_tail
            if len(part) < want and not pending:
                return
