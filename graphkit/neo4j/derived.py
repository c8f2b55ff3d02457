"""What a push writes besides the ledger: captions, analysis results and the load's findings.

:func:`graphkit.neo4j.push` and :mod:`graphkit.neo4j.admin` write, on top of
the ledger's nodes and relationships (shape: :mod:`graphkit.neo4j.push`):

- ``short_name`` on every unit: its name without the place before the trade
  name and the legal form after it (:func:`graphkit.model.short_names`), the
  caption Browser shows, since full names cut to a node's width all read
  “郑州市…”;
- given an analysis (``graphkit neo4j push`` computes one unless
  ``--no-analysis``): ``status`` on units (``own_org``, ``joint_org``,
  ``work_only``, ``uncovered``) and one label of :data:`STATUS_LABELS` each
  (``:Uncovered``, ``:WorkOnly`` …, which Browser's style colours);
  ``reach``, ``contacts`` and ``overloaded`` on instructors, with the label
  ``:Overloaded`` on those over the limit; ``grade`` (``advanced``, ``good``,
  ``fair``, ``lagging``; absent when not graded) and ``fails`` (criteria
  failed) on party organisations. Without an analysis these are absent, and
  a push over a graph that had them removes them;
- ``(:LoadFinding {id: 'load:<n>', seq, code, ...})``, one node per
  data-quality problem found while the ledger was read (``DUPLICATE_ID``,
  ``UNKNOWN_REFERENCE``: :data:`LOAD_CODES`): the reader's record (file,
  sheet, row, column, value, subject …) from which
  :func:`graphkit.findings.load_findings` writes the finding in either
  language, so ``graphkit neo4j analyze`` reports them as ``graphkit analyze``
  does. A network built in Python keeps finished findings instead; those are
  stored as they are (with ``detail``).

``loaders.read_neo4j`` leaves all of this out: it is computed, not ledger data.

Examples
--------
>>> STATUS_LABELS["uncovered"], OVERLOADED_LABEL
('Uncovered', 'Overloaded')
>>> DERIVED_PROPERTIES["Instructor"]
('reach', 'contacts', 'overloaded')
>>> optional_labels("Unit")
['Enterprise', 'SocialOrg', 'IndividualBusiness', 'OwnOrg', 'JointOrg', 'WorkOnly', 'Uncovered']

"""

from __future__ import annotations

from graphkit.model import UNIT_KIND_LABELS

__all__ = [
    "DERIVED_PROPERTIES",
    "LOAD_CODES",
    "LOAD_FINDING_LABEL",
    "OVERLOADED_LABEL",
    "SHORT_NAME",
    "STATUS_LABELS",
    "load_finding_id",
    "optional_labels",
]

SHORT_NAME = "short_name"

#: Coverage status -> the label of the units that have it.
STATUS_LABELS: dict[str, str] = {
    "own_org": "OwnOrg",
    "joint_org": "JointOrg",
    "work_only": "WorkOnly",
    "uncovered": "Uncovered",
}
OVERLOADED_LABEL = "Overloaded"

#: Node kind -> the properties a push derives (never read back as ledger columns).
DERIVED_PROPERTIES: dict[str, tuple[str, ...]] = {
    "Unit": (SHORT_NAME, "status"),
    "Instructor": ("reach", "contacts", "overloaded"),
    "PartyOrg": ("grade", "fails"),
}

#: The finding codes raised while a ledger is read (they describe rows that never reach the graph).
LOAD_CODES: tuple[str, ...] = ("DUPLICATE_ID", "UNKNOWN_REFERENCE")
LOAD_FINDING_LABEL = "LoadFinding"


def optional_labels(kind: str) -> list[str]:
    """The labels besides ``kind`` that a node of ``kind`` may have (a push sets or removes each)."""
    if kind == "Unit":
        return [*dict.fromkeys(UNIT_KIND_LABELS.values()), *STATUS_LABELS.values()]
    if kind == "Instructor":
        return [OVERLOADED_LABEL]
    return []


def load_finding_id(n: int) -> str:
    """The key of the ``n``-th (from 1) load finding node."""
    return f"load:{n}"
