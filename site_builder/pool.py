"""Running a job over many items in forked worker processes, a chunk at a time.

A job is any callable taking a list of item indices and returning a list of results; the
build's are small frozen objects holding what the work needs (load.ReadJob, outputs.RenderJob).
Workers are forked after the job exists, so they inherit it instead of receiving it pickled;
only results travel back. Too few items for a pool to pay are done in this process.
"""

from __future__ import annotations

import signal
from typing import Callable, Iterator, TypeVar

PARALLEL_THRESHOLD = 300   # below this many items a process pool costs more than it saves

Result = TypeVar("Result")
Job = Callable[[list[int]], list[Result]]

# The job the workers of the running pool call. It is set only while map_chunks runs: a fork
# copies it into every worker, which is the point (nothing is pickled but the chunk of indices).
_RUNNING: list[Callable[[list[int]], list]] = []

_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


def in_parallel(jobs: int, count: int) -> bool:
    """Whether count items are worth a pool of worker processes."""
    return jobs > 1 and count >= PARALLEL_THRESHOLD


def map_chunks(job: Job, items: list[int], jobs: int) -> Iterator[list[Result]]:
    """job's results over items, a chunk at a time as workers finish them (one chunk, in this
    process, when there are too few items for a pool to pay)."""
    if not in_parallel(jobs, len(items)):
        yield job(items)
        return
    # Interleaved chunks: neighbouring items cost alike (an edition's pages, a term's pages).
    chunks = [items[start::jobs * 8] for start in range(jobs * 8)]
    import multiprocessing   # only parallel builds need it

    _RUNNING.append(job)
    try:
        # Blocked while the pool forks its workers and starts its threads (any worker it forks
        # later, from those threads, inherits the block too); each worker unblocks in _quiet_worker.
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
        try:
            pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_quiet_worker)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        with pool:
            yield from pool.imap_unordered(_run_chunk, [c for c in chunks if c])
    finally:
        # Only this call's job: a generator abandoned half-way is closed whenever it is collected,
        # maybe after a later call has started.
        _RUNNING.remove(job)


def _run_chunk(chunk: list[int]) -> list:
    """In a worker: the running job over one chunk (the job came with the fork)."""
    return _RUNNING[-1](chunk)


def _quiet_worker() -> None:
    """A worker leaves interrupts to the parent, which ends the pool: Ctrl-C would otherwise print
    a KeyboardInterrupt traceback per worker, and so would the pool's own SIGTERM where the parent
    (serve) turns SIGTERM into KeyboardInterrupt and the fork inherited that handler. The workers
    are forked with both signals blocked (see map_chunks), so none lands before this has run.
    (From the publish branch's implementation of issue 12 §3.)"""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)
