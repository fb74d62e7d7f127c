"""The result spool: pages on disk, in input order, as often as a formatter reads them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reprint_check.models import Evidence, Finding, MatchScore, PageResult
from reprint_check.report.spool import ResultSpool
from tests.report.conftest import ALL_RESULTS, ERRORED, FAILING, NOT_FOUND, PASSING, WARNING

UNICODE = PageResult(
    url="https://kopie.example/straße/記事?q=ü",
    source="https://publisher.example/2024/story-a",
    status="fail",
    final_url="https://kopie.example/straße/記事",
    http_status=200,
    reason=None,
    match=MatchScore(coverage=0.123456789012345, similarity=2 / 3),
    findings=(
        Finding(
            "credit",
            "fail",
            "error",
            "Only “Publisher Daily” in a sidebar — not near the article.",
            (
                Evidence(
                    "text", snippet="Über uns:\n\t«Publisher Daily» ✓ 🚀", path="aside > p", where="a sidebar"
                ),
            ),
        ),
    ),
    redirects=("https://kopie.example/alt",),
)


def test_pages_come_back_in_input_order_whatever_order_they_finished_in() -> None:
    with ResultSpool() as spool:
        for position in (3, 0, 4, 1, 2):
            spool.add(ALL_RESULTS[position], position)
        assert [r.url for r in spool] == [r.url for r in ALL_RESULTS]


def test_pages_at_the_same_position_keep_their_arrival_order() -> None:
    with ResultSpool() as spool:
        spool.add(FAILING, 1)
        spool.add(PASSING, 0)
        spool.add(WARNING, 1)
        assert [r.status for r in spool] == ["pass", "fail", "warn"]


def test_without_positions_pages_keep_their_arrival_order() -> None:
    with ResultSpool() as spool:
        for result in (ERRORED, PASSING, NOT_FOUND):
            spool.add(result)
        assert [r.status for r in spool] == ["error", "pass", "not_found"]


def test_the_spool_can_be_read_again_and_again_and_interleaved() -> None:
    with ResultSpool() as spool:
        for result in ALL_RESULTS:
            spool.add(result)
        assert list(spool) == list(spool) == list(ALL_RESULTS)
        pairs = [(a.url, b.url) for a, b in zip(spool, reversed(list(spool)), strict=True)]
        assert pairs[0] == (PASSING.url, ERRORED.url)


def test_a_page_added_after_a_read_is_read_in_its_place() -> None:
    with ResultSpool() as spool:
        spool.add(WARNING, 1)
        assert [r.status for r in spool] == ["warn"]
        spool.add(PASSING, 0)
        assert [r.status for r in spool] == ["pass", "warn"]


def test_length_and_summary_are_known_without_reading_the_file() -> None:
    with ResultSpool() as spool:
        assert len(spool) == 0
        assert not spool
        assert spool.summary.to_dict() == {
            "pages": 0,
            "pass": 0,
            "warn": 0,
            "fail": 0,
            "not_found": 0,
            "error": 0,
        }
        for result in (*ALL_RESULTS, replace(FAILING, url="https://copy.example/fail-2")):
            spool.add(result)
        assert len(spool) == 6
        assert spool.summary.to_dict() == {
            "pages": 6,
            "pass": 1,
            "warn": 1,
            "fail": 2,
            "not_found": 1,
            "error": 1,
        }


@pytest.mark.parametrize("result", [UNICODE, *ALL_RESULTS], ids=lambda r: r.status + ":" + r.url[-12:])
def test_a_page_loads_back_equal_with_its_exact_scores_and_evidence(result: PageResult) -> None:
    with ResultSpool() as spool:
        spool.add(result)
        (back,) = spool
    assert back == result


def test_closing_removes_the_file_and_ends_reading() -> None:
    spool = ResultSpool()
    spool.add(PASSING)
    assert not spool.closed
    spool.close()
    assert spool.closed
    with pytest.raises(ValueError, match="closed file"):
        list(spool)
    spool.close()  # a second close is harmless
    assert spool.closed


def test_leaving_the_with_block_closes_the_spool() -> None:
    with ResultSpool() as spool:
        spool.add(PASSING)
    assert spool.closed
