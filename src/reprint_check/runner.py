"""A whole `check` run: inputs -> policy -> fetcher -> pipeline -> Report.

Errors that stop the run (bad policy, unusable source, unreadable URL list) become one RunError
line; everything that goes wrong with a single copy is that copy's result.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from reprint_check import __version__
from reprint_check.fetch.local import LocalAwareFetcher
from reprint_check.fetch.settings import FetchSettings
from reprint_check.models import PageResult
from reprint_check.pipeline import SourceError, check_all, prepare_source
from reprint_check.progress import Progress
from reprint_check.report.interface import Report
from reprint_check.rules.interface import PolicyError
from reprint_check.rules.policy import Policy, load_policy
from reprint_check.targets import InputError, Targets, read_url_list


class RunError(Exception):
    """The run cannot go on (exit 2); the message is one line."""


@dataclass(frozen=True)
class CheckRequest:
    source: str
    copies: list[str]
    policy: str
    settings: FetchSettings
    urls_from: str | None = None
    names: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)


def run_check(request: CheckRequest, *, progress: bool = True) -> Report:
    try:
        policy = load_policy(request.policy)
        copies = request.copies + (read_url_list(request.urls_from) if request.urls_from else [])
    except (PolicyError, InputError) as exc:
        raise RunError(str(exc)) from exc
    if not copies:
        raise RunError("no copies to check: give COPY arguments or --urls-from")
    started = _now()
    source, results = asyncio.run(_run(request, copies, policy, progress))
    return Report(
        tool_version=__version__,
        policy=policy.summary_dict(),
        sources=(source,),
        results=tuple(results),
        started_at=started,
        finished_at=_now(),
    )


async def _run(
    request: CheckRequest, copies: list[str], policy: Policy, progress: bool
) -> tuple[dict[str, object], list[PageResult]]:
    targets = Targets()
    source_url = targets.url(request.source)
    urls = [targets.url(c) for c in copies]
    async with LocalAwareFetcher(request.settings, roots=targets.roots) as fetcher:
        try:
            prepared = await prepare_source(fetcher, source_url, policy, request.names, request.domains)
        except SourceError as exc:
            raise RunError(str(exc)) from exc
        with Progress(total=len(urls), enabled=progress) as bar:
            results = await check_all(
                fetcher, prepared, urls, concurrency=request.settings.concurrency, on_result=bar.advance
            )
    # Report pages as the user named them, not as the file:// URLs they became.
    named = dict(zip(urls, copies, strict=True))
    results = [_as_named(r, named.get(r.url, r.url), request.source) for r in results]
    return prepared.article.to_dict() | {"url": request.source}, results


def _as_named(result: PageResult, url: str, source: str) -> PageResult:
    return replace(result, url=url, source=source)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
