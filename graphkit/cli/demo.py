"""``graphkit demo``: write the demo district as a ledger, then analyse it.

::

    graphkit demo [--out DIR] [--units N] [--seed S] [--as-of YYYY-MM-DD]
                  [--months N] [--lang zh|en] [--no-analyze] [--verbose]

Writes into DIR (default ``demo-out``):

- ``ledger.xlsx``: one sheet per table, Chinese sheet names and headers
  (skipped above 200,000 units, where a workbook takes minutes and Excel
  struggles; the CSV folder holds the same data);
- ``ledger/*.csv``: the same tables, UTF-8 with BOM;
- ``summary.json``: the demo's figures (the source report's counts), the
  seed, the as-of date and the planted problems ``{code: [ids]}``;
- ``analysis/``: the outputs of ``graphkit analyze`` on the written ledger,
  unless ``--no-analyze``;
- with ``--months N``: ``snapshots/YYYY-MM/*.csv``, the district at the end
  of each of the last N months (the campaign's progress, the last month the
  demo ledger itself, see :func:`loaders.demo.monthly_snapshots`), and
  ``monthly/``, the outputs of ``graphkit compare`` over them — once that
  command exists (until then the demo says so and writes the snapshots only).

With ``--verbose`` each step of the generator and of the writing prints its
wall and CPU time and the peak memory so far (on standard error), so the
growth of every step with ``--units`` can be read.

The ledger files carry one duplicated unit row and one reference to a party
organisation that does not exist, so ``DUPLICATE_ID`` and
``UNKNOWN_REFERENCE`` show up when it is read back.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import logging
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graphkit import i18n
from graphkit.exceptions import ConfigError

__all__ = ["XLSX_MAX_UNITS", "register", "run"]

#: Above this many units ``graphkit demo`` writes CSV only.
XLSX_MAX_UNITS = 200_000

log = logging.getLogger(__name__)


def _say(key: str, *, lang: str, **values: object) -> str:
    return i18n.text(f"demo.{key}", lang=lang, **values)


def register(sub: Any) -> None:
    """Add the ``demo`` subcommand."""
    p = sub.add_parser(
        "demo",
        help="write the demo district (郑州市中原区) as a ledger and analyse it",
        description="Make the synthetic demo district from the source report's figures, write it as "
        "ledger.xlsx and ledger/*.csv with summary.json, then analyse it into analysis/.",
    )
    p.add_argument("--out", default="demo-out", metavar="DIR", help="output folder (default: demo-out)")
    p.add_argument(
        "--units",
        type=int,
        metavar="N",
        help="scale to N units (at least 500; default: the report's own figures, 2,973 units)",
    )
    p.add_argument("--seed", type=int, default=20191, metavar="S", help="random seed (default 20191)")
    p.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="date term ends are written against and analysed at (default 2026-11-27)",
    )
    p.add_argument(
        "--months",
        type=int,
        default=0,
        metavar="N",
        help="also write N monthly snapshots ending at the demo's month (snapshots/), compared in monthly/",
    )
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="ledger and report language")
    p.add_argument("--no-analyze", action="store_true", help="write the ledger only")
    p.add_argument("--show-contacts", action="store_true", help="analysis: write phone numbers unmasked")
    p.add_argument(
        "--verbose",
        action="store_true",
        help="print each step's wall and CPU time and the peak memory so far (standard error)",
    )
    p.set_defaults(func=run)


def _show_steps() -> None:
    """Print the generator's and the writing's step timings (``--verbose``) on standard error."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("loaders.demo", __name__):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _as_of(value: str | None) -> dt.date:
    from loaders.demo import DEFAULT_AS_OF

    if not value:
        return DEFAULT_AS_OF
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"--as-of {value!r}: expected a date YYYY-MM-DD"
        raise ConfigError(msg) from None


def run(args: argparse.Namespace) -> int:
    """Run ``graphkit demo``; return the exit code."""
    from loaders.demo import demo_district, demo_summary, with_file_errors
    from loaders.demo.district import timed
    from loaders.writer import write_ledger

    if args.verbose:
        _show_steps()
    text = functools.partial(_say, lang=args.lang)
    as_of = _as_of(args.as_of)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        msg = f"--out {out}: exists and is not a folder"
        raise ConfigError(msg)
    if args.months < 0:
        msg = f"--months {args.months}: expected a number of months, 0 or more"
        raise ConfigError(msg)
    start = time.perf_counter()
    try:
        net = demo_district(units=args.units, seed=args.seed, as_of=as_of)
    except ValueError as exc:
        msg = f"--units: {exc}"
        raise ConfigError(msg) from None
    with timed("summary", log):
        figures = demo_summary(net)
    print(
        text(
            "made",
            seconds=time.perf_counter() - start,
            units=figures["units"],
            ent=figures["ledger_enterprises"],
            soc=figures["ledger_social_orgs"],
        )
    )
    print(
        text(
            "orgs",
            b=figures["building_orgs"],
            bc=figures["units_covered_by_building_orgs"],
            s=figures["social_org_party_orgs"],
            d=figures["district_demo_sites"],
            st=figures["street_demo_sites"],
        )
    )
    print(
        text(
            "people",
            i=figures["instructors"],
            l=figures["liaisons"],
            streets=figures["streets"],
            stations=figures["stations"],
            ob=figures["organ_branches"],
            p=figures["pairings"],
        )
    )

    start = time.perf_counter()
    with timed("file_errors", log):
        ledger = with_file_errors(net)
    planted = ledger.meta["planted"]
    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)
    if figures["units"] <= XLSX_MAX_UNITS:
        with timed("write_xlsx", log):
            written += write_ledger(ledger, out / "ledger.xlsx", lang=args.lang)
    else:
        print(text("skip_xlsx", max=XLSX_MAX_UNITS))
    with timed("write_csv", log):
        csv_paths = write_ledger(ledger, out / "ledger", format="csv", lang=args.lang)
    written.append(out / "ledger")
    summary = _summary(net, figures, planted, args, as_of)
    summary_path = out / "summary.json"
    summary_path.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(summary_path)
    print(
        text("planted", n=sum(len(v) for v in planted.values()), codes=len(planted)),
    )
    print(text("files", files=", ".join(str(p) for p in written), seconds=time.perf_counter() - start))
    if args.months:
        code = _months(net, out, args, text)
        if code:
            return code
    if args.no_analyze:
        return 0
    return _analyse(net, out / "ledger", csv_paths, args, as_of, text)


def _months(net: Any, out: Path, args: argparse.Namespace, text: Callable[..., str]) -> int:
    """``snapshots/YYYY-MM/``, then ``monthly/`` from ``graphkit compare`` over them; its exit code."""
    from graphkit import cli
    from loaders.demo import monthly_snapshots
    from loaders.writer import write_ledger

    start = time.perf_counter()
    for old in (out / "snapshots").glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]"):  # an earlier run's months
        shutil.rmtree(old)
    folders = []
    for label, snapshot in monthly_snapshots(net, args.months):
        folders.append(out / "snapshots" / label)
        write_ledger(snapshot, folders[-1], format="csv", lang=args.lang)
    print(text("snapshots", n=len(folders), out=out / "snapshots", seconds=time.perf_counter() - start))
    return cli.main(["compare", *map(str, folders), "--out", str(out / "monthly"), "--lang", args.lang])


def _summary(
    net: Any, figures: dict[str, int], planted: dict[str, list[str]], args: argparse.Namespace, as_of: dt.date
) -> dict[str, Any]:
    from loaders.demo import SEED_FIGURES

    return {
        "name": "demo",
        "seed": args.seed,
        "as_of": as_of.isoformat(),
        "units_requested": args.units,
        "figures": figures,
        "seed_figures": SEED_FIGURES,
        "planted_counts": {code: len(ids) for code, ids in planted.items()},
        "planted": planted,
        "planted_pairs": net.meta.get("planted_pairs", {}),
        "files": {
            "ledger_xlsx": "ledger.xlsx" if figures["units"] <= XLSX_MAX_UNITS else None,
            "ledger_csv": "ledger/",
            "analysis": None if args.no_analyze else "analysis/",
            "snapshots": "snapshots/" if args.months else None,
        },
    }


def _analyse(
    net: Any,
    folder: Path,
    csv_paths: list[Path],
    args: argparse.Namespace,
    as_of: dt.date,
    text: Callable[..., str],
) -> int:
    from graphkit.analysis import analyze
    from graphkit.cli.analyze import print_summary, write_analysis
    from graphkit.cli.jobs import default_jobs, worker_pool
    from graphkit.settings import Settings
    from loaders.ledger import read_ledger

    target = Path(args.out) / "analysis"
    print(text("analysing", out=target))
    settings = Settings(as_of=as_of, lang=args.lang)
    with worker_pool(default_jobs()) as pool:
        source = read_ledger(
            folder, as_of=as_of
        )  # the written ledger read back, so the file-only problems show too
        analysis = analyze(source, settings=settings, executor=pool)
        paths = write_analysis(analysis, target, show_contacts=args.show_contacts, executor=pool)
    print_summary(analysis, paths)
    return 0
