"""The loader's vectorised kernels give exactly what the plain pandas forms give."""

import re
import unicodedata

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import read_ledger
from loaders.ledger import (
    MULTI_SEPARATORS,
    _clean,
    _duplicated,
    _explode,
    _keep_rows,
    _parse_int,
    _positions,
    _t2s,
    normalise_name,
)
from loaders.schema import TABLES

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


pieces = st.lists(
    st.sampled_from(["C1", "甲协会", " ", "\u3000", "\xa0", "\t", "、", ",", "，", ";", "；", "x y"])
)


@settings(max_examples=200, deadline=None)
@given(st.lists(pieces.map("".join), max_size=6))
def test_explode_splits_and_strips_like_python(cells):
    src = pd.DataFrame(
        {
            "id": [f"U{i}" for i in range(len(cells))],
            "_value": pd.array([c or None for c in cells], dtype="string"),
        }
    )
    got = _explode(src, TABLES["units"].column("association"))
    expected = [
        (f"U{i}", p.strip())
        for i, c in enumerate(cells)
        for p in re.split(MULTI_SEPARATORS, c or "")
        if c and p.strip()
    ]
    assert list(zip(got["id"], got["_value"], strict=True)) == expected
    assert got.index.tolist() == list(range(len(expected)))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["12", "007", "１２", "1,234", "三", "", "999999999999999999", "2.0"]), max_size=12
    )
)
def test_parse_int_matches_the_plain_rule(cells):
    values = pd.Series([c or None for c in cells], dtype="string")
    out, bad = _parse_int(values)
    expected = {
        "12": 12,
        "007": 7,
        "１２": 12,
        "1,234": 1234,
        "999999999999999999": 999999999999999999,
        "2.0": 2,
    }
    assert out.tolist() == [expected.get(c, pd.NA) for c in cells]
    assert bad.tolist() == [c == "三" for c in cells]
    assert str(out.dtype) == "Int64"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["中原 區", "教育局", "（郑州）", "\u3000", "\xa0", "\x1c", "\t", "Ａ", "公司", ""]),
        max_size=8,
    )
)
def test_normalise_name_is_nfkc_simplified_without_white_space(parts):
    values = pd.Series([p or None for p in parts] + ["".join(parts)], dtype="string")
    expected = [
        pd.NA if v is None else re.sub(r"\s+", "", _t2s(unicodedata.normalize("NFKC", v)))
        for v in values.astype(object).where(values.notna(), None)
    ]
    got = normalise_name(values)
    assert got.tolist() == expected
    assert str(got.dtype) == "string"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["U1", "U2", "P1", "C9", "甲", None]), max_size=10),
    st.lists(st.sampled_from(["U1", "U2", "U3", "P1", "C1", "甲", "乙"]), unique=True),
)
def test_positions_is_index_in(values, ids):
    values, ids = pa.array(values, pa.large_string()), pa.array(ids, pa.large_string())
    assert _positions(values, ids).to_pylist() == pc.index_in(values, value_set=ids).to_pylist()


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
    pd.testing.assert_frame_equal(_keep_rows(df, keep), df[keep])
