"""`--format table` (the default at a terminal): an overview table, then the evidence a person needs.

    page                    status  coverage  credit  backlink
    https://copy.example/a  fail    87%       ✗       ✓

Then, for each page with a warn or fail finding, its messages and evidence (pass and skip show
only as a glyph); error and not_found pages with their reason; and a summary line. Rendered by
rich into a string; colour only when `FormatOptions.color` is set.
"""

from __future__ import annotations

from io import StringIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from reprint_check.models import Finding, PageResult, PageStatus
from reprint_check.report.common import (
    GLYPHS,
    coverage_text,
    evidence_text,
    finding_for,
    notable_findings,
    reason_text,
    rule_ids,
    summary_line,
)
from reprint_check.report.interface import Formatter, Report

STATUS_STYLES: dict[str, str] = {
    "pass": "green",
    "warn": "yellow",
    "fail": "bold red",
    "skip": "dim",
    "not_found": "magenta",
    "error": "red",
}

_UNJUDGED: tuple[PageStatus, ...] = ("not_found", "error")


def _status(status: str, label: str | None = None) -> Text:
    return Text(label or status, style=STATUS_STYLES.get(status, ""))


def _cell(finding: Finding | None) -> Text:
    return _status(finding.status, GLYPHS[finding.status]) if finding else Text("")


def overview(report: Report) -> Table:
    rules = rule_ids(report.results)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    # URLs fold rather than truncate: people copy them from the terminal.
    table.add_column("page", overflow="fold")
    table.add_column("status", no_wrap=True)
    table.add_column("coverage", justify="right", no_wrap=True)
    for rule in rules:
        table.add_column(rule, justify="center", no_wrap=True)
    for r in report.results:
        cells = [_cell(finding_for(r, rule)) for rule in rules]
        table.add_row(Text(r.url), _status(r.status), Text(coverage_text(r)), *cells)
    return table


def finding_lines(finding: Finding) -> list[Text]:
    head = Text("  ")
    head.append(f"{GLYPHS[finding.status]} {finding.rule}", style=STATUS_STYLES[finding.status])
    head.append(f" ({finding.severity}): {finding.message}")
    return [head, *(Text(f"      {evidence_text(ev)}") for ev in finding.evidence)]


def page_details(result: PageResult) -> list[Text]:
    """What a reader must look at on one page; empty for a page with nothing to act on."""
    if result.status in _UNJUDGED:
        line = Text(f"{result.url}  ")
        line.append(result.status, style=STATUS_STYLES[result.status])
        line.append(f": {reason_text(result)}")
        return [line]
    findings = notable_findings(result)
    if not findings:
        return []
    head = Text(f"{result.url}  ").append(_status(result.status))
    return [head, *(line for f in findings for line in finding_lines(f))]


class TableFormatter(Formatter):
    name = "table"

    def _console(self) -> Console:
        color = self.options.color
        # Every setting explicit, so neither the environment nor the real terminal changes output.
        return Console(
            file=StringIO(),
            force_terminal=color,
            color_system="standard" if color else None,
            no_color=not color,
            width=self.options.width,
            highlight=False,
            emoji=False,
            markup=False,
            legacy_windows=False,
        )

    def format(self, report: Report) -> str:
        console = self._console()
        if report.results:
            console.print(overview(report))
        for r in report.results:
            for line in page_details(r):
                console.print(line)
        console.print(Text(summary_line(report.summary), style="bold"))
        out = console.file
        assert isinstance(out, StringIO)
        return out.getvalue()
