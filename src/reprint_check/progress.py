"""Progress on stderr, only when stderr is a terminal: cron and pipes stay silent."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

from reprint_check.models import PageResult


class Progress:
    def __init__(self, total: int, *, enabled: bool = True) -> None:
        self.total = total
        self.enabled = enabled and sys.stderr.isatty()
        self.failures = 0
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("checking"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[failures]} failing · {task.fields[host]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("pages", total=self.total, failures=0, host="")
        return self

    def advance(self, result: PageResult) -> None:
        if result.status == "fail":
            self.failures += 1
        if self._bar is not None:
            from urllib.parse import urlsplit

            host = urlsplit(result.url).hostname or ""
            self._bar.update(self._task, advance=1, failures=self.failures, host=host)

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(exc_type, exc, tb)
