"""The source article: where its body is, its paragraphs, metadata, images and videos.

`find_content_root` tries, in order: `[itemprop=articleBody]`, `<article>` (narrowed to a known CMS
body container inside it), known CMS body containers, then text-density scoring. Odd markup never
raises: a page without text gives no paragraphs and the caller reports that.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml.html import HtmlElement

from reprint_check.models import ImageRef, SourceArticle
from reprint_check.page.chrome import CHROME_TAGS, ROLES, is_boilerplate_text, is_chrome, is_page_frame
from reprint_check.page.dom import (
    Document,
    blocks,
    is_hidden,
    iter_elements,
    own_text_parts,
    text_of,
)
from reprint_check.page.media import find_images, find_videos, normalize_image_url
from reprint_check.page.metadata import (
    JsonLd,
    meta_content,
    meta_elements,
    read_author,
    read_canonical,
    read_publisher,
    read_title,
)
from reprint_check.page.paths import css_path

# Containers CMSs put the article body in (`.class` token or `#id`), most specific first.
CONTENT_SELECTORS = (
    ".entry-content", ".post-content", ".post-body", ".article-body", ".article-content", ".story-body",
    "#article-body", ".field--name-body", ".node__content", ".article__body", ".story-content",
    ".td-post-content", ".post-entry", ".single-content", ".c-entry-content", ".article-text",
    ".content-body", ".blog-post-content", ".post-text", "#story-body", "#content-body", "#post-body",
)  # fmt: skip
# Parts of class/id tokens (split on - and _) marking text about the article rather than of it.
NON_BODY_WORDS = frozenset(
    {"byline", "dateline", "meta", "caption", "credit", "credits", "author", "bio", "tags", "tagline",
     "timestamp", "date", "posted", "republish", "license", "licence", "copyright", "subscription"}
)  # fmt: skip
NON_BODY_TAGS = frozenset({"figcaption", "address", "time"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Lines that point elsewhere (share buttons, related links) rather than say something.
PROMO_LINE = re.compile(
    r"^(?:share(?: this| on \w+)?|like this|related(?: posts| articles| stories| reading)?|read more"
    r"|also read|read also|see also|you (?:may|might) also like|more from|click to \w+|follow us)\b",
    re.I,
)
_PROMO_MAX_WORDS = 15
MIN_WORDS = 3  # shorter blocks are labels, buttons and stray fragments, except headings
OG_IMAGE_KEYS = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
_PIXEL = 2  # images this small (width or height, in px) are tracking pixels
_MIN_DENSITY_TEXT = 25  # characters: shorter blocks say nothing about where the body is
_NARROW_SHARE = 0.5  # a container inside <article> must hold this much of its text to replace it
_SPLIT = re.compile(r"[-_\s]+")


def extract_source(doc: Document, *, requested_url: str) -> SourceArticle:
    """The source article of a parsed page. See `find_content_root` for where paragraphs come from
    and `metadata` for the precedence of title, canonical URL, publisher and author."""
    root = find_content_root(doc)
    media = media_root(root)
    ld = JsonLd(doc)
    publisher = read_publisher(doc, ld)
    site_name = meta_content(doc, "og:site_name") or publisher
    title = read_title(doc, ld, root, [s for s in (site_name, publisher) if s])
    return SourceArticle(
        url=requested_url,
        final_url=doc.url,
        canonical_url=read_canonical(doc),
        title=title,
        publisher=publisher,
        author=read_author(doc, ld),
        site_name=site_name,
        paragraphs=tuple(article_paragraphs(root, title=title)),
        images=tuple(article_images(doc, media)),
        videos=tuple(find_videos(media, doc, skip=_chrome_under(media))),
    )


def media_root(root: HtmlElement) -> HtmlElement:
    """Where the article's media sit: the enclosing `<article>` (or schema.org Article) when the
    text root is narrower, since lead photos and videos often sit beside the text container."""
    for node in (root, *root.iterancestors()):
        if node.tag == "article" or "Article" in (node.get("itemtype") or ""):
            return node if _usable(node) else root
        if node.tag == "body":
            break
    return root


def find_content_root(doc: Document) -> HtmlElement:
    """The element holding the article body; the `<body>` when nothing better is found. Never a
    chrome element (navigation, sidebar, comments, ...)."""
    body = _body(doc)
    for finder in (_by_itemprop, _by_article, _by_selectors, _by_density):
        found = finder(body)
        if found is not None:
            return found
    return body


def _body(doc: Document) -> HtmlElement:
    return next(doc.root.iter("body"), doc.root)


def _by_itemprop(body: HtmlElement) -> HtmlElement | None:
    found = [el for el in iter_elements(body) if "articleBody" in (el.get("itemprop") or "").split()]
    return _best(found)


def _by_article(body: HtmlElement) -> HtmlElement | None:
    article = _best(list(body.iter("article")))
    if article is None:
        return None
    inner = _by_selectors(article)
    if inner is not None and _text_weight(inner) >= _NARROW_SHARE * _text_weight(article):
        return inner
    return article


def _by_selectors(scope: HtmlElement) -> HtmlElement | None:
    found = [el for el in iter_elements(scope) if any(_matches(el, s) for s in CONTENT_SELECTORS)]
    return _best(found)


def _matches(el: HtmlElement, selector: str) -> bool:
    if selector.startswith("#"):
        return (el.get("id") or "") == selector[1:]
    return selector[1:] in (el.get("class") or "").split()


def _best(candidates: list[HtmlElement]) -> HtmlElement | None:
    """The usable candidate with the most paragraph text (the first on a tie), if it has any."""
    usable = [el for el in candidates if _usable(el)]
    weights = [_text_weight(el) for el in usable]
    if not usable or max(weights) == 0:
        return None
    return usable[weights.index(max(weights))]


def _usable(el: HtmlElement) -> bool:
    return isinstance(el.tag, str) and not is_chrome(el) and not _under_chrome(el)


def _under_chrome(el: HtmlElement, stop: HtmlElement | None = None) -> bool:
    """Inside chrome (below `stop`). A chrome-classed ancestor that also holds a chrome child
    beside `el`'s branch is a layout wrapper (`content-sidebar-wrap`), not chrome."""
    branch = el
    for ancestor in el.iterancestors():
        if ancestor is stop:
            break
        if is_chrome(ancestor) and not _is_layout_wrapper(ancestor, branch):
            return True
        branch = ancestor
    return False


def _is_layout_wrapper(el: HtmlElement, branch: HtmlElement) -> bool:
    if el.tag in CHROME_TAGS or (el.get("role") or "").lower() in ROLES:
        return False  # chrome by what it is, not by a class word
    return any(is_chrome(child) for child in el if child is not branch)


def _text_weight(el: HtmlElement) -> int:
    """Characters of paragraph text under `el`, outside chrome; all its text when it has no `<p>`."""
    inside = _chrome_under(el)
    weight = sum(len(text_of(p)) for p in el.iter("p") if not inside(p))
    return weight or len(text_of(el))


def _by_density(body: HtmlElement) -> HtmlElement | None:
    """Readability-style: each text block scores its container fully and the container's parent by
    half; the best-scoring usable container wins after a penalty for link-heavy text."""
    scores: dict[HtmlElement, float] = {}
    for block in blocks(body):
        if block.element.tag in HEADING_TAGS or len(block.text) < _MIN_DENSITY_TEXT:
            continue
        if is_chrome(block.element) or _under_chrome(block.element, body):
            continue
        container = block.element.getparent() if block.element.tag == "p" else block.element
        if container is None:
            continue
        scores[container] = scores.get(container, 0.0) + len(block.text)
        parent = container.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + len(block.text) / 2
    ranked = sorted(scores, key=lambda el: scores[el] * (1 - _link_density(el)), reverse=True)
    return next((el for el in ranked if _usable(el)), None)


def _link_density(el: HtmlElement) -> float:
    total = len(text_of(el))
    links = sum(len(text_of(a)) for a in el.iter("a"))
    return min(links / total, 1.0) if total else 1.0


def article_paragraphs(root: HtmlElement, *, title: str | None) -> list[str]:
    """The body text blocks under `root`, in order: no chrome, page header/footer, hidden text,
    bylines/captions, license boilerplate, share or related lines, title heading or duplicates."""
    out: list[str] = []
    seen: set[str] = set()
    title_key = (title or "").casefold()
    for block in blocks(root):
        if _outside_body(block.element, root):
            continue
        tag = str(block.element.tag)
        for text in own_text_parts(block.element):
            # The title, however marked up, and any h1 above the body are the heading, not the body.
            if text.casefold() == title_key or (tag == "h1" and not out):
                continue
            if _is_body_text(text, tag) and text not in seen:
                seen.add(text)
                out.append(text)
    return out


def _outside_body(el: HtmlElement, root: HtmlElement) -> bool:
    node: HtmlElement | None = el
    while node is not None and node is not root:
        if is_chrome(node) or is_page_frame(node) or _is_non_body(node):
            return True
        node = node.getparent()
    return is_hidden(el)


def _is_non_body(el: HtmlElement) -> bool:
    if el.tag in NON_BODY_TAGS:
        return True
    tokens = f"{el.get('id') or ''} {el.get('class') or ''}".lower().split()
    return any(part in NON_BODY_WORDS for token in tokens for part in _SPLIT.split(token))


def _is_body_text(text: str, tag: str) -> bool:
    words = len(text.split())
    if words < MIN_WORDS and tag not in HEADING_TAGS:
        return False
    if words <= _PROMO_MAX_WORDS and PROMO_LINE.match(text):
        return False
    return not is_boilerplate_text(text)


def article_images(doc: Document, root: HtmlElement) -> list[ImageRef]:
    """Images under the content root that are not chrome or tracking pixels, then the page's
    og:image/twitter:image (the article's picture as shared), deduplicated by normalised URL."""
    frame = root.tag == "body"  # without an article container, the page header/footer is chrome
    inside = _chrome_under(root, frames=frame)
    images = find_images(root, doc, skip=lambda el: inside(el) or _is_pixel(el))
    for meta in meta_elements(doc, *OG_IMAGE_KEYS):
        url = doc.resolve(meta.get("content") or "")
        if url.lower().startswith(("http://", "https://")) or (
            doc.url.startswith("file://") and url.startswith("file://")
        ):
            key = meta.get("property") or meta.get("name") or "og:image"
            images.append(ImageRef(url=url, attr=key.lower(), path=css_path(meta)))
    unique: dict[str, ImageRef] = {}
    for image in images:
        unique.setdefault(normalize_image_url(image.url), image)
    return list(unique.values())


def _chrome_under(root: HtmlElement, *, frames: bool = False) -> Callable[[HtmlElement], bool]:
    """A test for elements in a chrome subtree (or, with `frames`, a page header/footer) below `root`."""

    def inside(el: HtmlElement) -> bool:
        node: HtmlElement | None = el
        while node is not None and node is not root:
            if is_chrome(node) or (frames and is_page_frame(node)):
                return True
            node = node.getparent()
        return False

    return inside


def _is_pixel(el: HtmlElement) -> bool:
    for attr in ("width", "height"):
        value = (el.get(attr) or "").strip().lower().removesuffix("px")
        if value.isdigit() and int(value) <= _PIXEL:
            return True
    return False
