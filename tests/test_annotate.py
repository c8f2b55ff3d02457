"""``graphkit annotate`` (issue 12): the user's own workbook back, every problem marked in place."""

import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from graphkit import analyze
from graphkit.cli import main
from graphkit.report.annotate import FILLS, annotate_ledger
from loaders import read_ledger
from tests.office_files import U1, U2, write_csv

AS_OF = "2026-11-27"


def _office_book(path):
    """A workbook as an office keeps it: merged title rows, a hidden column, a formula, formats."""
    wb = xlsxwriter.Workbook(str(path))
    date = wb.add_format({"num_format": "yyyy年m月d日"})
    ws = wb.add_worksheet("街道")
    ws.write_row(0, 0, ["编号", "街道名称"])
    ws.write_row(1, 0, ["S1", "林山寨街道"])
    ws = wb.add_worksheet("单位台账")
    ws.merge_range(0, 0, 0, 5, "2026年单位台账")
    ws.write_row(1, 0, ["统一社会信用代码", "单位名称", "所属街道", "所在党组织", "从业人员数", "备注"])
    ws.write_row(2, 0, [U1, "甲公司", "S1", "P1"])
    ws.write_formula(2, 4, "=20+5", None, 25)
    ws.write_row(3, 0, [U2, "乙协会", "S1", "P9"])  # P9 names nothing
    ws.write_number(3, 4, 8)
    ws.write_string(2, 5, "内部备注")
    ws.set_column(0, 0, 24)
    ws.set_column(5, 5, 12, None, {"hidden": True})
    ws = wb.add_worksheet("党组织")
    ws.merge_range(0, 0, 0, 4, "党组织台账")
    ws.write_row(1, 0, ["編號", "黨組織名稱", "組織類別", "組建方式", "屆滿時間"])
    ws.write_row(2, 0, ["P1", "甲黨支部", "党支部", "联合组建"])
    ws.write_datetime(2, 4, __import__("datetime").datetime(2020, 1, 1), date)
    wb.close()
    return path


def _annotated(tmp_path, ledger):
    net = read_ledger(ledger)
    analysis = analyze(net, as_of=AS_OF)
    out = tmp_path / "annotated.xlsx"
    placed = annotate_ledger(analysis, ledger, out)
    return net, analysis, out, placed


def _values(path, skip=()):
    wb = openpyxl.load_workbook(path, data_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb if ws.title not in skip}


def test_an_office_workbook_keeps_everything_and_reads_back_the_same(tmp_path):
    ledger = _office_book(tmp_path / "台账.xlsx")
    net, analysis, out, placed = _annotated(tmp_path, ledger)
    assert placed["findings"] == analysis.findings["source_row"].notna().sum() > 0
    assert placed["rejects"] == len(analysis.rejects) > 0
    before, after = openpyxl.load_workbook(ledger), openpyxl.load_workbook(out)
    assert after.sheetnames == ["问题清单", *before.sheetnames]
    assert _values(out, skip={"问题清单"}) == _values(ledger)  # values, formula results included
    units = after["单位台账"]
    assert units["E3"].value == "=20+5"  # the formula itself
    assert [str(r) for r in units.merged_cells.ranges] == ["A1:F1"]
    assert units.column_dimensions["F"].hidden
    assert units.column_dimensions["A"].width == before["单位台账"].column_dimensions["A"].width
    assert after["党组织"]["E3"].number_format == "yyyy年m月d日"
    assert read_ledger(out).equals(net)


def test_cells_are_filled_by_severity_with_a_comment_that_says_what_the_rule_expects(tmp_path):
    _, _, out, _ = _annotated(tmp_path, _office_book(tmp_path / "台账.xlsx"))
    wb = openpyxl.load_workbook(out)
    unknown = wb["单位台账"]["D4"]  # 所在党组织 of 乙协会: P9 names nothing
    assert unknown.fill.fgColor.rgb.endswith(FILLS["error"])
    assert "P9" in unknown.comment.text and "要求" in unknown.comment.text
    term = wb["党组织"]["E3"]  # 屆滿時間, as written in Traditional characters
    assert term.fill.fgColor.rgb.endswith(FILLS["error"])
    assert "已到期未换届" in term.comment.text
    assert wb["单位台账"]["A1"].comment is None  # the title row names nothing


def test_every_link_of_the_list_lands_on_the_marked_cell_of_its_finding(tmp_path):
    ledger = _office_book(tmp_path / "台账.xlsx")
    _, analysis, out, _ = _annotated(tmp_path, ledger)
    wb = openpyxl.load_workbook(out)
    listed = wb["问题清单"]
    assert listed.auto_filter.ref == f"A1:H{len(analysis.findings) + 1}"
    headers = [c.value for c in listed[1]]
    assert headers[0] == "问题代码" and "所属街道" in headers
    links = 0
    for row, f in zip(listed.iter_rows(min_row=2), analysis.findings.itertuples(index=False), strict=True):
        assert row[0].value == f.code
        link = row[-1].hyperlink
        if pd.isna(f.source_row):
            assert link is None
            continue
        sheet, ref = link.location.rsplit("!", 1)
        cell = wb[sheet.strip("'")][ref]
        assert cell.row == int(f.source_row)
        assert cell.fill.fill_type == "solid"
        if isinstance(f.source_column, str):
            header = next(c.value for c in wb[sheet.strip("'")][2] if c.column == cell.column)
            assert header == f.source_column
        links += 1
    assert links == analysis.findings["source_row"].notna().sum()


def test_a_csv_folder_comes_back_as_one_workbook_with_a_sheet_per_file(tmp_path):
    folder = tmp_path / "ledger"
    folder.mkdir()
    write_csv(folder / "街道.csv", [["编号", "街道名称"], ["S1", "林山寨街道"]])
    write_csv(
        folder / "单位.csv", [["单位台账"], ["统一社会信用代码", "单位名称", "所属街道"], [U1, "甲", "S9"]]
    )
    net, _, out, placed = _annotated(tmp_path, folder)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["问题清单", "单位", "街道"]
    assert wb["单位"]["A3"].value == U1 and wb["单位"]["A3"].number_format == "@"
    assert wb["单位"]["C3"].fill.fgColor.rgb.endswith(FILLS["error"])  # S9 names no street
    assert placed["rejects"] == 1
    assert read_ledger(out).equals(net)


@pytest.fixture(scope="module")
def demo_annotated(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(out), "--no-analyze"]) == 0
    target = out / "annotated.xlsx"
    assert main(["annotate", str(out / "ledger.xlsx"), "--out", str(target), "--as-of", AS_OF]) == 0
    return out, target


def test_the_demo_ledger_annotated_reads_back_equal_and_links_land_on_its_rows(demo_annotated):
    out, target = demo_annotated
    assert read_ledger(target).equals(read_ledger(out / "ledger.xlsx"))
    wb = openpyxl.load_workbook(target, read_only=True)
    listed = list(wb["问题清单"].iter_rows(min_row=2, values_only=True))
    wb.close()
    wb = openpyxl.load_workbook(target)
    codes = set()
    for row in wb["问题清单"].iter_rows(min_row=2):
        link = row[-1].hyperlink
        if link is None or row[0].value in codes:
            continue
        codes.add(row[0].value)
        sheet, ref = link.location.rsplit("!", 1)
        ws = wb[sheet.strip("'")]
        cells = [str(c.value) for c in ws[ws[ref].row] if c.value is not None]
        assert row[3].value in cells or row[4].value in cells, (row[0].value, ref, cells)
    assert len(codes) >= 25 and len(listed) > 100


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice absent")
def test_libreoffice_opens_and_converts_the_annotated_workbook(demo_annotated, tmp_path):
    _, target = demo_annotated
    office = shutil.which("soffice") or shutil.which("libreoffice")
    done = subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(target),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "annotated.pdf").stat().st_size > 10_000


def test_annotate_wants_a_workbook_name(tmp_path, capsys):
    folder = tmp_path / "ledger"
    folder.mkdir()
    write_csv(folder / "街道.csv", [["编号", "街道名称"], ["S1", "林山寨街道"]])
    assert main(["annotate", str(folder), "--out", str(tmp_path / "x.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err
