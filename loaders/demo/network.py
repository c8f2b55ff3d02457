"""The finished district as a :class:`graphkit.Network`: node frames, relationships, metadata."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from graphkit.model import FOUR_ONES, Network
from loaders.demo.builder import Builder
from loaders.demo.codes import isin, kind_of, rel_frame, renamed

__all__ = ["network"]

_UNIT_COLUMNS = [
    "name",
    "kind",
    "employees",
    "party_members",
    "probationary_members",
    "operation",
    "workforce",
    "party_status",
    "investor",
    "no_org_reason",
    "in_ledger",
]


def network(b: Builder, *, as_of: dt.date, seed: int, units: int | None) -> Network:
    """The Network of everything the steps made, with the planted credit codes renamed."""
    u = b.unit.set_axis(pd.Index(renamed(b.unit.index, b.rename), name="id"))
    _unit_relationships(b, u)
    units_frame = u[_UNIT_COLUMNS].copy()
    units_frame["in_ledger"] = units_frame["in_ledger"].astype("string")
    nodes = {
        "Unit": units_frame,
        "Carrier": b.carrier[["name", "kind"]],
        "PartyOrg": b.org[
            ["name", "level", "form", "members", "term_ends", "demo_level", "secretary", *FOUR_ONES, "brand"]
        ],
        "Department": b.dept,
        "Street": b.street[["name"]],
        "GuidanceStation": b.station,
        "Instructor": b.instructor,
        "Liaison": b.liaison,
        "OrganBranch": b.organ,
        "Position": b.site,
    }
    rels = {t: pd.concat(f, ignore_index=True) for t, f in b.rels.items()}
    for frame in rels.values():
        frame["source_kind"] = kind_of(frame["source"])
        frame["target_kind"] = kind_of(frame["target"])
    meta = {
        "name": "demo",
        "created_with": "graphkit demo_district",
        "seed": seed,
        "as_of": as_of.isoformat(),
        "units_requested": units,
        "districts": b.districts,
        "planted": {k: sorted(v) for k, v in sorted(b.planted.items())},
        "planted_pairs": {k: sorted(v) for k, v in sorted(b.planted_pairs.items())},
    }
    return Network(nodes, rels, meta=meta, events=b.events)


def _unit_relationships(b: Builder, u: pd.DataFrame) -> None:
    """The relationships of units and organisations, and the renamed units in ``GUIDES`` and ``LIAISES``."""
    org, rename = b.org, b.rename
    b.add("IN_STREET", rel_frame(u.index, u["street"]))
    b.add("IN_STREET", rel_frame(org.index, org["street"]))
    associations = b.carrier.index[b.carrier["kind"] == "association"]
    member = isin(u["carrier"], associations)
    located = u["carrier"].notna().to_numpy() & ~member
    b.add("LOCATED_IN", rel_frame(u.index[located], u["carrier"][located]))
    b.add("MEMBER_OF", rel_frame(u.index[member], u["carrier"][member]))
    sup = u["dept"] >= 0
    b.add("SUPERVISED_BY", rel_frame(u.index[sup], b.dept.index.to_numpy()[u["dept"][sup].to_numpy()]))
    cov_unit = renamed(b.cov["unit"], rename)
    b.add("COVERED_BY", rel_frame(cov_unit, b.cov["org_id"]))
    based = org["base"].notna()
    b.add("BASED_AT", rel_frame(org.index[based], org["base"][based]))
    b.add("REPORTS_TO", rel_frame(org.index, org["parent"]))
    for rel_type in ("GUIDES", "LIAISES"):
        frame = pd.concat(b.rels[rel_type], ignore_index=True)
        frame["target"] = renamed(frame["target"], rename)
        b.rels[rel_type] = [frame]
