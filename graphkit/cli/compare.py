"""``graphkit compare``: month over month, the 月报 and the 通报.

::

    graphkit compare SNAPSHOT SNAPSHOT [SNAPSHOT ...] --out DIR [--dates D ...]
        [--config FILE.toml] [--set KEY=VALUE ...] [--lang zh|en] [--without ID ...]
        [--show-contacts] [--encoding ENC] [--mapping FILE.toml] [--jobs N]

Each SNAPSHOT is a ledger (a folder of CSV/XLSX files or one workbook) as it
stood at the end of a month; its date comes from its file or folder name
(``2026-10``, ``2026年10月``, ``202610`` → the last day of that month) or from
``--dates`` (one per snapshot, in the same order). Every snapshot is read and
analysed as of its date with the same settings. Exit 0 when the outputs were
written; 2 with one line when a snapshot has no date, the dates do not fit,
a ledger is unusable or an option is bad.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
from pathlib import Path
from typing import Any

from graphkit import i18n
from graphkit.cli.analyze import (
    add_contacts_option,
    add_reading_options,
    add_settings_options,
    add_without_option,
    jobs_from_args,
    positive_int,
)
from graphkit.cli.jobs import worker_pool
from graphkit.exceptions import ConfigError
from graphkit.settings import Settings

__all__ = ["register", "run", "snapshot_dates"]


def register(sub: Any) -> None:
    """Add the ``compare`` subcommand."""
    p = sub.add_parser(
        "compare",
        help="month over month: changes, status moves, findings opened/resolved, the 月报",
        description="Read monthly snapshots of a ledger, analyse each as of its date and write "
        "changes.csv, status_changes.csv, findings_delta.csv, streets.csv, monthly.xlsx (the 月报 "
        "with its 通报), monthly.html and trend.png.",
    )
    p.add_argument(
        "snapshots",
        nargs="+",
        metavar="SNAPSHOT",
        help="two or more ledgers (folder or workbook), each named by its month: 2026-10, 2026年10月, 202610",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created when missing)")
    p.add_argument(
        "--dates",
        nargs="+",
        metavar="D",
        help="one date per snapshot, in the same order (YYYY-MM-DD, or a month: its last day)",
    )
    add_settings_options(
        p,
        as_of=False,
        set_help="change one setting for every snapshot, e.g. --set max_contacts_per_instructor=10",
    )
    p.add_argument(
        "--lang", choices=["zh", "en"], help="language of the workbook, page and messages (default zh)"
    )
    add_without_option(
        p, help="what-if: analyse every snapshot without these instructors, liaisons or party organisations"
    )
    add_contacts_option(p)
    add_reading_options(p, mapping_help="extra table and column names of these ledgers")
    p.add_argument("--jobs", type=positive_int, metavar="N", help="processes to use (as for analyze)")
    p.set_defaults(func=run)


def _say(key: str, *, lang: str, **values: object) -> str:
    return i18n.text(f"compare.{key}", lang=lang, **values)


def snapshot_dates(paths: list[str], dates: list[str] | None, *, lang: str = "zh") -> list[dt.date]:
    """The date of each snapshot: from ``dates`` when given, else from each path's name.

    Raises
    ------
    ConfigError
        One line, in ``lang``: fewer than two snapshots, a count of dates that
        does not fit, a date that is not one, a snapshot without a month in
        its name, or two snapshots of the same date.

    Examples
    --------
    >>> snapshot_dates(["台账2026年10月.xlsx", "snapshots/202611"], None)
    [datetime.date(2026, 10, 31), datetime.date(2026, 11, 30)]
    >>> snapshot_dates(["a", "b"], ["2026-10-15", "2026-11"])
    [datetime.date(2026, 10, 15), datetime.date(2026, 11, 30)]
    >>> snapshot_dates(["台账.xlsx", "202611"], ["2026-10"], lang="en")
    Traceback (most recent call last):
    graphkit.exceptions.ConfigError: --dates gives 1 dates for 2 snapshots

    """
    from graphkit.analysis.compare import parse_date, snapshot_date

    say = functools.partial(_say, lang=lang)
    if len(paths) < 2:
        raise ConfigError(say("too_few", n=len(paths)))
    out: list[dt.date] = []
    if dates is not None:
        if len(dates) != len(paths):
            raise ConfigError(say("dates_count", n=len(dates), m=len(paths)))
        for value in dates:
            try:
                out.append(parse_date(value))
            except ConfigError:
                raise ConfigError(say("bad_date", value=value)) from None
    else:
        for path in paths:
            day = snapshot_date(Path(path).resolve()) if Path(path).exists() else snapshot_date(path)
            if day is None:
                raise ConfigError(say("no_date", name=path))
            out.append(day)
    seen: dict[dt.date, str] = {}
    for path, day in zip(paths, out, strict=True):
        if day in seen:
            raise ConfigError(say("same_date", a=seen[day], b=path, date=day.isoformat()))
        seen[day] = path
    return out


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings.from_toml(args.config) if args.config else Settings()
    settings = Settings.from_overrides(args.overrides or [], base=settings)
    return settings.replace(lang=args.lang) if args.lang else settings


def run(args: argparse.Namespace) -> int:
    """Run ``graphkit compare``; return the exit code."""
    import loaders
    from graphkit.analysis import analyze
    from graphkit.analysis.compare import compare

    lang = args.lang or "zh"
    say = functools.partial(_say, lang=lang)
    dates = snapshot_dates(args.snapshots, args.dates, lang=lang)
    settings = _settings(args)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        msg = f"--out {out}: exists and is not a folder"
        raise ConfigError(msg)
    ordered = sorted(zip(args.snapshots, dates, strict=True), key=lambda pair: pair[1])
    analyses = []
    with worker_pool(jobs_from_args(args)) as pool:
        for path, day in ordered:
            print(say("reading", name=path, date=day.isoformat()), flush=True)
            net = loaders.read_ledger(
                path, mapping=args.mapping, encoding=args.encoding, lang=settings.lang, as_of=day
            )
            analyses.append(
                analyze(net, settings=settings.replace(as_of=day), without=args.without, executor=pool)
            )
    comparison = compare(analyses, names=[str(path) for path, _ in ordered])
    try:
        from graphkit.report.monthly import write_comparison

        paths = write_comparison(comparison, out, lang=lang, show_contacts=args.show_contacts)
    except OSError as exc:
        msg = f"--out {out}: cannot write the outputs: {exc}"
        raise ConfigError(msg) from exc
    _print_summary(comparison, paths, lang=lang)
    return 0


def _print_summary(comparison: Any, paths: dict[str, Path], *, lang: str) -> None:
    """The snapshots compared, each month's district rates, the counts of what changed, the files."""
    say = functools.partial(_say, lang=lang)
    dates = comparison.dates
    print(say("head", n=len(dates), first=dates[0].isoformat(), last=dates[-1].isoformat()))
    for row in comparison.district.itertuples(index=False):
        print(
            say(
                "month",
                date=row.date,
                units=f"{int(row.units):,}",
                org=_pct(row.org_coverage),
                own=_pct(row.own_rate),
                work=_pct(row.work_coverage),
            )
        )
    states = comparison.findings_delta["state"].value_counts()
    print(
        say(
            "counts",
            changes=f"{len(comparison.changes):,}",
            moves=f"{len(comparison.status_changes):,}",
            opened=f"{int(states.get('opened', 0)):,}",
            resolved=f"{int(states.get('resolved', 0)):,}",
        )
    )
    if paths:
        print(say("out", out=next(iter(paths.values())).parent, files=", ".join(paths)))


def _pct(value: float | None) -> str:
    return "—" if value is None or value != value else f"{value:.1%}"
