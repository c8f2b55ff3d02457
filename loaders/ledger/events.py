"""Event tables (activities, visits, trainings, honours): a row per dated record, references resolved.

Unlike a link table, an event row that cannot be placed is not kept half-way:
a row whose date cannot be read, whose date lies after the as-of date, or
whose reference (the party organisation met, the person who visited, the
honoured unit ...) resolves to nothing is not used, and a reject says why. A
reference that resolves to nothing also raises ``UNKNOWN_REFERENCE``, as
everywhere else. An optional reference left blank (a training with no
organisation) keeps the row.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from graphkit.model import EVENT_TABLES
from loaders.ledger.book import Book, reject_reasons
from loaders.ledger.cells import parse_date
from loaders.ledger.lookup import Lookup
from loaders.ledger.rows import convert_values, keep_rows
from loaders.ledger.text import STRING
from loaders.schema import TableSpec

__all__ = ["event_table"]


def event_table(
    df: pd.DataFrame, spec: TableSpec, lookup: Lookup, book: Book, lang: str, as_of: dt.date | None
) -> pd.DataFrame:
    """The rows of one event table as the typed frame :data:`graphkit.model.EVENT_TABLES` describes.

    ``df`` holds the table's usable rows (required cells given) as text with
    the ``_src``/``_row`` bookkeeping columns; every row not used is recorded
    in ``book``.
    """
    df = convert_values(df.reset_index(drop=True), spec, book, lang, skip=("date",))
    use = np.ones(len(df), dtype=bool)
    if "date" in df:
        use &= _dates(df, spec, book, lang, as_of)
    out: dict[str, pd.Series | np.ndarray] = {}
    for col in spec.columns:
        if col.type != "ref":
            continue
        ids, kinds, at, ok = _references(df, col.name, col.ref_kinds, spec, lookup, book, lang, use)
        use &= ok
        out[col.name] = ids
        out[f"_{col.name}_at"] = at
        if f"{col.name}_kind" in EVENT_TABLES[spec.name]:
            out[f"{col.name}_kind"] = kinds
    frame = df.assign(**out)
    frame = keep_rows(frame, use).reset_index(drop=True)
    cols = [c for c in EVENT_TABLES[spec.name] if c in frame.columns]
    at = [f"_{c.name}_at" for c in spec.columns if c.type == "ref"]
    # the builder turns the bookkeeping into the table's sources, and the positions into the network's
    return frame[[*cols, "_src", "_row", *at]]


def _dates(df: pd.DataFrame, spec: TableSpec, book: Book, lang: str, as_of: dt.date | None) -> np.ndarray:
    """Parse ``date`` in place; which rows have a usable one (each other given date rejected)."""
    values = df["date"]
    parsed, bad = parse_date(values)
    if bad.any():
        book.reject(df[bad], "date", values[bad], reject_reasons("event_date", lang, value=values[bad]))
    df["date"] = parsed
    use = ~bad.to_numpy()
    required = spec.column("date").required
    if not required:
        use |= values.isna().to_numpy()
    if as_of is not None:
        late = (parsed > pd.Timestamp(as_of)).to_numpy(dtype=bool, na_value=False) & use
        if late.any():
            rows = df[late]
            book.reject(
                rows,
                "date",
                values[late],
                reject_reasons(
                    "after_as_of",
                    lang,
                    value=parsed[late].dt.strftime("%Y-%m-%d"),
                    as_of=pd.Series([as_of.isoformat()] * int(late.sum())),
                ),
            )
            use &= ~late
    return use


def _references(
    df: pd.DataFrame,
    column: str,
    ref_kinds: tuple[str, ...],
    spec: TableSpec,
    lookup: Lookup,
    book: Book,
    lang: str,
    use: np.ndarray,
) -> tuple[pd.Series, pd.Series, np.ndarray, np.ndarray]:
    """(id, kind, position among its kind's nodes, row still usable) for one reference column.

    Unresolved given values are rejected.
    """
    values = df[column].astype(STRING)
    ids, kinds, problem, at = lookup.resolve_at(values, ref_kinds)
    bad = (problem.notna().to_numpy() | (values.notna().to_numpy() & ids.isna().to_numpy())) & use
    if bad.any():
        rows = df[bad]
        written = values[bad]
        amb = problem[bad].fillna("").str.startswith("ambiguous:")
        kinds_text = pd.Series([", ".join(ref_kinds)] * int(bad.sum()))
        reason = pd.Series(
            np.where(
                amb.to_numpy(dtype=bool),
                reject_reasons("ambiguous_ref", lang, value=written, ids=problem[bad].str.slice(10)),
                reject_reasons("event_ref", lang, value=written, kinds=kinds_text),
            ),
            dtype=STRING,
        )
        book.reject(rows, column, written, reason)
        book.problem(
            "UNKNOWN_REFERENCE",
            rows,
            column,
            written,
            subject_kind=ref_kinds[0],
            subject_id=written,
            subject_name=lookup.name_of(written),
            ref_kinds=", ".join(ref_kinds),
            ambiguous=problem[bad].where(amb).str.slice(10),
        )
    return ids, kinds, at, ~bad
