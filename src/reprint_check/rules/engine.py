"""Run a policy's rules over one located copy. The engine, not the rules, stamps rule id and
severity; `page_status` (in models, as history needs it too) derives the page status."""

from __future__ import annotations

from reprint_check.models import Finding, page_status
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


__all__ = ["page_status", "run_rules"]
