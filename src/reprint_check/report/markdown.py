"""`--format markdown`: a report to paste into an issue, a wiki page or an email.

A title, the policy and sources, the summary line, a table of pages (one column per rule, cells
✓ pass, ! warn, ✗ fail, a dash for skip), then one section per failing or warning page with its findings
and evidence, and a list of the pages that could not be judged with their reasons. All page text is
escaped, so a `|` or `*` in a snippet cannot break the table or the emphasis; URLs are autolinks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from reprint_check import TOOL_NAME
from reprint_check.models import Finding, PageResult
from reprint_check.report.common import (
    GLYPHS,
    coverage_text,
    evidence_text,
    finding_for,
    notable_findings,
    one_line,
    reason_text,
    rule_ids,
    summary_line,
)
from reprint_check.report.interface import Formatter, Report

# What ends an autolink (controls, space, <, >) or a GFM table cell (|).
_LINK_BREAKERS = re.compile(r"[\x00-\x20<>|\x7f]")

# What can start inline markup, HTML or an entity, or end a GFM table cell. Our page text never
# begins a line (we write the list markers and headings), so block syntax needs no escaping.
_SPECIALS = re.compile(r"([\\`*_\[\]<>|~&])")


def escape(text: str) -> str:
    """Plain text that renders as itself inside a paragraph, list item or table cell."""
    return _SPECIALS.sub(r"\\\1", one_line(text))


# CommonMark's URI autolink starts with a scheme of 2 to 32 characters.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{1,31}:")


def link(url: str) -> str:
    """An autolink; characters that would end it or break a table are percent-encoded. An input
    with no scheme (a mistyped path) is escaped text, since `<…>` would be read as HTML."""
    if not _SCHEME.match(url):
        return escape(url)
    return "<" + _LINK_BREAKERS.sub(lambda m: f"%{ord(m.group()):02X}", url) + ">"


def _header(report: Report) -> list[str]:
    policy = report.policy
    lines = [
        f"# {TOOL_NAME} report",
        "",
        f"- Policy: {escape(str(policy['title']))} ({escape(str(policy['id']))}, "
        f"version {escape(str(policy['version']))})",
    ]
    lines += [f"- Source: {link(str(source['url']))}" for source in report.sources]
    when = f", {escape(report.started_at)}" if report.started_at else ""
    lines += [f"- Tool: {TOOL_NAME} {escape(report.tool_version)}{when}", ""]
    return [*lines, f"**{escape(summary_line(report.summary))}**", ""]


def _cell(result: PageResult, rule: str) -> str:
    finding = finding_for(result, rule)
    return GLYPHS[finding.status] if finding else ""


def _overview(report: Report) -> Iterator[str]:
    rules = rule_ids(report.results)
    head = ["Page", "Status", "Coverage", *(escape(rule) for rule in rules)]
    align = ["---", "---", "---:", *(":---:" for _ in rules)]
    rows = (
        [link(r.url), escape(r.status), coverage_text(r), *(_cell(r, rule) for rule in rules)]
        for r in report.results
    )
    yield from (f"| {' | '.join(row)} |" for row in (head, align, *rows))
    yield ""


def _finding(finding: Finding) -> list[str]:
    mark, rule = GLYPHS[finding.status], escape(finding.rule)
    head = f"- {mark} **{rule}** ({finding.severity}): {escape(finding.message)}"
    return [head, *(f"  - {escape(evidence_text(ev))}" for ev in finding.evidence)]


def _page_section(result: PageResult) -> list[str]:
    findings = notable_findings(result)
    if not findings:
        return []
    lines = [f"## {escape(result.status)}: {link(result.url)}", ""]
    return lines + [line for f in findings for line in _finding(f)] + [""]


def _unjudged(report: Report) -> Iterator[str]:
    counts = report.summary.counts
    if not counts["error"] + counts["not_found"]:
        return
    yield from ("## Pages not judged", "")
    for r in report.results:
        if r.status in ("error", "not_found"):
            yield f"- {link(r.url)} ({escape(r.status)}): {escape(reason_text(r))}"
    yield ""


def _lines(report: Report) -> Iterator[str]:
    yield from _header(report)
    if report.results:
        yield from _overview(report)
    for result in report.results:
        yield from _page_section(result)
    yield from _unjudged(report)


def _joined(lines: Iterable[str]) -> Iterator[str]:
    """`"\\n".join(lines).rstrip("\\n") + "\\n"`, a line at a time (trailing blank lines held back)."""
    blanks, first = 0, True
    for line in lines:
        if not line:
            blanks += 1
            continue
        yield ("" if first else "\n") + "\n" * blanks + line
        blanks, first = 0, False
    yield "\n"


class MarkdownFormatter(Formatter):
    name = "markdown"

    def chunks(self, report: Report) -> Iterator[str]:
        return _joined(_lines(report))
