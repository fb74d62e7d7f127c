"""Who may send a request now: a global cap, a per-host cap and a per-host gap between starts.

Every request of a run (pages, images, robots.txt) takes a slot here, so one slow or strict host
never starves the others and never gets more than its share.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


@dataclass
class _Host:
    in_flight: asyncio.Semaphore
    # Held while waiting for a start time, so two requests to a host never start closer than the gap.
    gate: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_start: float = float("-inf")


class Budget:
    """Slots for requests; `async with budget.slot("example.org:443"):` around each one."""

    def __init__(self, *, concurrency: int, per_host: int, host_interval: float) -> None:
        self._global = asyncio.Semaphore(max(1, concurrency))
        self._per_host = max(1, per_host)
        self._interval = max(0.0, host_interval)
        self._hosts: dict[str, _Host] = {}

    def _host(self, key: str) -> _Host:
        if key not in self._hosts:
            self._hosts[key] = _Host(asyncio.Semaphore(self._per_host))
        return self._hosts[key]

    @asynccontextmanager
    async def slot(self, host_key: str) -> AsyncIterator[None]:
        """Wait for the host's share, its gap since the last start, then a global slot.

        The gap is waited for *before* taking a global slot, so a polite wait on one host does
        not hold up requests to others.
        """
        host = self._host(host_key)
        async with host.in_flight:
            async with host.gate:
                await asyncio.sleep(max(0.0, host.last_start + self._interval - time.monotonic()))
                await self._global.acquire()
                host.last_start = time.monotonic()
            try:
                yield
            finally:
                self._global.release()
