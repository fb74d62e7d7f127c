"""Report, the registry and the streaming contract."""

from __future__ import annotations

import pytest

from reprint_check.report import (
    FORMATS,
    FormatOptions,
    Report,
    ReportError,
    StreamingFormatter,
    get_formatter,
)
from reprint_check.report.jsonl import JsonLinesFormatter
from reprint_check.report.table import TableFormatter

from .conftest import ALL_RESULTS, ERRORED, FAILING, make_report


def test_summary_counts_every_status(report: Report) -> None:
    assert report.summary.to_dict() == {
        "pages": 5,
        "pass": 1,
        "warn": 1,
        "fail": 1,
        "not_found": 1,
        "error": 1,
    }


def test_summary_of_an_empty_run_is_all_zero() -> None:
    assert make_report().summary.to_dict() == {
        "pages": 0,
        "pass": 0,
        "warn": 0,
        "fail": 0,
        "not_found": 0,
        "error": 0,
    }


def test_registry_lists_every_format_by_its_name() -> None:
    assert list(FORMATS) == ["table", "json", "jsonl", "csv", "markdown", "junit", "sarif"]
    assert all(cls.name == name for name, cls in FORMATS.items())


def test_get_formatter_passes_the_options_on() -> None:
    formatter = get_formatter("table", FormatOptions(color=True, width=80))
    assert isinstance(formatter, TableFormatter)
    assert formatter.options == FormatOptions(color=True, width=80, fail_on="error")


def test_get_formatter_defaults_its_options() -> None:
    assert get_formatter("json").options == FormatOptions(color=False, width=100, fail_on="error")


def test_unknown_format_names_the_valid_ones() -> None:
    with pytest.raises(ReportError) as err:
        get_formatter("yaml")
    assert (
        str(err.value)
        == "unknown format 'yaml'; choose one of: csv, json, jsonl, junit, markdown, sarif, table"
    )


def test_streamed_output_is_byte_for_byte_the_batch_output(report: Report) -> None:
    formatter = get_formatter("jsonl")
    assert isinstance(formatter, StreamingFormatter)
    # The CLI writes the header before any page is done, so it only has run metadata.
    started = make_report(run_id=report.run_id, started_at=report.started_at)
    streamed = formatter.header(started) + "".join(formatter.result(r) for r in ALL_RESULTS)
    streamed += formatter.footer(report)
    assert streamed == formatter.format(report)


def test_only_jsonl_streams() -> None:
    streaming = [name for name, cls in FORMATS.items() if issubclass(cls, StreamingFormatter)]
    assert streaming == ["jsonl"]
    assert issubclass(JsonLinesFormatter, StreamingFormatter)


def test_report_is_frozen() -> None:
    report = make_report(FAILING, ERRORED)
    with pytest.raises(AttributeError):
        report.run_id = "other"  # type: ignore[misc]
