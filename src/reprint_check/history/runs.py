"""What history says about one run, and where the history database lives by default."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import platformdirs

from reprint_check import TOOL_NAME
from reprint_check.history.liveness import is_alive
from reprint_check.models import PageStatus

RunStatus = Literal["running", "complete", "incomplete"]


def default_history_path() -> Path:
    """`history.sqlite3` in the user data folder (e.g. ~/.local/share/reprint-check on Linux)."""
    return platformdirs.user_data_path(TOOL_NAME, appauthor=False) / "history.sqlite3"


@dataclass(frozen=True)
class RunInfo:
    """One run. `status` is 'incomplete' for a run whose process died while still 'running'."""

    id: str
    audit: str
    started_at: datetime
    finished_at: datetime | None
    status: RunStatus
    tool_version: str
    policies: Mapping[str, str]
    counts: Mapping[PageStatus, int]

    @property
    def pages(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "audit": self.audit,
            "started_at": self.started_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "status": self.status,
            "tool_version": self.tool_version,
            "policies": dict(self.policies),
            "pages": self.pages,
            "counts": dict(self.counts),
        }


def run_from_row(row: tuple[Any, ...], statuses: tuple[PageStatus, ...]) -> RunInfo:
    """A `runs` row (its ten columns, then one count per page status, in `statuses` order) as a
    RunInfo; a run still marked running whose process is gone reads as incomplete."""
    run_id, audit, started, finished, status, version, policies, pid, host, token = row[:10]
    if status == "running" and not is_alive(pid, host, token):
        status = "incomplete"
    return RunInfo(
        id=run_id,
        audit=audit,
        started_at=datetime.fromisoformat(started),
        finished_at=datetime.fromisoformat(finished) if finished else None,
        status=status,
        tool_version=version,
        policies=json.loads(policies),
        counts=dict(zip(statuses, row[10:], strict=True)),
    )
