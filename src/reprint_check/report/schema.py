"""The JSON Schema (draft 2020-12) of `--format json`, printed by `reprint-check schema`.

Written as data rather than generated, so a change to the contract shows up as a plain diff here.
It is strict: statuses and severities are enums, every documented field is required, and objects
admit no undocumented keys (except `policy`, whose summary may grow).
"""

from __future__ import annotations

import copy
from typing import Any

from reprint_check import TOOL_NAME, TOOL_URL
from reprint_check.models import PAGE_STATUSES
from reprint_check.report.json import SCHEMA_VERSION

FINDING_STATUSES = ["pass", "warn", "fail", "skip"]
SEVERITIES = ["error", "warning", "info"]

_STRING = {"type": "string"}
_NULLABLE_STRING = {"type": ["string", "null"]}
_COUNT = {"type": "integer", "minimum": 0}
_URLS = {"type": "array", "items": _STRING}


def _closed(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    """An object with exactly these keys (all required unless `required` says otherwise)."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


_EVIDENCE = _closed(
    {"kind": _STRING, **{key: _STRING for key in ("snippet", "href", "url", "path", "where", "note")}},
    required=["kind"],
)

_FINDING = _closed(
    {
        "rule": {"type": "string", "minLength": 1},
        "status": {"enum": FINDING_STATUSES},
        "severity": {"enum": SEVERITIES},
        "message": _STRING,
        "evidence": {"type": "array", "items": {"$ref": "#/$defs/evidence"}},
    }
)

_RATIO = {"type": "number", "minimum": 0, "maximum": 1}

_RESULT = {
    **_closed(
        {
            "url": _STRING,
            "final_url": _NULLABLE_STRING,
            "http_status": {"type": ["integer", "null"]},
            "redirects": _URLS,
            "source": _STRING,
            "status": {"enum": list(PAGE_STATUSES)},
            "reason": _NULLABLE_STRING,
            "match": {"oneOf": [_closed({"coverage": _RATIO, "similarity": _RATIO}), {"type": "null"}]},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
        }
    ),
    # A page that could not be judged must say why.
    "if": {"properties": {"status": {"enum": ["not_found", "error"]}}},
    "then": {"properties": {"reason": _STRING}},
}

_SOURCE = _closed(
    {
        "url": _STRING,
        "final_url": _STRING,
        "canonical_url": _STRING,
        "title": _NULLABLE_STRING,
        "publisher": _NULLABLE_STRING,
        "author": _NULLABLE_STRING,
        "site_name": _NULLABLE_STRING,
        "paragraphs": _COUNT,
        "words": _COUNT,
        "images": _URLS,
        "videos": _URLS,
    }
)

_POLICY = {
    "type": "object",
    "properties": {"id": _STRING, "version": _STRING, "title": _STRING},
    "required": ["id", "version", "title"],
}

_SUMMARY = _closed({"pages": _COUNT, **{status: _COUNT for status in PAGE_STATUSES}})

_CHANGE_LISTS = ("new_violations", "resolved", "unchanged_violations", "taken_down", "errored")
_CHANGE = {
    "type": "object",
    "properties": {"source": _STRING, "url": _STRING, "old_status": _NULLABLE_STRING, "new_status": _STRING},
    "required": ["source", "url", "old_status", "new_status"],
}
_CHANGES = _closed(
    {
        "since_run_id": _NULLABLE_STRING,
        "counts": _closed({key: _COUNT for key in _CHANGE_LISTS}),
        **{key: {"type": "array", "items": _CHANGE} for key in _CHANGE_LISTS},
    }
)

_TOOL = _closed({"name": {"const": TOOL_NAME}, "version": _STRING})

_DOCUMENT = _closed(
    {
        "schema_version": {"const": SCHEMA_VERSION},
        "tool": _TOOL,
        "run_id": _STRING,
        "started_at": _STRING,
        "finished_at": _STRING,
        "policy": _POLICY,
        "source": {"oneOf": [{"$ref": "#/$defs/source"}, {"type": "null"}]},
        "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
        "summary": _SUMMARY,
        "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
        "changes": _CHANGES,
    },
    required=["schema_version", "tool", "policy", "source", "sources", "summary", "results"],
)


def json_schema() -> dict[str, Any]:
    """A fresh copy of the schema (callers may add to it without changing ours)."""
    return copy.deepcopy(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{TOOL_URL}/schema/report-v{SCHEMA_VERSION}.json",
            "title": f"{TOOL_NAME} report, schema_version {SCHEMA_VERSION}",
            **_DOCUMENT,
            "$defs": {"source": _SOURCE, "result": _RESULT, "finding": _FINDING, "evidence": _EVIDENCE},
        }
    )
