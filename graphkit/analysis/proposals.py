"""Proposals: instructor moves, new pairings and candidate joint branches.

Three optimisation problems, each solved exactly on the data it is given
(see each function for what "exactly" covers):

- :func:`rebalance_instructors` — which assignment rows (``GUIDES``) to move
  from overloaded instructors to instructors with spare reach, with the fewest
  moves, as a mixed-integer program (HiGHS through :func:`scipy.optimize.milp`);
- :func:`propose_pairings` — which organ branch (机关党支部) each unpaired party
  organisation should pair with, as a transportation problem;
- :func:`propose_joint_branches` — which units without an organisation should
  form a 联合党支部 together, per carrier, as a small integer program.

:func:`proposals` concatenates the three into one frame with the columns of
:data:`PROPOSAL_COLUMNS`; :func:`apply_moves` applies instructor moves to a
network, so their effect can be checked with the ordinary analyses.

Examples
--------
>>> import graphkit.datasets
>>> from graphkit.settings import Settings
>>> p = proposals(graphkit.datasets.tiny())
>>> p[["proposal", "subject_id", "to_id"]].values.tolist()
[['pairing', 'P2', 'OB1'], ['pairing', 'P4', 'OB2']]
>>> p.loc[0, "detail"]
'建议与区教育局机关党支部结对共建（该支部现有结对2个，上限3个）；同一街道'

"""

from __future__ import annotations

import string
from functools import lru_cache

import numpy as np
import pandas as pd

from graphkit.kernels import isin
from graphkit.model import Network, few_positions, lookup, positions
from graphkit.settings import Settings

__all__ = [
    "PROPOSAL_COLUMNS",
    "apply_moves",
    "proposals",
    "propose_joint_branches",
    "propose_pairings",
    "rebalance_instructors",
]

#: Columns of every proposals frame, in order.
PROPOSAL_COLUMNS = [
    "proposal",
    "group",
    "subject_kind",
    "subject_id",
    "subject_name",
    "from_id",
    "from_name",
    "to_id",
    "to_name",
    "street",
    "detail",
]

_STR = "string"
#: Most (bundle row, target instructor) candidate pairs the move program enumerates in full.
_CANDIDATE_BUDGET = 20_000
#: Candidate targets per bundle row and street when the budget is exceeded.
_CANDIDATES_PER_STREET = 4
#: Most class pairs the pairing program gives an arc each; above, it routes through transit nodes.
_PAIR_ARC_BUDGET = 200_000
#: Largest pairing program given HiGHS' MIP presolve: on a network matrix the linear optimum is
#: already integral, so above this size presolve only costs time (7 of 8 s at a million units).
_PRESOLVE_MAX_VARS = 20_000
#: Seconds HiGHS may spend on one program before the best solution found is used.
_TIME_LIMIT = 20.0

_TEXT = {
    "move": {
        "zh": "将联系对象“{subject}”由{src}调整给{dst}：{src}联系单位由{src_before}家减为{src_after}家，"
        "{dst}由{dst_before}家变为{dst_after}家（上限{limit}家）{note}",
        "en": "Move {subject} from {src} to {dst}: {src} then reaches {src_after} units instead of "
        "{src_before}, {dst} {dst_after} instead of {dst_before} (limit {limit}){note}",
    },
    "move_cross": {"zh": "；跨街道调整", "en": "; across streets"},
    "move_shared": {"zh": "；{dst}已联系该对象所含单位", "en": "; {dst} already reaches its units"},
    "pairing": {
        "zh": "建议与{dst}结对共建（该支部现有结对{count}个，上限{limit}个）{note}",
        "en": "Pair with {dst} (now {count} pairing(s), limit {limit}){note}",
    },
    "pairing_dept": {"zh": "；属业务主管部门", "en": "; the supervising department's branch"},
    "pairing_street": {"zh": "；同一街道", "en": "; same street"},
    "joint": {
        "zh": "与{carrier}内另外{others}家单位组建联合党支部，共有正式党员{members}名",
        "en": "Form a joint branch with {others} other unit(s) in {carrier}: {members} full members together",
    },
    "joint_name": {"zh": "{carrier}联合党支部{suffix}", "en": "{carrier} joint branch{suffix}"},
}


# --------------------------------------------------------------------------- helpers


def _mode(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    """Most frequent ``value`` per ``key`` (ties: smallest value); missing values ignored.

    Indexed by ``key`` in sorted order; counted on integer codes.
    """
    f = frame[(frame[key].notna() & frame[value].notna()).to_numpy(dtype=bool)]
    if f.empty:
        return pd.Series(dtype=_STR)
    k_codes, k_uniq = pd.factorize(f[key], sort=True)
    v_codes, v_uniq = pd.factorize(f[value], sort=True)
    n_v = len(v_uniq)
    cells, counts = np.unique(k_codes.astype("int64") * n_v + v_codes, return_counts=True)
    k, v = cells // n_v, cells % n_v
    order = np.lexsort((v, -counts, k))
    first = order[np.r_[True, k[order][1:] != k[order][:-1]]]
    return pd.Series(
        pd.array(np.asarray(v_uniq, dtype=object)[v[first]], dtype=_STR),
        index=pd.Index(np.asarray(k_uniq, dtype=object)[k[first]], name=key, dtype=f[key].dtype),
        name=value,
    )


def _names(net: Network, ids: pd.Series) -> pd.Series:
    """Name of each node id (any kind, the first kind listing it); the id itself when it has no name.

    Looks the few ids up kind by kind, hashing the ids rather than every node's.
    """
    ids = ids.astype(_STR)
    names = np.full(len(ids), None, dtype=object)
    found = np.zeros(len(ids), dtype=bool)
    for frame in net.nodes.values():
        if len(frame) == 0 or found.all():
            continue
        pos = few_positions(ids, frame.index) if len(ids) * 8 < len(frame) else positions(ids, frame.index)
        hit = (pos >= 0) & ~found
        names[hit] = frame["name"].iloc[pos[hit]].to_numpy(dtype=object)
        found |= hit
    return pd.Series(pd.array(names, dtype=_STR), index=ids.index, dtype=_STR).fillna(ids)


def _fill(template: str, **cols: pd.Series | str | int) -> pd.Series:
    """Format ``template`` for aligned Series (vectorised string concatenation)."""
    n = max((len(v) for v in cols.values() if isinstance(v, pd.Series)), default=1)
    index = next((v.index for v in cols.values() if isinstance(v, pd.Series)), pd.RangeIndex(n))
    out = pd.Series("", index=index, dtype=_STR)
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        out = out + literal
        if field is not None:
            value = cols[field]
            out = out + (value.astype(_STR).fillna("") if isinstance(value, pd.Series) else str(value))
    return out


def _empty() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype=_STR) for c in PROPOSAL_COLUMNS})
    out["group"] = out["group"].astype("int64")
    return out


def _frame(**cols: pd.Series | str) -> pd.DataFrame:
    n = max(len(v) for v in cols.values() if isinstance(v, pd.Series))
    data = {}
    for c in PROPOSAL_COLUMNS:
        v = cols.get(c)
        if v is None:
            data[c] = pd.Series([pd.NA] * n, dtype=_STR)
        elif isinstance(v, pd.Series):
            data[c] = v.reset_index(drop=True)
        else:
            data[c] = pd.Series([v] * n, dtype=_STR)
    out = pd.DataFrame(data)
    out = out.astype({c: _STR for c in PROPOSAL_COLUMNS if c != "group"})
    out["group"] = out["group"].astype("int64")
    return out


def _solve(
    costs: list[np.ndarray],
    rows: list[tuple[np.ndarray, np.ndarray, np.ndarray, float, float]],
    lower: np.ndarray,
    upper: np.ndarray,
    *,
    presolve: bool = True,
) -> tuple[np.ndarray, bool]:
    """Minimise integer objectives in priority order over integer ``x`` (HiGHS).

    Each objective of ``costs`` (integer coefficients) is minimised while the
    earlier ones stay at their optimum. ``rows`` holds constraint blocks
    ``(row_ids, col_ids, values, lb, ub)`` sharing one bound per block; row
    ids are local to the block. Returns the solution and whether every stage
    was proved optimal (a stage stopped by the time limit keeps its best
    solution). ``presolve=False`` skips HiGHS' MIP presolve, which only costs
    time on a network matrix (its linear optimum is already integral).
    """
    n = len(lower)
    if n == 0:
        return np.zeros(0), True
    from scipy import sparse  # imported when first needed: a third of a second at start-up
    from scipy.optimize import Bounds, LinearConstraint, milp

    mats, lbs, ubs = [], [], []
    for r, c, v, lb, ub in rows:
        if len(r) == 0:
            continue
        m = int(r.max()) + 1
        mats.append(sparse.csr_array((v, (r, c)), shape=(m, n)))
        lbs.append(np.broadcast_to(np.asarray(lb, dtype=float), (m,)))
        ubs.append(np.broadcast_to(np.asarray(ub, dtype=float), (m,)))
    x = np.zeros(n)
    optimal = True
    for cost in costs:
        constraints = []
        if mats:
            matrix = sparse.vstack(mats).tocsr()
            constraints = [LinearConstraint(matrix, np.concatenate(lbs), np.concatenate(ubs))]
        res = milp(
            cost,
            constraints=constraints,
            bounds=Bounds(lower, upper),
            integrality=np.ones(n),
            options={"time_limit": _TIME_LIMIT, "mip_rel_gap": 0.0, "presolve": presolve},
        )
        if res.x is None:  # pragma: no cover - only on a time-out without any solution
            return x, False
        optimal &= res.status == 0
        x = np.round(res.x)
        mats.append(sparse.csr_array(cost.reshape(1, -1)))
        lbs.append(np.array([-np.inf]))
        ubs.append(np.array([float(cost @ x)]))
    return x, optimal


# ------------------------------------------------------------------ instructor moves
def _assignments(net: Network) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Distinct assignment rows and the units each one reaches.

    Returns ``rows`` (``a, instructor_id, target, target_kind``) and ``units``
    (``a, unit_id, instructor_id``, distinct, plus integer codes ``u`` of the
    unit and ``i`` of the instructor, for counting without hashing text).
    """
    g = net.linked("GUIDES", "Instructor")
    g = g.drop_duplicates(["source", "target"]).reset_index(drop=True)
    rows = pd.DataFrame(
        {
            "a": np.arange(len(g)),
            "instructor_id": g["source"],
            "target": g["target"],
            "target_kind": g["target_kind"],
        }
    )
    parts = [rows.loc[rows["target_kind"].eq("Unit"), ["a", "target"]].rename(columns={"target": "unit_id"})]
    for kind, rel in (("PartyOrg", "COVERED_BY"), ("Carrier", "LOCATED_IN")):
        # repeated member rows only repeat (a, unit) pairs, which the distinct step below drops
        members = net.linked(rel, "Unit", kind)[["source", "target"]]
        sel = rows.loc[rows["target_kind"].eq(kind), ["a", "target"]]
        joined = sel.merge(members, on="target")
        parts.append(joined[["a", "source"]].rename(columns={"source": "unit_id"}))
    units = pd.concat(parts, ignore_index=True)
    u_codes = pd.factorize(units["unit_id"])[0].astype(np.int64)
    a = units["a"].to_numpy()
    keys = a.astype(np.int64) * (int(u_codes.max(initial=0)) + 1) + u_codes
    first = _first_of_each(keys)
    units = units.iloc[first].reset_index(drop=True)
    units["instructor_id"] = rows["instructor_id"].to_numpy()[units["a"].to_numpy()]
    units["u"] = u_codes[first]
    units["i"] = pd.factorize(rows["instructor_id"])[0][units["a"].to_numpy()]
    return rows, units


def _first_of_each(keys: np.ndarray) -> np.ndarray:
    """Positions of the first occurrence of each distinct key, in order (``drop_duplicates``)."""
    _, first = np.unique(keys, return_index=True)
    first.sort()
    return first


def _home_streets(
    net: Network, reach: pd.DataFrame, unit_street: pd.Series, *, reach_street: pd.Series | None = None
) -> pd.Series:
    """Each instructor's street: the street that sent it, else the commonest street it reaches.

    ``reach_street``, when given, is the street of each ``reach`` row's unit.
    """
    sent = net.linked("SENT_BY", "Instructor", "Street").drop_duplicates("source")
    home = sent.set_index("source")["target"]
    if reach_street is None:
        reach_street = lookup(reach["unit_id"], unit_street)
    reached = reach.assign(street=reach_street)
    common = _mode(reached, "instructor_id", "street")
    out = home.reindex(net.instructors.index)
    out = out.fillna(common.reindex(net.instructors.index))
    return out.astype(_STR)


def rebalance_instructors(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """Assignment rows to move from overloaded instructors, with the fewest moves.

    An instructor is overloaded when its reach (distinct units, DESIGN §5)
    exceeds ``max_units_per_instructor`` (*L*). A *move* hands one assignment
    row (instructor → unit, party organisation or carrier; repeated rows count
    once) to another instructor. Only rows of overloaded instructors move, and
    only to instructors whose reach is at most *L*.

    Objective, in this order: (1) remove as much excess reach
    (``reach − L`` over overloaded instructors) as possible — all of it when
    the spare reach of the others allows; (2) use the fewest moves;
    (3) among those, prefer moves that stay in the street and single-unit rows
    over whole carriers or organisations (one point for a move across streets,
    one for a multi-unit row).

    Parameters
    ----------
    net
        The network; read-only. Reads ``GUIDES``, ``COVERED_BY``,
        ``LOCATED_IN``, ``IN_STREET`` and ``SENT_BY``.
    settings
        ``max_units_per_instructor`` is the limit; ``lang`` the detail language.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PROPOSAL_COLUMNS`, one row per move: ``proposal`` is
        ``move_assignment``; ``group`` numbers the overloaded instructors;
        ``subject_*`` is the moved row's target; ``from_*``/``to_*`` the two
        instructors; ``street`` the subject's street; ``detail`` both reaches
        before and after all proposed moves.

    Notes
    -----
    **Model.** A row's *gain* is the number of units its instructor reaches
    through that row only; moving it lowers the instructor's reach by exactly
    that. Its *load* on a target instructor is the number of its units the
    target does not reach yet. Streets: a unit's street is its ``IN_STREET``;
    a carrier's or organisation's row has the commonest street of its units;
    an instructor's street is the street that sent it (``SENT_BY``), else the
    commonest street of the units it reaches. An unknown street only matches
    an unknown street.

    - Single-unit rows (the common case) are aggregated: for each overloaded
      instructor and street, an integer number of units moved to the same
      street's pool of spare reach, or through a hub to any other street's
      pool (the unit moves themselves are interchangeable, so a pool only
      needs its total spare reach). A unit some non-overloaded instructor
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

    Two passes: single-unit rows alone (the flow above, exact and fast), then
    the full program with the multi-unit rows, whose answer is kept only when
    it is strictly better (less excess, or fewer moves/points). Each solve is
    limited to 20 s; a solve stopped there keeps its best solution, so at
    large scale the multi-unit pass may be good rather than proved optimal —
    but never worse than the exact single-unit answer.

    **When the answer is the true optimum.** When the rows of the overloaded
    instructors reach pairwise disjoint sets of units (the usual ledger: each
    unit, building or organisation assigned once) and no solve hits its time
    limit (tested against brute force over every destination of every row).
    When rows overlap, gains and loads are counted conservatively (a unit
    reached twice by moved rows is counted twice), so every proposal is still
    feasible — no instructor is pushed over the limit and no overloaded
    instructor's reach grows — but a cleverer combination may exist. When
    there are more than 20,000 (multi-unit row, fitting target) pairs, each
    multi-unit row considers the instructors already reaching some of its
    units plus four fitting instructors of its street and four of any street,
    chosen so that different rows get different ones.

    A carrier or organisation row with more units than anyone's spare reach
    cannot move; splitting it is not proposed.

    Cost: linear merges over the assignment rows, then the programs, whose
    size grows with the overloaded instructors × the streets they touch plus
    the multi-unit candidates. Measured with 10⁴ instructors, 10⁶ units and
    10⁴ building rows (1,765 overloaded, excess 12,263) on a shared two-core
    machine: 77 s in all — 6 s for the exact single-unit pass, 41 s for the
    multi-unit pass stopped by its time limit, the rest merges; 5,673 moves
    (1,945 of them whole buildings) and nobody left overloaded.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": f"U{i}"} for i in range(4)],
    ...            "Instructor": [{"id": "I1", "name": "张伟"}, {"id": "I2", "name": "李娜"}]},
    ...     rels={"GUIDES": [("I1", "U0"), ("I1", "U1"), ("I1", "U2"), ("I2", "U3")]},
    ... )
    >>> moves = rebalance_instructors(net, settings=Settings(max_units_per_instructor=2))
    >>> moves[["subject_id", "from_id", "to_id"]].values.tolist()
    [['U0', 'I1', 'I2']]
    >>> moves.loc[0, "detail"]
    '将联系对象“U0”由张伟调整给李娜：张伟联系单位由3家减为2家，李娜由1家变为2家（上限2家）'

    """
    settings = settings or Settings()
    limit = settings.max_units_per_instructor
    rows, units = _assignments(net)
    if units.empty:
        return _empty()
    # (instructor, unit) pairs on integer codes: distinct pairs (reach) and repeats (mult)
    pair_keys = units["i"].to_numpy().astype(np.int64) * (int(units["u"].max()) + 1) + units["u"].to_numpy()
    _, pair_of, repeats = np.unique(pair_keys, return_inverse=True, return_counts=True)
    reach = units.loc[_first_of_each(pair_keys), ["instructor_id", "unit_id"]]
    per_code = np.bincount(units["i"].to_numpy()[reach.index.to_numpy()])
    r = pd.Series(per_code, index=pd.factorize(rows["instructor_id"])[1][: len(per_code)])
    r = r.reindex(net.instructors.index, fill_value=0)
    over = r[r > limit]
    if over.empty:
        return _empty()
    # each unit code's street
    u_ids = units.drop_duplicates("u").sort_values("u")["unit_id"]
    unit_street = net.street_of("Unit").astype(_STR)
    street_of_code = lookup(u_ids, unit_street).to_numpy(dtype=object)
    reach_street = pd.Series(
        pd.array(street_of_code[units["u"].to_numpy()[reach.index.to_numpy()]], dtype=_STR), index=reach.index
    )
    home = _home_streets(net, reach, unit_street, reach_street=reach_street)
    targets = r[r <= limit]
    spare = (limit - targets).astype("int64")

    # gain of each row of an overloaded instructor: units reached through it only
    is_over = isin(units["instructor_id"], over.index)
    ou = units[is_over].reset_index(drop=True)
    ou["mult"] = repeats[pair_of[is_over]]
    gain = ou[ou["mult"] == 1].groupby("a").size()
    size = ou.groupby("a").size()
    orows = rows[rows["a"].isin(gain.index)].copy()
    orows["gain"] = orows["a"].map(gain).astype("int64")
    orows["size"] = orows["a"].map(size).astype("int64")
    ou["street"] = pd.array(street_of_code[ou["u"].to_numpy()], dtype=_STR)
    orows["street"] = orows["a"].map(_mode(ou, "a", "street")).astype(_STR)

    o_ids = over.index.to_numpy()
    o_pos = pd.Series(np.arange(len(o_ids)), index=over.index)
    excess = (over - limit).to_numpy()
    orows["o"] = orows["instructor_id"].map(o_pos).astype("int64")
    t_reach = reach[isin(reach["instructor_id"], targets.index)]

    # --- single-unit rows: free (a target reaches the unit) or pooled by street
    urows = orows[orows["target_kind"].eq("Unit")].copy()
    urows["unit_id"] = urows["target"]
    best = t_reach[isin(t_reach["unit_id"], urows["unit_id"])].rename(columns={"instructor_id": "free_to"})
    best = best.assign(
        same=lambda f: lookup(f["free_to"], home).eq(lookup(f["unit_id"], unit_street)).fillna(False),
        spare=lambda f: f["free_to"].map(spare),
    )
    best = best.sort_values(["unit_id", "same", "spare", "free_to"], ascending=[True, False, False, True])
    urows["free_to"] = urows["unit_id"].map(best.drop_duplicates("unit_id").set_index("unit_id")["free_to"])
    urows = urows.sort_values(["o", "unit_id"], kind="stable").reset_index(drop=True)
    free = urows[urows["free_to"].notna()]
    paid = urows[urows["free_to"].isna()]
    free_count = free.groupby("o").size().reindex(range(len(o_ids)), fill_value=0).to_numpy()
    paid_groups = (
        paid.assign(street=paid["street"].fillna("\0none"))
        .groupby(["o", "street"])
        .size()
        .rename("c")
        .reset_index()
    )
    pool_key = home.reindex(targets.index).fillna("\0none")
    pool_spare = spare.groupby(pool_key).sum()
    pools = pool_spare.index.to_numpy()
    p_pos = pd.Series(np.arange(len(pools)), index=pools)

    # --- multi-unit rows: candidates (row, target) with their load
    brows = orows[~orows["target_kind"].eq("Unit")].reset_index(drop=True)
    cands = _bundle_candidates(brows, ou, t_reach, spare, home)

    # --- variables: z (free count per o), y (same-street per group), w (cross per group),
    #     v (hub -> pool), x (row -> target), s (excess left per o)
    n_o, n_g, n_p, n_x = len(o_ids), len(paid_groups), len(pools), len(cands)
    g_pool = paid_groups["street"].map(p_pos)
    has_same = g_pool.notna().to_numpy() & (
        pool_spare.reindex(paid_groups["street"]).fillna(0).to_numpy() > 0
    )
    off_z, off_y, off_w = 0, n_o, n_o + n_g
    off_v, off_x, off_s = off_w + n_g, off_w + n_g + n_p, off_w + n_g + n_p + n_x
    n_var = off_s + n_o
    # objectives: first the excess left, then moves (k_move each) plus street/size points
    k_move = 2 * int(excess.sum()) + 1
    left_cost = np.zeros(n_var)
    left_cost[off_s:] = 1
    cost = np.zeros(n_var)
    cost[off_z:off_y] = k_move
    cost[off_y:off_w] = k_move
    cost[off_w:off_v] = k_move + 1
    if n_x:
        cost[off_x:off_s] = k_move + 1 + cands["cross"].to_numpy()
    lower = np.zeros(n_var)
    upper = np.zeros(n_var)
    upper[off_z:off_y] = free_count
    upper[off_y:off_w] = np.where(has_same, paid_groups["c"].to_numpy(), 0)
    upper[off_w:off_v] = paid_groups["c"].to_numpy()
    upper[off_v:off_x] = pool_spare.to_numpy()
    upper[off_x:off_s] = 1
    upper[off_s:] = excess
    go = paid_groups["o"].to_numpy()
    ar_o, ar_g, ar_p, ar_x = np.arange(n_o), np.arange(n_g), np.arange(n_p), np.arange(n_x)
    x_o = cands["o"].to_numpy() if n_x else np.zeros(0, dtype=int)
    x_gain = cands["gain"].to_numpy() if n_x else np.zeros(0)
    x_load = cands["load"].to_numpy() if n_x else np.zeros(0)
    x_pool = cands["to"].map(pool_key).map(p_pos).to_numpy() if n_x else np.zeros(0, dtype=int)
    x_row = cands["b"].to_numpy() if n_x else np.zeros(0, dtype=int)
    x_tgt = pd.factorize(cands["to"])[0] if n_x else np.zeros(0, dtype=int)
    t_cap = cands.drop_duplicates("to")["to"].map(spare).to_numpy() if n_x else np.zeros(0)
    blocks = [
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
            np.concatenate([g_pool[has_same].to_numpy().astype(int), ar_p, x_pool]),
            np.concatenate([off_y + ar_g[has_same], off_v + ar_p, off_x + ar_x]),
            np.concatenate([np.ones(int(has_same.sum())), np.ones(n_p), x_load]),
            0,
            pool_spare.reindex(pools).to_numpy(),
        ),
        # target: multi-unit loads within its own spare
        (x_tgt, off_x + ar_x, x_load, 0, t_cap),
        # each multi-unit row moves at most once
        (x_row, off_x + ar_x, np.ones(n_x), 0, 1),
    ]
    # single-unit rows alone first: a network flow, solved exactly and fast; then with the
    # multi-unit rows, kept only when it is better (it may stop at the time limit)
    unit_upper = upper.copy()
    unit_upper[off_x:off_s] = 0
    sol, _ = _solve([left_cost, cost], blocks, lower, unit_upper)
    if n_x:
        bound = (np.zeros(n_o, dtype=int), off_s + ar_o, np.ones(n_o), 0, float(left_cost @ sol))
        full, _ = _solve([left_cost, cost], [*blocks, bound], lower, upper)
        if (left_cost @ full, cost @ full) < (left_cost @ sol, cost @ sol):
            sol = full
    sol = sol.astype("int64")

    moves = _realise_moves(
        sol[off_z:off_y],
        sol[off_y:off_w],
        sol[off_w:off_v],
        sol[off_v:off_x],
        sol[off_x:off_s],
        free=free,
        paid=paid,
        paid_groups=paid_groups,
        pools=pools,
        pool_key=pool_key,
        spare=spare,
        cands=cands,
        brows=brows,
    )
    return _describe_moves(net, moves, settings=settings, home=home, reach=reach, units=units)


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
        return pd.DataFrame({c: pd.Series(dtype="int64") for c in cols}).astype({"to": _STR})
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
        t_street = order.index.to_series().map(home).fillna("\0none").to_numpy()
        b_street = b["street"].fillna("\0none").to_numpy()
        parts = [_spread(b, b_street == key, order[t_street == key]) for key in np.unique(b_street)]
        parts.append(_spread(b, np.ones(len(b), dtype=bool), order))
        plain = pd.concat(parts, ignore_index=True)
    pairs = pd.concat([plain, overlap[["a", "to"]]], ignore_index=True).drop_duplicates()
    pairs = pairs.merge(overlap, on=["a", "to"], how="left").merge(b, on="a")
    pairs["load"] = pairs["size"] - pairs["shared"].fillna(0).astype("int64")
    pairs = pairs[pairs["load"] <= pairs["to"].map(spare)]
    to_street = pairs["to"].map(home).fillna("\0none")
    pairs["cross"] = to_street.ne(pairs["street"].fillna("\0none")).astype("int64")
    pairs = pairs.sort_values(["b", "to"], kind="stable").reset_index(drop=True)
    return pairs[cols].astype({"to": _STR})


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
    # pooled unit moves: which units, which pool, which instructor in the pool
    if len(paid):
        p = paid.assign(street=paid["street"].fillna("\0none"))
        p = p.merge(paid_groups.assign(g=np.arange(len(paid_groups))), on=["o", "street"])
        p = p.sort_values(["g", "unit_id"], kind="stable")
        k = p.groupby("g").cumcount().to_numpy()
        gy, gw = y[p["g"].to_numpy()], w[p["g"].to_numpy()]
        same = p[k < gy].assign(pool=lambda f: f["street"])
        cross = p[(k >= gy) & (k < gy + gw)]
        cross = cross.assign(pool=np.repeat(pools, v)[: len(cross)])
        moved = pd.concat([same, cross], ignore_index=True)
        moved["pool"] = moved["pool"].astype(_STR)
        used = chosen.groupby("to")["load"].sum() if len(chosen) else pd.Series(dtype="int64")
        left = (spare - used.reindex(spare.index, fill_value=0)).clip(lower=0)
        # one slot per unit of spare reach left; ``left``, ``spare`` and ``pool_key`` share one index
        count = left.to_numpy()
        slots = pd.DataFrame({"to": np.repeat(left.index.to_numpy(), count)})
        slots["pool"] = pd.array(np.repeat(pool_key.to_numpy(dtype=object), count), dtype=_STR)
        slots["k"] = np.arange(len(slots)) - np.repeat(np.cumsum(count) - count, count)
        slots["spare"] = np.repeat(spare.to_numpy(), count)
        slots = slots.sort_values(["pool", "k", "spare", "to"], ascending=[True, True, False, True])
        slots["n"] = slots.groupby("pool").cumcount()
        moved["n"] = moved.groupby("pool").cumcount()
        moved = moved.merge(slots[["pool", "n", "to"]], on=["pool", "n"], how="left")
        out.append(pd.DataFrame({"a": moved["a"], "from_id": moved["instructor_id"], "to_id": moved["to"]}))
    if not out:
        return pd.DataFrame({"a": pd.Series(dtype="int64"), "from_id": [], "to_id": []}).astype(
            {"from_id": _STR, "to_id": _STR}
        )
    moves = pd.concat(out, ignore_index=True).astype({"from_id": _STR, "to_id": _STR})
    target = pd.concat([free, paid, brows]).drop_duplicates("a").set_index("a")
    moves["target"] = moves["a"].map(target["target"]).astype(_STR)
    moves["target_kind"] = moves["a"].map(target["target_kind"]).astype(_STR)
    moves["street"] = moves["a"].map(target["street"]).astype(_STR)
    return moves


def apply_moves(net: Network, moves: pd.DataFrame) -> Network:
    """Return a copy of ``net`` with proposed instructor moves carried out.

    Every ``GUIDES`` row from ``from_id`` to ``subject_id`` of a
    ``move_assignment`` proposal is given to ``to_id``; other proposals are
    ignored.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": "U1"}], "Instructor": [{"id": "I1"}, {"id": "I2"}]},
    ...     rels={"GUIDES": [("I1", "U1")]},
    ... )
    >>> m = pd.DataFrame({"proposal": ["move_assignment"], "subject_id": ["U1"],
    ...                   "from_id": ["I1"], "to_id": ["I2"]})
    >>> apply_moves(net, m).rel("GUIDES")[["source", "target"]].values.tolist()
    [['I2', 'U1']]

    """
    m = moves[moves["proposal"].eq("move_assignment")][["from_id", "subject_id", "to_id"]].astype(_STR)
    g = net.rel("GUIDES").copy()
    key = (
        g[["source", "target"]]
        .astype(_STR)
        .merge(
            m.rename(columns={"from_id": "source", "subject_id": "target"}).drop_duplicates(
                ["source", "target"]
            ),
            on=["source", "target"],
            how="left",
        )
    )
    hit = key["to_id"].notna().to_numpy()
    g.loc[hit, "source"] = key.loc[hit, "to_id"].to_numpy()
    rels = dict(net.rels)
    rels["GUIDES"] = g
    return Network(net.nodes, rels, rejects=net.rejects, findings=net.findings, meta=net.meta)


def _describe_moves(
    net: Network,
    moves: pd.DataFrame,
    *,
    settings: Settings,
    home: pd.Series,
    reach: pd.DataFrame,
    units: pd.DataFrame,
) -> pd.DataFrame:
    if moves.empty:
        return _empty()
    lang = settings.lang
    limit = settings.max_units_per_instructor
    moves = moves.sort_values(["from_id", "target"], kind="stable").reset_index(drop=True)
    before = reach.groupby("instructor_id").size()
    after = _reach_after(units, moves)
    names = net.instructors["name"].astype(_STR)
    src = moves["from_id"].map(names).fillna(moves["from_id"]).astype(_STR)
    dst = moves["to_id"].map(names).fillna(moves["to_id"]).astype(_STR)
    to_home = moves["to_id"].map(home)
    cross = (to_home.notna() & moves["street"].notna() & to_home.ne(moves["street"])).fillna(False)
    hit = moves[["to_id", "target"]].merge(
        reach.rename(columns={"instructor_id": "to_id", "unit_id": "target"}).assign(hit=True),
        on=["to_id", "target"],
        how="left",
    )["hit"]
    shared = hit.fillna(False).astype(bool).to_numpy() & moves["target_kind"].eq("Unit").to_numpy()
    note = pd.Series("", index=moves.index, dtype=_STR)
    note = note.where(~cross, note + _TEXT["move_cross"][lang])
    note = note.where(~shared, note + _fill(_TEXT["move_shared"][lang], dst=dst))
    subject = _names(net, moves["target"])
    detail = _fill(
        _TEXT["move"][lang],
        subject=subject,
        src=src,
        dst=dst,
        src_before=moves["from_id"].map(before).fillna(0).astype("int64"),
        src_after=moves["from_id"].map(after).fillna(0).astype("int64"),
        dst_before=moves["to_id"].map(before).fillna(0).astype("int64"),
        dst_after=moves["to_id"].map(after).fillna(0).astype("int64"),
        limit=limit,
        note=note,
    )
    group = pd.Series(pd.factorize(moves["from_id"])[0] + 1, index=moves.index)
    return _frame(
        proposal="move_assignment",
        group=group,
        subject_kind=moves["target_kind"],
        subject_id=moves["target"],
        subject_name=subject,
        from_id=moves["from_id"],
        from_name=src,
        to_id=moves["to_id"],
        to_name=dst,
        street=net.street_names(moves["street"]).where(moves["street"].notna()),
        detail=detail,
    )


def _reach_after(units: pd.DataFrame, moves: pd.DataFrame) -> pd.Series:
    """Reach of the instructors of ``moves`` once every move is made (as :func:`apply_moves` would).

    ``units`` is the ``(a, instructor_id, unit_id)`` frame of :func:`_assignments`; a move hands
    its row ``a`` (with the row's units) to ``to_id``.
    """
    involved = pd.Index(pd.concat([moves["from_id"], moves["to_id"]]).unique())
    new_owner = pd.Series(moves["to_id"].to_numpy(), index=moves["a"].to_numpy())
    u = units[["a", "instructor_id", "unit_id"]]
    owner = u["a"].map(new_owner).astype(_STR).fillna(u["instructor_id"].astype(_STR))
    after = pd.DataFrame({"instructor_id": owner, "unit_id": u["unit_id"]})
    after = after[isin(after["instructor_id"], involved)]
    return after.drop_duplicates().groupby("instructor_id").size()


# ------------------------------------------------------------------------- pairings
def _org_streets(net: Network) -> pd.Series:
    """Street id of each party organisation: IN_STREET, else REPORTS_TO a street, else its units'."""
    orgs = net.party_orgs.index
    own = net.street_of("PartyOrg")
    reports = net.linked("REPORTS_TO", "PartyOrg", "Street").drop_duplicates("source")
    covered = net.linked("COVERED_BY", "Unit", "PartyOrg")
    rows = net.linked_mask("COVERED_BY", "Unit", "PartyOrg")
    unit = net.rel_positions("COVERED_BY", "source", "Unit")[rows]
    street = net.street_of("Unit").astype(_STR).array.take(unit)  # the rows' units exist
    covered = covered.assign(street=pd.Series(street, index=covered.index, dtype=_STR))
    out = own.reindex(orgs)
    out = out.fillna(reports.set_index("source")["target"].reindex(orgs))
    out = out.fillna(_mode(covered, "target", "street").reindex(orgs))
    return out.astype(_STR)


def _pairing_flows(oc: pd.DataFrame, bc: pd.DataFrame, od: pd.DataFrame, *, big: int) -> pd.DataFrame:
    """Optimal class-to-class pairing counts: columns ``cls, cls_b, n, hub``, ``n > 0``.

    ``oc`` holds the organisation classes (``cls, depts, street, supply``), ``bc``
    the branch classes (``cls, dept, street, cap``), ``od`` each organisation
    class's departments (``cls, dept``). A pair costs ``big·(no department
    match) + (no street match)``; any class may pair with any other at
    ``big + 1`` (``hub`` marks those pairs in the arc-per-pair program).

    Up to :data:`_PAIR_ARC_BUDGET` class pairs sharing a department or a street,
    one arc per such pair (:func:`_pairing_flows_by_pair`); above, transit nodes
    (:func:`_pairing_flows_by_transit`), the same optimum with far fewer arcs.
    """
    by_dept = od["dept"].value_counts().mul(bc["dept"].value_counts(), fill_value=0).sum()
    by_street = oc["street"].value_counts().mul(bc["street"].value_counts(), fill_value=0).sum()
    if by_dept + by_street <= _PAIR_ARC_BUDGET:
        return _pairing_flows_by_pair(oc, bc, od, big=big)
    return _pairing_flows_by_transit(oc, bc, od, big=big)


def _pairing_flows_by_pair(oc: pd.DataFrame, bc: pd.DataFrame, od: pd.DataFrame, *, big: int) -> pd.DataFrame:
    """:func:`_pairing_flows` with one arc per class pair sharing a department or a street, plus a hub."""
    by_dept = od.merge(bc[["cls", "dept"]], on="dept", suffixes=("", "_b"))
    by_street = oc[["cls", "street"]].merge(bc[["cls", "street"]], on="street", suffixes=("", "_b"))
    edges = pd.concat([by_dept[["cls", "cls_b"]], by_street[["cls", "cls_b"]]]).drop_duplicates()
    edges = edges.merge(oc[["cls", "depts", "street"]], on="cls").merge(
        bc[["cls", "dept", "street"]].rename(columns={"cls": "cls_b", "street": "street_b"}), on="cls_b"
    )
    dept_match = pd.Series(
        [d in ds.split("\x1f") for d, ds in zip(edges["dept"], edges["depts"], strict=True)],
        index=edges.index,
        dtype=bool,
    )
    street_match = edges["street"].eq(edges["street_b"])
    edges["cost"] = big * (~dept_match).astype("int64") + (~street_match).astype("int64")
    edges = edges.reset_index(drop=True)

    n_e, n_oc, n_bc = len(edges), len(oc), len(bc)
    total = min(int(oc["supply"].sum()), int(bc["cap"].sum()))
    # variables: edges, org class -> hub, hub -> branch class
    off_h, off_k = n_e, n_e + n_oc
    n_var = off_k + n_bc
    cost = np.concatenate([edges["cost"].to_numpy(float), np.full(n_oc, big + 1.0), np.zeros(n_bc)])
    e_o, e_b = edges["cls"].to_numpy(), edges["cls_b"].to_numpy()
    ar_e, ar_o, ar_b = np.arange(n_e), np.arange(n_oc), np.arange(n_bc)
    blocks = [
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
    sol = _solve([cost], blocks, np.zeros(n_var), upper, presolve=n_var <= _PRESOLVE_MAX_VARS)[0]
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


def _pairing_flows_by_transit(
    oc: pd.DataFrame, bc: pd.DataFrame, od: pd.DataFrame, *, big: int
) -> pd.DataFrame:
    """:func:`_pairing_flows` as a min-cost flow through transit nodes.

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
    var = np.arange(n_var)
    total = min(int(oc["supply"].sum()), int(bc["cap"].sum()))
    out_o = np.char.startswith(kind, "o")
    into_b = np.char.endswith(kind, "b")
    blocks = [
        (tail[out_o], var[out_o], np.ones(int(out_o.sum())), 0, oc["supply"].to_numpy()),
        (head[into_b], var[into_b], np.ones(int(into_b.sum())), 0, bc["cap"].to_numpy()),
        (np.zeros(int(out_o.sum()), dtype=int), var[out_o], np.ones(int(out_o.sum())), total, total),
    ]
    # conservation at the transit nodes: inflow − outflow = 0
    for node, n_nodes in (("d", len(depts)), ("s", len(streets)), ("h", 1)):
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
    sol = _solve([cost], blocks, np.zeros(n_var), np.full(n_var, float(total)), presolve=False)[0]
    sol = sol.astype("int64")

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


def propose_pairings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """Organ branches for the party organisations that have no pairing (结对共建).

    Each unpaired organisation is matched to one organ branch with spare
    pairings (``max_pairings_per_branch`` minus its current pairings).

    Objective, in this order: (1) match as many organisations as the spare
    pairings allow; (2) as many as possible with a branch of their
    supervising department — the department the organisation ``REPORTS_TO``,
    or one that supervises (``SUPERVISED_BY``) a unit it covers;
    (3) as many as possible with a branch of their street.

    Parameters
    ----------
    net
        The network; read-only.
    settings
        ``max_pairings_per_branch`` and ``lang``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PROPOSAL_COLUMNS`, one row per proposed pairing:
        ``proposal`` is ``pairing``, ``subject_*`` the organisation,
        ``to_*`` the organ branch, ``from_*`` empty, ``group`` numbers the
        branches, ``street`` the organisation's street.

    Notes
    -----
    Streets: an organisation's street is its ``IN_STREET``, else the street it
    ``REPORTS_TO``, else the commonest street of its units; a branch's street
    is the commonest street of the organisations it already pairs with (an
    organ branch has no address of its own).

    Method: a transportation problem. Organisations with the same
    (departments, street) and branches with the same (department, street) are
    interchangeable, so they form classes; class pairs that share a
    department or a street get an edge of cost ``D·(no department match) +
    (no street match)`` with ``D`` larger than the number of organisations, and
    every class can reach every branch class through a hub at cost ``D + 1``.
    The number matched is fixed to ``min(organisations, spare pairings)``, the
    most possible. The constraint matrix is a network matrix, so the integer
    optimum is the linear one; within classes any assignment is equally good.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": "P1"}, {"id": "P2"}],
    ...            "Department": [{"id": "D1"}, {"id": "D2"}],
    ...            "OrganBranch": [{"id": "B1", "name": "一支部"}, {"id": "B2", "name": "二支部"}]},
    ...     rels={"BRANCH_OF": [("B1", "D1"), ("B2", "D2")], "REPORTS_TO": [("P1", "D2")]},
    ... )
    >>> p = propose_pairings(net, settings=Settings(max_pairings_per_branch=1))
    >>> p[["subject_id", "to_id"]].values.tolist()
    [['P2', 'B1'], ['P1', 'B2']]

    """
    settings = settings or Settings()
    limit = settings.max_pairings_per_branch
    lang = settings.lang
    paired = net.linked("PAIRED_WITH", "OrganBranch", "PartyOrg")
    orgs = net.party_orgs[~isin(net.party_orgs.index, paired["target"])]
    branches = net.organ_branches
    if orgs.empty or branches.empty:
        return _empty()
    count = paired.groupby("source").size().reindex(branches.index, fill_value=0)
    cap = (limit - count).clip(lower=0)
    cap = cap[cap > 0]
    if cap.empty:
        return _empty()
    dept = net.linked("BRANCH_OF", "OrganBranch", "Department").drop_duplicates("source")
    dept = dept.set_index("source")["target"].reindex(cap.index).astype(_STR)
    org_street = _org_streets(net)
    pb = paired.assign(street=paired["target"].map(org_street))
    b_street = _mode(pb, "source", "street").reindex(cap.index).astype(_STR)

    # supervising departments of each unpaired organisation
    rep = net.linked("REPORTS_TO", "PartyOrg", "Department")[["source", "target"]]
    sup = net.linked("SUPERVISED_BY", "Unit", "Department")[["source", "target"]]
    cov = net.linked("COVERED_BY", "Unit", "PartyOrg")[["source", "target"]]
    # organisation -> department through a unit it covers, joined on unit positions; only the
    # unpaired organisations are kept, before the distinct step (same rows, same order)
    cov_keep = np.flatnonzero(isin(cov["target"], orgs.index))
    cov_u = net.rel_positions("COVERED_BY", "source", "Unit")[
        net.linked_mask("COVERED_BY", "Unit", "PartyOrg")
    ]
    sup_u = net.rel_positions("SUPERVISED_BY", "source", "Unit")[
        net.linked_mask("SUPERVISED_BY", "Unit", "Department")
    ]
    joined = pd.DataFrame({"u": cov_u[cov_keep], "c": cov_keep}).merge(
        pd.DataFrame({"u": sup_u, "s": np.arange(len(sup_u))}), on="u"
    )
    via_units = pd.DataFrame(
        {
            "source": cov["target"].to_numpy()[joined["c"].to_numpy()],
            "target": sup["target"].to_numpy()[joined["s"].to_numpy()],
        }
    )
    rep = rep[isin(rep["source"], orgs.index)]
    sup_org = pd.concat([rep, via_units]).drop_duplicates().astype(_STR)
    dept_key = (
        sup_org.sort_values("target")
        .groupby("source")["target"]
        .agg("\x1f".join)
        .reindex(orgs.index)
        .fillna("")
    )
    o = pd.DataFrame({"org": orgs.index.astype(_STR), "depts": dept_key.to_numpy()})
    o["street"] = o["org"].map(org_street).fillna("\0none")
    o["cls"] = pd.factorize(pd.MultiIndex.from_frame(o[["depts", "street"]]))[0]
    b = pd.DataFrame({"branch": cap.index.astype(_STR), "dept": dept.fillna("\0none").to_numpy()})
    b["street"] = b["branch"].map(b_street).fillna("\0nostreet")
    b["cap"] = b["branch"].map(cap).astype("int64")
    b["cls"] = pd.factorize(pd.MultiIndex.from_frame(b[["dept", "street"]]))[0]
    oc = o.drop_duplicates("cls").sort_values("cls")[["cls", "depts", "street"]]
    oc["supply"] = o.groupby("cls").size().reindex(oc["cls"]).to_numpy()
    bc = b.drop_duplicates("cls").sort_values("cls")[["cls", "dept", "street"]]
    bc["cap"] = b.groupby("cls")["cap"].sum().reindex(bc["cls"]).to_numpy()

    od = sup_org.merge(o[["org", "cls"]], left_on="source", right_on="org")[["cls", "target"]]
    od = od.drop_duplicates().rename(columns={"target": "dept"})
    flows = _pairing_flows(oc, bc, od, big=len(o) + 1)

    # disaggregate: concrete organisations (by id) to concrete branch slots (round robin)
    o = o.sort_values(["cls", "org"]).assign(k=lambda f: f.groupby("cls").cumcount())
    flows = flows.sort_values(["cls", "hub", "cls_b"], kind="stable").reset_index(drop=True)
    per_org_cls = flows.loc[flows.index.repeat(flows["n"])].reset_index(drop=True)
    per_org_cls["k"] = per_org_cls.groupby("cls").cumcount()
    matched = per_org_cls.merge(o[["cls", "k", "org"]], on=["cls", "k"])
    matched = matched.sort_values(["cls_b", "org"], kind="stable")
    matched["n"] = matched.groupby("cls_b").cumcount()
    slots = b.loc[b.index.repeat(b["cap"])].copy()
    slots["k"] = slots.groupby("branch").cumcount()
    slots = slots.sort_values(["cls", "k", "branch"]).assign(n=lambda f: f.groupby("cls").cumcount())
    matched = matched.merge(
        slots[["cls", "n", "branch"]].rename(columns={"cls": "cls_b"}), on=["cls_b", "n"], how="left"
    )
    matched = matched.sort_values(["branch", "org"]).reset_index(drop=True)

    org_ids = matched["org"].astype(_STR)
    branch_ids = matched["branch"].astype(_STR)
    # department and street matches of the concrete pairs (vectorised)
    pair = pd.DataFrame({"source": org_ids, "target": branch_ids.map(dept)})
    is_dept = pair.merge(sup_org.assign(hit=True), on=["source", "target"], how="left")["hit"]
    is_dept = is_dept.fillna(False).astype(bool).to_numpy()
    is_street = org_ids.map(org_street).eq(branch_ids.map(b_street)).fillna(False).to_numpy()
    note = pd.Series("", index=matched.index, dtype=_STR)
    note = note.where(~is_dept, note + _TEXT["pairing_dept"][lang])
    note = note.where(~is_street, note + _TEXT["pairing_street"][lang])
    bname = _names(net, branch_ids)
    detail = _fill(
        _TEXT["pairing"][lang], dst=bname, count=branch_ids.map(count).astype("int64"), limit=limit, note=note
    )
    street = org_ids.map(org_street)
    return _frame(
        proposal="pairing",
        group=pd.Series(pd.factorize(branch_ids)[0] + 1),
        subject_kind="PartyOrg",
        subject_id=org_ids,
        subject_name=_names(net, org_ids),
        to_id=branch_ids,
        to_name=bname,
        street=net.street_names(street).where(street.notna()),
        detail=detail,
    )


# ------------------------------------------------------------------- joint branches
@lru_cache(maxsize=4096)
def _best_groups(counts: tuple[int, ...], min_members: int, max_units: int) -> tuple[tuple[int, ...], ...]:
    """Group compositions placing the most units, then forming the most groups.

    ``counts[m-1]`` units have ``m`` full members. A composition gives how many
    units of each member count a group takes; it must have at most
    ``max_units`` units and at least ``min_members`` members.
    """
    kinds = len(counts)
    comps = [()]
    for _ in range(kinds):
        comps = [(*c, k) for c in comps for k in range(max_units + 1)]
    comps = [
        c
        for c in comps
        if 0 < sum(c) <= max_units
        and sum((m + 1) * k for m, k in enumerate(c)) >= min_members
        and all(k <= n for k, n in zip(c, counts, strict=True))
    ]
    if not comps:
        return ()
    sizes = np.array([sum(c) for c in comps], dtype=float)
    total = sum(counts)
    cost = -(sizes * (total + 1) + 1)
    a = np.array(comps, dtype=float).T
    from scipy.optimize import Bounds, LinearConstraint, milp

    res = milp(
        cost,
        constraints=[LinearConstraint(a, 0, np.array(counts, dtype=float))],
        bounds=Bounds(0, np.inf),
        integrality=np.ones(len(comps)),
        options={"mip_rel_gap": 0.0, "time_limit": _TIME_LIMIT},
    )
    n = np.round(res.x).astype(int) if res.x is not None else np.zeros(len(comps), dtype=int)
    out: list[tuple[int, ...]] = []
    for c, k in sorted(zip(comps, n, strict=True), key=lambda t: (-sum(t[0]), t[0])):
        out.extend([c] * int(k))
    return tuple(out)


def propose_joint_branches(
    net: Network, *, settings: Settings | None = None, coverage: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Candidate 联合党支部 among units without an organisation that share a carrier.

    Candidates are units with no organisational coverage (status
    ``work_only`` or ``uncovered``) and at least one but fewer than
    ``own_branch_min_members`` full members. Within one carrier they are
    grouped into candidate joint branches of at most ``joint_branch_max_units``
    units with at least ``own_branch_min_members`` full members together,
    placing as many units as possible and, among equally many, forming as
    many branches as possible (smaller branches are easier to run).

    Parameters
    ----------
    net
        The network; read-only.
    settings
        ``own_branch_min_members``, ``joint_branch_max_units`` and ``lang``.
    coverage
        A :func:`~graphkit.analysis.coverage.coverage` frame, if already computed.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PROPOSAL_COLUMNS`, one row per unit placed:
        ``proposal`` is ``joint_branch``; ``group`` numbers the candidate
        branches; ``from_*`` is the shared carrier; ``to_name`` a suggested
        branch name (``to_id`` empty: the branch does not exist yet).

    Notes
    -----
    Carriers: first the building, market or park a unit is ``LOCATED_IN``;
    units left unplaced then try their associations (``MEMBER_OF``). A unit
    in several carriers of one pass goes to the first by id.

    Method: within a carrier, units with the same member count are
    interchangeable, so the choice is how many groups of each composition
    (units with 1, 2, … members) to form — a small integer program over the
    compositions, solved exactly by HiGHS and cached by the carrier's member
    counts (carriers with equal counts share the answer).

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": f"U{i}", "name": f"公司{i}", "party_members": m}
    ...                     for i, m in enumerate([1, 1, 2, 2, 1])],
    ...            "Carrier": [{"id": "C1", "name": "锦艺城", "kind": "building"}]},
    ...     rels={"LOCATED_IN": [(f"U{i}", "C1") for i in range(5)]},
    ... )
    >>> p = propose_joint_branches(net)
    >>> p[["group", "subject_id"]].values.tolist()
    [[1, 'U0'], [1, 'U1'], [1, 'U4'], [2, 'U2'], [2, 'U3']]
    >>> p.loc[0, "to_name"], p.loc[0, "detail"]
    ('锦艺城联合党支部（一）', '与锦艺城内另外2家单位组建联合党支部，共有正式党员3名')

    """
    from graphkit.analysis.coverage import coverage as _coverage

    settings = settings or Settings()
    lang = settings.lang
    need = settings.own_branch_min_members
    cap = settings.joint_branch_max_units
    cov = _coverage(net, settings=settings) if coverage is None else coverage
    members = cov["party_members"].fillna(0).astype("int64")
    cand = cov[cov["status"].isin(["work_only", "uncovered"]) & (members >= 1) & (members < need)]
    if cand.empty or cap == 0:
        return _empty()
    placed_parts = []
    left = pd.Index(cand.index)
    group_base = 0
    for rel in ("LOCATED_IN", "MEMBER_OF"):
        links = net.linked(rel, "Unit", "Carrier")
        links = links[isin(links["source"], left)]
        links = links.sort_values(["source", "target"]).drop_duplicates("source")
        if links.empty:
            continue
        u = pd.DataFrame({"unit_id": links["source"], "carrier": links["target"]})
        u["m"] = u["unit_id"].map(members).astype("int64")
        u = u.sort_values(["carrier", "m", "unit_id"], ascending=[True, False, True]).reset_index(drop=True)
        counts = u.pivot_table(index="carrier", columns="m", values="unit_id", aggfunc="size", fill_value=0)
        counts = counts.reindex(columns=range(1, need), fill_value=0)
        rows = []
        for carrier, cnt in zip(counts.index, counts.to_numpy().tolist(), strict=True):
            for comp in _best_groups(tuple(int(c) for c in cnt), need, cap):
                rows.append((carrier, comp))
        if not rows:
            continue
        # expand compositions into (carrier, group, member count, k-th of that count) slots
        slot = []
        for gi, (carrier, comp) in enumerate(rows):
            for m, k in enumerate(comp, start=1):
                slot.extend((carrier, group_base + gi + 1, m) for _ in range(k))
        slots = pd.DataFrame(slot, columns=["carrier", "group", "m"])
        slots["k"] = slots.groupby(["carrier", "m"]).cumcount()
        u["k"] = u.groupby(["carrier", "m"]).cumcount()
        placed = slots.merge(u, on=["carrier", "m", "k"])
        group_base += len(rows)
        placed_parts.append(placed)
        left = left.difference(placed["unit_id"])
    if not placed_parts:
        return _empty()
    placed = pd.concat(placed_parts, ignore_index=True)
    placed = placed.sort_values(["group", "m", "unit_id"], ascending=[True, False, True])
    placed = placed.reset_index(drop=True)
    size = placed.groupby("group")["unit_id"].transform("size")
    total = placed.groupby("group")["m"].transform("sum")
    carrier_name = _names(net, placed["carrier"].astype(_STR))
    nth = placed.groupby("carrier")["group"].transform(lambda s: pd.factorize(s)[0] + 1)
    several = placed.groupby("carrier")["group"].transform("nunique") > 1
    numerals = "一二三四五六七八九十"
    suffix = pd.Series("", index=placed.index, dtype=_STR)
    if lang == "zh":
        label = nth.map(lambda k: f"（{numerals[k - 1]}）" if k <= 10 else f"（{k}）")
    else:
        label = nth.map(lambda k: f" {k}")
    suffix = suffix.where(~several, label.astype(_STR))
    to_name = _fill(_TEXT["joint_name"][lang], carrier=carrier_name, suffix=suffix)
    detail = _fill(_TEXT["joint"][lang], carrier=carrier_name, others=size - 1, members=total)
    uid = placed["unit_id"].astype(_STR)
    return _frame(
        proposal="joint_branch",
        group=placed["group"].astype("int64"),
        subject_kind="Unit",
        subject_id=uid,
        subject_name=uid.map(cov["name"]).astype(_STR).fillna(uid),
        from_id=placed["carrier"].astype(_STR),
        from_name=carrier_name,
        to_name=to_name,
        street=uid.map(cov["street"]).astype(_STR),
        detail=detail,
    )


# ------------------------------------------------------------------------- together
def proposals(
    net: Network,
    *,
    settings: Settings | None = None,
    coverage: pd.DataFrame | None = None,
    load: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """All proposals: instructor moves, pairings and candidate joint branches.

    Parameters
    ----------
    net
        The network; read-only.
    settings
        Thresholds and language.
    coverage
        A coverage frame, if already computed (used by the joint branches).
    load
        An :func:`~graphkit.analysis.instructors.instructor_load` frame, if
        already computed: when it shows nobody overloaded the move program is
        skipped.

    Returns
    -------
    pandas.DataFrame
        :func:`rebalance_instructors`, :func:`propose_pairings` and
        :func:`propose_joint_branches` one after the other, columns
        :data:`PROPOSAL_COLUMNS`.

    Examples
    --------
    >>> import graphkit.datasets
    >>> proposals(graphkit.datasets.tiny())["proposal"].tolist()
    ['pairing', 'pairing']

    """
    settings = settings or Settings()
    if load is not None and not bool(load["overloaded"].any()):
        moves = _empty()
    else:
        moves = rebalance_instructors(net, settings=settings)
    parts = [
        moves,
        propose_pairings(net, settings=settings),
        propose_joint_branches(net, settings=settings, coverage=coverage),
    ]
    out = pd.concat([p for p in parts if len(p)] or [_empty()], ignore_index=True)
    return out[PROPOSAL_COLUMNS]
