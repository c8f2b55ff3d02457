"""CSV files for ``neo4j-admin database import full``: the fastest way into a new database.

The files give the same graph as :func:`graphkit.neo4j.push` (labels,
properties, one relationship per endpoint pair with ``rows``), so
``loaders.read_neo4j`` reads an imported database back too. Each node kind has
a header file and a data file (``Unit.header.csv`` + ``Unit.csv``) with
``id:ID``, typed properties (``party_members:int``, ``term_ends:date``) and
``:LABEL``; each relationship type has ``:START_ID``, ``:END_ID``, ``:TYPE``
and its properties. Property names in headers are only letters, digits and
``_`` (:func:`property_names`), so a ledger column name cannot add a label or
shift the columns. ``import.sh`` holds the exact command; ``README.txt``
explains it.

Examples
--------
>>> import tempfile
>>> from graphkit import Network
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "U1", "name": "甲公司", "kind": "enterprise", "party_members": 2}],
...            "PartyOrg": [{"id": "P1", "name": "甲党支部", "term_ends": "2027-06-30"}]},
...     rels={"COVERED_BY": [("U1", "P1")]},
... )
>>> with tempfile.TemporaryDirectory() as d:
...     out = write_admin_import(net, d)
...     print((out / "Unit.header.csv").read_text(encoding="utf-8").split(",")[:4])
...     print((out / "PartyOrg.csv").read_text(encoding="utf-8").strip())
...     print((out / "COVERED_BY.csv").read_text(encoding="utf-8").strip())
['id:ID', 'name', 'kind', 'employees:long']
P1,甲党支部,,,,2027-06-30,,,,PartyOrg
U1,P1,COVERED_BY,1
>>> import_args(["Unit.csv"], ["COVERED_BY.csv"], database="neo4j")[:3]
['database', 'import', 'full']

"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit.kernels import TextIndex
from graphkit.model import (
    DATE,
    EVENT_TABLES,
    NODE_KINDS,
    RECORD_COLUMNS,
    REL_BASE_COLUMNS,
    REL_TYPES,
    Network,
)
from graphkit.neo4j.campaign import (
    EVENT_LABELS,
    EVENT_REF,
    EVENT_RELS,
    LEDGER_ID,
    LEDGER_LABEL,
    LEDGER_NAME,
    VISIT_REL,
    event_id,
)
from graphkit.neo4j.derived import LOAD_FINDING_LABEL, optional_labels
from graphkit.neo4j.push import derived_frame, extra_labels, load_finding_rows
from graphkit.privacy import mask_contacts

if TYPE_CHECKING:
    from graphkit.results import Analysis

__all__ = ["export_neo4j_admin", "import_args", "import_local", "property_names", "write_admin_import"]

#: What a property name in a header may not hold: anything but letters, digits and ``_``.
_UNSAFE = re.compile(r"[^\w]|[\s]")


def _neo4j_type(s: pd.Series) -> str:
    """Header type suffix of a column (``""`` for strings)."""
    if str(s.dtype) == DATE or pd.api.types.is_datetime64_any_dtype(s):
        return ":date"
    if pd.api.types.is_bool_dtype(s):
        return ":boolean"
    if pd.api.types.is_integer_dtype(s):
        return ":long"
    if pd.api.types.is_float_dtype(s):
        return ":double"
    return ""


def property_names(columns: Iterable[object]) -> list[str]:
    """Header-safe property names: letters, digits and ``_`` only, each name once.

    A ledger may bring any column name (unknown columns are kept as
    attributes), and neo4j-admin reads a header field's ``:`` as the start of a
    type or role and its ``,`` as the next field: a column named ``role:LABEL``
    would add labels, one named ``x,y`` would shift every column after it. So
    every other character becomes ``_`` (Chinese letters stay), and a name
    made equal to an earlier one gets ``_2``, ``_3`` ...

    Examples
    --------
    >>> property_names(["name", "role:LABEL", "x,y", "x_y", "备注", '"q"', ":ID", ""])
    ['name', 'role_LABEL', 'x_y', 'x_y_2', '备注', '_q_', '_ID', '_']

    """
    out: list[str] = []
    seen: set[str] = set()
    for column in columns:
        name = _UNSAFE.sub("_", str(column)) or "_"
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            candidate = f"{name}_{n}"
        seen.add(candidate)
        out.append(candidate)
    return out


def _header(columns: pd.DataFrame, first: list[str], last: list[str]) -> str:
    names = [
        f"{name}{_neo4j_type(columns.iloc[:, j])}" for j, name in enumerate(property_names(columns.columns))
    ]
    return ",".join([*first, *names, *last]) + "\n"


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text; everything else as pandas writes it (missing → empty field)."""
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if str(s.dtype) == DATE or pd.api.types.is_datetime64_any_dtype(s):
            out[col] = s.dt.strftime("%Y-%m-%d")
    return out


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, header=False, encoding="utf-8", lineterminator="\n")


def import_args(
    node_files: list[str],
    rel_files: list[str],
    *,
    database: str = "neo4j",
) -> list[str]:
    """Arguments of ``neo4j-admin`` that import the given files into ``database``.

    Each entry is ``"header.csv,data.csv"`` (or a single file). The database is
    overwritten; the server must be stopped (or the database offline).
    """
    args = ["database", "import", "full", database, "--overwrite-destination=true", "--multiline-fields=true"]
    args += [f"--nodes={f}" for f in node_files]
    args += [f"--relationships={f}" for f in rel_files]
    return args


def write_admin_import(
    net: Network,
    out_dir: str | os.PathLike[str],
    *,
    show_contacts: bool = False,
    analysis: Analysis | None = None,
) -> Path:
    """Write ``net`` as neo4j-admin import files into ``out_dir``.

    Parameters
    ----------
    net
        The network to write (read only).
    out_dir
        Folder to write (created; existing files of the same names are replaced).
    show_contacts
        Write phone numbers unmasked (masked by default).
    analysis
        The analysis of ``net``, whose results go on the nodes as
        :func:`graphkit.neo4j.push` writes them (:mod:`graphkit.neo4j.derived`).

    Returns
    -------
    Path
        ``out_dir``, holding ``<Label>.header.csv`` + ``<Label>.csv`` per
        non-empty node kind, ``<TYPE>.header.csv`` + ``<TYPE>.csv`` per non-empty
        relationship type, ``import.sh`` and ``README.txt``.

    Notes
    -----
    Every write is one vectorised ``DataFrame.to_csv``. Relationships whose
    endpoints are not nodes of the network are left out (neo4j-admin would
    stop on them).

    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    node_files: list[str] = []
    rel_files: list[str] = []
    for kind in NODE_KINDS:
        frame = net.nodes[kind]
        if frame.empty:
            continue
        # a record the source never kept (the secretary) is no column, as in a push
        frame = frame.drop(columns=[c for c in RECORD_COLUMNS.get(kind, ()) if not net.has_column(kind, c)])
        frame = mask_contacts(frame, show_contacts=show_contacts)
        frame = frame.assign(name=frame["name"].fillna(pd.Series(frame.index, index=frame.index)))
        derived = derived_frame(net, kind, analysis)
        frame = frame.assign(**{c: derived[c].array for c in derived.columns})
        labels = pd.Series(kind, index=frame.index, dtype="string")
        if optional_labels(kind):
            extra = extra_labels(kind, frame).astype("string").str.replace(":", ";")
            labels = labels.where(extra.eq(""), labels + ";" + extra)
        (out / f"{kind}.header.csv").write_text(_header(frame, ["id:ID"], [":LABEL"]), encoding="utf-8")
        data = _csv_ready(frame).reset_index()
        data[":LABEL"] = labels.to_numpy()
        _write(data, out / f"{kind}.csv")
        node_files.append(f"{kind}.header.csv,{kind}.csv")
    known = _node_ids(net)
    for rel_type in REL_TYPES:
        frame = net.rels[rel_type]
        frame = frame[known(frame["source"]) & known(frame["target"])]
        if frame.empty:
            continue
        attrs = [c for c in frame.columns if c not in REL_BASE_COLUMNS]
        grouped = frame.groupby(["source", "target"], sort=False)
        data = grouped[attrs].first() if attrs else grouped.size().to_frame("rows")[[]]
        data["rows"] = grouped.size().astype("int64")
        data = data.reset_index()
        props = data.drop(columns=["source", "target"])
        header = _header(props, [":START_ID", ":END_ID", ":TYPE"], [])
        (out / f"{rel_type}.header.csv").write_text(header, encoding="utf-8")
        data.insert(2, ":TYPE", rel_type)
        _write(_csv_ready(data), out / f"{rel_type}.csv")
        rel_files.append(f"{rel_type}.header.csv,{rel_type}.csv")
    _write_campaign(net, out, node_files, rel_files, known)
    _write_load_findings(net, out, node_files)
    _write_script(out, node_files, rel_files)
    return out


def _write_load_findings(net: Network, out: Path, node_files: list[str]) -> None:
    """``LoadFinding.csv``: the load's data-quality findings, as :func:`graphkit.neo4j.push` stores them."""
    rows = load_finding_rows(net)
    if not rows:
        return
    frame = pd.DataFrame.from_records(rows).set_index("id")
    frame["seq"] = frame["seq"].astype("int64")
    header = _header(frame, ["id:ID"], [":LABEL"])
    (out / f"{LOAD_FINDING_LABEL}.header.csv").write_text(header, encoding="utf-8")
    _write(frame.reset_index().assign(**{":LABEL": LOAD_FINDING_LABEL}), out / f"{LOAD_FINDING_LABEL}.csv")
    node_files.append(f"{LOAD_FINDING_LABEL}.header.csv,{LOAD_FINDING_LABEL}.csv")


def _node_ids(net: Network) -> Callable[[pd.Series], np.ndarray]:
    """Which of some ids are ids of nodes of ``net``: every node id hashed once, not once per column.

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1"}], "Street": [{"id": "S1"}]})
    >>> _node_ids(net)(pd.Series(["S1", "U9", None], dtype="string")).tolist()
    [True, False, False]

    """
    index = TextIndex(net.kinds.index)

    def known(values: pd.Series) -> np.ndarray:
        return index.positions(values) >= 0

    return known


def _event_keys(table: str, n: int) -> pd.Series:
    """:func:`event_id` of rows 1 to ``n`` of ``table``, made as one column (not one string at a time).

    Examples
    --------
    >>> _event_keys("visits", 3).tolist() == [event_id("visits", i) for i in (1, 2, 3)]
    True

    """
    numbers = pa.array(np.arange(1, n + 1, dtype=np.int64)).cast(pa.large_string())
    prefix = event_id(table, 0).removesuffix("0")
    text = pa.scalar(prefix, pa.large_string()), numbers, pa.scalar("", pa.large_string())
    return pd.Series(pc.binary_join_element_wise(*text), dtype="string")


def _write_campaign(
    net: Network,
    out: Path,
    node_files: list[str],
    rel_files: list[str],
    known: Callable[[pd.Series], np.ndarray],
) -> None:
    """The event tables and the ``:Ledger`` node, as :func:`graphkit.neo4j.push` writes them.

    Shape: :mod:`graphkit.neo4j.campaign` (``Activity.csv`` + ``HELD_BY.csv``,
    ``Training.csv`` + ``FOR_ORG.csv``, ``Honour.csv`` + ``AWARDED_TO.csv``,
    ``VISITED.csv``, ``Ledger.csv``). Rows whose end is not a node of the
    network keep their event node and lose the link.
    """
    from graphkit.neo4j.push import ledger_record

    record = ledger_record(net)
    ledger = pd.DataFrame(
        {
            "name": [LEDGER_NAME],
            "tables": [";".join(record["tables"])],
            "columns": [";".join(record["columns"])],
        }
    )
    header = _header(ledger, ["id:ID"], [":LABEL"]).replace(
        "tables,columns", "tables:string[],columns:string[]"
    )
    (out / f"{LEDGER_LABEL}.header.csv").write_text(header, encoding="utf-8")
    _write(
        ledger.assign(**{":LABEL": LEDGER_LABEL}).rename(index={0: LEDGER_ID}).reset_index(),
        out / f"{LEDGER_LABEL}.csv",
    )
    node_files.append(f"{LEDGER_LABEL}.header.csv,{LEDGER_LABEL}.csv")
    for table in EVENT_TABLES:
        frame = net.events[table]
        if frame.empty:
            continue
        seq = pd.Series(range(1, len(frame) + 1), index=frame.index, dtype="int64")
        keys = _event_keys(table, len(frame)).set_axis(frame.index)
        if table == "visits":
            both = known(frame["person"]) & known(frame["target"])
            data = pd.DataFrame(
                {"s": frame["person"], "t": frame["target"], ":TYPE": VISIT_REL, "id": keys, "seq": seq}
            ).join(frame[["date", "matter"]])[both]
            header = _header(data.drop(columns=["s", "t", ":TYPE"]), [":START_ID", ":END_ID", ":TYPE"], [])
            (out / f"{VISIT_REL}.header.csv").write_text(header, encoding="utf-8")
            _write(_csv_ready(data), out / f"{VISIT_REL}.csv")
            rel_files.append(f"{VISIT_REL}.header.csv,{VISIT_REL}.csv")
            continue
        label, rel, (column, kind_column) = EVENT_LABELS[table], EVENT_RELS[table], EVENT_REF[table]
        drop = [column, kind_column] if kind_column else [column]
        nodes = frame.drop(columns=drop).assign(seq=seq)
        (out / f"{label}.header.csv").write_text(_header(nodes, ["id:ID"], [":LABEL"]), encoding="utf-8")
        _write(
            _csv_ready(nodes).assign(**{":LABEL": label}).set_axis(keys).reset_index(), out / f"{label}.csv"
        )
        node_files.append(f"{label}.header.csv,{label}.csv")
        linked = known(frame[column])
        links = pd.DataFrame({"s": keys, "t": frame[column], ":TYPE": rel})[linked]
        (out / f"{rel}.header.csv").write_text(":START_ID,:END_ID,:TYPE\n", encoding="utf-8")
        _write(links, out / f"{rel}.csv")
        rel_files.append(f"{rel}.header.csv,{rel}.csv")


def export_neo4j_admin(net: Network, out: str | os.PathLike[str]) -> Path:
    """``graphkit export --format neo4j-admin``: :func:`write_admin_import` with defaults."""
    return write_admin_import(net, out)


def import_files(out_dir: str | os.PathLike[str]) -> tuple[list[str], list[str]]:
    """The ``"header.csv,data.csv"`` pairs of a folder of :func:`write_admin_import`: nodes, relationships.

    A header whose first column is ``:ID``-typed (``id:ID``) is a node file,
    whatever its label (node kinds, event nodes, ``:Ledger``,
    ``:LoadFinding``); the others are relationship files. Paths are absolute.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     files = write_admin_import(Network.from_records(nodes={"Street": [{"id": "S1"}]}), tmp)
    ...     nodes, rels = import_files(files)
    >>> [Path(p.split(",")[0]).name for p in nodes], rels
    (['Ledger.header.csv', 'Street.header.csv'], [])

    """
    folder = Path(out_dir).absolute()
    nodes: list[str] = []
    rels: list[str] = []
    for header in sorted(folder.glob("*.header.csv")):
        pair = f"{header},{header.with_name(header.name.replace('.header.csv', '.csv'))}"
        first = header.read_text(encoding="utf-8").split(",", 1)[0]
        (nodes if first.endswith(":ID") and first != ":START_ID" else rels).append(pair)
    return nodes, rels


def import_local(
    out_dir: str | os.PathLike[str],
    *,
    home: str | os.PathLike[str] | None = None,
    database: str = "neo4j",
) -> str:
    """Import files written by :func:`write_admin_import` into the local server's database.

    Uses the ``neo4j-admin`` of the server in ``home`` (see
    :mod:`graphkit.neo4j.server`), which must be stopped; the database is
    replaced. Returns neo4j-admin's report. From a shell:
    ``python -m graphkit.neo4j.admin DIR [DATABASE]``.

    Raises
    ------
    Neo4jError
        The server is running, the folder holds no import files, or the import fails.

    """
    from graphkit.exceptions import Neo4jError
    from graphkit.neo4j import server

    folder = Path(out_dir).absolute()
    headers = sorted(folder.glob("*.header.csv"))
    if not headers:
        msg = f"{folder}: no *.header.csv files; write them with graphkit export --format neo4j-admin"
        raise Neo4jError(msg)
    if server.status(home).running:
        msg = "the local Neo4j server is running: stop it first (graphkit neo4j stop), then import"
        raise Neo4jError(msg)
    nodes, rels = import_files(folder)
    cfg = server.ServerConfig.from_env(home)
    done = server.neo4j_admin(import_args(nodes, rels, database=database), cfg)
    return done.stdout


def _write_script(out: Path, node_files: list[str], rel_files: list[str]) -> None:
    args = import_args(node_files, rel_files, database="DATABASE")
    quoted = " \\\n  ".join(shlex.quote(a) for a in args[4:])
    script = f"""#!/bin/sh
# Import these files into a Neo4j database, replacing its contents.
# Usage: sh import.sh [DATABASE]   (default: neo4j)
# Stop the server first (graphkit neo4j stop), or take the database offline.
# NEO4J_ADMIN may name the neo4j-admin command (default: neo4j-admin on PATH).
set -e
cd "$(dirname "$0")"
"${{NEO4J_ADMIN:-neo4j-admin}}" database import full "${{1:-neo4j}}" \\
  {quoted}
"""
    (out / "import.sh").write_text(script, encoding="utf-8")
    (out / "import.sh").chmod(0o755)
    readme = f"""Neo4j import files written by graphkit
=======================================

One header file and one data file per node label and relationship type,
UTF-8, comma-separated, for neo4j-admin (Neo4j 5):

    neo4j-admin database import full neo4j --overwrite-destination=true \\
      --multiline-fields=true \\
      {" ".join(f"--nodes={f}" for f in node_files)} \\
      {" ".join(f"--relationships={f}" for f in rel_files)}

Run it in this folder with the server stopped; `sh import.sh [DATABASE]` does
exactly that. The database is replaced by this graph. With the local server of
`graphkit neo4j start` (no neo4j-admin on PATH needed):

    graphkit neo4j stop
    python -m graphkit.neo4j.admin THIS_FOLDER
    graphkit neo4j start

Then open Browser.

Every node has id (unique) and name; units also carry the label Enterprise,
SocialOrg or IndividualBusiness. The campaign tables: Activity, Training and
Honour nodes (id = table:row number) with HELD_BY, FOR_ORG and AWARDED_TO, a
VISITED relationship per visit, and one Ledger node listing the tables and
record columns the ledger kept. Each relationship stands for `rows` ledger rows. Phone numbers are
masked unless the files were written with show_contacts=True.
"""
    (out / "README.txt").write_text(readme, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - exercised through import_local
    from graphkit.exceptions import GraphkitError

    if len(sys.argv) not in (2, 3):
        print("usage: python -m graphkit.neo4j.admin DIR [DATABASE]", file=sys.stderr)
        sys.exit(2)
    try:
        print(import_local(sys.argv[1], database=sys.argv[2] if len(sys.argv) == 3 else "neo4j"))
    except GraphkitError as exc:
        print(f"neo4j-admin import: {exc}", file=sys.stderr)
        sys.exit(2)
