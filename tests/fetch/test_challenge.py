"""Bot walls are reported as such (and not retried), plain 403s stay plain errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from reprint_check.fetch.challenge import HINT, challenge_vendor

from .conftest import fail_alongside, paths, quick, run

CLOUDFLARE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>cf_chl_opt</body></html>"
)


@pytest.mark.parametrize("status", [403, 429, 503])
def test_a_challenge_page_is_a_challenge_and_is_not_retried(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer, status: int
) -> None:
    server.expect_request("/wall").respond_with_response(
        Response(CLOUDFLARE, status=status, content_type="text/html")
    )
    err = run(
        fail_alongside(quick(tmp_path, retries=3), server.url_for("/wall"), other_server.url_for("/fine"))
    )
    assert (err.kind, err.status_code) == ("challenge", status)
    assert err.reason == (
        f"could not check: the site answered with a bot challenge (HTTP {status}, Cloudflare); hint: {HINT}"
    )
    assert paths(server) == ["/wall"]


def test_a_challenge_header_is_enough_even_with_an_empty_body(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer
) -> None:
    server.expect_request("/wall").respond_with_response(
        Response(status=403, headers={"cf-mitigated": "challenge"})
    )
    err = run(fail_alongside(quick(tmp_path), server.url_for("/wall"), other_server.url_for("/fine")))
    assert (err.kind, err.status_code) == ("challenge", 403)


def test_a_plain_403_is_an_http_status_error(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer
) -> None:
    server.expect_request("/no").respond_with_response(Response("<h1>Forbidden</h1>", status=403))
    err = run(fail_alongside(quick(tmp_path), server.url_for("/no"), other_server.url_for("/fine")))
    assert (err.kind, err.reason, err.status_code) == ("http_status", "HTTP 403 Forbidden", 403)


@pytest.mark.parametrize(
    ("body", "vendor"),
    [
        (b"<title>Attention Required! | Cloudflare</title>", "Cloudflare"),
        (b"Checking your browser before accessing", "a browser check"),
        (b"<script src='/ddos-guard/js'>", "DDoS-Guard"),
        (b"Sucuri WebSite Firewall - Access Denied", "Sucuri"),
        (b"<iframe src='/_Incapsula_Resource?x'>", "Imperva Incapsula"),
        (b"<div class='g-recaptcha'>", "a CAPTCHA"),
        (b"<h1>Forbidden</h1>", None),
    ],
)
def test_challenge_markers(body: bytes, vendor: str | None) -> None:
    assert challenge_vendor(403, {}, body) == vendor
    assert challenge_vendor(404, {}, body) is None
