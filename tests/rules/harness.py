"""Runs the data-driven rule cases in tests/rules/cases/*.toml through locate -> frame -> align -> rule.

Placeholders: {title}, {article} (every source paragraph), {excerpt} (the first four), {edited} (the
second paragraph reworded), {merged} (the first two paragraphs in one <p>), {brs} (every paragraph in one
block, separated by blank lines of <br>), {hyphenated} (every paragraph with a soft hyphen in each word of
eight letters or more, as hyphenation plugins write them).
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reprint_check.match import SourceText, align, frame, locate
from reprint_check.match.images import fingerprint
from reprint_check.models import Finding, SourceArticle
from reprint_check.page.dom import parse_html
from reprint_check.page.source import extract_source
from reprint_check.rules.engine import run_rules
from reprint_check.rules.identity import resolve_identity
from reprint_check.rules.interface import ImageCheck, RuleContext
from reprint_check.rules.policy import load_policy
from reprint_check.rules.registry import options_for
from tests.images import PICTURES

FIXTURES = Path(__file__).parent.parent / "fixtures"
CASES = Path(__file__).parent / "cases"
SOURCE_URL = "https://russia-insider.com/en/rail-link-northern-ports-opens"
SOURCE_IMAGE = "https://russia-insider.com/sites/default/files/rail-bridge-at-dusk.jpg"
COPY_URL = "https://copy.example/2026/rail-link"
_LONG_WORD = re.compile(r"\b(\w{4})(\w{4,})")

PAGE = """<!DOCTYPE html><html><head><title>Copy Site</title></head><body>
<header class="site-header"><a href="/">Copy Site</a><nav><a href="/news">News</a></nav></header>
<div id="content"><main id="main">{html}</main>
<aside id="secondary" class="widget-area">
<section class="widget"><p>Subscribe to our newsletter.</p></section>{sidebar}</aside></div>
<footer class="site-footer"><p>© 2026 Copy Site. {footer}</p></footer></body></html>"""


@dataclass(frozen=True)
class Case:
    rule: str
    name: str
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.rule}: {self.name}"


def load_cases() -> list[Case]:
    out = []
    for path in sorted(CASES.glob("*.toml")):
        for data in tomllib.loads(path.read_text())["case"]:
            out.append(Case(rule=path.stem, name=data["name"], data=data))
    return out


def source_article() -> SourceArticle:
    doc = parse_html((FIXTURES / "source-article.html").read_bytes(), url=SOURCE_URL)
    return extract_source(doc, requested_url=SOURCE_URL)


def _paragraphs(items: list[str]) -> str:
    return "\n".join(f"<p>{p}</p>" for p in items)


def expand(html: str, article: SourceArticle) -> str:
    paras = list(article.paragraphs)
    edited = list(paras)
    edited[1] = edited[1].replace("by almost nine hours", "by nearly nine hours")
    merged = [paras[0] + " " + paras[1], *paras[2:]]
    values = {
        "{title}": article.title or "",
        "{article}": _paragraphs(paras),
        "{excerpt}": _paragraphs(paras[:4]),
        "{edited}": _paragraphs(edited),
        "{merged}": _paragraphs(merged),
        "{brs}": "<br><br>".join(paras),
        "{hyphenated}": _paragraphs([_LONG_WORD.sub(r"\1&shy;\2", p) for p in paras]),
    }
    for key, value in values.items():
        html = html.replace(key, value)
    return html


def run_case(case: Case, article: SourceArticle) -> Finding:
    data = case.data
    body = expand(data["html"], article)
    if data.get("page", True):
        body = PAGE.format(html=body, sidebar=data.get("sidebar", ""), footer=data.get("footer", ""))
    doc = parse_html(body.encode(), url=COPY_URL)
    text = SourceText.of(article.paragraphs)
    located = locate(doc, text)
    assert located is not None and located.is_copy, f"{case.id}: the copy was not located"
    policy = load_policy(data.get("policy", "russia-insider"))
    table = {**policy.rules.get(case.rule, {}), **data.get("options", {})}
    images = {SOURCE_IMAGE: ImageCheck(fingerprint(PICTURES["source"]()))}
    for url, picture in data.get("images", {}).items():
        images[url] = ImageCheck(fingerprint(PICTURES[picture]()))
    ctx = RuleContext(
        source=article,
        doc=doc,
        located=located,
        scope=frame(located),
        alignment=align(text, located),
        identity=resolve_identity(policy, article),
        images=images,
    )
    (finding,) = run_rules(ctx, {case.rule: options_for(case.rule, table)})
    return finding


def check_expectations(case: Case, finding: Finding) -> None:
    data = case.data
    shown = json.dumps(finding.to_dict(), ensure_ascii=False)
    assert finding.status == data["status"], f"{case.id}: got {shown}"
    if "severity" in data:
        assert finding.severity == data["severity"], shown
    if "message" in data:
        assert data["message"] in finding.message, shown
    if "evidence" in data:
        assert any(
            data["evidence"] in json.dumps(e.to_dict(), ensure_ascii=False) for e in finding.evidence
        ), shown
    assert finding.message.strip(), "every finding says something a person can act on"
