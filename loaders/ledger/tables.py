"""From a grid of cells to a raw table: find the header row, choose the columns, keep the rest.

The header row is the first of the first :data:`~loaders.ledger.files.HEADER_SCAN_ROWS`
rows that names at least two known columns (else the row naming the most),
so title rows above it do not matter. When several headers name one column,
the best-ranked alias wins (a user mapping's words first). Headers that name
no column are kept as extra columns under the header as written (a blank
header with values below it becomes ``column_<letter>``).
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from graphkit.exceptions import LedgerError
from loaders.ledger.files import HEADER_SCAN_ROWS, Sheet
from loaders.ledger.names import normalise_header
from loaders.ledger.text import STRING
from loaders.schema import ColumnSpec, TableSpec

__all__ = ["Raw", "raw_table", "source_label"]


@dataclasses.dataclass
class Raw:
    """One source of a table: canonical columns, headers as written, row numbers."""

    table: str
    file: str
    sheet: str | None
    frame: pd.DataFrame  # canonical + extra columns, text; index = row number (1-based)
    headers: dict[str, str]  # column -> header as written


def source_label(file: str, sheet: str | None) -> str:
    """How messages and ``net.meta`` name a source: ``file`` or ``file, sheet name``.

    Examples
    --------
    >>> source_label("台账.xlsx", "单位台账"), source_label("units.csv", None)
    ('台账.xlsx, sheet 单位台账', 'units.csv')

    """
    return f"{file}, sheet {sheet}" if sheet is not None else file


def raw_table(src: Sheet, spec: TableSpec, aliases: dict[str, tuple[str, int]]) -> Raw:
    """The rows below the header row of ``src`` as table ``spec``, under canonical column names.

    ``aliases`` maps header keys to (column, rank). Entirely blank rows are
    skipped; the index is the row number as the office sees it.

    Raises
    ------
    LedgerError
        When no header row is found, or a required column is missing.

    """
    cells = src.cells
    pos, found = _find_header(cells, aliases)
    where = source_label(src.file, src.sheet)
    if found == 0:
        raise _no_header(cells, spec, where)
    header = cells.iloc[pos]
    chosen = _choose_columns(header, aliases)
    missing = [c for c in spec.columns if c.required and c.name not in chosen]
    if missing:
        raise _missing_column(missing[0], spec, where, pos, header)
    body = cells.iloc[pos + 1 :]
    body = body[body.notna().any(axis=1)]
    body.index = body.index + 1  # row numbers as the office sees them
    data, written = _columns(body, header, chosen)
    frame = pd.DataFrame(data, index=body.index).astype(STRING)
    return Raw(spec.name, src.file, src.sheet, frame, written)


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


def _no_header(cells: pd.DataFrame, spec: TableSpec, where: str) -> LedgerError:
    first = cells.dropna(how="all").head(1)
    seen = ", ".join(first.iloc[0].dropna().tolist()) if len(first) else "(the sheet is empty)"
    msg = (
        f"{where}: no header row found for table {spec.name} ({spec.zh}) in the first "
        f"{HEADER_SCAN_ROWS} rows; first row holds: {seen}"
    )
    return LedgerError(msg)


def _choose_columns(header: pd.Series, aliases: dict[str, tuple[str, int]]) -> dict[str, tuple[int, int]]:
    """Column -> (rank, position) of the best-ranked header that names it."""
    chosen: dict[str, tuple[int, int]] = {}
    for i, value in header.items():
        if pd.isna(value):
            continue
        hit = aliases.get(normalise_header(value))
        if hit and (hit[0] not in chosen or hit[1] < chosen[hit[0]][0]):
            chosen[hit[0]] = (hit[1], int(i))
    return chosen


def _missing_column(col: ColumnSpec, spec: TableSpec, where: str, pos: int, header: pd.Series) -> LedgerError:
    headers_found = [str(v) for v in header.dropna().tolist()]
    accepted = "、".join(dict.fromkeys([col.zh, col.name, *col.aliases]))
    msg = (
        f"{where}: required column {col.zh} ({col.name}) of table {spec.name} not found in the header "
        f"row (row {pos + 1}); headers found: {', '.join(headers_found)}; accepted headers: {accepted}"
    )
    return LedgerError(msg)


def _columns(
    body: pd.DataFrame, header: pd.Series, chosen: dict[str, tuple[int, int]]
) -> tuple[dict[str, pd.Series], dict[str, str]]:
    """(column -> values, column -> header as written): the chosen columns, then the unknown ones."""
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
    return data, written


def _excel_letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters
