"""`--format jsonl`: one JSON object per line, written as the run goes (for `jq`, logs, dashboards).

Lines, each with a `type`:

- first `{"type": "run", "schema_version": 1, "tool": …, "run_id"/"started_at" when set,
  "policy": …, "sources": […]}`;
- then `{"type": "result", …}` per page as soon as it is done: the same fields as one entry of the
  json format's `results`;
- last `{"type": "summary", "summary": {…}, "tool": …, "policy": …, "finished_at" when set}`.

Objects are the json format's, so one JSON Schema `$defs` entry describes both.
"""

from __future__ import annotations

import json
from typing import Any

from reprint_check.models import PageResult
from reprint_check.report.common import tool_dict
from reprint_check.report.interface import Report, StreamingFormatter
from reprint_check.report.json import SCHEMA_VERSION


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def _when_set(**fields: str | None) -> dict[str, str]:
    return {key: value for key, value in fields.items() if value is not None}


class JsonLinesFormatter(StreamingFormatter):
    name = "jsonl"

    def header(self, report: Report) -> str:
        return _line(
            {
                "type": "run",
                "schema_version": SCHEMA_VERSION,
                "tool": tool_dict(report.tool_version),
                **_when_set(run_id=report.run_id, started_at=report.started_at),
                "policy": dict(report.policy),
                "sources": [dict(s) for s in report.sources],
            }
        )

    def result(self, result: PageResult) -> str:
        return _line({"type": "result", **result.to_dict()})

    def footer(self, report: Report) -> str:
        return _line(
            {
                "type": "summary",
                "summary": report.summary.to_dict(),
                "tool": tool_dict(report.tool_version),
                "policy": dict(report.policy),
                **_when_set(run_id=report.run_id, finished_at=report.finished_at),
            }
        )
