"""The corpus server (one per session) and the per-rule confusion summary printed after the run."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from tests.corpus.site import handle

VERDICTS: list[tuple[str, str, str, str]] = []  # (case, rule or "page", expected, got)


@pytest.fixture(scope="session")
def corpus_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0)
    server.expect_request(re.compile(".*")).respond_with_handler(handle)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


def record(case: str, rule: str, expected: str, got: str) -> None:
    VERDICTS.append((case, rule, expected, got))


def _kind(expected: str, got: str) -> str:
    if expected == got:
        return "right"
    if got == "fail":
        return "false-fail"
    if expected == "fail":
        return "false-pass"
    return "other"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not VERDICTS:
        return
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for _, rule, expected, got in VERDICTS:
        table[rule][_kind(expected, got)] += 1
    tr = terminalreporter
    tr.section("corpus verdicts")
    tr.write_line(f"{'rule':<16} {'right':>6} {'false-fail':>11} {'false-pass':>11} {'other':>6}")
    for rule in sorted(table, key=lambda r: (r == "page", r)):
        c = table[rule]
        tr.write_line(
            f"{rule:<16} {c['right']:>6} {c['false-fail']:>11} {c['false-pass']:>11} {c['other']:>6}"
        )
    page = table["page"]
    total = sum(page.values())
    tr.write_line(f"page status accuracy: {page['right']}/{total} ({page['right'] / max(1, total):.0%})")
    wrong = [v for v in VERDICTS if v[2] != v[3]]
    for case, rule, expected, got in wrong[:20]:
        tr.write_line(f"  wrong: {case} {rule}: expected {expected}, got {got}")
