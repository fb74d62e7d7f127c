"""Local files: read only when the user named their folder, never because a web page pointed at one."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from reprint_check.fetch import FetchedPage, FetchError, LocalAwareFetcher, to_file_url

from .conftest import FINE, quick, run

PNG = b"\x89PNG\r\n\x1a\n" + bytes(100)


@pytest.fixture
def named(tmp_path: Path) -> Path:
    """A folder the user named, with a page and a picture in it, and a secret next to it."""
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "copy.html").write_bytes(FINE)
    (folder / "photo.png").write_bytes(PNG)
    (tmp_path / "secret.html").write_bytes(b"<html>secret</html>")
    return folder


async def _page(fetcher: LocalAwareFetcher, url: str) -> FetchedPage | FetchError:
    try:
        return await fetcher.fetch_page(url)
    except FetchError as err:
        return err


async def _image(fetcher: LocalAwareFetcher, url: str, referrer: str) -> FetchedPage | FetchError:
    try:
        return await fetcher.fetch_image(url, referrer=referrer)
    except FetchError as err:
        return err


def _open(tmp_path: Path, named: Path) -> LocalAwareFetcher:
    return LocalAwareFetcher(quick(tmp_path), roots=[named / "copy.html"])


def test_a_named_file_is_read_with_no_charset(tmp_path: Path, named: Path) -> None:
    async def go() -> FetchedPage | FetchError:
        async with _open(tmp_path, named) as fetcher:
            return await _page(fetcher, to_file_url(named / "copy.html"))

    page = run(go())
    assert isinstance(page, FetchedPage)
    assert (page.content, page.content_type, page.charset) == (FINE, "text/html", None)


def test_a_file_outside_the_named_folders_is_refused_even_through_a_symlink(
    tmp_path: Path, named: Path
) -> None:
    (named / "link.html").symlink_to(tmp_path / "secret.html")

    async def go() -> list[FetchedPage | FetchError]:
        async with _open(tmp_path, named) as fetcher:
            urls = [to_file_url(tmp_path / "secret.html"), (named / "link.html").as_uri()]
            return [await _page(fetcher, u) for u in urls]

    for outcome in run(go()):
        assert isinstance(outcome, FetchError)
        assert (outcome.kind, outcome.reason) == (
            "local_file",
            "local file outside the folders named on the command line",
        )


def test_a_web_page_cannot_point_an_image_at_a_local_file(tmp_path: Path, named: Path) -> None:
    photo = to_file_url(named / "photo.png")

    async def go() -> tuple[FetchedPage | FetchError, FetchedPage | FetchError]:
        async with _open(tmp_path, named) as fetcher:
            from_web = await _image(fetcher, photo, "https://copy.example/page")
            from_file = await _image(fetcher, photo, to_file_url(named / "copy.html"))
            return from_web, from_file

    from_web, from_file = run(go())
    assert isinstance(from_web, FetchError)
    assert (from_web.kind, from_web.reason) == ("local_file", "a web page cannot point at a local file")
    assert isinstance(from_file, FetchedPage) and from_file.content == PNG


def test_a_web_redirect_to_a_named_local_file_is_still_refused(
    tmp_path: Path, named: Path, server: HTTPServer
) -> None:
    target = to_file_url(named / "copy.html")
    server.expect_request("/go").respond_with_response(Response(status=302, headers={"Location": target}))

    async def go() -> FetchedPage | FetchError:
        async with _open(tmp_path, named) as fetcher:
            return await _page(fetcher, server.url_for("/go"))

    err = run(go())
    assert isinstance(err, FetchError)
    assert (err.kind, err.reason, err.redirects) == (
        "redirect",
        f"refused a redirect to a non-http(s) URL: {target}",
        (server.url_for("/go"),),
    )


def test_a_saved_page_s_image_with_a_nul_in_its_name_is_an_error_not_a_crash(
    tmp_path: Path, named: Path
) -> None:
    page = to_file_url(named / "copy.html")

    async def go() -> FetchedPage | FetchError:
        async with _open(tmp_path, named) as fetcher:
            return await _image(fetcher, page.rsplit("/", 1)[0] + "/photo%00.png", referrer=page)

    err = run(go())
    assert isinstance(err, FetchError)
    assert (err.kind, err.reason) == ("local_file", "no such file: " + str(named / "photo\0.png"))


def test_a_malformed_web_url_is_a_bad_url_not_a_crash(tmp_path: Path, named: Path) -> None:
    async def go() -> FetchedPage | FetchError:
        async with _open(tmp_path, named) as fetcher:
            return await _page(fetcher, "http://[::1/")

    err = run(go())
    assert isinstance(err, FetchError)
    assert (err.kind, err.reason) == ("bad_url", "not an http(s) URL: http://[::1/")


def test_a_saved_page_never_tells_a_web_server_its_local_path(
    tmp_path: Path, named: Path, server: HTTPServer
) -> None:
    server.expect_request("/photo.png").respond_with_response(Response(PNG, content_type="image/png"))
    pages = [to_file_url(named / "copy.html"), "https://copy.example/page"]

    async def go() -> list[FetchedPage | FetchError]:
        async with _open(tmp_path, named) as fetcher:
            return [await _image(fetcher, server.url_for("/photo.png"), referrer) for referrer in pages]

    assert [getattr(got, "content", got) for got in run(go())] == [PNG, PNG]
    assert [request.headers.get("Referer") for request, _ in server.log] == [None, pages[1]]
