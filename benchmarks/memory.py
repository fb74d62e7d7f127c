"""Memory of the real CLI on ONE article with N copies, writing the whole json report to a file.

    python benchmarks/run.py --only memory --sizes 1000,10000

Runs `reprint-check check SOURCE --urls-from FILE --format json --output OUT --no-history
--no-cache --host-interval 0` in a subprocess and polls its process tree's peak RSS and PSS (the
harness's `Tree`), then checks the report: valid JSON, every copy once, in the order given, each
with the verdict its page was generated for.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import contenders
import pages

CLI_FLAGS = ("--format", "json", "--no-history", "--no-cache", "--host-interval", "0")


def command(port: int, urls_file: Path, out: Path) -> list[str]:
    exe = shutil.which("reprint-check")
    base = [exe] if exe else [sys.executable, "-m", "reprint_check"]
    source = pages.source_url(port, 0)
    flags = ["--urls-from", str(urls_file), "--output", str(out), "--policy", str(contenders.POLICY)]
    return [*base, "check", source, *flags, *CLI_FLAGS]


def check_report(report: dict[str, Any], urls: list[str], pool: int) -> int:
    """How many verdicts differ from the generated ones; SystemExit if the report is incomplete."""
    got = [r["url"] for r in report["results"]]
    if got != urls or report["summary"]["pages"] != len(urls):
        raise SystemExit(f"json report incomplete or out of order: {len(got)} results for {len(urls)} copies")
    expected = pages.kinds(0, pool)
    slot = lambda url: int(url.rsplit("/", 1)[1]) % pool  # noqa: E731
    return sum(pages.EXPECTED[expected[slot(r["url"])]] != r["status"] for r in report["results"])


def run_once(port: int, pages_n: int, hosts: int, pool: int, tree_of: Callable[[int], Any]) -> str:
    urls = contenders.plan(port, pages_n, hosts, sources=1)[0][1]
    with tempfile.TemporaryDirectory() as tmp:
        urls_file, out = Path(tmp) / "urls.txt", Path(tmp) / "out.json"
        urls_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
        began = time.monotonic()
        proc = subprocess.Popen(command(port, urls_file, out), stdout=subprocess.DEVNULL)
        tree = tree_of(proc.pid)
        while proc.poll() is None:
            tree.poll()
            time.sleep(0.05)
        wall = time.monotonic() - began
        if proc.returncode not in (0, 1, 3):
            raise SystemExit(f"reprint-check failed with exit code {proc.returncode}")
        size = out.stat().st_size
        wrong = check_report(json.loads(out.read_text(encoding="utf-8")), urls, pool)
    peak_rss, peak_pss = tree.peak_rss / 1e6, tree.peak_pss / 1e6
    return (
        f"| {pages_n:>6,} | {wall:7.2f} | {peak_rss:6.0f} | {peak_pss:6.0f} | "
        f"{size / 1e6:7.1f} | {len(urls):,} results, in order; wrong={wrong}"
    )


def memory(port: int, sizes: list[int], hosts: int, pool: int, tree_of: Callable[[int], Any]) -> None:
    print("\n## Memory: the CLI on one article, json report to a file\n")
    print("|  pages |  wall s | RSS MB | PSS MB | json MB | report")
    print("|-------:|--------:|-------:|-------:|--------:|-------")
    for n in sizes:
        print(run_once(port, n, hosts, pool, tree_of), flush=True)
