"""Month over month: what changed between snapshots of one district's ledger (DESIGN §4, §7).

A **snapshot** is a ledger as it stood at the end of a month. :func:`compare`
analyses each snapshot as of its date (:func:`graphkit.analyze`, the same
settings for all) and compares consecutive ones:

- ``changes``: rows of every ledger table added, removed or changed, one row
  per changed column (:func:`table_changes`);
- ``status_changes``: units whose coverage status moved (:func:`status_changes`);
- ``findings_delta``: findings opened, resolved or persisting (:func:`findings_delta`);
- ``streets`` and ``district``: per street (and for the whole district) and
  snapshot, the units, the three rates, findings by severity and the month's
  campaign work, each beside its change (:func:`street_months`);
- ``bulletin``: the 通报 of the last snapshot, streets ranked by what lags
  (:func:`bulletin`).

Units are the same across snapshots when their credit codes (ids) are equal,
everything else when its id is equal.

Examples
--------
>>> import graphkit as gk
>>> before = gk.datasets.tiny()
>>> after = before.without(["L1"])  # the liaison of 庚培训学校 leaves
>>> result = compare([before, after], dates=["2026-10", "2026-11"])
>>> result.dates
(datetime.date(2026, 10, 31), datetime.date(2026, 11, 30))
>>> result.status_changes[["unit_id", "old_status", "new_status"]].to_numpy().tolist()
[['U08', 'work_only', 'uncovered']]
>>> result.changes.loc[0, ["table", "id", "change"]].tolist()
['liaisons', 'L1', 'removed']

"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from graphkit.analysis import analyze
from graphkit.analysis.coverage import party_org_street_ids
from graphkit.exceptions import ConfigError
from graphkit.findings import CODES
from graphkit.model import NODE_KINDS, Network
from graphkit.results import Analysis, Comparison
from graphkit.settings import Settings

__all__ = [
    "BULLETIN_COLUMNS",
    "CHANGE_COLUMNS",
    "DELTA_COLUMNS",
    "EVENT_COUNTS",
    "STATUS_CHANGE_COLUMNS",
    "STREET_METRICS",
    "bulletin",
    "compare",
    "findings_delta",
    "month_counts",
    "parse_date",
    "snapshot_date",
    "status_changes",
    "street_months",
    "table_changes",
]

#: Columns of ``changes.csv`` (DESIGN §7), then the pair of snapshots compared.
CHANGE_COLUMNS = ["table", "id", "name", "street", "change", "column", "old", "new", "from", "to"]

#: Columns of ``status_changes.csv``.
STATUS_CHANGE_COLUMNS = ["unit_id", "name", "street", "old_status", "new_status", "from", "to"]

#: Columns of ``findings_delta.csv``.
DELTA_COLUMNS = ["code", "subject_id", "subject_name", "street", "state", "severity", "from", "to"]

#: The month's campaign work counted per street: column -> event table it counts.
EVENT_COUNTS = {
    "activities": "activities",
    "visits": "visits",
    "trainings": "trainings",
    "plaques": "honours",
}

#: The numbers of ``streets.csv``, each followed by ``<name>_change`` (the change from the snapshot before).
STREET_METRICS = [
    "units",
    "org_coverage",
    "own_rate",
    "work_coverage",
    "findings_error",
    "findings_warning",
    "findings_info",
    *EVENT_COUNTS,
]

#: Columns of the bulletin (通报).
BULLETIN_COLUMNS = [
    "rank",
    "street_id",
    "street",
    "org_coverage",
    "own_rate",
    "work_coverage",
    "findings_error",
    "org_coverage_change",
    "own_rate_change",
    "work_coverage_change",
    "score",
    "lags",
]

_RATES = ("org_coverage", "own_rate", "work_coverage")
_SEVERITIES = ("error", "warning", "info")

#: A month in a file or folder name: 2026年10月, 2026-10 (or _ . /), 202610.
_MONTH_PATTERNS = (
    re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月"),
    re.compile(r"(?<!\d)(\d{4})[-_./](\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})(\d{2})(?!\d)"),
)

#: References of each node kind, written as the ledger writes them: column -> (type, side of the node).
_REFERENCES: dict[str, dict[str, tuple[str, str]]] = {
    "Unit": {
        "street": ("IN_STREET", "source"),
        "carrier": ("LOCATED_IN", "source"),
        "association": ("MEMBER_OF", "source"),
        "supervisor": ("SUPERVISED_BY", "source"),
        "party_org": ("COVERED_BY", "source"),
    },
    "Carrier": {"street": ("IN_STREET", "source")},
    "PartyOrg": {
        "base": ("BASED_AT", "source"),
        "parent": ("REPORTS_TO", "source"),
        "street": ("IN_STREET", "source"),
    },
    "Street": {"guidance_station": ("SERVES", "target")},
    "Instructor": {"sent_by": ("SENT_BY", "source")},
    "Liaison": {"sent_by": ("SENT_BY", "source")},
    "OrganBranch": {"department": ("BRANCH_OF", "source")},
    "Position": {"host": ("HOSTED_BY", "source"), "used_by": ("USED_BY", "source")},
}

#: Ledger tables that are relationships without ids: table -> (types, attribute columns).
_LINK_TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "assignments": (("GUIDES", "LIAISES"), ()),
    "pairings": (("PAIRED_WITH",), ("since",)),
}

#: Separator of several references in one cell, and of the two ends of a link's id.
_MANY = "、"
_LINK = "→"


# --------------------------------------------------------------------------- dates
def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def snapshot_date(name: str | Path) -> dt.date | None:
    """The date of a snapshot from its name: the last day of the month the name holds.

    A month is written ``2026年10月``, ``2026-10`` (or with ``_``, ``.``,
    ``/``) or ``202610``; full-width digits count. A path's own name is read
    first, then its folder's (``snapshots/2026-10/台账.xlsx``). ``None`` when
    neither holds a month.

    Examples
    --------
    >>> snapshot_date("台账2026年2月.xlsx"), snapshot_date("ledger-2026-10"), snapshot_date("202611.xlsx")
    (datetime.date(2026, 2, 28), datetime.date(2026, 10, 31), datetime.date(2026, 11, 30))
    >>> snapshot_date(Path("snapshots/2026_12/units.csv")), snapshot_date("台账.xlsx")
    (datetime.date(2026, 12, 31), None)

    """
    path = Path(name)
    for part in (path.name, path.parent.name):
        text = unicodedata.normalize("NFKC", part)
        for pattern in _MONTH_PATTERNS:
            for match in pattern.finditer(text):
                year, month = int(match.group(1)), int(match.group(2))
                if 1 <= month <= 12 and 1900 <= year <= 2999:
                    return _month_end(year, month)
    return None


def parse_date(value: dt.date | str) -> dt.date:
    """A snapshot date given by hand: a date, ``YYYY-MM-DD``, or a month (its last day).

    Raises
    ------
    ConfigError
        When ``value`` is neither a date nor a month.

    Examples
    --------
    >>> parse_date("2026-10-15"), parse_date("2026年10月"), parse_date("202602")
    (datetime.date(2026, 10, 15), datetime.date(2026, 10, 31), datetime.date(2026, 2, 28))

    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    for pattern in _MONTH_PATTERNS:
        match = pattern.fullmatch(text)
        if match and 1 <= int(match.group(2)) <= 12:
            return _month_end(int(match.group(1)), int(match.group(2)))
    msg = f"{value!r} is not a date (YYYY-MM-DD) or a month (2026-10, 2026年10月, 202610)"
    raise ConfigError(msg)


# --------------------------------------------------------------------------- compare
def compare(
    snapshots: Sequence[Network | Analysis],
    *,
    dates: Sequence[dt.date | str] | None = None,
    names: Sequence[str] | None = None,
    settings: Settings | None = None,
    without: Iterable[str] = (),
    executor: Executor | None = None,
    **changes: Any,
) -> Comparison:
    """Analyse each snapshot as of its date and compare consecutive ones.

    Parameters
    ----------
    snapshots
        Two or more networks (each analysed here) or analyses (used as they
        are), in any order: they are sorted by date.
    dates
        One date per snapshot (a date, ``YYYY-MM-DD`` or a month, see
        :func:`parse_date`). By default a network's date comes from the name
        of its source file or folder (:func:`snapshot_date`), an analysis's
        from its as-of date.
    names
        What to call each snapshot (default: its source's name, else its date).
    settings, without, executor, **changes
        As for :func:`graphkit.analyze`, applied to every network; the as-of
        date is always the snapshot's.

    Returns
    -------
    Comparison
        Frames of :data:`CHANGE_COLUMNS`, :data:`STATUS_CHANGE_COLUMNS`,
        :data:`DELTA_COLUMNS`, the per-street months (:func:`street_months`)
        and the bulletin (:func:`bulletin`).

    Raises
    ------
    ConfigError
        Fewer than two snapshots, a count of ``dates`` or ``names`` that does
        not match, a snapshot without a date, two snapshots of the same date,
        an analysis whose as-of date is not the date given, or a bad setting.

    Notes
    -----
    Each analysis costs what :func:`graphkit.analyze` costs; the comparison is
    O(cells) of the tables compared.

    Examples
    --------
    >>> import graphkit as gk
    >>> net = gk.datasets.tiny()
    >>> result = compare([net, net], dates=["2026-11", "2026-10"])
    >>> len(result.changes), result.findings_delta["state"].unique().tolist()
    (0, ['persisting'])

    """
    snapshots = list(snapshots)
    if len(snapshots) < 2:
        msg = f"compare needs at least two snapshots, got {len(snapshots)}"
        raise ConfigError(msg)
    for what, given in (("dates", dates), ("names", names)):
        if given is not None and len(given) != len(snapshots):
            msg = f"{what}: {len(given)} given for {len(snapshots)} snapshots"
            raise ConfigError(msg)
    when = [_date_of(s, None if dates is None else dates[i], i) for i, s in enumerate(snapshots)]
    labels = (
        list(names) if names is not None else [_name_of(s, d) for s, d in zip(snapshots, when, strict=True)]
    )
    seen: dict[dt.date, str] = {}
    for label, day in zip(labels, when, strict=True):
        if day in seen:
            msg = f"{seen[day]} and {label} are both dated {day.isoformat()}; give each snapshot its own date"
            raise ConfigError(msg)
        seen[day] = label
    base = settings or Settings()
    if changes:
        base = base.replace(**changes)
    order = sorted(range(len(snapshots)), key=lambda i: when[i])
    analyses = []
    for i in order:
        snap = snapshots[i]
        if isinstance(snap, Analysis):
            analyses.append(snap)
        else:
            analyses.append(
                analyze(snap, settings=base.replace(as_of=when[i]), without=without, executor=executor)
            )
    dates_sorted = tuple(when[i] for i in order)
    pairs = list(itertools.pairwise(analyses))
    streets, district = street_months(analyses, dates_sorted)
    return Comparison(
        dates=dates_sorted,
        names=tuple(labels[i] for i in order),
        analyses=tuple(analyses),
        changes=_concat([table_changes(a.network, b.network) for a, b in pairs], pairs, CHANGE_COLUMNS),
        status_changes=_concat([status_changes(a, b) for a, b in pairs], pairs, STATUS_CHANGE_COLUMNS),
        findings_delta=_concat([findings_delta(a, b) for a, b in pairs], pairs, DELTA_COLUMNS),
        streets=streets,
        district=district,
        bulletin=bulletin(streets, district),
    )


def _date_of(snapshot: Network | Analysis, given: dt.date | str | None, i: int) -> dt.date:
    """The date of one snapshot: ``given``, else from its as-of date or its source's name."""
    if isinstance(snapshot, Analysis):
        as_of = snapshot.settings.as_of
        if given is not None:
            day = parse_date(given)
            if as_of is not None and as_of != day:
                msg = f"snapshot {i + 1}: analysed as of {as_of.isoformat()}, but dated {day.isoformat()}"
                raise ConfigError(msg)
            return day
        if as_of is None:
            msg = f"snapshot {i + 1}: an analysis without an as-of date; give dates"
            raise ConfigError(msg)
        return as_of
    if given is not None:
        return parse_date(given)
    source = snapshot.meta.get("source")
    day = snapshot_date(source) if source else None
    if day is None:
        what = Path(source).name if source else f"snapshot {i + 1}"
        msg = f"{what}: no month in its name (2026-10, 2026年10月, 202610); give dates"
        raise ConfigError(msg)
    return day


def _name_of(snapshot: Network | Analysis, day: dt.date) -> str:
    net = snapshot.network if isinstance(snapshot, Analysis) else snapshot
    source = net.meta.get("source")
    return Path(source).name if source else day.isoformat()


def _concat(
    frames: list[pd.DataFrame], pairs: list[tuple[Analysis, Analysis]], columns: list[str]
) -> pd.DataFrame:
    """The frames of each pair one after another, with ``from`` and ``to`` (ISO dates) filled in."""
    parts = []
    for frame, (a, b) in zip(frames, pairs, strict=True):
        parts.append(
            frame.assign(**{"from": a.settings.today.isoformat(), "to": b.settings.today.isoformat()})
        )
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    return out[columns].astype({c: "string" for c in columns if out[c].dtype == object})


# --------------------------------------------------------------------------- changes
def _text(series: pd.Series) -> pd.Series:
    """A column as the text a ledger cell shows (dates as YYYY-MM-DD); missing stays missing."""
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        out = series.dt.strftime("%Y-%m-%d")
    elif pd.api.types.is_bool_dtype(series.dtype):
        out = series.map({True: "True", False: "False"})
    elif pd.api.types.is_float_dtype(series.dtype):
        out = series.map(lambda v: f"{v:g}" if pd.notna(v) else None)
    else:
        out = series.astype("string")
    return out.astype("string")


def _reference(net: Network, kind: str, rel_type: str, side: str) -> pd.Series:
    """Ids a node of ``kind`` refers to through ``rel_type`` (sorted, joined by 、), by node id."""
    rel = net.rel(rel_type)
    other = "target" if side == "source" else "source"
    index = net.nodes[kind].index
    rel = rel.loc[rel[f"{side}_kind"] == kind, [side, other]].dropna().drop_duplicates()
    if rel.empty:
        return pd.Series(pd.NA, index=index, dtype="string")
    rel = rel.sort_values([side, other], kind="stable")
    many = rel[side].duplicated(keep=False).to_numpy()
    joined = rel[~many].set_index(side)[other]
    if many.any():  # few nodes refer to several: join only theirs in Python
        several = rel[many].groupby(side, sort=False)[other].agg(_MANY.join)
        joined = pd.concat([joined, several])
    return joined.reindex(index).astype("string")


def ledger_rows(net: Network, kind: str) -> pd.DataFrame:
    """The nodes of ``kind`` as text, with their references as the ledger writes them.

    One row per node, indexed by id: every attribute column (schema and
    extra), then the ids each node refers to (``street``, ``party_org`` …;
    several joined by 、).

    Examples
    --------
    >>> import graphkit as gk
    >>> ledger_rows(gk.datasets.tiny(), "Unit").loc["U03", ["name", "street", "party_org"]].tolist()
    ['丙商贸公司', 'S1', 'P2']

    """
    frame = net.nodes[kind]
    columns = {c: _text(frame[c]) for c in frame.columns}
    for column, (rel_type, side) in _REFERENCES.get(kind, {}).items():
        if column not in columns:
            columns[column] = _reference(net, kind, rel_type, side)
    return pd.DataFrame(columns, index=frame.index)


def _street_names(net: Network, kind: str) -> pd.Series:
    """Street name of each node of ``kind`` (a street its own), missing where unknown."""
    index = net.nodes[kind].index
    if kind == "Street":
        return net.street_names(pd.Series(index, index=index, dtype="string"))
    if kind == "PartyOrg":
        return net.street_names(party_org_street_ids(net)).reindex(index)
    if kind in ("Unit", "Carrier"):
        return net.street_names(net.street_of(kind))
    return pd.Series(pd.NA, index=index, dtype="string")


def _diff(
    table: str,
    old: pd.DataFrame,
    new: pd.DataFrame,
    names: tuple[pd.Series, pd.Series],
    streets: tuple[pd.Series, pd.Series],
) -> pd.DataFrame:
    """Rows of ``changes`` for one table whose rows ``old`` and ``new`` hold (text, indexed by id)."""
    added = new.index[~new.index.isin(old.index)]
    removed = old.index[~old.index.isin(new.index)]
    kept = new.index[new.index.isin(old.index)]
    parts = [
        pd.DataFrame(
            {"id": added, "name": names[1].reindex(added), "street": streets[1].reindex(added)}
        ).assign(change="added"),
        pd.DataFrame(
            {"id": removed, "name": names[0].reindex(removed), "street": streets[0].reindex(removed)}
        ).assign(change="removed"),
    ]
    columns = [*new.columns, *(c for c in old.columns if c not in new.columns)]
    changed = []
    for position, column in enumerate(columns):
        before = old[column] if column in old.columns else pd.Series(pd.NA, index=old.index, dtype="string")
        after = new[column] if column in new.columns else pd.Series(pd.NA, index=new.index, dtype="string")
        a = before.reindex(kept).to_numpy(dtype=object, na_value=None)
        b = after.reindex(kept).to_numpy(dtype=object, na_value=None)
        a_na, b_na = pd.isna(a), pd.isna(b)
        mask = (a_na != b_na) | (~a_na & ~b_na & (a != b))
        if mask.any():
            ids = kept[mask]
            changed.append(
                pd.DataFrame(
                    {
                        "id": ids,
                        "column": column,
                        "old": a[mask],
                        "new": b[mask],
                        "_order": position,
                    }
                )
            )
    if changed:
        rows = pd.concat(changed, ignore_index=True)
        rows["_at"] = kept.get_indexer(rows["id"])
        rows = rows.sort_values(["_at", "_order"], kind="stable").drop(columns=["_at", "_order"])
        rows["name"] = names[1].reindex(rows["id"]).to_numpy()
        rows["street"] = streets[1].reindex(rows["id"]).to_numpy()
        parts.append(rows.assign(change="changed"))
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else None
    if out is None:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in CHANGE_COLUMNS[:8]})
    out["table"] = table
    for column in ("column", "old", "new"):
        if column not in out.columns:
            out[column] = pd.NA
    return out[CHANGE_COLUMNS[:8]].astype("string")


def table_changes(old: Network, new: Network) -> pd.DataFrame:
    """Rows added, removed or changed between two snapshots, table by table.

    Every ledger table with ids (units, carriers, party_orgs, departments,
    streets, instructors, liaisons, organ_branches, positions, in that order) is
    compared by id: a row only in ``new`` is ``added``, only in ``old``
    ``removed``; a row in both gives one ``changed`` row per column whose
    value differs (``old``/``new`` as the ledger's text; references such
    as a unit's ``party_org`` or ``street`` as ids, several joined by 、).
    Assignments (person → target) and pairings (organ branch → party
    organisation) have no ids: a link is the same when both ends are, and its
    ``id`` is ``"person→target"``.

    Returns
    -------
    pandas.DataFrame
        ``table, id, name, street, change, column, old, new`` (text);
        ``name`` and ``street`` (a street name) come from ``new``, or from
        ``old`` for a removed row; ``column``, ``old`` and ``new`` are blank
        for added and removed rows.

    Notes
    -----
    O(cells) of both networks' tables.

    Examples
    --------
    >>> import graphkit as gk
    >>> old = gk.datasets.tiny()
    >>> new = old.without(["U10"])
    >>> table_changes(old, new)[["table", "id", "change"]].to_numpy().tolist()
    [['units', 'U10', 'removed']]

    """
    parts = []
    for kind, spec in NODE_KINDS.items():
        if spec.table is None:  # guidance stations: a column of the streets table
            continue
        rows = (ledger_rows(old, kind), ledger_rows(new, kind))
        names = (old.nodes[kind]["name"].astype("string"), new.nodes[kind]["name"].astype("string"))
        parts.append(_diff(spec.table, *rows, names, (_street_names(old, kind), _street_names(new, kind))))
    for table, (types, attributes) in _LINK_TABLES.items():
        rows = (_link_rows(old, types, attributes), _link_rows(new, types, attributes))
        parts.append(_diff(table, *(r[0] for r in rows), (rows[0][1], rows[1][1]), (rows[0][2], rows[1][2])))
    return pd.concat(parts, ignore_index=True)


def _link_rows(
    net: Network, types: tuple[str, ...], attributes: tuple[str, ...]
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """Links of ``types`` as rows indexed by ``"source→target"``, with their names and streets."""
    rel = pd.concat([net.rel(t) for t in types], ignore_index=True)
    rel = rel.drop_duplicates(["source", "target"])
    ids = pd.Index((rel["source"] + _LINK + rel["target"]).astype("string"), name="id")
    rows = pd.DataFrame({c: _text(rel[c]).to_numpy() for c in attributes}, index=ids)
    all_names = pd.concat([f["name"] for f in net.nodes.values()]).astype("string")
    all_names = all_names[~all_names.index.duplicated()]
    source_names = rel["source"].map(all_names).fillna(rel["source"])
    target_names = rel["target"].map(all_names).fillna(rel["target"])
    names = pd.Series((source_names + _LINK + target_names).to_numpy(), index=ids, dtype="string")
    street_ids = pd.concat(
        [net.street_of("Unit"), net.street_of("Carrier"), party_org_street_ids(net)]
    ).astype("string")
    street_ids = street_ids[~street_ids.index.duplicated()]
    target_street = rel["target"].map(street_ids).astype("string")
    streets = net.street_names(target_street).astype("string")
    return rows, names, pd.Series(streets.to_numpy(), index=ids, dtype="string")


# --------------------------------------------------------------------------- status and findings
def status_changes(old: Analysis, new: Analysis) -> pd.DataFrame:
    """Units in both snapshots whose coverage status moved.

    Returns
    -------
    pandas.DataFrame
        ``unit_id, name, street, old_status, new_status`` in the order of
        ``new``'s units; name and street (a street name) from ``new``. Units
        added or removed are in ``changes``, not here.

    Examples
    --------
    >>> import graphkit as gk
    >>> net = gk.datasets.tiny()
    >>> a = gk.analyze(net, as_of="2026-10-31")
    >>> b = gk.analyze(net.without(["C2"]), as_of="2026-11-30")
    >>> len(status_changes(a, b))
    0

    """
    before = old.coverage["status"]
    after = new.coverage
    kept = after.index[after.index.isin(before.index)]
    moved = kept[before.reindex(kept).to_numpy() != after.loc[kept, "status"].to_numpy()]
    rows = after.loc[moved]
    out = pd.DataFrame(
        {
            "unit_id": moved,
            "name": rows["name"].to_numpy(),
            "street": rows["street"].to_numpy(),
            "old_status": before.reindex(moved).to_numpy(),
            "new_status": rows["status"].to_numpy(),
        }
    )
    return out.astype("string")


def findings_delta(old: Analysis, new: Analysis) -> pd.DataFrame:
    """Findings opened, resolved or persisting between two snapshots.

    A finding is the same when its code and subject id are (its detail may
    change from month to month: the days left before a term ends, say); a
    code that names one subject several times (``UNVISITED_CONTACT`` for
    each unvisited target of one instructor) counts once per subject.

    Returns
    -------
    pandas.DataFrame
        ``code, subject_id, subject_name, street, state, severity``: first
        the ``opened`` (only in ``new``), then ``resolved`` (only in
        ``old``), then ``persisting`` (in both); within each, in the order
        of the finding codes, then by subject id. Names and streets come from
        the snapshot the finding is in (``new`` when in both).

    Examples
    --------
    >>> import graphkit as gk
    >>> net = gk.datasets.tiny()
    >>> a = gk.analyze(net, as_of="2026-10-31")
    >>> b = gk.analyze(net.without(["U10"]), as_of="2026-11-30")
    >>> delta = findings_delta(a, b)
    >>> moved = delta[delta["state"] != "persisting"]
    >>> moved[["code", "subject_id", "state"]].to_numpy().tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['UNCOVERED', 'U10', 'resolved'], ['BAD_CREDIT_CODE', 'U10', 'resolved'],
     ['MISSING_FIVE_CLEARS', 'U10', 'resolved']]

    """
    columns = ["code", "subject_id", "subject_name", "street", "severity"]

    def unique(findings: pd.DataFrame) -> pd.DataFrame:
        frame = findings[columns].copy()
        frame["_key"] = frame["subject_id"].astype("string").fillna("")
        return frame.drop_duplicates(["code", "_key"])

    a, b = unique(old.findings), unique(new.findings)
    merged = b.merge(a[["code", "_key"]], on=["code", "_key"], how="outer", indicator=True)
    state = merged["_merge"].map({"left_only": "opened", "right_only": "resolved", "both": "persisting"})
    gone = a.merge(b[["code", "_key"]], on=["code", "_key"], how="left", indicator=True)
    gone = gone[gone["_merge"] == "left_only"]
    out = pd.concat(
        [
            merged[state == "opened"].assign(state="opened"),
            gone.assign(state="resolved"),
            merged[state == "persisting"].assign(state="persisting"),
        ],
        ignore_index=True,
    )
    code_order = {code: i for i, code in enumerate(CODES)}
    state_order = {"opened": 0, "resolved": 1, "persisting": 2}
    out["_state"] = out["state"].map(state_order)
    out["_code"] = out["code"].map(code_order).fillna(len(code_order))
    out = out.sort_values(["_state", "_code", "_key"], kind="stable")
    return (
        out[["code", "subject_id", "subject_name", "street", "state", "severity"]]
        .astype("string")
        .reset_index(drop=True)
    )


# --------------------------------------------------------------------------- the month's numbers
def _events(net: Network, table: str) -> pd.DataFrame | None:
    """The event table ``table`` of ``net``, or ``None`` when the ledger did not keep it."""
    return net.events[table] if net.has_table(table) else None


def _street_ids(net: Network) -> pd.Series:
    """Street id of every unit, carrier and party organisation, by id."""
    ids = pd.concat([net.street_of("Unit"), net.street_of("Carrier"), party_org_street_ids(net)])
    ids = ids.astype("string")
    return ids[~ids.index.duplicated()]


def month_counts(net: Network, day: dt.date) -> pd.DataFrame:
    """The month's campaign work by street: activities, visits, training person-times, plaques.

    ``activities``, ``visits`` and ``trainings`` count the rows of those
    tables dated within the month of ``day`` (from its first day up to and
    including ``day``); a training row is one person-time. ``plaques``
    counts the 党员经营户 plaques (honours of type ``member_plaque``, not
    revoked, granted on or before ``day`` or undated) held at ``day``. The
    street of an activity or a training is its party organisation's, of a
    visit its target's, of a plaque its unit's.

    Returns
    -------
    pandas.DataFrame
        Indexed by street id (a missing id for work whose street is not
        known), one column per :data:`EVENT_COUNTS` key; a column is all
        missing when the ledger has no such table (not kept is not none).

    Examples
    --------
    >>> import graphkit as gk
    >>> month_counts(gk.datasets.tiny(), dt.date(2026, 10, 31)).empty
    True

    """
    street = _street_ids(net)
    start = pd.Timestamp(day.replace(day=1))
    end = pd.Timestamp(day) + pd.Timedelta(days=1)
    counts: dict[str, pd.Series] = {}
    for column, table in EVENT_COUNTS.items():
        frame = _events(net, table)
        if frame is None:
            continue
        if column == "plaques":
            date = frame["date"]
            held = (
                (frame["type"] == "member_plaque").fillna(False)
                & (frame["status"] != "revoked").fillna(True)
                & (date.isna() | (date < end))
            )
            where = frame.loc[held, "subject"]
        else:
            date = frame["date"]
            within = ((date >= start) & (date < end)).fillna(False)
            side = {"activities": "party_org", "visits": "target", "trainings": "party_org"}[column]
            where = frame.loc[within, side]
        streets = where.astype("string").map(street).astype("string")
        counts[column] = streets.value_counts(dropna=False)
    if not counts:
        return pd.DataFrame(columns=list(EVENT_COUNTS), index=pd.Index([], dtype="string"))
    out = pd.DataFrame(counts)
    for column in EVENT_COUNTS:
        if column in counts:
            out[column] = out[column].fillna(0)
        else:
            out[column] = pd.NA
    return out[list(EVENT_COUNTS)].astype("Int64")


def street_months(
    analyses: Sequence[Analysis], dates: Sequence[dt.date]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per street and snapshot, and for the district: :data:`STREET_METRICS`, each with its change.

    The rates are those of ``summary["by_street"]`` (organisational
    coverage, own-organisation rate and work coverage, DESIGN §5); findings
    are counted by severity over the findings whose street is the street's
    (findings with no street count in the district only); the campaign work
    comes from :func:`month_counts`. ``<metric>_change`` is the value minus
    the same street's value in the snapshot before (missing for the first
    snapshot, a street new in this one, or a table one of them lacks).

    Returns
    -------
    tuple of pandas.DataFrame
        ``streets``: ``date, street_id, street`` then each metric and its
        change, one row per street of each snapshot (in date order, streets
        in the order of ``summary["by_street"]``; units without a street form
        a row with no street id); ``district``: ``date`` then the same
        metrics for the whole district, one row per snapshot.

    Examples
    --------
    >>> import graphkit as gk
    >>> net = gk.datasets.tiny()
    >>> runs = [gk.analyze(net, as_of="2026-10-31"), gk.analyze(net.without(["U10"]), as_of="2026-11-30")]
    >>> streets, district = street_months(runs, [dt.date(2026, 10, 31), dt.date(2026, 11, 30)])
    >>> rows = streets[["street", "units", "units_change", "findings_error"]]
    >>> rows.to_numpy().tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['林山寨街道', 8, <NA>, 10], ['建设路街道', 2, <NA>, 5],
     ['林山寨街道', 8, 0, 10], ['建设路街道', 1, -1, 3]]
    >>> district["work_coverage"].tolist(), district["work_coverage_change"].tolist()
    ([0.8, 0.8889], [nan, 0.0889])

    """
    frames, totals = [], []
    for analysis, day in zip(analyses, dates, strict=True):
        by_street = analysis.by_street
        if by_street.empty:
            by_street = pd.DataFrame(columns=["street_id", "street", "units", *_RATES])
        frame = pd.DataFrame(
            {
                "date": day.isoformat(),
                "street_id": by_street["street_id"].astype("string"),
                "street": by_street["street"].astype("string"),
                "units": by_street["units"].astype("Int64"),
                **{r: pd.to_numeric(by_street[r], errors="coerce").astype("float64") for r in _RATES},
            }
        )
        findings = analysis.findings
        label = frame["street"].fillna(frame["street_id"])
        for severity in _SEVERITIES:
            per = findings.loc[findings["severity"] == severity, "street"].value_counts()
            frame[f"findings_{severity}"] = label.map(per).fillna(0).astype("Int64")
        events = month_counts(analysis.network, day)
        kept = {c: _events(analysis.network, EVENT_COUNTS[c]) is not None for c in EVENT_COUNTS}
        for column in EVENT_COUNTS:
            if kept[column]:
                frame[column] = frame["street_id"].map(events[column]).fillna(0).astype("Int64")
            else:
                frame[column] = pd.array([pd.NA] * len(frame), dtype="Int64")
        frames.append(frame)
        rates = analysis.rates
        total = {
            "date": day.isoformat(),
            "units": len(analysis.coverage),
            **{r: rates.get(r) for r in _RATES},
            **{f"findings_{s}": int((findings["severity"] == s).sum()) for s in _SEVERITIES},
            **{c: int(events[c].sum()) if kept[c] else pd.NA for c in EVENT_COUNTS},
        }
        totals.append(total)
    streets = _with_changes(frames, key="street_id")
    district_frames = [pd.DataFrame([t]) for t in totals]
    for f in district_frames:
        f["_key"] = "district"
        for column in ("units", *(f"findings_{s}" for s in _SEVERITIES), *EVENT_COUNTS):
            f[column] = f[column].astype("Int64")
        for rate in _RATES:
            f[rate] = pd.to_numeric(f[rate], errors="coerce").astype("float64")
    district = _with_changes(district_frames, key="_key").drop(columns=["_key"])
    return streets, district


def _with_changes(frames: list[pd.DataFrame], *, key: str) -> pd.DataFrame:
    """Concatenate per-snapshot frames, each metric followed by its change from the frame before."""
    out = []
    previous: pd.DataFrame | None = None
    for frame in frames:
        frame = frame.reset_index(drop=True)
        keys = frame[key].astype("string").fillna("\0")
        for metric in STREET_METRICS:
            if previous is None:
                before = pd.Series(pd.NA, index=frame.index)
            else:
                prior = previous.set_index(previous[key].astype("string").fillna("\0"))[metric]
                before = keys.map(prior)
            if metric in _RATES:
                change = (frame[metric] - pd.to_numeric(before, errors="coerce").astype("float64")).round(4)
            else:
                change = frame[metric].astype("Int64") - pd.array(before, dtype="Int64")
            frame[f"{metric}_change"] = change
        previous = frame
        out.append(frame)
    result = pd.concat(out, ignore_index=True)
    lead = [c for c in ("date", "street_id", "street", "_key") if c in result.columns]
    metrics = [c for m in STREET_METRICS for c in (m, f"{m}_change")]
    return result[lead + metrics]


# --------------------------------------------------------------------------- the bulletin
def bulletin(streets: pd.DataFrame, district: pd.DataFrame) -> pd.DataFrame:
    """The 通报 of the last snapshot: its streets ranked by what lags.

    Each street gets three places (1 = lags most; ties share the best place):
    by organisational coverage, lowest first (a street without units last);
    by open ``error`` findings per unit, most first (so a large street is not
    ranked behind for its size alone); and by its biggest drop, the
    most negative change of its three rates since the snapshot before (no
    drop counts as 0). ``score`` is the sum of the three places; streets are
    ranked by score, then by organisational coverage and work coverage
    (lowest first), then by id. ``lags`` names, joined by commas, what puts a
    street behind: ``org_coverage_below`` / ``work_coverage_below`` (below
    the district's rate), ``open_errors`` (any ``error`` finding) and
    ``coverage_fell`` (a rate dropped). Units without a street are left out.

    Returns
    -------
    pandas.DataFrame
        :data:`BULLETIN_COLUMNS`, one row per street of the last snapshot.

    Examples
    --------
    >>> import graphkit as gk
    >>> net = gk.datasets.tiny()
    >>> runs = [gk.analyze(net, as_of="2026-10-31"), gk.analyze(net.without(["L1"]), as_of="2026-11-30")]
    >>> streets, district = street_months(runs, [dt.date(2026, 10, 31), dt.date(2026, 11, 30)])
    >>> ranked = bulletin(streets, district)
    >>> ranked[["rank", "street", "score", "lags"]].to_numpy().tolist()  # doctest: +NORMALIZE_WHITESPACE
    [[1, '建设路街道', 4, 'org_coverage_below,work_coverage_below,open_errors'],
     [2, '林山寨街道', 5, 'open_errors,coverage_fell']]

    """
    if streets.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in BULLETIN_COLUMNS})
    last = streets["date"].max()
    rows = streets[(streets["date"] == last) & streets["street_id"].notna()].copy()
    total = district[district["date"] == last].iloc[0]
    changes = rows[[f"{r}_change" for r in _RATES]].astype("float64")
    drop = changes.min(axis=1, skipna=True).fillna(0.0).clip(upper=0.0)
    places = (
        rows["org_coverage"].rank(method="min", ascending=True, na_option="bottom")
        + (
            rows["findings_error"].astype("float64")
            / rows["units"].astype("float64").where(rows["units"] > 0)
        )
        .fillna(0.0)
        .rank(method="min", ascending=False)
        + drop.rank(method="min", ascending=True)
    )
    rows["score"] = places.astype("int64")
    lags = []
    for (_, row), fell in zip(rows.iterrows(), drop < 0, strict=True):  # one per street
        words = []
        for rate in ("org_coverage", "work_coverage"):
            value, whole = row[rate], total[rate]
            if pd.notna(value) and pd.notna(whole) and value < whole:
                words.append(f"{rate}_below")
        if row["findings_error"] > 0:
            words.append("open_errors")
        if fell:
            words.append("coverage_fell")
        lags.append(",".join(words))
    rows["lags"] = pd.array(lags, dtype="string")
    rows = rows.sort_values(
        ["score", "org_coverage", "work_coverage", "street_id"], na_position="last", kind="stable"
    )
    rows["rank"] = np.arange(1, len(rows) + 1)
    return rows[BULLETIN_COLUMNS].reset_index(drop=True)
