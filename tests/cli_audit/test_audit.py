"""`reprint-check audit` against a local site: verdicts, one fetch per source, errors, history."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from reprint_check.cli import app
from reprint_check.history import HistoryStore
from reprint_check.history import store as store_module

from .conftest import EXAMPLES, Site

runner = CliRunner()


def audit(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["audit", *map(str, args), "--no-cache"])
    return result.exit_code, result.stdout, result.stderr


def verdicts(document: dict[str, Any]) -> dict[str, str]:
    return {r["url"].rsplit("/", 1)[-1]: r["status"] for r in document["results"]}


def test_audit_over_a_local_site_judges_every_copy_and_records_the_run(site: Site, tmp_path: Path) -> None:
    site.copies = {"a": "pass", "b": "no-credit", "c": "no-backlink"}
    file = site.audit_file(tmp_path, ["a", "b", "c", "missing"])
    code, out, _ = audit(file, "--db", tmp_path / "h.db", "-f", "json")
    document = json.loads(out)
    assert code == 1
    assert verdicts(document) == {"a": "pass", "b": "fail", "c": "fail", "missing": "error"}
    failing = {
        r["url"][-1]: [f["rule"] for f in r["findings"] if f["status"] == "fail"] for r in document["results"]
    }
    assert (failing["b"], failing["c"]) == (["credit"], ["backlink"])
    assert site.hits["/story"] == 1  # the source is fetched once for all its copies
    with HistoryStore(tmp_path / "h.db") as store:
        (run,) = store.list_runs("nightly")
        assert (run.id, run.status, run.pages, dict(run.policies)) == (
            document["run_id"],
            "complete",
            4,
            {"northfield-courier": "2026-11"},
        )
        assert store.run_head(run.id)["sources"][0]["title"] == document["source"]["title"]


def test_a_source_that_cannot_be_fetched_makes_its_copies_errors(site: Site, tmp_path: Path) -> None:
    site.copies = {"a": "pass"}
    broken = f'[[sources]]\nurl = "{site.url("/no-such-story")}"\ncopies = ["{site.url("/copies/a")}"]\n'
    file = site.audit_file(tmp_path, ["a"], extra=broken)
    code, out, _ = audit(file, "--no-history", "-f", "json")
    document = json.loads(out)
    assert code == 3  # nothing violates, but one copy could not be checked
    by_source = {(r["source"].rsplit("/", 1)[-1], r["status"]) for r in document["results"]}
    assert by_source == {("story", "pass"), ("no-such-story", "error")}
    (error,) = [r for r in document["results"] if r["status"] == "error"]
    assert error["reason"].startswith(f"not checked: source {site.url('/no-such-story')}: ")
    assert "404" in error["reason"]
    assert site.hits["/copies/a"] == 1  # the copy of the unusable source is never fetched


def test_command_line_flags_override_the_audit_file(site: Site, tmp_path: Path) -> None:
    site.copies = {"a": "no-credit"}
    file = site.audit_file(tmp_path, ["a"])
    code, out, _ = audit(file, "--no-history", "-f", "json", "--fail-on", "never")
    assert (code, verdicts(json.loads(out))) == (0, {"a": "fail"})


def test_a_bad_audit_file_is_one_line_naming_file_line_and_field(tmp_path: Path) -> None:
    file = tmp_path / "bad.toml"
    file.write_text('[defaults]\npolicy = "cc-by-4.0"\nconcurency = 4\n', encoding="utf-8")
    code, out, err = audit(file, "--no-history")
    assert (code, out) == (2, "")
    assert (
        err
        == f"reprint-check: error: {file}:3: defaults.concurency: unknown key (did you mean 'concurrency'?)\n"
    )


def test_the_bundled_example_audit_runs_offline(tmp_path: Path) -> None:
    code, out, _ = audit(EXAMPLES / "audit.toml", "--db", tmp_path / "h.db", "-f", "json")
    document = json.loads(out)
    assert code == 1
    assert document["summary"] == {"pages": 7, "pass": 1, "warn": 1, "fail": 3, "not_found": 1, "error": 1}
    from_csv = {r["url"].rsplit("/", 1)[-1] for r in document["results"][3:]}
    assert from_csv == {
        "fail-rehosted-photo.html",
        "fail-embedded-video.html",
        "not-found-teaser.html",
        "error-empty.html",
    }


def test_quiet_prints_nothing_when_nothing_fails(site: Site, tmp_path: Path) -> None:
    site.copies = {"a": "pass"}
    file = site.audit_file(tmp_path, ["a"])
    report = tmp_path / "report.json"
    code, out, err = audit(file, "--no-history", "-q", "-f", "table", "--json-output", report)
    assert (code, out, err) == (0, "", "")
    assert verdicts(json.loads(report.read_text(encoding="utf-8"))) == {"a": "pass"}
    site.copies = {"a": "no-backlink"}
    code, out, _ = audit(file, "--no-history", "-q", "-f", "table")
    assert code == 1
    assert "✗ backlink (error)" in out


def test_check_runs_are_recorded_under_their_source(site: Site, tmp_path: Path) -> None:
    site.copies = {"a": "pass"}
    args = ["check", site.url("/story"), site.url("/copies/a"), "--policy", str(EXAMPLES / "policy.toml")]
    result = runner.invoke(app, [*args, "--no-cache", "--db", str(tmp_path / "h.db"), "-f", "json"])
    assert result.exit_code == 0
    with HistoryStore(tmp_path / "h.db") as store:
        (run,) = store.list_runs()
        assert (run.audit, run.status, run.pages) == (f"check {site.url('/story')}", "complete", 1)
        assert run.id == json.loads(result.stdout)["run_id"]


def test_a_locked_history_database_is_one_error_line(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT", 0.05)
    site.copies = {"a": "pass"}
    file = site.audit_file(tmp_path, ["a"])
    db = tmp_path / "h.db"
    HistoryStore(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, out, err = audit(file, "--db", db, "-f", "json")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (code, out) == (2, "")
    assert err == f"reprint-check: error: {db}: database is locked\n"


def test_every_history_connection_a_run_opens_is_closed(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[HistoryStore] = []
    closed: list[HistoryStore] = []

    class Tracked(HistoryStore):
        def __init__(self, path: Path | None = None) -> None:
            super().__init__(path)
            opened.append(self)

        def close(self) -> None:
            closed.append(self)
            super().close()

    monkeypatch.setattr("reprint_check.history.HistoryStore", Tracked)
    site.copies = {"a": "pass", "b": "no-credit"}
    file = site.audit_file(tmp_path, ["a", "b"])
    codes = [
        audit(file, "--db", tmp_path / "h.db", "-f", "json", *extra)[0] for extra in ((), ("--new-only",))
    ]
    assert codes == [1, 0]  # the second run finds nothing new
    assert len(opened) == 2
    assert closed == opened


def test_a_bug_while_reading_one_source_leaves_the_others_checked(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reprint_check.audit import run as audit_run

    real = audit_run.prepare_source
    broken_url = site.url("/no-such-story")

    async def prepare(fetcher: Any, url: str, policy: Any) -> Any:
        if url == broken_url:  # stands in for a bug no input can be made to trigger on demand
            raise RuntimeError("boom")
        return await real(fetcher, url, policy)

    monkeypatch.setattr(audit_run, "prepare_source", prepare)
    site.copies = {"a": "pass"}
    broken = f'[[sources]]\nurl = "{broken_url}"\ncopies = ["{site.url("/copies/b")}"]\n'
    code, out, _ = audit(site.audit_file(tmp_path, ["a"], extra=broken), "--no-history", "-f", "json")
    results = {r["url"].rsplit("/", 1)[-1]: r for r in json.loads(out)["results"]}
    assert code == 3
    assert results["a"]["status"] == "pass"
    assert results["b"]["status"] == "error"
    assert results["b"]["reason"] == (
        f"not checked: source {broken_url}: internal error (RuntimeError: boom); please report it"
    )


def test_reading_history_never_creates_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for command in (["history"], ["history", "show", "abc"], ["history", "diff", "a", "b"]):
        result = runner.invoke(app, [*command, "--db", str(missing)])
        assert result.exit_code == 2
        expected = f"{missing}: no history database here (runs are recorded by check and audit)"
        assert result.stderr == f"reprint-check: error: {expected}\n"
    assert not missing.exists()
