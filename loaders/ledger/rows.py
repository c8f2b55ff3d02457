"""Which rows and cells the builder can use: required values, ids unique across tables, typed values.

- A blank required cell: the row is not used (a reject names the first blank
  required column).
- A repeated id (ids are unique across *all* node tables, taken in schema
  order): the first row is kept, later rows are not used, each with a reject
  naming where the id first appeared and a ``DUPLICATE_ID`` problem.
- A whole number, date or value word that cannot be read: the cell is left
  empty and the row kept, with a reject.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit.findings import cell_place
from graphkit.kernels import as_text, isin, text_hashes
from loaders.ledger.book import Book, reject_reason, reject_reasons
from loaders.ledger.cells import parse_bool, parse_date, parse_enum, parse_int, parse_number, range_reasons
from loaders.ledger.text import STRING, arrow_text, string_array
from loaders.schema import BOOL_WORDS, VALUE_WORDS, TableSpec

__all__ = ["Seen", "convert_values", "drop_missing_required", "duplicated", "keep_rows", "node_table"]


def drop_missing_required(df: pd.DataFrame, spec: TableSpec, book: Book, lang: str) -> pd.DataFrame:
    """``df`` without the rows that leave a required cell blank (each one recorded as a reject)."""
    reason = reject_reason("required", lang)
    bad = pd.Series(False, index=df.index)
    for col in spec.columns:
        if col.required:
            miss = df[col.name].isna()
            if not miss.any():
                continue
            book.reject(df[miss & ~bad], col.name, df.loc[miss & ~bad, col.name], reason)
            bad |= miss
    return keep_rows(df, ~bad.to_numpy())


def convert_values(
    df: pd.DataFrame, spec: TableSpec, book: Book, lang: str, skip: tuple[str, ...] = ()
) -> pd.DataFrame:
    """A copy of ``df`` with its typed columns parsed; unreadable cells emptied and rejected.

    Columns named in ``skip`` are left as text (the caller parses them).
    """
    df = df.copy()
    for col in spec.columns:
        if col.type not in {"int", "number", "bool", "date", "enum"} or col.name in skip:
            continue
        values = df[col.name]
        if col.type == "int":
            out, bad = parse_int(values)
            key, extra = "int", {}
        elif col.type == "number":
            out, bad = parse_number(values)
            key, extra = "number", {}
        elif col.type == "bool":
            out, bad = parse_bool(values, BOOL_WORDS)
            key, extra = "enum", {"words": pd.Series(["是、否"] * int(bad.sum()))}
        elif col.type == "date":
            out, bad = parse_date(values)
            key, extra = "date", {}
        else:
            words = VALUE_WORDS[f"{spec.name}.{col.name}"]
            out, bad = parse_enum(values, words)
            key, extra = (
                "enum",
                {"words": pd.Series(["、".join(w[0] for w in words.values())] * int(bad.sum()))},
            )
        if bad.any():
            reasons = reject_reasons(key, lang, value=values[bad], **extra)
            if col.type in {"int", "date"}:  # a number or date outside the range says so
                ranged = range_reasons(col.type, values[bad], lang)
                reasons = pd.Series(np.where(pd.isna(ranged), reasons, ranged), dtype=STRING)
            book.reject(df[bad], col.name, values[bad], reasons)
        df[col.name] = out
    return df


def duplicated(ids: pd.Series) -> np.ndarray:
    """``ids.duplicated()`` (later repeats of a value), from 64-bit hashes of the ids.

    The hashes are sorted to find the few that repeat; only the rows holding
    one of those are compared as text (two different ids sharing a hash are
    told apart there). Ids that repeat nowhere, the common case, cost one
    hash and one sort of integers.

    Examples
    --------
    >>> duplicated(pd.Series(["A", "B", "A", "A"], dtype="string")).tolist()
    [False, False, True, True]

    """
    text = arrow_text(ids)  # ids are never missing here
    hashes = text_hashes(text)
    ordered = np.sort(hashes)
    shared = ordered[1:][ordered[1:] == ordered[:-1]]
    out = np.zeros(len(hashes), dtype=bool)
    if len(shared) == 0:
        return out
    rows = np.flatnonzero(np.isin(hashes, np.unique(shared)))  # every row of a hash seen twice
    codes = pc.dictionary_encode(text.take(pa.array(rows))).indices  # their texts, in row order
    out[rows[_later(np.asarray(codes.to_numpy(zero_copy_only=False)))]] = True
    return out


def _later(codes: np.ndarray) -> np.ndarray:
    """Which codes appeared before, for codes numbered in order of first appearance."""
    if len(codes) == 0:
        return np.zeros(0, dtype=bool)
    # a first appearance exceeds every code before it
    before = np.maximum.accumulate(np.concatenate([[-1], codes[:-1]]))
    return codes <= before


def keep_rows(df: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
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
            out[col] = string_array(pa.chunked_array(parts, type=text.type))
        else:
            out[col] = values.array[keep]
    return pd.DataFrame(out, index=df.index[keep], columns=df.columns)


class Seen:
    """Ids of the node rows kept so far (unique across all tables), and where each first appeared."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.frames: list[pd.DataFrame] = []  # kept rows of each node table, in schema order
        self.size = 0

    def add(self, rows: pd.DataFrame) -> None:
        """Record the kept rows of one more node table."""
        self.frames.append(rows)
        self.size += len(rows)

    def ids(self) -> pd.Index:
        """Every id kept so far."""
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
            seen = pd.concat([seen, self.book.places(f[isin(f["id"], ids)])])
        return seen


def node_table(
    df: pd.DataFrame, spec: TableSpec, repeated: np.ndarray, seen: Seen, book: Book, lang: str
) -> pd.DataFrame:
    """The rows of one node table that are used, values parsed (its required values already checked).

    ``repeated`` marks the rows whose id an earlier row has (in this table or
    a table before it): they are recorded as rejects and ``DUPLICATE_ID``
    problems naming where the id first appeared.
    """
    dup = pd.Series(repeated, index=df.index)
    dups = df[dup]
    if len(dups):
        _duplicate_ids(df, dup, dups, spec, seen, book, lang)
    return convert_values(keep_rows(df, ~repeated), spec, book, lang)


def _duplicate_ids(
    df: pd.DataFrame, dup: pd.Series, dups: pd.DataFrame, spec: TableSpec, seen: Seen, book: Book, lang: str
) -> None:
    ids = df["id"]
    in_ids = pd.Series(isin(ids.astype(STRING), dups["id"]), index=ids.index, dtype=bool)
    again = df[~dup & in_ids]  # first rows of ids repeated within this table
    first_rows = pd.concat([seen.places(dups["id"]), book.places(again)])
    first = first_rows[~first_rows.index.duplicated()].reindex(dups["id"].to_numpy())
    place = cell_place(first["file"], first["sheet"], first["row"], lang=lang)
    book.reject(dups, "id", dups["id"], reject_reasons("duplicate", lang, value=dups["id"], first=place))
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
