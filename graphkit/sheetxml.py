"""Fast table rows for xlsxwriter worksheets: whole columns turned into sheet XML at once.

xlsxwriter writes about 100,000 cells a second, one Python call per cell,
which makes a city-scale ``report.xlsx`` the slowest output. In its
``constant_memory`` mode a worksheet streams finished rows, as XML, into a
temporary file; :func:`write_table_rows` builds that XML for a whole frame
with vectorised string operations (about ten times faster) and appends it to
the same file, so the workbook's formats, column widths, frozen panes and
filters still come from xlsxwriter. The cells are the ones xlsxwriter's own
``write_string`` / ``write_number`` / ``write_boolean`` / ``write_datetime``
would write: in-line strings, numbers, booleans and dates as serial numbers;
missing values are left empty.

Examples
--------
>>> import tempfile, openpyxl, xlsxwriter
>>> with tempfile.TemporaryDirectory() as tmp:
...     book = xlsxwriter.Workbook(f"{tmp}/t.xlsx", {"constant_memory": True})
...     ws = book.add_worksheet("t")
...     _ = ws.write_row(0, 0, ["name", "n"])
...     write_table_rows(ws, pd.DataFrame({"name": ["甲 & 乙", None], "n": [1, 2]}))
...     book.close()
...     list(openpyxl.load_workbook(f"{tmp}/t.xlsx")["t"].values)
True
[('name', 'n'), ('甲 & 乙', 1), (None, 2)]

"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["write_table_rows"]

#: Rows turned into XML per step (bounds the memory the XML text takes).
CHUNK_ROWS = 50_000

_EXCEL_EPOCH = np.datetime64("1899-12-30")
#: Text xlsxwriter escapes: control characters, U+FFFE/U+FFFF and literal ``_xHHHH_`` (RE2 syntax).
_SPECIAL = r"[\x00-\x08\x0b-\x1f\x{FFFE}\x{FFFF}]|_x[0-9a-fA-F]{4}_"


@cache
def _whitespace() -> Any:
    """Every character Python's ``re`` counts as whitespace (none is above U+3000), as an Arrow array."""
    import re

    import pyarrow as pa

    return pa.array([chr(c) for c in range(0x3000 + 1) if re.match(r"\s", chr(c))], type=pa.string())


def _string_cells(values: pd.Series) -> pd.Series | None:
    """Escaped ``<is>`` bodies of a text column (missing → NA), or ``None`` when not all text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if values.dtype == object and not values.dropna().map(type).eq(str).all():
        return None
    text = values.astype("string")
    arr = pa.array(text, from_pandas=True).cast(pa.string())
    special = pc.match_substring_regex(arr, _SPECIAL).fill_null(False).to_numpy(zero_copy_only=False)
    if special.any():  # control characters, or text that looks like their escapes: xlsxwriter's rule
        from xlsxwriter.xmlwriter import XMLwriter

        text = text.copy()
        text[special] = text[special].map(XMLwriter._escape_control_characters)
        arr = pa.array(text, from_pandas=True).cast(pa.string())
    escaped = arr
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        escaped = pc.replace_substring(escaped, char, entity)
    # xlsxwriter marks text with leading or trailing whitespace (as Python's re sees it) to be kept
    edge = pc.or_(
        pc.is_in(pc.utf8_slice_codeunits(arr, 0, 1), value_set=_whitespace()),
        pc.is_in(pc.utf8_slice_codeunits(arr, -1), value_set=_whitespace()),
    )
    preserve = edge.fill_null(False).to_numpy(zero_copy_only=False)
    opening = np.where(preserve, '<t xml:space="preserve">', "<t>")
    body = pd.Series(escaped, index=values.index, dtype="string")
    return (
        ' t="inlineStr"><is>'
        + pd.Series(opening, index=values.index, dtype="string")
        + body
        + "</t></is></c>"
    )


def _column_cells(values: pd.Series) -> pd.Series | None:
    """The part of each ``<c>`` element after its ``r``/``s`` attributes (NA where missing)."""
    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype):
        flags = values.astype("boolean")
        body = pd.Series(np.where(flags.fillna(False).to_numpy(), "1", "0"), index=values.index)
        return (' t="b"><v>' + body + "</v></c>").where(flags.notna())
    if pd.api.types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            return None
        days = (values.to_numpy(dtype="datetime64[ns]") - _EXCEL_EPOCH) / np.timedelta64(1, "D")
        return _numbers(pd.Series(days, index=values.index).where(values.notna()))
    if pd.api.types.is_numeric_dtype(dtype):
        return _numbers(values)
    return _string_cells(values)


def _numbers(values: pd.Series) -> pd.Series:
    floats = values.astype("Float64").astype(float)
    finite = np.isfinite(floats.to_numpy())
    text = np.full(len(values), "", dtype=object)
    text[finite] = [f"{v:.16G}" for v in floats.to_numpy()[finite]]
    return pd.Series("><v>" + pd.Series(text, index=values.index).astype("string") + "</v></c>").where(finite)


def write_table_rows(
    ws: Any, frame: pd.DataFrame, *, first_row: int = 1, formats: list[Any] | None = None
) -> bool:
    """Write the rows of ``frame`` into ``ws`` from ``first_row`` down, columns from A.

    Parameters
    ----------
    ws
        An xlsxwriter worksheet of a workbook opened with
        ``{"constant_memory": True}``; rows above ``first_row`` are written
        already, none below it.
    frame
        The rows. Columns hold text (``str``/``string``), numbers, booleans
        or naive dates; missing values stay empty cells.
    first_row
        Zero-based row of the first data row (1: below a header row).
    formats
        One xlsxwriter ``Format`` (or ``None``) per column, as each cell's format.

    Returns
    -------
    bool
        ``True`` when written; ``False``, writing nothing, when ``ws`` is not
        in ``constant_memory`` mode or a column mixes Python types (then
        write cell by cell).

    """
    internals = ("_write_single_row", "_check_dimensions", "previous_row", "row_data_fh")
    if not getattr(ws, "constant_memory", False) or not all(hasattr(ws, a) for a in internals):
        return False
    if ws.row_data_fh is None:
        return False
    formats = formats if formats is not None else [None] * len(frame.columns)
    cells = [_column_cells(frame.iloc[:, j]) for j in range(frame.shape[1])]
    if any(c is None for c in cells):
        return False
    n = len(frame)
    ws._write_single_row(first_row)  # flush the rows xlsxwriter holds (the header)
    if n == 0 or frame.shape[1] == 0:
        return True
    from xlsxwriter.utility import xl_col_to_name

    letters = [xl_col_to_name(j) for j in range(frame.shape[1])]
    styles = [f' s="{f._get_xf_index()}"' if f is not None else "" for f in formats]
    for start in range(0, n, CHUNK_ROWS):
        stop = min(start + CHUNK_ROWS, n)
        rows = pd.Series(np.arange(first_row + start + 1, first_row + stop + 1).astype(str)).astype("string")
        line = '<row r="' + rows + '">'
        for letter, style, column in zip(letters, styles, cells, strict=True):
            part = column.iloc[start:stop].reset_index(drop=True)
            element = ('<c r="' + letter + rows + '"' + style + part).fillna("")
            line = line + element
        ws.row_data_fh.write("".join((line + "</row>").tolist()))
    ws._check_dimensions(first_row + n - 1, frame.shape[1] - 1)
    ws._check_dimensions(first_row, 0)
    ws.previous_row = first_row + n
    return True
