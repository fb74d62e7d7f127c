"""Format name -> formatter class: the one list the CLI's --format choices come from."""

from __future__ import annotations

from reprint_check.report.csv import CsvFormatter
from reprint_check.report.interface import FormatOptions, Formatter, ReportError
from reprint_check.report.json import JsonFormatter
from reprint_check.report.jsonl import JsonLinesFormatter
from reprint_check.report.junit import JunitFormatter
from reprint_check.report.markdown import MarkdownFormatter
from reprint_check.report.sarif import SarifFormatter
from reprint_check.report.table import TableFormatter

FORMATS: dict[str, type[Formatter]] = {
    cls.name: cls
    for cls in (
        TableFormatter,
        JsonFormatter,
        JsonLinesFormatter,
        CsvFormatter,
        MarkdownFormatter,
        JunitFormatter,
        SarifFormatter,
    )
}


def get_formatter(name: str, options: FormatOptions | None = None) -> Formatter:
    """A ready formatter for `name`; ReportError naming the valid formats when there is none."""
    try:
        cls = FORMATS[name]
    except KeyError:
        raise ReportError(f"unknown format {name!r}; choose one of: {', '.join(sorted(FORMATS))}") from None
    return cls(options)
