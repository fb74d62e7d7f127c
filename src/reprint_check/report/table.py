"""`--format table` (the default at a terminal): an overview table, then the evidence a person needs.

    page                    status  coverage  credit  backlink
    https://copy.example/a  fail    87%       ✗       ✓

Then, for each page with a warn or fail finding, its messages and evidence (pass and skip show
only as a glyph); error and not_found pages with their reason; and a summary line. Rendered by
rich into a string; colour only when `FormatOptions.color` is set. Control characters in page
text (escape sequences, bidi overrides) are shown escaped, so a page cannot drive the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

from rich import box
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from reprint_check.models import Finding, PageResult, PageStatus
from reprint_check.report.common import (
    GLYPHS,
    RULE_LABELS,
    coverage_text,
    evidence_text,
    finding_for,
    notable_findings,
    one_line,
    reason_text,
    rule_ids,
    shorten_middle,
    summary_line,
    visible,
)
from reprint_check.report.interface import Formatter, Report
from reprint_check.report.runs import changes_text

STATUS_STYLES: dict[str, str] = {
    "pass": "green",
    "warn": "yellow",
    "fail": "bold red",
    "skip": "dim",
    "not_found": "magenta",
    "error": "red",
}

_UNJUDGED: tuple[PageStatus, ...] = ("not_found", "error")
PAGE_MIN_WIDTH = 24


def _status(status: str, label: str | None = None) -> Text:
    return Text(label or status, style=STATUS_STYLES.get(status, ""))


def _cell(finding: Finding | None) -> Text:
    return _status(finding.status, GLYPHS[finding.status]) if finding else Text("")


def _others_width(rules: list[str]) -> int:
    """Columns taken by everything but the page column (2 padding + 1 gap each)."""
    labels = ["not_found", "coverage", *(RULE_LABELS.get(rule, rule) for rule in rules)]
    return sum(len(label) + 3 for label in labels)


def _fitting_rules(rules: list[str], width: int) -> list[str]:
    """The rule columns, or none when they would squeeze the page column below a readable width
    (the details below the table still name every rule that warned or failed)."""
    return rules if PAGE_MIN_WIDTH + _others_width(rules) <= width else []


def overview(report: Report, width: int) -> Table:
    rules = _fitting_rules(rule_ids(report.results), width)
    page_width = max(PAGE_MIN_WIDTH, width - _others_width(rules))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    # One line per page: long URLs lose their middle, never their end; the details below the
    # table print each page's full URL for copying.
    table.add_column("page", no_wrap=True, max_width=page_width)
    table.add_column("status", no_wrap=True)
    table.add_column("coverage", justify="right", no_wrap=True)
    for rule in rules:
        table.add_column(RULE_LABELS.get(rule, rule), justify="center", no_wrap=True)
    for r in report.results:
        cells = [_cell(finding_for(r, rule)) for rule in rules]
        table.add_row(
            Text(shorten_middle(visible(r.url), page_width)),
            _status(r.status),
            Text(coverage_text(r)),
            *cells,
        )
    return table


def _indented(text: Text, spaces: int) -> Padding:
    # Padding keeps wrapped lines under their first line instead of at the left margin.
    return Padding(text, (0, 0, 0, spaces))


def finding_lines(finding: Finding) -> list[RenderableType]:
    head = Text(f"{GLYPHS[finding.status]} {visible(finding.rule)}", style=STATUS_STYLES[finding.status])
    head.append(f" ({finding.severity}): {visible(one_line(finding.message))}", style="")
    evidence = [_indented(Text(visible(evidence_text(ev))), 6) for ev in finding.evidence]
    return [_indented(head, 2), *evidence]


def page_details(result: PageResult) -> list[RenderableType]:
    """What a reader must look at on one page; empty for a page with nothing to act on."""
    head = Text(f"{visible(result.url)}  ").append(_status(result.status))
    if result.status in _UNJUDGED:
        return [head.append(f": {visible(reason_text(result))}")]
    findings = notable_findings(result)
    if not findings:
        return []
    return [head, *(line for f in findings for line in finding_lines(f))]


def run_header(report: Report) -> Text:
    policy = report.policy
    line = f"Policy: {policy.get('title')} ({policy.get('id')}, version {policy.get('version')})"
    if len(report.sources) == 1:
        return Text(visible(f"{line}\nSource: {report.sources[0].get('url')}"))
    return Text(visible(f"{line}\nSources: {len(report.sources)}"))


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

    def chunks(self, report: Report) -> Iterator[str]:
        console = self._console()
        for i, block in enumerate(self._blocks(report)):
            if i:
                console.print()
            console.print(*block, sep="\n")
            yield _drain(console)

    def _blocks(self, report: Report) -> Iterator[list[RenderableType]]:
        """The header, the overview (built whole: rich sizes columns from every row), each page's
        details one at a time, the changes and the summary line."""
        yield [run_header(report)]
        if report.results:
            yield [overview(report, self.options.width)]
        yield from (details for r in report.results if (details := page_details(r)))
        if report.changes is not None:
            yield [Text(visible(changes_text(report.changes).rstrip("\n")))]
        yield [Text(summary_line(report.summary), style="bold")]


def _drain(console: Console) -> str:
    """What `console` printed since the last drain; every print ends a line, so lines stay whole."""
    out = console.file
    assert isinstance(out, StringIO)
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    # rich pads every line to the full width; trailing blanks only get in the way of a pipe.
    return "".join(line.rstrip() + "\n" for line in text.splitlines())
