"""How the command line's process allocates memory: freed memory is kept for the next array.

A ``graphkit analyze`` run makes thousands of column-sized temporaries: NumPy
arrays and pandas columns (from the C library's ``malloc``) and Arrow buffers
(from Arrow's own memory pool). By default glibc hands every block of 32 MiB or
more straight back to the system when it is freed, and shrinks its heap as soon
as 128 KiB lie free at the top, so the next array of the same size is new memory
again: each of its pages is faulted in and zeroed by the kernel. On a virtual
machine that reports freed memory to its host this costs about 3 s of system
time per GiB, and at ten million units nearly every array is such a block.

:func:`keep_freed_memory` asks glibc (through ``mallopt``, its public tuning
call) to serve large blocks from its heap and to keep freed memory in the
process, so the next temporary reuses pages that are already there. Arrow keeps
pyarrow's default pool (mimalloc), which holds freed pages for a while on its
own. These are process-wide choices, so the command line makes them for its own
process; the library never does. A notebook working on millions of units may
call the function itself, first thing.

Nothing is changed when the environment already tunes glibc's allocator
(``MALLOC_MMAP_THRESHOLD_``, ``MALLOC_TRIM_THRESHOLD_``, ``MALLOC_TOP_PAD_`` or
``GLIBC_TUNABLES``), or where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import os
import sys

__all__ = ["keep_freed_memory", "return_freed_memory"]

#: ``mallopt`` parameter numbers from glibc's ``<malloc.h>``
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3

#: blocks below this size come from the heap (the most ``mallopt`` takes: its argument is a C int)
MMAP_THRESHOLD = 2**31 - 1
#: the heap is shrunk only when this much lies free at its top
TRIM_THRESHOLD = 2**31 - 1

_USER_SETTINGS = ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "GLIBC_TUNABLES")


def keep_freed_memory() -> bool:
    """Keep freed memory in this process for the next array (glibc only); return whether it was set.

    Process-wide and lasting: call it once, at the start of a long run. Peak
    memory rises a little (about 15% at a million units), since freed blocks
    are kept rather than returned.

    Returns
    -------
    bool
        ``True`` when glibc took both settings; ``False`` on another C
        library, another system, or when the environment sets glibc's
        allocator itself.

    Examples
    --------
    >>> import platform
    >>> from graphkit.cli.memory import keep_freed_memory
    >>> keep_freed_memory() == (platform.libc_ver()[0] == "glibc")  # with no MALLOC_* settings
    True

    """
    if not sys.platform.startswith("linux") or any(os.environ.get(k) for k in _USER_SETTINGS):
        return False
    libc = ctypes.CDLL(None)  # the symbols this process has loaded, the C library's among them
    if not hasattr(libc, "gnu_get_libc_version") or not hasattr(libc, "mallopt"):
        return False  # not glibc: musl's mallopt, for one, does nothing
    mallopt = libc.mallopt
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    heap = bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))
    kept = heap and bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    global _kept
    _kept = _kept or kept
    return kept


#: whether :func:`keep_freed_memory` changed this process's allocator
_kept = False


def return_freed_memory() -> bool:
    """Give the memory freed so far back to the system, once, between the steps of a long run.

    After :func:`keep_freed_memory` the heap keeps every page it ever held, and
    the blocks freed between long-lived arrays cannot be given back by
    shrinking its top. At the end of a step (the ledger read, the analyses
    done) glibc's ``malloc_trim`` returns every whole free page, wherever it
    lies, so that the next step starts from the memory really in use: at ten
    million units the command line's peak fell by about 4 GB. Does nothing
    (and returns ``False``) unless :func:`keep_freed_memory` took effect.

    Returns
    -------
    bool
        Whether glibc gave memory back.

    Examples
    --------
    >>> from graphkit.cli.memory import return_freed_memory
    >>> return_freed_memory() in (True, False)
    True

    """
    if not _kept:
        return False
    libc = ctypes.CDLL(None)
    trim = libc.malloc_trim
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return bool(trim(0))
