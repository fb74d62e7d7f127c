"""Run history in SQLite: every page result of every run, written as it finishes.

Durability: WAL journal with `synchronous=NORMAL`. Each `record()` is its own transaction, so
a run killed at any point (SIGTERM, SIGKILL, OOM) keeps every page recorded before it, and the
database is never corrupted. NORMAL skips the fsync per commit that FULL would pay on every
page; the cost is that an OS crash or power loss may drop the last few commits, which for a
nightly audit means a run that reads as incomplete and is simply run again.

A run's status is 'running' until `finish_run` (complete) or `mark_incomplete`. A 'running'
run whose recording process is gone (same host, pid dead or reused) reads as 'incomplete', and
is marked so when the next run starts. One `HistoryStore` is for one thread.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from reprint_check.history.errors import HistoryError
from reprint_check.history.liveness import is_alive, process_start_token, this_host
from reprint_check.history.runs import RunInfo, RunStatus, default_history_path, run_from_row
from reprint_check.history.schema import migrate
from reprint_check.models import PAGE_STATUSES, PageResult, PageStatus

_COUNT_COLUMNS: dict[PageStatus, str] = {s: f"n_{s}" for s in PAGE_STATUSES}
_RUN_COLUMNS = (
    "id, audit, started_at, finished_at, status, tool_version, policies, pid, host, proc_start, "
    + ", ".join(_COUNT_COLUMNS.values())
)
# Seconds to wait for another process's write lock before giving up with "database is locked".
BUSY_TIMEOUT = 30.0


class HistoryStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_history_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: every transaction below is an explicit BEGIN ... COMMIT.
            self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(f"{self.path}: cannot open history database: {exc}") from exc
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            migrate(self._conn)
        except sqlite3.Error as exc:
            self._conn.close()
            raise HistoryError(f"{self.path}: cannot open history database: {exc}") from exc
        except HistoryError as exc:
            self._conn.close()
            raise HistoryError(f"{self.path}: {exc}") from exc

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------------------

    def start_run(self, audit: str, tool_version: str, policies: Mapping[str, str]) -> str:
        """Open a 'running' run for `audit` and return its id; stale runs become 'incomplete'."""
        run_id = uuid.uuid4().hex
        pid = os.getpid()
        with self._transaction() as conn:
            self._reap_stale(conn)
            conn.execute(
                "INSERT INTO runs (id, audit, started_at, status, tool_version, policies, pid, host,"
                " proc_start) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?)",
                (run_id, audit, _now(), tool_version, json.dumps(dict(policies), sort_keys=True),
                 pid, this_host(), process_start_token(pid)),
            )  # fmt: skip
        return run_id

    def record(self, run_id: str, result: PageResult) -> None:
        """Store one page's result in its own transaction (so it survives a later kill)."""
        with self._transaction() as conn:
            self._require_running(conn, run_id)
            position = conn.execute(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM page_results WHERE run_id = ?", (run_id,)
            ).fetchone()[0]
            try:
                page_id = self._insert_page(conn, run_id, int(position), result)
            except sqlite3.IntegrityError as exc:
                raise HistoryError(f"run {run_id} already has {result.url} for {result.source}") from exc
            conn.executemany(
                "INSERT INTO findings (page_id, run_id, url, rule, status, severity, message)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (page_id, run_id, result.url, f.rule, f.status, f.severity, f.message)
                    for f in result.findings
                ],
            )
            column = _COUNT_COLUMNS[result.status]
            conn.execute(f"UPDATE runs SET {column} = {column} + 1 WHERE id = ?", (run_id,))

    def finish_run(self, run_id: str) -> None:
        """Mark a running run complete."""
        with self._transaction() as conn:
            self._require_running(conn, run_id)
            conn.execute(
                "UPDATE runs SET status = 'complete', finished_at = ? WHERE id = ?", (_now(), run_id)
            )

    def mark_incomplete(self, run_id: str) -> None:
        """Mark a running run incomplete; a run already finished either way is left alone."""
        with self._transaction() as conn:
            self._status(conn, run_id)
            conn.execute(
                "UPDATE runs SET status = 'incomplete', finished_at = ? WHERE id = ? AND status = 'running'",
                (_now(), run_id),
            )

    def describe_run(self, run_id: str, head: Mapping[str, Any], policies: Mapping[str, str]) -> None:
        """Keep the report head (policy summary, sources) once the sources are read."""
        with self._transaction() as conn:
            self._require_running(conn, run_id)
            conn.execute(
                "UPDATE runs SET head = ?, policies = ? WHERE id = ?",
                (json.dumps(dict(head)), json.dumps(dict(policies), sort_keys=True), run_id),
            )

    @contextmanager
    def recording(self, audit: str, tool_version: str, policies: Mapping[str, str]) -> Iterator[str]:
        """`start_run`, then `finish_run` if the block ends normally, else `mark_incomplete`.

        Any exit counts, including KeyboardInterrupt and the SystemExit a SIGTERM handler raises.
        """
        run_id = self.start_run(audit, tool_version, policies)
        try:
            yield run_id
        except BaseException:
            self.mark_incomplete(run_id)
            raise
        self.finish_run(run_id)

    # -- reading ----------------------------------------------------------------------------

    def list_runs(self, audit: str | None = None, last: int | None = None) -> list[RunInfo]:
        """Runs, newest first; only `audit`'s when given; at most `last` of them."""
        sql = f"SELECT {_RUN_COLUMNS} FROM runs"
        params: list[Any] = []
        if audit is not None:
            sql += " WHERE audit = ?"
            params.append(audit)
        sql += " ORDER BY seq DESC"
        if last is not None:
            sql += " LIMIT ?"
            params.append(max(last, 0))
        with self._reading():
            return [run_from_row(row, tuple(_COUNT_COLUMNS)) for row in self._conn.execute(sql, params)]

    def load_results(self, run_id: str) -> list[PageResult]:
        """A run's page results in the order they were recorded."""
        with self._reading():
            self._status(self._conn, run_id)
            rows = self._conn.execute(
                "SELECT result_json, coverage, similarity FROM page_results"
                " WHERE run_id = ? ORDER BY position",
                (run_id,),
            ).fetchall()
        return [PageResult.from_dict(json.loads(r[0]), coverage=r[1], similarity=r[2]) for r in rows]

    def run_info(self, run_id: str) -> RunInfo:
        with self._reading():
            self._status(self._conn, run_id)
            row = self._conn.execute(f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,)).fetchone()
        return run_from_row(row, tuple(_COUNT_COLUMNS))

    def run_head(self, run_id: str) -> dict[str, Any] | None:
        """The head `describe_run` kept, or None (killed before its sources were read, or older)."""
        with self._reading():
            self._status(self._conn, run_id)
            row = self._conn.execute("SELECT head FROM runs WHERE id = ?", (run_id,)).fetchone()
        return None if row[0] is None else cast(dict[str, Any], json.loads(row[0]))

    def resolve_run_id(self, prefix: str) -> str:
        """The one run whose id starts with `prefix` (people type the first few characters)."""
        with self._reading():
            rows = self._conn.execute(
                "SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (_like_prefix(prefix),)
            ).fetchall()
        if len(rows) != 1:
            problem = "no run" if not rows else "more than one run"
            raise HistoryError(f"{problem} with id {prefix!r} in {self.path}")
        return str(rows[0][0])

    def previous_complete_run(self, audit: str, before_run_id: str) -> str | None:
        """The latest complete run of `audit` started before `before_run_id`, if any."""
        with self._reading():
            self._status(self._conn, before_run_id)
            row = self._conn.execute(
                "SELECT id FROM runs WHERE audit = ? AND status = 'complete'"
                " AND seq < (SELECT seq FROM runs WHERE id = ?) ORDER BY seq DESC LIMIT 1",
                (audit, before_run_id),
            ).fetchone()
        return None if row is None else str(row[0])

    def integrity_check(self) -> str:
        """'ok', or one line per problem SQLite's integrity and foreign-key checks report."""
        with self._reading():
            problems = [str(r[0]) for r in self._conn.execute("PRAGMA integrity_check")]
            if problems == ["ok"]:
                problems = []
            problems += [
                f"foreign key: {table} row {rowid} points at a missing {parent} row"
                for table, rowid, parent, _ in self._conn.execute("PRAGMA foreign_key_check")
            ]
        return "\n".join(problems) or "ok"

    # -- helpers ----------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        # IMMEDIATE takes the write lock up front, so two audits writing at once wait
        # (up to the connect timeout) instead of failing half-way through a page.
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise HistoryError(f"{self.path}: {exc}") from exc
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:  # SQLite may have rolled back already (disk full)
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise HistoryError(f"{self.path}: {exc}") from exc
            raise

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise HistoryError(f"{self.path}: {exc}") from exc

    def _status(self, conn: sqlite3.Connection, run_id: str) -> RunStatus:
        row = conn.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise HistoryError(f"no run {run_id!r} in {self.path}")
        return cast(RunStatus, row[0])

    def _require_running(self, conn: sqlite3.Connection, run_id: str) -> None:
        status = self._status(conn, run_id)
        if status != "running":
            raise HistoryError(f"run {run_id} is {status}, not running")

    @staticmethod
    def _insert_page(conn: sqlite3.Connection, run_id: str, position: int, result: PageResult) -> int:
        match = result.match
        cursor = conn.execute(
            "INSERT INTO page_results (run_id, position, source_url, url, final_url, http_status, status,"
            " reason, coverage, similarity, result_json, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (run_id, position, result.source, result.url, result.final_url, result.http_status,
             result.status, result.reason, match.coverage if match else None,
             match.similarity if match else None, json.dumps(result.to_dict()), _now()),
        )  # fmt: skip
        return int(cursor.lastrowid or 0)

    @staticmethod
    def _reap_stale(conn: sqlite3.Connection) -> None:
        rows = conn.execute("SELECT id, pid, host, proc_start FROM runs WHERE status = 'running'").fetchall()
        for run_id, pid, host, token in rows:
            if not is_alive(pid, host, token):
                # It stopped when it last recorded a page (or, with none, when it started).
                conn.execute(
                    "UPDATE runs SET status = 'incomplete', finished_at = COALESCE("
                    "(SELECT MAX(recorded_at) FROM page_results WHERE run_id = runs.id), started_at)"
                    " WHERE id = ?",
                    (run_id,),
                )


def _like_prefix(prefix: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")
