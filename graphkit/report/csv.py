r"""CSV files through Arrow's CSV writer: UTF-8 with a byte-order mark, canonical values.

The files carry a byte-order mark so that Excel opens them, and Excel runs a
cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula: a ledger cell such as
``=HYPERLINK("http://...")`` would come back live (CSV injection). So, as
OWASP advises, every text cell and header that begins with one of
:data:`FORMULA_STARTS` is written with a leading apostrophe (Excel shows the
text as it was; a reader sees the apostrophe), unless ``formula_guard=False``
(``--no-formula-guard`` on the command line). Numbers are never changed:
``-5`` in an integer column stays a number. Each file is written under a
temporary name and renamed when complete, so an interrupted run never leaves
a half-written file under the final name.

Examples
--------
>>> import tempfile
>>> frame = pd.DataFrame({"unit_id": ["U1"], "party_members": [5]})
>>> with tempfile.TemporaryDirectory() as tmp:
...     write_csv(frame, Path(tmp) / "coverage.csv").read_bytes()
b'\xef\xbb\xbfunit_id,party_members\n"U1",5\n'

"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from graphkit.atomic import replaced_when_done

__all__ = ["FORMULA_STARTS", "neutralise_formulas", "write_csv"]

#: What a cell begins with that makes a spreadsheet take it as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Characters that make a CSV field need quotes.
_CSV_SPECIAL = re.compile(r'[,"\r\n]')


def _csv_column(series: pd.Series) -> pa.Array:
    """One column as the Arrow array :func:`write_csv` writes: integers and text as they are, else text.

    Booleans, floats, dates and every other kind become the text pandas
    gives them (``astype("string")``, the same text ``DataFrame.to_csv``
    writes: ``True``, ``0.5``, ``2026-11-27``); missing values stay null.
    """
    dtype = series.dtype
    if pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        return pa.array(series, from_pandas=True)
    if pd.api.types.is_string_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype):
        try:  # text, or an object column of text and missing values
            return pa.array(series, type=pa.string(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass  # an object column holding other values too
    return pa.array(series.astype("string"), type=pa.string(), from_pandas=True)


def neutralise_formulas(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Text that a spreadsheet would run as a formula, with a leading apostrophe (OWASP).

    Examples
    --------
    >>> neutralise_formulas(pa.array(["=1+1", "甲", "-3", "@SUM(A1)", None])).to_pylist()
    ["'=1+1", '甲', "'-3", "'@SUM(A1)", None]

    """
    if not _may_hold_formula(values):
        return values
    live = None
    for start in FORMULA_STARTS:  # six plain prefix tests are cheaper than one regular expression
        hit = pc.starts_with(values, start)
        live = hit if live is None else pc.or_(live, hit)
    if live is None or not pc.any(live).as_py():
        return values
    quoted = pc.binary_join_element_wise(pa.scalar("'", values.type), values, pa.scalar("", values.type))
    return pc.if_else(live, quoted, values)


def _may_hold_formula(values: pa.Array | pa.ChunkedArray) -> bool:
    """False when no cell holds any of the six characters anywhere: one byte scan of the text buffers."""
    for chunk in values.chunks if isinstance(values, pa.ChunkedArray) else [values]:
        buffers = chunk.buffers()
        if len(buffers) < 3 or buffers[2] is None:
            continue
        raw = buffers[2].to_pybytes()
        if any(start.encode() in raw for start in FORMULA_STARTS):
            return True
    return False


def _guard_name(name: str) -> str:
    return f"'{name}" if name.startswith(FORMULA_STARTS) else name


def write_csv(frame: pd.DataFrame, path: str | Path, *, formula_guard: bool = True) -> Path:
    r"""Write ``frame``, without its index, as a CSV file in UTF-8 with a byte-order mark.

    The header holds the column names in order. Integers are written as
    digits, dates (times at midnight) as ``YYYY-MM-DD``, booleans as
    ``True``/``False``, other values as pandas shows them; missing values are
    empty cells. Text is quoted (Arrow's CSV writer quotes every text
    value), so the values read back are those of ``frame.to_csv(path,
    index=False)``. The byte-order mark lets Excel open Chinese text.

    Parameters
    ----------
    frame
        The table; read-only.
    path
        The file to write (overwritten). It is written under a temporary name
        in the same folder and renamed when complete.
    formula_guard
        Write text cells and headers that begin with one of
        :data:`FORMULA_STARTS` with a leading apostrophe, so that a
        spreadsheet shows them as text instead of running them (the default);
        ``False`` writes them as they are.

    Returns
    -------
    pathlib.Path
        ``path``.

    Notes
    -----
    O(cells): every column is converted once, then Arrow's CSV writer
    (:func:`pyarrow.csv.write_csv`) writes the rows.

    Examples
    --------
    >>> import tempfile
    >>> frame = pd.DataFrame({"id": ["U1", "U2"], "name": ["甲,乙", None], "n": [1, 2], "ok": [True, False]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     text = write_csv(frame, Path(tmp) / "t.csv").read_text(encoding="utf-8-sig")
    >>> print(text, end="")
    id,name,n,ok
    "U1","甲,乙",1,"True"
    "U2",,2,"False"

    """
    path = Path(path)
    names = [str(c) for c in frame.columns]
    arrays = [_csv_column(frame.iloc[:, j]) for j in range(frame.shape[1])]
    if formula_guard:
        names = [_guard_name(n) for n in names]
        texts = [_is_text(frame.iloc[:, j]) for j in range(frame.shape[1])]
        arrays = [neutralise_formulas(a) if t else a for a, t in zip(arrays, texts, strict=True)]
    if len(arrays) == 1 and arrays[0].null_count:
        # a lone empty cell would make an empty line, which readers skip: write "" instead
        arrays = [arrays[0].cast(pa.string()).fill_null("")]
    table = pa.Table.from_arrays(arrays, names=names)
    header = "needed" if any(_CSV_SPECIAL.search(n) for n in names) else "none"
    options = pacsv.WriteOptions(quoting_header=header)
    with replaced_when_done(path) as part, pa.OSFile(str(part), "wb") as sink:
        sink.write(b"\xef\xbb\xbf")
        pacsv.write_csv(table, sink, write_options=options)
    return path


def _is_text(series: pd.Series) -> bool:
    """Whether a column holds text (not numbers, booleans or dates written as text)."""
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return pd.api.types.is_string_dtype(dtype.categories.dtype)
    return pd.api.types.is_string_dtype(dtype) or dtype is np.dtype(object)
