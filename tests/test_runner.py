"""`run_check` and `run_audit` hand their pages to a spool and keep no list of them."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from reprint_check.audit.config import load_audit
from reprint_check.audit.run import run_audit
from reprint_check.fetch import FetchSettings
from reprint_check.models import PageResult
from reprint_check.report.spool import ResultSpool
from reprint_check.runner import CheckRequest, run_check

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
KINDS = ["pass-blog-copy", "fail-credit-in-sidebar", "not-found-teaser", "warn-nofollow-link"]
STATUS = {"pass-blog-copy": "pass", "fail-credit-in-sidebar": "fail", "not-found-teaser": "not_found"}
STATUS["warn-nofollow-link"] = "warn"
COPIES = 60


def _copies(folder: Path) -> list[str]:
    """COPIES files, each a copy of one example page, listed in an order unlike their names'."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(COPIES):
        kind = KINDS[i % len(KINDS)]
        path = folder / f"{(i * 37) % COPIES:03d}-{kind}.html"
        shutil.copyfile(EXAMPLES / "copies" / f"{kind}.html", path)
        paths.append(str(path))
    return paths


def _live_results() -> int:
    gc.collect()
    return sum(isinstance(obj, PageResult) for obj in gc.get_objects())


def test_a_check_of_many_pages_spools_them_in_input_order_and_keeps_none(tmp_path: Path) -> None:
    copies = _copies(tmp_path)
    request = CheckRequest(
        source=str(EXAMPLES / "source" / "ferry-returns.html"),
        copies=copies,
        policy=str(EXAMPLES / "policy.toml"),
        settings=FetchSettings(host_interval=0, use_cache=False),
    )
    before = _live_results()
    report = run_check(request, progress=False)
    # Nothing holds the finished pages in memory: they are only in the spool's file.
    assert _live_results() - before < COPIES // 4
    assert isinstance(report.results, ResultSpool)
    with report.results as spool:
        assert len(spool) == COPIES
        pages = list(spool)
    assert [r.url for r in pages] == copies
    assert [r.status for r in pages] == [STATUS[Path(c).stem[4:]] for c in copies]
    assert report.summary.to_dict() == {
        "pages": 60,
        "pass": 15,
        "warn": 15,
        "fail": 15,
        "not_found": 15,
        "error": 0,
    }


def test_an_audit_spools_every_source_s_pages_in_the_file_s_order() -> None:
    plan = load_audit(EXAMPLES / "audit.toml")
    report = run_audit(plan, FetchSettings(host_interval=0, use_cache=False))
    assert isinstance(report.results, ResultSpool)
    with report.results as spool:
        got = [(r.source, r.url) for r in spool]
    assert got == [(s.url, c) for s in plan.sources for c in s.copies]
    assert len(got) == plan.copy_count


def test_copies_that_are_neither_urls_nor_files_are_each_an_error(tmp_path: Path) -> None:
    odd = ["http://[::1/", "x" * 5000, "nul\0name.html", "~no-such-user-here/copy.html"]
    request = CheckRequest(
        source=str(EXAMPLES / "source" / "ferry-returns.html"),
        copies=[*odd, str(EXAMPLES / "copies" / "pass-blog-copy.html")],
        policy=str(EXAMPLES / "policy.toml"),
        settings=FetchSettings(host_interval=0, use_cache=False),
    )
    with run_check(request, progress=False).results as spool:
        pages = list(spool)
    assert [(p.url, p.status) for p in pages] == [*((u, "error") for u in odd), (request.copies[4], "pass")]
    assert [p.reason for p in pages[:4]] == [
        "not an http(s) URL: http://[::1/",
        f"not an http(s) URL or a local file: {('x' * 5000)[:200]}",
        "not an http(s) URL or a local file: nul\0name.html",
        "not an http(s) URL or a local file: ~no-such-user-here/copy.html",
    ]


def test_one_file_named_two_ways_is_checked_once_under_its_first_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLES)
    first, second = "copies/pass-blog-copy.html", "./copies/pass-blog-copy.html"
    request = CheckRequest(
        source="source/ferry-returns.html",
        copies=[first, "copies/not-found-teaser.html", second],
        policy="policy.toml",
        settings=FetchSettings(host_interval=0, use_cache=False),
    )
    with run_check(request, progress=False).results as spool:
        pages = list(spool)
    assert [(p.url, p.status) for p in pages] == [
        (first, "pass"),
        ("copies/not-found-teaser.html", "not_found"),
    ]


def test_an_audit_of_two_large_sources_judges_both_with_one_set_of_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reprint_check.audit.plan import AuditPlan, AuditSettings, AuditSource
    from reprint_check.pool import CorePool, pool_size

    started: list[int] = []
    real_start = CorePool._start

    def counting_start(self: CorePool[object, [], object]) -> object:
        started.append(1)
        return real_start(self)  # type: ignore[arg-type]

    monkeypatch.setattr(CorePool, "_start", counting_start)
    second = tmp_path / "second" / "ferry-returns.html"  # the same article, served as another source
    second.parent.mkdir()
    shutil.copyfile(EXAMPLES / "source" / "ferry-returns.html", second)
    first_copies, second_copies = _copies(tmp_path / "a"), _copies(tmp_path / "b")
    plan = AuditPlan(
        name="two",
        path=tmp_path / "two.toml",
        settings=AuditSettings(host_interval=0),
        default_policy=None,
        sources=(
            AuditSource(
                str(EXAMPLES / "source" / "ferry-returns.html"),
                str(EXAMPLES / "policy.toml"),
                tuple(first_copies),
            ),
            AuditSource(str(second), str(EXAMPLES / "policy.toml"), tuple(second_copies)),
        ),
    )
    report = run_audit(plan, FetchSettings(host_interval=0, use_cache=False))
    with report.results as spool:
        pages = list(spool)
    assert [(p.source, p.status) for p in pages] == [
        *((plan.sources[0].url, STATUS[Path(c).stem[4:]]) for c in first_copies),
        *((str(second), STATUS[Path(c).stem[4:]]) for c in second_copies),
    ]
    # One worker per core (none on a 1-core machine), started once for both sources.
    assert len(started) == pool_size(2 * COPIES)
