"""report.xlsx read back: sheets, headers, overview, values, cell formats, widths, frozen header, filters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from graphkit.report import example_analysis, write_xlsx

MASKED = "138****5678"

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


@pytest.fixture(scope="module")
def report_xlsx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """report.xlsx of the example analysis, as ``write_outputs`` writes it (Chinese, phones masked)."""
    return write_xlsx(example_analysis(), tmp_path_factory.mktemp("xlsx") / "report.xlsx")


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


# ----------------------------------------------------------------------------- the report's sheets
def test_xlsx_is_chinese_by_default(report_xlsx: Path) -> None:
    book = openpyxl.load_workbook(report_xlsx)
    assert book.sheetnames == [
        "概览",
        "党建工作",
        "问题清单",
        "覆盖情况",
        "党建指导员",
        "结对共建",
        "工作建议",
        "关键节点",
        "分类定级",
        "未导入行",
    ]
    coverage = book["覆盖情况"]
    rows = [[c.value for c in row] for row in coverage.iter_rows()]
    assert rows[0] == [
        "统一社会信用代码",
        "单位名称",
        "单位类型",
        "所属街道",
        "正式党员数",
        "覆盖状态",
        "所在党组织编号",
    ]
    assert rows[1] == ["U1", "甲公司", "企业", "林山寨街道", 5, "单独组建", "P1"]
    assert rows[4] == ["U4", "丁公司", "企业", "建设路街道", 2, "未覆盖", None]
    findings = [[c.value for c in row] for row in book["问题清单"].iter_rows(max_row=2)]
    assert findings[0] == [
        "问题代码",
        "问题",
        "严重程度",
        "对象类型",
        "对象编号",
        "对象名称",
        "所属街道",
        "说明",
        "来源文件",
        "来源工作表",
        "来源行号",
        "来源列",
    ]
    # a network built in Python has no ledger rows: the source columns stay blank
    assert (
        findings[1]
        == ["UNCOVERED", "无覆盖单位", "错误", "单位", "U4", "丁公司", "建设路街道", "无覆盖"] + [None] * 4
    )
    instructors = [c.value for c in next(book["党建指导员"].iter_rows(min_row=2))]
    assert instructors == ["I1", "张伟", 1, 1, "否", "建设路街道", MASKED]


def test_xlsx_sheets_are_frozen_filtered_and_bold(report_xlsx: Path) -> None:
    sheet = openpyxl.load_workbook(report_xlsx)["覆盖情况"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G5"
    assert sheet["A1"].font.b
    assert sheet.column_dimensions["A"].width >= len("统一社会信用代码") * 2


def test_xlsx_overview_has_rates_as_percentages(report_xlsx: Path) -> None:
    sheet = openpyxl.load_workbook(report_xlsx)["概览"]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=5, max_row=9)}
    assert [cells[k].value for k in ("组织覆盖率", "单独组建率", "工作覆盖率")] == [0.5, 0.25, 0.75]
    assert cells["组织覆盖率"].number_format == "0.0%"
    assert cells["单位总数"].value == 4
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    street_header = values.index(
        [
            "街道编号",
            "街道",
            "单位数",
            "单独组建",
            "联合组建",
            "仅工作覆盖",
            "未覆盖",
            "组织覆盖率",
            "单独组建率",
            "工作覆盖率",
        ]
    )
    assert values[street_header + 1] == ["S1", "林山寨街道", 2, 1, 1, 0, 0, 1, 0.5, 1]
    assert values[street_header + 3][1:10] == ["合计", 4, 1, 1, 1, 1, 0.5, 0.25, 0.75]


def test_xlsx_in_english(tmp_path: Path) -> None:
    path = write_xlsx(example_analysis(), tmp_path / "report.xlsx", lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Overview",
        "Party work",
        "Findings",
        "Coverage",
        "Instructors",
        "Pairings",
        "Proposals",
        "Key nodes",
        "Grades",
        "Rejected rows",
    ]
    rows = [[c.value for c in row] for row in book["Coverage"].iter_rows(max_row=2)]
    assert rows == [
        [
            "Unit id",
            "Unit name",
            "Unit kind",
            "Street",
            "Full members",
            "Coverage status",
            "Party organisation id",
        ],
        ["U1", "甲公司", "enterprise", "林山寨街道", 5, "own organisation", "P1"],
    ]


def test_xlsx_cuts_long_tables_and_says_so(tmp_path: Path) -> None:
    path = write_xlsx(example_analysis(), tmp_path / "report.xlsx", max_rows=2)
    book = openpyxl.load_workbook(path)
    assert book["覆盖情况"].max_row == 3
    notes = [c.value for row in book["概览"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "工作表“覆盖情况”仅含前 2 行（共 4 行），完整数据见 coverage.csv。" in notes
