"""The data rows of big table sheets, written column by column with Arrow instead of cell by cell.

xlsxwriter spends about 10 µs of Python per cell (measured: ~4 µs to take
a cell, ~5 µs to write its XML when the workbook closes): 11 s of CPU for
the ~600,000 cells of a city's ``report.xlsx`` at the default row cap, and
more for a ledger workbook. A :class:`BulkWorkbook` (used by
``report.xlsx``, the 月报 and ``ledger.xlsx``) lets
xlsxwriter write everything it is good at — the overview sheets laid out
cell by cell, formats, column widths, frozen headers, filters — and holds
back only the plain data rows of the table sheets. When the workbook is
saved, those rows are built as SpreadsheetML text one whole column at a
time (Arrow string kernels, no Python object per cell) and put into each
table sheet's ``<sheetData>`` right after the header row xlsxwriter wrote.

The cells are what xlsxwriter itself writes for the same values
(ECMA-376 Part 1, §18.3.1.4 ``c``, §18.3.1.73 ``row``):

- text in the workbook's shared strings (``t="s"``; the texts of one
  column are stored once each, after the strings xlsxwriter wrote), ``&``,
  ``<`` and ``>`` escaped, control characters as ``_xHHHH_`` and a literal
  ``_xHHHH_`` kept by escaping its underscore (``_x005F_``), as Excel
  does; text longer than a cell holds cut by the workbook's rule
  (``report.xlsx`` adds a note saying so); an empty text is no cell. A
  workbook in which xlsxwriter wrote no text at all has no shared strings:
  its text cells are inline strings (``t="inlineStr"``);
- numbers as their shortest round-trip decimal, booleans as ``t="b"``;
  infinite and missing numbers are no cell;
- dates as Excel serial days (the 1900 date system, Excel's 29 February
  1900 counted);
- each cell with its column's format (the ``style`` of the column's
  ``<col>`` element, set by ``set_column``), so ids stay text, rates
  percentages and dates dates.

Examples
--------
>>> import io, openpyxl
>>> bulk = BulkWorkbook()
>>> ws = bulk.book.add_worksheet("表")
>>> _ = ws.write_row(0, 0, ["编号", "比例"])
>>> bulk.defer_rows(ws, pd.DataFrame({"id": ["U1", "U<2>"], "rate": [0.5, None]}))
>>> out = io.BytesIO()
>>> _ = bulk.save(out)
>>> [[c.value for c in row] for row in openpyxl.load_workbook(out)["表"].iter_rows()]
[['编号', '比例'], ['U1', 0.5], ['U<2>', None]]

"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import xlsxwriter
from xlsxwriter.utility import xl_cell_to_rowcol, xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from graphkit.kernels import joined_text

__all__ = ["ROWS_PER_BLOCK", "TEXT_STAYS_TEXT", "BulkWorkbook", "text_width"]

#: xlsxwriter options every bulk workbook starts from: text stays text (no formulas, links or
#: numbers made from the text xlsxwriter writes; the bulk rows never interpret it).
TEXT_STAYS_TEXT = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}

#: Rows built as text at a time: bounds the memory of a sheet at Excel's row limit.
ROWS_PER_BLOCK = 50_000

#: The most characters an Excel cell holds.
_CELL_CHARS = 32_767

#: Control characters Excel writes as ``_xHHHH_`` (tab and line feed stay as they are).
_CONTROL = [chr(c) for c in [*range(0x09), *range(0x0B, 0x20)]]

_SST = "xl/sharedStrings.xml"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

#: Characters that take two columns of width (CJK and full-width forms), in the syntax of
#: Arrow's regular expressions (RE2).
_WIDE = (
    r"[\x{1100}-\x{115f}\x{2e80}-\x{a4cf}\x{ac00}-\x{d7a3}\x{f900}-\x{faff}"
    r"\x{fe30}-\x{fe4f}\x{ff00}-\x{ff60}\x{ffe0}-\x{ffe6}]"
)

#: Nanoseconds from 1970-01-01 back to Excel's day 0 of the 1900 system (1899-12-31).
_EXCEL_EPOCH_NS = int(pd.Timestamp("1899-12-31").value)
_DAY_NS = 86_400 * 10**9


class BulkWorkbook:
    """An xlsxwriter workbook whose table sheets' data rows are written in bulk when it is saved.

    Parameters
    ----------
    options
        xlsxwriter's workbook options, on top of :data:`TEXT_STAYS_TEXT`
        (``constant_memory`` is ignored: the
        rows held back never pass through xlsxwriter, so the workbook it
        writes stays small).
    cut
        Turns a text longer than a cell holds into the text the cell gets
        (by default the first characters; :func:`graphkit.report.xlsx.cut_text`
        adds a note saying so).

    Attributes
    ----------
    book : xlsxwriter.Workbook
        The workbook to lay out with xlsxwriter's public API.

    Notes
    -----
    O(cells) Arrow string work per sheet, in blocks of
    :data:`ROWS_PER_BLOCK` rows; the sheets xlsxwriter wrote are copied into
    the final file as they are.
    """

    def __init__(
        self, options: dict[str, Any] | None = None, *, cut: Callable[[str], str] | None = None
    ) -> None:
        self._buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self._buffer, {**TEXT_STAYS_TEXT, **(options or {}), "constant_memory": False, "in_memory": True}
        )
        self._cut: Callable[[str], str] = cut or (lambda text: text[:_CELL_CHARS])
        self._pending: dict[str, tuple[int, pd.DataFrame]] = {}

    def defer_rows(self, ws: Worksheet, frame: pd.DataFrame, *, first_row: int = 1) -> None:
        """Write ``frame``'s rows into ``ws`` from ``first_row`` (0-based) on, column A first, when saved.

        Nothing may be written into ``ws`` at or below ``first_row`` with
        xlsxwriter. Each cell takes its column's format (set with
        ``ws.set_column`` before the workbook is saved).
        """
        self._pending[ws.get_name()] = (first_row, frame)

    def save(self, target: str | Path | IO[bytes]) -> str | Path | IO[bytes]:
        """Close the workbook and write it, the held-back rows included, to ``target``; return ``target``."""
        self.book.close()
        with zipfile.ZipFile(self._buffer) as source:
            parts = {part: name for name, part in _sheet_parts(source).items()}
            names = set(source.namelist())
            strings = _SharedStrings(source.read(_SST).decode("utf-8") if _SST in names else None)
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
                for info in source.infolist():
                    name = parts.get(info.filename)
                    if name in self._pending:
                        first_row, frame = self._pending[name]
                        xml = source.read(info.filename).decode("utf-8")
                        _write_sheet(out, info, xml, frame, first_row, _Cells(strings, self._cut))
                    elif info.filename != _SST:
                        out.writestr(info, source.read(info.filename), zipfile.ZIP_DEFLATED, 1)
                if strings.xml is not None:  # last: it holds the strings of every sheet above
                    out.writestr(source.getinfo(_SST), strings.xml_with_added(), zipfile.ZIP_DEFLATED, 1)
        return target


def text_width(values: pd.Series) -> int:
    """Display width (CJK and full-width characters count double) of the widest of ``values``; 0 if none.

    What a column's width is sized by. Counted by Arrow's string kernels (RE2
    for the wide characters), not per value in Python.

    Examples
    --------
    >>> text_width(pd.Series(["ab", "通报"])), text_width(pd.Series([], dtype="string"))
    (4, 0)

    """
    if values.empty:
        return 0
    text = pa.array(values.astype("string").fillna(""), type=pa.large_string())
    return int(pc.max(pc.add(pc.utf8_length(text), pc.count_substring_regex(text, _WIDE))).as_py())


class _SharedStrings:
    """The workbook's shared string table: xlsxwriter's strings, then every other distinct text once.

    Each text is stored once in the whole workbook, as Excel intends (some
    readers misread a table holding a text twice). Texts are compared in
    their escaped form, which is how xlsxwriter's entries are read back.
    """

    def __init__(self, xml: str | None) -> None:
        self.xml = xml
        self._added: list[memoryview] = []
        self._count = self._next = 0
        self._index: dict[str, int] = {}
        if xml is not None:
            head = re.search(r"<sst [^>]*>", xml)
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', head.group(0) if head else ""))
            self._count = int(attrs.get("count", 0))
            entries = re.findall(r"<si>(.*?)</si>", xml, flags=re.DOTALL)
            self._next = len(entries)
            for at, entry in enumerate(entries):
                plain = re.fullmatch(r'<t(?: xml:space="preserve")?>([^<]*)</t>', entry)
                if plain:  # rich text (runs of formats) is never the same as a plain text
                    self._index.setdefault(plain.group(1), at)

    def indices(self, text: pa.Array) -> pa.Array:
        """Each escaped text's index in the table, as text (null where null); new texts are added."""
        encoded = pc.dictionary_encode(text)
        if isinstance(encoded, pa.ChunkedArray):
            encoded = encoded.combine_chunks()
        words = encoded.dictionary.to_pylist()
        where = np.empty(len(words), dtype=np.int64)
        new: list[str] = []
        for j, word in enumerate(words):  # once per distinct text of the column
            found = self._index.get(word)
            if found is None:
                found = self._index[word] = self._next
                self._next += 1
                new.append(word)
            where[j] = found
        if new:
            added = pa.array(new, pa.large_string())
            entries = pc.binary_join_element_wise(
                _big('<si><t xml:space="preserve">'), added, _big("</t></si>"), _big("")
            )
            self._added.append(joined_text(entries))
        self._count += len(text) - text.null_count
        return pc.cast(pc.take(pa.array(where), encoded.indices), pa.large_string())

    def xml_with_added(self) -> bytes:
        """The table's XML: xlsxwriter's strings, then every text added, with the counts to match."""
        assert self.xml is not None
        xml = re.sub(
            r"<sst [^>]*>", lambda m: _with_counts(m.group(0), self._count, self._next), self.xml, count=1
        )
        end = xml.rindex("</sst>")
        return b"".join([xml[:end].encode("utf-8"), *self._added, xml[end:].encode("utf-8")])


def _with_counts(tag: str, count: int, unique: int) -> str:
    tag = re.sub(r'\scount="\d+"', f' count="{count}"', tag)
    return re.sub(r'\suniqueCount="\d+"', f' uniqueCount="{unique}"', tag)


class _Cells:
    """How a workbook's bulk cells are made: its shared strings and the rule that cuts long text."""

    def __init__(self, strings: _SharedStrings, cut: Callable[[str], str]) -> None:
        self.strings = strings
        self.cut = cut


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name and the zip member holding it (from the workbook and its relationships)."""
    book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PACKAGE_REL}Relationship")}
    out = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        out[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return out


def _write_sheet(
    out: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    xml: str,
    frame: pd.DataFrame,
    first_row: int,
    make: _Cells,
) -> None:
    """Copy one sheet's XML into ``out``, ``frame``'s rows after the rows xlsxwriter wrote."""
    written = [int(r) for r in re.findall(r'<row r="(\d+)"', xml)]
    if written and max(written) > first_row:
        raise ValueError(f"rows written at or below row {first_row + 1} of a sheet whose rows come later")
    if len(frame) and len(frame.columns):
        xml = _with_dimension(xml, first_row + len(frame) - 1, len(frame.columns) - 1)
    xml = xml.replace("<sheetData/>", "<sheetData></sheetData>")
    at = xml.index("</sheetData>")
    styles = _column_styles(xml)
    target = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    target.compress_type = zipfile.ZIP_DEFLATED
    target.external_attr = info.external_attr
    with out.open(target, "w", force_zip64=True) as part:
        part.write(xml[:at].encode("utf-8"))
        for start in range(0, len(frame), ROWS_PER_BLOCK):
            block = frame.iloc[start : start + ROWS_PER_BLOCK]
            part.write(_rows_xml(block, first_row + start, styles, make))
        part.write(xml[at:].encode("utf-8"))


def _with_dimension(xml: str, last_row: int, last_col: int) -> str:
    """``xml`` with its used range (``<dimension>``) grown to reach 0-based ``(last_row, last_col)``."""
    found = re.search(r'<dimension ref="([^"]*)"/>', xml)
    if not found:
        return xml
    end_row, end_col = xl_cell_to_rowcol(found.group(1).split(":")[-1])
    ref = f"A1:{xl_rowcol_to_cell(max(end_row, last_row), max(end_col, last_col))}"
    return f'{xml[: found.start()]}<dimension ref="{ref}"/>{xml[found.end() :]}'


def _column_styles(xml: str) -> dict[int, str]:
    """The format (cell style index) of each 0-based column with one, from the sheet's ``<col>`` elements."""
    out: dict[int, str] = {}
    for col in re.finditer(r"<col [^>]*/>", xml):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', col.group(0)))
        if attrs.get("style"):
            for c in range(int(attrs["min"]) - 1, int(attrs["max"])):
                out[c] = attrs["style"]
    return out


def _rows_xml(block: pd.DataFrame, first_row: int, styles: dict[int, str], make: _Cells) -> memoryview:
    """``<row>`` elements for ``block``, its first row at 0-based sheet row ``first_row``."""
    n = len(block)
    numbers = pc.cast(pa.array(np.arange(first_row + 1, first_row + n + 1)), pa.large_string())
    cells = [
        _cells_xml(block.iloc[:, j], xl_col_to_name(j), numbers, styles.get(j), make)
        for j in range(block.shape[1])
    ]
    rows = pc.binary_join_element_wise(
        _big('<row r="'), numbers, _big('">'), *cells, _big("</row>"), _big("")
    )
    return joined_text(rows)


def _cells_xml(
    values: pd.Series, letter: str, numbers: pa.Array, style: str | None, make: _Cells
) -> pa.Array:
    """Each value's ``<c>`` element (``""`` where the value makes no cell)."""
    return pc.fill_null(_cells_or_null(values, letter, numbers, style, make), _big(""))


def _cells_or_null(
    values: pd.Series, letter: str, numbers: pa.Array, style: str | None, make: _Cells
) -> pa.Array:
    kind, text = _cell_values(values, make.cut)
    if kind == "mixed":  # several kinds of value in one column: each kind on its own, then together
        parts = [_cells_or_null(part, letter, numbers, style, make) for part in _kinds(values)]
        return pc.coalesce(*parts) if parts else pa.nulls(len(values), pa.large_string())
    style_attr = f' s="{style}"' if style else ""
    if kind == "s" and make.strings.xml is not None:
        middle, end, text = f'"{style_attr} t="s"><v>', "</v></c>", make.strings.indices(text)
    elif kind == "s":
        middle, end = f'"{style_attr} t="inlineStr"><is><t xml:space="preserve">', "</t></is></c>"
    elif kind == "b":
        middle, end = f'"{style_attr} t="b"><v>', "</v></c>"
    else:
        middle, end = f'"{style_attr}><v>', "</v></c>"
    return pc.binary_join_element_wise(
        _big(f'<c r="{letter}'), numbers, _big(middle), text, _big(end), _big("")
    )


def _cell_values(values: pd.Series, cut: Callable[[str], str]) -> tuple[str, pa.Array | None]:
    """(kind, text): ``"n"`` numbers, ``"b"`` booleans or ``"s"`` escaped text, null where no cell.

    ``("mixed", None)`` for an object column holding more than one kind of value.
    """
    dtype = values.dtype
    if pd.api.types.is_bool_dtype(dtype):
        flags = pa.array(values, type=pa.bool_(), from_pandas=True)
        return "b", pc.if_else(flags, "1", "0").cast(pa.large_string())
    if pd.api.types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            values = values.dt.tz_localize(None)
        stamps = values.to_numpy(dtype="datetime64[ns]")
        missing = np.isnat(stamps)
        days = (stamps.view(np.int64) - _EXCEL_EPOCH_NS) / _DAY_NS
        days = days + (days >= 60)  # Excel counts a 29 February 1900
        return "n", _numbers(days, missing)
    if pd.api.types.is_integer_dtype(dtype):
        return "n", pc.cast(pa.array(values, from_pandas=True), pa.large_string())
    if pd.api.types.is_float_dtype(dtype):
        floats = values.to_numpy(dtype="float64", na_value=np.nan)
        return "n", _numbers(floats, ~np.isfinite(floats))
    if isinstance(dtype, pd.CategoricalDtype):
        values = values.astype("string")
    try:
        text = pa.array(values, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return "mixed", None
    return "s", _escaped(text, cut)


def _kinds(values: pd.Series) -> list[pd.Series]:
    """An object column split by kind of value: text, booleans, numbers, dates (others as text).

    Each part is as long as ``values``, missing where another kind is.
    """
    objects = values.astype(object).to_numpy()
    present = ~pd.isna(objects)
    is_bool = np.array([isinstance(v, bool | np.bool_) for v in objects], dtype=bool)
    is_number = np.array([isinstance(v, int | float | np.number) for v in objects], dtype=bool) & ~is_bool
    is_date = np.array([isinstance(v, dt.date) for v in objects], dtype=bool)
    is_text = present & ~is_bool & ~is_number & ~is_date
    index = values.index
    return [
        pd.Series(
            [str(v) if t else None for v, t in zip(objects, is_text, strict=True)],
            index=index,
            dtype="string",
        ),
        pd.Series(np.where(is_bool & present, objects, None), index=index, dtype="boolean"),
        pd.Series(np.where(is_number & present, objects, np.nan), index=index, dtype="float64"),
        pd.Series(pd.to_datetime(np.where(is_date & present, objects, None)), index=index),
    ]


def _big(text: str) -> pa.Scalar:
    """``text`` as an Arrow large_string scalar (every text of a sheet's rows is large_string)."""
    return pa.scalar(text, pa.large_string())


def _numbers(values: np.ndarray, missing: np.ndarray) -> pa.Array:
    """Floats as their shortest round-trip decimal text; null where ``missing``."""
    return pc.cast(pa.array(values, mask=missing, type=pa.float64()), pa.large_string())


def _escaped(text: pa.Array, cut: Callable[[str], str]) -> pa.Array:
    """Text as a cell's inline string holds it; null for a missing or empty text."""
    text = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.large_string()), text)
    long = pc.greater(pc.utf8_length(text), _CELL_CHARS).fill_null(False)
    if pc.any(long).as_py():
        at = np.flatnonzero(np.asarray(long.to_numpy(zero_copy_only=False)))
        values = text.to_pylist()
        for i in at:
            values[i] = cut(values[i])
        text = pa.array(values, type=pa.large_string())
    if pc.any(pc.match_substring(text, "_x")).as_py():
        text = pc.replace_substring_regex(text, "(_x[0-9a-fA-F]{4}_)", r"_x005F\1")
    if pc.any(pc.match_substring_regex(text, "[\\x00-\\x08\\x0B-\\x1F]")).as_py():
        for ch in _CONTROL:
            text = pc.replace_substring(text, ch, f"_x{ord(ch):04X}_")
    for ch, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = pc.replace_substring(text, ch, entity)
    return text
