"""Align the copy's region with the source, paragraph by paragraph, for coverage, similarity and the
text-fidelity evidence (which paragraphs are unchanged, changed, missing or added).

One word-level diff of the whole source against the whole region (not paragraph against block), so
copies that merge or split paragraphs are still aligned word for word.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from reprint_check.match.locate import Located, SourceText
from reprint_check.match.text import tokens
from reprint_check.page.dom import Block

ParagraphState = Literal["same", "changed", "missing"]
PRESENT = 0.3  # share of a source paragraph's words that must be found for it to count as present


@dataclass(frozen=True)
class ParagraphAlignment:
    index: int
    state: ParagraphState
    found: float  # share of the paragraph's words found in order
    block: Block | None  # the copy block holding most of it


@dataclass(frozen=True)
class Alignment:
    paragraphs: tuple[ParagraphAlignment, ...]
    added: tuple[Block, ...]  # region blocks with no source words at all
    coverage: float
    similarity: float

    def of_state(self, state: ParagraphState) -> list[ParagraphAlignment]:
        return [p for p in self.paragraphs if p.state == state]


def _flatten(parts: list[list[str]]) -> tuple[list[str], list[int]]:
    words: list[str] = []
    owner: list[int] = []
    for i, part in enumerate(parts):
        words.extend(part)
        owner.extend([i] * len(part))
    return words, owner


def align(source: SourceText, located: Located) -> Alignment:
    src_words, src_owner = _flatten([list(w) for w in source.words])
    blocks = list(located.region_blocks)
    copy_parts = [tokens(b.text) for b in blocks]
    _, copy_owner = _flatten(copy_parts)
    sizes = [len(p) for p in copy_parts]
    equal_src = [0] * len(source.words)
    equal_copy = [0] * len(blocks)
    votes: list[dict[int, int]] = [{} for _ in source.words]
    spans: list[list[int]] = [[] for _ in source.words]  # first and last copy word of each paragraph
    for a, b, size in matching_words([list(w) for w in source.words], copy_parts):
        for k in range(size):
            p, c = src_owner[a + k], copy_owner[b + k]
            equal_src[p] += 1
            equal_copy[c] += 1
            votes[p][c] = votes[p].get(c, 0) + 1
            spans[p] = [spans[p][0] if spans[p] else b + k, b + k]
    paragraphs = tuple(
        _paragraph(i, len(w), equal_src[i], votes[i], blocks, _span(spans[i]))
        for i, w in enumerate(source.words)
    )
    added = tuple(b for i, b in enumerate(blocks) if equal_copy[i] == 0 and sizes[i] >= 3)
    return Alignment(
        paragraphs=paragraphs,
        added=added,
        coverage=sum(equal_src) / max(1, len(src_words)),
        similarity=_similarity(paragraphs, source, equal_src, equal_copy, sizes),
    )


def matching_words(src_parts: list[list[str]], copy_parts: list[list[str]]) -> list[tuple[int, int, int]]:
    """Runs of equal words (start in source, start in copy, length) over the flattened parts.

    Two levels, as line-then-word diffs do: whole equal paragraphs are matched first (cheap, and
    most of a copy), then words only inside the gaps between them. A word-level diff of the whole
    article costs quadratic time in the common words ("the", "of") on every page.
    """
    src_at, copy_at = _offsets(src_parts), _offsets(copy_parts)
    outer = SequenceMatcher(
        None, [tuple(p) for p in src_parts], [tuple(c) for c in copy_parts], autojunk=False
    )
    runs: list[tuple[int, int, int]] = []
    i = j = 0
    for a, b, size in outer.get_matching_blocks():
        runs.extend(_word_runs(src_parts, copy_parts, (i, a), (j, b), src_at[i], copy_at[j]))
        if size:
            runs.append((src_at[a], copy_at[b], src_at[a + size] - src_at[a]))
        i, j = a + size, b + size
    return [r for r in runs if r[2] > 0]


def _offsets(parts: list[list[str]]) -> list[int]:
    out = [0]
    for part in parts:
        out.append(out[-1] + len(part))
    return out


def _word_runs(
    src_parts: list[list[str]],
    copy_parts: list[list[str]],
    src_range: tuple[int, int],
    copy_range: tuple[int, int],
    src_start: int,
    copy_start: int,
) -> list[tuple[int, int, int]]:
    src = [w for p in src_parts[src_range[0] : src_range[1]] for w in p]
    copy = [w for c in copy_parts[copy_range[0] : copy_range[1]] for w in c]
    if not src or not copy:
        return []
    matcher = SequenceMatcher(None, src, copy, autojunk=False)
    return [(src_start + a, copy_start + b, n) for a, b, n in matcher.get_matching_blocks() if n]


def _span(first_last: list[int]) -> int:
    return first_last[1] - first_last[0] + 1 if first_last else 0


def _paragraph(
    index: int, size: int, equal: int, votes: dict[int, int], blocks: list[Block], span: int
) -> ParagraphAlignment:
    """Unchanged when every word is found in order with nothing inserted between them; the block
    may hold other text too (old pages and Blogger posts keep every paragraph in one block)."""
    found = equal / max(1, size)
    block = blocks[max(votes, key=lambda c: votes[c])] if votes else None
    if found < PRESENT:
        return ParagraphAlignment(index=index, state="missing", found=found, block=None)
    whole = found == 1.0 and span == size
    return ParagraphAlignment(index=index, state="same" if whole else "changed", found=found, block=block)


def _similarity(
    paragraphs: tuple[ParagraphAlignment, ...],
    source: SourceText,
    equal_src: list[int],
    equal_copy: list[int],
    sizes: list[int],
) -> float:
    """Dice over the parts that are present: whole added or missing blocks do not lower it,
    edits inside paragraphs do."""
    present = [p.index for p in paragraphs if p.state != "missing"]
    if not present:
        return 0.0
    src_size = sum(len(source.words[i]) for i in present)
    matched = sum(equal_src[i] for i in present)
    copy_size = sum(sizes[c] for c, n in enumerate(equal_copy) if n > 0)
    return 2 * matched / max(1, src_size + copy_size)
