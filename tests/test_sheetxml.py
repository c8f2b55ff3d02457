"""Fast sheet rows: the same worksheet XML as xlsxwriter's cell-by-cell writes."""

from __future__ import annotations

import datetime as dt
import math
import zipfile

import numpy as np
import pandas as pd
import xlsxwriter

from graphkit.sheetxml import write_table_rows

FRAME = pd.DataFrame(
    {
        "text": pd.Series(["甲 & <乙>", " lead", "trail\t", "ctl\x01", "_x0041_", None], dtype="string"),
        "obj": pd.Series(["a", None, "b", "c", "d", "e"], dtype=object),
        "edge": pd.Series(["\u3000全", "尾\u00a0", "\ufffe", "a_x00e9_b", "m d", "\x1f"], dtype="string"),
        "int": pd.Series([1, None, 3, -4, 0, 123456789], dtype="Int64"),
        "float": [0.1, math.nan, 1e20, -2.5, 3.0, 1 / 3],
        "flag": pd.Series([True, False, None, True, False, True], dtype="boolean"),
        "when": pd.to_datetime(["2026-11-27", None, "2000-01-01", "2026-02-28", "1999-12-31", "2030-06-30"]),
    }
)


def _cell_by_cell(ws, frame: pd.DataFrame, fmt) -> None:
    for r, row in enumerate(frame.astype(object).itertuples(index=False), start=1):
        for c, v in enumerate(row):
            if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
                continue
            if isinstance(v, pd.Timestamp):
                ws.write_datetime(r, c, v.to_pydatetime(), fmt[c])
            elif isinstance(v, bool | np.bool_):
                ws.write_boolean(r, c, bool(v), fmt[c])
            elif isinstance(v, str):
                ws.write_string(r, c, v, fmt[c])
            else:
                ws.write_number(r, c, v, fmt[c])


def _sheet_xml(tmp_path, name: str, fast: bool) -> str:
    path = tmp_path / f"{name}.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    text = book.add_format({"num_format": "@"})
    fmt = [text, None, None, None, None, None, date]
    ws = book.add_worksheet("t")
    ws.write_row(0, 0, list(FRAME.columns))
    if fast:
        assert write_table_rows(ws, FRAME, formats=fmt)
    else:
        _cell_by_cell(ws, FRAME, fmt)
    book.close()
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_same_xml_as_cell_by_cell(tmp_path):
    assert _sheet_xml(tmp_path, "fast", True) == _sheet_xml(tmp_path, "slow", False)


def test_mixed_object_column_is_refused(tmp_path):
    book = xlsxwriter.Workbook(str(tmp_path / "m.xlsx"), {"constant_memory": True})
    ws = book.add_worksheet()
    assert not write_table_rows(ws, pd.DataFrame({"x": pd.Series(["a", 1], dtype=object)}))
    assert not write_table_rows(ws, pd.DataFrame({"d": [dt.date(2026, 1, 1)]}))
    book.close()


def test_needs_constant_memory(tmp_path):
    book = xlsxwriter.Workbook(str(tmp_path / "n.xlsx"))
    ws = book.add_worksheet()
    assert not write_table_rows(ws, pd.DataFrame({"x": ["a"]}))
    book.close()
