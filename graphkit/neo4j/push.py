"""Write a :class:`~graphkit.Network` into Neo4j, idempotently and in batches.

The graph in Neo4j has the shape of the model (DESIGN §2), so Cypher reads
like the frames:

- one label per node kind of :data:`graphkit.model.NODE_KINDS` (``Unit``,
  ``Carrier``, ``PartyOrg``, ...); units also carry ``Enterprise`` or
  ``SocialOrg`` after their ``kind``;
- every node has ``id`` (unique per label, a uniqueness constraint) and
  ``name`` (indexed; the id when the ledger gave no name, so Browser captions
  always show a name); the other properties are the frame's columns, with
  missing values absent, whole numbers as integers and dates as Neo4j dates —
  except a column of :data:`graphkit.model.RECORD_COLUMNS` the source had
  (``PartyOrg.secretary``), whose blanks are written as ``''`` so the graph
  too tells a blank secretary from a ledger that keeps none;
- one relationship per (source, target, type) of
  :data:`graphkit.model.REL_TYPES`, with its attributes (``PAIRED_WITH.since``)
  and ``rows``: how many ledger rows it stands for (an assignment listed twice
  gives one ``GUIDES`` with ``rows = 2``; an instructor's contacts are its ``GUIDES``
  relationships, whatever their ``rows``);
- a node read from a ledger also has ``source_file``, ``source_sheet`` (absent
  for a CSV) and ``source_row``: where its row is, as the office sees it in
  Excel (:attr:`graphkit.Network.sources`); :func:`loaders.read_neo4j` reads
  them back as the network's sources.

Phone numbers are masked unless ``show_contacts=True``. Pushing the same
network twice gives the same graph (``MERGE`` on ids and on relationships);
a push that stopped midway can simply be run again. Into a database without
graphkit nodes (a fresh one, or right after ``replace``) the push writes with
``CREATE`` instead, which skips the look-ups ``MERGE`` needs and gives the
same graph.

Connection settings come from ``NEO4J_URI`` (``bolt://127.0.0.1:7687``),
``NEO4J_USERNAME`` (``neo4j``) and ``NEO4J_PASSWORD`` (else the password file
of the local server, see :mod:`graphkit.neo4j.server`).

Examples
--------
>>> from graphkit import Network
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "U1", "name": "甲公司", "kind": "enterprise", "party_members": 2}],
...            "Instructor": [{"id": "I1", "name": "张伟"}]},
...     rels={"GUIDES": [("I1", "U1"), ("I1", "U1")]},
... )
>>> node_rows(net, "Unit")[0]["props"]["party_members"]
2
>>> rel_rows(net, "GUIDES")
[{'s': 'I1', 't': 'U1', 'props': {'rows': 2}}]

"""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from graphkit.findings import FINDING_COLUMNS, load_findings
from graphkit.model import (
    DATE,
    EVENT_TABLES,
    NODE_KINDS,
    RECORD_COLUMNS,
    REL_BASE_COLUMNS,
    REL_TYPES,
    UNIT_KIND_LABELS,
    Network,
    first_at,
    short_names,
)
from graphkit.neo4j.campaign import (
    CAMPAIGN_TABLES,
    EVENT_LABELS,
    EVENT_REF,
    EVENT_RELS,
    LEDGER_ID,
    LEDGER_LABEL,
    LEDGER_NAME,
    VISIT_REL,
    campaign_labels,
    event_id,
    record_column_names,
)
from graphkit.neo4j.connection import connect, session, session_errors
from graphkit.neo4j.derived import (
    DERIVED_PROPERTIES,
    LOAD_CODES,
    LOAD_FINDING_LABEL,
    OVERLOADED_LABEL,
    SHORT_NAME,
    STATUS_LABELS,
    load_finding_id,
    optional_labels,
)
from graphkit.privacy import mask_contacts

if TYPE_CHECKING:
    import neo4j

    from graphkit.results import Analysis

__all__ = [
    "campaign_counts",
    "clear",
    "counts",
    "derived_frame",
    "event_rows",
    "extra_labels",
    "ledger_record",
    "load_finding_rows",
    "node_rows",
    "push",
    "rel_rows",
]


# --------------------------------------------------------------- row making
def _py_column(s: pd.Series) -> list[Any]:
    """Values of ``s`` as Python scalars the driver understands; missing → None."""
    if str(s.dtype) == DATE or pd.api.types.is_datetime64_any_dtype(s):
        dates = s.dt.date.astype(object)
        return dates.where(s.notna(), None).tolist()
    if pd.api.types.is_bool_dtype(s) or pd.api.types.is_integer_dtype(s) or pd.api.types.is_float_dtype(s):
        return s.astype(object).where(s.notna(), None).tolist()
    values = s.astype(object).where(s.notna(), None)
    return [v.item() if isinstance(v, np.generic) else v for v in values.tolist()]


def _prop_maps(frame: pd.DataFrame, *, drop_missing: bool = False) -> list[dict[str, Any]]:
    """One property map per row; ``drop_missing`` leaves missing values out instead of ``None``."""
    cols = list(frame.columns)
    if not cols:
        return [{} for _ in range(len(frame))]
    arrays = [_py_column(frame[c]) for c in cols]
    if drop_missing:
        return [
            {c: v for c, v in zip(cols, values, strict=True) if v is not None}
            for values in zip(*arrays, strict=True)
        ]
    return [dict(zip(cols, values, strict=True)) for values in zip(*arrays, strict=True)]


def _wire_column(s: pd.Series) -> list[Any]:
    """Values of ``s`` for a positional row: dates as ISO text (made dates by the query), missing → None."""
    if pd.api.types.is_datetime64_any_dtype(s):
        values = s.to_numpy()
        text = np.datetime_as_string(values, unit="D").astype(object)
        text[np.isnat(values)] = None
        return text.tolist()
    return _py_column(s)


def _value_rows(first: list[list[Any]], frame: pd.DataFrame) -> list[list[Any]]:
    """Positional rows: the ``first`` columns, then ``frame``'s (:func:`_wire_column`).

    A row is a list, not a map: the driver packs no key per value, and the
    server resolves each property name once per query instead of once per row.
    """
    columns = [*first, *(_wire_column(frame[c]) for c in frame.columns)]
    return [list(values) for values in zip(*columns, strict=True)]


def _sets(var: str, frame: pd.DataFrame, start: int) -> str:
    """`` SET var.`col` = row[i], ...`` for the columns of ``frame`` from row position ``start``.

    A missing value (``null``) sets nothing on a new element and removes the
    property from an existing one, as ``SET var += map`` with ``null`` does.

    Examples
    --------
    >>> _sets("n", pd.DataFrame({"name": ["甲"], "since": pd.to_datetime(["2026-01-01"])}), 1)
    ' SET n.`name` = row[1], n.`since` = date(row[2])'

    """
    parts = []
    for i, col in enumerate(frame.columns, start=start):
        value = f"date(row[{i}])" if pd.api.types.is_datetime64_any_dtype(frame[col]) else f"row[{i}]"
        name = str(col).replace("`", "``")
        parts.append(f"{var}.`{name}` = {value}")
    return " SET " + ", ".join(parts) if parts else ""


def _node_frame(frame: pd.DataFrame, *, show_contacts: bool) -> pd.DataFrame:
    """The properties to write: contacts masked, ``name`` falling back to the id."""
    frame = mask_contacts(frame, show_contacts=show_contacts)
    return frame.assign(name=frame["name"].fillna(pd.Series(frame.index, index=frame.index)))


def derived_frame(net: Network, kind: str, analysis: Analysis | None = None) -> pd.DataFrame:
    """The properties a push derives for the nodes of ``kind`` (:mod:`graphkit.neo4j.derived`).

    One row per node (the node frame's index), the columns of
    :data:`~graphkit.neo4j.derived.DERIVED_PROPERTIES` for ``kind`` (none for
    other kinds), missing where there is nothing to write: every result
    column without ``analysis``, a grade the analysis could not give.

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "郑州市中原区甲乙科技有限公司"}]})
    >>> derived = derived_frame(net, "Unit")  # no analysis: no status
    >>> derived.loc["U1", "short_name"], derived["status"].isna().all()
    ('甲乙科技', np.True_)

    """
    return _derived(net.nodes[kind], kind, analysis)


def _rows_at(frame: pd.DataFrame, at: np.ndarray | None) -> pd.DataFrame:
    """The rows of ``frame`` at the ascending positions ``at`` (``None``: all).

    A run of consecutive rows is a slice; other rows are picked by a mask
    over the span they lie in. Arrow takes rows from a column of several
    chunks about ten times slower than it filters them.

    Examples
    --------
    >>> frame = pd.DataFrame({"x": list("abcdef")})
    >>> _rows_at(frame, np.array([1, 2, 3]))["x"].tolist(), _rows_at(frame, np.array([0, 4]))["x"].tolist()
    (['b', 'c', 'd'], ['a', 'e'])

    """
    if at is None:
        return frame
    if not len(at):
        return frame.iloc[:0]
    low, high = int(at[0]), int(at[-1]) + 1
    if high - low == len(at):
        return frame.iloc[low:high]
    mask = np.zeros(high - low, dtype=bool)
    mask[at - low] = True
    return frame.iloc[low:high][mask]


def _derived(
    frame: pd.DataFrame, kind: str, analysis: Analysis | None, *, labels: bool = False
) -> pd.DataFrame:
    """:func:`derived_frame` of ``frame``, some of the nodes of ``kind``.

    ``labels``: only the columns :func:`extra_labels` reads.
    """
    ids = frame.index
    out = pd.DataFrame(index=ids)
    if kind not in DERIVED_PROPERTIES:
        return out
    if kind == "Unit":
        if labels:
            out["kind"] = frame["kind"].array
        else:
            names = frame["name"].astype("string").fillna(pd.Series(ids, index=ids, dtype="string"))
            out[SHORT_NAME] = short_names(names)
        status = analysis.coverage["status"] if analysis is not None else pd.Series(dtype="string")
        out["status"] = status.reindex(ids).astype("string").array
    elif kind == "Instructor":
        load = analysis.instructors if analysis is not None else pd.DataFrame(columns=["reach", "contacts"])
        for column in () if labels else ("reach", "contacts"):
            out[column] = load[column].reindex(ids).astype("Int64").array
        over = load["overloaded"] if analysis is not None else pd.Series(dtype="boolean")
        out["overloaded"] = over.reindex(ids).astype("boolean").array
    elif not labels:
        grades = analysis.grades if analysis is not None else pd.DataFrame(columns=["grade", "fails"])
        out["grade"] = grades["grade"].reindex(ids).astype("string").array
        out["fails"] = grades["fails"].reindex(ids).astype("Int64").array
    return out


def extra_labels(kind: str, frame: pd.DataFrame) -> pd.Series:
    """The labels besides ``kind`` of each node of ``frame`` (with its derived columns), ``:``-joined.

    Examples
    --------
    >>> units = pd.DataFrame({"kind": ["enterprise", "social_org"], "status": ["uncovered", None]})
    >>> extra_labels("Unit", units).tolist()
    ['Enterprise:Uncovered', 'SocialOrg']

    """
    parts: list[pd.Series] = []
    if kind == "Unit":
        parts.append(frame["kind"].map(UNIT_KIND_LABELS).astype(object))
        parts.append(frame["status"].map(STATUS_LABELS).astype(object))
    elif kind == "Instructor":
        over = frame["overloaded"].fillna(False).astype(bool)
        parts.append(pd.Series(np.where(over, OVERLOADED_LABEL, None), index=frame.index, dtype=object))
    if not parts:
        return pd.Series("", index=frame.index, dtype=object)
    labels = pd.concat(parts, axis=1).to_numpy(dtype=object)
    joined = [":".join(x for x in row if isinstance(x, str)) for row in labels]
    return pd.Series(joined, index=frame.index, dtype=object)


def _kept_blanks(net: Network, kind: str, frame: pd.DataFrame, at: np.ndarray | None = None) -> pd.DataFrame:
    """``frame``, the nodes of ``kind`` at ``at``, blanks of the record columns the source had as ``''``."""
    # where each node came from, for a Browser user to find its ledger row; missing for a network
    # not read from a ledger, so every push sends the same columns (and the server plans each query once)
    if kind in net.sources:
        src = _rows_at(net.sources[kind], at)
    else:
        src = pd.DataFrame(index=frame.index, columns=["file"])
    frame = frame.assign(
        source_file=src["file"].astype("string").to_numpy(),
        source_sheet=src.get("sheet", src["file"]).astype("string").to_numpy(),
        source_row=src.get("row", src["file"]).astype("Int64").to_numpy(),
    )
    kept = [c for c in RECORD_COLUMNS.get(kind, ()) if net.has_column(kind, c)]
    # only text can hold ''; a kept yes/no column (the 四个一) is listed on the :Ledger node
    kept = [c for c in kept if pd.api.types.is_string_dtype(frame[c])]
    return frame.assign(**{c: frame[c].fillna("") for c in kept}) if kept else frame


def _node_batch(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows ``{"id", "props"}`` with ``None`` where missing."""
    return [{"id": i, "props": p} for i, p in zip(frame.index.tolist(), _prop_maps(frame), strict=True)]


def _node_values(frame: pd.DataFrame) -> list[list[Any]]:
    """Positional node rows: the id, then the frame's columns (:func:`_node_query`)."""
    return _value_rows([frame.index.tolist()], frame)


def node_rows(
    net: Network, kind: str, *, show_contacts: bool = False, analysis: Analysis | None = None
) -> list[dict[str, Any]]:
    """Batch rows ``{"id", "props"}`` for the nodes of ``kind`` (what :func:`push` sends to ``MERGE``).

    ``props`` holds every column and the derived properties of
    :func:`derived_frame`, ``None`` where missing (``SET n += props`` then
    removes stale values), and ``name`` falls back to the id.
    """
    return _node_batch(_node_frame(_with_derived(net, kind, analysis), show_contacts=show_contacts))


def _with_derived(
    net: Network, kind: str, analysis: Analysis | None, at: np.ndarray | None = None
) -> pd.DataFrame:
    nodes = _rows_at(net.nodes[kind], at)
    frame = _kept_blanks(net, kind, nodes, at)
    derived = _derived(nodes, kind, analysis)
    if not len(derived.columns):
        return frame
    return frame.assign(**{c: derived[c].to_numpy() for c in derived.columns})


def rel_rows(net: Network, rel_type: str) -> list[dict[str, Any]]:
    """Batch rows ``{"s", "t", "props"}`` for one relationship type: what :func:`push` writes.

    One row per pair of ends, by kinds of ends and then in the order first
    listed; ``props`` holds the attributes (the first given of the pair's
    rows) and ``rows``. Rows whose ends are not nodes of the network's kinds
    are left out, as the push leaves them out.
    """
    out = []
    for source, target in _kind_pairs(net.rels[rel_type]):
        group = _rel_group(net, rel_type, source, target)
        ends = (
            _end_ids(net.nodes[source].index, group.source_names, group.source),
            _end_ids(net.nodes[target].index, group.target_names, group.target),
        )
        props = _prop_maps(group.props)
        out += [{"s": a, "t": b, "props": p} for a, b, p in zip(*ends, props, strict=True)]
    return out


# ------------------------------------------------------------------- cypher
def _schema() -> list[tuple[str, str, str]]:
    """``(what, name, statement)`` of each constraint and index a push needs (what: constraint, index)."""
    out = []
    for label in [*NODE_KINDS, LEDGER_LABEL, LOAD_FINDING_LABEL, *EVENT_LABELS.values()]:
        name = f"graphkit_{label}_id"
        out.append(
            (
                "constraint",
                name,
                f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE",
            )
        )
        if label in NODE_KINDS:
            name = f"graphkit_{label}_name"
            out.append(("index", name, f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.name)"))
        elif label in EVENT_LABELS.values():
            name = f"graphkit_{label}_date"
            out.append(("index", name, f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.date)"))
    rel = f"FOR ()-[r:{VISIT_REL}]-()"
    name = f"graphkit_{VISIT_REL}_id"
    out.append(("constraint", name, f"CREATE CONSTRAINT {name} IF NOT EXISTS {rel} REQUIRE r.id IS UNIQUE"))
    name = f"graphkit_{VISIT_REL}_date"
    out.append(("index", name, f"CREATE INDEX {name} IF NOT EXISTS {rel} ON (r.date)"))
    return out


def _ensure_schema(s: neo4j.Session) -> int:
    """Create the constraints and indexes of :func:`_schema` that are missing; returns how many.

    One ``SHOW`` of each kind finds what exists (a push into a prepared
    database then costs two round trips, not one per statement); indexes are
    waited for only when one was created or is still being populated.
    """
    shown: dict[str, set[str]] = {"constraint": {r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name")}}
    shown["index"] = set()
    populating = False
    for record in s.run("SHOW INDEXES YIELD name, state"):
        shown["index"].add(record["name"])
        populating |= record["state"] != "ONLINE"
    missing = [statement for what, name, statement in _schema() if name not in shown[what]]
    for statement in missing:
        s.run(statement).consume()
    if missing or populating:
        s.run("CALL db.awaitIndexes(300)").consume()
    return len(missing)


def _node_query(label: str, extra: str | None, frame: pd.DataFrame, *, create: bool = False) -> str:
    """``MERGE`` on the id, or with ``create`` ``CREATE``, from rows of :func:`_node_values` of ``frame``.

    ``extra``: the node's other labels, ``:``-joined (``Enterprise:Uncovered``).
    """
    sets = _sets("n", frame, 1)
    if create:
        labels = f"{label}:{extra}" if extra else label
        return f"UNWIND $rows AS row CREATE (n:{labels} {{id: row[0]}})" + sets + _RETURN_IDS
    q = f"UNWIND $rows AS row MERGE (n:{label} {{id: row[0]}})" + sets
    return q + _set_labels(label, extra) + " RETURN count(n) AS written"


def _node_retry_query(label: str, extra: str | None, frame: pd.DataFrame) -> str:
    """``MERGE`` of a retried ``CREATE`` batch, which may have been committed already."""
    q = f"UNWIND $rows AS row MERGE (n:{label} {{id: row[0]}})" + _sets("n", frame, 1)
    return q + _set_labels(label, extra) + _RETURN_IDS


#: Nodes written with ``CREATE`` answer with their element ids, which the
#: relationships then use to find their ends without an index look-up.
_RETURN_IDS = " RETURN count(n) AS written, collect([row[0], elementId(n)]) AS ids"


def _set_labels(label: str, extra: str | None) -> str:
    """Remove the optional labels of ``label`` the node should not have, set those of ``extra``."""
    wanted = extra.split(":") if extra else []
    others = [lab for lab in optional_labels(label) if lab not in wanted]
    q = " REMOVE n:" + ":".join(others) if others else ""
    return q + (f" SET n:{extra}" if extra else "")


def _rel_query(
    rel_type: str, source: str, target: str, props: pd.DataFrame, *, create: bool = False, verb: str = ""
) -> str:
    """``MERGE`` with ends found by id; with ``create``, ends by element id (``verb``: ``CREATE``).

    Rows: the two ends (ids, or element ids with ``create``), then the
    columns of ``props`` (:func:`_value_rows`).
    """
    if create:
        ends = (
            f"MATCH (a:{source}) WHERE elementId(a) = row[0] MATCH (b:{target}) WHERE elementId(b) = row[1]"
        )
        write = f"{verb or 'CREATE'} (a)-[r:{rel_type}]->(b)"
    else:
        ends = f"MATCH (a:{source} {{id: row[0]}}) MATCH (b:{target} {{id: row[1]}})"
        write = f"MERGE (a)-[r:{rel_type}]->(b)"
    return f"UNWIND $rows AS row {ends} {write}" + _sets("r", props, 2) + " RETURN count(r) AS written"


def _write(tx: Any, query: str, rows: list[Any]) -> tuple[int, list[list[str]] | None]:
    record = tx.run(query, rows=rows).single()
    if not record:
        return 0, None
    return int(record["written"]), record.get("ids")


class _Writer:
    """Transaction function of one step: the first attempt runs ``query``, a retry ``retry``.

    ``CREATE`` is not idempotent: when the driver retries a batch whose commit
    may have gone through (the connection broke while committing), the retry
    merges instead, so the graph never gets a node or relationship twice.
    """

    def __init__(self, query: str, retry: str, kind: str = "") -> None:
        self.query, self.retry, self.kind = query, retry, kind

    def __call__(self, tx: Any, rows: list[Any], attempts: list[int]) -> tuple[int, list[list[str]] | None]:
        attempts[0] += 1
        return _write(tx, self.query if attempts[0] == 1 else self.retry, rows)


@dataclasses.dataclass(frozen=True)
class _Step:
    """One query's share of a push, whose rows are made a batch at a time.

    ``rows(start, stop)`` makes the rows ``start:stop`` of the ``size`` the
    step writes, so a push holds one transaction's rows at a time, never a
    whole kind's (at 10M units the rows of every relationship at once did not
    fit beside the network). ``kind``: the node kind or event table; ``at``:
    for nodes, the positions among ``net.nodes[kind]`` of the rows in order.
    """

    what: str
    writer: _Writer
    size: int
    rows: Callable[[int, int], list[list[Any]]]
    kind: str = ""
    at: np.ndarray | None = None


def _label_groups(net: Network, kind: str, analysis: Analysis | None) -> list[tuple[str | None, np.ndarray]]:
    """The nodes of ``kind`` by their labels besides ``kind`` (:func:`extra_labels`): ``(labels, positions)``.

    In order of the labels (none first), positions ascending within each.
    Labels are worked out once per distinct combination of the columns they
    come from, not once per node.
    """
    n = len(net.nodes[kind])
    if not optional_labels(kind):
        return [(None, np.arange(n, dtype=np.int64))]
    keys = _derived(net.nodes[kind], kind, analysis, labels=True)
    group = keys.groupby(list(keys.columns), dropna=False, sort=False).ngroup().to_numpy(dtype=np.int64)
    first = first_at(group, int(group.max()) + 1 if n else 0)
    labels = extra_labels(kind, keys.iloc[first]).tolist()
    names = sorted(set(labels))
    code = np.array([names.index(label) for label in labels], dtype=np.int64)[group]
    order = np.argsort(code, kind="stable")
    bounds = np.searchsorted(code[order], np.arange(len(names) + 1))
    return [(names[i] or None, order[bounds[i] : bounds[i + 1]]) for i in range(len(names))]


def _node_steps(
    net: Network, show_contacts: bool, create: bool, analysis: Analysis | None = None
) -> Iterator[_Step]:
    for kind in NODE_KINDS:
        if net.nodes[kind].empty:
            continue
        for label, at in _label_groups(net, kind, analysis):

            def props(part: np.ndarray, kind: str = kind) -> pd.DataFrame:
                return _node_frame(_with_derived(net, kind, analysis, part), show_contacts=show_contacts)

            def rows(start: int, stop: int, at: np.ndarray = at, props: Any = props) -> list[list[Any]]:
                return _node_values(props(at[start:stop]))

            shape = props(at[:0])  # the columns and their types, for the query
            query = _node_query(kind, label, shape, create=create)
            retry = _node_retry_query(kind, label, shape) if create else query
            yield _Step("nodes", _Writer(query, retry, kind), len(at), rows, kind, at)


class _Elements:
    """Element ids of the nodes a ``CREATE`` push wrote, by kind and position among ``net.nodes[kind]``.

    An element id is kept as the code of its text up to the last ``:`` and
    the number after it (Neo4j 5 writes ``4:<database id>:<number>``): 12
    bytes a node, where the text would take about 100. An element id of
    another shape is kept whole.

    Examples
    --------
    >>> elements = _Elements({"Unit": 3})
    >>> elements.add("Unit", np.array([2, 0]), ["U3", "U1"], [["U1", "4:ab:7"], ["U3", "x"]])
    >>> elements.of("Unit", np.array([0, 1, 2, 5]))
    ['4:ab:7', None, 'x', None]

    """

    def __init__(self, sizes: dict[str, int]) -> None:
        self.sizes = sizes
        self.heads: dict[str, int] = {}
        self.texts: list[str] = []
        self.head: dict[str, np.ndarray] = {}
        self.tail: dict[str, np.ndarray] = {}
        self.whole: dict[tuple[str, int], str] = {}

    def add(self, kind: str, at: np.ndarray, ids: list[Any], pairs: list[list[str]]) -> None:
        """Keep ``pairs`` (``[node id, element id]``) the server answered for the nodes ``ids`` at ``at``."""
        if kind not in self.head:
            self.head[kind] = np.full(self.sizes[kind], -1, dtype=np.int32)
            self.tail[kind] = np.zeros(self.sizes[kind], dtype=np.int64)
        positions = at.tolist()
        if [pair[0] for pair in pairs] != ids:  # the answer in another order, or a part of the rows
            where = dict(zip(ids, positions, strict=True))
            positions = [where[pair[0]] for pair in pairs]
        codes, tails = [], []
        for (_, element), position in zip(pairs, positions, strict=True):
            head, colon, tail = element.rpartition(":")
            if colon and 0 < len(tail) < 19 and tail.isascii() and tail.isdecimal() and tail[0] != "0":
                code = self.heads.get(head)
                if code is None:
                    code = self.heads[head] = len(self.texts)
                    self.texts.append(head + colon)
                codes.append(code)
                tails.append(int(tail))
            else:
                self.whole[(kind, position)] = element
                codes.append(-2)
                tails.append(0)
        self.head[kind][positions] = codes
        self.tail[kind][positions] = tails

    def of(self, kind: str, at: np.ndarray) -> list[str | None]:
        """Element ids of the nodes at positions ``at``; ``None`` where no node was written."""
        if kind not in self.head:
            return [None] * len(at)
        inside = (at >= 0) & (at < self.sizes[kind])
        at = np.where(inside, at, 0)
        codes = np.where(inside, self.head[kind][at], -1).tolist()
        texts, whole = self.texts, self.whole
        return [
            texts[code] + str(tail) if code >= 0 else whole[(kind, position)] if code == -2 else None
            for code, tail, position in zip(codes, self.tail[kind][at].tolist(), at.tolist(), strict=True)
        ]


def _kind_pairs(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """The (source kind, target kind) pairs of ``frame``'s rows that are both node kinds, sorted."""
    kinds = set(NODE_KINDS)
    source, source_kinds = pd.factorize(frame["source_kind"])
    target, target_kinds = pd.factorize(frame["target_kind"])
    both = (source >= 0) & (target >= 0)
    width = max(len(target_kinds), 1)
    pairs = np.unique(source[both].astype(np.int64) * width + target[both])
    named = [(str(source_kinds[p // width]), str(target_kinds[p % width])) for p in pairs.tolist()]
    return sorted(pair for pair in named if pair[0] in kinds and pair[1] in kinds)


@dataclasses.dataclass(frozen=True)
class _RelGroup:
    """The ``rel_type`` rows from ``source`` to ``target`` nodes, one per pair of ends, in order first listed.

    Ends are positions among ``net.nodes[kind]``; an id that names no such
    node is numbered after them, ``names[i - len(nodes)]``. ``props``: the
    relationship's attributes (the first given of its rows) and ``rows``.
    """

    source: np.ndarray
    target: np.ndarray
    source_names: pd.Index
    target_names: pd.Index
    props: pd.DataFrame


def _rel_group(net: Network, rel_type: str, source: str, target: str) -> _RelGroup:
    frame = net.rels[rel_type]
    rows = np.flatnonzero(net.rel_mask(rel_type, source, target))
    ends: list[tuple[np.ndarray, pd.Index]] = []
    for side, kind in (("source", source), ("target", target)):
        at = net.rel_positions(rel_type, side, kind)[rows]
        unknown = np.flatnonzero(at < 0)
        names = pd.Index([], dtype=object)
        if len(unknown):
            codes, names = pd.factorize(frame[side].iloc[rows[unknown]])
            at = at.copy()
            at[unknown] = len(net.nodes[kind]) + codes
        ends.append((at, names))
    (s, s_names), (t, t_names) = ends
    key = s * max(len(net.nodes[target]) + len(t_names), 1) + t
    _, first, inverse, counts = np.unique(key, return_index=True, return_inverse=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    first, counts = first[order], counts[order]
    props = pd.DataFrame(index=pd.RangeIndex(len(first)))
    for column in (c for c in frame.columns if c not in REL_BASE_COLUMNS):
        values = frame[column].iloc[rows]
        pick = first
        if len(first) < len(rows):  # repeated pairs: the first value given, as groupby's first()
            rank = np.empty_like(order)
            rank[order] = np.arange(len(order))
            group = rank[inverse.reshape(-1)]
            given = np.flatnonzero(values.notna().to_numpy(dtype=bool))
            found = first_at(group[given], len(first))
            pick = np.where(found >= 0, given[np.maximum(found, 0)], first)
        props[column] = values.iloc[pick].array
    props["rows"] = counts.astype("int64")
    return _RelGroup(s[first], t[first], s_names, t_names, props)


def _end_ids(nodes: pd.Index, names: pd.Index, at: np.ndarray) -> list[Any]:
    """The ids of the ends at ``at`` (:class:`_RelGroup`): node ids, then the names of the others."""
    known = at < len(nodes)
    if known.all():
        return nodes.take(at).to_numpy(dtype=object).tolist()
    out = np.empty(len(at), dtype=object)
    out[known] = nodes.take(at[known]).to_numpy(dtype=object)
    out[~known] = names.take(at[~known] - len(nodes)).to_numpy(dtype=object)
    return out.tolist()


def _rel_steps(net: Network, create: bool, elements: _Elements | None = None) -> Iterator[_Step]:
    """A step per relationship type and kinds of ends; each type's ends are paired up when its turn comes."""
    for rel_type in REL_TYPES:
        frame = net.rels[rel_type]
        if frame.empty:
            continue
        for source, target in _kind_pairs(frame):
            group = _rel_group(net, rel_type, source, target)
            if create and elements is not None:
                query = _rel_query(rel_type, source, target, group.props, create=True)
                retry = _rel_query(rel_type, source, target, group.props, create=True, verb="MERGE")

                def created(
                    start: int, stop: int, group: _RelGroup = group, ends: tuple[str, str] = (source, target)
                ) -> list[list[Any]]:
                    assert elements is not None
                    a = elements.of(ends[0], group.source[start:stop])
                    b = elements.of(ends[1], group.target[start:stop])
                    props = group.props.iloc[start:stop]
                    both = [x is not None and y is not None for x, y in zip(a, b, strict=True)]
                    if not all(both):  # an end not written: the row is left out (``skipped``)
                        a = [x for x, keep in zip(a, both, strict=True) if keep]
                        b = [y for y, keep in zip(b, both, strict=True) if keep]
                        props = props[np.array(both, dtype=bool)]
                    return _value_rows([a, b], props)

                yield _Step("relationships", _Writer(query, retry), len(group.props), created)
            else:
                query = _rel_query(rel_type, source, target, group.props)
                nodes = (net.nodes[source].index, net.nodes[target].index)

                def merged(
                    start: int, stop: int, group: _RelGroup = group, nodes: tuple[pd.Index, pd.Index] = nodes
                ) -> list[list[Any]]:
                    a = _end_ids(nodes[0], group.source_names, group.source[start:stop])
                    b = _end_ids(nodes[1], group.target_names, group.target[start:stop])
                    return _value_rows([a, b], group.props.iloc[start:stop])

                yield _Step("relationships", _Writer(query, query), len(group.props), merged)


#: A batch: (transaction function of its step, its rows, a tag handed back with the result).
_Batch = tuple[_Writer, list[list[Any]], Any]
_Written = tuple[int, list[list[str]] | None]


def _share(rows: int, batch_size: int, sessions: int) -> int:
    """Rows per batch: ``batch_size``, or fewer when that gives each session a part of a small phase.

    Examples
    --------
    >>> _share(12_000, 10_000, 2), _share(100_000, 10_000, 2), _share(0, 10_000, 2)
    (6000, 10000, 1)

    """
    return max(1, min(batch_size, -(-rows // sessions)))


def _packed(batches: Iterable[_Batch], limit: int) -> Iterator[list[_Batch]]:
    """Consecutive batches grouped into transactions of at most ``limit`` rows (a bigger one alone).

    A small graph has many small kinds; one transaction for all of them
    saves a commit and a round trip each.
    """
    pack: list[_Batch] = []
    size = 0
    for batch in batches:
        if pack and size + len(batch[1]) > limit:
            yield pack
            pack, size = [], 0
        pack.append(batch)
        size += len(batch[1])
    if pack:
        yield pack


def _write_pack(tx: Any, pack: list[_Batch], attempts: list[int]) -> list[_Written]:
    """Transaction function of a pack: each batch's query (its retry query when retried)."""
    attempts[0] += 1
    return [
        _write(tx, writer.query if attempts[0] == 1 else writer.retry, rows) if rows else (0, None)
        for writer, rows, _ in pack
    ]


def _run_batches(
    driver: neo4j.Driver,
    database: str | None,
    batches: Iterable[_Batch],
    sessions: int,
    limit: int,
    *,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[tuple[Any, int, list[list[str]] | None]]:
    """Write ``(writer, rows, tag)`` batches through ``sessions`` concurrent sessions.

    Yields ``(tag, written, element ids or None)`` in the order of the batches.
    Consecutive batches share a transaction up to ``limit`` rows (:func:`_packed`).
    ``meanwhile`` is called once every batch is made, while the last
    transactions are still being written.

    Rows are made one transaction ahead of the sessions, never all at once.
    With one session the transactions go in order on the calling thread.
    """
    packs = _packed(batches, limit)
    if sessions == 1:
        with session(driver, database) as s:
            for pack in packs:
                done = s.execute_write(_write_pack, pack, [0])
                yield from ((tag, *w) for (_, _, tag), w in zip(pack, done, strict=True))
        if meanwhile:
            meanwhile()
        return
    local = threading.local()
    opened: list[neo4j.Session] = []
    lock = threading.Lock()

    def work(pack: list[_Batch]) -> list[tuple[Any, int, list[list[str]] | None]]:
        s = getattr(local, "session", None)
        if s is None:
            s = local.session = session(driver, database)
            with lock:
                opened.append(s)
        done = s.execute_write(_write_pack, pack, [0])
        return [(tag, *w) for (_, _, tag), w in zip(pack, done, strict=True)]

    pending: collections.deque[concurrent.futures.Future[list[tuple[Any, int, list[list[str]] | None]]]] = (
        collections.deque()
    )
    try:
        with concurrent.futures.ThreadPoolExecutor(sessions, thread_name_prefix="graphkit-push") as pool:
            try:
                for pack in packs:
                    pending.append(pool.submit(work, pack))
                    while len(pending) > sessions:
                        yield from pending.popleft().result()
                if meanwhile:
                    meanwhile()
                while pending:
                    yield from pending.popleft().result()
            finally:
                for future in pending:
                    future.cancel()
    finally:
        for s in opened:
            s.close()


def _ids_unique(net: Network) -> bool:
    return all(frame.index.is_unique for frame in net.nodes.values())


def _count(s: neo4j.Session, labels: Iterable[str], rel_types: Iterable[str] = ()) -> dict[str, int]:
    """Nodes per label and relationships per type, from the count store in one round trip."""
    parts = [f"COUNT {{ MATCH (:{label}) }} AS `{label}`" for label in labels]
    parts += [f"COUNT {{ MATCH ()-[:{rel_type}]->() }} AS `{rel_type}`" for rel_type in rel_types]
    record = s.run("RETURN " + ", ".join(parts)).single()
    return {key: int(record[key]) for key in record.keys()}  # noqa: SIM118 (a Record iterates values) if record else {}


def _graphkit_nodes(s: neo4j.Session) -> int:
    """Nodes with a graphkit label (from the count store: cheap at any size)."""
    return sum(_count(s, NODE_KINDS).values())


def clear(driver: neo4j.Driver, *, database: str | None = None, batch_size: int = 10_000) -> int:
    """Delete every node with a graphkit label (and its relationships), in batches.

    Nodes with other labels are left alone (the campaign tables' event nodes,
    the ``:Ledger`` node and the ``:LoadFinding`` nodes are graphkit's too, see
    :mod:`graphkit.neo4j.campaign` and :mod:`graphkit.neo4j.derived`).
    Returns the number deleted.
    """
    where = " OR ".join(f"n:{label}" for label in [*NODE_KINDS, *campaign_labels(), LOAD_FINDING_LABEL])
    query = (
        f"MATCH (n) WHERE {where} "
        f"CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF {int(batch_size)} ROWS "
        "RETURN count(n) AS deleted"
    )
    with session_errors(None, database), session(driver, database) as s:
        record = s.run(query).single()
    return int(record["deleted"]) if record else 0


def counts(driver: neo4j.Driver, *, database: str | None = None) -> dict[str, int]:
    """Number of nodes per graphkit label and relationships per type in the database.

    Relationships are counted once each (not weighted by ``rows``).
    """
    out: dict[str, int] = {}
    with session_errors(None, database), session(driver, database) as s:
        out.update(_count(s, NODE_KINDS, REL_TYPES))
    return out


def push(
    net: Network,
    *,
    driver: neo4j.Driver | None = None,
    database: str | None = None,
    replace: bool = False,
    batch_size: int = 5000,
    show_contacts: bool = False,
    progress: bool = False,
    log: Callable[[str], None] | None = None,
    sessions: int = 2,
    analysis: Analysis | None = None,
) -> dict[str, Any]:
    """Write ``net`` into Neo4j: constraints and indexes first, then batched ``MERGE`` or ``CREATE``.

    Parameters
    ----------
    net
        The network to write (read only).
    driver
        An open driver; default :func:`connect` (closed again at the end).
    database
        Target database (default: the server's default database).
    replace
        Delete the previous graphkit graph first (see :func:`clear`).
    batch_size
        Rows per transaction at most. Small batches (a kind with few nodes)
        share a transaction; a phase with fewer than ``sessions * batch_size``
        rows is split evenly between the sessions.
    show_contacts
        Write phone numbers unmasked.
    progress
        Show a progress bar on stderr.
    log
        Called with short progress messages (e.g. ``print``).
    sessions
        Batches written at the same time, each in a session of its own (the
        server then uses more than one core). Relationships start once every
        node is written.
    analysis
        The analysis of ``net`` (:func:`graphkit.analysis.analyze`), whose
        results are written on the nodes: coverage status and its label on
        units, load on instructors, grades on party organisations (see
        :mod:`graphkit.neo4j.derived`). Without one they are left out (and
        removed where an earlier push wrote them).

    Returns
    -------
    dict
        ``nodes`` and ``relationships`` written, ``events`` (rows of the event
        tables written, see :mod:`graphkit.neo4j.campaign`), ``dropped`` (stale
        event rows deleted), ``load_findings`` (``:LoadFinding`` nodes written,
        see :mod:`graphkit.neo4j.derived`), ``deleted`` (with ``replace``),
        ``created`` (whether the graph was empty and written with ``CREATE``),
        ``seconds`` and ``rate`` (elements per second).

    Raises
    ------
    Neo4jError
        Server unreachable, credentials refused, database missing.

    Notes
    -----
    Every transaction is a managed write transaction (``session.execute_write``),
    retried on transient errors; a retried ``CREATE`` batch is written with
    ``MERGE``, since its first attempt may have been committed. Constraints
    and indexes are created only when missing (one ``SHOW`` of each finds
    them). The event tables are written after every node, alongside the
    relationships. Relationships whose endpoints are not in the database are
    skipped; ``skipped`` counts them.
    ``CREATE`` is chosen when the database holds no node with a graphkit label
    (counted from Neo4j's count store) and every node id is unique within its
    kind; two pushes started at the same moment into one empty database may
    then both create, and the second one fails on the id constraint.

    """
    if batch_size < 1:
        msg = f"batch_size must be at least 1, got {batch_size}"
        raise ValueError(msg)
    if sessions < 1:
        msg = f"sessions must be at least 1, got {sessions}"
        raise ValueError(msg)
    own = driver is None
    drv = connect(database=database) if driver is None else driver
    started = time.perf_counter()
    try:
        result: dict[str, Any] = {"nodes": 0, "relationships": 0, "deleted": 0, "skipped": 0}
        with session_errors(None, database):
            if replace:
                result["deleted"] = clear(drv, database=database)
                if log:
                    log(f"deleted {result['deleted']} nodes of the previous graph")
            with session(drv, database) as s:
                _ensure_schema(s)
                create = _ids_unique(net) and _graphkit_nodes(s) == 0
                stored = _stored_events(s)
            result["created"] = create
            result["events"] = 0
            elements = _Elements({kind: len(frame) for kind, frame in net.nodes.items()})
            later: list[Iterator[_Step]] = []
            from tqdm import tqdm

            def batches(steps: Iterable[_Step], size: int) -> Iterator[_Batch]:
                for step in steps:
                    if step.what != "events":
                        bar.total += step.size
                    for start in range(0, step.size, size):
                        stop = min(start + size, step.size)
                        yield step.writer, step.rows(start, stop), (step, start, stop)

            def nodes(size: int) -> Iterator[_Batch]:
                yield from batches(_node_steps(net, show_contacts, create, analysis), size)

            def prepare() -> None:
                # the first relationships paired up while the last nodes are written; their rows
                # (which need the nodes' element ids) are made only once every node is in
                steps = _rel_steps(net, create, elements)
                first = next(steps, None)
                later.append(itertools.chain([] if first is None else [first], steps))

            def rels_and_events(size: int) -> Iterator[_Batch]:
                yield from batches(later[0], size)
                yield from batches(_campaign_steps(net, {table: n == 0 for table, n in stored.items()}), size)

            def run(
                phase: Callable[[int], Iterator[_Batch]],
                rows: int,
                meanwhile: Callable[[], None] | None = None,
            ) -> None:
                # a small phase is shared out between the sessions, not written by one of them
                size = _share(rows, batch_size, sessions)
                done = _run_batches(drv, database, phase(size), sessions, size, meanwhile=meanwhile)
                for (step, start, stop), written, ids in done:
                    result[step.what] += written
                    if step.what == "nodes" and ids is not None:
                        at = step.at[start:stop]
                        elements.add(step.kind, at, net.nodes[step.kind].index.take(at).tolist(), ids)
                    if step.what == "relationships":
                        result["skipped"] += stop - start - written
                    if step.what != "events":
                        bar.update(stop - start)

            with tqdm(total=0, disable=not progress, unit="row", desc="push", leave=False) as bar:
                # every node first: relationships need both their ends; the event tables need only
                # nodes, so they follow the relationships without waiting for them
                run(nodes, sum(len(frame) for frame in net.nodes.values()), meanwhile=prepare)
                # rows of the rest as listed (an upper bound of what is written), for the batch size
                rows = sum(len(frame) for frame in net.rels.values())
                run(rels_and_events, rows + sum(len(frame) for frame in net.events.values()))
            result |= _finish_campaign(net, drv, database, stored)
    finally:
        if own:
            drv.close()
    seconds = time.perf_counter() - started
    result["seconds"] = round(seconds, 3)
    written = result["nodes"] + result["relationships"] + result.get("events", 0)
    result["rate"] = round(written / seconds, 1) if seconds else 0.0
    return result


# ----------------------------------------------------------- campaign tables
# Events and the :Ledger node (shape: graphkit.neo4j.campaign). Kept apart from the generic
# node and relationship steps above: events are written after every node, in batches, and a
# push leaves exactly the network's rows (row n replaced, rows beyond the table deleted).


def _event_frame(net: Network, table: str) -> pd.DataFrame:
    """The rows of ``table`` with their keys ``id`` (``table:n``) and ``seq`` (``n``, from 1)."""
    frame = net.events[table]
    return _event_part(table, frame, np.arange(len(frame), dtype=np.int64))


def _event_part(table: str, frame: pd.DataFrame, at: np.ndarray) -> pd.DataFrame:
    """The rows at positions ``at`` of event table ``table`` (``frame``) with their ``id`` and ``seq``."""
    seq = at.astype(np.int64) + 1
    return _rows_at(frame, at).assign(id=[event_id(table, n) for n in seq.tolist()], seq=seq)


def event_rows(net: Network, table: str) -> list[dict[str, Any]]:
    """Batch rows of one event table: ``{"id", "props", ...}`` with the ends it links.

    Event nodes get ``{"id", "props", "ref"}`` (``ref``: the organisation or
    honour holder's id, ``None`` when a training names none); visits
    ``{"id", "s", "t", "props"}``. ``props`` holds the present values only.

    Examples
    --------
    >>> import pandas as pd
    >>> held = pd.DataFrame({"party_org": ["P1"], "date": ["2026-05-04"], "type": ["lecture"]})
    >>> net = Network.from_records(nodes={"PartyOrg": [{"id": "P1"}]}, events={"activities": held})
    >>> row = event_rows(net, "activities")[0]
    >>> row["id"], row["ref"]
    ('activities:1', 'P1')
    >>> row["props"]
    {'date': datetime.date(2026, 5, 4), 'type': 'lecture', 'id': 'activities:1', 'seq': 1}

    """
    return _event_batch(table, _event_frame(net, table))


def _event_props(table: str) -> list[str]:
    refs = {"person", "person_kind", "target", "target_kind"} if table == "visits" else set(EVENT_REF[table])
    return [c for c in EVENT_TABLES[table] if c not in refs] + ["id", "seq"]


def _event_batch(table: str, part: pd.DataFrame) -> list[dict[str, Any]]:
    props = _prop_maps(part[_event_props(table)], drop_missing=True)
    ids = part["id"].tolist()
    if table == "visits":
        s, t = part["person"].astype(object).tolist(), part["target"].astype(object).tolist()
        return [{"id": i, "s": a, "t": b, "props": p} for i, a, b, p in zip(ids, s, t, props, strict=True)]
    ref = part[EVENT_REF[table][0]].astype(object).where(part[EVENT_REF[table][0]].notna(), None).tolist()
    return [{"id": i, "ref": r, "props": p} for i, r, p in zip(ids, ref, props, strict=True)]


def _event_values(table: str, part: pd.DataFrame) -> list[list[Any]]:
    """Positional rows of event rows: the ends (visits: person, target; else the ``ref``), the properties."""
    if table == "visits":
        ends = [part["person"].astype(object).tolist(), part["target"].astype(object).tolist()]
    else:
        ref = part[EVENT_REF[table][0]]
        ends = [ref.astype(object).where(ref.notna(), None).tolist()]
    return _value_rows(ends, part[_event_props(table)])


def _event_query(table: str, target: str, part: pd.DataFrame, *, fresh: bool) -> str:
    """Write event nodes of ``table`` linked to ``target`` nodes; ``fresh``: nothing to replace."""
    label, rel = EVENT_LABELS[table], EVENT_RELS[table]
    props = part[_event_props(table)]
    key = 1 + list(props.columns).index("id")
    replace = "" if fresh else f"OPTIONAL MATCH (old:{label} {{id: row[{key}]}}) DETACH DELETE old WITH row "
    return (
        f"UNWIND $rows AS row {replace}CREATE (e:{label}){_sets('e', props, 1)} "
        f"WITH e, row OPTIONAL MATCH (t:{target} {{id: row[0]}}) "
        f"FOREACH (_ IN CASE WHEN t IS NULL THEN [] ELSE [1] END | CREATE (e)-[:{rel}]->(t)) "
        "RETURN count(e) AS written"
    )


def _visit_query(source: str, target: str, part: pd.DataFrame, *, fresh: bool) -> str:
    """Write one ``VISITED`` relationship per visit row; ``fresh``: nothing to replace."""
    props = part[_event_props("visits")]
    key = 2 + list(props.columns).index("id")
    replace = (
        "" if fresh else f"OPTIONAL MATCH ()-[old:{VISIT_REL} {{id: row[{key}]}}]->() DELETE old WITH row "
    )
    return (
        f"UNWIND $rows AS row {replace}"
        f"MATCH (a:{source} {{id: row[0]}}) MATCH (b:{target} {{id: row[1]}}) "
        f"CREATE (a)-[v:{VISIT_REL}]->(b){_sets('v', props, 2)} RETURN count(v) AS written"
    )


def _campaign_steps(net: Network, fresh: dict[str, bool]) -> Iterator[_Step]:
    """A step per event table and kind of end it links; rows (and their keys) made a batch at a time."""
    kinds = set(NODE_KINDS)
    for table in EVENT_TABLES:
        frame = net.events[table]
        if frame.empty:
            continue
        if table == "visits":
            known = np.flatnonzero(
                (frame["person_kind"].isin(kinds) & frame["target_kind"].isin(kinds)).to_numpy()
            )
            groups = frame.iloc[known].groupby(["person_kind", "target_kind"], sort=True).indices
            parts = [((str(a), str(b)), known[groups[(a, b)]]) for a, b in sorted(groups)]
        else:
            _column, kind_column = EVENT_REF[table]
            kind = frame[kind_column] if kind_column else pd.Series("PartyOrg", index=frame.index)
            kind = kind.astype(object).where(kind.isin(kinds), "PartyOrg")  # no known end: the node alone
            groups = kind.groupby(kind, sort=True).indices
            parts = [((str(target),), np.asarray(groups[target])) for target in sorted(groups)]
        for ends, at in parts:
            shape = _event_part(table, frame, at[:0])
            if table == "visits":
                query = _visit_query(*ends, shape, fresh=fresh[table])
                retry = _visit_query(*ends, shape, fresh=False)
            else:
                query = _event_query(table, ends[0], shape, fresh=fresh[table])
                retry = _event_query(table, ends[0], shape, fresh=False)

            def rows(start: int, stop: int, table: str = table, at: np.ndarray = at) -> list[list[Any]]:
                return _event_values(table, _event_part(table, net.events[table], at[start:stop]))

            yield _Step("events", _Writer(query, retry), len(at), rows, table)


def _stored_events(s: neo4j.Session) -> dict[str, int]:
    """Rows of each event table in the graph (from the count store, in one round trip)."""
    stored = _count(s, EVENT_LABELS.values(), [VISIT_REL])
    return {table: stored[EVENT_LABELS.get(table, VISIT_REL)] for table in EVENT_TABLES}


def _drop_events_beyond(s: neo4j.Session, table: str, n: int) -> int:
    """Delete the stored rows of ``table`` numbered above ``n``; returns how many."""
    if table == "visits":
        query = (
            f"MATCH ()-[r:{VISIT_REL}]->() WHERE r.seq > $n "
            "CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS RETURN count(r) AS deleted"
        )
    else:
        query = (
            f"MATCH (e:{EVENT_LABELS[table]}) WHERE e.seq > $n "
            "CALL (e) { DETACH DELETE e } IN TRANSACTIONS OF 10000 ROWS RETURN count(e) AS deleted"
        )
    return int(s.run(query, n=n).single()["deleted"])


def ledger_record(net: Network) -> dict[str, list[str]]:
    """What the ``:Ledger`` node records: campaign ``tables`` the source had, record ``columns`` it kept.

    Examples
    --------
    >>> net = Network.from_records(nodes={"Position": [], "PartyOrg": [{"id": "P1", "secretary": "张伟"}]})
    >>> ledger_record(net)
    {'tables': ['positions'], 'columns': ['PartyOrg.secretary']}

    """
    columns = [name for name in record_column_names() if net.has_column(*name.split(".", 1))]
    return {"tables": [t for t in CAMPAIGN_TABLES if net.has_table(t)], "columns": columns}


def _finish_campaign(
    net: Network, driver: neo4j.Driver, database: str | None, stored: dict[str, int]
) -> dict[str, int]:
    """After the event tables: the ``:Ledger`` node, the ``:LoadFinding`` nodes, stale events deleted.

    ``stored``: rows of each event table before the push. Returns ``dropped``
    (stale event rows deleted) and ``load_findings`` (nodes written).
    """
    rows = load_finding_rows(net)

    def write(tx: Any) -> None:
        tx.run(
            f"MERGE (l:{LEDGER_LABEL} {{id: $id}}) "
            "SET l.name = $name, l.tables = $tables, l.columns = $columns",
            id=LEDGER_ID,
            name=LEDGER_NAME,
            **ledger_record(net),
        ).consume()
        tx.run(f"MATCH (f:{LOAD_FINDING_LABEL}) DETACH DELETE f").consume()
        for start in range(0, len(rows), 5000):
            tx.run(
                f"UNWIND $rows AS row CREATE (f:{LOAD_FINDING_LABEL}) SET f = row",
                rows=rows[start : start + 5000],
            ).consume()

    dropped = 0
    with session(driver, database) as s:
        s.execute_write(write)
        now = _stored_events(s)
        for table in EVENT_TABLES:
            n = len(net.events[table])
            if stored[table] > n or now[table] > n:
                dropped += _drop_events_beyond(s, table, n)
    return {"dropped": dropped, "load_findings": len(rows)}


def campaign_counts(driver: neo4j.Driver, *, database: str | None = None) -> dict[str, Any]:
    """Rows per event table in the graph and what its ``:Ledger`` node records (``None`` without one).

    Returns
    -------
    dict
        Rows per event table (``"activities"``, ``"visits"``, ``"trainings"``,
        ``"honours"``) and ``"ledger"``: ``{"tables", "columns"}`` or ``None``.

    """
    with session_errors(None, database), session(driver, database) as s:
        out: dict[str, Any] = dict(_stored_events(s))
        rec = s.run(
            f"MATCH (l:{LEDGER_LABEL} {{id: $id}}) RETURN l.tables AS tables, l.columns AS columns",
            id=LEDGER_ID,
        ).single()
    out["ledger"] = None if rec is None else {"tables": list(rec["tables"]), "columns": list(rec["columns"])}
    return out


# ------------------------------------------------------------ load findings
def load_finding_rows(net: Network) -> list[dict[str, Any]]:
    """The ``:LoadFinding`` nodes of ``net`` as property maps (see :mod:`graphkit.neo4j.derived`).

    Each holds the finding's columns as Browser shows them (``detail`` in
    Chinese; missing values left out), ``id`` and ``seq``, and in ``record``
    the JSON text from which :func:`graphkit.neo4j.twins.run_twins` makes the
    finding again in either language: the reader's record
    (``net.meta["load_problems"]``) for a network read from a ledger, else
    the finished finding (``net.findings``). Nodes are in finding order:
    by code, then as the ledger was read.

    Examples
    --------
    >>> problem = {"code": "UNKNOWN_REFERENCE", "file": "单位.csv", "sheet": None, "row": 3,
    ...            "column": "所在党组织", "value": "P9", "subject_kind": "Unit", "subject_id": "U1",
    ...            "subject_name": "甲", "street": None, "ref_kinds": "PartyOrg", "ambiguous": None}
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1"}]}).replace(meta={"load_problems": [problem]})
    >>> row = load_finding_rows(net)[0]
    >>> row["id"], row["code"], row["detail"]
    ('load:1', 'UNKNOWN_REFERENCE', '单位.csv 第3行“所在党组织”列：“P9”找不到对应的编号或名称')
    >>> json.loads(row["record"]) == problem
    True

    """
    records = [r for r in net.meta.get("load_problems") or [] if r.get("code") in LOAD_CODES]
    if records:
        records.sort(key=lambda r: LOAD_CODES.index(r["code"]))  # stable: ledger order within a code
        found = load_findings(pd.DataFrame.from_records(records), lang="zh")
        texts = [json.dumps(r, ensure_ascii=False, default=str) for r in records]
    else:
        found = net.findings[net.findings["code"].isin(LOAD_CODES)].reset_index(drop=True)
        order = found["code"].map({c: i for i, c in enumerate(LOAD_CODES)})
        found = found.loc[order.sort_values(kind="stable").index].reset_index(drop=True)
        plain = found.astype(object).where(found.notna(), None)
        texts = [json.dumps(r, ensure_ascii=False, default=str) for r in plain.to_dict("records")]
    rows = _prop_maps(found[FINDING_COLUMNS].reset_index(drop=True), drop_missing=True)
    return [
        {**row, "id": load_finding_id(n), "seq": n, "record": text}
        for n, (row, text) in enumerate(zip(rows, texts, strict=True), start=1)
    ]
