"""Run a policy's rules over one located copy. The engine, not the rules, stamps rule id and
severity, and derives the page status from the findings."""

from __future__ import annotations

from reprint_check.models import Finding, PageStatus
from reprint_check.rules.interface import RuleContext, RuleOptions
from reprint_check.rules.registry import RULES


def run_rules(ctx: RuleContext, options: dict[str, RuleOptions]) -> tuple[Finding, ...]:
    findings = []
    for rule_id, opts in options.items():
        outcome = RULES[rule_id].check(ctx, opts)
        severity = outcome.severity or ("warning" if outcome.status == "warn" else opts.severity)
        findings.append(
            Finding(
                rule=rule_id,
                status=outcome.status,
                severity=severity,
                message=outcome.message,
                evidence=outcome.evidence,
            )
        )
    return tuple(findings)


def page_status(findings: tuple[Finding, ...]) -> PageStatus:
    """fail: a failing finding of severity error; warn: any warn, or a failing non-error finding."""
    if any(f.status == "fail" and f.severity == "error" for f in findings):
        return "fail"
    if any(f.status in ("warn", "fail") for f in findings):
        return "warn"
    return "pass"
