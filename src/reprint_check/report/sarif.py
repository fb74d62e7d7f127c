"""`--format sarif`: a SARIF 2.1.0 log for code-scanning dashboards (e.g. GitHub code scanning).

- `tool.driver`: name, version, informationUri, and one rule per rule id seen, with
  `shortDescription` and a `helpUri` to the rule's section of the README.
- One `result` per warn or fail finding: `ruleId` (our rule id), `level` from its severity
  (error -> error, warning -> warning, info -> note), `message.text`, and the evidence in
  `properties.evidence`.
- Location: a web page has no file, and code scanning rejects `https:` URIs, so
  `artifactLocation.uri` is `host/path` (e.g. `copy.example/2024/story`); the full URL is in the
  location's `logicalLocations[0].fullyQualifiedName` and in `properties.url`.
- `partialFingerprints["reprintCheck/v1"]`: sha256 of the rule id, the normalised page URL and
  the links and media URLs in the evidence, so the same problem keeps its identity across runs
  while page text and layout drift.
- Pages that could not be checked are `invocations[0].toolExecutionNotifications` (level error;
  `executionSuccessful` is false when there is any); not_found pages are notifications with level
  note. Policy, sources and summary go in `runs[0].properties`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import SplitResult, quote, urlsplit, urlunsplit

from reprint_check import TOOL_NAME, TOOL_URL
from reprint_check.models import Finding, PageResult, Severity
from reprint_check.report.common import (
    notable_findings,
    reason_text,
    rule_description,
    rule_help_uri,
    rule_ids,
)
from reprint_check.report.interface import Formatter, Report
from reprint_check.report.json_chunks import json_chunks, placeholder

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "reprintCheck/v1"
LEVELS: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "note"}

_DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"


def _port(parts: SplitResult) -> int | None:
    try:
        return parts.port
    except ValueError:  # a malformed port; the URL is still worth reporting
        return None


def normalize_url(url: str) -> str:
    """Scheme and host lower-cased, default port and fragment dropped, empty path as `/`."""
    parts = urlsplit(url.strip())
    scheme, host, port = parts.scheme.lower(), (parts.hostname or "").lower(), _port(parts)
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def _ascii_host(host: str) -> str:
    """IDNA (punycode) form, so the reference stays a URI rather than an IRI."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return quote(host, safe="")


def artifact_uri(url: str) -> str:
    """`host/path`: a relative reference, since code scanning takes no absolute web URLs."""
    parts = urlsplit(url)
    host = _ascii_host((parts.hostname or "unknown-host").lower())
    return host + quote(parts.path or "/", safe=_PATH_SAFE)


def fingerprint(result: PageResult, finding: Finding) -> str:
    # Links and media URLs identify a problem; snippets and CSS paths change with every redesign.
    targets = sorted({ev.href or ev.url or "" for ev in finding.evidence} - {""})
    key = "\n".join([finding.rule, normalize_url(result.url), *targets])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def location(url: str) -> dict[str, Any]:
    return {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(url)}},
        "logicalLocations": [{"name": artifact_uri(url), "fullyQualifiedName": url, "kind": "resource"}],
    }


def sarif_result(result: PageResult, finding: Finding, rule_index: int) -> dict[str, Any]:
    return {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location(result.url)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(result, finding)},
        "properties": {
            "url": result.url,
            "finalUrl": result.final_url,
            "source": result.source,
            "pageStatus": result.status,
            "findingStatus": finding.status,
            "evidence": [ev.to_dict() for ev in finding.evidence],
        },
    }


def notification(result: PageResult) -> dict[str, Any]:
    return {
        "level": "error" if result.status == "error" else "note",
        "message": {"text": f"{result.url}: {reason_text(result)}"},
        "locations": [location(result.url)],
        "properties": {"url": result.url, "pageStatus": result.status, "httpStatus": result.http_status},
    }


def rule_descriptor(rule: str) -> dict[str, Any]:
    return {"id": rule, "shortDescription": {"text": rule_description(rule)}, "helpUri": rule_help_uri(rule)}


def _invocation(report: Report) -> dict[str, Any]:
    invocation: dict[str, Any] = {
        "executionSuccessful": report.summary.counts["error"] == 0,
        "toolExecutionNotifications": placeholder("notifications"),
    }
    times = {"startTimeUtc": report.started_at, "endTimeUtc": report.finished_at}
    return invocation | {key: value for key, value in times.items() if value is not None}


def _notifications(report: Report) -> Iterator[dict[str, Any]]:
    return (notification(r) for r in report.results if r.status in ("error", "not_found"))


def _results(report: Report, rules: list[str]) -> Iterator[dict[str, Any]]:
    index = {rule: i for i, rule in enumerate(rules)}
    return (sarif_result(r, f, index[f.rule]) for r in report.results for f in notable_findings(r))


def build(report: Report, rules: list[str]) -> dict[str, Any]:
    """The log with placeholders for its two long lists (see `json_chunks`)."""
    driver = {"name": TOOL_NAME, "version": report.tool_version, "informationUri": TOOL_URL}
    properties = {
        "policy": dict(report.policy),
        "sources": [dict(s) for s in report.sources],
        "summary": report.summary.to_dict(),
    } | ({"runId": report.run_id} if report.run_id else {})
    run = {
        "tool": {"driver": driver | {"rules": [rule_descriptor(rule) for rule in rules]}},
        "invocations": [_invocation(report)],
        "results": placeholder("results"),
        "properties": properties,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


class SarifFormatter(Formatter):
    name = "sarif"

    def chunks(self, report: Report) -> Iterator[str]:
        rules = rule_ids(report.results)
        lists: dict[str, Iterable[Any]] = {
            "notifications": _notifications(report),
            "results": _results(report, rules),
        }
        return json_chunks(build(report, rules), lists)
