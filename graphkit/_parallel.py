"""Run one independent step in a forked child process while this one goes on.

A city-scale analysis spends most of its time in pure-Python and single-threaded
steps (the proposal programs, building the report), so on a machine with two or
more cores the command line overlaps two of them: the child is a ``fork`` of
this process, so it sees the network without copying or pickling it, and only
its (small) result comes back through a pipe.

Where ``fork`` is not the safe choice (not Linux, one core, ``jobs=1``) the step
simply runs in this process, there and then — the answer is the same either
way. A child that dies without an answer (killed, out of memory) is not fatal
either: the step then runs here.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import warnings
from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["Aside", "default_jobs", "run_aside"]

T = TypeVar("T")


def default_jobs() -> int:
    """How many processes the command line uses by default: 2 on Linux with two or more cores, else 1.

    Examples
    --------
    >>> default_jobs() in (1, 2)
    True
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 if sys.platform.startswith("linux") and cores >= 2 else 1


class Aside(Generic[T]):
    """The pending result of :func:`run_aside`; :meth:`result` waits for it.

    Examples
    --------
    >>> Aside(sum, ([1, 2, 3],), {}).result()
    6
    """

    def __init__(
        self, fn: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any], *, fork: bool = False
    ) -> None:
        self._call = (fn, args, kwargs)
        self._conn: Any = None
        self._proc: Any = None
        self._done = False
        self._value: Any = None
        if fork:
            self._start()
        else:  # in this process, now; an exception waits for result()
            self._value, self._done = self._collect(), True
            self._call = None  # type: ignore[assignment]

    def _start(self) -> None:
        ctx = multiprocessing.get_context("fork")
        for stream in (sys.stdout, sys.stderr):  # or the child would write what is buffered a second time
            if stream is not None:
                stream.flush()
        here, there = ctx.Pipe(duplex=False)
        with warnings.catch_warnings():  # Python >= 3.12 warns on fork() with threads alive (Arrow's pools)
            warnings.filterwarnings("ignore", r".*fork\(\) may lead to deadlocks", DeprecationWarning)
            proc = ctx.Process(target=_child, args=(there, *self._call), daemon=True)
            proc.start()
        there.close()
        self._conn, self._proc = here, proc

    def result(self) -> T:
        """The step's return value (or the exception it raised, raised here)."""
        if not self._done:
            self._value = self._collect()
            self._done = True
            self._call = None  # type: ignore[assignment]
        if isinstance(self._value, _Raised):
            raise self._value.error
        return self._value

    def _collect(self) -> Any:
        fn, args, kwargs = self._call
        if self._proc is not None:
            try:
                status, value = self._conn.recv()
            except (EOFError, OSError):  # the child died without an answer: do the step here
                status, value = None, None
            finally:
                self._conn.close()
                self._proc.join()
            if status == "ok":
                return value
            if status == "raised":
                return _Raised(value)
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # kept to raise from result(), like the child's
            return _Raised(exc)


class _Raised:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def _child(conn: Any, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    try:
        message: tuple[str, Any] = ("ok", fn(*args, **kwargs))
    except Exception as exc:  # sent to the parent, which raises it
        message = ("raised", exc)
    with contextlib.suppress(Exception):  # an answer that cannot be pickled: the parent does the step itself
        conn.send(message)
    conn.close()


def run_aside(fn: Callable[..., T], /, *args: Any, jobs: int = 1, **kwargs: Any) -> Aside[T]:
    """Start ``fn(*args, **kwargs)`` in a forked child when ``jobs > 1`` (Linux), else defer it.

    Parameters
    ----------
    fn
        The step; it must not change anything the parent uses (it runs on a copy
        of this process) and its result must pickle.
    *args, **kwargs
        Passed to ``fn`` as they are (not pickled).
    jobs
        Processes allowed; with 1 (the default), or off Linux, nothing is forked
        and ``fn`` runs here before this returns.

    Returns
    -------
    Aside
        Call ``.result()`` for the value; an exception ``fn`` raised is raised there.

    Examples
    --------
    >>> pending = run_aside(max, 3, 7, jobs=2)
    >>> pending.result()
    7
    >>> run_aside(int, "x", jobs=2).result()
    Traceback (most recent call last):
    ...
    ValueError: invalid literal for int() with base 10: 'x'
    """
    return Aside(fn, args, kwargs, fork=jobs > 1 and sys.platform.startswith("linux"))
