"""Who the campaign's problems are planted on, and the findings that follow from them.

:func:`roles` picks, before the campaign's tables are made, the organisations,
units and assignments each planted problem goes to (``Builder.roles``); the
steps of :mod:`~loaders.demo.positions` and :mod:`~loaders.demo.events` make
the tables so that exactly these fall short. The organisations nobody guides
(``NO_INSTRUCTOR``) lag on more than that: a third of them are also inactive
with an untrained secretary, a third inactive with no position, a third with
no position and an untrained secretary — three criteria failed each, graded
后进 — and the first third hold an old district honour, now at risk.

:func:`consequences` then records the three findings that follow from others
(``DEMO_SITE_BELOW_STANDARD``, ``HONOUR_AT_RISK``, ``ORG_LAGGING``), from the
planted subjects of every code, by DESIGN §5's definitions. Every organisation
is served by exactly one position (or none), so "served by a position with all
六有 items" and "no position serving it falls short" are one criterion.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.demo.builder import Builder

__all__ = ["GRADE_CRITERIA", "consequences", "roles"]

#: The findings that fail each of the seven grade criteria (DESIGN §5); ``served_by_below`` is
#: the organisations whose one position falls short of 六有.
GRADE_CRITERIA = {
    "position": ("NO_POSITION", "served_by_below"),
    "active": ("INACTIVE_ORG",),
    "secretary_trained": ("NO_SECRETARY", "SECRETARY_UNTRAINED"),
    "term": ("TERM_EXPIRED",),
    "reached": ("NO_INSTRUCTOR",),
    "paired": ("UNPAIRED_ORG",),
    "level": ("ORG_LEVEL_MISMATCH",),
}
#: Grade 后进 from this many failed criteria (``grade_fair_max_fails`` + 1).
LAGGING_FAILS = 3


def self_hosted(b: Builder) -> np.ndarray:
    """Positions in ``b.org`` of the organisations that host their own position.

    Those based at no carrier, except enterprises' own organisations in a
    building (they use the building's position).
    """
    org = b.org
    at_carrier = org["base"].isin(b.carrier.index).to_numpy()
    own = np.zeros(len(org), dtype=bool)
    own[b.own_range[0] : b.own_range[1]] = True
    unit_of = b.cov.drop_duplicates("org").set_index("org")["unit"]
    in_building = np.zeros(len(org), dtype=bool)
    pos = np.arange(*b.own_range)
    in_building[pos] = b.unit["carrier"].reindex(unit_of.reindex(pos).to_numpy()).notna().to_numpy()
    return np.flatnonzero(~at_carrier & ~(own & in_building))


def roles(b: Builder) -> None:
    """Choose the subjects of the campaign's planted problems into ``b.roles`` (ids)."""
    rng = np.random.default_rng([b.seed, 4])
    org, pl = b.org, b.pl
    pid = org.index.to_numpy()
    taken = {i for ids in b.planted.values() for i in ids}
    special = {pid[0], pid[b.soc_own_range[0]], pid[b.own_range[0]]}  # 锦艺城, 瑞阳养老院, 新蒲建设集团
    demo = org["demo_level"].notna().to_numpy()
    lonely = sorted(set(b.planted["NO_INSTRUCTOR"]) & set(pid))
    hosted = np.zeros(len(org), dtype=bool)
    hosted[self_hosted(b)] = True
    free = pd.Series(~demo & ~org.index.isin(list(taken | special)), index=pid)
    clean_demo = pd.Series(demo & ~org.index.isin(list(taken | special)), index=pid)
    r: dict[str, list[str]] = {"lag_a": lonely[0::3], "lag_b": lonely[1::3], "lag_c": lonely[2::3]}

    def draw(pool: pd.Series, k: int, *, only: np.ndarray | None = None) -> list[str]:
        mask = pool.to_numpy() & (True if only is None else only)
        ids = pool.index.to_numpy()[mask]
        chosen = sorted(rng.choice(ids, min(k, len(ids)), replace=False).tolist())
        pool[chosen] = False
        return chosen

    r["no_position"] = draw(free, pl["NO_POSITION"], only=hosted)
    r["below"] = draw(free, pl["POSITION_BELOW_STANDARD"], only=hosted)
    r["inactive"] = draw(free, pl["INACTIVE_ORG"])
    r["untrained"] = draw(free, pl["SECRETARY_UNTRAINED"])
    r["demo_inactive"] = draw(clean_demo, pl["DEMO_INACTIVE"])
    r["demo_position"] = draw(clean_demo, pl["DEMO_POSITION"], only=hosted)
    r["demo_four_ones"] = draw(clean_demo, pl["DEMO_FOUR_ONES"])
    r["province"] = [pid[b.soc_own_range[0]], *draw(clean_demo, b.st["province_advanced"] - 1)]
    r["city"] = [pid[0], *draw(clean_demo, b.st["city_advanced"] - 1)]
    uncovered = b.planted["UNCOVERED"]
    mwo = sorted(set(b.planted["MEMBERS_WITHOUT_ORG"]) - set(b.planted["NO_INSTRUCTOR"]))
    k = pl["HONOUR_UNIT_AT_RISK"]
    r["unit_at_risk"] = uncovered[: (k + 1) // 2] + mwo[: k // 2]
    r["unit_revoked"] = uncovered[(k + 1) // 2 : (k + 1) // 2 + 1]
    b.roles = r
    b.planted["NO_POSITION"] = sorted(r["lag_b"] + r["lag_c"] + r["no_position"])
    b.planted["INACTIVE_ORG"] = sorted(r["lag_a"] + r["lag_b"] + r["inactive"] + r["demo_inactive"])
    b.planted["SECRETARY_UNTRAINED"] = sorted(r["lag_a"] + r["lag_c"] + r["untrained"])
    b.served_by_below = sorted(r["below"] + r["demo_position"])


def consequences(b: Builder) -> None:
    """Record ``DEMO_SITE_BELOW_STANDARD``, ``ORG_LAGGING`` and ``HONOUR_AT_RISK`` from what was planted."""
    org = b.org
    planted = b.planted | {"served_by_below": b.served_by_below}
    fails = pd.Series(0, index=org.index)
    for codes in GRADE_CRITERIA.values():
        failed = set().union(*(set(planted[c]) for c in codes))
        fails += org.index.isin(list(failed))
    lagging = org.index[fails.to_numpy() >= LAGGING_FAILS]
    b.planted["ORG_LAGGING"] = sorted(lagging.tolist())
    four = org.loc[org["demo_level"].notna(), ["plan", "vehicle", "rules", "atmosphere"]]
    short = set(four.index[~four.fillna(False).astype(bool).all(axis=1)])
    site_problems = {"NO_POSITION", "served_by_below", "INACTIVE_ORG", "TERM_EXPIRED"}
    short |= set().union(*(set(planted[c]) for c in site_problems)) & set(four.index)
    b.planted["DEMO_SITE_BELOW_STANDARD"] = sorted(short)
    honours = b.events["honours"]
    held = set(honours.loc[honours["status"] == "valid", "subject"])
    at_risk_units = set(b.planted["UNCOVERED"]) | set(b.planted["MEMBERS_WITHOUT_ORG"])
    at_risk_orgs = set(lagging) | set().union(
        *(set(b.planted[c]) for c in ("TERM_EXPIRED", "INACTIVE_ORG", "NO_POSITION"))
    )
    b.planted["HONOUR_AT_RISK"] = sorted(held & (at_risk_units | at_risk_orgs))
