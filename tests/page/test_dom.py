"""DOM helpers: paths for evidence and URLs resolved from attribute values."""

from __future__ import annotations

from reprint_check.page.dom import parse_html
from reprint_check.page.paths import css_path


def test_css_path_numbers_siblings_of_the_same_tag_among_many() -> None:
    many = "<i>x</i>" * 100
    doc = parse_html(
        f"<html><body><p id='p'>{many}<b>y</b><i>z</i></p></body></html>".encode(), url="https://a/"
    )
    paths = [css_path(el) for el in doc.root.iter("i", "b")]
    assert paths[0] == "p#p > i:nth-of-type(1)"
    assert paths[99] == "p#p > i:nth-of-type(100)"
    assert paths[100:] == ["p#p > b", "p#p > i:nth-of-type(101)"]


def test_an_href_that_is_not_a_url_resolves_to_nothing() -> None:
    doc = parse_html(b"<html><head><base href='http://[::1'></head><body>x</body></html>", url="https://a/b")
    assert doc.base_url == "https://a/b"
    assert doc.resolve("http://[::1") == ""
    assert doc.resolve("c") == "https://a/c"
