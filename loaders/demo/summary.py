"""The source report's counts, measured on a network (the demo, or a ledger read back)."""

from __future__ import annotations

import pandas as pd

from graphkit.model import Network

__all__ = ["demo_summary"]


def demo_summary(net: Network) -> dict[str, int]:
    """The counts the source report gives, measured on a network (demo or read back).

    Building organisations are party organisations based at a carrier of kind
    building; social-organisation party organisations are those reporting to a
    department; ledger units are units whose ``in_ledger`` is ``"是"`` (all
    units when the column is missing).

    Examples
    --------
    >>> from loaders.demo import demo_district
    >>> s = demo_summary(demo_district())
    >>> s["social_org_party_orgs"], s["district_demo_sites"], s["street_demo_sites"], s["streets"]
    (17, 6, 29, 14)

    """
    units = net.units
    ledger = units["in_ledger"] == "是" if "in_ledger" in units else pd.Series(True, index=units.index)
    ledger = ledger.fillna(False).astype(bool)
    based = net.rel("BASED_AT")
    buildings = net.carriers.index[net.carriers["kind"] == "building"]
    building_orgs = based.loc[based["target"].isin(buildings), "source"].unique()
    cov = net.rel("COVERED_BY")
    reports = net.rel("REPORTS_TO")
    demo = net.party_orgs["demo_level"]
    return {
        "units": len(units),
        "ledger_units": int(ledger.sum()),
        "ledger_enterprises": int((ledger & (units["kind"] == "enterprise")).sum()),
        "ledger_social_orgs": int((ledger & (units["kind"] == "social_org")).sum()),
        "small_units_outside_ledger": int((~ledger).sum()),
        "party_orgs": len(net.party_orgs),
        "building_orgs": len(building_orgs),
        "units_covered_by_building_orgs": int(cov.loc[cov["target"].isin(building_orgs), "source"].nunique()),
        "social_org_party_orgs": int(reports.loc[reports["target_kind"] == "Department", "source"].nunique()),
        "instructors": len(net.instructors),
        "liaisons": len(net.liaisons),
        "streets": len(net.streets),
        "stations": len(net.stations),
        "district_demo_sites": int((demo == "district").sum()),
        "street_demo_sites": int((demo == "street").sum()),
        "departments": len(net.departments),
        "organ_branches": len(net.organ_branches),
        "pairings": len(net.rel("PAIRED_WITH")),
        "carriers": len(net.carriers),
    }
