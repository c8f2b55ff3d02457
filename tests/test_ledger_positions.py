"""The positions the loader finds while resolving references are the ones a look-up gives."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

import loaders
from graphkit.model import EVENT_TABLES, NODE_KINDS, REL_TYPES, Network
from loaders.schema import TABLES
from tests.office_files import write_csv
from tests.test_ledger_build import full_book

EVENT_REFS = [(t.name, c.name) for t in TABLES.values() if t.event for c in t.columns if c.type == "ref"]


def assert_positions_as_looked_up(net: Network, expected: set[tuple[str, str]]) -> None:
    """Every relationship and event position equals what looking the ids up gives."""
    assert expected <= set(net._known_at)  # handed over by the loader, not looked up
    plain = pickle.loads(pickle.dumps(net))  # the same network without them
    for rel_type in REL_TYPES:
        for side in ("source", "target"):
            for kind in NODE_KINDS:
                got, want = net.rel_positions(rel_type, side, kind), plain.rel_positions(rel_type, side, kind)
                assert np.array_equal(got, want), (rel_type, side, kind)
        for source in REL_TYPES[rel_type].sources:  # the first row from and to each node
            for target in REL_TYPES[rel_type].targets:
                for first in ("first_rows", "first_sources"):
                    got = getattr(net, first)(rel_type, source, target)
                    want = getattr(plain, first)(rel_type, source, target)
                    assert np.array_equal(got, want), (first, rel_type, source, target)
    for table, column in EVENT_REFS:
        assert table in EVENT_TABLES
        for kind in NODE_KINDS:
            got, want = net.event_positions(table, column, kind), plain.event_positions(table, column, kind)
            assert np.array_equal(got, want), (table, column, kind)


def test_workbook_with_names_multi_values_and_unknown_references(tmp_path: Path) -> None:
    net = loaders.read_ledger(full_book(tmp_path / "台账.xlsx"))
    assert len(net.rejects)  # unknown and ambiguous references among the rows
    assert_positions_as_looked_up(
        net,
        {("IN_STREET", "source"), ("IN_STREET", "target"), ("GUIDES", "target"), ("PAIRED_WITH", "target")},
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_demo_district_every_table(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / ("ledger.xlsx" if fmt == "xlsx" else "ledger")
    loaders.write_ledger(loaders.demo_district(units=500), path, format=fmt)
    net = loaders.read_ledger(path, as_of="2026-11-27")
    assert len(net.activities) and len(net.visits) and len(net.trainings) and len(net.honours)
    assert_positions_as_looked_up(
        net, {("activities", "party_org"), ("visits", "person"), ("COVERED_BY", "target")}
    )


def test_event_rows_named_by_name_or_not_used(tmp_path: Path) -> None:
    write_csv(tmp_path / "单位台账.csv", [["统一社会信用代码", "单位名称", "所属街道"], ["U1", "甲", "S1"]])
    write_csv(tmp_path / "街道.csv", [["编号", "街道名称"], ["S1", "林山寨街道"]])
    write_csv(
        tmp_path / "党组织.csv",
        [
            ["编号", "党组织名称", "组织类别", "组建方式"],
            ["P1", "甲党支部", "党支部", "单独组建"],
            ["P2", "乙党支部", "党支部", "单独组建"],
        ],
    )
    write_csv(
        tmp_path / "组织生活.csv",
        [
            ["党组织", "活动日期"],
            ["P9", "2026-10-09"],
            ["乙党支部", "2026-10-08"],
            ["P1", "上周"],
            ["P1", "2026-10-10"],
        ],
    )
    net = loaders.read_ledger(tmp_path, as_of="2026-11-27")
    assert net.activities["party_org"].tolist() == ["P2", "P1"]
    assert net.event_positions("activities", "party_org", "PartyOrg").tolist() == [1, 0]
    assert_positions_as_looked_up(net, {("activities", "party_org")})
