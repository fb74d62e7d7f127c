"""Naming the part of a page an element sits in, for evidence ("the site footer", "a reader comment")."""

from __future__ import annotations

from lxml.html import HtmlElement

from reprint_check.page.chrome import is_chrome, is_page_frame


def describe(el: HtmlElement) -> str:
    for node in (el, *el.iterancestors()):
        if is_chrome(node) or is_page_frame(node):
            tokens = f"{node.tag} {node.get('id') or ''} {node.get('class') or ''}".lower()
            for word, label in PLACES:
                if word in tokens:
                    return label
            return f"site chrome <{node.tag}>"
    return "elsewhere on the page"


PLACES = (
    ("comment", "a reader comment"),
    ("respond", "a reader comment"),
    ("related", "a related-stories list"),
    ("blogroll", "a sidebar blogroll"),
    ("partner", "a partner box"),
    ("sidebar", "the sidebar"),
    ("widget", "a sidebar widget"),
    ("aside", "a sidebar"),
    ("footer", "the site footer"),
    ("colophon", "the site footer"),
    ("nav", "the site navigation"),
    ("menu", "the site navigation"),
    ("header", "the site header"),
    ("share", "a share bar"),
)
