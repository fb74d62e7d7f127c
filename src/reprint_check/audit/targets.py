"""Turn what a user wrote into a page address or a policy reference, relative to a folder."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from urllib.parse import urlsplit

NOT_A_TARGET = "not an http(s) URL or existing file"
NOT_A_POLICY = "not a built-in policy or existing policy file"


def shown_path(value: str, base: Path) -> Path:
    """The path as a person would recognise it in a message (relative to where they work).

    `~` and `~user` are expanded; one that names no known home folder is kept as written.
    """
    try:
        path = Path(value).expanduser()
    except RuntimeError:  # no such user, or no home folder: kept as written, so it is not found
        path = Path(value)
    return path if path.is_absolute() else base / path


def resolve_target(value: str, base: Path) -> str | None:
    """An http(s) URL as written, or an existing local file as an absolute path; else None."""
    value = value.strip()
    if not value:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    if parts.scheme.lower() in ("http", "https"):
        ok = bool(parts.hostname) and not any(c.isspace() for c in value)
        return value if ok else None
    if "://" in value:
        return None  # another scheme (ftp://, file://): never a path
    path = shown_path(value, base)
    return str(path.resolve()) if path.is_file() else None


def resolve_policy(value: str, base: Path, builtin: Collection[str]) -> str | None:
    """A built-in policy name as written, or an existing policy file as an absolute path; else None.

    Names win over files, as in the rules stage's `load_policy`, so both read a value alike.
    """
    value = value.strip()
    if value in builtin:
        return value
    path = shown_path(value, base)
    return str(path.resolve()) if path.is_file() else None
