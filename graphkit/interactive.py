"""An interactive network diagram in one offline HTML file.

:func:`interactive_html` returns a single self-contained HTML document: the
vis-network library (Apache-2.0/MIT, shipped in :mod:`graphkit.static`), the
data and the page script are all inline, so the file opens from a USB stick
or an intranet share with no network at all. The page offers

- search by name (every unit is found, drawn or not);
- filters by street and by coverage status;
- colour by coverage status for units and by kind for everything else;
- a click on a node shows its details and neighbours.

The layout is computed in Python (street by street, so each street's units,
carriers and organisations sit together) and physics is off, so thousands of
nodes open instantly. Above ``max_nodes`` the units least in need of attention
(own organisation first) are merged into one summary node per street and
status, and the page says so. Phone numbers are masked unless
``show_contacts=True``.

:class:`InteractiveDiagram` wraps the page for Jupyter (``_repr_html_`` shows
it in an ``<iframe srcdoc>``, with no extra package).

Examples
--------
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "U1", "name": "甲公司"}], "Street": [{"id": "S1", "name": "林山寨街道"}]},
...     rels={"IN_STREET": [("U1", "S1")]},
... )
>>> page = interactive_html(net, title="示例", embed_font=False)
>>> page.startswith("<!DOCTYPE html>") and "甲公司" in page and "<title>示例</title>" in page
True

"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from graphkit.draw import (
    KIND_COLORS,
    KIND_LABELS,
    REL_LABELS,
    STATUS_COLORS,
    STATUS_LABELS,
    STATUSES,
    coverage_of,
)
from graphkit.export import clean_column
from graphkit.fonts import font_face
from graphkit.i18n import column_label, translate_values
from graphkit.kernels import isin
from graphkit.model import Network
from graphkit.privacy import mask_contacts

__all__ = ["MAX_INDEX", "InteractiveDiagram", "interactive_html", "layout_by_street", "vis_network_js"]

#: vis-network node shape of each kind.
_SHAPES = {
    "Unit": "dot",
    "Carrier": "diamond",
    "PartyOrg": "triangle",
    "Department": "box",
    "Street": "hexagon",
    "GuidanceStation": "star",
    "Instructor": "square",
    "Liaison": "square",
    "OrganBranch": "triangleDown",
}
_SIZES = {"Unit": 8, "Street": 40, "Carrier": 14, "PartyOrg": 11, "Instructor": 11}
#: Units merged first when the page must stay under ``max_nodes``.
_MERGE_ORDER = {"own_org": 0, "joint_org": 1, "work_only": 2, "uncovered": 3}
_NO_STREET = "—"
#: Which other nodes stay when there are too many to draw, earliest kind first.
_KEEP_ORDER = {
    k: i
    for i, k in enumerate(
        [
            "Street",
            "GuidanceStation",
            "Department",
            "Instructor",
            "Carrier",
            "Liaison",
            "PartyOrg",
            "OrganBranch",
        ]
    )
}
#: Most nodes the page lists for search and details; beyond it only drawn nodes are listed.
MAX_INDEX = 60_000


@cache
def vis_network_js() -> str:
    """The vendored vis-network standalone build (JavaScript text).

    Examples
    --------
    >>> "vis-network" in vis_network_js()[:200]
    True

    """
    return resources.files("graphkit.static").joinpath("vis-network.min.js").read_text(encoding="utf-8")


# ------------------------------------------------------------------ layout
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
            if len(at) < _DENSE_LAYOUT and unique_ids:
                adjacency = np.zeros((len(at), len(at)))
                adjacency[local[src[ends]], local[tgt[ends]]] = 1.0
                adjacency[local[tgt[ends]], local[src[ends]]] = 1.0
                xy = _spring_layout(adjacency, seed=seed, iterations=30)
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


#: Groups smaller than this are laid out by :func:`_spring_layout` (networkx's dense method);
#: larger ones by networkx itself, which switches to its sparse energy method there.
_DENSE_LAYOUT = 500


def _spring_layout(adjacency: np.ndarray, *, seed: int, iterations: int) -> np.ndarray:
    """``networkx.spring_layout(g, seed=seed, iterations=iterations)`` of a graph of fewer than 500 nodes.

    The same arithmetic as networkx 3's dense Fruchterman-Reingold method
    (``_fruchterman_reingold`` then ``rescale_layout``; BSD-3-Clause), given
    the graph's adjacency matrix in node order, so the positions are the same
    numbers; without building a networkx graph per street (a city has hundreds
    of streets) or importing networkx at all.
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


# -------------------------------------------------------------------- data
def _details(net: Network, show_contacts: bool, ids: pd.Index | None) -> list[dict[str, Any]]:
    """Attributes of the nodes ``ids`` (every node when ``None``) for the detail panel.

    One block per node kind, column-wise so that it is made and parsed without a
    loop over nodes: ``{"columns": [label, ...], "index": [id, ...], "data": [[value, ...], ...]}``,
    values labelled for display and ``null`` where missing.
    """
    blocks: list[dict[str, Any]] = []
    for frame in net.nodes.values():
        if ids is not None:
            frame = frame[isin(frame.index, ids)]
        if not len(frame):
            continue
        frame = mask_contacts(frame, show_contacts=show_contacts)
        shown: dict[str, pd.Series] = {}
        for col in frame.columns:
            if col == "name":
                continue
            series = frame[col]
            if pd.api.types.is_datetime64_any_dtype(series.dtype) or series.dtype == object:
                values, _ = clean_column(series)
                series = values.reindex(frame.index)
            series = translate_values(series, col)
            if series.notna().any():
                shown[column_label(col)] = series
        table = pd.DataFrame(shown, index=frame.index.astype(str))
        blocks.append(json.loads(table.to_json(orient="split", force_ascii=False, date_format="iso")))
    return blocks


# ------------------------------------------------------------------ positions
class _Positions:
    """Every node at one integer position (kinds in the network's order), edges as position pairs.

    Working on integer arrays keeps the page cheap at city scale: a million
    units cost a few hash look-ups per relationship, not object frames.
    """

    def __init__(self, net: Network) -> None:
        frames = [(k, f) for k, f in net.nodes.items() if len(f)]
        sizes = [len(f) for _, f in frames]
        self.offset = dict(zip([k for k, _ in frames], np.cumsum([0, *sizes])[:-1].tolist(), strict=True))
        self.index = {k: f.index for k, f in frames}
        self._arrow: dict[str, Any] = {}
        self.kind_names = [k for k, _ in frames]
        self.kind_code = np.repeat(np.arange(len(frames), dtype=np.int16), sizes)
        self.kinds = np.array(self.kind_names, dtype=object)[self.kind_code]
        self.ids = (
            np.concatenate([f.index.to_numpy(dtype=object) for _, f in frames])
            if frames
            else np.array([], dtype=object)
        )
        self._frames = frames
        rels = [(t, f) for t, f in net.rels.items() if len(f)]
        self.type_names = np.array([t for t, _ in rels], dtype=object)
        self.type_code = np.repeat(np.arange(len(rels), dtype=np.int16), [len(f) for _, f in rels])
        self.src = self.tgt = np.array([], dtype=np.int64)
        if rels:
            # every end of every relationship in one look-up per node kind (Arrow builds each
            # kind's hash table once); each column's kinds are dictionary codes, usually one kind
            columns = [(f[c], f[f"{c}_kind"]) for c in ("source", "target") for _, f in rels]
            keys = [(t, c) for c in ("source", "target") for t, _ in rels]
            both = self._locate_all(columns, keys, _known_positions(net))
            self.src, self.tgt = both[: len(self.type_code)], both[len(self.type_code) :]

    def __len__(self) -> int:
        return len(self.ids)

    def name_of(self, positions: np.ndarray) -> np.ndarray:
        """Names of the nodes at ``positions`` (their ids where missing), gathered per kind."""
        positions = np.asarray(positions, dtype=np.int64)
        out = self.ids[positions].copy()
        codes = self.kind_code[positions]
        for code in np.unique(codes):
            kind, frame = self._frames[code]
            at = np.flatnonzero(codes == code)
            if "name" not in frame.columns:
                continue
            names = frame["name"].iloc[positions[at] - self.offset[kind]].astype(object).to_numpy()
            present = ~pd.isna(names)
            out[at[present]] = names[present]
        return out

    def is_kind(self, *kinds: str) -> np.ndarray:
        """Which positions (nodes) are of one of ``kinds``, by integer code."""
        codes = [i for i, k in enumerate(self.kind_names) if k in kinds]
        return np.isin(self.kind_code, codes)

    def type_is(self, rel_type: str) -> np.ndarray:
        """Which relationships are of ``rel_type``, by integer code."""
        codes = np.flatnonzero(self.type_names == rel_type)
        return np.isin(self.type_code, codes)

    def _value_set(self, kind: str) -> Any:

        if kind not in self._arrow:
            self._arrow[kind] = _arrow_text(self.index[kind])
        return self._arrow[kind]

    def _locate_all(
        self,
        columns: list[tuple[pd.Series, pd.Series]],
        keys: list[tuple[str, str]] | None = None,
        known: Callable[[str, str, str], np.ndarray] | None = None,
    ) -> np.ndarray:
        """Positions of the ids of every ``(ids, kinds)`` column pair, one after another; -1 where unknown.

        ``keys`` names each column (relationship type, side); ``known`` gives
        positions the analyses found (see :func:`_known_positions`), used for a
        column whose ends are all of the one kind they were found among.
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        total = sum(len(ids) for ids, _ in columns)
        out = np.full(total, -1, dtype=np.int64)
        pieces: dict[str, list[tuple[Any, np.ndarray | slice]]] = {}
        base = 0
        for j, (ids, kinds) in enumerate(columns):
            kind_values = _arrow_text(kinds)
            bounds = pc.min_max(kind_values).as_py() if len(kind_values) else {"min": None}
            single = (
                kind_values.null_count == 0 and bounds["min"] is not None and bounds["min"] == bounds["max"]
            )
            kind = bounds["min"]
            at = known(*keys[j], kind) if single and keys and known and kind in self.offset else None
            if at is not None:
                at = np.asarray(at, dtype=np.int64)
                out[base : base + len(ids)] = np.where(at >= 0, at + self.offset[kind], -1)
                base += len(ids)
                continue
            values = _arrow_text(ids)
            if single:
                pieces.setdefault(bounds["min"], []).append((values, slice(base, base + len(values))))
            else:
                encoded = pc.dictionary_encode(kind_values)
                names = encoded.dictionary.to_pylist()
                codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False)
                for code, k in enumerate(names):
                    mask = codes == code
                    pieces.setdefault(k, []).append(
                        (values.filter(pa.array(mask)), np.flatnonzero(mask) + base)
                    )
            base += len(values)
        for k, parts in pieces.items():
            if k not in self.index:
                continue
            wanted = pa.concat_arrays([v for v, _ in parts])
            found = pc.index_in(wanted, value_set=self._value_set(k)).fill_null(-1).to_numpy()
            found = np.where(found >= 0, found + self.offset[k], -1)
            start = 0
            for values, where in parts:
                out[where] = found[start : start + len(values)]
                start += len(values)
        return out

    def locate(self, ids: pd.Series, kinds: pd.Series) -> np.ndarray:
        """Positions of ``ids`` of the given node ``kinds``; -1 where unknown (Arrow hash look-ups)."""
        return self._locate_all([(ids, kinds)])


def _known_positions(net: Network) -> Callable[[str, str, str], np.ndarray]:
    """Node positions of one relationship column among one kind's nodes: ``net.rel_positions``.

    The network caches them, so a page drawn after an analysis in the same
    process reuses what the analyses already found instead of hashing those
    ids again.
    """
    return net.rel_positions


def _arrow_text(values: pd.Series | pd.Index) -> Any:
    """``values`` as one Arrow string array (chunks combined)."""
    import pyarrow as pa

    arr = pa.array(values, from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.string())


def _node_streets(p: _Positions) -> np.ndarray:
    """Position of every node's street (-1: none): its own ``IN_STREET``, else its neighbours' most common."""
    street = np.full(len(p), -1, dtype=np.int64)
    is_street = p.is_kind("Street")
    street[is_street] = np.flatnonzero(is_street)
    ok = (p.src >= 0) & (p.tgt >= 0)
    own = ok & p.type_is("IN_STREET")
    own[own] = p.is_kind("Unit", "Carrier", "PartyOrg")[p.src[own]]
    nodes, first = np.unique(p.src[own], return_index=True)  # each node's first IN_STREET
    street[nodes] = p.tgt[own][first]
    # nodes still without a street take the most common street of their neighbours
    src, tgt = (p.src, p.tgt) if ok.all() else (p.src[ok], p.tgt[ok])
    need = (street < 0) & ~is_street
    forward = need[src] & (street[tgt] >= 0)
    backward = need[tgt] & (street[src] >= 0)
    if forward.any() or backward.any():
        votes = pd.DataFrame(
            {
                "node": np.concatenate([src[forward], tgt[backward]]),
                "street": np.concatenate([street[tgt[forward]], street[src[backward]]]),
            }
        )
        votes = votes.groupby(["node", "street"]).size().rename("n").reset_index()
        votes["sid"] = p.ids[votes["street"].to_numpy()].astype(str)
        votes = votes.sort_values(["n", "sid"], ascending=[False, True], kind="stable")
        best = votes.drop_duplicates("node")
        street[best["node"].to_numpy()] = best["street"].to_numpy()
    return street


def _summary_ids(p: _Positions, street_pos: np.ndarray, status: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Summary node of each merged unit, ``"agg:<street id>:<status>"``: codes and the sorted ids.

    The few distinct (street, status) pairs are found with integer keys and only
    they are written out as text.
    """
    status_codes, statuses = pd.factorize(status)
    if (status_codes < 0).any():  # a unit without a status: the text way, which keeps it apart
        text = "agg:" + pd.Series(np.where(street_pos >= 0, p.ids[street_pos], _NO_STREET)).astype(str)
        codes, uniques = pd.factorize(text + ":" + pd.Series(status).astype(str), sort=True)
        return codes, np.asarray(uniques, dtype=object)
    width = max(len(statuses), 1)
    keys, inverse = np.unique((street_pos + 1) * width + status_codes, return_inverse=True)
    street_of = keys // width - 1
    names = np.array(
        [
            f"agg:{p.ids[s] if s >= 0 else _NO_STREET}:{statuses[c]}"
            for s, c in zip(street_of.tolist(), (keys % width).tolist(), strict=True)
        ],
        dtype=object,
    )
    order = np.argsort(names, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[inverse.ravel()], names[order]


def _first_ranked(
    prio: np.ndarray, rank: np.ndarray, ids: np.ndarray, positions: np.ndarray, cap: int
) -> tuple[np.ndarray, np.ndarray]:
    """The ``cap`` first ``positions`` by ``(prio, rank, id)``, and the rest; each sorted by position.

    Only which are first matters, not their order: the integer keys decide all
    but the nodes that tie with the last one kept, and only those are ordered
    by id (a stable sort of every id of a city's organisations is what this saves).
    """
    order = np.lexsort((rank, prio))
    last_prio, last_rank = prio[order[cap - 1]], rank[order[cap - 1]]
    before = (prio < last_prio) | ((prio == last_prio) & (rank < last_rank))
    tie = np.flatnonzero((prio == last_prio) & (rank == last_rank))
    by_id = pd.Series(ids[tie], dtype=object).sort_values(kind="stable").index.to_numpy()
    keep = before.copy()
    keep[tie[by_id[: cap - int(before.sum())]]] = True
    return np.sort(positions[keep]), np.sort(positions[~keep])


def _page_data(net: Network, cov: pd.DataFrame, *, show_contacts: bool, max_nodes: int) -> dict[str, Any]:
    p = _Positions(net)
    n = len(p)
    is_unit = p.is_kind("Unit")
    street_pos = _node_streets(p)
    street = np.full(n, _NO_STREET, dtype=object)
    street[street_pos >= 0] = p.ids[street_pos[street_pos >= 0]]
    status = np.full(n, None, dtype=object)
    if "Unit" in p.offset:
        start = p.offset["Unit"]
        values = cov["status"].reindex(p.index["Unit"]).astype(object).to_numpy()
        status[start : start + len(values)] = np.where(pd.isna(values), None, values)
    is_street = p.is_kind("Street")
    street_names = pd.Series(p.name_of(np.flatnonzero(is_street)), index=p.ids[is_street])

    # --- units keep a tenth of the budget; beyond the rest other nodes are left out, the
    # least central kinds and least linked nodes first (a city has tens of thousands)
    units = np.flatnonzero(is_unit)
    others = np.flatnonzero(~is_unit)
    cap = max_nodes - min(len(units), max_nodes // 10)
    left_out = np.array([], dtype=np.int64)
    if len(others) > cap:
        ends = np.concatenate([p.src, p.tgt])
        degree = np.bincount(ends[ends >= 0], minlength=n)
        prio = pd.Series(p.kinds[others]).map(_KEEP_ORDER).fillna(len(_KEEP_ORDER)).to_numpy()
        others, left_out = _first_ranked(prio, -degree[others], p.ids[others], others, cap)
    budget = max(max_nodes - len(others), 0)
    merged = np.array([], dtype=np.int64)
    if len(units) > budget:
        # keep the `budget` units most in need of attention (uncovered first, then the largest ids)
        codes, uniques = pd.factorize(status[units])  # a few statuses: map those, not a million values
        levels = np.array([_MERGE_ORDER.get(u, 0) for u in uniques] + [0], dtype=float)
        order = levels[codes]  # code -1 (no status) takes the last, 0
        kept: list[np.ndarray] = []
        room = budget
        for level in sorted(set(order.tolist()), reverse=True):
            group = units[order == level]
            if room <= 0:
                break
            if len(group) > room:
                by_id = pd.Series(p.ids[group]).sort_values(kind="stable").index.to_numpy()
                group = group[by_id[len(group) - room :]]
            kept.append(group)
            room -= len(group)
        keep = np.zeros(n, dtype=bool)
        if kept:
            keep[np.concatenate(kept)] = True
        merged = units[~keep[units]]
    drawn_mask = np.ones(n, dtype=bool)
    drawn_mask[merged] = False
    drawn_mask[left_out] = False
    drawn = np.flatnonzero(drawn_mask)

    # --- representative of every node: itself when drawn, its summary node when merged, none when left out
    nodes = pd.DataFrame(
        {
            "id": p.ids[drawn],
            "kind": p.kinds[drawn],
            "label": p.name_of(drawn),
            "street": street[drawn],
            "status": status[drawn],
            "count": 1,
        }
    )
    rep = np.full(n, -1, dtype=np.int64)
    rep[drawn] = np.arange(len(drawn))
    rep_id = np.full(n, None, dtype=object)
    rep_id[drawn] = p.ids[drawn]
    if len(merged):
        codes, uniques = _summary_ids(p, street_pos[merged], status[merged])
        rep[merged] = len(drawn) + codes
        rep_id[merged] = uniques[codes]
        first = np.unique(codes, return_index=True)[1]  # each summary's first unit
        agg = pd.DataFrame(
            {
                "id": np.asarray(uniques, dtype=object),
                "street": street[merged][first],
                "status": status[merged][first],
                "count": np.bincount(codes, minlength=len(uniques)),
            }
        )
        sname = agg["street"].map(street_names).astype(object).fillna("（无街道）")
        agg["label"] = sname + "·" + agg["status"].map(STATUS_LABELS) + " " + agg["count"].astype(str) + "家"
        agg["kind"] = "Summary"
        nodes = pd.concat([nodes, agg[nodes.columns]], ignore_index=True)

    ok = (p.src >= 0) & (p.tgt >= 0)
    rs = np.where(ok, rep[np.maximum(p.src, 0)], -1)
    rt = np.where(ok, rep[np.maximum(p.tgt, 0)], -1)
    keep = (rs >= 0) & (rt >= 0) & (rs != rt)
    links = pd.DataFrame({"f": rs[keep], "t": rt[keep], "type": p.type_names[p.type_code[keep]]})
    links = links.drop_duplicates(["f", "t", "type"])
    node_ids = nodes["id"].to_numpy(dtype=object)
    node_street = nodes["street"].to_numpy(dtype=object)
    links = pd.DataFrame(
        {
            "from": node_ids[links["f"].to_numpy()],
            "to": node_ids[links["t"].to_numpy()],
            "type": links["type"].to_numpy(),
            "cross": node_street[links["f"].to_numpy()] != node_street[links["t"].to_numpy()],
        }
    )
    pos = layout_by_street(
        pd.Series(node_street, index=node_ids),
        # street membership is the grouping already; its star of edges would only crowd the hub
        links[links["type"] != "IN_STREET"].rename(columns={"from": "source", "to": "target"}),
    )
    nodes["x"] = pos["x"].round(1).to_numpy()
    nodes["y"] = pos["y"].round(1).to_numpy()
    unit_like = nodes["kind"].isin(["Unit", "Summary"])
    nodes["color"] = np.where(
        unit_like,
        nodes["status"].map(STATUS_COLORS).fillna(KIND_COLORS["Unit"]),
        nodes["kind"].map(KIND_COLORS).fillna("#999999"),
    )
    nodes["shape"] = nodes["kind"].map(_SHAPES).fillna("dot")
    nodes["size"] = nodes["kind"].map(_SIZES).fillna(9)
    summary = nodes["kind"] == "Summary"
    nodes.loc[summary, "size"] = 8 + 3 * np.sqrt(nodes.loc[summary, "count"].astype(float))

    # the search index lists every node, drawn or merged, up to MAX_INDEX (then the drawn ones)
    listed = np.arange(n) if n <= MAX_INDEX else drawn
    index = pd.DataFrame(
        {
            "id": p.ids[listed],
            "name": p.name_of(listed),
            "at": rep_id[listed],
            "kind": p.kinds[listed],
            "street": street[listed],
            "status": status[listed],
        }
    )
    streets_used = sorted(
        set(street.tolist()) - {_NO_STREET}, key=lambda s: (str(street_names.get(s, s)), str(s))
    )
    present = set(p.kinds.tolist())

    def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
        return json.loads(frame.to_json(orient="records", force_ascii=False))

    return {
        "nodes": records(nodes.drop(columns=["count"])),
        "edges": records(links.assign(label=links["type"].map(REL_LABELS))),
        "index": records(index),
        "details": _details(net, show_contacts, None if len(listed) == n else pd.Index(p.ids[listed])),
        "searchAll": len(listed) == n,
        "streets": [[s, str(street_names.get(s, s))] for s in streets_used],
        "statuses": [[s, STATUS_LABELS[s], STATUS_COLORS[s]] for s in STATUSES],
        "kinds": [[k, KIND_LABELS[k], KIND_COLORS[k]] for k in KIND_LABELS if k != "Unit" and k in present],
        "kindLabels": KIND_LABELS | {"Summary": "汇总节点"},
        "statusLabels": STATUS_LABELS,
        "merged": len(merged),
        "leftOut": len(left_out),
        "drawn": len(nodes),
        "total": n,
        "units": len(units),
    }


# -------------------------------------------------------------------- page
def interactive_html(
    net: Network,
    *,
    coverage: pd.DataFrame | None = None,
    title: str | None = None,
    show_contacts: bool = False,
    max_nodes: int = 3000,
    embed_font: bool = True,
) -> str:
    """One self-contained, offline HTML page exploring ``net``.

    Parameters
    ----------
    net
        The network; read-only.
    coverage
        Precomputed coverage frame (computed with
        :func:`graphkit.analysis.coverage` when absent).
    title
        Page title; default ``"两新组织党建网络"``.
    show_contacts
        Show phone numbers unmasked.
    max_nodes
        Most nodes drawn. Nodes other than units take at most nine tenths of
        it (streets, stations, departments and instructors first, then the
        most linked; the rest are left out); beyond it units are merged into one summary node per
        street and coverage status, own-organisation units first and uncovered
        units last; the page says how many. Search still finds every unit
        while the network has at most :data:`MAX_INDEX` nodes (beyond, only
        drawn nodes are listed, and the page says so).
    embed_font
        Embed the glyphs the page uses from the bundled Noto Sans SC (OFL), so
        Chinese shows even on machines without a Chinese font (adds roughly
        100 bytes per distinct character and about a second of work).

    Returns
    -------
    str
        The HTML document. It references no external URL.

    Notes
    -----
    The page holds about 650 KB of library code, up to a few hundred KB of
    embedded glyphs and roughly 1 KB per node (3.4 MB for the demo district).
    Layout costs a spring layout per street: about a second for 3,000 nodes.

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "甲"}, {"id": "U2", "name": "乙"}]})
    >>> page = interactive_html(net, max_nodes=1, embed_font=False)
    >>> "1家单位合并为汇总节点" in page
    True

    """
    if max_nodes < 1:
        msg = f"interactive_html: max_nodes must be at least 1, got {max_nodes}"
        raise ValueError(msg)
    cov = coverage_of(net) if coverage is None else coverage_of(coverage)
    data = _page_data(net, cov, show_contacts=show_contacts, max_nodes=max_nodes)
    title = title or "两新组织党建网络"
    note = f"共{data['total']}个节点（{data['units']}家单位）"
    if data["merged"]:
        note += (
            f"；为保持流畅，已将{data['merged']}家单位合并为汇总节点（按街道和覆盖状态，单独组建的先合并）"
        )
        note += "，搜索仍可找到每一家" if data["searchAll"] else "，搜索仅限图中节点"
    if data["leftOut"]:
        note += f"；另有{data['leftOut']}个联系较少的组织、载体等节点未画出"
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("</", "<\\/").replace("<!--", "<\\!--")
    fields = {"title": html.escape(title), "note": html.escape(note), "data": payload}
    font = font_face(_TEMPLATE + "".join(fields.values())) if embed_font else ""
    return _TEMPLATE.format(**fields, font=font, vis=vis_network_js())


class InteractiveDiagram:
    """The interactive page as an object that Jupyter displays inline.

    Parameters
    ----------
    net
        The network.
    height
        Height of the inline frame in pixels.
    **kwargs
        Passed on to :func:`interactive_html`.

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "甲公司"}]})
    >>> d = InteractiveDiagram(net, height=400, embed_font=False)
    >>> d._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True

    """

    def __init__(self, net: Network, *, height: int = 650, **kwargs: Any) -> None:
        self.html = interactive_html(net, **kwargs)
        self.height = height

    def _repr_html_(self) -> str:
        """An ``<iframe>`` holding the page (works in Jupyter without extensions)."""
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
            'sandbox="allow-scripts"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (UTF-8) and return the path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html, encoding="utf-8")
        return path


_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="graphkit">
<title>{title}</title>
<style>
{font}
html, body {{ margin: 0; height: 100%; font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC",
  "Noto Sans SC", "WenQuanYi Micro Hei", "graphkit-cjk", sans-serif; font-size: 14px; color: #222; }}
body {{ display: flex; flex-direction: column; }}
header {{ padding: 8px 12px; border-bottom: 1px solid #ddd; display: flex; flex-wrap: wrap; gap: 8px 16px;
  align-items: center; }}
header h1 {{ font-size: 17px; margin: 0; }}
#note {{ color: #555; font-size: 12px; flex-basis: 100%; }}
#main {{ flex: 1; display: flex; min-height: 0; }}
#graph {{ flex: 1; min-width: 0; background: #fff; }}
aside {{ width: 300px; border-left: 1px solid #ddd; padding: 8px 12px; overflow: auto; }}
aside h2 {{ font-size: 15px; margin: 8px 0 4px; }}
#details table {{ border-collapse: collapse; width: 100%; }}
#details td {{ border-bottom: 1px solid #eee; padding: 2px 4px; vertical-align: top; }}
#details td:first-child {{ color: #666; white-space: nowrap; }}
#results div, #neighbours div {{ cursor: pointer; padding: 2px 0; }}
#results div:hover, #neighbours div:hover {{ text-decoration: underline; }}
.swatch {{ display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 4px;
  vertical-align: -1px; }}
.legend span {{ margin-right: 10px; white-space: nowrap; }}
label {{ white-space: nowrap; }}
input, select, button {{ font-family: inherit; font-size: 13px; }}
</style>
</head>
<body>
<header>
  <h1>{title}</h1>
  <form id="search-form"><input id="search" type="search" placeholder="按名称搜索…" size="18">
    <button type="submit">搜索</button></form>
  <label>街道 <select id="street"><option value="">全部街道</option></select></label>
  <span id="status-filters"></span>
  <div id="note">{note}</div>
  <div class="legend" id="legend"></div>
</header>
<div id="main">
  <div id="graph"></div>
  <aside>
    <h2>搜索结果</h2><div id="results">输入名称后回车</div>
    <h2>节点详情</h2><div id="details">点击图中节点查看详情</div>
    <h2>相邻节点</h2><div id="neighbours"></div>
  </aside>
</div>
<script>
{vis}
</script>
<script type="application/json" id="graph-data">{data}</script>
<script>
(function () {{
  "use strict";
  var DATA = JSON.parse(document.getElementById("graph-data").textContent);
  var FACE = "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, Noto Sans SC, graphkit-cjk, sans-serif";
  var byId = {{}};
  DATA.nodes.forEach(function (n) {{ byId[n.id] = n; }});
  var indexById = {{}};
  DATA.index.forEach(function (r) {{ indexById[r.id] = r; }});
  var detailsById = {{}};
  DATA.details.forEach(function (b) {{ b.index.forEach(function (id, i) {{ detailsById[id] = [b, i]; }}); }});
  function el(tag, text) {{
    var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e;
  }}

  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {{
    return {{ id: n.id, label: n.label, x: n.x, y: n.y, shape: n.shape, size: n.size,
      color: {{ background: n.color, border: "#ffffff",
        highlight: {{ background: n.color, border: "#000000" }} }},
      borderWidth: 1, font: {{ size: n.kind === "Street" ? 64 : n.kind === "Summary" ? 20 : 12 }} }};
  }}));
  var edges = new vis.DataSet(DATA.edges.map(function (e, i) {{
    var edge = {{ id: i, from: e.from, to: e.to, title: e.label || e.type }};
    if (e.cross) edge.color = {{ color: "#c8c8c8", opacity: 0.18, highlight: "#333333" }};
    // on a big page the street grouping already shows membership: its star of lines is noise
    if (e.type === "IN_STREET" && DATA.nodes.length > 200) edge.hidden = true;
    return edge;
  }}));
  var network = new vis.Network(document.getElementById("graph"), {{ nodes: nodes, edges: edges }}, {{
    physics: false,
    layout: {{ improvedLayout: false }},
    interaction: {{ hover: true, hideEdgesOnDrag: DATA.edges.length > 3000, tooltipDelay: 150 }},
    nodes: {{ font: {{ face: FACE }},
      scaling: {{ label: {{ drawThreshold: 7 }} }} }},
    edges: {{ smooth: false, width: 0.6, color: {{ color: "#b0b0b0", highlight: "#333333", opacity: 0.7 }},
      selectionWidth: 2 }}
  }});

  // ---------- legend and filters
  var legend = document.getElementById("legend");
  DATA.statuses.forEach(function (s) {{
    var span = el("span"); var sw = el("span"); sw.className = "swatch"; sw.style.background = s[2];
    span.appendChild(sw); span.appendChild(document.createTextNode(s[1])); legend.appendChild(span);
  }});
  DATA.kinds.forEach(function (k) {{
    var span = el("span"); var sw = el("span"); sw.className = "swatch"; sw.style.background = k[2];
    sw.style.borderRadius = "2px"; span.appendChild(sw); span.appendChild(document.createTextNode(k[1]));
    legend.appendChild(span);
  }});
  var streetSel = document.getElementById("street");
  DATA.streets.forEach(function (s) {{
    var o = el("option", s[1]); o.value = s[0]; streetSel.appendChild(o);
  }});
  var statusBox = document.getElementById("status-filters");
  DATA.statuses.forEach(function (s) {{
    var lab = el("label"); var cb = el("input"); cb.type = "checkbox"; cb.checked = true; cb.value = s[0];
    cb.className = "status-filter"; lab.appendChild(cb); lab.appendChild(document.createTextNode(s[1] + " "));
    statusBox.appendChild(lab);
  }});
  function applyFilters() {{
    var street = streetSel.value;
    var shown = {{}};
    document.querySelectorAll(".status-filter").forEach(function (cb) {{ shown[cb.value] = cb.checked; }});
    var updates = DATA.nodes.map(function (n) {{
      var hide = (street !== "" && n.street !== street) ||
        ((n.kind === "Unit" || n.kind === "Summary") && n.status && shown[n.status] === false);
      return {{ id: n.id, hidden: hide }};
    }});
    nodes.update(updates);
    document.body.dataset.visible = String(updates.filter(function (u) {{ return !u.hidden; }}).length);
    if (street !== "") {{
      var ids = updates.filter(function (u) {{ return !u.hidden; }}).map(function (u) {{ return u.id; }});
      network.fit({{ nodes: ids, animation: false }});
    }}
  }}
  streetSel.addEventListener("change", applyFilters);
  statusBox.addEventListener("change", applyFilters);

  // ---------- details
  function streetName(id) {{
    for (var i = 0; i < DATA.streets.length; i++) if (DATA.streets[i][0] === id) return DATA.streets[i][1];
    return "";
  }}
  function showDetails(id) {{
    var rec = indexById[id]; var drawn = byId[id];
    var box = document.getElementById("details"); box.textContent = "";
    var h = el("h3", rec ? rec.name : (drawn ? drawn.label : id));
    h.style.margin = "4px 0"; box.appendChild(h);
    var table = el("table");
    function row(k, v) {{ var tr = el("tr"); tr.appendChild(el("td", k)); tr.appendChild(el("td", String(v)));
      table.appendChild(tr); }}
    var kind = rec ? rec.kind : (drawn ? drawn.kind : "");
    row("节点类型", DATA.kindLabels[kind] || kind);
    row("编号", id);
    var st = rec ? rec.street : (drawn ? drawn.street : "");
    if (streetName(st)) row("街道", streetName(st));
    var status = rec ? rec.status : (drawn ? drawn.status : null);
    if (status) row("覆盖状态", DATA.statusLabels[status] || status);
    var det = detailsById[id];
    if (det) det[0].columns.forEach(function (k, j) {{
      var v = det[0].data[det[1]][j]; if (v !== null && v !== undefined) row(k, v);
    }});
    if (rec && rec.at !== id) row("图中位置", rec.at ? (byId[rec.at] || {{}}).label || rec.at : "未画出");
    box.appendChild(table);
    var nb = document.getElementById("neighbours"); nb.textContent = "";
    var at = rec ? rec.at : id;
    (byId[at] ? network.getConnectedNodes(at) : []).slice(0, 200).forEach(function (other) {{
      var d = el("div", (byId[other] || {{}}).label || other);
      d.addEventListener("click", function () {{ select(other); }}); nb.appendChild(d);
    }});
  }}
  function select(id) {{
    var rec = indexById[id];
    var at = rec ? rec.at : id;
    if (byId[at]) {{
      network.selectNodes([at]);
      network.focus(at, {{ scale: 1.2, animation: false }});
    }}
    showDetails(id);
    document.body.dataset.selected = id;
  }}
  network.on("click", function (p) {{ if (p.nodes.length) {{ showDetails(p.nodes[0]);
    document.body.dataset.selected = p.nodes[0]; }} }});

  // ---------- search
  function search(q) {{
    q = (q || "").trim().toLowerCase();
    var box = document.getElementById("results"); box.textContent = "";
    if (!q) {{ box.textContent = "输入名称后回车"; return []; }}
    var hits = DATA.index.filter(function (r) {{
      return (r.name && r.name.toLowerCase().indexOf(q) >= 0) || r.id.toLowerCase() === q;
    }});
    hits.sort(function (a, b) {{ return (a.name === q ? 0 : 1) - (b.name === q ? 0 : 1) ||
      (a.name || "").length - (b.name || "").length; }});
    if (!hits.length) box.textContent = "未找到";
    hits.slice(0, 50).forEach(function (r) {{
      var d = el("div", r.name + "（" + (DATA.kindLabels[r.kind] || r.kind) + "）");
      d.addEventListener("click", function () {{ select(r.id); }}); box.appendChild(d);
    }});
    if (hits.length > 50) box.appendChild(el("div", "……共" + hits.length + "项"));
    if (hits.length) select(hits[0].id);
    return hits.map(function (r) {{ return r.id; }});
  }}
  document.getElementById("search-form").addEventListener("submit", function (ev) {{
    ev.preventDefault(); search(document.getElementById("search").value);
  }});

  window.graphkit = {{ network: network, nodes: nodes, data: DATA, search: search, select: select,
    applyFilters: applyFilters }};
  network.once("afterDrawing", function () {{ document.body.dataset.ready = "1"; }});
  if (document.fonts && document.fonts.load) {{
    document.fonts.load('12px "graphkit-cjk"', "党").then(function () {{ network.redraw(); }});
  }}
  document.body.dataset.visible = String(DATA.nodes.length);
}})();
</script>
</body>
</html>
"""
