"""Throughput, memory and how cost grows, against the naive script and the parsing floor.

    python benchmarks/run.py                 # N = 100, 1,000, 10,000 and every scenario (~5 min)
    python benchmarks/run.py --quick         # N = 100, 1,000; smaller scenarios (~1 min)
    python benchmarks/run.py --sizes 100,1000 --only throughput
    python benchmarks/run.py --only memory   # the CLI on one article, N = 1,000 and 10,000

Pages come from a local server in its own process (benchmarks/server.py); each contender runs in its
own process (benchmarks/contenders.py) while this one polls the memory and CPU of its process tree.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HOSTS = 10
POOL = 100  # distinct pages per source; copy N is page N % POOL
MB = 1_000_000


@dataclass
class Run:
    """One contender's run: its own report plus what the tree cost."""

    kind: str
    pages: int
    wall: float
    cpu: float
    peak_rss: float
    peak_pss: float
    latencies: list[float]
    extra: dict[str, Any]

    @property
    def rate(self) -> float:
        return self.pages / self.wall

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


class Tree:
    """Peak memory and total CPU of a process and its descendants, by polling."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.cpu: dict[int, float] = {}
        self.peak_rss = 0.0
        self.peak_pss = 0.0

    def poll(self) -> None:
        rss = pss = 0.0
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for proc in procs:
            try:
                mem = proc.memory_full_info()
                times = proc.cpu_times()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            rss, pss = rss + mem.rss, pss + mem.pss
            # Own time only: a reaped worker's time is also in its parent's children_* fields.
            self.cpu[proc.pid] = times.user + times.system
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)


def measure(kind: str, port: int, pages: int, *extra_args: str) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        cmd = [sys.executable, str(HERE / "contenders.py"), kind, "--port", str(port), "--pages", str(pages)]
        cmd += ["--hosts", str(HOSTS), "--pool", str(POOL), "--out", str(out), *extra_args]
        proc = subprocess.Popen(cmd)
        tree = Tree(proc.pid)
        while proc.poll() is None:
            tree.poll()
            time.sleep(0.05)
        if proc.returncode != 0:
            raise SystemExit(f"{kind} failed with exit code {proc.returncode}")
        report = json.loads(out.read_text())
    return Run(
        kind=kind,
        pages=pages,
        wall=report.pop("wall"),
        cpu=sum(tree.cpu.values()),
        peak_rss=tree.peak_rss / MB,
        peak_pss=tree.peak_pss / MB,
        latencies=report.pop("latencies"),
        extra=report,
    )


def start_server(hosts: int) -> tuple[subprocess.Popen[str], int]:
    server = subprocess.Popen(
        [sys.executable, str(HERE / "server.py"), str(hosts), str(POOL)], stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None
    return server, int(server.stdout.readline())


def row(run: Run) -> str:
    wrong = f" wrong={run.extra['wrong']}" if "wrong" in run.extra else ""
    return (
        f"| {run.kind:<5} | {run.pages:>6,} | {run.wall:7.2f} | {run.rate:7.1f} | {run.pct(0.5):7.1f} | "
        f"{run.pct(0.95):7.1f} | {run.peak_rss:6.0f} | {run.peak_pss:6.0f} | "
        f"{run.cpu / run.pages * 1000:11.2f} | {dict(run.extra.get('statuses', {}))}{wrong}"
    )


HEADER = (
    "| who   |  pages |  wall s | pages/s | p50 ms  | p95 ms  | RSS MB | PSS MB | CPU ms/page | verdicts\n"
    "|-------|-------:|--------:|--------:|--------:|--------:|-------:|-------:|------------:|---------"
)


def throughput(port: int, sizes: list[int], naive_max: int) -> dict[int, dict[str, Run]]:
    print("\n## Throughput (politeness interval 0, cache off)\n")
    print(HEADER)
    runs: dict[int, dict[str, Run]] = {}
    for n in sizes:
        runs[n] = {
            "ours": measure("ours", port, n),
            "audit": measure("audit", port, n),
            "floor": measure("floor", port, n),
        }
        if n <= naive_max:
            runs[n]["naive"] = measure("naive", port, n)
        for run in runs[n].values():
            print(row(run), flush=True)
    ratios(runs)
    return runs


def ratios(runs: dict[int, dict[str, Run]]) -> None:
    print()
    for n, by in runs.items():
        for who in ("ours", "audit"):
            run = by[who]
            text = f"N={n:,}: {who}/floor {run.rate / by['floor'].rate:.2f}x"
            if "naive" in by:
                text += f", {who}/naive {run.rate / by['naive'].rate:.2f}x"
            print(text)
    sizes = sorted(runs)
    if len(sizes) >= 2:
        a, b = runs[sizes[-2]]["ours"], runs[sizes[-1]]["ours"]
        grow = b.pages / a.pages
        print(
            f"ours from N={a.pages:,} to N={b.pages:,} ({grow:.0f}x pages): wall x{b.wall / a.wall:.2f}, "
            f"CPU/page x{(b.cpu / b.pages) / (a.cpu / a.pages):.2f}, peak RSS x{b.peak_rss / a.peak_rss:.2f} "
            f"({a.peak_rss:.0f} -> {b.peak_rss:.0f} MB)"
        )


def politeness(port: int, per_host: int) -> None:
    """20 hosts x `per_host` pages of one article (one run), 0.2 s between two requests to a host."""
    interval, hosts = 0.2, 20
    print(f"\n## Politeness: {hosts} hosts x {per_host} pages, --host-interval {interval}\n")
    pages = hosts * per_host
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        cmd = [
            sys.executable,
            str(HERE / "contenders.py"),
            "ours",
            "--port",
            str(port),
            "--pages",
            str(pages),
        ]
        cmd += ["--hosts", str(hosts), "--pool", str(POOL), "--interval", str(interval), "--out", str(out)]
        cmd += ["--sources", "1"]
        subprocess.run(cmd, check=True)
        report = json.loads(out.read_text())
    requests = report["requests"]
    busiest = max(count for host, count in requests.items() if not host.startswith("127.0.0.2:"))
    # Requests to one host start at least `interval` apart: the first at 0, the last at (n - 1) x interval.
    bound = (busiest - 1) * interval
    print(f"wall {report['wall']:.2f} s; busiest host got {busiest} requests (pages, images, robots.txt)")
    print(f"bound (busiest host's requests - 1) x interval = {bound:.2f} s")
    print(f"wall / bound = {report['wall'] / bound:.3f}")
    print(f"(pages only: {per_host} x {interval} = {per_host * interval:.1f} s)")


def cache(port: int, pages: int) -> None:
    """Cache off, then twice with one cache folder (HTTP cache and verdict memo), on the same pages."""
    print(f"\n## HTTP cache and verdict memo: {pages:,} unchanged pages, twice, same cache folder\n")
    off = measure("ours", port, pages)
    with tempfile.TemporaryDirectory() as tmp:
        first = measure("ours", port, pages, "--cache-dir", tmp)
        second = measure("ours", port, pages, "--cache-dir", tmp)
    print(HEADER)
    for label, run in (("cache off", off), ("first", first), ("second", second)):
        print(f"{row(run)} ({label}; {sum(run.extra['requests'].values()):,} requests)")
    print(f"\nfirst run / cache off: wall x{first.wall / off.wall:.2f}, CPU x{first.cpu / off.cpu:.2f}")
    speedup = first.wall / second.wall
    print(f"second run speed-up: {speedup:.2f}x over the first, {off.wall / second.wall:.2f}x over cache off")


def cold_start() -> None:
    print("\n## Cold start (median of 5)\n")
    exe = shutil.which("reprint-check") or ""
    base = [exe] if exe else [sys.executable, "-m", "reprint_check"]
    one = ["check", "examples/source/ferry-returns.html", "examples/copies/pass-blog-copy.html"]
    one += ["--policy", "examples/policy.toml", "-f", "json", "--no-cache"]
    for label, args in (("reprint-check --help", ["--help"]), ("reprint-check check (one local file)", one)):
        times = []
        for _ in range(5):
            began = time.perf_counter()
            subprocess.run([*base, *args], cwd=ROOT, capture_output=True, check=False)
            times.append(time.perf_counter() - began)
        print(f"{label}: {statistics.median(times):.3f} s")


def parsers(port: int) -> None:
    """The same 100 pages into a BeautifulSoup tree and into an lxml tree."""
    import httpx
    import lxml.html
    from bs4 import BeautifulSoup

    sys.path.insert(0, str(HERE))
    import pages as gen

    bodies = [httpx.get(gen.copy_url(port, 0, n, HOSTS)).content for n in range(POOL)]
    bodies = [b for b in bodies if len(b) > 10_000]
    print(
        f"\n## Parser: {len(bodies)} pages, {sum(map(len, bodies)) / len(bodies) / 1000:.0f} KB on average\n"
    )
    cases = {
        "BeautifulSoup(html.parser)": lambda b: BeautifulSoup(b, "html.parser"),
        "BeautifulSoup(lxml)": lambda b: BeautifulSoup(b, "lxml"),
        "lxml.html.document_fromstring": lxml.html.document_fromstring,
    }
    base = None
    for name, parse in cases.items():
        began = time.perf_counter()
        for body in bodies:
            parse(body)
        ms = (time.perf_counter() - began) / len(bodies) * 1000
        base = base or ms
        print(f"{name:<32} {ms:7.2f} ms/page  ({base / ms:.1f}x BeautifulSoup(html.parser))")


def memory_scenario(port: int, sizes: list[int]) -> None:
    sys.path.insert(0, str(HERE))
    import memory

    memory.memory(port, sizes, HOSTS, POOL, Tree)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="N = 100, 1,000 and small scenarios")
    parser.add_argument("--sizes", help="comma-separated page counts, e.g. 100,1000")
    parser.add_argument("--naive-max", type=int, default=1000, help="largest N for the (slow) naive script")
    parser.add_argument("--only", choices=["throughput", "politeness", "cache", "cold", "parsers", "memory"])
    for name in ("politeness", "cache", "memory"):  # `--politeness` reads as in the issue: one scenario
        parser.add_argument(
            f"--{name}", dest="only", action="store_const", const=name, help=f"= --only {name}"
        )
    args = parser.parse_args()
    default = [100, 1000] if args.quick else [100, 1000, 10000]
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else default
    server, port = start_server(hosts=20)
    try:
        print(f"reprint-check benchmarks, {psutil.cpu_count()} cores, Python {sys.version.split()[0]}")
        steps = {
            "throughput": lambda: throughput(port, sizes, args.naive_max),
            "politeness": lambda: politeness(port, per_host=20 if args.quick else 50),
            "cache": lambda: cache(port, 300 if args.quick else 1000),
            "cold": cold_start,
            "parsers": lambda: parsers(port),
            "memory": lambda: memory_scenario(port, sizes if args.sizes else [1000, 10000]),
        }
        for name, step in steps.items():
            if args.only in (None, name):
                step()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
