r"""CSV files written column-wise with Arrow, byte for byte as ``DataFrame.to_csv`` writes them.

``DataFrame.to_csv`` hands every row to Python's :mod:`csv` writer, about
5 s for the million rows of a city's ``coverage.csv``. :func:`write_csv`
turns each column into its CSV text at once (Arrow string kernels), joins
the columns and rows the same way and writes the bytes, about ten times
faster. The text is the one ``to_csv(path, index=False, encoding=...)``
writes: the same number and date formats, empty cells for missing values,
and quotes exactly where Python's :mod:`csv` module puts them. Columns of a
kind it does not cover (categories, time zones, objects that are not text)
make it hand the table to ``to_csv`` itself.

Examples
--------
>>> import tempfile
>>> frame = pd.DataFrame({"id": ["U1", "U2"], "name": ["甲,乙", None], "n": [1, 2]})
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = write_csv(frame, Path(tmp) / "t.csv")
...     path.read_bytes()[:3], path.read_text(encoding="utf-8-sig")
(b'\xef\xbb\xbf', 'id,name,n\nU1,"甲,乙",1\nU2,,2\n')

"""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["CHUNK_ROWS", "csv_text_columns", "write_csv"]

#: Rows turned into text per step (bounds the memory the text takes).
CHUNK_ROWS = 200_000


@cache
def _quote_chars() -> tuple[str, ...]:
    """Characters that make Python's :mod:`csv` writer (as pandas calls it) quote a field.

    Asked of the running interpreter once: versions differ on a lone carriage return.
    """
    found = []
    for char in (",", '"', "\n", "\r"):
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow([f"a{char}b", "c"])
        if buf.getvalue().startswith('"'):
            found.append(char)
    return tuple(found)


def _needs_quotes(arr: Any) -> np.ndarray | None:
    """Which values of a non-null Arrow string array hold a character :mod:`csv` quotes (``None``: none).

    The characters are ASCII, and UTF-8 never uses ASCII bytes inside other
    characters, so one pass over the array's bytes finds them.
    """
    data = arr.buffers()[2]
    if data is None or not len(arr):
        return None
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32)[arr.offset : arr.offset + len(arr) + 1]
    raw = np.frombuffer(data, dtype=np.uint8)[int(offsets[0]) : int(offsets[-1])]
    hit = np.zeros(len(raw), dtype=bool)
    for char in _quote_chars():
        hit |= raw == ord(char)
    positions = np.flatnonzero(hit)
    if not len(positions):
        return None
    needs = np.zeros(len(arr), dtype=bool)
    needs[np.searchsorted(offsets, positions + offsets[0], side="right") - 1] = True
    return needs


def _quoted(arr: Any) -> Any:
    """CSV fields of a non-null Arrow string array: quoted (quotes doubled) where :mod:`csv` would."""
    import pyarrow as pa
    import pyarrow.compute as pc

    needs = _needs_quotes(arr)
    if needs is None:
        return arr
    inner = pc.replace_substring(arr, '"', '""')
    wrapped = pc.binary_join_element_wise(pa.scalar('"'), inner, pa.scalar('"'), "")
    return pc.if_else(pa.array(needs), wrapped, arr)


def _dates_only(values: np.ndarray) -> bool:
    """Whether every non-missing ``datetime64[ns]`` value is at midnight (pandas then writes dates)."""
    ints = values.view("int64")
    ok = ~np.isnat(values)
    return bool((ints[ok] % (86_400 * 10**9) == 0).all())


def _column_text(series: pd.Series) -> Any:
    """The CSV fields of one column as a non-null Arrow string array, or ``None`` when not covered."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from graphkit.kernels import text_array

    dtype = series.dtype
    missing = series.isna().to_numpy()
    if isinstance(dtype, pd.CategoricalDtype | pd.SparseDtype | pd.PeriodDtype | pd.IntervalDtype):
        return None
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        if isinstance(dtype, pd.ArrowDtype) or pd.api.types.is_unsigned_integer_dtype(dtype):
            return None
        if pd.api.types.is_bool_dtype(dtype):
            flags = series.to_numpy(dtype=bool, na_value=False)
            text = np.where(flags, "True", "False").astype(object)
        else:
            ints = series.to_numpy(dtype="int64", na_value=0)
            text = pa.array(ints).cast(pa.string())
            return pc.if_else(pa.array(missing), "", text) if missing.any() else text
    elif pd.api.types.is_float_dtype(dtype):
        if isinstance(dtype, pd.ArrowDtype) or dtype not in (np.dtype("float64"), pd.Float64Dtype()):
            return None  # float32 prints with its own shortest digits
        floats = series.to_numpy(dtype="float64", na_value=np.nan)
        text = floats.astype(str).astype(object)
    elif pd.api.types.is_datetime64_dtype(dtype):
        values = series.to_numpy(dtype="datetime64[ns]")
        if not _dates_only(values):
            return None
        text = np.datetime_as_string(values, unit="D").astype(object)
    elif pd.api.types.is_string_dtype(dtype):
        arr = text_array(series)
        return None if arr is None else _quoted(arr.cast(pa.string()).fill_null(""))
    else:
        return None
    text[missing] = ""
    return pa.array(text, type=pa.string())


def csv_text_columns(frame: pd.DataFrame) -> list[Any] | None:
    r"""Each column of ``frame`` as its CSV fields (non-null Arrow strings), or ``None`` when not covered.

    Examples
    --------
    >>> cols = csv_text_columns(pd.DataFrame({"a": ["x\ny", None], "b": [0.5, None]}))
    >>> [c.to_pylist() for c in cols]
    [['"x\ny"', ''], ['0.5', '']]

    """
    columns = []
    for j in range(frame.shape[1]):
        text = _column_text(frame.iloc[:, j])
        if text is None:
            return None
        columns.append(text)
    return columns


def _header(frame: pd.DataFrame) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerow([str(c) for c in frame.columns])
    return buf.getvalue()


def _lines(columns: list[Any]) -> memoryview:
    """The rows ``columns`` make, one line each, as UTF-8 bytes."""
    import pyarrow as pa
    import pyarrow.compute as pc

    lines = pc.binary_join_element_wise(*columns, ",")
    lines = pc.binary_join_element_wise(lines, pa.scalar("", pa.string()), "\n").cast(pa.string())
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)[lines.offset : lines.offset + len(lines) + 1]
    data = lines.buffers()[2]
    return memoryview(data)[int(offsets[0]) : int(offsets[-1])] if len(lines) else memoryview(b"")


def write_csv(frame: pd.DataFrame, path: str | Path, *, encoding: str = "utf-8-sig") -> Path:
    r"""Write ``frame`` (without its index) as ``frame.to_csv(path, index=False, encoding=encoding)`` would.

    Parameters
    ----------
    frame
        The table; read-only.
    path
        The file to write (overwritten).
    encoding
        ``"utf-8-sig"`` (UTF-8 with a byte-order mark, the default) or
        ``"utf-8"``; any other encoding is written by ``to_csv``.

    Returns
    -------
    pathlib.Path
        ``path``.

    Notes
    -----
    Text, integer, boolean, float and date-only columns take the column-wise
    path; anything else, and a table of at most one column (where :mod:`csv`
    quotes an empty line), is written by ``to_csv`` itself.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = write_csv(pd.DataFrame({"a": [1.5, None], "b": [True, False]}), Path(tmp) / "t.csv")
    ...     p.read_text(encoding="utf-8-sig")
    'a,b\n1.5,True\n,False\n'

    """
    path = Path(path)
    simple = frame.shape[1] >= 2 and not isinstance(frame.columns, pd.MultiIndex)
    if encoding not in ("utf-8-sig", "utf-8") or not simple:
        frame.to_csv(path, index=False, encoding=encoding)
        return path
    chunks = range(0, len(frame), CHUNK_ROWS)
    first = csv_text_columns(frame.iloc[:CHUNK_ROWS])
    if first is None:
        frame.to_csv(path, index=False, encoding=encoding)
        return path
    with path.open("wb") as fh:
        if encoding == "utf-8-sig":
            fh.write(b"\xef\xbb\xbf")
        fh.write(_header(frame).encode("utf-8"))
        for start in chunks:
            columns = first if start == 0 else csv_text_columns(frame.iloc[start : start + CHUNK_ROWS])
            if columns is None:  # a later chunk holds what the first did not (e.g. a time of day)
                break
            fh.write(_lines(columns))
        else:
            return path
    frame.to_csv(path, index=False, encoding=encoding)
    return path
