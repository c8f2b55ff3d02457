"""Fast sheet rows: the same worksheet XML as xlsxwriter's cell-by-cell writes."""

from __future__ import annotations

import datetime as dt
import math
import zipfile

import numpy as np
import pandas as pd
import xlsxwriter
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from graphkit.sheetxml import close_workbook, write_table_rows

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


def _book_xml(tmp_path, name: str, frame: pd.DataFrame, fast: bool, formats=None, after=True) -> bytes:
    path = tmp_path / f"{name}.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    fmt = formats(book) if formats else [None] * frame.shape[1]
    ws = book.add_worksheet("t")
    ws.write_row(0, 0, list(frame.columns))
    if fast:
        assert write_table_rows(ws, frame, formats=fmt)
    else:
        _cell_by_cell(ws, frame, fmt)
    if after:  # a row written the usual way below the fast ones
        ws.write_string(len(frame) + 1, 0, "after")
    if fast:  # the fast rows' book closed the fast way too: row file copied as bytes, level-1 deflate
        close_workbook(book)
    else:
        book.close()
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml")


def _sheet_xml(tmp_path, name: str, fast: bool) -> str:
    def formats(book):
        date = book.add_format({"num_format": "yyyy-mm-dd"})
        text = book.add_format({"num_format": "@"})
        return [text, None, None, None, None, None, date]

    return _book_xml(tmp_path, name, FRAME, fast, formats=formats, after=False).decode("utf-8")


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


def test_rows_in_chunks_then_more_rows(tmp_path, monkeypatch):
    monkeypatch.setattr("graphkit.sheetxml.CHUNK_ROWS", 2)
    frame = pd.DataFrame({"id": ["U1", None, "U3", "U4", "U5"], "n": [1.0, 2.5, None, -0.0, 1e16]})
    fast = _book_xml(tmp_path, "fast", frame, True)
    assert fast == _book_xml(tmp_path, "slow", frame, False)
    assert (
        b'<row r="6"><c r="A6" t="inlineStr"><is><t>U5</t></is></c><c r="B6"><v>1E+16</v></c></row>' in fast
    )


def test_closing_the_fast_way_gives_every_part_unchanged(tmp_path):
    # several sheets, one without rows: every part of the package as xlsxwriter's own close writes it
    parts = []
    for name, close in (("own", xlsxwriter.Workbook.close), ("fast", close_workbook)):
        book = xlsxwriter.Workbook(str(tmp_path / f"{name}.xlsx"), {"constant_memory": True})
        for sheet in ("a", "empty", "c"):
            ws = book.add_worksheet(sheet)
            if sheet != "empty":
                ws.write_row(0, 0, ["甲\n乙", 1.5, True])
                assert write_table_rows(ws, FRAME.iloc[:, [0, 3]])
        close(book)
        with zipfile.ZipFile(tmp_path / f"{name}.xlsx") as z:
            parts.append({m: z.read(m) for m in z.namelist() if m != "docProps/core.xml"})
    assert parts[0] == parts[1]
    assert b"<sheetData/>" in parts[1]["xl/worksheets/sheet2.xml"]


TEXT = st.text(alphabet=st.sampled_from(list("ab &<>\"' \t\n\x01_x0041甲\u3000\u00a0")), max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.none() | TEXT,
            st.none() | st.integers(-(2**60), 2**60),
            st.none() | st.floats(allow_nan=False, allow_infinity=False, width=64),
            st.none() | st.booleans(),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_same_xml_as_cell_by_cell_for_any_values(tmp_path, rows):
    # a row with no value at all stays an empty <row> element (xlsxwriter would leave it out)
    assume(all(any(v is not None for v in row) for row in rows))
    text, ints, floats, flags = (list(c) for c in zip(*rows, strict=True))
    frame = pd.DataFrame(
        {
            "text": pd.array(text, dtype="string"),
            "int": pd.array(ints, dtype="Int64"),
            "float": pd.array([math.nan if v is None else v for v in floats], dtype="float64"),
            "flag": pd.array(flags, dtype="boolean"),
        }
    )
    assert _book_xml(tmp_path, "fast", frame, True) == _book_xml(tmp_path, "slow", frame, False)
