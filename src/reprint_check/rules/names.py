"""Finding a publisher's name in text: any listed spelling, case- and whitespace-insensitive, as a
whole name (not part of a longer word or domain) and not inside a bare URL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class NameHit:
    name: str
    start: int
    end: int


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
    return "://" in token or token.lower().startswith("www.") and "/" in token


def find_names(text: str, names: tuple[str, ...]) -> Iterator[NameHit]:
    if not names:
        return
    for m in _pattern(names).finditer(text):
        if not _in_url(text, m.start(), m.end()):
            yield NameHit(name=m.group(0), start=m.start(), end=m.end())


def context(text: str, hit: NameHit, width: int = 70) -> str:
    start = max(0, hit.start - width)
    end = min(len(text), hit.end + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
