"""Table rows written in bulk: the same cells xlsxwriter writes, read back by openpyxl and LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from graphkit import sheetrows
from graphkit.sheetrows import BulkWorkbook

TEXT = ["甲 & <乙>", " lead ", "tab\there", "bell\x07", "_x0041_ literal", "", None, "line\nbreak"]
FRAME = pd.DataFrame(
    {
        "text": pd.array(TEXT, dtype="string"),
        "count": pd.array([1, None, -3, 10**12, 0, 7, 8, 9], dtype="Int64"),
        "share": [0.5, np.nan, np.inf, -0.25, 0.1, 1e-7, 3.0, -np.inf],
        "flag": pd.array([True, False, None, True, False, True, None, False], dtype="boolean"),
        "day": pd.to_datetime(
            ["2026-11-27", None, "2000-01-01", "1900-03-01", None, "1970-01-01", None, None]
        ),
        "mixed": pd.Series([1, "a", True, None, 2.5, dt.datetime(2026, 1, 2), "<b>", None], dtype=object),
    }
)


def bulk_sheet(frame: pd.DataFrame) -> openpyxl.worksheet.worksheet.Worksheet:
    bulk = BulkWorkbook({"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
    ws = bulk.book.add_worksheet("t")
    ws.set_column(4, 4, 12, bulk.book.add_format({"num_format": "yyyy-mm-dd"}))
    ws.write_row(0, 0, list(frame.columns))
    bulk.defer_rows(ws, frame)
    out = io.BytesIO()
    bulk.save(out)
    return openpyxl.load_workbook(out)["t"]


def xlsxwriter_sheet(frame: pd.DataFrame) -> openpyxl.worksheet.worksheet.Worksheet:
    """The same frame written cell by cell with xlsxwriter: what the bulk rows must equal."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"strings_to_numbers": False, "strings_to_formulas": False})
    ws = book.add_worksheet("t")
    ws.set_column(4, 4, 12, book.add_format({"num_format": "yyyy-mm-dd"}))
    ws.write_row(0, 0, list(frame.columns))
    for i, row in enumerate(frame.astype(object).itertuples(index=False), start=1):
        for j, value in enumerate(row):
            if value is None or value is pd.NA or value is pd.NaT or value == "":
                continue
            if isinstance(value, float) and not np.isfinite(value):
                continue
            ws.write(i, j, value.to_pydatetime() if isinstance(value, pd.Timestamp) else value)
    book.close()
    return openpyxl.load_workbook(out)["t"]


def cells(sheet) -> list[list[object]]:
    return [[(c.value, c.data_type, c.number_format) for c in row] for row in sheet.iter_rows()]


def test_bulk_rows_are_the_cells_xlsxwriter_writes() -> None:
    assert cells(bulk_sheet(FRAME)) == cells(xlsxwriter_sheet(FRAME))


def test_values_come_back_exactly() -> None:
    rows = [[c.value for c in row] for row in bulk_sheet(FRAME).iter_rows(min_row=2)]
    # openpyxl shows Excel's escape of a control character as it is (the cell equals xlsxwriter's, above)
    assert [r[0] for r in rows] == [
        "甲 & <乙>", " lead ", "tab\there", "bell_x0007_", "_x0041_ literal", None, None, "line\nbreak",
    ]  # fmt: skip
    assert [r[1] for r in rows] == [1, None, -3, 10**12, 0, 7, 8, 9]
    assert [r[2] for r in rows] == [0.5, None, None, -0.25, 0.1, 1e-7, 3, None]
    assert [r[3] for r in rows] == [True, False, None, True, False, True, None, False]
    assert [r[4] for r in rows] == [
        dt.datetime(2026, 11, 27), None, dt.datetime(2000, 1, 1), dt.datetime(1900, 3, 1),
        None, dt.datetime(1970, 1, 1), None, None,
    ]  # fmt: skip
    # a date among values of other kinds has no date format: its serial day, as xlsxwriter writes it
    assert [r[5] for r in rows] == [1, "a", True, None, 2.5, 46024, "<b>", None]


def test_text_longer_than_a_cell_is_cut_by_the_given_rule() -> None:
    bulk = BulkWorkbook(cut=lambda text: text[:10] + "…")
    ws = bulk.book.add_worksheet("t")
    bulk.defer_rows(ws, pd.DataFrame({"t": ["甲" * 40_000, "short"]}), first_row=0)
    out = io.BytesIO()
    bulk.save(out)
    assert [c.value for c in openpyxl.load_workbook(out)["t"]["A"]] == ["甲" * 10 + "…", "short"]


def test_rows_are_written_in_blocks_in_order_and_the_used_range_covers_them(monkeypatch) -> None:
    monkeypatch.setattr(sheetrows, "ROWS_PER_BLOCK", 2)
    frame = pd.DataFrame({"a": ["r1", "r2", "r3", "r4", "r5"], "b": [1, 2, 3, 4, 5]})
    bulk = BulkWorkbook()
    ws = bulk.book.add_worksheet("t")
    ws.write_row(0, 0, ["a", "b"])
    bulk.defer_rows(ws, frame)
    out = io.BytesIO()
    bulk.save(out)
    sheet = openpyxl.load_workbook(out)["t"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["a", "b"], ["r1", 1], ["r2", 2], ["r3", 3], ["r4", 4], ["r5", 5],
    ]  # fmt: skip
    with zipfile.ZipFile(out) as z:
        assert '<dimension ref="A1:B6"/>' in z.read("xl/worksheets/sheet1.xml").decode()


def test_a_sheet_with_rows_of_its_own_below_the_bulk_rows_is_refused() -> None:
    bulk = BulkWorkbook()
    ws = bulk.book.add_worksheet("t")
    ws.write_string(5, 0, "in the way")
    bulk.defer_rows(ws, pd.DataFrame({"a": ["x"]}))
    with pytest.raises(ValueError, match="row 2"):
        bulk.save(io.BytesIO())


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_bulk_rows(tmp_path: Path) -> None:
    frame = FRAME[["text", "count", "day"]].iloc[[0, 1, 2, 4, 5]]
    bulk = BulkWorkbook()
    ws = bulk.book.add_worksheet("表")
    ws.set_column(2, 2, 12, bulk.book.add_format({"num_format": "yyyy-mm-dd"}))
    ws.write_row(0, 0, ["文本", "数", "日期"])
    bulk.defer_rows(ws, frame)
    bulk.save(tmp_path / "b.xlsx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
         str(tmp_path), str(tmp_path / "b.xlsx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    lines = (tmp_path / "b.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [
        "文本,数,日期",
        "甲 & <乙>,1,2026-11-27",
        " lead ,,",
        "tab\there,-3,2000-01-01",
        "_x0041_ literal,0,",
        ",7,1970-01-01",
    ]


def test_each_text_is_shared_once_in_the_whole_workbook() -> None:
    bulk = BulkWorkbook()
    for name in ("s1", "s2"):
        ws = bulk.book.add_worksheet(name)
        ws.write_row(0, 0, ["甲", "b & c"])  # xlsxwriter's own strings, one of them escaped
        bulk.defer_rows(ws, pd.DataFrame({"x": ["甲", "乙", None, "乙"], "y": ["b & c", "乙", "丙", ""]}))
    out = io.BytesIO()
    bulk.save(out)
    with zipfile.ZipFile(out) as z:
        sst = z.read("xl/sharedStrings.xml").decode()
        cells = sum(z.read(f"xl/worksheets/sheet{i}.xml").decode().count('t="s"') for i in (1, 2))
    texts = [t for _, t in re.findall(r"<t( xml:space=\"preserve\")?>([^<]*)</t>", sst)]
    assert sorted(texts) == sorted(["甲", "b &amp; c", "乙", "丙"])
    assert f'count="{cells}"' in sst and 'uniqueCount="4"' in sst
    assert cells == 2 * (2 + 3 + 3)  # headers, then x's and y's non-empty texts on each sheet
    book = openpyxl.load_workbook(out)
    assert [[c.value for c in row] for row in book["s2"].iter_rows()] == [
        ["甲", "b & c"], ["甲", "b & c"], ["乙", "乙"], [None, "丙"], ["乙", None],
    ]  # fmt: skip
