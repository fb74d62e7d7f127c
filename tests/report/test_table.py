"""The table format: overview rows, the evidence block, and colour only when asked."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from reprint_check.models import Evidence
from reprint_check.report import FormatOptions, Report, get_formatter
from reprint_check.report.common import DASH, evidence_text, shorten_middle

from .conftest import ERRORED, FAILING, PASSING, make_report

WIDE = FormatOptions(width=160)

DETAILS = Path(__file__).parent / "golden" / "table-details.txt"


def render(report: Report, options: FormatOptions = WIDE) -> str:
    return get_formatter("table", options).format(report)


def table_rows(text: str) -> list[list[str]]:
    """The overview's header and rows, split on whitespace (the box draws no vertical lines)."""
    lines = text.split("\n\n")[1].splitlines()
    return [line.split() for line in lines if not line.startswith("─")]


def test_header_names_policy_and_source_count(report: Report) -> None:
    assert render(report).split("\n\n")[0] == (
        "Policy: Creative Commons Attribution-NoDerivatives 4.0 (cc-by-nd-4.0, version 1)\nSources: 2"
    )


def test_single_source_is_named(check_report: Report) -> None:
    assert render(check_report).splitlines()[1] == "Source: https://publisher.example/2024/story-a"


def test_one_row_per_page_with_a_glyph_per_rule(report: Report) -> None:
    assert table_rows(render(report)) == [
        ["page", "status", "coverage", "credit", "backlink", "images", "video", "text", "zz-house-rule"],
        ["https://copy.example/pass", "pass", "98%", "✓", "✓", "✓", DASH, "✓"],
        ["https://copy.example/warn", "warn", "91%", "✓", "!"],
        ["https://copy.example/fail?id=1", "fail", "40%", "✗", "✓", "✗", "✗", "!"],
        ["https://copy.example/gone", "not_found", "3%"],
        ["https://другой.example/down", "error", DASH],
    ]


def test_glyphs_sit_under_their_rule_column(report: Report) -> None:
    lines = render(report).split("\n\n")[1].splitlines()
    header, fail_row = lines[0], lines[4]
    assert fail_row[header.index("video") : header.index("video") + 5].strip() == ""
    assert fail_row[header.index("zz-house-rule") : header.index("zz-house-rule") + 13].strip() == "!"


def test_evidence_reasons_and_summary(report: Report) -> None:
    text = render(report)
    assert text[text.index("https://copy.example/warn  warn") :] == DETAILS.read_text(encoding="utf-8")


def test_a_clean_run_has_no_detail_block() -> None:
    text = render(make_report(PASSING, sources=()))
    assert text.split("\n\n")[2:] == ["1 page: 1 pass, 0 warn, 0 fail, 0 not found, 0 error\n"]


def test_empty_run_still_says_so() -> None:
    text = render(make_report(sources=()))
    assert text == (
        "Policy: Creative Commons Attribution-NoDerivatives 4.0 (cc-by-nd-4.0, version 1)\n"
        "Sources: 0\n\n0 pages: 0 pass, 0 warn, 0 fail, 0 not found, 0 error\n"
    )


def test_long_urls_lose_their_middle_and_stay_on_one_line() -> None:
    url = "https://copy.example/2024/05/01/a-very-long-slug-for-a-republished-story"
    text = render(make_report(replace(FAILING, url=url)), FormatOptions(width=100))
    rows = text.split("\n\n")[1].splitlines()[2:]
    # Seven columns leave the page 25 columns: too few for the slug, so the middle goes.
    assert [row.split() for row in rows] == [
        ["https://copy…lished-story", "fail", "40%", "✗", "✓", "✗", "✗", "!"]
    ]
    assert f"{url}  fail" in text  # the details keep the whole URL for copying


@pytest.mark.parametrize(
    ("text", "width", "short"),
    [
        ("examples/copies/pass-blog-copy.html", 40, "examples/copies/pass-blog-copy.html"),
        ("examples/copies/fail-credit-in-sidebar.html", 33, "…/fail-credit-in-sidebar.html"),
        ("https://news.example.org/2024/story-slug", 30, "https://news.examp…/story-slug"),
        ("https://x.example/" + "a" * 40, 21, "https://x.…aaaaaaaaaa"),
    ],
)
def test_shorten_middle(text: str, width: int, short: str) -> None:
    assert shorten_middle(text, width) == short
    assert len(short) <= width


@pytest.mark.parametrize(
    ("where", "shown"),
    [
        ("above the article", "above the article"),
        ("after the article", "after the article"),
        ("in the article", "in the article"),
        ("a sidebar blogroll", "in a sidebar blogroll"),
        ("src attribute", "in src attribute"),
    ],
)
def test_evidence_place_reads_as_english(where: str, shown: str) -> None:
    ev = Evidence("link", snippet="Publisher", path="article > a", where=where)
    assert evidence_text(ev) == f"link “Publisher” at article > a {shown}"


def test_too_narrow_for_rule_columns_keeps_page_status_and_coverage() -> None:
    text = render(make_report(FAILING), FormatOptions(width=60))
    assert table_rows(text) == [
        ["page", "status", "coverage"],
        ["https://copy.example/fail?id=1", "fail", "40%"],
    ]
    assert "  ✗ credit (error): Publisher not named;" in text


def test_no_colour_unless_asked(report: Report) -> None:
    assert "\x1b[" not in render(report)
    coloured = render(report, FormatOptions(color=True, width=160))
    assert "\x1b[1;31mfail\x1b[0m" in coloured
    assert re.search("\x1b\\[32m *✓ *\x1b\\[0m", coloured)
    assert "\x1b[33mwarn\x1b[0m" in coloured


def test_environment_cannot_change_the_output(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = render(report)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert render(report) == plain


def test_no_trailing_blanks(report: Report) -> None:
    assert all(line == line.rstrip() for line in render(report).splitlines())


def test_rich_markup_in_page_text_is_shown_literally() -> None:
    page = make_report(replace(ERRORED, url="https://copy.example/[bold]x[/bold]", reason="[red]boom"))
    assert "https://copy.example/[bold]x[/bold]  error: [red]boom" in render(page)


def test_control_characters_from_a_page_never_reach_the_terminal() -> None:
    # A page can carry escape sequences (clear screen, set the title, recolour) and bidi overrides
    # that reorder what a reader sees; the table shows each as a visible escape instead.
    hostile = "Credit\x1b[2J\x1b]0;owned\x07 \u202eevil\x9b31m\x00"
    evidence = Evidence("text", snippet=hostile, where="a sidebar\x1b[8m")
    failing = replace(
        FAILING,
        url="https://copy.example/\x1b[32mok",
        findings=(replace(FAILING.findings[1], message=f"Not credited: {hostile}", evidence=(evidence,)),),
    )
    errored = replace(ERRORED, reason="HTTP 500\x1b[1A\x1b[2K all good")
    for options in (WIDE, FormatOptions(color=True, width=160)):
        text = render(
            make_report(failing, errored, policy={"id": "p\x1b[5m", "version": "1", "title": "T"}), options
        )
        plain = re.sub(r"\x1b\[[0-9;]*m", "", text) if options.color else text
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", plain)
        assert "Credit\\x1b[2J\\x1b]0;owned\\x07 \\u202eevil\\x9b31m\\x00" in plain
        assert "HTTP 500\\x1b[1A\\x1b[2K all good" in plain
