"""The csv format: one row per (page, rule), read back exactly by csv.reader."""

from __future__ import annotations

import csv
from io import StringIO

from reprint_check.models import Evidence, Finding, PageResult
from reprint_check.report import Report, get_formatter
from reprint_check.report.csv import COLUMNS, defuse

from .conftest import ERRORED, FAILING, NOT_FOUND, make_report


def read(report: Report) -> list[list[str]]:
    text = get_formatter("csv").format(report)
    return list(csv.reader(StringIO(text, newline="")))


def test_header_row() -> None:
    assert read(make_report())[0] == [
        "url",
        "final_url",
        "page_status",
        "rule",
        "finding_status",
        "severity",
        "message",
        "evidence",
    ]
    assert list(COLUMNS) == read(make_report())[0]


def test_one_row_per_finding_round_trips_commas_quotes_and_newlines() -> None:
    page = ["https://copy.example/fail?id=1", "https://copy.example/fail?id=1", "fail"]
    assert read(make_report(FAILING))[1:] == [
        [*page, "zz-house-rule", "warn", "warning", "House rule: no *bold* claims | ever.", ""],
        [
            *page,
            "credit",
            "fail",
            "error",
            'Publisher not named; "credit" found only in the sidebar, footer.\nSee evidence.',
            'text “Friends: Publisher Daily | "Others", etc. more”'
            " at aside.blogroll > li (outside the article)",
        ],
        [*page, "backlink", "pass", "error", "Links to the publisher's domain.", ""],
        [
            *page,
            "excluded-images",
            "fail",
            "error",
            "2 of the source's images appear in the copy.",
            "image https://publisher.example/img/kremlin.jpg at article > figure > img",
        ],
        [
            *page,
            "text-fidelity",
            "fail",
            "error",
            "1 paragraph changed (<em>edits</em> are forbidden).",
            "paragraph “The minister claimed on Monday…” at article > p:nth-of-type(3)",
        ],
    ]


def test_pages_without_findings_get_one_row_with_their_reason() -> None:
    assert read(make_report(NOT_FOUND, ERRORED))[1:] == [
        [
            "https://copy.example/gone",
            "https://copy.example/gone",
            "not_found",
            "",
            "",
            "",
            "The source article is not on this page (3% of its text found).",
            "",
        ],
        [
            "https://другой.example/down",
            "",
            "error",
            "",
            "",
            "",
            "HTTP 503 Service Unavailable after 3 tries.",
            "",
        ],
    ]


def test_row_count_for_the_whole_run(report: Report) -> None:
    # header + 5 + 2 + 5 findings + one row each for not_found and error
    assert len(read(report)) == 1 + 5 + 2 + 5 + 1 + 1


def test_page_text_that_looks_like_a_formula_is_defused() -> None:
    evil = PageResult(
        url="https://copy.example/x",
        source="https://publisher.example/a",
        status="fail",
        findings=(
            Finding("credit", "fail", "error", '=HYPERLINK("http://evil")', (Evidence("text", snippet="x"),)),
        ),
    )
    (row,) = read(make_report(evil))[1:]
    assert row[6] == '\'=HYPERLINK("http://evil")'


def test_defuse_leaves_ordinary_text_alone() -> None:
    assert [defuse(s) for s in ("+1", "-x", "@a", "\tb", "ok", "a=b", "")] == [
        "'+1",
        "'-x",
        "'@a",
        "'\tb",
        "ok",
        "a=b",
        "",
    ]


def test_lines_end_with_crlf_as_rfc_4180_says() -> None:
    assert get_formatter("csv").format(make_report()) == ",".join(COLUMNS) + "\r\n"
