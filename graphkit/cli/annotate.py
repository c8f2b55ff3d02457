"""``graphkit annotate``: the user's own ledger back as one workbook, every problem marked in place.

Reads the ledger, analyses it (analyze's settings options), and writes
``--out FILE.xlsx`` with :func:`graphkit.report.annotate.annotate_ledger`.
Exit codes as ``analyze``: 0 written, 2 unusable input or bad option.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from graphkit import i18n
from graphkit.cli.analyze import (
    add_reading_options,
    add_settings_options,
    add_without_option,
    settings_from_args,
)
from graphkit.cli.console import first_problems
from graphkit.cli.paths import check_out_not_input
from graphkit.exceptions import ConfigError

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    """Add the ``annotate`` subcommand."""
    p = sub.add_parser(
        "annotate",
        help="the ledger back as one workbook with every problem marked in place",
        description="Read a ledger, analyse it and write it back as one workbook: every cell or row a "
        "finding or reject names filled by severity with a comment, and a first sheet 问题清单 "
        "listing every finding with a link to its cell.",
    )
    p.add_argument("ledger", metavar="LEDGER", help="a folder of CSV/XLSX files or one XLSX workbook")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="the annotated workbook to write")
    add_settings_options(p)
    p.add_argument("--lang", choices=["zh", "en"], help="language of comments (default zh)")
    add_without_option(p)
    add_reading_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``graphkit annotate``; return the exit code."""
    import loaders
    from graphkit.analysis import analyze
    from graphkit.report.annotate import annotate_ledger
    from loaders.ledger.files import read_csv

    settings = settings_from_args(args)
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        msg = f"--out {args.out}: the annotated ledger is a workbook, give a name ending in .xlsx"
        raise ConfigError(msg)
    check_out_not_input(args.out, [args.ledger, args.mapping, args.config], lang=settings.lang)
    net = loaders.read_ledger(
        args.ledger, mapping=args.mapping, encoding=args.encoding, lang=settings.lang, as_of=settings.today
    )
    analysis = analyze(net, settings=settings, without=args.without)
    placed = annotate_ledger(
        analysis,
        args.ledger,
        out,
        csv_cells=lambda path: read_csv(path, args.encoding, settings.lang),
    )
    for line in first_problems(analysis.findings, lang=settings.lang):
        print(line)
    print(
        i18n.text(
            "annotate.written",
            lang=settings.lang,
            path=out,
            cells=f"{placed['cells']:,}",
            findings=f"{placed['findings']:,}",
            rejects=f"{placed['rejects']:,}",
        )
    )
    return 0
