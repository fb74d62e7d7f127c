"""The on-disk cache: repeat runs revalidate (a 304 serves the stored body); errors are never stored."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reprint_check.fetch import FetchError, FetchSettings

from .conftest import FINE, fetch_page, html, quick, run


class Origin:
    """A page with a validator; counts full answers and 304s, and can change its content."""

    def __init__(self, validator: str) -> None:
        self.validator = validator
        self.body = FINE
        self.version = "v1"
        self.full = 0
        self.not_modified = 0
        self._lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        etag, stamp = f'"{self.version}"', "Mon, 02 Jan 2023 10:00:00 GMT"
        known = (
            request.headers.get("If-None-Match") == etag or request.headers.get("If-Modified-Since") == stamp
        )
        with self._lock:
            if known and self.version == "v1":
                self.not_modified += 1
                return Response(status=304)
            self.full += 1
        headers = {"ETag": etag} if self.validator == "etag" else {"Last-Modified": stamp}
        return html(self.body, **headers, **{"Cache-Control": "max-age=3600"})


def _cached(tmp_path: Path) -> FetchSettings:
    return quick(tmp_path, use_cache=True)


@pytest.mark.parametrize("validator", ["etag", "last-modified"])
def test_a_repeat_run_revalidates_and_serves_the_stored_page_on_304(
    tmp_path: Path, server: HTTPServer, validator: str
) -> None:
    origin = Origin(validator)
    server.expect_request("/p").respond_with_handler(origin)
    first = run(fetch_page(_cached(tmp_path), server.url_for("/p")))
    second = run(fetch_page(_cached(tmp_path), server.url_for("/p")))
    assert (first.from_cache, second.from_cache) == (False, True)
    assert (second.content, second.status_code, second.content_type) == (FINE, 200, "text/html")
    assert (origin.full, origin.not_modified) == (1, 1)


def test_a_changed_page_is_fetched_again(tmp_path: Path, server: HTTPServer) -> None:
    origin = Origin("etag")
    server.expect_request("/p").respond_with_handler(origin)
    run(fetch_page(_cached(tmp_path), server.url_for("/p")))
    origin.version, origin.body = "v2", b"<html><p>fixed credit line</p></html>"
    again = run(fetch_page(_cached(tmp_path), server.url_for("/p")))
    assert (again.from_cache, again.content, origin.full) == (
        False,
        b"<html><p>fixed credit line</p></html>",
        2,
    )


@pytest.mark.parametrize(("status", "reason"), [(403, "HTTP 403 Forbidden"), (404, "HTTP 404 Not Found")])
def test_errors_are_never_cached(tmp_path: Path, server: HTTPServer, status: int, reason: str) -> None:
    answers = iter([Response("no", status=status, headers={"Cache-Control": "max-age=3600", "ETag": '"e"'})])
    seen: list[str | None] = []

    def once_missing(request: Request) -> Response:
        seen.append(request.headers.get("If-None-Match"))
        return next(answers, html(FINE))

    server.expect_request("/p").respond_with_handler(once_missing)
    with pytest.raises(FetchError) as caught:
        run(fetch_page(_cached(tmp_path), server.url_for("/p")))
    assert (caught.value.kind, caught.value.reason) == ("http_status", reason)
    page = run(fetch_page(_cached(tmp_path), server.url_for("/p")))
    assert (page.content, page.from_cache, seen) == (FINE, False, [None, None])


def test_no_cache_setting_never_sends_validators(tmp_path: Path, server: HTTPServer) -> None:
    origin = Origin("etag")
    server.expect_request("/p").respond_with_handler(origin)
    for _ in range(2):
        assert not run(fetch_page(quick(tmp_path, use_cache=False), server.url_for("/p"))).from_cache
    assert (origin.full, origin.not_modified) == (2, 0)
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("chunked", [False, True])
def test_a_body_cut_at_the_cap_is_never_stored(tmp_path: Path, server: HTTPServer, chunked: bool) -> None:
    big = b"<html>" + b"x" * 5000
    served: list[str | None] = []

    def page(request: Request) -> Response:
        served.append(request.headers.get("If-None-Match"))
        body = iter([big[:2000], big[2000:]]) if chunked else big
        headers = {"ETag": '"big"', "Cache-Control": "max-age=60"}
        return Response(body, content_type="text/html", headers=headers)

    server.expect_request("/big").respond_with_handler(page)
    with pytest.raises(FetchError) as caught:
        run(fetch_page(quick(tmp_path, use_cache=True, max_bytes=4000), server.url_for("/big")))
    assert caught.value.kind == "too_large"
    whole = run(fetch_page(quick(tmp_path, use_cache=True, max_bytes=10_000), server.url_for("/big")))
    assert (whole.content, whole.from_cache, served) == (big, False, [None, None])


def test_an_unreadable_cache_file_is_one_warning_and_pages_are_still_fetched(
    tmp_path: Path, server: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    from reprint_check.fetch.http import CACHE_FILE

    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / CACHE_FILE).write_bytes(b"this is not a database" * 100)
    server.expect_request("/a").respond_with_response(html(FINE))
    settings = quick(tmp_path, use_cache=True, cache_dir=tmp_path / "cache")
    for _ in range(2):
        page = run(fetch_page(settings, server.url_for("/a")))
        assert page.status_code == 200 and page.content == FINE
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 2, "one per run"
    assert "HTTP cache" in warnings[0].getMessage() and "without it" in warnings[0].getMessage()
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
