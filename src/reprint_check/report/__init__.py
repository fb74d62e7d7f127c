"""The report stage: turns a finished run into text in the chosen format. It never writes.

`get_formatter(name, options).chunks(report)` is the text the CLI writes, in pieces (`format`
joins them), and `exit_code(report.results, fail_on)` the code it exits with. A run's pages wait
in a `ResultSpool` (report/spool.py) on disk, not in memory.
"""

from __future__ import annotations

from reprint_check.report.exit_codes import exit_code
from reprint_check.report.interface import (
    FailOn,
    FormatOptions,
    Formatter,
    Report,
    ReportError,
    StreamingFormatter,
)
from reprint_check.report.registry import FORMATS, get_formatter
from reprint_check.report.schema import json_schema

__all__ = [
    "FORMATS",
    "FailOn",
    "FormatOptions",
    "Formatter",
    "Report",
    "ReportError",
    "StreamingFormatter",
    "exit_code",
    "get_formatter",
    "json_schema",
]
