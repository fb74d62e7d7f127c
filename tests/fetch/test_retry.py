"""Retries: which answers earn another try, how long we wait, and when we give up."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from email.utils import formatdate
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reprint_check.fetch.retry import backoff, retry_after, retry_delay

from .conftest import FINE, RawServer, fail_alongside, html, pass_alongside, paths, quick, run

StartRaw = Callable[[Callable[[socket.socket], None]], RawServer]


def test_retry_after_reads_seconds_and_http_dates() -> None:
    now = 1_700_000_000.0
    assert retry_after({"retry-after": "7"}) == 7.0
    assert retry_after({"retry-after": formatdate(now + 12, usegmt=True)}, now=now) == 12.0
    assert retry_after({"retry-after": formatdate(now - 60, usegmt=True)}, now=now) == 0.0
    assert retry_after({"retry-after": "soon"}) is None
    assert retry_after({}) is None


def test_retry_delay_caps_the_server_and_jitters_otherwise() -> None:
    assert retry_delay(0, {"retry-after": "3600"}, base=1, cap=5, retry_after_cap=30) == 30
    delays = [retry_delay(3, {}, base=1, cap=5, retry_after_cap=30) for _ in range(200)]
    assert all(0 <= d <= 5 for d in delays) and max(delays) > 2.5
    assert all(0 <= backoff(1, base=0.5, cap=10) <= 1.0 for _ in range(100))


@pytest.mark.parametrize(("asked", "cap", "expected"), [("5", 0.3, 0.3), ("1", 30.0, 1.0)])
def test_429_with_retry_after_waits_as_asked_within_the_cap_then_succeeds(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer, asked: str, cap: float, expected: float
) -> None:
    starts: list[float] = []

    def busy_then_fine(request: Request) -> Response:
        starts.append(time.monotonic())
        return (
            html(FINE)
            if len(starts) > 1
            else Response("slow down", status=429, headers={"Retry-After": asked})
        )

    server.expect_request("/p").respond_with_handler(busy_then_fine)
    page = run(
        pass_alongside(
            quick(tmp_path, retry_after_cap=cap), server.url_for("/p"), other_server.url_for("/fine")
        )
    )
    assert (page.status_code, page.content, len(starts)) == (200, FINE, 2)
    assert expected - 0.02 <= starts[1] - starts[0] < expected + 0.5


def test_503_storm_gives_up_after_the_retries_as_http_status(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer
) -> None:
    server.expect_request("/down").respond_with_response(Response("down", status=503))
    err = run(
        fail_alongside(quick(tmp_path, retries=3), server.url_for("/down"), other_server.url_for("/fine"))
    )
    assert (err.kind, err.reason, err.status_code) == (
        "http_status",
        "HTTP 503 Service Unavailable after 4 attempts",
        503,
    )
    assert paths(server) == ["/down"] * 4


@pytest.mark.parametrize(
    ("status", "reason"),
    [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone"), (500, "HTTP 500 Internal Server Error")],
)
def test_other_errors_are_never_retried(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer, status: int, reason: str
) -> None:
    server.expect_request("/gone").respond_with_response(Response("no", status=status))
    err = run(fail_alongside(quick(tmp_path), server.url_for("/gone"), other_server.url_for("/fine")))
    assert (err.kind, err.reason, err.status_code) == ("http_status", reason, status)
    assert paths(server) == ["/gone"]


def test_the_deadline_covers_retries_and_backoff(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer
) -> None:
    # Each Retry-After wait fits in what is left twice (0 s and 0.25 s in), not a third time (0.5 s).
    server.expect_request("/busy").respond_with_response(
        Response("busy", status=503, headers={"Retry-After": "0.25"})
    )
    settings = quick(tmp_path, timeout=0.6, retries=10, retry_after_cap=5.0)
    started = time.monotonic()
    err = run(fail_alongside(settings, server.url_for("/busy"), other_server.url_for("/fine")))
    elapsed = time.monotonic() - started
    assert (err.kind, err.reason) == ("http_status", "HTTP 503 Service Unavailable after 3 attempts")
    assert paths(server) == ["/busy"] * 3
    assert 0.5 <= elapsed < 1.5, elapsed  # loose on top: CI machines are slow; the count above is exact


def test_a_silent_server_is_retried_until_the_page_deadline(
    tmp_path: Path, raw_server: StartRaw, other_server: HTTPServer
) -> None:
    def silent(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n<html>")
        time.sleep(2.0)

    mute = raw_server(silent)
    settings = quick(tmp_path, timeout=0.6, read_timeout=0.15, retries=10)
    started = time.monotonic()
    err = run(fail_alongside(settings, mute.url("/"), other_server.url_for("/fine")))
    elapsed = time.monotonic() - started
    # Read timeouts of 0.15 s each, then the last try runs into the 0.6 s deadline (the fourth, when
    # the machine is not busy); a deadline per attempt would let eleven tries run for 1.65 s.
    assert (err.kind, err.reason) == (
        "timeout",
        f"no complete answer within 0.6 s (--timeout) after {mute.connections} attempts",
    )
    assert mute.connections in (3, 4)
    assert 0.6 <= elapsed < 1.4, elapsed  # well under the 1.65 s a per-attempt deadline would take
