"""Read office ledgers (台账) — a folder of CSV/XLSX files or one workbook — into a Network.

Reading happens in two steps, kept apart on purpose: the *readers* turn each
file or sheet into a raw table of text cells with its header row found; one
*builder* turns the raw tables into a :class:`graphkit.Network`, resolving
references and recording every cell it could not use in ``net.rejects``.

What the reader accepts (DESIGN §4, :mod:`loaders.schema`):

- tables recognised by file stem or sheet name, in English or Chinese
  (Simplified or Traditional), e.g. ``units.csv``, ``单位台账.xlsx``, sheet ``黨組織``;
- columns recognised by any header alias, after :func:`normalise_header`;
- title rows above the header row (the header row is the first of the first
  20 rows that names at least two known columns);
- CSV in UTF-8 (with or without BOM) or GB18030 (``encoding=`` overrides);
- every XLSX cell read as text, so an all-digit credit code typed as text stays
  exact, and a whole number typed as a number reads back without ``.0``.

Decisions on unusable input (each one leaves a row in ``net.rejects``):

- a blank required cell: the row is not used;
- a duplicate id (ids are unique across *all* tables): the first row is kept,
  later rows are not used, and a ``DUPLICATE_ID`` finding is raised; tables are
  taken in schema order (units, carriers, party_orgs, departments, streets,
  instructors, liaisons, organ_branches), so a street reusing a unit's id loses;
- a cell that is not a whole number, a date or a known value word: the cell is
  left empty and the row is kept;
- a reference that matches no id or exact name: the row is kept without that
  link and an ``UNKNOWN_REFERENCE`` finding is raised. A reference is tried as an
  id first, then as a name (compared after Traditional→Simplified, full-width→
  half-width and removing spaces); a name shared by several nodes is not
  guessed: it counts as unknown and the detail lists the candidates.

Entirely blank rows are not data and are skipped silently. Unknown columns
are kept as extra text attributes (or relationship attributes for assignments
and pairings) and listed in ``net.meta["unknown_columns"]``; sheets and files
that name no known table are listed in ``net.meta["ignored"]``. A blank Unit
``kind`` is taken from the credit-code prefix (``9`` enterprise, ``5`` social
organisation). Reject reasons and finding details are in Chinese unless
``lang="en"``.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import datetime as dt
import functools
import io
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit.exceptions import ConfigError, LedgerError
from graphkit.findings import cell_place, load_findings
from graphkit.kernels import as_text, isin
from graphkit.model import REJECT_COLUMNS, Network
from graphkit.version import __version__
from loaders.schema import TABLES, VALUE_WORDS, ColumnSpec, TableSpec

__all__ = ["normalise_header", "normalise_name", "read_ledger"]

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv",)
HEADER_SCAN_ROWS = 20
MULTI_SEPARATORS = r"[、,，;；]"
STRING = "string"

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|<[^<>]*>|〈[^〈〉]*〉")
_SPACES = re.compile(r"\s+")
#: Python's white space (``str.isspace``) as an RE2 class for Arrow: its ``\s`` is ASCII only.
_WHITE_SPACE = "[" + "".join(f"\\x{{{c:x}}}" for c in range(0x3001) if chr(c).isspace()) + "]+"
_LEADING_NUMBER = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[._\-、.\s]*")


# ---------------------------------------------------------------- normalising
@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _t2s(text: str) -> str:
    return _converter().convert(text)


@functools.lru_cache(maxsize=4096)
def normalise_header(text: str) -> str:
    """Return the comparison key of a header or table name.

    Traditional characters become Simplified, full-width forms half-width,
    spaces and ``*`` markers go, bracketed notes like ``(必填)`` go, and Latin
    letters are lower-cased with ``_`` and ``-`` removed.

    Examples
    --------
    >>> normalise_header(" *統一社會信用代碼（必填）")
    '统一社会信用代码'
    >>> normalise_header("Party Members") == normalise_header("party_members")
    True

    """
    s = unicodedata.normalize("NFKC", str(text))
    s = _t2s(s)
    s = _SPACES.sub("", s).replace("*", "")
    stripped = _BRACKETS.sub("", s)
    s = stripped or s
    return s.lower().replace("_", "").replace("-", "")


def normalise_name(values: pd.Series) -> pd.Series:
    """Return the key under which names are compared: Simplified, half-width, no spaces.

    Examples
    --------
    >>> normalise_name(pd.Series(["中原 區教育局", "（郑州）公司"])).tolist()
    ['中原区教育局', '(郑州)公司']

    """
    text = values.astype(STRING)
    encoded = pc.dictionary_encode(_text(text))  # each distinct name is converted once
    uniques = encoded.dictionary.to_pylist()
    if len(uniques) == 0:
        return text
    # one conversion call for all names: per-call overhead dominates for short names
    joined = "\n".join(v.replace("\n", " ") for v in uniques)
    converted = _t2s(unicodedata.normalize("NFKC", joined)).split("\n")
    if len(converted) != len(uniques):  # NFKC turned something into a line break: go one by one
        converted = [_t2s(unicodedata.normalize("NFKC", v)) for v in uniques]
    keys = pc.replace_substring_regex(
        pa.array(converted, type=pa.large_string()), pattern=_WHITE_SPACE, replacement=""
    )
    return pd.Series(_strings(keys.take(encoded.indices)), index=values.index)


def _table_key(name: str) -> str:
    key = normalise_header(name)
    return _LEADING_NUMBER.sub("", key) or key


# ---------------------------------------------------------------- mapping
@dataclasses.dataclass(frozen=True)
class _Aliases:
    """Table and column aliases: the schema's plus a user mapping's."""

    tables: dict[str, str]  # table key -> table
    columns: dict[str, dict[str, tuple[str, int]]]  # table -> header key -> (column, rank)

    @classmethod
    def build(cls, mapping: Mapping[str, Any] | None) -> _Aliases:
        mapping = dict(mapping or {})
        unknown = set(mapping) - {"tables", "columns"}
        if unknown:
            msg = (
                f"ledger mapping: unknown section(s) {sorted(unknown)}; "
                "expected [tables] and [columns.<table>]"
            )
            raise ConfigError(msg)
        extra_tables = _as_lists(mapping.get("tables", {}), "tables", set(TABLES))
        extra_columns = mapping.get("columns", {})
        if not isinstance(extra_columns, Mapping) or set(extra_columns) - set(TABLES):
            bad = sorted(set(extra_columns) - set(TABLES)) if isinstance(extra_columns, Mapping) else []
            msg = f"ledger mapping: [columns.<table>] must name tables among {sorted(TABLES)}; got {bad}"
            raise ConfigError(msg)
        tables: dict[str, str] = {}
        columns: dict[str, dict[str, tuple[str, int]]] = {}
        for spec in TABLES.values():
            for word in (*extra_tables.get(spec.name, []), spec.name, spec.zh, *spec.aliases):
                tables.setdefault(_table_key(word), spec.name)
            user = _as_lists(
                extra_columns.get(spec.name, {}), f"columns.{spec.name}", {c.name for c in spec.columns}
            )
            cols: dict[str, tuple[str, int]] = {}
            for col in spec.columns:
                words = (*user.get(col.name, []), col.zh, col.name, *col.aliases)
                for rank, word in enumerate(words):
                    cols.setdefault(normalise_header(word), (col.name, rank))
            columns[spec.name] = cols
        return cls(tables, columns)


def _as_lists(section: Any, where: str, allowed: set[str]) -> dict[str, list[str]]:
    if not isinstance(section, Mapping):
        msg = f"ledger mapping: [{where}] must be a table of names"
        raise ConfigError(msg)
    out = {}
    for key, words in section.items():
        if key not in allowed:
            msg = f"ledger mapping: [{where}] {key!r} is not known; expected one of {sorted(allowed)}"
            raise ConfigError(msg)
        words = [words] if isinstance(words, str) else words
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            msg = f"ledger mapping: [{where}] {key} must be a string or a list of strings"
            raise ConfigError(msg)
        out[key] = words
    return out


def _load_mapping(mapping: str | Path | Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    if mapping is None or isinstance(mapping, Mapping):
        return mapping
    path = Path(mapping)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        msg = f"{path.name}: cannot read the ledger mapping: {exc}"
        raise ConfigError(msg) from exc


# ---------------------------------------------------------------- readers
@dataclasses.dataclass
class _Sheet:
    """One sheet or CSV file as a grid of text cells (row i is row i+1 in Excel)."""

    file: str
    sheet: str | None
    stem: str
    cells: pd.DataFrame


def _arrow_csv(data: bytes | memoryview, width: int) -> pd.DataFrame | None:
    """Every cell of a UTF-8 CSV as text, by Arrow's multithreaded reader (10x pandas' at a million rows).

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


def _utf8_by_arrow(data: bytes, encoding: str | None) -> pd.DataFrame | None:
    """A UTF-8 CSV through Arrow without decoding the whole file in Python; ``None`` when it does not apply.

    Only the start is decoded here (to size the rows and reject binary files);
    Arrow checks that every cell is UTF-8. Whatever this cannot read takes the
    full path of :func:`_read_csv`, which decides the same as if this did not exist.
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
    head = list(csv.reader(io.StringIO(text[:65536], newline="")))[: HEADER_SCAN_ROWS * 5]
    width = max((len(r) for r in head), default=0)
    if not width:
        return None
    body = memoryview(data)[3:] if data.startswith(b"\xef\xbb\xbf") else data  # no copy of the file
    return _arrow_csv(body, width)


def _read_csv(path: Path, encoding: str | None) -> pd.DataFrame:
    data = path.read_bytes()
    fast = _utf8_by_arrow(data, encoding)
    if fast is not None:
        return fast
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
    # title rows may have fewer fields than the header: size the frame by the widest of the first rows
    head = list(csv.reader(io.StringIO(text[:65536], newline="")))[: HEADER_SCAN_ROWS * 5]
    width = max((len(r) for r in head), default=0)
    if encoding in ("utf-8", "utf-8-sig") and width:
        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        frame = _arrow_csv(body, width)
        if frame is not None:
            return frame
    try:
        frame = pd.read_csv(
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
        frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], columns=range(width), dtype=STRING)
    return frame


def _read_excel(path: Path) -> Iterator[tuple[str, pd.DataFrame]]:
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
        columns = {i: _strings(pc.cast(batch.column(i), pa.large_string())) for i in range(batch.num_columns)}
        yield (
            name,
            pd.DataFrame(columns, index=pd.RangeIndex(batch.num_rows), columns=range(batch.num_columns)),
        )


def _sheets(path: Path, encoding: str | None, ignored: list[str]) -> Iterator[_Sheet]:
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
    else:
        if path.suffix.lower() not in (*EXCEL_SUFFIXES, *CSV_SUFFIXES):
            msg = (
                f"{path.name}: not a spreadsheet; expected a folder of CSV/XLSX files "
                "or one XLSX workbook with a sheet per table"
            )
            raise LedgerError(msg)
        files = [path]
    for f in files:
        if f.suffix.lower() in CSV_SUFFIXES:
            yield _Sheet(f.name, None, f.stem, _read_csv(f, encoding))
        else:
            for name, cells in _read_excel(f):
                yield _Sheet(f.name, name, f.stem, cells)


# ---------------------------------------------------------------- raw tables
@dataclasses.dataclass
class _Raw:
    """One source of a table: canonical columns, headers as written, row numbers."""

    table: str
    file: str
    sheet: str | None
    frame: pd.DataFrame  # canonical + extra columns, text; index = row number (1-based)
    headers: dict[str, str]  # column -> header as written


def _clean(cells: pd.DataFrame) -> pd.DataFrame:
    """Every cell stripped of surrounding white space, blank cells missing (Arrow kernels)."""
    out = {}
    for col in cells.columns:
        text = pc.utf8_trim_whitespace(as_text(cells[col]))  # the white space of Python's str.strip
        blank = pc.equal(pc.binary_length(text), 0)
        if pc.any(blank).as_py():
            text = pc.if_else(blank, pa.scalar(None, text.type), text)
        out[col] = _strings(text)
    return pd.DataFrame(out, index=cells.index, columns=cells.columns)


def _text(values: pd.Series | pd.Index) -> pa.Array:
    """``values`` as one contiguous Arrow large_string array."""
    text = as_text(values)
    return text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text


def _strings(values: pa.Array | pa.ChunkedArray) -> pd.api.extensions.ExtensionArray:
    """Arrow text as a pandas ``string`` array without a round trip through Python objects."""
    if isinstance(values, pa.Array):
        values = pa.chunked_array([values])
    return pd.StringDtype().__from_arrow__(values)


def _find_header(cells: pd.DataFrame, aliases: dict[str, tuple[str, int]]) -> tuple[int, int]:
    """Return (row position, number of known columns) of the header row."""
    best = (-1, 0)
    for pos in range(min(HEADER_SCAN_ROWS, len(cells))):
        values = cells.iloc[pos].dropna()
        names = {aliases[k][0] for k in (normalise_header(v) for v in values) if k in aliases}
        if len(names) >= 2:
            return pos, len(names)
        if len(names) > best[1]:
            best = (pos, len(names))
    return best


def _where(file: str, sheet: str | None) -> str:
    return f"{file}, sheet {sheet}" if sheet is not None else file


def _raw_table(src: _Sheet, spec: TableSpec, aliases: dict[str, tuple[str, int]]) -> _Raw:
    cells = src.cells
    pos, found = _find_header(cells, aliases)
    where = _where(src.file, src.sheet)
    if found == 0:
        first = cells.dropna(how="all").head(1)
        seen = ", ".join(first.iloc[0].dropna().tolist()) if len(first) else "(the sheet is empty)"
        msg = (
            f"{where}: no header row found for table {spec.name} ({spec.zh}) in the first "
            f"{HEADER_SCAN_ROWS} rows; first row holds: {seen}"
        )
        raise LedgerError(msg)
    header = cells.iloc[pos]
    chosen: dict[str, tuple[int, int]] = {}  # column -> (rank, position)
    for i, value in header.items():
        if pd.isna(value):
            continue
        hit = aliases.get(normalise_header(value))
        if hit and (hit[0] not in chosen or hit[1] < chosen[hit[0]][0]):
            chosen[hit[0]] = (hit[1], int(i))
    body = cells.iloc[pos + 1 :]
    body = body[body.notna().any(axis=1)]
    body.index = body.index + 1  # row numbers as the office sees them
    headers_found = [str(v) for v in header.dropna().tolist()]
    missing = [c for c in spec.columns if c.required and c.name not in chosen]
    if missing:
        col = missing[0]
        accepted = "、".join(dict.fromkeys([col.zh, col.name, *col.aliases]))
        msg = (
            f"{where}: required column {col.zh} ({col.name}) of table {spec.name} not found in the header "
            f"row (row {pos + 1}); headers found: {', '.join(headers_found)}; accepted headers: {accepted}"
        )
        raise LedgerError(msg)
    used = {p for _, p in chosen.values()}
    data: dict[str, pd.Series] = {}
    written: dict[str, str] = {}
    for col, (_, p) in chosen.items():
        data[col] = body[p]
        written[col] = str(header[p])
    for i, value in header.items():
        if int(i) in used:
            continue
        column = body[i]
        if pd.isna(value):
            if column.isna().all():
                continue
            value = f"column_{_excel_letter(int(i))}"
        name = str(value)
        while name in data or name in written.values():
            name += "_"
        data[name] = column
        written[name] = name
    frame = pd.DataFrame(data, index=body.index).astype(STRING)
    return _Raw(spec.name, src.file, src.sheet, frame, written)


def _excel_letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters


# ---------------------------------------------------------------- builder
class _Book:
    """Collects rejects and problems while the builder works."""

    def __init__(self) -> None:
        self.rejects: list[pd.DataFrame] = []
        self.problems: list[pd.DataFrame] = []
        self.sources: list[_Raw] = []  # a row's ``_src`` is its position here

    def source_codes(self, raw: _Raw) -> int:
        """Register one source of rows; return the code its rows carry in ``_src``."""
        self.sources.append(raw)
        return len(self.sources) - 1

    def where(self, rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(table, file, sheet) of each row as object arrays; a CSV's sheet is missing."""
        src = rows["_src"].to_numpy()
        table = np.array([r.table for r in self.sources], dtype=object)
        file = np.array([r.file for r in self.sources], dtype=object)
        sheet = np.array([pd.NA if r.sheet is None else r.sheet for r in self.sources], dtype=object)
        return table[src], file[src], sheet[src]

    def header(self, rows: pd.DataFrame, column: str) -> np.ndarray:
        """The header of ``column`` as written in each row's source (the Chinese name when absent)."""
        names = []
        for r in self.sources:
            spec_cols = {c.name: c.zh for c in TABLES[r.table].columns}
            names.append(r.headers.get(column, spec_cols.get(column, column)))
        return np.array(names, dtype=object)[rows["_src"].to_numpy()]

    def _cells(self, rows: pd.DataFrame, column: str, values: pd.Series) -> dict[str, Any]:
        """Where the cells are (table, file, sheet, row, header as written) and their values."""
        table, file, sheet = self.where(rows)
        return {
            "table": table,
            "file": file,
            "sheet": sheet,
            "row": rows["_row"].to_numpy(),
            "column": self.header(rows, column),
            "value": values.to_numpy(),
        }

    def reject(self, rows: pd.DataFrame, column: str, values: pd.Series, reason: pd.Series | str) -> None:
        """Record rejects for ``rows`` (a frame with the _table/_file/_sheet/_row columns)."""
        if len(rows) == 0:
            return
        reason_values = reason.to_numpy() if isinstance(reason, pd.Series) else reason
        self.rejects.append(pd.DataFrame({**self._cells(rows, column, values), "reason": reason_values}))

    def problem(self, code: str, rows: pd.DataFrame, column: str, values: pd.Series, **cols: Any) -> None:
        """Record a load problem that becomes a finding."""
        if len(rows) == 0:
            return
        frame = pd.DataFrame({"code": code, **self._cells(rows, column, values)}, index=range(len(rows)))
        for k, v in cols.items():
            frame[k] = v.to_numpy() if isinstance(v, pd.Series) else v
        self.problems.append(frame)


def _combine(raws: list[_Raw], book: _Book) -> pd.DataFrame:
    """One frame per table: its sources' rows, with ``_src`` (see :class:`_Book`) and ``_row``."""
    parts = []
    for raw in raws:
        f = raw.frame.copy()
        for col in TABLES[raw.table].columns:
            if col.name not in f:
                f[col.name] = pd.Series(pd.NA, index=f.index, dtype=STRING)
        f["_src"] = np.full(len(f), book.source_codes(raw), dtype=np.int64)
        f["_row"] = pd.array(f.index.to_numpy(), dtype="Int64")
        parts.append(f.reset_index(drop=True))
    return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)


_INT = re.compile(r"^\+?(\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?$")
_DATE_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DATE_COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^\d{1,6}(?:\.\d+)?$")


def _isin(values: pd.Series, other: pd.Index) -> pd.Series:
    """``values.isin(other)`` by Arrow, as a Series aligned to ``values``."""
    return pd.Series(isin(values.astype(STRING), other), index=values.index, dtype=bool)


def _nfkc(values: pd.Series) -> pd.Series:
    uniques = values.dropna().unique().tolist()
    return values.map({v: unicodedata.normalize("NFKC", v).strip() for v in uniques}, na_action="ignore")


def _parse_int(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    values = values.astype(STRING)
    text = _text(values)
    plain_mask = pc.match_substring_regex(text, r"^[0-9]{1,18}$").fill_null(False)  # the common case
    plain = np.asarray(plain_mask.to_numpy(zero_copy_only=False), dtype=bool)
    number = np.zeros(len(values), dtype=np.int64)
    if plain.any():
        number[plain] = pc.cast(text.filter(plain_mask), pa.int64()).to_numpy()
    out = pd.Series(pd.arrays.IntegerArray(number, ~plain), index=values.index)
    rest = values.notna() & ~plain
    if rest.any():
        text = _nfkc(values[rest]).astype(STRING)
        digits = text.str.extract(_INT, expand=False)
        out[rest] = pd.to_numeric(digits.str.replace(",", "", regex=False), errors="coerce").astype("Int64")
    bad = values.notna() & out.isna()
    return out, bad


def _parse_date(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    values = values.astype(STRING)
    iso = pd.to_datetime(values.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    iso = iso.where(
        values.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}( 00:00:00)?").fillna(False).astype(bool)
    )
    rest = values.notna() & iso.isna()
    if not rest.any():
        return iso.astype("datetime64[ns]"), pd.Series(False, index=values.index)
    out, _ = _parse_date_forms(values[rest])
    iso[rest] = out
    return iso.astype("datetime64[ns]"), (values.notna() & iso.isna())


def _parse_date_forms(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    text = _nfkc(values).astype(STRING)
    text = (
        text.str.replace(r"(\d)\s*年\s*", r"\1-", regex=True)
        .str.replace(r"(\d)\s*月\s*", r"\1-", regex=True)
        .str.replace(r"(\d)\s*日", r"\1", regex=True)
        .str.replace(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})", r"\1-\2-\3", regex=True)
    )
    parts = text.str.extract(_DATE_YMD)
    compact = text.str.extract(_DATE_COMPACT)
    parts = parts.fillna(compact)
    ymd = pd.DataFrame(
        {
            "year": pd.to_numeric(parts[0], errors="coerce"),
            "month": pd.to_numeric(parts[1], errors="coerce"),
            "day": pd.to_numeric(parts[2], errors="coerce"),
        }
    )
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    have = ymd.notna().all(axis=1)
    if have.any():
        out[have] = pd.to_datetime(ymd[have].astype("int64"), errors="coerce")
    serial = out.isna() & text.str.fullmatch(_SERIAL).fillna(False).astype(bool)
    if serial.any():
        days = pd.to_numeric(text[serial], errors="coerce")
        days = days.where((days >= 1) & (days < 2958466))
        out[serial] = pd.Timestamp("1899-12-30") + pd.to_timedelta(days.astype("float64").round(), unit="D")
    bad = values.notna() & out.isna()
    return out.astype("datetime64[ns]"), bad


def _parse_enum(values: pd.Series, words: Mapping[str, tuple[str, ...]]) -> tuple[pd.Series, pd.Series]:
    lookup = {normalise_header(w): canon for canon, ws in words.items() for w in ws}
    encoded = pc.dictionary_encode(_text(values))  # each distinct word is looked up once
    canonical = pa.array(
        [lookup.get(normalise_header(v)) for v in encoded.dictionary.to_pylist()], type=pa.large_string()
    )
    out = pd.Series(_strings(canonical.take(encoded.indices)), index=values.index)
    bad = values.notna() & out.isna()
    return out, bad


def _reason(key: str, lang: str, **kw: Any) -> str:
    zh = {
        "required": "必填项为空，该行未使用",
        "duplicate": "编号“{value}”重复（首次出现于 {first}；编号须在全部表中唯一），该行未使用",
        "int": "“{value}”不是整数，已置空",
        "date": "“{value}”不是日期，已置空",
        "enum": "“{value}”不是可识别的取值（可用：{words}），已置空",
        "unknown_ref": "“{value}”找不到对应的编号或名称（{kinds}），未建立关联",
        "ambiguous_ref": "名称“{value}”对应多个对象（{ids}），未建立关联",
    }
    en = {
        "required": "required value is blank; row not used",
        "duplicate": (
            'id "{value}" repeats (first at {first}; ids must be unique across all tables); row not used'
        ),
        "int": '"{value}" is not a whole number; cell left empty',
        "date": '"{value}" is not a date; cell left empty',
        "enum": '"{value}" is not a known value (expected one of: {words}); cell left empty',
        "unknown_ref": '"{value}" matches no id or name among {kinds}; link not made',
        "ambiguous_ref": 'name "{value}" matches several nodes ({ids}); link not made',
    }
    return (en if lang == "en" else zh)[key].format(**kw)


def _format_each(key: str, lang: str, **columns: pd.Series) -> pd.Series:
    frame = pd.DataFrame({k: v.astype(object).to_numpy() for k, v in columns.items()})
    return pd.Series(
        [_reason(key, lang, **rec) for rec in frame.to_dict("records")],
        dtype=STRING,
    )


def _first_place(rows: pd.DataFrame, book: _Book) -> pd.DataFrame:
    """File, sheet and row of each row, indexed by id."""
    _, file, sheet = book.where(rows)
    return pd.DataFrame(
        {
            "file": pd.array(file, dtype=STRING),
            "sheet": pd.array(sheet, dtype=STRING),
            "row": rows["_row"].array,
        },
        index=rows["id"].to_numpy(),
    )


class _Seen:
    """Ids of the node rows kept so far (unique across all tables), and where each first appeared."""

    def __init__(self, book: _Book) -> None:
        self.book = book
        self.frames: list[pd.DataFrame] = []  # kept rows of each node table, in schema order
        self.size = 0

    def add(self, rows: pd.DataFrame) -> None:
        self.frames.append(rows)
        self.size += len(rows)

    def ids(self) -> pd.Index:
        parts = [f["id"] for f in self.frames if len(f)]
        return pd.Index(pd.concat(parts) if parts else pd.Series(dtype=STRING), dtype=STRING)

    def contains(self, ids: pd.Series) -> np.ndarray:
        """Which of ``ids`` were seen; hashes the smaller side (a few thousand ids, not a million)."""
        if self.size == 0 or len(ids) == 0:
            return np.zeros(len(ids), dtype=bool)
        if len(ids) >= self.size:
            return isin(ids, self.ids())
        hits = [f["id"][isin(f["id"], ids)] for f in self.frames if len(f)]
        return isin(ids, pd.concat(hits)) if hits else np.zeros(len(ids), dtype=bool)

    def places(self, ids: pd.Series) -> pd.DataFrame:
        """File, sheet and row of the kept rows with one of ``ids``, indexed by id, in schema order."""
        seen = pd.DataFrame({"file": [], "sheet": [], "row": []}, dtype=STRING)
        for f in self.frames:
            seen = pd.concat([seen, _first_place(f[isin(f["id"], ids)], self.book)])
        return seen


class _Lookup:
    """Resolve references by id, then by exact name; name keys are built only when needed."""

    def __init__(self, nodes: Mapping[str, pd.DataFrame]) -> None:
        self.nodes = nodes
        self._keys: dict[str, pd.Series] = {}
        self._cache: dict[tuple[str, ...], tuple[pd.Series, pd.Series | None, pd.Series | None]] = {}
        self._id_sets: dict[tuple[str, ...], tuple[pa.Array, pa.Array]] = {}

    def name_of(self, ids: pd.Series) -> pd.Series:
        """Name of each node id (missing when the id is not a node)."""
        # only the nodes asked for: probing every node's id costs far less than indexing them all
        frames = [f["name"][isin(f.index, ids)] for f in self.nodes.values() if len(f)]
        names = pd.concat(frames).astype(STRING) if frames else pd.Series(dtype=STRING)
        table = names[~names.index.duplicated(keep="last")]
        where = pc.index_in(
            pa.array(ids.astype(STRING), from_pandas=True).cast(pa.string()),
            value_set=pa.array(table.index.astype(STRING), from_pandas=True).cast(pa.string()),
            skip_nulls=True,
        ).to_numpy(zero_copy_only=False)
        found = ~np.isnan(where.astype(float))
        out = pd.Series(pd.NA, index=ids.index, dtype=STRING)
        out[found] = table.to_numpy()[where[found].astype(np.int64)]
        return out

    def _kinds(self, ref_kinds: tuple[str, ...]) -> pd.Series:
        """Kind of every node of ``ref_kinds``, indexed by id."""
        if ref_kinds not in self._cache:
            parts = [
                pd.Series(k, index=self.nodes[k].index, dtype=STRING)
                for k in ref_kinds
                if k in self.nodes and len(self.nodes[k])
            ]
            kinds = pd.concat(parts) if parts else pd.Series(dtype=STRING, index=pd.Index([], dtype=STRING))
            self._cache[ref_kinds] = (kinds, None, None)
            self._id_sets[ref_kinds] = (_text(kinds.index), _text(kinds))
        return self._cache[ref_kinds][0]

    def _find(self, values: pd.Series, ref_kinds: tuple[str, ...]) -> tuple[np.ndarray, pa.Array]:
        """(found, kind) of each value looked up as an id: Arrow's hash look-up, no pandas index."""
        self._kinds(ref_kinds)
        id_set, kind_of = self._id_sets[ref_kinds]
        text = _text(values)
        if len(id_set) > 4 * len(text):  # hash the few distinct values, not every node id
            where = _positions(text, id_set)
        else:
            where = pc.index_in(text, value_set=id_set)
        found = np.asarray(where.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
        return found, kind_of.take(where)

    def _names(self, ref_kinds: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
        """(unique name key -> id, repeated name key -> 'id, id, ...') among ``ref_kinds``."""
        kinds, unique, listed = self._cache[ref_kinds]
        if unique is None or listed is None:
            for k in ref_kinds:
                if k not in self._keys and k in self.nodes:
                    self._keys[k] = normalise_name(self.nodes[k]["name"])
            parts = [self._keys[k] for k in ref_kinds if k in self._keys]
            keys = pd.concat(parts).dropna() if parts else pd.Series(dtype=STRING)
            repeated = keys.duplicated(keep=False).to_numpy()
            unique = pd.Series(
                keys.index.to_numpy()[~repeated], index=keys.to_numpy()[~repeated], dtype=STRING
            )
            several = pd.Series(
                keys.index.to_numpy()[repeated], index=keys.to_numpy()[repeated], dtype=STRING
            )
            listed = (
                several.groupby(level=0, sort=False).agg(lambda s: ", ".join(s.head(3)))
                if len(several)
                else pd.Series(dtype=STRING)
            )
            self._cache[ref_kinds] = (kinds, unique, listed)
        return unique, listed

    def resolve(
        self, values: pd.Series, ref_kinds: tuple[str, ...]
    ) -> tuple[pd.Series, pd.Series, pd.Series]:
        """Return (id, kind, problem) for each value; problem is NA, 'unknown' or 'ambiguous:<ids>'."""
        values = values.astype(STRING)
        found, kind_found = self._find(values, ref_kinds)
        problem = pd.Series(pd.NA, index=values.index, dtype=STRING)
        todo = ~found & values.notna().to_numpy()
        if not todo.any():  # every value is an id (the common case): no name keys needed
            ids = values if found.all() else values.where(found).astype(STRING)
            return ids, pd.Series(_strings(kind_found), index=values.index), problem
        # the few values that are not ids: try them as names, then place the answers among the rest
        unique, listed = self._names(ref_kinds)
        keys = normalise_name(values.iloc[np.flatnonzero(todo)])
        named = keys.map(unique).astype(STRING)
        amb = keys.map(listed).astype(STRING)
        said = np.where(amb.notna(), "ambiguous:" + amb.fillna(""), np.where(named.isna(), "unknown", None))
        mask = pa.array(todo)
        text = _text(values)
        by_id = pc.if_else(pa.array(found), text, pa.scalar(None, text.type))
        ids = pd.Series(_strings(pc.replace_with_mask(by_id, mask, _text(named))), index=values.index)
        none = pa.nulls(len(values), pa.large_string())
        said_text = pa.array(said.tolist(), type=pa.large_string())
        problem = pd.Series(_strings(pc.replace_with_mask(none, mask, said_text)), index=values.index)
        _, kind = self._find(ids, ref_kinds)
        return ids, pd.Series(_strings(kind), index=values.index), problem


def _positions(values: pa.Array, ids: pa.Array) -> pa.Array:
    """``pc.index_in(values, value_set=ids)`` for ids that are unique and far more than the values.

    The distinct values are hashed and every id probed against them, instead
    of hashing every id (a million units) to look up a few thousand values.
    """
    encoded = pc.dictionary_encode(values)
    at = pc.index_in(ids, value_set=encoded.dictionary)  # for each id: which distinct value it is
    hit = at.is_valid()
    node = np.full(len(encoded.dictionary), -1, dtype=np.int64)
    node[np.asarray(at.filter(hit).to_numpy(zero_copy_only=False))] = np.flatnonzero(
        np.asarray(hit.to_numpy(zero_copy_only=False), dtype=bool)
    )
    codes = encoded.indices.fill_null(len(encoded.dictionary))  # a missing value finds nothing
    where = np.append(node, -1)[np.asarray(codes.to_numpy(zero_copy_only=False))]
    return pa.array(where, mask=where < 0, type=pa.int32())


def _keep_rows(df: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """``df[keep]``; when only a few rows go, text columns are zero-copy slices of the runs kept.

    Dropping one repeated row of a million would otherwise copy every text column.
    """
    gone = np.flatnonzero(~keep)
    if len(gone) == 0:
        return df
    if len(gone) > 1000:
        return df[keep]
    starts = np.concatenate([[0], gone + 1])
    ends = np.concatenate([gone, [len(df)]])
    runs = [(int(a), int(b - a)) for a, b in zip(starts, ends, strict=True) if b > a]
    out = {}
    for col in df.columns:
        values = df[col]
        if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
            text = as_text(values)
            parts = [text.slice(a, n) for a, n in runs]
            if isinstance(text, pa.ChunkedArray):
                parts = [chunk for part in parts for chunk in part.chunks]
            out[col] = _strings(pa.chunked_array(parts, type=text.type))
        else:
            out[col] = values.array[keep]
    return pd.DataFrame(out, index=df.index[keep], columns=df.columns)


def _drop_missing_required(df: pd.DataFrame, spec: TableSpec, book: _Book, lang: str) -> pd.DataFrame:
    reason = _reason("required", lang)
    bad = pd.Series(False, index=df.index)
    for col in spec.columns:
        if col.required:
            miss = df[col.name].isna()
            if not miss.any():
                continue
            book.reject(df[miss & ~bad], col.name, df.loc[miss & ~bad, col.name], reason)
            bad |= miss
    return _keep_rows(df, ~bad.to_numpy())


def _convert_values(df: pd.DataFrame, spec: TableSpec, book: _Book, lang: str) -> pd.DataFrame:
    df = df.copy()
    for col in spec.columns:
        if col.type not in {"int", "date", "enum"}:
            continue
        values = df[col.name]
        if col.type == "int":
            out, bad = _parse_int(values)
            key, extra = "int", {}
        elif col.type == "date":
            out, bad = _parse_date(values)
            key, extra = "date", {}
        else:
            words = VALUE_WORDS[f"{spec.name}.{col.name}"]
            out, bad = _parse_enum(values, words)
            key, extra = (
                "enum",
                {"words": pd.Series(["、".join(w[0] for w in words.values())] * int(bad.sum()))},
            )
        if bad.any():
            book.reject(
                df[bad],
                col.name,
                values[bad],
                _format_each(key, lang, value=values[bad], **extra),
            )
        df[col.name] = out
    return df


def _duplicated(ids: pd.Series) -> np.ndarray:
    """``ids.duplicated()`` (later repeats of a value) from Arrow dictionary codes."""
    encoded = pc.dictionary_encode(_text(ids))  # ids are never missing here
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False))
    if len(codes) == 0:
        return np.zeros(0, dtype=bool)
    # codes number the distinct values in order of first appearance: a first appearance exceeds all before it
    before = np.maximum.accumulate(np.concatenate([[-1], codes[:-1]]))
    return codes <= before


def _node_table(
    df: pd.DataFrame, spec: TableSpec, repeated: np.ndarray, seen: _Seen, book: _Book, lang: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Drop the ``repeated`` rows of one node table (its required values already checked).

    Returns (rows kept, duplicate rows).
    """
    ids = df["id"]
    dup = pd.Series(repeated, index=df.index)
    dups = df[dup]
    if len(dups):
        again = df[~dup & _isin(ids, dups["id"])]  # first rows of ids repeated within this table
        first_rows = pd.concat([seen.places(dups["id"]), _first_place(again, book)])
        first = first_rows[~first_rows.index.duplicated()].reindex(dups["id"].to_numpy())
        place = cell_place(first["file"], first["sheet"], first["row"], lang=lang)
        book.reject(dups, "id", dups["id"], _format_each("duplicate", lang, value=dups["id"], first=place))
        book.problem(
            "DUPLICATE_ID",
            dups,
            "id",
            dups["id"],
            subject_kind=spec.kind,
            subject_id=dups["id"],
            subject_name=dups["name"],
            first_file=first["file"],
            first_sheet=first["sheet"],
            first_row=first["row"],
        )
    kept = _convert_values(_keep_rows(df, ~repeated), spec, book, lang)
    return kept, dups


def read_ledger(
    path: str | Path,
    *,
    mapping: str | Path | Mapping[str, Any] | None = None,
    encoding: str | None = None,
    lang: str = "zh",
) -> Network:
    r"""Read a ledger — a folder of CSV/XLSX files or one workbook — into a Network.

    Parameters
    ----------
    path
        A folder of ``.csv``/``.xlsx`` files (one table per file, or per sheet), or
        one workbook with a sheet per table, or a single CSV/XLSX table.
    mapping
        Extra table and column names: a TOML file or an equivalent dict, e.g.
        ``{"tables": {"units": ["我的台账"]}, "columns": {"units": {"party_members": ["党员(人)"]}}}``.
    encoding
        Encoding of every CSV file; by default UTF-8 with BOM, else strict UTF-8,
        else GB18030.
    lang : {"zh", "en"}
        Language of reject reasons and finding details.

    Returns
    -------
    Network
        With ``rejects`` (every cell not used, see :data:`graphkit.model.REJECT_COLUMNS`),
        ``findings`` (``DUPLICATE_ID``, ``UNKNOWN_REFERENCE``) and ``meta`` keys
        ``source``, ``created_with``, ``created_date``, ``tables`` (rows read per
        table), ``files``, ``unknown_columns``, ``ignored`` and ``load_problems``.

    Raises
    ------
    LedgerError
        When the ledger is unusable as a whole: the path is missing or not a
        spreadsheet, a file cannot be decoded, there is no units table, or a table
        lacks a required column. The message names the file, sheet and column.
    ConfigError
        When the mapping is malformed.

    Notes
    -----
    Cost: a CSV ledger of a million units (172 MB ``units.csv``) takes about 4 s
    of CPU and 1.3 GB, a third of it Arrow's CSV reader; cells stay Arrow text
    from the reader to the network. A workbook of 100,000 units takes about
    1.4 s, two thirds of it fastexcel reading the sheets (which holds the GIL,
    so sheets are read one after another).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "街道.csv").write_text("编号,街道名称\nS1,林山寨街道\n", encoding="utf-8")
    >>> _ = (folder / "单位台账.csv").write_text(
    ...     "统一社会信用代码,单位名称,所属街道,正式党员数\n"
    ...     "91350200776049653A,甲公司,林山寨街道,三\n", encoding="utf-8")
    >>> net = read_ledger(folder)
    >>> net.units.loc["91350200776049653A", ["name", "kind"]].tolist()
    ['甲公司', 'enterprise']
    >>> net.rel("IN_STREET")[["source", "target"]].values.tolist()
    [['91350200776049653A', 'S1']]
    >>> [str(v) for v in net.rejects.loc[0, ["file", "row", "column", "reason"]]]
    ['单位台账.csv', '2', '正式党员数', '“三”不是整数，已置空']

    """
    if lang not in {"zh", "en"}:
        msg = f"lang: expected 'zh' or 'en', got {lang!r}"
        raise ConfigError(msg)
    path = Path(path)
    aliases = _Aliases.build(_load_mapping(mapping))
    return _read(path, aliases, encoding, lang)


def _read(path: Path, aliases: _Aliases, encoding: str | None, lang: str) -> Network:
    """Read the sheets of ``path`` and build the network (see :func:`read_ledger`)."""
    ignored: list[str] = []
    raws: dict[str, list[_Raw]] = {}
    files: list[str] = []
    found_names: list[str] = []
    sheets = []
    for s in _sheets(path, encoding, ignored):
        s.cells = _clean(s.cells)
        if any(s.cells[c].notna().any() for c in s.cells.columns):  # empty sheets are not tables
            sheets.append(s)
    per_file: dict[str, int] = {}
    for s in sheets:
        per_file[s.file] = per_file.get(s.file, 0) + 1
    for s in sheets:
        label = s.sheet if s.sheet is not None else s.stem
        found_names.append(label)
        table = aliases.tables.get(_table_key(label))
        by_stem = table is None and s.sheet is not None and _table_key(s.stem) in aliases.tables
        if by_stem:
            table = aliases.tables[_table_key(s.stem)]
        if table is None:
            ignored.append(_where(s.file, s.sheet))
            continue
        try:
            raw = _raw_table(s, TABLES[table], aliases.columns[table])
        except LedgerError:
            # a workbook named after a table may also hold notes or per-street sheets:
            # take every sheet that has the table's header, skip the others
            if by_stem and per_file[s.file] > 1:
                ignored.append(_where(s.file, s.sheet))
                continue
            raise
        raws.setdefault(table, []).append(raw)
        files.append(_where(s.file, s.sheet))
    if "units" not in raws:
        accepted = "、".join(
            dict.fromkeys([TABLES["units"].name, TABLES["units"].zh, *TABLES["units"].aliases])
        )
        msg = (
            f"{path.name or path}: no units table found; tables found: {', '.join(found_names) or '(none)'}; "
            f"a file or sheet named one of {accepted} is expected"
        )
        raise LedgerError(msg)
    net = _build(raws, lang)
    meta = {
        "source": str(path),
        "created_with": f"graphkit {__version__}",
        "created_date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "files": files,
        "ignored": ignored,
    }
    return net.replace(meta={**net.meta, **meta})


def _build(raws: dict[str, list[_Raw]], lang: str) -> Network:
    """Turn raw tables into a Network (the one builder)."""
    book = _Book()
    frames = {t: _combine(rs, book) for t, rs in raws.items()}
    tables_read = {t: len(f) for t, f in frames.items()}
    unknown_columns = {
        t: list(
            dict.fromkeys(
                h for r in rs for c, h in r.headers.items() if c not in {x.name for x in TABLES[t].columns}
            )
        )
        for t, rs in raws.items()
    }
    unknown_columns = {t: v for t, v in unknown_columns.items() if v}

    # 1. node tables: required values, duplicates, typed values
    seen = _Seen(book)  # id -> first row
    kept: dict[str, pd.DataFrame] = {}
    usable = {
        name: _drop_missing_required(frames[name], spec, book, lang)
        for name, spec in TABLES.items()
        if spec.kind is not None and name in frames
    }
    # ids are unique across all tables, taken in schema order: a row repeats an id when any row
    # before it in that order has it (that row is kept, or repeats a kept one): one pass for all
    repeated = _duplicated(pd.concat([df["id"] for df in usable.values()], ignore_index=True))
    bounds = np.cumsum([0, *(len(df) for df in usable.values())])
    for (name, df), start, end in zip(usable.items(), bounds[:-1], bounds[1:], strict=True):
        df, _ = _node_table(df, TABLES[name], repeated[start:end], seen, book, lang)
        kept[name] = df
        seen.add(df)
    for name, spec in TABLES.items():
        if spec.kind is None and name in frames:
            df = _drop_missing_required(frames[name], spec, book, lang)
            kept[name] = _convert_values(df, spec, book, lang)

    # 2. nodes
    nodes: dict[str, pd.DataFrame] = {}
    for name, df in kept.items():
        spec = TABLES[name]
        if spec.kind is None:
            continue
        keep = [
            c.name for c in spec.columns if c.type not in {"ref", "refs"} and c.name != "guidance_station"
        ]
        extra = [c for c in df.columns if not c.startswith("_") and c not in {x.name for x in spec.columns}]
        frame = df[keep + extra].set_index("id")
        blank = frame["kind"].isna().to_numpy() if spec.kind == "Unit" else np.zeros(0, dtype=bool)
        if blank.any():
            prefix = pd.Series(frame.index[blank], dtype=STRING).str.slice(0, 1)
            guess = pd.Series(pd.NA, index=frame.index, dtype=STRING)
            guess[blank] = prefix.map({"9": "enterprise", "5": "social_org"}).astype(STRING).to_numpy()
            frame["kind"] = frame["kind"].fillna(guess)
        nodes[spec.kind] = frame
    rels: dict[str, list[pd.DataFrame]] = {}
    stations = _stations(kept.get("streets"), seen)
    if stations is not None:
        nodes["GuidanceStation"], rels["SERVES"] = stations[0], [stations[1]]

    lookup = _Lookup(nodes)

    # 3. references
    for name, df in kept.items():
        spec = TABLES[name]
        extra = [c for c in df.columns if not c.startswith("_") and c not in {x.name for x in spec.columns}]
        if spec.kind is not None:
            for col in spec.columns:
                if col.type not in {"ref", "refs"} or col.rel is None:
                    continue
                src = df[["id", "_src", "_row"]].assign(_value=df[col.name])
                src = _explode(src, col)
                target, tkind, problem = lookup.resolve(src["_value"], col.ref_kinds)
                _ref_problems(book, src, col, target, problem, spec.kind, src["id"], lang, lookup)
                ok = target.notna().to_numpy()
                rels.setdefault(col.rel, []).append(
                    pd.DataFrame(
                        {
                            "source": _kept(src["id"], ok),
                            "target": _kept(target, ok),
                            "source_kind": spec.kind,
                            "target_kind": _kept(tkind, ok),
                        }
                    )
                )
        else:
            _link_table(name, df, spec, extra, lookup, book, rels, lang)

    rel_frames = {t: pd.concat(fs, ignore_index=True) for t, fs in rels.items() if fs}
    rejects = (
        pd.concat(book.rejects, ignore_index=True)[REJECT_COLUMNS]
        if book.rejects
        else pd.DataFrame(columns=REJECT_COLUMNS)
    )
    rejects = rejects.astype({c: STRING for c in REJECT_COLUMNS if c != "row"}).astype({"row": "Int64"})
    rejects = rejects.sort_values(
        ["table", "file", "sheet", "row"], kind="stable", key=_table_order
    ).reset_index(drop=True)
    net = Network(nodes, rel_frames, rejects=rejects)
    problems = (
        pd.concat(book.problems, ignore_index=True) if book.problems else pd.DataFrame(columns=["code"])
    )
    problems = _street_names(net, problems)
    meta = {
        "tables": tables_read,
        "unknown_columns": unknown_columns,
        "load_problems": _json_records(problems),
    }
    return net.replace(findings=load_findings(problems, lang=lang), meta={**net.meta, **meta})


def _kept(values: pd.Series, ok: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """The values where ``ok``, as a bare array (no index; text stays in Arrow)."""
    return values.array if ok.all() else values.array[ok]


def _table_order(s: pd.Series) -> pd.Series:
    if s.name == "table":
        order = {t: i for i, t in enumerate(TABLES)}
        return s.map(order)
    return s


def _explode(src: pd.DataFrame, col: ColumnSpec) -> pd.DataFrame:
    """Rows with a value; for ``refs`` one row per non-blank piece, stripped (Arrow split and trim)."""
    given = src["_value"].notna().to_numpy()
    if not given.all():
        src = src[given]
    if col.type == "refs":
        pieces = pc.split_pattern_regex(_text(src["_value"]), pattern=MULTI_SEPARATORS)
        parent = np.asarray(pc.list_parent_indices(pieces).to_numpy(zero_copy_only=False))
        value = pc.utf8_trim_whitespace(pc.list_flatten(pieces))
        nonblank = np.asarray(
            pc.greater(pc.binary_length(value), 0).to_numpy(zero_copy_only=False), dtype=bool
        )
        src = src.iloc[parent[nonblank]].assign(_value=_strings(value.filter(pa.array(nonblank))))
    return src.reset_index(drop=True)


def _ref_problems(
    book: _Book,
    src: pd.DataFrame,
    col: ColumnSpec,
    target: pd.Series,
    problem: pd.Series,
    subject_kind: str | pd.Series,
    subject_id: pd.Series,
    lang: str,
    lookup: _Lookup,
) -> None:
    bad = problem.notna()
    if not bad.any():
        return
    rows = src[bad]
    values = rows["_value"]
    amb = problem[bad].str.startswith("ambiguous:")
    kinds = ", ".join(col.ref_kinds)
    reason = pd.Series(
        np.where(
            amb,
            _format_each("ambiguous_ref", lang, value=values, ids=problem[bad].str.slice(10)),
            _format_each("unknown_ref", lang, value=values, kinds=pd.Series([kinds] * len(values))),
        ),
        dtype=STRING,
    )
    book.reject(rows, col.name, values, reason)
    sid = subject_id[bad]
    sname = lookup.name_of(sid)
    book.problem(
        "UNKNOWN_REFERENCE",
        rows,
        col.name,
        values,
        subject_kind=subject_kind[bad] if isinstance(subject_kind, pd.Series) else subject_kind,
        subject_id=sid,
        subject_name=sname,
        ref_kinds=kinds,
        ambiguous=problem[bad].where(amb).str.slice(10),
    )


def _link_table(
    name: str,
    df: pd.DataFrame,
    spec: TableSpec,
    extra: list[str],
    lookup: _Lookup,
    book: _Book,
    rels: dict[str, list[pd.DataFrame]],
    lang: str,
) -> None:
    """Assignments and pairings: one relationship per resolved (source, target) pair."""
    src_col, dst_col = spec.columns[0], spec.columns[1]
    base = df.reset_index(drop=True)
    s_id, s_kind, s_problem = lookup.resolve(base[src_col.name], src_col.ref_kinds)
    src_rows = base.assign(_value=base[src_col.name])
    _ref_problems(
        book, src_rows, src_col, s_id, s_problem, src_col.ref_kinds[0], base[src_col.name], lang, lookup
    )
    base = base.assign(_sid=s_id, _skind=s_kind, _value=base[dst_col.name])
    subject_kind = s_kind.fillna(src_col.ref_kinds[0])
    subject = s_id.fillna(base[src_col.name])
    base = base.assign(_subject=subject, _subject_kind=subject_kind)
    exploded = _explode(base, dst_col)
    t_id, t_kind, t_problem = lookup.resolve(exploded["_value"], dst_col.ref_kinds)
    _ref_problems(
        book,
        exploded,
        dst_col,
        t_id,
        t_problem,
        exploded["_subject_kind"],
        exploded["_subject"],
        lang,
        lookup,
    )
    ok = t_id.notna() & exploded["_sid"].notna()
    attrs = {c: exploded.loc[ok, c].astype(STRING).to_numpy() for c in extra}
    if name == "pairings":
        attrs["since"] = exploded.loc[ok, "since"].to_numpy()
    frame = pd.DataFrame(
        {
            "source": exploded.loc[ok, "_sid"].to_numpy(),
            "target": t_id[ok].to_numpy(),
            "source_kind": exploded.loc[ok, "_skind"].to_numpy(),
            "target_kind": t_kind[ok].to_numpy(),
            **attrs,
        }
    )
    if name == "pairings":
        rels.setdefault("PAIRED_WITH", []).append(frame)
        return
    for kind, rel in (("Instructor", "GUIDES"), ("Liaison", "LIAISES")):
        part = frame[frame["source_kind"] == kind]
        if len(part):
            rels.setdefault(rel, []).append(part)


def _stations(streets: pd.DataFrame | None, seen: _Seen) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Guidance stations named in the streets table, one node per distinct name."""
    if streets is None or "guidance_station" not in streets:
        return None
    named = streets[streets["guidance_station"].notna()]
    if len(named) == 0:
        return None
    key = normalise_name(named["guidance_station"])
    first = named.assign(_key=key.to_numpy()).drop_duplicates("_key")
    ids = "GS:" + first["id"].astype(STRING)
    ids = ids.where(~seen.contains(ids), ids + ":station")
    station_of = pd.Series(ids.to_numpy(), index=first["_key"].to_numpy())
    nodes = pd.DataFrame({"name": first["guidance_station"].to_numpy()}, index=pd.Index(ids, name="id"))
    serves = pd.DataFrame(
        {
            "source": key.map(station_of).to_numpy(),
            "target": named["id"].to_numpy(),
            "source_kind": "GuidanceStation",
            "target_kind": "Street",
        }
    )
    return nodes, serves


def _street_names(net: Network, problems: pd.DataFrame) -> pd.DataFrame:
    if len(problems) == 0:
        return problems
    subjects = problems["subject_id"].dropna().astype(STRING)
    in_street = net.rel("IN_STREET")
    in_street = in_street[isin(in_street["source"], subjects)]
    parts = []
    for kind in ("Unit", "Carrier", "PartyOrg"):  # Network.street_of, for the subjects only
        r = in_street[in_street["source_kind"] == kind].drop_duplicates("source")
        index = net.nodes[kind].index
        parts.append(r.set_index("source")["target"].reindex(index[isin(index, subjects)]).rename("street"))
    street = pd.concat(parts)
    street = street[~street.index.duplicated()].map(net.streets["name"])
    problems = problems.copy()
    problems["street"] = problems["subject_id"].map(street)
    return problems


def _json_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    if len(frame) == 0:
        return []
    clean = frame.astype(object).where(frame.notna(), None)
    return [
        {k: (v.item() if isinstance(v, np.generic) else v) for k, v in r.items()}
        for r in clean.to_dict("records")
    ]
