"""Every labelled copy in cases.toml, through the whole pipeline against a real local HTTP server:
the real HttpFetcher fetches the source, the copy and their images; the verdict must match."""

from __future__ import annotations

import asyncio
import json

import pytest
from pytest_httpserver import HTTPServer

from reprint_check.fetch import FetchSettings, HttpFetcher
from reprint_check.fetch.http import HttpSession
from reprint_check.models import PageResult
from reprint_check.pipeline import check_copy, prepare_source
from reprint_check.rules.policy import load_policy
from tests.corpus.conftest import record
from tests.corpus.corpus import Case, cases, sources, templates
from tests.corpus.site import LoopbackTransport

SETTINGS = FetchSettings(
    use_cache=False,
    host_interval=0,
    respect_robots=False,
    retries=0,
    timeout=5,
    connect_timeout=2,
    read_timeout=2,
    concurrency=4,
)
CASES = cases()


async def _check(case: Case, port: int) -> PageResult:
    source = sources()[case.source]
    session = HttpSession(SETTINGS, transport=LoopbackTransport(port))
    async with HttpFetcher(SETTINGS, session=session) as fetcher:
        prepared = await prepare_source(fetcher, source.url, load_policy(str(source.policy)))
        copy_url = f"https://{templates()[case.template].host}{case.path}"
        return await check_copy(fetcher, prepared, copy_url)


def test_corpus_is_big_and_balanced() -> None:
    assert len(CASES) >= 50
    assert len({c.template for c in CASES}) >= 6
    assert len({c.source for c in CASES}) >= 2
    assert len({c.name for c in CASES}) == len(CASES), "case names are unique"
    compliant = [c for c in CASES if c.status == "pass"]
    assert len(compliant) >= len(CASES) // 3, "compliant copies must be plentiful"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corpus_case(case: Case, corpus_server: HTTPServer) -> None:
    result = asyncio.run(_check(case, corpus_server.port))
    shown = json.dumps(result.to_dict(), ensure_ascii=False, indent=1)
    record(case.name, "page", case.status, result.status)
    got = {f.rule: f.status for f in result.findings}
    for rule, expected in case.rules.items():
        record(case.name, rule, expected, got.get(rule, "missing"))
    assert result.status == case.status, f"{case.name}: page status\n{shown}"
    assert {r: got.get(r, "missing") for r in case.rules} == case.rules, f"{case.name}: rules\n{shown}"
    for finding in result.findings:
        if finding.status in ("fail", "warn"):
            assert finding.evidence, f"{case.name}: {finding.rule} has no evidence\n{shown}"
            for ev in finding.evidence:
                assert ev.snippet or ev.url or ev.href, f"{case.name}: {finding.rule}: evidence shows nothing"
                assert ev.path or ev.where, f"{case.name}: {finding.rule}: evidence says not where"
