"""A real `reprint-check audit` process stopped mid-run: jsonl lines arrive as pages finish, the
pages finished before the signal stay in history, the run is marked incomplete, and the database
and the next run are fine."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reprint_check.cli import app
from reprint_check.history import HistoryStore

from .conftest import Site

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

COPIES = [f"c{i}" for i in range(8)]


@pytest.mark.parametrize(("sig", "exit_code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stopped_audit_keeps_finished_pages_and_is_marked_incomplete(
    site: Site, tmp_path: Path, sig: signal.Signals, exit_code: int
) -> None:
    site.copies = dict.fromkeys(COPIES, "pass")
    site.delay = 0.4  # slow copies, so the signal lands mid-run
    db = tmp_path / "history.db"
    file = site.audit_file(tmp_path, COPIES)
    args = ["audit", str(file), "--db", str(db), "--no-cache", "--concurrency", "1", "-f", "jsonl"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "reprint_check", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    run_line = json.loads(proc.stdout.readline())
    streamed = [json.loads(proc.stdout.readline()) for _ in range(2)]
    assert proc.poll() is None, "results must stream while the run goes on"
    proc.send_signal(sig)
    rest, err = proc.communicate(timeout=60)
    assert proc.returncode == exit_code, err

    assert run_line["type"] == "run"
    assert [(line["type"], line["status"]) for line in streamed] == [("result", "pass")] * 2
    with HistoryStore(db) as store:
        assert store.integrity_check() == "ok"
        (killed,) = store.list_runs("nightly")
        assert killed.id == run_line["run_id"]
        assert killed.status == "incomplete"
        assert killed.finished_at is not None
        kept = {r.url for r in store.load_results(killed.id)}
        # Every page streamed is kept; a page finishing as the signal came may be kept too.
        assert {line["url"] for line in streamed} <= kept
        assert 2 <= len(kept) < len(COPIES)
        assert len(rest.splitlines()) in (0, 1)

    site.delay = 0
    again = CliRunner().invoke(app, [*args, "--concurrency", "2"])
    assert again.exit_code == 0, again.stderr
    with HistoryStore(db) as store:
        assert [(r.status, r.pages) for r in store.list_runs("nightly")] == [
            ("complete", len(COPIES)),
            ("incomplete", len(kept)),
        ]
        assert store.integrity_check() == "ok"
