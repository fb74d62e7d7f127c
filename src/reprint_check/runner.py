"""A whole `check` run: inputs -> policy -> fetcher -> pipeline -> Report.

Errors that stop the run (bad policy, unusable source, unreadable URL list) become one RunError
line; everything that goes wrong with a single copy is that copy's result.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from reprint_check import __version__
from reprint_check.fetch import FetchError
from reprint_check.fetch.local import LocalAwareFetcher
from reprint_check.fetch.settings import FetchSettings
from reprint_check.memo import open_memo
from reprint_check.models import PageResult
from reprint_check.pipeline import SourceError, check_all, prepare_source
from reprint_check.progress import Progress
from reprint_check.report.interface import Report
from reprint_check.report.json import empty_source
from reprint_check.report.spool import ResultSpool
from reprint_check.rules.interface import PolicyError
from reprint_check.rules.policy import Policy, load_policy
from reprint_check.targets import InputError, Targets, read_url_list

log = logging.getLogger(__name__)


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


def run_check(
    request: CheckRequest,
    *,
    progress: bool = True,
    on_start: Callable[[Report], None] | None = None,
    on_result: Callable[[PageResult], None] | None = None,
) -> Report:
    """Run one check; `on_start` gets the report's head (no results) once the source is read,
    `on_result` each page as it finishes (as the user named it).

    The report's results are a `ResultSpool` (pages on disk, in input order); the caller closes
    it once the reports are written."""
    try:
        policy = load_policy(request.policy)
        copies = request.copies + (read_url_list(request.urls_from) if request.urls_from else [])
    except (PolicyError, InputError) as exc:
        raise RunError(str(exc)) from exc
    if not copies:
        raise RunError("no copies to check: give COPY arguments or --urls-from")
    unique = list(dict.fromkeys(copies))  # a copy listed twice is fetched and reported once
    if len(unique) < len(copies):
        log.info("%d repeated copies were checked once", len(copies) - len(unique))
    copies = unique
    head = Report(
        tool_version=__version__, policy=policy.summary_dict(), sources=(), results=(), started_at=_now()
    )
    hooks = _Hooks(head, on_start, on_result)
    spool = ResultSpool()
    try:
        source = asyncio.run(_run(request, copies, policy, progress, hooks, spool))
    except BaseException:
        spool.close()
        raise
    return replace(head, sources=(source,), results=spool, finished_at=_now())


@dataclass
class _Hooks:
    head: Report
    on_start: Callable[[Report], None] | None
    on_result: Callable[[PageResult], None] | None
    progress: Progress | None = None

    def started(self, source: dict[str, object]) -> None:
        if self.on_start is not None:
            self.on_start(replace(self.head, sources=(source,)))

    def result(self, result: PageResult) -> None:
        if self.progress is not None:
            self.progress.advance(result)
        if self.on_result is not None:
            self.on_result(result)


async def _run(
    request: CheckRequest,
    copies: list[str],
    policy: Policy,
    progress: bool,
    hooks: _Hooks,
    spool: ResultSpool,
) -> dict[str, object]:
    targets = Targets()
    source_url = targets.url(request.source)
    # Report pages as the user named them, not as the file:// URLs they became; one file named
    # two ways (`a.html`, `./a.html`) is one copy, under its first name.
    named: dict[str, str] = {}
    for copy in copies:
        named.setdefault(targets.url(copy), copy)
    urls = list(named)
    async with LocalAwareFetcher(request.settings, roots=targets.roots) as fetcher:
        # Pages go to the spool as the user named them, at their place in the input (copies are
        # unique by now); check_all keeps none of its own.
        positions = {copy: i for i, copy in enumerate(named.values())}

        def done(result: PageResult) -> None:
            named_result = _as_named(result, named.get(result.url, result.url), request.source)
            spool.add(named_result, positions.get(named_result.url, len(positions)))
            hooks.result(named_result)

        try:
            prepared = await prepare_source(fetcher, source_url, policy, request.names, request.domains)
        except SourceError as exc:
            if not _source_unreachable(source_url, exc):
                raise RunError(str(exc)) from exc
            # A web source that is down is this run's finding, as in an audit: every copy is
            # `error` (exit 3) and the report is still written, so cron and pipes see it.
            hooks.started(empty_source(request.source))
            for url in urls:
                done(PageResult(url=url, source=request.source, status="error", reason=f"not checked: {exc}"))
            return empty_source(request.source)
        source = prepared.article.to_dict() | {"url": request.source}
        hooks.started(source)

        with Progress(total=len(urls), enabled=progress) as bar, open_memo(request.settings) as memo:
            hooks.progress = bar
            concurrency = request.settings.concurrency
            await check_all(
                fetcher, prepared, urls, concurrency=concurrency, on_result=done, keep=False, memo=memo
            )
    return source


def _source_unreachable(url: str, exc: SourceError) -> bool:
    """The web source could not be fetched (not: a wrong local path, or a page with no article)."""
    return url.startswith(("http://", "https://")) and isinstance(exc.__cause__, FetchError)


def _as_named(result: PageResult, url: str, source: str) -> PageResult:
    return replace(result, url=url, source=source)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
