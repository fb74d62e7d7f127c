"""The audit file's shape as pydantic models: types, ranges and unknown keys, nothing on disk.

Strict mode so TOML's own types are kept (`concurrency = "16"` or `= true` is an error, not a
silent conversion); floats still accept integers (`timeout = 20`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class DefaultsTable(_Table):
    policy: str | None = Field(default=None, min_length=1)
    concurrency: int = Field(default=16, ge=1)
    per_host: int = Field(default=2, ge=1)
    host_interval: float = Field(default=0.5, ge=0)
    timeout: float = Field(default=20.0, gt=0)
    max_bytes: int = Field(default=5_000_000, ge=1)
    max_image_bytes: int = Field(default=10_000_000, ge=1)
    retries: int = Field(default=3, ge=0)
    max_redirects: int = Field(default=10, ge=0)
    fail_on: Literal["error", "warning", "never"] = "error"
    ignore_robots: bool = False
    user_agent: str | None = Field(default=None, min_length=1)


class SourceTable(_Table):
    url: str = Field(min_length=1)
    policy: str | None = Field(default=None, min_length=1)
    copies: list[str] = Field(default_factory=list)
    copies_from: str | None = Field(default=None, min_length=1)


class CopiesCsvTable(_Table):
    path: str = Field(min_length=1)
    policy: str | None = Field(default=None, min_length=1)


class AuditFile(_Table):
    name: str | None = Field(default=None, min_length=1)
    defaults: DefaultsTable = Field(default_factory=DefaultsTable)
    sources: list[SourceTable] = Field(default_factory=list)
    copies_csv: list[CopiesCsvTable] = Field(default_factory=list)
