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

__all__ = ["few_positions", "lookup", "position_mask", "positions"]

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
