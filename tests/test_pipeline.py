"""check_all judges pages in worker processes; the verdicts must not depend on where they were made."""

from __future__ import annotations

import asyncio
from pathlib import Path

from reprint_check.fetch import FetchedPage, FetchSettings, LocalAwareFetcher, to_file_url
from reprint_check.models import PageResult
from reprint_check.pipeline import check_all, prepare_source
from reprint_check.rules.policy import load_policy

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


async def _check(workers: int) -> list[PageResult]:
    copies = sorted((EXAMPLES / "copies").glob("*.html"))
    async with LocalAwareFetcher(FetchSettings(use_cache=False), roots=[EXAMPLES]) as fetcher:
        source = to_file_url(EXAMPLES / "source" / "ferry-returns.html")
        prepared = await prepare_source(fetcher, source, load_policy(str(EXAMPLES / "policy.toml")))
        urls = [to_file_url(c) for c in copies]
        return await check_all(fetcher, prepared, urls, concurrency=4, workers=workers)


def test_worker_processes_give_the_same_results_as_judging_in_process() -> None:
    inline = asyncio.run(_check(workers=0))
    pooled = asyncio.run(_check(workers=2))
    assert [r.status for r in inline] == ["error", "fail", "fail", "fail", "not_found", "pass", "warn"]
    photo = next(r for r in inline if r.url.endswith("fail-rehosted-photo.html"))
    assert [f.rule for f in photo.findings if f.status == "fail"] == ["excluded-images"]
    assert pooled == inline


class _BuggyFetcher(LocalAwareFetcher):
    """A Fetcher with a bug for one URL: it raises what no fetcher should."""

    def __init__(self, broken: str) -> None:
        super().__init__(FetchSettings(use_cache=False), roots=[EXAMPLES])
        self.broken = broken

    async def fetch_page(self, url: str) -> FetchedPage:
        if url == self.broken:
            raise RuntimeError("boom")
        return await super().fetch_page(url)


def test_a_fetcher_bug_on_one_page_is_that_page_s_error_and_the_run_goes_on() -> None:
    good, broken = (
        to_file_url(EXAMPLES / "copies" / f"{n}.html") for n in ("pass-blog-copy", "warn-nofollow-link")
    )

    async def go() -> list[PageResult]:
        async with _BuggyFetcher(broken) as fetcher:
            source = to_file_url(EXAMPLES / "source" / "ferry-returns.html")
            prepared = await prepare_source(fetcher, source, load_policy(str(EXAMPLES / "policy.toml")))
            return await check_all(fetcher, prepared, [broken, good], concurrency=2, workers=0)

    first, second = asyncio.run(go())
    assert (first.url, first.status, first.reason) == (
        broken,
        "error",
        "internal error while checking the page (RuntimeError: boom); please report it",
    )
    assert (second.url, second.status) == (good, "pass")
