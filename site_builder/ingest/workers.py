"""Process pools for a huge digest (thousands of stories): the one place that forks.

A day's digest is done in-process; past a size where a pool saves more than it costs, the
paragraphs' features (segmentation) and then the stories (headlines, classification) are
computed by worker processes. Every function handed to a pool is pure, so the result is the
same either way; a pool that cannot start or breaks falls back to the plain loop.

Forked workers inherit the parent's memory, so whatever a worker would load lazily on its
first call (the gazetteer, the headline verb lexicon) is
loaded once in the parent before the pool forks (`warm`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

Mapper = Callable[..., Iterable[Any]]   # map(function, items, ...): results in order

MAX_WORKERS = 4
POOL_FAILED = (BrokenProcessPool, OSError)   # a pool that could not start or lost a worker


def worker_count() -> int:
    return min(MAX_WORKERS, os.cpu_count() or 1)


@contextmanager
def pool_map(wanted: bool, chunksize: int, meanwhile: Callable[[], object] | None = None) -> Iterator[Mapper]:
    """map(function, items) in order: a process pool's when wanted and there are 2+ cores,
    else the built-in. `meanwhile` is run here once the work is handed out (the parent's own
    chore while the workers start). The caller catches POOL_FAILED and redoes the work with `map`."""
    workers = worker_count()
    if not wanted or workers < 2:
        yield map
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        def mapper(function: Callable[..., Any], *items: Iterable[Any]) -> Iterable[Any]:
            results = pool.map(function, *items, chunksize=chunksize)
            if meanwhile is not None:
                meanwhile()
            return results
        yield mapper


def warm() -> None:
    """Load in this process what every story's headline needs and a worker would otherwise
    load by itself: the verb lexicon ingest/subedit_verbs.py reads lazily (lemminflect itself is
    loaded only for the rare word the lexicon does not answer for)."""
    from site_builder.ingest.subedit_verbs import preload

    preload()
