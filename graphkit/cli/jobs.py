"""Processes for the command line: a one-worker pool for the steps that can run aside.

A city-scale analysis spends most of its time in single-threaded steps, so on a
machine with two or more cores the command line overlaps two of them: the
proposals are solved by a worker while this process finds everything else, and
the CSV files, ``report.xlsx`` and the charts are written by the worker while
this process renders the page. The library only sees a
:class:`concurrent.futures.Executor`; choosing processes is the command line's
business, for its own process only.

The worker comes from a ``forkserver`` (``spawn`` where there is none): a clean
single-threaded process, never a fork of this one while Arrow's threads run.
It imports the analyses and report writers as soon as it starts, while this
process is still reading the ledger.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

__all__ = ["default_jobs", "worker_pool"]

#: Modules the worker imports before its first task.
WARM_MODULES = ("graphkit.analysis", "graphkit.report")


def default_jobs() -> int:
    """How many processes the command line uses by default: 2 with two or more cores, else 1.

    Examples
    --------
    >>> default_jobs() in (1, 2)
    True
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 if cores >= 2 else 1


def _warm_up() -> None:
    import importlib

    for name in WARM_MODULES:
        importlib.import_module(name)


@contextlib.contextmanager
def worker_pool(jobs: int) -> Iterator[Executor | None]:
    """A one-worker process pool when ``jobs`` is 2 or more, else ``None`` (work here).

    Examples
    --------
    >>> with worker_pool(1) as pool:
    ...     pool is None
    True
    >>> with worker_pool(2) as pool:
    ...     pool.submit(max, 3, 7).result()
    7
    """
    if jobs < 2:
        yield None
        return
    methods = multiprocessing.get_all_start_methods()
    method = "forkserver" if "forkserver" in methods and sys.platform != "darwin" else "spawn"
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method))
    try:
        pool.submit(_warm_up)  # starts the worker now, while the ledger is being read
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
