"""Arrow kernels where pandas is slow: membership tests on string ids.

pandas' own ``isin`` on Arrow-backed strings (the default ``str``/``string``
dtype of pandas 3) converts every candidate in a Python loop, seconds per
million values; Arrow's hash-based ``is_in`` does not.

Arrow builds its hash table afresh on every call, though: looking up a
column against a million ids hashes the million ids each time.
:class:`TextIndex` hashes them once (:func:`text_hashes`, 64-bit integers
computed from the Arrow buffers with numpy) and answers every later look-up
with an integer hash table, checking each hit against the text itself.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = [
    "TextIndex",
    "as_text",
    "isin",
    "joined_text",
    "text_array",
    "text_bytes",
    "text_hashes",
    "usable_cores",
]


def isin(values: object, candidates: object) -> np.ndarray:
    """``values.isin(candidates)`` as a boolean array, computed by Arrow (missing never matches).

    Both sides are compared as text.

    Examples
    --------
    >>> isin(pd.Series(["U1", None, "U3"], dtype="string"), pd.Index(["U3", "U9"])).tolist()
    [False, False, True]
    """
    left = as_text(values)
    right = as_text(candidates)
    if isinstance(right, pa.ChunkedArray):
        right = right.combine_chunks()
    found = pc.is_in(left, value_set=right, skip_nulls=True).fill_null(False)
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)


def as_text(values: object) -> pa.Array | pa.ChunkedArray:
    """``values`` (Series, Index, array-like or Arrow array) as an Arrow large_string array."""
    if isinstance(values, pd.Series | pd.Index):
        values = values.array
    arr = values if isinstance(values, pa.Array | pa.ChunkedArray) else pa.array(values, from_pandas=True)
    if arr.type != pa.large_string():
        arr = arr.cast(pa.large_string())
    return arr


def text_array(values: object, *, nulls_as_text: bool = True) -> pa.Array | None:
    """``values`` as one Arrow string or large_string array, or ``None`` when they are not all text.

    A column with no value at all (Arrow's null type) counts as text when
    ``nulls_as_text``; the caller casts to the string width it needs.

    Examples
    --------
    >>> text_array(pd.Series(["U1", None])).to_pylist()
    ['U1', None]
    >>> text_array(pd.Series([1, 2])) is None
    True
    >>> text_array(pd.Series([None], dtype=object), nulls_as_text=False) is None
    True
    """
    try:
        arr = pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if nulls_as_text and arr.type == pa.null():
        arr = arr.cast(pa.string())
    if arr.type not in (pa.string(), pa.large_string()):
        return None
    return arr


def joined_text(values: pa.Array | pa.ChunkedArray) -> memoryview:
    """The UTF-8 bytes of a text array without missing values, end to end: its data buffer, no copy.

    How a file is written from text built per row in Arrow (CSV lines, worksheet rows).

    Examples
    --------
    >>> bytes(joined_text(pa.array(["a,1;", "b,2;"]))).decode()
    'a,1;b,2;'

    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if len(values) == 0:
        return memoryview(b"")
    _, offsets, data = values.buffers()
    width = np.int64 if pa.types.is_large_string(values.type) else np.int32
    at = np.frombuffer(offsets, dtype=width)[values.offset : values.offset + len(values) + 1]
    return memoryview(data)[int(at[0]) : int(at[-1])]


_WORD_MASKS = np.array([(1 << (8 * r)) - 1 for r in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
_MIX1 = np.uint64(0x9E3779B97F4A7C15)
_MIX2 = np.uint64(0xBF58476D1CE4E5B9)


def text_bytes(values: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(bytes, start, length): the UTF-8 bytes of text values and where each value lies in them.

    ``bytes`` is a ``uint8`` copy of the values' bytes followed by eight zero
    bytes (so an 8-byte word read at any value's start stays inside);
    ``start`` and ``length`` are ``int64`` per value (a missing value has
    length 0). One copy of the bytes, no Python object per value.

    Examples
    --------
    >>> data, start, length = text_bytes(pd.Series(["ab", None, "丁"], dtype="string"))
    >>> bytes(data[start[2] : start[2] + length[2]]).decode(), length.tolist()
    ('丁', [2, 0, 3])

    """
    text = as_text(values)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    n = len(text)
    if n == 0:
        return np.zeros(8, dtype=np.uint8), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    buffers = text.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int64, count=n + 1, offset=text.offset * 8)
    lo, hi = int(offsets[0]), int(offsets[-1])
    data = np.zeros(hi - lo + 8, dtype=np.uint8)
    if hi > lo:
        data[: hi - lo] = np.frombuffer(buffers[2], dtype=np.uint8, count=hi - lo, offset=lo)
    length = np.diff(offsets)
    if text.null_count:  # a missing value's slot may still span bytes
        length[np.asarray(text.is_null().to_numpy(zero_copy_only=False), dtype=bool)] = 0
    return data, offsets[:-1] - lo, length


def text_hashes(values: object) -> np.ndarray:
    """A 64-bit hash (``uint64``) of each text value, from its UTF-8 bytes; a missing value hashes as ``""``.

    Equal texts have equal hashes; different texts almost never do, so a
    caller that needs certainty compares the texts of the hits (as
    :class:`TextIndex` does).

    Examples
    --------
    >>> h = text_hashes(pd.Series(["U1", "U2", "U1", "一个很长的名字，超过八个字节"], dtype="string"))
    >>> bool(h[0] == h[2]), bool(h[0] == h[1]), h.dtype.name
    (True, False, 'uint64')

    Notes
    -----
    Reads each value eight bytes at a time: O(total bytes / 8) vectorised
    steps, no Python object per value.
    """
    data, start, length = text_bytes(values)
    # every 8-byte word starting at any byte: an overlapping view of the bytes, nothing copied
    words = np.ndarray((len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))
    hashes = length.astype(np.uint64) * _MIX1
    for k in range(0, int(length.max(initial=0)), 8):
        rows = np.flatnonzero(length > k)
        word = words[start[rows] + k] & _WORD_MASKS[np.minimum(length[rows] - k, 8)]
        mixed = (hashes[rows] ^ word) * _MIX2
        mixed ^= mixed >> np.uint64(31)
        hashes[rows] = mixed * _MIX1
    return hashes ^ (hashes >> np.uint64(29))


class TextIndex:
    """Positions of text values among fixed texts (ids), the ids hashed once for any number of look-ups.

    :meth:`positions` answers what ``pc.index_in(values, value_set=ids)``
    answers (the first position of each value, -1 when absent or missing)
    without hashing the ids again: the ids' 64-bit hashes sit in an integer
    hash table, and every hit is checked against the text. When two ids
    share a hash (repeated ids, or a collision) it falls back to Arrow.

    Examples
    --------
    >>> index = TextIndex(pd.Index(["U1", "U2", "P1"], dtype="string"))
    >>> index.positions(pd.Series(["P1", "U9", None, "U1"], dtype="string")).tolist()
    [2, -1, -1, 0]

    Notes
    -----
    Building: O(ids). Each look-up: O(values), independent of the number of ids.
    """

    def __init__(self, ids: object) -> None:
        text = as_text(ids)
        self.ids: pa.Array = text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text
        self._table = pd.Index(text_hashes(self.ids))
        #: Whether every id has a hash of its own (so the ids are distinct); look-ups then never
        #: hash the ids again. Otherwise (repeated ids, or a collision) they fall back to Arrow.
        self.distinct = bool(self._table.is_unique)

    def __len__(self) -> int:
        return len(self.ids)

    def positions(self, values: object) -> np.ndarray:
        """Position of each of ``values`` among the ids (``int64``; -1 when absent or missing)."""
        text = as_text(values)
        if isinstance(text, pa.ChunkedArray):
            text = text.combine_chunks()
        if not self.distinct:
            found = pc.index_in(text, value_set=self.ids, skip_nulls=True).fill_null(-1)
            return np.asarray(found.to_numpy(zero_copy_only=False), dtype=np.int64)
        where = np.asarray(self._table.get_indexer(text_hashes(text)), dtype=np.int64)
        if text.null_count:
            where[np.asarray(text.is_null().to_numpy(zero_copy_only=False), dtype=bool)] = -1
        hit = np.flatnonzero(where >= 0)
        if len(hit):  # the same hash is not yet the same text
            same = pc.equal(text.take(pa.array(hit)), self.ids.take(pa.array(where[hit])))
            differ = ~np.asarray(same.to_numpy(zero_copy_only=False), dtype=bool)
            where[hit[differ]] = -1
        return where


def usable_cores() -> int:
    """How many cores this process may run on (its CPU affinity where the system has one).

    Examples
    --------
    >>> usable_cores() >= 1
    True

    """
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
