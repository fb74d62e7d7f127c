"""When to try again and how long to wait: exponential backoff with full jitter, or the server's word.

Small enough to own: a retry library would still need our Retry-After cap and our idea of which
answers are worth a second try.
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime

# Overload and gateway trouble pass; every other 4xx/5xx would answer the same again.
RETRY_STATUSES = frozenset({429, 502, 503, 504})


def backoff(attempt: int, *, base: float, cap: float) -> float:
    """Full jitter: uniform in [0, min(cap, base * 2**attempt)], so retrying clients spread out."""
    return random.uniform(0.0, min(cap, base * 2**attempt))


def retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds the server asked us to wait (delta-seconds or an HTTP date), or None if it did not say."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return _seconds_until(value, time.time() if now is None else now)
    return max(0.0, seconds)


def _seconds_until(http_date: str, now: float) -> float | None:
    try:
        when = parsedate_to_datetime(http_date).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - now)


def retry_delay(
    attempt: int, headers: Mapping[str, str], *, base: float, cap: float, retry_after_cap: float
) -> float:
    """The wait before attempt `attempt + 1`: Retry-After when given (capped), else backoff."""
    asked = retry_after(headers)
    if asked is not None:
        return min(asked, retry_after_cap)
    return backoff(attempt, base=base, cap=cap)
