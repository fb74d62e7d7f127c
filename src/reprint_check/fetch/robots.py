"""robots.txt, read the way RFC 9309 says, once per origin per run.

RFC 9309 section 2.3.1: a 4xx robots.txt means "no rules" (allow all); a 5xx or an unreachable
server means "assume complete disallow". Many tools allow on error; we follow the RFC, because a
site that is down or overloaded is the last one to hit harder. `--ignore-robots` overrides.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

# RFC 9309 2.5: parse at least the first 500 KiB, ignore the rest.
ROBOTS_MAX_BYTES = 500 * 1024
# RFC 9309 2.3.1.2: follow at least five consecutive redirects.
ROBOTS_MAX_REDIRECTS = 5
DISALLOWED = "disallowed by robots.txt"


@dataclass(frozen=True)
class RobotsRules:
    """One origin's rules. `blocked` explains a disallow-all that comes from an error, not a rule."""

    parser: Protego | None = None
    blocked: str | None = None
    down: str | None = None  # the site did not answer at all: the network error, not a rule

    def denial(self, url: str, token: str) -> str | None:
        """Why `url` may not be fetched, or None when it may."""
        if self.down is not None:
            return f"{self.down} (while reading robots.txt)"
        if self.blocked is not None:
            return f"{DISALLOWED}: {self.blocked}, which RFC 9309 treats as disallow-all"
        if self.parser is not None and not self.parser.can_fetch(url, token):
            return DISALLOWED
        return None


def rules_from_answer(status: int, body: bytes) -> RobotsRules:
    """Rules for a robots.txt answer: parsed on 2xx, none on 4xx (or anything odd), block on 5xx."""
    if 200 <= status < 300:
        return RobotsRules(parser=Protego.parse(body.decode("utf-8", errors="replace")))
    if status >= 500:
        return RobotsRules(blocked=f"robots.txt answered HTTP {status}")
    return RobotsRules()


def unreachable(detail: str, *, site_down: bool = False) -> RobotsRules:
    """Disallow-all after robots.txt could not be fetched. When the site itself did not answer
    (`site_down`), the reason is that network error: "disallowed" would read as a rule the site set."""
    if site_down:
        return RobotsRules(down=detail)
    return RobotsRules(blocked=f"robots.txt could not be fetched ({detail})")


def robots_url(url: str) -> str:
    """`https://example.org:8443/a/b?c` -> `https://example.org:8443/robots.txt`."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}/robots.txt"


class RobotsCache:
    """Loads each origin's rules once; concurrent pages of one origin wait for the same load."""

    def __init__(self, load: Callable[[str], Awaitable[RobotsRules]]) -> None:
        self._load = load
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def rules_for(self, url: str) -> RobotsRules:
        where = robots_url(url)
        async with self._locks.setdefault(where, asyncio.Lock()):
            if where not in self._rules:
                self._rules[where] = await self._load(where)
            return self._rules[where]
