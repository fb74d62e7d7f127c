"""Text normalisation shared by locating and aligning: tolerant of case, quotes, dashes, entities
(already decoded by the parser) and whitespace."""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"\w+")
# Characters a reader never sees: soft hyphens (hyphenation plugins put one in every long word),
# zero-width spaces and joiners, word joiners and stray byte-order marks.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-", "\u2013": "-",
     "\u2014": "-", "\u00a0": " ", **dict.fromkeys(INVISIBLE)}
)  # fmt: skip

SHINGLE = 4  # words per shingle: long enough to be specific, short enough to survive light edits

Shingle = tuple[str, ...]


def fold(text: str) -> str:
    """Text as a reader sees it: NFKC (ligatures, full-width letters), typographic quotes, dashes,
    hyphens and no-break spaces made plain, invisible characters dropped."""
    if text.isascii():  # ASCII is already NFKC and has nothing to fold; most page text is
        return text
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; punctuation and typography are ignored."""
    return _TOKEN.findall(fold(text).lower())


def shingles(words: list[str]) -> set[Shingle]:
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
