"""`--format csv`: one row per (page, rule) for spreadsheets.

Columns: url, final_url, page_status, rule, finding_status, severity, message, evidence. `evidence`
is the first evidence item in one line (what, snippet, link or media URL, and where). A page with
no findings (error, not_found) gets one row with an empty rule and its reason as the message.
Quoting and line endings are the csv module's defaults (RFC 4180), so spreadsheets and
`csv.reader` read it back exactly, with one exception: a cell that starts with `=`, `+`, `-`, `@`,
tab or carriage return gets a leading `'`, because snippets come from untrusted pages and a
spreadsheet would run them as formulas.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from io import StringIO

from reprint_check.models import Finding, PageResult
from reprint_check.report.common import evidence_text
from reprint_check.report.interface import Formatter, Report

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = ("url", "final_url", "page_status", "rule", "finding_status", "severity", "message", "evidence")


def defuse(cell: str) -> str:
    """Keep a spreadsheet from reading page text as a formula (OWASP's CSV injection advice)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _finding_row(result: PageResult, finding: Finding) -> list[str]:
    first = evidence_text(finding.evidence[0]) if finding.evidence else ""
    page = [result.url, result.final_url or "", result.status]
    return [*page, finding.rule, finding.status, finding.severity, finding.message, first]


def rows(result: PageResult) -> Iterator[list[str]]:
    if not result.findings:
        yield [result.url, result.final_url or "", result.status, "", "", "", result.reason or "", ""]
    for finding in result.findings:
        yield _finding_row(result, finding)


class CsvFormatter(Formatter):
    name = "csv"

    def chunks(self, report: Report) -> Iterator[str]:
        out = StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for result in report.results:
            writer.writerows([defuse(cell) for cell in row] for row in rows(result))
            yield _drain(out)
        yield _drain(out)


def _drain(out: StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text
