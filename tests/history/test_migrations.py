from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reprint_check.history import SCHEMA_VERSION, HistoryError, HistoryStore
from reprint_check.history.schema import migrate
from tests.history.conftest import page

# The v1 schema as first released, pinned here so later migrations are tested from real v1 files.
V1_RUNS = """
CREATE TABLE runs (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, audit TEXT NOT NULL, started_at TEXT NOT NULL,
    finished_at TEXT, status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'incomplete')),
    tool_version TEXT NOT NULL, policies TEXT NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL,
    proc_start TEXT, n_pass INTEGER NOT NULL DEFAULT 0, n_warn INTEGER NOT NULL DEFAULT 0,
    n_fail INTEGER NOT NULL DEFAULT 0, n_not_found INTEGER NOT NULL DEFAULT 0,
    n_error INTEGER NOT NULL DEFAULT 0
)"""
V1_PAGES = """
CREATE TABLE page_results (
    id INTEGER PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL, source_url TEXT NOT NULL, url TEXT NOT NULL, final_url TEXT,
    http_status INTEGER,
    status TEXT NOT NULL, reason TEXT, coverage REAL, similarity REAL, result_json TEXT NOT NULL,
    recorded_at TEXT NOT NULL, UNIQUE (run_id, position), UNIQUE (run_id, source_url, url)
)"""
V1_FINDINGS = """
CREATE TABLE findings (
    id INTEGER PRIMARY KEY, page_id INTEGER NOT NULL REFERENCES page_results (id) ON DELETE CASCADE,
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, url TEXT NOT NULL, rule TEXT NOT NULL,
    status TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL
)"""
V1_ROWS = [
    "INSERT INTO runs (id, audit, started_at, finished_at, status, tool_version, policies, pid, host, n_pass)"
    " VALUES ('r1', 'nightly', '2024-05-01T02:00:00+00:00', '2024-05-01T02:10:00+00:00', 'complete', '0.1.0',"
    " '{\"cc-by-4.0\": \"1\"}', 1, 'elsewhere', 1)",
    "INSERT INTO page_results (run_id, position, source_url, url, status, result_json, recorded_at) VALUES"
    " ('r1', 0, 'https://publisher.example/story', 'https://a.example/1', 'pass',"
    ' \'{"url": "https://a.example/1", "final_url": null, "http_status": null, "redirects": [],'
    ' "source": "https://publisher.example/story", "status": "pass", "reason": null, "match": null,'
    " \"findings\": []}', '2024-05-01T02:05:00+00:00')",
]


def _tables(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
        return [r[0] for r in rows]
    finally:
        conn.close()


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_empty_v0_file_is_migrated_to_current(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    sqlite3.connect(path).close()  # an empty database: user_version 0
    assert _user_version(path) == 0
    with HistoryStore(path) as store:
        assert store.integrity_check() == "ok"
    assert _user_version(path) == SCHEMA_VERSION == 2
    assert _tables(path) == ["findings", "page_results", "runs"]


def test_hand_made_v1_file_opens_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    for statement in (V1_RUNS, V1_PAGES, V1_FINDINGS, *V1_ROWS, "PRAGMA user_version = 1"):
        conn.execute(statement)
    conn.commit()
    conn.close()

    with HistoryStore(path) as store:
        (run,) = store.list_runs("nightly")
        assert (run.id, run.status, run.pages, dict(run.policies)) == (
            "r1",
            "complete",
            1,
            {"cc-by-4.0": "1"},
        )
        assert store.load_results("r1") == [page("https://a.example/1")]
        assert store.run_head("r1") is None  # recorded before heads were kept
        new = store.start_run("nightly", "0.2.0", {})
        assert store.previous_complete_run("nightly", new) == "r1"
    assert _user_version(path) == 2


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(HistoryError, match=r"version 99, newer than this reprint-check understands \(2\)"):
        HistoryStore(path)


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.close()
    with pytest.raises(HistoryError, match="not a reprint-check history database"):
        HistoryStore(path)


def test_migrations_run_in_order_from_the_current_version() -> None:
    applied: list[str] = []

    def v1(conn: sqlite3.Connection) -> None:
        applied.append("v1")
        conn.execute("CREATE TABLE t (a INTEGER)")

    def v2(conn: sqlite3.Connection) -> None:
        applied.append("v2")
        conn.execute("ALTER TABLE t ADD COLUMN b TEXT")

    conn = sqlite3.connect(":memory:", isolation_level=None)
    assert migrate(conn, [v1]) == 1
    assert migrate(conn, [v1, v2]) == 2
    assert applied == ["v1", "v2"]
    assert [r[1] for r in conn.execute("PRAGMA table_info(t)")] == ["a", "b"]


def test_failed_migration_leaves_the_old_version(tmp_path: Path) -> None:
    def v1(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE t (a INTEGER)")

    def v2_broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE u (a INTEGER)")
        conn.execute("ALTER TABLE missing ADD COLUMN b TEXT")

    conn = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    migrate(conn, [v1])
    with pytest.raises(sqlite3.OperationalError, match="no such table: missing"):
        migrate(conn, [v1, v2_broken])
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["t"]
    conn.close()
