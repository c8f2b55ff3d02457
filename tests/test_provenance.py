"""Provenance (issue 12): every node, relationship and event row knows its ledger file, sheet and row."""

import pickle

import pandas as pd
import pytest

from graphkit import Network
from graphkit.model.sources import make_sources
from loaders import read_ledger
from tests.office_files import U1, U2, write_book, write_csv

PARTY_ORGS = [
    ["編號", "黨組織名稱", "組織類別", "組建方式", "屆滿時間"],  # Traditional headers
    ["P1", "甲黨支部", "党支部", "联合组建", "2020-01-01"],
]


def _book(tmp_path):
    """One workbook: a merged title row above each header; units on rows 3-4, orgs on row 3."""
    units = [["统一社会信用代码", "单位名称", "所属街道", "所在党组织"], [U1, "甲公司", "S1", "P1"]]
    units.append([U2, "乙协会", "S1", "P9"])
    return write_book(
        tmp_path / "台账.xlsx",
        {
            "街道": {"rows": [["编号", "街道名称"], ["S1", "林山寨街道"]]},
            "单位台账": {"rows": units, "title": "2026年单位台账", "start": 1},
            "党组织": {"rows": PARTY_ORGS, "title": "党组织台账", "start": 1},
        },
    )


def test_a_workbook_keeps_sheet_and_row_as_excel_shows_them(tmp_path):
    net = read_ledger(_book(tmp_path))
    units = net.source("Unit")
    assert units.loc[U1].tolist() == ["台账.xlsx", "单位台账", 3]
    assert units.loc[U2, "row"] == 4
    assert net.source("PartyOrg").loc["P1"].tolist() == ["台账.xlsx", "党组织", 3]
    covered = net.rel("COVERED_BY")
    assert covered["source"].tolist() == [U1]  # P9 resolves to nothing: no link, a reject
    assert net.source("COVERED_BY")["row"].tolist() == [3]
    street = net.source("IN_STREET")
    assert street.loc[net.rel("IN_STREET")["source"].eq(U2).to_numpy(), "row"].tolist() == [4]


def test_a_folder_of_files_keeps_each_file_and_no_sheet(tmp_path):
    folder = tmp_path / "ledger"
    folder.mkdir()
    write_csv(folder / "街道.csv", [["编号", "街道名称"], ["S1", "林山寨街道"], ["S2", "建设路街道"]])
    units = [["单位台账"], ["统一社会信用代码", "单位名称", "所属街道"], [U1, "甲", "S2"]]
    write_csv(folder / "单位.csv", units)
    write_csv(
        folder / "assignments.csv",
        [["指导员", "联系对象"], ["I1", U1]],
    )
    write_csv(folder / "instructors.csv", [["编号", "姓名"], ["I1", "张伟"]])
    net = read_ledger(folder)
    assert net.source("Unit").loc[U1, "file"] == "单位.csv"
    assert pd.isna(net.source("Unit").loc[U1, "sheet"])
    assert net.source("Unit").loc[U1, "row"] == 3  # the title row counts
    assert net.source("Street").loc["S2", "row"] == 3
    assert net.source("GUIDES").iloc[0].tolist()[::2] == ["assignments.csv", 2]


def test_sources_stay_in_step_through_without_copy_pickle_and_networkx(tmp_path):
    net = read_ledger(_book(tmp_path))
    for other in (net.copy(), pickle.loads(pickle.dumps(net)), Network.from_networkx(net.to_networkx())):
        assert set(other.sources) == set(net.sources)
        for key, s in net.sources.items():
            got = other.source(key).astype(object)
            pd.testing.assert_frame_equal(got, s.astype(object), check_names=False)
    less = net.without([U1])
    assert less.source("Unit").index.tolist() == [U2]
    assert less.source("Unit").loc[U2, "row"] == 4
    assert len(less.source("IN_STREET")) == len(less.rel("IN_STREET"))
    assert net.replace(meta={}).sources is net.sources


def test_a_network_built_in_python_has_blank_sources():
    net = Network.from_records(nodes={"Unit": [{"id": "U1"}]}, rels={"IN_STREET": [("U1", "S1")]})
    assert net.sources == {}
    assert net.source("Unit")["row"].isna().all()
    assert net.source("IN_STREET")["file"].isna().all()
    assert net.node_sources(pd.Series(["U1"]), "Unit")["row"].isna().all()


def test_sources_must_match_their_frame():
    with pytest.raises(ValueError, match="one row per row"):
        Network(
            {"Unit": pd.DataFrame(index=["U1"])},
            sources={"Unit": make_sources(["a.csv"] * 2, [None] * 2, [2, 3])},
        )


# ------------------------------------------------------------------ findings (step 2)
AS_OF = "2026-11-27"


@pytest.fixture(scope="module")
def demo_ledger(tmp_path_factory):
    from graphkit.cli import main

    out = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(out), "--no-analyze"]) == 0
    return out


def _sheet_rows(path):
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = {
        ws.title: [[("" if v is None else str(v)) for v in r] for r in ws.iter_rows(values_only=True)]
        for ws in wb.worksheets
    }
    wb.close()
    return rows


def _names(net):
    return {i: n for frame in net.nodes.values() for i, n in frame["name"].dropna().items()}


def _check_rows(findings, row_of, header_of, names=None):
    """Every located finding's row names its subject; its column is a header of that sheet."""
    checked = set()
    located = findings[findings["source_row"].notna()]
    for code, part in located.groupby("code"):
        for f in part.head(5).itertuples(index=False):
            cells = row_of(f.source_file, f.source_sheet, int(f.source_row))
            assert f.subject_id in cells or (f.subject_name or "") in cells, (code, f, cells)
            if code == "UNVISITED_CONTACT":  # the assignment row of the very contact the detail names
                named = [(names or {}).get(c, c) for c in cells if c]
                assert any(f"“{c}”" in f.detail for c in named), (f, cells)
            if isinstance(f.source_column, str):
                assert f.source_column in header_of(f.source_file, f.source_sheet), (code, f)
        checked.add(code)
    return checked


def test_every_finding_of_the_demo_workbook_names_its_sheet_and_row(demo_ledger):
    from graphkit import analyze
    from graphkit.provenance import RULES

    net = read_ledger(demo_ledger / "ledger.xlsx")
    found = analyze(net, as_of=AS_OF).findings
    rows = _sheet_rows(demo_ledger / "ledger.xlsx")
    checked = _check_rows(
        found,
        lambda file, sheet, row: rows[sheet][row - 1],
        lambda file, sheet: rows[sheet][0],
        _names(net),
    )
    computed = {c for c, r in RULES.items() if r.where == "none"}
    assert checked | computed >= set(found["code"])
    assert found.loc[found["code"].isin(list(computed)), "source_row"].isna().all()
    assert found.loc[~found["code"].isin(list(computed)), "source_row"].notna().all()
    assert found["source_file"].dropna().eq("ledger.xlsx").all()
    assert {"UNVISITED_CONTACT", "JOINT_ORG_TOO_LARGE", "DUPLICATE_ID", "UNKNOWN_REFERENCE"} <= checked


def test_every_finding_of_the_demo_folder_names_its_file_and_row(demo_ledger):
    import csv

    from graphkit import analyze

    folder = demo_ledger / "ledger"
    net = read_ledger(folder)
    found = analyze(net, as_of=AS_OF).findings
    cache = {}

    def rows(file):
        if file not in cache:
            with (folder / file).open(encoding="utf-8-sig", newline="") as fh:
                cache[file] = list(csv.reader(fh))
        return cache[file]

    checked = _check_rows(found, lambda f, s, r: rows(f)[r - 1], lambda f, s: rows(f)[0], _names(net))
    assert found["source_sheet"].isna().all()
    assert len(checked) >= 25


def test_a_title_row_counts_and_load_findings_keep_their_cell(tmp_path):
    from graphkit import analyze

    found = analyze(read_ledger(_book(tmp_path)), as_of=AS_OF).findings
    unknown = found[found["code"] == "UNKNOWN_REFERENCE"].iloc[0]
    assert unknown[["source_sheet", "source_row", "source_column"]].tolist() == [
        "单位台账",
        "4",
        "所在党组织",
    ]
    expired = found[found["code"] == "TERM_EXPIRED"].iloc[0]
    assert expired[["source_sheet", "source_row", "source_column"]].tolist() == ["党组织", "3", "屆滿時間"]
    uncovered = found[(found["code"] == "UNCOVERED") & (found["subject_id"] == U2)].iloc[0]
    assert uncovered[["source_file", "source_row"]].tolist() == ["台账.xlsx", "4"]
    assert pd.isna(uncovered["source_column"])


def test_findings_of_a_network_built_in_python_have_blank_sources():
    import graphkit as gk

    found = gk.analyze(gk.datasets.tiny(), as_of=AS_OF).findings
    assert found[["source_file", "source_sheet", "source_row", "source_column"]].isna().all().all()


# ------------------------------------------------------------------ Neo4j (issue 12, item 4)
@pytest.mark.neo4j
def test_pushed_nodes_carry_their_ledger_row_and_the_twins_name_it(neo4j_db, tmp_path):
    from graphkit import analyze
    from graphkit.neo4j import push
    from graphkit.neo4j.twins import twin_analysis
    from graphkit.settings import Settings
    from loaders import read_neo4j

    driver, database = neo4j_db
    net = read_ledger(_book(tmp_path))
    push(net, driver=driver, database=database, replace=True)
    records, _, _ = driver.execute_query(
        "MATCH (u:Unit {id: $id}) RETURN u.source_file AS f, u.source_sheet AS s, u.source_row AS r",
        id=U2,
        database_=database,
    )
    assert [records[0]["f"], records[0]["s"], records[0]["r"]] == ["台账.xlsx", "单位台账", 4]
    back = read_neo4j(driver=driver, database=database)
    assert "source_row" not in back.units.columns
    assert back.source("Unit").loc[U2].tolist() == ["台账.xlsx", "单位台账", 4]
    twin = twin_analysis(driver, settings=Settings(as_of=AS_OF), database=database).findings
    mine = analyze(net, as_of=AS_OF).findings
    key = ["code", "subject_id"]
    got = twin[twin["code"] == "UNCOVERED"].set_index(key)[["source_sheet", "source_row"]]
    want = mine[mine["code"] == "UNCOVERED"].set_index(key)[["source_sheet", "source_row"]]
    assert len(got) and got.sort_index().equals(want.sort_index())
