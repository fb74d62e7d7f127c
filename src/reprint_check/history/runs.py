"""What history says about one run, and where the history database lives by default."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import platformdirs

from reprint_check import TOOL_NAME
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
