"""Parallel work of the command line: one worker thread for the steps that can run aside.

A city-scale analysis has two long steps that do not depend on what runs
beside them: the proposals (solved mostly inside numpy, Arrow and HiGHS, which
release the GIL) while the findings are gathered, and the CSV files,
``report.xlsx`` and charts while the page is rendered. The library only sees
a :class:`concurrent.futures.Executor` (``analyze(..., executor=)``,
``write_outputs(..., executor=)``); choosing threads is the command line's
business. A thread shares the network instead of pickling it to another
process, and changes nothing process-wide.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor

__all__ = ["default_jobs", "worker_pool"]


def default_jobs() -> int:
    """How many workers the command line uses by default: 2 with two or more cores, else 1.

    Examples
    --------
    >>> default_jobs() in (1, 2)
    True
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 if cores >= 2 else 1


@contextlib.contextmanager
def worker_pool(jobs: int) -> Iterator[Executor | None]:
    """One worker thread beside this one when ``jobs`` is 2 or more, else ``None`` (work here).

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
    with ThreadPoolExecutor(max_workers=jobs - 1, thread_name_prefix="graphkit") as pool:
        yield pool
