"""Collect audit-file problems as one line each, then raise them together."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reprint_check.audit.plan import AuditConfigError


def field_path(loc: Sequence[str | int]) -> str:
    """`("sources", 1, "copies", 0)` -> `sources[1].copies[0]`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def problem_line(file: Path, line: int | None, field: str, message: str) -> str:
    where = f"{file}:{line}" if line is not None else str(file)
    return f"{where}: {field}: {message}" if field else f"{where}: {message}"


class Problems:
    def __init__(self) -> None:
        self._lines: list[str] = []

    def add(self, file: Path, line: int | None, field: str, message: str) -> None:
        self._lines.append(problem_line(file, line, field, message))

    def __bool__(self) -> bool:
        return bool(self._lines)

    def raise_if_any(self) -> None:
        if self._lines:
            raise AuditConfigError("\n".join(self._lines), tuple(self._lines))
