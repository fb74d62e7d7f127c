"""Who the copy must credit and link: the policy's publisher, or for generic policies the source
page's own publisher and domain; names and domains given on the command line come first."""

from __future__ import annotations

from urllib.parse import urlsplit

from reprint_check.models import SourceArticle
from reprint_check.rules.interface import Identity
from reprint_check.rules.links import bare_domain
from reprint_check.rules.policy import Policy


def _unique(values: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for v in values:
        v = " ".join(v.split())
        if v and v.lower() not in seen:
            seen[v.lower()] = v
    return tuple(seen.values())


def resolve_identity(
    policy: Policy, source: SourceArticle, names: list[str] | None = None, domains: list[str] | None = None
) -> Identity:
    all_names = list(names or []) + list(policy.publisher.names)
    all_domains = [bare_domain(d.lower().strip()) for d in (domains or []) + policy.publisher.domains]
    if policy.publisher.from_source:
        all_names += [n for n in (source.publisher, source.site_name) if n]
        host = (urlsplit(source.canonical_url).hostname or "").lower()
        if host and urlsplit(source.canonical_url).scheme in ("http", "https"):
            all_domains.append(bare_domain(host))
    all_names += [d for d in all_domains if "." in d]  # a domain written out is a spelling of the name
    return Identity(names=_unique(all_names), domains=_unique(all_domains))
