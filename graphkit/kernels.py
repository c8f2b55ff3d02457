"""Arrow kernels where pandas is slow: membership tests on string ids.

pandas' own ``isin`` on Arrow-backed strings (the default ``str``/``string``
dtype of pandas 3) converts every candidate in a Python loop, seconds per
million values; Arrow's hash-based ``is_in`` does not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["as_text", "isin", "text_array"]


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
