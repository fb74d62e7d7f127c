"""Turn what a user wrote into a page address or a policy reference, relative to a folder."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

NOT_A_TARGET = "not an http(s) URL or existing file"
NOT_A_POLICY = "not a policy name or existing policy file"

_POLICY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_POLICY_SUFFIXES = (".toml", ".yaml", ".yml", ".json")


def shown_path(value: str, base: Path) -> Path:
    """The path as a person would recognise it in a message (relative to where they work)."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def resolve_target(value: str, base: Path) -> str | None:
    """An http(s) URL as written, or an existing local file as an absolute path; else None."""
    value = value.strip()
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() in ("http", "https"):
        ok = bool(parts.hostname) and not any(c.isspace() for c in value)
        return value if ok else None
    if "://" in value:
        return None  # another scheme (ftp://, file://): never a path
    path = shown_path(value, base)
    return str(path.resolve()) if path.is_file() else None


def resolve_policy(value: str, base: Path) -> str | None:
    """A policy name as written, or an existing policy file as an absolute path; else None.

    A value with a path separator or a policy-file suffix is a path; anything else is a name
    (`cc-by-nd-4.0`), which the rules stage looks up.
    """
    value = value.strip()
    looks_like_path = "/" in value or "\\" in value or value.lower().endswith(_POLICY_SUFFIXES)
    if not looks_like_path:
        return value if _POLICY_NAME.fullmatch(value) else None
    path = shown_path(value, base)
    return str(path.resolve()) if path.is_file() else None
