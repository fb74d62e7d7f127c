"""Glue between a run's hooks and the store: record as the run goes, rebuild a stored run later.

`RunRecorder` opens the run before any page is fetched, keeps the report head once the sources
are read, records each page as it finishes, and closes the run as complete or incomplete.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from reprint_check import __version__
from reprint_check.history.diff import RunDiff, diff_runs, new_only
from reprint_check.history.store import HistoryStore
from reprint_check.models import PageResult
from reprint_check.report.interface import Report
from reprint_check.report.json import empty_source


def policy_versions(policy: Mapping[str, Any]) -> dict[str, str]:
    """Policy id -> version, for a single policy's summary or an audit's combined one."""
    listed = policy.get("policies") or [policy]
    return {str(p["id"]): str(p["version"]) for p in listed}


class RunRecorder:
    def __init__(self, store: HistoryStore, key: str) -> None:
        self.store = store
        self.key = key
        self.run_id = store.start_run(key, __version__, {})

    def started(self, head: Report) -> None:
        saved = {"policy": dict(head.policy), "sources": [dict(s) for s in head.sources]}
        self.store.describe_run(self.run_id, saved, policy_versions(head.policy))

    def record(self, result: PageResult) -> None:
        self.store.record(self.run_id, result)

    def finish(self) -> None:
        self.store.finish_run(self.run_id)

    def abandon(self) -> None:
        self.store.mark_incomplete(self.run_id)


@dataclass(frozen=True)
class NewOnly:
    """A run cut down to what changed since `baseline` (None: no earlier complete run)."""

    results: list[PageResult]
    diff: RunDiff
    baseline: str | None

    def changes(self) -> dict[str, Any]:
        counts = {key: len(value) for key, value in self.diff.to_dict().items()}
        return {"since_run_id": self.baseline, "counts": counts, **self.diff.to_dict()}


def since_previous(store: HistoryStore, key: str, run_id: str, results: list[PageResult]) -> NewOnly:
    """New violations, and pages newly taken down or erroring, since the last complete run."""
    baseline = store.previous_complete_run(key, run_id)
    old = store.load_results(baseline) if baseline else []
    diff = diff_runs(old, results)
    wanted = {(c.source, c.url) for c in (*diff.taken_down, *diff.errored)}
    pages = {(p.source, p.url): p for p in new_only(results, diff)}
    kept = [pages.get(page) or r for r in results if (page := (r.source, r.url)) in pages or page in wanted]
    return NewOnly(kept, diff, baseline)


def stored_report(store: HistoryStore, run_id: str) -> Report:
    """A recorded run as a `Report`, so any formatter can render it again."""
    info = store.run_info(run_id)
    results = store.load_results(run_id)
    head = store.run_head(run_id) or _guessed_head(info.policies, results)
    return Report(
        tool_version=info.tool_version,
        policy=head["policy"],
        sources=tuple(head["sources"]),
        results=tuple(results),
        started_at=info.started_at.isoformat(timespec="seconds"),
        finished_at=info.finished_at.isoformat(timespec="seconds") if info.finished_at else None,
        run_id=run_id,
    )


def _guessed_head(policies: Mapping[str, str], results: list[PageResult]) -> dict[str, Any]:
    # Runs killed before their sources were read (or recorded by schema 1) have no head.
    ids = list(policies) or ["unknown"]
    policy = {
        "id": "+".join(ids),
        "version": "+".join(policies.values()) or "unknown",
        "title": "+".join(ids),
    }
    urls = dict.fromkeys(r.source for r in results)
    return {"policy": policy, "sources": [empty_source(url) for url in urls]}
