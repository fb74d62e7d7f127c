"""The total time one page may take: every attempt, redirect and backoff wait draws on one budget.

Time spent queued for a politeness slot (another page holds the host, or the host's gap has not
passed) is not charged: a page should not fail because many others share its host.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class DeadlineExceeded(Exception):
    """The page's time ran out while it was on the wire or waiting to retry."""


class Deadline:
    """`seconds` to spend on one page, drawn on by `charged()` blocks."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._spent = 0.0

    def remaining(self) -> float:
        return max(0.0, self.seconds - self._spent)

    @asynccontextmanager
    async def charged(self) -> AsyncIterator[None]:
        """Run the block within what is left; raises DeadlineExceeded when that runs out."""
        started = time.monotonic()
        scope = asyncio.timeout(self.remaining())
        try:
            async with scope:
                yield
        except TimeoutError as exc:
            if not scope.expired():
                raise
            raise DeadlineExceeded from exc
        finally:
            self._spent += time.monotonic() - started

    async def sleep(self, delay: float) -> bool:
        """Wait `delay` seconds if that leaves time for another try; False (no wait) when it does not."""
        if delay >= self.remaining():
            return False
        async with self.charged():
            await asyncio.sleep(delay)
        return True
