"""Node positions that keep each street together, for the interactive page.

:func:`layout_by_street` lays every group (street) out on its own with a seeded
spring layout and places the groups on a grid, largest first.
:func:`spring_layout` is networkx's spring layout for small groups, number for
number, without building a networkx graph per street.

Examples
--------
>>> pos = layout_by_street(pd.Series(["S1", "S1"], index=["a", "b"]),
...                        pd.DataFrame({"source": ["a"], "target": ["b"]}))
>>> pos.index.tolist(), pos.columns.tolist()
(['a', 'b'], ['x', 'y'])

"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["DENSE_LAYOUT", "layout_by_street", "spring_layout"]

#: Groups smaller than this are laid out by :func:`spring_layout` (networkx's dense method);
#: larger ones by networkx itself, which switches to its sparse energy method there.
DENSE_LAYOUT = 500


def layout_by_street(
    groups: pd.Series, edges: pd.DataFrame, *, spacing: float = 35.0, seed: int = 1
) -> pd.DataFrame:
    """Positions that keep each group (street) together.

    Each group is laid out with a seeded spring layout of its own edges, scaled
    with the square root of its size, and the groups are placed on a grid,
    largest first. A node whose id is its group's (the street node) sits
    above its group as a title.

    Parameters
    ----------
    groups
        Group (street id) of every node, indexed by node id.
    edges
        ``source``/``target`` pairs; edges between groups are ignored.
    spacing
        Pixels per square root of a group's node count.
    seed
        Seed of the spring layouts (the result is deterministic).

    Returns
    -------
    pandas.DataFrame
        ``x`` and ``y`` in pixels, indexed like ``groups``.

    Notes
    -----
    A group of *n* nodes costs O(n²) per spring iteration below
    :data:`DENSE_LAYOUT` nodes (30 iterations), networkx's sparse method above;
    grouping the nodes and edges costs O(N log N) for N nodes and edges.

    Examples
    --------
    >>> pos = layout_by_street(pd.Series(["S1", "S1", "S2"], index=["a", "b", "c"]),
    ...                        pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> pos.shape
    (3, 2)

    """
    sizes = groups.value_counts()
    order = sizes.index.tolist()
    radius = {g: spacing * math.sqrt(n) for g, n in sizes.items()}
    cell = 2.3 * max(radius.values()) if len(radius) else 1.0
    cols = max(1, math.ceil(math.sqrt(len(order))))
    # integer codes: each node's group, each edge's ends; members and edges sorted by group, stably
    ids = groups.index
    code = pd.Index(order).get_indexer(groups)
    src = ids.get_indexer(edges["source"]) if len(edges) else np.array([], dtype=np.int64)
    tgt = ids.get_indexer(edges["target"]) if len(edges) else np.array([], dtype=np.int64)
    known = (src >= 0) & (tgt >= 0)
    same = np.flatnonzero(
        known & (code[np.maximum(src, 0)] == code[np.maximum(tgt, 0)]) & (code[np.maximum(src, 0)] >= 0)
    )
    member_order = np.argsort(code, kind="stable")
    member_bounds = np.searchsorted(code[member_order], np.arange(len(order) + 1))
    edge_order = same[np.argsort(code[src[same]], kind="stable")]
    edge_bounds = np.searchsorted(code[src[edge_order]], np.arange(len(order) + 1))
    x = np.full(len(ids), np.nan)
    y = np.full(len(ids), np.nan)
    title = ids.get_indexer(order) if len(order) else np.array([], dtype=np.int64)
    # each node's place among its group's members (what a group's adjacency matrix is indexed by)
    local = np.empty(len(ids), dtype=np.int64)
    local[member_order] = np.arange(len(ids)) - np.repeat(member_bounds[:-1], np.diff(member_bounds))
    unique_ids = ids.is_unique
    for k, group in enumerate(order):
        at = member_order[member_bounds[k] : member_bounds[k + 1]]
        ends = edge_order[edge_bounds[k] : edge_bounds[k + 1]]
        if len(at) == 1:
            xy = np.zeros((1, 2))
        else:
            if len(at) < DENSE_LAYOUT and unique_ids:
                adjacency = np.zeros((len(at), len(at)))
                adjacency[local[src[ends]], local[tgt[ends]]] = 1.0
                adjacency[local[tgt[ends]], local[src[ends]]] = 1.0
                xy = spring_layout(adjacency, seed=seed, iterations=30)
            else:
                xy = _networkx_spring_layout(ids[at], ids[src[ends]], ids[tgt[ends]], seed=seed)
            xy -= xy.mean(axis=0)
            xy /= max(float(np.abs(xy).max()), 1e-9)
        cx, cy = (k % cols) * cell, (k // cols) * cell
        r = radius[group]
        x[at] = cx + xy[:, 0] * r
        y[at] = cy + xy[:, 1] * r
        if title[k] >= 0 and code[title[k]] == k:  # the street itself titles its group, above it
            x[title[k]], y[title[k]] = cx, cy - r - 80.0
    return pd.DataFrame({"x": x, "y": y}, index=ids)


def spring_layout(adjacency: np.ndarray, *, seed: int, iterations: int) -> np.ndarray:
    """``networkx.spring_layout(g, seed=seed, iterations=iterations)`` of a graph of fewer than 500 nodes.

    The same arithmetic as networkx 3's dense Fruchterman-Reingold method
    (``_fruchterman_reingold`` then ``rescale_layout``; BSD-3-Clause), given
    the graph's adjacency matrix in node order, so the positions are the same
    numbers; without building a networkx graph per street (a city has hundreds
    of streets) or importing networkx at all.

    Parameters
    ----------
    adjacency
        Symmetric adjacency matrix of the graph's *n* nodes (1.0 where linked).
    seed
        Seed of the initial random positions.
    iterations
        Most Fruchterman-Reingold steps (fewer when the layout settles).

    Returns
    -------
    numpy.ndarray
        ``(n, 2)`` positions in ``[-1, 1]``, in node order.

    Notes
    -----
    O(n²) time and memory per iteration.

    Examples
    --------
    >>> spring_layout(np.array([[0.0, 1.0], [1.0, 0.0]]), seed=1, iterations=30).shape
    (2, 2)

    """
    nnodes = adjacency.shape[0]
    pos = np.asarray(np.random.RandomState(seed).rand(nnodes, 2), dtype=adjacency.dtype)
    k = np.sqrt(1.0 / nnodes)
    t = max(max(pos.T[0]) - min(pos.T[0]), max(pos.T[1]) - min(pos.T[1])) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        delta = pos[:, np.newaxis, :] - pos[np.newaxis, :, :]
        # np.linalg.norm(..., axis=-1) of two coordinates is sqrt(x*x + y*y), in that order
        distance = np.sqrt(delta[..., 0] * delta[..., 0] + delta[..., 1] * delta[..., 1])
        np.clip(distance, 0.01, None, out=distance)
        displacement = np.einsum("ijk,ij->ik", delta, (k * k / distance**2 - adjacency * distance / k))
        length = np.sqrt(displacement[:, 0] * displacement[:, 0] + displacement[:, 1] * displacement[:, 1])
        length = np.clip(length, a_min=0.01, a_max=None)
        delta_pos = np.einsum("ij,i->ij", displacement, t / length)
        pos += delta_pos
        t -= dt
        if (np.linalg.norm(delta_pos) / nnodes) < 1e-4:
            break
    pos -= pos.mean(axis=0)
    lim = np.abs(pos).max()
    if lim > 0:
        pos *= 1 / lim
    return pos + np.zeros(2)


def _networkx_spring_layout(
    members: pd.Index, sources: pd.Index, targets: pd.Index, *, seed: int
) -> np.ndarray:
    """The networkx spring layout of one group (its nodes in ``members`` order), as an array."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(members)
    g.add_edges_from(zip(sources, targets, strict=True))
    pos = nx.spring_layout(g, seed=seed, iterations=30)
    return np.array([pos[n] for n in members])
