"""The move program: which contacts of overloaded instructors go to whom, with the fewest moves.

:func:`plan_moves` is the optimisation behind
:func:`~graphkit.analysis.proposals.moves.rebalance_instructors`; it works on
the contacts that function prepares and returns concrete moves.
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

#: Stands for an unknown street, which only matches an unknown street.
_NO_STREET = "\0none"


def plan_moves(
    orows: pd.DataFrame,
    *,
    excess: np.ndarray,
    target_contacts: pd.DataFrame,
    spare: pd.Series,
    home: pd.Series,
    contact_street: pd.Series,
) -> pd.DataFrame:
    """Moves of contacts that remove the most excess contacts with the fewest moves.

    Parameters
    ----------
    orows
        The contacts of the overloaded instructors, one row per distinct
        (instructor, target): ``a`` (row number), ``instructor_id``, ``key``
        (the target, unique across kinds), ``target``, ``target_kind``,
        ``street`` and ``o`` (the instructor's position in ``excess``).
    excess
        Each overloaded instructor's contacts above the limit.
    target_contacts
        ``instructor_id, key`` pairs of the instructors that may receive
        contacts (those within the limit).
    spare
        Spare contacts of each receiving instructor, indexed by id.
    home
        Each instructor's street.
    contact_street
        Each target's street, indexed by ``key``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`MOVE_COLUMNS`: the contact ``a`` moved, its instructor
        (``from_id``), the receiving instructor (``to_id``), the target, its
        kind and street.

    Notes
    -----
    Every move takes exactly one contact off its instructor, so the fewest
    moves are as many as the excess they remove, and the moves themselves are
    interchangeable within an (instructor, street) group: the program is
    aggregated. For each overloaded instructor and street, an integer number
    of contacts goes to the same street's pool of spare contacts, or through
    a hub to any other street's pool (a pool only needs its total spare). A
    contact some receiving instructor already has can be handed to that
    instructor for no capacity at all (it still counts once there). This is a
    min-cost flow (supply: each instructor's excess; arcs: instructor → its
    street groups → same-street pool or hub → pools → sink, plus a free arc
    and an "excess left" arc per instructor), so the linear optimum is
    integral and HiGHS proves the integer optimum at the root.

    The objectives are minimised in priority order (each with integer
    costs, the earlier one held at its optimum): first the excess left, then
    ``(2·excess + 1)`` per move plus one point per move across streets, so
    one move fewer always outweighs any number of points.

    **Cost.** One variable per overloaded instructor and street it touches
    and per street pool; a network flow, solved in polynomial time (each
    solve limited to :data:`~graphkit.analysis.proposals.solver.TIME_LIMIT`).
    Preparing and realising the moves are sorts and merges, O(C log C) in
    the contacts involved.

    Examples
    --------
    >>> orows = pd.DataFrame({"a": [0, 1], "instructor_id": "I1", "key": ["Unit:U0", "Unit:U1"],
    ...                       "target": ["U0", "U1"], "target_kind": "Unit", "street": pd.NA, "o": 0})
    >>> plan_moves(orows, excess=np.array([1]),
    ...            target_contacts=pd.DataFrame({"instructor_id": ["I2"], "key": ["Unit:U9"]}),
    ...            spare=pd.Series({"I2": 1}), home=pd.Series({"I1": pd.NA, "I2": pd.NA}, dtype="string"),
    ...            contact_street=pd.Series(dtype="string"))[["a", "from_id", "to_id"]].values.tolist()
    [[0, 'I1', 'I2']]

    """
    free, paid = _split_free(orows, target_contacts, spare, home, contact_street)
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
    program = _program(excess, free_count, paid_groups, pool_spare)
    sol, _ = solve([program.left_cost, program.cost], program.blocks, program.lower, program.upper)
    sol = sol.astype("int64")
    part = program.parts
    return _realise_moves(
        sol[part["z"]],
        sol[part["y"]],
        sol[part["w"]],
        sol[part["v"]],
        free=free,
        paid=paid,
        paid_groups=paid_groups,
        pools=pool_spare.index.to_numpy(),
        pool_key=pool_key,
        spare=spare,
    )


def _split_free(
    orows: pd.DataFrame,
    target_contacts: pd.DataFrame,
    spare: pd.Series,
    home: pd.Series,
    contact_street: pd.Series,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The contacts, split into *free* ones and *paid* ones.

    A contact is free when some receiving instructor already has it
    (``free_to``: the one of the target's street first, then the one with
    most spare contacts, then the smallest id); moving it there uses no
    capacity. Both are sorted by overloaded instructor and target.
    """
    rows = orows.copy()
    best = target_contacts[isin(target_contacts["key"], rows["key"])].rename(
        columns={"instructor_id": "free_to"}
    )
    best = best.assign(
        same=lambda f: lookup(f["free_to"], home).eq(lookup(f["key"], contact_street)).fillna(False),
        spare=lambda f: f["free_to"].map(spare),
    )
    best = best.sort_values(["key", "same", "spare", "free_to"], ascending=[True, False, False, True])
    rows["free_to"] = rows["key"].map(best.drop_duplicates("key").set_index("key")["free_to"])
    rows = rows.sort_values(["o", "key"], kind="stable").reset_index(drop=True)
    return rows[rows["free_to"].notna()], rows[rows["free_to"].isna()]


class _Program(NamedTuple):
    """The move program: two objectives over one vector, its constraint blocks and bounds.

    ``parts`` names the slice of each group of variables: ``z`` free moves
    per overloaded instructor, ``y`` same-street and ``w`` cross-street moves
    per (instructor, street) group, ``v`` hub → pool, ``s`` the excess left
    per instructor.
    """

    left_cost: np.ndarray
    cost: np.ndarray
    blocks: list[Block]
    lower: np.ndarray
    upper: np.ndarray
    parts: dict[str, slice]


def _program(
    excess: np.ndarray, free_count: np.ndarray, paid_groups: pd.DataFrame, pool_spare: pd.Series
) -> _Program:
    """Write the move program down (see :func:`plan_moves` for the model)."""
    pools = pool_spare.index.to_numpy()
    p_pos = pd.Series(np.arange(len(pools)), index=pools)
    g_pool = paid_groups["street"].map(p_pos)
    has_same = g_pool.notna().to_numpy() & (
        pool_spare.reindex(paid_groups["street"]).fillna(0).to_numpy() > 0
    )
    n_o, n_g = len(excess), len(paid_groups)
    part = _layout(z=n_o, y=n_g, w=n_g, v=len(pools), s=n_o)
    n_var = part["s"].stop
    # objectives: first the excess left, then moves (k_move each) plus a point per cross-street move
    k_move = 2 * int(excess.sum()) + 1
    left_cost = np.zeros(n_var)
    left_cost[part["s"]] = 1
    cost = np.zeros(n_var)
    cost[part["z"]] = k_move
    cost[part["y"]] = k_move
    cost[part["w"]] = k_move + 1
    upper = np.zeros(n_var)
    upper[part["z"]] = free_count
    upper[part["y"]] = np.where(has_same, paid_groups["c"].to_numpy(), 0)
    upper[part["w"]] = paid_groups["c"].to_numpy()
    upper[part["v"]] = pool_spare.to_numpy()
    upper[part["s"]] = excess
    blocks = _blocks(part, excess, paid_groups, pool_spare, g_pool[has_same], has_same)
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
) -> list[Block]:
    """The constraint rows of the move program.

    ``same_pool`` is the pool of each (instructor, street) group that has a
    same-street pool with spare contacts (``has_same``).
    """
    off_z, off_y, off_w, off_v, off_s = (part[k].start for k in "zywvs")
    n_o, n_g, n_p = len(excess), len(paid_groups), len(pool_spare)
    go = paid_groups["o"].to_numpy()
    ar_o, ar_g, ar_p = np.arange(n_o), np.arange(n_g), np.arange(n_p)
    return [
        # shed: z + y + w + s >= excess
        (
            np.concatenate([ar_o, go, go, ar_o]),
            np.concatenate([off_z + ar_o, off_y + ar_g, off_w + ar_g, off_s + ar_o]),
            np.ones(2 * n_o + 2 * n_g),
            excess,
            np.inf,
        ),
        # same + cross moves of one group at most its contacts
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
        # pool: same-street contacts + hub contacts within the pool's spare
        (
            np.concatenate([same_pool.to_numpy().astype(int), ar_p]),
            np.concatenate([off_y + ar_g[has_same], off_v + ar_p]),
            np.ones(int(has_same.sum()) + n_p),
            0,
            pool_spare.to_numpy(),
        ),
    ]


def _realise_moves(
    z: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    v: np.ndarray,
    *,
    free: pd.DataFrame,
    paid: pd.DataFrame,
    paid_groups: pd.DataFrame,
    pools: np.ndarray,
    pool_key: pd.Series,
    spare: pd.Series,
) -> pd.DataFrame:
    """Turn the program's counts into concrete (instructor, target) → instructor moves."""
    out = []
    # free moves: the first z contacts of each instructor
    if len(free):
        f = free.assign(k=free.groupby("o").cumcount())
        f = f[f["k"].to_numpy() < z[f["o"].to_numpy()]]
        out.append(pd.DataFrame({"a": f["a"], "from_id": f["instructor_id"], "to_id": f["free_to"]}))
    if len(paid):
        out.append(_pooled_moves(y, w, v, paid, paid_groups, pools, pool_key, spare))
    if not out:
        empty = pd.DataFrame({c: pd.Series(dtype=STRING) for c in MOVE_COLUMNS})
        return empty.astype({"a": "int64"})
    moves = pd.concat(out, ignore_index=True).astype({"from_id": STRING, "to_id": STRING})
    target = pd.concat([free, paid]).drop_duplicates("a").set_index("a")
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
) -> pd.DataFrame:
    """Pooled moves: which contacts, which pool, which instructor in the pool (``a, from_id, to_id``)."""
    p = paid.assign(street=paid["street"].fillna(_NO_STREET))
    p = p.merge(paid_groups.assign(g=np.arange(len(paid_groups))), on=["o", "street"])
    p = p.sort_values(["g", "key"], kind="stable")
    k = p.groupby("g").cumcount().to_numpy()
    gy, gw = y[p["g"].to_numpy()], w[p["g"].to_numpy()]
    same = p[k < gy].assign(pool=lambda f: f["street"])
    cross = p[(k >= gy) & (k < gy + gw)]
    cross = cross.assign(pool=np.repeat(pools, v)[: len(cross)])
    moved = pd.concat([same, cross], ignore_index=True)
    moved["pool"] = moved["pool"].astype(STRING)
    # one slot per spare contact; ``spare`` and ``pool_key`` share one index
    count = spare.to_numpy()
    slots = pd.DataFrame({"to": np.repeat(spare.index.to_numpy(), count)})
    slots["pool"] = pd.array(np.repeat(pool_key.to_numpy(dtype=object), count), dtype=STRING)
    slots["k"] = np.arange(len(slots)) - np.repeat(np.cumsum(count) - count, count)
    slots["spare"] = np.repeat(spare.to_numpy(), count)
    slots = slots.sort_values(["pool", "k", "spare", "to"], ascending=[True, True, False, True])
    slots["n"] = slots.groupby("pool").cumcount()
    moved["n"] = moved.groupby("pool").cumcount()
    moved = moved.merge(slots[["pool", "n", "to"]], on=["pool", "n"], how="left")
    return pd.DataFrame({"a": moved["a"], "from_id": moved["instructor_id"], "to_id": moved["to"]})
