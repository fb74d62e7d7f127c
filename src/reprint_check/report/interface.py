"""The report stage's shapes: the finished run (`Report`), the formatter bases, and the stage's error.

Formatters never print: they give the text in pieces (`chunks`, whose join is `format`, ending in
a newline) and only the CLI writes it to stdout or a file, so no report is held whole in memory.
A `StreamingFormatter` can also be fed one page at a time, so a long audit shows each verdict as
soon as the page is done.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Protocol

from reprint_check.models import PageResult, Summary
from reprint_check.report.spool import ResultSpool

FailOn = Literal["error", "warning", "never"]


class ReportError(Exception):
    """A report that cannot be produced, e.g. an unknown format name; the message is one line."""


class Results(Protocol):
    """A run's pages, in input order, iterable as often as needed: a `ResultSpool` or a tuple."""

    def __iter__(self) -> Iterator[PageResult]: ...

    def __len__(self) -> int: ...


@dataclass(frozen=True)
class Report:
    """One finished run: a `check` of one source or an `audit` of several.

    `policy` is the policy's summary dict (at least `id`, `version`, `title`); `sources` holds
    `SourceArticle.to_dict()` for each source, in the order they were given. `changes` is set
    for a `--new-only` run: what changed since the previous complete run (history's diff).
    `results` is usually a `ResultSpool` (a long run's pages stay on disk); the one who made
    the spool closes it once every report is written.
    """

    tool_version: str
    policy: Mapping[str, Any]
    sources: tuple[Mapping[str, Any], ...]
    results: Results
    started_at: str | None = None
    finished_at: str | None = None
    run_id: str | None = None
    changes: Mapping[str, Any] | None = None

    @property
    def summary(self) -> Summary:
        if isinstance(self.results, ResultSpool):
            return self.results.summary  # counted as pages arrived: no pass over the file
        return Summary.of(self.results)


@dataclass(frozen=True)
class FormatOptions:
    """Knobs the CLI sets once for whichever format was chosen.

    `color` is True only when writing to a terminal and NO_COLOR is unset (the CLI decides);
    `width` is the table's width in columns; `fail_on` mirrors the CLI's --fail-on so formats that
    carry a verdict of their own (JUnit) agree with the exit code.
    """

    color: bool = False
    width: int = 100
    fail_on: FailOn = "error"


class Formatter(ABC):
    """Turns a `Report` into text. Subclasses set `name` (the --format value)."""

    name: ClassVar[str]

    def __init__(self, options: FormatOptions | None = None) -> None:
        self.options = options or FormatOptions()

    @abstractmethod
    def chunks(self, report: Report) -> Iterator[str]:
        """The output for `report` in pieces, so a long report is written without being held."""

    def format(self, report: Report) -> str:
        """The whole output for `report`, ending in a newline."""
        return "".join(self.chunks(report))


class StreamingFormatter(Formatter):
    """A format that can be written a page at a time: header, one chunk per result, footer.

    `format()` is exactly `header + result... + footer`, so a streamed run and a batch run of the
    same report give the same bytes.
    """

    @abstractmethod
    def header(self, report: Report) -> str:
        """Written before any page is checked; only run metadata is read (`results` may be empty)."""

    @abstractmethod
    def result(self, result: PageResult) -> str:
        """Written as soon as one page is done."""

    @abstractmethod
    def footer(self, report: Report) -> str:
        """Written last, with the finished report."""

    def chunks(self, report: Report) -> Iterator[str]:
        yield self.header(report)
        yield from (self.result(r) for r in report.results)
        yield self.footer(report)
