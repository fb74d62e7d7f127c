"""A JSON document written in pieces, byte for byte what `json.dumps(..., indent=2)` gives.

The document is dumped with a marker string in place of each long list; the text around the
markers is written as is, and each list's items are dumped one at a time at the marker's depth.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

INDENT = 2


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=INDENT)


def json_chunks(document: Any, lists: dict[str, Iterable[Any]]) -> Iterator[str]:
    """`dumps(document)` in pieces; `document` holds `lists`' keys (see `placeholder`) where each
    list goes, in the order the lists appear in the text."""
    text = dumps(document)
    for key, items in lists.items():
        head, marker, text = text.partition(dumps(placeholder(key)))
        if not marker:
            raise ValueError(f"no placeholder for {key!r} in the document")
        yield head
        yield from _list_chunks(items, _line_indent(head) + " " * INDENT)
    yield text + "\n"


def placeholder(key: str) -> str:
    """The string that stands for list `key` until it is written."""
    return f"{key}:{_RUN_TOKEN}"


# Random per process, so no page or policy text can be mistaken for a placeholder.
_RUN_TOKEN = uuid.uuid4().hex


def _line_indent(text: str) -> str:
    """The indent of the last line of `text` (the key whose value comes next)."""
    last = text[text.rfind("\n") + 1 :]
    return last[: len(last) - len(last.lstrip(" "))]


def _list_chunks(items: Iterable[Any], indent: str) -> Iterator[str]:
    # Nested values are indented relative to their own line, so each item is dumped alone and
    # shifted right; strings never hold a raw newline (json escapes it).
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + indent + dumps(item).replace("\n", "\n" + indent)
        first = False
    yield "[]" if first else "\n" + indent[:-INDENT] + "]"
