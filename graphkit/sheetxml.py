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

import functools
import os
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["close_workbook", "write_table_rows"]

#: Rows turned into XML per step (bounds the memory the XML text takes).
CHUNK_ROWS = 50_000

_EXCEL_EPOCH = np.datetime64("1899-12-30")
_ZIP_LOCK = threading.Lock()
#: Text xlsxwriter escapes: control characters, U+FFFE/U+FFFF and literal ``_xHHHH_`` (RE2 syntax).
_SPECIAL = r"[\x00-\x08\x0b-\x1f\x{FFFE}\x{FFFF}]|_x[0-9a-fA-F]{4}_"


@functools.cache
def _whitespace() -> Any:
    """Every character Python's ``re`` counts as whitespace (none is above U+3000), as an Arrow array."""
    import re

    import pyarrow as pa

    return pa.array([chr(c) for c in range(0x3000 + 1) if re.match(r"\s", chr(c))], type=pa.string())


def _utf8(arr: Any) -> np.ndarray:
    """The UTF-8 bytes of a string array's values, one after another (nulls' bytes included)."""
    data = arr.buffers()[2]
    if data is None or not len(arr):
        return np.zeros(0, dtype=np.uint8)
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int32)[arr.offset : arr.offset + len(arr) + 1]
    return np.frombuffer(data, dtype=np.uint8)[int(offsets[0]) : int(offsets[-1])]


#: Control characters and ``_``: every text :data:`_SPECIAL` matches holds one, or U+FFFE/U+FFFF.
_SPECIAL_BYTES = np.zeros(256, dtype=bool)
_SPECIAL_BYTES[[*range(0x09), *range(0x0B, 0x20), ord("_")]] = True


def _may_be_special(raw: np.ndarray) -> bool:
    """Whether UTF-8 bytes may hold text :data:`_SPECIAL` matches (a cheap test before the pattern)."""
    if _SPECIAL_BYTES[raw].any():
        return True
    lead = np.flatnonzero(raw[:-2] == 0xEF)  # U+FFFE and U+FFFF are EF BF BE and EF BF BF
    return bool(((raw[lead + 1] == 0xBF) & (raw[lead + 2] >= 0xBE)).any())


def _string_cells(values: pd.Series) -> Any:
    """Escaped ``<is>`` bodies of a text column (Arrow strings, missing → null); ``None`` when not text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from graphkit.kernels import text_array

    arr = text_array(values)
    if arr is None:
        return None
    arr = arr.cast(pa.string())
    special = np.zeros(len(arr), dtype=bool)
    raw = _utf8(arr)
    if _may_be_special(raw):
        special = pc.match_substring_regex(arr, _SPECIAL).fill_null(False).to_numpy(zero_copy_only=False)
    if special.any():  # control characters, or text that looks like their escapes: xlsxwriter's rule
        from xlsxwriter.xmlwriter import XMLwriter

        text = pd.Series(arr.to_pandas(types_mapper=pd.ArrowDtype), dtype=object)
        text[special] = text[special].map(XMLwriter._escape_control_characters)
        arr = pa.array(text, type=pa.string(), from_pandas=True)
    escaped = arr
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        if (raw == ord(char)).any():
            escaped = pc.replace_substring(escaped, char, entity)
    # xlsxwriter marks text with leading or trailing whitespace (as Python's re sees it) to be kept
    edge = pc.or_(
        pc.is_in(pc.utf8_slice_codeunits(arr, 0, 1), value_set=_whitespace()),
        pc.is_in(pc.utf8_slice_codeunits(arr, -1), value_set=_whitespace()),
    ).fill_null(False)
    opening = pc.if_else(
        edge, pa.scalar(' t="inlineStr"><is><t xml:space="preserve">'), pa.scalar(' t="inlineStr"><is><t>')
    )
    return pc.binary_join_element_wise(opening, escaped, pa.scalar("</t></is></c>"), "")


def _column_cells(values: pd.Series) -> Any:
    """What follows the ``r``/``s`` attributes of each ``<c>`` element (Arrow strings, null: missing)."""
    import pyarrow as pa

    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype):
        flags = values.astype("boolean")
        body = np.where(flags.fillna(False).to_numpy(), ' t="b"><v>1</v></c>', ' t="b"><v>0</v></c>')
        return pa.array(body, type=pa.string(), mask=flags.isna().to_numpy())
    if pd.api.types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            return None
        days = (values.to_numpy(dtype="datetime64[ns]") - _EXCEL_EPOCH) / np.timedelta64(1, "D")
        return _numbers(np.where(values.notna().to_numpy(), days, np.nan))
    if pd.api.types.is_numeric_dtype(dtype):
        return _numbers(values.astype("Float64").to_numpy(dtype="float64", na_value=np.nan))
    return _string_cells(values)


def _numbers(floats: np.ndarray) -> Any:
    """``<v>`` cells of numbers as xlsxwriter writes them (``f"{value:.16G}"``); null where not finite."""
    import pyarrow as pa
    import pyarrow.compute as pc

    finite = np.isfinite(floats)
    # whole numbers below 10**16 print as their digits; -0.0 and the rest go through Python's format
    whole = (
        finite
        & (np.abs(floats) < 1e16)
        & (floats == np.trunc(floats))
        & ~((floats == 0) & np.signbit(floats))
    )
    text = pa.array(np.where(whole, floats, 0).astype(np.int64)).cast(pa.string())
    other = finite & ~whole
    if other.any():
        values = text.to_numpy(zero_copy_only=False).astype(object)
        values[other] = [f"{v:.16G}" for v in floats[other]]
        text = pa.array(values, type=pa.string())
    cells = pc.binary_join_element_wise(pa.scalar("><v>"), text, pa.scalar("</v></c>"), "")
    return pc.if_else(pa.array(finite), cells, pa.scalar(None, pa.string()))


def _rows_xml(cells: list[Any], letters: list[str], styles: list[str], *, first: int) -> memoryview:
    """The ``<row>`` elements of equally long Arrow ``cells`` columns from zero-based sheet row ``first``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(cells[0])
    rows = pa.array(np.arange(first + 1, first + n + 1, dtype=np.int64)).cast(pa.string())
    parts = [pa.scalar('<row r="'), rows, pa.scalar('">')]
    for letter, style, column in zip(letters, styles, cells, strict=True):
        element = pc.binary_join_element_wise(
            pa.scalar(f'<c r="{letter}'), rows, pa.scalar(f'"{style}'), column, ""
        )
        parts.append(element.fill_null(""))
    parts.append(pa.scalar("</row>"))
    lines = pc.binary_join_element_wise(*parts, "").cast(pa.string())
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)[lines.offset : lines.offset + n + 1]
    return memoryview(lines.buffers()[2])[int(offsets[0]) : int(offsets[-1])]


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
    cells = [_column_cells(frame.iloc[:, j]) for j in range(frame.shape[1])]  # Arrow arrays
    if any(c is None for c in cells):
        return False
    n = len(frame)
    ws._write_single_row(first_row)  # flush the rows xlsxwriter holds (the header)
    if n == 0 or frame.shape[1] == 0:
        return True
    from xlsxwriter.utility import xl_col_to_name

    letters = [xl_col_to_name(j) for j in range(frame.shape[1])]
    styles = [f' s="{f._get_xf_index()}"' if f is not None else "" for f in formats]
    fh = ws.row_data_fh
    # the temporary row file is UTF-8 text: write the bytes below its text layer (where
    # newlines are not translated; elsewhere as text, which translates them as xlsxwriter's would)
    raw = getattr(fh, "buffer", None) if os.linesep == "\n" else None
    fh.flush()
    for start in range(0, n, CHUNK_ROWS):
        stop = min(start + CHUNK_ROWS, n)
        xml = _rows_xml(
            [c.slice(start, stop - start) for c in cells], letters, styles, first=first_row + start
        )
        if raw is not None:
            raw.write(xml)
        else:
            fh.write(bytes(xml).decode("utf-8"))
    if raw is not None:
        raw.flush()
    ws._check_dimensions(first_row + n - 1, frame.shape[1] - 1)
    ws._check_dimensions(first_row, 0)
    ws.previous_row = first_row + n
    return True


#: What :func:`_copy_sheet_data` uses of an xlsxwriter worksheet.
_COPY_INTERNALS = (
    "_write_optimized_sheet_data",
    "_xml_start_tag",
    "_xml_end_tag",
    "_xml_empty_tag",
    "dim_rowmin",
    "row_data_fh",
    "row_data_filename",
    "fh",
)


def _copy_sheet_data(ws: Any) -> None:
    """Write the ``<sheetData>`` of a constant-memory sheet, xlsxwriter's row file copied as bytes.

    xlsxwriter copies the temporary row file into the sheet's XML file as
    text, 64 KB at a time, decoding and encoding every byte (about 0.6 s for a
    city's capped workbook); the bytes are the same when copied as they are.
    """
    import shutil

    if ws.dim_rowmin is None:
        ws._xml_empty_tag("sheetData")
        return
    ws._xml_start_tag("sheetData")
    src, dst = ws.row_data_fh, ws.fh
    src.flush()
    dst.flush()
    raw_src, raw_dst = getattr(src, "buffer", None), getattr(dst, "buffer", None)
    if raw_src is None or raw_dst is None:  # pragma: no cover - xlsxwriter writes text files
        src.seek(0)
        shutil.copyfileobj(src, dst, 1 << 20)
    else:
        raw_src.seek(0)
        shutil.copyfileobj(raw_src, raw_dst, 1 << 20)
        raw_dst.flush()
    src.close()
    Path(ws.row_data_filename).unlink()
    ws._xml_end_tag("sheetData")


def close_workbook(book: Any, *, compresslevel: int = 1) -> None:
    """Close an xlsxwriter ``book``, deflating its parts at zlib ``compresslevel``.

    xlsxwriter deflates at zlib's default level (6); at level 1 a city-scale
    ``report.xlsx`` is written in about a third of the time and is about a
    quarter larger. The workbook's contents are the same. When xlsxwriter's
    packaging is not the one this expects, the book is closed as it is.

    Examples
    --------
    >>> import tempfile, xlsxwriter, zipfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     book = xlsxwriter.Workbook(f"{tmp}/t.xlsx")
    ...     _ = book.add_worksheet("t").write_string(0, 0, "甲")
    ...     close_workbook(book)
    ...     zipfile.ZipFile(f"{tmp}/t.xlsx").getinfo("xl/worksheets/sheet1.xml").compress_type
    8

    """
    import zipfile

    import xlsxwriter.workbook as packaging

    if getattr(packaging, "ZipFile", None) is not zipfile.ZipFile:
        book.close()
        return

    class _Zip(zipfile.ZipFile):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("compresslevel", compresslevel)
            super().__init__(*args, **kwargs)

    if os.linesep == "\n":  # rows copied as bytes (a text copy translates newlines elsewhere)
        for ws in book.worksheets():
            if getattr(ws, "constant_memory", False) and all(hasattr(ws, a) for a in _COPY_INTERNALS):
                ws._write_optimized_sheet_data = functools.partial(_copy_sheet_data, ws)
    with _ZIP_LOCK:  # the name is swapped for the time of this close only
        packaging.ZipFile = _Zip
        try:
            book.close()
        finally:
            packaging.ZipFile = zipfile.ZipFile
