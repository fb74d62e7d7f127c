"""`check` and `audit` runs use the memo with the HTTP cache and not without it, and a broken memo
database never fails a run."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from reprint_check.audit.config import load_audit
from reprint_check.audit.run import AuditHooks, run_audit
from reprint_check.fetch import FetchSettings
from reprint_check.memo import MEMO_FILE
from reprint_check.report.interface import Report
from reprint_check.runner import CheckRequest, run_check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# Every example copy but the empty file, which cannot be parsed and so has no verdict to keep.
JUDGED = {"fail-credit-in-sidebar", "fail-embedded-video", "fail-rehosted-photo", "not-found-teaser"}
JUDGED |= {"pass-blog-copy", "warn-nofollow-link", "error-empty"}
STATUSES = ["error", "fail", "fail", "fail", "not_found", "pass", "warn"]


def check(cache: Path, *, use_cache: bool = True) -> Report:
    copies = sorted(str(p) for p in (EXAMPLES / "copies").glob("*.html"))
    settings = FetchSettings(host_interval=0, use_cache=use_cache, cache_dir=cache)
    request = CheckRequest(
        source=str(EXAMPLES / "source" / "ferry-returns.html"),
        copies=copies,
        policy=str(EXAMPLES / "policy.toml"),
        settings=settings,
    )
    return run_check(request, progress=False)


def names(urls: set[str]) -> set[str]:
    return {Path(u).stem for u in urls}


def dicts(report: Report) -> list[dict[str, object]]:
    return [r.to_dict() for r in report.results]


def test_a_check_rerun_judges_only_the_page_without_a_verdict(judged: set[str], tmp_path: Path) -> None:
    first = check(tmp_path)
    assert names(judged) == JUDGED
    assert (tmp_path / MEMO_FILE).is_file()
    judged.clear()
    second = check(tmp_path)
    assert names(judged) == {"error-empty"}
    assert dicts(second) == dicts(first)
    assert [r.status for r in second.results] == STATUSES


def test_no_cache_turns_the_memo_off(judged: set[str], tmp_path: Path) -> None:
    check(tmp_path, use_cache=False)
    judged.clear()
    check(tmp_path, use_cache=False)
    assert names(judged) == JUDGED
    assert not (tmp_path / MEMO_FILE).exists()


def test_a_corrupt_memo_warns_and_judges_every_page(
    judged: set[str], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    expected = dicts(check(tmp_path / "clean"))
    (tmp_path / MEMO_FILE).write_bytes(b"this is not a database" * 100)
    judged.clear()
    with caplog.at_level(logging.WARNING, logger="reprint_check.memo"):
        report = check(tmp_path)
    assert names(judged) == JUDGED
    assert dicts(report) == expected
    (warning,) = [r.getMessage() for r in caplog.records]
    assert MEMO_FILE in warning
    assert "judging every page" in warning


def test_an_audit_rerun_reuses_its_verdicts(judged: set[str], tmp_path: Path) -> None:
    plan = load_audit(EXAMPLES / "audit.toml")
    settings = FetchSettings(host_interval=0, cache_dir=tmp_path)
    first = run_audit(plan, settings, AuditHooks(progress=False))
    assert "pass-blog-copy" in names(judged)
    judged.clear()
    second = run_audit(plan, settings, AuditHooks(progress=False))
    assert names(judged) <= {"error-empty"}
    assert dicts(second) == dicts(first)
    assert len(second.results) == plan.copy_count
