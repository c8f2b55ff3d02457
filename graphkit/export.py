"""GraphML, GEXF and node-link JSON files of a :class:`~graphkit.model.Network`.

Graph tools (Gephi, yEd, Cytoscape, networkx) read these formats, but their
writers fail on ``None``, dates, numpy scalars and lists, and GEXF readers break
on a key holding two types. :func:`write_graph` therefore cleans every
attribute first:

- missing values are left out (never written as ``None`` or ``NaN``);
- dates become ISO text (``2025-06-30``), numpy scalars plain Python values;
- lists, tuples, sets and dicts become JSON text;
- each attribute key has one type across the whole file (mixed keys become text).

Every node carries ``node_kind`` (its Neo4j label: ``Unit``, ``PartyOrg`` …)
and ``label`` (its name, which Gephi, yEd and Cytoscape show) besides its own
attributes (``kind`` stays the unit or carrier subtype); every edge carries
``label`` (its relationship type, shown by Gephi). An analysis written with
:func:`write_graph` adds its results on the nodes. :meth:`Network.to_networkx`
gives nodes the same ``node_kind`` and ``label``. The pandas dtype of
every column is written into the file (a graph attribute ``graphkit`` in
GraphML and JSON, the ``<meta><description>`` of GEXF), so
:func:`read_graph` restores the exact frames: ``read_graph(p).equals(net)``
(phone numbers are masked unless ``show_contacts=True``).

Examples
--------
>>> import tempfile, pathlib
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "U1", "name": "甲公司", "kind": "enterprise", "party_members": 2}],
...            "PartyOrg": [{"id": "P1", "name": "甲党支部", "form": "joint", "term_ends": "2026-03-31"}]},
...     rels={"COVERED_BY": [("U1", "P1")]},
... )
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = write_graph(net, pathlib.Path(tmp) / "net.gexf")
...     read_graph(path).equals(net)
True

"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from graphkit.atomic import replaced_when_done
from graphkit.exceptions import GraphkitError
from graphkit.model import NODE_KINDS, REL_BASE_COLUMNS, REL_TYPES, Network
from graphkit.privacy import mask_contacts
from graphkit.results import Analysis

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FORMATS", "RESULT_ATTRIBUTES", "clean_column", "read_graph", "to_export_graph", "write_graph"]

#: File formats and their usual suffixes.
FORMATS: dict[str, tuple[str, ...]] = {
    "graphml": (".graphml",),
    "gexf": (".gexf",),
    "json": (".json",),
}

_JSON_MARK = "json"  # schema dtype for columns written as JSON text
_DATE_MARK = "datetime64"  # prefix of date dtypes


# ------------------------------------------------------------------ cleaning
def _plain(value: Any) -> Any:
    """One object value as a plain, writable Python scalar."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, list | tuple | set | frozenset | dict):
        data = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return json.dumps(data, ensure_ascii=False, default=str)
    return value


def clean_column(series: pd.Series) -> tuple[pd.Series, str]:
    """Clean one attribute column for writing.

    Parameters
    ----------
    series
        A node or relationship attribute column.

    Returns
    -------
    values : pandas.Series
        Object series of plain Python values (``str``, ``int``, ``float`` or
        ``bool``), missing values dropped, one Python type throughout.
    dtype : str
        What :func:`read_graph` casts the values back to: the column's pandas
        dtype, or ``"json"`` when lists or dicts were written as JSON text.

    Examples
    --------
    >>> dates = pd.Series([pd.Timestamp("2025-06-30"), pd.NaT], dtype="datetime64[ns]")
    >>> values, dtype = clean_column(dates)
    >>> values.tolist(), dtype
    (['2025-06-30'], 'datetime64[ns]')
    >>> values, dtype = clean_column(pd.Series([["a", "b"], None, np.int64(3)], dtype=object))
    >>> values.tolist(), dtype
    (['["a", "b"]', '3'], 'json')

    """
    dtype = str(series.dtype)
    s = series[series.notna()] if dtype != "object" else series[series.map(_present)]
    if dtype.startswith(_DATE_MARK):
        midnight = bool((s == s.dt.normalize()).all())
        text = s.dt.strftime("%Y-%m-%d" if midnight else "%Y-%m-%dT%H:%M:%S")
        return pd.Series(text.tolist(), index=s.index, dtype=object), dtype
    if dtype == "object":
        is_json = s.map(lambda v: isinstance(v, list | tuple | set | frozenset | dict))
        values = s.map(_plain)
        if is_json.any():
            # every value becomes JSON text so that the way back is one json.loads
            values = s.map(lambda v: json.dumps(_plain_json(v), ensure_ascii=False, default=str))
            return values.astype(object), _JSON_MARK
        if values.map(type).nunique() > 1:
            values = values.map(str)
        return values.astype(object), dtype
    return pd.Series(s.tolist(), index=s.index, dtype=object).map(_plain), dtype


def _present(value: Any) -> bool:
    if isinstance(value, list | tuple | set | frozenset | dict):
        return True
    return not pd.isna(value)


def _plain_json(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# ------------------------------------------------------------- to networkx
def to_export_graph(net: Network) -> nx.MultiDiGraph:
    """Return a ``networkx.MultiDiGraph`` with cleaned, typed attributes.

    Node keys are ids; nodes carry ``node_kind``, their non-missing
    attributes and ``label`` (the name, else the id); edges carry ``label``
    (the relationship type) and theirs; edge keys are ``TYPE`` or ``TYPE#n``
    for repeats. ``graph["graphkit"]`` holds the
    column dtypes and the network's meta as JSON text.

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "甲", "kind": "enterprise"}]})
    >>> to_export_graph(net).nodes["U1"]
    {'node_kind': 'Unit', 'name': '甲', 'kind': 'enterprise', 'label': '甲'}

    """
    import networkx as nx

    g = nx.MultiDiGraph()
    schema: dict[str, dict[str, dict[str, str]]] = {"nodes": {}, "rels": {}}
    node_attrs: dict[str, dict[str, Any]] = {}
    node_types: dict[str, set[type]] = {}
    for kind, frame in net.nodes.items():
        if not len(frame):
            continue
        ids = frame.index.astype(str).tolist()
        g.add_nodes_from(ids, node_kind=kind)
        schema["nodes"][kind] = {}
        for col in frame.columns:
            values, dtype = clean_column(frame[col])
            schema["nodes"][kind][col] = dtype
            if len(values):
                values.index = values.index.astype(str)
                node_attrs.setdefault(col, {}).update(values.to_dict())
                node_types.setdefault(col, set()).update(values.map(type).unique())
    for col, values in node_attrs.items():
        if col == "node_kind":
            msg = "export: a node attribute is named 'node_kind', which the file formats reserve"
            raise GraphkitError(msg)
        if len(node_types[col]) > 1:  # one type per key, across node kinds
            values = {k: str(v) for k, v in values.items()}
        nx.set_node_attributes(g, values, col)
    edge_attrs: dict[str, dict[tuple[str, str, str], Any]] = {}
    edge_types: dict[str, set[type]] = {}
    for rel_type, frame in net.rels.items():
        if not len(frame):
            continue
        frame = frame.reset_index(drop=True)
        src = frame["source"].astype(str)
        dst = frame["target"].astype(str)
        rank = frame.groupby([src, dst]).cumcount()
        keys = np.where(rank == 0, rel_type, rel_type + "#" + rank.astype(str))
        triples = list(zip(src.tolist(), dst.tolist(), keys.tolist(), strict=True))
        g.add_edges_from(triples, label=rel_type)
        schema["rels"][rel_type] = {}
        for col in frame.columns:
            if col in REL_BASE_COLUMNS:
                continue
            values, dtype = clean_column(frame[col])
            schema["rels"][rel_type][col] = dtype
            if len(values):
                edge_attrs.setdefault(col, {}).update(
                    dict(zip([triples[i] for i in values.index], values.tolist(), strict=True))
                )
                edge_types.setdefault(col, set()).update(values.map(type).unique())
    for col, values in edge_attrs.items():
        if col == "label":
            msg = "export: a relationship attribute is named 'label', which the file formats reserve"
            raise GraphkitError(msg)
        if len(edge_types[col]) > 1:
            values = {k: str(v) for k, v in values.items()}
        nx.set_edge_attributes(g, values, col)
    for node_id, name in g.nodes(data="name"):  # what Gephi, yEd and Cytoscape show
        g.nodes[node_id]["label"] = name if name is not None else node_id
    meta = dict(net.meta)
    if isinstance(meta.get("source"), str):  # the ledger's name, not a path on this machine
        meta["source"] = Path(meta["source"]).name
    blob = {"schema": schema, "meta": meta}
    g.graph["graphkit"] = json.dumps(blob, ensure_ascii=False, default=str)
    return g


#: Analysis results written on nodes by :func:`write_graph` (read back as nothing).
RESULT_ATTRIBUTES = ("status", "street_name", "reach", "contacts", "overloaded")


def _add_results(g: nx.MultiDiGraph, analysis: Analysis) -> None:
    """Coverage status and street name on units, reach, contacts and overloaded on instructors."""
    cov = analysis.coverage
    for column, attr in (("status", "status"), ("street", "street_name")):
        if column in cov.columns:
            values = cov[column].dropna().astype(str)
            values.index = values.index.astype(str)
            _set_known(g, values.to_dict(), attr)
    ins = analysis.instructors
    for column in ("reach", "contacts", "overloaded"):
        if column in ins.columns:
            values = ins[column].dropna()
            plain = values.astype(bool) if column == "overloaded" else values.astype("int64")
            _set_known(g, {str(k): _plain(v) for k, v in plain.items()}, column)


def _set_known(g: nx.MultiDiGraph, values: dict[str, Any], attr: str) -> None:
    """Set ``attr`` on the nodes of ``values`` that are in ``g``."""
    for node_id, value in values.items():
        if node_id in g:
            g.nodes[node_id][attr] = value


# -------------------------------------------------------------------- write
def _format_of(path: Path, format: str | None) -> str:
    if format is not None:
        if format not in FORMATS:
            msg = f"export: unknown format {format!r}; expected one of {', '.join(FORMATS)}"
            raise GraphkitError(msg)
        return format
    for name, suffixes in FORMATS.items():
        if path.suffix.lower() in suffixes:
            return name
    msg = f"{path.name}: cannot tell the format from the suffix; expected one of .graphml, .gexf, .json"
    raise GraphkitError(msg)


def write_graph(
    net: Network | Analysis, path: str | Path, *, format: str | None = None, show_contacts: bool = False
) -> Path:
    """Write ``net`` as GraphML, GEXF or node-link JSON.

    Every node's ``label`` is its name (what Gephi, yEd and Cytoscape show;
    ``node_kind`` holds its kind). Given an :class:`~graphkit.results.Analysis`,
    nodes also carry its results, so Gephi can partition and rank by them:
    ``status`` and ``street_name`` on units, ``reach``, ``contacts`` (whole
    numbers) and ``overloaded`` (a boolean) on instructors; :func:`read_graph`
    leaves them out. GEXF edges carry their relationship type as their id
    (``TYPE`` or ``TYPE#n``), not networkx's ``networkx_key`` attribute. The
    ledger is named in the metadata by its file or folder name, never by a
    path on this machine.

    Parameters
    ----------
    net
        The network to write, or an analysis (its network and results).
    path
        The file to write (parent folders are created).
    format
        ``"graphml"``, ``"gexf"`` or ``"json"``; by default taken from the suffix.
    show_contacts
        Write phone numbers as they are. By default they are masked
        (``138****5678``), as everywhere graphkit shows people; pass ``True``
        for a lossless copy.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    GraphkitError
        When the format is unknown.

    Notes
    -----
    Attributes are cleaned as the module docstring says. Rejected rows and
    findings are not part of the graph and are not written.

    Examples
    --------
    >>> import tempfile
    >>> net = Network.from_records(nodes={"Street": [{"id": "S1", "name": "林山寨街道"}]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = write_graph(net, Path(tmp) / "net.json")
    ...     json.loads(p.read_text(encoding="utf-8"))["nodes"]
    [{'node_kind': 'Street', 'name': '林山寨街道', 'label': '林山寨街道', 'id': 'S1'}]

    """
    import networkx as nx

    path = Path(path)
    fmt = _format_of(path, format)
    analysis = net if isinstance(net, Analysis) else None
    net = net.network if isinstance(net, Analysis) else net
    if not show_contacts:
        nodes = {k: mask_contacts(f) for k, f in net.nodes.items()}
        net = Network(nodes, net.rels, meta=net.meta, columns=net.source_columns)
    g = to_export_graph(net)
    if analysis is not None:
        _add_results(g, analysis)
    path.parent.mkdir(parents=True, exist_ok=True)
    with replaced_when_done(path) as part:  # the whole file, or the one there before
        if fmt == "graphml":
            nx.write_graphml(g, part, encoding="utf-8")
        elif fmt == "gexf":
            blob = g.graph.pop("graphkit")
            # the edge key becomes the GEXF edge id, not a stray "networkx_key" attribute
            for u, v, k, d in g.edges(keys=True, data=True):
                d["id"] = f"{u}|{k}|{v}"  # unique in the file: Gephi keeps parallel edges of different types
            nx.write_gexf(g, part, encoding="utf-8")
            _drop_gexf_key(part)
            _add_gexf_description(part, blob)
        else:
            data = nx.node_link_data(g, edges="edges")
            part.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _drop_gexf_key(path: Path) -> None:
    """Remove networkx's ``networkx_key`` edge attribute (its value is already the edge id)."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<attribute id="(\d+)" title="networkx_key" type="\w+"\s*/>\s*', text)
    if found is None:
        return
    text = text.replace(found.group(0), "", 1)
    text = re.sub(rf'<attvalue for="{found.group(1)}" value="[^"]*"\s*/>\s*', "", text)
    text = re.sub(r"<attvalues>\s*</attvalues>\s*", "", text)
    path.write_text(text, encoding="utf-8")


def _add_gexf_description(path: Path, blob: str) -> None:
    """Put ``blob`` into the ``<meta><description>`` of the GEXF file at ``path``."""
    from xml.sax.saxutils import escape

    text = path.read_text(encoding="utf-8")
    desc = f"<description>{escape(blob)}</description>"
    text, n = re.subn(r"(<meta\b[^>]*>)", lambda m: m.group(1) + desc, text, count=1)
    if n == 0:  # pragma: no cover - networkx always writes <meta>
        text = re.sub(r"(<gexf\b[^>]*>)", lambda m: m.group(1) + f"<meta>{desc}</meta>", text, count=1)
    path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------- read
def _read_gexf_description(path: Path) -> str | None:
    import xml.etree.ElementTree as ET

    for _, elem in ET.iterparse(path, events=("end",)):
        if elem.tag.rsplit("}", 1)[-1] == "description":
            return elem.text
        if elem.tag.rsplit("}", 1)[-1] == "meta":
            return None
    return None  # pragma: no cover


def _cast(values: pd.Series, dtype: str | None) -> pd.Series:
    """Cast a read-back column to the dtype recorded when it was written."""
    if dtype is None:
        return values
    if dtype == _JSON_MARK:
        return values.map(lambda v: json.loads(v) if isinstance(v, str) else v, na_action="ignore")
    if dtype.startswith(_DATE_MARK):
        return pd.to_datetime(values, errors="coerce").astype(dtype)
    if dtype in {"Int64", "Int32", "int64", "int32", "Float64", "float64", "float32"}:
        values = pd.to_numeric(values.astype(object), errors="coerce")
        if dtype.startswith("int") and values.isna().any():
            dtype = "Int64"
        return values.astype(dtype)
    if dtype in {"bool", "boolean"}:
        mapped = values.map(
            lambda v: v if isinstance(v, bool) else str(v).lower() == "true", na_action="ignore"
        )
        return mapped.astype("boolean" if mapped.isna().any() else dtype)
    if dtype == "object":
        return values.astype(object)
    return values.astype(dtype)


def _frame(
    records: list[dict[str, Any]], columns: Mapping[str, str] | None, index: str | None
) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records)
    for col, dtype in (columns or {}).items():
        if col not in frame.columns:
            frame[col] = pd.Series(pd.NA, index=frame.index, dtype=object)
        frame[col] = _cast(frame[col], dtype)
    if index is not None:
        frame = frame.set_index(index)
    return frame


def read_graph(path: str | Path, *, format: str | None = None) -> Network:
    """Read a file written by :func:`write_graph` back into a :class:`Network`.

    Column dtypes recorded in the file are restored, so
    ``read_graph(write_graph(net, p)).equals(net)``. Files written by other
    tools load too when their nodes carry ``node_kind`` and their edges
    ``label``; their attributes keep the types the format gives them.

    Parameters
    ----------
    path
        A ``.graphml``, ``.gexf`` or ``.json`` file.
    format
        Overrides the format taken from the suffix.

    Returns
    -------
    Network
        The network, with ``meta`` as written.

    Raises
    ------
    GraphkitError
        When the file cannot be read or a node has no ``node_kind``.

    Examples
    --------
    >>> import tempfile
    >>> net = Network.from_records(
    ...     nodes={"OrganBranch": [{"id": "B1"}], "PartyOrg": [{"id": "P1"}]},
    ...     rels={"PAIRED_WITH": [{"source": "B1", "target": "P1", "since": "2024-05-01"}]},
    ... )
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     back = read_graph(write_graph(net, Path(tmp) / "net.graphml"))
    >>> back.rel("PAIRED_WITH").loc[0, "since"]
    Timestamp('2024-05-01 00:00:00')

    """
    import networkx as nx

    path = Path(path)
    fmt = _format_of(path, format)
    try:
        if fmt == "graphml":
            g = nx.read_graphml(path, force_multigraph=True)
            blob = g.graph.get("graphkit")
        elif fmt == "gexf":
            g = nx.read_gexf(path)
            blob = _read_gexf_description(path)
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
            g = nx.node_link_graph(data, edges="edges", multigraph=True, directed=True)
            blob = g.graph.get("graphkit")
    except (OSError, ValueError, KeyError, nx.NetworkXError) as exc:
        msg = f"{path.name}: cannot read as {fmt}: {exc}"
        raise GraphkitError(msg) from exc
    info = json.loads(blob) if blob else {}
    schema = info.get("schema", {})
    node_schema: dict[str, dict[str, str]] = schema.get("nodes", {})
    rel_schema: dict[str, dict[str, str]] = schema.get("rels", {})

    by_kind: dict[str, list[dict[str, Any]]] = {}
    kind_of: dict[str, str] = {}
    for node_id, data in g.nodes(data=True):
        kind = data.get("node_kind")
        if kind not in NODE_KINDS:
            msg = f"{path.name}: node {node_id!r} has no node_kind (expected one of {', '.join(NODE_KINDS)})"
            raise GraphkitError(msg)
        attrs = {k: v for k, v in data.items() if k not in {"node_kind", "label", *RESULT_ATTRIBUTES}}
        by_kind.setdefault(kind, []).append({"id": str(node_id), **attrs})
        kind_of[str(node_id)] = kind
    nodes = {
        kind: _frame(rows, {"id": "string", **node_schema.get(kind, {})}, "id")
        for kind, rows in by_kind.items()
    }
    by_type: dict[str, list[dict[str, Any]]] = {}
    drop = {"label", "id", "networkx_key", "key"}
    for s, t, data in g.edges(data=True):
        rel_type = data.get("label")
        if rel_type not in REL_TYPES:
            msg = f"{path.name}: edge {s!r}→{t!r} has no known label (expected one of {', '.join(REL_TYPES)})"
            raise GraphkitError(msg)
        attrs = {k: v for k, v in data.items() if k not in drop}
        s, t = str(s), str(t)
        row = {"source": s, "target": t, "source_kind": kind_of.get(s), "target_kind": kind_of.get(t)}
        by_type.setdefault(rel_type, []).append(row | attrs)
    rels = {t: _frame(rows, rel_schema.get(t), None) for t, rows in by_type.items()}
    return Network(nodes, rels, meta=info.get("meta", {}))
