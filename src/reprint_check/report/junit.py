"""`--format junit`: JUnit XML for CI test views (Jenkins, GitLab, GitHub test reporters).

- One `<testsuite>` per source article (named by its URL, in the order given), holding its pages.
- One `<testcase classname="<page url>" name="<rule>">` per (page, finding), passing ones too:
  `fail` -> `<failure type="<rule>" message="…">` with the evidence as text; `skip` -> `<skipped>`.
- `warn` -> `<system-out>` with the message and evidence, so the case still passes; with
  `--fail-on warning` it becomes a `<failure>` instead, so the CI view agrees with the exit code.
- A page that could not be checked -> one case named `page` with `<error>`; a page where the
  article was not found -> one case named `match` with `<skipped message="<reason>">`.
- Counts (`tests`, `failures`, `errors`, `skipped`) are per suite; the root has the totals
  (junit-10.xsd has no `skipped` on `<testsuites>`) and the run's duration when both times are known.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import datetime

from reprint_check import TOOL_NAME
from reprint_check.models import Finding, PageResult
from reprint_check.report.common import evidence_text, one_line, reason_text
from reprint_check.report.interface import FailOn, Formatter, Report

# Characters XML 1.0 forbids even when escaped; page snippets can carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Count attribute -> the child element that marks a case as counted.
SUITE_COUNTS = {"failures": "failure", "errors": "error", "skipped": "skipped"}
ROOT_COUNTS = {"failures": "failure", "errors": "error"}


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _child(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: xml_text(value) for key, value in attrs.items()})
    if text:
        element.text = xml_text(text)
    return element


def _details(finding: Finding) -> str:
    return "\n".join([finding.message, *(evidence_text(ev) for ev in finding.evidence)])


def _finding_case(suite: ET.Element, result: PageResult, finding: Finding, fail_on: FailOn) -> None:
    case = _child(suite, "testcase", classname=result.url, name=finding.rule)
    message = one_line(finding.message)
    if finding.status == "fail" or (finding.status == "warn" and fail_on == "warning"):
        _child(case, "failure", _details(finding), type=finding.rule, message=message)
    elif finding.status == "warn":
        _child(case, "system-out", f"WARNING ({finding.severity}): {_details(finding)}")
    elif finding.status == "skip":
        _child(case, "skipped", message=message)


def _page_cases(suite: ET.Element, result: PageResult, fail_on: FailOn) -> None:
    if result.status == "error":
        case = _child(suite, "testcase", classname=result.url, name="page")
        _child(case, "error", result.reason, type="page-error", message=reason_text(result))
    elif result.status == "not_found":
        case = _child(suite, "testcase", classname=result.url, name="match")
        _child(case, "skipped", message=reason_text(result))
    for finding in result.findings:
        _finding_case(suite, result, finding, fail_on)


def _count(element: ET.Element, outcome: str) -> int:
    return sum(1 for case in element.iter("testcase") if case.find(outcome) is not None)


def _set_counts(element: ET.Element, counts: Mapping[str, str]) -> None:
    element.set("tests", str(sum(1 for _ in element.iter("testcase"))))
    for attribute, outcome in counts.items():
        element.set(attribute, str(_count(element, outcome)))


def _duration(report: Report) -> str | None:
    if not (report.started_at and report.finished_at):
        return None
    try:
        start, end = datetime.fromisoformat(report.started_at), datetime.fromisoformat(report.finished_at)
        return f"{max((end - start).total_seconds(), 0.0):.3f}"
    except (ValueError, TypeError):  # unparsable or naive/aware mix: the time is optional
        return None


def groups(report: Report) -> dict[str, list[PageResult]]:
    """Pages by source URL: the sources in their given order, then any other source seen."""
    by_source: dict[str, list[PageResult]] = {str(s.get("url", "")): [] for s in report.sources}
    for result in report.results:
        by_source.setdefault(result.source, []).append(result)
    return by_source


def _properties(suite: ET.Element, report: Report) -> None:
    props = _child(suite, "properties")
    values = {
        "policy.id": report.policy.get("id"),
        "policy.version": report.policy.get("version"),
        "tool.version": report.tool_version,
        "run_id": report.run_id,
    }
    for key, value in values.items():
        if value is not None:
            _child(props, "property", name=key, value=str(value))


def build(report: Report, fail_on: FailOn) -> ET.Element:
    root = ET.Element("testsuites", {"name": TOOL_NAME})
    for source, results in groups(report).items():
        suite = _child(root, "testsuite", name=source)
        if report.started_at:
            suite.set("timestamp", report.started_at)
        _properties(suite, report)
        for result in results:
            _page_cases(suite, result, fail_on)
        _set_counts(suite, SUITE_COUNTS)
    _set_counts(root, ROOT_COUNTS)
    if (time := _duration(report)) is not None:
        root.set("time", time)
    return root


class JunitFormatter(Formatter):
    name = "junit"

    def format(self, report: Report) -> str:
        root = build(report, self.options.fail_on)
        ET.indent(root, space="  ")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
