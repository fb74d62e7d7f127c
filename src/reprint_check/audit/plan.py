"""What a loaded audit file means: plain frozen dataclasses the CLI maps onto its own settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

FailOn = Literal["error", "warning", "never"]


class AuditConfigError(Exception):
    """An audit file (or a list/CSV it names) that cannot be used.

    `problems` holds one line per problem, each `FILE:LINE: FIELD: what is wrong`;
    the message is those lines joined, so printing the error shows all of them.
    """

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[str, ...] = problems or (message,)


@dataclass(frozen=True)
class AuditSettings:
    """The `[defaults]` run settings, with the documented defaults filled in."""

    concurrency: int = 16
    per_host: int = 2
    host_interval: float = 0.5
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_image_bytes: int = 10_000_000
    retries: int = 3
    max_redirects: int = 10
    fail_on: FailOn = "error"
    ignore_robots: bool = False
    user_agent: str | None = None


@dataclass(frozen=True)
class AuditSource:
    """One source article and the copies to check against it.

    `url` and each copy are an http(s) URL or an absolute path to a local HTML file;
    `policy` is a policy name or an absolute path to a policy file.
    """

    url: str
    policy: str
    copies: tuple[str, ...]


@dataclass(frozen=True)
class AuditPlan:
    """A whole audit: its name (the key run history is filed under), settings and sources."""

    name: str
    path: Path
    settings: AuditSettings
    default_policy: str | None
    sources: tuple[AuditSource, ...]

    @property
    def copy_count(self) -> int:
        return sum(len(s.copies) for s in self.sources)

    @property
    def policies(self) -> tuple[str, ...]:
        """Distinct policies in first-use order, so each is loaded once."""
        return tuple(dict.fromkeys(s.policy for s in self.sources))
