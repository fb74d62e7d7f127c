from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reprint_check.history import HistoryError, HistoryStore, RunInfo, default_history_path
from tests.history.conftest import SOURCE, finding, full_result, page


def test_result_round_trips_exactly(store: HistoryStore) -> None:
    original = full_result()
    bare = page("https://copy.example/gone", "not_found", reason="The article is not on this page.")
    run = store.start_run("nightly", "0.1.0", {"russia-insider": "3"})
    store.record(run, original)
    store.record(run, bare)
    assert store.load_results(run) == [original, bare]


def test_rows_hold_the_columns_and_json(store: HistoryStore) -> None:
    run = store.start_run("nightly", "0.1.0", {})
    store.record(run, full_result())
    conn = sqlite3.connect(store.path)
    row = conn.execute(
        "SELECT position, source_url, url, final_url, http_status, status, coverage, similarity, result_json"
        " FROM page_results WHERE run_id = ?",
        (run,),
    ).fetchone()
    copy_url, final_url = "https://copy.example/story?ref=1", "https://copy.example/story"
    assert row[:8] == (0, SOURCE, copy_url, final_url, 200, "fail", 0.987654321, 0.123456789)
    assert json.loads(row[8]) == full_result().to_dict()
    findings = conn.execute(
        "SELECT url, rule, status, severity, message FROM findings ORDER BY id"
    ).fetchall()
    assert findings == [
        ("https://copy.example/story?ref=1", "credit", "fail", "error", "No credit to the publisher."),
        ("https://copy.example/story?ref=1", "backlink", "warn", "warning", "Backlink is nofollow."),
        ("https://copy.example/story?ref=1", "text_fidelity", "pass", "info", "Unchanged — «quoted» ✓"),
    ]
    conn.close()


def test_opening_creates_folders_and_sets_pragmas(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "history.sqlite3"
    with HistoryStore(path) as store:
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.integrity_check() == "ok"
    assert path.is_file()


def test_default_path_is_in_the_user_data_folder() -> None:
    path = default_history_path()
    assert path.name == "history.sqlite3"
    assert path.parent.name == "reprint-check"


def test_list_runs_counts_statuses_newest_first(store: HistoryStore) -> None:
    first = store.start_run("nightly", "0.1.0", {"cc-by-4.0": "1"})
    store.record(first, page("https://a.example/1", "pass"))
    store.record(first, page("https://a.example/2", "fail", finding("credit", "fail")))
    store.record(first, page("https://a.example/3", "fail", finding("credit", "fail")))
    store.finish_run(first)
    other = store.start_run("weekly", "0.1.0", {})
    second = store.start_run("nightly", "0.2.0", {})
    store.record(second, page("https://a.example/1", "error", reason="timeout"))
    store.mark_incomplete(second)

    runs = store.list_runs("nightly")
    assert [(r.id, r.status, r.tool_version, r.pages) for r in runs] == [
        (second, "incomplete", "0.2.0", 1),
        (first, "complete", "0.1.0", 3),
    ]
    assert runs[1].counts == {"pass": 1, "warn": 0, "fail": 2, "not_found": 0, "error": 0}
    assert runs[1].policies == {"cc-by-4.0": "1"}
    assert runs[1].finished_at is not None and runs[1].finished_at >= runs[1].started_at
    assert [r.id for r in store.list_runs()] == [second, other, first]
    assert [r.id for r in store.list_runs(last=2)] == [second, other]
    assert [(r.id, r.status) for r in store.list_runs("weekly")] == [(other, "running")]


def test_run_info_to_dict(store: HistoryStore) -> None:
    run = store.start_run("nightly", "0.1.0", {"p": "2"})
    store.record(run, page("https://a.example/1", "warn", finding("backlink", "warn")))
    store.finish_run(run)
    (info,) = store.list_runs()
    assert isinstance(info, RunInfo)
    data = info.to_dict()
    assert data == {
        "id": run,
        "audit": "nightly",
        "started_at": info.started_at.isoformat(),
        "finished_at": info.finished_at.isoformat() if info.finished_at else "",
        "status": "complete",
        "tool_version": "0.1.0",
        "policies": {"p": "2"},
        "pages": 1,
        "counts": {"pass": 0, "warn": 1, "fail": 0, "not_found": 0, "error": 0},
    }
    assert json.loads(json.dumps(data)) == data


def test_previous_complete_run_skips_incomplete_and_other_audits(store: HistoryStore) -> None:
    first = store.start_run("nightly", "0.1.0", {})
    store.finish_run(first)
    broken = store.start_run("nightly", "0.1.0", {})
    store.mark_incomplete(broken)
    weekly = store.start_run("weekly", "0.1.0", {})
    store.finish_run(weekly)
    current = store.start_run("nightly", "0.1.0", {})

    assert store.previous_complete_run("nightly", current) == first
    assert store.previous_complete_run("nightly", first) is None
    assert store.previous_complete_run("weekly", current) == weekly


def test_misuse_is_a_history_error(store: HistoryStore) -> None:
    run = store.start_run("nightly", "0.1.0", {})
    store.record(run, page("https://a.example/1"))
    with pytest.raises(
        HistoryError, match=re.escape("already has https://a.example/1 for https://publisher.example/story")
    ):
        store.record(run, page("https://a.example/1"))
    store.finish_run(run)
    with pytest.raises(HistoryError, match=f"run {run} is complete, not running"):
        store.record(run, page("https://a.example/2"))
    store.mark_incomplete(run)  # a finished run is left alone
    assert store.list_runs()[0].status == "complete"
    with pytest.raises(HistoryError, match="no run 'nope'"):
        store.load_results("nope")
    with pytest.raises(HistoryError, match="no run 'nope'"):
        store.previous_complete_run("nightly", "nope")
    assert store.load_results(run) == [page("https://a.example/1")]  # the failed insert left nothing


def test_recording_context_finishes_or_marks_incomplete(store: HistoryStore) -> None:
    with store.recording("nightly", "0.1.0", {}) as good:
        store.record(good, page("https://a.example/1"))
    with pytest.raises(KeyboardInterrupt), store.recording("nightly", "0.1.0", {}) as bad:
        store.record(bad, page("https://a.example/1"))
        raise KeyboardInterrupt
    assert [(r.id, r.status, r.pages) for r in store.list_runs()] == [
        (bad, "incomplete", 1),
        (good, "complete", 1),
    ]


def test_run_of_a_dead_process_reads_incomplete_and_is_marked_at_next_start(store: HistoryStore) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    dead_pid = int(done.stdout)
    run = store.start_run("nightly", "0.1.0", {})
    store.record(run, page("https://a.example/1"))
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE runs SET pid = ? WHERE id = ?", (dead_pid, run))
    conn.close()

    assert store.list_runs()[0].status == "incomplete"  # read as incomplete, not yet written
    assert _stored_status(store.path, run) == "running"
    store.start_run("nightly", "0.1.0", {})
    assert _stored_status(store.path, run) == "incomplete"


def test_reused_pid_is_not_mistaken_for_the_recording_process(store: HistoryStore) -> None:
    run = store.start_run("nightly", "0.1.0", {})
    with sqlite3.connect(store.path) as conn:  # our own live pid, but another start time
        conn.execute("UPDATE runs SET proc_start = '1' WHERE id = ?", (run,))
    conn.close()
    expected = "incomplete" if Path("/proc/self/stat").exists() else "running"
    assert store.list_runs()[0].status == expected


def test_not_a_history_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(HistoryError, match="cannot open history database: file is not a database"):
        HistoryStore(junk)


def _stored_status(path: Path, run_id: str) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()[0])
    finally:
        conn.close()
