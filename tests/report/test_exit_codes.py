"""exit_code: violations outrank unchecked pages; never silences findings, not failures to look."""

from __future__ import annotations

import pytest

from reprint_check.models import PageResult
from reprint_check.report import FailOn, exit_code
from reprint_check.report.exit_codes import INCOMPLETE, OK, USAGE, VIOLATIONS

from .conftest import ERRORED, FAILING, NOT_FOUND, PASSING, WARNING


def test_codes() -> None:
    assert (OK, VIOLATIONS, USAGE, INCOMPLETE) == (0, 1, 2, 3)


@pytest.mark.parametrize(
    ("results", "fail_on", "expected"),
    [
        ((), "error", 0),
        ((PASSING,), "error", 0),
        ((PASSING, NOT_FOUND), "error", 0),
        ((WARNING,), "error", 0),
        ((WARNING,), "warning", 1),
        ((WARNING,), "never", 0),
        ((FAILING,), "error", 1),
        ((FAILING,), "warning", 1),
        ((FAILING,), "never", 0),
        ((ERRORED,), "error", 3),
        ((PASSING, ERRORED), "warning", 3),
        ((ERRORED,), "never", 3),
        ((WARNING, ERRORED), "error", 3),
        ((WARNING, ERRORED), "warning", 1),
        ((FAILING, ERRORED), "error", 1),
        ((FAILING, ERRORED, NOT_FOUND), "never", 3),
    ],
)
def test_exit_code(results: tuple[PageResult, ...], fail_on: FailOn, expected: int) -> None:
    assert exit_code(results, fail_on) == expected


def test_default_fails_on_errors_only() -> None:
    assert exit_code([WARNING]) == 0
    assert exit_code([FAILING]) == 1


def test_accepts_any_iterable() -> None:
    assert exit_code(iter([PASSING, FAILING]), "error") == 1
