"""Read the graph that :func:`graphkit.neo4j.push` wrote back into a network.

Only graphkit labels and relationship types are read (see
:mod:`graphkit.neo4j.push` for the graph's shape). A relationship with
``rows = n`` becomes ``n`` rows again, so pushing a network and reading it
back gives an equal network (:meth:`graphkit.Network.equals`), except that a
node pushed without a name reads back with its id as name and masked phone
numbers stay masked. The campaign tables come back too (see
:mod:`graphkit.neo4j.campaign`): positions as nodes, event rows in the order
of their keys, and which tables and record columns the source had from the
``:Ledger`` node, so a table pushed empty reads back present and empty.
What a push computes (short names, analysis results, the load's findings:
:mod:`graphkit.neo4j.derived`) is left out.

Examples
--------
>>> import neo4j.time
>>> _native(pd.Series([neo4j.time.Date(2025, 6, 30), None])).tolist()
[datetime.date(2025, 6, 30), None]

"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from graphkit.model import (
    EVENT_TABLES,
    NODE_KINDS,
    RECORD_COLUMNS,
    REL_BASE_COLUMNS,
    REL_TYPES,
    Network,
    empty_events,
)
from graphkit.model.sources import SOURCE_FIELDS, make_sources
from graphkit.neo4j.campaign import EVENT_LABELS, EVENT_REF, EVENT_RELS, LEDGER_ID, LEDGER_LABEL, VISIT_REL
from graphkit.neo4j.derived import DERIVED_PROPERTIES

if TYPE_CHECKING:
    import neo4j

__all__ = ["read_neo4j"]


def _native(s: pd.Series) -> pd.Series:
    """Neo4j temporal values in an object column → Python dates/datetimes."""
    first = s.dropna()
    if first.empty or not hasattr(first.iloc[0], "to_native"):
        return s
    return s.map(lambda v: v.to_native() if hasattr(v, "to_native") else v).astype(object)


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records)
    for col in frame.columns:
        if frame[col].dtype == object:
            frame[col] = _native(frame[col])
    return frame


def _string_extras(frame: pd.DataFrame, known: set[str]) -> pd.DataFrame:
    """Extra text attributes come back as the ``string`` dtype the loaders use."""
    for col in frame.columns:
        if col in known:
            continue
        s = frame[col]
        if pd.api.types.is_string_dtype(s) and s.dropna().map(type).eq(str).all():
            frame[col] = s.astype("string")
    return frame


def read_neo4j(*, driver: neo4j.Driver | None = None, database: str | None = None) -> Network:
    """Read the graphkit graph in Neo4j into a :class:`~graphkit.Network`.

    Parameters
    ----------
    driver
        An open driver; default :func:`graphkit.neo4j.connect` (closed at the end).
    database
        Database to read (default: the server's default database).

    Returns
    -------
    Network
        Nodes of every graphkit label, relationships of every graphkit type;
        ``meta["source"]`` names the URI-less origin ``"neo4j"``.

    Raises
    ------
    graphkit.Neo4jError
        Server unreachable, credentials refused, database missing.

    """
    from graphkit.neo4j.connection import connect, session, session_errors

    own = driver is None
    drv = connect(database=database) if driver is None else driver
    nodes: dict[str, pd.DataFrame] = {}
    rels: dict[str, pd.DataFrame] = {}
    sources: dict[str, pd.DataFrame] = {}
    kinds = list(NODE_KINDS)
    node_query = (
        "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $kinds) "
        "RETURN [l IN labels(n) WHERE l IN $kinds][0] AS kind, n {.*} AS p"
    )
    rel_query = (
        "MATCH (a)-[r]->(b) WHERE type(r) IN $types AND a.id IS NOT NULL AND b.id IS NOT NULL "
        "RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS p"
    )
    try:
        with session_errors(None, database), session(drv, database) as s:
            found = [(r["kind"], r["p"]) for r in s.run(node_query, kinds=kinds)]
            links = [
                (r["type"], {"source": r["source"], "target": r["target"], **r["p"]})
                for r in s.run(rel_query, types=list(REL_TYPES))
            ]
            ledger, events = _read_campaign(s, kinds)
    finally:
        if own:
            drv.close()
    by_kind: dict[str, list[dict[str, Any]]] = {k: [] for k in NODE_KINDS}
    for kind, props in found:
        by_kind[kind].append(props)
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in REL_TYPES}
    for rel_type, props in links:
        by_type[rel_type].append(props)
    for kind, spec in NODE_KINDS.items():
        records = by_kind[kind]
        if not records:  # an empty kind is the network's default; Position's table: see the :Ledger node
            continue
        frame = _frame(records).set_index("id")
        # captions and analysis results are computed at push, not ledger data
        frame = frame.drop(columns=[c for c in DERIVED_PROPERTIES.get(kind, ()) if c in frame.columns])
        if "source_row" in frame.columns:  # push writes where a ledger's node came from
            given = {c: frame.pop(f"source_{c}") if f"source_{c}" in frame else None for c in SOURCE_FIELDS}
            sources[kind] = make_sources(
                *(
                    [None] * len(frame) if v is None else v.astype(object).where(v.notna(), None).tolist()
                    for v in given.values()
                )
            )
        for col in RECORD_COLUMNS.get(kind, ()):
            text = spec.columns[col] == "string"
            if text and col in frame.columns:  # push writes a blank of a column the source had as ''
                frame[col] = frame[col].astype("string").replace("", pd.NA)
        nodes[kind] = _string_extras(frame, set(spec.columns))
    for rel_type, spec in REL_TYPES.items():
        records = by_type[rel_type]
        if not records:
            continue
        frame = _frame(records)
        if "rows" in frame.columns:
            times = pd.to_numeric(frame.pop("rows"), errors="coerce").fillna(1).astype(int)
            frame = frame.loc[frame.index.repeat(times.clip(lower=1))].reset_index(drop=True)
        rels[rel_type] = _string_extras(frame, {*REL_BASE_COLUMNS, *spec.columns})
    columns = _source_columns(nodes, ledger)
    return Network(
        nodes,
        rels,
        meta={"source": "neo4j", "database": database},
        columns=columns,
        events=events,
        sources=sources,
    )


def _read_campaign(
    s: neo4j.Session, kinds: list[str]
) -> tuple[dict[str, list[str]] | None, dict[str, pd.DataFrame]]:
    """The ``:Ledger`` node's record and the event tables it lists, rows in key order."""
    rec = s.run(
        f"MATCH (l:{LEDGER_LABEL} {{id: $id}}) RETURN l.tables AS tables, l.columns AS columns", id=LEDGER_ID
    ).single()
    if rec is None:
        return None, {}
    ledger = {"tables": list(rec["tables"] or []), "columns": list(rec["columns"] or [])}
    events: dict[str, pd.DataFrame] = {}
    for table in EVENT_TABLES:
        if table not in ledger["tables"]:
            continue
        if table == "visits":
            query = (
                f"MATCH (a)-[v:{VISIT_REL}]->(b) "
                "RETURN v {.*} AS p, a.id AS person, [l IN labels(a) WHERE l IN $kinds][0] AS person_kind, "
                "b.id AS target, [l IN labels(b) WHERE l IN $kinds][0] AS target_kind ORDER BY v.seq"
            )
        else:
            column, kind_column = EVENT_REF[table]
            kind = f", [l IN labels(t) WHERE l IN $kinds][0] AS {kind_column}" if kind_column else ""
            query = (
                f"MATCH (e:{EVENT_LABELS[table]}) OPTIONAL MATCH (e)-[:{EVENT_RELS[table]}]->(t) "
                f"RETURN e {{.*}} AS p, t.id AS {column}{kind} ORDER BY e.seq"
            )
        rows = []
        for record in s.run(query, kinds=kinds):
            data = record.data()  # a dict (iterating a Record gives its values)
            rows.append({**data.pop("p"), **data})
        frame = _frame(rows) if rows else empty_events(table)
        events[table] = frame.reindex(columns=list(EVENT_TABLES[table]))
    return ledger, events


def _source_columns(
    nodes: dict[str, pd.DataFrame], ledger: dict[str, list[str]] | None
) -> dict[str, set[str]] | None:
    """Which columns the pushed source had: the properties found, the record columns it kept, positions."""
    if ledger is None:
        return None
    out: dict[str, set[str]] = {}
    kept = [name.split(".", 1) for name in ledger["columns"]]
    for kind, frame in nodes.items():
        records = set(RECORD_COLUMNS.get(kind, ()))
        out[kind] = {str(c) for c in frame.columns if c not in records}
    for kind, column in kept:
        out.setdefault(kind, set()).add(column)
    if "positions" in ledger["tables"]:
        out.setdefault("Position", set())
    return out
