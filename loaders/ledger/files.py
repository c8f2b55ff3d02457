"""Reading the files of a ledger: every CSV file and every workbook sheet as a grid of text cells.

No ledger logic happens here: a :class:`Sheet` is the cells of one file or
sheet as text (row ``i`` of the grid is row ``i + 1`` as the office sees
it), stripped of surrounding white space, blank cells missing.

- CSV: UTF-8 (with or without BOM) goes through Arrow's multithreaded
  reader; a file Arrow cannot take (title rows with fewer fields, ragged
  rows, another encoding) takes a forgiving path. Without ``encoding`` a file
  is read as UTF-8 with BOM, else strict UTF-8, else GB18030.
  UTF-16 (with a byte-order mark, as Excel's "Unicode text" writes it, or
  without one) is recognised, and a tab-separated file is read as such.
- XLSX and the other workbook formats: every cell as text through fastexcel,
  so an all-digit credit code typed as text stays exact, and a whole number
  typed as a number reads back without ``.0``. An Excel error value
  (``#N/A``, ``#DIV/0!`` ...) reads as its text, which the builder rejects.

Refused with one clear :class:`~graphkit.exceptions.LedgerError` (never a
hang, a crash or silent loss): a path the system cannot open (too long, no
permission), a FIFO or device instead of a file, bytes that are not text in
the encoding the file shows, a quote that opens a cell and never closes
(named with its line), and a workbook sheet whose grid would be absurdly
large (see :mod:`~loaders.ledger.bounds`). Hidden workbook sheets are not
read; they are listed in ``ignored`` with a note, as are non-regular files
inside a ledger folder.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import errno
import io
import mmap
import os
import re
import stat
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit import i18n
from graphkit.exceptions import LedgerError
from graphkit.kernels import as_text, usable_cores
from loaders.ledger.bounds import MAX_COLUMNS, check_workbook
from loaders.ledger.text import STRING, string_array

if TYPE_CHECKING:
    import fastexcel

__all__ = [
    "CSV_SUFFIXES",
    "EXCEL_ERRORS",
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

#: Workbook sheets read side by side, each thread with a reader of its own (each holds the
#: workbook's shared strings).
EXCEL_READERS = 2
#: Cells from which a sheet's columns are cleaned side by side (a thread costs ~1 ms to start).
PARALLEL_CELLS = 200_000

#: Excel's error values: fastexcel's name of each -> the text Excel shows (and writes into a CSV).
EXCEL_ERRORS = {
    "Div0": "#DIV/0!",
    "NA": "#N/A",
    "Name": "#NAME?",
    "Null": "#NULL!",
    "Num": "#NUM!",
    "Ref": "#REF!",
    "Value": "#VALUE!",
    "GettingData": "#GETTING_DATA",
}


@dataclasses.dataclass
class Sheet:
    """One sheet or CSV file as a grid of text cells (row i is row i+1 in Excel)."""

    file: str
    sheet: str | None
    stem: str
    cells: pd.DataFrame


def read_sheets(path: Path, encoding: str | None, ignored: list[str], lang: str = "zh") -> Iterator[Sheet]:
    """Every CSV file and visible workbook sheet of ``path`` (a folder or one file), cells cleaned.

    Files of a folder that are not spreadsheets, and hidden sheets, are added to
    ``ignored`` (with a note saying why, in ``lang``).

    Raises
    ------
    LedgerError
        When ``path`` is missing, cannot be opened or is not a spreadsheet, or a
        file cannot be read.

    """
    for f in _files(path, ignored, lang):
        if f.suffix.lower() in CSV_SUFFIXES:
            yield Sheet(f.name, None, f.stem, clean_cells(read_csv(f, encoding, lang)))
        else:
            for name, cells, visible in read_excel(f, lang):
                if visible:
                    yield Sheet(f.name, name, f.stem, clean_cells(cells))
                else:
                    ignored.append(
                        i18n.text("ledger.hidden_ignored", lang=lang, source=f"{f.name}, sheet {name}")
                    )


def _os_error(path: Path, exc: OSError, lang: str) -> LedgerError:
    """One clear message for a path the system refuses (too long, no permission, ...)."""
    if exc.errno == errno.ENAMETOOLONG:
        shown = str(path) if len(str(path)) <= 80 else f"{str(path)[:40]}…{str(path)[-30:]}"
        return LedgerError(i18n.text("ledger.too_long", lang=lang, path=shown, n=len(bytes(path))))
    return LedgerError(i18n.text("ledger.os_error", lang=lang, path=path, error=exc.strerror or exc))


def _kind_of_file(mode: int) -> str | None:
    """What a non-regular file is (``None`` for a regular file or a folder)."""
    for test, what in (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return what
    return None


def _files(path: Path, ignored: list[str], lang: str = "zh") -> list[Path]:
    """The spreadsheet files of a folder in name order (the others go to ``ignored``), or ``[path]``.

    Only regular files are read: a FIFO or device named ``units.csv`` would
    block or never end, so it is refused (given as the path) or ignored with
    a note (inside a folder).
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        msg = f"{path}: no such file or folder"
        raise LedgerError(msg) from None
    except OSError as exc:
        raise _os_error(path, exc, lang) from exc
    if stat.S_ISDIR(mode):
        try:
            entries = sorted(p for p in path.iterdir() if not p.name.startswith(("~$", ".")))
        except OSError as exc:
            raise _os_error(path, exc, lang) from exc
        files = []
        for p in entries:
            try:
                entry = p.stat().st_mode
            except OSError as exc:  # a broken link, a loop of links: named, not fatal
                ignored.append(f"{p.name} ({exc.strerror})")
                continue
            what = _kind_of_file(entry)
            if stat.S_ISREG(entry) and p.suffix.lower() in (*EXCEL_SUFFIXES, *CSV_SUFFIXES):
                files.append(p)
            elif stat.S_ISREG(entry):
                ignored.append(p.name)
            elif what is not None:
                ignored.append(i18n.text("ledger.not_regular_ignored", lang=lang, name=p.name, what=what))
        return files
    what = _kind_of_file(mode)
    if what is not None:
        raise LedgerError(i18n.text("ledger.not_regular", lang=lang, path=path, what=what))
    if path.suffix.lower() not in (*EXCEL_SUFFIXES, *CSV_SUFFIXES):
        msg = (
            f"{path.name}: not a spreadsheet; expected a folder of CSV/XLSX files "
            "or one XLSX workbook with a sheet per table"
        )
        raise LedgerError(msg)
    return [path]


def clean_cells(cells: pd.DataFrame) -> pd.DataFrame:
    """Every cell stripped of surrounding white space, blank cells missing (Arrow kernels).

    A big sheet's columns are cleaned side by side on the machine's cores
    (Arrow's kernels release the interpreter while they run).

    Examples
    --------
    >>> clean_cells(pd.DataFrame({0: [" 甲 ", "  ", None]}, dtype="string"))[0].tolist()
    ['甲', <NA>, <NA>]

    """

    def clean(values: pa.Array | pa.ChunkedArray) -> pa.ChunkedArray:
        chunks = values.chunks if isinstance(values, pa.ChunkedArray) else [values]
        return pa.chunked_array([_blank_missing(_trimmed(c)) for c in chunks], type=values.type)

    columns = list(cells.columns)
    texts = [as_text(cells[col]) for col in columns]  # pandas here; only Arrow in the threads
    workers = min(len(columns), usable_cores())
    if workers > 1 and len(cells) * len(columns) >= PARALLEL_CELLS:
        with ThreadPoolExecutor(workers, thread_name_prefix="graphkit-clean") as pool:
            cleaned = list(pool.map(clean, texts))
    else:
        cleaned = [clean(text) for text in texts]
    out = {col: string_array(text) for col, text in zip(columns, cleaned, strict=True)}
    return pd.DataFrame(out, index=cells.index, columns=cells.columns)


#: Bytes that may begin a white-space character in UTF-8 (ASCII white space and controls, and the
#: lead bytes of U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000)
_MAY_BEGIN_SPACE = np.zeros(256, dtype=bool)
_MAY_BEGIN_SPACE[[*range(0x21), 0x7F, 0xC2, 0xE1, 0xE2, 0xE3]] = True
#: Bytes that may end one: ASCII white space and controls, and the last bytes of those characters
_MAY_END_SPACE = np.zeros(256, dtype=bool)
_MAY_END_SPACE[[*range(0x21), 0x7F, *range(0x80, 0x8B), 0x9F, 0xA0, 0xA8, 0xA9, 0xAF]] = True


def _trimmed(text: pa.Array) -> pa.Array:
    """``text`` (large_string) stripped of surrounding white space, as Python's ``str.strip`` would.

    Only the cells whose first or last byte may belong to a white-space
    character go through Arrow's Unicode trim; in a ledger that is a few of
    them (ids are ASCII, and a Chinese character seldom ends in such a byte).
    """
    n = len(text)
    if n == 0 or text.type != pa.large_string():
        return pc.utf8_trim_whitespace(text)
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int64, count=n + 1, offset=text.offset * 8)
    data = text.buffers()[2]
    if data is None:
        return text
    data = np.frombuffer(data, dtype=np.uint8)
    start, end = offsets[:-1], offsets[1:]
    filled = np.flatnonzero(end > start)  # a missing cell's slot may span bytes: trimming it is harmless
    edge = _MAY_BEGIN_SPACE[data[start[filled]]] | _MAY_END_SPACE[data[end[filled] - 1]]
    doubt = filled[edge]
    if len(doubt) == 0:
        return text
    if 2 * len(doubt) > n:
        return pc.utf8_trim_whitespace(text)
    mask = np.zeros(n, dtype=bool)
    mask[doubt] = True
    return pc.replace_with_mask(text, pa.array(mask), pc.utf8_trim_whitespace(text.take(pa.array(doubt))))


def _blank_missing(text: pa.Array) -> pa.Array:
    """``text`` with its empty cells missing: a new validity bitmap over the same characters (no copy)."""
    blank = pc.equal(pc.binary_length(text), 0)
    if not pc.any(blank).as_py():
        return text
    keep = pc.invert(blank.fill_null(True))  # neither missing nor empty
    if text.offset or keep.offset:  # bitmaps that do not line up: let Arrow copy
        return pc.if_else(blank, pa.scalar(None, text.type), text)
    return pa.Array.from_buffers(text.type, len(text), [keep.buffers()[1], *text.buffers()[1:]])


# ---------------------------------------------------------------- CSV
#: The longest text an Excel cell holds; a CSV cell longer than this is a quote left open.
EXCEL_CELL_CHARS = 32767


def read_csv(path: Path, encoding: str | None, lang: str = "zh") -> pd.DataFrame:
    """Every cell of a CSV file as text, columns numbered from 0, one row per line.

    Raises
    ------
    LedgerError
        When the file cannot be read or decoded, is not a text file, or a quote
        opens a cell that never closes (the message names its line).

    """
    try:
        data = _file_bytes(path)
    except OSError as exc:
        raise _os_error(path, exc, lang) from exc
    frame = _utf8_by_arrow(data, encoding)
    if frame is None:
        data = bytes(data)
        text = _decode(path, data, encoding, lang)
        try:
            frame = _forgiving_csv(text)
        except csv.Error as exc:  # a cell beyond the csv module's size limit: a quote left open
            _check_quotes(path, text, lang)
            msg = f"{path.name}: cannot read the file as CSV ({exc})"
            raise LedgerError(msg) from exc
        except _TooWide as exc:
            raise _too_wide(path, exc.args[1], lang) from None
        if _suspicious(frame):
            _check_quotes(path, text, lang)
    elif _suspicious(frame, quoted=data.find(b'"') >= 0):
        _check_quotes(path, _decode(path, bytes(data), encoding, lang), lang)
    return frame


def _file_bytes(path: Path) -> bytes | mmap.mmap:
    """The bytes of a file; a large one mapped into memory rather than copied (Arrow reads it in place)."""
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size < 1 << 20:
            return f.read()
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


def _too_wide(path: Path, width: int, lang: str) -> LedgerError:
    return LedgerError(i18n.text("ledger.too_wide", lang=lang, file=path.name, n=width, max=MAX_COLUMNS))


def _suspicious(frame: pd.DataFrame, *, quoted: bool = True) -> bool:
    """Whether a cell spans lines or is longer than Excel allows: the marks of a quote left open.

    ``quoted=False`` says the file has no quote at all, so no cell can span
    lines. Cost: one look at each column's character buffer (a few
    milliseconds for a hundred thousand rows), not a pass over every cell.
    """
    for col in frame.columns:
        text = as_text(frame[col])
        chunks = text.chunks if isinstance(text, pa.ChunkedArray) else [text]
        for chunk in chunks if quoted else []:
            data = chunk.buffers()[2]
            if data is not None and (b"\n" in (raw := data.to_pybytes()) or b"\r" in raw):
                return True
        longest = pc.max(pc.binary_length(text)).as_py()  # bytes bound the characters
        if (
            longest is not None
            and longest > EXCEL_CELL_CHARS
            and pc.max(pc.utf8_length(text)).as_py() > EXCEL_CELL_CHARS
        ):
            return True
    return False


def _check_quotes(path: Path, text: str, lang: str) -> None:
    """Raise a LedgerError naming the line where a quote opens a cell that never closes, if one does.

    Cells that span lines are legal (Excel writes them for a line break in a
    cell); a quote left open is not, and lenient parsers silently swallow
    every line after it into one cell. Python's csv module in strict mode
    stops at it: the record that fails started on the line after the last
    complete one.
    """
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    done = 0  # the last line of the last complete record
    try:
        for _ in reader:
            done = reader.line_num
    except csv.Error as exc:
        lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        msg = i18n.text(
            "ledger.open_quote", lang=lang, file=path.name, line=done + 1, rest=max(lines - done - 1, 0)
        )
        raise LedgerError(msg) from exc


def _delimiter(text: str) -> str:
    r"""``\t`` when the first line has tabs and no commas (Excel's "Unicode text"), else ``,``."""
    first = text[:4096].split("\n", 1)[0]
    return "\t" if "\t" in first and "," not in first else ","


def _utf8_by_arrow(data: bytes, encoding: str | None) -> pd.DataFrame | None:
    """A UTF-8 CSV through Arrow without decoding the whole file in Python; ``None`` when it does not apply.

    Only the start is decoded here (to size the rows and reject binary files);
    Arrow checks that every cell is UTF-8. Whatever this cannot read takes the
    forgiving path of :func:`read_csv`, which decides the same as if this did not exist.
    """
    if encoding is None:
        encoding = "utf-8-sig" if data[:3] == b"\xef\xbb\xbf" else "utf-8"
    if encoding not in ("utf-8", "utf-8-sig"):
        return None
    try:  # 4 bytes per character at most: the first 65,536 characters, the last one maybe cut
        text = codecs.getincrementaldecoder(encoding)().decode(data[: 4 * 65536 + 4], final=False)
    except UnicodeDecodeError:
        return None
    if "\x00" in text[:4096] or _delimiter(text) != ",":
        return None
    width = _width(text)
    if not width or width > MAX_COLUMNS:  # too wide: the forgiving path says so
        return None
    body = memoryview(data)[3:] if data[:3] == b"\xef\xbb\xbf" else data  # no copy of the file
    return _arrow_csv(body, width)


def _width(text: str, delimiter: str = ",") -> int:
    """Fields of the widest of the first rows: title rows may have fewer fields than the header."""
    reader = csv.reader(io.StringIO(text[:65536], newline=""), delimiter=delimiter)
    head = []
    try:
        for row in reader:
            head.append(row)
            if len(head) >= HEADER_SCAN_ROWS * 5:
                break
    except csv.Error:  # a cell beyond the csv module's size limit: the quote check names it
        pass
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


_UTF16_BOMS = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


def _guess_encoding(data: bytes) -> str | None:
    """The encoding a file shows by itself: a byte-order mark, or UTF-16's zero bytes; else ``None``."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data[:2] in _UTF16_BOMS:
        return "utf-16"
    head = data[:4096]
    if 0 in head:  # UTF-16 without a mark: every ASCII character (, and digits) has a zero byte on one side
        even, odd = head[0::2].count(0), head[1::2].count(0)  # (一 U+4E00 has one on the other side)
        if odd >= 4 * even + 2:
            return "utf-16-le"
        if even >= 4 * odd + 2:
            return "utf-16-be"
    return None


def _bad_bytes(data: bytes, exc: UnicodeDecodeError) -> dict[str, object]:
    """Where a decoding error is: byte position, line number and the bytes, for the message."""
    return {
        "pos": exc.start,
        "line": data.count(b"\n", 0, exc.start) + 1,
        "bytes": " ".join(f"{b:02X}" for b in data[exc.start : min(exc.end, exc.start + 4)]),
    }


#: A character beyond U+07FF: three or more bytes in UTF-8, as every Chinese character is.
_WIDE = re.compile("[\u0800-\U0010ffff]")


def _decode(path: Path, data: bytes, encoding: str | None, lang: str = "zh") -> str:
    """The whole file as text: ``encoding``, else its mark, else strict UTF-8, else GB18030.

    A file whose text before the first bad byte is UTF-8 with Chinese
    characters is UTF-8 with a bad byte: the error names that byte and its
    line, instead of decoding the whole file as GB18030 (which takes almost
    any bytes, and would turn UTF-8 Chinese into other characters).
    """
    if encoding is None:
        encoding = _guess_encoding(data)
    if encoding is None:
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as exc:
            before = data[: exc.start].decode("utf-8", errors="replace")
            if len(_WIDE.findall(before[-4096:])) >= 3:
                msg = i18n.text("ledger.bad_utf8", lang=lang, file=path.name, **_bad_bytes(data, exc))
                raise LedgerError(msg) from exc
            encoding = "gb18030"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        where = _bad_bytes(data, exc)
        msg = i18n.text("ledger.bad_encoding", lang=lang, file=path.name, encoding=encoding, **where)
        raise LedgerError(msg) from exc
    except LookupError as exc:
        msg = f"{path.name}: unknown encoding {encoding!r}; pass e.g. --encoding gb18030"
        raise LedgerError(msg) from exc
    if text.startswith("\ufeff"):  # a mark the codec kept
        text = text[1:]
    if "\x00" in text[:4096]:
        msg = f"{path.name}: this is not a CSV text file"
        raise LedgerError(msg)
    return text


def _forgiving_csv(text: str) -> pd.DataFrame:
    """Decoded CSV text by pandas' parser, or row by row when a later row is wider than the first ones."""
    delimiter = _delimiter(text)
    width = _width(text, delimiter)
    if width > MAX_COLUMNS:
        raise _TooWide(0, width)
    try:
        return pd.read_csv(
            io.StringIO(text, newline=""),
            header=None,
            names=range(width),
            dtype=STRING,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            sep=delimiter,
        )
    except (pd.errors.ParserError, ValueError):  # a later row is wider: take the slow, forgiving path
        rows = _rows(text, delimiter)
        width = max((len(r) for r in rows), default=0)
        if width > MAX_COLUMNS:
            raise _TooWide(next(i for i, r in enumerate(rows) if len(r) == width) + 1, width) from None
        return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], columns=range(width), dtype=STRING)


class _TooWide(Exception):
    """A row with more fields than a ledger table has columns (its record number, its fields)."""


def _rows(text: str, delimiter: str) -> list[list[str]]:
    """Every row by the csv module (which raises ``csv.Error`` on a cell beyond its size limit)."""
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


# ---------------------------------------------------------------- workbooks
def read_excel(path: Path, lang: str = "zh") -> Iterator[tuple[str, pd.DataFrame, bool]]:
    """(sheet name, every cell as text, whether the sheet is visible) of each sheet, through fastexcel.

    An Excel error value (a formula that failed) reads as the text Excel
    shows for it (:data:`EXCEL_ERRORS`), not as a blank cell. Before
    anything is read, :func:`~loaders.ledger.bounds.check_workbook` refuses a
    sheet whose grid would be absurdly large.

    Raises
    ------
    LedgerError
        When the file is not a readable workbook, a sheet cannot be read, or a
        sheet is too large to read.

    """
    import fastexcel

    check_workbook(path, lang)
    try:
        reader = fastexcel.read_excel(str(path))
        names = reader.sheet_names
    except Exception as exc:  # fastexcel raises its own error types
        msg = f"{path.name}: not a readable spreadsheet ({_first_line(exc)})"
        raise LedgerError(msg) from exc
    workers = min(len(names), usable_cores(), EXCEL_READERS)
    if workers <= 1:
        for name in names:
            yield name, *_load_sheet(reader, path, name)
        return
    # One reader may serve one thread at a time, but readers of their own read side by side
    # (fastexcel parses without holding the interpreter): the first thread takes the reader
    # already open, any other opens one. Sheets are handed out in order, so the units sheet
    # (the biggest) starts first while the other thread reads the rest; the caller cleans
    # each sheet while later ones are still being read.
    spare = [reader]
    local = threading.local()
    lock = threading.Lock()

    def load(name: str) -> tuple[pd.DataFrame, bool]:
        own = getattr(local, "reader", None)
        if own is None:
            with lock:
                own = spare.pop() if spare else None
            if own is None:
                try:
                    own = fastexcel.read_excel(str(path))
                except Exception as exc:
                    msg = f"{path.name}: not a readable spreadsheet ({_first_line(exc)})"
                    raise LedgerError(msg) from exc
            local.reader = own
        return _load_sheet(own, path, name)

    pool = ThreadPoolExecutor(workers, thread_name_prefix="graphkit-xlsx")
    try:
        futures = [pool.submit(load, name) for name in names]
        for name, future in zip(names, futures, strict=True):
            yield name, *future.result()
    finally:  # a caller that stops early (a refused sheet) leaves nothing running
        pool.shutdown(wait=True, cancel_futures=True)


def _load_sheet(reader: fastexcel.ExcelReader, path: Path, name: str) -> tuple[pd.DataFrame, bool]:
    """Every cell of sheet ``name`` as text, and whether the sheet is visible."""
    try:
        sheet = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
        batch, errors = sheet.to_arrow_with_errors()
        visible = sheet.visible == "visible"
    except Exception as exc:
        msg = f"{path.name}, sheet {name}: cannot read the sheet ({_first_line(exc)})"
        raise LedgerError(msg) from exc
    columns = {i: string_array(pc.cast(batch.column(i), pa.large_string())) for i in range(batch.num_columns)}
    frame = pd.DataFrame(columns, index=pd.RangeIndex(batch.num_rows), columns=range(batch.num_columns))
    if errors is not None:
        _error_values(frame, errors.errors)
    return frame, visible


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


_ERROR_DETAIL = re.compile(r"Error\((\w+)\)")


def _error_values(frame: pd.DataFrame, errors: list) -> None:
    """Write the text of each Excel error cell (fastexcel reports them apart) into ``frame``."""
    for e in errors:
        found = _ERROR_DETAIL.search(e.detail)
        if found is None:
            continue
        row, col = e.position
        if row < len(frame) and col < frame.shape[1]:
            frame.iat[row, col] = EXCEL_ERRORS.get(found.group(1), f"#{found.group(1).upper()}!")
