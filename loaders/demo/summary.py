"""The source report's counts, measured on a network (the demo, or a ledger read back)."""

from __future__ import annotations

import pandas as pd

from graphkit.model import SIX_HAVES, Network

__all__ = ["campaign_figures", "demo_summary"]


def demo_summary(net: Network) -> dict[str, int]:
    """The counts the source report gives, measured on a network (demo or read back).

    Building organisations are party organisations based at a carrier of kind
    building; social-organisation party organisations are those reporting to a
    department; ledger units are units whose ``in_ledger`` is ``"是"`` (all
    units when the column is missing). The campaign's figures: secretaries
    trained by the district (distinct person and organisation of the 区级
    secretary rows) and its batches, the streets' sessions (distinct 街道级
    batches) and person-times (their rows), plaques (units with a valid 党员经营户挂牌)
    and valid 先进基层党组织 honours by level; an event table the network does not
    have counts 0.

    Examples
    --------
    >>> from loaders.demo import demo_district
    >>> s = demo_summary(demo_district())
    >>> s["social_org_party_orgs"], s["district_demo_sites"], s["street_demo_sites"], s["streets"]
    (17, 6, 29, 14)
    >>> s["district_trained_secretaries"], s["street_training_person_times"], s["member_plaques"]
    (183, 987, 216)

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
    small = ~ledger & (units["kind"] != "individual").fillna(True).astype(bool)
    return {
        "units": len(units),
        "ledger_units": int(ledger.sum()),
        "ledger_enterprises": int((ledger & (units["kind"] == "enterprise")).sum()),
        "ledger_social_orgs": int((ledger & (units["kind"] == "social_org")).sum()),
        "small_units_outside_ledger": int(small.sum()),
        "individual_businesses": int((units["kind"] == "individual").sum()),
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
    } | campaign_figures(net)


def campaign_figures(net: Network) -> dict[str, int]:
    """The campaign's counts (see :func:`demo_summary`)."""
    sites = net.sites
    tr, hon = net.trainings, net.honours
    district = tr[tr["level"] == "district"]
    street = tr[tr["level"] == "street"]
    secretaries = district[district["role"] == "secretary"].drop_duplicates(["person", "party_org"])
    valid = hon[hon["status"] == "valid"]
    advanced = valid[valid["type"] == "advanced_org"].drop_duplicates(["subject", "level"])
    return {
        "positions": len(sites),
        "positions_six_haves": int(sites[list(SIX_HAVES)].fillna(False).astype(bool).all(axis=1).sum()),
        "activities": len(net.activities),
        "visits": len(net.visits),
        "trainings": len(tr),
        "district_trained_secretaries": len(secretaries),
        "district_training_batches": int(district["batch"].nunique()),
        "street_training_sessions": int(street["batch"].nunique()),
        "street_training_person_times": len(street),
        "member_plaques": int(valid.loc[valid["type"] == "member_plaque", "subject"].nunique()),
        "city_advanced_orgs": int((advanced["level"] == "city").sum()),
        "province_advanced_orgs": int((advanced["level"] == "province").sum()),
        "honours": len(hon),
    }
