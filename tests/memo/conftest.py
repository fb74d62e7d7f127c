"""Fixtures for the verdict memo tests: a changeable local site, and a record of which pages were judged."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from reprint_check import pipeline
from reprint_check.judging import Judgement, PageBytes, PreparedSource, judge_page
from reprint_check.rules.interface import ImageCheck
from tests.memo.site import Site, build


@pytest.fixture
def site(httpserver: HTTPServer) -> Iterator[Site]:
    yield build(httpserver)


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The URLs judged since the set was last cleared (pages judged in-process: workers=0)."""
    seen: set[str] = set()

    def counting(
        prepared: PreparedSource, url: str, page: PageBytes, images: dict[str, ImageCheck] | None = None
    ) -> Judgement:
        seen.add(url)
        return judge_page(prepared, url, page, images)

    monkeypatch.setattr(pipeline, "judge_page", counting)
    return seen
