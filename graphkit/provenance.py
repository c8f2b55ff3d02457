"""Which ledger row (and cell) each finding comes from: one vectorised pass over the findings.

:func:`locate` fills ``source_file``, ``source_sheet``, ``source_row`` and
``source_column`` (:data:`graphkit.findings.SOURCE_COLUMNS`) of the findings
that do not have them yet, from the network's
:attr:`~graphkit.Network.sources`, by the rule of each code in
:data:`RULES` (the table in :mod:`graphkit.findings` says the same in
words). Findings that already name their cell (the loader's
``DUPLICATE_ID`` and ``UNKNOWN_REFERENCE``, ``UNVISITED_CONTACT`` from its
assignment row) are left as they are; a network not read from a ledger
leaves every finding blank.

Examples
--------
>>> import pandas as pd
>>> from graphkit import Network
>>> from graphkit.findings import make_findings
>>> from graphkit.model.sources import make_sources
>>> net = Network({"Unit": pd.DataFrame({"name": ["甲"]}, index=["U1"])},
...               sources={"Unit": make_sources(["台账.xlsx"], ["单位台账"], [3])})
>>> f = make_findings("UNCOVERED", "Unit", ["U1"], ["甲"])
>>> locate(net, f)[["source_sheet", "source_row"]].values.tolist()
[['单位台账', '3']]

"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from graphkit.model import Network, positions
from graphkit.model.sources import take_sources
from graphkit.settings import Settings

__all__ = ["RULES", "Rule", "locate", "pair_rows", "with_sources"]


class Rule(NamedTuple):
    """Where the findings of one code come from.

    ``where`` is ``"node"`` (the subject's own row), ``"rel"`` (a row of
    ``table``, a relationship type, that states the relationship: of the
    subject's distinct pairs on ``side``, the one numbered by the setting
    ``nth`` — the first over the limit — else the first), ``"event"`` (the
    first row of event ``table`` naming the subject, of type ``of_type`` when
    given) or ``"none"`` (computed: blank). ``column`` names the cell at
    fault (canonical name; its header as written goes out).
    """

    where: str
    column: str | None = None
    table: str | None = None
    side: str = "source"
    nth: str | None = None
    of_type: str | None = None


_NODE = Rule("node")

#: code -> rule; a code not listed points at its subject's row.
RULES: dict[str, Rule] = {
    "JOINT_ORG_TOO_LARGE": Rule("rel", "party_org", "COVERED_BY", "target", "joint_branch_max_units"),
    "ORG_LEVEL_MISMATCH": Rule("node", "level"),
    "TERM_EXPIRED": Rule("node", "term_ends"),
    "TERM_EXPIRING": Rule("node", "term_ends"),
    "OVERLOADED_INSTRUCTOR": Rule("rel", "target", "GUIDES", "source", "max_contacts_per_instructor"),
    "OVERPAIRED_ORGAN_BRANCH": Rule("rel", "party_org", "PAIRED_WITH", "source", "max_pairings_per_branch"),
    "ATTRIBUTION_MISMATCH": Rule("node", "parent"),
    "UNDERSTAFFED_DEPARTMENT": Rule("node", "party_office_staff"),
    "STREET_WITHOUT_DEMO": Rule("none"),
    "STREET_WITHOUT_STATION": Rule("none"),
    "NO_SECRETARY": Rule("node", "secretary"),
    "UNVISITED_CONTACT": Rule("rel", "target", "GUIDES"),  # made with its assignment row already
    "HONOUR_AT_RISK": Rule("event", None, "honours"),
    "PLAQUE_WITHOUT_MEMBER": Rule("event", None, "honours", of_type="member_plaque"),
    "BAD_CREDIT_CODE": Rule("node", "id"),
    "PARENT_CYCLE": Rule("node", "parent"),
}


def locate(net: Network, findings: pd.DataFrame, *, settings: Settings | None = None) -> pd.DataFrame:
    """``findings`` with their source columns filled where blank, by :data:`RULES`.

    Parameters
    ----------
    net
        The network the findings are about; read-only. Its sources and
        ``meta["headers"]`` (headers as written) are read.
    findings
        Findings (:data:`graphkit.findings.FINDING_COLUMNS`); not changed.
    settings
        The limits the ``"rel"`` rules count to (defaults: :class:`Settings`).

    Notes
    -----
    O(findings + the relationship rows of the rules' types), no Python loop
    over rows; a network without sources returns ``findings`` as they are.

    """
    if not net.sources or len(findings) == 0:
        return findings
    settings = settings or Settings()
    out = findings.copy()
    todo = out["source_file"].isna().to_numpy() & out["source_row"].isna().to_numpy()
    # the rule of each code, looked up once per distinct code
    code_of, distinct = pd.factorize(out["code"].astype(object).to_numpy())
    rules = [RULES.get(c, _NODE) for c in distinct]
    codes = np.asarray(distinct, dtype=object)[code_of]
    rule_of = np.array([r.where for r in rules], dtype=object)[code_of]
    column = pd.Series(np.array([r.column for r in rules], dtype=object)[code_of], dtype=object)
    found: list[tuple[np.ndarray, pd.DataFrame]] = []
    # the subject's own row, one look-up per node kind
    kinds = out["subject_kind"].astype(object).to_numpy()
    node = todo & (rule_of == "node")
    for kind in pd.unique(kinds[node]):
        if kind not in net.nodes:
            continue
        at = np.flatnonzero(node & (kinds == kind))
        found.append((at, net.node_sources(out["subject_id"].iloc[at], kind)))
    # the row stating a relationship, or an event row
    for code in pd.unique(codes[todo & np.isin(rule_of, ["rel", "event"])]):
        rule = RULES[code]
        at = np.flatnonzero(todo & (codes == code))
        subjects = out["subject_id"].iloc[at].astype(object).to_numpy()
        if rule.where == "rel":
            n = int(getattr(settings, rule.nth)) if rule.nth else 0
            rows = _nth_rows(net, rule.table, rule.side, subjects, n)
            found.append((at, net.rel_sources(rule.table, rows)))
        else:
            rows = _event_rows(net, rule.table, subjects, rule.of_type)
            found.append((at, take_sources(net.source(rule.table), rows)))
    if found:
        at = np.concatenate([a for a, _ in found])
        src = pd.concat([s for _, s in found], ignore_index=True)
        _fill(out, at, src, net, column.iloc[at].to_numpy())
    return out


def with_sources(
    net: Network, findings: pd.DataFrame, sources: pd.DataFrame, column: str | None = None
) -> pd.DataFrame:
    """``findings`` (on 0..n-1) with the source columns taken from ``sources``, row for row.

    For an analysis that knows the very row behind each finding (a
    relationship row, say): ``sources`` is a sources frame as
    :meth:`~graphkit.Network.rel_sources` gives, ``column`` the canonical
    name of the cell at fault.
    """
    out = findings.copy()
    if len(out):
        _fill(out, np.arange(len(out)), sources, net, np.array([column] * len(out), dtype=object))
    return out


def _fill(out: pd.DataFrame, at: np.ndarray, src: pd.DataFrame, net: Network, columns: np.ndarray) -> None:
    """Write ``src`` (file, sheet, row) and the headers of ``columns`` into rows ``at`` of ``out``."""
    given = {
        "source_file": src["file"].astype("string"),
        "source_sheet": src["sheet"].astype("string"),
        "source_row": src["row"].astype("string"),
        "source_column": _headers(net, src, columns),
    }
    for name, values in given.items():  # one write per column, whatever the number of codes
        column = out[name].astype(object).to_numpy(copy=True)
        column[at] = values.astype(object).where(values.notna(), None).to_numpy()
        out[name] = pd.array(column, dtype="string")


def pair_rows(net: Network, rel_type: str, sources: pd.Series, targets: pd.Series) -> np.ndarray:
    """Position of the first ``rel_type`` row joining each (source, target) pair (``-1``: none).

    Notes
    -----
    The ends are numbered among the distinct wanted sources and targets
    (hashing those, not the ids of the network), so a pair is two integers:
    O(R + n log R) for R rows and n pairs.

    Examples
    --------
    >>> net = Network.from_records(rels={"GUIDES": [("I1", "U1"), ("I1", "U2"), ("I1", "U1")]})
    >>> pair_rows(net, "GUIDES", pd.Series(["I1", "I1", "I2"]), pd.Series(["U1", "U2", "U1"])).tolist()
    [0, 1, -1]

    """
    r = net.rels[rel_type]
    ends = []
    for side, wanted in (("source", sources), ("target", targets)):
        text = pd.Series(np.asarray(wanted, dtype=object), dtype="string")
        distinct = pd.Index(pd.unique(text.dropna()), dtype="string")
        ends.append((positions(r[side], distinct), positions(text, distinct), max(len(distinct), 1)))
    (row_s, want_s, _), (row_t, want_t, width) = ends
    row_key = np.where((row_s >= 0) & (row_t >= 0), row_s * width + row_t, -1)
    want_key = np.where((want_s >= 0) & (want_t >= 0), want_s * width + want_t, -1)
    rows = np.flatnonzero(row_key >= 0)
    keys, first = np.unique(row_key[rows], return_index=True)  # the first row of each pair
    if len(keys) == 0:
        return np.full(len(want_key), -1, dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, want_key), len(keys) - 1)
    return np.where((want_key >= 0) & (keys[at] == want_key), rows[first[at]], -1).astype(np.int64)


def _nth_rows(net: Network, rel_type: str, side: str, subjects: np.ndarray, n: int) -> np.ndarray:
    """Per subject, the row of its ``n``-th distinct pair (0-based) on ``side``, else its first (-1: none).

    On integer codes: the subjects are hashed (not the relationship's ids), the other end of their
    rows numbered, and the distinct pairs ranked per subject in row order.
    """
    r = net.rels[rel_type]
    other = "target" if side == "source" else "source"
    distinct, wanted = _distinct_codes(subjects)
    code = positions(r[side], distinct)
    rows = np.flatnonzero(code >= 0)
    subject = code[rows]
    partner = pd.factorize(r[other].iloc[rows])[0] + 1  # 0: a missing end, as one value
    _, first = np.unique(subject * (int(partner.max(initial=0)) + 1) + partner, return_index=True)
    first.sort()  # each distinct pair at its first row, in row order
    rows, subject = rows[first], subject[first]
    order = np.argsort(subject, kind="stable")
    count = np.bincount(subject, minlength=len(distinct))
    rank = np.empty(len(subject), dtype=np.int64)
    rank[order] = np.arange(len(subject)) - (np.cumsum(count) - count)[subject[order]]
    found = np.full(len(distinct) + 1, -1, dtype=np.int64)  # the extra slot: subjects not found
    found[subject[rank == 0]] = rows[rank == 0]
    found[subject[rank == n]] = rows[rank == n]
    return found[wanted]


def _event_rows(net: Network, table: str, subjects: np.ndarray, of_type: str | None) -> np.ndarray:
    """Per subject, the first row of event ``table`` naming it (of type ``of_type``), -1 when none."""
    e = net.events[table]
    distinct, wanted = _distinct_codes(subjects)
    code = positions(e["subject"], distinct)
    if of_type is not None:
        code[~e["type"].eq(of_type).fillna(False).to_numpy(dtype=bool)] = -1
    rows = np.flatnonzero(code >= 0)
    found = np.full(len(distinct) + 1, -1, dtype=np.int64)  # the extra slot: subjects not found
    named, first = np.unique(code[rows], return_index=True)  # the first row naming each subject
    found[named] = rows[first]
    return found[wanted]


def _distinct_codes(subjects: np.ndarray) -> tuple[pd.Index, np.ndarray]:
    """The distinct ``subjects`` (as text) and each one's position among them (``len``: missing)."""
    text = pd.Series(np.asarray([str(s) for s in subjects], dtype=object), dtype="string")
    distinct = pd.Index(pd.unique(text), dtype="string")
    at = positions(text, distinct)
    return distinct, np.where(at >= 0, at, len(distinct))


def _headers(net: Network, src: pd.DataFrame, columns: np.ndarray) -> pd.Series:
    """The header as written of each ``columns`` item in its row's file and sheet (missing when unknown)."""
    known = {
        (h["file"], h["sheet"], c): text
        for h in net.meta.get("headers", [])
        for c, text in h.get("headers", {}).items()
    }
    files = src["file"].astype(object).to_numpy()
    sheets = src["sheet"].astype(object).where(src["sheet"].notna(), None).to_numpy()
    # one look-up per distinct (file, sheet, column), however many findings share it
    parts = [pd.factorize(v)[0] + 1 for v in (files, sheets, np.asarray(columns, dtype=object))]
    key = (parts[0] * (parts[1].max(initial=0) + 1) + parts[1]) * (parts[2].max(initial=0) + 1) + parts[2]
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    out = np.array(
        [
            None if c is None or f is None or pd.isna(f) else known.get((f, s, c))
            for f, s, c in zip(
                files[first], sheets[first], np.asarray(columns, dtype=object)[first], strict=True
            )
        ]
        + [None],  # keeps a list of strings an object array
        dtype=object,
    )[:-1]
    return pd.Series(out[inverse.reshape(-1)] if len(out) else out, dtype="string")
