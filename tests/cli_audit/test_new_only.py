"""`--new-only` over three runs, and the `history` commands that read those runs back."""

from __future__ import annotations

import json
from dataclasses import replace
from operator import itemgetter
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from reprint_check.cli import app
from reprint_check.history import HistoryStore
from reprint_check.models import Finding, PageResult

from .conftest import Site

runner = CliRunner()


def run(site: Site, file: Path, db: Path) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(
        app, ["audit", str(file), "--db", str(db), "--no-cache", "--new-only", "-f", "json"]
    )
    return result.exit_code, json.loads(result.stdout)


def changed(document: dict[str, Any], key: str) -> list[tuple[str, str | None, str]]:
    return [
        (
            c["url"].rsplit("/", 1)[-1] + (f" {c['rule']}" if "rule" in c else ""),
            c["old_status"],
            c["new_status"],
        )
        for c in document["changes"][key]
    ]


def pages(document: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    return [
        (r["url"].rsplit("/", 1)[-1], r["status"], [f"{f['rule']}={f['status']}" for f in r["findings"]])
        for r in document["results"]
    ]


def test_new_only_reports_what_changed_across_three_runs(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    file = site.audit_file(tmp_path, ["fixer", "dropper", "steady"])

    # Run 1: nothing earlier, so every violation is new.
    site.copies = {"fixer": "no-credit", "dropper": "pass", "steady": "pass"}
    code, first = run(site, file, db)
    assert code == 1
    assert first["changes"]["since_run_id"] is None
    assert pages(first) == [("fixer", "fail", ["credit=fail"])]

    # Run 2: one copy fixes its credit, another drops its backlink.
    site.copies = {"fixer": "pass", "dropper": "no-backlink", "steady": "pass"}
    code, second = run(site, file, db)
    assert code == 1
    assert second["changes"]["since_run_id"] == first["run_id"]
    assert pages(second) == [("dropper", "fail", ["backlink=fail"])]
    assert changed(second, "new_violations") == [("dropper backlink", "pass", "fail")]
    assert changed(second, "resolved") == [("fixer credit", "fail", "pass")]

    # Run 3: the dropped backlink is old news; one copy is taken down, another starts erroring.
    site.copies = {"fixer": "pass", "dropper": "no-backlink", "steady": "gone"}
    code, third = run(site, file, db)
    assert code == 0
    assert pages(third) == [("steady", "not_found", [])]
    assert changed(third, "new_violations") == []
    assert changed(third, "unchanged_violations") == [("dropper backlink", "fail", "fail")]
    assert changed(third, "taken_down") == [("steady", "pass", "not_found")]

    listing = runner.invoke(app, ["history", "--db", str(db), "--audit", "nightly", "--last", "2"])
    rows = listing.stdout.splitlines()
    assert rows[1].split()[:6] == [third["run_id"][:12], *rows[1].split()[1:3], "complete", "3", "pass=1"]
    assert [row.split()[0] for row in rows[1:]] == [third["run_id"][:12], second["run_id"][:12]]

    diff = runner.invoke(app, ["history", "diff", first["run_id"][:8], third["run_id"][:8], "--db", str(db)])
    assert diff.exit_code == 0
    assert diff.stdout.splitlines()[1:] == [
        f"  new violations: {site.url('/copies/dropper')}  backlink pass -> fail: "
        + next(c["message"] for c in second["changes"]["new_violations"]),
        f"  resolved: {site.url('/copies/fixer')}  credit fail -> pass: "
        + next(c["message"] for c in second["changes"]["resolved"]),
        f"  taken down (not found): {site.url('/copies/steady')}  pass -> not_found: "
        + third["results"][0]["reason"],
    ]


def test_history_show_renders_a_stored_run_in_any_format(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    site.copies = {"a": "no-credit", "b": "pass"}
    file = site.audit_file(tmp_path, ["a", "b"])
    result = runner.invoke(app, ["audit", str(file), "--db", str(db), "--no-cache", "-f", "json"])
    original = json.loads(result.stdout)
    shown = runner.invoke(app, ["history", "show", original["run_id"], "--db", str(db), "-f", "json"])
    again = json.loads(shown.stdout)
    assert shown.exit_code == 0
    key = itemgetter("url")  # stored in finish order: compare page by page
    assert sorted(again["results"], key=key) == sorted(original["results"], key=key)
    assert (again["sources"], again["policy"]["id"]) == (original["sources"], "northfield-courier")
    csv_lines = runner.invoke(app, ["history", "show", original["run_id"][:6], "--db", str(db), "-f", "csv"])
    assert f"{site.url('/copies/a')},{site.url('/copies/a')},fail,credit,fail,error," in csv_lines.stdout


def test_history_of_an_unknown_run_is_one_error_line(tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    HistoryStore(db).close()  # a database with no runs in it
    result = runner.invoke(app, ["history", "show", "abc", "--db", str(db)])
    assert (result.exit_code, result.stderr) == (2, f"reprint-check: error: no run with id 'abc' in {db}\n")


def test_history_diff_shows_control_characters_from_a_page_escaped(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    credit = Finding("credit", "fail", "error", "Credit only in \x1b]0;owned\x07 a sidebar")
    page = PageResult(url="https://copy.example/a", source="https://publisher.example/s", status="fail")
    with HistoryStore(db) as store:
        runs = []
        for findings in ((), (credit,)):
            with store.recording("nightly", "0.1.0", {}) as run_id:
                store.record(run_id, replace(page, findings=findings))
            runs.append(run_id)
    result = runner.invoke(app, ["history", "diff", *runs, "--db", str(db)])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "credit new -> fail: Credit only in \\x1b]0;owned\\x07 a sidebar" in result.stdout
