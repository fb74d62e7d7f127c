"""CorePool: calls run in worker processes, and pinned calls share one worker's state."""

from __future__ import annotations

import asyncio
import os

from reprint_check.pool import MIN_POOL_PAGES, CorePool, pool_size


def _pid_and_sum(shared: int, x: int) -> tuple[int, int]:
    return os.getpid(), shared + x


async def _pinned_pair(workers: int) -> tuple[tuple[int, int], tuple[int, int]]:
    async with CorePool(_pid_and_sum, 10, workers=workers) as pool, pool.pinned() as call:
        return await call(1), await call(2)


def test_pinned_calls_run_in_one_worker_process() -> None:
    (pid_a, a), (pid_b, b) = asyncio.run(_pinned_pair(workers=2))
    assert (a, b) == (11, 12)
    assert pid_a == pid_b != os.getpid()


def test_no_workers_runs_in_process() -> None:
    (pid_a, a), (pid_b, _) = asyncio.run(_pinned_pair(workers=0))
    assert a == 11
    assert pid_a == pid_b == os.getpid()


def test_small_runs_get_no_workers() -> None:
    assert pool_size(MIN_POOL_PAGES - 1) == 0
