"""Resolving references: a cell names a node by its id, or else by its exact name.

A value is tried as an id first, then as a name, compared after
Traditional→Simplified, full-width→half-width and removing spaces
(:func:`~loaders.ledger.names.normalise_name`). A name shared by several
nodes is not guessed: the reference counts as unknown and names the
candidates. Name keys are built only when some value is not an id.

The ids of every node are hashed once (:class:`graphkit.kernels.TextIndex`),
not once per referencing column: a ledger's reference columns look up a
million unit ids many times over (visits, assignments, honours ...).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit.kernels import TextIndex, isin
from loaders.ledger.names import normalise_name
from loaders.ledger.text import STRING, arrow_text, string_array

__all__ = ["Lookup", "positions"]


class Lookup:
    """Resolve references by id, then by exact name, among the nodes of the given kinds.

    Examples
    --------
    >>> nodes = {"Street": pd.DataFrame({"name": ["林山寨街道"]}, index=pd.Index(["S1"], dtype="string"))}
    >>> ids, kind, problem = Lookup(nodes).resolve(pd.Series(["S1", "林山寨 街道", "S9"]), ("Street",))
    >>> ids.tolist(), kind.tolist(), problem.tolist()
    (['S1', 'S1', <NA>], ['Street', 'Street', <NA>], [<NA>, <NA>, 'unknown'])

    """

    def __init__(self, nodes: Mapping[str, pd.DataFrame]) -> None:
        self.nodes = nodes
        self._keys: dict[str, pd.Series] = {}  # node kind -> name key of each node
        self._id_sets: dict[tuple[str, ...], tuple[pa.Array, pa.Array, np.ndarray]] = {}  # -> ids, kinds, at
        self._name_sets: dict[tuple[str, ...], tuple[pd.Series, pd.Series]] = {}  # -> (unique, listed)
        self._all: tuple[TextIndex, np.ndarray, list[str], np.ndarray] | None = None  # every id, its kind
        # tables may be resolved side by side: each cache above is filled once, under its own lock
        self._filling_ids, self._filling_names, self._filling_all = (threading.Lock() for _ in range(3))

    def name_of(self, ids: pd.Series) -> pd.Series:
        """Name of each node id (missing when the id is not a node)."""
        # only the nodes asked for: probing every node's id costs far less than indexing them all
        frames = [f["name"][isin(f.index, ids)] for f in self.nodes.values() if len(f)]
        names = pd.concat(frames).astype(STRING) if frames else pd.Series(dtype=STRING)
        table = names[~names.index.duplicated(keep="last")]
        where = pc.index_in(
            pa.array(ids.astype(STRING), from_pandas=True).cast(pa.string()),
            value_set=pa.array(table.index.astype(STRING), from_pandas=True).cast(pa.string()),
            skip_nulls=True,
        ).to_numpy(zero_copy_only=False)
        found = ~np.isnan(where.astype(float))
        out = pd.Series(pd.NA, index=ids.index, dtype=STRING)
        out[found] = table.to_numpy()[where[found].astype(np.int64)]
        return out

    def resolve(
        self, values: pd.Series, ref_kinds: tuple[str, ...]
    ) -> tuple[pd.Series, pd.Series, pd.Series]:
        """Return (id, kind, problem) for each value; problem is NA, 'unknown' or 'ambiguous:<ids>'."""
        ids, kind, problem, _ = self.resolve_at(values, ref_kinds)
        return ids, kind, problem

    def resolve_at(
        self, values: pd.Series, ref_kinds: tuple[str, ...]
    ) -> tuple[pd.Series, pd.Series, pd.Series, np.ndarray]:
        """:meth:`resolve`, and the position of each node found among the nodes of its kind.

        The fourth item (``int64``, -1 where nothing was found) indexes
        ``nodes[kind]`` of the value's kind: what
        :meth:`graphkit.Network.positions` would answer for the id, known
        here without looking the ids up a second time.

        Examples
        --------
        >>> nodes = {"Unit": pd.DataFrame({"name": ["甲"]}, index=pd.Index(["U1"], dtype="string")),
        ...          "Street": pd.DataFrame({"name": ["林山寨街道", "西街"]},
        ...                                 index=pd.Index(["S1", "S2"], dtype="string"))}
        >>> ids, kind, _, at = Lookup(nodes).resolve_at(pd.Series(["西街", "U1", "S9"]), ("Unit", "Street"))
        >>> ids.tolist(), kind.tolist(), at.tolist()
        (['S2', 'U1', <NA>], ['Street', 'Unit', <NA>], [1, 0, -1])

        """
        values = values.astype(STRING)
        found, kind_found, at = self._find(values, ref_kinds)
        problem = pd.Series(string_array(pa.nulls(len(values), pa.large_string())), index=values.index)
        todo = ~found & values.notna().to_numpy()
        if not todo.any():  # every value is an id (the common case): no name keys needed
            ids = values if found.all() else values.where(found).astype(STRING)
            return ids, pd.Series(string_array(kind_found), index=values.index), problem, at
        ids, problem = self._by_name(values, found, todo, ref_kinds)
        rows = np.flatnonzero(todo)
        _, kind_named, at_named = self._find(ids.iloc[rows], ref_kinds)  # the ids found stay
        kind = pc.replace_with_mask(kind_found, pa.array(todo), kind_named)
        at[rows] = at_named
        return ids, pd.Series(string_array(kind), index=values.index), problem, at

    def _ids(self, ref_kinds: tuple[str, ...]) -> tuple[pa.Array, pa.Array, np.ndarray]:
        """(id, kind, position among its kind's nodes) of every node of ``ref_kinds``; text in Arrow."""
        with self._filling_ids:
            if ref_kinds in self._id_sets:
                return self._id_sets[ref_kinds]
            parts = [
                pd.Series(k, index=self.nodes[k].index, dtype=STRING)
                for k in ref_kinds
                if k in self.nodes and len(self.nodes[k])
            ]
            kinds = pd.concat(parts) if parts else pd.Series(dtype=STRING, index=pd.Index([], dtype=STRING))
            within = np.concatenate(
                [np.arange(len(p), dtype=np.int64) for p in parts] or [np.zeros(0, np.int64)]
            )
            self._id_sets[ref_kinds] = (arrow_text(kinds.index), arrow_text(kinds), within)
        return self._id_sets[ref_kinds]

    def _every_id(self) -> tuple[TextIndex, np.ndarray, list[str], np.ndarray]:
        """(index of every node id, kind code of each, the kinds, where each kind starts): built once."""
        with self._filling_all:
            if self._all is not None:
                return self._all
            kinds = [k for k, f in self.nodes.items() if len(f)]
            ids = [arrow_text(self.nodes[k].index) for k in kinds]
            index = TextIndex(pa.chunked_array(ids, type=pa.large_string()))
            sizes = [len(i) for i in ids]
            code = np.repeat(np.arange(len(kinds), dtype=np.int64), sizes)
            start = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
            self._all = (index, code, kinds, start)
        return self._all

    def _find(self, values: pd.Series, ref_kinds: tuple[str, ...]) -> tuple[np.ndarray, pa.Array, np.ndarray]:
        """(found, kind, position among its kind's nodes or -1) of each value looked up as an id."""
        text = arrow_text(values)
        among = sum(len(self.nodes[k]) for k in ref_kinds if k in self.nodes)
        every = sum(len(f) for f in self.nodes.values())
        # Arrow hashes the ids of these kinds afresh: cheap when they are few against the values;
        # the index of every id costs a hash of them all once, worth it when these kinds hold most
        if 2 * among > len(text) and 4 * among > every and self._every_id()[0].distinct:
            return self._find_hashed(text, ref_kinds)
        id_set, kind_of, within = self._ids(ref_kinds)
        if len(id_set) > 4 * len(text):  # hash the few distinct values, not every node id
            where = positions(text, id_set)
        else:
            where = pc.index_in(text, value_set=id_set)
        found = np.asarray(where.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
        row = np.asarray(where.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
        at = np.append(within, -1)[row]  # -1 picks the appended -1: not found
        return found, kind_of.take(where), at

    def _find_hashed(
        self, text: pa.Array, ref_kinds: tuple[str, ...]
    ) -> tuple[np.ndarray, pa.Array, np.ndarray]:
        """:meth:`_find` through the index of every node id (each id once, so each value finds one node)."""
        index, code, kinds, start = self._every_id()
        where = index.positions(text)
        kind_at = np.where(where >= 0, code[np.maximum(where, 0)], len(kinds))  # len(kinds): not found
        found = np.array([k in ref_kinds for k in kinds] + [False])[kind_at]  # a node of another kind: not
        kind = pa.array([*kinds, None], type=pa.large_string()).take(
            pa.array(np.where(found, kind_at, len(kinds)))
        )
        at = np.where(found, where - np.append(start, 0)[kind_at], -1)
        return found, kind, at

    def _names(self, ref_kinds: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
        """(unique name key -> id, repeated name key -> 'id, id, ...') among ``ref_kinds``."""
        with self._filling_names:
            if ref_kinds in self._name_sets:
                return self._name_sets[ref_kinds]
            for k in ref_kinds:
                if k not in self._keys and k in self.nodes:
                    self._keys[k] = normalise_name(self.nodes[k]["name"])
            parts = [self._keys[k] for k in ref_kinds if k in self._keys]
            keys = pd.concat(parts).dropna() if parts else pd.Series(dtype=STRING)
            tables = _name_tables(keys)
            for table in tables:  # Series.map looks keys up in each table's index: its hash table is
                _ = table.index.is_unique  # built here, under the lock, not lazily by two threads at once
            self._name_sets[ref_kinds] = tables
        return self._name_sets[ref_kinds]

    def _by_name(
        self, values: pd.Series, found: np.ndarray, todo: np.ndarray, ref_kinds: tuple[str, ...]
    ) -> tuple[pd.Series, pd.Series]:
        """(id, problem) of each value: the ``todo`` values tried as names, placed among the ids found."""
        unique, listed = self._names(ref_kinds)
        keys = normalise_name(values.iloc[np.flatnonzero(todo)])
        named = keys.map(unique).astype(STRING)
        amb = keys.map(listed).astype(STRING)
        said = np.where(amb.notna(), "ambiguous:" + amb.fillna(""), np.where(named.isna(), "unknown", None))
        mask = pa.array(todo)
        text = arrow_text(values)
        by_id = pc.if_else(pa.array(found), text, pa.scalar(None, text.type))
        ids = pd.Series(
            string_array(pc.replace_with_mask(by_id, mask, arrow_text(named))), index=values.index
        )
        none = pa.nulls(len(values), pa.large_string())
        said_text = pa.array(said.tolist(), type=pa.large_string())
        problem = pd.Series(string_array(pc.replace_with_mask(none, mask, said_text)), index=values.index)
        return ids, problem


def _name_tables(keys: pd.Series) -> tuple[pd.Series, pd.Series]:
    """From name keys indexed by id: (unique key -> id, repeated key -> its first three ids listed)."""
    repeated = keys.duplicated(keep=False).to_numpy()
    unique = pd.Series(keys.index.to_numpy()[~repeated], index=keys.to_numpy()[~repeated], dtype=STRING)
    several = pd.Series(keys.index.to_numpy()[repeated], index=keys.to_numpy()[repeated], dtype=STRING)
    listed = (
        several.groupby(level=0, sort=False).agg(lambda s: ", ".join(s.head(3)))
        if len(several)
        else pd.Series(dtype=STRING)
    )
    return unique, listed


def positions(values: pa.Array, ids: pa.Array) -> pa.Array:
    """``pc.index_in(values, value_set=ids)`` for ids that are unique and far more than the values.

    The distinct values are hashed and every id probed against them, instead
    of hashing every id (a million units) to look up a few thousand values.

    Examples
    --------
    >>> positions(pa.array(["U3", None, "U1"]), pa.array(["U1", "U2", "U3"])).to_pylist()
    [2, None, 0]

    """
    encoded = pc.dictionary_encode(values)
    at = pc.index_in(ids, value_set=encoded.dictionary)  # for each id: which distinct value it is
    hit = at.is_valid()
    node = np.full(len(encoded.dictionary), -1, dtype=np.int64)
    node[np.asarray(at.filter(hit).to_numpy(zero_copy_only=False))] = np.flatnonzero(
        np.asarray(hit.to_numpy(zero_copy_only=False), dtype=bool)
    )
    codes = encoded.indices.fill_null(len(encoded.dictionary))  # a missing value finds nothing
    where = np.append(node, -1)[np.asarray(codes.to_numpy(zero_copy_only=False))]
    return pa.array(where, mask=where < 0, type=pa.int32())
