"""Text normalisation shared by locating and aligning: tolerant of case, quotes, dashes, entities
(already decoded by the parser) and whitespace."""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"\w+")
_FOLD = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
)

SHINGLE = 4  # words per shingle: long enough to be specific, short enough to survive light edits

Shingle = tuple[str, ...]


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; punctuation and typography are ignored."""
    if not text.isascii():  # ASCII is already NFKC and has nothing to fold; most page text is
        text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return _TOKEN.findall(text.lower())


def shingles(words: list[str]) -> set[Shingle]:
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
