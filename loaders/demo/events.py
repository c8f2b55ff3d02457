"""The campaign's event tables: activities, trainings, visits and honours (``Builder.events``).

Every date lies within the year before the as-of date (an old honour up to two
years), counted back from it, so the demo reads the same at any ``as_of``:

- activities (组织生活): a 主题党日 or 党员活动日 every month of the last twelve
  and a 党课 every quarter, from each organisation's first month (some began
  during the campaign) — except the organisations planted ``INACTIVE_ORG``,
  which stopped four months ago or never began;
- trainings (培训记录): the district trains 183 secretaries in three batches
  (区级, 集中轮训 twice, then 初任培训); the streets hold 104 sessions reaching
  987 person-times (街道级), the other secretaries among them — all but the
  secretaries planted ``SECRETARY_UNTRAINED``;
- visits (走访记录): each instructor visits each assignment every 40–80 days,
  the last one at most 60 days ago — except the assignments planted
  ``UNVISITED_CONTACT`` (last visit 100–200 days ago, the first never); the
  liaisons' visits are sparser (their assignments are not checked);
- honours (评选挂牌): a plaque for every 党员经营户, 党员示范店, 五星文明商户,
  文明诚信企业, the demonstration sites, the provincial and municipal advanced
  organisations, and the honours planted at risk.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.demo.builder import Builder
from loaders.demo.codes import cat, kind_of, names_and_phones, pick, renamed
from loaders.demo.words import MATTERS, NUMERALS

__all__ = ["activities", "honours", "trainings", "visits"]


def _days_before(b: Builder, days: np.ndarray | int) -> pd.Series | pd.Timestamp:
    return b.as_of - pd.to_timedelta(days, unit="D")


def activities(b: Builder) -> None:
    """``b.events["activities"]``; plants ``INACTIVE_ORG`` (``b.roles`` say where)."""
    rng = np.random.default_rng([b.seed, 7])
    org, r = b.org, b.roles
    n = len(org)
    first = np.full(n, 11)  # months back of the first activity kept
    ramp = rng.random(n) < 0.15
    first[ramp] = rng.integers(1, 8, int(ramp.sum()))  # began during the campaign
    last = np.zeros(n, dtype=np.int64)  # months back of the last activity
    stopped = org.index.isin(r["lag_a"] + r["lag_b"] + r["demo_inactive"])
    first[stopped], last[stopped] = 11, 4
    first[org.index.isin(r["inactive"])] = -1  # never
    day = rng.integers(0, 25, n)
    monthly = np.where(rng.random(n) < 0.3, "member_day", "theme_day")
    months = pd.period_range(end=pd.Period(b.as_of, "M"), periods=12, freq="M")[::-1]
    starts = months.to_timestamp().to_numpy()
    j = np.tile(np.arange(12), n)
    o = np.repeat(np.arange(n), 12)
    keep = (j <= first[o]) & (j >= last[o])
    j, o = j[keep], o[keep]
    date = starts[j] + day[o].astype("timedelta64[D]")
    quarter = months.month.to_numpy()[j] % 3 == 0
    o_all = np.concatenate([o, o[quarter]])
    d_all = np.concatenate([date, date[quarter] + np.timedelta64(2, "D")])
    kind = np.concatenate([monthly[o], np.full(int(quarter.sum()), "lecture", dtype=object)])
    members = org["members"].fillna(1).to_numpy(dtype=np.int64)[o_all]
    attendees = np.maximum(1, np.round(members * rng.uniform(0.6, 0.95, len(o_all)))).astype(np.int64)
    frame = pd.DataFrame(
        {"party_org": org.index.to_numpy()[o_all], "date": d_all, "type": kind, "attendees": attendees}
    )
    frame = frame[frame["date"] <= b.as_of].sort_values(["date", "party_org"], kind="stable")
    b.events["activities"] = frame.reset_index(drop=True)


def trainings(b: Builder) -> None:
    """``b.events["trainings"]``: the district's three batches and the streets' sessions."""
    rng = np.random.default_rng([b.seed, 8])
    org, st = b.org, b.st
    pid = org.index.to_numpy()
    untrained = org.index.isin(b.planted["SECRETARY_UNTRAINED"])
    eligible = np.flatnonzero(org["secretary"].notna().to_numpy() & ~untrained)
    eligible = rng.permutation(eligible)
    k_d = min(st["district_trained"], len(eligible))
    district, street_sec = eligible[:k_d], eligible[k_d:]
    batch = np.arange(k_d) * 3 // max(k_d, 1)
    secretary = org["secretary"].to_numpy(dtype=object)
    word = np.asarray(list(NUMERALS), dtype=object)[batch]
    d_rows = pd.DataFrame(
        {
            "person": secretary[district],
            "role": "secretary",
            "party_org": pid[district],
            "type": np.asarray(["rotation", "rotation", "induction"], dtype=object)[batch],
            "date": _days_before(b, np.asarray([290, 180, 75])[batch]),
            "batch": cat("区委组织部“两新”党组织书记培训第", word, "批").to_numpy(),
            "level": "district",
            "hours": np.asarray([16.0, 16.0, 24.0])[batch],
        }
    )
    # the streets: the other secretaries, then party workers and members of other organisations
    pool = np.flatnonzero(~untrained)
    n_fill = max(0, st["street_person_times"] - len(street_sec))
    fill = pool[rng.integers(0, len(pool), n_fill)]
    names, _ = names_and_phones(rng, n_fill)
    o = np.concatenate([street_sec, fill])
    person = np.concatenate([secretary[street_sec], names.to_numpy(dtype=object)])
    role = np.concatenate(
        [
            np.full(len(street_sec), "secretary", dtype=object),
            np.where(rng.random(n_fill) < 0.3, "party_worker", "member"),
        ]
    )
    street = org["street"].to_numpy(dtype=object)[o]
    order = np.argsort(street, kind="stable")
    o, person, role, street = o[order], person[order], role[order], street[order]
    session, label_street, local = _sessions(street, st["street_sessions"])
    n_s = len(label_street)
    s_date = _days_before(b, rng.integers(5, 331, n_s))
    s_type = np.where(rng.random(n_s) < 0.8, "topical", "rotation")
    s_hours = rng.integers(2, 5, n_s).astype(float)
    s_label = cat(b.street["name"].reindex(label_street).to_numpy(), "第", local + 1, "期党务培训").to_numpy()
    s_rows = pd.DataFrame(
        {
            "person": person,
            "role": role,
            "party_org": pid[o],
            "type": s_type[session],
            "date": s_date.to_numpy()[session],
            "batch": s_label[session],
            "level": "street",
            "hours": s_hours[session],
        }
    )
    frame = pd.concat([d_rows, s_rows], ignore_index=True)
    b.events["trainings"] = frame.sort_values(["date", "batch"], kind="stable").reset_index(drop=True)


def _sessions(street: np.ndarray, total: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split rows sorted by street into ``total`` sessions (each street's in proportion to its rows).

    Returns each row's session, and each session's street and number within its street.
    """
    streets, start, rows = np.unique(street, return_index=True, return_counts=True)
    quota = total * rows / rows.sum()
    n = np.floor(quota).astype(np.int64)
    extra = total - n.sum()
    n[np.argsort(-(quota - n), kind="stable")[:extra]] += 1
    n = np.clip(n, 1, rows)
    offset = np.cumsum(n) - n
    s = np.repeat(np.arange(len(streets)), rows)
    rank = np.arange(len(street)) - start[s]
    local = rank * n[s] // rows[s]
    session = offset[s] + local
    s_street = np.repeat(streets, n)
    s_local = np.arange(n.sum()) - np.repeat(offset, n)
    return session, s_street, s_local


def visits(b: Builder) -> None:
    """``b.events["visits"]``; plants ``UNVISITED_CONTACT`` (instructors; pairs in ``b.planted_pairs``)."""
    rng = np.random.default_rng([b.seed, 9])
    guides = pd.concat(b.rels["GUIDES"], ignore_index=True).drop_duplicates(["source", "target"])
    guides = guides.reset_index(drop=True)
    n = len(guides)
    src, tgt = guides["source"].to_numpy(dtype=object), guides["target"].to_numpy(dtype=object)
    over = pd.Index(src).isin(b.planted["OVERLOADED_INSTRUCTOR"])
    building = pd.Series(tgt).str.startswith("C").to_numpy(dtype=bool)
    k = b.pl["UNVISITED_CONTACT"]
    n_b = max(1, k // 4) if k >= 3 else 0
    n_o = k // 2
    chosen = np.concatenate(
        [
            rng.choice(np.flatnonzero(over), min(n_o, int(over.sum())), replace=False),
            rng.choice(np.flatnonzero(building), min(n_b, int(building.sum())), replace=False),
            rng.choice(np.flatnonzero(~over & ~building), k - n_o - n_b, replace=False),
        ]
    ).astype(np.int64)
    last = rng.integers(3, 61, n)
    last[chosen] = rng.integers(100, 200, len(chosen))
    every = rng.integers(40, 81, n)
    row = np.repeat(np.arange(n), 6)
    offset = last[row] + np.tile(np.arange(6), n) * every[row]
    keep = (offset < 365) & (row != chosen[0]) if len(chosen) else offset < 365  # the first: never visited
    row, offset = row[keep], offset[keep]
    target = renamed(tgt, b.rename)
    i_rows = pd.DataFrame(
        {"person": src[row], "person_kind": "Instructor", "target": target[row], "days": offset}
    )
    # liaisons: twice a year, their assignments are not checked
    liaises = pd.concat(b.rels["LIAISES"], ignore_index=True).drop_duplicates(["source", "target"])
    m = len(liaises)
    l_row = np.repeat(np.arange(m), 2)
    l_rows = pd.DataFrame(
        {
            "person": liaises["source"].to_numpy(dtype=object)[l_row],
            "person_kind": "Liaison",
            "target": renamed(liaises["target"], b.rename)[l_row],
            "days": rng.integers(20, 360, 2 * m),
        }
    )
    frame = pd.concat([i_rows, l_rows], ignore_index=True)
    frame["target_kind"] = kind_of(frame["target"])
    frame["date"] = _days_before(b, frame["days"].to_numpy())
    frame["matter"] = pick(rng, MATTERS, len(frame))
    frame = frame.drop(columns="days").sort_values(["date", "person"], kind="stable")
    b.events["visits"] = frame.reset_index(drop=True)
    pairs = sorted(zip(src[chosen].tolist(), target[chosen].tolist(), strict=True))
    b.planted_pairs["UNVISITED_CONTACT"] = [list(p) for p in pairs]
    b.planted["UNVISITED_CONTACT"] = sorted({p[0] for p in pairs})


def honours(b: Builder) -> None:
    """``b.events["honours"]``: plaques, shop and enterprise honours, demonstration sites, advanced orgs."""
    rng = np.random.default_rng([b.seed, 10])
    u, org, r, st = b.unit, b.org, b.roles, b.st
    seg = u["seg"].to_numpy()
    full = u["party_members"].to_numpy()
    ind = np.flatnonzero(seg == "individual")
    ind_member = ind[full[ind] > 0]
    shops = np.flatnonzero(((seg == "joint_ent") | (seg == "individual")) & (full > 0))
    own = np.flatnonzero(seg == "own_ent")
    demo = org["demo_level"].notna().to_numpy()
    parts = [
        (u.index[ind], "member_plaque", "district", 150, "valid"),
        (
            u.index[rng.choice(ind_member, min(st["model_shops"], len(ind_member)), replace=False)],
            "model_shop",
            "street",
            60,
            "valid",
        ),
        (
            u.index[rng.choice(shops, min(st["five_star"], len(shops)), replace=False)],
            "five_star",
            "district",
            100,
            "valid",
        ),
        (
            u.index[rng.choice(own, min(st["civilised"], len(own)), replace=False)],
            "civilised",
            "city",
            330,
            "valid",
        ),
        (org.index[demo], "demo_site", org["demo_level"].to_numpy()[demo], 230, "valid"),
        (r["province"], "advanced_org", "province", 152, "valid"),
        (r["city"], "advanced_org", "city", 152, "valid"),
        (r["lag_a"], "advanced_org", "district", 700, "valid"),  # an old honour, now at risk
        (r["unit_at_risk"], "civilised", "district", 420, "valid"),
        (r["unit_revoked"], "five_star", "district", 500, "revoked"),
    ]
    frames = []
    for subject, kind, level, days, status in parts:
        subject = renamed(subject, b.rename)
        frames.append(
            pd.DataFrame({"subject": subject, "type": kind, "level": level, "days": days, "status": status})
        )
    frame = pd.concat(frames, ignore_index=True)
    frame["subject_kind"] = kind_of(frame["subject"])
    frame["date"] = _days_before(b, frame["days"].to_numpy())
    frame = frame[["subject", "subject_kind", "type", "level", "date", "status"]]
    b.events["honours"] = frame.sort_values(["date", "type"], kind="stable").reset_index(drop=True)
