"""The report stage's shapes: the finished run (`Report`), the formatter bases, and the stage's error.

Formatters never print: they return the whole text (ending in a newline) and only the CLI writes
it to stdout or a file. A `StreamingFormatter` can also be fed one page at a time, so a long
audit shows each verdict as soon as the page is done.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from reprint_check.models import PageResult, Summary

FailOn = Literal["error", "warning", "never"]


class ReportError(Exception):
    """A report that cannot be produced, e.g. an unknown format name; the message is one line."""


@dataclass(frozen=True)
class Report:
    """One finished run: a `check` of one source or an `audit` of several.

    `policy` is the policy's summary dict (at least `id`, `version`, `title`); `sources` holds
    `SourceArticle.to_dict()` for each source, in the order they were given. `changes` is set
    for a `--new-only` run: what changed since the previous complete run (history's diff).
    """

    tool_version: str
    policy: Mapping[str, Any]
    sources: tuple[Mapping[str, Any], ...]
    results: tuple[PageResult, ...]
    started_at: str | None = None
    finished_at: str | None = None
    run_id: str | None = None
    changes: Mapping[str, Any] | None = None

    @property
    def summary(self) -> Summary:
        return Summary.of(list(self.results))


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
    def format(self, report: Report) -> str:
        """The whole output for `report`, ending in a newline."""


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

    def format(self, report: Report) -> str:
        body = "".join(self.result(r) for r in report.results)
        return self.header(report) + body + self.footer(report)
