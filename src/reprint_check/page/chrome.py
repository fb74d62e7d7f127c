"""Word lists that tell site chrome (navigation, sidebars, comments, ads, footers) from the article.

Kept as data in one module so a reader can see, and tune, what the tool treats as "not the article".
Matching is on an element's own tag, role, id and class tokens; tokens are also split on "-" and "_"
so `widget_text`, `jp-relatedposts` and `comment-list` are recognised.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

# Tags that are never article content wherever they sit.
CHROME_TAGS = frozenset({"nav", "aside", "form", "script", "style", "template", "select", "button", "menu"})

# Tags that are chrome when they belong to the page, not to the article container (see match.scope).
PAGE_FRAME_TAGS = frozenset({"header", "footer"})

# Chrome tags that are the article's own inside an article container: there an `<aside>` is a note
# or box about the story ("Originally published by …"), not the site's sidebar. A chrome class or
# role still makes it chrome.
ARTICLE_OWN_TAGS = frozenset({"aside"})

ROLES = frozenset({"navigation", "complementary", "banner", "contentinfo", "search", "menu", "menubar"})

# Whole id/class tokens.
CHROME_TOKENS = frozenset(
    {
        "footer", "site-footer", "page-footer", "global-footer", "footer-widgets", "colophon",
        "header", "site-header", "masthead", "topbar", "top-bar",
        "jp-relatedposts", "sharedaddy", "addtoany", "outbrain", "taboola", "yarpp-related",
        "most-read", "mostread", "more-from", "read-next",
    }
)  # fmt: skip

# Parts of tokens (after splitting on - and _).
CHROME_WORDS = frozenset(
    {
        "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "pagination", "pager",
        "sidebar", "widget", "widgets", "blogroll", "partner", "partners", "sponsor", "sponsors",
        "sponsored", "related", "relatedposts", "recommended", "popular", "trending", "stories", "rail",
        "comment", "comments", "disqus", "respond", "replies",
        "share", "sharing", "social", "sharebar",
        "ad", "ads", "advert", "adverts", "advertisement", "adsense", "promo", "banner",
        "newsletter", "subscribe", "signup", "cookie", "cookies", "consent", "popup", "modal",
    }
)  # fmt: skip

# Class-token prefixes that describe an element rather than name its role: WordPress puts
# `tag-social-media`, `category-ads`, `has-sidebar` on the article and body themselves.
DESCRIPTIVE_PREFIXES = ("tag-", "category-", "has-", "no-", "with-", "format-", "status-", "type-", "postid-")

# A short block that opens with one of these labels is a list of other stories, even without a class
# saying so (old sites: "Related: <a>…</a> | <a>…</a>"). "Read more at …" is not one: after an
# excerpt it is the credit line.
RELATED_LABEL = re.compile(
    r"^(?:related(?: (?:stories|articles|posts|links|content|news))?|see also|also read|read also"
    r"|more (?:stories|news|from \w+)|you (?:may|might) also like|recommended(?: for you)?)\s*[:|»>-]",
    re.I,
)
RELATED_MAX_WORDS = 80

# Class/id words and itemtypes that mark an element as the article container (a WordPress `.post`,
# a Blogger `.post.hentry`, a Drupal `.node--type-article`).
ARTICLE_WORDS = frozenset(
    {"post", "hentry", "entry", "article", "story", "blog-post", "blogpost", "node--type-article",
     "post-outer", "type-post", "single-post", "article-page"}
)  # fmt: skip
ARTICLE_TYPES = re.compile(r"schema\.org/(?:\w*Article|BlogPosting|Report)\b", re.I)

# The page itself is never chrome, whatever classes its theme gives it.
NEVER_CHROME_TAGS = frozenset({"html", "body"})

# Class tokens whose usual stylesheet rule hides the element.
HIDDEN_CLASSES = frozenset(
    {"hidden", "hide", "d-none", "invisible", "sr-only", "visually-hidden", "screen-reader-text", "hidden-xs"}
)

# Phrases of a publisher's own license/republish boilerplate and comment rules: such blocks are not
# part of the article text taken from the source page.
BOILERPLATE_PATTERNS = (
    re.compile(r"\b(?:free to|may|can) (?:republish|re-publish|reprint|repost)", re.I),
    re.compile(r"\bcreative\s+commons\b", re.I),
    re.compile(r"\b(?:republish|reprint)(?:ing)? (?:this|our) (?:article|story|content)", re.I),
    re.compile(r"\bcomment(?:s|ing)? (?:policy|rules|guidelines)\b", re.I),
    re.compile(r"\b(?:please|we) (?:keep|ask that) (?:comments|the discussion)\b", re.I),
    re.compile(r"\ball rights reserved\b", re.I),
)

_SPLIT = re.compile(r"[-_\s]+")


def _tokens(el: HtmlElement) -> list[str]:
    raw = f"{el.get('id') or ''} {el.get('class') or ''}".lower()
    return [t for t in raw.split() if not t.startswith(DESCRIPTIVE_PREFIXES)]


def is_chrome(el: HtmlElement, *, in_article: bool = False) -> bool:
    """True when the element itself is marked as site chrome (not looking at ancestors).
    `in_article`: the element sits in an article container, where ARTICLE_OWN_TAGS are content."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in NEVER_CHROME_TAGS:
        return False
    if tag in CHROME_TAGS and not (in_article and tag in ARTICLE_OWN_TAGS):
        return True
    if (el.get("role") or "").lower() in ROLES:
        return True
    for token in _tokens(el):
        if token in CHROME_TOKENS:
            return True
        if any(part in CHROME_WORDS for part in _SPLIT.split(token)):
            return True
    return False


def is_article(el: HtmlElement) -> bool:
    """True when the element is marked as an article container (tag, itemtype or class words)."""
    if el.tag == "article" or ARTICLE_TYPES.search(el.get("itemtype") or ""):
        return True
    raw = f"{el.get('id') or ''} {el.get('class') or ''}".lower().split()
    return any(t in ARTICLE_WORDS or any(p in ARTICLE_WORDS for p in _SPLIT.split(t)) for t in raw)


def in_chrome(el: HtmlElement, top: HtmlElement | None = None) -> bool:
    """True when the element or an ancestor (below `top`) is chrome. The nearest marker wins: an
    article container met first shields it from chrome further up, since some themes wrap the whole
    post in a widget (Blogger's `.widget.Blog`) or a sidebar-named layout column."""
    node: HtmlElement | None = el
    while node is not None and node is not top:
        if is_chrome(node):
            return True
        if is_article(node) and node.tag not in NEVER_CHROME_TAGS:
            return False
        node = node.getparent()
    return False


def is_related_line(text: str) -> bool:
    """A short text that labels itself as a list of other stories."""
    return len(text.split()) <= RELATED_MAX_WORDS and RELATED_LABEL.match(text) is not None


def is_page_frame(el: HtmlElement) -> bool:
    """A header/footer element: chrome when it belongs to the page rather than to the article."""
    return isinstance(el.tag, str) and el.tag in PAGE_FRAME_TAGS


def is_boilerplate_text(text: str) -> bool:
    return any(p.search(text) for p in BOILERPLATE_PATTERNS)
