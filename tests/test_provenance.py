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
