"""A step in a forked child: the same answer as in-process, its error raised here, a dead child not fatal."""

import datetime as dt
import os
import sys

import pandas as pd
import pytest

from graphkit import Settings
from graphkit._parallel import run_aside
from graphkit.analysis import analyze

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


@linux_only
def test_jobs_2_runs_the_step_in_another_process():
    assert run_aside(os.getpid, jobs=2).result() != os.getpid()


def test_jobs_1_runs_the_step_here_when_asked():
    calls = []
    pending = run_aside(calls.append, "x", jobs=1)
    assert calls == []  # deferred until the result is wanted
    assert pending.result() is None
    assert calls == ["x"]
    pending.result()
    assert calls == ["x"]  # once only


@linux_only
def test_error_in_the_child_is_raised_in_the_parent():
    pending = run_aside(int, "not a number", jobs=2)
    with pytest.raises(ValueError, match="not a number"):
        pending.result()


def _dies_in_a_child(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)  # as if killed: no answer comes back
    return "done here"


@linux_only
def test_a_child_that_dies_leaves_the_step_to_the_parent():
    assert run_aside(_dies_in_a_child, os.getpid(), jobs=2).result() == "done here"


@linux_only
def test_analyze_with_two_jobs_equals_one_job():
    from loaders.demo import demo_district

    net = demo_district()
    settings = Settings(as_of=dt.date(2026, 11, 27))
    one = analyze(net, settings=settings, jobs=1)
    two = analyze(net, settings=settings, jobs=2)
    assert len(two.proposals) == len(one.proposals) > 0
    pd.testing.assert_frame_equal(two.proposals, one.proposals)
    pd.testing.assert_frame_equal(two.findings, one.findings)
    assert two.summary == one.summary
