"""The jsonl format: a run line, one line per page, a summary line."""

from __future__ import annotations

import json
from typing import Any

from reprint_check.report import Report, get_formatter
from reprint_check.report.jsonl import JsonLinesFormatter

from .conftest import ALL_RESULTS, FAILING, POLICY, SOURCE_A, SOURCE_B, make_report, source_dict

TOOL = {"name": "reprint-check", "version": "0.1.0"}


def lines(report: Report) -> list[dict[str, Any]]:
    text = get_formatter("jsonl").format(report)
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_one_line_per_page_between_run_and_summary(report: Report) -> None:
    assert [line["type"] for line in lines(report)] == ["run"] + ["result"] * 5 + ["summary"]


def test_run_line_exactly(report: Report) -> None:
    assert lines(report)[0] == {
        "type": "run",
        "schema_version": 1,
        "tool": TOOL,
        "run_id": "run-42",
        "started_at": "2024-05-01T10:00:00Z",
        "policy": POLICY,
        "sources": [source_dict(SOURCE_A, "Story A"), source_dict(SOURCE_B, "Story B")],
    }


def test_result_lines_are_the_page_results(report: Report) -> None:
    assert lines(report)[1:-1] == [{"type": "result", **r.to_dict()} for r in ALL_RESULTS]


def test_summary_line_exactly(report: Report) -> None:
    assert lines(report)[-1] == {
        "type": "summary",
        "summary": {"pages": 5, "pass": 1, "warn": 1, "fail": 1, "not_found": 1, "error": 1},
        "tool": TOOL,
        "policy": POLICY,
        "run_id": "run-42",
        "finished_at": "2024-05-01T10:00:12.5Z",
    }


def test_run_metadata_is_left_out_when_unset(check_report: Report) -> None:
    run, *_, summary = lines(check_report)
    assert "run_id" not in run and "started_at" not in run
    assert "run_id" not in summary and "finished_at" not in summary


def test_a_page_with_newlines_in_its_text_is_still_one_line() -> None:
    chunk = JsonLinesFormatter().result(FAILING)
    assert chunk.count("\n") == 1 and chunk.endswith("\n")
    assert json.loads(chunk)["findings"][1]["message"] == (
        'Publisher not named; "credit" found only in the sidebar, footer.\nSee evidence.'
    )


def test_empty_run_is_a_run_line_and_a_summary_line() -> None:
    assert [line["type"] for line in lines(make_report())] == ["run", "summary"]
