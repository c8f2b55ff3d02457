"""Monthly snapshots of the demo district: the campaign's progress, month by month (DESIGN §4, §6).

The last snapshot is the demo district itself; earlier months are derived from
it by taking away what the campaign added since, deterministically from the
seed:

- events (activities, visits, trainings, honours) and pairings dated after
  the month's end;
- a tenth of the enterprises' own organisations with no planted problem,
  formed during the campaign (with their positions: their units had members
  but no organisation before);
- a tenth of the instructors' assignments to units, made during the campaign
  (the visits of an assignment not yet made go too);
- a tenth of the organisations' own positions, built during the campaign, and
  a 六有 item missing, until it was fixed, on a sixth of the others;
- 3 % of the small units, registered during the campaign.

So coverage grows, findings fall and activities, visits, trainings and
plaques add up over the months. Each snapshot carries the same two file
errors as the demo ledger (:func:`~loaders.demo.with_file_errors`).
"""

from __future__ import annotations

import calendar

import numpy as np
import pandas as pd

from graphkit.model import SIX_HAVES, Network
from loaders.demo.problems import with_file_errors

__all__ = ["monthly_snapshots"]


def _month_end(period: pd.Period) -> pd.Timestamp:
    return pd.Timestamp(period.year, period.month, calendar.monthrange(period.year, period.month)[1])


def _added(rng: np.random.Generator, n: int, share: float, months: int) -> np.ndarray:
    """Months back each of ``n`` things was added: ``months`` (always), for ``share`` 0 .. months - 2."""
    age = np.full(n, months, dtype=np.int64)
    later = rng.random(n) < share
    age[later] = rng.integers(0, max(months - 1, 1), int(later.sum()))
    return age


def monthly_snapshots(net: Network, months: int) -> list[tuple[str, Network]]:
    """The demo district as it stood at the end of each of the last ``months`` months.

    Parameters
    ----------
    net
        A network of :func:`~loaders.demo.demo_district` (its ``meta`` gives
        the seed, the as-of date and the planted subjects). It is not changed.
    months
        How many monthly snapshots, the last one the district itself (at least 1).

    Returns
    -------
    list of (str, Network)
        ``("YYYY-MM", snapshot)`` from the earliest month to the as-of month,
        each with the demo's two file errors planted.

    Notes
    -----
    Linear in the size of the network per month: every step is a hash
    look-up (``isin``) or a comparison of dates.

    Examples
    --------
    >>> from loaders.demo import demo_district
    >>> snaps = monthly_snapshots(demo_district(), 3)
    >>> [label for label, _ in snaps]
    ['2026-09', '2026-10', '2026-11']
    >>> [len(s.trainings) for _, s in snaps] == sorted(len(s.trainings) for _, s in snaps)
    True

    """
    if months < 1:
        msg = f"monthly_snapshots: months must be at least 1, got {months}"
        raise ValueError(msg)
    rng = np.random.default_rng([int(net.meta.get("seed", 0)), 11])
    as_of = pd.Timestamp(net.meta["as_of"])
    periods = pd.period_range(end=pd.Period(as_of, "M"), periods=months, freq="M")
    planted = {i for ids in net.meta.get("planted", {}).values() for i in ids}
    orgs = net.party_orgs
    honoured = set(net.honours["subject"])
    young = (orgs["form"] == "own") & orgs["demo_level"].isna() & ~orgs.index.isin(list(planted | honoured))
    org_age = pd.Series(months, index=orgs.index)
    org_age[young] = _added(rng, int(young.sum()), 0.1, months)
    guides = net.rel("GUIDES")
    g_age = _added(rng, len(guides), 0.1, months)
    g_age[(guides["target_kind"] != "Unit").to_numpy() | guides["source"].isin(list(planted)).to_numpy()] = (
        months
    )
    hosted = net.rel("HOSTED_BY")
    own_site = hosted.loc[hosted["target_kind"] == "PartyOrg", ["source", "target"]]
    site_age = pd.Series(months, index=net.sites.index)
    built = _added(rng, len(own_site), 0.1, months)
    built[own_site["source"].isin(list(planted)).to_numpy()] = months
    site_age[own_site["source"].to_numpy()] = built
    fixed = pd.Series(_added(rng, len(site_age), 1 / 6, months), index=site_age.index)
    fixed[site_age.index.isin(list(planted))] = months
    item = pd.Series(
        np.asarray(SIX_HAVES, dtype=object)[rng.integers(0, 6, len(site_age))], index=site_age.index
    )
    units = net.units
    small = (units["in_ledger"] == "否").fillna(False) & (units["kind"] != "individual").fillna(True)
    u_age = pd.Series(months, index=units.index)
    u_age[small.to_numpy()] = _added(rng, int(small.sum()), 0.03, months)
    u_age[units.index.isin(list(planted))] = months
    out = []
    for back, period in zip(range(months - 1, -1, -1), periods, strict=True):
        if back == 0:
            out.append((str(period), with_file_errors(net)))
            continue
        end = _month_end(period)
        gone_orgs = org_age.index[org_age < back]
        gone = [*gone_orgs, *units.index[u_age < back]]
        gone += list(own_site.loc[own_site["target"].isin(gone_orgs), "source"])
        gone += list(site_age.index[site_age < back])
        snap = _at(net, end, back, guides[g_age >= back], fixed, item).without(gone)
        meta = dict(net.meta) | {"snapshot": str(period)}
        meta.pop("without", None)
        out.append((str(period), with_file_errors(snap.replace(meta=meta))))
    return out


def _at(
    net: Network, end: pd.Timestamp, back: int, guides: pd.DataFrame, fixed: pd.Series, item: pd.Series
) -> Network:
    """``net`` without the events and pairings after ``end``, later assignments and later 六有 fixes."""
    rels = dict(net.rels)
    rels["GUIDES"] = guides
    pairs = rels["PAIRED_WITH"]
    rels["PAIRED_WITH"] = pairs[~(pairs["since"] > end).fillna(False)]
    events = {t: net.events[t] for t in net.event_tables}
    for t, frame in events.items():
        events[t] = frame[(frame["date"] <= end).fillna(True).to_numpy(dtype=bool)]
    assigned = pd.concat([guides, rels["LIAISES"]])
    key = events["visits"]["person"] + "|" + events["visits"]["target"]
    events["visits"] = events["visits"][key.isin(assigned["source"] + "|" + assigned["target"]).to_numpy()]
    nodes = dict(net.nodes)
    sites = nodes["Position"].copy()
    for name in SIX_HAVES:
        broken = (fixed < back) & (item == name)
        sites.loc[broken.to_numpy(), name] = False
    nodes["Position"] = sites
    return Network(nodes, rels, meta=net.meta, columns=net.source_columns, events=events)
