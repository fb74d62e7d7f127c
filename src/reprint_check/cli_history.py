"""`history`: list recorded runs, render one again in any format, compare two.

Heavy modules are imported inside commands so `--help` stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reprint_check.cli_audit import Db, open_store
from reprint_check.cli_options import FailOn, Format, Output, fail, output_request

if TYPE_CHECKING:
    from reprint_check.history import HistoryStore

history_app = typer.Typer(help="Past runs: list, re-render, compare.", no_args_is_help=False)


@history_app.callback(invoke_without_command=True)
def history_list(
    ctx: typer.Context,
    audit_name: Annotated[str | None, typer.Option("--audit", help="Only this audit's runs.")] = None,
    last: Annotated[int, typer.Option("--last", help="How many runs, newest first.", min=1)] = 20,
    db: Db = None,
) -> None:
    """List recorded runs with their counts (newest first)."""
    if ctx.invoked_subcommand is not None:
        return
    from reprint_check.report.runs import runs_text

    with _reading(db) as store:
        typer.echo(runs_text(store.list_runs(audit_name, last)), nl=False)


@history_app.command("show")
def history_show(
    run_id: Annotated[str, typer.Argument(help="A run id (or its first characters).")],
    output_format: Format = None,
    output: Output = None,
    db: Db = None,
) -> None:
    """Render a stored run again, in any output format."""
    from reprint_check.cli_output import ReportWriter
    from reprint_check.history.recorder import stored_report

    writer = ReportWriter(output_request(output_format, output, FailOn.never))
    with _reading(db) as store:
        report = stored_report(store, store.resolve_run_id(run_id))
    writer.finish(report, 0)


@history_app.command("diff")
def history_diff(
    old: Annotated[str, typer.Argument(help="The earlier run.")],
    new: Annotated[str, typer.Argument(help="The later run.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the changes as JSON.")] = False,
    db: Db = None,
) -> None:
    """What changed from run OLD to run NEW: new violations, resolved, taken down, erroring."""
    import json

    from reprint_check.history import diff_runs
    from reprint_check.report.common import visible
    from reprint_check.report.runs import changes_text

    with _reading(db) as store:
        a, b = store.resolve_run_id(old), store.resolve_run_id(new)
        changes = diff_runs(store.load_results(a), store.load_results(b)).to_dict()
    if as_json:
        typer.echo(json.dumps({"old_run_id": a, "new_run_id": b, **changes}, ensure_ascii=False, indent=2))
    else:
        typer.echo(visible(changes_text(changes, since=a)), nl=False)


@contextmanager
def _reading(db: Path | None) -> Iterator[HistoryStore]:
    from reprint_check.history import HistoryError, default_history_path

    path = db or default_history_path()
    if not path.exists():  # reading must not create an empty database at a mistyped path
        raise fail(f"{path}: no history database here (runs are recorded by check and audit)")
    store = open_store(path)
    try:
        yield store
    except HistoryError as exc:
        raise fail(str(exc)) from None
    finally:
        store.close()
