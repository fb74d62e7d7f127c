"""The labelled corpus as data: source articles, page templates, snippets and cases, and the pages
they render to.

A case names a template and a source, how the article text was treated (`text`), which snippets
fill which template slots, and the expected page status and rule statuses (cases.toml's
`[defaults]` fill in what a case leaves out).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reprint_check.page.dom import parse_html
from reprint_check.page.source import extract_source

HERE = Path(__file__).parent
SLOTS = ("above", "media", "media_end", "after", "sidebar", "footer", "comments", "related")
RULE_IDS = ("credit", "backlink", "excluded-images", "excluded-video", "text-fidelity")
_SENTENCE = re.compile(r"^(.+?[.!?])\s")


@dataclass(frozen=True)
class Template:
    name: str
    host: str
    html: str
    encoding: str
    paragraphs: str  # "p": one <p> each; "br": blank lines of <br>; "p-open": unclosed <P>


@dataclass(frozen=True)
class Source:
    key: str
    url: str
    page: bytes
    policy: Path
    values: dict[str, str]
    paragraphs: tuple[str, ...]
    title: str
    edits: tuple[tuple[str, str], ...]
    drop: tuple[int, ...]
    note: str


@dataclass(frozen=True)
class Case:
    name: str
    template: str
    source: str
    text: str
    slots: dict[str, tuple[str, ...]]
    status: str
    rules: dict[str, str]

    @property
    def path(self) -> str:
        return f"/corpus/{self.name}.html"


def _toml(name: str) -> dict[str, Any]:
    return tomllib.loads((HERE / name).read_text(encoding="utf-8"))


@cache
def templates() -> dict[str, Template]:
    meta = _toml("templates.toml")
    return {
        name: Template(
            name=name,
            host=info["host"],
            html=(HERE / "templates" / f"{name}.html").read_text(encoding="utf-8"),
            encoding=info.get("encoding", "utf-8"),
            paragraphs=info.get("paragraphs", "p"),
        )
        for name, info in meta.items()
    }


@cache
def sources() -> dict[str, Source]:
    data = _toml("sources.toml")
    out = {}
    for key, info in data.items():
        if "page" not in info:
            continue
        page = (HERE / "sources" / info["page"]).read_bytes()
        article = extract_source(parse_html(page, url=info["url"]), requested_url=info["url"])
        values = {**info["values"], "url": info["url"], "title": article.title or ""}
        out[key] = Source(
            key=key,
            url=info["url"],
            page=page,
            policy=HERE / "policies" / info["policy"],
            values=values,
            paragraphs=article.paragraphs,
            title=article.title or "",
            edits=tuple((a, b) for a, b in info["edits"]),
            drop=tuple(info["drop"]),
            note=info["note"],
        )
    return out


@cache
def unrelated_paragraphs() -> tuple[str, ...]:
    return tuple(_toml("sources.toml")["unrelated"]["paragraphs"])


@cache
def snippets() -> dict[str, str]:
    return {k: str(v) for k, v in _toml("snippets.toml").items()}


@cache
def cases() -> tuple[Case, ...]:
    data = _toml("cases.toml")
    defaults = data["defaults"]
    out = []
    for raw in data["case"]:
        merged = {**defaults, **raw}
        rules = {**defaults["rules"], **raw.get("rules", {})} if merged["status"] != "not_found" else {}
        out.append(
            Case(
                name=raw["name"],
                template=raw["template"],
                source=merged["source"],
                text=merged["text"],
                slots={s: tuple(raw.get(s, ())) for s in SLOTS},
                status=merged["status"],
                rules=rules,
            )
        )
    return tuple(out)


def _fill(html: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        html = html.replace("{" + key + "}", value)
    return html


def _paragraph_texts(case: Case, source: Source) -> list[str]:
    if case.text == "unrelated":
        return list(unrelated_paragraphs())
    paras = list(source.paragraphs)
    if case.text == "excerpt":
        return paras[:4]
    if case.text == "edited":
        for old, new in source.edits:
            paras = [p.replace(old, new) for p in paras]
        kept = [p for i, p in enumerate(paras) if i not in source.drop]
        return [*kept, source.note]
    return paras


def _teaser(source: Source) -> str:
    first = _SENTENCE.match(source.paragraphs[0])
    sentence = first.group(1) if first else source.paragraphs[0]
    items = [
        f'<div class="teaser"><h2><a href="{source.url}">{source.title}</a></h2><p>{sentence} '
        f'<a href="{source.url}">Read more</a></p></div>',
        '<div class="teaser"><h2><a href="/regatta">Regatta dates announced</a></h2><p>The sailing club has '
        "set the dates for this summer's regatta, with a new race for children under twelve.</p></div>",
    ]
    return "\n".join(items)


def _body(case: Case, source: Source, template: Template) -> str:
    if case.text == "teaser":
        return _teaser(source)
    paras = _paragraph_texts(case, source)
    media = "".join(_slot(case, "media", source.values))
    media_end = "".join(_slot(case, "media_end", source.values))
    if template.paragraphs == "br":
        return paras[0] + "<br><br>" + media + "<br><br>".join(paras[1:]) + media_end
    if template.paragraphs == "p-open":  # old sites: <P> starts a paragraph, nothing ends it
        return f"{paras[0]}\n{media}\n" + "\n".join(f"<P>{p}" for p in paras[1:]) + media_end
    return f"<p>{paras[0]}</p>\n{media}\n" + "\n".join(f"<p>{p}</p>" for p in paras[1:]) + media_end


def _slot(case: Case, slot: str, values: dict[str, str]) -> list[str]:
    return [_fill(snippets()[name], values) for name in case.slots[slot]]


def render(case: Case) -> bytes:
    """The copy page of a case, encoded as its template's site would send it."""
    template, source = templates()[case.template], sources()[case.source]
    title = source.title if case.text != "unrelated" else "Summer market moves to the old bus station"
    fills = {slot: "\n".join(_slot(case, slot, source.values)) for slot in SLOTS}
    fills["body"] = _body(case, source, template)
    html = template.html.replace("{title}", title)
    for slot, value in fills.items():
        html = html.replace("{" + slot + "}", value)
    return html.encode(template.encoding)
