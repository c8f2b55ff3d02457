"""The move program: which rows of overloaded instructors go to whom, with the fewest moves.

:func:`plan_moves` is the optimisation behind
:func:`~graphkit.analysis.proposals.moves.rebalance_instructors`; it works on
the rows and reaches that function prepares and returns concrete moves.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from graphkit.analysis.proposals.solver import Block, solve
from graphkit.kernels import isin
from graphkit.model import STRING, lookup

__all__ = ["MOVE_COLUMNS", "plan_moves"]

#: Columns of :func:`plan_moves`.
MOVE_COLUMNS = ["a", "from_id", "to_id", "target", "target_kind", "street"]

#: Most (bundle row, target instructor) candidate pairs the move program enumerates in full.
_CANDIDATE_BUDGET = 20_000
#: Candidate targets per bundle row and street when the budget is exceeded.
_CANDIDATES_PER_STREET = 4
#: Stands for an unknown street, which only matches an unknown street.
_NO_STREET = "\0none"


def plan_moves(
    orows: pd.DataFrame,
    ou: pd.DataFrame,
    *,
    excess: np.ndarray,
    target_reach: pd.DataFrame,
    spare: pd.Series,
    home: pd.Series,
    unit_street: pd.Series,
) -> pd.DataFrame:
    """Moves of assignment rows that remove the most excess reach with the fewest moves.

    Parameters
    ----------
    orows
        The movable rows of the overloaded instructors: ``a`` (row number),
        ``instructor_id``, ``target``, ``target_kind``, ``gain`` (units its
        instructor reaches through it only), ``size`` (its units), ``street``
        and ``o`` (the instructor's position in ``excess``).
    ou
        The units those instructors reach, one row per (row ``a``,
        ``unit_id``).
    excess
        Each overloaded instructor's reach above the limit.
    target_reach
        ``instructor_id, unit_id`` pairs of the instructors that may receive
        rows (those within the limit).
    spare
        Spare reach of each receiving instructor, indexed by id.
    home
        Each instructor's street.
    unit_street
        Each unit's street, indexed by unit id.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MOVE_COLUMNS`: the row ``a`` moved, its instructor
        (``from_id``), the receiving instructor (``to_id``), the row's target,
        its kind and street.

    Notes
    -----
    - Single-unit rows (the common case) are aggregated: for each overloaded
      instructor and street, an integer number of units moved to the same
      street's pool of spare reach, or through a hub to any other street's
      pool (the unit moves themselves are interchangeable, so a pool only
      needs its total spare reach). A unit some receiving instructor
      already reaches can be handed to that instructor for no capacity at all.
      Without carrier or organisation rows this is a min-cost flow in
      disguise (supply: each instructor's excess; arcs: instructor → its
      street groups → same-street pool or hub → pools → sink, plus a free arc
      and an "excess left" arc per instructor), so the linear optimum is
      integral and HiGHS proves the integer optimum at the root; flow
      integrality plus one cost unit per move is what makes the move count
      exact.
    - Rows to carriers and organisations move whole: one binary variable per
      (row, target instructor) with the row's load on that target, and a
      knapsack constraint per target (the units of a building cannot be split
      between instructors by moving one row). Pool totals include these loads,
      so the unit moves still fit.

    The objectives are minimised in priority order (each with integer
    costs, the earlier ones held at their optimum): first the excess left,
    then ``(2·excess + 1)`` per move plus the street and row-size points, so
    one move fewer always outweighs any number of points. HiGHS solves with a
    relative gap of 0.

    Two passes: single-unit rows alone (the flow above, exact), then the full
    program with the multi-unit rows, whose answer is kept only when it is
    strictly better (less excess, or fewer moves/points). Each solve is
    limited to :data:`~graphkit.analysis.proposals.solver.TIME_LIMIT`; a solve
    stopped there keeps its best solution, so on a large district the
    multi-unit pass may be good rather than proved optimal — but never worse
    than the exact single-unit answer. When that answer is the true optimum
    is said in :func:`~graphkit.analysis.proposals.moves.rebalance_instructors`.

    **Cost.** The program has one variable per overloaded instructor and
    street it touches, per street pool and per multi-unit candidate (at most
    20,000 when enumerated in full, else nine per row plus overlaps). The
    single-unit pass is a network flow, solved in polynomial time; the
    multi-unit pass is a knapsack-like integer program, exponential in the
    worst case and bounded by the time limit. Preparing and realising the
    moves are sorts and merges, O(R log R) in the rows and units involved.

    Examples
    --------
    >>> orows = pd.DataFrame({"a": [0, 1], "instructor_id": "I1", "target": ["U0", "U1"],
    ...                       "target_kind": "Unit", "gain": 1, "size": 1, "street": pd.NA, "o": 0})
    >>> ou = pd.DataFrame({"a": [0, 1], "unit_id": ["U0", "U1"]})
    >>> plan_moves(orows, ou, excess=np.array([1]),
    ...            target_reach=pd.DataFrame({"instructor_id": ["I2"], "unit_id": ["U9"]}),
    ...            spare=pd.Series({"I2": 1}), home=pd.Series({"I1": pd.NA, "I2": pd.NA}, dtype="string"),
    ...            unit_street=pd.Series(dtype="string"))[["a", "from_id", "to_id"]].values.tolist()
    [[0, 'I1', 'I2']]

    """
    free, paid = _unit_rows(orows, target_reach, spare, home, unit_street)
    free_count = free.groupby("o").size().reindex(range(len(excess)), fill_value=0).to_numpy()
    paid_groups = (
        paid.assign(street=paid["street"].fillna(_NO_STREET))
        .groupby(["o", "street"])
        .size()
        .rename("c")
        .reset_index()
    )
    pool_key = home.reindex(spare.index).fillna(_NO_STREET)
    pool_spare = spare.groupby(pool_key).sum()
    brows = orows[~orows["target_kind"].eq("Unit")].reset_index(drop=True)
    cands = _bundle_candidates(brows, ou, target_reach, spare, home)
    program = _program(excess, free_count, paid_groups, pool_spare, pool_key, cands, spare)
    sol = _solve_in_two_passes(program, n_over=len(excess), n_cands=len(cands))
    part = program.parts
    return _realise_moves(
        sol[part["z"]],
        sol[part["y"]],
        sol[part["w"]],
        sol[part["v"]],
        sol[part["x"]],
        free=free,
        paid=paid,
        paid_groups=paid_groups,
        pools=pool_spare.index.to_numpy(),
        pool_key=pool_key,
        spare=spare,
        cands=cands,
        brows=brows,
    )


def _unit_rows(
    orows: pd.DataFrame, target_reach: pd.DataFrame, spare: pd.Series, home: pd.Series, unit_street: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The single-unit rows, split into *free* ones and *paid* ones.

    A row is free when some receiving instructor already reaches its unit
    (``free_to``: the one of the unit's street first, then the one with most
    spare reach, then the smallest id); moving it there uses no capacity.
    Both are sorted by overloaded instructor and unit.
    """
    urows = orows[orows["target_kind"].eq("Unit")].copy()
    urows["unit_id"] = urows["target"]
    best = target_reach[isin(target_reach["unit_id"], urows["unit_id"])].rename(
        columns={"instructor_id": "free_to"}
    )
    best = best.assign(
        same=lambda f: lookup(f["free_to"], home).eq(lookup(f["unit_id"], unit_street)).fillna(False),
        spare=lambda f: f["free_to"].map(spare),
    )
    best = best.sort_values(["unit_id", "same", "spare", "free_to"], ascending=[True, False, False, True])
    urows["free_to"] = urows["unit_id"].map(best.drop_duplicates("unit_id").set_index("unit_id")["free_to"])
    urows = urows.sort_values(["o", "unit_id"], kind="stable").reset_index(drop=True)
    return urows[urows["free_to"].notna()], urows[urows["free_to"].isna()]


def _bundle_candidates(
    brows: pd.DataFrame,
    ou: pd.DataFrame,
    t_reach: pd.DataFrame,
    spare: pd.Series,
    home: pd.Series,
) -> pd.DataFrame:
    """(multi-unit row, target) pairs that fit: columns ``b, a, o, gain, to, load, cross``."""
    cols = ["b", "a", "o", "gain", "to", "load", "cross"]
    if brows.empty or spare.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in cols}).astype({"to": STRING})
    b = brows.assign(b=np.arange(len(brows)))
    bu = ou.loc[ou["a"].isin(b["a"]), ["a", "unit_id"]].drop_duplicates()
    overlap = (
        bu.merge(t_reach.rename(columns={"instructor_id": "to"}), on="unit_id")
        .groupby(["a", "to"])
        .size()
        .rename("shared")
        .reset_index()
    )
    order = spare.sort_values(ascending=False, kind="stable")
    sorted_spare = order.to_numpy()
    fits = np.searchsorted(-sorted_spare, -b["size"].to_numpy(), side="right")
    if int(fits.sum()) + len(overlap) <= _CANDIDATE_BUDGET:
        idx = np.repeat(np.arange(len(b)), fits)
        within = np.arange(len(idx)) - np.repeat(np.cumsum(fits) - fits, fits)
        plain = pd.DataFrame({"a": b["a"].to_numpy()[idx], "to": order.index.to_numpy()[within]})
    else:
        t_street = order.index.to_series().map(home).fillna(_NO_STREET).to_numpy()
        b_street = b["street"].fillna(_NO_STREET).to_numpy()
        parts = [_spread(b, b_street == key, order[t_street == key]) for key in np.unique(b_street)]
        parts.append(_spread(b, np.ones(len(b), dtype=bool), order))
        plain = pd.concat(parts, ignore_index=True)
    pairs = pd.concat([plain, overlap[["a", "to"]]], ignore_index=True).drop_duplicates()
    pairs = pairs.merge(overlap, on=["a", "to"], how="left").merge(b, on="a")
    pairs["load"] = pairs["size"] - pairs["shared"].fillna(0).astype("int64")
    pairs = pairs[pairs["load"] <= pairs["to"].map(spare)]
    to_street = pairs["to"].map(home).fillna(_NO_STREET)
    pairs["cross"] = to_street.ne(pairs["street"].fillna(_NO_STREET)).astype("int64")
    pairs = pairs.sort_values(["b", "to"], kind="stable").reset_index(drop=True)
    return pairs[cols].astype({"to": STRING})


def _spread(b: pd.DataFrame, sel: np.ndarray, order: pd.Series) -> pd.DataFrame:
    """A few fitting targets per selected multi-unit row, spread so rows get different ones.

    ``order`` is the targets' spare reach, largest first. The *r*-th row takes
    the fitting targets at positions ``r·C … r·C + C − 1`` (modulo how many
    fit), so rows of one street do not all crowd onto the same instructors.
    """
    rows = b[sel]
    fits = np.searchsorted(-order.to_numpy(), -rows["size"].to_numpy(), side="right")
    keep = fits > 0
    rows, fits = rows[keep], fits[keep]
    per = _CANDIDATES_PER_STREET
    r = np.repeat(np.arange(len(rows)), per)
    k = np.tile(np.arange(per), len(rows))
    pos = (r * per + k) % np.repeat(fits, per)
    out = pd.DataFrame({"a": rows["a"].to_numpy()[r], "to": order.index.to_numpy()[pos]})
    return out.drop_duplicates()


class _Program(NamedTuple):
    """The move program: two objectives over one vector, its constraint blocks and bounds.

    ``parts`` names the slice of each group of variables: ``z`` free unit
    moves per overloaded instructor, ``y`` same-street and ``w`` cross-street
    unit moves per (instructor, street) group, ``v`` hub → pool, ``x`` one per
    multi-unit candidate, ``s`` the excess left per instructor.
    """

    left_cost: np.ndarray
    cost: np.ndarray
    blocks: list[Block]
    lower: np.ndarray
    upper: np.ndarray
    parts: dict[str, slice]


def _program(
    excess: np.ndarray,
    free_count: np.ndarray,
    paid_groups: pd.DataFrame,
    pool_spare: pd.Series,
    pool_key: pd.Series,
    cands: pd.DataFrame,
    spare: pd.Series,
) -> _Program:
    """Write the move program down (see :func:`plan_moves` for the model)."""
    pools = pool_spare.index.to_numpy()
    p_pos = pd.Series(np.arange(len(pools)), index=pools)
    g_pool = paid_groups["street"].map(p_pos)
    has_same = g_pool.notna().to_numpy() & (
        pool_spare.reindex(paid_groups["street"]).fillna(0).to_numpy() > 0
    )
    n_o, n_g = len(excess), len(paid_groups)
    part = _layout(z=n_o, y=n_g, w=n_g, v=len(pools), x=len(cands), s=n_o)
    n_var = part["s"].stop
    # objectives: first the excess left, then moves (k_move each) plus street/size points
    k_move = 2 * int(excess.sum()) + 1
    left_cost = np.zeros(n_var)
    left_cost[part["s"]] = 1
    cost = np.zeros(n_var)
    cost[part["z"]] = k_move
    cost[part["y"]] = k_move
    cost[part["w"]] = k_move + 1
    if len(cands):
        cost[part["x"]] = k_move + 1 + cands["cross"].to_numpy()
    upper = np.zeros(n_var)
    upper[part["z"]] = free_count
    upper[part["y"]] = np.where(has_same, paid_groups["c"].to_numpy(), 0)
    upper[part["w"]] = paid_groups["c"].to_numpy()
    upper[part["v"]] = pool_spare.to_numpy()
    upper[part["x"]] = 1
    upper[part["s"]] = excess
    x_pool = cands["to"].map(pool_key).map(p_pos).to_numpy() if len(cands) else np.zeros(0, dtype=int)
    blocks = _blocks(part, excess, paid_groups, pool_spare, g_pool[has_same], has_same, cands, x_pool, spare)
    return _Program(left_cost, cost, blocks, np.zeros(n_var), upper, part)


def _layout(**sizes: int) -> dict[str, slice]:
    """Consecutive slices of one variable vector, one per group, in the order given."""
    out, start = {}, 0
    for name, size in sizes.items():
        out[name] = slice(start, start + size)
        start += size
    return out


def _blocks(
    part: dict[str, slice],
    excess: np.ndarray,
    paid_groups: pd.DataFrame,
    pool_spare: pd.Series,
    same_pool: pd.Series,
    has_same: np.ndarray,
    cands: pd.DataFrame,
    x_pool: np.ndarray,
    spare: pd.Series,
) -> list[Block]:
    """The constraint rows of the move program.

    ``same_pool`` is the pool of each (instructor, street) group that has a
    same-street pool with spare reach (``has_same``); ``x_pool`` the pool of
    each candidate's target.
    """
    off_z, off_y, off_w, off_v, off_x, off_s = (part[k].start for k in "zywvxs")
    n_o, n_g, n_p, n_x = len(excess), len(paid_groups), len(pool_spare), len(cands)
    go = paid_groups["o"].to_numpy()
    ar_o, ar_g, ar_p, ar_x = np.arange(n_o), np.arange(n_g), np.arange(n_p), np.arange(n_x)
    x_o = cands["o"].to_numpy() if n_x else np.zeros(0, dtype=int)
    x_gain = cands["gain"].to_numpy() if n_x else np.zeros(0)
    x_load = cands["load"].to_numpy() if n_x else np.zeros(0)
    x_row = cands["b"].to_numpy() if n_x else np.zeros(0, dtype=int)
    x_tgt = pd.factorize(cands["to"])[0] if n_x else np.zeros(0, dtype=int)
    t_cap = cands.drop_duplicates("to")["to"].map(spare).to_numpy() if n_x else np.zeros(0)
    return [
        # shed: z + y + w + gain·x + s >= excess
        (
            np.concatenate([ar_o, go, go, x_o, ar_o]),
            np.concatenate([off_z + ar_o, off_y + ar_g, off_w + ar_g, off_x + ar_x, off_s + ar_o]),
            np.concatenate([np.ones(n_o), np.ones(n_g), np.ones(n_g), x_gain, np.ones(n_o)]),
            excess,
            np.inf,
        ),
        # same + cross moves of one group at most its units
        (
            np.concatenate([ar_g, ar_g]),
            np.concatenate([off_y + ar_g, off_w + ar_g]),
            np.ones(2 * n_g),
            0,
            paid_groups["c"].to_numpy(),
        ),
        # hub: everything sent across streets arrives in some pool
        (
            np.zeros(n_g + n_p, dtype=int),
            np.concatenate([off_w + ar_g, off_v + ar_p]),
            np.concatenate([np.ones(n_g), -np.ones(n_p)]),
            0,
            0,
        ),
        # pool: same-street units + hub units + multi-unit loads within the pool's spare
        (
            np.concatenate([same_pool.to_numpy().astype(int), ar_p, x_pool]),
            np.concatenate([off_y + ar_g[has_same], off_v + ar_p, off_x + ar_x]),
            np.concatenate([np.ones(int(has_same.sum())), np.ones(n_p), x_load]),
            0,
            pool_spare.to_numpy(),
        ),
        # target: multi-unit loads within its own spare
        (x_tgt, off_x + ar_x, x_load, 0, t_cap),
        # each multi-unit row moves at most once
        (x_row, off_x + ar_x, np.ones(n_x), 0, 1),
    ]


def _solve_in_two_passes(program: _Program, *, n_over: int, n_cands: int) -> np.ndarray:
    """Single-unit rows alone first, then with the multi-unit rows, kept only when better.

    The first pass is a network flow, solved exactly and fast; the second may
    stop at the time limit, so it is held to the first pass's excess and
    kept only when it improves on it.
    """
    left_cost, cost, blocks, lower, upper, parts = program
    unit_upper = upper.copy()
    unit_upper[parts["x"]] = 0
    sol, _ = solve([left_cost, cost], blocks, lower, unit_upper)
    if n_cands:
        excess_left = np.arange(parts["s"].start, parts["s"].stop)
        bound = (np.zeros(n_over, dtype=int), excess_left, np.ones(n_over), 0, float(left_cost @ sol))
        full, _ = solve([left_cost, cost], [*blocks, bound], lower, upper)
        if (left_cost @ full, cost @ full) < (left_cost @ sol, cost @ sol):
            sol = full
    return sol.astype("int64")


def _realise_moves(
    z: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    v: np.ndarray,
    x: np.ndarray,
    *,
    free: pd.DataFrame,
    paid: pd.DataFrame,
    paid_groups: pd.DataFrame,
    pools: np.ndarray,
    pool_key: pd.Series,
    spare: pd.Series,
    cands: pd.DataFrame,
    brows: pd.DataFrame,
) -> pd.DataFrame:
    """Turn the program's counts into concrete (instructor, target) → instructor moves."""
    out = []
    # free unit moves: the first z units of each instructor
    if len(free):
        f = free.assign(k=free.groupby("o").cumcount())
        f = f[f["k"].to_numpy() < z[f["o"].to_numpy()]]
        out.append(pd.DataFrame({"a": f["a"], "from_id": f["instructor_id"], "to_id": f["free_to"]}))
    # multi-unit rows
    chosen = cands[x.astype(bool)] if len(cands) else cands
    if len(chosen):
        a_of = brows["a"].to_numpy()[chosen["b"].to_numpy()]
        src = brows["instructor_id"].to_numpy()[chosen["b"].to_numpy()]
        out.append(pd.DataFrame({"a": a_of, "from_id": src, "to_id": chosen["to"].to_numpy()}))
    if len(paid):
        out.append(_pooled_moves(y, w, v, paid, paid_groups, pools, pool_key, spare, chosen))
    if not out:
        empty = pd.DataFrame({c: pd.Series(dtype=STRING) for c in MOVE_COLUMNS})
        return empty.astype({"a": "int64"})
    moves = pd.concat(out, ignore_index=True).astype({"from_id": STRING, "to_id": STRING})
    target = pd.concat([free, paid, brows]).drop_duplicates("a").set_index("a")
    moves["target"] = moves["a"].map(target["target"]).astype(STRING)
    moves["target_kind"] = moves["a"].map(target["target_kind"]).astype(STRING)
    moves["street"] = moves["a"].map(target["street"]).astype(STRING)
    return moves


def _pooled_moves(
    y: np.ndarray,
    w: np.ndarray,
    v: np.ndarray,
    paid: pd.DataFrame,
    paid_groups: pd.DataFrame,
    pools: np.ndarray,
    pool_key: pd.Series,
    spare: pd.Series,
    chosen: pd.DataFrame,
) -> pd.DataFrame:
    """Pooled unit moves: which units, which pool, which instructor in the pool (``a, from_id, to_id``).

    ``chosen`` are the multi-unit moves already made, whose loads use up
    spare reach first.
    """
    p = paid.assign(street=paid["street"].fillna(_NO_STREET))
    p = p.merge(paid_groups.assign(g=np.arange(len(paid_groups))), on=["o", "street"])
    p = p.sort_values(["g", "unit_id"], kind="stable")
    k = p.groupby("g").cumcount().to_numpy()
    gy, gw = y[p["g"].to_numpy()], w[p["g"].to_numpy()]
    same = p[k < gy].assign(pool=lambda f: f["street"])
    cross = p[(k >= gy) & (k < gy + gw)]
    cross = cross.assign(pool=np.repeat(pools, v)[: len(cross)])
    moved = pd.concat([same, cross], ignore_index=True)
    moved["pool"] = moved["pool"].astype(STRING)
    used = chosen.groupby("to")["load"].sum() if len(chosen) else pd.Series(dtype="int64")
    left = (spare - used.reindex(spare.index, fill_value=0)).clip(lower=0)
    # one slot per unit of spare reach left; ``left``, ``spare`` and ``pool_key`` share one index
    count = left.to_numpy()
    slots = pd.DataFrame({"to": np.repeat(left.index.to_numpy(), count)})
    slots["pool"] = pd.array(np.repeat(pool_key.to_numpy(dtype=object), count), dtype=STRING)
    slots["k"] = np.arange(len(slots)) - np.repeat(np.cumsum(count) - count, count)
    slots["spare"] = np.repeat(spare.to_numpy(), count)
    slots = slots.sort_values(["pool", "k", "spare", "to"], ascending=[True, True, False, True])
    slots["n"] = slots.groupby("pool").cumcount()
    moved["n"] = moved.groupby("pool").cumcount()
    moved = moved.merge(slots[["pool", "n", "to"]], on=["pool", "n"], how="left")
    return pd.DataFrame({"a": moved["a"], "from_id": moved["instructor_id"], "to_id": moved["to"]})
