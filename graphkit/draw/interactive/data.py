"""The data of the interactive page: which nodes are drawn, merged or left out, where, and how.

:func:`page_data` returns one JSON-able dict that the page script reads:
drawn nodes (with position, colour, shape and size), edges between them, the
search index, the detail panel's attributes, and the street, status and kind
lists of the filters and legend.

Within ``max_nodes``, nodes other than units keep at most nine tenths of the
places (streets, stations, departments and instructors first, then the most
linked); the other nodes are left out. Units beyond the rest are merged into
one summary node per street and status, own-organisation units first.

Examples
--------
>>> import graphkit as gk
>>> from graphkit.draw.inputs import coverage_of
>>> net = gk.datasets.tiny()
>>> data = page_data(net, coverage_of(net), show_contacts=False, max_nodes=20)
>>> data["total"], data["merged"], data["leftOut"]
(27, 7, 0)

"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from graphkit.draw.interactive.positions import NodePositions, node_streets
from graphkit.draw.layout import layout_by_street
from graphkit.draw.style import KIND_COLORS, KIND_LABELS, REL_LABELS, STATUS_COLORS, STATUS_LABELS, STATUSES
from graphkit.export import clean_column
from graphkit.i18n import column_label, translate_values
from graphkit.kernels import isin
from graphkit.model import Network, short_names
from graphkit.privacy import mask_contacts

__all__ = ["MAX_INDEX", "NO_STREET", "first_ranked", "page_data", "street_groups", "summary_ids"]

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
#: The street of a node without one, in summary ids and the ``street`` field.
NO_STREET = "—"
#: Most nodes the page lists for search and details; beyond it only drawn nodes are listed.
MAX_INDEX = 60_000


def page_data(net: Network, cov: pd.DataFrame, *, show_contacts: bool, max_nodes: int) -> dict[str, Any]:
    """Everything the interactive page shows of ``net``, as one JSON-able dict.

    Parameters
    ----------
    net
        The network; read-only.
    cov
        Its coverage frame (``status`` of every unit).
    show_contacts
        Show phone numbers unmasked in the details.
    max_nodes
        Most nodes drawn (at least 1).

    Returns
    -------
    dict
        ``nodes`` and ``edges`` as drawn, ``index`` (every node while there are
        at most :data:`MAX_INDEX`, else the drawn ones; ``searchAll`` says
        which), ``details``, ``streets``, ``statuses``, ``kinds``,
        ``kindLabels``, ``statusLabels``, and the counts ``merged``,
        ``leftOut``, ``drawn``, ``total`` and ``units``.

    Notes
    -----
    O(N log N + R) for N nodes and R relationships, plus the spring layouts
    of :func:`layout_by_street` for the drawn nodes.

    """
    p = NodePositions(net)
    street_pos = node_streets(p)

    def street(at: np.ndarray) -> np.ndarray:  # the street ids of these positions, NO_STREET for none
        out = np.full(len(at), NO_STREET, dtype=object)
        where = street_pos[at]
        out[where >= 0] = p.ids[where[where >= 0]]
        return out

    status = _unit_status(p, cov)
    is_street = p.is_kind("Street")
    street_names = pd.Series(p.name_of(np.flatnonzero(is_street)), index=p.ids[is_street])

    others, left_out = _kept_others(p, max_nodes)
    merged = _merged_units(p, status, max(max_nodes - len(others), 0))
    drawn_mask = np.ones(len(p), dtype=bool)
    drawn_mask[merged] = False
    drawn_mask[left_out] = False
    drawn = np.flatnonzero(drawn_mask)

    nodes, rep, rep_id = _drawn_nodes(p, drawn, merged, street_pos, street, status, street_names)
    links = _links(p, rep, nodes)
    _place_and_style(nodes, links)
    groups = street_groups(p, street_pos, status, nodes)
    # the search index lists every node, drawn or merged, up to MAX_INDEX (then the drawn ones)
    listed = np.arange(len(p)) if len(p) <= MAX_INDEX else drawn
    index = pd.DataFrame(
        {
            "id": p.ids[listed],
            "name": p.name_of(listed),
            "at": rep_id[listed],
            "kind": p.kinds[listed],
            "street": street(listed),
            "status": status[listed],
        }
    )
    streets_used = sorted(
        p.ids[np.unique(street_pos[street_pos >= 0])].tolist(),
        key=lambda s: (str(street_names.get(s, s)), str(s)),
    )
    present = set(p.kinds.tolist())
    everything = len(listed) == len(p)
    return {
        "nodes": _records(nodes.drop(columns=["count"])),
        "groups": groups,
        "edges": _records(links.assign(label=links["type"].map(REL_LABELS))),
        "index": _records(index),
        "details": _details(net, show_contacts, None if everything else pd.Index(p.ids[listed])),
        "searchAll": everything,
        "streets": [[s, str(street_names.get(s, s))] for s in streets_used],
        "statuses": [[s, STATUS_LABELS[s], STATUS_COLORS[s]] for s in STATUSES],
        "kinds": [[k, KIND_LABELS[k], KIND_COLORS[k]] for k in KIND_LABELS if k != "Unit" and k in present],
        "kindLabels": KIND_LABELS | {"Summary": "汇总节点"},
        "statusLabels": STATUS_LABELS,
        "merged": len(merged),
        "leftOut": len(left_out),
        "drawn": len(nodes),
        "total": len(p),
        "units": int(p.is_kind("Unit").sum()),
    }


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def _unit_status(p: NodePositions, cov: pd.DataFrame) -> np.ndarray:
    """Coverage status at every position: the unit's status, ``None`` for other nodes and unknown units."""
    status = np.full(len(p), None, dtype=object)
    if "Unit" in p.offset:
        start = p.offset["Unit"]
        values = cov["status"].reindex(p.index["Unit"]).astype(object).to_numpy()
        status[start : start + len(values)] = np.where(pd.isna(values), None, values)
    return status


def _kept_others(p: NodePositions, max_nodes: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the nodes other than units that are drawn, and of those left out.

    Units keep a tenth of the places (fewer when there are fewer units); beyond
    the rest, the least central kinds and least linked nodes are left out first
    (a city has tens of thousands).
    """
    is_unit = p.is_kind("Unit")
    units = np.flatnonzero(is_unit)
    others = np.flatnonzero(~is_unit)
    cap = max_nodes - min(len(units), max_nodes // 10)
    if len(others) <= cap:
        return others, np.array([], dtype=np.int64)
    degree = np.zeros(len(p), dtype=np.int64)
    for ends in (p.src, p.tgt):
        degree += np.bincount(ends[ends >= 0], minlength=len(p))
    by_kind = np.array([_KEEP_ORDER.get(k, len(_KEEP_ORDER)) for k in p.kind_names], dtype=float)
    prio = by_kind[p.kind_code[others]]
    return first_ranked(prio, -degree[others], p.ids[others], others, cap)


def _merged_units(p: NodePositions, status: np.ndarray, budget: int) -> np.ndarray:
    """Positions of the units merged into summary nodes so that ``budget`` units stay drawn.

    The units most in need of attention stay: uncovered first, then work only,
    joint and own organisation; within a status, the largest ids.
    """
    units = np.flatnonzero(p.is_kind("Unit"))
    if len(units) <= budget:
        return np.array([], dtype=np.int64)
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
    keep = np.zeros(len(p), dtype=bool)
    if kept:
        keep[np.concatenate(kept)] = True
    return units[~keep[units]]


def _drawn_nodes(
    p: NodePositions,
    drawn: np.ndarray,
    merged: np.ndarray,
    street_pos: np.ndarray,
    street: Callable[[np.ndarray], np.ndarray],
    status: np.ndarray,
    street_names: pd.Series,
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """The drawn nodes and summary nodes, and every position's representative among them.

    Returns the node frame (``id``, ``kind``, ``label``, ``street``, ``status``,
    ``count``; drawn nodes first, then summaries), each position's row in it
    (-1 when left out) and its id there (``None`` when left out).
    """
    nodes = pd.DataFrame(
        {
            "id": p.ids[drawn],
            "kind": p.kinds[drawn],
            "label": _short_labels(p.name_of(drawn), p.kinds[drawn]),
            "street": street(drawn),
            "status": status[drawn],
            "count": 1,
        }
    )
    rep = np.full(len(p), -1, dtype=np.int64)
    rep[drawn] = np.arange(len(drawn))
    rep_id = np.full(len(p), None, dtype=object)
    rep_id[drawn] = p.ids[drawn]
    if len(merged):
        codes, uniques = summary_ids(p, street_pos[merged], status[merged])
        rep[merged] = len(drawn) + codes
        rep_id[merged] = uniques[codes]
        first = np.unique(codes, return_index=True)[1]  # each summary's first unit
        agg = pd.DataFrame(
            {
                "id": np.asarray(uniques, dtype=object),
                "street": street(merged[first]),
                "status": status[merged][first],
                "count": np.bincount(codes, minlength=len(uniques)),
            }
        )
        sname = agg["street"].map(street_names).astype(object).fillna("（无街道）")
        agg["label"] = sname + "·" + agg["status"].map(STATUS_LABELS) + " " + agg["count"].astype(str) + "家"
        agg["kind"] = "Summary"
        nodes = pd.concat([nodes, agg[nodes.columns]], ignore_index=True)
    return nodes, rep, rep_id


def _links(p: NodePositions, rep: np.ndarray, nodes: pd.DataFrame) -> pd.DataFrame:
    """Relationships between representatives (``from``, ``to``, ``type``, ``cross`` streets), once each."""
    ok = (p.src >= 0) & (p.tgt >= 0)
    rs = np.where(ok, rep[np.maximum(p.src, 0)], -1)
    rt = np.where(ok, rep[np.maximum(p.tgt, 0)], -1)
    keep = (rs >= 0) & (rt >= 0) & (rs != rt)
    links = pd.DataFrame({"f": rs[keep], "t": rt[keep], "type": p.type_names[p.type_code[keep]]})
    links = links.drop_duplicates(["f", "t", "type"])
    node_ids = nodes["id"].to_numpy(dtype=object)
    node_street = nodes["street"].to_numpy(dtype=object)
    return pd.DataFrame(
        {
            "from": node_ids[links["f"].to_numpy()],
            "to": node_ids[links["t"].to_numpy()],
            "type": links["type"].to_numpy(),
            "cross": node_street[links["f"].to_numpy()] != node_street[links["t"].to_numpy()],
        }
    )


def _short_labels(names: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """``names`` with the place and legal form cut from units' names (kept whole when little would be left).

    Examples
    --------
    >>> _short_labels(np.array(["郑州市中原区航豪物流有限公司", "甲公司", "郑州市委"], dtype=object),
    ...               np.array(["Unit", "Unit", "Department"], dtype=object)).tolist()
    ['航豪物流', '甲公司', '郑州市委']

    """
    out = names.copy()
    units = np.flatnonzero(kinds == "Unit")
    if len(units):
        out[units] = short_names(pd.Series(names[units], dtype=object).astype(str)).to_numpy(dtype=object)
    return out


def street_groups(
    p: NodePositions, street_pos: np.ndarray, status: np.ndarray, nodes: pd.DataFrame
) -> list[dict[str, Any]]:
    """One summary of each street for the first view: its units by status, where it sits, how big.

    Every unit counts (drawn, merged or not); the group sits at the centre of
    its street's drawn nodes, and its radius grows with the square root of its
    units (the largest street's is 1/2.6 of the widest street's spread).
    Nodes without a street form one group ``"grp:—"`` when any is drawn.

    Returns
    -------
    list of dict
        ``id`` (``"grp:<street id>"``), ``street``, ``label`` (street name),
        ``units``, one count per status, ``nodes`` (drawn nodes of the street),
        ``x``, ``y`` and ``size``; ordered like the drawn streets.

    Examples
    --------
    >>> import graphkit as gk
    >>> from graphkit.draw.inputs import coverage_of
    >>> net = gk.datasets.tiny()
    >>> g = page_data(net, coverage_of(net), show_contacts=False, max_nodes=100)["groups"]
    >>> [(x["street"], x["units"], x["uncovered"], x["work_only"]) for x in g]
    [('S1', 8, 0, 2), ('S2', 2, 2, 0), ('—', 0, 0, 0)]

    """
    is_street = p.is_kind("Street")
    streets = np.flatnonzero(is_street)
    units = np.flatnonzero(p.is_kind("Unit"))
    # each unit's street as an index into ``streets`` (len(streets): none); counts per status
    at = np.searchsorted(streets, street_pos[units])
    at = np.where((street_pos[units] >= 0) & (at < len(streets)), at, len(streets))
    codes, uniques = pd.factorize(status[units])
    counts = {s: np.zeros(len(streets) + 1, dtype=np.int64) for s in STATUSES}
    for code, value in enumerate(uniques):
        if value in counts:
            counts[value] = np.bincount(at[codes == code], minlength=len(streets) + 1)
    total = np.bincount(at, minlength=len(streets) + 1)
    members = nodes[nodes["kind"] != "Street"]
    centre = members.groupby("street", sort=False)[["x", "y"]].mean()
    spread = members.groupby("street", sort=False)[["x", "y"]].agg(lambda v: float(v.max() - v.min()))
    width = float(spread.max().max()) if len(spread) else 0.0
    drawn_per = nodes.groupby("street", sort=False).size()
    names = pd.Series(p.name_of(streets), index=p.ids[streets])
    # groups in the order the streets were drawn, the one without a street last
    order = [s for s in pd.unique(nodes["street"]) if s != NO_STREET and s in centre.index]
    if NO_STREET in centre.index:
        order.append(NO_STREET)
    where = {sid: i for i, sid in enumerate(p.ids[streets].tolist())}
    biggest = max([int(total[where.get(s, len(streets))]) for s in order] + [1])
    out = []
    for s in order:
        i = where.get(s, len(streets))
        n = int(total[i])
        out.append(
            {
                "id": f"grp:{s}",
                "street": s,
                "label": str(names.get(s, "")) if s != NO_STREET else "",
                "units": n,
                **{k: int(v[i]) for k, v in counts.items()},
                "nodes": int(drawn_per.get(s, 0)),
                "x": round(float(centre.at[s, "x"]), 1),
                "y": round(float(centre.at[s, "y"]), 1),
                "size": round(float(max(width / 2.6 * np.sqrt(n / biggest), width / 10, 30.0)), 1),
            }
        )
    return out


def _place_and_style(nodes: pd.DataFrame, links: pd.DataFrame) -> None:
    """Add ``x``, ``y`` (by street), ``color``, ``shape`` and ``size`` to ``nodes``, in place."""
    pos = layout_by_street(
        pd.Series(nodes["street"].to_numpy(dtype=object), index=nodes["id"].to_numpy(dtype=object)),
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


def summary_ids(
    p: NodePositions, street_pos: np.ndarray, status: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Summary node of each merged unit, ``"agg:<street id>:<status>"``: codes and the sorted ids.

    The few distinct (street, status) pairs are found with integer keys and only
    they are written out as text.

    Parameters
    ----------
    p
        The network's positions.
    street_pos, status
        Street position (-1: none) and status of each merged unit.

    Returns
    -------
    codes : numpy.ndarray
        Each unit's index into ``ids``.
    ids : numpy.ndarray
        The summary ids, sorted.

    Examples
    --------
    >>> import graphkit as gk
    >>> p = NodePositions(gk.datasets.tiny())
    >>> s1 = int(np.flatnonzero(p.ids == "S1")[0])
    >>> codes, ids = summary_ids(p, np.array([s1, -1, s1]), np.array(["own_org", "own_org", "own_org"]))
    >>> codes.tolist(), ids.tolist()
    ([0, 1, 0], ['agg:S1:own_org', 'agg:—:own_org'])

    """
    status_codes, statuses = pd.factorize(status)
    if (status_codes < 0).any():  # a unit without a status: the text way, which keeps it apart
        text = "agg:" + pd.Series(np.where(street_pos >= 0, p.ids[street_pos], NO_STREET)).astype(str)
        codes, uniques = pd.factorize(text + ":" + pd.Series(status).astype(str), sort=True)
        return codes, np.asarray(uniques, dtype=object)
    width = max(len(statuses), 1)
    # number the streets present by position (a counting pass, no sort of the units), then
    # the (street, status) pairs present, in the order of (street position, status code)
    present = np.zeros(len(p) + 1, dtype=bool)
    present[street_pos + 1] = True
    street_rank = np.cumsum(present, dtype=np.int64) - 1
    pair = street_rank[street_pos + 1] * width + status_codes
    counts = np.bincount(pair, minlength=1)
    used = np.flatnonzero(counts)
    slot = np.zeros(len(counts), dtype=np.int64)
    slot[used] = np.arange(len(used))
    inverse = slot[pair]
    street_of = (np.flatnonzero(present) - 1)[used // width]
    names = np.array(
        [
            f"agg:{p.ids[s] if s >= 0 else NO_STREET}:{statuses[c]}"
            for s, c in zip(street_of.tolist(), (used % width).tolist(), strict=True)
        ],
        dtype=object,
    )
    order = np.argsort(names, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[inverse.ravel()], names[order]


def first_ranked(
    prio: np.ndarray, rank: np.ndarray, ids: np.ndarray, positions: np.ndarray, cap: int
) -> tuple[np.ndarray, np.ndarray]:
    """The ``cap`` first ``positions`` by ``(prio, rank, id)``, and the rest; each sorted by position.

    Only which are first matters, not their order: the integer keys decide all
    but the nodes that tie with the last one kept, and only those are ordered
    by id (a stable sort of every id of a city's organisations is what this saves).
    O(n log n) in the integer keys, plus a sort of the tied ids.

    Examples
    --------
    >>> kept, rest = first_ranked(np.array([1.0, 0.0, 0.0]), np.array([0, -2, -2]),
    ...                           np.array(["a", "c", "b"], dtype=object), np.array([10, 11, 12]), 1)
    >>> kept.tolist(), rest.tolist()
    ([12], [10, 11])

    """
    order = np.lexsort((rank, prio))
    last_prio, last_rank = prio[order[cap - 1]], rank[order[cap - 1]]
    before = (prio < last_prio) | ((prio == last_prio) & (rank < last_rank))
    tie = np.flatnonzero((prio == last_prio) & (rank == last_rank))
    by_id = pd.Series(ids[tie], dtype=object).sort_values(kind="stable").index.to_numpy()
    keep = before.copy()
    keep[tie[by_id[: cap - int(before.sum())]]] = True
    return np.sort(positions[keep]), np.sort(positions[~keep])
