"""The values that flow between stages: fetch -> page -> match -> rules -> report.

Every model is a frozen dataclass so a stage can never change what an earlier one produced.
`to_dict()` gives the JSON shape documented in the README (the output contract); `from_dict()`
rebuilds a result from it (history and the verdict memo store that shape).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, cast

PageStatus = Literal["pass", "warn", "fail", "not_found", "error"]
FindingStatus = Literal["pass", "warn", "fail", "skip"]
Severity = Literal["error", "warning", "info"]

PAGE_STATUSES: tuple[PageStatus, ...] = ("pass", "warn", "fail", "not_found", "error")


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}


@dataclass(frozen=True)
class Evidence:
    """What a rule found or looked for, and where, so a person can check it in seconds.

    `kind` names the thing (text, link, image, video, paragraph, page); `path` is a CSS-like path
    to the element in the copy (or the source, when `where` says so).
    """

    kind: str
    snippet: str | None = None
    href: str | None = None
    url: str | None = None
    path: str | None = None
    where: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(
            {
                "kind": self.kind,
                "snippet": self.snippet,
                "href": self.href,
                "url": self.url,
                "path": self.path,
                "where": self.where,
                "note": self.note,
            }
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        fields = ("snippet", "href", "url", "path", "where", "note")
        return cls(kind=data["kind"], **{f: data.get(f) for f in fields})


@dataclass(frozen=True)
class Finding:
    rule: str
    status: FindingStatus
    severity: Severity
    message: str
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "status": self.status,
            "severity": self.severity,
            "message": self.message,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            rule=data["rule"],
            status=cast(FindingStatus, data["status"]),
            severity=cast(Severity, data["severity"]),
            message=data["message"],
            evidence=tuple(Evidence.from_dict(e) for e in data.get("evidence", ())),
        )


@dataclass(frozen=True)
class MatchScore:
    coverage: float
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {"coverage": round(self.coverage, 4), "similarity": round(self.similarity, 4)}


@dataclass(frozen=True)
class PageResult:
    """One copy page's verdict. `reason` is set for error and not_found."""

    url: str
    source: str
    status: PageStatus
    final_url: str | None = None
    http_status: int | None = None
    reason: str | None = None
    match: MatchScore | None = None
    findings: tuple[Finding, ...] = ()
    redirects: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "final_url": self.final_url,
            "http_status": self.http_status,
            "redirects": list(self.redirects),
            "source": self.source,
            "status": self.status,
            "reason": self.reason,
            "match": self.match.to_dict() if self.match else None,
            "findings": [f.to_dict() for f in self.findings],
        }

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], *, coverage: float | None = None, similarity: float | None = None
    ) -> PageResult:
        """The inverse of `to_dict`. Its scores are rounded for reports; pass the exact ones when kept,
        so the result loads back equal to the original."""
        match = data.get("match")
        return cls(
            url=data["url"],
            source=data["source"],
            status=cast(PageStatus, data["status"]),
            final_url=data.get("final_url"),
            http_status=data.get("http_status"),
            reason=data.get("reason"),
            match=None if match is None else _score(match, coverage, similarity),
            findings=tuple(Finding.from_dict(f) for f in data.get("findings", ())),
            redirects=tuple(data.get("redirects", ())),
        )


def _score(data: dict[str, Any], coverage: float | None, similarity: float | None) -> MatchScore:
    return MatchScore(
        coverage=coverage if coverage is not None else float(data["coverage"]),
        similarity=similarity if similarity is not None else float(data["similarity"]),
    )


@dataclass(frozen=True)
class ImageRef:
    """An image reference found in a page: the absolute URL and where it was found."""

    url: str
    attr: str
    path: str


@dataclass(frozen=True)
class VideoRef:
    """An embedded video. `provider`/`video_id` are set for known hosts (youtube, vimeo, ...);
    for `<video>` files `provider` is "file" and `video_id` is None."""

    url: str
    provider: str
    video_id: str | None
    path: str


@dataclass(frozen=True)
class SourceArticle:
    """What the tool learns from the source page."""

    url: str
    final_url: str
    canonical_url: str
    title: str | None
    publisher: str | None
    author: str | None
    site_name: str | None
    paragraphs: tuple[str, ...]
    images: tuple[ImageRef, ...]
    videos: tuple[VideoRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "final_url": self.final_url,
            "canonical_url": self.canonical_url,
            "title": self.title,
            "publisher": self.publisher,
            "author": self.author,
            "site_name": self.site_name,
            "paragraphs": len(self.paragraphs),
            "words": sum(len(p.split()) for p in self.paragraphs),
            "images": [i.url for i in self.images],
            "videos": [v.url for v in self.videos],
        }


@dataclass(frozen=True)
class Summary:
    pages: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PAGE_STATUSES, 0))

    @classmethod
    def of(cls, results: Iterable[PageResult]) -> Summary:
        counts: dict[str, int] = dict.fromkeys(PAGE_STATUSES, 0)
        for r in results:
            counts[r.status] += 1
        return cls(pages=sum(counts.values()), counts=counts)

    def to_dict(self) -> dict[str, Any]:
        return {"pages": self.pages, **self.counts}


def page_status(findings: Iterable[Finding]) -> PageStatus:
    """fail: a failing finding of severity error; warn: any warn, or a failing non-error finding."""
    findings = tuple(findings)
    if any(f.status == "fail" and f.severity == "error" for f in findings):
        return "fail"
    if any(f.status in ("warn", "fail") for f in findings):
        return "warn"
    return "pass"
