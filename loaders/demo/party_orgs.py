"""Party organisations of every kind, the units each covers, their terms, and the demonstration sites.

Kinds, in order (each a range of positions in ``Builder.org``): the joint
committees and general branches of buildings, the joint branches of
markets, parks and associations, the social organisations' own branches and
their joint branches under a department, and the enterprises' own
organisations. Planted here: levels that do not fit the members, social
organisations filed under the wrong department, expired and expiring terms,
a loop of parent links (two organisations reporting to each other, one its
own parent) and the street without a demonstration site.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from loaders.demo.builder import Builder
from loaders.demo.codes import cat, names_and_phones, numbered_ids
from loaders.demo.words import CIVIL, DEPARTMENTS, NO_DEMO, NUMERALS, STREETS

__all__ = ["demo_sites", "party_orgs", "secretaries"]


def party_orgs(b: Builder) -> None:
    """Every party organisation and what it covers; plants level, attribution and term problems."""
    frames, covered = [], []
    ranges = []
    for make in (_building_orgs, _joint_branches, _own_social_orgs, _joint_social_orgs, _own_orgs):
        offset = sum(len(f) for f in frames)
        frame, cov = make(b, offset)
        frames.append(frame)
        covered.append(cov)
        ranges.append((offset, offset + len(frame)))
    b.joint_range, b.soc_own_range, b.soc_joint_range, b.own_range = ranges[1:]
    org = pd.concat(frames, ignore_index=True)
    org.index = pd.Index(numbered_ids("P", len(org)), name="id")
    pid = org.index.to_numpy()
    cov = pd.concat(covered, ignore_index=True)
    cov["org_id"] = pid[cov["org"].to_numpy()]
    b.org, b.cov = org, cov
    b.planted["ORG_LEVEL_MISMATCH"] = pid[b.own_range[0] + _level_mismatch(b)].tolist()
    b.planted["JOINT_ORG_TOO_LARGE"] = pid[
        b.joint_range[0] : b.joint_range[0] + b.pl["JOINT_ORG_TOO_LARGE"]
    ].tolist()
    _plant_attribution(b)
    _terms(b)
    _plant_parent_loops(b)


def _building_orgs(b: Builder, offset: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A joint committee or general branch in each building, covering every unit in it."""
    u, car = b.unit, b.carrier
    buildings = car.index[car["kind"] == "building"]
    nb = len(buildings)
    members = b.rng.integers(52, 170, nb)
    members[0] = 168
    level = np.where(members >= 100, "committee", "general_branch")
    bname = car.loc[buildings, "name"].to_numpy(dtype=object)
    names = cat("郑州" if nb else "", bname, np.where(level == "committee", "非公联合党委", "非公联合党总支"))
    names = names.to_numpy(dtype=object)
    names[1:] = (
        pd.Series(bname[1:]) + pd.Series(np.where(level[1:] == "committee", "非公联合党委", "非公联合党总支"))
    ).to_numpy()
    frame = pd.DataFrame(
        {
            "kind": "building",
            "name": names,
            "level": level,
            "form": "joint",
            "members": members,
            "base": buildings.to_numpy(),
            "parent": car.loc[buildings, "street"].to_numpy(),
            "street": car.loc[buildings, "street"].to_numpy(),
        }
    )
    in_b = np.isin(u["seg"].to_numpy(), ["bldg_member", "bldg_zero", "soc_bldg", "small"])
    covered = pd.DataFrame(
        {"unit": u.index[in_b], "org": offset + pd.Index(buildings).get_indexer(u["carrier"][in_b])}
    )
    return frame, covered


def _joint_branches(b: Builder, offset: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The joint branches of markets, parks and associations (第二, 第三 ... when a carrier has several)."""
    u, car = b.unit, b.carrier
    nj = len(b.joint_sizes)
    m = u["seg"].to_numpy() == "joint_ent"
    jm = (
        pd.Series(u["party_members"].to_numpy()[m])
        .groupby(u["branch"].to_numpy()[m])
        .sum()
        .reindex(range(nj))
        .to_numpy()
    )
    base = b.joint_base
    nth = pd.Series(base).groupby(base).cumcount().to_numpy()
    nth_word = np.where(
        nth == 0,
        "",
        "第" + pd.Series(np.asarray(list(NUMERALS), dtype=object)[nth % 10]).to_numpy(dtype=object),
    )
    nth_word = np.where(nth >= 10, "第" + pd.Series(nth + 1).astype(str).to_numpy(dtype=object), nth_word)
    frame = pd.DataFrame(
        {
            "kind": "joint",
            "name": cat(car.loc[base, "name"].to_numpy(), nth_word, "联合党支部").to_numpy(),
            "level": "branch",
            "form": "joint",
            "members": jm,
            "base": base,
            "parent": car.loc[base, "street"].to_numpy(),
            "street": car.loc[base, "street"].to_numpy(),
        }
    )
    covered = pd.DataFrame({"unit": u.index[m], "org": offset + u["branch"].to_numpy()[m]})
    return frame, covered


def _own_social_orgs(b: Builder, offset: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Social organisations' own branches, under their supervising department (瑞阳养老院 first)."""
    u = b.unit
    so = u[u["seg"].to_numpy() == "soc_own"]
    frame = pd.DataFrame(
        {
            "kind": "social",
            "name": (so["name"] + "党支部").to_numpy(),
            "level": "branch",
            "form": "own",
            "members": so["party_members"].to_numpy(),
            "base": None,
            "parent": b.dept.index.to_numpy()[so["dept"].to_numpy()],
            "street": so["street"].to_numpy(),
        }
    )
    frame.loc[0, "name"] = "瑞阳养老院党支部"
    covered = pd.DataFrame({"unit": so.index, "org": offset + np.arange(len(so))})
    return frame, covered


def _joint_social_orgs(b: Builder, offset: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Joint branches of social organisations, based at and under their department."""
    u = b.unit
    dept_ids = b.dept.index.to_numpy()
    sj = u[u["seg"].to_numpy() == "soc_joint"]
    first = sj.groupby("branch", sort=True).head(1)
    sj_dept = first["dept"].to_numpy()
    short = np.asarray([DEPARTMENTS[d] for d in sj_dept], dtype=object)
    nth = pd.Series(sj_dept).groupby(sj_dept).cumcount().to_numpy() + 1
    frame = pd.DataFrame(
        {
            "kind": "social",
            "name": cat(short, "社会组织第", nth, "联合党支部").to_numpy(),
            "level": "branch",
            "form": "joint",
            "members": sj.groupby("branch", sort=True)["party_members"].sum().to_numpy(),
            "base": dept_ids[sj_dept],
            "parent": dept_ids[sj_dept],
            "street": first["street"].to_numpy(),
        }
    )
    covered = pd.DataFrame({"unit": sj.index, "org": offset + sj["branch"].to_numpy()})
    return frame, covered


def _level_mismatch(b: Builder) -> np.ndarray:
    """Positions among the enterprises' own organisations planted with a level that does not fit.

    Never the first, 新蒲建设集团.
    """
    return 1 + np.arange(b.pl["ORG_LEVEL_MISMATCH"])


def _own_orgs(b: Builder, offset: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Enterprises' own organisations, their level from their members (planted: a few that do not fit)."""
    u = b.unit
    oe = u[u["seg"].to_numpy() == "own_ent"]
    om = oe["party_members"].to_numpy().copy()
    olevel = np.where(om >= 100, "committee", np.where(om >= 50, "general_branch", "branch"))
    mis = _level_mismatch(b)
    wrong = np.resize([(58, "branch"), (42, "general_branch"), (85, "committee")], (len(mis), 2))
    om[mis] = wrong[:, 0].astype(int)
    olevel[mis] = wrong[:, 1]
    u.loc[oe.index[mis], "party_members"] = om[mis]
    suffix = np.where(
        olevel == "committee", "委员会", np.where(olevel == "general_branch", "党总支", "党支部")
    )
    oname = (oe["name"] + pd.Series(suffix, index=oe.index)).to_numpy(dtype=object)
    oname[0] = "新蒲建设集团党委"
    frame = pd.DataFrame(
        {
            "kind": "own",
            "name": oname,
            "level": olevel,
            "form": "own",
            "members": om,
            "base": None,
            "parent": oe["street"].to_numpy(),
            "street": oe["street"].to_numpy(),
        }
    )
    covered = pd.DataFrame({"unit": oe.index, "org": offset + np.arange(len(oe))})
    return frame, covered


def _plant_attribution(b: Builder) -> None:
    """One own and one joint social organisation filed under the civil-affairs department.

    Their units are supervised by another department.
    """
    org = b.org
    pid = org.index.to_numpy()
    civil = b.dept.index.to_numpy()[CIVIL]
    parent = org["parent"].to_numpy()
    k = b.pl["ATTRIBUTION_MISMATCH"]
    so_own = np.arange(*b.soc_own_range)
    cand_own = so_own[(parent[so_own] != civil)][-math.ceil(k / 2) :]
    sj_pos = np.arange(*b.soc_joint_range)
    cand_joint = sj_pos[parent[sj_pos] != civil]
    rest = k - len(cand_own)
    cand_joint = cand_joint[len(cand_joint) - rest :] if rest > 0 else cand_joint[:0]
    mism = np.concatenate([cand_own, cand_joint]).tolist()
    mism = np.asarray(mism[:k], dtype=int)
    org.loc[pid[mism], "parent"] = civil
    b.planted["ATTRIBUTION_MISMATCH"] = sorted(pid[mism].tolist())


def _terms(b: Builder) -> None:
    """Term ends: 3 years for branches and general branches, 5 for committees; plants expired and expiring."""
    rng, org = b.rng, b.org
    pid = org.index.to_numpy()
    n_org = len(org)
    span = np.where(org["level"].to_numpy() == "committee", 5 * 365, 3 * 365)
    days = rng.integers(200, span)
    ordinary = np.setdiff1d(np.arange(n_org), [0, b.soc_own_range[0], b.own_range[0]])
    chosen = rng.choice(ordinary, b.pl["TERM_EXPIRED"] + b.pl["TERM_EXPIRING"], replace=False)
    expired, expiring = chosen[: b.pl["TERM_EXPIRED"]], chosen[b.pl["TERM_EXPIRED"] :]
    days[expired] = -rng.integers(1, 400, len(expired))
    days[expiring] = rng.integers(5, 170, len(expiring))
    org["term_ends"] = b.as_of + pd.to_timedelta(days, unit="D")
    b.planted["TERM_EXPIRED"] = sorted(pid[expired].tolist())
    b.planted["TERM_EXPIRING"] = sorted(pid[expiring].tolist())


def _plant_parent_loops(b: Builder) -> None:
    """Two enterprises' own organisations reporting to each other, and one that is its own parent.

    The last three own organisations with no other planted problem; an
    enterprise's organisation plays no part in attribution, so nothing else
    changes.
    """
    org = b.org
    taken = {p for code in ("ORG_LEVEL_MISMATCH", "TERM_EXPIRED", "TERM_EXPIRING") for p in b.planted[code]}
    own = [p for p in org.index[b.own_range[0] : b.own_range[1]] if p not in taken][-3:]
    first, second, itself = own
    org.loc[[first, second], "parent"] = [second, first]
    org.loc[itself, "parent"] = itself
    b.planted["PARENT_CYCLE"] = sorted(own)


def secretaries(b: Builder) -> None:
    """A secretary (书记) for every organisation; plants ``NO_SECRETARY`` (a few left blank).

    Names come from the demo's name parts, drawn from a generator of their own
    so the rest of the district is what it was before secretaries were kept.
    The blank ones are the last enterprises' own organisations that no other
    problem was planted on: run it after every other step.
    """
    org = b.org
    names, _ = names_and_phones(np.random.default_rng([b.seed, 1]), len(org))
    org["secretary"] = pd.array(names.to_numpy(), dtype="string")
    taken = {p for ids in b.planted.values() for p in ids}
    free = [p for p in org.index[b.own_range[0] : b.own_range[1]] if p not in taken]
    blank = free[-b.pl["NO_SECRETARY"] :]
    org.loc[blank, "secretary"] = pd.NA
    b.planted["NO_SECRETARY"] = sorted(blank)


def demo_sites(b: Builder) -> None:
    """District- and street-level demonstration sites, one in every street but 须水.

    Plants ``STREET_WITHOUT_DEMO``.
    """
    rng, org = b.rng, b.org
    n = len(org)
    pos = b.street.index.get_indexer(org["street"]) % len(STREETS)
    allowed = np.flatnonzero(pos != NO_DEMO)
    # one site in every street that has one, then the rest at random
    streets_allowed = org["street"].to_numpy()[allowed]
    first = allowed[pd.Series(np.arange(len(allowed))).groupby(streets_allowed).first().to_numpy()]
    k_d, k_s = b.st["district_demo"], b.st["street_demo"]
    flavour = [0, b.soc_own_range[0], b.own_range[0]]  # 锦艺城, 瑞阳养老院, 新蒲建设集团
    rest = rng.permutation(np.setdiff1d(allowed, np.concatenate([first, flavour])))
    district = np.asarray(flavour + rest[: max(0, k_d - 3)].tolist(), dtype=int)[:k_d]
    first = np.setdiff1d(first, district)
    rest = rest[max(0, k_d - 3) :]
    street = np.concatenate([first, rest[: max(0, k_s - len(first))]])[: max(k_s, len(first))]
    level = np.full(n, None, dtype=object)
    level[district] = "district"
    level[street] = "street"
    org["demo_level"] = level
    has = set(org["street"].to_numpy()[level != None])  # noqa: E711 - element-wise
    b.planted["STREET_WITHOUT_DEMO"] = [s for s in b.street.index if s not in has]
