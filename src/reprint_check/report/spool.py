"""Finished pages kept on disk, not in memory, until every report is written.

A run of 10,000 pages would hold tens of MB of results if it kept them; the spool appends each
page as one JSON line to an anonymous temporary file and keeps only its offset, its input
position and the status counts. Pages arrive in the order they finish; iterating gives them in
input order (ties in arrival order), as often as a formatter needs.
"""

from __future__ import annotations

import json
import tempfile
import weakref
from array import array
from collections.abc import Iterator
from typing import IO

from reprint_check.models import PAGE_STATUSES, PageResult, Summary


class ResultSpool:
    """An append-only, re-iterable store of `PageResult`s; `close()` removes the file.

    The file is opened unlinked (`TemporaryFile`), so it is gone even if the process dies;
    a spool dropped without `close()` is closed when it is collected.
    """

    def __init__(self) -> None:
        # Open for the spool's whole life; close() or the finalizer closes it.
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="reprint-check-")  # noqa: SIM115
        self._closer = weakref.finalize(self, self._file.close)
        self._offsets = array("q")
        self._positions = array("q")
        self._order: list[int] | None = None
        self._end = 0
        self._counts: dict[str, int] = dict.fromkeys(PAGE_STATUSES, 0)

    def add(self, result: PageResult, position: int | None = None) -> None:
        """Append `result`; `position` is its place in the input (default: after every other)."""
        match = result.match
        line = {
            "result": result.to_dict(),
            # to_dict rounds the scores for reports; keep the exact ones so a page loads back equal.
            "coverage": match.coverage if match else None,
            "similarity": match.similarity if match else None,
        }
        data = json.dumps(line, separators=(",", ":")).encode("ascii") + b"\n"
        self._file.seek(self._end)
        self._file.write(data)
        self._offsets.append(self._end)
        self._positions.append(len(self._offsets) - 1 if position is None else position)
        self._end += len(data)
        self._counts[result.status] += 1
        self._order = None

    def __len__(self) -> int:
        return len(self._offsets)

    def __iter__(self) -> Iterator[PageResult]:
        self._file.flush()
        for index in self._in_order():
            self._file.seek(self._offsets[index])
            yield _load(self._file.readline())

    @property
    def summary(self) -> Summary:
        return Summary(pages=len(self), counts=dict(self._counts))

    @property
    def closed(self) -> bool:
        return not self._closer.alive

    def close(self) -> None:
        self._closer()

    def __enter__(self) -> ResultSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _in_order(self) -> list[int]:
        if self._order is None:
            self._order = sorted(range(len(self._positions)), key=self._positions.__getitem__)
        return self._order


def _load(line: bytes) -> PageResult:
    data = json.loads(line)
    return PageResult.from_dict(data["result"], coverage=data["coverage"], similarity=data["similarity"])
