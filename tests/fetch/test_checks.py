"""Images through the fetcher: type by header or magic bytes, their own size cap, the referrer sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reprint_check.fetch import FetchedPage, FetchError, FetchSettings, HttpFetcher
from reprint_check.fetch.checks import status_line

from .conftest import html, quick, run

PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


async def _image(settings: FetchSettings, url: str, referrer: str | None = None) -> FetchedPage:
    async with HttpFetcher(settings) as fetcher:
        return await fetcher.fetch_image(url, referrer=referrer)


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [("image/png", "image/png"), ("application/octet-stream", "image/png"), (None, "image/png")],
)
def test_an_image_is_known_by_its_header_or_its_magic_bytes(
    tmp_path: Path, server: HTTPServer, content_type: str | None, expected: str
) -> None:
    server.expect_request("/i").respond_with_response(html(PNG, content_type=content_type))
    image = run(_image(quick(tmp_path), server.url_for("/i"), referrer="https://copy.example/page"))
    assert (image.content, image.content_type) == (PNG, expected)
    assert server.log[0][0].headers["Referer"] == "https://copy.example/page"
    assert server.log[0][0].headers["Accept"].startswith("image/")


def test_a_page_where_an_image_should_be_is_a_content_type_error(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/i").respond_with_response(html(b"<html>hotlinking not allowed</html>"))
    with pytest.raises(FetchError) as caught:
        run(_image(quick(tmp_path), server.url_for("/i")))
    assert (caught.value.kind, caught.value.reason) == (
        "content_type",
        "not an image (content type text/html)",
    )


def test_images_have_their_own_size_cap(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/i").respond_with_response(html(PNG * 10, content_type="image/png"))
    with pytest.raises(FetchError) as caught:
        run(_image(quick(tmp_path, max_image_bytes=1000, max_bytes=10 * 1000 * 1000), server.url_for("/i")))
    assert (caught.value.kind, caught.value.reason) == (
        "too_large",
        "image larger than 1 KB (--max-image-bytes)",
    )


@pytest.mark.parametrize(
    ("status", "phrase", "line"),
    [(404, "", "HTTP 404 Not Found"), (599, "Odd", "HTTP 599 Odd"), (599, "", "HTTP 599")],
)
def test_status_line(status: int, phrase: str, line: str) -> None:
    assert status_line(status, phrase) == line


def test_an_image_is_revalidated_through_the_cache(tmp_path: Path, server: HTTPServer) -> None:
    seen: list[str | None] = []

    def tagged(request: Request) -> Response:
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"img1"':
            return Response(status=304)
        return html(PNG, content_type="image/png", ETag='"img1"', **{"Cache-Control": "max-age=3600"})

    server.expect_request("/i").respond_with_handler(tagged)
    settings = quick(tmp_path, use_cache=True)
    first = run(_image(settings, server.url_for("/i")))
    second = run(_image(settings, server.url_for("/i")))
    assert (first.from_cache, second.from_cache, second.content) == (False, True, PNG)
    assert seen == [None, '"img1"']
