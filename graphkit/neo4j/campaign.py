"""The campaign tables in the graph: event nodes, visits, and which records a ledger keeps.

The shape :func:`graphkit.neo4j.push` and :mod:`graphkit.neo4j.admin` write
for the campaign tables of DESIGN §4, and that ``loaders.read_neo4j`` reads
back. Positions are node kinds like any other (``:Position`` with ``name``,
``area`` and the six 六有 booleans; ``HOSTED_BY`` to a carrier or party
organisation, ``USED_BY`` to party organisations). Each row of an event table
becomes one graph element with a stable key, ``id`` = ``<table>:<n>`` (``n``
the running number of the row in :attr:`graphkit.Network.events`, from 1;
also kept as the integer ``seq``):

============  =====================================================================
table         graph
============  =====================================================================
activities    ``(:Activity {id, seq, date, type, attendees})-[:HELD_BY]->(:PartyOrg)``
visits        ``(:Instructor|Liaison)-[:VISITED {id, seq, date, matter}]->(:Unit|PartyOrg|Carrier)``
              — a relationship per visit row (two visits on one day are two)
trainings     ``(:Training {id, seq, person, role, type, date, batch, level, hours})``
              ``-[:FOR_ORG]->(:PartyOrg)`` when the row names an organisation
              (``person`` is a name, as in the ledger: a secretary is trained when a
              row names the same person)
honours       ``(:Honour {id, seq, type, level, date, status})-[:AWARDED_TO]->(:Unit|PartyOrg)``
============  =====================================================================

Every event label has a uniqueness constraint on ``id`` (``VISITED.id`` too),
``date`` is indexed. Pushing again replaces row ``n`` of each table by the
network's row ``n`` and deletes the rows beyond the table's length, so the
graph holds exactly the network's events after every push.

Missing versus empty (DESIGN §5) is kept on one node, ``(:Ledger {id:
'graphkit:ledger', name: '台账记录', tables, columns})``: ``tables`` lists the campaign tables
the source had (:data:`CAMPAIGN_TABLES`, even with no rows) and ``columns``
the record columns it kept (``'PartyOrg.secretary'``, ``'PartyOrg.plan'``,
…: :data:`graphkit.model.RECORD_COLUMNS`), so the twins skip exactly the
checks :func:`graphkit.analysis.analyze` skips. A graph without that node
(pushed before it existed) is read as having no campaign table.

Examples
--------
>>> EVENT_LABELS["activities"], EVENT_RELS["activities"]
('Activity', 'HELD_BY')
>>> event_id("visits", 3)
'visits:3'

"""

from __future__ import annotations

from graphkit.model import EVENT_TABLES, NODE_KINDS, RECORD_COLUMNS

__all__ = [
    "CAMPAIGN_TABLES",
    "EVENT_LABELS",
    "EVENT_REF",
    "EVENT_RELS",
    "LEDGER_ID",
    "LEDGER_LABEL",
    "LEDGER_NAME",
    "VISIT_REL",
    "campaign_labels",
    "campaign_rel_types",
    "event_id",
    "record_column_names",
]

#: The campaign tables whose presence the graph records (positions are nodes, the rest events).
CAMPAIGN_TABLES: tuple[str, ...] = ("positions", *EVENT_TABLES)

#: Event table -> label of its nodes (visits are relationships, see :data:`VISIT_REL`).
EVENT_LABELS: dict[str, str] = {"activities": "Activity", "trainings": "Training", "honours": "Honour"}

#: Event table -> relationship type from the event node (or the visitor) to what it is about.
EVENT_RELS: dict[str, str] = {
    "activities": "HELD_BY",
    "trainings": "FOR_ORG",
    "honours": "AWARDED_TO",
    "visits": "VISITED",
}

#: Event table -> (column holding the referenced id, column holding its kind or None when fixed).
EVENT_REF: dict[str, tuple[str, str | None]] = {
    "activities": ("party_org", None),
    "trainings": ("party_org", None),
    "honours": ("subject", "subject_kind"),
}

VISIT_REL = "VISITED"
LEDGER_LABEL = "Ledger"
LEDGER_ID = "graphkit:ledger"
#: The ledger node's ``name`` (its caption in Browser).
LEDGER_NAME = "台账记录"


def event_id(table: str, n: int) -> str:
    """The key of row ``n`` (from 1) of event table ``table``."""
    return f"{table}:{n}"


def campaign_labels() -> list[str]:
    """Labels of the nodes the campaign tables add (events and the ledger node)."""
    return [*EVENT_LABELS.values(), LEDGER_LABEL]


def campaign_rel_types() -> list[str]:
    """Relationship types the event tables add."""
    return list(EVENT_RELS.values())


def record_column_names() -> list[str]:
    """Every ``Kind.column`` of :data:`~graphkit.model.RECORD_COLUMNS`, as ``Ledger.columns`` lists them.

    Examples
    --------
    >>> record_column_names()[:2]
    ['PartyOrg.secretary', 'PartyOrg.plan']

    """
    return [f"{kind}.{c}" for kind, cols in RECORD_COLUMNS.items() if kind in NODE_KINDS for c in cols]
