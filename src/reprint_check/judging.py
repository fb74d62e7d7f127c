"""The CPU-bound half of checking a copy: parse, locate, rules, from bytes to a PageResult.

It imports nothing of the fetch stage (no HTTP client), so the worker processes that run it stay
small; the pipeline hands it a `PageBytes` and the `PreparedSource`, both plain picklable values.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reprint_check.match import Located, Scope, SourceText, align, frame, locate
from reprint_check.match.scope import scope_images
from reprint_check.models import MatchScore, PageResult, SourceArticle
from reprint_check.page.dom import Document, parse_html
from reprint_check.rules.engine import page_status, run_rules
from reprint_check.rules.interface import Identity, ImageCheck, RuleContext, RuleOptions

if TYPE_CHECKING:
    from reprint_check.fetch import FetchedPage

MAX_COPY_IMAGES = 25


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


@dataclass(frozen=True)
class PageBytes:
    """What judging needs of a fetched page (a FetchedPage would drag the HTTP client into workers)."""

    final_url: str
    status_code: int
    content: bytes
    charset: str | None
    redirects: tuple[str, ...]

    @classmethod
    def of(cls, fetched: FetchedPage) -> PageBytes:
        return cls(
            fetched.final_url, fetched.status_code, fetched.content, fetched.charset, fetched.redirects
        )


@dataclass(frozen=True)
class NeedImages:
    """The copy's article shows images that must be fetched and fingerprinted before the rules run."""

    urls: tuple[str, ...]


Judgement = PageResult | NeedImages

# Pages parsed and located while their images are fetched, for the second judge_page call. Bounded:
# a page whose second call never comes is dropped in time, and a miss only costs parsing again.
HELD_PAGES = 64
_held: OrderedDict[tuple[int, str, int], tuple[Document, Located, Scope]] = OrderedDict()


def _hold(key: tuple[int, str, int], state: tuple[Document, Located, Scope]) -> None:
    _held[key] = state
    while len(_held) > HELD_PAGES:
        _held.popitem(last=False)


def page_result(prepared: PreparedSource, url: str, page: PageBytes, **fields: object) -> PageResult:
    return PageResult(
        url=url,
        source=prepared.article.url,
        final_url=page.final_url,
        http_status=page.status_code,
        redirects=page.redirects,
        **fields,  # type: ignore[arg-type]
    )


def judge_page(
    prepared: PreparedSource, url: str, page: PageBytes, images: Mapping[str, ImageCheck] | None = None
) -> Judgement:
    """The CPU-bound part of one copy: parse, locate, rules. Plain values in and out, so it can run in
    another process. When the policy compares pictures and `images` is None, it returns NeedImages
    for the article's images not fingerprinted yet; call again with their checks (in the same
    process, the parsed page is still there; elsewhere it is parsed again)."""
    # The source is part of the key: two sources judged in one process may share a copy URL.
    key = (id(prepared), url, zlib.crc32(page.content))
    held = _held.pop(key, None) if images is not None else None
    if held is None:
        doc = parse_html(page.content, url=page.final_url, charset=page.charset)
        located = locate(doc, prepared.text)
        if located is None or not located.is_copy:
            coverage = located.coverage if located else 0.0
            reason = _not_found_reason(coverage)
            return page_result(
                prepared, url, page, status="not_found", reason=reason, match=MatchScore(coverage, 0.0)
            )
        scope = frame(located)
    else:
        doc, located, scope = held
    if images is None and prepared.wants_pictures:
        wanted = [r.url for r in scope_images(scope, doc) if r.url not in prepared.images][:MAX_COPY_IMAGES]
        if wanted:
            _hold(key, (doc, located, scope))
            return NeedImages(tuple(wanted))
    alignment = align(prepared.text, located)
    ctx = RuleContext(
        source=prepared.article,
        doc=doc,
        located=located,
        scope=scope,
        alignment=alignment,
        identity=prepared.identity,
        images={**prepared.images, **(images or {})},
    )
    findings = run_rules(ctx, prepared.options)
    return page_result(
        prepared,
        url,
        page,
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
