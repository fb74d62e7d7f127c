"""A small, fast HTTP/1.1 server for the benchmark, run in its own process.

It listens on several loopback addresses (127.0.0.2, 127.0.0.3, ...) so the client sees distinct
hosts, keeps connections alive, serves every body from memory and answers `If-None-Match` with 304.

    /s{S}/source            source article S
    /s{S}/c/{N}             copy N of source S (a pool of distinct pages, reused modulo its size)
    /{slug}/photo-{S}.jpg   the source's photo; /uploads/{N}/own-photo.jpg a copy's own photo
    /__arrivals             JSON: first arrival (time.monotonic()) of each host:port/path and the
                            requests per host since the last call, which clears both

Usage: python server.py HOSTS POOL  -> prints the port on stdout once listening.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
import sys
import time
from collections import Counter

import pages

HTML = b"text/html; charset=utf-8"


class Site:
    """Every body the server can send, keyed by path (copies by pool slot)."""

    def __init__(self, port: int, pool: int) -> None:
        base = f"http://127.0.0.2:{port}"
        self.sources = pages.make_sources()
        self.pool = pool
        self.bodies: dict[str, tuple[bytes, bytes]] = {}
        self.copies: dict[tuple[int, int], bytes] = {}
        self.kinds: dict[tuple[int, int], str] = {}
        self.jpegs = [pages.jpeg(i) for i in range(pages.SOURCES + 6)]
        for src in self.sources:
            self.bodies[f"/s{src.index}/source"] = (HTML, pages.source_page(src).encode())
            self.bodies[src.photo] = (b"image/jpeg", self.jpegs[src.index])
            for slot, kind in enumerate(pages.kinds(src.index, pool)):
                rng = random.Random(f"{src.index}-{slot}")
                self.kinds[src.index, slot] = kind
                self.copies[src.index, slot] = pages.copy_page(src, kind, slot, rng, base).encode()
        self.arrivals: dict[str, float] = {}
        self.requests: Counter[str] = Counter()

    def lookup(self, path: str) -> tuple[bytes, bytes, str] | None:
        """(content type, body, etag) or None for a 404."""
        if path in self.bodies:
            ctype, body = self.bodies[path]
            return ctype, body, f'"{hash(path) & 0xFFFFFFF:x}"'
        parts = path.split("/")
        if len(parts) == 4 and parts[2] == "c" and parts[1][1:].isdigit() and parts[3].isdigit():
            key = (int(parts[1][1:]), int(parts[3]) % self.pool)
            if key in self.copies and self.kinds[key] != "missing":
                return HTML, self.copies[key], f'"c{key[0]}-{key[1]}"'
        if path.startswith("/uploads/") and path.endswith(".jpg"):
            n = pages.SOURCES + int(path.split("/")[2]) % 6  # never a source's photo
            return b"image/jpeg", self.jpegs[n], f'"u{n}"'
        return None


class Http(asyncio.Protocol):
    def __init__(self, site: Site) -> None:
        self.site = site
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            self.respond(head.decode("latin-1"))

    def respond(self, head: str) -> None:
        lines = head.split("\r\n")
        path = lines[0].split(" ")[1].split("?")[0]
        headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
        host = headers.get("host", "")
        self.site.arrivals.setdefault(host + path, time.monotonic())
        self.site.requests[host] += 1
        assert self.transport is not None
        if path == "/__arrivals":
            body = json.dumps({"first": self.site.arrivals, "requests": self.site.requests}).encode()
            self.site.arrivals, self.site.requests = {}, Counter()
            self.send(200, b"application/json", body, "")
            return
        found = self.site.lookup(path)
        if found is None:
            self.send(404, HTML, b"<html><body>Not found</body></html>", "")
        elif headers.get("if-none-match") == found[2]:
            self.send(304, found[0], b"", found[2])
        else:
            self.send(200, *found)

    def send(self, status: int, ctype: bytes, body: bytes, etag: str) -> None:
        reason = {200: b"OK", 304: b"Not Modified", 404: b"Not Found"}[status]
        head = [b"HTTP/1.1 %d %s" % (status, reason), b"Content-Type: " + ctype]
        if status != 304:
            head.append(b"Content-Length: %d" % len(body))
        if etag:
            head += [b"ETag: " + etag.encode(), b"Cache-Control: max-age=0, must-revalidate"]
        assert self.transport is not None
        self.transport.write(b"\r\n".join(head) + b"\r\n\r\n" + body)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.2", 0))
        return int(s.getsockname()[1])


async def serve(hosts: int, pool: int) -> None:
    port = free_port()
    site = Site(port, pool)
    loop = asyncio.get_running_loop()
    addresses = [f"127.0.0.{2 + i}" for i in range(hosts)]
    server = await loop.create_server(lambda: Http(site), host=addresses, port=port, backlog=1024)
    print(port, flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]), int(sys.argv[2])))
