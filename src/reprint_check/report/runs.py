"""Text for `history` and `history diff`, and the "changes" block of a `--new-only` report.

Like the formatters, these return strings; only the CLI prints them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from reprint_check.models import PAGE_STATUSES

if TYPE_CHECKING:
    from reprint_check.history import RunInfo

CHANGE_TITLES: dict[str, str] = {
    "new_violations": "new violations",
    "resolved": "resolved",
    "taken_down": "taken down (not found)",
    "errored": "newly erroring",
    "unchanged_violations": "still failing",
}


def runs_text(runs: Iterable[RunInfo]) -> str:
    """One line per run, newest first: id, audit, start, status and page counts."""
    header = f"{'run':<12}  {'started (UTC)':<19}  {'status':<10}  {'pages':>5}  counts  audit"
    lines = [header]
    for run in runs:
        counts = " ".join(f"{status}={run.counts[status]}" for status in PAGE_STATUSES if run.counts[status])
        started = run.started_at.strftime("%Y-%m-%d %H:%M:%S")
        pages = f"{run.pages:>5}"
        lines.append(
            f"{run.id[:12]:<12}  {started:<19}  {run.status:<10}  {pages}  {counts or '-'}  {run.audit}"
        )
    return "\n".join(lines) + "\n"


def changes_text(changes: Mapping[str, Any], *, since: str | None = None) -> str:
    """`Changes since run …: 1 new violations, …` and one line per change, unchanged ones counted."""
    since = since or changes.get("since_run_id")
    title = f"Changes since run {since[:12]}" if since else "Changes (no earlier complete run)"
    counts = ", ".join(f"{len(changes[key])} {label}" for key, label in CHANGE_TITLES.items())
    lines = [f"{title}: {counts}"]
    for key, label in CHANGE_TITLES.items():
        if key == "unchanged_violations":
            continue
        lines += [f"  {label}: {_change_line(change)}" for change in changes[key]]
    return "\n".join(lines) + "\n"


def _change_line(change: Mapping[str, Any]) -> str:
    what = f"{change['rule']} " if "rule" in change else ""
    was = change["old_status"] or "new"
    line = f"{change['url']}  {what}{was} -> {change['new_status']}"
    detail = change.get("message") or change.get("reason")
    return f"{line}: {detail}" if detail else line
