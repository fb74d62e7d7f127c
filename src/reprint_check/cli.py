"""The command line: parse flags, wire the stages, write reports, choose the exit code.

Heavy modules (httpx, lxml, pydantic, imagehash) are imported inside commands so `--help` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from reprint_check import TOOL_NAME, __version__
from reprint_check.cli_audit import Db, NoHistory
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

app = typer.Typer(
    name=TOOL_NAME,
    help="Check that pages republishing an article keep the publisher's republication license.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"{TOOL_NAME} {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """reprint-check audits copies of an article against its republication license."""


@app.command()
def check(
    source: Annotated[str, typer.Argument(help="The source article: an http(s) URL or a local HTML file.")],
    copies: Annotated[
        list[str] | None, typer.Argument(help="Pages that republish it (URLs or files).")
    ] = None,
    urls_from: Annotated[
        str | None, typer.Option("--urls-from", help="More copy URLs, one per line ('-' = stdin).")
    ] = None,
    policy: Annotated[str, typer.Option(help="Built-in policy name or a policy file.")] = "cc-by-4.0",
    publisher_name: Annotated[
        list[str] | None,
        typer.Option("--publisher-name", help="A name that counts as credit (repeatable)."),
    ] = None,
    publisher_domain: Annotated[
        list[str] | None,
        typer.Option("--publisher-domain", help="A domain that counts as backlink (repeatable)."),
    ] = None,
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
    db: Db = None,
    no_history: NoHistory = False,
) -> None:
    """Check COPY pages of the SOURCE article against a license policy."""
    flags = locals()
    from reprint_check.cli_audit import HistoryRequest, check_key, run_recorded
    from reprint_check.cli_output import ReportWriter
    from reprint_check.models import PageResult
    from reprint_check.report import Report
    from reprint_check.runner import CheckRequest, RunError, run_check

    request = CheckRequest(
        source=source,
        copies=list(copies or []),
        urls_from=urls_from,
        policy=policy,
        names=list(publisher_name or []),
        domains=list(publisher_domain or []),
        settings=fetch_settings(**pick(flags, FETCH_FLAGS), no_cache=no_cache, cache_dir=cache_dir),
    )
    outputs = output_request(output_format, output, fail_on, **pick(flags, EXTRA_OUTPUTS))
    writer = ReportWriter(outputs, quiet=quiet)
    configure_logging(quiet=quiet, verbose=verbose)

    def run(on_start: Callable[[Report], None], on_result: Callable[[PageResult], None]) -> Report:
        return run_check(request, progress=not quiet, on_start=on_start, on_result=on_result)

    try:
        code = run_recorded(check_key(source), HistoryRequest(db, enabled=not no_history), writer, run)
    except RunError as exc:
        raise fail(str(exc)) from None
    raise typer.Exit(code)


@app.command()
def policies() -> None:
    """List the built-in policies with a one-line summary."""
    from reprint_check.rules.interface import PolicyError
    from reprint_check.rules.policy import builtin_policies, load_policy

    for name in builtin_policies():
        try:
            typer.echo(f"{name:<16} {load_policy(name).summary}")
        except PolicyError as exc:
            raise fail(str(exc)) from None


@app.command()
def schema() -> None:
    """Print the JSON Schema of the json output."""
    import json

    from reprint_check.report.schema import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


def main() -> None:
    app()


def _register_audit_commands() -> None:
    from reprint_check.cli_audit import audit
    from reprint_check.cli_history import history_app

    app.command()(audit)
    app.add_typer(history_app, name="history")


_register_audit_commands()
