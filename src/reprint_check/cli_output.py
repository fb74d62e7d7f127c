"""Writing reports: the only code that prints a formatter's text, to stdout or files.

Streaming formats (jsonl) are written a page at a time, so `| jq` sees results during a long run
and a killed run leaves every finished page in the file; the rest are written at the end, piece
by piece (`Formatter.chunks`), so no whole report is held in memory.

Quiet (`-q`, for cron, which mails whatever a job prints): the report meant for stdout is printed
only when the run exits non-zero (a violation, or a page that could not be checked), and then
all at once at the end; reports written to files (`--output`, `--FMT-output`) are always written.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reprint_check.cli_options import OutputRequest, fail

if TYPE_CHECKING:
    from reprint_check.models import PageResult
    from reprint_check.report import Formatter, Report


@dataclass
class _Job:
    formatter: Formatter
    path: Path | None
    stream: TextIO | None = None  # open while a streaming format is being written


class ReportWriter:
    """Render one run in every requested format; `finish()` returns the exit code."""

    def __init__(self, request: OutputRequest, *, quiet: bool = False, stream: bool = True) -> None:
        """`stream=False` writes streaming formats at the end too (a `--new-only` report is only
        known once the run is over)."""
        from reprint_check.report import FormatOptions, ReportError, get_formatter

        to_tty = sys.stdout.isatty() and request.output is None
        fmt = request.fmt or ("table" if to_tty else "json")
        color = to_tty and not os.environ.get("NO_COLOR")  # set and not empty, as no-color.org says
        width = shutil.get_terminal_size((100, 24)).columns if to_tty else 100
        self.fail_on = request.fail_on
        self.quiet = quiet
        self.stream = stream
        try:
            main = get_formatter(fmt, FormatOptions(color=color, width=width, fail_on=request.fail_on))  # type: ignore[arg-type]
            extra = [
                _Job(get_formatter(name, FormatOptions(fail_on=request.fail_on)), path)  # type: ignore[arg-type]
                for name, path in request.extra.items()
            ]
        except ReportError as exc:
            raise fail(str(exc)) from None
        self.jobs = [_Job(main, request.output), *extra]

    def start(self, head: Report) -> None:
        """Called once the source is known and before any page is checked."""
        from reprint_check.report import StreamingFormatter

        for job in self.jobs:
            if not self.stream or (self.quiet and job.path is None):
                continue
            if isinstance(job.formatter, StreamingFormatter):
                job.stream = sys.stdout if job.path is None else _open(job.path)
                _emit(job.stream, job.formatter.header(head))

    def add(self, result: PageResult) -> None:
        from reprint_check.report import StreamingFormatter

        for job in self.jobs:
            if job.stream is not None and isinstance(job.formatter, StreamingFormatter):
                _emit(job.stream, job.formatter.result(result))

    def finish(self, report: Report, code: int | None = None) -> int:
        """Write what is left; return `code`, or else the exit code the report's pages call for."""
        from reprint_check.report import StreamingFormatter
        from reprint_check.report.exit_codes import summary_exit_code

        if code is None:
            code = summary_exit_code(report.summary, self.fail_on)  # type: ignore[arg-type]
        for job in self.jobs:
            if job.stream is not None and isinstance(job.formatter, StreamingFormatter):
                _emit(job.stream, job.formatter.footer(report))
                if job.stream is not sys.stdout:
                    job.stream.close()
            elif job.path is None:
                if not (self.quiet and code == 0):
                    _write_all(sys.stdout, job.formatter.chunks(report))
            else:
                _write_file(job.path, job.formatter.chunks(report))
        return code


@contextmanager
def closing_results(report: Report) -> Iterator[None]:
    """Remove a run's spooled pages once its reports are written (or writing them failed)."""
    from reprint_check.report.spool import ResultSpool

    try:
        yield
    finally:
        if isinstance(report.results, ResultSpool):
            report.results.close()


def _emit(stream: TextIO, text: str) -> None:
    stream.write(text if text.endswith("\n") else text + "\n")
    stream.flush()


def _open(path: Path) -> TextIO:
    try:
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        raise fail(f"{path}: cannot write the report: {exc.strerror}") from None


def _write_all(stream: TextIO, chunks: Iterable[str]) -> None:
    """Write `chunks` as they come, ending in a newline."""
    last = ""
    for chunk in chunks:
        if chunk:
            stream.write(chunk)
            last = chunk
    if not last.endswith("\n"):
        stream.write("\n")
    stream.flush()


def _write_file(path: Path, chunks: Iterable[str]) -> None:
    stream = _open(path)
    try:
        with stream:
            _write_all(stream, chunks)
    except OSError as exc:
        raise fail(f"{path}: cannot write the report: {exc.strerror}") from None
