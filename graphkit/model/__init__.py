"""The data model of graphkit, written down once (DESIGN §2).

A :class:`Network` holds one typed pandas frame per node kind and one per
relationship type. Node frames are indexed by ``id`` (exact strings, unique
across all kinds); relationship frames have the columns ``source``, ``target``,
``source_kind``, ``target_kind`` and the type's own attributes.

Node kinds and their attribute columns (besides any extra ledger columns):

============== ==============================================================
kind           columns
============== ==============================================================
Unit           name, kind (enterprise|social_org), employees, party_members,
               probationary_members, operation, workforce, party_status,
               investor, no_org_reason
Carrier        name, kind (building|market|park|association)
PartyOrg       name, level (committee|general_branch|branch), form (own|joint),
               members, term_ends, demo_level (district|street)
Department     name, party_office_staff, required_staff
Street         name
GuidanceStation name
Instructor     name, phone
Liaison        name, phone
OrganBranch    name
Position       name, area, the 六有 items has_site, has_facilities, has_sign,
               has_flag, has_reading, has_rules (booleans)
============== ==============================================================

PartyOrg also has ``secretary`` and, for demonstration sites, the 四个一 items
``plan``, ``vehicle``, ``rules``, ``atmosphere`` (booleans) and ``brand``; Unit
kind may also be ``individual`` (个体工商户).

Event tables (activities, visits, trainings, honours; :data:`EVENT_TABLES`) are
long tables of dated records, not graph elements: :attr:`Network.events`.

Relationship types are listed in :data:`REL_TYPES` with their allowed source
and target kinds. References always point from the row that names them:
a unit's ``party_org`` cell becomes ``COVERED_BY`` (Unit→PartyOrg).

The package has these modules: :mod:`~graphkit.model.schema` (kinds, types,
dtypes, typed empty frames), :mod:`~graphkit.model.network` (the immutable
:class:`Network`, its cached look-ups and the networkx converters),
:mod:`~graphkit.model.lookup` (Arrow look-ups of text ids on which the
analyses build), :mod:`~graphkit.model.sources` (where rows came from) and
:mod:`~graphkit.model.names` (short names for captions).

Examples
--------
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "U1", "name": "甲公司", "party_members": 2}],
...            "PartyOrg": [{"id": "P1", "name": "甲党支部", "form": "joint"}]},
...     rels={"COVERED_BY": [("U1", "P1")]},
... )
>>> net.counts["Unit"], net.rel("COVERED_BY").loc[0, "target_kind"]
(np.int64(1), 'PartyOrg')
>>> net.find("甲公司"), net.street_of("Unit").isna().all()
('U1', np.True_)
>>> Network.from_networkx(net.to_networkx()).equals(net)
True

"""

from graphkit.model.lookup import (
    few_positions,
    first_at,
    follow,
    join_positions,
    lookup,
    position_mask,
    positions,
    sorted_unique,
    take_text,
    text_ranks,
)
from graphkit.model.names import short_names
from graphkit.model.network import UNIT_REL_COLUMNS, Network
from graphkit.model.schema import (
    BOOL,
    DATE,
    EVENT_REF_KINDS,
    EVENT_TABLES,
    FLOAT,
    FOUR_ONES,
    INT,
    NODE_KINDS,
    RECORD_COLUMNS,
    REJECT_COLUMNS,
    REL_BASE_COLUMNS,
    REL_TYPES,
    SIX_HAVES,
    STRING,
    UNIT_KIND_LABELS,
    NodeKind,
    RelType,
    empty_events,
    empty_nodes,
    empty_rejects,
    empty_rels,
    typed_frame,
)

__all__ = [
    "BOOL",
    "DATE",
    "EVENT_REF_KINDS",
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
    "UNIT_REL_COLUMNS",
    "Network",
    "NodeKind",
    "RelType",
    "empty_events",
    "empty_nodes",
    "empty_rejects",
    "empty_rels",
    "few_positions",
    "first_at",
    "follow",
    "join_positions",
    "lookup",
    "position_mask",
    "positions",
    "short_names",
    "sorted_unique",
    "take_text",
    "text_ranks",
    "typed_frame",
]
