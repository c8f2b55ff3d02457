"""Instructors and liaisons: who guides and serves which organisation or unit, and who sent them.

Instructors take the organisations (or one unit each covers), the calm
buildings' first units and the units assigned directly, the busiest
targets first; a few guide one whole busy building each (one contact
however many units: the building party work the seed praises, not
overloaded), two are overloaded through 20–25 units assigned one by one
(20–25 contacts against the limit of 8), and a few are idle.
Liaisons serve the units that rely on them, then enterprises with their
own organisation so that none is idle.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from loaders.demo.builder import Builder
from loaders.demo.codes import isin, names_and_phones, numbered_ids, rel_frame

__all__ = ["people"]


def people(b: Builder) -> None:
    """Instructors, liaisons, ``GUIDES``, ``LIAISES`` and ``SENT_BY``; plants the instructor problems."""
    u = b.unit
    role = u["role"].to_numpy()
    lonely = _lonely_orgs(b)
    iid, sent = _instructors(b, _targets(b, lonely))
    lid, lsent = _liaisons(b)
    b.add("SENT_BY", rel_frame(np.concatenate([iid, lid]), np.concatenate([sent, lsent])))
    mwo = u.index[(role == "mwo") | (role == "noi") | (role == "jb")].tolist()
    b.planted["MEMBERS_WITHOUT_ORG"] = sorted(mwo)
    # candidate joint-branch units in a market or park: no instructor reaches them
    jb = np.flatnonzero(role == "jb")
    jb_alone = np.zeros(len(role), dtype=bool)
    jb_alone[jb] = ~isin(u["carrier"].to_numpy()[jb], b.guided_buildings)
    b.planted["NO_INSTRUCTOR"] = sorted(
        b.planted["NO_INSTRUCTOR"] + u.index[(role == "noi") | jb_alone].tolist()
    )
    b.planted["UNCOVERED"] = sorted(u.index[role == "uncovered"].tolist())


def _lonely_orgs(b: Builder) -> np.ndarray:
    """Organisations nobody reaches: own enterprise organisations outside buildings (positions)."""
    u, pid, cov = b.unit, b.org.index.to_numpy(), b.cov
    own = np.arange(*b.own_range)
    own_units = cov.set_index("org_id").loc[pid[own], "unit"].to_numpy()
    outside = own[pd.isna(u.loc[own_units, "carrier"].to_numpy())]
    outside = outside[~isin(pid[outside], b.planted["ORG_LEVEL_MISMATCH"] + [pid[b.own_range[0]]])]
    lonely = outside[-b.pl["NO_INSTRUCTOR_ORG"] :]
    b.planted["NO_INSTRUCTOR"] = pid[lonely].tolist()
    return lonely


def _targets(b: Builder, lonely: np.ndarray) -> np.ndarray:
    """What instructors guide, the busiest first: each organisation (or one unit it covers) once, ..."""
    u, org, cov = b.unit, b.org, b.cov
    pid = org.index.to_numpy()
    reach_of = cov.groupby("org_id").size()
    role = u["role"].to_numpy()
    targets, reach = [], []
    for lo, hi in (b.own_range, b.soc_own_range, b.joint_range, b.soc_joint_range):
        pos = np.setdiff1d(np.arange(lo, hi), lonely)
        ids = pid[pos]
        if (lo, hi) == b.own_range:  # alternate: the organisation or its unit
            unit_of = cov.drop_duplicates("org_id").set_index("org_id")["unit"]
            ids = np.where(np.arange(len(ids)) % 2 == 0, ids, unit_of.reindex(ids).to_numpy())
        targets.append(ids)
        reach.append(reach_of.reindex(pid[pos]).fillna(1).to_numpy())
    # ... the first unit of each calm building, and the units assigned directly
    nb = (org["kind"] == "building").sum()
    calm = ~isin(org["base"].to_numpy()[:nb], b.guided_buildings)
    first_unit = cov[cov["org"] < nb].drop_duplicates("org").set_index("org")["unit"]
    targets.append(first_unit.reindex(np.flatnonzero(calm)).to_numpy())
    reach.append(np.ones(calm.sum()))
    direct = u.index[(role == "instructor") | (role == "mwo")].to_numpy()
    targets.append(direct)
    reach.append(np.ones(len(direct)))
    order = np.argsort(-np.concatenate(reach), kind="stable")
    return np.concatenate(targets)[order]


def _instructors(b: Builder, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Instructors and ``GUIDES``: (their ids, who sent each); plants overloaded and idle instructors.

    Overloaded means more contacts (distinct targets) than the limit of 8: the planted ones are
    assigned 20–25 units one by one. The instructors who guide one whole building have one
    contact each, however many units the building holds, and are not overloaded.
    """
    u, pl = b.unit, b.pl
    seg_col = u["seg"].to_numpy()
    n_i = b.st["instructors"]
    k_bldg, k_idle, k_over = pl["BUILDING_INSTRUCTOR"], pl["IDLE_INSTRUCTOR"], pl["OVERLOADED_INSTRUCTOR"]
    regular = n_i - k_bldg - k_over - k_idle
    if regular > len(targets):  # more instructors than work: they take units in buildings
        spare = u.index[seg_col == "bldg_zero"].to_numpy()
        targets = np.concatenate([targets, spare[: regular - len(targets)]])
    regular = max(regular, math.ceil(len(targets) / 2))
    n_i = regular + k_bldg + k_over + k_idle
    iid = numbered_ids("I", n_i, width=3)
    names, phones = names_and_phones(b.rng, n_i)
    b.instructor = pd.DataFrame(
        {"name": names.to_numpy(), "phone": phones.to_numpy()}, index=pd.Index(iid, name="id")
    )
    guides = [rel_frame(iid[np.arange(len(targets)) % regular], targets)]
    whole = iid[regular : regular + k_bldg]
    guides.append(rel_frame(whole, b.guided_buildings[: len(whole)]))
    # instructors overloaded through 20–25 units (contacts) assigned one by one: small units of calm
    # buildings, a block of the units sorted by building for each, so others can take some
    over = iid[regular + k_bldg : regular + k_bldg + k_over]
    pool = np.flatnonzero(seg_col == "small")
    pool = pool[~isin(u["carrier"].to_numpy()[pool], b.guided_buildings)]
    pool = pool[np.argsort(u["carrier"].to_numpy()[pool], kind="stable")]
    size = np.resize([23, 21, 25, 20, 24, 22], k_over)
    start = np.arange(k_over) * (len(pool) // k_over)
    take = np.repeat(start, size) + np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size)
    guides.append(rel_frame(np.repeat(over, size), u.index[pool[take]]))
    b.add("GUIDES", pd.concat(guides, ignore_index=True))
    # the building instructors have one contact each: only these are overloaded
    b.planted["OVERLOADED_INSTRUCTOR"] = over.tolist()
    b.planted["IDLE_INSTRUCTOR"] = iid[regular + k_bldg + k_over :].tolist()
    # sent by departments and streets; the overloaded ones by the street of their units
    sent = np.where(
        np.arange(n_i) % 3 == 0,
        b.dept.index.to_numpy()[np.arange(n_i) % len(b.dept)],
        b.street.index.to_numpy()[np.arange(n_i) % len(b.street)],
    )
    sent[regular + k_bldg : regular + k_bldg + k_over] = u["street"].to_numpy()[pool[start]]
    return iid, sent


def _liaisons(b: Builder) -> tuple[np.ndarray, np.ndarray]:
    """Liaisons and ``LIAISES``: (their ids, the department that sent each)."""
    u = b.unit
    role = u["role"].to_numpy()
    n_l = b.st["liaisons"]
    lid = numbered_ids("L", n_l, width=3)
    lnames, lphones = names_and_phones(b.rng, n_l)
    b.liaison = pd.DataFrame(
        {"name": lnames.to_numpy(), "phone": lphones.to_numpy()}, index=pd.Index(lid, name="id")
    )
    # the units they serve, then enterprises with organisations so nobody is idle
    served = u.index[(role == "liaison") | (role == "noi")].to_numpy()
    extra = max(0, n_l - len(served)) + n_l // 2
    fill = u.index[u["seg"].to_numpy() == "own_ent"].to_numpy()
    served = np.concatenate([served, fill[b.rng.permutation(len(fill))[: min(extra, len(fill))]]])
    b.add("LIAISES", rel_frame(lid[np.arange(len(served)) % n_l], served))
    lsent = b.dept.index.to_numpy()[np.arange(n_l) % len(b.dept)]
    return lid, lsent
