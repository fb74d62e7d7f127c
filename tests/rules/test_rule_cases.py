"""One parametrized test over every rule case file (sqlfluff-style)."""

from __future__ import annotations

import pytest

from reprint_check.models import SourceArticle
from tests.rules.harness import Case, check_expectations, load_cases, run_case, source_article

CASES = load_cases()


@pytest.fixture(scope="module")
def article() -> SourceArticle:
    return source_article()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case: Case, article: SourceArticle) -> None:
    check_expectations(case, run_case(case, article))


def test_every_rule_has_passing_and_failing_cases() -> None:
    from reprint_check.rules.registry import RULES

    for rule in RULES:
        statuses = {c.data["status"] for c in CASES if c.rule == rule}
        assert {"pass", "fail"} <= statuses, f"{rule} needs both passing and failing cases"
