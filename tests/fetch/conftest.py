"""Real servers on 127.0.0.1 for the fetch stage, and settings that keep the suite fast."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from reprint_check.fetch import FetchedPage, Fetcher, FetchError, FetchSettings, HttpFetcher

T = TypeVar("T")
FINE = b"<!doctype html><html><body><p>fine</p></body></html>"


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def quick(tmp_path: Path, **changes: Any) -> FetchSettings:
    """Test-mode settings: no waits between requests, tiny backoff, short deadlines, no robots/cache."""
    base = FetchSettings(
        host_interval=0.0,
        timeout=3.0,
        connect_timeout=1.0,
        read_timeout=2.0,
        backoff_base=0.01,
        backoff_cap=0.02,
        retry_after_cap=0.3,
        respect_robots=False,
        use_cache=False,
        cache_dir=tmp_path / "cache",
    )
    return replace(base, **changes)


def html(body: bytes = FINE, content_type: str | None = "text/html", **headers: str) -> Response:
    response = Response(body, headers=headers)
    del response.headers["Content-Type"]
    if content_type is not None:
        response.headers["Content-Type"] = content_type
    return response


async def alongside(
    fetcher: Fetcher, url: str, neighbour: str
) -> tuple[FetchedPage | FetchError, FetchedPage]:
    """Fetch a page and a good neighbour at once, in one fetcher; the neighbour must be unaffected."""
    outcome, good = await asyncio.gather(
        fetcher.fetch_page(url), fetcher.fetch_page(neighbour), return_exceptions=True
    )
    assert isinstance(outcome, FetchedPage | FetchError), outcome
    assert isinstance(good, FetchedPage), good
    assert good.content == FINE
    return outcome, good


async def fetch_page(settings: FetchSettings, url: str) -> FetchedPage:
    async with HttpFetcher(settings) as fetcher:
        return await fetcher.fetch_page(url)


async def fail_alongside(settings: FetchSettings, url: str, neighbour: str) -> FetchError:
    """The error `url` gives while a neighbour on another host is fetched fine in the same fetcher."""
    async with HttpFetcher(settings) as fetcher:
        outcome, _ = await alongside(fetcher, url, neighbour)
    assert isinstance(outcome, FetchError), outcome
    return outcome


async def pass_alongside(settings: FetchSettings, url: str, neighbour: str) -> FetchedPage:
    async with HttpFetcher(settings) as fetcher:
        outcome, _ = await alongside(fetcher, url, neighbour)
    assert isinstance(outcome, FetchedPage), outcome
    return outcome


@pytest.fixture(scope="session")
def _servers() -> Iterator[tuple[HTTPServer, HTTPServer]]:
    pair = (
        HTTPServer(host="127.0.0.1", port=0, threaded=True),
        HTTPServer(host="127.0.0.1", port=0, threaded=True),
    )
    for s in pair:
        s.start()
    yield pair
    for s in pair:
        s.clear()
        s.stop()


@pytest.fixture
def server(_servers: tuple[HTTPServer, HTTPServer]) -> HTTPServer:
    _servers[0].clear()
    return _servers[0]


@pytest.fixture
def other_server(_servers: tuple[HTTPServer, HTTPServer]) -> HTTPServer:
    """A second host (another port): where the good neighbour pages live."""
    _servers[1].clear()
    _servers[1].expect_request("/fine").respond_with_response(html())
    _servers[1].expect_request("/robots.txt").respond_with_response(Response("none", status=404))
    return _servers[1]


def paths(server: HTTPServer) -> list[str]:
    return [request.path for request, _ in server.log]


# robots.txt on a bare server: none (404), so only page requests reach the handler and the count.
NO_ROBOTS = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class RawServer:
    """A bare TCP server for what an HTTP server will not do: drip bytes, reset connections.

    `connections` counts page requests, one per connection.
    """

    def __init__(self, handle: Callable[[socket.socket], None]) -> None:
        self._handle = handle
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle_one, args=(conn,), daemon=True).start()

    def _handle_one(self, conn: socket.socket) -> None:
        with conn:
            if read_request(conn).startswith(b"GET /robots.txt "):
                conn.sendall(NO_ROBOTS)
                return
            self.connections += 1
            try:
                self._handle(conn)
            except OSError:
                return  # the client hung up, which is what several tests want

    def close(self) -> None:
        self._stop.set()
        self._sock.close()


def read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


@pytest.fixture
def raw_server() -> Iterator[Callable[[Callable[[socket.socket], None]], RawServer]]:
    started: list[RawServer] = []

    def start(handle: Callable[[socket.socket], None]) -> RawServer:
        started.append(RawServer(handle))
        return started[-1]

    yield start
    for s in started:
        s.close()
