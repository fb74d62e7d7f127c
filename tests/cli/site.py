"""A local site for end-to-end `check` runs: the source article, its photo, and copies of it.

The source is tests/fixtures/source-article.html with its photo moved onto the local server, so the
perceptual-hash check can download both the source photo and a copy's re-hosted one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from typer.testing import CliRunner

from reprint_check.cli import app
from tests.images import PICTURES
from tests.rules.harness import FIXTURES, PAGE, SOURCE_IMAGE, expand, source_article

ARTICLE_LINK = "https://russia-insider.com/en/rail-link-northern-ports-opens"
BYLINE = f'<p class="byline">By Pavel Orlov, <a href="{ARTICLE_LINK}">Russia Insider</a></p>'
BLOGROLL = (
    '<section class="widget widget_links"><h2>Blogroll</h2><ul class="blogroll">'
    '<li><a href="https://russia-insider.com/">Russia Insider</a></li></ul></section>'
)

# path -> (article html, sidebar html); placeholders as in tests/rules/harness.py.
COPIES: dict[str, tuple[str, str]] = {
    "/pass": (f"<article>{BYLINE}{{article}}</article>", ""),
    "/credit-in-sidebar": ("<article>{article}</article>", BLOGROLL),
    "/nofollow": (f"<article>{BYLINE.replace('<a ', '<a rel=nofollow ')}{{article}}</article>", ""),
    "/hotlinked": (f'<article>{BYLINE}<img src="{{source_image}}" alt="bridge">{{article}}</article>', ""),
    "/rehosted": (
        f'<article>{BYLINE}<img src="/uploads/bridge-2026.jpg" alt="bridge">{{article}}</article>',
        "",
    ),
    "/own-photos": (
        f'<article>{BYLINE}<img src="/uploads/our-reporter.jpg" alt="ours">{{article}}</article>',
        '<section class="widget"><img src="/uploads/logo.png" alt="logo"></section>',
    ),
    "/video": (
        f"<article>{BYLINE}{{article}}"
        '<iframe src="https://www.youtube-nocookie.com/embed/Rk9aX2bQ0dE?rel=0"></iframe></article>',
        "",
    ),
    "/edited": (f"<article>{BYLINE}{{edited}}</article>", ""),
    "/teaser": ("<ul><li><a href='/x'>{first_sentence}</a></li></ul>", ""),
}


@dataclass
class Site:
    server: HTTPServer

    @property
    def source(self) -> str:
        return self.server.url_for("/en/rail-link")

    def url(self, path: str) -> str:
        return self.server.url_for(path)


def _source_html(image_url: str) -> str:
    return (FIXTURES / "source-article.html").read_text(encoding="utf-8").replace(SOURCE_IMAGE, image_url)


def _copy_html(template: tuple[str, str], image_url: str) -> str:
    article = source_article()
    html, sidebar = template
    first_sentence = article.paragraphs[0].split(". ")[0] + "."
    html = html.replace("{source_image}", image_url).replace("{first_sentence}", first_sentence)
    return expand(PAGE.replace("{html}", html).replace("{sidebar}", sidebar).replace("{footer}", ""), article)


@pytest.fixture
def site(httpserver: HTTPServer) -> Iterator[Site]:
    image_url = httpserver.url_for("/files/rail-bridge-at-dusk.jpg")
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/en/rail-link").respond_with_data(
        _source_html(image_url), content_type="text/html"
    )
    pictures = {
        "/files/rail-bridge-at-dusk.jpg": PICTURES["source"](),
        "/uploads/bridge-2026.jpg": PICTURES["source-resized"](),
        "/uploads/our-reporter.jpg": PICTURES["unrelated"](),
        "/uploads/logo.png": PICTURES["logo"](),
    }
    for path, data in pictures.items():
        kind = "image/png" if path.endswith(".png") else "image/jpeg"
        httpserver.expect_request(path).respond_with_data(data, content_type=kind)
    httpserver.expect_request("/gone").respond_with_data("Not Found", status=404, content_type="text/html")
    for path, template in COPIES.items():
        body = _copy_html(template, image_url)
        httpserver.expect_request(path).respond_with_data(body, content_type="text/html; charset=utf-8")
    yield Site(httpserver)


FAST = ["--host-interval", "0", "--no-cache", "--timeout", "5"]


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.stdout)
        return data

    def results(self) -> dict[str, dict[str, Any]]:
        return {r["url"]: r for r in self.json()["results"]}


def invoke(*args: str, stdin: str | None = None) -> Run:
    result = CliRunner().invoke(app, list(args), input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def check(site: Site, *paths: str, policy: str = "russia-insider", extra: tuple[str, ...] = ()) -> Run:
    return invoke("check", site.source, *(site.url(p) for p in paths), "--policy", policy, *FAST, *extra)


def finding(result: dict[str, Any], rule: str) -> dict[str, Any]:
    (found,) = [f for f in result["findings"] if f["rule"] == rule]
    return found
