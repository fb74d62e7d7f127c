"""CorePool: calls run in worker processes, and pinned calls share one worker's state."""

from __future__ import annotations

import asyncio
import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from reprint_check.pool import MAX_DEATHS, MIN_POOL_PAGES, CorePool, pool_size


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


def _die_once(marker: str, x: int) -> int:
    """Kills its worker the first time it runs anywhere (the marker file remembers), then works."""
    if not os.path.exists(marker):
        Path(marker).touch()
        os._exit(1)
    return x * 2


def _always_die(shared: int, x: int) -> int:
    os._exit(1)


async def _one(fn: object, shared: object, x: int, workers: int = 1) -> object:
    async with CorePool(fn, shared, workers=workers) as pool:  # type: ignore[arg-type]
        return await pool.run(x)


def test_a_call_whose_worker_dies_is_retried_once_in_a_fresh_worker(tmp_path: Path) -> None:
    assert asyncio.run(_one(_die_once, str(tmp_path / "died"), 21)) == 42


def test_a_call_that_kills_every_worker_is_reported() -> None:
    with pytest.raises(BrokenProcessPool):
        asyncio.run(_one(_always_die, 0, 1))


class _NoWorkerCanLoadThis:
    """Unpickling fails in any process but the one that made it: workers can never start."""

    def __init__(self) -> None:
        self.pid = os.getpid()

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return (_only_in, (self.pid,))


def _only_in(pid: int) -> _NoWorkerCanLoadThis:
    if os.getpid() != pid:
        raise RuntimeError("cannot be loaded in a worker")
    return _NoWorkerCanLoadThis()


def _pid_of_caller(shared: _NoWorkerCanLoadThis, x: int) -> tuple[int, int]:
    return os.getpid(), x


async def _several(shared: _NoWorkerCanLoadThis, calls: int) -> list[object]:
    results: list[object] = []
    async with CorePool(_pid_of_caller, shared, workers=2) as pool:
        for i in range(calls):
            try:
                results.append(await pool.run(i))
            except BrokenProcessPool as exc:
                results.append(exc)
    return results


def test_workers_that_cannot_start_fall_back_to_the_main_process(caplog: pytest.LogCaptureFixture) -> None:
    results = asyncio.run(_several(_NoWorkerCanLoadThis(), calls=6))
    # Each call tries two workers, so the first MAX_DEATHS // 2 calls are lost; the rest run here.
    lost = MAX_DEATHS // 2
    assert all(isinstance(r, BrokenProcessPool) for r in results[:lost])
    assert results[lost:] == [(os.getpid(), i) for i in range(lost, 6)]
    assert "judging pages in the main process" in caplog.text


async def _rebound() -> list[tuple[int, int]]:
    async with CorePool(_pid_and_sum, 10, workers=2) as pool:
        first = [await pool.run(1), await pool.run(1)]
        pool.rebind(100)
        second = [await pool.run(1), await pool.run(1)]
    return first + second


def test_rebind_moves_the_same_workers_to_a_new_shared_value() -> None:
    results = asyncio.run(_rebound())
    assert [value for _, value in results] == [11, 11, 101, 101]
    before, after = {pid for pid, _ in results[:2]}, {pid for pid, _ in results[2:]}
    assert after <= before and os.getpid() not in before, "no new worker was started"


def _sum_or_die(shared: int, x: int) -> int:
    if x < 0:
        os._exit(1)
    return shared + x


async def _rebound_then_crash() -> list[object]:
    out: list[object] = []
    async with CorePool(_sum_or_die, 10, workers=1) as pool:
        out.append(await pool.run(1))
        pool.rebind(100)
        try:
            await pool.run(-1)
        except BrokenProcessPool as exc:
            out.append(type(exc).__name__)
        out.append(await pool.run(1))  # the replacement worker knows the new value
    return out


def test_a_worker_replaced_after_a_rebind_gets_the_new_value() -> None:
    assert asyncio.run(_rebound_then_crash()) == [11, "BrokenProcessPool", 101]
