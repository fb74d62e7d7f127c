"""Every core for the CPU-bound part of a run, while the network side stays async in the main process.

`CorePool(fn, shared, workers=n)` runs `fn(shared, *args)` in worker processes: `shared` (the prepared
source) crosses once per worker, then only plain values per call; the pipeline keeps lxml trees inside
`fn`, so they never leave a worker. `rebind(shared)` points the same workers at the next source, so an
audit of many sources starts its workers once. With 0 workers it calls `fn` in-process, as small runs should,
since starting workers (a fresh interpreter importing lxml) costs more than it saves.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

S = TypeVar("S")
P = ParamSpec("P")
R = TypeVar("R")

# Below this many pages, worker start-up outweighs the gain.
MIN_POOL_PAGES = 48
# Workers lost in a row (none succeeding in between) before judging moves into the main process:
# workers that cannot even start (no importable __main__) must not turn every page into an error.
MAX_DEATHS = 4

log = logging.getLogger(__name__)

_worker_fn: Callable[..., Any] | None = None
_worker_shared: Any = None
_worker_generation = -1


def pool_size(pages: int) -> int:
    """Worker processes for a run of `pages` copies: one per usable core, none for small runs."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores if cores > 1 and pages >= MIN_POOL_PAGES else 0


def _start_worker(fn: Callable[..., Any], generation: int, shared: Any) -> None:
    global _worker_fn, _worker_shared, _worker_generation
    _worker_fn, _worker_generation, _worker_shared = fn, generation, shared


def _call_in_worker(bound: tuple[int] | tuple[int, Any], *args: Any, **kwargs: Any) -> Any:
    """`bound` is (generation,) while the worker's shared value is current, or (generation, shared)
    the first time after a rebind."""
    global _worker_shared, _worker_generation
    if len(bound) == 2:
        _worker_generation, _worker_shared = bound
    assert _worker_fn is not None and _worker_generation == bound[0], "the pool sends its shared value first"
    return _worker_fn(_worker_shared, *args, **kwargs)


def _context() -> multiprocessing.context.BaseContext:
    # Not fork: the main process runs an event loop and the HTTP cache's threads. Not forkserver:
    # its server would be one more process in memory, and workers import their modules anyway.
    return multiprocessing.get_context("spawn")


class CorePool(Generic[S, P, R]):
    """`async with CorePool(fn, shared, workers=n) as pool:`, then `await pool.run(*args)`, or
    `async with pool.pinned() as run:` to send several calls to the same worker, so that `fn` can
    keep state between them (the pipeline keeps a parsed page while its images are fetched)."""

    def __init__(self, fn: Callable[Concatenate[S, P], R], shared: S, *, workers: int) -> None:
        self._fn = fn
        self._shared = shared
        self._generation = 0  # bumped by rebind; each worker knows the one it has
        # One single-process executor per worker: a pool of them could not pin calls to one process.
        self._executors = [self._start() for _ in range(workers)]
        self._has = [self._generation] * workers
        self._busy = [0] * workers
        self._deaths = 0  # workers lost since a call last succeeded

    @property
    def workers(self) -> int:
        return len(self._executors)

    def rebind(self, shared: S) -> None:
        """Later calls get `shared`; call it between batches, with no call in flight."""
        self._shared = shared
        self._generation += 1

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=1,
            mp_context=_context(),
            initializer=_start_worker,
            initargs=(self._fn, self._generation, self._shared),
        )

    async def run(self, *args: P.args, **kwargs: P.kwargs) -> R:
        async with self.pinned() as call:
            return await call(*args, **kwargs)

    @asynccontextmanager
    async def pinned(self) -> AsyncIterator[Callable[P, Awaitable[R]]]:
        """A function whose calls all run in one worker, the least busy one when it was chosen."""
        if not self._executors:
            yield self._inline
            return
        i = min(range(len(self._executors)), key=self._busy.__getitem__)
        self._busy[i] += 1
        try:
            yield functools.partial(self._in_worker, i)
        finally:
            self._busy[i] -= 1

    async def _inline(self, *args: P.args, **kwargs: P.kwargs) -> R:
        return self._fn(self._shared, *args, **kwargs)

    async def _in_worker(self, i: int, *args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(2):
            if not self._executors:  # workers could not be kept alive: judge here
                return await self._inline(*args, **kwargs)
            executor = self._executors[i]
            # A worker runs its calls in order, so the first call after a rebind carries the value.
            fresh = self._has[i] == self._generation
            bound = (self._generation,) if fresh else (self._generation, self._shared)
            self._has[i] = self._generation
            call = functools.partial(_call_in_worker, bound, *args, **kwargs)
            try:
                result: R = await asyncio.get_running_loop().run_in_executor(executor, call)
            except BrokenProcessPool:
                # The worker died (killed, or a crash in a C extension), taking every call in it
                # with it: each gets one more try in a fresh worker, so one bad page costs only
                # itself, and the page that crashes twice is reported.
                self._replace(i, executor)
                if attempt:
                    raise
                continue
            self._deaths = 0
            return result
        raise AssertionError("unreachable")

    def _replace(self, i: int, executor: ProcessPoolExecutor) -> None:
        if self._executors and self._executors[i] is executor:
            executor.shutdown(wait=False, cancel_futures=True)
            self._deaths += 1
            if self._deaths > MAX_DEATHS:
                log.warning("worker processes keep dying; judging pages in the main process")
                for other in self._executors:
                    other.shutdown(wait=False, cancel_futures=True)
                self._executors = []
                return
            self._executors[i] = self._start()
            self._has[i] = self._generation

    async def __aenter__(self) -> CorePool[S, P, R]:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for executor in self._executors:
            executor.shutdown(wait=True, cancel_futures=True)
