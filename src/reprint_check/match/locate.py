"""Find the region of a copy page that holds the republished article.

Every text block of the page is compared with the source by shared 4-word shingles. Blocks inside
site chrome (sidebars, related lists, comments) never count, so a quote in a comment cannot move the
region. The region is the deepest element that holds most (80%) of the matched words; stray matches
elsewhere are ignored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from lxml.html import HtmlElement

from reprint_check.match.text import Shingle, shingles, tokens
from reprint_check.page.chrome import in_chrome
from reprint_check.page.dom import Block, Document, blocks

BLOCK_MATCH = 0.5  # share of a block's shingles found in the source for the block to be a match
REGION_SHARE = 0.8  # share of matched words the region must hold
MIN_COPY_COVERAGE = 0.15  # below this (and MIN_COPY_WORDS) a page only quotes a sentence or two
MIN_COPY_WORDS = 120
MIN_ANY_WORDS = 45


@dataclass(frozen=True)
class SourceText:
    """The source article's paragraphs, tokenised once per run."""

    paragraphs: tuple[str, ...]
    words: tuple[tuple[str, ...], ...]
    shingle_set: frozenset[Shingle]

    @classmethod
    def of(cls, paragraphs: tuple[str, ...]) -> SourceText:
        words = tuple(tuple(tokens(p)) for p in paragraphs)
        every: set[Shingle] = set()
        for w in words:
            every |= shingles(list(w))
        return cls(paragraphs=paragraphs, words=words, shingle_set=frozenset(every))

    @property
    def word_count(self) -> int:
        return sum(len(w) for w in self.words)


@dataclass(frozen=True)
class MatchedBlock:
    block: Block
    words: tuple[str, ...]
    hits: frozenset[Shingle]


@dataclass(frozen=True)
class Located:
    """Where the copy is: the region element, its blocks (matched or not) and the rough coverage."""

    region: HtmlElement
    matched: tuple[MatchedBlock, ...]
    region_blocks: tuple[Block, ...]
    coverage: float
    covered_words: int
    is_copy: bool


def _match_blocks(page: list[Block], source: SourceText) -> list[MatchedBlock]:
    found: list[MatchedBlock] = []
    for block in page:
        words = tokens(block.text)
        if len(words) < 3:
            continue
        own = shingles(words)
        hits = own & source.shingle_set
        if len(hits) >= max(1, BLOCK_MATCH * len(own)) and not in_chrome(block.element):
            found.append(MatchedBlock(block=block, words=tuple(words), hits=frozenset(hits)))
    return found


def _region(matched: list[MatchedBlock], root: HtmlElement) -> HtmlElement:
    """The deepest element holding REGION_SHARE of the matched words."""
    weight: dict[HtmlElement, int] = defaultdict(int)
    depth: dict[HtmlElement, int] = {}
    total = 0
    for m in matched:
        n = len(m.words)
        total += n
        chain = [m.block.element, *m.block.element.iterancestors()]
        for d, el in enumerate(reversed(chain)):
            weight[el] += n
            depth[el] = d
    best = root
    for el, w in weight.items():
        if w >= REGION_SHARE * total and depth[el] > depth.get(best, -1):
            best = el
    return best


def _blocks_under(page: list[Block], region: HtmlElement) -> list[Block]:
    """`blocks(region)`, cut from the page's blocks rather than walked again (own text depends only
    on the element, so the texts are the same)."""
    under = set(region.iter())
    kept = [b for b in page if b.element in under]
    return [replace(b, index=i) for i, b in enumerate(kept)]


def _is_inside(el: HtmlElement, ancestor: HtmlElement) -> bool:
    return el is ancestor or any(a is ancestor for a in el.iterancestors())


def locate(doc: Document, source: SourceText) -> Located | None:
    """The copy's region, or None when no block of the page matches the source at all."""
    page = blocks(doc.root)
    matched = _match_blocks(page, source)
    if not matched:
        return None
    region = _region(matched, doc.root)
    inside = [m for m in matched if _is_inside(m.block.element, region)]
    hits: set[Shingle] = set()
    for m in inside:
        hits |= m.hits
    coverage = len(hits) / max(1, len(source.shingle_set))
    covered_words = round(coverage * source.word_count)
    is_copy = covered_words >= MIN_ANY_WORDS and (
        coverage >= MIN_COPY_COVERAGE or covered_words >= MIN_COPY_WORDS
    )
    region_blocks = tuple(b for b in _blocks_under(page, region) if not in_chrome(b.element, region))
    return Located(
        region=region,
        matched=tuple(inside),
        region_blocks=region_blocks,
        coverage=coverage,
        covered_words=covered_words,
        is_copy=is_copy,
    )
