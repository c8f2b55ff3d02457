"""``report.xlsx``: an overview sheet, then one sheet per output table (xlsxwriter, table rows in bulk).

Examples
--------
>>> import tempfile, openpyxl
>>> from graphkit.report import example_analysis
>>> with tempfile.TemporaryDirectory() as tmp:
...     p = write_xlsx(example_analysis(), Path(tmp) / "report.xlsx")
...     openpyxl.load_workbook(p)["概览"]["A1"].value
'两新组织党建覆盖分析报告'

"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from graphkit import i18n
from graphkit.analysis.coverage import STATUSES
from graphkit.atomic import replaced_when_done
from graphkit.report.campaign import Section, SectionTable, campaign_sections, table_labels
from graphkit.report.tables import (
    RATE_COLUMNS,
    display_frame,
    findings_by_code,
    headline_rates,
    not_run_text,
    output_tables,
    report_date,
    street_table,
)
from graphkit.results import Analysis
from graphkit.sheetrows import BulkWorkbook, text_width

__all__ = [
    "CELL_FORMATS",
    "EXCEL_MAX_ROWS",
    "XLSX_MAX_ROWS",
    "table_sheet",
    "workbook",
    "write_xlsx",
]

#: Data rows one Excel sheet can hold (below the header row).
EXCEL_MAX_ROWS = 1_048_575

#: Data rows per sheet that :func:`graphkit.report.write_outputs` puts in ``report.xlsx`` by default.
#: A district's tables fit whole; a city-scale table is cut here (the overview sheet says so)
#: and read in full from its CSV file, which a spreadsheet user filters more easily anyway.
XLSX_MAX_ROWS = 10_000


#: The cell formats of the workbook, by name (added in this order).
_FORMATS: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 14},
    "header": {"bold": True, "bg_color": "#E8EEF7", "bottom": 1, "text_wrap": True, "valign": "top"},
    "bold": {"bold": True},
    "pct": {"num_format": "0.0%"},
    "text": {"num_format": "@"},
    "date": {"num_format": "yyyy-mm-dd"},
    "note": {"italic": True, "font_color": "#555555"},
}

#: The count columns of the per-street table, summed in its total row.
_COUNT_COLUMNS = ["units", *STATUSES]


def write_xlsx(
    analysis: Analysis,
    path: str | Path,
    *,
    lang: str = "zh",
    show_contacts: bool = False,
    tables: Mapping[str, pd.DataFrame] | None = None,
    max_rows: int = XLSX_MAX_ROWS,
) -> Path:
    """Write ``report.xlsx``: an overview sheet, the campaign's sheet, then one sheet per output table.

    The campaign's sheet (党建工作) holds the sections of
    :func:`graphkit.report.campaign.campaign_sections` one below the other:
    positions, activity, training, honours and grades, each its counts and
    small tables, or one line saying the ledger does not keep what it counts.
    The grades themselves are the sheet 分类定级 (criteria as 是/否).
    Sheet names, headers and status/kind values are Chinese by default,
    English with ``lang="en"``. Headers are bold, frozen and filterable;
    columns are sized to their content; rates are formatted as percentages;
    ids are written as text. A table longer than ``max_rows`` is cut there
    and the overview says so (the CSV file holds every row).

    Parameters
    ----------
    analysis
        The analysis; read-only.
    path
        The workbook to write.
    lang
        ``"zh"`` or ``"en"``.
    show_contacts
        Keep phone numbers readable (ignored when ``tables`` is given).
    tables
        Output tables already made by :func:`graphkit.report.output_tables`.
    max_rows
        Most data rows per sheet (:data:`XLSX_MAX_ROWS` by default; Excel's
        own limit, :data:`EXCEL_MAX_ROWS`, is the most allowed).

    Returns
    -------
    pathlib.Path
        ``path``.

    Notes
    -----
    O(cells written), at most ``max_rows`` rows a sheet: xlsxwriter lays
    out the overview and campaign sheets cell by cell and each table
    sheet's header; the table rows are built a whole column at a time
    (:class:`graphkit.sheetrows.BulkWorkbook`).

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> from graphkit.report import example_analysis
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = write_xlsx(example_analysis(), Path(tmp) / "report.xlsx", lang="en")
    ...     openpyxl.load_workbook(p).sheetnames[:3]
    ['Overview', 'Party work', 'Findings']

    """
    i18n.check_lang(lang)
    max_rows = min(max_rows, EXCEL_MAX_ROWS)
    tables = dict(tables) if tables is not None else output_tables(analysis, show_contacts=show_contacts)
    with replaced_when_done(path) as part:  # a whole workbook or none
        bulk = workbook(lang=lang)
        fmt = {name: bulk.book.add_format(dict(properties)) for name, properties in _FORMATS.items()}
        _overview_sheet(bulk.book, fmt, analysis, lang=lang, notes=_capped_notes(tables, max_rows, lang=lang))
        _campaign_sheet(bulk.book, fmt, analysis, lang=lang)
        for name, frame in tables.items():
            _table_sheet(bulk, fmt, name, frame.head(max_rows), lang=lang)
        bulk.save(part)
    return Path(path)


def workbook(*, lang: str = "zh") -> BulkWorkbook:
    """A new graphkit workbook: text stays text, table rows written in bulk, long text cut with a note.

    Examples
    --------
    >>> workbook(lang="en").book.add_worksheet("Findings").get_name()
    'Findings'

    """
    return BulkWorkbook(cut=functools.partial(cut_text, lang=lang))


def _capped_notes(tables: Mapping[str, pd.DataFrame], max_rows: int, *, lang: str) -> list[str]:
    """One sentence per table longer than ``max_rows``: the sheet holds only its first rows."""
    return [
        i18n.text(
            "sheet_capped",
            lang=lang,
            sheet=i18n.sheet_name(name, lang=lang),
            shown=max_rows,
            total=len(frame),
            file=f"{name}.csv",
        )
        for name, frame in tables.items()
        if len(frame) > max_rows
    ]


# --------------------------------------------------------------------------- cells
def _cells(series: pd.Series) -> list[Any]:
    """A column as the Python values xlsxwriter writes, converted once.

    Missing values (and infinite numbers, which a cell cannot hold) become
    ``None``; dates become :class:`datetime.datetime` (time zones dropped);
    NumPy and pandas scalars become ``int``, ``float``, ``bool`` or ``str``.

    Examples
    --------
    >>> _cells(pd.Series([1, None], dtype="Int64")), _cells(pd.Series([0.5, np.inf]))
    ([1, None], [0.5, None])
    >>> _cells(pd.Series(pd.to_datetime(["2026-11-27", None])))
    [datetime.datetime(2026, 11, 27, 0, 0), None]

    """
    dtype = series.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            series = series.dt.tz_localize(None)
        stamps = series.dt.to_pydatetime()
        return [None if v is pd.NaT else v for v in stamps]
    if pd.api.types.is_float_dtype(dtype):
        floats = series.to_numpy(dtype="float64", na_value=np.nan)
        values = floats.astype(object)
        values[~np.isfinite(floats)] = None
        return values.tolist()
    return series.to_numpy(dtype=object, na_value=None).tolist()


#: The most characters an Excel cell holds.
EXCEL_CELL_CHARS = 32_767


def cut_text(value: str, *, lang: str = "zh") -> str:
    """``value`` cut to fit an Excel cell, ending in a note that says so and how long it was.

    Examples
    --------
    >>> cut = cut_text("甲" * 40_000, lang="en")
    >>> len(cut), cut.rsplit("甲", 1)[1]
    (32767, "… (cut: 40,000 characters, beyond Excel's cell limit; the CSV file holds the full text)")

    """
    if len(value) <= EXCEL_CELL_CHARS:
        return value
    note = i18n.text("xlsx.truncated", lang=lang, n=len(value))
    return value[: EXCEL_CELL_CHARS - len(note)] + note


def _write_cell(ws: Worksheet, row: int, col: int, value: Any, cell_format: Format | None) -> None:
    """Write one value of :func:`_cells` (``None``: leave the cell empty) with xlsxwriter's ``write``."""
    if value is not None:
        ws.write(row, col, value, cell_format)


# --------------------------------------------------------------------------- overview sheet
def _overview_sheet(
    book: xlsxwriter.Workbook, fmt: dict[str, Format], analysis: Analysis, *, lang: str, notes: list[str]
) -> None:
    """The first sheet: headline rates, the per-street table, findings by code, then notes.

    Each section starts two rows below the last row of the one before.
    """
    ws = book.add_worksheet(i18n.sheet_name("overview", lang=lang))
    by_street = street_table(analysis)
    widths = [14, 12, 44] + [10] * (len(by_street.columns[:10]) - 3)
    widths[1] = max(12, text_width(by_street["street"]) + 2) if len(by_street) else 12
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.write_string(0, 0, i18n.text("report_title", lang=lang), fmt["title"])
    ws.write_string(1, 0, i18n.text("as_of", lang=lang), fmt["bold"])
    ws.write_string(1, 1, report_date(analysis))
    row = _headline_section(ws, fmt, analysis, first_row=3, lang=lang)
    row = _street_section(ws, fmt, by_street, headline_rates(analysis), first_row=row + 2, lang=lang)
    row = _findings_section(ws, fmt, analysis.findings, first_row=row + 2, lang=lang)
    not_run = [text for text in [not_run_text(analysis.summary, lang=lang)] if text]
    for offset, note in enumerate([*not_run, i18n.text("overview_note", lang=lang), *notes]):
        ws.write_string(row + 2 + offset, 0, note, fmt["note"])


def _headline_section(
    ws: Worksheet, fmt: dict[str, Format], analysis: Analysis, *, first_row: int, lang: str
) -> int:
    """The rates (as percentages, each with what it means), units and findings; returns the last row."""
    row = first_row
    header = [i18n.text("metric", lang=lang), i18n.text("rate", lang=lang)]
    ws.write_row(row, 0, [*header, i18n.column_label("detail", lang=lang)], fmt["header"])
    for key, value in headline_rates(analysis).items():
        row += 1
        ws.write_string(row, 0, i18n.column_label(key, lang=lang))
        if value is None:
            ws.write_string(row, 1, "—")
        else:
            ws.write_number(row, 1, float(value), fmt["pct"])
        ws.write_string(row, 2, i18n.text(f"{key}_help", lang=lang))
    row += 1
    ws.write_string(row, 0, i18n.text("units_total", lang=lang))
    ws.write_number(row, 1, len(analysis.coverage))
    row += 1
    ws.write_string(row, 0, i18n.text("findings_total", lang=lang))
    ws.write_number(row, 1, len(analysis.findings))
    return row


def _street_section(
    ws: Worksheet,
    fmt: dict[str, Format],
    by_street: pd.DataFrame,
    rates: Mapping[str, float | None],
    *,
    first_row: int,
    lang: str,
) -> int:
    """The per-street table with a total row (the district's rates); returns the last row."""
    row = first_row
    ws.write_string(row, 0, i18n.text("by_street", lang=lang), fmt["bold"])
    row += 1
    columns = list(by_street.columns[:10])
    ws.write_row(row, 0, i18n.column_labels(columns, table="by_street", lang=lang), fmt["header"])
    pct_positions = {i for i, c in enumerate(columns) if c in RATE_COLUMNS}
    for values in zip(*[_cells(by_street[c]) for c in columns], strict=True):
        row += 1
        for col, value in enumerate(values):
            _write_cell(ws, row, col, value, fmt["pct"] if col in pct_positions else None)
    if len(by_street):
        row += 1
        totals = by_street[_COUNT_COLUMNS].sum()
        ws.write_string(row, 1, i18n.text("total", lang=lang), fmt["bold"])
        for col, key in enumerate(_COUNT_COLUMNS, start=2):
            ws.write_number(row, col, int(totals[key]), fmt["bold"])
        for col, key in enumerate(RATE_COLUMNS, start=2 + len(_COUNT_COLUMNS)):
            value = rates[key]
            if value is not None:
                ws.write_number(row, col, float(value), fmt["pct"])
    return row


def _findings_section(
    ws: Worksheet, fmt: dict[str, Format], findings: pd.DataFrame, *, first_row: int, lang: str
) -> int:
    """Findings counted by code, most severe first; returns the last row."""
    row = first_row
    ws.write_string(row, 0, i18n.text("findings", lang=lang), fmt["bold"])
    row += 1
    headers = ["code", "title", "severity", "count"]
    ws.write_row(row, 0, i18n.column_labels(headers, lang=lang), fmt["header"])
    by_code = findings_by_code(findings)
    for code, count, severity in by_code[["code", "count", "severity"]].itertuples(index=False):
        row += 1
        ws.write_string(row, 0, code)
        ws.write_string(row, 1, i18n.code_title(code, lang=lang))
        ws.write_string(row, 2, str(i18n.value_label("severity", severity, lang=lang)))
        ws.write_number(row, 3, int(count))
    return row


# --------------------------------------------------------------------------- the campaign's sheet
def _campaign_sheet(
    book: xlsxwriter.Workbook, fmt: dict[str, Format], analysis: Analysis, *, lang: str
) -> None:
    """The sheet 党建工作: each campaign section's counts, tables and list, one below the other."""
    ws = book.add_worksheet(i18n.sheet_name("campaign", lang=lang))
    ws.set_column(0, 0, 40)
    ws.set_column(1, 1, 20)  # ids in the lists: credit codes are 18 characters
    ws.set_column(2, 7, 13)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)  # printed (or converted to PDF) one page wide, the shares beside their counts
    ws.write_string(0, 0, i18n.sheet_name("campaign", lang=lang), fmt["title"])
    ws.write_string(1, 0, i18n.text("as_of", lang=lang), fmt["bold"])
    ws.write_string(1, 1, report_date(analysis))
    row = 1
    for section in campaign_sections(analysis, lang=lang):
        row = _campaign_section(ws, fmt, section, first_row=row + 2, lang=lang)


def _campaign_section(
    ws: Worksheet, fmt: dict[str, Format], section: Section, *, first_row: int, lang: str
) -> int:
    """One section: its title, then what is missing or its counts, tables and list; returns the last row."""
    row = first_row
    ws.write_string(row, 0, section.title, fmt["title"])
    if not section.counted:
        ws.write_string(row + 1, 0, section.missing, fmt["note"])
        return row + 1
    row += 1
    headers = [i18n.text(k, lang=lang) for k in ("metric", "campaign.count", "campaign.of", "campaign.share")]
    ws.write_row(row, 0, headers, fmt["header"])
    for metric in section.metrics:
        row += 1
        ws.write_string(row, 0, metric.label)
        if metric.value is None:
            ws.write_string(row, 1, "—")
            continue
        ws.write_number(row, 1, metric.value)
        if metric.total is not None:
            ws.write_number(row, 2, metric.total)
        if metric.share is not None:
            ws.write_number(row, 3, metric.share, fmt["pct"])
    tables = [*section.tables, *([section.listed] if section.listed is not None else [])]
    for table in tables:
        row = _small_table(ws, fmt, table, first_row=row + 2, lang=lang)
    return row


def _small_table(
    ws: Worksheet, fmt: dict[str, Format], table: SectionTable, *, first_row: int, lang: str
) -> int:
    """A section's table under its bold title, a note below when it has one; returns the last row."""
    row = first_row
    ws.write_string(row, 0, table.title, fmt["bold"])
    row += 1
    ws.write_row(row, 0, table_labels(table, lang=lang), fmt["header"])
    frame = table.frame
    for values in zip(*[_cells(frame[c]) for c in frame.columns], strict=True):
        row += 1
        for col, value in enumerate(values):
            _write_cell(ws, row, col, value, None)
    if table.note:
        row += 1
        ws.write_string(row, 0, table.note, fmt["note"])
    return row


# --------------------------------------------------------------------------- table sheets
def _is_id_column(name: str) -> bool:
    return name == "id" or name.endswith("_id") or name in {"code", "source", "target", "file", "sheet"}


def _column_format(key: str, series: pd.Series, fmt: dict[str, Format]) -> Format | None:
    """The format a column's cells take: rates as %, dates as dates, ids as text, else none."""
    if key in RATE_COLUMNS:
        return fmt["pct"]
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return fmt["date"]
    if _is_id_column(key):
        return fmt["text"]
    return None


def _table_sheet(
    bulk: BulkWorkbook, fmt: dict[str, Format], name: str, frame: pd.DataFrame, *, lang: str
) -> None:
    """One sheet holding one output table: header and formats by xlsxwriter, the rows in bulk."""
    ws = bulk.book.add_worksheet(i18n.sheet_name(name, lang=lang))
    shown = display_frame(frame, name, lang=lang)
    canonical = list(frame.columns)
    if name == "findings" and "code" in canonical:
        canonical.insert(canonical.index("code") + 1, "title")
    sample = shown.head(2000)
    for col, (key, label) in enumerate(zip(canonical, shown.columns, strict=True)):
        cell_format = _column_format(key, shown[label], fmt)
        width = max(text_width(pd.Series([label])), text_width(sample[label]) + 1, 6)
        if cell_format is fmt["date"]:
            width = max(width, 11)
        ws.set_column(col, col, min(width + 1, 60), cell_format)
    ws.write_row(0, 0, list(shown.columns), fmt["header"])
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(shown), 1), max(len(shown.columns) - 1, 0))
    # each cell takes its column's format (set above): ids as text, dates, rates
    bulk.defer_rows(ws, shown, first_row=1)


# --------------------------------------------------------------------------- shared with other workbooks
#: The named cell formats every graphkit workbook starts from.
CELL_FORMATS = _FORMATS


def table_sheet(
    bulk: BulkWorkbook, fmt: dict[str, Format], name: str, frame: pd.DataFrame, *, lang: str
) -> None:
    """Add one sheet holding one table, as ``report.xlsx`` does (localised headers and values, ids as text).

    ``bulk`` is a workbook from :func:`workbook`; ``fmt`` holds its formats
    made from :data:`CELL_FORMATS`. The sheet is named
    :func:`graphkit.i18n.sheet_name` of ``name``; its rows are written when
    the workbook is saved.
    """
    _table_sheet(bulk, fmt, name, frame, lang=lang)
