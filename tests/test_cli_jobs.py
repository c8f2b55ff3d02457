"""Work beside the main thread (``--jobs 2``, an executor): the same answers and files as without."""

import datetime as dt
import os
import sys
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

from graphkit import Settings
from graphkit.analysis import analyze
from graphkit.cli import main


def test_analyze_with_an_executor_equals_without():
    from loaders.demo import demo_district

    net = demo_district()
    settings = Settings(as_of=dt.date(2026, 11, 27))
    here = analyze(net, settings=settings)
    with ThreadPoolExecutor(1) as pool:
        aside = analyze(net, settings=settings, executor=pool)
    assert len(aside.proposals) == len(here.proposals) > 0
    pd.testing.assert_frame_equal(aside.proposals, here.proposals)
    pd.testing.assert_frame_equal(aside.findings, here.findings)
    assert aside.summary == here.summary


@pytest.mark.parametrize("without", [[], ["I1"]])
def test_analyze_hands_the_network_and_its_coverage_over_before_the_findings(without):
    from graphkit.datasets import tiny

    seen = []
    result = analyze(
        tiny(),
        settings=Settings(as_of=dt.date(2026, 11, 27)),
        without=without,
        on_coverage=lambda net, cov: seen.append((net, cov.copy())),
    )
    assert len(seen) == 1
    assert seen[0][0] is result.network  # the network analysed: without I1 when asked
    assert ("I1" in seen[0][0].nodes["Instructor"].index) == (not without)
    pd.testing.assert_frame_equal(seen[0][1], result.coverage)


def test_write_outputs_takes_the_diagram_being_drawn(tmp_path):
    from concurrent.futures import Future

    from graphkit.report import write_outputs
    from loaders.demo import demo_district

    result = analyze(demo_district(units=500), settings=Settings(as_of=dt.date(2026, 11, 27)))
    drawing: Future[str] = Future()
    drawing.set_result("<p>已画好的网络图</p>")
    with ThreadPoolExecutor(1) as pool:
        paths = write_outputs(result, tmp_path, executor=pool, charts=False, drawing=drawing)
    page = paths["report.html"].read_text(encoding="utf-8")
    assert 'srcdoc="&lt;p&gt;已画好的网络图&lt;/p&gt;"' in page


def test_cli_starts_the_diagram_during_the_analysis(tmp_path, monkeypatch):
    """With a worker pool the command line draws the diagram from the analysis's coverage, not at the end."""
    import graphkit.cli.analyze as cli_analyze
    import graphkit.report.outputs as outputs
    import loaders
    from loaders.demo import demo_district

    started = []
    real = cli_analyze.EarlyDiagram.start
    monkeypatch.setattr(
        cli_analyze.EarlyDiagram, "start", lambda self, n, c: started.append(1) or real(self, n, c)
    )
    late = []
    monkeypatch.setattr(outputs, "interactive_html", lambda *a, **k: late.append(1) or "")
    ledger = tmp_path / "ledger"
    loaders.write_ledger(demo_district(units=500), ledger, format="csv")
    args = ["analyze", str(ledger), "--as-of", "2026-11-27", "--out", str(tmp_path / "out"), "--jobs", "2"]
    assert main(args) == 0
    assert (started, late) == ([1], [])
    assert "gk-diagram" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


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


@pytest.mark.parametrize("aside", [False, True])
def test_write_outputs_page_is_render_html(tmp_path, aside):
    from graphkit.report import render_html, write_outputs
    from loaders.demo import demo_district

    result = analyze(demo_district(), settings=Settings(as_of=dt.date(2026, 11, 27)))
    with ThreadPoolExecutor(1) as pool:
        paths = write_outputs(result, tmp_path, executor=pool if aside else None)
    page = paths["report.html"].read_text(encoding="utf-8")
    assert "<svg" in page
    assert page == render_html(result)


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


@linux_only
def test_fork_executor_runs_the_call_in_another_process_without_pickling_its_arguments():
    from graphkit.cli.jobs import ForkExecutor

    lock = threading.Lock()  # a lock cannot be pickled: the worker has to inherit it
    with ForkExecutor() as pool:
        pid, locked = pool.submit(lambda held: (os.getpid(), held.locked()), lock).result()
    assert pid != os.getpid()
    assert locked is False


@linux_only
def test_fork_executor_raises_the_calls_error_here():
    from graphkit.cli.jobs import ForkExecutor

    with ForkExecutor() as pool, pytest.raises(ValueError, match="invalid literal"):
        pool.submit(int, "not a number").result()


@linux_only
def test_a_worker_that_dies_leaves_the_call_to_this_process():
    from graphkit.cli.jobs import ForkExecutor

    parent = os.getpid()
    with ForkExecutor() as pool:
        answer = pool.submit(lambda: "done here" if os.getpid() == parent else os._exit(1)).result()
    assert answer == "done here"
