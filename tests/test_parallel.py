"""A step in a forked child: the same answer as in-process, its error raised here, a dead child not fatal."""

import datetime as dt
import os
import sys
import zipfile

import pandas as pd
import pytest

from graphkit import Settings
from graphkit._parallel import run_aside
from graphkit.analysis import analyze
from graphkit.cli import main

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


@linux_only
def test_jobs_2_runs_the_step_in_another_process():
    assert run_aside(os.getpid, jobs=2).result() != os.getpid()


def test_jobs_1_runs_the_step_here_and_now():
    calls = []
    pending = run_aside(calls.append, "x", jobs=1)
    assert calls == ["x"]
    assert pending.result() is None
    assert calls == ["x"]  # once only


def test_jobs_1_error_is_raised_by_result():
    pending = run_aside(int, "not a number", jobs=1)
    with pytest.raises(ValueError, match="not a number"):
        pending.result()


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


def _files(folder):
    """Every output's bytes; report.xlsx by part, without the time it was written (docProps/core.xml)."""
    out = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                out |= {f"{path.name}:{n}": book.read(n) for n in book.namelist() if n != "docProps/core.xml"}
        else:
            out[path.name] = path.read_bytes()
    return out


@linux_only
def test_cli_jobs_2_writes_the_same_files_as_jobs_1(tmp_path, capsys):
    import loaders
    from loaders.demo import demo_district

    ledger = tmp_path / "ledger"
    loaders.write_ledger(demo_district(), ledger, format="csv")
    args = ["analyze", str(ledger), "--as-of", "2026-11-27"]
    assert main([*args, "--out", str(tmp_path / "one"), "--jobs", "1"]) == 0
    assert main([*args, "--out", str(tmp_path / "two"), "--jobs", "2"]) == 0
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert {"coverage.csv", "proposals.csv", "summary.json", "report.html"} <= set(one)
    assert len(one["proposals.csv"].splitlines()) > 1
    assert two.keys() == one.keys()
    assert [name for name in one if one[name] != two[name]] == []
    listed = [line.split("：", 1)[1] for line in capsys.readouterr().out.splitlines() if "输出已写入" in line]
    assert len(listed) == 2
    assert listed[0] == listed[1]  # the same files, listed in the same order


def test_cli_jobs_must_be_a_positive_whole_number(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["analyze", str(tmp_path), "--out", str(tmp_path / "o"), "--jobs", "0"])
    assert stop.value.code == 2
    assert "--jobs: expected a whole number of at least 1, got '0'" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", [1, 2])
def test_write_outputs_page_is_render_html(tmp_path, jobs):
    from graphkit.report import render_html, write_outputs
    from loaders.demo import demo_district

    result = analyze(demo_district(), settings=Settings(as_of=dt.date(2026, 11, 27)))
    paths = write_outputs(result, tmp_path, jobs=jobs)
    page = paths["report.html"].read_text(encoding="utf-8")
    assert "<svg" in page
    assert page == render_html(result)
