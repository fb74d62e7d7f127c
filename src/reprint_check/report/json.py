"""`--format json`: the stable, versioned output contract (schema_version 1).

One JSON object, keys in this order (`reprint-check schema` prints the JSON Schema):

- `schema_version` (int, 1): bumped only when a field is removed or changes meaning; new fields
  may be added within a version.
- `tool`: `{"name": "reprint-check", "version": "…"}`.
- `run_id`, `started_at`, `finished_at` (strings, ISO 8601 times): present only when set.
- `policy`: the policy's summary; always has `id`, `version` and `title`.
- `source`: the first source article (a `check` run has exactly one), or null when there is none.
- `sources`: every source article: `url`, `final_url`, `canonical_url`, `title`, `publisher`,
  `author`, `site_name` (string or null), `paragraphs` and `words` (counts), `images` and
  `videos` (lists of URLs).
- `summary`: `pages` and one count per page status: `pass`, `warn`, `fail`, `not_found`, `error`.
- `results`: one object per copy page, in the order they were checked: `url`, `final_url`,
  `http_status`, `redirects`, `source` (the source article's URL), `status` (pass, warn, fail,
  not_found, error), `reason` (set for not_found and error), `match` (`coverage` and
  `similarity`, 0..1, or null) and `findings`. Each finding has `rule`, `status` (pass, warn, fail,
  skip), `severity` (error, warning, info), `message` and `evidence`: objects with `kind` and any
  of `snippet`, `href`, `url`, `path`, `where`, `note`.
- `changes` (only with `--new-only`): `since_run_id` (the run compared with, or null), `counts`,
  and the lists `new_violations`, `resolved`, `unchanged_violations`, `taken_down`, `errored`;
  `results` then holds only the pages with new violations, newly taken down or newly erroring.

Written with indent 2 and `ensure_ascii=False`, so non-English text stays readable.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reprint_check.report.common import tool_dict
from reprint_check.report.interface import Formatter, Report
from reprint_check.report.json_chunks import json_chunks, placeholder

SCHEMA_VERSION = 1


def empty_source(url: str) -> dict[str, Any]:
    """A source entry for an article nothing could be learned about (its copies say why)."""
    unknown: dict[str, Any] = dict.fromkeys(("title", "publisher", "author", "site_name"))
    counts_and_media = {"paragraphs": 0, "words": 0, "images": [], "videos": []}
    return {"url": url, "final_url": url, "canonical_url": url, **unknown, **counts_and_media}


def run_metadata(report: Report) -> dict[str, str]:
    """`run_id`, `started_at`, `finished_at`, each only when set."""
    fields = {"run_id": report.run_id, "started_at": report.started_at, "finished_at": report.finished_at}
    return {key: value for key, value in fields.items() if value is not None}


def report_document(report: Report, results: Any = None) -> dict[str, Any]:
    """The contract as a dict, in its documented key order; `results` stands in for the list."""
    sources = [dict(s) for s in report.sources]
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": tool_dict(report.tool_version),
        **run_metadata(report),
        "policy": dict(report.policy),
        "source": sources[0] if sources else None,
        "sources": sources,
        "summary": report.summary.to_dict(),
        "results": [r.to_dict() for r in report.results] if results is None else results,
    } | ({"changes": dict(report.changes)} if report.changes is not None else {})


class JsonFormatter(Formatter):
    name = "json"

    def chunks(self, report: Report) -> Iterator[str]:
        document = report_document(report, results=placeholder("results"))
        return json_chunks(document, {"results": (r.to_dict() for r in report.results)})
