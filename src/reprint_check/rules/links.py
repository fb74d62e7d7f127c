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


def ascii_host(host: str) -> str:
    """The host as browsers send it: an internationalised name in its punycode form
    (`сайт.рф` -> `xn--80aswg.xn--p1ai`), lowercased, without a trailing dot."""
    host = host.lower().rstrip(".")
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def is_publisher_host(host: str, domains: tuple[str, ...]) -> bool:
    """Exact host or a subdomain: `news.publisher.com` is the publisher, `publisher.com.other.net`
    and `notpublisher.com` are not. Unicode and punycode spellings of a name are the same host."""
    host = bare_domain(ascii_host(host))
    return any(host == d or host.endswith("." + d) for d in (bare_domain(ascii_host(x)) for x in domains))


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
