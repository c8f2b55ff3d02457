"""Rows the builder can use: required values, ids unique across tables (loaders.ledger.rows)."""

import numpy as np
import pandas as pd
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from office_files import U1, U2, write_csv

from loaders import read_ledger
from loaders.ledger import rows as rows_module
from loaders.ledger.rows import duplicated, keep_rows

TAIL = "；编号须在全部表中唯一），该行未使用"


def test_ids_are_unique_across_tables(tmp_path):
    # tables are read in schema order (units, carriers, party_orgs, ..., streets): the carrier comes first
    write_csv(tmp_path / "streets.csv", [["id", "name"], ["S1", "林山寨街道"]])
    write_csv(tmp_path / "carriers.csv", [["id", "name", "kind"], ["S1", "锦艺城", "楼宇"]])
    write_csv(tmp_path / "units.csv", [["id", "name", "street"], [U1, "甲公司", "S1"]])
    net = read_ledger(tmp_path)
    assert net.carriers.index.tolist() == ["S1"]
    assert net.streets.empty
    assert net.findings[["code", "subject_kind", "subject_id"]].values.tolist() == [
        ["DUPLICATE_ID", "Street", "S1"],
        ["UNKNOWN_REFERENCE", "Unit", U1],
    ]
    assert net.rejects[["file", "row", "column"]].values.tolist() == [
        ["units.csv", 2, "street"],
        ["streets.csv", 2, "id"],
    ]
    assert (
        net.rejects.loc[1, "reason"]
        == "编号“S1”重复（首次出现于 carriers.csv 第2行；编号须在全部表中唯一），该行未使用"
    )


def test_missing_required_values_drop_the_row(tmp_path):
    write_csv(
        tmp_path / "units.csv",
        [["id", "name", "street"], [U1, "", "S1"], ["", "乙", "S1"], ["", "", ""], [U2, "丙", ""]],
    )
    net = read_ledger(tmp_path, lang="en")
    assert net.units.empty
    assert net.rejects[["row", "column", "reason"]].values.tolist() == [
        [2, "name", "required value is blank; row not used"],
        [3, "id", "required value is blank; row not used"],
        [5, "street", "required value is blank; row not used"],
    ]


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


ids = st.lists(st.sampled_from(["A", "B", "C", "甲", "乙", "A1", ""]), max_size=30)


@settings(max_examples=200, deadline=None)
@given(ids)
def test_duplicated_is_pandas_duplicated(values):
    s = pd.Series(values, dtype="string")
    assert duplicated(s).tolist() == s.duplicated().tolist()


@pytest.mark.parametrize("buckets", [1, 2])
def test_duplicated_when_ids_share_a_hash(monkeypatch, buckets):
    # 64-bit hashes of different ids almost never collide; when they do, the texts decide
    monkeypatch.setattr(
        rows_module, "text_hashes", lambda text: np.arange(len(text), dtype=np.uint64) % buckets
    )
    s = pd.Series(["A", "B", "A", "C", "B", "甲"], dtype="string")
    assert duplicated(s).tolist() == s.duplicated().tolist()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["U1", "甲", None]), st.booleans()), max_size=12))
def test_keep_rows_is_boolean_indexing(rows):
    df = pd.DataFrame(
        {
            "id": pd.array([r[0] for r in rows], dtype="string"),
            "_row": pd.array(range(2, len(rows) + 2), dtype="Int64"),
            "_src": [0] * len(rows),
        },
        index=range(5, 5 + len(rows)),
    )
    keep = pd.Series([r[1] for r in rows], dtype=bool).to_numpy()
    pd.testing.assert_frame_equal(keep_rows(df, keep), df[keep])
