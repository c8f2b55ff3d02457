r"""CSV files through Arrow's CSV writer: UTF-8 with a byte-order mark, canonical values.

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

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

__all__ = ["write_csv"]

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


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
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
        The file to write (overwritten).

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
    if len(arrays) == 1 and arrays[0].null_count:
        # a lone empty cell would make an empty line, which readers skip: write "" instead
        arrays = [arrays[0].cast(pa.string()).fill_null("")]
    table = pa.Table.from_arrays(arrays, names=names)
    header = "needed" if any(_CSV_SPECIAL.search(n) for n in names) else "none"
    options = pacsv.WriteOptions(quoting_header=header)
    with pa.OSFile(str(path), "wb") as sink:
        sink.write(b"\xef\xbb\xbf")
        pacsv.write_csv(table, sink, write_options=options)
    return path
