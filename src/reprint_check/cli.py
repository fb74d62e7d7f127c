"""The command line: parse flags, wire the stages, write reports, choose the exit code.

Heavy modules (httpx, lxml, pydantic, imagehash) are imported inside commands so `--help` stays fast.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from reprint_check import TOOL_NAME, __version__

if TYPE_CHECKING:
    from reprint_check.fetch.settings import FetchSettings
    from reprint_check.report.interface import Report

app = typer.Typer(
    name=TOOL_NAME,
    help="Check that pages republishing an article keep the publisher's republication license.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_USAGE = 2


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


Timeout = Annotated[float, typer.Option(help="Deadline in seconds for each page (the whole download).", min=0.1)]
Concurrency = Annotated[int, typer.Option(help="Pages in flight at once, across all hosts.", min=1)]
PerHost = Annotated[int, typer.Option("--per-host", help="Requests in flight to one host.", min=1)]
HostInterval = Annotated[float, typer.Option(help="Minimum seconds between two requests to one host.", min=0)]
MaxBytes = Annotated[int, typer.Option(help="Cap on bytes read per page, after decompression.", min=1024)]
IgnoreRobots = Annotated[bool, typer.Option("--ignore-robots", help="Fetch pages robots.txt disallows.")]
UserAgent = Annotated[Optional[str], typer.Option(help="User-Agent header (default names the tool).")]  # noqa: UP045
NoCache = Annotated[bool, typer.Option("--no-cache", help="Do not use or fill the HTTP cache.")]
CacheDir = Annotated[Optional[Path], typer.Option(help="HTTP cache folder (default: user cache dir).")]  # noqa: UP045
Format = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--format", "-f", help="table|json|jsonl|csv|markdown|junit|sarif (default: table on a terminal, else json)."),
]
Output = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report here, not stdout.")]  # noqa: UP045
Also = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--also", help="Also write FORMAT=FILE (repeatable), e.g. --also sarif=run.sarif."),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or notes on stderr.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Log details on stderr.")]


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


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"{TOOL_NAME}: error: {message}", err=True)
    return typer.Exit(code)


def fetch_settings(
    *,
    timeout: float,
    concurrency: int,
    per_host: int,
    host_interval: float,
    max_bytes: int,
    ignore_robots: bool,
    user_agent: str | None,
    no_cache: bool,
    cache_dir: Path | None,
) -> FetchSettings:
    from reprint_check.fetch.settings import FetchSettings

    extra = {"user_agent": user_agent} if user_agent else {}
    return FetchSettings(
        timeout=timeout,
        concurrency=concurrency,
        per_host=per_host,
        host_interval=host_interval,
        max_bytes=max_bytes,
        respect_robots=not ignore_robots,
        use_cache=not no_cache,
        cache_dir=cache_dir,
        **extra,  # type: ignore[arg-type]
    )


@app.command()
def check(
    source: Annotated[str, typer.Argument(help="The source article: an http(s) URL or a local HTML file.")],
    copies: Annotated[Optional[list[str]], typer.Argument(help="Pages that republish it (URLs or files).")] = None,  # noqa: UP045
    urls_from: Annotated[
        Optional[str], typer.Option("--urls-from", help="More copy URLs, one per line ('-' = stdin).")  # noqa: UP045
    ] = None,
    policy: Annotated[str, typer.Option(help="Built-in policy name or a policy file.")] = "cc-by-4.0",
    publisher_name: Annotated[
        Optional[list[str]], typer.Option("--publisher-name", help="A name that counts as credit (repeatable).")  # noqa: UP045
    ] = None,
    publisher_domain: Annotated[
        Optional[list[str]], typer.Option("--publisher-domain", help="A domain that counts as backlink (repeatable).")  # noqa: UP045
    ] = None,
    output_format: Format = None,
    output: Output = None,
    also: Also = None,
    fail_on: Annotated[FailOn, typer.Option(help="Which findings make the exit code 1.")] = FailOn.error,
    timeout: Timeout = 20.0,
    concurrency: Concurrency = 16,
    per_host: PerHost = 2,
    host_interval: HostInterval = 0.5,
    max_bytes: MaxBytes = 5_000_000,
    ignore_robots: IgnoreRobots = False,
    user_agent: UserAgent = None,
    no_cache: NoCache = False,
    cache_dir: CacheDir = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Check COPY pages of the SOURCE article against a license policy."""
    from reprint_check.runner import CheckRequest, run_check

    request = CheckRequest(
        source=source,
        copies=list(copies or []),
        urls_from=urls_from,
        policy=policy,
        names=list(publisher_name or []),
        domains=list(publisher_domain or []),
        settings=fetch_settings(
            timeout=timeout,
            concurrency=concurrency,
            per_host=per_host,
            host_interval=host_interval,
            max_bytes=max_bytes,
            ignore_robots=ignore_robots,
            user_agent=user_agent,
            no_cache=no_cache,
            cache_dir=cache_dir,
        ),
    )
    _configure_logging(quiet=quiet, verbose=verbose)
    report = _or_exit(lambda: run_check(request, progress=not quiet))
    raise typer.Exit(_write_reports(report, output_format, output, also, fail_on.value))


def _or_exit(job: object) -> Report:
    from reprint_check.runner import RunError

    try:
        return job()  # type: ignore[operator, no-any-return]
    except RunError as exc:
        raise fail(str(exc)) from None


def _write_reports(report: Report, fmt: str | None, output: Path | None, also: list[str] | None, fail_on: str) -> int:
    from reprint_check.report import ReportError, exit_code, get_formatter

    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ and output is None
    fmt = fmt or ("table" if sys.stdout.isatty() and output is None else "json")
    jobs = [(fmt, output)] + [_parse_also(a) for a in also or []]
    try:
        rendered = [(get_formatter(name).format(report, color=color and out is None), out) for name, out in jobs]
    except ReportError as exc:
        raise fail(str(exc)) from None
    for text, out in rendered:
        if out is None:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
        else:
            _write_file(out, text)
    return exit_code(list(report.results), fail_on)  # type: ignore[arg-type]


def _parse_also(value: str) -> tuple[str, Path]:
    name, sep, path = value.partition("=")
    if not sep or not path:
        raise fail(f"--also takes FORMAT=FILE, got {value!r}")
    return name.strip(), Path(path)


def _write_file(path: Path, text: str) -> None:
    try:
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise fail(f"{path}: cannot write the report: {exc}") from None


def _configure_logging(*, quiet: bool, verbose: bool) -> None:
    import logging

    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, format=f"{TOOL_NAME}: %(levelname)s: %(message)s", stream=sys.stderr)


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
