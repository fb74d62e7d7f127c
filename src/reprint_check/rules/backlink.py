"""backlink: a visible link in the article or its frame to the source article, or (when the policy
allows) to any page on the publisher's domains.

Hidden links (`hidden`, inline display:none/visibility:hidden, or inside such an element) do not
count. rel=nofollow/ugc/sponsored gives the policy's `nofollow` status (warn by default).

    pass:  <p>First published by <a href="https://publisher.com/story">Publisher</a></p>
    fail:  <p>First published by <a href="https://publisher.com.mirror.net/story">Publisher</a></p>
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from reprint_check.match.scope import iter_links
from reprint_check.models import Evidence
from reprint_check.page.dom import is_hidden, iter_elements, snippet, text_of
from reprint_check.page.paths import css_path
from reprint_check.rules.interface import NofollowPolicy, Outcome, RuleContext, RuleOptions
from reprint_check.rules.links import host_of, is_publisher_host, looks_alike, rel_flags, url_key, url_path
from reprint_check.rules.places import describe

ID = "backlink"
MAX_EVIDENCE = 5  # links of each kind shown when none counts


class Options(RuleOptions):
    target: Literal["article", "domain"] = "domain"
    nofollow: NofollowPolicy = "warn"


def _evidence(ctx: RuleContext, a: HtmlElement, href: str, note: str | None = None) -> Evidence:
    return Evidence(
        kind="link",
        snippet=snippet(text_of(a)) or None,
        href=href,
        path=css_path(a),
        where=ctx.scope.position(a),
        note=note,
    )


def _targets_source(ctx: RuleContext, href: str, options: Options) -> bool:
    """A link to the publisher's site (target "domain"), or to the source article itself: the same
    URL up to scheme, www, query and trailing slash, or its path on another of the publisher's
    hosts (`m.`, `amp.`)."""
    on_site = is_publisher_host(host_of(href), ctx.identity.domains)
    if options.target == "domain" and on_site:
        return True
    src = ctx.source
    urls = [u for u in (src.canonical_url, src.final_url, src.url) if u]
    if url_key(href) in {url_key(u) for u in urls}:
        return True
    path = url_path(href)
    return on_site and bool(path) and path in {url_path(u) for u in urls}


def check(ctx: RuleContext, options: Options) -> Outcome:
    want = "the source article" if options.target == "article" else "the publisher's site"
    flagged: list[Evidence] = []
    rejected: list[Evidence] = []
    for a in iter_links(ctx.scope):
        href = ctx.doc.resolve(a.get("href") or "")
        kind, note = _classify(ctx, options, a, href)
        if kind == "good":
            ev = _evidence(ctx, a, href)
            return Outcome("pass", f"Links to {want} {ev.where}.", (ev,))
        found = flagged if kind == "flagged" else rejected
        if kind != "other" and len(found) < MAX_EVIDENCE:  # a page of 100,000 links stays linear
            found.append(_evidence(ctx, a, href, note))
    if flagged:
        return _nofollow(options, want, flagged)
    return Outcome(
        "fail", _fail_message(want, rejected), (_looked_for(ctx, options), *rejected, *_outside(ctx, options))
    )


def _classify(
    ctx: RuleContext, options: Options, a: HtmlElement, href: str
) -> tuple[Literal["good", "flagged", "rejected", "other"], str | None]:
    """What one link in the frame is worth, with the note its evidence carries."""
    if urlsplit(href).scheme not in ("http", "https"):
        return "other", None
    raw = a.get("href") or ""
    if not _targets_source(ctx, href, options):
        if looks_alike(host_of(href), raw, ctx.identity.domains):
            return "rejected", _near_miss(ctx, raw, href)
        return "other", None
    if is_hidden(a):
        return "rejected", "hidden: not visible to readers"
    if flags := rel_flags(a.get("rel")):
        return "flagged", f"rel={' '.join(flags)}"
    return "good", None


def _nofollow(options: Options, want: str, flagged: list[Evidence]) -> Outcome:
    status = options.nofollow
    note = flagged[0].note
    if status == "pass":
        return Outcome("pass", f"Links to {want} ({note}, accepted by the policy).", tuple(flagged))
    message = f"The only link to {want} carries {note}, which tells search engines not to credit it."
    return Outcome(status, message, tuple(flagged), severity="warning" if status == "warn" else None)


def _fail_message(want: str, rejected: list[Evidence]) -> str:
    message = f"No visible link to {want} in or around the article."
    if rejected:
        message += f" Not counted: {rejected[0].href} ({rejected[0].note})."
    return message


def _near_miss(ctx: RuleContext, raw: str, href: str) -> str:
    if is_publisher_host(host_of(href), ctx.identity.domains):
        return "another page of the publisher's site, not the source article"
    if "://" not in raw and not raw.startswith("//"):
        return f"relative link: resolves to {href}, not the publisher's site"
    return f"look-alike host {host_of(href)!r} is not the publisher's domain"


def _looked_for(ctx: RuleContext, options: Options) -> Evidence:
    wanted = ctx.source.canonical_url if options.target == "article" else " | ".join(ctx.identity.domains)
    return Evidence(kind="looked-for", url=wanted, path=css_path(ctx.scope.container))


def _outside(ctx: RuleContext, options: Options) -> list[Evidence]:
    """Links to the publisher elsewhere on the page, which do not count."""
    found: list[Evidence] = []
    for a in iter_elements(ctx.doc.root):
        if a.tag != "a" or a in ctx.scope.members or len(found) >= 3:
            continue
        href = ctx.doc.resolve(a.get("href") or "")
        if _targets_source(ctx, href, options):
            ev = _evidence(ctx, a, href, "outside the article: does not count")
            found.append(replace(ev, where=describe(a)))
    return found
