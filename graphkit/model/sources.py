"""Provenance: the ledger file, sheet and row each node, relationship and event row came from.

A :class:`~graphkit.Network` read from a ledger keeps, per node kind,
relationship type and event table, a *sources frame* aligned row for row with
that frame (same index): ``file`` and ``sheet`` as categoricals (a code per
row, the distinct names once) and ``row`` as ``Int32`` — the row number as
the office sees it in Excel, title and header rows counted. That is about
six bytes a row, so a city ledger of a million units carries its provenance
for a few tens of megabytes. A CSV has no sheet (missing); a network built in
Python has no sources at all, and asking for them gives blank frames.

Examples
--------
>>> s = make_sources(["单位.csv", "单位.csv"], [None, None], [3, 4])
>>> s["row"].tolist(), s["file"].cat.categories.tolist()
([3, 4], ['单位.csv'])
>>> blank_sources(pd.RangeIndex(2))["row"].isna().all()
np.True_

"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

__all__ = ["SOURCE_FIELDS", "blank_sources", "make_sources", "take_sources", "typed_sources"]

#: Columns of a sources frame.
SOURCE_FIELDS = ("file", "sheet", "row")

_ROW = "Int32"


def _category(values: Iterable[object] | None, n: int) -> pd.Categorical:
    if values is None:
        return pd.Categorical([None] * n, categories=pd.Index([], dtype=object))
    return pd.Categorical([None if v is None or v is pd.NA else str(v) for v in values])


def make_sources(
    file: Sequence[object], sheet: Sequence[object], row: Sequence[object], index: pd.Index | None = None
) -> pd.DataFrame:
    """A sources frame from plain sequences (one item per row)."""
    n = len(file)
    out = pd.DataFrame(
        {
            "file": _category(file, n),
            "sheet": _category(sheet, n),
            "row": pd.array(list(row), dtype=_ROW),
        }
    )
    if index is not None:
        out.index = index
    return out


def blank_sources(index: pd.Index) -> pd.DataFrame:
    """A sources frame with every row blank (a network built in Python), on ``index``."""
    n = len(index)
    return pd.DataFrame(
        {
            "file": _category(None, n),
            "sheet": _category(None, n),
            "row": pd.array([pd.NA] * n, dtype=_ROW),
        },
        index=index,
    )


def typed_sources(frame: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """``frame`` (with ``file``, ``sheet``, ``row``; as long as ``index``) typed and put on ``index``.

    Raises
    ------
    ValueError
        If ``frame`` is not as long as ``index``.

    """
    if len(frame) != len(index):
        msg = f"a sources frame must have one row per row of its frame ({len(frame)} != {len(index)})"
        raise ValueError(msg)
    out = pd.DataFrame(index=index)
    for col in ("file", "sheet"):
        values = frame[col] if col in frame.columns else pd.Series([None] * len(frame))
        cat = (
            values.array if isinstance(values.dtype, pd.CategoricalDtype) else _category(values, len(values))
        )
        out[col] = pd.Categorical(cat)
    row = frame["row"] if "row" in frame.columns else pd.Series([pd.NA] * len(frame))
    out["row"] = pd.array(pd.to_numeric(pd.Series(row.array), errors="coerce"), dtype=_ROW)
    return out


def take_sources(sources: pd.DataFrame, positions: np.ndarray) -> pd.DataFrame:
    """Rows of ``sources`` at ``positions`` (``-1``: a blank row), on a fresh 0..n-1 index.

    Examples
    --------
    >>> s = make_sources(["a.csv"], [None], [7])
    >>> take_sources(s, np.array([0, -1]))["row"].tolist()
    [7, <NA>]

    """
    positions = np.asarray(positions, dtype=np.int64)
    ok = positions >= 0
    out = {}
    for col in ("file", "sheet"):
        cat = sources[col].array
        codes = np.where(ok, np.asarray(cat.codes)[np.where(ok, positions, 0)] if len(cat) else -1, -1)
        out[col] = pd.Categorical.from_codes(codes, dtype=cat.dtype)
    row = sources["row"].array
    values = np.zeros(len(positions), dtype=np.int32)
    mask = ~ok
    if len(row):
        values[ok] = np.asarray(row.to_numpy(dtype=np.int32, na_value=0))[positions[ok]]
        mask |= np.where(ok, np.asarray(row.isna())[np.where(ok, positions, 0)], True)
    out["row"] = pd.arrays.IntegerArray(values, mask)
    return pd.DataFrame(out)
