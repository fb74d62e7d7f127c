"""Canned results for the report tests: one page per status, with evidence worth escaping."""

from __future__ import annotations

from typing import Any

import pytest

from reprint_check.models import Evidence, Finding, MatchScore, PageResult, SourceArticle
from reprint_check.report.interface import Report

SOURCE_A = "https://publisher.example/2024/story-a"
SOURCE_B = "https://publisher.example/2024/story-b"

POLICY: dict[str, Any] = {
    "id": "cc-by-nd-4.0",
    "version": "1",
    "title": "Creative Commons Attribution-NoDerivatives 4.0",
}


def source_dict(url: str, title: str) -> dict[str, Any]:
    return SourceArticle(
        url=url,
        final_url=url,
        canonical_url=url,
        title=title,
        publisher="Publisher Daily",
        author="Ann Lee",
        site_name="Publisher Daily",
        paragraphs=("First paragraph of the story.", "Second one."),
        images=(),
        videos=(),
    ).to_dict()


PASSING = PageResult(
    url="https://copy.example/pass",
    source=SOURCE_A,
    status="pass",
    final_url="https://copy.example/pass",
    http_status=200,
    match=MatchScore(coverage=0.98, similarity=0.97),
    findings=(
        Finding(
            "credit",
            "pass",
            "error",
            "Publisher named in the byline.",
            (Evidence("text", snippet="By Ann Lee, Publisher Daily", path="article > p.byline"),),
        ),
        Finding(
            "backlink",
            "pass",
            "error",
            "Links to the source article.",
            (Evidence("link", snippet="Publisher Daily", href=SOURCE_A, path="article > p > a"),),
        ),
        Finding("excluded-images", "pass", "error", "No source images reused."),
        Finding("excluded-video", "skip", "error", "The source has no videos."),
        Finding("text-fidelity", "pass", "info", "Every paragraph word for word."),
    ),
)

WARNING = PageResult(
    url="https://copy.example/warn",
    source=SOURCE_A,
    status="warn",
    final_url="https://copy.example/warn/",
    http_status=200,
    redirects=("https://copy.example/warn",),
    match=MatchScore(coverage=0.91, similarity=0.9),
    findings=(
        Finding("credit", "pass", "error", "Publisher named after the article."),
        Finding(
            "backlink",
            "warn",
            "warning",
            "The link to the source is rel=nofollow.",
            (
                Evidence(
                    "link",
                    snippet="Publisher Daily",
                    href=SOURCE_A,
                    path="article > p:nth-of-type(9) > a",
                    note="rel=nofollow",
                ),
            ),
        ),
    ),
)

FAILING = PageResult(
    url="https://copy.example/fail?id=1",
    source=SOURCE_A,
    status="fail",
    final_url="https://copy.example/fail?id=1",
    http_status=200,
    match=MatchScore(coverage=0.4, similarity=0.35),
    findings=(
        Finding("zz-house-rule", "warn", "warning", "House rule: no *bold* claims | ever."),
        Finding(
            "credit",
            "fail",
            "error",
            'Publisher not named; "credit" found only in the sidebar, footer.\nSee evidence.',
            (
                Evidence(
                    "text",
                    snippet='Friends: Publisher Daily | "Others", etc.\n\tmore',
                    path="aside.blogroll > li",
                    note="outside the article",
                ),
            ),
        ),
        Finding("backlink", "pass", "error", "Links to the publisher's domain."),
        Finding(
            "excluded-images",
            "fail",
            "error",
            "2 of the source's images appear in the copy.",
            (
                Evidence(
                    "image", url="https://publisher.example/img/kremlin.jpg", path="article > figure > img"
                ),
                Evidence(
                    "image",
                    url="https://cdn.copy.example/k-1024x576.jpg",
                    path="article > img:nth-of-type(2)",
                    note="same file name",
                ),
            ),
        ),
        Finding(
            "text-fidelity",
            "fail",
            "error",
            "1 paragraph changed (<em>edits</em> are forbidden).",
            (
                Evidence(
                    "paragraph", snippet="The minister claimed on Monday…", path="article > p:nth-of-type(3)"
                ),
                Evidence(
                    "paragraph",
                    snippet="The minister said on Monday…",
                    path="article > p:nth-of-type(3)",
                    where="source",
                ),
            ),
        ),
    ),
)

NOT_FOUND = PageResult(
    url="https://copy.example/gone",
    source=SOURCE_A,
    status="not_found",
    final_url="https://copy.example/gone",
    http_status=200,
    reason="The source article is not on this page (3% of its text found).",
    match=MatchScore(coverage=0.03, similarity=0.02),
)

ERRORED = PageResult(
    url="https://другой.example/down",
    source=SOURCE_B,
    status="error",
    http_status=503,
    reason="HTTP 503 Service Unavailable after 3 tries.",
)

ALL_RESULTS = (PASSING, WARNING, FAILING, NOT_FOUND, ERRORED)


def make_report(*results: PageResult, **overrides: Any) -> Report:
    fields: dict[str, Any] = {
        "tool_version": "0.1.0",
        "policy": POLICY,
        "sources": (source_dict(SOURCE_A, "Story A"), source_dict(SOURCE_B, "Story B")),
        "results": results,
        "started_at": "2024-05-01T10:00:00Z",
        "finished_at": "2024-05-01T10:00:12.5Z",
        "run_id": "run-42",
    }
    fields.update(overrides)
    return Report(**fields)


@pytest.fixture
def report() -> Report:
    """Two sources, five pages: pass, warn, fail, not_found, error."""
    return make_report(*ALL_RESULTS)


@pytest.fixture
def check_report() -> Report:
    """A `check` run: one source, no run metadata."""
    return make_report(
        PASSING,
        FAILING,
        sources=(source_dict(SOURCE_A, "Story A"),),
        started_at=None,
        finished_at=None,
        run_id=None,
    )
