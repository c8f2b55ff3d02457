"""The pairing program: how many organisations of each class pair with branches of each class.

:func:`pairing_flows` solves the transportation problem behind
:func:`~graphkit.analysis.proposals.pairings.propose_pairings` on classes of
interchangeable organisations and branches; that function prepares the
classes and turns the class-to-class counts into concrete pairings.

Examples
--------
>>> oc = pd.DataFrame({"cls": [0, 1], "depts": ["D1", ""], "street": ["S1", "S2"], "supply": [1, 2]})
>>> bc = pd.DataFrame({"cls": [0, 1], "dept": ["D1", "D2"], "street": ["S2", "S2"], "cap": [1, 1]})
>>> od = pd.DataFrame({"cls": [0], "dept": ["D1"]})
>>> pairing_flows(oc, bc, od, big=4).values.tolist()
[[0, 0, 1, False], [1, 1, 1, False]]

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit.analysis.proposals.solver import Block, solve
from graphkit.kernels import isin

__all__ = ["DEPT_SEPARATOR", "PAIR_ARC_BUDGET", "PRESOLVE_MAX_VARS", "pairing_flows"]

#: Joins the supervising departments of an organisation class into its ``depts``.
DEPT_SEPARATOR = "\x1f"

#: Most class pairs the pairing program gives an arc each; above, it routes through transit nodes.
PAIR_ARC_BUDGET = 200_000
#: Largest pairing program given HiGHS' MIP presolve: on a network matrix the linear optimum is
#: already integral, so above this size presolve only costs time.
PRESOLVE_MAX_VARS = 20_000


def pairing_flows(oc: pd.DataFrame, bc: pd.DataFrame, od: pd.DataFrame, *, big: int) -> pd.DataFrame:
    """Optimal class-to-class pairing counts.

    Parameters
    ----------
    oc
        The organisation classes: ``cls`` (0, 1, … in order), ``depts`` (their
        supervising departments joined by :data:`DEPT_SEPARATOR`), ``street`` and
        ``supply`` (organisations in the class).
    bc
        The branch classes: ``cls`` (0, 1, … in order), ``dept``, ``street``
        and ``cap`` (spare pairings of the class's branches).
    od
        Each organisation class's departments, one row per (``cls``, ``dept``).
    big
        The price of a missing department match; larger than the number of
        organisations, so one more department match outweighs any number of
        street matches.

    Returns
    -------
    pandas.DataFrame
        Columns ``cls, cls_b, n, hub``, one row per class pair with ``n > 0``
        pairings; ``hub`` marks the pairs routed through the hub of the
        arc-per-pair program.

    Notes
    -----
    As many pairings as possible (the smaller of supply and capacity) at the
    least cost: a pair costs ``big·(no department match) + (no street
    match)``; any class may pair with any other at ``big + 1``.

    Up to :data:`PAIR_ARC_BUDGET` class pairs sharing a department or a
    street, each such pair gets an arc; above, the program routes through
    transit nodes (one per department and per street), the same optimum with
    O(classes + departments + streets) arcs instead of O(class pairs). Either
    way the constraint matrix is a network matrix, so the linear optimum is
    integral and HiGHS finds it at the root; without presolve above
    :data:`PRESOLVE_MAX_VARS` variables.

    Examples
    --------
    >>> oc = pd.DataFrame({"cls": [0], "depts": [""], "street": ["S1"], "supply": [2]})
    >>> bc = pd.DataFrame({"cls": [0, 1], "dept": ["D1", "D2"], "street": ["S1", "S2"], "cap": [1, 3]})
    >>> od = pd.DataFrame({"cls": pd.Series(dtype="int64"), "dept": pd.Series(dtype="string")})
    >>> pairing_flows(oc, bc, od, big=3).values.tolist()
    [[0, 0, 1, False], [0, 1, 1, True]]

    """
    by_dept = od["dept"].value_counts().mul(bc["dept"].value_counts(), fill_value=0).sum()
    by_street = oc["street"].value_counts().mul(bc["street"].value_counts(), fill_value=0).sum()
    if by_dept + by_street <= PAIR_ARC_BUDGET:
        return _flows_by_pair(oc, bc, od, big=big)
    return _flows_by_transit(oc, bc, od, big=big)


def _flows_by_pair(oc: pd.DataFrame, bc: pd.DataFrame, od: pd.DataFrame, *, big: int) -> pd.DataFrame:
    """:func:`pairing_flows` with one arc per class pair sharing a department or a street, plus a hub."""
    edges = _pair_edges(oc, bc, od, big=big)
    n_e, n_oc, n_bc = len(edges), len(oc), len(bc)
    total = min(int(oc["supply"].sum()), int(bc["cap"].sum()))
    # variables: edges, org class -> hub, hub -> branch class
    off_h, off_k = n_e, n_e + n_oc
    n_var = off_k + n_bc
    cost = np.concatenate([edges["cost"].to_numpy(float), np.full(n_oc, big + 1.0), np.zeros(n_bc)])
    e_o, e_b = edges["cls"].to_numpy(), edges["cls_b"].to_numpy()
    ar_e, ar_o, ar_b = np.arange(n_e), np.arange(n_oc), np.arange(n_bc)
    blocks: list[Block] = [
        (np.concatenate([e_o, ar_o]), np.concatenate([ar_e, off_h + ar_o]), np.ones(n_e + n_oc), 0,
         oc["supply"].to_numpy()),
        (np.concatenate([e_b, ar_b]), np.concatenate([ar_e, off_k + ar_b]), np.ones(n_e + n_bc), 0,
         bc["cap"].to_numpy()),
        (np.zeros(n_oc + n_bc, dtype=int), np.concatenate([off_h + ar_o, off_k + ar_b]),
         np.concatenate([np.ones(n_oc), -np.ones(n_bc)]), 0, 0),
        (np.zeros(n_e + n_oc, dtype=int), np.concatenate([ar_e, off_h + ar_o]), np.ones(n_e + n_oc), total,
         total),
    ]  # fmt: skip
    upper = np.full(n_var, float(total))
    sol = solve([cost], blocks, np.zeros(n_var), upper, presolve=n_var <= PRESOLVE_MAX_VARS)[0]
    sol = sol.astype("int64")
    # the hub's inflow and outflow, paired in class order
    hub_o = np.repeat(ar_o, sol[off_h:off_k])
    hub_b = np.repeat(ar_b, sol[off_k:])
    flows = pd.concat(
        [
            pd.DataFrame({"cls": e_o, "cls_b": e_b, "n": sol[:n_e], "hub": False}),
            pd.DataFrame({"cls": hub_o, "cls_b": hub_b, "n": 1, "hub": True}),
        ]
    )
    flows = flows[flows["n"] > 0].groupby(["cls", "hub", "cls_b"], as_index=False)["n"].sum()
    return flows[["cls", "cls_b", "n", "hub"]]


def _pair_edges(oc: pd.DataFrame, bc: pd.DataFrame, od: pd.DataFrame, *, big: int) -> pd.DataFrame:
    """The class pairs sharing a department or a street, with their ``cost``."""
    by_dept = od.merge(bc[["cls", "dept"]], on="dept", suffixes=("", "_b"))
    by_street = oc[["cls", "street"]].merge(bc[["cls", "street"]], on="street", suffixes=("", "_b"))
    edges = pd.concat([by_dept[["cls", "cls_b"]], by_street[["cls", "cls_b"]]]).drop_duplicates()
    edges = edges.merge(oc[["cls", "depts", "street"]], on="cls").merge(
        bc[["cls", "dept", "street"]].rename(columns={"cls": "cls_b", "street": "street_b"}), on="cls_b"
    )
    dept_match = pd.Series(
        [d in ds.split(DEPT_SEPARATOR) for d, ds in zip(edges["dept"], edges["depts"], strict=True)],
        index=edges.index,
        dtype=bool,
    )
    street_match = edges["street"].eq(edges["street_b"])
    edges["cost"] = big * (~dept_match).astype("int64") + (~street_match).astype("int64")
    return edges.reset_index(drop=True)


def _flows_by_transit(oc: pd.DataFrame, bc: pd.DataFrame, od: pd.DataFrame, *, big: int) -> pd.DataFrame:
    """:func:`pairing_flows` as a min-cost flow through transit nodes.

    Instead of one arc per pair of classes, an organisation class reaches the branches of its street and
    department directly (cost 0), those of one of its departments through that
    department's node (cost 1), those of its street through the street's node
    (cost ``big``) and any branch through a hub (cost ``big + 1``). The cheapest
    route between two classes costs exactly what the pair costs, so the optimum is
    the same; a transit node's inflow and outflow are then paired in class order
    (every such pair can use that node, so it costs no more than the route).
    """
    n_oc, n_bc = len(oc), len(bc)
    streets = pd.Index(pd.unique(bc["street"]))
    depts = pd.Index(pd.unique(bc["dept"]))
    od = od[isin(od["dept"], depts)]
    direct = od.merge(oc[["cls", "street"]], on="cls").merge(
        bc[["cls", "dept", "street"]].rename(columns={"cls": "cls_b"}), on=["dept", "street"]
    )
    o_street = oc[isin(oc["street"], streets)]
    # arcs: (tail kind, tail, head kind, head, cost); node kinds o, b, d (dept), s (street), h (hub)
    arcs = [
        ("o", direct["cls"], "b", direct["cls_b"], 0),
        ("o", od["cls"], "d", depts.get_indexer(od["dept"]), 1),
        ("d", depts.get_indexer(bc["dept"]), "b", bc["cls"], 0),
        ("o", o_street["cls"], "s", streets.get_indexer(o_street["street"]), big),
        ("s", streets.get_indexer(bc["street"]), "b", bc["cls"], 0),
        ("o", oc["cls"], "h", np.zeros(n_oc, dtype=int), big + 1),
        ("h", np.zeros(n_bc, dtype=int), "b", bc["cls"], 0),
    ]
    kinds, tails, heads, costs = [], [], [], []
    for tk, t, hk, h, c in arcs:
        t, h = np.asarray(t, dtype="int64"), np.asarray(h, dtype="int64")
        kinds.append(np.full(len(t), tk + hk))
        tails.append(t)
        heads.append(h)
        costs.append(np.full(len(t), float(c)))
    kind, tail, head = np.concatenate(kinds), np.concatenate(tails), np.concatenate(heads)
    cost = np.concatenate(costs)
    n_var = len(cost)
    sol = solve(
        [cost],
        _transit_blocks(oc, bc, kind, tail, head, n_depts=len(depts), n_streets=len(streets)),
        np.zeros(n_var),
        np.full(n_var, float(min(int(oc["supply"].sum()), int(bc["cap"].sum())))),
        presolve=False,
    )[0]
    return _transit_pairs(sol.astype("int64"), kind, tail, head)


def _transit_blocks(
    oc: pd.DataFrame,
    bc: pd.DataFrame,
    kind: np.ndarray,
    tail: np.ndarray,
    head: np.ndarray,
    *,
    n_depts: int,
    n_streets: int,
) -> list[Block]:
    """Supply, capacity, the total, and conservation at every transit node, over the arcs given."""
    var = np.arange(len(kind))
    total = min(int(oc["supply"].sum()), int(bc["cap"].sum()))
    out_o = np.char.startswith(kind, "o")
    into_b = np.char.endswith(kind, "b")
    blocks: list[Block] = [
        (tail[out_o], var[out_o], np.ones(int(out_o.sum())), 0, oc["supply"].to_numpy()),
        (head[into_b], var[into_b], np.ones(int(into_b.sum())), 0, bc["cap"].to_numpy()),
        (np.zeros(int(out_o.sum()), dtype=int), var[out_o], np.ones(int(out_o.sum())), total, total),
    ]
    # conservation at the transit nodes: inflow − outflow = 0
    for node, n_nodes in (("d", n_depts), ("s", n_streets), ("h", 1)):
        inflow = np.char.endswith(kind, node)
        outflow = np.char.startswith(kind, node)
        blocks.append(
            (
                np.concatenate([head[inflow], tail[outflow]]),
                np.concatenate([var[inflow], var[outflow]]),
                np.concatenate([np.ones(int(inflow.sum())), -np.ones(int(outflow.sum()))]),
                0,
                np.zeros(n_nodes),
            )
        )
    return blocks


def _transit_pairs(sol: np.ndarray, kind: np.ndarray, tail: np.ndarray, head: np.ndarray) -> pd.DataFrame:
    """Class-to-class counts of a transit solution: direct arcs, and each node's flow paired in order."""
    parts = [pd.DataFrame({"cls": tail[kind == "ob"], "cls_b": head[kind == "ob"], "n": sol[kind == "ob"]})]
    for node in ("d", "s", "h"):
        inflow, outflow = kind == "o" + node, kind == node + "b"
        src = pd.DataFrame({"node": head[inflow], "cls": tail[inflow], "n": sol[inflow]})
        dst = pd.DataFrame({"node": tail[outflow], "cls_b": head[outflow], "n": sol[outflow]})
        src = src[src["n"] > 0].sort_values(["node", "cls"])
        dst = dst[dst["n"] > 0].sort_values(["node", "cls_b"])
        units_in = np.repeat(src["cls"].to_numpy(), src["n"].to_numpy())
        units_out = np.repeat(dst["cls_b"].to_numpy(), dst["n"].to_numpy())
        parts.append(pd.DataFrame({"cls": units_in, "cls_b": units_out, "n": 1}))
    flows = pd.concat(parts, ignore_index=True)
    flows = flows[flows["n"] > 0].groupby(["cls", "cls_b"], as_index=False)["n"].sum()
    return flows.assign(hub=False)
