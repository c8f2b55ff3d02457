"""Round trips through GraphML, GEXF and node-link JSON."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from graphkit import Network
from graphkit.exceptions import GraphkitError
from graphkit.export import read_graph, to_export_graph, write_graph

FORMATS = ["graphml", "gexf", "json"]


def small_net() -> Network:
    """Every attribute trap: NA, dates, numpy scalars, lists, mixed types, parallel edges."""
    return Network.from_records(
        nodes={
            "Unit": [
                {
                    "id": "U1",
                    "name": "甲公司",
                    "kind": "enterprise",
                    "party_members": 3,
                    "tags": ["楼宇", "科技"],
                },
                {"id": "U2", "name": "乙协会", "kind": "social_org", "party_members": None, "tags": None},
            ],
            "Carrier": [{"id": "C1", "name": "金融大厦", "kind": "building", "floors": np.int64(30)}],
            "PartyOrg": [
                {"id": "P1", "name": "甲党支部", "level": "branch", "form": "own", "term_ends": "2026-03-31"},
                {"id": "P2", "name": "联合党支部", "level": "branch", "form": "joint", "members": 7},
            ],
            "Street": [{"id": "S1", "name": "林山寨街道", "floors": "无"}],
            "Instructor": [{"id": "I1", "name": "张伟", "phone": "13812345678", "score": 0.5}],
        },
        rels={
            "COVERED_BY": [("U1", "P1"), ("U2", "P2")],
            "LOCATED_IN": [("U1", "C1"), ("U2", "C1")],
            "IN_STREET": [("U1", "S1"), ("U2", "S1"), ("C1", "S1")],
            "GUIDES": [("I1", "U1"), ("I1", "U1"), ("I1", "P2")],
            "BASED_AT": [("P1", "C1")],
        },
        meta={"source": "demo"},
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_is_exact(tmp_path, fmt):
    net = small_net()
    path = write_graph(net, tmp_path / f"net.{fmt}", show_contacts=True)
    back = read_graph(path)
    assert back.equals(net)
    assert back.units.loc["U1", "tags"] == ["楼宇", "科技"]
    assert back.party_orgs.loc["P1", "term_ends"] == pd.Timestamp("2026-03-31")
    assert back.meta == {"source": "demo"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_files_hold_no_none_and_plain_types(tmp_path, fmt):
    path = write_graph(small_net(), tmp_path / f"net.{fmt}")
    text = path.read_text(encoding="utf-8")
    assert "None" not in text
    assert "nan" not in text.lower().replace("nanjing", "")
    assert "2026-03-31" in text


def test_networkx_reads_files_back(tmp_path):
    net = small_net()
    g = nx.read_graphml(write_graph(net, tmp_path / "n.graphml"), force_multigraph=True)
    assert g.number_of_nodes() == 7 and g.number_of_edges() == 11
    assert g.nodes["U1"]["party_members"] == 3
    assert g.nodes["C1"]["floors"] == "30"  # Street.floors is text, so the key is text everywhere
    h = nx.read_gexf(write_graph(net, tmp_path / "n.gexf"))
    assert h.nodes["U1"]["label"] == "甲公司"
    assert sorted(d["label"] for _, _, d in h.edges(data=True)).count("GUIDES") == 3


def test_export_graph_keys_and_attributes():
    g = to_export_graph(small_net())
    assert sorted(k for _, _, k in g.edges("I1", keys=True)) == ["GUIDES", "GUIDES", "GUIDES#1"]
    assert g.nodes["U1"] == {
        "node_kind": "Unit",
        "name": "甲公司",
        "kind": "enterprise",
        "party_members": 3,
        "tags": '["楼宇", "科技"]',
        "label": "甲公司",
    }
    assert g.nodes["P1"]["term_ends"] == "2026-03-31"
    assert json.loads(g.graph["graphkit"])["schema"]["nodes"]["PartyOrg"]["members"] == "Int64"


def test_pairing_dates_round_trip(tmp_path):
    net = Network.from_records(
        nodes={"OrganBranch": [{"id": "B1", "name": "区财政局机关党支部"}], "PartyOrg": [{"id": "P1"}]},
        rels={"PAIRED_WITH": [{"source": "B1", "target": "P1", "since": "2024-05-01"}]},
    )
    for fmt in FORMATS:
        assert read_graph(write_graph(net, tmp_path / f"p.{fmt}")).equals(net)


def test_unknown_format_and_foreign_file(tmp_path):
    with pytest.raises(GraphkitError, match="cannot tell the format"):
        write_graph(small_net(), tmp_path / "net.txt")
    g = nx.MultiDiGraph()
    g.add_node("x", name="无类型")
    nx.write_graphml(g, tmp_path / "foreign.graphml")
    with pytest.raises(GraphkitError, match=r"foreign\.graphml: node 'x' has no node_kind"):
        read_graph(tmp_path / "foreign.graphml")


def test_phones_masked_unless_asked(tmp_path):
    net = small_net()
    masked = read_graph(write_graph(net, tmp_path / "m.json"))
    assert masked.instructors.loc["I1", "phone"] == "138****5678"
    assert not masked.equals(net)
    assert read_graph(write_graph(net, tmp_path / "raw.json", show_contacts=True)).equals(net)


def test_cli_export(tmp_path):
    from graphkit.cli import main

    ledger = tmp_path / "ledger"
    ledger.mkdir()
    (ledger / "units.csv").write_text("id,name,street\nU1,甲公司,林山寨街道\n", encoding="utf-8")
    (ledger / "instructors.csv").write_text("id,name,phone\nI1,张伟,13812345678\n", encoding="utf-8")
    out = tmp_path / "out.graphml"
    assert main(["export", str(ledger), "--format", "graphml", "--out", str(out)]) == 0
    back = read_graph(out)
    assert back.units.loc["U1", "name"] == "甲公司"
    assert back.instructors.loc["I1", "phone"] == "138****5678"
    assert main(["export", str(ledger), "--out", str(tmp_path / "g.gexf"), "--show-contacts"]) == 0
    assert read_graph(tmp_path / "g.gexf").instructors.loc["I1", "phone"] == "13812345678"
    assert main(["export", str(ledger), "--out", str(tmp_path / "g.txt")]) == 2


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_files_carry_names_as_labels_and_analysis_results_typed(tmp_path, suffix):
    """Gephi/yEd show names and can partition by status and overloaded (issue 13)."""
    import networkx as nx

    from graphkit.analysis import analyze
    from graphkit.settings import Settings

    net = small_net()
    result = analyze(net, settings=Settings(max_contacts_per_instructor=1))
    path = write_graph(result, tmp_path / f"net{suffix}", show_contacts=True)
    g = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
    units = {n: d for n, d in g.nodes(data=True) if d.get("node_kind") == "Unit"}
    assert {d["label"] for d in units.values()} == set(net.units["name"])
    assert {n: d["status"] for n, d in units.items()} == result.coverage["status"].astype(str).to_dict()
    assert g.nodes["I1"]["overloaded"] is bool(result.instructors.loc["I1", "overloaded"])
    assert g.nodes["I1"]["contacts"] == int(result.instructors.loc["I1", "contacts"])
    assert isinstance(g.nodes["I1"]["contacts"], int)
    text = path.read_text(encoding="utf-8")
    assert "networkx_key" not in text and str(tmp_path) not in text
    # the results are not ledger columns: reading back gives the network
    assert read_graph(path).equals(net)
