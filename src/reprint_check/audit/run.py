"""A whole audit run: every source of an `AuditPlan` and its copies, through one shared fetcher.

All sources are fetched first (once each, concurrently), so the report's head names them all
before any copy is checked; then each source's copies go through `check_all`. One fetcher serves
the whole run, so every page of the audit shares one politeness budget per host. A source that
cannot be used turns its copies into `error` results saying why; only a bad policy stops the run.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from reprint_check import __version__
from reprint_check.audit.plan import AuditPlan, AuditSource
from reprint_check.fetch.local import LocalAwareFetcher
from reprint_check.fetch.settings import FetchSettings
from reprint_check.memo import open_memo
from reprint_check.models import PageResult
from reprint_check.pipeline import (
    JudgePool,
    PreparedSource,
    SourceError,
    check_all,
    judge_pool,
    prepare_source,
)
from reprint_check.pool import pool_size
from reprint_check.progress import Progress
from reprint_check.report.interface import Report
from reprint_check.report.json import empty_source
from reprint_check.report.spool import ResultSpool
from reprint_check.rules.interface import PolicyError
from reprint_check.rules.policy import Policy, load_policy
from reprint_check.targets import Targets

log = logging.getLogger(__name__)


class AuditRunError(Exception):
    """The audit cannot run at all (exit 2); the message is one line."""


@dataclass(frozen=True)
class SourceProblem:
    """A source that could not be used, so none of its copies could be judged."""

    reason: str


@dataclass(frozen=True)
class AuditHooks:
    """`on_start` gets the report head (sources, no results); `on_result` each page as it ends."""

    on_start: Callable[[Report], None] | None = None
    on_result: Callable[[PageResult], None] | None = None
    progress: bool = True


def run_audit(plan: AuditPlan, settings: FetchSettings, hooks: AuditHooks | None = None) -> Report:
    """The whole audit; its results are a `ResultSpool` the caller closes once reports are written."""
    hooks = hooks or AuditHooks()
    policies = load_policies(plan)
    head = Report(
        tool_version=__version__, policy=policy_summary(policies), sources=(), results=(), started_at=_now()
    )
    spool = ResultSpool()
    try:
        sources = asyncio.run(_run(plan, settings, policies, head, hooks, spool))
    except BaseException:
        spool.close()
        raise
    return replace(head, sources=sources, results=spool, finished_at=_now())


def load_policies(plan: AuditPlan) -> dict[str, Policy]:
    try:
        return {name: load_policy(name) for name in plan.policies}
    except PolicyError as exc:
        raise AuditRunError(str(exc)) from exc


def policy_summary(policies: Mapping[str, Policy]) -> dict[str, Any]:
    """One policy's summary as is; several become one summary listing each (the report has one)."""
    summaries = [p.summary_dict() for p in policies.values()]
    if len(summaries) == 1:
        return summaries[0]
    return {
        "id": "+".join(s["id"] for s in summaries),
        "version": "+".join(str(s["version"]) for s in summaries),
        "title": f"{len(summaries)} policies: " + ", ".join(str(s["title"]) for s in summaries),
        "policies": [{"id": s["id"], "version": s["version"], "title": s["title"]} for s in summaries],
    }


async def _run(
    plan: AuditPlan,
    settings: FetchSettings,
    policies: Mapping[str, Policy],
    head: Report,
    hooks: AuditHooks,
    spool: ResultSpool,
) -> tuple[dict[str, Any], ...]:
    targets = Targets()
    urls = {s.url: targets.url(s.url) for s in plan.sources}
    copy_urls = {c: targets.url(c) for s in plan.sources for c in s.copies}
    async with LocalAwareFetcher(settings, roots=targets.roots) as fetcher:
        prepared = await asyncio.gather(
            *(_prepare(fetcher, urls[s.url], policies[s.policy]) for s in plan.sources)
        )
        sources = tuple(_source_dict(s, p) for s, p in zip(plan.sources, prepared, strict=True))
        if hooks.on_start is not None:
            hooks.on_start(replace(head, sources=sources))
        pool = _audit_pool(plan, prepared)
        with Progress(total=plan.copy_count, enabled=hooks.progress) as bar, open_memo(settings) as memo:
            async with nullcontext() if pool is None else pool:
                for source, ready in zip(plan.sources, prepared, strict=True):
                    names = {copy_urls[c]: c for c in source.copies}
                    namer = _Namer(source, names, bar, hooks.on_result, spool)
                    if isinstance(ready, SourceProblem):
                        for copy in source.copies:
                            namer.done(_unusable(source, copy, ready))
                        continue
                    wanted = [copy_urls[c] for c in source.copies]
                    await check_all(
                        fetcher,
                        ready,
                        wanted,
                        concurrency=settings.concurrency,
                        on_result=namer.done,
                        keep=False,
                        memo=memo,
                        pool=pool,
                    )
    return sources


def _audit_pool(plan: AuditPlan, prepared: list[PreparedSource | SourceProblem]) -> JudgePool | None:
    """One set of judging workers for the whole audit, moved from source to source (none when no
    source could be read)."""
    usable = [(s, p) for s, p in zip(plan.sources, prepared, strict=True) if isinstance(p, PreparedSource)]
    if not usable:
        return None
    return judge_pool(usable[0][1], pool_size(sum(len(s.copies) for s, _ in usable)))


@dataclass
class _Namer:
    """Reports each page as the audit file named it (not as the file:// URL it became) and spools
    it after the pages of earlier sources, at its place in this source's list."""

    source: AuditSource
    names: dict[str, str]
    bar: Progress
    on_result: Callable[[PageResult], None] | None
    spool: ResultSpool
    base: int = field(init=False)
    positions: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.base = len(self.spool)
        self.positions = {}
        for i, copy in enumerate(self.source.copies):
            self.positions.setdefault(copy, i)

    def named(self, result: PageResult) -> PageResult:
        return replace(result, url=self.names.get(result.url, result.url), source=self.source.url)

    def done(self, result: PageResult) -> None:
        result = self.named(result)
        self.spool.add(result, self.base + self.positions.get(result.url, len(self.source.copies)))
        self.bar.advance(result)
        if self.on_result is not None:
            self.on_result(result)


async def _prepare(fetcher: LocalAwareFetcher, url: str, policy: Policy) -> PreparedSource | SourceProblem:
    try:
        return await prepare_source(fetcher, url, policy)
    except SourceError as exc:
        return SourceProblem(str(exc))
    except Exception as exc:  # a bug on one source must not stop the others; its copies say why
        log.exception("internal error while reading the source %s", url)
        return SourceProblem(f"source {url}: internal error ({type(exc).__name__}: {exc}); please report it")


def _source_dict(source: AuditSource, prepared: PreparedSource | SourceProblem) -> dict[str, Any]:
    if isinstance(prepared, PreparedSource):
        return prepared.article.to_dict() | {"url": source.url}
    return empty_source(source.url)


def _unusable(source: AuditSource, copy: str, problem: SourceProblem) -> PageResult:
    return PageResult(url=copy, source=source.url, status="error", reason=f"not checked: {problem.reason}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
