"""What changed between two runs, and `--new-only`'s cut of a run down to what is new."""

from __future__ import annotations

from reprint_check.history import diff_runs, new_only

from .conftest import finding, page

URL = "https://copy.example/a"


def test_a_new_warning_beside_an_old_failure_is_reported_as_a_warning() -> None:
    before = [page(URL, "fail", finding("credit", "fail"), finding("backlink", "pass"))]
    now = [page(URL, "fail", finding("credit", "fail"), finding("backlink", "warn"))]
    (reported,) = new_only(now, diff_runs(before, now))
    assert [(f.rule, f.status) for f in reported.findings] == [("backlink", "warn")]
    assert reported.status == "warn", "the page's status is that of what is reported"


def test_a_new_failure_keeps_the_page_failing_and_old_ones_are_not_repeated() -> None:
    before = [page(URL, "fail", finding("credit", "fail"), finding("backlink", "pass"))]
    now = [page(URL, "fail", finding("credit", "fail"), finding("backlink", "fail"))]
    (reported,) = new_only(now, diff_runs(before, now))
    assert [(f.rule, f.status) for f in reported.findings] == [("backlink", "fail")]
    assert reported.status == "fail"


def test_nothing_new_reports_nothing() -> None:
    runs = [page(URL, "fail", finding("credit", "fail"))]
    assert new_only(runs, diff_runs(runs, runs)) == []
