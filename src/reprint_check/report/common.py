"""Wording and ordering shared by the human formats (table, markdown, csv, junit, sarif)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reprint_check import TOOL_NAME, TOOL_URL
from reprint_check.models import Evidence, Finding, FindingStatus, PageResult, Summary

# The license's own rules first, in the order a reader checks a copy; unknown ids follow by name.
RULE_ORDER: tuple[str, ...] = ("credit", "backlink", "excluded-images", "excluded-video", "text-fidelity")

RULE_DESCRIPTIONS: dict[str, str] = {
    "credit": "The copy credits the publisher by name in or next to the article.",
    "backlink": "The copy links visibly to the source article or the publisher's site.",
    "excluded-images": "The copy does not reuse the source article's images.",
    "excluded-video": "The copy does not embed the source article's videos.",
    "text-fidelity": "The copy keeps the source text as faithfully as the license requires.",
}

# Short column headings for narrow tables; other rules are headed by their id.
RULE_LABELS: dict[str, str] = {
    "excluded-images": "images",
    "excluded-video": "video",
    "text-fidelity": "text",
}

DASH = "\u2013"  # en dash: skipped rule, unknown coverage

GLYPHS: dict[FindingStatus, str] = {"pass": "✓", "warn": "!", "fail": "✗", "skip": DASH}

# A finding a reader must act on; pass and skip are shown only as a glyph in the overview.
NOTABLE: frozenset[FindingStatus] = frozenset({"warn", "fail"})


def tool_dict(version: str) -> dict[str, str]:
    return {"name": TOOL_NAME, "version": version}


def rule_description(rule: str) -> str:
    return RULE_DESCRIPTIONS.get(rule, f"{TOOL_NAME} rule {rule}.")


def rule_help_uri(rule: str) -> str:
    """The README section that documents the rule (a heading named after the rule id)."""
    return f"{TOOL_URL}#{rule}"


def rule_ids(results: Iterable[PageResult]) -> list[str]:
    """Every rule id with a finding in `results`: known rules in RULE_ORDER, then others sorted."""
    seen = {f.rule for r in results for f in r.findings}
    known = [rule for rule in RULE_ORDER if rule in seen]
    return known + sorted(seen - set(RULE_ORDER))


def finding_for(result: PageResult, rule: str) -> Finding | None:
    return next((f for f in result.findings if f.rule == rule), None)


def notable_findings(result: PageResult) -> list[Finding]:
    return [f for f in result.findings if f.status in NOTABLE]


# What a terminal acts on instead of showing (C0 controls but tab and newline, DEL, C1) and the
# bidi controls that reorder a line: page text can carry any of them.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with each unprintable character written as its escape (`\\x1b`), for a terminal."""
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], text)


def one_line(text: str) -> str:
    """Collapse runs of whitespace (snippets keep the page's newlines and tabs)."""
    return " ".join(text.split())


# `where` is either a place ("a sidebar blogroll", "src attribute") or already a relation to the
# article ("above the article", "in the article"); only a bare place needs an "in".
_RELATIONS = frozenset(
    {"above", "after", "around", "at", "before", "below", "beside", "in", "inside", "near", "on", "outside",
     "under", "within"}
)  # fmt: skip


def where_text(where: str) -> str:
    """`a sidebar blogroll` -> `in a sidebar blogroll`; `above the article` stays as it is."""
    first = where.split(maxsplit=1)[0].lower() if where.strip() else ""
    return where if first in _RELATIONS else f"in {where}"


MIN_HEAD = 12


def shorten_middle(text: str, width: int) -> str:
    """Fit `text` in `width` columns, keeping its start and its last path segment (the file name
    or slug that tells copies apart); an ellipsis marks what was cut."""
    if len(text) <= width:
        return text
    tail = text[text.rstrip("/").rfind("/") :] if "/" in text else ""
    if not tail or len(tail) > width - 1:
        keep = width - 1
        return text[: keep - keep // 2] + "…" + text[len(text) - keep // 2 :]
    head = text[: width - 1 - len(tail)]
    # A stub like "exam…" says nothing; the tail alone reads better.
    return ("" if len(head) < MIN_HEAD else head) + "…" + tail


def evidence_text(ev: Evidence) -> str:
    """One line a person can check in seconds, e.g. `link “Publisher” -> https://… at article > a`."""
    parts = [ev.kind]
    if ev.snippet:
        parts.append(f"“{one_line(ev.snippet)}”")
    if ev.href:
        parts.append(f"-> {ev.href}")
    if ev.url:
        parts.append(ev.url)
    if ev.path:
        parts.append(f"at {ev.path}")
    if ev.where:
        parts.append(where_text(ev.where))
    if ev.note:
        parts.append(f"({one_line(ev.note)})")
    return " ".join(parts)


def coverage_text(result: PageResult) -> str:
    return f"{result.match.coverage:.0%}" if result.match else DASH


def reason_text(result: PageResult) -> str:
    """Why an error or not_found page has no findings (the fetch stage words it for people)."""
    return one_line(result.reason or "no reason given")


def summary_line(summary: Summary) -> str:
    """'5 pages: 1 pass, 1 warn, 1 fail, 1 not found, 1 error'."""
    c = summary.counts
    noun = "page" if summary.pages == 1 else "pages"
    return (
        f"{summary.pages} {noun}: {c['pass']} pass, {c['warn']} warn, {c['fail']} fail, "
        f"{c['not_found']} not found, {c['error']} error"
    )
