"""``graphkit validate``: load a ledger and report its data-quality findings.

Prints what was read (tables and rows, unknown columns, ignored sheets), how
many cells or rows were not used, the findings per code and the first few
findings. With ``--out DIR`` writes ``findings.csv`` and ``rejects.csv``
(UTF-8 with BOM, so Excel shows the Chinese text). Exit codes: 0 when the
ledger was read; 1 with ``--strict`` when anything went to the rejects; 2 when
the ledger is unusable as a whole.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pandas as pd

from graphkit import i18n
from graphkit.cli.analyze import add_formula_guard_option, add_reading_options
from graphkit.cli.console import shown
from graphkit.cli.paths import check_out_not_input
from graphkit.exceptions import ConfigError
from graphkit.findings import CODES, finding_place
from graphkit.settings import Settings

__all__ = ["register", "run"]

SHOWN = 10


def _t(key: str, lang: str, **kw: object) -> str:
    return i18n.text(f"validate.{key}", lang=lang, **kw)


def register(sub: Any) -> None:
    """Add the ``validate`` subcommand."""
    p = sub.add_parser(
        "validate",
        help="load a ledger and list its data-quality findings",
        description="Load a ledger (a folder of CSV/XLSX files or one workbook) and list what was read, "
        "what was not used and the data-quality findings (BAD_CREDIT_CODE, DUPLICATE_ID, "
        "UNKNOWN_REFERENCE, MISSING_FIVE_CLEARS).",
    )
    p.add_argument("ledger", metavar="LEDGER", help="a folder of CSV/XLSX files or one XLSX workbook")
    p.add_argument("--out", metavar="DIR", help="write findings.csv and rejects.csv here")
    p.add_argument("--strict", action="store_true", help="exit 1 if any cell or row was not used")
    add_reading_options(p, mapping_help="extra table and column names")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of messages (default zh)")
    add_formula_guard_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the command; return the exit code."""
    from graphkit.validate import validate
    from loaders import read_ledger

    lang = args.lang
    if args.mapping and not Path(args.mapping).is_file():
        msg = f"--mapping {args.mapping}: no such file"
        raise ConfigError(msg)
    if args.out:
        check_out_not_input(args.out, [args.ledger, args.mapping], lang=lang)
    net = read_ledger(args.ledger, mapping=args.mapping, encoding=args.encoding, lang=lang)
    findings = validate(net, settings=Settings(lang=lang))
    print(summary(net.meta, net.rejects, findings, lang=lang))
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        from graphkit.report import write_csv

        for name, frame in (("findings.csv", findings), ("rejects.csv", net.rejects)):
            write_csv(frame, out / name, formula_guard=args.formula_guard)
            print(_t("wrote", lang, path=out / name))
    if args.strict and len(net.rejects):
        print(_t("strict", lang, n=len(net.rejects)))
        return 1
    return 0


def summary(meta: dict, rejects: pd.DataFrame, findings: pd.DataFrame, *, lang: str = "zh") -> str:
    """The readable summary ``graphkit validate`` prints.

    Examples
    --------
    >>> from graphkit.findings import empty_findings
    >>> print(summary({"source": "台账.xlsx", "tables": {"units": 3}}, pd.DataFrame(), empty_findings()))
    已读取 台账.xlsx：1 张表
      units（单位台账）：3 行
    未使用的单元格或行：0
    数据质量问题：0

    """
    from loaders.schema import TABLES

    tables = meta.get("tables", {})
    lines = [_t("read", lang, source=meta.get("source", ""), n=len(tables))]
    for table, rows in tables.items():
        lines.append(_t("table", lang, table=table, zh=TABLES[table].zh, rows=rows))
    unknown = meta.get("unknown_columns") or {}
    if unknown:
        lines.append(_t("unknown", lang))
        lines.extend(f"  {table}: {shown(', '.join(headers))}" for table, headers in unknown.items())
    ignored = meta.get("ignored") or []
    if ignored:
        lines.append(_t("ignored", lang))
        lines.extend(f"  {shown(name)}" for name in ignored)
    lines.append(_t("rejects", lang, n=len(rejects)))
    accounts = meta.get("rows")
    if accounts:  # rows not used and cells emptied are not the same thing: count them apart
        rows = sum(a["rejected"] for a in accounts.values())
        lines.append("  " + _t("rows", lang, rows=rows, cells=len(rejects) - rows))
    lines.append(_t("findings", lang, n=len(findings)))
    counts = findings["code"].value_counts(sort=False)
    title = 2 if lang == "en" else 1
    lines.extend(f"  {code} {CODES[code][title]}: {n}" for code, n in counts.items())
    if len(findings):
        lines.append(_t("first", lang, n=min(SHOWN, len(findings))))
        head = findings.head(SHOWN)
        where = (
            finding_place(head, lang=lang)
            if "source_row" in head.columns
            else pd.Series("", index=head.index)
        )
        lines.extend(
            f"  [{r.code}] {shown(r.subject_id)} {shown(r.subject_name)}: {shown(r.detail)}"
            + (f" [{w}]" if w else "")
            for r, w in zip(head.fillna("").itertuples(index=False), where.fillna(""), strict=True)
        )
    return "\n".join(lines)
