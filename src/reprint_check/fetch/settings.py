"""How politely and how far the fetch stage may go: one frozen value, built by the CLI from its flags."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from reprint_check import TOOL_NAME, TOOL_URL, __version__

MB = 1_000_000


def default_user_agent() -> str:
    """`reprint-check/<version> (+<url>)`: the product token first, so robots.txt groups can name us."""
    return f"{TOOL_NAME}/{__version__} (+{TOOL_URL})"


@dataclass(frozen=True)
class FetchSettings:
    """Limits for one run. Sizes are bytes, times are seconds.

    `timeout` is a total deadline per page (or image): every redirect hop, attempt and backoff
    wait draws on it, so a server that trickles bytes or keeps failing cannot hold a page longer.
    Running out is not retried, and a backoff wait that would overrun it ends the retries early.
    Time queued for a politeness slot is not charged. `connect_timeout` and `read_timeout`
    (silence between two reads) fail sooner inside it, and those are retried like other network
    errors, at most `retries` times.

    A host is `host:port`: it gets at most `per_host` requests in flight and at least
    `host_interval` seconds between two request starts, whatever `concurrency` allows.
    """

    concurrency: int = 16
    per_host: int = 2
    host_interval: float = 0.5
    timeout: float = 20.0
    connect_timeout: float = 10.0
    read_timeout: float = 15.0
    max_bytes: int = 5 * MB
    max_image_bytes: int = 10 * MB
    max_redirects: int = 10
    retries: int = 3
    backoff_base: float = 0.5
    backoff_cap: float = 10.0
    retry_after_cap: float = 30.0
    user_agent: str = default_user_agent()
    respect_robots: bool = True
    use_cache: bool = True
    cache_dir: Path | None = None

    @property
    def robots_token(self) -> str:
        """The product token matched against robots.txt `User-agent` lines."""
        return self.user_agent.split("/", 1)[0].strip()

    def resolved_cache_dir(self) -> Path:
        """`cache_dir`, or the user's cache folder for reprint-check when unset."""
        if self.cache_dir is not None:
            return self.cache_dir
        return Path(platformdirs.user_cache_dir(TOOL_NAME))


def size_label(n: int) -> str:
    """`5 MB`, `512 KB`, `300 bytes`: sizes as a person reads them in a reason."""
    if n >= MB:
        return f"{round(n / MB, 2):g} MB"
    if n >= 1000:
        return f"{round(n / 1000, 2):g} KB"
    return f"{n} bytes"
