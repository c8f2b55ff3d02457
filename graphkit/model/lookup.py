"""Look-ups of text ids, vectorised with Arrow: positions, mappings, masks.

These are the building blocks of :class:`~graphkit.model.Network`'s cached
look-ups (``net.positions``, ``net.rel_positions`` …) and of every analysis
that works on positions instead of ids: one hash of a million ids, then
integer arrays all the way.

Examples
--------
>>> idx = pd.Index(["U1", "U2", "U3"])
>>> positions(pd.Series(["U3", "U9", None]), idx).tolist()
[2, -1, -1]
>>> lookup(pd.Series(["S2", "S1"]), pd.Series(["林山寨街道", "建设路街道"], index=["S1", "S2"])).tolist()
['建设路街道', '林山寨街道']
>>> position_mask(4, np.array([0, 2, -1])).tolist()
[True, False, True, False]

"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit.kernels import as_text

__all__ = [
    "few_positions",
    "first_at",
    "follow",
    "join_positions",
    "lookup",
    "position_mask",
    "positions",
    "sorted_unique",
    "take_text",
    "text_ranks",
]

_STR = "string"


def positions(values: pd.Series | pd.Index | pa.Array | pa.ChunkedArray, index: pd.Index) -> np.ndarray:
    """Position of each of ``values`` in ``index`` (-1 when absent or missing), computed by Arrow.

    Both sides are compared as text; ``index`` should hold unique values (the
    first occurrence is found otherwise). Linear in both lengths.
    """
    right = as_text(index)
    if isinstance(right, pa.ChunkedArray):
        right = right.combine_chunks()
    found = pc.index_in(as_text(values), value_set=right, skip_nulls=True).fill_null(-1)
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=np.int64)


def few_positions(values: pd.Series, index: pd.Index) -> np.ndarray:
    """:func:`positions` hashing the distinct ``values`` rather than ``index``.

    The same answer (first occurrence, -1 when absent); cheaper when there are
    far fewer values than index entries.

    Examples
    --------
    >>> few_positions(pd.Series(["b", "z", "b"]), pd.Index(["a", "b", "c"])).tolist()
    [1, -1, 1]

    """
    distinct = pd.Index(pd.unique(values.dropna().astype(_STR)), dtype=_STR)
    hit = positions(index, distinct)
    found = np.flatnonzero(hit >= 0)
    value, first = np.unique(hit[found], return_index=True)
    at = np.full(len(distinct) + 1, -1, dtype=np.int64)  # the extra slot: values not found
    at[value] = found[first]
    return at[positions(values, distinct)]


def lookup(values: pd.Series, mapping: pd.Series) -> pd.Series:
    """``values.map(mapping)`` for text keys and a text ``mapping`` with unique keys, through Arrow.

    Returns a ``string`` Series aligned to ``values``; keys not in ``mapping``
    give missing values. A few values against a large mapping hash the
    values, not the mapping.
    """
    pos = few_positions(values, mapping.index) if len(values) * 8 < len(mapping) else None
    if pos is None:
        pos = positions(values, mapping.index)
    taken = mapping.astype(_STR).array.take(pos, allow_fill=True)
    return pd.Series(taken, index=values.index, dtype=_STR)


def position_mask(n: int, where: np.ndarray) -> np.ndarray:
    """A boolean array of length ``n``, true at the positions ``where`` (-1, not found, is ignored)."""
    out = np.zeros(n, dtype=bool)
    out[where[where >= 0]] = True
    return out


def smaller_positions(values: pd.Series, index: pd.Index) -> np.ndarray:
    """:func:`positions` or :func:`few_positions`, whichever hashes less: the same answer either way.

    A few values against a large index (under an eighth of its length, the
    rule of :func:`lookup`) hash the distinct values; otherwise the index is
    hashed.

    Examples
    --------
    >>> smaller_positions(pd.Series(["c"]), pd.Index(list("abcdefghij"))).tolist()
    [2]

    """
    if 8 * len(values) < len(index):
        return few_positions(values, index)
    return positions(values, index)


def take_text(
    values: pd.Series | pd.Index | pa.Array | pa.ChunkedArray, at: np.ndarray
) -> pd.api.extensions.ExtensionArray:
    """``values`` at the positions ``at`` as a ``string`` array (missing where ``at`` is -1), through Arrow.

    The way back from positions to text, for the rows an analysis keeps:
    linear in ``len(at)``, no Python object per value.

    Examples
    --------
    >>> take_text(pd.Index(["U1", "U2", "U3"]), np.array([2, -1, 0])).tolist()
    ['U3', <NA>, 'U1']

    """
    at = np.asarray(at, dtype=np.int64)
    missing = at < 0
    taken = as_text(values).take(pa.array(at, mask=missing) if missing.any() else pa.array(at))
    return pd.array(taken, dtype=_STR)


def first_at(where: np.ndarray, n: int) -> np.ndarray:
    """For each of ``n`` positions, the first index ``i`` with ``where[i]`` equal to it (-1 when none).

    ``where`` holds positions in ``0..n-1`` (or -1, ignored), e.g. the node
    positions of a relationship frame's ends: the result is then the first
    row naming each node. Linear in ``len(where) + n``.

    Examples
    --------
    >>> first_at(np.array([2, 0, 2, -1]), 4).tolist()
    [1, -1, 0, -1]

    """
    where = np.asarray(where, dtype=np.int64)
    rows = np.flatnonzero(where >= 0)
    out = np.full(n, len(where), dtype=np.int64)
    np.minimum.at(out, where[rows], rows)
    out[out == len(where)] = -1
    return out


def follow(positions: np.ndarray, at: np.ndarray) -> np.ndarray:
    """``positions[at]``, -1 where ``at`` is -1: one step along a look-up that may find nothing.

    Examples
    --------
    >>> follow(np.array([4, 7, -1]), np.array([1, -1, 2])).tolist()
    [7, -1, -1]

    """
    at = np.asarray(at, dtype=np.int64)
    out = np.full(len(at), -1, dtype=np.int64)
    found = at >= 0
    out[found] = np.asarray(positions)[at[found]]
    return out


def join_positions(
    left: np.ndarray, left_key: np.ndarray, right: np.ndarray, right_key: np.ndarray, n_keys: int
) -> tuple[np.ndarray, np.ndarray]:
    """The inner join of two pair lists on their keys: ``(l, r)`` for each ``(l, k)`` and ``(r, k)``.

    Keys are positions in ``0..n_keys-1``. Left pairs come out in their
    order, each followed by its matches in the right list's order. Linear in
    the inputs and the output.

    Examples
    --------
    >>> l, r = join_positions(np.array([7, 8]), np.array([1, 0]), np.array([5, 6, 9]), np.array([1, 2, 1]), 3)
    >>> l.tolist(), r.tolist()
    ([7, 7], [5, 9])

    """
    left_key = np.asarray(left_key, dtype=np.int64)
    right_key = np.asarray(right_key, dtype=np.int64)
    by_key = np.asarray(right)[np.argsort(right_key, kind="stable")]
    counts = np.bincount(right_key, minlength=n_keys)
    starts = np.cumsum(counts) - counts
    repeat = counts[left_key]
    ends = np.cumsum(repeat)
    within = np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - repeat, repeat)
    return np.repeat(np.asarray(left), repeat), by_key[np.repeat(starts[left_key], repeat) + within]


def text_ranks(values: pd.Series | pd.Index | pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Rank of each value in text order (0 for the smallest; ties by position), computed by Arrow.

    The order of ``sort_values`` on the same text, as integers to sort or
    compare with: O(n log n) once, then numpy on integers.

    Examples
    --------
    >>> text_ranks(pd.Index(["b", "a", "c", "a"])).tolist()
    [2, 0, 3, 1]

    """
    arr = as_text(values)
    if len(arr) == 0:
        return np.zeros(0, dtype=np.int64)
    ranked = pc.rank(arr, sort_keys="ascending", tiebreaker="first")  # missing values last
    return np.asarray(ranked.to_numpy(zero_copy_only=False), dtype=np.int64) - 1


def sorted_unique(keys: np.ndarray, *, kind: str = "quicksort") -> np.ndarray:
    """``np.unique(keys)`` by sorting: numpy's own hashes millions of distinct integers far slower.

    ``kind`` is the sort's (``"stable"`` merges keys made of a few sorted runs in one pass).

    Examples
    --------
    >>> sorted_unique(np.array([5, 1, 5, 3])).tolist()
    [1, 3, 5]

    """
    keys = np.sort(keys, kind=kind)
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
