"""Data-quality findings of a Network (DESIGN §5).

:func:`validate` returns the findings ``BAD_CREDIT_CODE``, ``DUPLICATE_ID``,
``UNKNOWN_REFERENCE``, ``MISSING_FIVE_CLEARS`` and ``PARENT_CYCLE``, in that order:

- ``BAD_CREDIT_CODE``: every Unit id is expected to be a unified social credit
  code (统一社会信用代码, GB 32100-2015); a unit whose id is not a valid one
  gets a finding naming what is wrong (length, characters or check character).
  The unit stays in the network.
- ``DUPLICATE_ID`` and ``UNKNOWN_REFERENCE``: raised while the ledger was read
  (they exist only in files); taken from the loader's records in
  ``net.meta["load_problems"]`` so the details follow ``settings.lang``, or
  from ``net.findings`` for a network built some other way.
- ``MISSING_FIVE_CLEARS`` (“五个清”): a unit with any of operation, workforce,
  party_status or investor blank, or with no organisational coverage (no
  ``COVERED_BY``) and a blank ``no_org_reason``.
- ``PARENT_CYCLE``: each party organisation on a loop of ``parent`` links
  (``REPORTS_TO`` from a PartyOrg to a PartyOrg), itself included: an
  organisation that is its own parent is a loop of one. The links stay in the
  network; the detail names the loop's members in order, from the subject
  back to it (see :func:`parent_cycles`).

Examples
--------
>>> from graphkit import Network
>>> net = Network.from_records(nodes={"Unit": [
...     {"id": "91350200776049653A", "name": "甲公司", "operation": "正常", "workforce": "稳定",
...      "party_status": "无党员", "investor": "张三", "no_org_reason": "无党员"},
...     {"id": "91350200776049653B", "name": "乙公司"}]})
>>> validate(net)[["code", "subject_id"]].values.tolist()
[['BAD_CREDIT_CODE', '91350200776049653B'], ['MISSING_FIVE_CLEARS', '91350200776049653B']]

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit.creditcode import credit_code_problem
from graphkit.findings import concat_findings, empty_findings, load_findings, make_findings
from graphkit.i18n import PARTS_JOIN, detail, listed
from graphkit.model import Network, lookup, position_mask
from graphkit.provenance import locate
from graphkit.settings import Settings

__all__ = [
    "DATA_QUALITY_CODES",
    "FIVE_CLEARS",
    "LOOP_JOIN",
    "bad_credit_codes",
    "loop_text",
    "missing_five_clears",
    "parent_cycle_findings",
    "parent_cycles",
    "validate",
]

#: The codes :func:`validate` emits, in output order.
DATA_QUALITY_CODES = (
    "BAD_CREDIT_CODE",
    "DUPLICATE_ID",
    "UNKNOWN_REFERENCE",
    "MISSING_FIVE_CLEARS",
    "PARENT_CYCLE",
)

#: How :func:`loop_text` joins the members of a loop.
LOOP_JOIN = " → "

#: The “five clears” columns of a unit -> (zh, en) label.
FIVE_CLEARS = {
    "operation": ("经营运行情况", "operation"),
    "workforce": ("职工队伍情况", "workforce"),
    "party_status": ("党员队伍情况", "party members"),
    "investor": ("出资人或责任人情况", "investor or person in charge"),
}


def validate(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """Return the data-quality findings of ``net`` (findings format).

    Parameters
    ----------
    net
        The network; it is not changed. Reads Unit ids, names, the five-clears
        columns, ``no_org_reason``, ``COVERED_BY``, ``IN_STREET``, PartyOrg names,
        ``REPORTS_TO``, ``net.findings`` and ``net.meta["load_problems"]``.
    settings
        Only ``lang`` is used (details in Chinese by default, English with "en").

    Returns
    -------
    pandas.DataFrame
        Columns :data:`graphkit.findings.FINDING_COLUMNS`, codes in the order of
        :data:`DATA_QUALITY_CODES`, units in ledger order within a code; each
        names its ledger row and cell (:func:`graphkit.provenance.locate`).

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "9135", "name": "甲公司"}]})
    >>> validate(net, settings=Settings(lang="en"))["detail"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['"9135" is not a valid unified social credit code: should have 18 characters (has 4)',
     'missing: operation, workforce, party members, investor or person in charge;
      no party organisation and no reason given']

    Notes
    -----
    Linear in the number of nodes and relationships (the parent loops are the
    strongly connected components of the parent graph).

    """
    lang = (settings or Settings()).lang
    units = net.units
    street = _street_names(net)
    parts = [
        bad_credit_codes(units, street, lang),
        *_load_findings(net, lang),
        missing_five_clears(net, street, lang),
        parent_cycle_findings(net, lang),
    ]
    out = concat_findings(parts)
    return locate(net, out, settings=settings) if len(out) else empty_findings()


def _street_names(net: Network) -> pd.Series:
    return lookup(net.street_of("Unit"), net.streets["name"])


def bad_credit_codes(units: pd.DataFrame, street: pd.Series, lang: str) -> pd.DataFrame:
    """``BAD_CREDIT_CODE`` findings for the units (indexed by credit code, with ``name``) whose code fails.

    ``street`` gives each unit's street (by id); ``lang`` the language of the detail.

    Examples
    --------
    >>> codes = ["91350100M000100Y43", "91350100M000100Y44"]
    >>> units = pd.DataFrame({"name": ["甲公司", "乙公司"]}, index=codes)
    >>> bad_credit_codes(units, pd.Series(["S1", "S1"], index=units.index), "en")["subject_id"].tolist()
    ['91350100M000100Y44']

    """
    problem = credit_code_problem(units.index.to_series())
    bad = problem.notna().to_numpy(dtype=bool)
    if not bad.any():
        return empty_findings()
    at = np.flatnonzero(bad)  # by position: a boolean key on a million-id index costs a hash of it
    p = pd.Series(problem.array.take(at), index=units.index[at])
    code = pd.Series(units.index.array.take(at), index=p.index)
    kind = p.str.partition(":")[0].reset_index(drop=True)
    text = code.reset_index(drop=True)
    filled = {
        "length": detail("BAD_CREDIT_CODE:length", lang, code=text, length=text.str.len()),
        "characters": detail("BAD_CREDIT_CODE:characters", lang, code=text),
        "check": detail("BAD_CREDIT_CODE:check", lang, code=text, check=p.str.slice(6)),
    }
    sentence = pd.Series(pd.NA, index=kind.index, dtype="string")  # a blank code has none
    for key, words in filled.items():
        sentence = sentence.mask(kind.eq(key).fillna(False).to_numpy(dtype=bool), words)
    return make_findings(
        "BAD_CREDIT_CODE",
        "Unit",
        code,
        units["name"].iloc[at],
        street=street.iloc[at],
        detail=sentence,
    )


def _load_findings(net: Network, lang: str) -> list[pd.DataFrame]:
    records = net.meta.get("load_problems")
    found = load_findings(pd.DataFrame.from_records(records), lang=lang) if records else net.findings
    return [found[found["code"] == code] for code in ("DUPLICATE_ID", "UNKNOWN_REFERENCE")]


def missing_five_clears(net: Network, street: pd.Series, lang: str) -> pd.DataFrame:
    """``MISSING_FIVE_CLEARS`` findings: units with a five-clears column blank, or uncovered with no reason.

    ``street`` gives each unit's street (by id); ``lang`` the language of the detail.
    """
    units = net.units
    if len(units) == 0:
        return empty_findings()
    blank = pd.DataFrame(  # by position, not by id: selecting rows of a million-id index hashes it
        {
            c: (units[c].isna() | (units[c].astype("string").str.strip() == "")).to_numpy(bool, na_value=True)
            for c in FIVE_CLEARS
        }
    )
    covered = position_mask(len(units), net.rel_positions("COVERED_BY", "source", "Unit"))
    reason = units["no_org_reason"]
    no_reason = (
        ~covered & (reason.isna() | (reason.astype("string").str.strip() == "")).fillna(True).to_numpy()
    )
    hit = blank.any(axis=1).to_numpy() | no_reason
    if not hit.any():
        return empty_findings()
    missing = listed(blank[hit].reset_index(drop=True), FIVE_CLEARS, lang=lang)
    first = detail("MISSING_FIVE_CLEARS:missing", lang, missing=missing).where(missing != "", "")
    second = pd.Series(np.where(no_reason[hit], detail("MISSING_FIVE_CLEARS:no_reason", lang), ""))
    join = PARTS_JOIN[0 if lang == "zh" else 1]
    sentence = first.str.cat(second, sep=join).str.strip(join)
    at = np.flatnonzero(hit)
    return make_findings(
        "MISSING_FIVE_CLEARS",
        "Unit",
        units.index[at].to_series(),
        units["name"].iloc[at],
        street=street.iloc[at],
        detail=sentence,
    )


def parent_cycles(net: Network) -> pd.Series:
    """The loop of parent links each party organisation is on, from itself back to itself.

    A party organisation is on a loop when following ``parent`` links
    (``REPORTS_TO`` from a PartyOrg to a PartyOrg) from it leads back to it;
    one that is its own parent is a loop of one. Organisations that merely
    lead into a loop are not on it.

    Parameters
    ----------
    net
        The network; it is not changed. Reads PartyOrg ids and ``REPORTS_TO``.

    Returns
    -------
    pandas.Series
        Indexed by the ids of the organisations on a loop, in network order;
        each value is the list of ids of its loop, starting with the
        organisation itself, in the order the parent links run (the
        organisation itself is not repeated at the end). Empty when there is
        no loop.

    Notes
    -----
    The loops are the strongly connected components of the parent graph with
    more than one member, plus self-parents
    (:func:`scipy.sparse.csgraph.connected_components`): O(organisations +
    links). Only the members found on loops are then walked, to put each
    loop in order. Where organisations have several parent organisations
    (possible only in a network built in Python: the ledger's ``parent`` is
    one cell), each member's loop is the shortest through it, then the one by
    the smallest ids, as the Cypher twin answers.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": p} for p in ("P1", "P2", "P3", "P4")]},
    ...     rels={"REPORTS_TO": [("P1", "P2"), ("P2", "P3"), ("P3", "P2"), ("P4", "P4")]},
    ... )
    >>> parent_cycles(net).to_dict()
    {'P2': ['P2', 'P3'], 'P3': ['P3', 'P2'], 'P4': ['P4']}

    """
    orgs = net.party_orgs.index
    n = len(orgs)
    src, tgt = net.position_pairs("REPORTS_TO", "PartyOrg", "PartyOrg")
    src, tgt = np.asarray(src, dtype=np.int64), np.asarray(tgt, dtype=np.int64)
    on_loops = _links_on_loops(src, tgt, n) if n and len(src) else np.zeros(0, dtype=bool)
    if on_loops is not None and not on_loops.any():
        return pd.Series([], index=pd.Index([], dtype="string", name="id"), dtype=object)
    label = (
        _loop_labels(src, tgt, n) if on_loops is None else _functional_labels(src[on_loops], tgt[on_loops], n)
    )
    size = np.bincount(label)
    looped = size[label] > 1
    looped[src[src == tgt]] = True
    # the links within a loop, each member's parents in the same component by id
    inside = (label[src] == label[tgt]) & looped[src]
    ids = orgs.to_numpy(dtype=object)
    links = pd.DataFrame({"source": src[inside], "target": tgt[inside], "tid": ids[tgt[inside]]})
    links = links.sort_values(["source", "tid"], kind="stable")
    parents: dict[int, list[int]] = {}
    for a, b in zip(links["source"].tolist(), links["target"].tolist(), strict=True):
        parents.setdefault(a, []).append(b)
    members = np.flatnonzero(looped)  # only the members of loops: a few in a real ledger
    if all(len(parents[m]) == 1 for m in members.tolist()):
        # one parent each (every ledger): each component is one loop, walked once
        loops: dict[int, list[int]] = {}
        for start in members.tolist():
            component = int(label[start])
            if component not in loops:
                order, node = [start], parents[start][0]
                while node != start:
                    order.append(node)
                    node = parents[node][0]
                loops[component] = order
        values = []
        for m in members.tolist():
            order = loops[int(label[m])]
            at = order.index(m)
            values.append([str(ids[i]) for i in order[at:] + order[:at]])
    else:
        values = [[str(ids[i]) for i in _shortest_loop(m, parents)] for m in members.tolist()]
    return pd.Series(values, index=pd.Index(orgs[members], dtype="string", name="id"), dtype=object)


def _shortest_loop(start: int, parents: dict[int, list[int]]) -> list[int]:
    """The shortest loop of parent links from ``start`` back to it, by the smallest ids where several are.

    ``parents`` lists each member's parents within its loop component, ids
    ascending. The distance of every member back to ``start`` comes first (a
    breadth-first search along the links reversed); the loop then takes, at
    each step, the first parent that is exactly one step nearer. As the
    Cypher twin orders its paths: by length, then by the ids in order.
    O(links of the component).
    """
    children: dict[int, list[int]] = {}
    for child, ups in parents.items():
        for up in ups:
            children.setdefault(up, []).append(child)
    back = {start: 0}  # members -> links from it back to start
    frontier = [start]
    while frontier:
        nearer = []
        for node in frontier:
            for child in children.get(node, []):
                if child not in back:
                    back[child] = back[node] + 1
                    nearer.append(child)
        frontier = nearer
    length = 1 + min(back[up] for up in parents[start] if up in back)
    order, node = [start], start
    for step in range(length - 1, 0, -1):
        node = next(up for up in parents[node] if back.get(up) == step)
        order.append(node)
    return order


def _links_on_loops(src: np.ndarray, tgt: np.ndarray, n: int, *, rounds: int = 64) -> np.ndarray | None:
    """Which links ``src → tgt`` among ``n`` nodes lie on loops, when each node has one parent at most.

    Takes away, round by round, the links from nodes no remaining link leads
    to (no node on a loop is ever one of them): a hierarchy is gone after as
    many rounds as it has levels, and with one parent each what remains are
    the loops. ``None`` when a node has several parents or ``rounds`` did not
    settle it (then :func:`_loop_labels` answers).
    """
    if np.bincount(src, minlength=n).max() > 1:
        return None
    alive = np.ones(len(src), dtype=bool)
    for _ in range(rounds):
        still = alive & (np.bincount(tgt[alive], minlength=n) > 0)[src]
        if still.sum() == alive.sum():
            return still
        alive = still
    return None


def _functional_labels(src: np.ndarray, tgt: np.ndarray, n: int) -> np.ndarray:
    """Component labels of ``n`` nodes whose links ``src → tgt`` are disjoint loops (one link from each)."""
    label = np.arange(n)
    parent = dict(zip(src.tolist(), tgt.tolist(), strict=True))
    for start in src.tolist():  # only the members of loops: a few in a real ledger
        node = parent[start]
        while label[node] != label[start]:
            label[node] = label[start]
            node = parent[node]
    return label


def _loop_labels(src: np.ndarray, tgt: np.ndarray, n: int) -> np.ndarray:
    """Labels of the strongly connected components of the links ``src → tgt`` among ``n`` nodes."""
    from scipy import sparse  # imported when first needed, not with the package
    from scipy.sparse.csgraph import connected_components

    graph = sparse.csr_matrix((np.ones(len(src), dtype=np.int8), (src, tgt)), shape=(n, n))
    return connected_components(graph, directed=True, connection="strong")[1]


def parent_cycle_findings(net: Network, lang: str) -> pd.DataFrame:
    """``PARENT_CYCLE`` findings: one per party organisation on a loop of parent links.

    The detail names the loop's members (name, or id when blank) in order,
    from the subject back to it; the street is the organisation's own
    (``IN_STREET``). ``lang`` is the language of the detail.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": "P1", "name": "甲支部"}, {"id": "P2", "name": "乙支部"}]},
    ...     rels={"REPORTS_TO": [("P1", "P2"), ("P2", "P1")]},
    ... )
    >>> parent_cycle_findings(net, "en")["detail"].tolist()
    ['Its parent links form a loop: 甲支部 → 乙支部 → 甲支部', \
'Its parent links form a loop: 乙支部 → 甲支部 → 乙支部']

    """
    loops = parent_cycles(net)
    if len(loops) == 0:
        return empty_findings()
    orgs = net.party_orgs
    members = pd.Index(list(dict.fromkeys(i for loop in loops for i in loop)), dtype="string")
    names = orgs["name"].reindex(members).astype("string")
    label = dict(zip(members.tolist(), names.fillna(members.to_series()).tolist(), strict=True))
    text = pd.Series([loop_text([label[i] for i in [*loop, loop[0]]]) for loop in loops], dtype="string")
    street = net.street_names(net.street_of("PartyOrg")[loops.index])
    return make_findings(
        "PARENT_CYCLE",
        "PartyOrg",
        loops.index.to_series(),
        orgs.loc[loops.index, "name"],
        street=street,
        detail=detail("PARENT_CYCLE", lang, loop=text),
    )


def loop_text(names: list[str]) -> str:
    """The members of a loop in order, joined by arrows.

    Examples
    --------
    >>> loop_text(["甲", "乙", "甲"])
    '甲 → 乙 → 甲'

    """
    return LOOP_JOIN.join(names)
