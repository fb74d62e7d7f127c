"""Every format written in pieces, from a spool, is byte for byte the batch text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest

from reprint_check.report import FORMATS, FormatOptions, Report, get_formatter
from reprint_check.report.json_chunks import json_chunks, placeholder
from reprint_check.report.spool import ResultSpool
from tests.report.conftest import ALL_RESULTS, FAILING, SOURCE_B, make_report

OPTIONS = [FormatOptions(), FormatOptions(color=True, width=60, fail_on="warning")]
# Pages of two sources, not grouped by source, one of a source the report does not list.
MIXED = (
    *ALL_RESULTS,
    replace(FAILING, url="https://copy.example/b|*<&>", source=SOURCE_B),
    replace(FAILING, url="https://copy.example/other", source="https://elsewhere.example/"),
)


@pytest.fixture
def spooled() -> Iterator[tuple[Report, Report]]:
    """The same run twice: pages in a tuple, and pages in a spool that got them out of order."""
    with ResultSpool() as spool:
        for position in reversed(range(len(MIXED))):
            spool.add(MIXED[position], position)
        yield make_report(*MIXED), make_report(results=spool)


@pytest.mark.parametrize("options", OPTIONS, ids=["plain", "color-narrow-warning"])
@pytest.mark.parametrize("name", sorted(FORMATS))
def test_a_spooled_report_streams_the_batch_text(
    name: str, options: FormatOptions, spooled: tuple[Report, Report]
) -> None:
    batch, streamed = spooled
    formatter = get_formatter(name, options)
    chunks = list(formatter.chunks(streamed))
    assert "".join(chunks) == formatter.format(batch)
    assert formatter.format(streamed) == formatter.format(batch)
    # Written in pieces (at least one per page), not as one string.
    assert len([c for c in chunks if c]) > len(MIXED) // 2


@pytest.mark.parametrize("name", ["json", "csv", "table"])
def test_each_page_is_its_own_piece(name: str, spooled: tuple[Report, Report]) -> None:
    _, streamed = spooled
    chunks = list(get_formatter(name).chunks(streamed))
    carrying = [c for c in chunks if "https://copy.example/other" in c]
    assert carrying and all(len(c) < len("".join(chunks)) // 2 for c in carrying)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_an_empty_spooled_run_is_the_empty_batch_text(name: str) -> None:
    with ResultSpool() as spool:
        assert get_formatter(name).format(make_report(results=spool)) == get_formatter(name).format(
            make_report()
        )


def test_the_summary_of_a_spooled_report_comes_from_its_counts(spooled: tuple[Report, Report]) -> None:
    batch, streamed = spooled
    assert streamed.summary == batch.summary
    assert streamed.summary.to_dict() == {
        "pages": 7,
        "pass": 1,
        "warn": 1,
        "fail": 3,
        "not_found": 1,
        "error": 1,
    }


@pytest.mark.parametrize("items", [[], [1], [{"a": [1, {"b": "x\ny"}]}, "é", None]])
def test_json_chunks_match_json_dumps_at_any_depth(items: list[object]) -> None:
    document = {"head": {"deep": [{"list": placeholder("items")}]}, "tail": [1, 2]}
    expected = json.dumps({"head": {"deep": [{"list": items}]}, "tail": [1, 2]}, ensure_ascii=False, indent=2)
    assert "".join(json_chunks(document, {"items": iter(items)})) == expected + "\n"


def test_json_chunks_without_the_placeholder_is_an_error() -> None:
    with pytest.raises(ValueError, match="no placeholder for 'items'"):
        list(json_chunks({"a": 1}, {"items": []}))
