"""Positions (阵地) with the 六有 items, and the demonstration sites' 四个一 items and brands.

One position per carrier that an organisation is based at (a building's,
market's, park's or association's 党群服务中心, hosted by the carrier and used
by the organisations based there, and by the enterprises' own organisations in
a building), and one per other organisation (its 党员活动室, hosted by it). So
every organisation is served by exactly one position, except those planted
with ``NO_POSITION``; the 六有 items are all met except on the positions planted
with ``POSITION_BELOW_STANDARD``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit.model import FOUR_ONES, SIX_HAVES
from loaders.demo.builder import Builder
from loaders.demo.campaign import self_hosted
from loaders.demo.codes import cat, numbered_ids, pick, rel_frame
from loaders.demo.words import DEMO_BRANDS

__all__ = ["four_ones", "positions"]


def positions(b: Builder) -> None:
    """``b.site``, ``HOSTED_BY``, ``USED_BY``; plants ``POSITION_BELOW_STANDARD`` (``b.roles`` say where)."""
    rng = np.random.default_rng([b.seed, 5])
    org, car = b.org, b.carrier
    pid = org.index.to_numpy()
    base = org["base"]
    at_carrier = base.isin(car.index).to_numpy()
    carriers = pd.unique(base[at_carrier].to_numpy())
    hosted = self_hosted(b)
    hosted = hosted[~org.index[hosted].isin(b.planted["NO_POSITION"])]
    n_c, n_o = len(carriers), len(hosted)
    sid = numbered_ids("ZD", n_c + n_o)
    c_area = rng.integers(120, 601, n_c).astype(float)
    c_area[car.loc[carriers, "name"].to_numpy() == "中原新区总部大厦"] = 2500.0  # the seed's 2500 m² 阵地圈
    site = pd.DataFrame(
        {
            "name": pd.concat(
                [
                    cat(car.loc[carriers, "name"].to_numpy(), "党群服务中心"),
                    cat(org["name"].to_numpy()[hosted], "党员活动室"),
                ],
                ignore_index=True,
            ).to_numpy(),
            "area": np.concatenate([c_area, rng.integers(20, 151, n_o).astype(float)]),
        },
        index=pd.Index(sid, name="id"),
    )
    for item in SIX_HAVES:
        site[item] = True
    c_site = pd.Series(sid[:n_c], index=carriers)
    o_site = pd.Series(sid[n_c:], index=pid[hosted])
    below = o_site.reindex(b.served_by_below).to_numpy()
    k = len(below)
    first = rng.integers(0, len(SIX_HAVES), k)
    second = np.where(np.arange(k) % 2 == 0, first, (first + 1 + rng.integers(0, 5, k)) % len(SIX_HAVES))
    six = np.asarray(SIX_HAVES, dtype=object)
    for items in (six[first], six[second]):
        for item in dict.fromkeys(items):
            site.loc[below[items == item], item] = False
    b.site = site
    b.planted["POSITION_BELOW_STANDARD"] = sorted(below.tolist())
    b.add("HOSTED_BY", rel_frame(sid[:n_c], carriers))
    b.add("HOSTED_BY", rel_frame(sid[n_c:], pid[hosted]))
    # used by the organisations based at the carrier, and the own organisations in its building
    unit_of = b.cov.drop_duplicates("org").set_index("org")["unit"]
    own = np.arange(*b.own_range)
    own_car = b.unit["carrier"].reindex(unit_of.reindex(own).to_numpy()).to_numpy()
    in_b = pd.notna(own_car)
    b.add("USED_BY", rel_frame(c_site.reindex(base[at_carrier].to_numpy()).to_numpy(), pid[at_carrier]))
    b.add("USED_BY", rel_frame(c_site.reindex(own_car[in_b]).to_numpy(), pid[own[in_b]]))


def four_ones(b: Builder) -> None:
    """四个一 items (all met but on the planted sites) and a 特色品牌 for every demonstration site."""
    rng = np.random.default_rng([b.seed, 6])
    org = b.org
    demo = org["demo_level"].notna().to_numpy()
    for item in FOUR_ONES:
        org[item] = pd.array(np.where(demo, True, None), dtype="boolean")
    missing = b.roles["demo_four_ones"]
    items = np.asarray(FOUR_ONES, dtype=object)[np.arange(len(missing)) % len(FOUR_ONES)]
    for item in dict.fromkeys(items):
        org.loc[np.asarray(missing, dtype=object)[items == item], item] = False
    brand = np.full(len(org), None, dtype=object)
    brand[demo] = pick(rng, DEMO_BRANDS[3:], int(demo.sum()))
    # the seed's own brands: 新蒲建设集团 "五在", 瑞阳养老院 "党建带院建"
    brand[b.own_range[0]] = DEMO_BRANDS[0] if demo[b.own_range[0]] else None
    brand[b.soc_own_range[0]] = DEMO_BRANDS[1] if demo[b.soc_own_range[0]] else None
    org["brand"] = pd.array(brand, dtype="string")
