"""The loader's vectorised kernels give exactly what the plain pandas forms give."""

import pandas as pd
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import read_ledger
from loaders.ledger import _clean, _duplicated

U1 = "91350200776049653A"
U2 = "53100000500019795A"
TAIL = "；编号须在全部表中唯一），该行未使用"

ids = st.lists(st.sampled_from(["A", "B", "C", "甲", "乙", "A1", ""]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(ids)
def test_duplicated_is_pandas_duplicated(values):
    s = pd.Series(values, dtype="string")
    assert _duplicated(s).tolist() == s.duplicated().tolist()


def test_clean_strips_like_pandas_and_blanks_are_missing():
    cells = pd.DataFrame(
        {0: [" a ", "\u3000乙\u3000", "", "  ", None], 1: ["\t1\n", "\xa0x", "y ", "z", " "]}, dtype="string"
    )
    got = _clean(cells)
    assert got[0].tolist() == ["a", "乙", pd.NA, pd.NA, pd.NA]
    assert got[1].tolist() == ["1", "x", "y", "z", pd.NA]
    assert got.dtypes.tolist() == ["string", "string"]
    assert got.index.equals(cells.index)


def test_repeated_ids_name_their_first_row_across_sheets_and_tables(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "台账.xlsx"))
    sheets = {
        "街道": [["编号", "街道名称"], ["S1", "林山寨街道"], [U2, "重复街道"]],
        "单位台账": [["统一社会信用代码", "单位名称", "所属街道"], [U1, "甲", "S1"], [U2, "乙", "S1"]],
        "载体": [
            ["编号", "载体名称", "载体类型"],
            [U1, "锦艺城", "楼宇"],
            ["C1", "万达", "楼宇"],
            ["C1", "又万达", "楼宇"],
        ],
    }
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for i, row in enumerate(rows):
            ws.write_row(i, 0, row)
    wb.close()
    net = read_ledger(tmp_path / "台账.xlsx")
    assert net.units.index.tolist() == [U1, U2]
    assert net.carriers.index.tolist() == ["C1"]
    assert net.streets.index.tolist() == ["S1"]
    assert net.rejects[["table", "sheet", "row", "column", "value", "reason"]].values.tolist() == [
        [
            "carriers",
            "载体",
            2,
            "编号",
            U1,
            f"编号“{U1}”重复（首次出现于 台账.xlsx 工作表“单位台账” 第2行{TAIL}",
        ],
        [
            "carriers",
            "载体",
            4,
            "编号",
            "C1",
            f"编号“C1”重复（首次出现于 台账.xlsx 工作表“载体” 第3行{TAIL}",
        ],
        [
            "streets",
            "街道",
            3,
            "编号",
            U2,
            f"编号“{U2}”重复（首次出现于 台账.xlsx 工作表“单位台账” 第3行{TAIL}",
        ],
    ]
    assert net.findings[["code", "subject_kind", "subject_id", "subject_name", "street"]].values.tolist() == [
        ["DUPLICATE_ID", "Carrier", U1, "锦艺城", "林山寨街道"],
        ["DUPLICATE_ID", "Carrier", "C1", "又万达", pd.NA],
        ["DUPLICATE_ID", "Street", U2, "重复街道", "林山寨街道"],
    ]
