"""Positions by street: pinned numbers, and the same numbers as networkx."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.draw.layout import layout_by_street, spring_layout


def test_layout_keeps_streets_together_exactly():
    groups = pd.Series(["S1", "S1", "S2", "S1", "S2"], index=["a", "b", "c", "S1", "d"])
    edges = pd.DataFrame({"source": ["a", "c", "a", "x"], "target": ["b", "d", "c", "a"]})
    pos = layout_by_street(groups, edges).round(3)
    assert pos.to_dict("list") == {
        "x": [4.415, -11.428, 188.799, 0.0, 90.061],
        "y": [38.13, 22.491, 49.497, -140.622, -49.497],
    }


@settings(max_examples=40, deadline=None)
@given(
    st.integers(2, 40).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))))
    )
)
def test_spring_layout_is_networkx_number_for_number(graph):
    import networkx as nx

    n, edges = graph
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    adjacency = np.zeros((n, n))
    for a, b in edges:
        adjacency[a, b] = adjacency[b, a] = 1.0
    expected = nx.spring_layout(g, seed=1, iterations=30)
    assert np.array_equal(
        spring_layout(adjacency, seed=1, iterations=30), np.array([expected[i] for i in range(n)])
    )


def test_a_street_of_500_nodes_takes_the_networkx_layout():
    import networkx as nx

    ids = [f"n{i:03d}" for i in range(500)]
    edges = pd.DataFrame({"source": ids[:-1], "target": ids[1:]})
    pos = layout_by_street(pd.Series("S1", index=ids), edges, spacing=1.0)
    g = nx.Graph()
    g.add_nodes_from(ids)
    g.add_edges_from(itertools.pairwise(ids))
    expected = nx.spring_layout(g, seed=1, iterations=30)
    xy = np.array([expected[i] for i in ids])
    xy -= xy.mean(axis=0)
    xy /= np.abs(xy).max()
    assert np.array_equal(pos.to_numpy(), xy * np.sqrt(500))
