"""The :class:`Network` container: typed frames, look-ups and converters.

Examples
--------
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "U1", "name": "甲公司", "party_members": 2}],
...            "PartyOrg": [{"id": "P1", "name": "甲党支部", "form": "joint"}]},
...     rels={"COVERED_BY": [("U1", "P1")]},
... )
>>> net.counts["Unit"], net.rel("COVERED_BY").loc[0, "target_kind"], net.find("甲党支部")
(np.int64(1), 'PartyOrg', 'P1')
>>> Network.from_networkx(net.to_networkx()).equals(net)
True

"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd

from graphkit.findings import empty_findings
from graphkit.kernels import TextIndex, isin
from graphkit.model.lookup import few_positions, first_at, lookup, positions, take_text
from graphkit.model.schema import (
    DATE,
    EVENT_REF_KINDS,
    EVENT_TABLES,
    NODE_KINDS,
    REL_BASE_COLUMNS,
    REL_TYPES,
    STRING,
    empty_events,
    empty_nodes,
    empty_rejects,
    empty_rels,
    typed_frame,
)
from graphkit.model.sources import blank_sources, take_sources, typed_sources

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["UNIT_REL_COLUMNS", "Network"]

T = TypeVar("T")

#: Relationship columns holding unit ids that the analyses all read: :meth:`Network.rel_positions`
#: keeps their positions among the units for the whole column.
UNIT_REL_COLUMNS = (
    ("COVERED_BY", "source"),
    ("LOCATED_IN", "source"),
    ("GUIDES", "target"),
    ("LIAISES", "target"),
    ("MEMBER_OF", "source"),
    ("SUPERVISED_BY", "source"),
    ("IN_STREET", "source"),
)


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
    events
        Event table (a key of :data:`~graphkit.model.EVENT_TABLES`: activities,
        visits, trainings, honours) → frame of its rows, references already
        resolved to ids. Tables given (even empty) are the ones the source
        had, see :meth:`has_table`; the others are empty.
    sources
        Node kind, relationship type or event table → its *sources frame*
        (:mod:`graphkit.model.sources`): ``file``, ``sheet`` and ``row`` of
        the ledger row each row of that frame came from, in the same order
        (one row per row given). Kept in :attr:`sources` and read with
        :meth:`source`, :meth:`node_sources` and :meth:`rel_sources`;
        :meth:`copy`, :meth:`without`, :meth:`replace`, pickling and networkx
        keep them in step. A network built in Python has none (blank).
    positions
        (Relationship type, ``"source"`` or ``"target"``) or (event table,
        reference column) → each row's position among the nodes of the kind
        that row names there (``int64``; -1 where it names none), as a loader
        that has just resolved the references knows them. The kind is the
        row's ``source_kind``/``target_kind`` (``<column>_kind`` for an event
        column that has one; else the one kind the column may name, see
        :data:`~graphkit.model.EVENT_REF_KINDS`). Only a shortcut:
        :meth:`rel_positions` and :meth:`event_positions` answer the same
        without it, by looking the ids up. A network built in Python needs
        none; :meth:`copy`, :meth:`without` and pickling drop them.
    columns
        Node kind → the columns its source had (ledger headers recognised, or
        the columns of the frame given). By default the columns of each frame
        in ``nodes``; kinds not given have none. Kept as
        :attr:`source_columns` and asked by :meth:`has_column`: a column the
        source never had is not the same as one left blank (DESIGN §5,
        "Missing versus empty"), though both read as missing values in the
        frames, where every schema column is present.

    Notes
    -----
    Ids are unique across kinds, so one id names one node; a networkx graph
    uses the same ids as node keys.

    A network is immutable: its attributes cannot be reassigned and its frames
    must not be written into (methods such as :meth:`without` return a new
    network). That is what lets it answer look-ups — :meth:`find`,
    :meth:`pairs`, :meth:`positions`, :meth:`rel_positions`,
    :meth:`street_of` — from a cache it keeps for its lifetime.

    """

    def __init__(
        self,
        nodes: Mapping[str, pd.DataFrame] | None = None,
        rels: Mapping[str, pd.DataFrame] | None = None,
        *,
        rejects: pd.DataFrame | None = None,
        findings: pd.DataFrame | None = None,
        meta: Mapping[str, Any] | None = None,
        columns: Mapping[str, Iterable[str]] | None = None,
        events: Mapping[str, pd.DataFrame] | None = None,
        sources: Mapping[str, pd.DataFrame] | None = None,
        positions: Mapping[tuple[str, str], np.ndarray] | None = None,
    ) -> None:
        nodes = dict(nodes or {})
        rels = dict(rels or {})
        events = dict(events or {})
        unknown = (
            (set(nodes) - set(NODE_KINDS)) | (set(rels) - set(REL_TYPES)) | (set(events) - set(EVENT_TABLES))
        )
        if unknown:
            msg = f"unknown node kinds or relationship types: {sorted(unknown)}"
            raise ValueError(msg)
        self.nodes: dict[str, pd.DataFrame] = {}
        given: dict[str, frozenset[str]] = {}
        for kind, spec in NODE_KINDS.items():
            frame = nodes.get(kind)
            if frame is None:
                self.nodes[kind] = empty_nodes(kind)
                continue
            if "id" in frame.columns:
                frame = frame.set_index("id")
            given[kind] = frozenset(str(c) for c in frame.columns)
            frame = frame.copy()
            frame.index = frame.index.astype(STRING)
            frame.index.name = "id"
            self.nodes[kind] = typed_frame(frame, spec.columns)
        self._cache: dict[tuple[Any, ...], Any] = {}
        self.rels: dict[str, pd.DataFrame] = {}
        for rel_type, spec in REL_TYPES.items():
            frame = rels.get(rel_type)
            if frame is None or len(frame) == 0:
                self.rels[rel_type] = empty_rels(rel_type)
                continue
            frame = frame.reset_index(drop=True)
            for side in ("source", "target"):
                if f"{side}_kind" not in frame.columns:
                    frame = frame.assign(**{f"{side}_kind": frame[side].astype(STRING).map(self.kinds)})
            cols = dict.fromkeys(REL_BASE_COLUMNS, STRING) | dict(spec.columns)
            self.rels[rel_type] = typed_frame(frame, cols)
        self.events: dict[str, pd.DataFrame] = {
            t: empty_events(t) if t not in events else typed_frame(events[t].reset_index(drop=True), cols)
            for t, cols in EVENT_TABLES.items()
        }
        self.event_tables: frozenset[str] = frozenset(events)
        self.sources: dict[str, pd.DataFrame] = {}
        for key, frame in (sources or {}).items():
            target = self._frame_of(key)
            if len(target):
                self.sources[key] = typed_sources(frame, target.index)
        self._known_at: dict[tuple[str, str], np.ndarray] = {}  # (frame, column) -> int32 positions
        for (key, column), at in (positions or {}).items():
            at = np.asarray(at, dtype=np.int32)  # half the memory; answered as int64
            frame = self.rels.get(key, self.events.get(key))
            if frame is None or column not in frame.columns or len(at) != len(frame):
                msg = f"positions for {key}.{column}: {len(at)} rows, not one per row of {key}"
                raise ValueError(msg)
            self._known_at[(key, column)] = at
        self.rejects = empty_rejects() if rejects is None else rejects.reset_index(drop=True)
        self.findings = empty_findings() if findings is None else findings.reset_index(drop=True)
        self.meta: dict[str, Any] = dict(meta or {})
        self.source_columns: dict[str, frozenset[str]] = given | {
            k: frozenset(v) for k, v in (columns or {}).items()
        }
        self._frozen = True

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "_frozen", False):
            msg = f"a Network is immutable: build a new one instead of setting {name!r}"
            raise AttributeError(msg)
        object.__setattr__(self, name, value)

    def __getstate__(self) -> dict[str, Any]:
        # the look-up cache is rebuilt on demand, not shipped to another process
        return {k: v for k, v in self.__dict__.items() if k not in ("_cache", "_frozen", "_known_at")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _cache={}, _known_at={}, _frozen=True)

    # ------------------------------------------------------------------ access
    def _frame_of(self, key: str) -> pd.DataFrame:
        if key in NODE_KINDS:
            return self.nodes[key]
        if key in REL_TYPES:
            return self.rels[key]
        if key in EVENT_TABLES:
            return self.events[key]
        msg = f"no node kind, relationship type or event table is called {key!r}"
        raise KeyError(msg)

    def source(self, key: str) -> pd.DataFrame:
        """Where each row of the frame of ``key`` (node kind, relationship type, event table) came from.

        A frame aligned with that frame (same index) with columns ``file``,
        ``sheet`` (categoricals; a CSV has no sheet) and ``row`` (``Int32``,
        as the office sees it in Excel); blank when the network was not read
        from a ledger. Read-only.

        Examples
        --------
        >>> net = Network.from_records(nodes={"Unit": [{"id": "U1"}]})
        >>> net.source("Unit").loc["U1", "row"] is pd.NA
        True

        """
        if key in self.sources:
            return self.sources[key]
        return self.cached(("blank_source", key), lambda net: blank_sources(net._frame_of(key).index))

    def node_sources(self, ids: pd.Series | pd.Index | np.ndarray, kind: str) -> pd.DataFrame:
        """Where each of ``ids`` (nodes of ``kind``) came from; blank rows for ids not of that kind.

        Returns a sources frame on 0..n-1, one row per id. O(n) after the kind's
        id index is hashed.

        Examples
        --------
        >>> from graphkit.model.sources import make_sources
        >>> net = Network({"Unit": pd.DataFrame(index=["U1", "U2"])},
        ...               sources={"Unit": make_sources(["单位.csv"] * 2, [None] * 2, [3, 4])})
        >>> net.node_sources(pd.Series(["U2", "X"]), "Unit")["row"].tolist()
        [4, <NA>]

        """
        index = self.nodes[kind].index
        if 4 * len(ids) < len(index):  # a few findings among a million units: hash the ids, not the index
            at = few_positions(pd.Series(np.asarray(ids, dtype=object), dtype=STRING), index)
        else:
            at = self.positions(ids, kind)
        return take_sources(self.source(kind), at)

    def rel_sources(self, rel_type: str, rows: np.ndarray) -> pd.DataFrame:
        """Where the ``rel_type`` rows at positions ``rows`` came from (``-1``: blank), on 0..n-1."""
        return take_sources(self.source(rel_type), rows)

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

    @property
    def sites(self) -> pd.DataFrame:
        """Positions (阵地) with their 六有 items, indexed by id."""
        return self.nodes["Position"]

    @property
    def activities(self) -> pd.DataFrame:
        """Organisational life (组织生活): one row per activity of a party organisation."""
        return self.events["activities"]

    @property
    def visits(self) -> pd.DataFrame:
        """Visits (走访记录) of instructors and liaisons to their contacts."""
        return self.events["visits"]

    @property
    def trainings(self) -> pd.DataFrame:
        """Training records (培训记录): one row per person trained."""
        return self.events["trainings"]

    @property
    def honours(self) -> pd.DataFrame:
        """Honours and plaques (评选挂牌) held by units and party organisations."""
        return self.events["honours"]

    def rel(self, rel_type: str) -> pd.DataFrame:
        """Return the frame of one relationship type."""
        return self.rels[rel_type]

    def has_table(self, table: str) -> bool:
        """Whether the source had ledger table ``table`` at all (with rows or without).

        A district that keeps no positions, activities, visits, trainings or
        honours table yet has not recorded them, which is not the same as
        recording none (DESIGN §5, "Missing versus empty"): checks that need
        the table are not run without it. Node tables count when their kind's
        frame was given (see :meth:`has_column`), event tables when given in
        ``events``.

        Examples
        --------
        >>> net = Network.from_records(nodes={"Position": []}, events={"activities": pd.DataFrame()})
        >>> net.has_table("positions"), net.has_table("activities"), net.has_table("visits")
        (True, True, False)

        """
        if table in EVENT_TABLES:
            return table in self.event_tables
        kinds = [k for k, spec in NODE_KINDS.items() if spec.table == table]
        if not kinds:
            msg = f"no ledger table is called {table!r}"
            raise KeyError(msg)
        return kinds[0] in self.source_columns

    def has_column(self, kind: str, column: str) -> bool:
        """Whether the source of the ``kind`` nodes had ``column`` at all (blank or not).

        A ledger table read with that header has it, even when every cell is
        blank; a network built in Python has it when the frame (or one of the
        records) given for ``kind`` had it. The frames hold every schema column
        either way; checks that need a record a district may not keep yet (the
        party organisations' ``secretary``) ask this first, and are not run
        without it. :meth:`copy`, :meth:`without`, :meth:`replace`, pickling and
        networkx keep the answer; a network built anew from another's frames
        (``Network(net.nodes, rels)``) has every column unless given
        ``columns=net.source_columns``.

        Examples
        --------
        >>> net = Network.from_records(nodes={"PartyOrg": [{"id": "P1"}, {"id": "P2", "secretary": None}]})
        >>> net.has_column("PartyOrg", "secretary"), net.has_column("PartyOrg", "demo_level")
        (True, False)
        >>> "secretary" in net.party_orgs.columns
        True

        """
        return column in self.source_columns.get(kind, frozenset())

    @property
    def kinds(self) -> pd.Series:
        """A Series mapping every node id to its kind."""
        return self.cached(("kinds",), _kind_index)

    @property
    def counts(self) -> pd.Series:
        """Number of nodes per kind and relationships per type.

        Examples
        --------
        >>> Network().counts["Unit"]
        np.int64(0)

        """
        data = {k: len(f) for k, f in self.nodes.items()}
        data |= {t: len(f) for t, f in self.rels.items()}
        data |= {t: len(f) for t, f in self.events.items()}
        return pd.Series(data, dtype="int64", name="count")

    # ---------------------------------------------------------------- look-ups
    def cached(self, key: tuple[Any, ...], compute: Callable[[Network], T]) -> T:
        """``compute(self)``, worked out once per network and kept under ``key``.

        Analyses use it for values derived from the frames alone (a network is
        immutable, so they never go stale). The cached object is shared:
        treat it as read-only.

        Examples
        --------
        >>> net = Network.from_records(nodes={"Unit": [{"id": "U1"}]})
        >>> net.cached(("n",), lambda n: len(n.units)), net.cached(("n",), lambda n: -1)
        (1, 1)

        """
        if key not in self._cache:
            self._cache[key] = compute(self)
        return self._cache[key]

    def find(self, name_or_id: str, *, kind: str | None = None) -> str:
        """The id of the node named ``name_or_id``: an id, or else an exact name.

        Parameters
        ----------
        name_or_id
            A node id, or the exact name of one node.
        kind
            Look among nodes of this kind only (a key of :data:`NODE_KINDS`).

        Raises
        ------
        KeyError
            When nothing has that id or name, or when several nodes share the
            name (the message lists their ids).

        Examples
        --------
        >>> net = Network.from_records(
        ...     nodes={"Unit": [{"id": "U1", "name": "甲公司"}, {"id": "U2", "name": "乙公司"}],
        ...            "Instructor": [{"id": "I1", "name": "甲公司"}]})
        >>> net.find("U2"), net.find("甲公司", kind="Instructor")
        ('U2', 'I1')
        >>> net.find("甲公司")
        Traceback (most recent call last):
        ...
        KeyError: "'甲公司' names 2 nodes (U1 Unit, I1 Instructor): give the id instead"

        """
        text = str(name_or_id)
        kinds = self.kinds if kind is None else pd.Series(kind, index=self.nodes[kind].index, dtype=STRING)
        if text in kinds.index:
            return text
        names = self.cached(("names",), _name_index)
        hits = names[names.eq(text).to_numpy(dtype=bool, na_value=False)]
        if kind is not None:
            hits = hits[self.kinds.reindex(hits.index).eq(kind).to_numpy(dtype=bool, na_value=False)]
        if len(hits) == 1:
            return str(hits.index[0])
        where = f" among {kind} nodes" if kind else ""
        if len(hits) == 0:
            msg = f"no node{where} has the id or name {text!r}"
            raise KeyError(msg)
        listed = ", ".join(f"{i} {self.kinds[i]}" for i in hits.index[:10])
        msg = f"{text!r} names {len(hits)} nodes{where} ({listed}): give the id instead"
        raise KeyError(msg)

    def rel_mask(
        self, rel_type: str, source_kind: str | None = None, target_kind: str | None = None
    ) -> np.ndarray:
        """Which rows of ``rel_type`` have ends of the given kinds (``None``: any).

        An end that names no node of the network has no kind, so it never
        matches a given kind.
        """
        key = ("rel_mask", rel_type, source_kind, target_kind)
        return self.cached(key, lambda net: net._rel_mask(rel_type, source_kind, target_kind)).copy()

    def _rel_mask(self, rel_type: str, source_kind: str | None, target_kind: str | None) -> np.ndarray:
        r = self.rels[rel_type]
        mask = np.ones(len(r), dtype=bool)
        for side, kind in (("source", source_kind), ("target", target_kind)):
            if kind is not None:
                mask &= r[f"{side}_kind"].eq(kind).fillna(False).to_numpy(dtype=bool)
        return mask

    def pairs(
        self, rel_type: str, source_kind: str | None = None, target_kind: str | None = None
    ) -> pd.DataFrame:
        """``source, target`` (text) of the ``rel_type`` rows whose ends have the given kinds.

        Rows keep their order; the index is 0..n-1. A new frame each call (the
        selection itself is cached).

        Examples
        --------
        >>> net = Network.from_records(
        ...     nodes={"Unit": [{"id": "U1"}], "Carrier": [{"id": "C1"}], "Instructor": [{"id": "I1"}]},
        ...     rels={"GUIDES": [("I1", "U1"), ("I1", "C1"), ("I1", "X9")]})
        >>> net.pairs("GUIDES", "Instructor", "Carrier").values.tolist()
        [['I1', 'C1']]

        """
        key = ("pairs", rel_type, source_kind, target_kind)
        return self.cached(key, lambda net: net._select_pairs(rel_type, source_kind, target_kind)).copy()

    def _select_pairs(self, rel_type: str, source_kind: str | None, target_kind: str | None) -> pd.DataFrame:
        mask = self.rel_mask(rel_type, source_kind, target_kind)
        return self.rels[rel_type].loc[mask, ["source", "target"]].astype(STRING).reset_index(drop=True)

    def linked_mask(self, rel_type: str, source_kind: str, target_kind: str | None = None) -> np.ndarray:
        """Which rows of ``rel_type`` join a node of ``source_kind`` to a node of ``target_kind``.

        Unlike :meth:`rel_mask`, both ends must be nodes of this network (an
        end labelled with a kind but absent does not count); ``target_kind``
        ``None`` accepts a target of any kind. Cached; read-only.
        """
        key = ("linked_mask", rel_type, source_kind, target_kind)
        return self.cached(key, lambda net: net._linked_mask(rel_type, source_kind, target_kind))

    def _linked_mask(self, rel_type: str, source_kind: str, target_kind: str | None) -> np.ndarray:
        mask = self.rel_mask(rel_type, source_kind, None)
        mask &= self.rel_positions(rel_type, "source", source_kind) >= 0
        if target_kind is not None:
            mask &= self.rel_mask(rel_type, None, target_kind)
            mask &= self.rel_positions(rel_type, "target", target_kind) >= 0
        else:
            mask &= isin(self.rels[rel_type]["target"], self.kinds.index)
        return mask

    def linked(self, rel_type: str, source_kind: str, target_kind: str | None = None) -> pd.DataFrame:
        """``source, target, target_kind`` (text) of the rows :meth:`linked_mask` keeps, in order.

        A new frame each call (the selection itself is cached).

        Examples
        --------
        >>> net = Network.from_records(
        ...     nodes={"Unit": [{"id": "U1"}], "Instructor": [{"id": "I1"}]},
        ...     rels={"GUIDES": [("I1", "U1"), ("I1", "P9")]})
        >>> net.linked("GUIDES", "Instructor").values.tolist()
        [['I1', 'U1', 'Unit']]

        """
        key = ("linked", rel_type, source_kind, target_kind)
        return self.cached(key, lambda net: net._linked(rel_type, source_kind, target_kind)).copy()

    def _linked(self, rel_type: str, source_kind: str, target_kind: str | None) -> pd.DataFrame:
        rows = self.linked_mask(rel_type, source_kind, target_kind)
        out = self.rels[rel_type].loc[rows, ["source", "target", "target_kind"]]
        return out.astype(STRING).reset_index(drop=True)

    def positions(self, ids: pd.Series | pd.Index | np.ndarray, kind: str) -> np.ndarray:
        """Position of each of ``ids`` among the nodes of ``kind`` (-1 when not one of them).

        Examples
        --------
        >>> net = Network.from_records(nodes={"Unit": [{"id": "U1"}, {"id": "U2"}]})
        >>> net.positions(pd.Series(["U2", "P1"]), "Unit").tolist()
        [1, -1]

        """
        return self.text_index(kind).positions(ids)

    def text_index(self, kind: str) -> TextIndex:
        """The ids of the nodes of ``kind``, hashed once for every look-up among them.

        :meth:`positions` and :meth:`rel_positions` look ids up here, so the
        analyses of one network hash each kind's ids once, not once per
        look-up. Cached; read-only.

        Examples
        --------
        >>> net = Network.from_records(nodes={"Unit": [{"id": "U1"}, {"id": "U2"}]})
        >>> net.text_index("Unit").positions(pd.Series(["U2", "U9"])).tolist()
        [1, -1]

        """
        return self.cached(("text_index", kind), lambda net: TextIndex(net.nodes[kind].index))

    def rel_positions(self, rel_type: str, side: str, kind: str) -> np.ndarray:
        """Position among ``net.nodes[kind]`` of every ``rel_type`` row's ``side`` id (-1 when absent).

        Rows whose ``<side>_kind`` is another kind get -1. Cached; free when
        the loader handed over the positions it found while resolving the
        references, else looked up in :meth:`text_index`, where each kind's
        ids are hashed once per network. Read-only.

        Examples
        --------
        >>> net = Network.from_records(
        ...     nodes={"Unit": [{"id": "U1"}, {"id": "U2"}], "Carrier": [{"id": "C1"}],
        ...            "Street": [{"id": "S1"}]},
        ...     rels={"IN_STREET": [("U2", "S1"), ("C1", "S1")]})
        >>> net.rel_positions("IN_STREET", "source", "Unit").tolist()
        [1, -1]

        """
        return self.cached(
            ("rel_positions", rel_type, side, kind), lambda net: net._rel_positions(rel_type, side, kind)
        )

    def _rel_positions(self, rel_type: str, side: str, kind: str) -> np.ndarray:
        of_kind = self._rel_mask(rel_type, *((kind, None) if side == "source" else (None, kind)))
        known = self._known_at.get((rel_type, side))
        if known is not None:  # the loader's
            return np.where(of_kind, known, np.int64(-1))
        ids = self.rels[rel_type][side]
        if of_kind.all():
            return self.text_index(kind).positions(ids)
        out = np.full(len(ids), -1, dtype=np.int64)  # only the rows of this kind are looked up
        rows = np.flatnonzero(of_kind)
        if len(rows):
            out[rows] = self.text_index(kind).positions(ids.iloc[rows])
        return out

    def event_positions(self, table: str, column: str, kind: str) -> np.ndarray:
        """Position among ``net.nodes[kind]`` of the node each ``table`` row names in ``column`` (-1: none).

        The positional form of ``net.positions(net.events[table][column], kind)``,
        cached, and free when the loader handed over the positions it found
        while resolving the references. Read-only.

        Examples
        --------
        >>> net = Network.from_records(
        ...     nodes={"PartyOrg": [{"id": "P1"}, {"id": "P2"}]},
        ...     events={"activities": pd.DataFrame({"party_org": ["P2", "P9"]})})
        >>> net.event_positions("activities", "party_org", "PartyOrg").tolist()
        [1, -1]

        """
        key = ("event_positions", table, column, kind)
        return self.cached(key, lambda net: net._event_positions(table, column, kind))

    def _event_positions(self, table: str, column: str, kind: str) -> np.ndarray:
        rows = self.events[table]
        known = self._known_at.get((table, column))
        if known is not None:
            if f"{column}_kind" in rows.columns:
                of_kind = rows[f"{column}_kind"].eq(kind).fillna(False).to_numpy(dtype=bool)
                return np.where(of_kind, known, np.int64(-1))
            if EVENT_REF_KINDS.get((table, column)) == kind:
                return known.astype(np.int64)
        return self.text_index(kind).positions(rows[column])

    def position_pairs(
        self, rel_type: str, source_kind: str, target_kind: str
    ) -> tuple[np.ndarray, np.ndarray]:
        """Distinct ``rel_type`` pairs as positions: (source positions, target positions).

        Positions index ``net.nodes[source_kind]`` and ``net.nodes[target_kind]``;
        rows whose ends are not such nodes are left out, repeated pairs kept once,
        in the order first listed. Cached; read-only.

        Examples
        --------
        >>> net = Network.from_records(
        ...     nodes={"Unit": [{"id": "U1"}, {"id": "U2"}], "PartyOrg": [{"id": "P1"}]},
        ...     rels={"COVERED_BY": [("U2", "P1"), ("U1", "P1"), ("U2", "P1")]})
        >>> [a.tolist() for a in net.position_pairs("COVERED_BY", "Unit", "PartyOrg")]
        [[1, 0], [0, 0]]

        """
        key = ("position_pairs", rel_type, source_kind, target_kind)
        return self.cached(key, lambda net: net._position_pairs(rel_type, source_kind, target_kind))

    def _position_pairs(
        self, rel_type: str, source_kind: str, target_kind: str
    ) -> tuple[np.ndarray, np.ndarray]:
        rows = self.rel_mask(rel_type, source_kind, target_kind)
        source = self.rel_positions(rel_type, "source", source_kind)[rows]
        target = self.rel_positions(rel_type, "target", target_kind)[rows]
        keep = (source >= 0) & (target >= 0)
        source, target = source[keep], target[keep]
        _, first = np.unique(source * max(len(self.nodes[target_kind]), 1) + target, return_index=True)
        first.sort()
        return source[first], target[first]

    def first_rows(self, rel_type: str, source_kind: str, target_kind: str | None = None) -> np.ndarray:
        """For each node of ``source_kind``, the first ``rel_type`` row from it (-1 when none).

        Only rows whose target is of ``target_kind`` count (``None``: any
        kind); rows index ``net.rels[rel_type]``. The positional form of
        ``net.pairs(rel_type, source_kind, target_kind).drop_duplicates("source")``.
        Cached; read-only.

        Examples
        --------
        >>> net = Network.from_records(
        ...     nodes={"Unit": [{"id": "U1"}, {"id": "U2"}], "Street": [{"id": "S1"}, {"id": "S2"}]},
        ...     rels={"IN_STREET": [("U2", "S1"), ("U2", "S2")]})
        >>> net.first_rows("IN_STREET", "Unit", "Street").tolist()
        [-1, 0]

        """
        key = ("first_rows", rel_type, source_kind, target_kind)
        return self.cached(key, lambda net: net._first_of(rel_type, source_kind, target_kind, "source"))

    def _first_of(self, rel_type: str, source_kind: str, target_kind: str | None, side: str) -> np.ndarray:
        """The first ``rel_type`` row (of the given kinds) naming each node on ``side``."""
        rows = self.rel_mask(rel_type, source_kind, target_kind)
        kind = source_kind if side == "source" else target_kind
        assert kind is not None
        key = ("rel_positions", rel_type, side, kind)
        known = self._known_at.get((rel_type, side))
        if known is not None:  # the loader's: ``rows`` holds only ends of this kind
            where = np.where(rows, known, -1)
        elif key in self._cache or (kind == "Unit" and (rel_type, side) in UNIT_REL_COLUMNS):
            where = np.where(rows, self.rel_positions(rel_type, side, kind), -1)
        else:  # only the rows of that kind: a few of a long frame (IN_STREET from organisations)
            where = np.full(len(rows), -1, dtype=np.int64)
            where[rows] = self.text_index(kind).positions(self.rels[rel_type][side][rows])
        return first_at(where, len(self.nodes[kind]))

    def first_sources(self, rel_type: str, source_kind: str, target_kind: str) -> np.ndarray:
        """For each node of ``target_kind``, the first ``rel_type`` row to it from a ``source_kind`` node.

        -1 when none; the positional form of ``net.pairs(rel_type,
        source_kind, target_kind).drop_duplicates("target")``. Cached; read-only.

        Examples
        --------
        >>> net = Network.from_records(
        ...     nodes={"Unit": [{"id": "U1"}, {"id": "U2"}], "PartyOrg": [{"id": "P1"}, {"id": "P2"}]},
        ...     rels={"COVERED_BY": [("U2", "P2"), ("U1", "P2")]})
        >>> net.first_sources("COVERED_BY", "Unit", "PartyOrg").tolist()
        [-1, 0]

        """
        key = ("first_sources", rel_type, source_kind, target_kind)
        return self.cached(key, lambda net: net._first_of(rel_type, source_kind, target_kind, "target"))

    def street_of(self, kind: str = "Unit") -> pd.Series:
        """Street id of each node of ``kind`` (Unit, Carrier or PartyOrg), by ``IN_STREET``.

        Indexed like ``net.nodes[kind]``; missing where no street is stated.

        Examples
        --------
        >>> import graphkit.datasets
        >>> graphkit.datasets.tiny().street_of("Unit").head(2).tolist()
        ['S1', 'S1']

        """
        return self.cached(("street_of", kind), lambda net: net._street_of(kind)).copy()

    def _street_of(self, kind: str) -> pd.Series:
        rows = self.first_rows("IN_STREET", kind)
        street = take_text(self.rels["IN_STREET"]["target"], rows)
        return pd.Series(street, index=self.nodes[kind].index, name="street")

    def street_names(self, street_ids: pd.Series) -> pd.Series:
        """Street names for a Series of street ids (the id itself when the street has no name).

        Examples
        --------
        >>> import graphkit.datasets
        >>> graphkit.datasets.tiny().street_names(pd.Series(["S2", "S9"])).tolist()
        ['建设路街道', 'S9']

        """
        ids = street_ids.astype(STRING)
        return lookup(ids, self.streets["name"]).fillna(ids).rename(street_ids.name)

    def __repr__(self) -> str:
        c = self.counts
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
        for table in EVENT_TABLES:
            a, b = self.events[table], other.events[table]
            if set(a.columns) != set(b.columns):
                return False
            cols = list(a.columns)
            a = a.sort_values(cols).reset_index(drop=True)
            b = b[cols].sort_values(cols).reset_index(drop=True)
            if not a.equals(b):
                return False
        return self.event_tables == other.event_tables

    # ----------------------------------------------------------------- change
    def copy(self) -> Network:
        """Return a deep copy."""
        return Network(
            {k: f.copy() for k, f in self.nodes.items() if k in self.source_columns},
            {t: f.copy() for t, f in self.rels.items()},
            rejects=self.rejects.copy(),
            findings=self.findings.copy(),
            meta=dict(self.meta),
            columns=self.source_columns,
            events={t: self.events[t].copy() for t in self.event_tables},
            sources={k: f.copy() for k, f in self.sources.items()},
        )

    def replace(
        self,
        *,
        rejects: pd.DataFrame | None = None,
        findings: pd.DataFrame | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> Network:
        """A network with the same nodes and relationships and new rejects, findings or meta.

        The frames are shared, not copied or re-typed (both networks are
        immutable), so this costs nothing at any size.

        Examples
        --------
        >>> net = Network.from_records(nodes={"Unit": [{"id": "U1"}]})
        >>> other = net.replace(meta={"source": "台账.xlsx"})
        >>> other.meta, net.meta, other.units is net.units
        ({'source': '台账.xlsx'}, {}, True)

        """
        state = dict(self.__dict__)
        if rejects is not None:
            state["rejects"] = rejects.reset_index(drop=True)
        if findings is not None:
            state["findings"] = findings.reset_index(drop=True)
        if meta is not None:
            state["meta"] = dict(meta)
        new = object.__new__(Network)
        new.__dict__.update(state)
        return new

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
        # only the kinds the source had, so the copy has no table its source never kept (has_table)
        keep: dict[str, np.ndarray] = {k: ~f.index.isin(drop) for k, f in self.nodes.items()}
        for t, f in self.rels.items():
            keep[t] = ~(f["source"].isin(drop) | f["target"].isin(drop)).to_numpy(dtype=bool)
        nodes = {k: f[keep[k]] for k, f in self.nodes.items() if k in self.source_columns}
        rels = {t: f[keep[t]] for t, f in self.rels.items()}
        events = {}
        for table in self.event_tables:
            f = self.events[table]
            refs = [c for c in ("party_org", "person", "target", "subject") if c in f.columns]
            if table == "trainings":
                refs = ["party_org"]  # a trainee is a name, not a node
            gone = np.zeros(len(f), dtype=bool)
            for c in refs:
                gone |= f[c].isin(drop).to_numpy(dtype=bool, na_value=False)
            events[table] = f[~gone]
            keep[table] = ~gone
        meta = dict(self.meta)
        meta["without"] = [*meta.get("without", []), *drop.tolist()]
        return Network(
            nodes,
            rels,
            rejects=self.rejects,
            findings=self.findings,
            meta=meta,
            columns=self.source_columns,
            events=events,
            sources={k: f[keep[k]] for k, f in self.sources.items()},
        )

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
    def to_networkx(self) -> nx.MultiDiGraph:
        """Return a ``networkx.MultiDiGraph`` holding every node and relationship.

        Node keys are ids; each node has ``node_kind`` (its node kind, the
        Neo4j label), ``label`` (its name, else its id: what drawing tools and
        the export files show) and its non-missing attributes (``kind`` is an
        attribute of units and carriers, e.g. ``enterprise`` or ``building``).
        The names mean the same as in the files of :mod:`graphkit.export`.
        Each edge has key and attribute ``type``. Missing values are left out and the dtypes of extra
        columns are kept in ``graph.graph["extra_dtypes"]``; the event tables
        (activities, visits, trainings, honours) are not graph elements and
        travel as records in ``graph.graph["events"]``; :meth:`from_networkx`
        restores all of it, so the pair is lossless.

        Raises
        ------
        ValueError
            When a node frame has a column named ``node_kind`` or ``label``
            (the names this graph gives the kind and the caption).

        Notes
        -----
        O(nodes + relationships), but with a Python object per element — far
        slower and larger than the frames: use the frames for analysis and the
        graph for exploration and drawing.

        Examples
        --------
        >>> net = Network.from_records(
        ...     nodes={"Unit": [{"id": "U1", "name": "甲公司"}], "Street": [{"id": "S1"}]}
        ... )
        >>> g = net.to_networkx()
        >>> g.nodes["U1"]["node_kind"], g.nodes["U1"]["label"], g.nodes["S1"]["label"]
        ('Unit', '甲公司', 'S1')

        """
        import networkx as nx

        for kind, frame in self.nodes.items():
            taken = [c for c in _GRAPH_NODE_KEYS if c in frame.columns]
            if taken:
                msg = f"to_networkx: {kind} has a column named {taken[0]!r}, which the graph reserves"
                raise ValueError(msg)

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
                "columns": {k: sorted(v) for k, v in self.source_columns.items()},
                "events": {t: _records(self.events[t]) for t in sorted(self.event_tables)},
                "sources": {k: self._source_lists(k) for k in sorted(self.sources)},
            }
        )
        for kind, frame in self.nodes.items():
            for node_id, attrs in zip(frame.index, _records(frame), strict=True):
                g.add_node(node_id, node_kind=kind, label=attrs.get("name", node_id), **attrs)
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
    def from_networkx(cls, graph: nx.Graph) -> Network:
        """Build a network from a graph made by :meth:`to_networkx` (or shaped like one).

        Every node needs a ``node_kind`` attribute (a key of :data:`NODE_KINDS`;
        its ``label``, the caption, is then dropped) and every edge a ``type``
        (a key of :data:`REL_TYPES`). Graphs of older versions, whose ``label``
        held the node kind and which have no ``node_kind``, are read too.

        Raises
        ------
        ValueError
            When a node has no known kind.

        Examples
        --------
        >>> import networkx as nx
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("U1", node_kind="Unit", label="甲公司", name="甲公司")
        >>> g.add_node("S1", label="Street")  # the older form: label is the kind
        >>> g.add_edge("U1", "S1", key="IN_STREET", type="IN_STREET")
        'IN_STREET'
        >>> net = Network.from_networkx(g)
        >>> net.units["name"].tolist(), net.streets.index.tolist()
        (['甲公司'], ['S1'])

        """
        by_kind: dict[str, list[dict[str, Any]]] = {k: [] for k in NODE_KINDS}
        kind_of: dict[Any, str] = {}
        for node_id, data in graph.nodes(data=True):
            kind = _graph_node_kind(node_id, data)
            kind_of[node_id] = kind
            attrs = {k: v for k, v in data.items() if k not in _GRAPH_NODE_KEYS}
            by_kind[kind].append({"id": node_id, **attrs})
        by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in REL_TYPES}
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
        events = {
            t: pd.DataFrame.from_records(rows, columns=list(EVENT_TABLES[t])) if rows else empty_events(t)
            for t, rows in graph.graph.get("events", {}).items()
        }
        sources = {
            k: _aligned_sources(k, lists, nodes.get(k), rels.get(k), events.get(k))
            for k, lists in graph.graph.get("sources", {}).items()
        }
        return cls(
            nodes,
            rels,
            meta=meta,
            columns=graph.graph.get("columns"),
            events=events,
            sources={k: v for k, v in sources.items() if v is not None},
        )

    def _source_lists(self, key: str) -> dict[str, list[Any]]:
        """The sources of ``key`` as plain lists, keyed as :meth:`from_networkx` finds them again."""
        s = self.sources[key]
        out: dict[str, list[Any]] = {}
        if key in NODE_KINDS:
            out["id"] = s.index.astype(object).tolist()
        elif key in REL_TYPES:
            out["source"] = self.rels[key]["source"].astype(object).tolist()
            out["target"] = self.rels[key]["target"].astype(object).tolist()
        for col in ("file", "sheet", "row"):
            out[col] = s[col].astype(object).where(s[col].notna(), None).tolist()
        return out


#: Node attributes a graph of :meth:`Network.to_networkx` gives every node besides its columns.
_GRAPH_NODE_KEYS = ("node_kind", "label")


def _graph_node_kind(node_id: Any, data: dict[str, Any]) -> str:
    """The node kind of a graph node: ``node_kind``, else (older graphs) a ``label`` naming a kind."""
    kind = data.get("node_kind")
    if kind is None and data.get("label") in NODE_KINDS:
        kind = data["label"]
    if kind not in NODE_KINDS:
        known = ", ".join(NODE_KINDS)
        msg = f"from_networkx: node {node_id!r} has no known node_kind (expected one of {known})"
        raise ValueError(msg)
    return str(kind)


def _aligned_sources(
    key: str,
    lists: dict[str, list[Any]],
    nodes: pd.DataFrame | None,
    rels: pd.DataFrame | None,
    events: pd.DataFrame | None,
) -> pd.DataFrame | None:
    """Sources from :meth:`Network._source_lists`, aligned with the frame rebuilt from a graph.

    Nodes are found again by id and relationships by (source, target) — a
    graph keeps one edge per pair and type, so the first row's source stands
    for it; event rows travel in order. Rows the graph gained are blank.
    """
    given = pd.DataFrame({c: lists[c] for c in ("file", "sheet", "row")}, dtype=object)
    if key in NODE_KINDS:
        if nodes is None or len(nodes) == 0:
            return None
        at = positions(pd.Series(nodes["id"].astype(str).to_numpy()), pd.Index([str(i) for i in lists["id"]]))
    elif key in REL_TYPES:
        if rels is None or len(rels) == 0:
            return None
        written = pd.Index([f"{s}\x1f{t}" for s, t in zip(lists["source"], lists["target"], strict=True)])
        first = pd.Series(np.arange(len(written)), index=written)
        first = first[~written.duplicated()]
        pairs = rels["source"].astype(str) + "\x1f" + rels["target"].astype(str)
        at = first.reindex(pairs.to_numpy()).fillna(-1).to_numpy(dtype=np.int64)
    else:
        if events is None or len(events) != len(given):
            return None
        at = np.arange(len(given))
    ok = at >= 0
    out = pd.DataFrame({c: pd.Series([None] * len(at), dtype=object) for c in given.columns})
    out.loc[ok, :] = given.to_numpy()[at[ok]]
    return out


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


def _kind_index(net: Network) -> pd.Series:
    parts = [
        pd.Series(kind, index=frame.index, dtype=STRING) for kind, frame in net.nodes.items() if len(frame)
    ]
    return pd.concat(parts) if parts else pd.Series(dtype=STRING, index=pd.Index([], dtype=STRING))


def _name_index(net: Network) -> pd.Series:
    parts = [frame["name"].astype(STRING) for frame in net.nodes.values() if len(frame)]
    return pd.concat(parts) if parts else pd.Series(dtype=STRING, index=pd.Index([], dtype=STRING))
