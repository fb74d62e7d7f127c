"""Writing audit files and reading the problems loading them reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from reprint_check.audit import AuditConfigError, load_audit


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> tuple[str, ...]:
    with pytest.raises(AuditConfigError) as caught:
        load_audit(path)
    return caught.value.problems
