"""Finding the header row below title rows and choosing columns (loaders.ledger.tables)."""

import pandas as pd
from office_files import DIGITS, STREETS, U1, write_book, write_csv

from loaders import read_ledger


def test_xlsx_title_rows_merged_cells_and_text_ids(tmp_path):
    path = write_book(
        tmp_path / "两新组织台账.xlsx",
        {
            "单位台账": {
                "title": "中原区非公企业和社会组织台账（2025年）",
                "rows": [
                    ["序号", "*统一社会信用代码", "单位名称（全称）", "所属街道", "从业人员数", "正式党员数"],
                    ["1", DIGITS, "甲公司", "林山寨街道", "12", "三"],
                    [None, None, None, None, None, None],
                    ["2", "00123", "乙公司", "S2", "１２", "2.0"],
                ],
            },
            "街道": {"rows": STREETS},
        },
    )
    net = read_ledger(path)
    assert net.units.index.tolist() == [DIGITS, "00123"]
    assert net.units["employees"].tolist() == [12, 12]
    assert net.units["party_members"].tolist()[1] == 2
    assert pd.isna(net.units.loc[DIGITS, "party_members"])
    # header on row 3 (title merged on row 1, row 2 blank); the blank row 5 is skipped silently
    assert net.rejects[["table", "file", "sheet", "row", "column", "value"]].values.tolist() == [
        ["units", "两新组织台账.xlsx", "单位台账", 4, "正式党员数", "三"]
    ]
    assert net.rejects.loc[0, "reason"] == "“三”不是整数，已置空"
    # the unknown column 序号 is kept as text and listed
    assert net.units["序号"].tolist() == ["1", "2"]
    assert str(net.units["序号"].dtype) == "string"
    assert net.meta["unknown_columns"] == {"units": ["序号"]}


def test_header_is_found_below_several_title_rows(tmp_path):
    write_csv(
        tmp_path / "units.csv",
        [
            ["中原区两新组织台账"],
            ["填报单位：林山寨街道", "", "日期：2025年6月"],
            ["统一社会信用代码", "单位名称", "所属街道"],
            [U1, "甲", "S1"],
            ["", "乙", "S1"],
        ],
    )
    net = read_ledger(tmp_path)
    assert net.rejects[["row", "column"]].values.tolist() == [[4, "所属街道"], [5, "统一社会信用代码"]]
