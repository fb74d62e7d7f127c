"""The budget, measured where it matters: request start and end times as the servers saw them."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Callable
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reprint_check.fetch import FetchSettings, HttpFetcher

from .conftest import FINE, html, quick, run

Span = tuple[str, float, float]


def _recording(server: HTTPServer, label: str, spans: list[Span], lock: threading.Lock) -> None:
    def slow(request: Request) -> Response:
        start = time.monotonic()
        time.sleep(0.15)
        with lock:
            spans.append((label, start, time.monotonic()))
        return html(FINE)

    server.expect_request("/p").respond_with_handler(slow)


def _most_at_once(spans: list[Span]) -> int:
    return max(sum(1 for _, s, e in spans if s <= start < e) for _, start, _ in spans)


def _fetch_all(settings: FetchSettings, urls: list[str]) -> None:
    async def go() -> None:
        async with HttpFetcher(settings) as fetcher:
            pages = await asyncio.gather(*(fetcher.fetch_page(u) for u in urls))
        assert [p.content for p in pages] == [FINE] * len(urls)

    run(go())


def _two_hosts(server: HTTPServer, other: HTTPServer) -> tuple[list[Span], Callable[[str, int], list[str]]]:
    spans: list[Span] = []
    lock = threading.Lock()
    _recording(server, "a", spans, lock)
    _recording(other, "b", spans, lock)
    hosts = {"a": server, "b": other}
    return spans, lambda label, n: [f"{hosts[label].url_for('/p')}?n={i}" for i in range(n)]


def test_one_host_gets_its_share_and_its_gap_while_another_host_proceeds(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer
) -> None:
    spans, urls = _two_hosts(server, other_server)
    _fetch_all(quick(tmp_path, per_host=2, host_interval=0.1), urls("a", 6) + urls("b", 2))
    a = sorted(s for label, s, _ in spans if label == "a")
    b = sorted(s for label, s, _ in spans if label == "b")
    assert _most_at_once([x for x in spans if x[0] == "a"]) == 2
    assert min(later - earlier for earlier, later in itertools.pairwise(a)) >= 0.1 - 0.02
    # Host b started while host a still had most of its queue ahead of it.
    assert b[0] < a[2]


def test_the_global_cap_holds_across_hosts(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer
) -> None:
    spans, urls = _two_hosts(server, other_server)
    _fetch_all(quick(tmp_path, concurrency=1, per_host=2), urls("a", 3) + urls("b", 3))
    assert len(spans) == 6
    assert _most_at_once(spans) == 1


def test_images_and_pages_share_one_host_budget(tmp_path: Path, server: HTTPServer) -> None:
    spans: list[Span] = []
    lock = threading.Lock()
    _recording(server, "page", spans, lock)

    def slow_image(request: Request) -> Response:
        start = time.monotonic()
        time.sleep(0.15)
        with lock:
            spans.append(("image", start, time.monotonic()))
        return html(b"\x89PNG\r\n\x1a\n" + bytes(50), content_type="image/png")

    server.expect_request("/i").respond_with_handler(slow_image)

    async def go() -> None:
        async with HttpFetcher(quick(tmp_path, per_host=1)) as fetcher:
            await asyncio.gather(
                fetcher.fetch_page(server.url_for("/p")),
                fetcher.fetch_image(server.url_for("/i") + "?a"),
                fetcher.fetch_image(server.url_for("/i") + "?b"),
            )

    run(go())
    assert sorted(label for label, _, _ in spans) == ["image", "image", "page"]
    assert _most_at_once(spans) == 1
