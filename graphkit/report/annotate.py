"""``graphkit annotate``: the user's own ledger back, every problem marked where it is.

:func:`annotate_ledger` copies the ledger into one workbook — a workbook is
loaded as it is (sheets, rows, values, formulas, column order and widths,
number formats, merged cells, hidden columns kept), a CSV file becomes a
sheet named after it — and marks every cell (or, when no one cell is at
fault, every row) that a finding or a reject names
(:data:`graphkit.findings.SOURCE_COLUMNS`, the rejects' file, sheet, row and
column): filled by severity (:data:`FILLS`) with a comment saying what is
wrong and what the rule expects (:data:`graphkit.i18n.RULE_TEXTS`). Its
first sheet, 问题清单, lists every finding with a link to its cell and a
filter on every column (street and code among them).

The ledger reader ignores a sheet it does not know (it is listed among the
ignored sheets), so reading the annotated workbook back gives the same
network: fix it in place and run again. Marks are styles and comments only;
no value is changed. openpyxl keeps a formula but not the value Excel last
computed for it, so each formula cell gets that value back in the saved file
(:func:`_restore_cached_values`): the reader, which does not calculate, reads
what Excel showed.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pandas as pd

from graphkit import i18n
from graphkit.findings import CODES, finding_place
from graphkit.results import Analysis

__all__ = ["FILLS", "LIST_COLUMNS", "annotate_ledger"]

#: Severity -> fill colour (RGB) of a marked cell: error red, warning orange, info light blue.
FILLS = {"error": "FFC7CE", "warning": "FFD8A8", "info": "DDEBF7"}

#: Columns of the 问题清单 sheet (findings columns; ``where`` is the link to the cell).
LIST_COLUMNS = ["code", "title", "severity", "subject_id", "subject_name", "street", "detail", "where"]

_RANK = {"error": 3, "warning": 2, "info": 1}
_HEADER_SCAN = 30
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

CsvCells = Callable[[Path], pd.DataFrame]


def annotate_ledger(
    analysis: Analysis,
    ledger: str | Path,
    out: str | Path,
    *,
    csv_cells: CsvCells | None = None,
) -> dict[str, int]:
    """Write ``out`` (.xlsx): the ledger at ``ledger`` with the findings and rejects of ``analysis`` marked.

    Parameters
    ----------
    analysis
        An analysis of the network read from ``ledger`` (its findings carry
        their source columns; its rejects their file, sheet, row and column).
    ledger
        The ledger as given to the reader: one workbook, one CSV file or a
        folder of CSV/XLSX files.
    out
        The workbook to write.
    csv_cells
        Reads a CSV file as a grid of text cells, row ``i`` being line
        ``i + 1`` (the command line passes the ledger reader's, which knows
        the encodings offices use); default: UTF-8 through pandas.

    Returns
    -------
    dict
        ``cells`` (places marked), ``findings`` and ``rejects`` (how many were
        placed on a sheet).

    Notes
    -----
    O(cells of the ledger) to copy and save, plus O(findings + rejects) marks.

    """
    import openpyxl

    lang = analysis.settings.lang
    ledger, out = Path(ledger), Path(out)
    read_csv = csv_cells or _utf8_cells
    title = i18n.text("annotate.list_sheet", lang=lang)
    if ledger.is_file() and ledger.suffix.lower() in {".xlsx", ".xlsm"}:
        wb = openpyxl.load_workbook(ledger)
        if title in wb.sheetnames:  # annotated before: the old list goes, a new one comes
            del wb[title]
        sheets = {(ledger.name, ws.title): ws for ws in wb.worksheets}
        formulas = {(ledger.name, ws.title): ledger for ws in wb.worksheets}
    else:
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        files = (
            sorted(p for p in ledger.iterdir() if not p.name.startswith(("~$", ".")))
            if ledger.is_dir()
            else [ledger]
        )
        sheets, formulas = {}, {}
        for f in files:
            if f.suffix.lower() == ".csv":
                ws = wb.create_sheet(_sheet_title(f.stem, wb.sheetnames))
                _write_cells(ws, read_csv(f))
                sheets[(f.name, None)] = ws
            elif f.suffix.lower() in {".xlsx", ".xlsm"}:
                source = openpyxl.load_workbook(f)
                for src in source.worksheets:
                    ws = wb.create_sheet(_sheet_title(src.title, wb.sheetnames))
                    _copy_sheet(src, ws)
                    sheets[(f.name, src.title)] = ws
                    formulas[(f.name, src.title)] = f
    marks = _marks(analysis, lang)
    headers: _Headers = {}
    placed = _mark(sheets, marks, headers)
    _list_sheet(wb.create_sheet(title, 0), analysis.findings, sheets, headers, lang)
    wb.active = 0
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws.title == title
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    _restore_cached_values(
        out, {ws.title: (path, key[1]) for key, path in formulas.items() for ws in [sheets[key]]}
    )
    return placed


# ------------------------------------------------------------------ copying
def _utf8_cells(path: Path) -> pd.DataFrame:
    """The cells of a UTF-8 CSV file (rows may differ in length)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)


def _sheet_title(name: str, taken: list[str]) -> str:
    """A valid, unused sheet title close to ``name`` (31 characters, none of ``[]:*?/`` or backslash)."""
    base = _BAD_SHEET_CHARS.sub("_", name)[:31] or "Sheet"
    title, n = base, 1
    while title in taken:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}_{n}"
    return title


def _write_cells(ws: Any, cells: pd.DataFrame) -> None:
    """The cells of a CSV file as text, as the file has them (blank cells left empty)."""
    for row in cells.itertuples(index=False):
        ws.append(
            [None if v is None or (isinstance(v, float) and pd.isna(v)) or v == "" else str(v) for v in row]
        )
    for cell in (c for r in ws.iter_rows() for c in r):
        if cell.value is not None:
            cell.number_format = "@"  # text: a credit code stays as written


def _copy_sheet(src: Any, ws: Any) -> None:
    """Values, formulas, styles, widths, heights, merged and hidden cells of ``src`` into ``ws``."""
    from copy import copy

    for row in src.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            d = ws.cell(row=c.row, column=c.column, value=c.value)
            if c.has_style:
                d.font, d.fill, d.border = copy(c.font), copy(c.fill), copy(c.border)
                d.alignment, d.protection = copy(c.alignment), copy(c.protection)
                d.number_format = c.number_format
    for key, dim in src.column_dimensions.items():
        ws.column_dimensions[key].width = dim.width
        ws.column_dimensions[key].hidden = dim.hidden
    for key, dim in src.row_dimensions.items():
        ws.row_dimensions[key].height = dim.height
        ws.row_dimensions[key].hidden = dim.hidden
    for merged in src.merged_cells.ranges:
        ws.merge_cells(str(merged))
    ws.sheet_state = src.sheet_state
    ws.freeze_panes = src.freeze_panes


# ------------------------------------------------------------------ marking
def _marks(analysis: Analysis, lang: str) -> pd.DataFrame:
    """One row per place to mark: file, sheet, row, column header (or none), severity, comment text."""
    f = analysis.findings
    f = f[f["source_row"].notna().to_numpy(dtype=bool)] if "source_row" in f.columns else f.iloc[:0]
    rule = f["code"].map(lambda c: i18n._pick(i18n.RULE_TEXTS[c], lang) if c in i18n.RULE_TEXTS else "")
    title = f["code"].map(lambda c: i18n.code_title(c, lang=lang))
    text = (
        "【"
        + title
        + "】"
        + f["detail"].fillna("")
        + "\n"
        + rule.map(lambda r: i18n.text("annotate.expects", lang=lang, rule=r) if r else "")
    )
    findings = pd.DataFrame(
        {
            "file": f["source_file"].to_numpy(),
            "sheet": f["source_sheet"].to_numpy(),
            "row": f["source_row"].astype(int).to_numpy(),
            "column": f["source_column"].to_numpy(),
            "severity": f["severity"].to_numpy(),
            "text": text.to_numpy(),
            "what": "findings",
        }
    )
    r = analysis.rejects
    r = r[r["row"].notna().to_numpy(dtype=bool)] if len(r) and "row" in r.columns else r.iloc[:0]
    rejects = pd.DataFrame(
        {
            "file": r["file"].to_numpy() if len(r) else [],
            "sheet": r["sheet"].to_numpy() if len(r) else [],
            "row": r["row"].astype(int).to_numpy() if len(r) else [],
            "column": r["column"].to_numpy() if len(r) else [],
            "severity": "error",
            "text": [i18n.text("annotate.rejected", lang=lang, reason=x) for x in r["reason"]]
            if len(r)
            else [],
            "what": "rejects",
        }
    )
    return pd.concat([findings, rejects], ignore_index=True)


def _mark(sheets: dict[tuple[str, Any], Any], marks: pd.DataFrame, headers: _Headers) -> dict[str, int]:
    """Fill and comment every place of ``marks``; count what was placed."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    placed = {"cells": 0, "findings": 0, "rejects": 0}
    places: dict[tuple[int, int, int], dict[str, Any]] = {}
    for m in marks.itertuples(index=False):
        ws = sheets.get((m.file, None if pd.isna(m.sheet) else m.sheet))
        if ws is None:
            continue
        col = _column(ws, m.column, headers) if isinstance(m.column, str) else None
        key = (id(ws), int(m.row), col or 0)
        place = places.setdefault(key, {"ws": ws, "row": int(m.row), "col": col, "rank": 0, "texts": []})
        place["rank"] = max(place["rank"], _RANK.get(m.severity, 1))
        if m.text not in place["texts"]:
            place["texts"].append(m.text)
        placed[m.what] += 1
    severity = {v: k for k, v in _RANK.items()}
    for p in places.values():
        ws, row, col = p["ws"], p["row"], p["col"]
        fill = PatternFill("solid", fgColor=FILLS[severity[p["rank"]]])
        targets = (
            [ws.cell(row=row, column=col)]
            if col
            else [ws.cell(row=row, column=c) for c in range(1, max(ws.max_column, 1) + 1)]
        )
        for cell in targets:
            if type(cell).__name__ == "MergedCell":
                continue
            if (
                col is None
                and cell.fill is not None
                and cell.fill.fgColor.rgb in {f"00{v}" for v in FILLS.values()}
            ):
                continue  # a cell marked on its own keeps its own colour
            cell.fill = fill
        first = next((c for c in targets if type(c).__name__ != "MergedCell"), None)
        if first is None:
            continue
        text = "\n".join(p["texts"])
        if first.comment is not None:
            text = f"{first.comment.text}\n{text}"
        first.comment = Comment(
            text[:30000], "graphkit", width=360, height=min(60 + 40 * text.count("\n"), 600)
        )
        placed["cells"] += 1
    return placed


_Headers = dict[tuple[str, str], int | None]


def _column(ws: Any, header: str, cache: _Headers) -> int | None:
    """The column whose header (in the first rows) is ``header``, as written; ``None`` if none."""
    key = (ws.title, header)
    if key not in cache:
        found = None
        for row in ws.iter_rows(min_row=1, max_row=min(_HEADER_SCAN, ws.max_row)):
            for c in row:
                if isinstance(c.value, str) and c.value.strip() == header.strip():
                    found = c.column
                    break
            if found:
                break
        cache[key] = found
    return cache[key]


# ------------------------------------------------------------------ the list
def _list_sheet(
    ws: Any, findings: pd.DataFrame, sheets: dict[tuple[str, Any], Any], headers: _Headers, lang: str
) -> None:
    """Every finding, its place a link to the marked cell, a filter on every column."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws.append(i18n.column_labels(LIST_COLUMNS, table="findings", lang=lang))
    for c in ws[1]:
        c.font = Font(bold=True)
    where = finding_place(findings, lang=lang)
    link_font = Font(color="0563C1", underline="single")
    for i, f in enumerate(findings.itertuples(index=False)):
        severity = i18n.value_label("severity", f.severity, lang=lang)
        values = [
            f.code,
            i18n.code_title(f.code, lang=lang) if f.code in CODES else f.code,
            severity,
            f.subject_id,
            f.subject_name,
            f.street,
            f.detail,
            where.iloc[i],
        ]
        ws.append(
            [None if v is None or (not isinstance(v, str) and pd.isna(v)) or v == "" else v for v in values]
        )
        target = _target(f, sheets, headers)
        if target is not None:
            cell = ws.cell(row=i + 2, column=len(LIST_COLUMNS))
            sheet, ref = target
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(sheet)}!{ref}")
            cell.font = link_font
    last = get_column_letter(len(LIST_COLUMNS))
    ws.auto_filter.ref = f"A1:{last}{max(len(findings) + 1, 2)}"
    ws.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGH", (26, 22, 10, 22, 28, 14, 60, 34), strict=True):
        ws.column_dimensions[letter].width = width


def _target(f: Any, sheets: dict[tuple[str, Any], Any], headers: _Headers) -> tuple[str, str] | None:
    """(sheet title, cell reference) of the cell a finding names; column A of its row if no one cell."""
    from openpyxl.utils import get_column_letter

    if f.source_row is None or pd.isna(f.source_row):
        return None
    ws = sheets.get((f.source_file, None if pd.isna(f.source_sheet) else f.source_sheet))
    if ws is None:
        return None
    col = _column(ws, f.source_column, headers) if isinstance(f.source_column, str) else None
    return ws.title, f"{get_column_letter(col or 1)}{int(f.source_row)}"


# ------------------------------------------------------------------ formulas
_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*)><f>(.*?)</f>(?:<v>.*?</v>|<v\s*/>)?</c>', re.DOTALL)


def _restore_cached_values(path: Path, sources: dict[str, tuple[Path, str | None]]) -> None:
    """Put back, after each formula of the saved workbook, the value Excel last computed for it.

    ``sources`` maps a sheet title of ``path`` to the workbook and sheet it
    was copied from; their cached values come from openpyxl's ``data_only``
    view of that workbook. Only formula cells change.
    """
    if not sources:
        return
    import openpyxl
    from openpyxl.utils.datetime import to_excel

    cached: dict[str, dict[str, Any]] = {}
    books: dict[Path, Any] = {}
    for title, (src, sheet) in sources.items():
        if src not in books:
            books[src] = openpyxl.load_workbook(src, data_only=True)
        ws = books[src][sheet if sheet is not None else title]
        cached[title] = {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
    wb = openpyxl.load_workbook(path, read_only=True)
    order = wb.sheetnames
    wb.close()
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        parts = {n: z.read(n) for n in names}
    for i, title in enumerate(order, start=1):
        name = f"xl/worksheets/sheet{i}.xml"
        if title not in cached or name not in parts:
            continue
        values = cached[title]

        def put(m: re.Match[str], values: dict[str, Any] = values) -> str:
            ref, attrs, formula = m.group(1), m.group(2), m.group(3)
            v = values.get(ref)
            attrs = re.sub(r'\s+t="[^"]*"', "", attrs)
            if v is None:
                return f'<c r="{ref}"{attrs}><f>{formula}</f></c>'
            if isinstance(v, bool):
                return f'<c r="{ref}"{attrs} t="b"><f>{formula}</f><v>{int(v)}</v></c>'
            if isinstance(v, (dt.datetime, dt.date, dt.time)):
                v = to_excel(v)
            if isinstance(v, (int, float)):
                return f'<c r="{ref}"{attrs}><f>{formula}</f><v>{v}</v></c>'
            return f'<c r="{ref}"{attrs} t="str"><f>{formula}</f><v>{escape(str(v))}</v></c>'

        parts[name] = _CELL.sub(put, parts[name].decode("utf-8")).encode("utf-8")
    with (
        tempfile.NamedTemporaryFile(dir=path.parent, suffix=".xlsx", delete=False) as tmp,
        zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z,
    ):
        for n in names:
            z.writestr(n, parts[n])
    shutil.move(tmp.name, path)
