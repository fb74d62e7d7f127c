"""`audit`: scheduled runs over an audit file, and the history recording shared with `check`.

Heavy modules are imported inside commands so `--help` stays fast. The recording flow in
`run_recorded` is shared with `check`, so both keep history the same way.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reprint_check.cli_options import (
    EXTRA_OUTPUTS,
    FETCH_FLAGS,
    CacheDir,
    Concurrency,
    CsvOutput,
    FailOn,
    FailOnOpt,
    Format,
    HostInterval,
    IgnoreRobots,
    JsonlOutput,
    JsonOutput,
    JunitOutput,
    MarkdownOutput,
    MaxBytes,
    MaxImageBytes,
    MaxRedirects,
    NoCache,
    Output,
    PerHost,
    Quiet,
    Retries,
    SarifOutput,
    Timeout,
    UserAgent,
    Verbose,
    configure_logging,
    fail,
    fetch_settings,
    output_request,
    pick,
)

if TYPE_CHECKING:
    from reprint_check.audit import AuditPlan
    from reprint_check.cli_output import ReportWriter
    from reprint_check.history import HistoryStore
    from reprint_check.history.recorder import RunRecorder
    from reprint_check.models import PageResult
    from reprint_check.report import Report

Db = Annotated[Path | None, typer.Option("--db", help="History database (default: in the user data dir).")]
NoHistory = Annotated[bool, typer.Option("--no-history", help="Do not record this run.")]
NewOnly = Annotated[
    bool,
    typer.Option("--new-only", help="Report only what changed since the last complete run of this audit."),
]
EXIT_SIGTERM = 128 + signal.SIGTERM
EXIT_SIGINT = 128 + signal.SIGINT


@dataclass(frozen=True)
class HistoryRequest:
    db: Path | None
    enabled: bool = True
    new_only: bool = False


Run = Callable[[Callable[["Report"], None], Callable[["PageResult"], None]], "Report"]


def run_recorded(key: str, history: HistoryRequest, writer: ReportWriter, run: Run) -> int:
    """Run with each page recorded as it ends; a run stopped by a signal is closed as incomplete.

    A history database that cannot be written (locked by another run for too long, disk full)
    stops the run with one error line; the connection is closed however the run ends.
    """
    from reprint_check.history import HistoryError

    store = open_store(history.db) if history.enabled else None
    try:
        return _recorded(store, key, history.new_only, writer, run)
    except HistoryError as exc:
        raise fail(str(exc)) from None
    finally:
        if store is not None:
            store.close()


def _recorded(store: HistoryStore | None, key: str, new_only: bool, writer: ReportWriter, run: Run) -> int:
    from reprint_check.cli_output import closing_results
    from reprint_check.history.recorder import RunRecorder, since_previous
    from reprint_check.report.exit_codes import exit_code

    recorder = RunRecorder(store, key) if store is not None else None
    run_id = recorder.run_id if recorder else None

    def started(head: Report) -> None:
        head = replace(head, run_id=run_id)
        if recorder is not None:
            recorder.started(head)
        writer.start(head)

    def finished(result: PageResult) -> None:
        if recorder is not None:
            recorder.record(result)
        writer.add(result)

    with _signals_exit():
        try:
            report = replace(run(started, finished), run_id=run_id)
        except BaseException:
            if recorder is not None:
                _abandon(recorder)
            raise
    with closing_results(report):
        if recorder is None or store is None:
            return writer.finish(report)
        recorder.finish()
        if not new_only:
            return writer.finish(report)
        # The diff compares whole runs, so --new-only reads this run's pages into memory.
        cut = since_previous(store, key, recorder.run_id, list(report.results))
    report = replace(report, results=tuple(cut.results), changes=cut.changes())
    return writer.finish(report, exit_code(report.results, writer.fail_on))  # type: ignore[arg-type]


def _abandon(recorder: RunRecorder) -> None:
    """Mark a stopped run incomplete without hiding why it stopped: if the database refuses too,
    the run still reads as incomplete once this process is gone, so a note is enough."""
    from reprint_check.history import HistoryError

    try:
        recorder.abandon()
    except HistoryError as exc:
        logging.getLogger(__name__).warning("could not mark the run incomplete: %s", exc)


def check_key(source: str) -> str:
    """History key of a `check` run: its source, local files by absolute path (any folder)."""
    from reprint_check.targets import Targets

    return f"check {Targets().url(source)}"


def open_store(db: Path | None) -> HistoryStore:
    from reprint_check.history import HistoryError, HistoryStore

    try:
        return HistoryStore(db)
    except HistoryError as exc:
        raise fail(str(exc)) from None


@contextmanager
def _signals_exit() -> Iterator[None]:
    """SIGTERM becomes SystemExit, so the run unwinds (and is marked incomplete) like on Ctrl-C."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(EXIT_SIGTERM)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    except KeyboardInterrupt:
        raise fail("interrupted; finished pages are kept in history", EXIT_SIGINT) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def audit(
    ctx: typer.Context,
    audit_file: Annotated[Path, typer.Argument(help="The audit file (TOML).")],
    db: Db = None,
    no_history: NoHistory = False,
    new_only: NewOnly = False,
    output_format: Format = None,
    output: Output = None,
    json_output: JsonOutput = None,
    jsonl_output: JsonlOutput = None,
    csv_output: CsvOutput = None,
    markdown_output: MarkdownOutput = None,
    junit_output: JunitOutput = None,
    sarif_output: SarifOutput = None,
    fail_on: FailOnOpt = FailOn.error,
    timeout: Timeout = 20.0,
    concurrency: Concurrency = 16,
    per_host: PerHost = 2,
    host_interval: HostInterval = 0.5,
    max_bytes: MaxBytes = 5_000_000,
    max_image_bytes: MaxImageBytes = 10_000_000,
    retries: Retries = 3,
    max_redirects: MaxRedirects = 10,
    ignore_robots: IgnoreRobots = False,
    user_agent: UserAgent = None,
    no_cache: NoCache = False,
    cache_dir: CacheDir = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Check every source and copy an AUDIT_FILE lists; flags given here override the file's defaults."""
    flags = locals()
    from reprint_check.audit import AuditConfigError, load_audit
    from reprint_check.audit.run import AuditHooks, AuditRunError, run_audit
    from reprint_check.cli_output import ReportWriter

    configure_logging(quiet=quiet, verbose=verbose)
    try:
        plan = load_audit(audit_file)
    except AuditConfigError as exc:
        raise fail(str(exc)) from None
    given = _settings(ctx, plan, flags)
    settings = fetch_settings(**pick(given, FETCH_FLAGS), no_cache=no_cache, cache_dir=cache_dir)
    outputs = output_request(output_format, output, FailOn(given["fail_on"]), **pick(flags, EXTRA_OUTPUTS))
    writer = ReportWriter(outputs, quiet=quiet, stream=not new_only)
    history = HistoryRequest(db, enabled=not no_history, new_only=new_only)

    def run(on_start: Callable[[Report], None], on_result: Callable[[PageResult], None]) -> Report:
        return run_audit(plan, settings, AuditHooks(on_start, on_result, progress=not quiet))

    try:
        code = run_recorded(plan.name, history, writer, run)
    except AuditRunError as exc:
        raise fail(str(exc)) from None
    raise typer.Exit(code)


def _settings(ctx: typer.Context, plan: AuditPlan, flags: dict[str, Any]) -> dict[str, Any]:
    """Each setting from the command line when given there, else from the audit file's [defaults]."""
    from_file = vars(plan.settings)
    chosen: dict[str, Any] = {}
    for name in (*FETCH_FLAGS, "fail_on"):
        source = ctx.get_parameter_source(name)
        typed = source is not None and source.name in ("COMMANDLINE", "ENVIRONMENT")
        value = flags[name] if typed else from_file[name]
        chosen[name] = value.value if isinstance(value, FailOn) else value
    return chosen
