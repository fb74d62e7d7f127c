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
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

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


def _page_counts(result: PageResult, fail_on: FailOn) -> Counter[str]:
    scratch = ET.Element("testsuite")
    _page_cases(scratch, result, fail_on)
    counts = Counter({attribute: _count(scratch, outcome) for attribute, outcome in SUITE_COUNTS.items()})
    counts["tests"] = len(scratch)
    return counts


def _duration(report: Report) -> str | None:
    if not (report.started_at and report.finished_at):
        return None
    try:
        start, end = datetime.fromisoformat(report.started_at), datetime.fromisoformat(report.finished_at)
        return f"{max((end - start).total_seconds(), 0.0):.3f}"
    except (ValueError, TypeError):  # unparsable or naive/aware mix: the time is optional
        return None


@dataclass
class _Tally:
    """Counts per suite (source URL, in suite order) and the order sources came in the results."""

    suites: dict[str, Counter[str]]
    runs: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, report: Report, fail_on: FailOn) -> _Tally:
        """The sources in their given order, then any other source seen."""
        tally = cls({str(s.get("url", "")): Counter() for s in report.sources})
        for result in report.results:
            tally.suites.setdefault(result.source, Counter()).update(_page_counts(result, fail_on))
            if not tally.runs or tally.runs[-1] != result.source:
                tally.runs.append(result.source)
        return tally

    def grouped(self) -> bool:
        """Each source's pages come together, in suite order (every check and audit run)."""
        return self.runs == [source for source in self.suites if source in set(self.runs)]


def _by_source(report: Report, tally: _Tally) -> Iterator[tuple[str, Iterable[PageResult]]]:
    """Each suite's pages: in one pass over the results when they are grouped, else one per suite."""
    if not tally.grouped():
        for source in tally.suites:
            yield source, (r for r in report.results if r.source == source)
        return
    runs = groupby(report.results, key=lambda r: r.source)
    for source in tally.suites:
        yield source, next(runs)[1] if source in tally.runs else ()


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


def _open_tag(tag: str, attrs: Mapping[str, str]) -> str:
    empty: str = ET.tostring(ET.Element(tag, dict(attrs)), encoding="unicode")
    return empty[: -len(" />")] + ">"


def _indented(element: ET.Element, level: int) -> str:
    """`element` as it reads inside a tree indented by `ET.indent` (two spaces per level)."""
    ET.indent(element, space="  ", level=level)
    return "\n" + "  " * level + ET.tostring(element, encoding="unicode")


def _suite(
    report: Report, source: str, results: Iterable[PageResult], counts: Counter[str], fail_on: FailOn
) -> Iterator[str]:
    attrs = {"name": xml_text(source)} | ({"timestamp": report.started_at} if report.started_at else {})
    attrs |= {key: str(counts[key]) for key in ("tests", *SUITE_COUNTS)}
    yield "\n  " + _open_tag("testsuite", attrs)
    scratch = ET.Element("testsuite")
    _properties(scratch, report)
    yield _indented(scratch[0], 2)
    for result in results:
        scratch = ET.Element("testsuite")
        _page_cases(scratch, result, fail_on)
        yield "".join(_indented(case, 2) for case in scratch)
    yield "\n  </testsuite>"


def _root_attrs(report: Report, tally: _Tally) -> dict[str, str]:
    total: Counter[str] = sum(tally.suites.values(), Counter())
    attrs = {"name": TOOL_NAME} | {key: str(total[key]) for key in ("tests", *ROOT_COUNTS)}
    return attrs | ({"time": time} if (time := _duration(report)) is not None else {})


class JunitFormatter(Formatter):
    name = "junit"

    def chunks(self, report: Report) -> Iterator[str]:
        """What `ET.indent` and `ET.tostring` would give for the whole tree, a page at a time;
        the counts, which come first, are tallied in a first pass."""
        fail_on = self.options.fail_on
        tally = _Tally.of(report, fail_on)
        yield '<?xml version="1.0" encoding="UTF-8"?>\n'
        root = _open_tag("testsuites", _root_attrs(report, tally))
        if not tally.suites:
            yield root[: -len(">")] + " />\n"
            return
        yield root
        for source, results in _by_source(report, tally):
            yield from _suite(report, source, results, tally.suites[source], fail_on)
        yield "\n</testsuites>\n"
