"""HttpFetcher against real servers: pages, redirects, limits, deadlines, broken connections."""

from __future__ import annotations

import socket
import struct
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from reprint_check import TOOL_URL, __version__
from reprint_check.fetch import FetchError, open_fetcher
from reprint_check.page.dom import detect_encoding

from .conftest import FINE, RawServer, fail_alongside, fetch_page, html, pass_alongside, paths, quick, run

StartRaw = Callable[[Callable[[socket.socket], None]], RawServer]


def test_page_carries_bytes_headers_header_charset_and_user_agent(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_response(html(content_type="text/html; charset=ISO-8859-1"))

    async def go() -> None:
        async with open_fetcher(quick(tmp_path)) as fetcher:
            page = await fetcher.fetch_page(server.url_for("/a"))
        assert (page.content, page.charset, page.content_type) == (FINE, "iso-8859-1", "text/html")
        assert (page.status_code, page.final_url, page.redirects, page.from_cache) == (
            200,
            page.url,
            (),
            False,
        )

    run(go())
    request = server.log[0][0]
    assert request.headers["User-Agent"] == f"reprint-check/{__version__} (+{TOOL_URL})"
    assert request.headers["Accept-Encoding"] == "gzip, deflate"


def test_windows_1252_page_with_meta_only_keeps_raw_bytes_and_no_charset(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer
) -> None:
    raw = '<html><head><meta charset="windows-1252"></head><body>Caf\u00e9 \u2014 \u201cq\u201d'.encode(
        "cp1252"
    )
    assert b"\xe9 \x97 \x93q\x94" in raw
    server.expect_request("/cp").respond_with_response(html(raw, content_type="text/html"))
    page = run(pass_alongside(quick(tmp_path), server.url_for("/cp"), other_server.url_for("/fine")))
    assert (page.content, page.charset) == (raw, None)
    # The page stage then finds the charset in <meta>.
    assert detect_encoding(page.content, page.charset) == "cp1252"


def test_missing_content_type_is_sniffed_for_html(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/bare").respond_with_response(
        html(b"\xef\xbb\xbf  <!DOCTYPE html><p>x", content_type=None)
    )
    page = run(fetch_page(quick(tmp_path), server.url_for("/bare")))
    assert (page.content_type, page.content) == (None, b"\xef\xbb\xbf  <!DOCTYPE html><p>x")


@pytest.mark.parametrize(
    ("content_type", "reason"),
    [
        ("application/pdf", "not an HTML page (content type application/pdf)"),
        (None, "not an HTML page (no content type, and the body does not start like HTML)"),
    ],
)
def test_binary_body_is_a_content_type_error_naming_the_type(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer, content_type: str | None, reason: str
) -> None:
    server.expect_request("/doc").respond_with_response(
        html(b"%PDF-1.7\x00\x01\x02", content_type=content_type)
    )
    err = run(fail_alongside(quick(tmp_path), server.url_for("/doc"), other_server.url_for("/fine")))
    assert (err.kind, err.reason, err.status_code) == ("content_type", reason, 200)


@pytest.mark.parametrize("chunked", [False, True])
def test_oversize_page_is_too_large(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer, chunked: bool
) -> None:
    big = b"<html>" + b"x" * 5000
    body = iter([big[:2000], big[2000:]]) if chunked else big
    server.expect_request("/big").respond_with_response(Response(body, content_type="text/html"))
    err = run(
        fail_alongside(quick(tmp_path, max_bytes=4000), server.url_for("/big"), other_server.url_for("/fine"))
    )
    assert (err.kind, err.reason) == ("too_large", "page larger than 4 KB (--max-bytes)")


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_compressed_page_is_decoded(tmp_path: Path, server: HTTPServer, encoding: str) -> None:
    packed = zlib.compressobj(wbits=31 if encoding == "gzip" else 15)
    body = packed.compress(FINE) + packed.flush()
    server.expect_request("/z").respond_with_response(html(body, **{"Content-Encoding": encoding}))
    assert run(fetch_page(quick(tmp_path), server.url_for("/z"))).content == FINE


def test_redirect_chain_is_followed_and_recorded_across_hosts(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer
) -> None:
    server.expect_request("/a").respond_with_response(Response(status=301, headers={"Location": "/b"}))
    end = other_server.url_for("/fine")
    server.expect_request("/b").respond_with_response(Response(status=302, headers={"Location": end}))
    page = run(pass_alongside(quick(tmp_path), server.url_for("/a"), other_server.url_for("/fine")))
    assert (page.url, page.final_url, page.content) == (server.url_for("/a"), end, FINE)
    assert page.redirects == (server.url_for("/a"), server.url_for("/b"))


def test_redirect_loop_is_a_redirect_error(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer
) -> None:
    server.expect_request("/x").respond_with_response(Response(status=302, headers={"Location": "/y"}))
    server.expect_request("/y").respond_with_response(Response(status=307, headers={"Location": "/x"}))
    x, y = server.url_for("/x"), server.url_for("/y")
    err = run(fail_alongside(quick(tmp_path), x, other_server.url_for("/fine")))
    assert (err.kind, err.reason) == ("redirect", f"redirect loop: {x} -> {y} -> {x}")
    assert (err.url, err.final_url, err.redirects) == (x, y, (x, y))


def test_too_many_redirects(tmp_path: Path, server: HTTPServer) -> None:
    for n in range(6):
        server.expect_request(f"/r{n}").respond_with_response(
            Response(status=302, headers={"Location": f"/r{n + 1}"})
        )
    with pytest.raises(FetchError) as caught:
        run(fetch_page(quick(tmp_path, max_redirects=3), server.url_for("/r0")))
    assert (caught.value.kind, caught.value.reason) == ("redirect", "more than 3 redirects (--max-redirects)")
    assert len(caught.value.redirects) == 4


@pytest.mark.parametrize(
    "target", ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "data:,hi"]
)
def test_redirect_to_a_non_http_scheme_is_refused(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer, target: str
) -> None:
    server.expect_request("/go").respond_with_response(Response(status=302, headers={"Location": target}))
    err = run(fail_alongside(quick(tmp_path), server.url_for("/go"), other_server.url_for("/fine")))
    assert (err.kind, err.reason) == ("redirect", f"refused a redirect to a non-http(s) URL: {target}")
    assert paths(server) == ["/go"]


def test_slow_drip_hits_the_deadline_quickly_and_is_not_retried(
    tmp_path: Path, raw_server: StartRaw, other_server: HTTPServer
) -> None:
    def drip(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html>")
        for _ in range(100):
            conn.sendall(b"<p>")
            time.sleep(0.05)

    slow = raw_server(drip)
    started = time.monotonic()
    err = run(fail_alongside(quick(tmp_path, timeout=0.5), slow.url("/slow"), other_server.url_for("/fine")))
    assert (err.kind, err.reason, err.url) == (
        "timeout",
        "no complete answer within 0.5 s (--timeout)",
        slow.url("/slow"),
    )
    assert time.monotonic() - started < 2.0
    assert slow.connections == 1


def test_connection_reset_is_a_network_error_after_retries(
    tmp_path: Path, raw_server: StartRaw, other_server: HTTPServer
) -> None:
    def reset(conn: socket.socket) -> None:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    rst = raw_server(reset)
    err = run(fail_alongside(quick(tmp_path, retries=2), rst.url("/"), other_server.url_for("/fine")))
    assert err.kind == "network"
    assert err.reason.startswith("connection failed (") and err.reason.endswith(") after 3 attempts"), (
        err.reason
    )
    assert rst.connections == 3


def test_refused_connection_is_a_network_error(tmp_path: Path) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        run(fetch_page(quick(tmp_path, retries=1), f"http://127.0.0.1:{port}/"))
    assert caught.value.kind == "network"
    assert caught.value.reason.startswith("could not connect (") and caught.value.reason.endswith(
        "after 2 attempts"
    )


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "no-such-file.html", "http://"])
def test_a_non_http_url_is_a_bad_url(tmp_path: Path, url: str) -> None:
    with pytest.raises(FetchError) as caught:
        run(fetch_page(quick(tmp_path), url))
    assert (caught.value.kind, caught.value.reason) == ("bad_url", f"not an http(s) URL: {url}")


@pytest.mark.parametrize("url", ["http://127.0.0.1:abc/", "http://127.0.0.1:99999/", "http://[::1/"])
def test_a_url_with_a_broken_host_or_port_is_a_bad_url(tmp_path: Path, url: str) -> None:
    with pytest.raises(FetchError) as caught:
        run(fetch_page(quick(tmp_path), url))
    assert (caught.value.kind, caught.value.reason) == ("bad_url", f"not an http(s) URL: {url}")


@pytest.mark.parametrize("target", ["http://127.0.0.1:99999/x", "http://127.0.0.1:port/x", "http://[::1/x"])
def test_a_redirect_to_a_malformed_url_is_refused_not_a_crash(
    tmp_path: Path, raw_server: StartRaw, other_server: HTTPServer, target: str
) -> None:
    def redirect(conn: socket.socket) -> None:
        conn.sendall(f"HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\n\r\n".encode())

    site = raw_server(redirect)
    err = run(fail_alongside(quick(tmp_path), site.url("/go"), other_server.url_for("/fine")))
    assert (err.kind, err.reason) == ("redirect", f"refused a redirect to a malformed URL: {target}")
    assert (err.url, err.redirects) == (site.url("/go"), (site.url("/go"),))
    assert site.connections == 1
