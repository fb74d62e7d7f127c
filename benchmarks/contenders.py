"""The three ways to check the same pages, each run in its own process so its tree can be measured.

    python contenders.py ours|naive|floor --port P --pages N --out FILE [--hosts H] [--interval S]
                         [--cache-dir D]

- ours:  `run_check` once per source article, as `reprint-check check` does (process pool included).
- naive: what a user would write instead: sequential GETs, BeautifulSoup(html.parser), look for the
         publisher's name and a link to its domain.
- floor: fetch + lxml parse of each page and nothing else, one process per core.

Each writes JSON to FILE: wall seconds, per-page latencies, verdict counts and how many verdicts
differ from the ones the pages were generated for (ours only).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pages

POLICY = Path(__file__).with_name("policy.toml")


def plan(port: int, total: int, hosts: int, sources: int = pages.SOURCES) -> list[tuple[int, list[str]]]:
    """(source, its copy URLs): `total` copies spread over the sources and hosts."""
    per = [total // sources + (1 if s < total % sources else 0) for s in range(sources)]
    return [(s, [pages.copy_url(port, s, n, hosts) for n in range(per[s])]) for s in range(sources)]


def arrivals(port: int) -> dict[str, Any]:
    """The server's log since the last call (and clears it)."""
    import httpx

    data: dict[str, Any] = httpx.get(f"http://127.0.0.2:{port}/__arrivals", timeout=30).json()
    return data


def _where(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc + parts.path


class _Tally:
    """Each finished page's time and status, and how many verdicts differ from the kind of copy the
    page was generated as (`expected`: source URL -> kind of each pool slot)."""

    def __init__(self, args: argparse.Namespace, expected: dict[str, list[str]]) -> None:
        self.pool = args.pool
        self.expected = expected
        self.done: dict[str, float] = {}
        self.statuses: Counter[str] = Counter()
        self.wrong = 0

    def record(self, result: Any) -> None:
        self.done[result.url] = time.monotonic()
        self.statuses[result.status] += 1
        slot = int(result.url.rsplit("/", 1)[1]) % self.pool
        self.wrong += pages.EXPECTED[self.expected[result.source][slot]] != result.status

    def report(self, port: int, wall: float) -> dict[str, Any]:
        log = arrivals(port)
        latencies = [t - log["first"][_where(url)] for url, t in self.done.items()]
        return {
            "wall": wall,
            "latencies": latencies,
            "statuses": self.statuses,
            "wrong": self.wrong,
            "requests": log["requests"],
        }


def _expected(args: argparse.Namespace, groups: list[tuple[int, list[str]]]) -> dict[str, list[str]]:
    return {pages.source_url(args.port, s): pages.kinds(s, args.pool) for s, _ in groups}


def ours(args: argparse.Namespace) -> dict[str, Any]:
    """`run_check` once per article, as one `reprint-check check` per article would."""
    from reprint_check.fetch import FetchSettings
    from reprint_check.report.spool import ResultSpool
    from reprint_check.runner import CheckRequest, run_check

    cache = args.cache_dir is not None
    settings = FetchSettings(host_interval=args.interval, use_cache=cache, cache_dir=args.cache_dir)
    groups = plan(args.port, args.pages, args.hosts, args.sources)
    tally = _Tally(args, _expected(args, groups))
    arrivals(args.port)
    start = time.monotonic()
    for source, urls in groups:
        request = CheckRequest(
            source=pages.source_url(args.port, source), copies=urls, policy=str(POLICY), settings=settings
        )
        report = run_check(request, progress=False, on_result=tally.record)
        if isinstance(report.results, ResultSpool):
            report.results.close()
    return tally.report(args.port, time.monotonic() - start)


def ours_audit(args: argparse.Namespace) -> dict[str, Any]:
    """The same pages as one `reprint-check audit` of every article: one fetcher, one set of workers."""
    from reprint_check.audit.plan import AuditPlan, AuditSettings, AuditSource
    from reprint_check.audit.run import AuditHooks, run_audit
    from reprint_check.fetch import FetchSettings
    from reprint_check.report.spool import ResultSpool

    settings = FetchSettings(host_interval=args.interval, use_cache=False)
    groups = plan(args.port, args.pages, args.hosts, args.sources)
    tally = _Tally(args, _expected(args, groups))
    sources = tuple(
        AuditSource(pages.source_url(args.port, s), str(POLICY), tuple(urls)) for s, urls in groups
    )
    audit = AuditPlan("bench", POLICY, AuditSettings(host_interval=args.interval), None, sources)
    arrivals(args.port)
    start = time.monotonic()
    report = run_audit(audit, settings, AuditHooks(on_result=tally.record, progress=False))
    wall = time.monotonic() - start
    if isinstance(report.results, ResultSpool):
        report.results.close()
    return tally.report(args.port, wall)


def naive(args: argparse.Namespace) -> dict[str, Any]:
    import httpx
    from bs4 import BeautifulSoup

    latencies = []
    statuses: Counter[str] = Counter()
    start = time.monotonic()
    with httpx.Client(timeout=30) as client:
        for _, urls in plan(args.port, args.pages, args.hosts):
            for url in urls:
                began = time.monotonic()
                reply = client.get(url)
                if reply.status_code != 200:
                    statuses["error"] += 1
                else:
                    soup = BeautifulSoup(reply.text, "html.parser")
                    credited = pages.PUBLISHER in soup.get_text()
                    linked = any(pages.DOMAIN in a.get("href", "") for a in soup.find_all("a"))
                    statuses["pass" if credited and linked else "fail"] += 1
                latencies.append(time.monotonic() - began)
    return {"wall": time.monotonic() - start, "latencies": latencies, "statuses": statuses}


# Imported lazily everywhere: the pool's workers re-import this module, and ours must stay as small
# as they are under `reprint-check check`.
_client: Any = None


def _floor_start() -> None:
    import httpx

    global _client
    _client = httpx.Client(timeout=30)


def _floor_one(url: str) -> tuple[float, int]:
    import lxml.html

    assert _client is not None
    began = time.monotonic()
    reply = _client.get(url)
    if reply.status_code == 200:
        lxml.html.document_fromstring(reply.content)
    return time.monotonic() - began, reply.status_code


def floor(args: argparse.Namespace) -> dict[str, Any]:
    import multiprocessing

    urls = [u for _, group in plan(args.port, args.pages, args.hosts) for u in group]
    cores = len(os.sched_getaffinity(0))
    start = time.monotonic()
    with multiprocessing.get_context("fork").Pool(cores, initializer=_floor_start) as workers:
        timed = list(workers.imap_unordered(_floor_one, urls, chunksize=8))
    statuses = Counter("parsed" if code == 200 else "error" for _, code in timed)
    return {"wall": time.monotonic() - start, "latencies": [t for t, _ in timed], "statuses": statuses}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["ours", "audit", "naive", "floor"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--pool", type=int, default=100)
    parser.add_argument("--sources", type=int, default=pages.SOURCES, help="articles (one run each)")
    parser.add_argument("--interval", type=float, default=0.0)
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    result = {"ours": ours, "audit": ours_audit, "naive": naive, "floor": floor}[args.kind](args)
    args.out.write_text(json.dumps(result))


if __name__ == "__main__":
    main()
