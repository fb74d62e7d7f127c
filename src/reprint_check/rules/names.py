"""Finding a publisher's name in text: any listed spelling, case- and whitespace-insensitive, as a
whole name (not part of a longer word, domain or proper name) and not inside a bare URL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from reprint_check.match.text import fold

# Capitalised words that may stand right before a name without being part of it
# ("Courtesy Of Harbour Gazette", "Source Harbour Gazette"). Another capitalised word glued to the
# name after a lowercase word or an article makes a longer name: "by the North Harbour Gazette" is
# another outlet. After a capitalised word it is more likely a person's name ("Ann Lee Harbour
# Gazette" in a byline), which counts.
LEAD_IN_WORDS = frozenset(
    {"by", "from", "via", "in", "on", "at", "of", "the", "and", "with", "for", "to", "courtesy", "source",
     "sources", "credit", "credits", "copyright", "originally", "first", "published", "appeared",
     "reprinted", "republished", "story", "photo", "article", "report", "reporting", "read", "see",
     "visit", "more", "continue", "thanks", "written", "staff", "editors", "team", "reporter"}
)  # fmt: skip
_ARTICLES = frozenset({"the", "a", "an"})
_PREVIOUS_WORDS = re.compile(r"(\w+)\s+(\w+)\s+$")


@dataclass(frozen=True)
class NameHit:
    name: str  # as written on the page
    context: str  # the name with the words around it, for evidence


@lru_cache(maxsize=64)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    parts = []
    for name in sorted(names, key=len, reverse=True):
        words = [re.escape(w) for w in name.split()]
        parts.append(r"\s+".join(words))
    # Not glued to a longer word, domain or path: "notrussia-insider.com", "russia-insider.com.mirror.net".
    return re.compile(r"(?<![\w.@/-])(?:" + "|".join(parts) + r")(?![\w-]|\.\w|/)", re.I)


def _in_url(text: str, start: int, end: int) -> bool:
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    token = text[left : right if right >= 0 else len(text)]
    return "://" in token or (token.lower().startswith("www.") and "/" in token)


def _in_longer_name(text: str, start: int) -> bool:
    previous = _PREVIOUS_WORDS.search(text, max(0, start - 60), start)
    if previous is None:
        return False
    before, word = previous.group(1), previous.group(2)
    if not word[:1].isupper() or word.lower() in LEAD_IN_WORDS:
        return False
    return before[:1].islower() or before.lower() in _ARTICLES


def find_names(text: str, names: tuple[str, ...]) -> Iterator[NameHit]:
    """Each place `text` names the publisher, read as displayed (`fold`): a soft hyphen or a
    zero-width space inside a name does not hide it."""
    if not names:
        return
    text = fold(text)
    for m in _pattern(names).finditer(text):
        if not _in_url(text, m.start(), m.end()) and not _in_longer_name(text, m.start()):
            yield NameHit(name=m.group(0), context=_context(text, m.start(), m.end()))


def _context(text: str, start: int, end: int, width: int = 70) -> str:
    left, right = max(0, start - width), min(len(text), end + width)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")
