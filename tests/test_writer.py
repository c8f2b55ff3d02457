"""The ledger writer: Chinese workbook and CSV folder that the reader loads back unchanged."""

from __future__ import annotations

from pathlib import Path

import fastexcel
import openpyxl
import pandas as pd
import pytest

from graphkit.exceptions import GraphkitError
from graphkit.model import Network
from loaders import writer
from loaders.demo import demo_district
from loaders.ledger import read_ledger
from loaders.schema import TABLES
from loaders.writer import ledger_tables, write_ledger

DIGITS_ID = "914101020000000011"  # an all-digit credit code: must stay text


@pytest.fixture
def small() -> Network:
    return Network.from_records(
        nodes={
            "Unit": [
                {"id": DIGITS_ID, "name": "甲公司", "kind": "enterprise", "party_members": 2},
                {"id": "52410102MA00000001", "name": "乙培训学校", "kind": "social_org"},
            ],
            "Street": [{"id": "S1", "name": "林山寨街道"}, {"id": "S2", "name": "须水街道"}],
            "GuidanceStation": [{"id": "GS:S1", "name": "林山寨街道非公党建工作指导站"}],
            "Carrier": [
                {"id": "C1", "name": "锦艺城", "kind": "building"},
                {"id": "C2", "name": "物流商会", "kind": "association"},
                {"id": "C3", "name": "餐饮协会", "kind": "association"},
            ],
            "PartyOrg": [
                {
                    "id": "P1",
                    "name": "锦艺城联合党支部",
                    "level": "branch",
                    "form": "joint",
                    "members": 5,
                    "term_ends": "2027-06-30",
                    "demo_level": "street",
                }
            ],
            "Instructor": [{"id": "I1", "name": "张伟", "phone": "13800000001"}],
            "OrganBranch": [{"id": "OB1", "name": "区教育局机关第一党支部"}],
            "Department": [{"id": "D1", "name": "区教育局", "party_office_staff": 2, "required_staff": 2}],
        },
        rels={
            "IN_STREET": [(DIGITS_ID, "S1"), ("52410102MA00000001", "S2"), ("P1", "S1")],
            "LOCATED_IN": [(DIGITS_ID, "C1")],
            "MEMBER_OF": [(DIGITS_ID, "C2"), (DIGITS_ID, "C3")],
            "COVERED_BY": [(DIGITS_ID, "P1")],
            "SUPERVISED_BY": [("52410102MA00000001", "D1")],
            "BASED_AT": [("P1", "C1")],
            "GUIDES": [("I1", "P1"), ("I1", "52410102MA00000001")],
            "PAIRED_WITH": [{"source": "OB1", "target": "P1", "since": "2025-03-01"}],
            "BRANCH_OF": [("OB1", "D1")],
            "SERVES": [("GS:S1", "S1")],
        },
    )


def test_tables_carry_references_enum_words_and_stations(small: Network) -> None:
    t = ledger_tables(small)
    units = t["units"].set_index("统一社会信用代码")
    assert units.loc[
        DIGITS_ID, ["单位类型", "所属街道", "所在楼宇/商圈/园区", "所属行业协会商会", "所在党组织"]
    ].tolist() == [
        "企业",
        "S1",
        "C1",
        "C2、C3",
        "P1",
    ]
    assert units.loc["52410102MA00000001", "业务主管单位"] == "D1"
    orgs = t["party_orgs"].iloc[0]
    assert orgs[["党组织类别", "组建方式", "依托载体或部门", "示范点"]].tolist() == [
        "党支部",
        "联合组建",
        "C1",
        "街道级",
    ]
    assert t["streets"]["指导站"].fillna("").tolist() == ["林山寨街道非公党建工作指导站", ""]
    assert t["assignments"].to_numpy().tolist() == [["I1", "P1"], ["I1", "52410102MA00000001"]]
    assert t["pairings"].iloc[0].tolist()[:2] == ["OB1", "P1"]
    assert t["organ_branches"]["所属部门"].tolist() == ["D1"]


def test_english_headers_and_values(small: Network) -> None:
    t = ledger_tables(small, lang="en")
    assert list(t["units"].columns[:4]) == ["id", "name", "kind", "street"]
    assert t["units"]["kind"].tolist() == ["enterprise", "social_org"]


def test_workbook_has_chinese_sheets_headers_and_text_ids(small: Network, tmp_path: Path) -> None:
    (path,) = write_ledger(small, tmp_path / "ledger.xlsx")
    reader = fastexcel.read_excel(path)
    # the campaign tables (positions ... honours) are written only when the network kept them
    assert reader.sheet_names == [spec.zh for spec in TABLES.values()][:10]
    units = reader.load_sheet("单位台账").to_pandas()
    assert list(units.columns[:4]) == ["统一社会信用代码", "单位名称", "单位类型", "所属街道"]
    assert units["统一社会信用代码"].tolist() == [DIGITS_ID, "52410102MA00000001"]
    assert units["正式党员数"].tolist()[0] == 2
    book = openpyxl.load_workbook(path)
    sheet = book["单位台账"]
    cell = sheet["A2"]
    assert (cell.value, cell.data_type, cell.number_format) == (DIGITS_ID, "s", "@")
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    term = book["党组织"].cell(row=2, column=9)
    assert book["党组织"].cell(row=1, column=9).value == "届满时间"
    assert term.is_date and term.value.date().isoformat() == "2027-06-30"


def test_csv_folder_is_utf8_with_bom(small: Network, tmp_path: Path) -> None:
    paths = write_ledger(small, tmp_path / "ledger", format="csv")
    assert [p.name for p in paths] == [f"{name}.csv" for name in TABLES][:10]
    raw = (tmp_path / "ledger" / "units.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("统一社会信用代码,单位名称,单位类型,所属街道")
    assert lines[1].startswith(f"{DIGITS_ID},甲公司,企业,S1")
    pairing = (tmp_path / "ledger" / "pairings.csv").read_text(encoding="utf-8-sig").splitlines()
    assert pairing == ["机关党支部,结对党组织,结对时间", "OB1,P1,2025-03-01"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_small_round_trip(small: Network, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / ("ledger.xlsx" if fmt == "xlsx" else "ledger")
    write_ledger(small, path, format=fmt)
    back = read_ledger(path)
    assert len(back.rejects) == 0
    assert back.equals(small)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_demo_round_trip(tmp_path: Path, fmt: str) -> None:
    net = demo_district()
    path = tmp_path / ("ledger.xlsx" if fmt == "xlsx" else "ledger")
    write_ledger(net, path, format=fmt)
    back = read_ledger(path)
    assert len(back.rejects) == 0
    assert back.equals(net)


def test_bad_arguments_are_clear(small: Network, tmp_path: Path) -> None:
    with pytest.raises(GraphkitError, match="format must be 'xlsx' or 'csv'"):
        write_ledger(small, tmp_path / "x.ods", format="ods")
    with pytest.raises(GraphkitError, match="lang must be 'zh' or 'en'"):
        write_ledger(small, tmp_path / "x.xlsx", lang="fr")


def test_written_dates_keep_missing_values(tmp_path: Path) -> None:
    net = Network.from_records(
        nodes={"PartyOrg": [{"id": "P1", "name": "甲党支部", "level": "branch", "form": "own"}]}
    )
    write_ledger(net, tmp_path / "l", format="csv")
    lines = (tmp_path / "l" / "party_orgs.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[1] == "P1,甲党支部,党支部,单独组建,,,,,,"
    assert pd.isna(read_ledger(tmp_path / "l").party_orgs.loc["P1", "term_ends"])


def test_a_ledger_file_cut_short_never_replaces_the_one_before(
    small: Network, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ledger"
    write_ledger(small, folder, format="csv")
    first = folder / f"{next(iter(ledger_tables(small)))}.csv"
    before = first.read_bytes()

    def disk_full(lines: object) -> bytes:  # the header is written, the first block of rows fails
        raise OSError("disk full")

    monkeypatch.setattr(writer, "joined_text", disk_full)
    with pytest.raises(GraphkitError, match="cannot write the ledger: disk full"):
        write_ledger(small, folder, format="csv")
    assert first.read_bytes() == before
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []
