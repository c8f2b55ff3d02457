"""Reading ledger files (loaders.ledger.files): CSV encodings, BOM, workbook cells as text."""

import datetime as dt
import threading

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from office_files import U1, write_book, write_csv

from graphkit import LedgerError
from loaders import read_ledger
from loaders.ledger import files
from loaders.ledger.files import clean_cells


def test_gb18030_csv_with_traditional_headers(tmp_path):
    write_csv(
        tmp_path / "街道.csv", [["編號", "街道名稱"], ["S1", "林山寨街道"], ["S2", "建设路街道"]], "gb18030"
    )
    write_csv(
        tmp_path / "單位台賬.csv",
        [
            ["統一社會信用代碼", "單位名稱", "所屬街道", "正式黨員數", "預備黨員數"],
            [U1, "鄭州甲科技有限公司", "建設路街道", "3", "1"],
        ],
        "gb18030",
    )
    net = read_ledger(tmp_path)
    assert net.units.index.tolist() == [U1]
    assert net.units.loc[U1, "name"] == "鄭州甲科技有限公司"  # data is kept as written
    assert net.units.loc[U1, ["party_members", "probationary_members"]].tolist() == [3, 1]
    # a Traditional street name resolves to the Simplified one
    assert net.rel("IN_STREET")[["source", "target"]].values.tolist() == [[U1, "S2"]]
    assert len(net.rejects) == 0
    assert net.meta["tables"] == {"streets": 2, "units": 1}


def test_gb18030_needs_no_hint_but_encoding_overrides(tmp_path):
    write_csv(tmp_path / "units.csv", [["id", "name", "street"], [U1, "甲公司", "S1"]], "gb18030")
    # the message names the encoding, the line and byte position of the first bad byte, and the byte
    expected = r"units\.csv: cannot decode as utf-8: invalid bytes BC at line 2 \(byte 35\)"
    with pytest.raises(LedgerError, match=expected):
        read_ledger(tmp_path, encoding="utf-8", lang="en")
    net = read_ledger(tmp_path, encoding="gb18030")
    assert net.units.loc[U1, "name"] == "甲公司"


def test_utf8_bom_csv(tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes("\ufeffid,name,street,employees\n".encode() + f"{U1},甲公司,S1,12\n".encode())
    net = read_ledger(path)
    assert net.units.loc[U1, ["name", "employees"]].tolist() == ["甲公司", 12]
    # the street S1 is not in the ledger: the unit is kept without the link
    assert net.rel("IN_STREET").empty
    assert net.rejects[["file", "row", "column", "value"]].values.tolist() == [
        ["units.csv", 2, "street", "S1"]
    ]


def test_xlsx_numbers_typed_as_numbers(tmp_path):
    path = write_book(
        tmp_path / "ledger.xlsx",
        {
            "units": {
                "rows": [
                    ["id", "name", "street", "employees", "party_members"],
                    [U1, "甲公司", "S1", 12, 3.0],
                    [913502007760496530, "数字代码公司", "S1", 8, 0],
                ]
            },
            "streets": {"rows": [["id", "name"], [1001, "林山寨街道"]]},
            "党组织": {
                "rows": [
                    ["编号", "党组织名称", "党组织类别", "组建方式", "届满时间"],
                    ["P1", "甲党支部", "党支部", "单独组建", dt.date(2025, 6, 30)],
                    ["P2", "乙党支部", "支部", "联建", 45838],
                ]
            },
        },
    )
    net = read_ledger(path)
    assert net.streets.index.tolist() == ["1001"]  # not "1001.0"
    assert net.units.loc[U1, ["employees", "party_members"]].tolist() == [12, 3]
    # an 18-digit number typed as a number has lost digits in Excel itself: read as Excel shows it
    assert net.units.index[1] == "913502007760496512"
    assert net.party_orgs["term_ends"].tolist() == [pd.Timestamp("2025-06-30")] * 2
    assert net.party_orgs["form"].tolist() == ["own", "joint"]
    assert net.party_orgs["level"].tolist() == ["branch", "branch"]


def test_workbook_sheets_read_side_by_side_in_order(tmp_path, monkeypatch):
    sheets = {f"表{i}": {"rows": [["编号", "名称"], [f"X{i}", f"甲{i}"], [f"Y{i}", None]]} for i in range(5)}
    path = write_book(tmp_path / "ledger.xlsx", sheets)
    first_waited = threading.Event()
    another_loaded = threading.Event()
    load = files._load_sheet

    def spy(reader, path, name):
        if name == "表0":  # the first sheet is still being read when another one is done
            first_waited.set()
            assert another_loaded.wait(10)
        else:
            another_loaded.set()
        return load(reader, path, name)

    monkeypatch.setattr(files, "_load_sheet", spy)
    monkeypatch.setattr(files, "usable_cores", lambda: 2)
    read = [(name, frame.to_numpy().tolist(), visible) for name, frame, visible in files.read_excel(path)]
    assert first_waited.is_set()
    cells = [[["编号", "名称"], [f"X{i}", f"甲{i}"], [f"Y{i}", pd.NA]] for i in range(5)]
    assert read == [(f"表{i}", cells[i], True) for i in range(5)]
    monkeypatch.setattr(files, "EXCEL_READERS", 1)  # one by one: the same sheets
    again = [(name, frame.to_numpy().tolist(), visible) for name, frame, visible in files.read_excel(path)]
    assert again == read


@pytest.mark.parametrize("side_by_side_from", [1, 10**9])  # columns cleaned in threads, or one by one
def test_clean_strips_like_pandas_and_blanks_are_missing(monkeypatch, side_by_side_from):
    monkeypatch.setattr(files, "PARALLEL_CELLS", side_by_side_from)
    cells = pd.DataFrame(
        {0: [" a ", "\u3000乙\u3000", "", "  ", None], 1: ["\t1\n", "\xa0x", "y ", "z", " "]}, dtype="string"
    )
    got = clean_cells(cells)
    assert got[0].tolist() == ["a", "乙", pd.NA, pd.NA, pd.NA]
    assert got[1].tolist() == ["1", "x", "y", "z", pd.NA]
    assert got.dtypes.tolist() == ["string", "string"]
    assert got.index.equals(cells.index)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(["a", " a", "乙\u3000", "", " ", None, "甲 乙"]), max_size=12),
    st.integers(0, 12),
)
def test_clean_cells_of_chunked_and_sliced_columns(values, cut):
    # the reader's columns arrive in chunks (CSV blocks) with and without missing cells
    column = pa.array(values, pa.large_string())
    chunked = pa.chunked_array([column.slice(0, cut), column.slice(cut)], type=pa.large_string())
    cells = pd.DataFrame({0: pd.array(chunked, dtype="string")})
    got = clean_cells(cells)[0].tolist()
    assert got == [pd.NA if v is None or not v.strip() else v.strip() for v in values]


def test_every_white_space_character_is_caught_by_its_first_and_last_byte():
    # the trim looks only at cells whose edge bytes may belong to white space: those tables must
    # hold the first and last UTF-8 byte of every character Python's str.strip removes
    spaces = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF and chr(c).isspace()]
    assert len(spaces) == 29
    for ch in spaces:
        b = ch.encode()
        assert files._MAY_BEGIN_SPACE[b[0]] and files._MAY_END_SPACE[b[-1]], hex(ord(ch))


def test_clean_cells_of_a_column_with_few_cells_to_trim():
    values = [f"U{i}" for i in range(20)] + [" U1 ", "甲\u3000", "\u2003乙", "丙", None, "\u3000"]
    got = clean_cells(pd.DataFrame({0: values}, dtype="string"))[0].tolist()
    assert got == [f"U{i}" for i in range(20)] + ["U1", "甲", "乙", "丙", pd.NA, pd.NA]
