"""A local site whose copies can change between runs, and helpers to write audit files for it.

The pages are the bundled examples: the source article at /story and copies under /copies/,
each built from examples/copies/pass-blog-copy.html with one term of the license broken or not.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PASS_COPY = (EXAMPLES / "copies" / "pass-blog-copy.html").read_text(encoding="utf-8")
CREDIT_LINK = (
    'Republished from <a href="https://northfieldcourier.example/2026/11/harbor-ferry-returns">'
    "The Northfield Courier</a>"
)
assert CREDIT_LINK in PASS_COPY

# The same copy three ways: compliant, with the link but no name, with the name but no link.
PAGES = {
    "pass": PASS_COPY,
    "no-credit": PASS_COPY.replace(
        CREDIT_LINK,
        'Republished with permission (<a href="https://northfieldcourier.example/2026/11/harbor-ferry-returns">'
        "original</a>)",
    ),
    "no-backlink": PASS_COPY.replace(CREDIT_LINK, "Republished from The Northfield Courier"),
    "gone": "<html><head><title>Moved</title></head><body><p>This story is no longer here.</p></body></html>",
}
FILES = {
    "/story": EXAMPLES / "source" / "ferry-returns.html",
    "/images/ferry-at-dawn.jpg": EXAMPLES / "source" / "images" / "ferry-at-dawn.jpg",
    "/copies/uploads/our-newsroom.jpg": EXAMPLES / "copies" / "uploads" / "our-newsroom.jpg",
}


@dataclass
class Site:
    """`copies[name]` is the key in PAGES that /copies/<name> serves now; `delay` slows copies."""

    server: HTTPServer
    copies: dict[str, str] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    delay: float = 0.0

    def url(self, path: str) -> str:
        return self.server.url_for(path)

    def handle(self, request: Request) -> Response:
        self.hits[request.path] += 1
        if request.path in FILES:
            body = FILES[request.path].read_bytes()
            kind = "text/html; charset=utf-8" if request.path == "/story" else "image/jpeg"
            return Response(body, content_type=kind)
        name = request.path.removeprefix("/copies/")
        if name in self.copies:
            time.sleep(self.delay)
            return Response(PAGES[self.copies[name]], content_type="text/html; charset=utf-8")
        return Response("not here", status=404)

    def audit_file(self, folder: Path, copies: list[str], *, name: str = "nightly", extra: str = "") -> Path:
        """An audit file listing /story and the given copies, polite settings off for speed."""
        listed = ", ".join(f'"{self.url("/copies/" + c)}"' for c in copies)
        text = (
            f'name = "{name}"\n[defaults]\npolicy = "{EXAMPLES / "policy.toml"}"\n'
            "host_interval = 0\nconcurrency = 2\nper_host = 2\ntimeout = 10\n"
            f'[[sources]]\nurl = "{self.url("/story")}"\ncopies = [{listed}]\n{extra}'
        )
        path = folder / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture
def site(httpserver: HTTPServer) -> Iterator[Site]:
    served = Site(httpserver)
    httpserver.expect_request(re.compile(".*")).respond_with_handler(served.handle)
    yield served
    httpserver.clear()
