"""Hostile and broken ledgers (issue 14): each gives one exact, clean outcome.

Every ledger here is a real file: CSV in UTF-8, GB18030 or UTF-16, XLSX written by
xlsxwriter (and, for a lying dimension, rewritten with zipfile). The outcomes are
exact: the reject reason, the message with its line, the exit code, the bytes written.
"""

from __future__ import annotations

import csv
import os
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter

from graphkit import Network
from graphkit.cli import main
from graphkit.exceptions import LedgerError
from graphkit.neo4j.admin import write_admin_import
from loaders import read_ledger

U1 = "91350200776049653A"
U2 = "53100000500019795A"
UNITS = "统一社会信用代码,单位名称,所属街道,正式党员数"
STREETS = "编号,街道名称\nS1,林山寨街道\n"


def ledger(folder: Path, units: str, *, encoding: str = "utf-8", **tables: str) -> Path:
    """A folder ledger: 街道.csv, 单位台账.csv (``units``, in ``encoding``) and further tables."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "街道.csv").write_text(STREETS, encoding="utf-8")
    (folder / "单位台账.csv").write_bytes(units.encode(encoding))
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def rejects(net: Network) -> list[list[str]]:
    return net.rejects[["file", "row", "column", "value", "reason"]].astype(str).fillna("").values.tolist()


def assert_rows_accounted(net: Network) -> None:
    """Rows read = loaded + rejected per table; node tables loaded = nodes."""
    kinds = {"units": "Unit", "streets": "Street", "party_orgs": "PartyOrg"}
    for table, counts in net.meta["rows"].items():
        assert counts["read"] == counts["loaded"] + counts["rejected"], table
        if table in kinds:
            assert len(net.nodes[kinds[table]]) == counts["loaded"], table


# ------------------------------------------------------------------ values out of range
def test_dates_out_of_range_are_rejected_per_cell(tmp_path):
    orgs = (
        "编号,名称,组织类别,组建方式,届满时间\n"
        "P1,甲支部,党支部,单独组建,9999-12-31\n"
        "P2,乙支部,党支部,单独组建,0000-01-01\n"
        "P3,丙支部,党支部,单独组建,2262-05-01\n"
        "P4,丁支部,党支部,单独组建,2958465\n"
        "P5,戊支部,党支部,单独组建,2027-06-30\n"
        "P6,己支部,党支部,单独组建,9999年12月31日\n"
    )
    net = read_ledger(ledger(tmp_path, f"{UNITS}\n{U1},甲公司,林山寨街道,3\n", 党组织=orgs), lang="en")
    assert net.party_orgs["term_ends"].dt.strftime("%Y-%m-%d").fillna("").tolist() == [
        "",
        "",
        "",
        "",
        "2027-06-30",
        "",
    ]
    reason = '"{}" is outside the dates a ledger holds (1900-01-01 to 2199-12-31); cell left empty'
    assert rejects(net) == [
        ["党组织.csv", str(row), "届满时间", value, reason.format(value)]
        for row, value in [
            (2, "9999-12-31"),
            (3, "0000-01-01"),
            (4, "2262-05-01"),
            (5, "2958465"),
            (7, "9999年12月31日"),
        ]
    ]
    assert net.meta["rows"]["party_orgs"] == {"read": 6, "loaded": 6, "rejected": 0}


def test_huge_member_count_is_rejected_not_wrapped(tmp_path):
    net = read_ledger(
        ledger(
            tmp_path,
            f"{UNITS}\n{U1},甲公司,林山寨街道,99999999999999999999\n{U2},乙协会,林山寨街道,1000000001\n",
        ),
        lang="en",
    )
    assert net.units["party_members"].isna().all()
    assert rejects(net) == [
        [
            "单位台账.csv",
            "2",
            "正式党员数",
            "99999999999999999999",
            '"99999999999999999999" is beyond the plausible range (at most 1,000,000,000); cell left empty',
        ],
        [
            "单位台账.csv",
            "3",
            "正式党员数",
            "1000000001",
            '"1000000001" is beyond the plausible range (at most 1,000,000,000); cell left empty',
        ],
    ]


def test_as_of_far_in_the_future_is_a_clear_error(tmp_path, capsys):
    path = ledger(tmp_path / "l", f"{UNITS}\n{U1},甲公司,林山寨街道,3\n")
    code = main(["analyze", str(path), "--out", str(tmp_path / "o"), "--as-of", "9999-12-31", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2
    assert err == (
        "graphkit analyze: --as-of 9999-12-31: the date must lie between 1900-01-01 and 2199-12-31\n"
    )
    assert not (tmp_path / "o").exists()


# ------------------------------------------------------------------ CSV structure and encodings
def test_unclosed_quote_is_named_with_its_line(tmp_path):
    rows = "".join(f"9135020077604965{i:02d},乙{i},林山寨街道,1\n" for i in range(58))
    path = ledger(tmp_path, f'{UNITS}\n{U1},甲公司,林山寨街道,3\n{U2},"乙协会,林山寨街道,1\n{rows}')
    with pytest.raises(LedgerError) as caught:
        read_ledger(path, lang="en")
    assert str(caught.value) == (
        '单位台账.csv: a quote (") at line 3 opens a cell that never closes, so the 58 lines after it '
        "would become that one cell: remove or close the quote"
    )


def test_a_quote_beyond_the_csv_modules_field_limit_is_named_too(tmp_path):
    # GB18030 takes the forgiving path, where the csv module's 131,072-character field limit applies
    long_rows = "".join(f"9135020077604{i:05d},公司{i},林山寨街道,{'备注' * 20}\n" for i in range(3000))
    path = ledger(tmp_path, f'{UNITS}\n"{U1},甲公司,林山寨街道,3\n{long_rows}', encoding="gb18030")
    with pytest.raises(LedgerError, match=r"^单位台账\.csv: a quote \(\"\) at line 2 opens a cell"):
        read_ledger(path, lang="en")


def test_cells_that_span_lines_legally_are_kept(tmp_path):
    net = read_ledger(ledger(tmp_path, f'{UNITS}\n{U1},"甲\n公司",林山寨街道,3\n'))
    assert net.units["name"].tolist() == ["甲\n公司"]


@pytest.mark.parametrize(
    ("encoding", "sep"), [("utf-16", ","), ("utf-16", "\t"), ("utf-16-le", ","), ("gb18030", ",")]
)
def test_utf16_and_tab_separated_files_are_read(tmp_path, encoding, sep):
    text = f"{UNITS}\n{U1},甲公司,林山寨街道,3\n".replace(",", sep)
    net = read_ledger(ledger(tmp_path, text, encoding=encoding))
    assert net.units.loc[U1, ["name", "party_members"]].tolist() == ["甲公司", 3]
    assert net.rel("IN_STREET")["target"].tolist() == ["S1"]
    assert len(net.rejects) == 0


def test_bad_byte_deep_in_utf8_is_reported_where_it_is(tmp_path):
    good = "".join(f"9135020077604965{i:02d},公司{i},林山寨街道,1\n" for i in range(40))
    data = f"{UNITS}\n{good}".encode() + b"91350200776049653A,\xff\xfe,x,1\n"
    path = ledger(tmp_path, "")
    (path / "单位台账.csv").write_bytes(data)
    at = data.index(b"\xff")
    with pytest.raises(LedgerError) as caught:
        read_ledger(path, lang="en")
    assert str(caught.value) == (
        f"单位台账.csv: invalid UTF-8 bytes FF at line 42 (byte {at}); the rest of the "
        "file is UTF-8: fix that place or pass the right --encoding"
    )


# ------------------------------------------------------------------ paths and files
def test_fifo_is_refused_or_ignored_never_read(tmp_path):
    folder = ledger(tmp_path / "l", f"{UNITS}\n{U1},甲公司,林山寨街道,3\n")
    os.mkfifo(folder / "党组织.csv")
    with pytest.raises(LedgerError) as caught:
        read_ledger(folder / "党组织.csv", lang="en")
    assert str(caught.value) == (
        f"{folder / '党组织.csv'}: not a regular file (FIFO); a ledger is CSV or XLSX files"
    )
    net = read_ledger(folder, lang="en")  # in a folder: listed, not opened (opening would block)
    assert net.meta["ignored"] == ["党组织.csv (not a regular file: FIFO)"]
    assert len(net.units) == 1


def test_overlong_path_exits_2_with_one_line(tmp_path, capsys):
    path = tmp_path / ("台" * 100)  # 300 bytes: beyond the 255 a file name may have
    assert main(["validate", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "the path is too long" in err and "shorten the folder or file name" in err


# ------------------------------------------------------------------ workbooks
def far_workbook(path: Path, far: str = "XFD1048576") -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("单位台账")
    ws.write_row(0, 0, ["统一社会信用代码", "单位名称", "所属街道"])
    ws.write_row(1, 0, [U1, "甲公司", "林山寨街道"])
    ws.write_string(far, "x")
    wb.close()
    return path


def test_stray_far_cell_is_refused_before_anything_is_allocated(tmp_path):
    path = far_workbook(tmp_path / "台账.xlsx")  # a 6 KB file whose grid would be 17 billion cells
    with pytest.raises(LedgerError) as caught:
        read_ledger(path, lang="en")
    assert str(caught.value) == (
        "台账.xlsx, sheet 单位台账: the sheet spans A1:XFD1048576 (17,179,869,184 cells), far more than "
        "it holds, and reading it would exhaust memory: delete the stray cell XFD1048576 or clear the "
        "unused rows and columns, then save"
    )


def test_a_lying_dimension_does_not_hide_the_far_cell(tmp_path):
    honest = far_workbook(tmp_path / "honest.xlsx", far="ZZ400000")
    liar = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(honest) as src, zipfile.ZipFile(liar, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:ZZ400000"/>', b'<dimension ref="A1:C2"/>')
            dst.writestr(info, data)
    with pytest.raises(LedgerError, match=r"spans A1:ZZ400000 \(280,800,000 cells\)"):
        read_ledger(liar, lang="en")


def test_hidden_sheets_are_announced_not_read(tmp_path):
    path = tmp_path / "台账.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    units = wb.add_worksheet("单位台账")
    units.write_row(0, 0, ["统一社会信用代码", "单位名称", "所属街道"])
    units.write_row(1, 0, [U1, "甲公司", "林山寨街道"])
    old = wb.add_worksheet("街道")
    old.write_row(0, 0, ["编号", "街道名称"])
    old.write_row(1, 0, ["S1", "林山寨街道"])
    old.hide()
    wb.close()
    net = read_ledger(path, lang="en")
    assert net.meta["ignored"] == ["台账.xlsx, sheet 街道 (a hidden sheet: unhide it to have it read)"]
    assert net.meta["tables"] == {"units": 1}


def test_excel_error_cells_are_rejected_not_blanked(tmp_path):
    path = tmp_path / "台账.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("单位台账")
    ws.write_row(0, 0, ["统一社会信用代码", "单位名称", "所属街道", "正式党员数"])
    ws.write_row(1, 0, [U1, "甲公司", "林山寨街道"])
    ws.write_formula(1, 3, "=1/0", None, "#DIV/0!")
    ws.write_string(2, 0, U2)
    ws.write_formula(2, 1, "=NA()", None, "#N/A")
    ws.write_row(2, 2, ["林山寨街道", "2"])
    streets = wb.add_worksheet("街道")
    streets.write_row(0, 0, ["编号", "街道名称"])
    streets.write_row(1, 0, ["S1", "林山寨街道"])
    wb.close()
    net = read_ledger(path, lang="en")
    assert net.units.index.tolist() == [U1]
    assert net.units["party_members"].isna().all()
    assert rejects(net) == [
        [
            "台账.xlsx",
            "2",
            "正式党员数",
            "#DIV/0!",
            "the cell holds the Excel error #DIV/0! (a formula that failed); cell left empty",
        ],
        [
            "台账.xlsx",
            "3",
            "单位名称",
            "#N/A",
            "the cell holds the Excel error #N/A (a formula that failed); cell left empty",
        ],
        ["台账.xlsx", "3", "单位名称", "", "required value is blank; row not used"],
    ]
    assert net.meta["rows"]["units"] == {"read": 2, "loaded": 1, "rejected": 1}


def test_excel_error_text_in_a_csv_is_rejected_too(tmp_path):
    net = read_ledger(ledger(tmp_path, f"{UNITS}\n{U1},甲公司,林山寨街道,#VALUE!\n"), lang="en")
    assert rejects(net)[0][3:] == [
        "#VALUE!",
        "the cell holds the Excel error #VALUE! (a formula that failed); cell left empty",
    ]


# ------------------------------------------------------------------ every row accounted for
def test_rows_read_are_loaded_or_rejected_and_summaries_count_them_apart(tmp_path, capsys):
    units = (
        f"{UNITS}\n{U1},甲公司,林山寨街道,三\n{U1},甲公司（重复）,林山寨街道,1\n"
        f",无编号公司,林山寨街道,1\n{U2},乙协会,无此街道,1\n"
    )
    path = ledger(tmp_path / "l", units)
    net = read_ledger(path, lang="en")
    assert net.meta["rows"] == {
        "units": {"read": 4, "loaded": 2, "rejected": 2},
        "streets": {"read": 1, "loaded": 1, "rejected": 0},
    }
    assert_rows_accounted(net)
    assert main(["validate", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Cells or rows not used: 4\n  Rows not used: 2; cells emptied or not linked: 2\n" in out
    assert main(["analyze", str(path), "--out", str(tmp_path / "o"), "--lang", "en", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "2 ledger rows could not be used and 2 cells were emptied or not linked: see rejects.csv" in out


# ------------------------------------------------------------------ outputs that cannot hurt
def test_formula_cells_are_neutralised_in_every_output_csv(tmp_path, capsys):
    units = f'{UNITS}\n{U1},"=HYPERLINK(""http://x"",""点我"")",林山寨街道,-3\n{U2},@SUM(A1),林山寨街道,1\n'
    path = ledger(tmp_path / "l", units)
    out = tmp_path / "o"
    assert main(["analyze", str(path), "--out", str(out), "--jobs", "1"]) == 0
    capsys.readouterr()
    written = {}
    for csv_path in sorted(out.glob("*.csv")):
        with csv_path.open(encoding="utf-8-sig", newline="") as fh:
            written[csv_path.name] = list(csv.reader(fh))
    live = [
        (name, cell)
        for name, rows in written.items()
        for row in rows
        for cell in row
        if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not cell[1:].isdigit())
    ]
    assert live == []
    coverage = {r[0]: r[1] for r in written["coverage.csv"][1:]}
    assert coverage == {U1: '\'=HYPERLINK("http://x","点我")', U2: "'@SUM(A1)"}
    rejects_rows = written["rejects.csv"]
    assert rejects_rows[1][5] == "'-3"  # the rejected value, as text
    assert main(["analyze", str(path), "--out", str(out), "--jobs", "1", "--no-formula-guard"]) == 0
    raw = pd.read_csv(out / "coverage.csv", encoding="utf-8-sig", dtype=str)
    assert raw["name"].tolist() == ['=HYPERLINK("http://x","点我")', "@SUM(A1)"]


def test_out_that_is_or_contains_the_ledger_is_refused(tmp_path, capsys):
    path = ledger(tmp_path / "l", f"{UNITS}\n{U1},甲公司,林山寨街道,3\n")
    before = {p.name: p.read_bytes() for p in path.iterdir()}
    for out in (path, tmp_path, path / "." / ".." / "l"):
        assert main(["analyze", str(path), "--out", str(out), "--lang", "en"]) == 2
        err = capsys.readouterr().err
        assert err == (
            f"graphkit analyze: --out {out}: it is, or contains, the input {path}, so writing there "
            "would overwrite the ledger: choose another output place\n"
        )
    assert main(["validate", str(path / "单位台账.csv"), "--out", str(path)]) == 2
    assert main(["export", str(path), "--format", "graphml", "--out", str(path)]) == 2
    assert {p.name: p.read_bytes() for p in path.iterdir()} == before


def test_neo4j_admin_headers_cannot_be_injected(tmp_path):
    units = f'统一社会信用代码,单位名称,所属街道,role:LABEL,"x,y",x_y\n{U1},甲公司,林山寨街道,Admin,1,2\n'
    net = read_ledger(ledger(tmp_path / "l", units))
    out = write_admin_import(net, tmp_path / "admin")
    header = next(csv.reader((out / "Unit.header.csv").read_text(encoding="utf-8").splitlines()))
    # the ledger's columns, then what the push derives (short_name; status only with an analysis)
    assert header[-6:] == ["role_LABEL", "x_y", "x_y_2", "short_name", "status", ":LABEL"]
    assert [h for h in header if ":" in h and h.split(":")[1] in ("LABEL", "ID", "TYPE")] == [
        "id:ID",
        ":LABEL",
    ]
    data = next(csv.reader((out / "Unit.csv").read_text(encoding="utf-8").splitlines()))
    assert len(data) == len(header)
    assert data[-6:] == ["Admin", "1", "2", "甲公司", "", "Unit;Enterprise"]


# ------------------------------------------------------------------ the unexpected
def test_unexpected_error_exits_3_with_a_log(tmp_path, capsys, monkeypatch):
    import loaders

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(loaders, "read_ledger", broken)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # public: tempfile reads TMPDIR again
    assert main(["validate", str(tmp_path), "--lang", "en"]) == 3
    err = capsys.readouterr().err
    assert err.startswith(
        "graphkit validate: unexpected error (ZeroDivisionError: a bug); the details are in "
    )
    assert err.endswith(": please report it\n") and err.count("\n") == 1
    log = Path(err.split("the details are in ")[1].split(": please")[0])
    assert log.parent == tmp_path
    text = log.read_text(encoding="utf-8")
    assert text.startswith(f"graphkit validate {tmp_path} --lang en\n\nTraceback (most recent call last):")
    assert text.rstrip().endswith("ZeroDivisionError: a bug")


def test_absurdly_wide_tables_are_refused_quickly(tmp_path):
    # each column costs the reader time of its own: a 5 KB line of commas must not take minutes
    path = ledger(tmp_path / "l", f"{UNITS}\n{U1},甲公司,林山寨街道,3\n{',' * 5000}\n")
    with pytest.raises(LedgerError) as caught:
        read_ledger(path, lang="en")
    assert str(caught.value) == (
        "单位台账.csv: a row has 5,001 fields but a ledger table has at most 1,024 columns; the extra "
        "fields most likely come from a wrong separator or a stray cell far out"
    )
    with pytest.raises(LedgerError, match=r"spans A1:XFD41 \(671,744 cells\)"):
        read_ledger(far_workbook(tmp_path / "wide.xlsx", far="XFD41"), lang="en")


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path):
    from graphkit.atomic import replaced_when_done

    target = tmp_path / "findings.csv"
    target.write_text("old, complete\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), replaced_when_done(target) as part:
        part.write_text("new, half", encoding="utf-8")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old, complete\n"
    assert [p.name for p in tmp_path.iterdir()] == ["findings.csv"]


def test_what_reaches_the_console_stays_on_its_line(tmp_path, capsys):
    # a header with a line break in a table that lacks a required column; a name with a terminal escape
    path = ledger(
        tmp_path / "l", f'{UNITS}\n{U1},"甲\x1b[2J公司",林山寨街道,3\n', 党组织='编号,"名\n称"\nP1,x\n'
    )
    assert main(["validate", str(path), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "名\\n称" in err
    (path / "党组织.csv").unlink()
    assert main(["validate", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and f"{U1} 甲\\x1b[2J公司: missing" in out


def test_broken_links_in_a_ledger_folder_are_named_not_fatal(tmp_path):
    path = ledger(tmp_path / "l", f"{UNITS}\n{U1},甲公司,林山寨街道,3\n")
    (path / "党组织.csv").symlink_to(tmp_path / "nowhere.csv")
    net = read_ledger(path)
    assert net.meta["ignored"] == ["党组织.csv (No such file or directory)"]
    assert len(net.units) == 1


def test_settings_and_mapping_files_that_are_fifos_or_not_text_are_refused(tmp_path, capsys):
    path = ledger(tmp_path / "l", f"{UNITS}\n{U1},甲公司,林山寨街道,3\n")
    os.mkfifo(tmp_path / "settings.toml")
    (tmp_path / "mapping.toml").write_bytes(b"\xff\xfe\x00garbage")
    out = str(tmp_path / "o")
    assert main(["analyze", str(path), "--out", out, "--config", str(tmp_path / "settings.toml")]) == 2
    assert capsys.readouterr().err.endswith("settings.toml: cannot read settings: not a regular file\n")
    assert main(["analyze", str(path), "--out", out, "--mapping", str(tmp_path / "mapping.toml")]) == 2
    assert (
        "mapping.toml: cannot read the ledger mapping: 'utf-8' codec can't decode" in capsys.readouterr().err
    )
