"""The output folder of ``graphkit compare``: month over month, the 月报 and the 通报 (DESIGN §7).

:func:`write_comparison` writes

====================== ===========================================================
file                   content
====================== ===========================================================
``changes.csv``        ledger rows added, removed or changed (one row per column)
``status_changes.csv`` units whose coverage status moved
``findings_delta.csv`` findings opened, resolved or persisting
``streets.csv``        per street and snapshot: units, rates, findings by severity,
                       the month's campaign work, each with its change
``monthly.xlsx``       the 月报: a sheet per month (street table and district
                       total), the 通报, and the changes in detail
``monthly.html``       the same as one self-contained page, with the trend chart
``trend.png``          the three rates per street across the snapshots
====================== ===========================================================

CSV files are machine-readable (UTF-8 with BOM, canonical English columns and
values, every row); the workbook and the page are for people (labels from
:mod:`graphkit.i18n`). Phone numbers in ``changes`` are masked unless
``show_contacts=True``.

Examples
--------
>>> import tempfile, graphkit as gk
>>> net = gk.datasets.tiny()
>>> result = gk.compare([net, net.without(["L1"])], dates=["2026-10", "2026-11"])
>>> with tempfile.TemporaryDirectory() as tmp:
...     sorted(write_comparison(result, tmp, charts=False))
['changes.csv', 'findings_delta.csv', 'monthly.html', 'monthly.xlsx', 'status_changes.csv', 'streets.csv']

"""

from __future__ import annotations

import functools
import importlib.resources
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from graphkit import i18n
from graphkit.analysis.compare import STREET_METRICS
from graphkit.draw.style import save
from graphkit.draw.trend import TREND_RATES, plot_rate_trend, snapshot_labels
from graphkit.fonts import cjk_rc
from graphkit.privacy import is_contact_column, mask_phone
from graphkit.report.csv import write_csv
from graphkit.report.tables import display_frame
from graphkit.report.xlsx import CELL_FORMATS, XLSX_MAX_ROWS, table_sheet, workbook
from graphkit.results import Comparison
from graphkit.sheetrows import text_width
from graphkit.version import __version__

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "COMPARISON_TABLES",
    "comparison_tables",
    "render_monthly_html",
    "trend_figure",
    "write_comparison",
    "write_monthly_xlsx",
]

#: Tables written as ``<name>.csv``, in order.
COMPARISON_TABLES = ("changes", "status_changes", "findings_delta", "streets")

#: Most rows per detail table of ``monthly.html`` (the CSV files hold every row).
HTML_MAX_ROWS = 200

#: Rates among the street metrics: shown as percentages, their changes as signed percentages.
_RATES = set(TREND_RATES)

#: Columns of the people-facing street table: the street, then each metric and its change.
_SHOWN = ["street", *(c for m in STREET_METRICS for c in (m, f"{m}_change"))]

#: Extra cell formats of the 月报.
_MONTHLY_FORMATS: dict[str, dict[str, Any]] = {
    "pct_change": {"num_format": "+0.0%;-0.0%;0.0%"},
    "int_change": {"num_format": "+0;-0;0"},
    "total_pct": {"num_format": "0.0%", "bold": True, "top": 1},
    "total_pct_change": {"num_format": "+0.0%;-0.0%;0.0%", "bold": True, "top": 1},
    "total_int_change": {"num_format": "+0;-0;0", "bold": True, "top": 1},
    "total": {"bold": True, "top": 1},
}


# --------------------------------------------------------------------------- tables
def comparison_tables(comparison: Comparison, *, show_contacts: bool = False) -> dict[str, pd.DataFrame]:
    """The machine-readable tables of a comparison (:data:`COMPARISON_TABLES`), phones masked.

    Examples
    --------
    >>> import graphkit as gk
    >>> net = gk.datasets.tiny()
    >>> result = gk.compare([net, net], dates=["2026-10", "2026-11"])
    >>> list(comparison_tables(result)["streets"].columns[:5])
    ['date', 'street_id', 'street', 'units', 'units_change']

    """
    changes = comparison.changes
    if not show_contacts and len(changes):
        columns = changes["column"].to_numpy(dtype=object, na_value=None)
        contact = np.array([c is not None and is_contact_column(c) for c in columns], dtype=bool)
        if contact.any():
            changes = changes.copy()
            for side in ("old", "new"):
                changes.loc[contact, side] = changes.loc[contact, side].map(mask_phone, na_action="ignore")
    return {
        "changes": changes,
        "status_changes": comparison.status_changes,
        "findings_delta": comparison.findings_delta,
        "streets": comparison.streets,
    }


def _street_rows(comparison: Comparison, date: str, *, lang: str) -> pd.DataFrame:
    """One snapshot's street rows for people: street names filled in, :data:`_SHOWN` columns."""
    streets = comparison.streets
    rows = streets[streets["date"] == date].copy()
    no_street = i18n.text("monthly.no_street", lang=lang)
    rows["street"] = rows["street"].fillna(rows["street_id"]).fillna(no_street)
    return rows[_SHOWN].reset_index(drop=True)


def _district_row(comparison: Comparison, date: str, *, lang: str) -> pd.DataFrame:
    district = comparison.district
    row = district[district["date"] == date].copy()
    row.insert(0, "street", i18n.text("monthly.district", lang=lang))
    return row[_SHOWN].reset_index(drop=True)


def _moves(comparison: Comparison, index: int, *, lang: str) -> str:
    """The sentence of what changed since the snapshot before (``""`` for the first)."""
    if index == 0:
        return ""
    to = comparison.dates[index].isoformat()
    changes = comparison.changes[comparison.changes["to"] == to]
    delta = comparison.findings_delta[comparison.findings_delta["to"] == to]
    moves = comparison.status_changes[comparison.status_changes["to"] == to]
    counts = changes["change"].value_counts()
    states = delta["state"].value_counts()
    return i18n.text(
        "monthly.moves",
        lang=lang,
        added=int(counts.get("added", 0)),
        removed=int(counts.get("removed", 0)),
        changed=int(counts.get("changed", 0)),
        moves=len(moves),
        opened=int(states.get("opened", 0)),
        resolved=int(states.get("resolved", 0)),
        persisting=int(states.get("persisting", 0)),
    )


def _lags_text(lags: pd.Series, *, lang: str) -> pd.Series:
    """The bulletin's ``lags`` keys as words, joined by 、 (or commas)."""
    sep = "、" if lang == "zh" else "; "

    def words(value: object) -> str:
        if not isinstance(value, str) or not value:
            return ""
        return sep.join(str(i18n.value_label("compare.lag", key, lang=lang)) for key in value.split(","))

    return lags.map(words).astype("string")


def _detail_frame(name: str, frame: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """A detail table with its ``compare.*`` words translated (display_frame does the rest)."""
    out = frame.copy()
    fields = {"table": "compare.table", "change": "compare.change", "column": "compare.column"}
    if name == "findings_delta":
        fields = {"state": "compare.state"}
    for column, field in fields.items():
        if column in out.columns:
            out[column] = i18n.translate_values(out[column].astype("string"), field, lang=lang)
    return out


# --------------------------------------------------------------------------- the trend chart
def trend_figure(comparison: Comparison, *, lang: str = "zh", max_streets: int = 20) -> Figure:
    """The trend chart: one panel per rate (:data:`graphkit.draw.trend.TREND_RATES`), a line per street.

    Examples
    --------
    >>> import graphkit as gk
    >>> net = gk.datasets.tiny()
    >>> fig = trend_figure(gk.compare([net, net], dates=["2026-10", "2026-11"]), lang="en")
    >>> [ax.get_title() for ax in fig.axes]
    ['Organisational coverage', 'Own-organisation rate', 'Work coverage']

    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(15, 4.6), layout="constrained")
    axes = fig.subplots(1, len(TREND_RATES))
    for i, (ax, rate) in enumerate(zip(axes, TREND_RATES, strict=True)):
        plot_rate_trend(
            comparison, rate, ax=ax, lang=lang, max_streets=max_streets, show_legend=i == len(TREND_RATES) - 1
        )
    return fig


def _svg(fig: Figure) -> str:
    """Inline SVG of ``fig``: text as paths (no font needed), no prolog, metadata or namespace URLs."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({**cjk_rc(), "svg.fonttype": "path", "svg.hashsalt": "gk-trend"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.DOTALL)
    text = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", text)
    return re.sub(r'\s+width="[\d.]+pt"\s+height="[\d.]+pt"', ' class="gk-chart"', text, count=1)


# --------------------------------------------------------------------------- the workbook
def write_monthly_xlsx(
    comparison: Comparison,
    path: str | Path,
    *,
    lang: str = "zh",
    tables: Mapping[str, pd.DataFrame] | None = None,
    max_rows: int = XLSX_MAX_ROWS,
) -> Path:
    """Write the 月报 workbook.

    One sheet per snapshot, named by its month (``2026年10月``; ``2026-10``
    in English), with the street table (each number beside its change from
    the snapshot before) and the district total; then the 通报 sheet (the
    streets of the last snapshot ranked by what lags,
    :func:`graphkit.analysis.compare.bulletin`); then the changes, status
    moves and findings delta in detail (at most ``max_rows`` rows each; the
    CSV files hold every row).

    Parameters
    ----------
    comparison
        The comparison; read-only.
    path
        The workbook to write.
    lang
        ``"zh"`` or ``"en"``.
    tables
        Tables already made by :func:`comparison_tables`.
    max_rows
        Most rows per detail sheet.

    Returns
    -------
    pathlib.Path
        ``path``.

    Notes
    -----
    O(cells written).

    Examples
    --------
    >>> import tempfile, openpyxl, graphkit as gk
    >>> net = gk.datasets.tiny()
    >>> result = gk.compare([net, net.without(["L1"])], dates=["2026-10", "2026-11"])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     openpyxl.load_workbook(write_monthly_xlsx(result, Path(tmp) / "monthly.xlsx")).sheetnames
    ['2026年10月', '2026年11月', '通报', '台账变化', '覆盖状态变化', '问题增减']

    """
    i18n.check_lang(lang)
    tables = dict(tables) if tables is not None else comparison_tables(comparison)
    bulk = workbook(lang=lang)
    book = bulk.book
    fmt = {name: book.add_format(dict(p)) for name, p in (CELL_FORMATS | _MONTHLY_FORMATS).items()}
    labels = snapshot_labels(comparison.dates, lang=lang)
    for index, label in enumerate(labels):
        _month_sheet(book, fmt, comparison, index, label, lang=lang)
    _bulletin_sheet(book, fmt, comparison, labels[-1], lang=lang)
    for name in ("changes", "status_changes", "findings_delta"):
        frame = _detail_frame(name, tables[name], lang=lang)
        table_sheet(bulk, fmt, name, frame.head(max_rows), lang=lang)
    bulk.save(path)
    return Path(path)


def _number_format(key: str, fmt: dict[str, Format], *, total: bool) -> Format | None:
    prefix = "total_" if total else ""
    if key.endswith("_change"):
        base = key.removesuffix("_change")
        return fmt[f"{prefix}pct_change" if base in _RATES else f"{prefix}int_change"]
    if key in _RATES:
        return fmt[f"{prefix}pct"] if not total else fmt["total_pct"]
    return fmt["total"] if total else None


def _write_value(ws: Worksheet, row: int, col: int, value: Any, cell_format: Format | None) -> None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        if cell_format is not None:
            ws.write_blank(row, col, None, cell_format)
        return
    if isinstance(value, str):
        ws.write_string(row, col, value, cell_format)
    else:
        ws.write_number(row, col, float(value), cell_format)


def _street_block(
    ws: Worksheet,
    fmt: dict[str, Format],
    rows: pd.DataFrame,
    total: pd.DataFrame,
    *,
    first_row: int,
    lang: str,
) -> int:
    """The street table and its district total from ``first_row``; returns the last row written."""
    headers = i18n.column_labels(_SHOWN, table="streets", lang=lang)
    ws.write_row(first_row, 0, headers, fmt["header"])
    row = first_row
    for is_total, frame in ((False, rows), (True, total)):
        for values in frame.astype(object).itertuples(index=False):
            row += 1
            for col, (key, value) in enumerate(zip(_SHOWN, values, strict=True)):
                _write_value(ws, row, col, value, _number_format(key, fmt, total=is_total))
    return row


def _month_sheet(
    book: xlsxwriter.Workbook,
    fmt: dict[str, Format],
    comparison: Comparison,
    index: int,
    label: str,
    *,
    lang: str,
) -> None:
    """One snapshot's sheet: title, date, what changed, the street table with the district total."""
    ws = book.add_worksheet(label[:31])
    date = comparison.dates[index].isoformat()
    rows = _street_rows(comparison, date, lang=lang)
    ws.set_column(0, 0, max(12, text_width(rows["street"]) + 2, text_width(pd.Series(["全区合计"])) + 2))
    ws.set_column(1, len(_SHOWN) - 1, 11)
    ws.write_string(0, 0, f"{i18n.text('monthly.title', lang=lang)}（{label}）", fmt["title"])
    ws.write_string(1, 0, i18n.text("as_of", lang=lang), fmt["bold"])
    ws.write_string(1, 1, date)
    moves = _moves(comparison, index, lang=lang)
    if moves:
        ws.write_string(2, 0, moves, fmt["note"])
    row = _street_block(ws, fmt, rows, _district_row(comparison, date, lang=lang), first_row=4, lang=lang)
    ws.write_string(row + 2, 0, i18n.text("monthly.change_help", lang=lang), fmt["note"])
    ws.freeze_panes(5, 1)


def _bulletin_sheet(
    book: xlsxwriter.Workbook, fmt: dict[str, Format], comparison: Comparison, label: str, *, lang: str
) -> None:
    """The 通报: the streets of the last snapshot ranked by what lags."""
    ws = book.add_worksheet(i18n.sheet_name("bulletin", lang=lang))
    frame = comparison.bulletin.drop(columns=["street_id"]).copy()
    frame["street"] = frame["street"].fillna(comparison.bulletin["street_id"])
    frame["lags"] = _lags_text(frame["lags"], lang=lang)
    columns = list(frame.columns)
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, max(12, text_width(frame["street"]) + 2))
    ws.set_column(2, len(columns) - 2, 12)
    ws.set_column(len(columns) - 1, len(columns) - 1, 60)
    ws.write_string(0, 0, i18n.text("monthly.bulletin", lang=lang, month=label), fmt["title"])
    ws.write_string(1, 0, i18n.text("monthly.bulletin_help", lang=lang), fmt["note"])
    ws.write_row(3, 0, i18n.column_labels(columns, table="bulletin", lang=lang), fmt["header"])
    for row, values in enumerate(frame.astype(object).itertuples(index=False), start=4):
        for col, (key, value) in enumerate(zip(columns, values, strict=True)):
            _write_value(ws, row, col, value, _number_format(key, fmt, total=False))
    ws.freeze_panes(4, 2)


# --------------------------------------------------------------------------- the page
@functools.cache
def _template() -> jinja2.Template:
    """The compiled page template (autoescaped; an undefined name is an error), as for ``report.html``."""
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("monthly.html.j2")


def _load_template(name: str) -> str:
    folder = importlib.resources.files("graphkit.report").joinpath("templates")
    return folder.joinpath(name).read_text(encoding="utf-8")


def _cell_text(key: str, value: Any) -> str:
    """One number of the street table as text: rates as %, changes signed, missing as blank."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return value
    base = key.removesuffix("_change")
    if key.endswith("_change"):
        return f"{float(value):+.1%}" if base in _RATES else f"{int(value):+,d}"
    return f"{float(value):.1%}" if key in _RATES else f"{int(value):,d}"


def _street_table(rows: pd.DataFrame, total: pd.DataFrame, *, lang: str) -> dict[str, Any]:
    cells = [
        [_cell_text(k, v) for k, v in zip(_SHOWN, values, strict=True)]
        for values in rows.astype(object).itertuples(index=False)
    ]
    totals = [
        _cell_text(k, v)
        for k, v in zip(_SHOWN, next(total.astype(object).itertuples(index=False)), strict=True)
    ]
    return {
        "headers": i18n.column_labels(_SHOWN, table="streets", lang=lang),
        "rows": cells,
        "total": totals,
        "numeric": [False] + [True] * (len(_SHOWN) - 1),
        "note": "",
    }


def _plain_table(name: str, frame: pd.DataFrame, *, lang: str, max_rows: int) -> dict[str, Any]:
    """A capped detail table for the page (headers and values localised)."""
    head = _detail_frame(name, frame.head(max_rows), lang=lang)
    shown = display_frame(head, name, lang=lang)
    numeric = [pd.api.types.is_numeric_dtype(shown[c].dtype) for c in shown.columns]
    rows = shown.astype("string").fillna("").to_numpy().tolist()
    note = ""
    if len(frame) > max_rows:
        note = i18n.text("monthly.capped", lang=lang, shown=max_rows, total=len(frame), file=f"{name}.csv")
    return {"headers": list(shown.columns), "rows": rows, "numeric": numeric, "note": note, "total": None}


def render_monthly_html(
    comparison: Comparison,
    *,
    lang: str = "zh",
    tables: Mapping[str, pd.DataFrame] | None = None,
    charts: bool = True,
    max_rows: int = HTML_MAX_ROWS,
) -> str:
    """Return ``monthly.html``: one self-contained page that opens offline.

    The page shows the trend chart (inline SVG, text drawn as paths, so it
    needs no font), the street table of the last snapshot with the district
    total, the 通报, each earlier month's table (folded), and the changes,
    status moves and findings delta of the last pair of snapshots (first
    ``max_rows`` rows each; the CSV files hold every row). It loads nothing
    from the network.

    Examples
    --------
    >>> import graphkit as gk
    >>> net = gk.datasets.tiny()
    >>> result = gk.compare([net, net.without(["L1"])], dates=["2026-10", "2026-11"])
    >>> page = render_monthly_html(result, charts=False)
    >>> page.startswith("<!DOCTYPE html>"), "通报" in page, "全区合计" in page, "http" in page
    (True, True, True, False)

    """
    i18n.check_lang(lang)
    tables = dict(tables) if tables is not None else comparison_tables(comparison)
    labels = snapshot_labels(comparison.dates, lang=lang)
    months = []
    for index, (day, label) in enumerate(zip(comparison.dates, labels, strict=True)):
        date = day.isoformat()
        rows = _street_rows(comparison, date, lang=lang)
        total = _district_row(comparison, date, lang=lang)
        months.append(
            {
                "label": label,
                "date": date,
                "moves": _moves(comparison, index, lang=lang),
                "table": _street_table(rows, total, lang=lang),
            }
        )
    last = comparison.dates[-1].isoformat()
    bulletin = comparison.bulletin.drop(columns=["street_id"]).copy()
    bulletin["street"] = bulletin["street"].fillna(comparison.bulletin["street_id"])
    bulletin["lags"] = _lags_text(bulletin["lags"], lang=lang)
    bulletin_table = {
        "headers": i18n.column_labels(bulletin.columns, table="bulletin", lang=lang),
        "rows": [
            [
                _cell_text(k, v) if k != "rank" and k != "score" else str(v)
                for k, v in zip(bulletin.columns, values, strict=True)
            ]
            for values in bulletin.astype(object).itertuples(index=False)
        ],
        "numeric": [c not in ("street", "lags") for c in bulletin.columns],
        "note": "",
        "total": None,
    }
    details = {
        name: _plain_table(
            name, frame[frame["to"] == last] if "to" in frame.columns else frame, lang=lang, max_rows=max_rows
        )
        for name, frame in tables.items()
        if name in ("status_changes", "findings_delta", "changes")
    }
    context = {
        "lang": lang,
        "t": {
            key: i18n.text(key, lang=lang)
            for key in (
                "monthly.title",
                "monthly.trend",
                "monthly.streets",
                "monthly.bulletin_help",
                "monthly.change_help",
                "monthly.details",
                "monthly.none",
                "as_of",
            )
        },
        "sheet": {
            name: i18n.sheet_name(name, lang=lang) for name in ("status_changes", "findings_delta", "changes")
        },
        "period": i18n.text("monthly.period", lang=lang, first=labels[0], last=labels[-1], n=len(labels)),
        "bulletin_title": i18n.text("monthly.bulletin", lang=lang, month=labels[-1]),
        "generated_by": i18n.text("generated_by", lang=lang, version=__version__),
        "version": __version__,
        "trend": _svg(trend_figure(comparison, lang=lang)) if charts else "",
        "latest": months[-1],
        "earlier": months[:-1][::-1],
        "bulletin": bulletin_table,
        "details": details,
    }
    return _template().render(context)


# --------------------------------------------------------------------------- the folder
def write_comparison(
    comparison: Comparison,
    out_dir: str | Path,
    *,
    lang: str = "zh",
    show_contacts: bool = False,
    charts: bool = True,
    xlsx_max_rows: int = XLSX_MAX_ROWS,
) -> dict[str, Path]:
    """Write every output file of ``graphkit compare`` into ``out_dir`` (see the module's table).

    Parameters
    ----------
    comparison
        The comparison; read-only.
    out_dir
        The output folder; created when missing, existing files overwritten.
    lang
        ``"zh"`` (default) or ``"en"``: the workbook and the page. CSV files
        always use canonical English names and values.
    show_contacts
        Keep phone numbers readable in ``changes``; masked by default.
    charts
        Draw the trend chart (``trend.png`` and the page's chart).
    xlsx_max_rows
        Most rows per detail sheet of ``monthly.xlsx``.

    Returns
    -------
    dict of str to pathlib.Path
        File name → path of every file written.

    Notes
    -----
    O(cells) for the CSV files and the workbook; the page's tables are capped.

    """
    i18n.check_lang(lang)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = comparison_tables(comparison, show_contacts=show_contacts)
    paths: dict[str, Path] = {}
    for name, frame in tables.items():
        paths[f"{name}.csv"] = write_csv(frame, out / f"{name}.csv")
    paths["monthly.xlsx"] = write_monthly_xlsx(
        comparison, out / "monthly.xlsx", lang=lang, tables=tables, max_rows=xlsx_max_rows
    )
    page = render_monthly_html(comparison, lang=lang, tables=tables, charts=charts)
    paths["monthly.html"] = out / "monthly.html"
    paths["monthly.html"].write_text(page, encoding="utf-8")
    if charts:
        fig = trend_figure(comparison, lang=lang)
        paths["trend.png"] = save(fig, out / "trend.png")
    return paths
