"""Every node of a network at one integer position, every relationship as a pair of positions.

The interactive page works on these integer arrays instead of object frames, so
it stays cheap at city scale: a million units cost a few hash look-ups per
relationship.

Examples
--------
>>> import graphkit as gk
>>> p = NodePositions(gk.datasets.tiny())
>>> len(p), p.kind_names[:2]
(27, ['Unit', 'Carrier'])
>>> p.ids[node_streets(p)[:2]].tolist()
['S1', 'S1']

"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from graphkit.model import Network
from graphkit.model.lookup import first_at, text_ranks

__all__ = ["NodePositions", "node_streets"]


class NodePositions:
    """Every node at one integer position (kinds in the network's order), edges as position pairs.

    Attributes
    ----------
    ids, kinds
        Id and kind of the node at each position (object arrays).
    kind_names, kind_code
        The node kinds present, and each position's index into them.
    offset, index
        First position and id index of each kind present.
    src, tgt
        Positions of every relationship's ends, relationship types in the
        network's order (-1 where an end is no node).
    type_names, type_code
        The relationship types present, and each relationship's index into them.

    Notes
    -----
    Building costs one hash look-up per relationship end, O(N + R) for N nodes
    and R relationships; positions the analyses already found are reused
    (:meth:`Network.rel_positions` caches them per network).
    """

    def __init__(self, net: Network) -> None:
        frames = [(k, f) for k, f in net.nodes.items() if len(f)]
        sizes = [len(f) for _, f in frames]
        self.offset = dict(zip([k for k, _ in frames], np.cumsum([0, *sizes])[:-1].tolist(), strict=True))
        self.index = {k: f.index for k, f in frames}
        self.kind_names = [k for k, _ in frames]
        self.kind_code = np.repeat(np.arange(len(frames), dtype=np.int16), sizes)
        self.kinds = np.array(self.kind_names, dtype=object)[self.kind_code]
        self.ids = (
            np.concatenate([f.index.to_numpy(dtype=object) for _, f in frames])
            if frames
            else np.array([], dtype=object)
        )
        self._frames = frames
        rels = [(t, f) for t, f in net.rels.items() if len(f)]
        self.type_names = np.array([t for t, _ in rels], dtype=object)
        self.type_code = np.repeat(np.arange(len(rels), dtype=np.int16), [len(f) for _, f in rels])
        self.src = self.tgt = np.array([], dtype=np.int64)
        if rels:
            # every end of every relationship in one look-up per node kind (the network hashes each
            # kind's ids once, Network.text_index); each column's kinds are dictionary codes,
            # usually one kind
            columns = [(f[c], f[f"{c}_kind"]) for c in ("source", "target") for _, f in rels]
            keys = [(t, c) for c in ("source", "target") for t, _ in rels]
            both = self._locate_all(columns, keys, net)
            self.src, self.tgt = both[: len(self.type_code)], both[len(self.type_code) :]

    def __len__(self) -> int:
        return len(self.ids)

    def name_of(self, positions: np.ndarray) -> np.ndarray:
        """Names of the nodes at ``positions`` (their ids where missing), gathered per kind."""
        positions = np.asarray(positions, dtype=np.int64)
        out = self.ids[positions].copy()
        codes = self.kind_code[positions]
        for code in np.unique(codes):
            kind, frame = self._frames[code]
            at = np.flatnonzero(codes == code)
            if "name" not in frame.columns:
                continue
            names = frame["name"].array.take(positions[at] - self.offset[kind]).astype(object)
            present = ~pd.isna(names)
            out[at[present]] = names[present]
        return out

    def is_kind(self, *kinds: str) -> np.ndarray:
        """Which positions (nodes) are of one of ``kinds``, by integer code."""
        codes = [i for i, k in enumerate(self.kind_names) if k in kinds]
        return np.isin(self.kind_code, codes)

    def type_is(self, rel_type: str) -> np.ndarray:
        """Which relationships are of ``rel_type``, by integer code."""
        codes = np.flatnonzero(self.type_names == rel_type)
        return np.isin(self.type_code, codes)

    def _locate_all(
        self,
        columns: list[tuple[pd.Series, pd.Series]],
        keys: list[tuple[str, str]],
        net: Network,
    ) -> np.ndarray:
        """Positions of the ids of every ``(ids, kinds)`` column pair, one after another; -1 where unknown.

        ``keys`` names each column (relationship type, side). Each kind in a
        column takes its positions from :meth:`Network.rel_positions`: cached
        (a page drawn after an analysis reuses what the analyses found) and
        free when the loader resolved the references.
        """
        import pyarrow.compute as pc

        total = sum(len(ids) for ids, _ in columns)
        out = np.full(total, -1, dtype=np.int64)
        base = 0
        for j, (ids, kinds) in enumerate(columns):
            part = out[base : base + len(ids)]
            for kind in pc.unique(_arrow_text(kinds).drop_null()).to_pylist():
                if kind in self.offset:
                    at = np.asarray(net.rel_positions(*keys[j], kind), dtype=np.int64)
                    hit = at >= 0
                    part[hit] = at[hit] + self.offset[kind]
            base += len(ids)
        return out


def _arrow_text(values: pd.Series | pd.Index) -> Any:
    """``values`` as one Arrow string array (chunks combined)."""
    import pyarrow as pa

    arr = pa.array(values, from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.string())


def node_streets(p: NodePositions) -> np.ndarray:
    """Position of every node's street (-1: none): its own ``IN_STREET``, else its neighbours' most common.

    A street is its own street. Ties between neighbours' streets go to the
    street with the smaller id. O(R log R) for R relationships.
    """
    street = np.full(len(p), -1, dtype=np.int64)
    is_street = p.is_kind("Street")
    street[is_street] = np.flatnonzero(is_street)
    ok = (p.src >= 0) & (p.tgt >= 0)
    own = ok & p.type_is("IN_STREET")
    own[own] = p.is_kind("Unit", "Carrier", "PartyOrg")[p.src[own]]
    first = first_at(p.src[own], len(p))  # each node's first IN_STREET
    has = first >= 0
    street[has] = p.tgt[own][first[has]]
    # nodes still without a street take the most common street of their neighbours
    src, tgt = (p.src, p.tgt) if ok.all() else (p.src[ok], p.tgt[ok])
    need = (street < 0) & ~is_street
    forward = need[src] & (street[tgt] >= 0)
    backward = need[tgt] & (street[src] >= 0)
    if forward.any() or backward.any():
        node = np.concatenate([src[forward], tgt[backward]])
        voted = np.concatenate([street[tgt[forward]], street[src[backward]]])
        # the streets voted for, numbered in the order of their ids: ties go to the smaller id
        streets = np.unique(voted)
        by_id = streets[np.argsort(text_ranks(pd.Index(p.ids[streets], dtype="string")))]
        rank = np.empty(len(p), dtype=np.int64)
        rank[by_id] = np.arange(len(by_id))
        width = len(by_id)
        cells, counts = np.unique(node * width + rank[voted], return_counts=True)
        who, which = cells // width, cells % width
        order = np.lexsort((which, -counts, who))  # per node: most votes, then the smaller id
        first = order[np.r_[True, who[order][1:] != who[order][:-1]]]
        street[who[first]] = by_id[which[first]]
    return street
