"""Reading the files of a ledger: every CSV file and every workbook sheet as a grid of text cells.

No ledger logic happens here: a :class:`Sheet` is the cells of one file or
sheet as text (row ``i`` of the grid is row ``i + 1`` as the office sees
it), stripped of surrounding white space, blank cells missing.

- CSV: UTF-8 (with or without BOM) goes through Arrow's multithreaded
  reader; a file Arrow cannot take (title rows with fewer fields, ragged
  rows, another encoding) takes a forgiving path. Without ``encoding`` a file
  is read as UTF-8 with BOM, else strict UTF-8, else GB18030.
- XLSX and the other workbook formats: every cell as text through fastexcel,
  so an all-digit credit code typed as text stays exact, and a whole number
  typed as a number reads back without ``.0``.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit.exceptions import LedgerError
from graphkit.kernels import as_text
from loaders.ledger.text import STRING, string_array

__all__ = [
    "CSV_SUFFIXES",
    "EXCEL_SUFFIXES",
    "HEADER_SCAN_ROWS",
    "Sheet",
    "clean_cells",
    "read_csv",
    "read_excel",
    "read_sheets",
]

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv",)
#: The header row is looked for among this many rows at the top of a sheet.
HEADER_SCAN_ROWS = 20


@dataclasses.dataclass
class Sheet:
    """One sheet or CSV file as a grid of text cells (row i is row i+1 in Excel)."""

    file: str
    sheet: str | None
    stem: str
    cells: pd.DataFrame


def read_sheets(path: Path, encoding: str | None, ignored: list[str]) -> Iterator[Sheet]:
    """Every CSV file and workbook sheet of ``path`` (a folder or one file), cells cleaned.

    Files of a folder that are not spreadsheets are added to ``ignored``.

    Raises
    ------
    LedgerError
        When ``path`` is missing or not a spreadsheet, or a file cannot be read.

    """
    for f in _files(path, ignored):
        if f.suffix.lower() in CSV_SUFFIXES:
            yield Sheet(f.name, None, f.stem, clean_cells(read_csv(f, encoding)))
        else:
            for name, cells in read_excel(f):
                yield Sheet(f.name, name, f.stem, clean_cells(cells))


def _files(path: Path, ignored: list[str]) -> list[Path]:
    """The spreadsheet files of a folder in name order (the others go to ``ignored``), or ``[path]``."""
    if not path.exists():
        msg = f"{path}: no such file or folder"
        raise LedgerError(msg)
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.is_file()
            and not p.name.startswith(("~$", "."))
            and p.suffix.lower() in (*EXCEL_SUFFIXES, *CSV_SUFFIXES)
        )
        ignored.extend(
            sorted(
                p.name
                for p in path.iterdir()
                if p.is_file() and not p.name.startswith(("~$", ".")) and p not in files
            )
        )
        return files
    if path.suffix.lower() not in (*EXCEL_SUFFIXES, *CSV_SUFFIXES):
        msg = (
            f"{path.name}: not a spreadsheet; expected a folder of CSV/XLSX files "
            "or one XLSX workbook with a sheet per table"
        )
        raise LedgerError(msg)
    return [path]


def clean_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """Every cell stripped of surrounding white space, blank cells missing (Arrow kernels).

    Examples
    --------
    >>> clean_cells(pd.DataFrame({0: [" 甲 ", "  ", None]}, dtype="string"))[0].tolist()
    ['甲', <NA>, <NA>]

    """
    out = {}
    for col in cells.columns:
        text = pc.utf8_trim_whitespace(as_text(cells[col]))  # the white space of Python's str.strip
        blank = pc.equal(pc.binary_length(text), 0)
        if pc.any(blank).as_py():
            text = pc.if_else(blank, pa.scalar(None, text.type), text)
        out[col] = string_array(text)
    return pd.DataFrame(out, index=cells.index, columns=cells.columns)


# ---------------------------------------------------------------- CSV
def read_csv(path: Path, encoding: str | None) -> pd.DataFrame:
    """Every cell of a CSV file as text, columns numbered from 0, one row per line.

    Raises
    ------
    LedgerError
        When the file cannot be decoded or is not a text file.

    """
    data = path.read_bytes()
    fast = _utf8_by_arrow(data, encoding)
    if fast is not None:
        return fast
    return _forgiving_csv(_decode(path, data, encoding))


def _utf8_by_arrow(data: bytes, encoding: str | None) -> pd.DataFrame | None:
    """A UTF-8 CSV through Arrow without decoding the whole file in Python; ``None`` when it does not apply.

    Only the start is decoded here (to size the rows and reject binary files);
    Arrow checks that every cell is UTF-8. Whatever this cannot read takes the
    forgiving path of :func:`read_csv`, which decides the same as if this did not exist.
    """
    if encoding is None:
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    if encoding not in ("utf-8", "utf-8-sig"):
        return None
    try:  # 4 bytes per character at most: the first 65,536 characters, the last one maybe cut
        text = codecs.getincrementaldecoder(encoding)().decode(data[: 4 * 65536 + 4], final=False)
    except UnicodeDecodeError:
        return None
    if "\x00" in text[:4096]:
        return None
    width = _width(text)
    if not width:
        return None
    body = memoryview(data)[3:] if data.startswith(b"\xef\xbb\xbf") else data  # no copy of the file
    return _arrow_csv(body, width)


def _width(text: str) -> int:
    """Fields of the widest of the first rows: title rows may have fewer fields than the header."""
    head = list(csv.reader(io.StringIO(text[:65536], newline="")))[: HEADER_SCAN_ROWS * 5]
    return max((len(r) for r in head), default=0)


def _arrow_csv(data: bytes | memoryview, width: int) -> pd.DataFrame | None:
    """Every cell of a UTF-8 CSV as text, by Arrow's multithreaded reader.

    ``None`` when some row does not have exactly ``width`` fields (title rows,
    blank lines, ragged rows): the caller then takes the forgiving path.
    """
    import pyarrow.csv as pacsv

    names = [str(i) for i in range(width)]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(ignore_empty_lines=False, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),  # pandas' own string type
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    frame = table.to_pandas(types_mapper={pa.large_string(): pd.StringDtype()}.get)
    frame.columns = range(width)
    return frame.astype(STRING)


def _decode(path: Path, data: bytes, encoding: str | None) -> str:
    """The whole file as text: ``encoding``, else UTF-8 with BOM, else strict UTF-8, else GB18030."""
    if encoding is None:
        if data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8-sig"
        else:
            try:
                data.decode("utf-8")
                encoding = "utf-8"
            except UnicodeDecodeError:
                encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        msg = (
            f"{path.name}: cannot decode the file as {encoding} ({exc}); "
            "it is not a UTF-8 or GB18030 text file — pass the right --encoding"
        )
        raise LedgerError(msg) from exc
    if "\x00" in text[:4096]:
        msg = f"{path.name}: this is not a CSV text file"
        raise LedgerError(msg)
    return text


def _forgiving_csv(text: str) -> pd.DataFrame:
    """Decoded CSV text by pandas' parser, or row by row when a later row is wider than the first ones."""
    width = _width(text)
    try:
        return pd.read_csv(
            io.StringIO(text, newline=""),
            header=None,
            names=range(width),
            dtype=STRING,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError):  # a later row is wider: take the slow, forgiving path
        rows = list(csv.reader(io.StringIO(text, newline="")))
        width = max((len(r) for r in rows), default=0)
        return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], columns=range(width), dtype=STRING)


# ---------------------------------------------------------------- workbooks
def read_excel(path: Path) -> Iterator[tuple[str, pd.DataFrame]]:
    """(sheet name, every cell as text) of each sheet of a workbook, through fastexcel.

    Raises
    ------
    LedgerError
        When the file is not a readable workbook or a sheet cannot be read.

    """
    import fastexcel

    try:
        reader = fastexcel.read_excel(str(path))
        names = reader.sheet_names
    except Exception as exc:  # fastexcel raises its own error types
        msg = f"{path.name}: not a readable spreadsheet ({str(exc).splitlines()[0]})"
        raise LedgerError(msg) from exc
    for name in names:
        try:
            batch = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string").to_arrow()
        except Exception as exc:
            msg = f"{path.name}, sheet {name}: cannot read the sheet ({str(exc).splitlines()[0]})"
            raise LedgerError(msg) from exc
        columns = {
            i: string_array(pc.cast(batch.column(i), pa.large_string())) for i in range(batch.num_columns)
        }
        yield (
            name,
            pd.DataFrame(columns, index=pd.RangeIndex(batch.num_rows), columns=range(batch.num_columns)),
        )
