"""The history database schema, versioned by `PRAGMA user_version`.

`MIGRATIONS[n]` takes a database at version n to n + 1, so version 1 is the initial schema
and a new version is one appended function, never an edit of an old one. Each migration runs
in the same transaction as its version bump, so a failed upgrade leaves the old version intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from reprint_check.history.errors import HistoryError

Migration = Callable[[sqlite3.Connection], None]


# One statement each: executescript() would commit the migration's transaction early.
_V1_STATEMENTS = (
    """
    CREATE TABLE runs (
        seq          INTEGER PRIMARY KEY,  -- run order within this database
        id           TEXT NOT NULL UNIQUE, -- uuid4 hex, what callers hold
        audit        TEXT NOT NULL,
        started_at   TEXT NOT NULL,        -- ISO 8601, UTC
        finished_at  TEXT,
        status       TEXT NOT NULL CHECK (status IN ('running', 'complete', 'incomplete')),
        tool_version TEXT NOT NULL,
        policies     TEXT NOT NULL,        -- JSON object: policy id -> version
        pid          INTEGER NOT NULL,     -- the recording process, to spot dead runs
        host         TEXT NOT NULL,
        proc_start   TEXT,                 -- the process's start token, where the OS has one
        n_pass       INTEGER NOT NULL DEFAULT 0,
        n_warn       INTEGER NOT NULL DEFAULT 0,
        n_fail       INTEGER NOT NULL DEFAULT 0,
        n_not_found  INTEGER NOT NULL DEFAULT 0,
        n_error      INTEGER NOT NULL DEFAULT 0
    )
    """,
    "CREATE INDEX runs_by_audit ON runs (audit, seq)",
    "CREATE INDEX runs_by_status ON runs (status)",
    """
    CREATE TABLE page_results (
        id           INTEGER PRIMARY KEY,
        run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        source_url   TEXT NOT NULL,
        url          TEXT NOT NULL,
        final_url    TEXT,
        http_status  INTEGER,
        status       TEXT NOT NULL,
        reason       TEXT,
        coverage     REAL,
        similarity   REAL,
        result_json  TEXT NOT NULL,        -- PageResult.to_dict()
        recorded_at  TEXT NOT NULL,
        UNIQUE (run_id, position),
        UNIQUE (run_id, source_url, url)
    )
    """,
    "CREATE INDEX page_results_by_url ON page_results (url, run_id)",
    """
    CREATE TABLE findings (
        id        INTEGER PRIMARY KEY,
        page_id   INTEGER NOT NULL REFERENCES page_results (id) ON DELETE CASCADE,
        run_id    TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        url       TEXT NOT NULL,
        rule      TEXT NOT NULL,
        status    TEXT NOT NULL,
        severity  TEXT NOT NULL,
        message   TEXT NOT NULL
    )
    """,
    "CREATE INDEX findings_by_run ON findings (run_id, url)",
    "CREATE INDEX findings_by_page ON findings (page_id)",
    "CREATE INDEX findings_by_url ON findings (url, rule)",
)


def _v1_initial(conn: sqlite3.Connection) -> None:
    for statement in _V1_STATEMENTS:
        conn.execute(statement)


def _v2_run_head(conn: sqlite3.Connection) -> None:
    # The report's head (policy summary and source articles), so `history show` can re-render a
    # run in any format; NULL for runs recorded before version 2.
    conn.execute("ALTER TABLE runs ADD COLUMN head TEXT")


MIGRATIONS: tuple[Migration, ...] = (_v1_initial, _v2_run_head)
SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring `conn` (in autocommit mode) up to `len(migrations)`; return the version reached."""
    version = user_version(conn)
    if version > len(migrations):
        raise HistoryError(
            f"history database is version {version}, newer than this reprint-check "
            f"understands ({len(migrations)}); upgrade reprint-check or use another history file"
        )
    if version == 0 and _has_tables(conn):
        raise HistoryError("not a reprint-check history database (it has tables but no schema version)")
    for target, step in enumerate(migrations[version:], start=version + 1):
        _apply(conn, step, target)
    return len(migrations)


def _apply(conn: sqlite3.Connection, step: Migration, target: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        if user_version(conn) >= target:
            conn.execute("ROLLBACK")
            return
        step(conn)
        conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _has_tables(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
    return int(row[0]) > 0
