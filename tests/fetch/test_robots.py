"""robots.txt per RFC 9309: rules obeyed, read once per origin, 4xx allows, 5xx/unreachable disallows."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from reprint_check.fetch import FetchedPage, FetchError, HttpFetcher
from reprint_check.fetch.robots import rules_from_answer, unreachable

from .conftest import FINE, fail_alongside, fetch_page, html, paths, quick, run

RULES = "User-agent: *\nDisallow: /private\n"
# A group naming us replaces the `*` group for us (RFC 9309 2.2.1).
OUR_RULES = RULES + "\nUser-agent: reprint-check\nDisallow: /no-tools\n"


def _site(server: HTTPServer, robots: Response) -> None:
    server.expect_request("/robots.txt").respond_with_response(robots)
    for path in ("/public", "/private/a", "/no-tools/b"):
        server.expect_request(path).respond_with_response(html())


def test_disallowed_pages_fail_allowed_pages_pass_and_robots_is_read_once(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer
) -> None:
    _site(server, Response(RULES, content_type="text/plain"))
    urls = [server.url_for(p) for p in ("/public", "/private/a", "/public", "/no-tools/b")]
    public, private, again, no_tools, neighbour = run(
        _gather(tmp_path, [*urls, other_server.url_for("/fine")])
    )
    assert [getattr(p, "content", None) for p in (public, again, no_tools, neighbour)] == [FINE] * 4
    assert isinstance(private, FetchError)
    assert (private.kind, private.reason) == ("robots", "disallowed by robots.txt")
    assert sorted(paths(server)) == ["/no-tools/b", "/public", "/public", "/robots.txt"]


def test_a_group_naming_our_product_token_replaces_the_star_group(tmp_path: Path, server: HTTPServer) -> None:
    _site(server, Response(OUR_RULES, content_type="text/plain"))
    private, no_tools = run(_gather(tmp_path, [server.url_for("/private/a"), server.url_for("/no-tools/b")]))
    assert getattr(private, "content", None) == FINE
    assert isinstance(no_tools, FetchError)
    assert (no_tools.kind, no_tools.reason) == ("robots", "disallowed by robots.txt")


async def _gather(tmp_path: Path, urls: list[str]) -> list[FetchedPage | BaseException]:
    async with HttpFetcher(quick(tmp_path, respect_robots=True)) as fetcher:
        return await asyncio.gather(*(fetcher.fetch_page(u) for u in urls), return_exceptions=True)


def test_ignoring_robots_fetches_disallowed_pages_without_asking(tmp_path: Path, server: HTTPServer) -> None:
    _site(server, Response(RULES, content_type="text/plain"))
    page = run(fetch_page(quick(tmp_path, respect_robots=False), server.url_for("/private/a")))
    assert page.content == FINE
    assert paths(server) == ["/private/a"]


@pytest.mark.parametrize("status", [404, 401, 403])
def test_a_4xx_robots_txt_allows_everything(tmp_path: Path, server: HTTPServer, status: int) -> None:
    _site(server, Response("nope", status=status))
    page = run(fetch_page(quick(tmp_path, respect_robots=True), server.url_for("/private/a")))
    assert page.content == FINE


def test_a_5xx_robots_txt_disallows_everything(
    tmp_path: Path, server: HTTPServer, other_server: HTTPServer
) -> None:
    _site(server, Response("broken", status=500))
    settings = quick(tmp_path, respect_robots=True)
    err = run(fail_alongside(settings, server.url_for("/public"), other_server.url_for("/fine")))
    assert err.kind == "robots"
    assert err.reason == (
        "disallowed by robots.txt: robots.txt answered HTTP 500, which RFC 9309 treats as disallow-all"
    )
    assert paths(server) == ["/robots.txt"]


def test_an_unreachable_robots_txt_disallows_everything() -> None:
    rules = unreachable("could not connect (refused)")
    assert rules.denial("http://a.example/x", "reprint-check") == (
        "disallowed by robots.txt: robots.txt could not be fetched (could not connect (refused)),"
        " which RFC 9309 treats as disallow-all"
    )


def test_rules_match_our_product_token_only_at_a_token_boundary() -> None:
    rules = rules_from_answer(200, b"User-agent: check\nDisallow: /\n")
    assert rules.denial("http://a.example/x", "reprint-check") is None
    assert rules_from_answer(200, b"User-agent: reprint-check\nDisallow: /\n").denial(
        "http://a.example/x", "reprint-check"
    ) == ("disallowed by robots.txt")


def test_an_unreachable_host_is_reported_as_the_network_error_not_as_a_rule(tmp_path: Path) -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        run(fetch_page(quick(tmp_path, respect_robots=True, retries=0), f"http://127.0.0.1:{port}/a"))
    assert caught.value.kind == "network"
    assert caught.value.reason.startswith("could not connect (")
    assert caught.value.reason.endswith("(while reading robots.txt)")


def test_a_site_that_does_not_answer_is_still_never_fetched() -> None:
    rules = unreachable("could not connect (refused)", site_down=True)
    assert rules.denial("http://a.example/x", "reprint-check") == (
        "could not connect (refused) (while reading robots.txt)"
    )


def test_a_robots_txt_declared_larger_than_the_cap_is_read_up_to_it(
    tmp_path: Path, server: HTTPServer
) -> None:
    # RFC 9309 2.5: parse the first 500 KiB; a long file is no reason to disallow the whole site.
    _site(server, Response(RULES + "#" * 600_000, content_type="text/plain"))
    private, public = run(_gather(tmp_path, [server.url_for("/private/a"), server.url_for("/public")]))
    assert isinstance(private, FetchError)
    assert (private.kind, private.reason) == ("robots", "disallowed by robots.txt")
    assert getattr(public, "content", None) == FINE
