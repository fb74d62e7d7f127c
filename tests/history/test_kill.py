"""A real recording process killed mid-run keeps every page it recorded, and history stays usable."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reprint_check.history import HistoryStore
from reprint_check.models import PageResult
from tests.history.conftest import SOURCE

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

# Records pages until killed, printing each index only after its record() has returned.
RECORDER = """
import signal, sys, time
from pathlib import Path
from reprint_check.history import HistoryStore
from reprint_check.models import PageResult

if sys.argv[2] == "handler":
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(143))
store = HistoryStore(Path(sys.argv[1]))
with store.recording("nightly", "0.1.0", {"cc-by-4.0": "1"}) as run_id:
    print(run_id, flush=True)
    for i in range(1_000_000):
        store.record(run_id, PageResult(url=f"https://copy.example/{i}", source=sys.argv[3], status="pass"))
        print(i, flush=True)
        time.sleep(0.002)
"""

PAGES_BEFORE_KILL = 25


def _expected(count: int) -> list[PageResult]:
    return [PageResult(url=f"https://copy.example/{i}", source=SOURCE, status="pass") for i in range(count)]


def _record_then_kill(db: Path, sig: signal.Signals, mode: str) -> tuple[str, int, int]:
    """Run the recorder, kill it after some pages; return (run id, pages it confirmed, exit code)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", RECORDER, str(db), mode, SOURCE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    run_id = proc.stdout.readline().strip()
    confirmed = 0
    while confirmed < PAGES_BEFORE_KILL:
        line = proc.stdout.readline()
        assert line, f"recorder stopped early: {proc.stderr.read() if proc.stderr else ''}"
        assert int(line) == confirmed
        confirmed += 1
    proc.send_signal(sig)
    rest, _ = proc.communicate(timeout=60)  # also reaps it, so its pid is really gone
    return run_id, confirmed + len(rest.split()), proc.returncode


def _stored_status(store: HistoryStore, run_id: str) -> str:
    row = store._conn.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()
    return str(row[0])


@pytest.mark.parametrize(
    ("sig", "mode", "exit_code", "stored_status"),
    [
        (signal.SIGTERM, "plain", -signal.SIGTERM, "running"),  # died at once: found stale
        (signal.SIGTERM, "handler", 143, "incomplete"),  # handler exits: run marked on the way out
        (signal.SIGKILL, "plain", -signal.SIGKILL, "running"),  # no chance to clean up
    ],
)
def test_killed_run_keeps_its_pages(
    tmp_path: Path, sig: signal.Signals, mode: str, exit_code: int, stored_status: str
) -> None:
    db = tmp_path / "history.sqlite3"
    with HistoryStore(db) as store:
        earlier = store.start_run("nightly", "0.1.0", {})
        store.finish_run(earlier)

    run_id, confirmed, returncode = _record_then_kill(db, sig, mode)
    assert returncode == exit_code

    with HistoryStore(db) as store:
        assert store.integrity_check() == "ok"
        results = store.load_results(run_id)
        # Every confirmed page is there; at most one more was committed before its print.
        assert len(results) in (confirmed, confirmed + 1)
        assert results == _expected(len(results))
        assert _stored_status(store, run_id) == stored_status
        (killed,) = [r for r in store.list_runs("nightly") if r.id == run_id]
        assert (killed.status, killed.pages) == ("incomplete", len(results))

        # The next run works, and the killed one is now marked incomplete for good.
        with store.recording("nightly", "0.1.0", {}) as next_run:
            store.record(next_run, PageResult(url="https://copy.example/0", source=SOURCE, status="pass"))
        assert _stored_status(store, run_id) == "incomplete"
        assert [(r.id, r.status) for r in store.list_runs("nightly")] == [
            (next_run, "complete"),
            (run_id, "incomplete"),
            (earlier, "complete"),
        ]
        assert store.previous_complete_run("nightly", next_run) == earlier
        assert store.integrity_check() == "ok"
