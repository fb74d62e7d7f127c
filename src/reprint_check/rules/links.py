"""Reading links: where an href really points, and whether a host is the publisher's."""

from __future__ import annotations

from urllib.parse import urlsplit

_NOFOLLOW = frozenset({"nofollow", "ugc", "sponsored"})


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def bare_domain(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def is_publisher_host(host: str, domains: tuple[str, ...]) -> bool:
    """Exact host or a subdomain: `news.publisher.com` is the publisher, `publisher.com.other.net`
    and `notpublisher.com` are not."""
    host = bare_domain(host)
    return any(host == d or host.endswith("." + d) for d in (bare_domain(x.lower()) for x in domains))


def looks_alike(host: str, href: str, domains: tuple[str, ...]) -> bool:
    """A near miss worth showing: the publisher's domain appears in a host or an href that is not it."""
    text = f"{host} {href}".lower()
    return any(bare_domain(d.lower()) in text for d in domains)


def url_key(url: str) -> str:
    """Compare article URLs: no scheme, no www, no query, fragment or trailing slash."""
    parts = urlsplit(url)
    host = bare_domain((parts.hostname or "").lower())
    return host + parts.path.rstrip("/")


def url_path(url: str) -> str:
    try:
        return urlsplit(url).path.rstrip("/")
    except ValueError:
        return ""


def rel_flags(rel: str | None) -> list[str]:
    return [r for r in (rel or "").lower().split() if r in _NOFOLLOW]
