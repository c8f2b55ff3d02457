"""Parallel work of the command line: long independent steps in a forked worker process.

A city-scale analysis has long steps that do not depend on what runs beside
them: the proposals and the network diagram of ``report.html`` (while the
findings are gathered; the diagram starts as soon as the coverage is known),
and ``report.xlsx`` and the charts (while the CSV files and the page are
written). Both are mostly
single-threaded Python, so threads would only take turns; a process runs them
truly beside this one.

The library only sees a :class:`concurrent.futures.Executor`
(``analyze(..., executor=)``, ``write_outputs(..., executor=)``); choosing
processes, and how to start them, is the command line's business for its own
process. :class:`ForkExecutor` starts one ``fork`` of this process per step,
through :class:`concurrent.futures.ProcessPoolExecutor`: the step's arguments
(a network of a million units) are inherited, not pickled, and only its result
comes back. Where ``fork`` is not available (not Linux) the command line works
in one process; the answer is the same either way.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from graphkit.kernels import usable_cores

__all__ = ["ForkExecutor", "default_jobs", "worker_pool"]

#: The call a forked worker was started for: set in the worker by its initializer.
_HELD: list[tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = []


def default_jobs() -> int:
    """How many processes the command line uses by default: 2 on Linux with two or more cores, else 1.

    Examples
    --------
    >>> default_jobs() in (1, 2)
    True
    """
    return 2 if usable_cores() >= 2 and _can_fork() else 1


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _hold(call: tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]) -> None:
    _HELD.append(call)


def _run_held() -> Any:
    fn, args, kwargs = _HELD.pop()
    return fn(*args, **kwargs)


class ForkExecutor(Executor):
    """Run each submitted call in a fork of this process made for it.

    The fork inherits the call and its arguments, so nothing large is pickled;
    the result must pickle. A worker that dies without an answer (killed, out
    of memory) is not fatal: the call then runs in this process.

    Examples
    --------
    >>> with ForkExecutor() as pool:
    ...     pool.submit(max, 3, 7).result()
    7
    """

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        """Start ``fn(*args, **kwargs)`` in a new forked worker; return its future."""
        for stream in (sys.stdout, sys.stderr):  # or the worker would write what is buffered again
            if stream is not None:
                stream.flush()
        pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_hold,
            initargs=((fn, args, kwargs),),
        )
        with warnings.catch_warnings():  # Python >= 3.12 warns on fork() with threads alive (Arrow's pools)
            warnings.filterwarnings("ignore", r".*fork\(\) may lead to deadlocks", DeprecationWarning)
            inner = pool.submit(_run_held)
        pool.shutdown(wait=False)  # the worker finishes this call, then exits
        outer: Future[Any] = Future()

        def settle(done: Future[Any]) -> None:
            try:
                outer.set_result(done.result())
            except BrokenProcessPool:  # the worker died without an answer: do the step here
                try:
                    outer.set_result(fn(*args, **kwargs))
                except Exception as exc:  # raised from result(), like the worker's
                    outer.set_exception(exc)
            except Exception as exc:  # the step's own error, raised from result()
                outer.set_exception(exc)

        inner.add_done_callback(settle)
        return outer


@contextlib.contextmanager
def worker_pool(jobs: int) -> Iterator[Executor | None]:
    """A :class:`ForkExecutor` when ``jobs`` is 2 or more and ``fork`` exists, else ``None`` (work here).

    Examples
    --------
    >>> with worker_pool(1) as pool:
    ...     pool is None
    True
    """
    if jobs < 2 or not _can_fork():
        yield None
        return
    with ForkExecutor() as pool:
        yield pool
