"""`reprint-check audit` against a local site: verdicts, one fetch per source, errors, history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from reprint_check.cli import app
from reprint_check.history import HistoryStore

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
