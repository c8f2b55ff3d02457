"""The command line keeps freed memory in its process (glibc's allocator, through ``mallopt``).

Each case runs in a fresh interpreter: the setting is process-wide and lasting.
``mallinfo2`` (glibc 2.33+) tells where a 128 MiB block came from: ``hblkhd``
counts bytes in blocks mapped on their own, handed back to the system when
freed (the probe takes its growth over the block's allocation); ``arena`` is
the heap, which keeps freed memory for the next block.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="glibc's allocator only",
)

PROBE = """
import ctypes, json, sys
import numpy as np
{call}

class Info(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]

libc = ctypes.CDLL("libc.so.6")
libc.mallinfo2.restype = Info
before = libc.mallinfo2()
block = np.ones(2**24)  # 128 MiB
held = libc.mallinfo2()
del block
freed = libc.mallinfo2()
print(json.dumps({{"tuned": tuned, "mapped": held.hblkhd - before.hblkhd, "heap_after_free": freed.arena}}))
"""

MiB = 2**20


def _probe(call: str, probe: str = PROBE, **env: str) -> dict[str, object]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_") and k != "GLIBC_TUNABLES"}
    done = subprocess.run(
        [sys.executable, "-c", probe.format(call=call)],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_large_blocks_come_from_the_heap_and_stay_after_free():
    got = _probe("from graphkit.cli.memory import keep_freed_memory\ntuned = keep_freed_memory()")
    assert got["tuned"] is True
    assert got["mapped"] == 0  # not a mapping of its own ...
    assert got["heap_after_free"] >= 128 * MiB  # ... and still in the process once freed


def test_without_the_setting_glibc_maps_large_blocks_on_their_own():
    # the probe can fail: this is what the setting changes
    got = _probe("tuned = None")
    assert got["mapped"] >= 128 * MiB
    assert got["heap_after_free"] < 128 * MiB


def test_a_user_setting_in_the_environment_wins():
    got = _probe(
        "from graphkit.cli.memory import keep_freed_memory\ntuned = keep_freed_memory()",
        MALLOC_TRIM_THRESHOLD_="131072",
    )
    assert got["tuned"] is False
    assert got["mapped"] >= 128 * MiB


def test_the_command_line_makes_the_setting(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import contextlib, io, json, sys\n"
        "from unittest import mock\n"
        "from graphkit import cli\n"
        "with mock.patch.object(cli, 'keep_freed_memory', wraps=cli.keep_freed_memory) as keep:\n"
        "    with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "        cli.main(['--version'])\n"
        "print(json.dumps(keep.call_count))\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(probe)], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == 1


RETURN_PROBE = """
import json
import numpy as np
from graphkit.cli.memory import keep_freed_memory, return_freed_memory

def resident():  # bytes resident in this process
    with open("/proc/self/status") as f:
        return int(next(line for line in f if line.startswith("VmRSS")).split()[1]) * 1024

{call}
block = np.ones(2**25)  # 256 MiB, every page touched
after = np.ones(2**10)  # a block behind it: shrinking the heap's top cannot give it back
del block
held = resident()
given = return_freed_memory()
print(json.dumps({{"given": given, "fell": held - resident()}}))
"""


def test_freed_memory_inside_the_heap_goes_back_when_asked():
    got = _probe("keep_freed_memory()", RETURN_PROBE)
    assert got["given"] is True
    assert got["fell"] >= 255 * MiB


def test_returning_memory_does_nothing_without_the_setting():
    got = _probe("", RETURN_PROBE)
    assert got["given"] is False
    assert abs(got["fell"]) < 16 * MiB  # glibc unmapped the block on free already
