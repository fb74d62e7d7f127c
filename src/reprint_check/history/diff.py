"""What changed between two runs of one audit: pure functions over lists of `PageResult`.

Pages are matched by (source, copy url) and findings within a page by rule id. A page's
findings for one rule are taken at their worst (fail > warn > pass > skip).

- `new_violations`: a finding failing/warning now that was not failing/warning before, on
  pages new to the audit too. A page that errored last time had no findings then, so its
  violations count as new once it can be checked again.
- `resolved`: failing/warning before, passing now.
- `unchanged_violations`: failing/warning both times (warn -> fail included; see statuses).
- `taken_down`: a copy before (pass/warn/fail), `not_found` now.
- `errored`: `error` now and not before, including pages new to the audit, so a copy added
  to the audit that cannot be fetched is reported once rather than never.

Pages in the old run but not the new one (dropped from the audit) are not reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from reprint_check.models import Finding, FindingStatus, PageResult, PageStatus, Severity, page_status

_VIOLATIONS: frozenset[str] = frozenset({"fail", "warn"})
_WAS_A_COPY: frozenset[str] = frozenset({"pass", "warn", "fail"})
_RANK: dict[str, int] = {"fail": 3, "warn": 2, "pass": 1, "skip": 0}


@dataclass(frozen=True)
class FindingChange:
    """One rule on one page. `old_status` is None when the old run had no such finding;
    `message` is the new finding's, `old_message` the old one's (if any)."""

    source: str
    url: str
    rule: str
    old_status: FindingStatus | None
    new_status: FindingStatus
    severity: Severity
    message: str
    old_message: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "url": self.url,
            "rule": self.rule,
            "old_status": self.old_status,
            "new_status": self.new_status,
            "severity": self.severity,
            "message": self.message,
            "old_message": self.old_message,
        }


@dataclass(frozen=True)
class PageChange:
    """A page whose status changed; `old_status` is None for a page new to the audit."""

    source: str
    url: str
    old_status: PageStatus | None
    new_status: PageStatus
    reason: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "url": self.url,
            "old_status": self.old_status,
            "new_status": self.new_status,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class RunDiff:
    new_violations: tuple[FindingChange, ...] = ()
    resolved: tuple[FindingChange, ...] = ()
    unchanged_violations: tuple[FindingChange, ...] = ()
    taken_down: tuple[PageChange, ...] = ()
    errored: tuple[PageChange, ...] = ()

    @property
    def has_changes(self) -> bool:
        return bool(self.new_violations or self.resolved or self.taken_down or self.errored)

    def to_dict(self) -> dict[str, Any]:
        return {
            "new_violations": [c.to_dict() for c in self.new_violations],
            "resolved": [c.to_dict() for c in self.resolved],
            "unchanged_violations": [c.to_dict() for c in self.unchanged_violations],
            "taken_down": [c.to_dict() for c in self.taken_down],
            "errored": [c.to_dict() for c in self.errored],
        }


def diff_runs(old: list[PageResult], new: list[PageResult]) -> RunDiff:
    """Changes from `old` to `new`, in the new run's page and finding order."""
    before = {(p.source, p.url): p for p in old}
    new_v: list[FindingChange] = []
    resolved: list[FindingChange] = []
    unchanged: list[FindingChange] = []
    taken_down: list[PageChange] = []
    errored: list[PageChange] = []
    for page in new:
        prev = before.get((page.source, page.url))
        old_status = prev.status if prev else None
        if page.status == "not_found" and old_status in _WAS_A_COPY:
            taken_down.append(_page_change(page, old_status))
        if page.status == "error" and old_status != "error":
            errored.append(_page_change(page, old_status))
        for change in _finding_changes(prev, page):
            if change.new_status not in _VIOLATIONS:
                resolved.append(change)
            elif change.old_status in _VIOLATIONS:
                unchanged.append(change)
            else:
                new_v.append(change)
    return RunDiff(tuple(new_v), tuple(resolved), tuple(unchanged), tuple(taken_down), tuple(errored))


def new_only(results: list[PageResult], diff: RunDiff) -> list[PageResult]:
    """`results` cut down to pages with new violations, each keeping only those findings."""
    wanted = {(c.source, c.url, c.rule) for c in diff.new_violations}
    out: list[PageResult] = []
    for page in results:
        findings = tuple(
            f for f in page.findings if f.status in _VIOLATIONS and (page.source, page.url, f.rule) in wanted
        )
        if findings:
            # The page's status is that of what is reported: an old failure with one new warning
            # is a warning tonight, not a failure.
            out.append(replace(page, findings=findings, status=page_status(findings)))
    return out


def _finding_changes(prev: PageResult | None, page: PageResult) -> Iterable[FindingChange]:
    """Violations now, and violations before that pass now; nothing for quiet rules."""
    old_rules = _worst_by_rule(prev.findings) if prev else {}
    for rule, finding in _worst_by_rule(page.findings).items():
        was = old_rules.get(rule)
        was_bad = was is not None and was.status in _VIOLATIONS
        if finding.status in _VIOLATIONS or (finding.status == "pass" and was_bad):
            yield FindingChange(
                source=page.source,
                url=page.url,
                rule=rule,
                old_status=was.status if was else None,
                new_status=finding.status,
                severity=finding.severity,
                message=finding.message,
                old_message=was.message if was else None,
            )


def _worst_by_rule(findings: Iterable[Finding]) -> dict[str, Finding]:
    worst: dict[str, Finding] = {}
    for finding in findings:
        current = worst.get(finding.rule)
        if current is None or _RANK[finding.status] > _RANK[current.status]:
            worst[finding.rule] = finding
    return worst


def _page_change(page: PageResult, old_status: PageStatus | None) -> PageChange:
    return PageChange(page.source, page.url, old_status, page.status, page.reason)
