"""The process exit code a run's results call for (the CLI exits with it)."""

from __future__ import annotations

from collections.abc import Iterable

from reprint_check.models import PageResult, Summary
from reprint_check.report.interface import FailOn

OK = 0
VIOLATIONS = 1
USAGE = 2  # bad arguments or an unusable policy; raised by the CLI, never returned here
INCOMPLETE = 3

# The page statuses that count as a violation for each --fail-on.
_VIOLATING: dict[FailOn, frozenset[str]] = {
    "error": frozenset({"fail"}),
    "warning": frozenset({"fail", "warn"}),
    "never": frozenset(),
}


def exit_code(results: Iterable[PageResult], fail_on: FailOn = "error") -> int:
    """0, 1 or 3 for a finished run; a violation outranks an unchecked page.

    - 1 (VIOLATIONS): some page is `fail`, or `warn` when fail_on="warning".
    - 3 (INCOMPLETE): no violation, but some page is `error` (it could not be checked, so a clean
      result cannot be vouched for). This holds for fail_on="never" too: "never" silences
      findings, not failures to look.
    - 0 (OK): otherwise. `not_found` pages (the copy no longer carries the article) are not
      violations.
    """
    return summary_exit_code(Summary.of(results), fail_on)


def summary_exit_code(summary: Summary, fail_on: FailOn = "error") -> int:
    """`exit_code` from the status counts alone (a spooled report is not read again)."""
    statuses = {status for status, count in summary.counts.items() if count}
    if statuses & _VIOLATING[fail_on]:
        return VIOLATIONS
    return INCOMPLETE if "error" in statuses else OK
