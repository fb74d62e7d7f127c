"""What a page says about itself: `<meta>` tags, `<link rel>` and JSON-LD (schema.org).

JSON-LD is read tolerantly: HTML comments and CDATA wrappers, trailing commas, raw newlines in
strings, several objects in one script, top-level lists and `@graph` arrays are all accepted, and
`{"@id": ...}` references are followed. A script that still does not parse is ignored.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from reprint_check.page.chrome import is_chrome
from reprint_check.page.dom import Document, iter_elements, normalise_space, text_of

JsonNode = dict[str, Any]

_JSON_WRAPPERS = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
# "\u2013"/"\u2014": en and em dashes.
TITLE_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " · ", " » ", " « ", ": ")
# After these, a `<title>`'s short last part is the site's name even when the page never declares it.
SITE_SEPARATORS = frozenset({" | ", " :: ", " · ", " » "})
_MAX_SITE_WORDS = 5
# Class tokens of the element holding the article's byline.
BYLINE_CLASSES = frozenset(
    {"byline", "author", "author-name", "entry-author", "post-author", "article-author", "byline-author",
     "byline__author", "author__name", "c-byline__author"}
)  # fmt: skip
_BY_PREFIX = re.compile(r"^(?:(?:written|posted|words|story|reporting)\s+)?by\b[:\s]*", re.I)
_BYLINE_CUT = re.compile("\\s+[|•·\u2013\u2014]\\s+")
_MAX_BYLINE = 80  # longer "author" elements are bio boxes, not bylines
# A byline search stops climbing at these: chrome above them is the theme's layout, not the byline's.
_BYLINE_SCOPE_TAGS = frozenset({"article", "main", "body"})
ORGANIZATION_TYPES = frozenset({"Organization", "NewsMediaOrganization", "Corporation", "NGO"})
ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "BlogPosting", "LiveBlogPosting", "Report", "ReportageNewsArticle",
     "AnalysisNewsArticle", "OpinionNewsArticle", "TechArticle", "ScholarlyArticle", "SocialMediaPosting"}
)  # fmt: skip


def meta_content(doc: Document, *keys: str) -> str | None:
    """The first non-empty `<meta>` content whose property, name or itemprop is one of `keys`
    (case-insensitive), trying the keys in order."""
    values: dict[str, str] = {}
    for meta in doc.root.iter("meta"):
        content = (meta.get("content") or "").strip()
        for attr in ("property", "name", "itemprop"):
            key = (meta.get(attr) or "").strip().lower()
            if key and content:
                values.setdefault(key, content)
    return next((values[k] for k in keys if k in values), None)


def meta_elements(doc: Document, *keys: str) -> Iterator[HtmlElement]:
    """`<meta>` elements with content whose property or name is one of `keys`, in document order."""
    for meta in doc.root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key in keys and (meta.get("content") or "").strip():
            yield meta


def rel_elements(doc: Document, rel: str, tags: tuple[str, ...]) -> list[HtmlElement]:
    """Elements of `tags` whose rel tokens include `rel`, in document order."""
    return [
        el
        for el in iter_elements(doc.root)
        if el.tag in tags and rel in (el.get("rel") or "").lower().split()
    ]


class JsonLd:
    """Every JSON-LD node of a page (top level and `@graph` members), indexed by `@id`."""

    def __init__(self, doc: Document) -> None:
        self.nodes: list[JsonNode] = []
        for script in doc.root.iter("script"):
            if (script.get("type") or "").split(";")[0].strip().lower() == "application/ld+json":
                _flatten(_parse_json(script.text or ""), self.nodes)
        self._by_id = {n["@id"]: n for n in self.nodes if isinstance(n.get("@id"), str)}

    def of_type(self, types: frozenset[str]) -> list[JsonNode]:
        return [n for n in self.nodes if _types(n) & types]

    def names(self, value: Any) -> list[str]:
        """Names in a schema.org value: a string, a `{"name": ...}` object, an `@id` reference or a
        list of those."""
        if isinstance(value, list):
            return [name for item in value for name in self.names(item)]
        if isinstance(value, str):
            text = normalise_space(html.unescape(value))  # some CMSs escape entities twice
            return [text] if text else []
        if isinstance(value, dict):
            name = value.get("name")
            if name is None and isinstance(value.get("@id"), str):
                name = self._by_id.get(value["@id"], {}).get("name")
            return self.names(name) if isinstance(name, str | list) else []
        return []

    def first(self, key: str, types: frozenset[str]) -> list[str]:
        """Names under `key`, from nodes of `types` first, then from any node."""
        for nodes in (self.of_type(types), self.nodes):
            for node in nodes:
                names = self.names(node.get(key))
                if names:
                    return names
        return []


def _parse_json(text: str) -> list[Any]:
    text = _JSON_WRAPPERS.sub("", text).strip()
    values = _decode_all(text)
    return values or _decode_all(_TRAILING_COMMA.sub(r"\1", text))


def _decode_all(text: str) -> list[Any]:
    """Every JSON value in `text`, one after another; stops at the first part that is not JSON."""
    decoder = json.JSONDecoder(strict=False)  # strict=False: raw newlines inside strings
    values: list[Any] = []
    pos = _skip_gap(text, 0)
    while pos < len(text):
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            break  # keep the values before the broken part
        values.append(value)
        pos = _skip_gap(text, pos)
    return values


def _skip_gap(text: str, pos: int) -> int:
    """Past whitespace and the `;`/`,` some sites put between objects."""
    while pos < len(text) and (text[pos].isspace() or text[pos] in ";,"):
        pos += 1
    return pos


def _flatten(value: Any, out: list[JsonNode]) -> None:
    if isinstance(value, list):
        for item in value:
            _flatten(item, out)
    elif isinstance(value, dict):
        out.append(value)
        _flatten(value.get("@graph"), out)


def _types(node: JsonNode) -> set[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    # "http://schema.org/NewsArticle" and "schema:NewsArticle" name the same type.
    return {re.split(r"[/:]", v)[-1] for v in values if isinstance(v, str)}


def read_canonical(doc: Document) -> str:
    """The page's canonical URL. Precedence: `<link rel=canonical>`, `og:url`, then the fetched URL;
    relative values are resolved and only http(s) URLs count."""
    hrefs = [el.get("href") or "" for el in rel_elements(doc, "canonical", ("link",))]
    for href in [*hrefs, meta_content(doc, "og:url") or ""]:
        url = doc.resolve(href) if href.strip() else ""
        if url.lower().startswith(("http://", "https://")):
            return url
    return doc.url


def read_publisher(doc: Document, ld: JsonLd) -> str | None:
    """Precedence: JSON-LD publisher name (the article's first), a JSON-LD Organization, `og:site_name`,
    `<meta name=publisher>`, `<meta name=application-name>`."""
    names = ld.first("publisher", ARTICLE_TYPES)
    names += [n for node in ld.of_type(ORGANIZATION_TYPES) for n in ld.names(node.get("name"))]
    return names[0] if names else meta_content(doc, "og:site_name", "publisher", "application-name")


def read_author(doc: Document, ld: JsonLd) -> str | None:
    """Precedence: JSON-LD author name(s) (joined with ", "), `<meta name=author>`, then the text of a
    `rel=author` link, `itemprop=author` or byline element, with a leading "By" removed."""
    names = ld.first("author", ARTICLE_TYPES)
    if names:
        return ", ".join(dict.fromkeys(names))
    meta = meta_content(doc, "author")
    if meta and not meta.lower().startswith(("http://", "https://")):
        return meta
    for el in _byline_elements(doc):
        byline = _clean_byline(text_of(el))
        if byline:
            return byline
    return None


def _byline_elements(doc: Document) -> Iterator[HtmlElement]:
    yield from rel_elements(doc, "author", ("a",))
    for el in iter_elements(doc.root):
        itemprop = (el.get("itemprop") or "").split()
        classes = set((el.get("class") or "").lower().split())
        if ("author" in itemprop or classes & BYLINE_CLASSES) and not _in_chrome(el):
            yield el


def _in_chrome(el: HtmlElement) -> bool:
    node: HtmlElement | None = el
    while node is not None and node.tag not in _BYLINE_SCOPE_TAGS:
        if is_chrome(node):
            return True
        node = node.getparent()
    return False


def _clean_byline(text: str) -> str | None:
    text = _BYLINE_CUT.split(_BY_PREFIX.sub("", text), maxsplit=1)[0].strip(" ,;:")
    return text if text and len(text) <= _MAX_BYLINE else None


def read_title(doc: Document, ld: JsonLd, content_root: HtmlElement, sites: list[str]) -> str | None:
    """Precedence: `og:title`, JSON-LD headline, the first `<h1>` in (or last above) the content,
    then `<title>`. A part naming the site (`sites`, the host) is removed from og:title and
    `<title>`; `<title>` also loses a short part after " | " and the like."""
    sites = [*sites, *_host_names(doc.url)]
    og = meta_content(doc, "og:title")
    tag = next((text_of(t) for t in doc.root.iter("title")), "")
    candidates = (
        strip_site_name(og, sites, loose=False) if og else None,
        next(iter(ld.first("headline", ARTICLE_TYPES)), None),
        _heading_title(doc, content_root),
        strip_site_name(tag, sites, loose=True) if tag else None,
    )
    return next((c for c in candidates if c), None)


def _heading_title(doc: Document, content_root: HtmlElement) -> str | None:
    inside = next((text_of(h) for h in content_root.iter("h1") if text_of(h)), None)
    if inside:
        return inside
    above: str | None = None
    for el in doc.root.iter():
        if el is content_root:
            break
        if el.tag == "h1" and text_of(el) and not _in_chrome(el):
            above = text_of(el)
    return above


def strip_site_name(title: str, sites: list[str], *, loose: bool) -> str:
    """`title` without a leading or trailing part that names the site ("Floods | Example News",
    "Example News: Floods"). With `loose`, a short last part after " | " and the like goes too."""
    title = normalise_space(title)
    keys = {_compact(s) for s in sites} - {""}
    for sep in TITLE_SEPARATORS:
        if sep not in title:
            continue
        head, tail = (part.strip() for part in title.rsplit(sep, 1))
        first, rest = (part.strip() for part in title.split(sep, 1))
        if head and _compact(tail) in keys:
            return head
        if rest and _compact(first) in keys:
            return rest
        if head and loose and sep in SITE_SEPARATORS and len(tail.split()) <= _MAX_SITE_WORDS:
            return head
    return title


def _compact(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def _host_names(url: str) -> list[str]:
    """`example-news.org` names the site as "example-news.org" and "example-news"."""
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return [host, host.rsplit(".", 1)[0]] if "." in host else [host]
