import datetime as dt
import pickle

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import loaders
from graphkit import Network
from graphkit.model import NODE_KINDS, REL_TYPES


@pytest.fixture(scope="module")
def demo() -> Network:
    return loaders.demo_district()


def test_demo_district_round_trips_through_networkx(demo: Network) -> None:
    g = demo.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == sum(len(demo.nodes[k]) for k in NODE_KINDS)
    assert g.number_of_edges() == sum(len(demo.rels[t]) for t in REL_TYPES)
    back = Network.from_networkx(g)
    assert back.equals(demo)
    for kind in NODE_KINDS:
        pd.testing.assert_frame_equal(
            back.nodes[kind].sort_index(), demo.nodes[kind].sort_index()[back.nodes[kind].columns]
        )


def test_node_label_and_unit_kind_do_not_clash() -> None:
    net = Network.from_records(
        nodes={
            "Unit": [{"id": "U1", "name": "甲公司", "kind": "enterprise", "party_members": 2}],
            "Carrier": [{"id": "C1", "name": "锦艺城", "kind": "building"}],
            "PartyOrg": [{"id": "P1", "name": "党支部", "term_ends": dt.date(2027, 1, 1)}],
        },
        rels={"LOCATED_IN": [("U1", "C1")], "PAIRED_WITH": []},
    )
    g = net.to_networkx()
    assert g.nodes["U1"] == {
        "node_kind": "Unit",
        "label": "甲公司",
        "name": "甲公司",
        "kind": "enterprise",
        "party_members": 2,
    }
    assert g.nodes["P1"]["term_ends"] == dt.date(2027, 1, 1)
    assert list(g.edges(keys=True, data=True)) == [("U1", "C1", "LOCATED_IN", {"type": "LOCATED_IN"})]
    assert Network.from_networkx(g).equals(net)


def test_ids_stay_exact_strings() -> None:
    net = Network.from_records(nodes={"Unit": [{"id": "00123"}, {"id": "913502007760496530"}]})
    assert net.units.index.tolist() == ["00123", "913502007760496530"]
    assert str(net.units.index.dtype) == "string"


def test_counts_and_without() -> None:
    net = Network.from_records(
        nodes={"Unit": [{"id": "U1"}, {"id": "U2"}], "Instructor": [{"id": "I1"}]},
        rels={"GUIDES": [("I1", "U1"), ("I1", "U2")]},
    )
    assert net.counts[["Unit", "Instructor", "GUIDES"]].tolist() == [2, 1, 2]
    less = net.without(["U2"])
    assert less.units.index.tolist() == ["U1"]
    assert less.rel("GUIDES")[["source", "target"]].values.tolist() == [["I1", "U1"]]
    assert net.counts["GUIDES"] == 2  # the original is untouched


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown node kinds"):
        Network({"Person": pd.DataFrame({"id": ["x"]})})


def test_copy_and_without_keep_which_tables_the_source_had() -> None:
    net = Network.from_records(nodes={"Unit": [{"id": "U1"}, {"id": "U2"}]})
    assert not net.has_table("positions")
    # a copy must not gain an (empty) positions table: every organisation would lack a position
    assert not net.copy().has_table("positions")
    assert not net.without(["U1"]).has_table("positions")
    assert net.without(["U1"]).units.index.tolist() == ["U2"]


def test_from_networkx_reads_the_older_form_where_label_was_the_kind() -> None:
    net = Network.from_records(
        nodes={"Unit": [{"id": "U1", "name": "甲公司"}], "Street": [{"id": "S1", "name": "林山寨街道"}]},
        rels={"IN_STREET": [("U1", "S1")]},
    )
    g = net.to_networkx()
    for _, data in g.nodes(data=True):  # a graph pickled by an older version
        data["label"] = data.pop("node_kind")
    assert "node_kind" not in g.nodes["U1"]
    assert g.nodes["U1"]["label"] == "Unit"
    assert Network.from_networkx(g).equals(net)


def test_networkx_graph_without_a_known_kind_is_one_clear_error() -> None:
    g = nx.MultiDiGraph()
    g.add_node("U1", label="甲公司")  # a caption, not a kind, and no node_kind
    with pytest.raises(ValueError, match="node 'U1' has no known node_kind"):
        Network.from_networkx(g)


def test_to_networkx_refuses_a_column_named_like_its_node_keys() -> None:
    net = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "甲公司", "label": "x"}]})
    with pytest.raises(ValueError, match="column named 'label'"):
        net.to_networkx()


def test_positions_given_by_a_loader_answer_rel_and_event_positions() -> None:
    nodes = {"Unit": [{"id": "U1"}, {"id": "U2"}], "PartyOrg": [{"id": "P1"}], "Street": [{"id": "S1"}]}
    rels = [("U2", "S1"), ("P1", "S1"), ("U1", "S1")]
    events = {
        "activities": pd.DataFrame({"party_org": ["P1", "P9"], "date": pd.to_datetime(["2026-01-01"] * 2)})
    }
    plain = Network.from_records(nodes=nodes, rels={"IN_STREET": rels}, events=events)
    # deliberately not the true positions, to show that they are the ones answered
    given = {("IN_STREET", "source"): np.array([7, 8, 9]), ("activities", "party_org"): np.array([5, -1])}
    net = Network(plain.nodes, plain.rels, events=plain.events, positions=given)
    assert net.rel_positions("IN_STREET", "source", "Unit").tolist() == [7, -1, 9]
    assert net.rel_positions("IN_STREET", "source", "PartyOrg").tolist() == [-1, 8, -1]
    assert net.rel_positions("IN_STREET", "target", "Street").tolist() == [0, 0, 0]  # not given: looked up
    assert net.event_positions("activities", "party_org", "PartyOrg").tolist() == [5, -1]
    assert net.rel_positions("IN_STREET", "source", "Unit").dtype == np.int64  # products of positions fit
    assert net.event_positions("activities", "party_org", "PartyOrg").dtype == np.int64
    assert net.event_positions("activities", "party_org", "Unit").tolist() == [-1, -1]  # another kind
    assert plain.rel_positions("IN_STREET", "source", "Unit").tolist() == [1, -1, 0]
    assert plain.event_positions("activities", "party_org", "PartyOrg").tolist() == [0, -1]
    # a copy or a pickled network looks the ids up again
    again = pickle.loads(pickle.dumps(net))
    assert again.rel_positions("IN_STREET", "source", "Unit").tolist() == [1, -1, 0]
    assert net.copy().event_positions("activities", "party_org", "PartyOrg").tolist() == [0, -1]
    with pytest.raises(ValueError, match=r"IN_STREET\.source: 2 rows"):
        Network(plain.nodes, plain.rels, positions={("IN_STREET", "source"): np.array([0, 1])})
