"""The json format: the versioned contract, field by field and byte by byte where it matters."""

from __future__ import annotations

import json

from reprint_check.report import Report, get_formatter

from .conftest import ERRORED, FAILING, PASSING, POLICY, SOURCE_A, make_report, source_dict


def render(report: Report) -> str:
    return get_formatter("json").format(report)


def test_top_level_keys_in_contract_order_with_run_metadata(report: Report) -> None:
    doc = json.loads(render(report))
    assert list(doc) == [
        "schema_version",
        "tool",
        "run_id",
        "started_at",
        "finished_at",
        "policy",
        "source",
        "sources",
        "summary",
        "results",
    ]


def test_check_run_document_exactly(check_report: Report) -> None:
    doc = json.loads(render(check_report))
    assert doc == {
        "schema_version": 1,
        "tool": {"name": "reprint-check", "version": "0.1.0"},
        "policy": POLICY,
        "source": source_dict(SOURCE_A, "Story A"),
        "sources": [source_dict(SOURCE_A, "Story A")],
        "summary": {"pages": 2, "pass": 1, "warn": 0, "fail": 1, "not_found": 0, "error": 0},
        "results": [PASSING.to_dict(), FAILING.to_dict()],
    }
    assert "run_id" not in doc and "started_at" not in doc and "finished_at" not in doc


def test_run_metadata_values(report: Report) -> None:
    doc = json.loads(render(report))
    assert (doc["run_id"], doc["started_at"], doc["finished_at"]) == (
        "run-42",
        "2024-05-01T10:00:00Z",
        "2024-05-01T10:00:12.5Z",
    )
    assert doc["source"] == doc["sources"][0]
    assert [s["url"] for s in doc["sources"]] == [
        "https://publisher.example/2024/story-a",
        "https://publisher.example/2024/story-b",
    ]


def test_error_page_keeps_its_reason_and_null_match() -> None:
    (result,) = json.loads(render(make_report(ERRORED)))["results"]
    assert result == {
        "url": "https://другой.example/down",
        "final_url": None,
        "http_status": 503,
        "redirects": [],
        "source": "https://publisher.example/2024/story-b",
        "status": "error",
        "reason": "HTTP 503 Service Unavailable after 3 tries.",
        "match": None,
        "findings": [],
    }


def test_no_sources_gives_null_source() -> None:
    doc = json.loads(render(make_report(sources=())))
    assert doc["source"] is None
    assert doc["sources"] == []


def test_text_is_indented_unescaped_and_newline_terminated(report: Report) -> None:
    text = render(report)
    assert text.startswith('{\n  "schema_version": 1,\n  "tool": {\n    "name": "reprint-check",\n')
    assert '"url": "https://другой.example/down"' in text  # ensure_ascii=False
    assert "\\u0434" not in text
    assert text.endswith("\n}\n")


def test_output_is_deterministic(report: Report) -> None:
    assert render(report) == render(report)
