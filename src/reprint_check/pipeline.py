"""The one-way flow for one source and its copies: fetch -> page -> match -> rules.

Every copy ends with a PageResult, whatever goes wrong with it; only a source that cannot be used
stops the run (SourceError), since nothing can be checked without it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from reprint_check.fetch import FetchedPage, Fetcher, FetchError
from reprint_check.match import SourceText, align, frame, locate
from reprint_check.match.images import ImageError, fingerprint
from reprint_check.match.scope import scope_images
from reprint_check.models import MatchScore, PageResult, SourceArticle
from reprint_check.page.dom import Document, PageError, parse_html
from reprint_check.page.source import extract_source
from reprint_check.rules.engine import page_status, run_rules
from reprint_check.rules.identity import resolve_identity
from reprint_check.rules.interface import Identity, ImageCheck, RuleContext, RuleOptions
from reprint_check.rules.policy import Policy

log = logging.getLogger(__name__)

MAX_SOURCE_IMAGES = 40
MAX_COPY_IMAGES = 25
ResultHook = Callable[[PageResult], Awaitable[None] | None]


class SourceError(Exception):
    """The source article could not be fetched or holds no article text."""


@dataclass(frozen=True)
class PreparedSource:
    """Everything learned from the source once per run, shared by every copy."""

    article: SourceArticle
    text: SourceText
    identity: Identity
    options: dict[str, RuleOptions]
    images: dict[str, ImageCheck]

    @property
    def wants_pictures(self) -> bool:
        opts = self.options.get("excluded-images")
        return bool(opts is not None and getattr(opts, "perceptual", False) and self.article.images)


async def prepare_source(
    fetcher: Fetcher, url: str, policy: Policy, names: list[str] | None = None, domains: list[str] | None = None
) -> PreparedSource:
    try:
        fetched = await fetcher.fetch_page(url)
        article = extract_source(_parse(fetched), requested_url=url)
    except (FetchError, PageError) as exc:
        raise SourceError(f"source {url}: {_reason(exc)}") from exc
    if not article.paragraphs:
        raise SourceError(f"source {url}: no article text found on the page")
    options = policy.options()
    prepared = PreparedSource(
        article=article,
        text=SourceText.of(article.paragraphs),
        identity=resolve_identity(policy, article, names, domains),
        options=options,
        images={},
    )
    if prepared.wants_pictures:
        urls = [i.url for i in article.images][:MAX_SOURCE_IMAGES]
        prepared.images.update(await fingerprint_images(fetcher, urls, referrer=article.final_url))
    return prepared


def _parse(fetched: FetchedPage) -> Document:
    return parse_html(fetched.content, url=fetched.final_url, charset=fetched.charset)


def _reason(exc: Exception) -> str:
    return exc.reason if isinstance(exc, FetchError) else str(exc)


async def fingerprint_images(fetcher: Fetcher, urls: Iterable[str], referrer: str) -> dict[str, ImageCheck]:
    unique = list(dict.fromkeys(urls))
    checks = await asyncio.gather(*(_fingerprint_one(fetcher, u, referrer) for u in unique))
    return dict(zip(unique, checks, strict=True))


async def _fingerprint_one(fetcher: Fetcher, url: str, referrer: str) -> ImageCheck:
    try:
        body = await fetcher.fetch_image(url, referrer=referrer)
        return ImageCheck(fingerprint=fingerprint(body.content))
    except FetchError as exc:
        return ImageCheck(fingerprint=None, problem=exc.reason)
    except ImageError as exc:
        return ImageCheck(fingerprint=None, problem=str(exc))


async def check_copy(fetcher: Fetcher, prepared: PreparedSource, url: str) -> PageResult:
    """One copy's verdict. Never raises for anything the page can do."""
    try:
        fetched = await fetcher.fetch_page(url)
    except FetchError as exc:
        return PageResult(
            url=url,
            source=prepared.article.url,
            status="error",
            final_url=exc.final_url,
            http_status=exc.status_code,
            reason=exc.reason,
            redirects=exc.redirects,
        )
    try:
        return await _judge(fetcher, prepared, url, fetched)
    except PageError as exc:
        return _fetched_result(prepared, url, fetched, status="error", reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug on one page must not lose the run; it is reported
        log.exception("internal error while checking %s", url)
        reason = f"internal error while checking the page ({type(exc).__name__}: {exc}); please report it"
        return _fetched_result(prepared, url, fetched, status="error", reason=reason)


def _fetched_result(prepared: PreparedSource, url: str, fetched: FetchedPage, **fields: object) -> PageResult:
    return PageResult(
        url=url,
        source=prepared.article.url,
        final_url=fetched.final_url,
        http_status=fetched.status_code,
        redirects=fetched.redirects,
        **fields,  # type: ignore[arg-type]
    )


async def _judge(fetcher: Fetcher, prepared: PreparedSource, url: str, fetched: FetchedPage) -> PageResult:
    doc = _parse(fetched)
    located = locate(doc, prepared.text)
    if located is None or not located.is_copy:
        coverage = located.coverage if located else 0.0
        return _fetched_result(
            prepared, url, fetched, status="not_found", reason=_not_found_reason(coverage), match=MatchScore(coverage, 0.0)
        )
    scope = frame(located)
    alignment = align(prepared.text, located)
    images = dict(prepared.images)
    if prepared.wants_pictures:
        wanted = [r.url for r in scope_images(scope, doc) if r.url not in images][:MAX_COPY_IMAGES]
        images.update(await fingerprint_images(fetcher, wanted, referrer=fetched.final_url))
    ctx = RuleContext(
        source=prepared.article,
        doc=doc,
        located=located,
        scope=scope,
        alignment=alignment,
        identity=prepared.identity,
        images=images,
    )
    findings = run_rules(ctx, prepared.options)
    return _fetched_result(
        prepared,
        url,
        fetched,
        status=page_status(findings),
        match=MatchScore(alignment.coverage, alignment.similarity),
        findings=findings,
    )


def _not_found_reason(coverage: float) -> str:
    if coverage <= 0:
        return "the page does not contain the source article's text"
    return (
        f"only {coverage:.0%} of the source article's text is on the page (a teaser or a quote, not a copy)"
    )


async def check_all(
    fetcher: Fetcher,
    prepared: PreparedSource,
    urls: list[str],
    *,
    concurrency: int,
    on_result: ResultHook | None = None,
) -> list[PageResult]:
    """Check every copy, at most `concurrency` in flight (so memory stays flat), results in input order;
    `on_result` sees each as soon as it is ready."""
    results: list[PageResult | None] = [None] * len(urls)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(len(urls)):
        queue.put_nowait(i)

    async def worker() -> None:
        while not queue.empty():
            i = queue.get_nowait()
            result = await check_copy(fetcher, prepared, urls[i])
            results[i] = result
            if on_result is not None:
                maybe = on_result(result)
                if maybe is not None:
                    await maybe

    await asyncio.gather(*(worker() for _ in range(max(1, min(concurrency, len(urls))))))
    return [r for r in results if r is not None]
