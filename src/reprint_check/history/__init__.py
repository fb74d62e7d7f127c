"""Run history: every page result of every audit run, and what changed since the last one.

`HistoryStore` records runs in SQLite as they happen; `diff_runs` compares two runs' results;
`new_only` cuts a run's results down to what is newly wrong.
"""

from __future__ import annotations

from reprint_check.history.diff import FindingChange, PageChange, RunDiff, diff_runs, new_only
from reprint_check.history.errors import HistoryError
from reprint_check.history.runs import RunInfo, RunStatus, default_history_path
from reprint_check.history.schema import SCHEMA_VERSION
from reprint_check.history.store import HistoryStore

__all__ = [
    "SCHEMA_VERSION",
    "FindingChange",
    "HistoryError",
    "HistoryStore",
    "PageChange",
    "RunDiff",
    "RunInfo",
    "RunStatus",
    "default_history_path",
    "diff_runs",
    "new_only",
]
