"""A memo hit gives exactly the verdict a fresh judgement would; any change to what judging reads
(the copy, a source paragraph, a policy option, a re-hosted image) means judging afresh."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from reprint_check.fetch import FetchSettings, LocalAwareFetcher
from reprint_check.memo import open_memo
from reprint_check.models import PageResult
from reprint_check.pipeline import check_all, prepare_source
from reprint_check.rules.policy import load_policy
from tests.memo.site import COPIES, Site, copy_html, write_policy

ALL = set(COPIES)


def run(site: Site, policy: Path, cache: Path | None) -> tuple[list[PageResult], int]:
    """One run over every copy; `cache=None` is a fresh run without HTTP cache or memo."""
    settings = FetchSettings(host_interval=0, timeout=5, use_cache=cache is not None, cache_dir=cache)

    async def go() -> tuple[list[PageResult], int]:
        async with LocalAwareFetcher(settings) as fetcher:
            prepared = await prepare_source(fetcher, site.url("/source"), load_policy(str(policy)))
            with open_memo(settings) as memo:
                results = await check_all(fetcher, prepared, site.copies, concurrency=4, workers=0, memo=memo)
            return results, memo.hits

    return asyncio.run(go())


def drop_credit(site: Site, tmp: Path) -> None:
    site.set_page("/pass", copy_html("<article>{article}</article>"))


def edit_source(site: Site, tmp: Path) -> None:
    body = site.bodies["/source"][0].decode()
    assert "by almost nine hours" in body
    site.set_page("/source", body.replace("by almost nine hours", "by nearly nine hours"))


def stricter_policy(site: Site, tmp: Path) -> None:
    write_policy(tmp, nofollow="fail")


def swap_photo(site: Site, tmp: Path) -> None:
    site.set_image("/uploads/ours.jpg", "source-resized")


def nothing(site: Site, tmp: Path) -> None:
    pass


# change -> (the copies judged again, statuses expected after the change)
CHANGES: dict[str, tuple[Callable[[Site, Path], None], set[str], dict[str, str]]] = {
    "nothing": (nothing, set(), {}),
    "a changed copy": (drop_credit, {"/pass"}, {"/pass": "fail"}),
    "a changed source paragraph": (edit_source, ALL, {"/pass": "pass"}),
    "a changed policy option": (stricter_policy, ALL, {"/nofollow": "fail"}),
    "a changed re-hosted image": (swap_photo, {"/own-photo"}, {"/own-photo": "fail", "/rehosted": "fail"}),
}
BEFORE = {
    "/pass": "pass",
    "/nofollow": "warn",
    "/rehosted": "fail",
    "/own-photo": "pass",
    "/teaser": "not_found",
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_rerun_reuses_only_what_is_unchanged(
    change: str, site: Site, judged: set[str], tmp_path: Path
) -> None:
    apply, again, after = CHANGES[change]
    policy, cache = write_policy(tmp_path), tmp_path / "cache"
    first, hits = run(site, policy, cache)
    assert {r.url: r.status for r in first} == {site.url(p): s for p, s in BEFORE.items()}
    assert hits == 0
    assert judged == {site.url(p) for p in ALL}

    apply(site, tmp_path)
    judged.clear()
    second, hits = run(site, policy, cache)
    assert judged == {site.url(p) for p in again}
    assert hits == len(ALL - again)

    fresh, _ = run(site, policy, None)
    assert [r.to_dict() for r in second] == [r.to_dict() for r in fresh]
    assert second == fresh
    statuses = {r.url: r.status for r in second}
    assert statuses == {site.url(p): after.get(p, s) for p, s in BEFORE.items()}
