"""The units: where each sits (its segment), its street, members, credit code, name and five clears.

Segments, in order: units in buildings (ledger enterprises with 1–2
members, without members, social organisations, and the small units outside
the ledger), enterprises with their own organisation (some in calm
buildings), enterprises in the joint branches of markets, parks and
associations, enterprises reached by party work only (with the planted
gaps and the candidates for a joint branch), and social organisations
(own organisation, joint branches under their department, party work only).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from loaders.demo.builder import Builder
from loaders.demo.codes import brand_names, cat, choose, credit_codes, pick_text
from loaders.demo.words import (
    CIVIL,
    CULTURE,
    DISABLED,
    EDU,
    HEALTH,
    HR,
    INDUSTRY,
    INVESTOR,
    OPERATION,
    PARTY_STATUS,
    REASON_FEW,
    REASON_NONE,
    REGION,
    SMALL_KIND,
    WORKFORCE,
)

__all__ = ["units"]


def units(b: Builder) -> None:
    """Every unit, in segment order; plants ``SHOULD_FORM_OWN``."""
    u = pd.concat(_segments(b), ignore_index=True)
    _streets_and_kinds(b, u)
    sfo = _members(b, u)
    prefix, foundation = _credit_ids(b, u)
    b.unit = u
    b.planted["SHOULD_FORM_OWN"] = sorted(u.index[sfo].tolist())
    _names(b, prefix, foundation)
    _five_clears(b)


def _part(name: str, n: int, **cols: Any) -> pd.DataFrame:
    # object, not Arrow text: every step reads the segments back as a numpy array, and an object
    # column gives it without making a Python string per unit each time
    frame = pd.DataFrame({"seg": pd.Series(np.full(n, name, dtype=object), dtype=object)})
    for k, v in cols.items():
        frame[k] = v
    return frame


def _segments(b: Builder) -> list[pd.DataFrame]:
    """One frame per segment: its units' carrier, joint branch, supervising department and role."""
    car = b.carrier
    buildings = car.index[car["kind"] == "building"].to_numpy()
    parts = _in_buildings(b, buildings)
    parts.append(_own_enterprises(b, buildings))
    parts.append(_joint_enterprises(b))
    parts.append(_work_enterprises(b))
    parts.extend(_social_orgs(b))
    return parts


def _in_buildings(b: Builder, buildings: np.ndarray) -> list[pd.DataFrame]:
    """Units in buildings (members, no members, social orgs without supervisor, small units)."""
    rng, seg = b.rng, b.seg
    nb = len(buildings)
    n_b = seg["bldg_member"] + seg["bldg_zero"] + seg["soc_bldg"] + seg["small"]
    w = rng.gamma(2.0, 1.0, nb)
    w[0] *= 2.5
    where = np.concatenate([np.arange(nb), rng.choice(nb, n_b - nb, p=w / w.sum())])
    where = rng.permutation(where)
    # the busiest buildings (after 锦艺城) get the instructors who guide a whole building
    busiest = np.argsort(-np.bincount(where, minlength=nb)[1:], kind="stable") + 1
    b.guided_buildings = buildings[np.sort(busiest[: b.pl["BUILDING_INSTRUCTOR"]])]
    cuts = np.cumsum([seg["bldg_member"], seg["bldg_zero"], seg["soc_bldg"]])
    return [
        _part(name, hi - lo, carrier=buildings[where[lo:hi]])
        for name, lo, hi in (
            ("bldg_member", 0, cuts[0]),
            ("bldg_zero", cuts[0], cuts[1]),
            ("soc_bldg", cuts[1], cuts[2]),
            ("small", cuts[2], n_b),
        )
    ]


def _own_enterprises(b: Builder, buildings: np.ndarray) -> pd.DataFrame:
    """Own-organisation enterprises, some of them in buildings no instructor guides whole."""
    n_own = b.seg["own_ent"]
    calm = np.setdiff1d(buildings, b.guided_buildings)
    own_car = np.full(n_own, None, dtype=object)
    k_in = min(b.st["own_in_buildings"], n_own - 1 - b.pl["NO_INSTRUCTOR_ORG"])
    own_car[n_own - k_in :] = calm[b.rng.integers(0, len(calm), k_in)]
    return _part("own_ent", n_own, carrier=own_car)


def _joint_enterprises(b: Builder) -> pd.DataFrame:
    """Enterprises in the joint branches of markets, parks and associations (the first ones too large)."""
    car = b.carrier
    mpa = car.index[car["kind"] != "building"].to_numpy()
    too_large = np.resize([7, 6], b.pl["JOINT_ORG_TOO_LARGE"])
    rest = b.seg["joint_ent"] - too_large.sum()
    sizes = b.rng.integers(2, 6, rest)
    sizes = sizes[: np.searchsorted(np.cumsum(sizes), rest) + 1]
    sizes[-1] = rest - sizes[:-1].sum()
    sizes = np.concatenate([too_large, sizes])
    b.joint_sizes = sizes
    branch_of = np.repeat(np.arange(len(sizes)), sizes)
    base = mpa[np.arange(len(sizes)) % len(mpa)]
    b.joint_base = base
    return _part("joint_ent", len(branch_of), branch=branch_of, carrier=base[branch_of])


def _work_enterprises(b: Builder) -> pd.DataFrame:
    """Enterprises reached by party work only, and the planted gaps among them."""
    car, pl = b.carrier, b.pl
    n_work = b.seg["work_ent"]
    k_unc, k_mwo, k_noi = pl["UNCOVERED"], pl["MEMBERS_WITHOUT_ORG"], pl["NO_INSTRUCTOR_UNIT"]
    role = np.array(["uncovered"] * k_unc + ["mwo"] * k_mwo + ["noi"] * k_noi, dtype=object)
    role = np.concatenate(
        [role, np.resize(["carrier", "liaison", "instructor", "carrier", "liaison"], n_work - len(role))]
    )
    markets_with_org = np.intersect1d(b.joint_base, car.index[car["kind"].isin(["market", "park"])])
    work_car = np.full(n_work, None, dtype=object)
    is_car = role == "carrier"
    if len(markets_with_org):
        work_car[is_car] = markets_with_org[b.rng.integers(0, len(markets_with_org), is_car.sum())]
    else:  # pragma: no cover - every scale has markets with a branch
        role[is_car] = "liaison"
    _joint_candidates(b, role, work_car, markets_with_org)
    return _part("work_ent", n_work, carrier=work_car, role=role)


def _joint_candidates(
    b: Builder, role: np.ndarray, work_car: np.ndarray, markets_with_org: np.ndarray
) -> None:
    """Mark candidates for a joint branch among the liaison-only enterprises (``role`` and ``work_car``).

    Ledger enterprises with 1–2 members and no organisation, sharing a carrier
    whose organisation does not cover them (work coverage only) — alternately
    a building guided whole by one instructor (who reaches them) and a market or park
    (no instructor does).
    """
    k_jb = b.pl["JOINT_CANDIDATES"]
    jb_size = np.resize([2, 3], k_jb)
    liaison_pos = np.flatnonzero(role == "liaison")
    jb_pos = liaison_pos[len(liaison_pos) - jb_size.sum() :]
    g = np.repeat(np.arange(k_jb), jb_size)
    ob = b.guided_buildings
    mk = markets_with_org if len(markets_with_org) else ob
    role[jb_pos] = "jb"
    work_car[jb_pos] = np.where(g % 2 == 0, ob[(g // 2) % len(ob)], mk[(g // 2) % len(mk)])
    # members: 1 + 2 in a group of two, 1 + 1 + 1 in a group of three
    within = np.arange(len(g)) - np.repeat(np.cumsum(jb_size) - jb_size, jb_size)
    b.jb_members = np.where(jb_size[g] == 2, 1 + within, 1)


def _social_orgs(b: Builder) -> list[pd.DataFrame]:
    """Social organisations: own organisation, joint branches of 4 under their department, party work only."""
    n_so = b.seg["soc_own"]
    own_dept = np.resize([CIVIL, EDU, HEALTH, EDU, CIVIL, HEALTH, EDU, CIVIL], n_so)
    n_sj = b.st["soc_joint_orgs"]
    joint_dept = np.resize([EDU, HEALTH, CIVIL], n_sj)
    n_sw = b.seg["soc_work"]
    work_dept = np.resize([CULTURE, HR, DISABLED, EDU, HEALTH, CIVIL, -1], n_sw)
    return [
        _part("soc_own", n_so, dept=own_dept),
        _part("soc_joint", 4 * n_sj, branch=np.repeat(np.arange(n_sj), 4), dept=np.repeat(joint_dept, 4)),
        _part("soc_work", n_sw, dept=work_dept, role=np.resize(["liaison", "instructor"], n_sw)),
    ]


def _streets_and_kinds(b: Builder, u: pd.DataFrame) -> None:
    """Defaults for the columns a segment leaves out, the kind, ``in_ledger`` and the street."""
    n = len(u)
    for col, default in (("carrier", None), ("branch", -1), ("dept", -1), ("role", None)):
        if col not in u:
            u[col] = default
        u[col] = u[col].where(u[col].notna(), default)
    u["dept"] = u["dept"].astype(int)
    u["branch"] = u["branch"].astype(int)
    seg_col = u["seg"].to_numpy()
    social = np.char.startswith(seg_col.astype(str), "soc_")
    u["kind"] = np.where(social, "social_org", "enterprise")
    u["in_ledger"] = np.where(seg_col == "small", "否", "是")
    # streets: carriers' streets, else random
    car_street = u["carrier"].map(b.carrier["street"])
    rand_street = b.street.index.to_numpy()[b.rng.integers(0, len(b.street), n)]
    u["street"] = car_street.where(car_street.notna(), pd.Series(rand_street)).astype(object)


def _full_members(b: Builder, u: pd.DataFrame) -> np.ndarray:
    """Full members of each unit by segment and role (新蒲建设集团 a committee of 186)."""
    rng = b.rng
    n = len(u)
    seg_col = u["seg"].to_numpy()
    full = np.zeros(n, dtype=np.int64)
    m = seg_col == "bldg_member"
    full[m] = rng.integers(1, 3, m.sum())
    m = seg_col == "own_ent"
    r = rng.random(m.sum())
    full[m] = np.where(
        r < 0.9,
        rng.integers(3, 46, m.sum()),
        np.where(r < 0.96, rng.integers(50, 100, m.sum()), rng.integers(100, 261, m.sum())),
    )
    m = seg_col == "joint_ent"
    full[m] = rng.integers(1, 3, m.sum())
    m = np.isin(u["role"].to_numpy(), ["mwo", "noi"])
    full[m] = rng.integers(1, 3, m.sum())
    full[u["role"].to_numpy() == "jb"] = b.jb_members
    m = seg_col == "soc_own"
    full[m] = rng.integers(3, 26, m.sum())
    m = seg_col == "soc_joint"
    full[m] = rng.integers(1, 3, m.sum())
    m = seg_col == "soc_bldg"
    full[m] = np.where(rng.random(m.sum()) < 0.3, 1, 0)
    b.first_own = int(np.flatnonzero(seg_col == "own_ent")[0])
    full[b.first_own] = 186  # 新蒲建设集团: a committee
    return full


def _members(b: Builder, u: pd.DataFrame) -> np.ndarray:
    """Full and probationary members and employees of each unit; the positions planted ``SHOULD_FORM_OWN``."""
    rng = b.rng
    n = len(u)
    seg_col = u["seg"].to_numpy()
    full = _full_members(b, u)
    # planted: units in buildings that should form their own organisation
    bm = np.flatnonzero(seg_col == "bldg_member")
    sfo = bm[: b.pl["SHOULD_FORM_OWN"]]
    full[sfo] = rng.integers(3, 7, len(sfo))
    prob = np.where(rng.random(n) < 0.12, rng.integers(1, 3, n), 0)
    prob[sfo] = 0
    # a few units with two full and two probationary members: probationary never count
    twin = bm[len(sfo) : len(sfo) + max(1, len(bm) // 30)]
    full[twin], prob[twin] = 2, 2
    employees = np.where(
        seg_col == "small",
        rng.integers(1, 8, n),
        np.maximum(8, np.round(rng.lognormal(3.3, 0.9, n)).astype(np.int64)),
    )
    employees = np.maximum(employees, full + prob)
    u["party_members"] = full
    u["probationary_members"] = prob
    u["employees"] = employees
    return sfo


def _credit_ids(b: Builder, u: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Index ``u`` by credit codes with the street's district division code; (prefix, foundation) of each.

    Enterprises are 91, social organisations 52 (51 without a supervising
    department, 53 for every second civil-affairs one reached by party work
    only: a foundation).
    """
    seg_col = u["seg"].to_numpy()
    social = np.char.startswith(seg_col.astype(str), "soc_")
    prefix = np.where(social, "52", "91").astype(object)
    prefix[social & (u["dept"].to_numpy() == -1)] = "51"
    civil_work = (seg_col == "soc_work") & (u["dept"].to_numpy() == CIVIL)
    foundation = civil_work & (np.cumsum(civil_work) % 2 == 0)
    prefix[foundation] = "53"
    division = u["street"].map(b.street["division"]).to_numpy(dtype=object)
    serial = b.rng.permutation(len(u)) + 1
    u.index = pd.Index(credit_codes(prefix, division, serial), name="id")
    return prefix, foundation


def _text(values: pa.Array) -> pd.api.extensions.ExtensionArray:
    """Arrow text as the frame's text dtype (``str``), without a Python object per value."""
    return pd.array(values, dtype="str")


def _names(b: Builder, prefix: np.ndarray, foundation: np.ndarray) -> None:
    """Each unit's name, built in Arrow (the same draws, in the same order, as word by word)."""
    rng, u = b.rng, b.unit
    n = len(u)
    seg_col = u["seg"].to_numpy()
    brand = brand_names(rng, n, 0)
    ent = cat(
        pick_text(rng, REGION, n),
        brand,
        pick_text(rng, INDUSTRY, n),
        choose(rng.random(n) < 0.9, "有限公司", "有限责任公司"),
    )
    small = cat("郑州市中原区", brand, pick_text(rng, SMALL_KIND, n))
    dept = u["dept"].to_numpy()
    vocabulary = ["科技促进会"]
    kind_word = np.zeros(n, dtype=np.int64)
    for d, words in (
        (EDU, ["培训学校", "幼儿园", "艺术培训学校"]),
        (HEALTH, ["诊所", "门诊部", "中医诊所"]),
        (CIVIL, ["养老院", "社会工作服务中心", "颐养中心"]),
        (CULTURE, ["体育俱乐部", "艺术团", "书画院"]),
        (HR, ["职业技能培训学校", "职业培训学校"]),
        (DISABLED, ["康复中心", "残疾人托养中心"]),
        (-1, ["商会", "科技促进会", "志愿者协会", "文化交流协会"]),
    ):
        m = dept == d
        kind_word[m] = len(vocabulary) + rng.integers(0, len(words), m.sum())
        vocabulary += words
    kind_word[foundation] = len(vocabulary)
    vocabulary.append("慈善基金会")
    kinds = pa.array(vocabulary, pa.string()).take(kind_word)
    soc = cat(choose(prefix == "51", "中原区", "郑州市中原区"), brand, kinds)
    name = choose(seg_col == "small", pa.array(small.array), pa.array(ent.array))
    name = choose(u["kind"].to_numpy() == "social_org", pa.array(soc.array), name)
    first_soc = int(np.flatnonzero(seg_col == "soc_own")[0])
    at = np.arange(n)
    at[[b.first_own, first_soc]] = [n, n + 1]
    special = pa.array(["新蒲建设集团有限公司", "郑州市中原区瑞阳养老院"], type=pa.string())
    u["name"] = _text(pa.concat_arrays([name.cast(pa.string()), special]).take(at))


def _five_clears(b: Builder) -> None:
    rng, u = b.rng, b.unit
    n = len(u)
    full = u["party_members"].to_numpy()
    u["operation"] = _text(pick_text(rng, OPERATION, n))
    u["workforce"] = _text(pick_text(rng, WORKFORCE, n))
    no_members = full + u["probationary_members"].to_numpy() == 0
    u["party_status"] = _text(choose(no_members, "无党员", pick_text(rng, PARTY_STATUS, n)))
    u["investor"] = _text(pick_text(rng, INVESTOR, n))
    no_org = np.isin(u["seg"].to_numpy(), ["work_ent", "soc_work"])
    reason = choose(full == 0, pick_text(rng, REASON_NONE, n), pick_text(rng, REASON_FEW, n))
    reason = choose(no_org, reason, None)
    u["no_org_reason"] = _text(choose(u["role"].to_numpy() == "jb", REASON_FEW[0], reason))
