"""个体工商户 in markets: the 党员经营户 the campaign plaques, and the market organisations covering them.

Appended after every other unit and organisation, with a generator of their
own, so the rest of the district is what it was before they were kept. Each
individual business has one full member (some two), except the few planted
with a plaque but no full member (``PLAQUE_WITHOUT_MEMBER``, the plaque comes
with the honours); they sit in the markets, a joint 党总支 (党委 from 100
members) of each market's 个体工商户 covering them — 50 members or more, so
neither its level nor a joint branch's five-unit cap is at fault. Each market
organisation is guided by an instructor with few contacts and paired with an
organ branch with at most two pairings, so it raises nothing either.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.demo.builder import Builder
from loaders.demo.codes import brand_names, cat, credit_codes, names_and_phones, numbered_ids, pick, rel_frame
from loaders.demo.words import INDIVIDUAL_KIND, INVESTOR, OPERATION, PARTY_STATUS, WORKFORCE

__all__ = ["individuals"]

#: Full members of a market organisation, about (at least 50: a 党总支).
_MEMBERS_PER_ORG = 60


def individuals(b: Builder) -> None:
    """Individual businesses, their market organisations, ``COVERED_BY``, ``GUIDES`` and ``PAIRED_WITH``.

    Plants ``PLAQUE_WITHOUT_MEMBER`` (the last few individuals have no full member).
    """
    rng = np.random.default_rng([b.seed, 3])
    n = b.st["individuals"]
    car = b.carrier
    markets = car.index[car["kind"] == "market"].to_numpy()
    market = markets[np.sort(rng.integers(0, len(markets), n))]
    full = np.where(rng.random(n) < 0.85, 1, 2)
    prob = np.zeros(n, dtype=np.int64)
    k_plaque = b.pl["PLAQUE_WITHOUT_MEMBER"]
    full[n - k_plaque :] = 0
    prob[n - k_plaque :: 2] = 1  # a probationary member does not count
    street = car.loc[market, "street"].to_numpy()
    division = b.street.loc[street, "division"].to_numpy(dtype=object)
    ids = credit_codes(np.full(n, "92", dtype=object), division, len(b.unit) + 1 + np.arange(n))
    members = full + prob
    unit = pd.DataFrame(
        {
            "seg": "individual",
            "carrier": market,
            "branch": -1,
            "dept": -1,
            "role": None,
            "kind": "individual",
            "in_ledger": "否",
            "street": street,
            "party_members": full,
            "probationary_members": prob,
            "employees": np.maximum(rng.integers(1, 8, n), members),
            "name": cat("郑州市中原区", brand_names(rng, n, 0), pick(rng, INDIVIDUAL_KIND, n)).to_numpy(),
            "operation": pick(rng, OPERATION, n),
            "workforce": pick(rng, WORKFORCE, n),
            "party_status": np.where(members == 0, "无党员", pick(rng, PARTY_STATUS, n)),
            "investor": np.where(full > 0, "经营者为党员", pick(rng, INVESTOR, n)),
            "no_org_reason": None,
        },
        index=pd.Index(ids, name="id"),
    )
    b.unit = pd.concat([b.unit, unit[b.unit.columns]])
    b.planted["PLAQUE_WITHOUT_MEMBER"] = sorted(ids[n - k_plaque :].tolist())
    _market_orgs(b, rng, unit)


def _market_orgs(b: Builder, rng: np.random.Generator, unit: pd.DataFrame) -> None:
    """Joint organisations of each market's individual businesses, in blocks of about 60 members."""
    full = unit["party_members"].to_numpy()
    total = int(full.sum())
    n_org = max(1, total // _MEMBERS_PER_ORG)
    group = np.minimum((np.cumsum(full) - full) * n_org // max(total, 1), n_org - 1)
    # a block takes the market of its first unit; units are sorted by market
    first = pd.Series(np.arange(len(unit))).groupby(group).first().to_numpy()
    base = unit["carrier"].to_numpy()[first]
    members = np.bincount(group, weights=full, minlength=n_org).astype(np.int64)
    level = np.where(members >= 100, "committee", "general_branch")
    nth = pd.Series(base).groupby(base).cumcount().to_numpy()
    nth_word = np.where(nth == 0, "", "第" + pd.Series(nth + 1).astype(str).to_numpy(dtype=object))
    names = cat(
        b.carrier.loc[base, "name"].to_numpy(),
        nth_word,
        np.where(level == "committee", "个体工商户联合党委", "个体工商户联合党总支"),
    )
    street = b.carrier.loc[base, "street"].to_numpy()
    span = np.where(level == "committee", 5 * 365, 3 * 365)
    secretary, _ = names_and_phones(rng, n_org)
    offset = len(b.org)
    frame = pd.DataFrame(
        {
            "kind": "market",
            "name": names.to_numpy(),
            "level": level,
            "form": "joint",
            "members": members,
            "base": base,
            "parent": street,
            "street": street,
            "term_ends": b.as_of + pd.to_timedelta(rng.integers(200, span), unit="D"),
            "demo_level": None,
            "secretary": pd.array(secretary.to_numpy(), dtype="string"),
        }
    )
    ids = numbered_ids("P", n_org, start=offset + 1, width=len(b.org.index[0]) - 1)
    frame.index = pd.Index(ids, name="id")
    b.org = pd.concat([b.org, frame[b.org.columns]])
    b.market_range = (offset, offset + n_org)
    b.cov = pd.concat(
        [b.cov, pd.DataFrame({"unit": unit.index, "org": offset + group, "org_id": ids[group]})],
        ignore_index=True,
    )
    _guide_and_pair(b, rng, ids)


def _guide_and_pair(b: Builder, rng: np.random.Generator, org_ids: np.ndarray) -> None:
    """Each market organisation to the instructor and organ branch with the fewest contacts and pairings."""
    guides = pd.concat(b.rels["GUIDES"], ignore_index=True).drop_duplicates(["source", "target"])
    special = set(b.planted["OVERLOADED_INSTRUCTOR"]) | set(
        guides.loc[guides["target"].str.startswith("C"), "source"]
    )
    contacts = guides.groupby("source").size()
    contacts = contacts[~contacts.index.isin(list(special))].sort_values(kind="stable")
    take = contacts.index.to_numpy()[np.arange(len(org_ids)) % len(contacts)]
    b.add("GUIDES", rel_frame(take, org_ids))
    pairs = pd.concat(b.rels["PAIRED_WITH"], ignore_index=True)
    count = pairs.groupby("source").size()
    count = count[(count <= 2) & ~count.index.isin(b.planted["OVERPAIRED_ORGAN_BRANCH"])]
    count = count.sort_values(kind="stable")
    branch = count.index.to_numpy()[: len(org_ids)]
    branch = branch[np.arange(len(org_ids)) % len(branch)]
    rel = rel_frame(branch, org_ids)
    rel["since"] = b.as_of - pd.to_timedelta(rng.integers(30, 1500, len(rel)), unit="D")
    b.add("PAIRED_WITH", rel)
