"""Best-effort line numbers for keys in TOML text, since `tomllib` reports none.

`KeyLines(text).line_of(("sources", 1, "copies", 0))` finds the line of the second
`[[sources]]` table's `copies` array's first element. It understands `[table]`,
`[[array]]` headers, dotted and quoted keys, inline tables and arrays (one line per element),
and skips strings and comments so their contents are never mistaken for keys. Call it only on
text `tomllib` already parsed: it trusts the syntax and stops quietly at anything it does not
expect.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

Loc = tuple[str | int, ...]

_BARE_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
_SCALAR_END = frozenset(",]}\n#")


class KeyLines:
    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self._lines: dict[Loc, int] = {}
        self._tables: dict[tuple[str, ...], int] = {}  # [[array]] name -> last index seen
        self._scan()

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """The line of `loc`, else of its nearest located parent, else None."""
        for end in range(len(loc), 0, -1):
            line = self._lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return None

    # -- scanning ---------------------------------------------------------------------------

    def _line(self, i: int) -> int:
        return bisect.bisect_right(self._starts, i)

    def _mark(self, loc: Loc, i: int) -> None:
        self._lines.setdefault(loc, self._line(i))

    def _scan(self) -> None:
        text, i = self._text, 0
        table: Loc = ()
        while i < len(text):
            i = self._skip_blank(i, newlines=True)
            if i >= len(text):
                return
            if text.startswith("[", i):
                i, table = self._header(i)
            else:
                i = self._key_value(i, table)
            if i < 0:
                return

    def _header(self, i: int) -> tuple[int, Loc]:
        is_array = self._text.startswith("[[", i)
        i, names = self._key(i + (2 if is_array else 1))
        loc: Loc = tuple(names)
        if is_array:
            index = self._tables.get(tuple(names), -1) + 1
            self._tables[tuple(names)] = index
            loc = (*loc, index)
        self._mark(loc, i)
        end = self._text.find("\n", i)
        return (len(self._text) if end < 0 else end), loc

    def _key_value(self, i: int, table: Loc) -> int:
        start = i
        i, names = self._key(i)
        i = self._skip_blank(i)
        if not names or not self._text.startswith("=", i):
            return -1  # not TOML we understand: stop rather than guess
        loc = (*table, *names)
        self._mark(loc, start)
        return self._value(self._skip_blank(i + 1), loc)

    def _key(self, i: int) -> tuple[int, list[str]]:
        """A dotted key starting at `i`: (index after it, its parts)."""
        parts: list[str] = []
        text = self._text
        while i < len(text):
            i = self._skip_blank(i)
            if i < len(text) and text[i] in "\"'":
                end = self._string_end(i)
                parts.append(text[i + 1 : end - 1])
                i = end
            else:
                j = i
                while j < len(text) and text[j] in _BARE_KEY_CHARS:
                    j += 1
                if j == i:
                    break
                parts.append(text[i:j])
                i = j
            i = self._skip_blank(i)
            if not text.startswith(".", i):
                break
            i += 1
        return i, parts

    def _value(self, i: int, loc: Loc) -> int:
        text = self._text
        if i >= len(text):
            return i
        if text[i] in "\"'":
            return self._string_end(i)
        if text[i] == "[":
            return self._array(i + 1, loc)
        if text[i] == "{":
            return self._inline_table(i + 1, loc)
        while i < len(text) and text[i] not in _SCALAR_END:
            i += 1
        return i

    def _array(self, i: int, loc: Loc) -> int:
        index = 0
        while i < len(self._text):
            i = self._skip_blank(i, newlines=True)
            if self._text.startswith("]", i):
                return i + 1
            self._mark((*loc, index), i)
            i = self._value(i, (*loc, index))
            if i < 0:
                return i
            i = self._skip_blank(i, newlines=True)
            index += 1
            if self._text.startswith(",", i):
                i += 1
            elif not self._text.startswith("]", i):
                return -1
        return i

    def _inline_table(self, i: int, loc: Loc) -> int:
        while i < len(self._text):
            i = self._skip_blank(i)
            if self._text.startswith("}", i):
                return i + 1
            i = self._key_value(i, loc)
            if i < 0:
                return i
            i = self._skip_blank(i)
            if self._text.startswith(",", i):
                i += 1
        return i

    def _string_end(self, i: int) -> int:
        """Index just past the string literal (basic, literal, or multi-line) opening at `i`."""
        text = self._text
        quote = text[i]
        delim = quote * 3 if text.startswith(quote * 3, i) else quote
        j = i + len(delim)
        while j < len(text):
            if quote == '"' and text[j] == "\\":
                j += 2
                continue
            if text.startswith(delim, j):
                j += len(delim)
                while len(delim) == 3 and j < len(text) and text[j] == quote:
                    j += 1  # up to two quotes may close a multi-line string's content
                return j
            j += 1
        return j

    def _skip_blank(self, i: int, *, newlines: bool = False) -> int:
        """Skip spaces, tabs and comments (and newlines when asked)."""
        text = self._text
        while i < len(text):
            c = text[i]
            if c in " \t\r" or (newlines and c == "\n"):
                i += 1
            elif c == "#":
                end = text.find("\n", i)
                i = len(text) if end < 0 else end
            else:
                break
        return i
