"""Node kinds, relationship types and their typed columns (DESIGN §2).

The one place where the schema of a :class:`~graphkit.model.Network` is
written down: which node kinds and relationship types exist, which columns
each carries and with which dtype, and the typed empty frames the loaders and
analyses start from.

Examples
--------
>>> NODE_KINDS["PartyOrg"].columns["term_ends"]
'datetime64[ns]'
>>> REL_TYPES["GUIDES"].targets
('Unit', 'PartyOrg', 'Carrier')
>>> list(empty_rels("PAIRED_WITH").columns)
['source', 'target', 'source_kind', 'target_kind', 'since']

"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import pandas as pd

__all__ = [
    "BOOL",
    "DATE",
    "EVENT_TABLES",
    "FLOAT",
    "FOUR_ONES",
    "INT",
    "NODE_KINDS",
    "RECORD_COLUMNS",
    "REJECT_COLUMNS",
    "REL_BASE_COLUMNS",
    "REL_TYPES",
    "SIX_HAVES",
    "STRING",
    "UNIT_KIND_LABELS",
    "NodeKind",
    "RelType",
    "empty_events",
    "empty_nodes",
    "empty_rejects",
    "empty_rels",
    "typed_frame",
]

STRING = "string"
INT = "Int64"
DATE = "datetime64[ns]"
BOOL = "boolean"
FLOAT = "Float64"

#: The 六有 items of a position (阵地), in the order the campaign lists them.
SIX_HAVES = ("has_site", "has_facilities", "has_sign", "has_flag", "has_reading", "has_rules")
#: The 四个一 items of a demonstration site.
FOUR_ONES = ("plan", "vehicle", "rules", "atmosphere")


@dataclasses.dataclass(frozen=True)
class NodeKind:
    """One node kind: its Neo4j label, ledger table and typed columns."""

    label: str
    table: str | None
    columns: Mapping[str, str]
    attr: str  # the Network attribute that returns its frame


@dataclasses.dataclass(frozen=True)
class RelType:
    """One relationship type: allowed source/target kinds and attribute columns."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    columns: Mapping[str, str] = dataclasses.field(default_factory=dict)


NODE_KINDS: dict[str, NodeKind] = {
    "Unit": NodeKind(
        "Unit",
        "units",
        {
            "name": STRING,
            "kind": STRING,
            "employees": INT,
            "party_members": INT,
            "probationary_members": INT,
            "operation": STRING,
            "workforce": STRING,
            "party_status": STRING,
            "investor": STRING,
            "no_org_reason": STRING,
        },
        "units",
    ),
    "Carrier": NodeKind("Carrier", "carriers", {"name": STRING, "kind": STRING}, "carriers"),
    "PartyOrg": NodeKind(
        "PartyOrg",
        "party_orgs",
        {
            "name": STRING,
            "level": STRING,
            "form": STRING,
            "members": INT,
            "term_ends": DATE,
            "demo_level": STRING,
            "secretary": STRING,
            **dict.fromkeys(FOUR_ONES, BOOL),
            "brand": STRING,
        },
        "party_orgs",
    ),
    "Department": NodeKind(
        "Department",
        "departments",
        {"name": STRING, "party_office_staff": INT, "required_staff": INT},
        "departments",
    ),
    "Street": NodeKind("Street", "streets", {"name": STRING}, "streets"),
    "GuidanceStation": NodeKind("GuidanceStation", None, {"name": STRING}, "stations"),
    "Instructor": NodeKind("Instructor", "instructors", {"name": STRING, "phone": STRING}, "instructors"),
    "Liaison": NodeKind("Liaison", "liaisons", {"name": STRING, "phone": STRING}, "liaisons"),
    "OrganBranch": NodeKind("OrganBranch", "organ_branches", {"name": STRING}, "organ_branches"),
    "Position": NodeKind(
        "Position",
        "positions",
        {"name": STRING, "area": FLOAT, **dict.fromkeys(SIX_HAVES, BOOL)},
        "sites",
    ),
}

REL_TYPES: dict[str, RelType] = {
    "LOCATED_IN": RelType(("Unit",), ("Carrier",)),
    "MEMBER_OF": RelType(("Unit",), ("Carrier",)),
    "IN_STREET": RelType(("Unit", "Carrier", "PartyOrg"), ("Street",)),
    "SUPERVISED_BY": RelType(("Unit",), ("Department",)),
    "COVERED_BY": RelType(("Unit",), ("PartyOrg",)),
    "BASED_AT": RelType(("PartyOrg",), ("Carrier", "Department")),
    "REPORTS_TO": RelType(("PartyOrg",), ("PartyOrg", "Department", "Street")),
    "GUIDES": RelType(("Instructor",), ("Unit", "PartyOrg", "Carrier")),
    "SENT_BY": RelType(("Instructor", "Liaison"), ("Department", "Street")),
    "LIAISES": RelType(("Liaison",), ("Unit", "PartyOrg", "Carrier")),
    "PAIRED_WITH": RelType(("OrganBranch",), ("PartyOrg",), {"since": DATE}),
    "BRANCH_OF": RelType(("OrganBranch",), ("Department",)),
    "SERVES": RelType(("GuidanceStation",), ("Street",)),
    "HOSTED_BY": RelType(("Position",), ("Carrier", "PartyOrg")),
    "USED_BY": RelType(("Position",), ("PartyOrg",)),
}

#: Event tables (DESIGN §4): long tables of dated records, a row per event, kept as typed
#: frames in :attr:`Network.events` rather than as nodes. References are resolved to ids;
#: ``*_kind`` columns say which kind of node an id names.
EVENT_TABLES: dict[str, dict[str, str]] = {
    "activities": {"party_org": STRING, "date": DATE, "type": STRING, "attendees": INT},
    "visits": {
        "person": STRING,
        "person_kind": STRING,
        "target": STRING,
        "target_kind": STRING,
        "date": DATE,
        "matter": STRING,
    },
    "trainings": {
        "person": STRING,
        "role": STRING,
        "party_org": STRING,
        "type": STRING,
        "date": DATE,
        "batch": STRING,
        "level": STRING,
        "hours": FLOAT,
    },
    "honours": {
        "subject": STRING,
        "subject_kind": STRING,
        "type": STRING,
        "level": STRING,
        "date": DATE,
        "status": STRING,
    },
}

#: The one node kind an event table's reference column names, for the columns without a
#: ``<column>_kind`` column of their own (those name several kinds, each row saying which).
EVENT_REF_KINDS: dict[tuple[str, str], str] = {
    ("activities", "party_org"): "PartyOrg",
    ("trainings", "party_org"): "PartyOrg",
}

REL_BASE_COLUMNS = ["source", "target", "source_kind", "target_kind"]

#: Columns of the rejects table: where the row was and why it was not used.
REJECT_COLUMNS = ["table", "file", "sheet", "row", "column", "value", "reason"]

#: Columns that record something a district may not keep yet (DESIGN §5, "Missing versus
#: empty"): node kind -> columns. Without the column (see :meth:`Network.has_column`) the
#: checks that need it are not run; ledgers are written without it, and Neo4j gets a blank
#: value as an empty string so the graph too shows the column was kept.
RECORD_COLUMNS: dict[str, tuple[str, ...]] = {"PartyOrg": ("secretary", *FOUR_ONES, "brand")}

#: Unit.kind values and their extra Neo4j labels.
UNIT_KIND_LABELS = {
    "enterprise": "Enterprise",
    "social_org": "SocialOrg",
    "individual": "IndividualBusiness",
}


def typed_frame(frame: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
    """Return ``frame`` with every schema column present and cast to its dtype."""
    out = frame.copy()
    for col, dtype in columns.items():
        if col not in out.columns:
            out[col] = pd.Series(pd.NA if dtype != DATE else pd.NaT, index=out.index)
        if dtype == DATE:
            out[col] = pd.to_datetime(out[col], errors="coerce").astype(DATE)
        elif str(out[col].dtype) != dtype:
            out[col] = out[col].astype(dtype)
    schema_cols = list(columns)
    return out[schema_cols + [c for c in out.columns if c not in columns]]


def empty_nodes(kind: str) -> pd.DataFrame:
    """Return an empty, typed node frame of ``kind``."""
    frame = pd.DataFrame(index=pd.Index([], dtype=STRING, name="id"))
    return typed_frame(frame, NODE_KINDS[kind].columns)


def empty_rels(rel_type: str) -> pd.DataFrame:
    """Return an empty, typed relationship frame of ``rel_type``."""
    cols = dict.fromkeys(REL_BASE_COLUMNS, STRING) | dict(REL_TYPES[rel_type].columns)
    return typed_frame(pd.DataFrame(), cols)


def empty_events(table: str) -> pd.DataFrame:
    """Return an empty, typed event frame of ``table`` (a key of :data:`EVENT_TABLES`).

    Examples
    --------
    >>> list(empty_events("activities").columns)
    ['party_org', 'date', 'type', 'attendees']

    """
    return typed_frame(pd.DataFrame(), EVENT_TABLES[table])


def empty_rejects() -> pd.DataFrame:
    """Return an empty rejects table."""
    out = pd.DataFrame({c: pd.Series(dtype=STRING) for c in REJECT_COLUMNS})
    out["row"] = out["row"].astype(INT)
    return out
