import datetime as dt

import networkx as nx
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
    assert g.nodes["U1"] == {"label": "Unit", "name": "甲公司", "kind": "enterprise", "party_members": 2}
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
