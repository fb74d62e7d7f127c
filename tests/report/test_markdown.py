"""The markdown format: exact text, escaping, and links that cannot break a table."""

from __future__ import annotations

from pathlib import Path

from reprint_check.report import get_formatter
from reprint_check.report.common import DASH
from reprint_check.report.markdown import escape, link

from .conftest import ERRORED, FAILING, NOT_FOUND, PASSING, WARNING, make_report

GOLDEN = Path(__file__).parent / "golden" / "report.md"


def test_whole_report_exactly() -> None:
    report = make_report(PASSING, WARNING, FAILING, NOT_FOUND, ERRORED)
    assert get_formatter("markdown").format(report) == GOLDEN.read_text(encoding="utf-8")


def test_every_table_row_has_the_same_number_of_cells() -> None:
    text = get_formatter("markdown").format(make_report(PASSING, WARNING, FAILING, NOT_FOUND, ERRORED))
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    # An unescaped | in page text would add a cell.
    assert {row.replace("\\|", "").count("|") for row in rows} == {10}


def test_clean_run_has_no_sections() -> None:
    text = get_formatter("markdown").format(make_report(PASSING, sources=(), started_at=None))
    assert text.endswith(f"| <https://copy.example/pass> | pass | 98% | ✓ | ✓ | ✓ | {DASH} | ✓ |\n")
    assert "## " not in text


def test_escape_neutralises_inline_markup_and_table_pipes() -> None:
    assert escape("a|b *c* _d_ `e` [f](g) <h> ~i~ &amp; \\") == (
        "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\<h\\> \\~i\\~ \\&amp; \\\\"
    )


def test_escape_joins_lines_so_a_cell_stays_one_row() -> None:
    assert escape("one\n\ntwo\tthree") == "one two three"


def test_link_encodes_what_would_end_it_or_split_a_cell() -> None:
    assert link("https://copy.example/a b|c<d>") == "<https://copy.example/a%20b%7Cc%3Cd%3E>"
    assert link("https://другой.example/ü") == "<https://другой.example/ü>"


def test_an_input_that_is_no_url_is_text_not_a_tag() -> None:
    # An autolink needs a scheme; anything else inside <…> would be read as raw HTML.
    assert link("script") == "script"
    assert link("copies/a b.html") == "copies/a b.html"
    assert link("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)\\>"
    assert link("file:///tmp/copy.html") == "<file:///tmp/copy.html>"
