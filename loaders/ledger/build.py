"""The one builder: raw tables in, a :class:`graphkit.Network` out, every unused cell on record.

Steps, in order: combine the sources of each table; check the node tables
(required values, ids unique across all tables in schema order, typed
values) and then the link tables; make the node frames (a blank Unit
``kind`` taken from the credit-code prefix; guidance stations from the
streets table); resolve every reference into relationships; and gather the
rejects and the load problems, which become ``DUPLICATE_ID`` and
``UNKNOWN_REFERENCE`` findings.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pandas as pd

from graphkit.findings import load_findings
from graphkit.kernels import isin, usable_cores
from graphkit.model import REJECT_COLUMNS, Network
from loaders.ledger.accounts import account_rows, reject_error_cells
from loaders.ledger.book import Book
from loaders.ledger.events import event_table
from loaders.ledger.links import Relationships, link_table, node_references
from loaders.ledger.lookup import Lookup
from loaders.ledger.names import normalise_name
from loaders.ledger.rows import Seen, convert_values, drop_missing_required, duplicated, node_table
from loaders.ledger.tables import Raw
from loaders.ledger.text import STRING
from loaders.schema import TABLES, TableSpec

__all__ = ["build"]


def build(raws: dict[str, list[Raw]], lang: str, as_of: dt.date | None = None) -> Network:
    """Turn raw tables (table -> its sources) into a Network.

    Event tables (activities, visits, trainings, honours) become
    :attr:`~graphkit.Network.events`; their rows dated after ``as_of`` are
    rejected (``None``: no date is too late).

    The network has its ``rejects`` and ``findings`` (``DUPLICATE_ID``,
    ``UNKNOWN_REFERENCE``) and the ``meta`` keys ``tables`` (rows read per
    table), ``rows`` (rows read, loaded and rejected per table, checked by
    :func:`~loaders.ledger.accounts.account_rows`), ``unknown_columns`` and
    ``load_problems``, and ``headers`` (each source's table, file, sheet and
    headers as written, by column). Its :attr:`~graphkit.Network.sources`
    say where each row came from. Its
    :attr:`~graphkit.Network.source_columns` are the columns whose headers the
    ledger's tables had (a header with every cell blank counts; a table with
    no rows counts), so checks that need a column it never had are not run.
    """
    book = Book()
    frames = {t: _combine(rs, book) for t, rs in raws.items()}
    frames = {t: reject_error_cells(f, book, lang) for t, f in frames.items()}  # #N/A is no value
    kept, seen = _checked_tables(frames, book, lang)
    nodes = _node_frames(kept)
    rels: Relationships = {}
    stations = _stations(kept.get("streets"), seen)
    if stations is not None:
        nodes["GuidanceStation"], rels["SERVES"] = stations[0], [stations[1]]
    # every node, relationship and event row keeps where it came from (DESIGN §5): Network.sources
    sources: dict[str, pd.DataFrame] = {}
    for kind in list(nodes):
        nodes[kind], sources[kind] = book.split_sources(nodes[kind])
    events = _resolve_tables(kept, Lookup(nodes), book, rels, lang, as_of)
    rel_frames = {t: pd.concat(fs, ignore_index=True) for t, fs in rels.items() if fs}
    known: dict[tuple[str, str], np.ndarray] = {}
    for parts in (rel_frames, events):
        for name in list(parts):
            parts[name], sources[name] = book.split_sources(parts[name])
            parts[name] = _split_positions(name, parts[name], known)
    net = Network(
        nodes,
        rel_frames,
        rejects=_rejects(book),
        columns=_source_columns(raws),
        events=events,
        sources=sources,
        positions=known,
    )
    problems = (
        pd.concat(book.problems, ignore_index=True) if book.problems else pd.DataFrame(columns=["code"])
    )
    problems = _street_names(net, problems)
    meta = {
        "tables": {t: len(f) for t, f in frames.items()},
        "rows": account_rows(frames, kept, book),  # read = loaded + rejected, checked
        "unknown_columns": _unknown_columns(raws),
        "headers": _headers(raws),
        "load_problems": _json_records(problems),
    }
    return net.replace(findings=load_findings(problems, lang=lang), meta={**net.meta, **meta})


def _resolve_tables(
    kept: dict[str, pd.DataFrame],
    lookup: Lookup,
    book: Book,
    rels: Relationships,
    lang: str,
    as_of: dt.date | None,
) -> dict[str, pd.DataFrame]:
    """Resolve every table's references: relationships into ``rels``, the event frames returned.

    The tables are resolved side by side, one thread per usable core (Arrow,
    NumPy and the hash look-ups let go of the interpreter while they work),
    each into a book and relationships of its own. These are merged in the
    tables' order, so the network, its rejects and its problems are the same
    whatever the threads' timing.
    """

    def resolve(name: str, df: pd.DataFrame) -> tuple[Book, Relationships, pd.DataFrame | None]:
        spec, own, made = TABLES[name], book.branch(), {}
        event = None
        if spec.kind is not None:
            node_references(df, spec, lookup, own, made, lang)
        elif spec.event:
            event = event_table(df, spec, lookup, own, lang, as_of)
        else:
            link_table(name, df, spec, _extra_columns(df, spec), lookup, own, made, lang)
        return own, made, event

    workers = min(usable_cores(), len(kept)) or 1
    with ThreadPoolExecutor(workers, thread_name_prefix="graphkit-resolve") as pool:
        done = list(pool.map(resolve, kept, kept.values()))
    events: dict[str, pd.DataFrame] = {}
    for name, (own, made, event) in zip(kept, done, strict=True):
        book.merge(own)
        for rel, frames in made.items():
            rels.setdefault(rel, []).extend(frames)
        if event is not None:
            events[name] = event
    return events


def _split_positions(
    name: str, frame: pd.DataFrame, known: dict[tuple[str, str], np.ndarray]
) -> pd.DataFrame:
    """``frame`` without its ``_<column>_at`` columns, which go to ``known`` as (name, column) -> positions.

    The positions of the nodes a reference resolved to, among their kind's
    nodes (:meth:`~loaders.ledger.lookup.Lookup.resolve_at`), handed to the
    network so that its analyses do not look the same ids up again. A column
    that some parts of the frame lacked (missing values) is left out.
    """
    at = [c for c in frame.columns if c.startswith("_") and c.endswith("_at")]
    for c in at:
        values = frame[c]
        if values.notna().all():
            known[(name, c[1:-3])] = values.to_numpy(dtype=np.int32)
    return frame.drop(columns=at)


def _combine(raws: list[Raw], book: Book) -> pd.DataFrame:
    """One frame per table: its sources' rows, with ``_src`` (see :class:`Book`) and ``_row``."""
    parts = []
    for raw in raws:
        f = raw.frame.copy(deep=False)  # columns added here, not to the source (copy on write)
        for col in TABLES[raw.table].columns:
            if col.name not in f:
                f[col.name] = pd.Series(pd.NA, index=f.index, dtype=STRING)
        f["_src"] = np.full(len(f), book.source_codes(raw), dtype=np.int64)
        f["_row"] = pd.array(f.index.to_numpy(), dtype="Int64")
        parts.append(f.reset_index(drop=True))
    return parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)


def _source_columns(raws: dict[str, list[Raw]]) -> dict[str, list[str]]:
    """Node kind -> the columns whose headers any source of its table had."""
    out: dict[str, list[str]] = {}
    for t, rs in raws.items():
        kind = TABLES[t].kind
        if kind is not None:
            out[kind] = list(dict.fromkeys(c for r in rs for c in r.headers))
    return out


def _headers(raws: dict[str, list[Raw]]) -> list[dict[str, Any]]:
    """Each source's headers as written (column -> header), so a finding can name its cell's column."""
    return [
        {"table": t, "file": r.file, "sheet": r.sheet, "headers": dict(r.headers)}
        for t, rs in raws.items()
        for r in rs
    ]


def _unknown_columns(raws: dict[str, list[Raw]]) -> dict[str, list[str]]:
    """Table -> the headers of its sources that name no column, as written, once each."""
    unknown = {
        t: list(
            dict.fromkeys(
                h for r in rs for c, h in r.headers.items() if c not in {x.name for x in TABLES[t].columns}
            )
        )
        for t, rs in raws.items()
    }
    return {t: v for t, v in unknown.items() if v}


def _extra_columns(df: pd.DataFrame, spec: TableSpec) -> list[str]:
    """The columns of ``df`` that are neither the table's own nor bookkeeping."""
    return [c for c in df.columns if not c.startswith("_") and c not in {x.name for x in spec.columns}]


def _checked_tables(
    frames: dict[str, pd.DataFrame], book: Book, lang: str
) -> tuple[dict[str, pd.DataFrame], Seen]:
    """(table -> rows used, values parsed; the ids kept): node tables first, then link tables."""
    seen = Seen(book)
    kept: dict[str, pd.DataFrame] = {}
    usable = {
        name: drop_missing_required(frames[name], spec, book, lang)
        for name, spec in TABLES.items()
        if spec.kind is not None and name in frames
    }
    # ids are unique across all tables, taken in schema order: a row repeats an id when any row
    # before it in that order has it (that row is kept, or repeats a kept one): one pass for all
    repeated = duplicated(pd.concat([df["id"] for df in usable.values()], ignore_index=True))
    bounds = np.cumsum([0, *(len(df) for df in usable.values())])
    for (name, df), start, end in zip(usable.items(), bounds[:-1], bounds[1:], strict=True):
        kept[name] = node_table(df, TABLES[name], repeated[start:end], seen, book, lang)
        seen.add(kept[name])
    for name, spec in TABLES.items():
        if spec.kind is None and name in frames:
            df = drop_missing_required(frames[name], spec, book, lang)
            kept[name] = df if spec.event else convert_values(df, spec, book, lang)
    return kept, seen


def _node_frames(kept: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Node kind -> its frame indexed by id: the table's value and unknown columns, and ``_src``/``_row``."""
    nodes: dict[str, pd.DataFrame] = {}
    for name, df in kept.items():
        spec = TABLES[name]
        if spec.kind is None:
            continue
        keep = [
            c.name for c in spec.columns if c.type not in {"ref", "refs"} and c.name != "guidance_station"
        ]
        frame = df[keep + _extra_columns(df, spec) + ["_src", "_row"]].set_index("id")
        if spec.kind == "Unit":
            frame = _unit_kinds(frame)
        nodes[spec.kind] = frame
    return nodes


def _unit_kinds(units: pd.DataFrame) -> pd.DataFrame:
    """A blank ``kind`` taken from the credit-code prefix.

    ``92`` individual business (个体工商户), other ``9`` enterprise, ``5`` social organisation.
    """
    blank = units["kind"].isna().to_numpy()
    if blank.any():
        ids = pd.Series(units.index[blank], dtype=STRING)
        prefix = ids.str.slice(0, 1).map({"9": "enterprise", "5": "social_org"}).astype(STRING)
        prefix = prefix.mask(ids.str.slice(0, 2).eq("92").fillna(False).astype(bool), "individual")
        guess = pd.Series(pd.NA, index=units.index, dtype=STRING)
        guess[blank] = prefix.to_numpy()
        units["kind"] = units["kind"].fillna(guess)
    return units


def _stations(streets: pd.DataFrame | None, seen: Seen) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """Guidance stations named in the streets table, one node per distinct name, and what they serve."""
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
    nodes = pd.DataFrame(
        {
            "name": first["guidance_station"].to_numpy(),
            "_src": first["_src"].to_numpy(),
            "_row": first["_row"].array,
        },
        index=pd.Index(ids, name="id"),
    )
    serves = pd.DataFrame(
        {
            "source": key.map(station_of).to_numpy(),
            "target": named["id"].to_numpy(),
            "source_kind": "GuidanceStation",
            "target_kind": "Street",
            "_src": named["_src"].to_numpy(),
            "_row": named["_row"].array,
        }
    )
    return nodes, serves


def _rejects(book: Book) -> pd.DataFrame:
    """Every reject, in schema table order, then by file, sheet and row."""
    rejects = (
        pd.concat(book.rejects, ignore_index=True)[REJECT_COLUMNS]
        if book.rejects
        else pd.DataFrame(columns=REJECT_COLUMNS)
    )
    rejects = rejects.astype({c: STRING for c in REJECT_COLUMNS if c != "row"}).astype({"row": "Int64"})
    return rejects.sort_values(
        ["table", "file", "sheet", "row"], kind="stable", key=_table_order
    ).reset_index(drop=True)


def _table_order(s: pd.Series) -> pd.Series:
    if s.name == "table":
        order = {t: i for i, t in enumerate(TABLES)}
        return s.map(order)
    return s


def _street_names(net: Network, problems: pd.DataFrame) -> pd.DataFrame:
    """``problems`` with the street name of each subject (Unit, Carrier or PartyOrg) in ``street``."""
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
    """The rows of ``frame`` as plain JSON-ready dicts (missing values as ``None``)."""
    if len(frame) == 0:
        return []
    clean = frame.astype(object).where(frame.notna(), None)
    return [
        {k: (v.item() if isinstance(v, np.generic) else v) for k, v in r.items()}
        for r in clean.to_dict("records")
    ]
