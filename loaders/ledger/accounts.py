"""Nothing is lost: Excel error cells are rejected, and every row read is loaded or rejected.

Two checks of the builder, kept apart from it:

- :func:`reject_error_cells`: a cell holding an Excel error value
  (``#N/A``, ``#DIV/0!`` ... — a formula that failed, read from a workbook
  or written into a CSV by Excel) is emptied and rejected with that reason;
  it is never taken as a value, nor silently blank. A required cell emptied
  so then makes its row unusable, as a blank one would.
- :func:`account_rows`: for every table, rows read = rows loaded + rows
  rejected, and every row not loaded has a reject naming it. The counts go to
  ``net.meta["rows"]``; a row lost without a reject is a bug of the reader,
  raised as :class:`RowsLost` rather than passed on.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit.kernels import as_text
from loaders.ledger.book import Book, reject_reasons
from loaders.ledger.files import EXCEL_ERRORS

__all__ = ["RowsLost", "account_rows", "reject_error_cells"]

_ERROR_TEXTS = pa.array(sorted(set(EXCEL_ERRORS.values())), type=pa.large_string())


class RowsLost(RuntimeError):
    """Rows of a table were neither loaded nor rejected: a bug of the ledger reader."""


def reject_error_cells(frame: pd.DataFrame, book: Book, lang: str) -> pd.DataFrame:
    """``frame`` (rows of one table, with ``_src`` and ``_row``) with its Excel error cells emptied.

    Each emptied cell is recorded as a reject whose reason names the error.
    The frame is returned as it is when it holds none (the common case: a
    byte scan of each column's text for ``#``, then an Arrow ``is_in``).
    """
    out = None
    for col in frame.columns:
        if col.startswith("_") or not isinstance(frame[col].dtype, pd.StringDtype):
            continue
        text = as_text(frame[col])
        if not _holds_hash(text):  # no "#" anywhere in the column: no error value (one byte scan)
            continue
        hit = pc.is_in(text, value_set=_ERROR_TEXTS)
        mask = np.asarray(hit.to_numpy(zero_copy_only=False), dtype=bool)
        if not mask.any():
            continue
        out = frame.copy() if out is None else out
        values = frame.loc[mask, col]
        book.reject(frame[mask], col, values, reject_reasons("excel_error", lang, value=values))
        out.loc[mask, col] = pd.NA
    return frame if out is None else out


#: A ``#`` anywhere: ``re`` searches a buffer in place (no copy of a column's characters)
_HASH = re.compile(b"#")


def _holds_hash(text: pa.Array | pa.ChunkedArray) -> bool:
    """Whether a ``#`` is among the bytes of any chunk's characters (a cell's or a neighbour's)."""
    for chunk in text.chunks if isinstance(text, pa.ChunkedArray) else [text]:
        buffers = chunk.buffers()
        if len(buffers) > 2 and buffers[2] is not None and _HASH.search(memoryview(buffers[2])):
            return True
    return False


def account_rows(
    read: dict[str, pd.DataFrame], loaded: dict[str, pd.DataFrame], book: Book
) -> dict[str, dict[str, int]]:
    """Table -> ``{"read", "loaded", "rejected"}`` row counts, every row not loaded checked for a reject.

    ``read`` holds every row of each table (with ``_src`` and ``_row``),
    ``loaded`` the rows the builder used. A row is rejected when it is read
    and not loaded; each such row must have a reject with its table, file,
    sheet and row number.

    Raises
    ------
    RowsLost
        When a row was neither loaded nor rejected.

    Examples
    --------
    >>> from loaders.ledger.tables import Raw
    >>> book = Book()
    >>> src = book.source_codes(Raw("units", "units.csv", None, pd.DataFrame(), {}))
    >>> rows = pd.DataFrame({"_src": [src, src], "_row": [2, 3]})
    >>> account_rows({"units": rows}, {"units": rows}, book)
    {'units': {'read': 2, 'loaded': 2, 'rejected': 0}}
    >>> account_rows({"units": rows}, {"units": rows.iloc[:1]}, book)
    Traceback (most recent call last):
    loaders.ledger.accounts.RowsLost: units: 1 row(s) neither loaded nor rejected, e.g. units.csv row 3

    """
    counts: dict[str, dict[str, int]] = {}
    rejected_at = _reject_places(book)
    for table, rows in read.items():
        kept = loaded.get(table, rows.iloc[:0])
        gone = ~_among(_keys(rows), _keys(kept))
        n_read, n_loaded, n_gone = len(rows), len(kept), int(gone.sum())
        if n_read != n_loaded + n_gone:
            msg = f"{table}: {n_read} rows read but {n_loaded} loaded and {n_gone} rejected"
            raise RowsLost(msg)
        if n_gone:
            lost = _without_reject(table, rows[gone], book, rejected_at)
            if len(lost):
                _, files, _ = book.where(lost.iloc[:1])
                msg = (
                    f"{table}: {len(lost)} row(s) neither loaded nor rejected, "
                    f"e.g. {files[0]} row {lost['_row'].iloc[0]}"
                )
                raise RowsLost(msg)
        counts[table] = {"read": n_read, "loaded": n_loaded, "rejected": n_gone}
    return counts


def _keys(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(source, row number) of each row, as int64 (-1: no row number)."""
    return rows["_src"].to_numpy(dtype=np.int64), rows["_row"].to_numpy(dtype=np.int64, na_value=-1)


def _among(rows: tuple[np.ndarray, np.ndarray], kept: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Which ``rows`` (source, row number) are among ``kept``: a table of flags, no sort.

    ``kept`` is a subset of ``rows`` (one table's rows). Each (source, row)
    pair of the table gets a slot of its own, its sources numbered among
    those the table has, so the look-up is linear in the rows.
    """
    present = np.flatnonzero(np.bincount(rows[0]))  # the table's own sources, out of every source
    local = np.zeros(len(present) and int(present[-1]) + 1, dtype=np.int64)
    local[present] = np.arange(len(present))
    width = int(max(rows[1].max(initial=-1), kept[1].max(initial=-1))) + 2  # row -1 (none): slot 0

    def slot(pair: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        return local[pair[0]] * width + pair[1] + 1

    flags = np.zeros(len(present) * width, dtype=bool)
    flags[slot(kept)] = True
    return flags[slot(rows)]


def _reject_places(book: Book) -> set[tuple[object, ...]]:
    if not book.rejects:
        return set()
    rejects = pd.concat([r[["table", "file", "sheet", "row"]] for r in book.rejects], ignore_index=True)
    rejects = rejects.astype(object).where(rejects.notna(), None)
    return set(rejects.itertuples(index=False, name=None))


def _without_reject(
    table: str, rows: pd.DataFrame, book: Book, places: set[tuple[object, ...]]
) -> pd.DataFrame:
    tables, files, sheets = book.where(rows)
    keys = [
        (t, f, None if pd.isna(s) else s, int(r))
        for t, f, s, r in zip(tables, files, sheets, rows["_row"].to_numpy(), strict=True)
    ]
    missing = np.array([k not in places for k in keys], dtype=bool)
    return rows[missing]
