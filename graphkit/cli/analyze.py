"""``graphkit analyze``: read a ledger, run every analysis, write the outputs.

::

    graphkit analyze LEDGER --out DIR [--as-of YYYY-MM-DD] [--config FILE.toml]
        [--set KEY=VALUE ...] [--lang zh|en] [--without ID ...] [--show-contacts]
        [--encoding ENC] [--mapping FILE.toml] [--jobs N]

Exit 0 when the outputs were written (findings are results, not errors); exit 2
with one message when the ledger or a setting is unusable.

:func:`add_analysis_options`, :func:`settings_from_args` and :func:`emit` are
shared with ``graphkit neo4j analyze``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from graphkit import i18n
from graphkit.cli.console import first_problems
from graphkit.cli.jobs import default_jobs, worker_pool
from graphkit.cli.memory import return_freed_memory
from graphkit.cli.paths import check_out_not_input
from graphkit.exceptions import ConfigError
from graphkit.findings import CODES
from graphkit.settings import EARLIEST_DATE, LATEST_DATE, Settings

if TYPE_CHECKING:
    from graphkit.model import Network
    from graphkit.results import Analysis

__all__ = [
    "add_analysis_options",
    "add_contacts_option",
    "add_formula_guard_option",
    "add_reading_options",
    "add_settings_options",
    "add_without_option",
    "emit",
    "jobs_from_args",
    "positive_int",
    "print_summary",
    "register",
    "run",
    "settings_from_args",
    "write_analysis",
]


def add_settings_options(
    parser: argparse.ArgumentParser,
    *,
    as_of_help: str = "date every date rule uses (default: today)",
    set_help: str = "change one setting, e.g. --set max_contacts_per_instructor=10 (after --config)",
    as_of: bool = True,
) -> None:
    """Add ``--as-of`` (unless ``as_of`` is false), ``--config``, ``--set``: see :func:`settings_from_args`.

    Examples
    --------
    >>> p = argparse.ArgumentParser()
    >>> add_settings_options(p)
    >>> settings_from_args(p.parse_args(["--set", "branch_max_members=40"])).branch_max_members
    40

    """
    if as_of:
        parser.add_argument("--as-of", metavar="YYYY-MM-DD", help=as_of_help)
    parser.add_argument("--config", metavar="FILE.toml", help="settings file (top-level keys or [settings])")
    parser.add_argument(
        "--set",
        dest="overrides",
        action="extend",
        nargs="+",
        default=[],
        metavar="KEY=VALUE",
        help=set_help,
    )


def add_analysis_options(parser: argparse.ArgumentParser) -> None:
    """Add the options every analysing command shares (``--out``, settings, what-if, contacts).

    Examples
    --------
    >>> p = argparse.ArgumentParser()
    >>> add_analysis_options(p)
    >>> args = p.parse_args(
    ...     ["--out", "o", "--set", "max_contacts_per_instructor=10", "--as-of", "2026-01-31"]
    ... )
    >>> settings_from_args(args).max_contacts_per_instructor, settings_from_args(args).as_of.isoformat()
    (10, '2026-01-31')

    """
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder (created when missing)")
    add_settings_options(parser)
    parser.add_argument("--lang", choices=["zh", "en"], help="language of details and reports (default zh)")
    add_without_option(parser)
    add_contacts_option(parser)
    add_formula_guard_option(parser)
    parser.add_argument(
        "--jobs",
        type=positive_int,
        metavar="N",
        help="processes to use: 2 solves the proposals and writes the files in a forked worker "
        "(default: 2 on Linux with two or more cores, else 1; the same results)",
    )


def add_without_option(
    parser: argparse.ArgumentParser,
    *,
    help: str = "what-if: analyse without these instructors, liaisons or party organisations",
) -> None:
    """Add ``--without ID ...``, the what-if of :func:`graphkit.analysis.analyze`'s ``without``.

    Examples
    --------
    >>> p = argparse.ArgumentParser()
    >>> add_without_option(p)
    >>> p.parse_args(["--without", "I1", "I2", "--without", "P3"]).without
    ['I1', 'I2', 'P3']

    """
    parser.add_argument("--without", action="extend", nargs="+", default=[], metavar="ID", help=help)


def add_contacts_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--show-contacts``: phone numbers unmasked in what is written.

    Examples
    --------
    >>> p = argparse.ArgumentParser()
    >>> add_contacts_option(p)
    >>> p.parse_args([]).show_contacts, p.parse_args(["--show-contacts"]).show_contacts
    (False, True)

    """
    parser.add_argument(
        "--show-contacts", action="store_true", help="write phone numbers unmasked (masked by default)"
    )


def add_reading_options(
    parser: argparse.ArgumentParser, *, mapping_help: str = "extra table and column names of this ledger"
) -> None:
    """Add ``--encoding`` and ``--mapping``, how a ledger is read (:func:`loaders.read_ledger`).

    Examples
    --------
    >>> p = argparse.ArgumentParser()
    >>> add_reading_options(p)
    >>> vars(p.parse_args(["--encoding", "gb18030"]))
    {'encoding': 'gb18030', 'mapping': None}

    """
    parser.add_argument("--encoding", metavar="ENC", help="encoding of the CSV files (default: detected)")
    parser.add_argument("--mapping", metavar="FILE.toml", help=mapping_help)


def add_formula_guard_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--no-formula-guard``: write CSV cells that look like formulas as they are.

    Examples
    --------
    >>> p = argparse.ArgumentParser()
    >>> add_formula_guard_option(p)
    >>> p.parse_args([]).formula_guard, p.parse_args(["--no-formula-guard"]).formula_guard
    (True, False)

    """
    parser.add_argument(
        "--no-formula-guard",
        dest="formula_guard",
        action="store_false",
        help="write CSV cells that begin with = + - @ (or a tab or CR) as they are; by default they "
        "get a leading apostrophe so that Excel shows them as text instead of running them (CSV injection)",
    )


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (``--jobs``, ``--batch-size`` ...)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a whole number of at least 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def jobs_from_args(args: argparse.Namespace) -> int:
    """``--jobs``, or :func:`graphkit.cli.jobs.default_jobs` when it is not given.

    Examples
    --------
    >>> jobs_from_args(argparse.Namespace(jobs=1))
    1
    """
    return getattr(args, "jobs", None) or default_jobs()


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Settings from ``--config``, then ``--set``, then ``--as-of`` and ``--lang`` (later wins).

    Raises
    ------
    ConfigError
        On an unreadable config file, an unknown setting or a bad value.

    """
    settings = Settings.from_toml(args.config) if getattr(args, "config", None) else Settings()
    settings = Settings.from_overrides(getattr(args, "overrides", None) or [], base=settings)
    changes: dict[str, Any] = {}
    as_of = getattr(args, "as_of", None)
    if as_of:
        try:
            changes["as_of"] = dt.date.fromisoformat(as_of)
        except ValueError:
            msg = f"--as-of {as_of!r}: expected a date YYYY-MM-DD"
            raise ConfigError(msg) from None
        if not EARLIEST_DATE <= changes["as_of"] <= LATEST_DATE:  # 9999-12-31 is no as-of date
            lang = getattr(args, "lang", None) or "zh"
            msg = i18n.text("cli.as_of_range", lang=lang, value=as_of, low=EARLIEST_DATE, high=LATEST_DATE)
            raise ConfigError(msg)
    if getattr(args, "lang", None):
        changes["lang"] = args.lang
    return settings.replace(**changes) if changes else settings


def register(sub: Any) -> None:
    """Add the ``analyze`` subcommand."""
    p = sub.add_parser(
        "analyze",
        help="coverage, instructors, pairing and rule findings of a ledger",
        description="Read a ledger, run every analysis and write findings.csv, coverage.csv, "
        "instructors.csv, pairings.csv, proposals.csv, grades.csv, rejects.csv, summary.json "
        "and the reports.",
    )
    p.add_argument("ledger", metavar="LEDGER", help="a folder of CSV/XLSX files or one XLSX workbook")
    add_analysis_options(p)
    add_reading_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``graphkit analyze``; return the exit code."""
    import loaders
    from graphkit.analysis import analyze

    settings = settings_from_args(args)
    _check_out(args.out)
    check_out_not_input(args.out, [args.ledger, args.mapping, args.config], lang=settings.lang)
    with worker_pool(jobs_from_args(args)) as pool:
        net = loaders.read_ledger(
            args.ledger,
            mapping=args.mapping,
            encoding=args.encoding,
            lang=settings.lang,
            as_of=settings.today,
        )
        return_freed_memory()  # the reader's temporaries: before the workers are forked
        drawing = EarlyDiagram(pool, lang=settings.lang, show_contacts=args.show_contacts)
        analysis = analyze(
            net, settings=settings, without=args.without, executor=pool, on_coverage=drawing.start
        )
        return_freed_memory()  # the analyses' temporaries: before the outputs are written
        return emit(analysis, args, executor=pool, drawn=drawing.future)


class EarlyDiagram:
    """Start the network diagram of ``report.html`` in a worker as soon as the coverage is known.

    The diagram needs only the network and its coverage; drawn beside the
    findings and the proposals, it is no longer the last step of the
    outputs (at ten million units it took ~30 s of one core there, alone
    at the end). Without a pool it does nothing and the outputs draw it.
    """

    def __init__(self, pool: Executor | None, *, lang: str, show_contacts: bool) -> None:
        self.pool, self.lang, self.show_contacts = pool, lang, show_contacts
        self.future: Future[str] | None = None

    def start(self, net: Network, coverage: pd.DataFrame) -> None:
        """Submit the drawing of ``net``'s diagram with ``coverage`` (the ``on_coverage`` of analyze)."""
        if self.pool is None:
            return
        from graphkit.draw.interactive import interactive_html

        title = i18n.text("diagram", lang=self.lang)
        self.future = self.pool.submit(
            interactive_html, net, coverage=coverage, title=title, show_contacts=self.show_contacts
        )


def emit(
    analysis: Analysis,
    args: argparse.Namespace,
    *,
    executor: Executor | None = None,
    drawn: Future[str] | None = None,
) -> int:
    """Write the outputs of ``analysis`` to ``args.out`` and print the summary; return 0.

    ``drawn``: the network diagram already being drawn (see :class:`EarlyDiagram`).
    """
    paths = write_analysis(
        analysis,
        args.out,
        show_contacts=args.show_contacts,
        executor=executor,
        formula_guard=getattr(args, "formula_guard", True),
        drawn=drawn,
    )
    print_summary(analysis, paths)
    return 0


def write_analysis(
    analysis: Analysis,
    out_dir: str | Path,
    *,
    show_contacts: bool = False,
    executor: Executor | None = None,
    formula_guard: bool = True,
    drawn: Future[str] | None = None,
) -> dict[str, Path]:
    """Write every output file (see :func:`graphkit.report.write_outputs`).

    Raises
    ------
    ConfigError
        When ``out_dir`` exists and is not a folder, or cannot be written.

    """
    out = _check_out(out_dir)
    try:
        from graphkit.report import write_outputs  # the report writers load only when writing

        out.mkdir(parents=True, exist_ok=True)
        return write_outputs(
            analysis,
            out,
            lang=analysis.settings.lang,
            show_contacts=show_contacts,
            executor=executor,
            formula_guard=formula_guard,
            drawing=drawn,
        )
    except OSError as exc:
        msg = f"--out {out}: cannot write the outputs: {exc}"
        raise ConfigError(msg) from exc


def _check_out(out_dir: str | Path) -> Path:
    """``out_dir`` as a path, or a ConfigError when it exists and is not a folder."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        msg = f"--out {out}: exists and is not a folder"
        raise ConfigError(msg)
    return out


def _say(key: str, *, lang: str, **values: object) -> str:
    return i18n.text(f"analyze.{key}", lang=lang, **values)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def print_summary(analysis: Analysis, paths: dict[str, Path], *, top: int = 8) -> None:
    """Print the headline rates, the most frequent codes, the grades, the checks not run and the files."""
    lang = analysis.settings.lang
    text = functools.partial(_say, lang=lang)
    summary = analysis.summary
    r = summary["rates"]
    print(text("head", units=f"{len(analysis.coverage):,}", as_of=summary["as_of"]))
    print(text("rates", org=_pct(r["org_coverage"]), own=_pct(r["own_rate"]), work=_pct(r["work_coverage"])))
    counts = pd.Series(summary["findings"], dtype="int64").sort_values(ascending=False, kind="stable")
    if counts.empty:
        print(text("none"))
    else:
        print(text("findings", n=f"{int(counts.sum()):,}"))
        title = 1 if lang == "zh" else 2
        width = max(len(c) for c in counts.index[:top])
        for code, n in counts.iloc[:top].items():
            print(f"  {code:<{width}}  {n:>6,}  {CODES[code][title]}")
        if len(counts) > top:
            print(text("more", n=len(counts) - top))
        for line in first_problems(analysis.findings, lang=lang):  # where to start fixing
            print(line)
    graded = summary.get("grades") or {}
    if graded:
        print(text("grades", n=f"{sum(graded.values()):,}", **{g: f"{n:,}" for g, n in graded.items()}))
    if len(analysis.rejects):
        accounts = analysis.network.meta.get("rows")
        if accounts:  # rows not used and cells emptied are not the same thing: count them apart
            rows = sum(a["rejected"] for a in accounts.values())
            cells = len(analysis.rejects) - rows
            print(text("rejects_rows", rows=f"{rows:,}", cells=f"{cells:,}"))
        else:
            print(text("rejects", n=f"{len(analysis.rejects):,}"))
    if summary.get("not_run"):
        checks = ", ".join(f"{code} ({column})" for code, column in summary["not_run"].items())
        print(text("not_run", checks=checks))
    if "without" in summary:
        ids = ", ".join(analysis.network.meta.get("without", []))
        print(text("without", ids=ids, n=len(summary["without"])))
    if paths:
        folder = next(iter(paths.values())).parent
        print(text("out", out=folder, files=", ".join(paths)))
