"""The memo database: what it keeps, what a key depends on, how it stays small, and how it fails."""

from __future__ import annotations

import dataclasses
import itertools
import logging
import sqlite3
from pathlib import Path

import pytest

from reprint_check import memo as memo_module
from reprint_check.fetch import FetchSettings
from reprint_check.judging import PageBytes, PreparedSource
from reprint_check.match import SourceText
from reprint_check.match.images import Fingerprint
from reprint_check.memo import MEMO_FILE, VerdictMemo, open_memo, page_key, source_digest
from reprint_check.models import Evidence, Finding, MatchScore, PageResult
from reprint_check.rules.interface import Identity, ImageCheck
from reprint_check.rules.registry import options_for
from tests.rules.harness import source_article

RESULT = PageResult(
    url="https://copy.example/a",
    source="https://publisher.example/a",
    status="fail",
    final_url="https://copy.example/a/",
    http_status=200,
    match=MatchScore(coverage=0.912345678, similarity=0.87654321),
    findings=(
        Finding("credit", "fail", "error", "No credit.", (Evidence("text", snippet="x", path="aside > a"),)),
    ),
    redirects=("https://copy.example/a",),
)
PAGE = PageBytes("https://copy.example/a/", 200, b"<html>copy</html>", "utf-8", ())


def prepared(nofollow: str = "warn") -> PreparedSource:
    article = source_article()
    return PreparedSource(
        article=article,
        text=SourceText.of(article.paragraphs),
        identity=Identity(("Russia Insider",), ("russia-insider.com",)),
        options={"backlink": options_for("backlink", {"nofollow": nofollow})},
        images={"https://p.example/i.jpg": ImageCheck(Fingerprint(1, 2, 640, 400))},
    )


def test_a_verdict_and_its_images_load_back_equal_after_reopening(tmp_path: Path) -> None:
    with VerdictMemo.open(tmp_path) as memo:
        memo.remember("k", RESULT, (("https://copy.example/i.jpg", "abc"),))
    with VerdictMemo.open(tmp_path) as memo:
        remembered = memo.recall("k")
        assert memo.recall("other") is None
    assert remembered is not None
    assert remembered.result == RESULT  # the exact scores, not the rounded ones of to_dict
    assert remembered.images == (("https://copy.example/i.jpg", "abc"),)


def test_every_input_of_judging_changes_the_key() -> None:
    base = prepared()
    key = page_key(source_digest(base), PAGE)
    article = dataclasses.replace(base.article, paragraphs=(*base.article.paragraphs[:-1], "Changed."))
    variants = [
        dataclasses.replace(base, article=article),
        dataclasses.replace(base, identity=Identity(("Other",), ("russia-insider.com",))),
        prepared(nofollow="fail"),
        dataclasses.replace(base, images={"https://p.example/i.jpg": ImageCheck(None, "gone")}),
    ]
    assert all(page_key(source_digest(v), PAGE) != key for v in variants)
    pages = [
        dataclasses.replace(PAGE, content=b"<html>copy!</html>"),
        dataclasses.replace(PAGE, final_url="https://copy.example/b"),
        dataclasses.replace(PAGE, charset=None),
    ]
    assert all(page_key(source_digest(base), p) != key for p in pages)
    # What is only stamped on the result (status, redirects) is not part of the key.
    same = dataclasses.replace(PAGE, status_code=203, redirects=("https://copy.example/x",))
    assert page_key(source_digest(base), same) == key


def test_the_tool_version_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    base = prepared()
    before = source_digest(base)
    monkeypatch.setattr(memo_module, "__version__", "99.0")
    assert source_digest(base) != before


def test_the_least_recently_used_verdicts_go_beyond_the_row_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = itertools.count(1000)

    class Time:
        @staticmethod
        def time() -> float:
            return float(next(clock))

    monkeypatch.setattr(memo_module, "time", Time)
    with VerdictMemo.open(tmp_path) as memo:
        for key in ("a", "b", "c", "d"):
            memo.remember(key, RESULT)
    with VerdictMemo.open(tmp_path, max_rows=2) as memo:
        assert memo.recall("a") is not None
        memo.reused("a")  # used in this run, so kept although it is the oldest
    with VerdictMemo.open(tmp_path) as memo:
        kept = {k for k in "abcd" if memo.recall(k) is not None}
    assert kept == {"a", "d"}


def test_two_runs_share_one_memo(tmp_path: Path) -> None:
    with VerdictMemo.open(tmp_path) as one, VerdictMemo.open(tmp_path) as two:
        one.remember("k1", RESULT)
        two.remember("k2", RESULT)
        assert two.recall("k1") is not None
        assert one.recall("k2") is not None
        assert one.enabled and two.enabled


def test_a_memo_locked_by_another_run_is_given_up_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(memo_module, "BUSY_TIMEOUT", 0.05)
    with VerdictMemo.open(tmp_path) as memo:
        other = sqlite3.connect(tmp_path / MEMO_FILE, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        with caplog.at_level(logging.WARNING, logger="reprint_check.memo"):
            memo.remember("k", RESULT)
        other.execute("ROLLBACK")
        other.close()
        assert not memo.enabled
        assert memo.recall("k") is None
    assert "database is locked" in caplog.text


def test_an_unreadable_row_is_a_miss(tmp_path: Path) -> None:
    with VerdictMemo.open(tmp_path) as memo:
        memo.remember("k", RESULT)
    db = sqlite3.connect(tmp_path / MEMO_FILE)
    db.execute("UPDATE verdicts SET record = ?", (b"garbage",))
    db.commit()
    db.close()
    with VerdictMemo.open(tmp_path) as memo:
        assert memo.recall("k") is None
        assert memo.enabled


def test_a_memo_that_cannot_be_created_warns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="reprint_check.memo"):
        memo = VerdictMemo.open(blocker / "cache")
    assert not memo.enabled
    memo.remember("k", RESULT)
    assert memo.recall("k") is None
    assert "judging every page" in caplog.text


def test_without_the_cache_there_is_no_memo(tmp_path: Path) -> None:
    with open_memo(FetchSettings(use_cache=False, cache_dir=tmp_path)) as memo:
        memo.remember("k", RESULT)
        assert memo.recall("k") is None
    assert not memo.enabled
    assert not (tmp_path / MEMO_FILE).exists()


def test_the_code_is_part_of_the_key(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "rules").mkdir(parents=True)
    rule = package / "rules" / "credit.py"
    rule.write_text("NAME = 'credit'\n")
    before = memo_module.code_digest(package)
    memo_module.code_digest.cache_clear()
    assert memo_module.code_digest(package) == before, "the same code gives the same digest"
    rule.write_text("NAME = 'credit'  # edited\n")
    memo_module.code_digest.cache_clear()
    assert memo_module.code_digest(package) != before
