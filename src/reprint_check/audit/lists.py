"""Read the copy lists an audit file can point at: a plain URL list and a publisher's CSV export.

Readers return raw values with their line numbers; checking each value is the caller's job.
File-level trouble (unreadable, no header, missing column) raises `ListFileError`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

CSV_COLUMNS = ("source_url", "copy_url")


class ListFileError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class ListedValue:
    value: str
    line: int


@dataclass(frozen=True)
class CsvRow:
    source_url: str
    copy_url: str
    line: int


def read_url_list(path: Path) -> list[ListedValue]:
    """One URL or path per line; blank lines and `#` comment lines are skipped."""
    text = _read_text(path)
    out: list[ListedValue] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        value = raw.strip()
        if value and not value.startswith("#"):
            out.append(ListedValue(value, number))
    return out


def read_copies_csv(path: Path) -> list[CsvRow]:
    """Rows of a CSV with a `source_url,copy_url` header (any order, other columns ignored)."""
    reader = csv.reader(_read_text(path).splitlines(keepends=True))
    try:
        header = next(reader, None)
        if header is None:
            raise ListFileError(1, f"empty file: expected a header with {','.join(CSV_COLUMNS)}")
        columns = _column_indexes(header)
        return [_row(cells, columns, reader.line_num) for cells in reader if any(c.strip() for c in cells)]
    except csv.Error as exc:
        raise ListFileError(reader.line_num, f"not valid CSV: {exc}") from exc


def _column_indexes(header: list[str]) -> tuple[int, int]:
    names = [h.strip().lower() for h in header]
    missing = [c for c in CSV_COLUMNS if c not in names]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        wanted = ", ".join(f'"{c}"' for c in missing)
        raise ListFileError(1, f"missing column{plural} {wanted} (header: {','.join(header)})")
    return names.index(CSV_COLUMNS[0]), names.index(CSV_COLUMNS[1])


def _row(cells: list[str], columns: tuple[int, int], line: int) -> CsvRow:
    def cell(index: int) -> str:
        return cells[index].strip() if index < len(cells) else ""

    return CsvRow(cell(columns[0]), cell(columns[1]), line)


def _read_text(path: Path) -> str:
    # utf-8-sig: spreadsheet exports often start with a byte-order mark.
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ListFileError(None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise ListFileError(None, f"cannot read: {exc.strerror or exc}") from exc
