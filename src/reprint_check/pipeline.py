"""The one-way flow for one source and its copies: fetch -> page -> match -> rules.

Every copy ends with a PageResult, whatever goes wrong with it; only a source that cannot be used
stops the run (SourceError), since nothing can be checked without it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from contextlib import nullcontext

from reprint_check.fetch import FetchedPage, Fetcher, FetchError
from reprint_check.judging import Judgement, NeedImages, PageBytes, PreparedSource, judge_page, page_result
from reprint_check.match import SourceText
from reprint_check.match.images import ImageError, fingerprint
from reprint_check.memo import ImageDigests, VerdictMemo, content_digest
from reprint_check.models import PageResult
from reprint_check.page.dom import Document, PageError, parse_html
from reprint_check.page.source import extract_source
from reprint_check.pool import CorePool, pool_size
from reprint_check.rules.identity import resolve_identity
from reprint_check.rules.interface import ImageCheck
from reprint_check.rules.policy import Policy

log = logging.getLogger(__name__)

MAX_SOURCE_IMAGES = 40
ResultHook = Callable[[PageResult], Awaitable[None] | None]


class SourceError(Exception):
    """The source article could not be fetched or holds no article text."""


async def prepare_source(
    fetcher: Fetcher,
    url: str,
    policy: Policy,
    names: list[str] | None = None,
    domains: list[str] | None = None,
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
    return {url: check for url, (check, _) in (await _fetch_images(fetcher, urls, referrer)).items()}


async def _fetch_images(
    fetcher: Fetcher, urls: Iterable[str], referrer: str
) -> dict[str, tuple[ImageCheck, str]]:
    """Each image's check and the digest of what was downloaded (see `_digest`)."""
    unique = list(dict.fromkeys(urls))
    checks = await asyncio.gather(*(_fetch_image(fetcher, u, referrer) for u in unique))
    return dict(zip(unique, checks, strict=True))


async def _fetch_image(fetcher: Fetcher, url: str, referrer: str) -> tuple[ImageCheck, str]:
    got = await _download(fetcher, url, referrer)
    return _check(got), _digest(got)


async def _download(fetcher: Fetcher, url: str, referrer: str) -> bytes | FetchError:
    try:
        return (await fetcher.fetch_image(url, referrer=referrer)).content
    except FetchError as exc:
        return exc


def _digest(got: bytes | FetchError) -> str:
    # A failed download is part of what was judged too: the same failure again means the same verdict.
    return f"failed: {got.reason}" if isinstance(got, FetchError) else content_digest(got)


def _check(got: bytes | FetchError) -> ImageCheck:
    if isinstance(got, FetchError):
        return ImageCheck(fingerprint=None, problem=got.reason)
    try:
        return ImageCheck(fingerprint=fingerprint(got))
    except ImageError as exc:
        return ImageCheck(fingerprint=None, problem=str(exc))


Judge = Callable[[str, PageBytes, Mapping[str, ImageCheck] | None], Awaitable[Judgement]]
__all__ = [
    "JudgePool",
    "NeedImages",
    "PreparedSource",
    "SourceError",
    "check_all",
    "check_copy",
    "judge_page",
    "judge_pool",
    "prepare_source",
]


async def check_copy(
    fetcher: Fetcher,
    prepared: PreparedSource,
    url: str,
    *,
    judge: Judge | None = None,
    memo: VerdictMemo | None = None,
) -> PageResult:
    """One copy's verdict. Never raises for anything the page can do.

    `judge` runs `judge_page` (in-process by default; `check_all` passes one that uses every core).
    With a `memo`, an unchanged page whose article images are unchanged reuses its stored verdict."""
    try:
        return await _check_copy(fetcher, prepared, url, judge, memo)
    except Exception as exc:  # a bug on one page must not lose the run; it is reported
        log.exception("internal error while checking %s", url)
        return PageResult(url=url, source=prepared.article.url, status="error", reason=_internal_error(exc))


def _internal_error(exc: Exception) -> str:
    return f"internal error while checking the page ({type(exc).__name__}: {exc}); please report it"


async def _check_copy(
    fetcher: Fetcher, prepared: PreparedSource, url: str, judge: Judge | None, memo: VerdictMemo | None
) -> PageResult:
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
    page = PageBytes.of(fetched)
    run = judge or _inline_judge(prepared)
    if memo is None or not memo.enabled:
        return (await _judged(fetcher, prepared, run, url, page))[0]
    key = memo.key(prepared, page)
    reused = await _recall(fetcher, memo, key, prepared, url, page)
    if reused is not None:
        return reused
    result, images = await _judged(fetcher, prepared, run, url, page)
    if images is not None:
        memo.remember(key, result, images)
    return result


async def _judged(
    fetcher: Fetcher, prepared: PreparedSource, run: Judge, url: str, page: PageBytes
) -> tuple[PageResult, ImageDigests | None]:
    """The verdict and the images it depended on (None: a page that could not be judged)."""
    try:
        outcome = await run(url, page, None)
        if not isinstance(outcome, NeedImages):
            return outcome, ()
        images = await _fetch_images(fetcher, outcome.urls, referrer=page.final_url)
        outcome = await run(url, page, {u: check for u, (check, _) in images.items()})
        if isinstance(outcome, NeedImages):
            raise RuntimeError("images were asked for twice")
        return outcome, tuple((u, digest) for u, (_, digest) in images.items())
    except PageError as exc:
        return page_result(prepared, url, page, status="error", reason=str(exc)), None
    except Exception as exc:  # a bug on one page must not lose the run; it is reported
        log.exception("internal error while checking %s", url)
        return page_result(prepared, url, page, status="error", reason=_internal_error(exc)), None


async def _recall(
    fetcher: Fetcher, memo: VerdictMemo, key: str, prepared: PreparedSource, url: str, page: PageBytes
) -> PageResult | None:
    """The stored verdict, if there is one and every article image it needed has the same bytes."""
    remembered = memo.recall(key)
    if remembered is None:
        return None
    if remembered.images:
        urls = [u for u, _ in remembered.images]
        now = await asyncio.gather(*(_download(fetcher, u, page.final_url) for u in urls))
        if [_digest(got) for got in now] != [digest for _, digest in remembered.images]:
            return None
    memo.reused(key)
    # The verdict is the page's; how it was reached this time (redirects, status) is this fetch's.
    return page_result(
        prepared,
        url,
        page,
        status=remembered.result.status,
        reason=remembered.result.reason,
        match=remembered.result.match,
        findings=remembered.result.findings,
    )


JudgePool = CorePool[PreparedSource, [str, PageBytes, Mapping[str, ImageCheck] | None], Judgement]


def judge_pool(prepared: PreparedSource, workers: int) -> JudgePool:
    """Worker processes that judge pages against `prepared` (0: judged in this process); `rebind`
    moves them on to the next source."""
    return CorePool(judge_page, prepared, workers=workers)


def _inline_judge(prepared: PreparedSource) -> Judge:
    async def judge(url: str, page: PageBytes, images: Mapping[str, ImageCheck] | None) -> Judgement:
        return judge_page(prepared, url, page, images)

    return judge


async def check_all(
    fetcher: Fetcher,
    prepared: PreparedSource,
    urls: list[str],
    *,
    concurrency: int,
    on_result: ResultHook | None = None,
    workers: int | None = None,
    keep: bool = True,
    memo: VerdictMemo | None = None,
    pool: JudgePool | None = None,
) -> list[PageResult]:
    """Check every copy, at most `concurrency` in flight (so memory stays flat), results in input order;
    `on_result` sees each as soon as it is ready. With `keep=False` only `on_result` sees them and the
    list is empty, for callers that keep their own. `memo` (see `check_copy`) skips judging unchanged pages.

    Pages are judged in `workers` processes (default: one per core, none for small runs) while the
    fetching stays here, so both cores are busy on a 2-core machine. A caller checking several sources
    passes its own open `pool` (see `judge_pool`), so the workers start once for all of them."""
    results: list[PageResult | None] = [None] * len(urls)
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(len(urls)):
        queue.put_nowait(i)
    size = pool_size(len(urls)) if workers is None else workers
    if pool is not None:
        pool.rebind(prepared)
    async with nullcontext(pool) if pool is not None else judge_pool(prepared, size) as pool:

        async def worker() -> None:
            while not queue.empty():
                i = queue.get_nowait()
                async with pool.pinned() as judge:
                    result = await check_copy(fetcher, prepared, urls[i], judge=judge, memo=memo)
                if keep:
                    results[i] = result
                if on_result is not None:
                    maybe = on_result(result)
                    if maybe is not None:
                        await maybe

        await asyncio.gather(*(worker() for _ in range(max(1, min(concurrency, len(urls))))))
    return [r for r in results if r is not None]
