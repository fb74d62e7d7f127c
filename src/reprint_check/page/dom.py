"""Bytes to a DOM: charset decoding, parsing, and the element helpers every later stage uses.

lxml.html is the one DOM of the project (see BENCHMARKS.md for the measurement that chose it).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin

import lxml.html
from bs4.dammit import EncodingDetector
from lxml.html import HtmlElement

from reprint_check.page.chrome import HIDDEN_CLASSES

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# A <br> in collected text: whitespace to normalise_space, but own_text_parts splits on two in a row.
_BR = "\u2028"
_BLANK_LINE = re.compile(r"\u2028[^\S\u2028]*\u2028\s*")
_HIDDEN_STYLE = re.compile(
    r"(?:display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$|!)|font-size\s*:\s*0(?:px|em|rem|%)?\s*(?:;|$|!))",
    re.I,
)
# WHATWG: these labels are decoded as windows-1252 by every browser.
_LATIN1_ALIASES = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii"})

# Elements whose text is a unit of reading. Containers that hold bare text (old sites) become blocks too.
BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt",
     "figcaption", "div", "section", "article", "main", "center", "header", "footer", "table", "tr",
     "tbody", "ul", "ol", "dl", "figure", "body", "address", "aside", "nav", "form", "noscript"}
)  # fmt: skip
SKIP_TEXT_TAGS = frozenset({"script", "style", "template", "noscript", "select", "option", "button"})


class PageError(Exception):
    """The page's bytes could not be turned into a document."""


@dataclass(frozen=True)
class Block:
    """A unit of text in document order: the element and its own text (not that of nested blocks)."""

    element: HtmlElement
    text: str
    index: int


@dataclass(frozen=True)
class Document:
    root: HtmlElement
    url: str
    base_url: str
    encoding: str

    def resolve(self, href: str) -> str:
        """Absolute URL of an attribute value, against <base href> (http(s) only) or the page URL;
        "" for a value that cannot be a URL (`http://[::1`), which links and media then skip."""
        return _join(self.base_url, href.strip())


def _join(base: str, href: str) -> str:
    try:
        return urljoin(base, href)
    except ValueError:  # urllib rejects malformed IPv6 literals; browsers drop such URLs too
        return ""


def _normalise_label(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("'\"").lower()
    if label in _LATIN1_ALIASES:
        return "windows-1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def detect_encoding(content: bytes, declared: str | None) -> str:
    """The charset to decode with. Precedence: the Content-Type header, a BOM, a `<meta>` charset,
    then detection (strict UTF-8 first, then charset-normalizer), then windows-1252."""
    header = _normalise_label(declared)
    if header:
        return header
    sniffed = EncodingDetector.strip_byte_order_mark(content[:4])[1]
    if sniffed:
        return _normalise_label(sniffed) or "utf-8"
    meta = _normalise_label(EncodingDetector.find_declared_encoding(content[:4096], is_html=True))
    if meta:
        return meta
    try:
        content.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported lazily: only undeclared, non-UTF-8 pages

    best = from_bytes(content[:65536]).best()
    return _normalise_label(best.encoding if best else None) or "windows-1252"


def parse_html(content: bytes, *, url: str, charset: str | None = None) -> Document:
    """Decode and parse a page. Broken markup is repaired by the parser; only empty or non-text
    input raises PageError."""
    if not content.strip():
        raise PageError("the page is empty")
    if b"\x00" in content[:1024] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PageError("the page is binary, not HTML")
    encoding = detect_encoding(content, charset)
    text = content.decode(encoding, errors="replace").lstrip("\ufeff")
    text = _XML_DECL.sub("", text, count=1)
    try:
        root = lxml.html.document_fromstring(text, parser=_parser())
    except (ValueError, lxml.etree.ParserError) as exc:
        raise PageError(f"the page could not be parsed as HTML: {exc}") from exc
    return Document(root=root, url=url, base_url=_base_url(root, url), encoding=encoding)


@cache
def _parser() -> lxml.etree.HTMLParser:
    """lxml.html's parser, but with the element class chosen in C: lxml.html picks a class per tag
    in Python for every element the code touches, which cost a third of matching a page."""
    parser = lxml.etree.HTMLParser()
    parser.set_element_class_lookup(lxml.etree.ElementDefaultClassLookup(element=HtmlElement))
    return parser


def _base_url(root: HtmlElement, url: str) -> str:
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            resolved = _join(url, href)
            if resolved.lower().startswith(("http://", "https://")):
                return resolved
        break
    return url


def normalise_space(text: str) -> str:
    # str.split() splits on exactly the characters `\s` matches, and is several times faster.
    return " ".join(text.split())


def text_of(el: HtmlElement) -> str:
    """Visible-ish text of an element and all its descendants, whitespace folded."""
    parts: list[str] = []
    _collect_text(el, parts, stop_at_blocks=False)
    return normalise_space("".join(parts))


def _collect_text(el: HtmlElement, parts: list[str], *, stop_at_blocks: bool) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else None
        if tag is not None and tag not in SKIP_TEXT_TAGS:
            if stop_at_blocks and tag in BLOCK_TAGS:
                parts.append(" ")
            else:
                if tag == "br":
                    parts.append(_BR)
                _collect_text(child, parts, stop_at_blocks=stop_at_blocks)
        if child.tail:
            parts.append(child.tail)


def own_text(el: HtmlElement) -> str:
    """Text of the element and its inline descendants, not of nested block elements."""
    parts: list[str] = []
    _collect_text(el, parts, stop_at_blocks=True)
    return normalise_space("".join(parts))


def own_text_parts(el: HtmlElement) -> list[str]:
    """own_text split where two or more `<br>` in a row make a blank line: the paragraphs of old
    pages and Blogger posts that have no `<p>`."""
    parts: list[str] = []
    _collect_text(el, parts, stop_at_blocks=True)
    chunks = (normalise_space(chunk) for chunk in _BLANK_LINE.split("".join(parts)))
    return [chunk for chunk in chunks if chunk]


def iter_elements(root: HtmlElement) -> Iterator[HtmlElement]:
    """Elements only (no comments or processing instructions)."""
    for el in root.iter():
        if isinstance(el.tag, str):
            yield el


def blocks(root: HtmlElement) -> list[Block]:
    """Every element with text of its own, in document order, skipping script/style and the like.

    One walk of the tree: each block collects its own text (as `own_text` would) while its
    descendants are visited, so the cost is linear in the page (this is the hot path of matching).
    """
    if any(isinstance(a.tag, str) and a.tag in SKIP_TEXT_TAGS for a in root.iterancestors()):
        return []
    found: list[tuple[HtmlElement, list[str]]] = []
    if isinstance(root.tag, str) and root.tag not in SKIP_TEXT_TAGS:
        _walk_blocks(root, None, found)
    out: list[Block] = []
    for el, parts in found:
        text = normalise_space("".join(parts))
        if text:
            out.append(Block(element=el, text=text, index=len(out)))
    return out


def _walk_blocks(
    el: HtmlElement, parts: list[str] | None, found: list[tuple[HtmlElement, list[str]]]
) -> None:
    """Visit `el` (not a skipped tag): a block element starts its own text, an inline one adds to
    `parts`, the text of the block it sits in."""
    if el.tag in BLOCK_TAGS:
        if parts is not None:
            parts.append(" ")
        parts = []
        found.append((el, parts))
    elif parts is None:
        parts = []  # inline text outside any block belongs to no block
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag not in SKIP_TEXT_TAGS:
            if tag == "br":
                parts.append(_BR)
            _walk_blocks(child, parts, found)
        if child.tail:
            parts.append(child.tail)


def is_hidden(el: HtmlElement) -> bool:
    """True when the element or an ancestor is hidden by attribute, inline style or a hiding class."""
    node: HtmlElement | None = el
    while node is not None:
        if _hides_itself(node):
            return True
        node = node.getparent()
    return False


def _hides_itself(el: HtmlElement) -> bool:
    if el.get("hidden") is not None:
        return True
    if el.tag == "input" and (el.get("type") or "").lower() == "hidden":
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    classes = (el.get("class") or "").lower().split()
    return any(c in HIDDEN_CLASSES for c in classes)


def snippet(text: str, limit: int = 160) -> str:
    text = normalise_space(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
