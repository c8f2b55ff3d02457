"""read_ledger: which files and sheets are tables, and ledgers unusable as a whole (loaders.ledger.read)."""

import pytest
import xlsxwriter
from office_files import U1, U2, write_csv

from graphkit import LedgerError
from loaders import read_ledger


def test_unusable_ledgers_raise_one_clear_message(tmp_path):
    with pytest.raises(LedgerError, match="no such file or folder"):
        read_ledger(tmp_path / "missing")
    write_csv(tmp_path / "streets.csv", [["id", "name"], ["S1", "x"]])
    with pytest.raises(LedgerError, match=r"no units table found; tables found: streets; .*单位台账"):
        read_ledger(tmp_path)
    write_csv(tmp_path / "单位台账.csv", [["统一社会信用代码", "单位类型", "所属街道"], [U1, "企业", "S1"]])
    with pytest.raises(LedgerError) as err:
        read_ledger(tmp_path)
    assert str(err.value).startswith(
        "单位台账.csv: required column 单位名称 (name) of table units not found in the header row (row 1); "
        "headers found: 统一社会信用代码, 单位类型, 所属街道; accepted headers: 单位名称、name、名称"
    )
    notes = tmp_path / "说明.docx"
    notes.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(LedgerError, match=r"说明\.docx: not a spreadsheet"):
        read_ledger(notes)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("hello", "utf-8")
    with pytest.raises(LedgerError, match=r"fake\.xlsx: not a readable spreadsheet"):
        read_ledger(fake)


def test_single_sheet_workbook_takes_its_table_from_the_file_name(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "單位台賬.xlsx"))
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, ["統一社會信用代碼", "單位名稱", "所屬街道"])
    ws.write_row(1, 0, [U1, "甲", "S1"])
    wb.add_worksheet("Sheet2")  # empty sheets are not tables
    wb.close()
    net = read_ledger(tmp_path)
    assert net.units.index.tolist() == [U1]
    assert net.meta["files"] == ["單位台賬.xlsx, sheet Sheet1"]
    assert net.meta["ignored"] == []


def test_workbook_named_after_a_table_with_per_street_sheets_and_notes(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "单位台账.xlsx"))
    for sheet, code in (("林山寨", U1), ("建设路", U2)):
        ws = wb.add_worksheet(sheet)
        ws.write_row(0, 0, ["统一社会信用代码", "单位名称", "所属街道"])
        ws.write_row(1, 0, [code, sheet + "的单位", "S1"])
    wb.add_worksheet("填表说明").write(0, 0, "请勿修改表头")
    wb.close()
    net = read_ledger(tmp_path / "单位台账.xlsx")
    assert net.units.index.tolist() == [U1, U2]
    assert net.meta["ignored"] == ["单位台账.xlsx, sheet 填表说明"]
    assert net.rejects[["sheet", "row"]].values.tolist() == [["建设路", 2], ["林山寨", 2]]


def test_loaders_surface_is_lazy():
    import loaders

    assert loaders.read_ledger is read_ledger
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = loaders.nope
