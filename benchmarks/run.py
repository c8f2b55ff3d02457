"""Benchmark graphkit at district and city scale; write benchmarks/RESULTS.md.

Run from the repository root (after ``make setup``, plus a Neo4j server for
the Neo4j phases)::

    .venv/bin/python benchmarks/run.py                      # 10k, 100k, 1M units
    .venv/bin/python benchmarks/run.py --units 10000,100000,1000000,10000000 --no-neo4j
    .venv/bin/python benchmarks/run.py --sizes 10000 --no-neo4j
    # the long Neo4j push once, then everything else, taking the push rows from the first run:
    .venv/bin/python benchmarks/run.py --only neo4j --json benchmarks/results-neo4j.json --out /dev/null
    .venv/bin/python benchmarks/run.py --only phases,naive,cli,admin --merge benchmarks/results-neo4j.json

Each size runs in fresh child processes so that peak memory (max RSS) is that
phase's own; each reports wall and CPU seconds. Phases: ``graphkit demo --units N
--no-analyze`` (the synthetic city as a CSV ledger, and XLSX up to 200k units); read it; validate; each analysis;
write every output (HTML report included); the whole ``graphkit analyze``
command end to end; the naive networkx path (build a MultiDiGraph from the
same frames and walk it to answer coverage and instructor reach) against the
frame path for the same two questions; XLSX reading; Neo4j push through the
driver; and the neo4j-admin import of the generated files.

Every process runs under a time cap (``--cap``, default 30 minutes; the naive
networkx path ``--naive-cap``, default 10 minutes, and it is not started above
``--naive-max`` units, where its memory alone would exceed the machine's): a
process that does not finish is reported as such, never waited for forever.
RESULTS.md reports the growth of every phase per decade of units (target ≤ 12×),
so a step that grows faster than linearly shows itself.

This is a measurement script, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import itertools
import json
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-27"


# ---------------------------------------------------------------- children
def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _cpu() -> float:
    """CPU seconds of this process and of the child processes it has waited for (``analyze`` forks one)."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


class Timer:
    """Wall and CPU seconds of each call (CPU time: this process, all its threads, and its children)."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    def __call__(self, name: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        t, c = time.perf_counter(), _cpu()
        out = fn(*args, **kwargs)
        self.times[name] = round(time.perf_counter() - t, 3)
        self.cpu[name] = round(_cpu() - c, 3)
        return out

    def result(self, **extra: Any) -> dict[str, Any]:
        kids = _peak_mb(resource.RUSAGE_CHILDREN)
        return {"times": self.times, "cpu": self.cpu, "peak_mb": _peak_mb(), "child_peak_mb": kids, **extra}


def child_generate(n: int, work: Path) -> dict[str, Any]:
    """``graphkit demo --units N --no-analyze`` into ``work``: ledger/*.csv (and ledger.xlsx up to 200k units)."""
    from graphkit.cli import main as cli

    timer = Timer()
    args = ["demo", "--units", str(n), "--no-analyze", "--out", str(work), "--as-of", AS_OF]
    with contextlib.redirect_stdout(sys.stderr):
        code = timer("demo_cli", cli, args)
    return timer.result(exit=code)


def _raw_sheets(path: Path) -> int:
    """Every sheet of a workbook as text cells (fastexcel), before any ledger logic: the reading part."""
    import fastexcel

    reader = fastexcel.read_excel(str(path))
    sheets = [reader.load_sheet(n, header_row=None, dtypes="string").to_pandas() for n in reader.sheet_names]
    return sum(len(s) for s in sheets)


def child_phases(n: int, work: Path) -> dict[str, Any]:
    import loaders
    from graphkit import Settings
    from graphkit.analysis import (
        activity_findings,
        analyze,
        coverage,
        coverage_findings,
        demo_site_findings,
        formation_findings,
        grades,
        honour_findings,
        instructor_findings,
        instructor_load,
        pairing_findings,
        position_findings,
        street_findings,
        term_findings,
        training_findings,
        visit_findings,
    )
    from graphkit.analysis.attribution import attribution_findings, department_findings
    from graphkit.analysis.proposals import proposals
    from graphkit.analysis.whatif import resilience
    from graphkit.cli.memory import keep_freed_memory
    from graphkit.report import write_outputs
    from graphkit.validate import validate

    keep_freed_memory()  # the phases of `graphkit analyze`, under its memory settings
    settings = Settings(as_of=dt.date.fromisoformat(AS_OF))
    timer = Timer()
    net = timer("read_csv", loaders.read_ledger, work / "ledger")
    counts = net.counts
    sizes = {
        "nodes": int(sum(counts[k] for k in net.nodes)),
        "rels": int(sum(counts[t] for t in net.rels)),
        "events": int(sum(len(f) for f in net.events.values())),
        "units": int(counts["Unit"]),
    }
    timer("validate", validate, net, settings=settings)
    cov = timer("coverage", coverage, net, settings=settings)
    timer("instructor_load", instructor_load, net, settings=settings)
    for name, fn in [
        ("coverage_findings", coverage_findings),
        ("formation_findings", formation_findings),
        ("term_findings", term_findings),
        ("instructor_findings", instructor_findings),
        ("pairing_findings", pairing_findings),
        ("attribution_findings", attribution_findings),
        ("department_findings", department_findings),
        ("street_findings", street_findings),
        ("position_findings", position_findings),
        ("activity_findings", activity_findings),
        ("training_findings", training_findings),
        ("visit_findings", visit_findings),
        ("grades", grades),
        ("demo_site_findings", demo_site_findings),
        ("honour_findings", honour_findings),
    ]:
        try:
            timer(name, fn, net, settings=settings)
        except TypeError:  # a family that does not take settings
            timer(name, fn, net)
    timer("proposals", proposals, net, settings=settings, coverage=cov)
    timer("resilience", resilience, net, settings=settings)
    result = timer("analyze_all", analyze, net, settings=settings)
    with tempfile.TemporaryDirectory() as out:
        timer("write_outputs", write_outputs, result, out)
    if (work / "ledger.xlsx").exists():
        timer("read_xlsx", loaders.read_ledger, work / "ledger.xlsx")
        timer("read_xlsx_sheets", _raw_sheets, work / "ledger.xlsx")
    return timer.result(**sizes)


def child_naive(n: int, work: Path) -> dict[str, Any]:
    """The same two questions answered the naive way: build a MultiDiGraph, walk it."""
    import networkx as nx

    import loaders
    from graphkit.analysis import coverage, instructor_load

    net = loaders.read_ledger(work / "ledger")
    timer = Timer()

    def frames() -> None:
        coverage(net)
        instructor_load(net)

    timer("frames", frames)

    def build() -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        for kind, frame in net.nodes.items():
            g.add_nodes_from(
                (
                    (i, {"node_kind": kind, **r})
                    for i, r in zip(frame.index, frame.to_dict("records"), strict=True)
                )
            )
        for rel_type, frame in net.rels.items():
            g.add_edges_from(zip(frame["source"], frame["target"], [rel_type] * len(frame), strict=True))
        return g

    g = timer("naive_build", build)

    def walk() -> None:
        status = {}
        for u, d in g.nodes(data=True):
            if d["node_kind"] != "Unit":
                continue
            forms = [g.nodes[p].get("form") for _, p, k in g.out_edges(u, keys=True) if k == "COVERED_BY"]
            if "own" in forms:
                status[u] = "own_org"
                continue
            if forms:
                status[u] = "joint_org"
                continue
            carriers = [c for _, c, k in g.out_edges(u, keys=True) if k == "LOCATED_IN"]
            reached = any(k in ("GUIDES", "LIAISES") for _, _, k in g.in_edges(u, keys=True))
            for c in carriers:
                reached = reached or any(
                    k in ("GUIDES", "LIAISES", "BASED_AT") for _, _, k in g.in_edges(c, keys=True)
                )
            status[u] = "work_only" if reached else "uncovered"
        reach = {}
        for i, d in g.nodes(data=True):
            if d["node_kind"] != "Instructor":
                continue
            units: set[str] = set()
            for _, t, k in g.out_edges(i, keys=True):
                if k != "GUIDES":
                    continue
                label = g.nodes[t]["node_kind"]
                if label == "Unit":
                    units.add(t)
                elif label == "PartyOrg":
                    units.update(s for s, _, kk in g.in_edges(t, keys=True) if kk == "COVERED_BY")
                elif label == "Carrier":
                    units.update(s for s, _, kk in g.in_edges(t, keys=True) if kk == "LOCATED_IN")
            reach[i] = len(units)

    timer("naive_walk", walk)
    return timer.result()


def child_neo4j(n: int, work: Path) -> dict[str, Any]:
    import loaders
    from graphkit.neo4j import connect, push
    from graphkit.neo4j.push import clear
    from loaders.demo import demo_district

    net = loaders.read_ledger(work / "ledger")
    counts = net.counts
    elements = int(counts.sum())
    timer = Timer()
    with connect() as driver:
        # A server just started compiles every statement and its JIT keeps compiling for several
        # pushes (10k units on a fresh server, after three pushes of the demo district: 3.8, 2.6,
        # 2.5 s, then ~2 s; its C2 compiler threads took ~30 s of CPU by then). The rate measured
        # is the warm one: the demo district three times and, below 1M elements, this network
        # once, untimed; then the best of five timed pushes (one at 1M elements and above), each
        # into an emptied database, as `timeit` reports the best of its repeats.
        demo = demo_district()
        for _ in range(3):
            clear(driver)
            push(demo, driver=driver, batch_size=10_000)
        small = elements < 1_000_000
        if small:
            clear(driver)
            push(net, driver=driver, batch_size=10_000)
        seconds, cpu = [], []
        for _ in range(5 if small else 1):
            timer("neo4j_clear", clear, driver)
            stats = timer("neo4j_push", push, net, driver=driver, batch_size=10_000)
            seconds.append(timer.times["neo4j_push"])
            cpu.append(timer.cpu["neo4j_push"])
        best = seconds.index(min(seconds))
        timer.times["neo4j_push"], timer.cpu["neo4j_push"] = seconds[best], cpu[best]
    t = timer.times["neo4j_push"]
    return timer.result(
        elements=elements,
        push_rate=round(elements / t) if t else None,
        push_seconds=seconds,
        created=bool(stats.get("created")),
    )


def _disk_mb(path: Path) -> float:
    """Megabytes of the files below ``path`` (hard links to one file counted once)."""
    seen: set[tuple[int, int]] = set()
    size = 0
    for f in path.rglob("*"):
        st = f.lstat()
        if f.is_file() and (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            size += st.st_size
    return round(size / 2**20, 1)


def child_admin(n: int, work: Path) -> dict[str, Any]:
    import loaders
    from graphkit.neo4j import server
    from graphkit.neo4j.admin import import_args, import_files, write_admin_import

    timer = Timer()
    net = timer("admin_read", loaders.read_ledger, work / "ledger")
    elements = int(net.counts.sum())
    files = timer("admin_write", write_admin_import, net, work / "admin")
    del net  # the import runs in a JVM of its own: the network is not needed any more
    gc.collect()
    nodes, rels = import_files(files)  # event, ledger and load-finding files are node files too
    ports = []
    for _ in range(2):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])
    cfg = server.ServerConfig.from_env(work / "admin-home", bolt_port=ports[0], http_port=ports[1])
    # the jars once, outside the timing (hard links from the push server's home when it has them)
    server.install(cfg, share_from=os.environ.get("GRAPHKIT_NEO4J_HOME"))
    timer("admin_import", server.neo4j_admin, import_args(nodes, rels), cfg, timeout=3600)
    return timer.result(
        elements=elements,
        files_mb=_disk_mb(files),
        database_mb=_disk_mb(work / "admin-home" / "data"),
    )


def child_cli(n: int, work: Path) -> dict[str, Any]:
    """``graphkit analyze`` end to end, in a process of its own."""
    from graphkit.cli import main as cli

    timer = Timer()
    args = ["analyze", str(work / "ledger"), "--out", str(work / "analysis"), "--as-of", AS_OF]
    with contextlib.redirect_stdout(sys.stderr):
        code = timer("analyze_cli", cli, args)
    return timer.result(exit=code)


def child_reference(n: int, work: Path) -> dict[str, float]:
    """Seconds a fixed workload takes here: the machine's speed at the time of a run.

    A child like the others (its size and folder unused), run before the first size and after the last.

    Shared and virtual machines differ, and the same one differs from day to day
    (other tenants, clock, how memory is backed), so each run records what this
    takes at its start and end: a pure-Python loop (the interpreter), a NumPy
    sort (compiled code and caches), and one GiB written for the first time
    (the system time of getting fresh memory, which this tool's big runs pay
    for every temporary column). Compare runs of different days by these first.
    """
    import numpy as np

    out: dict[str, float] = {}
    t = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i
    out["python_loop_10M"] = round(time.process_time() - t, 3)
    values = np.random.default_rng(0).random(10_000_000)
    t = time.process_time()
    np.sort(values)
    out["numpy_sort_10M"] = round(time.process_time() - t, 3)
    before = resource.getrusage(resource.RUSAGE_SELF)
    t = time.perf_counter()
    block = np.ones(2**27)  # 1 GiB of float64, every page touched
    out["first_touch_1GiB"] = round(time.perf_counter() - t, 3)
    out["first_touch_1GiB_sys"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_stime - before.ru_stime, 3
    )
    del block
    return out


#: Processes of one size, in the order they run.
ORDER = ["generate", "phases", "naive", "cli", "neo4j", "admin"]

CHILDREN = {
    "cli": child_cli,
    "generate": child_generate,
    "phases": child_phases,
    "naive": child_naive,
    "neo4j": child_neo4j,
    "admin": child_admin,
    "reference": child_reference,
}


# ------------------------------------------------------------------ parent
def run_child(name: str, n: int, work: Path, cap: float | None = None) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", name, "--size", str(n), "--work", str(work)]
    print(f"  {name} ...", flush=True)
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT, timeout=cap)
    except subprocess.TimeoutExpired:
        print(f"   stopped after {cap:,.0f} s")
        return {"timeout": cap}
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        print("   failed:", *tail, sep="\n    ")
        return {"error": " / ".join(tail)}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _versions() -> dict[str, str]:
    import importlib.metadata as md

    out = {"python": platform.python_version()}
    for pkg in [
        "graphkit-liangxin",
        "pandas",
        "numpy",
        "pyarrow",
        "networkx",
        "fastexcel",
        "neo4j",
        "neo4j-rust-ext",
        "scipy",
    ]:
        with contextlib.suppress(md.PackageNotFoundError):
            out[pkg] = md.version(pkg)
    try:
        java = subprocess.run(
            ["java", "-version"], capture_output=True, text=True, check=False
        ).stderr.splitlines()[0]
        out["java"] = java
    except (OSError, IndexError):
        pass
    return out


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM"


def _reference_text(ref: dict[str, Any] | None) -> str:
    if not ref or "python_loop_10M" not in ref:
        return "not measured"
    return (
        f"a Python loop of 10M additions {ref['python_loop_10M']:.2f} s, a NumPy sort of 10M "
        f"doubles {ref['numpy_sort_10M']:.2f} s, 1 GiB touched for the first time "
        f"{ref['first_touch_1GiB']:.2f} s ({ref['first_touch_1GiB_sys']:.2f} s system)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", "--units", dest="sizes", default="10000,100000,1000000")
    parser.add_argument("--cap", type=float, default=1800, help="seconds any one process may take")
    parser.add_argument(
        "--naive-cap", type=float, default=600, help="seconds the naive networkx path may take"
    )
    parser.add_argument(
        "--naive-max",
        type=int,
        default=1_000_000,
        help="largest size at which the naive networkx path is run (its graph takes ~1.7 GB per 1M units)",
    )
    parser.add_argument("--no-neo4j", action="store_true", help="skip the push and neo4j-admin phases")
    parser.add_argument(
        "--only",
        help="comma-separated processes to run (generate always runs): " + ",".join(ORDER),
    )
    parser.add_argument(
        "--merge",
        metavar="JSON",
        help="results.json of an earlier run: processes not run now are taken from it (RESULTS.md says so)",
    )
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "RESULTS.md"))
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results.json"))
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child](args.size, Path(args.work))))
        return 0

    sizes = [int(s) for s in args.sizes.split(",")]
    chosen = [c for c in ORDER if args.only is None or c in args.only.split(",") or c == "generate"]
    if args.no_neo4j:
        chosen = [c for c in chosen if c not in ("neo4j", "admin")]
    earlier: dict[str, Any] = {}
    if args.merge:
        earlier = json.loads(Path(args.merge).read_text(encoding="utf-8"))
    results: dict[int, dict[str, Any]] = defaultdict(dict)
    meta = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": _machine(),
        "versions": _versions(),
        "command": "python benchmarks/run.py " + " ".join(sys.argv[1:]),
        "reference": {"start": run_child("reference", 0, ROOT)},
    }
    merged: list[str] = []
    for n in sizes:
        print(f"{n:,} units", flush=True)
        work = Path(tempfile.mkdtemp(prefix=f"graphkit-bench-{n}-"))
        try:
            for name in chosen:
                if name == "naive" and n > args.naive_max:
                    results[n][name] = {"skipped": f"not run above {args.naive_max:,} units (--naive-max)"}
                    continue
                cap = min(args.cap, args.naive_cap) if name == "naive" else args.cap
                results[n][name] = run_child(name, n, work, cap)
                # after every process, so that a long run that stops keeps what it measured
                Path(args.json).write_text(json.dumps({"meta": meta, "results": results}, indent=1))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    meta["reference"]["end"] = run_child("reference", 0, ROOT)
    # what the earlier run measured and this one did not: its processes, and its sizes
    for size, processes in earlier.get("results", {}).items():
        for name, value in processes.items():
            if name not in results[int(size)]:
                results[int(size)][name] = value
                merged.append(f"{name} at {int(size):,}")
    if merged:
        then = earlier["meta"]
        meta["merged"] = (
            f"{', '.join(merged)}: from the run of {then['date']} (`{then['command']}`; machine speed "
            f"at its start: {_reference_text(then.get('reference', {}).get('start'))})"
        )
    Path(args.json).write_text(json.dumps({"meta": meta, "results": results}, indent=1, ensure_ascii=False))
    Path(args.out).write_text(render(meta, results, _notes(Path(args.out))), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def _t(results: dict[str, Any], phase: str, key: str, what: str = "times") -> float | None:
    return results.get(phase, {}).get(what, {}).get(key)


ROWS = [
    ("`graphkit demo --units N --no-analyze` (CSV; XLSX too up to 200k)", "generate", "demo_cli"),
    ("read CSV ledger → Network", "phases", "read_csv"),
    ("read XLSX ledger → Network", "phases", "read_xlsx"),
    ("… of which: workbook → raw sheets (fastexcel)", "phases", "read_xlsx_sheets"),
    ("validate (data quality)", "phases", "validate"),
    ("coverage", "phases", "coverage"),
    ("instructor reach and load", "phases", "instructor_load"),
    ("coverage findings", "phases", "coverage_findings"),
    ("formation findings", "phases", "formation_findings"),
    ("term findings", "phases", "term_findings"),
    ("instructor findings", "phases", "instructor_findings"),
    ("pairing findings", "phases", "pairing_findings"),
    ("attribution findings", "phases", "attribution_findings"),
    ("department findings", "phases", "department_findings"),
    ("street findings", "phases", "street_findings"),
    ("positions: NO_POSITION, POSITION_BELOW_STANDARD", "phases", "position_findings"),
    ("activities: INACTIVE_ORG", "phases", "activity_findings"),
    ("trainings: SECRETARY_UNTRAINED", "phases", "training_findings"),
    ("visits: UNVISITED_CONTACT", "phases", "visit_findings"),
    ("grades (分类定级)", "phases", "grades"),
    ("demonstration sites", "phases", "demo_site_findings"),
    ("honours: HONOUR_AT_RISK, PLAQUE_WITHOUT_MEMBER", "phases", "honour_findings"),
    ("proposals (MILP, matching, joint branches)", "phases", "proposals"),
    ("resilience (key-person risk)", "phases", "resilience"),
    ("analyze(): everything", "phases", "analyze_all"),
    ("write all outputs (CSV, XLSX, HTML)", "phases", "write_outputs"),
    ("**`graphkit analyze` end to end**", "cli", "analyze_cli"),
    ("frames: coverage + reach", "naive", "frames"),
    ("naive networkx: build MultiDiGraph", "naive", "naive_build"),
    ("naive networkx: walk for coverage + reach", "naive", "naive_walk"),
    ("Neo4j push (driver)", "neo4j", "neo4j_push"),
    ("neo4j-admin files", "admin", "admin_write"),
    ("neo4j-admin import", "admin", "admin_import"),
]


def _fmt(v: float | None, spec: str = ".2f") -> str:
    return "–" if v is None else format(v, spec)


def targets(results: dict[int, dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(target, measured, met?) for each target of the performance issue that the run measured."""
    out: list[tuple[str, str, str]] = []

    def add(target: str, value: float | None, limit: float, text: str, *, at_least: bool = False) -> None:
        if value is None:
            return
        met = value >= limit if at_least else value <= limit
        if met:
            verdict = "met"
        elif at_least:
            verdict = f"**missed** ({value / limit:.0%} of the target)"
        else:
            verdict = f"**missed** ({value / limit:.1f}× the target)"
        out.append((target, text, verdict))

    big = results.get(1_000_000, {})
    add(
        "`graphkit demo --units 1000000` ≤ 120 s",
        _t(big, "generate", "demo_cli"),
        120,
        f"{_fmt(_t(big, 'generate', 'demo_cli'), '.1f')} s",
    )
    wall = _t(big, "cli", "analyze_cli")
    add(
        "`graphkit analyze`, 1M units, end to end ≤ 20 s",
        wall,
        20,
        f"{_fmt(wall, '.1f')} s wall, {_fmt(_t(big, 'cli', 'analyze_cli', 'cpu'), '.1f')} s CPU",
    )
    add("… ≤ 10 s (the city-scale issue's target)", wall, 10, f"{_fmt(wall, '.1f')} s wall")
    huge = results.get(10_000_000, {})
    gen10 = _t(huge, "generate", "demo_cli")
    add("`graphkit demo --units 10000000` ≤ 8 min", gen10, 480, f"{_fmt(gen10, '.0f')} s")
    wall10 = _t(huge, "cli", "analyze_cli")
    add("`graphkit analyze`, 10M units, end to end ≤ 2 min", wall10, 120, f"{_fmt(wall10, '.1f')} s wall")
    peak10 = huge.get("cli", {}).get("peak_mb")
    add("… and ≤ 20 GB peak memory", peak10, 20480, f"{_fmt(peak10, ',.0f')} MB max RSS")
    worst = _worst_growth(results)
    if worst is not None:
        ratio, label, a, b = worst
        add(
            "every phase grows ≤ 12× per decade of units",
            ratio,
            12,
            f"largest: {ratio:.1f}× ({label}, {a:,} → {b:,})",
        )
    peak = big.get("cli", {}).get("peak_mb")
    kid = big.get("cli", {}).get("child_peak_mb")
    also = f"; its forked child {_fmt(kid, ',.0f')} MB, mostly pages shared with it" if kid else ""
    add("… and ≤ 4 GB peak memory", peak, 4096, f"{_fmt(peak, ',.0f')} MB max RSS{also}")
    for n in sorted(results):
        frames = _t(results[n], "naive", "frames")
        build, walk = _t(results[n], "naive", "naive_build"), _t(results[n], "naive", "naive_walk")
        if frames and build is not None and walk is not None:
            ratio = (build + walk) / frames
            add(
                f"≥ 5× faster than naive networkx ({n:,} units)",
                ratio,
                5,
                f"{ratio:.1f}× ({build + walk:.2f} s vs {frames:.2f} s)",
                at_least=True,
            )
    for a, b in itertools.pairwise(sorted(results)):
        ta, tb = _t(results[a], "cli", "analyze_cli"), _t(results[b], "cli", "analyze_cli")
        if ta and tb and b == 10 * a:
            add(f"near-linear: `analyze` {a:,} → {b:,} units ≤ 12× time", tb / ta, 12, f"{tb / ta:.1f}×")
    x = _t(results.get(100_000, {}), "phases", "read_xlsx")
    add("XLSX ledger, 100k units, read ≤ 2 s", x, 2, f"{_fmt(x)} s")
    for n in sorted(results):
        rate = results[n].get("neo4j", {}).get("push_rate")
        if rate:
            add(
                f"Neo4j push ≥ 30,000 nodes+relationships/s ({n:,} units)",
                rate,
                30_000,
                f"{rate:,}/s",
                at_least=True,
            )
    imp = _t(big, "admin", "admin_import")
    add("neo4j-admin import of 1M units ≤ 120 s", imp, 120, f"{_fmt(imp, '.1f')} s")
    return out


#: Phases too short to time growth meaningfully (below this many seconds at the larger size).
GROWTH_FLOOR = 0.5


def growth(results: dict[int, dict[str, Any]]) -> list[tuple[str, list[float | None]]]:
    """Per phase of :data:`ROWS`: wall-time ratio between each pair of sizes a decade apart.

    Pairs where the larger size took under :data:`GROWTH_FLOOR` seconds give ``None`` (fixed
    costs dominate there, so the ratio says nothing about growth).
    """
    pairs = [(a, b) for a, b in itertools.pairwise(sorted(results)) if b == 10 * a]
    out = []
    for label, phase, key in ROWS:
        ratios: list[float | None] = []
        for a, b in pairs:
            ta, tb = _t(results[a], phase, key), _t(results[b], phase, key)
            ratios.append(tb / ta if ta and tb and tb >= GROWTH_FLOOR else None)
        if any(r is not None for r in ratios):
            out.append((label, ratios))
    return out


def _worst_growth(results: dict[int, dict[str, Any]]) -> tuple[float, str, int, int] | None:
    pairs = [(a, b) for a, b in itertools.pairwise(sorted(results)) if b == 10 * a]
    worst = None
    baseline = {label for label, phase, _ in ROWS if phase == "naive" and "naive" in label}
    for label, ratios in growth(results):
        if label in baseline:  # the naive networkx path is the comparison, not graphkit
            continue
        for (a, b), r in zip(pairs, ratios, strict=True):
            if r is not None and (worst is None or r > worst[0]):
                worst = (r, label, a, b)
    return worst


def render(meta: dict[str, Any], results: dict[int, dict[str, Any]], notes: str = "") -> str:
    sizes = sorted(results)
    lines = [
        "# Benchmark results",
        "",
        f"Measured {meta['date']} on {meta['machine']}.",
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in meta["versions"].items()) + ".",
        "",
        f"Command: `{meta['command']}` (from the repository root; for the Neo4j rows a server from "
        "`graphkit neo4j start` with `NEO4J_URI`/`NEO4J_PASSWORD` pointing at it).",
        "",
        "Machine speed (the same fixed work on every run, to compare runs of different days): at the "
        f"start {_reference_text(meta.get('reference', {}).get('start'))}; at the end "
        f"{_reference_text(meta.get('reference', {}).get('end'))}.",
        "",
        *([f"Merged from an earlier run: {meta['merged']}.", ""] if meta.get("merged") else []),
        "## Targets",
        "",
        "| target | measured | |",
        "|---|---|---|",
    ]
    lines += [f"| {t} | {m} | {ok} |" for t, m, ok in targets(results)]
    if notes.strip():
        lines += ["", "## Notes", "", notes.strip()]
    lines += [
        "",
        "## Sizes",
        "",
        "| | " + " | ".join(f"{n:,} units" for n in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
    ]
    for key in ("nodes", "rels", "events"):
        label = {"nodes": "nodes", "rels": "relationships", "events": "event rows (activities, visits, …)"}[
            key
        ]
        vals = [results[n].get("phases", {}).get(key) for n in sizes]
        lines.append(f"| {label} | " + " | ".join(_fmt(v, ",") for v in vals) + " |")
    lines += [
        "",
        "## Seconds per phase",
        "",
        "Wall-clock seconds, CPU seconds of the process in brackets (the CPU time is the steadier "
        "figure when other work shares the machine).",
        "",
        "| phase | " + " | ".join(f"{n:,}" for n in sizes) + " |",
    ]
    lines.append("|---|" + "---:|" * len(sizes))
    for label, phase, key in ROWS:
        vals = [(_t(results[n], phase, key), _t(results[n], phase, key, "cpu")) for n in sizes]
        if all(w is None for w, _ in vals):
            continue
        cells = ["–" if w is None else f"{w:.2f} ({_fmt(c)})" for w, c in vals]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    pairs = [(a, b) for a, b in itertools.pairwise(sizes) if b == 10 * a]
    rows = growth(results)
    if pairs and rows:
        lines += [
            "",
            "## Growth per decade of units",
            "",
            "Wall time at the larger size over wall time at the smaller; linear growth is 10×, the "
            f"target ≤ 12×. Phases under {GROWTH_FLOOR} s at the larger size are left out (fixed costs).",
            "",
            "| phase | " + " | ".join(f"{a:,} → {b:,}" for a, b in pairs) + " |",
            "|---|" + "---:|" * len(pairs),
        ]
        for label, ratios in rows:
            cells = ["–" if r is None else (f"**{r:.1f}×**" if r > 12 else f"{r:.1f}×") for r in ratios]
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "## Peak memory (max RSS of the phase's process, MB)", ""]
    lines.append("| process | " + " | ".join(f"{n:,}" for n in sizes) + " |")
    lines.append("|---|" + "---:|" * len(sizes))
    for label, phase, key in [
        ("`graphkit demo`", "generate", "peak_mb"),
        ("read + every analysis + outputs", "phases", "peak_mb"),
        ("`graphkit analyze` end to end", "cli", "peak_mb"),
        ("… its forked children (pages shared with the parent count in both)", "cli", "child_peak_mb"),
        ("naive networkx", "naive", "peak_mb"),
        ("Neo4j push (client side)", "neo4j", "peak_mb"),
    ]:
        vals = [results[n].get(phase, {}).get(key) for n in sizes]
        if all(v is None for v in vals):
            continue
        lines.append(f"| {label} | " + " | ".join(_fmt(v, ",.0f") for v in vals) + " |")
    lines += ["", "## Ratios", ""]
    for n in sizes:
        frames = _t(results[n], "naive", "frames")
        naive = (_t(results[n], "naive", "naive_build") or 0) + (_t(results[n], "naive", "naive_walk") or 0)
        if frames:
            lines.append(
                f"- {n:,} units: naive networkx {naive:.2f} s vs frames {frames:.2f} s → **{naive / frames:.1f}×**."
            )
        rate = results[n].get("neo4j", {}).get("push_rate")
        if rate:
            elements = results[n]["neo4j"].get("elements", 0)
            how = " (CREATE into an empty database)" if results[n]["neo4j"].get("created") else ""
            tries = results[n]["neo4j"].get("push_seconds") or []
            best = f", the best of {', '.join(f'{t:.2f}' for t in tries)} s" if len(tries) > 1 else ""
            lines.append(
                f"- {n:,} units: Neo4j push of {elements:,} nodes+relationships{how}: {rate:,} per second{best}."
            )
    for a, b in itertools.pairwise(sizes):
        ta, tb = _t(results[a], "cli", "analyze_cli"), _t(results[b], "cli", "analyze_cli")
        ca, cb = _t(results[a], "cli", "analyze_cli", "cpu"), _t(results[b], "cli", "analyze_cli", "cpu")
        if ta and tb:
            cpu = f", {cb / ca:.1f}× CPU time" if ca and cb else ""
            lines.append(
                f"- `graphkit analyze` {a:,} → {b:,} units ({b / a:.0f}× units): {tb / ta:.1f}× wall time{cpu}."
            )
    errors = [(n, p, r["error"]) for n in sizes for p, r in results[n].items() if "error" in r]
    if errors:
        lines += ["", "## Phases that failed", ""]
        lines += [f"- {n:,} units, {p}: {e}" for n, p, e in errors]
    unfinished = [
        (n, p, f"did not finish within {r['timeout']:,.0f} s" if "timeout" in r else r["skipped"])
        for n in sizes
        for p, r in results[n].items()
        if "timeout" in r or "skipped" in r
    ]
    if unfinished:
        lines += ["", "## Phases not measured", ""]
        lines += [f"- {n:,} units, {p}: {why}" for n, p, why in unfinished]
    return "\n".join(lines) + "\n"


def _notes(path: Path) -> str:
    """The hand-written ``## Notes`` section of an earlier RESULTS.md, kept across runs."""
    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    if "\n## Notes\n" not in text:
        return ""
    body = text.split("\n## Notes\n", 1)[1]
    return body.split("\n## ", 1)[0]


if __name__ == "__main__":
    sys.exit(main())
