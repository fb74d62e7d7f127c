"""credit: the publisher's name appears in the copy's article or its frame.

Counts: the headline/byline block above the article, the article text, a line just after it, in
text or link text, any listed spelling. Does not count: navigation, sidebars and widgets (blogrolls,
partner boxes), the site-wide footer, related-story lists, reader comments, hidden text, and a bare
URL.

    pass:  <article><p class="byline">By Ann Lee, Russia Insider</p><p>…article…</p></article>
    fail:  <article><p>…article…</p></article><aside>Friends: Russia Insider</aside>
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from lxml.html import HtmlElement

from reprint_check.match.scope import visible_text
from reprint_check.models import Evidence
from reprint_check.page.dom import BLOCK_TAGS, is_hidden, iter_elements, own_text, snippet
from reprint_check.page.paths import css_path
from reprint_check.rules.interface import Outcome, RuleContext, RuleOptions
from reprint_check.rules.names import NameHit, find_names
from reprint_check.rules.places import describe

ID = "credit"
MAX_HIDDEN = 5  # hidden spellings shown as evidence


class Options(RuleOptions):
    pass


def _text_units(ctx: RuleContext) -> Iterator[tuple[HtmlElement, str]]:
    """Each block's visible text, inline children included, so a name is read with the words
    around it ("the North Harbour Gazette" is not "Harbour Gazette"). Inline elements are read on
    their own only as frame roots or when hidden themselves (for the evidence)."""
    roots = set(ctx.scope.roots)
    for el in ctx.scope.elements():
        if el.tag in BLOCK_TAGS or el in roots or _hides_alone(el):
            text = visible_text(el)
            if text:
                yield el, text


def _hides_alone(el: HtmlElement) -> bool:
    parent = el.getparent()
    return is_hidden(el) and not (parent is not None and is_hidden(parent))


def check(ctx: RuleContext, options: Options) -> Outcome:
    names = ctx.identity.names
    if not names:
        return Outcome("skip", "No publisher name is known: give --publisher-name or use a named policy.")
    hidden: list[Evidence] = []
    for el, text in _text_units(ctx):
        for hit in find_names(text, names):
            if not is_hidden(el):
                ev = _found(ctx, el, hit)
                return Outcome("pass", f"Credit to {hit.name!r} found {ev.where}.", (ev,))
            if len(hidden) < MAX_HIDDEN:  # a page of thousands of hidden names stays linear
                hidden.append(replace(_found(ctx, el, hit), note="hidden: not visible to readers"))
    looked = Evidence(
        kind="looked-for",
        snippet=" | ".join(names),
        path=css_path(ctx.scope.container),
        note="searched the article, the byline block above it and the lines after it",
    )
    elsewhere = tuple(_elsewhere(ctx, names))
    message = f"No credit to {names[0]!r} in or around the article."
    if elsewhere:
        message += f" The name appears only where it does not count ({elsewhere[0].where})."
    elif hidden:
        message += " The name is there only as hidden text."
    return Outcome("fail", message, (looked, *hidden, *elsewhere))


def _found(ctx: RuleContext, el: HtmlElement, hit: NameHit) -> Evidence:
    return Evidence(kind="text", snippet=hit.context, path=css_path(el), where=ctx.scope.position(el))


def _elsewhere(ctx: RuleContext, names: tuple[str, ...]) -> Iterator[Evidence]:
    """Where the name does appear outside the frame, so a person sees why it was not counted."""
    shown = 0
    for el in iter_elements(ctx.doc.root):
        if el in ctx.scope.members or el.tag in ("script", "style", "title", "head", "meta"):
            continue
        text = own_text(el)
        for hit in find_names(text, names):
            yield Evidence(
                kind="text",
                snippet=snippet(hit.context),
                path=css_path(el),
                where=describe(el),
                note="outside the article: does not count",
            )
            shown += 1
            break
        if shown >= 3:
            return
