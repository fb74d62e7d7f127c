"""The copy's frame: where credit, backlinks and media count.

The frame is the article container around the located region (an `<article>`, a `.post`/`.hentry`,
a Drupal node...) plus up to a few short sibling elements just before and after it (a byline above,
a "first published at" line below). Inside it, site chrome (sidebars, partner boxes, related lists,
comments, share bars) does not count; outside it nothing counts (navigation, site footer).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from lxml.html import HtmlElement

from reprint_check.match.locate import Located
from reprint_check.models import ImageRef, VideoRef
from reprint_check.page.chrome import is_article, is_chrome, is_page_frame, is_related_line
from reprint_check.page.dom import (
    BLOCK_TAGS,
    SKIP_TEXT_TAGS,
    Document,
    is_hidden,
    normalise_space,
    own_text,
    text_of,
)
from reprint_check.page.media import find_images, find_videos

MAX_CLIMB = 4  # levels above the region to look for the container
NEIGHBOURS = 3  # sibling elements on each side that can hold a byline or a credit line
NEIGHBOUR_WORDS = 80  # a sibling longer than this is other content, not a byline or credit line
_Ref = TypeVar("_Ref", ImageRef, VideoRef)


@dataclass(frozen=True)
class Scope:
    """The elements where credit and links count, in document order."""

    region: HtmlElement
    container: HtmlElement
    roots: tuple[HtmlElement, ...]
    first: HtmlElement  # first and last matched blocks: the article text's edges
    last: HtmlElement

    @cached_property
    def members(self) -> frozenset[HtmlElement]:
        """The frame's elements as a set (built once), to test where a link or medium sits."""
        return frozenset(self.elements())

    def excludes(self, el: HtmlElement) -> bool:
        return el not in self.members

    def elements(self) -> Iterator[HtmlElement]:
        """Every element of the frame, skipping chrome subtrees (an `<aside>` inside the article
        container is the article's own)."""
        for root in self.roots:
            yield from _walk(root, in_article=root is self.container and is_article(root))

    def position(self, el: HtmlElement) -> str:
        """Where an element sits relative to the article text, for evidence.

        A byline inside the `<article>` but before its first paragraph is "above the article".
        """
        if _precedes(el, self.first) and not _contains(el, self.first):
            return "above the article"
        if _precedes(self.last, el) and not _contains(el, self.last) and not _contains(self.last, el):
            return "after the article"
        return "in the article"


def visible_text(el: HtmlElement) -> str:
    """The element's own text (not nested blocks) without hidden or chrome inline parts."""
    parts: list[str] = [el.text or ""]
    for child in el:
        inline = (
            isinstance(child.tag, str) and child.tag not in BLOCK_TAGS and child.tag not in SKIP_TEXT_TAGS
        )
        if inline and not (is_chrome(child) or is_hidden(child)):
            parts.append(" " + visible_text(child) + " ")
        parts.append(child.tail or "")
    return normalise_space("".join(parts))


def _walk(el: HtmlElement, *, in_article: bool) -> Iterator[HtmlElement]:
    if is_chrome(el, in_article=in_article) or (el.tag in BLOCK_TAGS and is_related_line(own_text(el))):
        return
    yield el
    for child in el:
        if isinstance(child.tag, str):
            yield from _walk(child, in_article=in_article)


def _contains(ancestor: HtmlElement, el: HtmlElement) -> bool:
    return el is ancestor or any(a is ancestor for a in el.iterancestors())


def _precedes(a: HtmlElement, b: HtmlElement) -> bool:
    for el in a.getroottree().getroot().iter():
        if el is a:
            return True
        if el is b:
            return False
    return False


def _container(region: HtmlElement) -> HtmlElement:
    node: HtmlElement | None = region
    for _ in range(MAX_CLIMB + 1):
        if node is None or node.tag in ("body", "html"):
            break
        if is_article(node) and not is_chrome(node):
            return node
        node = node.getparent()
    return region


# A sibling cell of a table layout is another column (navigation, links), not a line of the article.
COLUMN_TAGS = frozenset({"td", "th"})


def _neighbour_ok(el: HtmlElement) -> bool:
    if not isinstance(el.tag, str) or is_chrome(el) or el.tag in COLUMN_TAGS:
        return False
    if is_page_frame(el) and not is_article(el):
        return False  # a bare <header>/<footer> beside the article is the site's, not the article's
    return len(text_of(el).split()) <= NEIGHBOUR_WORDS


def _neighbours(el: HtmlElement) -> tuple[list[HtmlElement], list[HtmlElement]]:
    before = [s for s in el.itersiblings(preceding=True) if isinstance(s.tag, str)][:NEIGHBOURS]
    after = [s for s in el.itersiblings() if isinstance(s.tag, str)][:NEIGHBOURS]
    return (
        [s for s in reversed(before) if _neighbour_ok(s)],
        [s for s in after if _neighbour_ok(s)],
    )


def frame(located: Located) -> Scope:
    region = located.region
    container = _container(region)
    before, after = _neighbours(container)
    edges = [m.block.element for m in located.matched] or [region]
    return Scope(
        region=region, container=container, roots=(*before, container, *after), first=edges[0], last=edges[-1]
    )


def iter_links(scope: Scope) -> Iterator[HtmlElement]:
    for el in scope.elements():
        if el.tag == "a" and el.get("href") is not None:
            yield el


def _first_per_url(refs: Iterable[_Ref]) -> list[_Ref]:
    kept: dict[str, _Ref] = {}
    for ref in refs:
        kept.setdefault(ref.url, ref)
    return list(kept.values())


def scope_images(scope: Scope, doc: Document) -> list[ImageRef]:
    """Images in the frame (not in chrome inside it): what excluded-images looks at."""
    return _first_per_url(r for root in scope.roots for r in find_images(root, doc, skip=scope.excludes))


def scope_videos(scope: Scope, doc: Document) -> list[VideoRef]:
    return _first_per_url(r for root in scope.roots for r in find_videos(root, doc, skip=scope.excludes))
