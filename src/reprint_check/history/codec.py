"""Rebuild result models from their `to_dict()` JSON, the shape history stores.

`MatchScore.to_dict()` rounds to 4 places for reports; history also keeps the unrounded
scores in columns and passes them here, so a stored result loads back equal to the original.
"""

from __future__ import annotations

from typing import Any, cast

from reprint_check.models import (
    Evidence,
    Finding,
    FindingStatus,
    MatchScore,
    PageResult,
    PageStatus,
    Severity,
)


def result_from_dict(
    data: dict[str, Any], *, coverage: float | None = None, similarity: float | None = None
) -> PageResult:
    return PageResult(
        url=data["url"],
        source=data["source"],
        status=cast(PageStatus, data["status"]),
        final_url=data.get("final_url"),
        http_status=data.get("http_status"),
        reason=data.get("reason"),
        match=_match(data.get("match"), coverage, similarity),
        findings=tuple(finding_from_dict(f) for f in data.get("findings", ())),
        redirects=tuple(data.get("redirects", ())),
    )


def finding_from_dict(data: dict[str, Any]) -> Finding:
    return Finding(
        rule=data["rule"],
        status=cast(FindingStatus, data["status"]),
        severity=cast(Severity, data["severity"]),
        message=data["message"],
        evidence=tuple(evidence_from_dict(e) for e in data.get("evidence", ())),
    )


def evidence_from_dict(data: dict[str, Any]) -> Evidence:
    return Evidence(
        kind=data["kind"],
        snippet=data.get("snippet"),
        href=data.get("href"),
        url=data.get("url"),
        path=data.get("path"),
        where=data.get("where"),
        note=data.get("note"),
    )


def _match(
    data: dict[str, Any] | None, coverage: float | None, similarity: float | None
) -> MatchScore | None:
    if data is None:
        return None
    return MatchScore(
        coverage=coverage if coverage is not None else float(data["coverage"]),
        similarity=similarity if similarity is not None else float(data["similarity"]),
    )
