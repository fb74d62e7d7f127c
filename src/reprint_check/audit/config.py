"""Load an audit file: the list of source articles and copies a nightly run checks.

The audit file is TOML::

    name = "nightly"                # key for run history; default: the file's stem
    [defaults]
    policy = "russia-insider"       # policy name, or a policy file path
    concurrency = 16                # pages fetched at once (>= 1)
    per_host = 2                    # pages fetched at once from one host (>= 1)
    host_interval = 0.5             # seconds between requests to one host (>= 0)
    timeout = 20.0                  # seconds per page (> 0)
    max_bytes = 5000000             # largest body accepted (>= 1)
    max_image_bytes = 10000000      # largest image accepted (>= 1)
    retries = 3                     # further tries after a transient failure (>= 0)
    max_redirects = 10              # redirects followed per page (>= 0)
    fail_on = "error"               # error | warning | never
    ignore_robots = false
    user_agent = "..."              # optional

    [[sources]]                     # repeatable: one source article each
    url = "https://publisher.example/story"   # http(s) URL or local HTML file
    policy = "cc-by-nd-4.0"         # optional; else defaults.policy
    copies = ["https://a.example/x", "copies/b.html"]
    copies_from = "copies.txt"      # optional: one URL/path a line; blank and `#` lines skipped

    [[copies_csv]]                  # optional, repeatable: a publisher's export
    path = "republishers.csv"       # header with source_url,copy_url (other columns ignored)
    policy = "..."                  # optional; for sources found only in this CSV

Resolution rules:

- Relative paths resolve against the folder of the file that names them: the audit file for
  `url`, `copies`, `copies_from`, `path` and `policy`; a list or CSV file for its own entries.
  Local files become absolute paths in the plan, so the plan means the same from any folder.
- A policy is a built-in policy name (kept as is) or else a policy file, which must exist.
- Copies for one source from `copies`, `copies_from` and every CSV are merged in that order,
  duplicates dropped (first wins). A source named only in a CSV becomes a source with that
  CSV's `policy`, else `defaults.policy`. Sources match by their exact text (local paths by
  their absolute path). Listing one source in two `[[sources]]` tables is an error.
- Every source needs a policy and at least one copy.

Every problem found is reported, one line each: `FILE:LINE: FIELD: what is wrong`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reprint_check.audit.lists import ListFileError, read_copies_csv, read_url_list
from reprint_check.audit.locate import KeyLines, Loc
from reprint_check.audit.plan import AuditConfigError, AuditPlan, AuditSettings, AuditSource
from reprint_check.audit.problems import Problems, field_path, problem_line
from reprint_check.audit.schema import AuditFile, CopiesCsvTable, DefaultsTable, SourceTable
from reprint_check.audit.targets import NOT_A_POLICY, NOT_A_TARGET, resolve_policy, resolve_target, shown_path
from reprint_check.rules.policy import builtin_policies

_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$")


def load_audit(path: Path) -> AuditPlan:
    """Read, validate and resolve an audit file, or raise `AuditConfigError`."""
    text = _read(path)
    keys = KeyLines(text)
    audit = _validate(path, _parse(path, text), keys)
    return _Builder(path, audit, keys).build()


def _read(path: Path) -> str:
    try:
        # utf-8-sig: editors on Windows may start the file with a byte-order mark.
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AuditConfigError(problem_line(path, None, "", f"not UTF-8 text: {exc.reason}")) from exc
    except OSError as exc:
        raise AuditConfigError(problem_line(path, None, "", f"cannot read: {exc.strerror or exc}")) from exc


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        line = int(found.group(1)) if found else None
        detail = _TOML_POSITION.sub("", message)
        raise AuditConfigError(problem_line(path, line, "", f"invalid TOML: {detail}")) from exc


def _validate(path: Path, data: dict[str, Any], keys: KeyLines) -> AuditFile:
    try:
        return AuditFile.model_validate(data)
    except ValidationError as exc:
        problems = Problems()
        errors = sorted(exc.errors(), key=lambda e: keys.line_of(e["loc"]) or 0)
        for error in errors:
            problems.add(path, keys.line_of(error["loc"]), field_path(error["loc"]), _explain(error))
        problems.raise_if_any()
        raise  # unreachable: a ValidationError always has errors


def _explain(error: ErrorDetails) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key" + _did_you_mean(error["loc"])
    if error["type"] == "missing":
        return "required key is missing"
    message = error["msg"][0].lower() + error["msg"][1:]
    return f"{message}, got {error['input']!r}"


def _did_you_mean(loc: tuple[str | int, ...]) -> str:
    model: type[BaseModel] = AuditFile
    for part in loc[:-1]:
        if isinstance(part, str):
            annotation = model.model_fields[part].annotation
            model = _TABLE_OF.get(annotation, AuditFile)
    close = get_close_matches(str(loc[-1]), list(model.model_fields), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


_TABLE_OF: dict[Any, type[BaseModel]] = {
    DefaultsTable: DefaultsTable,
    list[SourceTable]: SourceTable,
    list[CopiesCsvTable]: CopiesCsvTable,
}


@dataclass
class _Draft:
    # None: no policy anywhere; "": one was given but is invalid (already reported).
    policy: str | None
    loc: Loc  # where the source was first named, for "no policy"/"no copies" messages
    copies: list[str] = field(default_factory=list)


class _Builder:
    """Resolves paths, reads list and CSV files, and merges copies per source."""

    def __init__(self, path: Path, audit: AuditFile, keys: KeyLines) -> None:
        self._path, self._audit, self._keys = path, audit, keys
        self._base = path.parent
        self._problems = Problems()
        self._builtin = tuple(builtin_policies())
        self._drafts: dict[str, _Draft] = {}
        self._default_policy = self._policy(audit.defaults.policy, ("defaults", "policy"))

    def build(self) -> AuditPlan:
        for index, source in enumerate(self._audit.sources):
            self._add_source(index, source)
        for index, table in enumerate(self._audit.copies_csv):
            self._add_csv(index, table)
        sources = self._finish()
        self._problems.raise_if_any()
        return AuditPlan(
            name=self._audit.name or self._path.stem,
            path=self._path,
            settings=AuditSettings(**self._audit.defaults.model_dump(exclude={"policy"})),
            default_policy=self._default_policy or None,
            sources=sources,
        )

    def _add_source(self, index: int, source: SourceTable) -> None:
        loc: Loc = ("sources", index)
        url = self._target(source.url, (*loc, "url"))
        policy = self._policy(source.policy, (*loc, "policy"))
        if url is None:
            return
        if url in self._drafts:
            first = field_path(self._drafts[url].loc)
            self._report((*loc, "url"), f"source listed twice (first as {first})")
            return
        draft = self._drafts[url] = _Draft(policy if source.policy else self._default_policy, loc)
        for number, value in enumerate(source.copies):
            if (copy := self._target(value, (*loc, "copies", number))) is not None:
                draft.copies.append(copy)
        if source.copies_from is not None:
            self._add_copies_from(source.copies_from, (*loc, "copies_from"), draft)

    def _add_copies_from(self, value: str, loc: Loc, draft: _Draft) -> None:
        list_path = shown_path(value, self._base)
        try:
            listed = read_url_list(list_path)
        except ListFileError as exc:
            self._report(loc, f"{list_path}: {exc.message}")
            return
        for item in listed:
            copy = resolve_target(item.value, list_path.parent)
            if copy is None:
                self._problems.add(list_path, item.line, field_path(loc), f"{NOT_A_TARGET}: {item.value!r}")
            else:
                draft.copies.append(copy)

    def _add_csv(self, index: int, table: CopiesCsvTable) -> None:
        loc: Loc = ("copies_csv", index)
        csv_path = shown_path(table.path, self._base)
        policy = self._policy(table.policy, (*loc, "policy")) if table.policy else self._default_policy
        try:
            rows = read_copies_csv(csv_path)
        except ListFileError as exc:
            if exc.line is None:
                self._report((*loc, "path"), f"{csv_path}: {exc.message}")
            else:
                self._problems.add(csv_path, exc.line, field_path(loc), exc.message)
            return
        for row in rows:
            source = self._csv_value(row.source_url, "source_url", csv_path, row.line, loc)
            copy = self._csv_value(row.copy_url, "copy_url", csv_path, row.line, loc)
            if source is not None and copy is not None:
                draft = self._drafts.setdefault(source, _Draft(policy, (*loc, "path")))
                draft.copies.append(copy)

    def _csv_value(self, value: str, column: str, csv_path: Path, line: int, loc: Loc) -> str | None:
        resolved = resolve_target(value, csv_path.parent)
        if resolved is None:
            problem = f"{NOT_A_TARGET}: {value!r}" if value else "empty"
            self._problems.add(csv_path, line, f"{field_path(loc)}.{column}", problem)
        return resolved

    def _finish(self) -> tuple[AuditSource, ...]:
        # Empty sources are checked only once all else is clean: an unreadable list or CSV
        # would otherwise also be reported as every source it left empty.
        complete = not self._problems
        if complete and not self._drafts:
            self._report((), "no sources: add a [[sources]] table or a [[copies_csv]] file")
        sources: list[AuditSource] = []
        for url, draft in self._drafts.items():
            if draft.policy is None:
                setting = field_path((*draft.loc[:2], "policy"))
                self._report(draft.loc, f"no policy for {url!r}: set {setting} or defaults.policy")
            if complete and not draft.copies:
                self._report(draft.loc, f"no copies for {url!r}: add copies, copies_from or a CSV row")
            if draft.policy and draft.copies:
                sources.append(AuditSource(url, draft.policy, tuple(dict.fromkeys(draft.copies))))
        return tuple(sources)

    def _target(self, value: str, loc: Loc) -> str | None:
        resolved = resolve_target(value, self._base)
        if resolved is None:
            self._report(loc, f"{NOT_A_TARGET}: {value!r}")
        return resolved

    def _policy(self, value: str | None, loc: Loc) -> str | None:
        """The resolved policy; "" when `value` is invalid (reported here), None when absent."""
        if value is None:
            return None
        resolved = resolve_policy(value, self._base, self._builtin)
        if resolved is None:
            known = ", ".join(self._builtin) or "none"
            self._report(loc, f"{NOT_A_POLICY}: {value!r} (built-in: {known})")
        return resolved or ""

    def _report(self, loc: Loc, message: str) -> None:
        self._problems.add(self._path, self._keys.line_of(loc), field_path(loc), message)
