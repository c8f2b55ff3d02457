"""Write a :class:`~graphkit.Network` back as a ledger (DESIGN §4).

The writer is the reader's inverse: what :func:`write_ledger` writes,
:func:`loaders.read_ledger` reads back into an equal network. Tables, headers
and value words come from :mod:`loaders.schema`:

- sheet names and headers in Chinese (``lang="zh"``: ``TableSpec.zh`` /
  ``ColumnSpec.zh``) or in canonical English (``lang="en"``);
- enum values as the first word of :data:`~loaders.schema.VALUE_WORDS`
  (``enterprise`` → ``企业``);
- references written as ids, derived from the relationship frames (a unit's
  ``COVERED_BY`` row becomes its 所在党组织 cell; ``GUIDES``/``LIAISES`` rows
  become 联系对象 rows; ``PAIRED_WITH`` rows become 结对共建 rows; ``SERVES``
  gives each street's 指导站 by the station's name);
- extra node columns (not in the model) after the schema columns, under their
  own names.

In a workbook every identifier and reference cell is a text cell in a column
formatted as text (``@``), so an all-digit credit code never turns into a number;
whole numbers are number cells and dates are date cells (``yyyy-mm-dd``). CSV
files are UTF-8 with a byte-order mark so Excel shows Chinese correctly.

Examples
--------
>>> import tempfile
>>> from graphkit import Network
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "914101020000000011", "name": "甲公司", "kind": "enterprise"}],
...            "Street": [{"id": "S1", "name": "林山寨街道"}]},
...     rels={"IN_STREET": [("914101020000000011", "S1")]},
... )
>>> ledger_tables(net)["units"].loc[0, ["统一社会信用代码", "单位类型", "所属街道"]].tolist()
['914101020000000011', '企业', 'S1']
>>> with tempfile.TemporaryDirectory() as tmp:
...     [p.name for p in write_ledger(net, f"{tmp}/ledger.xlsx")]
['ledger.xlsx']

"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from graphkit.atomic import replaced_when_done
from graphkit.exceptions import GraphkitError
from graphkit.kernels import joined_text
from graphkit.model import NODE_KINDS, RECORD_COLUMNS, Network
from graphkit.sheetrows import BulkWorkbook, text_width
from loaders.schema import TABLES, VALUE_WORDS, TableSpec

__all__ = ["ledger_tables", "write_ledger"]

#: Separator written between several references in one ``refs`` cell.
SEPARATOR = "、"

#: Rows of a CSV file built and written at a time (Arrow text, never one Python string per row).
CSV_BLOCK_ROWS = 500_000

# (table, column) -> (relationship type, source kind) for single/multi references
_REF_SOURCES: dict[tuple[str, str], tuple[str, str]] = {
    ("units", "street"): ("IN_STREET", "Unit"),
    ("units", "carrier"): ("LOCATED_IN", "Unit"),
    ("units", "association"): ("MEMBER_OF", "Unit"),
    ("units", "supervisor"): ("SUPERVISED_BY", "Unit"),
    ("units", "party_org"): ("COVERED_BY", "Unit"),
    ("carriers", "street"): ("IN_STREET", "Carrier"),
    ("party_orgs", "base"): ("BASED_AT", "PartyOrg"),
    ("party_orgs", "parent"): ("REPORTS_TO", "PartyOrg"),
    ("party_orgs", "street"): ("IN_STREET", "PartyOrg"),
    ("instructors", "sent_by"): ("SENT_BY", "Instructor"),
    ("liaisons", "sent_by"): ("SENT_BY", "Liaison"),
    ("organ_branches", "department"): ("BRANCH_OF", "OrganBranch"),
    ("positions", "host"): ("HOSTED_BY", "Position"),
    ("positions", "used_by"): ("USED_BY", "Position"),
}

#: Tables written only when the network's source had them (DESIGN §5, "Missing versus empty").
_KEPT_IF_HAD = frozenset({"positions", "activities", "visits", "trainings", "honours"})

#: How a yes/no cell is written, by language.
_BOOL_WORDS = {"zh": ("是", "否"), "en": ("yes", "no")}


def _label(spec_zh: str, name: str, lang: str) -> str:
    return spec_zh if lang == "zh" else name


def _arrow(values: Any) -> Any:
    """``values`` (a Series, Index or array) as one Arrow array (no copy for Arrow-backed text)."""
    import pyarrow as pa

    if isinstance(values, pd.Index | pd.Series):
        values = values.array
    arr = values if isinstance(values, pa.Array | pa.ChunkedArray) else pa.array(values, from_pandas=True)
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _text(arr: Any, index: pd.Index) -> pd.Series:
    """An Arrow array as a text Series on ``index``."""
    import pyarrow as pa

    return pd.Series(pd.arrays.ArrowStringArray(arr.cast(pa.large_string())), index=index, copy=False)


def _reference(net: Network, rel_type: str, source_kind: str, index: pd.Index, *, multi: bool) -> pd.Series:
    """The target id(s) of each node in ``index`` along ``rel_type`` (first one, or all joined).

    Looked up in Arrow by hash (``index_in``): O(len(index) + rows), with no Python object per id.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    rel = net.rel(rel_type)
    rel = rel.loc[rel["source_kind"].fillna(source_kind) == source_kind, ["source", "target"]]
    if multi:
        rel = rel.drop_duplicates()
    source, target = _arrow(rel["source"].astype("string")), _arrow(rel["target"].astype("string"))
    if multi:  # each source's targets in order, joined; sources in order of first appearance
        keys = pc.unique(source)
        group = pc.index_in(source, value_set=keys).to_numpy()
        order = np.argsort(group, kind="stable")
        offsets = np.concatenate([[0], np.cumsum(np.bincount(group, minlength=len(keys)))]).astype(np.int32)
        lists = pa.ListArray.from_arrays(pa.array(offsets), target.take(pa.array(order)))
        source, target = keys, pc.binary_join(lists, pa.scalar(SEPARATOR, target.type))
    at = pc.index_in(_arrow(index.astype("string")), value_set=source)  # the first row of each source
    return _text(target.take(at), index)


def _enum(values: pd.Series, key: str, lang: str) -> pd.Series:
    if lang != "zh":
        return values.astype("string")
    import pyarrow as pa
    import pyarrow.compute as pc

    words = {canonical: spelled[0] for canonical, spelled in VALUE_WORDS[key].items()}
    arr = _arrow(values.astype("string"))
    at = pc.index_in(arr, value_set=pa.array(list(words), type=arr.type))
    mapped = pa.array(list(words.values()), type=arr.type).take(at)
    return _text(pc.coalesce(mapped, arr), values.index)


def _bool(values: pd.Series, lang: str) -> pd.Series:
    yes, no = _BOOL_WORDS[lang]
    return values.astype("boolean").map({True: yes, False: no}, na_action="ignore").astype("string")


def _event_table(net: Network, spec: TableSpec, lang: str) -> pd.DataFrame:
    """One event table (activities, visits, trainings, honours) with its ledger headers."""
    frame = net.events[spec.name]
    data: dict[str, Any] = {}
    for col in spec.columns:
        values = frame[col.name] if col.name in frame.columns else pd.Series(pd.NA, index=frame.index)
        if col.type == "enum":
            values = _enum(values, f"{spec.name}.{col.name}", lang)
        data[_label(col.zh, col.name, lang)] = values.array
    return pd.DataFrame(data)


def _node_table(net: Network, spec: TableSpec, lang: str) -> pd.DataFrame:
    assert spec.kind is not None
    frame = net.nodes[spec.kind]
    model_cols = set(NODE_KINDS[spec.kind].columns)
    data: dict[str, Any] = {}
    for col in spec.columns:
        if col.name in RECORD_COLUMNS.get(spec.kind, ()) and not net.has_column(spec.kind, col.name):
            continue  # a record the network does not keep: written as no column, not a blank one
        if col.name == "id":
            values: pd.Series = pd.Series(frame.index.array, index=frame.index).astype("string")
        elif (spec.name, col.name) in _REF_SOURCES:
            rel_type, source_kind = _REF_SOURCES[(spec.name, col.name)]
            values = _reference(net, rel_type, source_kind, frame.index, multi=col.type == "refs")
        elif spec.name == "streets" and col.name == "guidance_station":
            values = _station_names(net, frame.index)
        elif col.name in frame.columns:
            values = frame[col.name]
            if col.type == "enum":
                values = _enum(values, f"{spec.name}.{col.name}", lang)
            elif col.type == "bool":
                values = _bool(values, lang)
        else:
            values = pd.Series(pd.NA, index=frame.index, dtype="string")
        data[_label(col.zh, col.name, lang)] = values.array
    written = {c.name for c in spec.columns}
    for extra in frame.columns:
        if extra not in model_cols and extra not in written:
            data[extra] = frame[extra].array
    return pd.DataFrame(data)


def _station_names(net: Network, index: pd.Index) -> pd.Series:
    serves = net.rel("SERVES").drop_duplicates("target")
    names = net.stations["name"]
    station = serves.set_index("target")["source"]
    named = station.map(names).fillna(station).astype("string")
    return named.reindex(index).astype("string")


def ledger_tables(net: Network, *, lang: str = "zh") -> dict[str, pd.DataFrame]:
    """The ledger tables of ``net`` as frames with the headers a file would carry.

    Parameters
    ----------
    net
        The network to write. It is not changed.
    lang
        ``"zh"`` for Chinese headers and value words, ``"en"`` for canonical names.

    Returns
    -------
    dict of str to pandas.DataFrame
        Canonical table name (``units``, ``carriers``, ...) → a frame with one
        column per ledger column (plus extra node columns), in schema order.
        Identifier and reference columns hold strings; whole numbers stay
        ``Int64``; dates stay ``datetime64``.

    Notes
    -----
    A unit with several ``COVERED_BY`` (or any single-valued reference with
    several targets) is written with its first target only; multi-valued
    columns (所属行业协会商会, 联系对象, 结对党组织) carry all of them.

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(
    ...     nodes={"Instructor": [{"id": "I1", "name": "张伟"}], "Unit": [{"id": "U1"}, {"id": "U2"}]},
    ...     rels={"GUIDES": [("I1", "U1"), ("I1", "U2")]},
    ... )
    >>> ledger_tables(net)["assignments"].to_numpy().tolist()
    [['I1', 'U1'], ['I1', 'U2']]

    """
    if lang not in {"zh", "en"}:
        msg = f"write_ledger: lang must be 'zh' or 'en', got {lang!r}"
        raise GraphkitError(msg)
    out: dict[str, pd.DataFrame] = {}
    for name, spec in TABLES.items():
        if name in _KEPT_IF_HAD and not net.has_table(name):
            continue  # a record the district does not keep: no table, not an empty one
        if spec.event:
            out[name] = _event_table(net, spec, lang)
        elif spec.kind is not None:
            out[name] = _node_table(net, spec, lang)
        elif name == "assignments":
            rels = pd.concat([net.rel("GUIDES"), net.rel("LIAISES")], ignore_index=True)
            out[name] = pd.DataFrame(
                {
                    _label(spec.column("person").zh, "person", lang): rels["source"].astype("string"),
                    _label(spec.column("target").zh, "target", lang): rels["target"].astype("string"),
                }
            )
        elif name == "pairings":
            rels = net.rel("PAIRED_WITH")
            out[name] = pd.DataFrame(
                {
                    _label(spec.column("organ_branch").zh, "organ_branch", lang): rels["source"].astype(
                        "string"
                    ),
                    _label(spec.column("party_org").zh, "party_org", lang): rels["target"].astype("string"),
                    _label(spec.column("since").zh, "since", lang): rels["since"],
                }
            )
    return out


def _text_columns(spec: TableSpec, lang: str, frame: pd.DataFrame) -> set[str]:
    """Headers whose cells must be text: ids, references and every string column."""
    out = {_label(c.zh, c.name, lang) for c in spec.columns if c.type in {"id", "ref", "refs"}}
    out |= {c for c in frame.columns if not _is_number(frame[c]) and not _is_date(frame[c])}
    return out


def _is_number(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype)


def _is_date(s: pd.Series) -> bool:
    return pd.api.types.is_datetime64_any_dtype(s.dtype)


def _display_width(s: pd.Series, header: str) -> float:
    """A column width that fits the header and the widest of the first 1,000 values."""
    widest = max(text_width(pd.Series([header])), text_width(s.head(1000)), 6)
    return float(min(widest + 2, 60))


def _write_xlsx(tables: dict[str, pd.DataFrame], path: Path, lang: str) -> None:
    """One sheet per table: bold frozen filtered headers, ids and text as text, dates as dates.

    xlsxwriter lays out each sheet; the rows are written in bulk (:class:`graphkit.sheetrows.BulkWorkbook`).
    """
    bulk = BulkWorkbook()
    book = bulk.book
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    text = book.add_format({"num_format": "@"})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    for name, frame in tables.items():
        spec = TABLES[name]
        sheet = book.add_worksheet(_label(spec.zh, spec.name, lang))
        text_cols = _text_columns(spec, lang, frame)
        cells = {}
        for j, header in enumerate(frame.columns):
            s = frame[header]
            fmt = text if header in text_cols else date if _is_date(s) else None
            sheet.set_column(j, j, _display_width(s, header), fmt)
            cells[header] = s.astype("string") if header in text_cols else s
        sheet.write_row(0, 0, list(frame.columns), bold)
        sheet.freeze_panes(1, 0)
        if len(frame):
            sheet.autofilter(0, 0, len(frame), len(frame.columns) - 1)
        bulk.defer_rows(sheet, pd.DataFrame(cells, index=frame.index), first_row=1)
    with replaced_when_done(path) as part:  # a whole workbook or the one there before
        bulk.save(part)


def _csv_cells(values: pd.Series) -> Any:
    """One CSV column as Arrow strings, quoted only where needed (RFC 4180)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if _is_date(values):  # yyyy-mm-dd, as strftime("%Y-%m-%d") writes it
        arr = pc.cast(pc.strftime(_arrow(values), "%Y-%m-%d"), pa.string())
    elif pd.api.types.is_integer_dtype(values.dtype) or pd.api.types.is_string_dtype(values.dtype):
        arr = pc.cast(_arrow(values), pa.string())  # digits as astype("string") writes them
    else:
        arr = pa.array(values.astype("string"), type=pa.string(), from_pandas=True)
    arr = pc.fill_null(arr, "")
    if not _may_need_quotes(arr):
        return arr
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(arr, '"', '""'), '"', "")
    return pc.if_else(pc.match_substring_regex(arr, '[",\r\n]'), quoted, arr)


def _may_need_quotes(arr: Any) -> bool:
    """False when no cell holds a quote, comma or line break anywhere: one byte scan of the text buffer.

    Most columns hold none, and the scan costs a fraction of the per-cell regular expression.
    """
    import pyarrow as pa

    for chunk in arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]:
        buffers = chunk.buffers()
        raw = buffers[2].to_pybytes() if len(buffers) > 2 and buffers[2] is not None else b""
        if any(ch in raw for ch in (b'"', b",", b"\r", b"\n")):
            return True
    return False


def _write_csv(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """Each table as ``<name>.csv``, written in blocks of :data:`CSV_BLOCK_ROWS` rows (bounded memory)."""
    import pyarrow.compute as pc

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in tables.items():
        header = ",".join(_csv_cells(pd.Series(list(frame.columns), dtype="string")).to_pylist())
        path = folder / f"{name}.csv"
        with replaced_when_done(path) as part, part.open("wb") as out:  # whole, or the file before
            # a byte-order mark so Excel reads the file as UTF-8
            out.write(f"\ufeff{header}\n".encode())
            for start in range(0, len(frame), CSV_BLOCK_ROWS):
                block = frame.iloc[start : start + CSV_BLOCK_ROWS]
                cells = [_csv_cells(block[c]) for c in block.columns]
                rows = pc.binary_join_element_wise(*cells, ",") if len(cells) > 1 else cells[0]
                out.write(joined_text(pc.binary_join_element_wise(rows, "", "\n")))  # each row, then \n
        paths.append(path)
    return paths


def write_ledger(
    net: Network,
    path: str | Path,
    *,
    format: str = "xlsx",
    lang: str = "zh",
) -> list[Path]:
    """Write ``net`` as a ledger that :func:`loaders.read_ledger` reads back.

    Parameters
    ----------
    net
        The network to write. It is not changed.
    path
        ``format="xlsx"``: the workbook file to write (one sheet per table).
        ``format="csv"``: the folder to write ``<table>.csv`` files into
        (created when missing).
    format
        ``"xlsx"`` or ``"csv"``.
    lang
        ``"zh"`` (Chinese sheet names, headers and value words) or ``"en"``.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    GraphkitError
        On an unknown ``format`` or ``lang``, or when the file cannot be written.

    Notes
    -----
    Every table is written, empty ones as a header row; each file appears
    whole or not at all (written under a temporary name, then renamed, see
    :mod:`graphkit.atomic`), so a reader never takes a file cut short for a
    shorter ledger. A workbook's rows are
    built a column at a time in Arrow like the CSV files' cells (about 1 s of
    CPU per 100,000 units for either; 10 s for a million units as CSV).

    Examples
    --------
    >>> import tempfile
    >>> from graphkit import Network
    >>> net = Network.from_records(nodes={"Street": [{"id": "S1", "name": "须水街道"}]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_ledger(net, tmp, format="csv")
    ...     header = paths[4].read_text(encoding="utf-8-sig").splitlines()[0]
    >>> paths[4].name, header
    ('streets.csv', '编号,街道名称,指导站')

    """
    if format not in {"xlsx", "csv"}:
        msg = f"write_ledger: format must be 'xlsx' or 'csv', got {format!r}"
        raise GraphkitError(msg)
    tables = ledger_tables(net, lang=lang)
    path = Path(path)
    try:
        if format == "csv":
            return _write_csv(tables, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_xlsx(tables, path, lang)
    except OSError as exc:
        msg = f"{path}: cannot write the ledger: {exc}"
        raise GraphkitError(msg) from exc
    return [path]
