"""report.xlsx read back: values, cell types and formats, widths, frozen header, filters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from graphkit.report import example_analysis, write_xlsx

FRAME = pd.DataFrame(
    {
        "unit_id": pd.array(["000123", "U2", None, "=1+1"], dtype="string"),
        "note": pd.array(["=SUM(A1:A2)", " lead", "甲 & <乙>", ""], dtype="string"),
        "n": pd.array([1, None, -3, 10**12], dtype="Int64"),
        "score": [0.5, np.nan, np.inf, -0.25],
        "org_coverage": [0.5, None, 1.0, 0.0],
        "since": pd.to_datetime(["2026-11-27", None, "2000-01-01", "2026-02-28"]),
    }
)


def sheet_of(tmp_path: Path, frame: pd.DataFrame, **kwargs) -> openpyxl.worksheet.worksheet.Worksheet:
    path = write_xlsx(example_analysis(), tmp_path / "r.xlsx", lang="en", tables={"things": frame}, **kwargs)
    return openpyxl.load_workbook(path)["things"]


def test_values_come_back(tmp_path: Path) -> None:
    rows = [[c.value for c in row] for row in sheet_of(tmp_path, FRAME).iter_rows(min_row=2)]
    assert rows == [
        ["000123", "=SUM(A1:A2)", 1, 0.5, 0.5, dt.datetime(2026, 11, 27)],
        ["U2", " lead", None, None, None, None],
        [None, "甲 & <乙>", -3, None, 1, dt.datetime(2000, 1, 1)],  # an infinite number: empty
        ["=1+1", None, 10**12, -0.25, 0, dt.datetime(2026, 2, 28)],
    ]


def test_text_stays_text_and_columns_keep_their_formats(tmp_path: Path) -> None:
    sheet = sheet_of(tmp_path, FRAME)
    assert [sheet["A2"].data_type, sheet["B2"].data_type, sheet["A5"].data_type] == ["s", "s", "s"]
    formats = [sheet.cell(2, col).number_format for col in range(1, 7)]
    assert formats == ["@", "General", "General", "General", "0.0%", "yyyy-mm-dd"]
    assert sheet["F4"].number_format == "yyyy-mm-dd"


def test_header_is_bold_frozen_and_filtered_and_columns_fit(tmp_path: Path) -> None:
    sheet = sheet_of(tmp_path, FRAME)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F5"
    assert all(c.font.b for c in sheet[1])
    widths = {k: sheet.column_dimensions[k].width for k in "ABF"}
    assert widths["B"] >= len("=SUM(A1:A2)") + 1
    assert widths["F"] >= 12  # dates are never narrower than yyyy-mm-dd


def test_text_too_long_for_a_cell_is_cut_and_the_row_goes_on(tmp_path: Path) -> None:
    frame = pd.DataFrame({"detail": ["x" * 40_000, "short"], "n": [1, 2]})
    rows = [[c.value for c in row] for row in sheet_of(tmp_path, frame).iter_rows(min_row=2)]
    assert [len(rows[0][0]), rows[0][1]] == [32_767, 1]
    assert rows[1] == ["short", 2]


def test_rows_beyond_the_cap_are_left_out(tmp_path: Path) -> None:
    sheet = sheet_of(tmp_path, FRAME, max_rows=2)
    assert sheet.max_row == 3
    assert sheet.auto_filter.ref == "A1:F3"


def test_an_empty_table_is_a_header_with_a_filter(tmp_path: Path) -> None:
    sheet = sheet_of(tmp_path, FRAME.iloc[:0])
    assert sheet.max_row == 1
    assert sheet.auto_filter.ref == "A1:F2"
