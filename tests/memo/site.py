"""A local site whose pages can change between two runs: the source article, its photo, copies of it
and their photos, served with ETags so a re-run gets 304s from the HTTP cache, as in real use."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.cli.site import BYLINE
from tests.images import PICTURES
from tests.rules.harness import FIXTURES, PAGE, SOURCE_IMAGE, expand, source_article

POLICY = """id = "memo-test"
title = "Test terms"
summary = "Credit and backlink; not the photos."
[publisher]
names = ["Russia Insider"]
domains = ["russia-insider.com"]
[rules.credit]
[rules.backlink]
nofollow = "{nofollow}"
[rules.excluded-images]
[rules.text-fidelity]
edits = "allowed"
"""

COPIES = {
    "/pass": f"<article>{BYLINE}{{article}}</article>",
    "/nofollow": f"<article>{BYLINE.replace('<a ', '<a rel=nofollow ')}{{article}}</article>",
    "/rehosted": f'<article>{BYLINE}<img src="/uploads/photo.jpg" alt="bridge">{{article}}</article>',
    "/own-photo": f'<article>{BYLINE}<img src="/uploads/ours.jpg" alt="ours">{{article}}</article>',
    "/teaser": "<ul><li><a href='/x'>{first_sentence}</a></li></ul>",
}
IMAGES = {
    "/files/bridge.jpg": "source",
    "/uploads/photo.jpg": "source-resized",
    "/uploads/ours.jpg": "unrelated",
}


@dataclass
class Site:
    """`bodies` maps a path to what it serves; change one between runs."""

    server: HTTPServer
    bodies: dict[str, tuple[bytes, str]] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.server.url_for(path)

    @property
    def copies(self) -> list[str]:
        return [self.url(p) for p in COPIES]

    def serve(self, request: Request) -> Response:
        if request.path not in self.bodies:
            return Response("Not Found", status=404, content_type="text/html")
        body, kind = self.bodies[request.path]
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type=kind, headers={"ETag": etag})

    def set_page(self, path: str, html: str) -> None:
        self.bodies[path] = (html.encode(), "text/html; charset=utf-8")

    def set_image(self, path: str, picture: str) -> None:
        self.bodies[path] = (PICTURES[picture](), "image/jpeg")


def copy_html(template: str) -> str:
    article = source_article()
    first_sentence = article.paragraphs[0].split(". ")[0] + "."
    html = template.replace("{first_sentence}", first_sentence)
    return expand(PAGE.replace("{html}", html).replace("{sidebar}", "").replace("{footer}", ""), article)


def build(server: HTTPServer) -> Site:
    site = Site(server)
    source = (FIXTURES / "source-article.html").read_text(encoding="utf-8")
    site.set_page("/source", source.replace(SOURCE_IMAGE, site.url("/files/bridge.jpg")))
    site.bodies["/robots.txt"] = (b"User-agent: *\nAllow: /\n", "text/plain")
    for path, picture in IMAGES.items():
        site.set_image(path, picture)
    for path, template in COPIES.items():
        site.set_page(path, copy_html(template))
    server.expect_request(re.compile(".*")).respond_with_handler(site.serve)
    return site


def write_policy(folder: Path, nofollow: str = "warn") -> Path:
    path = folder / "policy.toml"
    path.write_text(POLICY.replace("{nofollow}", nofollow))
    return path
