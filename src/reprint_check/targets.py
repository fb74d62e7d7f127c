"""What the user named on the command line: an http(s) URL, or a path to a local HTML file.

Local paths become file:// URLs, and their folders are the only places the local reader may open
(so a saved page's own images load, but no page can reach elsewhere on disk).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from reprint_check.fetch.local import to_file_url


class InputError(Exception):
    """A command-line input that cannot be used (exit 2)."""


@dataclass
class Targets:
    """Turns inputs into fetchable URLs and remembers which local folders were named."""

    roots: list[Path] = field(default_factory=list)

    def url(self, value: str) -> str:
        value = value.strip()
        try:
            scheme = urlsplit(value).scheme.lower()
        except ValueError:
            return value  # a malformed URL (`http://[::1/`): the fetcher reports it as that page's error
        if scheme in ("http", "https"):
            return value
        if len(scheme) > 1 and "://" in value:
            return value  # an unsupported scheme: the fetcher reports it as that page's error
        path = _expand(value)
        if _is_file(path):
            resolved = path.resolve()
            if resolved.parent not in self.roots:
                self.roots.append(resolved.parent)
            return to_file_url(resolved)
        return value  # neither: the page's error says it is no URL and no file


def _expand(value: str) -> Path:
    """`~/x` as a home path; `~nosuchuser/x` stays as written (and then names no file)."""
    try:
        return Path(value).expanduser()
    except RuntimeError:
        return Path(value)


def _is_file(path: Path) -> bool:
    """Whether `path` names something on disk; a name too long or with a NUL in it names nothing."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def read_url_list(source: str) -> list[str]:
    """URLs from a file (or `-` for stdin), one per line; blank lines and # comments skipped."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{source}: cannot read the URL list: {exc}") from exc
    return list(_lines(text.splitlines()))


def _lines(lines: Iterable[str]) -> Iterable[str]:
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            yield line
