"""Flags shared by `check` and `audit`, and the one place they become stage settings.

Only typer and the standard library are imported here, so `--help` stays fast.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reprint_check import TOOL_NAME

if TYPE_CHECKING:
    from reprint_check.fetch.settings import FetchSettings

EXIT_USAGE = 2
FORMAT_NAMES = ("table", "json", "jsonl", "csv", "markdown", "junit", "sarif")


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


# Annotated aliases keep each command's signature short; typer reads them like inline options.
Timeout = Annotated[float, typer.Option(help="Deadline in seconds for each page, retries included.", min=0.1)]
Concurrency = Annotated[int, typer.Option(help="Pages in flight at once, across all hosts.", min=1)]
PerHost = Annotated[int, typer.Option("--per-host", help="Requests in flight to one host.", min=1)]
HostInterval = Annotated[float, typer.Option(help="Minimum seconds between two requests to one host.", min=0)]
MaxBytes = Annotated[int, typer.Option(help="Cap on bytes read per page, after decompression.", min=1024)]
MaxImageBytes = Annotated[
    int, typer.Option(help="Cap on bytes read per image download, after decompression.", min=1024)
]
Retries = Annotated[
    int, typer.Option(help="Further tries after a network error, timeout, 429 or 502-504.", min=0)
]
MaxRedirects = Annotated[int, typer.Option(help="Redirects followed per page before giving up.", min=0)]
IgnoreRobots = Annotated[bool, typer.Option("--ignore-robots", help="Fetch pages robots.txt disallows.")]
UserAgent = Annotated[str | None, typer.Option(help="User-Agent header (default names the tool).")]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Do not use or fill the HTTP cache.")]
CacheDir = Annotated[Path | None, typer.Option(help="HTTP cache folder (default: user cache dir).")]
Format = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help=f"{'|'.join(FORMAT_NAMES)} (default: table on a terminal, else json)."
    ),
]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here, not stdout.")]
FailOnOpt = Annotated[FailOn, typer.Option(help="Which findings make the exit code 1.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or notes on stderr.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Log details on stderr.")]


def _extra_output(fmt: str) -> object:
    return typer.Option(
        f"--{fmt}-output", help=f"Also write the {fmt} report to this file.", show_default=False
    )


JsonOutput = Annotated[Path | None, _extra_output("json")]
JsonlOutput = Annotated[Path | None, _extra_output("jsonl")]
CsvOutput = Annotated[Path | None, _extra_output("csv")]
MarkdownOutput = Annotated[Path | None, _extra_output("markdown")]
JunitOutput = Annotated[Path | None, _extra_output("junit")]
SarifOutput = Annotated[Path | None, _extra_output("sarif")]


@dataclass(frozen=True)
class OutputRequest:
    """Where each report goes: the main format (stdout unless `output`) plus extra FORMAT -> file."""

    fmt: str | None
    output: Path | None
    extra: dict[str, Path]
    fail_on: str


def output_request(
    fmt: str | None, output: Path | None, fail_on: FailOn, **extra: Path | None
) -> OutputRequest:
    """`extra` keys are `json_output`, `sarif_output`, ... as typer names the --X-output flags."""
    files = {key.removesuffix("_output"): path for key, path in extra.items() if path is not None}
    return OutputRequest(fmt=fmt, output=output, extra=files, fail_on=fail_on.value)


# Flags that `check` and `audit` hand on as a group, by parameter name (an audit file's [defaults] may
# set the fetch ones too).
FETCH_FLAGS = (
    "timeout",
    "concurrency",
    "per_host",
    "host_interval",
    "max_bytes",
    "max_image_bytes",
    "retries",
    "max_redirects",
    "ignore_robots",
    "user_agent",
)
EXTRA_OUTPUTS = tuple(f"{fmt}_output" for fmt in FORMAT_NAMES if fmt != "table")


def pick(flags: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The named flags out of a command's `locals()`."""
    return {name: flags[name] for name in names}


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print one `reprint-check: error: ...` line; the caller raises the returned Exit."""
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
    max_image_bytes: int | None = None,
    retries: int | None = None,
    max_redirects: int | None = None,
) -> FetchSettings:
    """The fetch stage's settings from the flags; a flag left at None keeps the stage's default."""
    from reprint_check.fetch.settings import FetchSettings, default_user_agent

    optional = {"max_image_bytes": max_image_bytes, "retries": retries, "max_redirects": max_redirects}
    return FetchSettings(
        timeout=timeout,
        concurrency=concurrency,
        per_host=per_host,
        host_interval=host_interval,
        max_bytes=max_bytes,
        respect_robots=not ignore_robots,
        use_cache=not no_cache,
        cache_dir=cache_dir,
        user_agent=user_agent or default_user_agent(),
        **{name: value for name, value in optional.items() if value is not None},
    )


def configure_logging(*, quiet: bool, verbose: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING
    logging.basicConfig(level=level, format=f"{TOOL_NAME}: %(levelname)s: %(message)s", stream=sys.stderr)
