from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reprint_check.history import HistoryStore
from reprint_check.models import Evidence, Finding, FindingStatus, MatchScore, PageResult, PageStatus

SOURCE = "https://publisher.example/story"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "data" / "history.sqlite3") as opened:
        yield opened


def finding(rule: str, status: FindingStatus, message: str = "") -> Finding:
    severity = "warning" if status == "warn" else "error"
    return Finding(rule=rule, status=status, severity=severity, message=message or f"{rule} {status}")


def page(url: str, status: PageStatus = "pass", *findings: Finding, reason: str | None = None) -> PageResult:
    return PageResult(url=url, source=SOURCE, status=status, reason=reason, findings=findings)


def full_result() -> PageResult:
    """A result using every field, with scores that 4-place rounding would change."""
    return PageResult(
        url="https://copy.example/story?ref=1",
        source=SOURCE,
        status="fail",
        final_url="https://copy.example/story",
        http_status=200,
        reason=None,
        match=MatchScore(coverage=0.987654321, similarity=0.123456789),
        findings=(
            Finding(
                rule="credit",
                status="fail",
                severity="error",
                message="No credit to the publisher.",
                evidence=(
                    Evidence(kind="text", snippet="By Staff", path="article > p:nth-of-type(1)", where="top"),
                ),
            ),
            Finding(
                rule="backlink",
                status="warn",
                severity="warning",
                message="Backlink is nofollow.",
                evidence=(
                    Evidence(
                        kind="link",
                        href="https://publisher.example/story",
                        url="https://publisher.example/story",
                        path="a",
                        where="bottom",
                        note="rel=nofollow",
                    ),
                    Evidence(kind="page"),
                ),
            ),
            Finding(rule="text_fidelity", status="pass", severity="info", message="Unchanged — «quoted» ✓"),
        ),
        redirects=("https://copy.example/old", "https://copy.example/story?ref=1"),
    )
