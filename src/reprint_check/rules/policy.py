"""Policies: license terms as data (`rules/*.toml`), validated with pydantic.

A built-in policy is named by its id (a file shipped inside the package); anything else is a path.
Every problem becomes one PolicyError line naming the file, the field and what is wrong.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reprint_check.rules.interface import PolicyError, RuleOptions
from reprint_check.rules.registry import RULES, options_for


class Publisher(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    names: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)
    from_source: bool = False


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9._-]*$")
    title: str
    version: str = "1"
    summary: str
    license: str | None = None
    license_url: str | None = None
    publisher: Publisher = Field(default_factory=Publisher)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)

    def options(self) -> dict[str, RuleOptions]:
        """Validated options of each enabled rule, in the registry's order."""
        out: dict[str, RuleOptions] = {}
        for rule_id in RULES:
            if rule_id in self.rules:
                opts = options_for(rule_id, self.rules[rule_id])
                if opts.enabled:
                    out[rule_id] = opts
        return out

    def summary_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "version": self.version,
            "summary": self.summary,
            "license_url": self.license_url,
            "rules": {k: v.model_dump() for k, v in self.options().items()},
        }


def _builtin_dir() -> Path:
    """Policies ship in the wheel as reprint_check/rules_data; a source checkout reads ./rules."""
    packaged = resources.files("reprint_check") / "rules_data"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "rules"


def builtin_policies() -> dict[str, Path]:
    folder = _builtin_dir()
    return {p.stem: p for p in sorted(folder.glob("*.toml"))} if folder.is_dir() else {}


def load_policy(name_or_path: str) -> Policy:
    builtin = builtin_policies()
    path = builtin.get(name_or_path) or Path(name_or_path)
    if not path.is_file():
        known = ", ".join(builtin) or "none"
        raise PolicyError(f"{name_or_path}: no such policy file or built-in policy (built-in: {known})")
    return parse_policy(path.read_bytes(), str(path))


def parse_policy(data: bytes, label: str) -> Policy:
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{label}: not valid TOML: {exc}") from exc
    try:
        policy = Policy.model_validate(raw)
    except ValidationError as exc:
        raise PolicyError(f"{label}: {_first_error(exc)}") from exc
    for rule_id, table in policy.rules.items():
        try:
            options_for(rule_id, table)
        except PolicyError as exc:
            # "nofollow: bad value" becomes "rules.backlink.nofollow: bad value"; "unknown rule" stays whole.
            sep = "." if str(exc).split(":", 1)[0].isidentifier() else ": "
            raise PolicyError(f"{label}: rules.{rule_id}{sep}{exc}") from exc
    return policy


def _first_error(exc: ValidationError) -> str:
    errors = exc.errors()
    err = errors[0]
    field = ".".join(str(p) for p in err["loc"]) or "(top level)"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return f"{field}: {err['msg']}{more}"
