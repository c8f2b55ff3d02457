"""References become relationships: node columns that name other nodes, and the link tables.

A reference column of a node table (a unit's 所在党组织, a party
organisation's 上级党组织 ...) gives one relationship per resolved value;
``refs`` columns hold several values separated by :data:`MULTI_SEPARATORS`.
The link tables (assignments, pairings) give one relationship per resolved
(source, target) pair and keep their unknown columns as relationship
attributes. A value that resolves to nothing keeps its row without that link:
a reject and an ``UNKNOWN_REFERENCE`` problem name it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders.ledger.book import Book, reject_reasons
from loaders.ledger.lookup import Lookup
from loaders.ledger.text import STRING, arrow_text, string_array
from loaders.schema import ColumnSpec, TableSpec

__all__ = ["MULTI_SEPARATORS", "explode", "link_table", "node_references", "pieces"]

#: What separates the values of a multi-valued cell (an RE2 class).
MULTI_SEPARATORS = r"[、,，;；]"

Relationships = dict[str, list[pd.DataFrame]]


def explode(src: pd.DataFrame, col: ColumnSpec) -> pd.DataFrame:
    """Rows with a value; for ``refs`` one row per non-blank piece, stripped (Arrow split and trim).

    ``src`` holds the values in ``_value``; the result has a fresh index.
    """
    at, values = pieces(src["_value"], col)
    if at is None:
        return src.reset_index(drop=True)
    return src.iloc[at].assign(_value=values.array).reset_index(drop=True)


def pieces(values: pd.Series, col: ColumnSpec) -> tuple[np.ndarray | None, pd.Series]:
    """(row of each, value) of the values given; for ``refs`` one per non-blank piece, stripped.

    The rows are positions in ``values`` (``None``: every row once, in order);
    the values have a fresh index.
    """
    given = values.notna().to_numpy()
    at = None if given.all() else np.flatnonzero(given)
    text = values if at is None else values.iloc[at]
    if col.type != "refs":
        return at, pd.Series(text.array)
    split = pc.split_pattern_regex(arrow_text(text), pattern=MULTI_SEPARATORS)
    parent = np.asarray(pc.list_parent_indices(split).to_numpy(zero_copy_only=False))
    value = pc.utf8_trim_whitespace(pc.list_flatten(split))
    nonblank = np.asarray(pc.greater(pc.binary_length(value), 0).to_numpy(zero_copy_only=False), dtype=bool)
    rows = parent[nonblank] if at is None else at[parent[nonblank]]
    return rows, pd.Series(string_array(value.filter(pa.array(nonblank))))


def node_references(
    df: pd.DataFrame, spec: TableSpec, lookup: Lookup, book: Book, rels: Relationships, lang: str
) -> None:
    """The relationships the reference columns of one node table state, added to ``rels``.

    Only the values are taken apart; a row's id and source are taken once, for
    the relationships made and the references that resolve to nothing.
    """
    for col in spec.columns:
        if col.type not in {"ref", "refs"} or col.rel is None:
            continue
        at, values = pieces(df[col.name], col)
        target, tkind, problem, target_at = lookup.resolve_at(values, col.ref_kinds)
        bad = np.flatnonzero(problem.notna().to_numpy())
        if len(bad):
            src = _rows(df[["id", "_src", "_row"]], bad if at is None else at[bad])
            src = src.assign(_value=values.iloc[bad].array)
            found, said = (s.iloc[bad].reset_index(drop=True) for s in (target, problem))
            _ref_problems(book, src, col, found, said, spec.kind, src["id"], lang, lookup)
        ok = target.notna().to_numpy()
        keep = None if at is None and ok.all() else (np.flatnonzero(ok) if at is None else at[ok])
        made = df[["id", "_src", "_row"]] if keep is None else _rows(df[["id", "_src", "_row"]], keep)
        rels.setdefault(col.rel, []).append(
            pd.DataFrame(
                {
                    "source": made["id"].array,
                    "target": _kept(target, ok),
                    "source_kind": spec.kind,
                    "target_kind": _kept(tkind, ok),
                    "_src": made["_src"].array,
                    "_row": made["_row"].array,
                    # where each end sits among its kind's nodes (the node frame keeps this table's order)
                    "_source_at": np.arange(len(df), dtype=np.int64) if keep is None else keep,
                    "_target_at": target_at if ok.all() else target_at[ok],
                }
            )
        )


def _rows(frame: pd.DataFrame, at: np.ndarray) -> pd.DataFrame:
    """The rows of ``frame`` at positions ``at``, on a fresh index."""
    return frame.iloc[at].reset_index(drop=True)


def _kept(values: pd.Series, ok: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """The values where ``ok``, as a bare array (no index; text stays in Arrow)."""
    return values.array if ok.all() else values.array[ok]


def link_table(
    name: str,
    df: pd.DataFrame,
    spec: TableSpec,
    extra: list[str],
    lookup: Lookup,
    book: Book,
    rels: Relationships,
    lang: str,
) -> None:
    """Assignments and pairings: one relationship per resolved (source, target) pair, added to ``rels``.

    ``extra`` names the table's unknown columns, kept as relationship
    attributes. Assignments become ``GUIDES`` or ``LIAISES`` by the kind of
    person; pairings become ``PAIRED_WITH`` with their ``since`` date.
    """
    src_col, dst_col = spec.columns[0], spec.columns[1]
    base = _with_sources(df.reset_index(drop=True), src_col, lookup, book, lang)
    exploded = explode(base.assign(_value=base[dst_col.name]), dst_col)
    t_id, t_kind, t_problem, t_at = lookup.resolve_at(exploded["_value"], dst_col.ref_kinds)
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
            "_src": exploded.loc[ok, "_src"].to_numpy(),
            "_row": exploded.loc[ok, "_row"].array,
            "_source_at": exploded.loc[ok, "_sat"].to_numpy(dtype=np.int64),
            "_target_at": t_at[ok.to_numpy()],
        }
    )
    if name == "pairings":
        rels.setdefault("PAIRED_WITH", []).append(frame)
        return
    for kind, rel in (("Instructor", "GUIDES"), ("Liaison", "LIAISES")):
        part = frame[frame["source_kind"] == kind]
        if len(part):
            rels.setdefault(rel, []).append(part)


def _with_sources(
    base: pd.DataFrame, src_col: ColumnSpec, lookup: Lookup, book: Book, lang: str
) -> pd.DataFrame:
    """The link rows with their resolved source (``_sid``, ``_skind``) and the subject of their problems.

    A source that resolves to nothing is the subject of the problems of its
    targets too, as written and of the column's first kind.
    """
    s_id, s_kind, s_problem, s_at = lookup.resolve_at(base[src_col.name], src_col.ref_kinds)
    src_rows = base.assign(_value=base[src_col.name])
    _ref_problems(
        book, src_rows, src_col, s_id, s_problem, src_col.ref_kinds[0], base[src_col.name], lang, lookup
    )
    return base.assign(
        _sid=s_id,
        _skind=s_kind,
        _sat=s_at,
        _subject=s_id.fillna(base[src_col.name]),
        _subject_kind=s_kind.fillna(src_col.ref_kinds[0]),
    )


def _ref_problems(
    book: Book,
    src: pd.DataFrame,
    col: ColumnSpec,
    target: pd.Series,
    problem: pd.Series,
    subject_kind: str | pd.Series,
    subject_id: pd.Series,
    lang: str,
    lookup: Lookup,
) -> None:
    """A reject and an ``UNKNOWN_REFERENCE`` problem for each value that resolved to nothing."""
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
            reject_reasons("ambiguous_ref", lang, value=values, ids=problem[bad].str.slice(10)),
            reject_reasons("unknown_ref", lang, value=values, kinds=pd.Series([kinds] * len(values))),
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
