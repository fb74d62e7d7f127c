"""The real `check` command against a local site where most copies cannot be fetched, each its own way.

Each troubled page must end as `error` with the reason the fetch stage gives, while the good copy on
the same site is judged as usual, the source is fetched once, and the exit code says what happened.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner
from werkzeug import Response

from reprint_check.cli import app
from reprint_check.cli_options import fetch_settings
from reprint_check.fetch import FetchSettings
from reprint_check.fetch.challenge import HINT
from tests.images import PICTURES
from tests.rules.harness import FIXTURES, PAGE, SOURCE_IMAGE, expand, source_article

from .conftest import RawServer, paths

StartRaw = Callable[[Callable[[socket.socket], None]], RawServer]
BYLINE = '<p class="byline">By Pavel Orlov, <a href="https://russia-insider.com/">Russia Insider</a></p>'
WALL = b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>cf_chl_opt</body></html>"
FAST = ["--policy", "russia-insider", "-f", "json", "--host-interval", "0", "--timeout", "0.5"]


def _copy(article_html: str) -> str:
    page = PAGE.replace("{html}", article_html).replace("{sidebar}", "").replace("{footer}", "")
    return expand(page, source_article())


def _site(server: HTTPServer) -> None:
    photo = server.url_for("/files/bridge.jpg")
    source = (FIXTURES / "source-article.html").read_text(encoding="utf-8").replace(SOURCE_IMAGE, photo)
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private\n")
    server.expect_request("/source").respond_with_data(source, content_type="text/html; charset=utf-8")
    picture = PICTURES["source"]()
    server.expect_request("/files/bridge.jpg").respond_with_data(picture, content_type="image/jpeg")
    server.expect_request("/good").respond_with_data(
        _copy(f"<article>{BYLINE}{{article}}</article>"), content_type="text/html"
    )
    server.expect_request("/sidebar-credit").respond_with_data(
        _copy("<article>{article}</article>").replace("</body>", f"<aside>{BYLINE}</aside></body>"),
        content_type="text/html",
    )
    server.expect_request("/gone").respond_with_data("no", status=404)
    server.expect_request("/private/copy").respond_with_data(_copy("<article>{article}</article>"))
    server.expect_request("/wall").respond_with_data(WALL, status=503, content_type="text/html")
    server.expect_request("/doc.pdf").respond_with_data(b"%PDF-1.7\x00", content_type="application/pdf")
    server.expect_request("/go").respond_with_response(
        Response(status=302, headers={"Location": "file:///etc/passwd"})
    )


def _drip(conn: socket.socket) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n<html>")
    for _ in range(60):
        conn.sendall(b"<p>")
        time.sleep(0.05)


def _check(*args: str) -> tuple[int, dict[str, dict[str, Any]]]:
    result = CliRunner().invoke(app, ["check", *args, *FAST])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    report = json.loads(result.stdout)
    return result.exit_code, {r["url"]: r for r in report["results"]}


def test_each_troubled_copy_is_an_error_with_its_reason_and_the_run_exits_3(
    tmp_path: Path, server: HTTPServer, raw_server: StartRaw
) -> None:
    _site(server)
    slow = raw_server(_drip).url("/slow")
    expected = {
        server.url_for("/gone"): "HTTP 404 Not Found",
        slow: "no complete answer within 0.5 s (--timeout)",
        server.url_for("/private/copy"): "disallowed by robots.txt",
        server.url_for("/wall"): (
            f"could not check: the site answered with a bot challenge (HTTP 503, Cloudflare); hint: {HINT}"
        ),
        server.url_for("/doc.pdf"): "not an HTML page (content type application/pdf)",
        server.url_for("/go"): "refused a redirect to a non-http(s) URL: file:///etc/passwd",
    }
    good = server.url_for("/good")
    code, results = _check(server.url_for("/source"), good, *expected, "--no-cache")
    assert {url: (r["status"], r["reason"]) for url, r in results.items() if url != good} == {
        url: ("error", reason) for url, reason in expected.items()
    }
    assert (results[good]["status"], results[good]["reason"]) == ("pass", None)
    assert results[server.url_for("/go")]["redirects"] == [server.url_for("/go")]
    assert code == 3
    assert paths(server).count("/source") == 1
    assert paths(server).count("/robots.txt") == 1
    assert "/private/copy" not in paths(server)
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("with_cache", [False, True])
def test_a_violation_exits_1_even_beside_an_unfetchable_copy(
    tmp_path: Path, server: HTTPServer, with_cache: bool
) -> None:
    _site(server)
    cache = tmp_path / "cache"
    flags = ["--cache-dir", str(cache)] if with_cache else ["--no-cache"]
    urls = [server.url_for(p) for p in ("/good", "/sidebar-credit", "/gone")]
    code, results = _check(server.url_for("/source"), *urls, *flags)
    assert [results[u]["status"] for u in urls] == ["pass", "fail", "error"]
    assert code == 1
    assert (cache / "http-cache-v2.sqlite").exists() is with_cache


def test_the_fetch_flags_reach_the_settings() -> None:
    settings = fetch_settings(
        timeout=7.0,
        concurrency=3,
        per_host=1,
        host_interval=2.0,
        max_bytes=4096,
        ignore_robots=True,
        user_agent="audit-bot/2 (+https://publisher.example/bot)",
        no_cache=True,
        cache_dir=Path("c"),
        max_image_bytes=8192,
        retries=0,
        max_redirects=2,
    )
    assert settings == FetchSettings(
        timeout=7.0,
        concurrency=3,
        per_host=1,
        host_interval=2.0,
        max_bytes=4096,
        respect_robots=False,
        user_agent="audit-bot/2 (+https://publisher.example/bot)",
        use_cache=False,
        cache_dir=Path("c"),
        max_image_bytes=8192,
        retries=0,
        max_redirects=2,
    )
    assert settings.robots_token == "audit-bot"
