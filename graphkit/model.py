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
============== ==============================================================

Relationship types are listed in :data:`REL_TYPES` with their allowed source
and target kinds. References always point from the row that names them:
a unit's ``party_org`` cell becomes ``COVERED_BY`` (Unit→PartyOrg).

Examples
--------
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "U1", "name": "甲公司", "party_members": 2}],
...            "PartyOrg": [{"id": "P1", "name": "甲党支部", "form": "joint"}]},
...     rels={"COVERED_BY": [("U1", "P1")]},
... )
>>> net.counts()["Unit"], net.rel("COVERED_BY").loc[0, "target_kind"]
(np.int64(1), 'PartyOrg')
>>> Network.from_networkx(net.to_networkx()).equals(net)
True

"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "NODE_KINDS",
    "REJECT_COLUMNS",
    "REL_TYPES",
    "Network",
    "NodeKind",
    "RelType",
]

STRING = "string"
INT = "Int64"
DATE = "datetime64[ns]"


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
}

REL_BASE_COLUMNS = ["source", "target", "source_kind", "target_kind"]

#: Columns of the rejects table: where the row was and why it was not used.
REJECT_COLUMNS = ["table", "file", "sheet", "row", "column", "value", "reason"]

#: Unit.kind values and their extra Neo4j labels.
UNIT_KIND_LABELS = {"enterprise": "Enterprise", "social_org": "SocialOrg"}


def _typed(frame: pd.DataFrame, columns: Mapping[str, str]) -> pd.DataFrame:
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
    return _typed(frame, NODE_KINDS[kind].columns)


def empty_rels(rel_type: str) -> pd.DataFrame:
    """Return an empty, typed relationship frame of ``rel_type``."""
    cols = dict.fromkeys(REL_BASE_COLUMNS, STRING) | dict(REL_TYPES[rel_type].columns)
    return _typed(pd.DataFrame(), cols)


def empty_rejects() -> pd.DataFrame:
    """Return an empty rejects table."""
    out = pd.DataFrame({c: pd.Series(dtype=STRING) for c in REJECT_COLUMNS})
    out["row"] = out["row"].astype(INT)
    return out


class Network:
    """Typed frames of one district's (or city's) party-building graph.

    Parameters
    ----------
    nodes
        Node kind → frame indexed by id (or with an ``id`` column). Missing kinds
        are empty; missing schema columns are added empty; values are cast to the
        schema dtypes. Extra columns are kept as extra attributes.
    rels
        Relationship type → frame with ``source`` and ``target`` columns (plus
        the type's attributes). ``source_kind``/``target_kind`` are filled from
        the node frames when absent.
    rejects
        Rows of the input that could not be used (see :data:`REJECT_COLUMNS`).
    findings
        Data-quality findings raised while loading (findings format).
    meta
        Free metadata (source path, created_with, ...).

    Notes
    -----
    Ids are unique across kinds, so one id names one node; a networkx graph
    uses the same ids as node keys. Instances are treated as immutable:
    methods return new networks.

    """

    def __init__(
        self,
        nodes: Mapping[str, pd.DataFrame] | None = None,
        rels: Mapping[str, pd.DataFrame] | None = None,
        *,
        rejects: pd.DataFrame | None = None,
        findings: pd.DataFrame | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        nodes = dict(nodes or {})
        rels = dict(rels or {})
        unknown = (set(nodes) - set(NODE_KINDS)) | (set(rels) - set(REL_TYPES))
        if unknown:
            msg = f"unknown node kinds or relationship types: {sorted(unknown)}"
            raise ValueError(msg)
        self.nodes: dict[str, pd.DataFrame] = {}
        for kind, spec in NODE_KINDS.items():
            frame = nodes.get(kind)
            if frame is None:
                self.nodes[kind] = empty_nodes(kind)
                continue
            if "id" in frame.columns:
                frame = frame.set_index("id")
            frame = frame.copy()
            frame.index = frame.index.astype(STRING)
            frame.index.name = "id"
            self.nodes[kind] = _typed(frame, spec.columns)
        self._kind_index: pd.Series | None = None
        self.rels: dict[str, pd.DataFrame] = {}
        for rel_type, spec in REL_TYPES.items():
            frame = rels.get(rel_type)
            if frame is None or len(frame) == 0:
                self.rels[rel_type] = empty_rels(rel_type)
                continue
            frame = frame.reset_index(drop=True)
            for side in ("source", "target"):
                if f"{side}_kind" not in frame.columns:
                    frame = frame.assign(**{f"{side}_kind": frame[side].astype(STRING).map(self.kinds())})
            cols = dict.fromkeys(REL_BASE_COLUMNS, STRING) | dict(spec.columns)
            self.rels[rel_type] = _typed(frame, cols)
        from graphkit.findings import empty_findings

        self.rejects = empty_rejects() if rejects is None else rejects.reset_index(drop=True)
        self.findings = empty_findings() if findings is None else findings.reset_index(drop=True)
        self.meta: dict[str, Any] = dict(meta or {})

    # ------------------------------------------------------------------ access
    @property
    def units(self) -> pd.DataFrame:
        """Units (enterprises and social organisations), indexed by id."""
        return self.nodes["Unit"]

    @property
    def carriers(self) -> pd.DataFrame:
        """Buildings, markets, parks and associations, indexed by id."""
        return self.nodes["Carrier"]

    @property
    def party_orgs(self) -> pd.DataFrame:
        """Party organisations, indexed by id."""
        return self.nodes["PartyOrg"]

    @property
    def departments(self) -> pd.DataFrame:
        """Departments (supervising units, organ departments), indexed by id."""
        return self.nodes["Department"]

    @property
    def streets(self) -> pd.DataFrame:
        """Subdistricts (街道), indexed by id."""
        return self.nodes["Street"]

    @property
    def stations(self) -> pd.DataFrame:
        """Guidance stations (党建指导站), indexed by id."""
        return self.nodes["GuidanceStation"]

    @property
    def instructors(self) -> pd.DataFrame:
        """Party-building instructors (党建指导员), indexed by id."""
        return self.nodes["Instructor"]

    @property
    def liaisons(self) -> pd.DataFrame:
        """Enterprise liaisons (企业联络员), indexed by id."""
        return self.nodes["Liaison"]

    @property
    def organ_branches(self) -> pd.DataFrame:
        """Organ party branches (机关党支部), indexed by id."""
        return self.nodes["OrganBranch"]

    def rel(self, rel_type: str) -> pd.DataFrame:
        """Return the frame of one relationship type."""
        return self.rels[rel_type]

    def kinds(self) -> pd.Series:
        """Return a Series mapping every node id to its kind."""
        if self._kind_index is None:
            parts = [
                pd.Series(kind, index=frame.index, dtype=STRING)
                for kind, frame in self.nodes.items()
                if len(frame)
            ]
            self._kind_index = pd.concat(parts) if parts else pd.Series(dtype=STRING, index=pd.Index([]))
        return self._kind_index

    def counts(self) -> pd.Series:
        """Number of nodes per kind and relationships per type.

        Examples
        --------
        >>> Network().counts()["Unit"]
        np.int64(0)

        """
        data = {k: len(f) for k, f in self.nodes.items()}
        data |= {t: len(f) for t, f in self.rels.items()}
        return pd.Series(data, dtype="int64", name="count")

    def street_of(self, kind: str = "Unit") -> pd.Series:
        """Street id of each node of ``kind`` (Unit, Carrier or PartyOrg), by IN_STREET."""
        r = self.rels["IN_STREET"]
        r = r[r["source_kind"] == kind].drop_duplicates("source")
        out = r.set_index("source")["target"].reindex(self.nodes[kind].index)
        out.name = "street"
        return out

    def __repr__(self) -> str:
        c = self.counts()
        nodes = sum(c[k] for k in NODE_KINDS)
        rels = sum(c[t] for t in REL_TYPES)
        return (
            f"<Network: {nodes} nodes ({c['Unit']} units), {rels} relationships, "
            f"{len(self.rejects)} rejected rows>"
        )

    # ---------------------------------------------------------------- compare
    def equals(self, other: Network) -> bool:
        """True when both networks hold the same nodes and relationships.

        Row order of relationship frames does not matter; column order of extra
        attributes does not matter.
        """
        for kind in NODE_KINDS:
            a, b = self.nodes[kind], other.nodes[kind]
            if set(a.columns) != set(b.columns):
                return False
            if not a.sort_index().equals(b.sort_index()[a.columns]):
                return False
        for rel_type in REL_TYPES:
            a, b = self.rels[rel_type], other.rels[rel_type]
            if set(a.columns) != set(b.columns):
                return False
            cols = list(a.columns)
            key = ["source", "target"]
            a = a.sort_values(key + cols[4:]).reset_index(drop=True)
            b = b[cols].sort_values(key + cols[4:]).reset_index(drop=True)
            if not a.equals(b):
                return False
        return True

    # ----------------------------------------------------------------- change
    def copy(self) -> Network:
        """Return a deep copy."""
        return Network(
            {k: f.copy() for k, f in self.nodes.items()},
            {t: f.copy() for t, f in self.rels.items()},
            rejects=self.rejects.copy(),
            findings=self.findings.copy(),
            meta=dict(self.meta),
        )

    def without(self, ids: Iterable[str]) -> Network:
        """Return a copy with the given nodes and their relationships removed.

        Examples
        --------
        >>> net = Network.from_records(
        ...     nodes={"Unit": [{"id": "U1"}], "Instructor": [{"id": "I1"}]},
        ...     rels={"GUIDES": [("I1", "U1")]},
        ... )
        >>> len(net.without(["I1"]).rel("GUIDES"))
        0

        """
        drop = pd.Index(list(ids), dtype=STRING)
        nodes = {k: f[~f.index.isin(drop)] for k, f in self.nodes.items()}
        rels = {t: f[~(f["source"].isin(drop) | f["target"].isin(drop))] for t, f in self.rels.items()}
        meta = dict(self.meta)
        meta["without"] = [*meta.get("without", []), *drop.tolist()]
        return Network(nodes, rels, rejects=self.rejects, findings=self.findings, meta=meta)

    # ------------------------------------------------------------ construction
    @classmethod
    def from_records(
        cls,
        nodes: Mapping[str, Iterable[Mapping[str, Any]]] | None = None,
        rels: Mapping[str, Iterable[tuple[str, str] | Mapping[str, Any]]] | None = None,
        **kwargs: Any,
    ) -> Network:
        """Build a network from plain records: the quickest way to a small case.

        Parameters
        ----------
        nodes
            Kind → list of dicts, each with an ``id`` key.
        rels
            Type → list of ``(source, target)`` tuples or dicts with ``source``,
            ``target`` and attributes.
        **kwargs
            Passed on to :class:`Network`.

        """
        node_frames = {
            kind: pd.DataFrame.from_records(list(rows), columns=None)
            if rows
            else empty_nodes(kind).reset_index()
            for kind, rows in (nodes or {}).items()
        }
        for kind, frame in node_frames.items():
            if "id" not in frame.columns:
                msg = f"from_records: every {kind} record needs an 'id'"
                raise ValueError(msg)
        rel_frames = {}
        for rel_type, rows in (rels or {}).items():
            records = [{"source": r[0], "target": r[1]} if isinstance(r, tuple) else dict(r) for r in rows]
            rel_frames[rel_type] = pd.DataFrame.from_records(records)
        return cls(node_frames, rel_frames, **kwargs)

    # ------------------------------------------------------------- networkx
    def to_networkx(self) -> Any:
        """Return a ``networkx.MultiDiGraph`` holding every node and relationship.

        Node keys are ids; each node has ``label`` (its node kind, as in Neo4j)
        and its non-missing attributes (``kind`` is an attribute of units and
        carriers, e.g. ``enterprise`` or ``building``). Each edge has key and
        attribute ``type``. Missing values are left out and the dtypes of extra
        columns are kept in ``graph.graph["extra_dtypes"]``; :meth:`from_networkx`
        restores both, so the pair is lossless.

        Notes
        -----
        Building costs about 40 µs per element (≈40 s for a million units): use
        the frames for analysis and the graph for exploration and drawing.

        """
        import networkx as nx

        g = nx.MultiDiGraph()
        extra_dtypes = {
            kind: {c: str(frame[c].dtype) for c in frame.columns if c not in NODE_KINDS[kind].columns}
            for kind, frame in self.nodes.items()
        }
        g.graph.update(
            {
                "created_with": "graphkit",
                "meta": dict(self.meta),
                "rejects": len(self.rejects),
                "extra_dtypes": {k: v for k, v in extra_dtypes.items() if v},
            }
        )
        for kind, frame in self.nodes.items():
            for node_id, attrs in zip(frame.index, _records(frame), strict=True):
                g.add_node(node_id, label=kind, **attrs)
        for rel_type, frame in self.rels.items():
            attr_cols = [c for c in frame.columns if c not in REL_BASE_COLUMNS]
            src = frame["source"].tolist()
            dst = frame["target"].tolist()
            extra = _records(frame[attr_cols]) if attr_cols else [{}] * len(frame)
            g.add_edges_from(
                (s, t, rel_type, {"type": rel_type, **a}) for s, t, a in zip(src, dst, extra, strict=True)
            )
        return g

    @classmethod
    def from_networkx(cls, graph: Any) -> Network:
        """Build a network from a graph made by :meth:`to_networkx` (or shaped like one).

        Every node needs a ``label`` attribute (a key of :data:`NODE_KINDS`) and
        every edge a ``type`` (a key of :data:`REL_TYPES`).
        """
        by_kind: dict[str, list[dict[str, Any]]] = {k: [] for k in NODE_KINDS}
        for node_id, data in graph.nodes(data=True):
            attrs = {k: v for k, v in data.items() if k != "label"}
            by_kind[data["label"]].append({"id": node_id, **attrs})
        by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in REL_TYPES}
        kind_of = {n: d["label"] for n, d in graph.nodes(data=True)}
        for s, t, data in graph.edges(data=True):
            attrs = {k: v for k, v in data.items() if k != "type"}
            by_type[data["type"]].append(
                {
                    "source": s,
                    "target": t,
                    "source_kind": kind_of[s],
                    "target_kind": kind_of[t],
                    **attrs,
                }
            )
        nodes = {
            k: pd.DataFrame.from_records(v) if v else empty_nodes(k).reset_index() for k, v in by_kind.items()
        }
        rels = {t: pd.DataFrame.from_records(v) for t, v in by_type.items() if v}
        for kind, dtypes in graph.graph.get("extra_dtypes", {}).items():
            frame = nodes[kind]
            for col, dtype in dtypes.items():
                if col in frame.columns:
                    frame[col] = frame[col].astype(dtype)
        meta = dict(graph.graph.get("meta", {}))
        return cls(nodes, rels, meta=meta)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``frame`` as dicts of Python scalars, missing values left out."""
    cols = list(frame.columns)
    arrays = []
    for c in cols:
        s = frame[c]
        if str(s.dtype) == DATE:
            arrays.append([None if pd.isna(v) else v.to_pydatetime().date() for v in s])
        else:
            arrays.append(s.astype(object).where(s.notna(), None).tolist())
    out = []
    for values in zip(*arrays, strict=True) if arrays else [()] * len(frame):
        out.append({c: _py(v) for c, v in zip(cols, values, strict=True) if v is not None})
    return out


def _py(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime().date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value
