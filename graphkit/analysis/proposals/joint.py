"""Joint-branch proposals: units without an organisation that could form a 联合党支部 together.

Examples
--------
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "U1", "party_members": 1}, {"id": "U2", "party_members": 2}],
...            "Carrier": [{"id": "C1", "name": "锦艺城"}]},
...     rels={"LOCATED_IN": [("U1", "C1"), ("U2", "C1")]},
... )
>>> propose_joint_branches(net)[["subject_id", "to_name"]].values.tolist()
[['U2', '锦艺城联合党支部'], ['U1', '锦艺城联合党支部']]

"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from graphkit.analysis.coverage import coverage as _coverage
from graphkit.analysis.proposals.common import empty_proposals, node_names, proposal_frame, texts
from graphkit.analysis.proposals.solver import TIME_LIMIT
from graphkit.kernels import isin
from graphkit.model import STRING, Network
from graphkit.settings import Settings

__all__ = ["propose_joint_branches"]

#: Numbers the candidate branches of one carrier in Chinese: （一）, （二）, … up to ten.
_ZH_NUMERALS = "一二三四五六七八九十"
#: Columns of a placement: the carrier, the candidate branch, the unit's full members, its rank.
_PLACED_COLUMNS = ["carrier", "group", "m", "k", "unit_id"]


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
        Columns :data:`~graphkit.analysis.proposals.common.PROPOSAL_COLUMNS`,
        one row per unit placed: ``proposal`` is ``joint_branch``; ``group``
        numbers the candidate branches; ``from_*`` is the shared carrier;
        ``to_name`` a suggested branch name (``to_id`` empty: the branch does
        not exist yet).

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

    Cost: sorts over the candidates and their carrier links, O(n log n), plus
    one program per distinct member-count profile. A program has one variable
    per composition, at most ``(max_units + 1) ** (min_members − 1)``, a
    constant for given settings.

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
    settings = settings or Settings()
    need = settings.own_branch_min_members
    cap = settings.joint_branch_max_units
    cov = _coverage(net, settings=settings) if coverage is None else coverage
    members = cov["party_members"].fillna(0).astype("int64").to_numpy()
    open_ = isin(cov["status"], ["work_only", "uncovered"])
    chosen = open_ & (members >= 1) & (members < need)
    # only the few candidates are carried on: look-ups by id then hash thousands of ids, not a million
    cand = cov.loc[chosen, ["name", "street"]]
    if cand.empty or cap == 0:
        return empty_proposals()
    members_of = pd.Series(members[chosen], index=cand.index)
    placed = _place(net, pd.Index(cand.index), members_of, need=need, cap=cap)
    if placed.empty:
        return empty_proposals()
    return _describe_joint(net, placed, cand, lang=settings.lang)


def _place(net: Network, left: pd.Index, members: pd.Series, *, need: int, cap: int) -> pd.DataFrame:
    """Candidate branches of the units ``left``: first by building, market or park, then by association.

    Returns :data:`_PLACED_COLUMNS`, one row per unit placed, sorted by
    branch, then most members first, then unit id; branches are numbered
    1, 2, … across both passes.
    """
    parts = []
    group_base = 0
    for rel in ("LOCATED_IN", "MEMBER_OF"):
        links = net.linked(rel, "Unit", "Carrier")
        links = links[isin(links["source"], left)]
        links = links.sort_values(["source", "target"]).drop_duplicates("source")
        if links.empty:
            continue
        placed, n_groups = _place_in_carriers(links, members, need=need, cap=cap, group_base=group_base)
        if n_groups == 0:
            continue
        group_base += n_groups
        parts.append(placed)
        left = left.difference(placed["unit_id"])
    if not parts:
        return pd.DataFrame(columns=_PLACED_COLUMNS)
    placed = pd.concat(parts, ignore_index=True)
    placed = placed.sort_values(["group", "m", "unit_id"], ascending=[True, False, True])
    return placed.reset_index(drop=True)


def _place_in_carriers(
    links: pd.DataFrame, members: pd.Series, *, need: int, cap: int, group_base: int
) -> tuple[pd.DataFrame, int]:
    """Group the units of ``links`` (one carrier each) into candidate branches, carrier by carrier.

    Returns the placed units (:data:`_PLACED_COLUMNS`, branches numbered from
    ``group_base + 1``) and how many branches were formed. Within a carrier and
    member count, units are taken by id.
    """
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
        return pd.DataFrame(columns=_PLACED_COLUMNS), 0
    # expand compositions into (carrier, group, member count, k-th of that count) slots
    slot = []
    for gi, (carrier, comp) in enumerate(rows):
        for m, k in enumerate(comp, start=1):
            slot.extend((carrier, group_base + gi + 1, m) for _ in range(k))
    slots = pd.DataFrame(slot, columns=["carrier", "group", "m"])
    slots["k"] = slots.groupby(["carrier", "m"]).cumcount()
    u["k"] = u.groupby(["carrier", "m"]).cumcount()
    return slots.merge(u, on=["carrier", "m", "k"]), len(rows)


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
    from scipy.optimize import Bounds, LinearConstraint, milp  # imported when first needed

    res = milp(
        cost,
        constraints=[LinearConstraint(a, 0, np.array(counts, dtype=float))],
        bounds=Bounds(0, np.inf),
        integrality=np.ones(len(comps)),
        options={"mip_rel_gap": 0.0, "time_limit": TIME_LIMIT},
    )
    n = np.round(res.x).astype(int) if res.x is not None else np.zeros(len(comps), dtype=int)
    out: list[tuple[int, ...]] = []
    for c, k in sorted(zip(comps, n, strict=True), key=lambda t: (-sum(t[0]), t[0])):
        out.extend([c] * int(k))
    return tuple(out)


def _describe_joint(net: Network, placed: pd.DataFrame, cov: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The proposals frame of the placed units: carrier, suggested branch name and members in words.

    ``cov`` holds ``name`` and ``street`` of (at least) the placed units, indexed by unit id.
    """
    size = placed.groupby("group")["unit_id"].transform("size")
    total = placed.groupby("group")["m"].transform("sum")
    carrier_name = node_names(net, placed["carrier"].astype(STRING))
    # a carrier with several candidate branches numbers them: （一）, （二）, … / 1, 2, …
    firsts = placed[["carrier", "group"]].drop_duplicates()  # each carrier's branches, in order
    rank = firsts.groupby("carrier").cumcount() + 1
    nth = pd.Series(rank.to_numpy(), index=firsts["group"].to_numpy()).reindex(placed["group"].to_numpy())
    nth.index = placed.index
    several = placed.groupby("carrier")["group"].transform("nunique") > 1
    ordinal = nth.map(lambda k: _ZH_NUMERALS[k - 1] if lang == "zh" and k <= len(_ZH_NUMERALS) else str(k))
    suffix = pd.Series("", index=placed.index, dtype=STRING)
    suffix = suffix.where(~several, texts("proposal_joint_nth", lang=lang, nth=ordinal))
    to_name = texts("proposal_joint_name", lang=lang, carrier=carrier_name, suffix=suffix)
    detail = texts("proposal_joint", lang=lang, carrier=carrier_name, others=size - 1, members=total)
    uid = placed["unit_id"].astype(STRING)
    return proposal_frame(
        proposal="joint_branch",
        group=placed["group"].astype("int64"),
        subject_kind="Unit",
        subject_id=uid,
        subject_name=uid.map(cov["name"]).astype(STRING).fillna(uid),
        from_id=placed["carrier"].astype(STRING),
        from_name=carrier_name,
        to_name=to_name,
        street=uid.map(cov["street"]).astype(STRING),
        detail=detail,
    )
