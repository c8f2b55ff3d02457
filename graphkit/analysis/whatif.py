"""What-if: which units lose coverage when people or organisations go.

- :func:`lost_coverage` removes given instructors, liaisons or party
  organisations and lists the units whose coverage status gets worse.
- :func:`resilience` answers the same question for every instructor, liaison
  and party organisation alone (key-person risk), in one vectorised pass.

Statuses rank ``own_org`` > ``joint_org`` > ``work_only`` > ``uncovered``
(see :func:`graphkit.analysis.coverage.coverage`). A unit whose status gets
worse has lost ``organisational`` coverage when it had an organisation before
(own → joint counts: it lost its own organisation), else ``work`` coverage.

Examples
--------
>>> import graphkit.datasets
>>> net = graphkit.datasets.tiny()
>>> lost = lost_coverage(net, ["P2"])
>>> lost[["unit_id", "status_before", "status_after", "lost"]].values.tolist()
[['U03', 'joint_org', 'work_only', 'organisational'], ['U04', 'joint_org', 'work_only', 'organisational'], \
['U05', 'joint_org', 'uncovered', 'organisational']]
>>> resilience(net).head(3)[["subject_id", "units_lost_org", "units_lost_work"]].values.tolist()
[['P2', 3, 0], ['P1', 1, 0], ['P3', 1, 0]]

"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from graphkit.analysis.coverage import STATUSES
from graphkit.analysis.coverage import coverage as _coverage
from graphkit.exceptions import ConfigError
from graphkit.kernels import as_text
from graphkit.model import STRING, Network, positions, sorted_unique
from graphkit.settings import Settings

__all__ = ["LOST_COLUMNS", "RESILIENCE_COLUMNS", "SUBJECT_KINDS", "lost_coverage", "resilience"]

#: Node kinds that can be removed in a what-if.
SUBJECT_KINDS = ("Instructor", "Liaison", "PartyOrg")
#: Columns of :func:`lost_coverage`.
LOST_COLUMNS = ["unit_id", "name", "street", "status_before", "status_after", "lost"]
#: Columns of :func:`resilience`.
RESILIENCE_COLUMNS = [
    "subject_kind",
    "subject_id",
    "name",
    "units_lost_org",
    "units_lost_work",
    "units_lost_total",
]

_RANK = {s: i for i, s in enumerate(STATUSES)}  # 0 best


def lost_coverage(net: Network, ids: Iterable[str], *, settings: Settings | None = None) -> pd.DataFrame:
    """Units whose coverage gets worse when the given subjects are removed.

    Parameters
    ----------
    net
        The network; read-only.
    ids
        Ids of instructors, liaisons or party organisations. Removing one
        removes its relationships too (:meth:`Network.without`).
    settings
        Passed on to :func:`~graphkit.analysis.coverage.coverage`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LOST_COLUMNS`, one row per unit whose status gets
        worse, sorted by ``unit_id``; ``lost`` is ``organisational`` or
        ``work`` (see the module docstring).

    Raises
    ------
    ConfigError
        If an id names nothing, or a node other than an instructor, liaison or
        party organisation.

    Examples
    --------
    >>> import graphkit.datasets
    >>> lost = lost_coverage(graphkit.datasets.tiny(), ["P2", "L1"])
    >>> lost[["unit_id", "status_after", "lost"]].values.tolist()
    [['U03', 'work_only', 'organisational'], ['U04', 'work_only', 'organisational'], \
['U05', 'uncovered', 'organisational'], ['U08', 'uncovered', 'work']]

    """
    ids = [str(i) for i in ids]
    kinds = net.kinds
    unknown = [i for i in ids if i not in kinds.index]
    if unknown:
        msg = (
            f"what-if: unknown id(s) {', '.join(unknown)}; "
            "expected ids of instructors, liaisons or party organisations"
        )
        raise ConfigError(msg)
    wrong = [f"{i} ({kinds[i]})" for i in ids if kinds[i] not in SUBJECT_KINDS]
    if wrong:
        msg = (
            f"what-if: {', '.join(wrong)} cannot be removed; "
            "expected ids of instructors, liaisons or party organisations"
        )
        raise ConfigError(msg)
    before = _coverage(net, settings=settings)
    after = _coverage(net.without(ids), settings=settings)["status"].reindex(before.index)
    rank_before = before["status"].map(_RANK).astype("int64")
    rank_after = after.map(_RANK).astype("int64")
    worse = before[rank_after > rank_before]
    org = worse["status"].isin(["own_org", "joint_org"])
    out = pd.DataFrame(
        {
            "unit_id": worse.index.astype(STRING),
            "name": worse["name"].astype(STRING).to_numpy(),
            "street": worse["street"].astype(STRING).to_numpy(),
            "status_before": worse["status"].astype(STRING).to_numpy(),
            "status_after": after.reindex(worse.index).astype(STRING).to_numpy(),
            "lost": np.where(org, "organisational", "work"),
        }
    ).astype(STRING)
    return out.sort_values("unit_id", kind="stable").reset_index(drop=True)


def resilience(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """Key-person risk: units that would lose coverage if one subject alone went.

    For every instructor, liaison and party organisation, the number of units
    :func:`lost_coverage` would list if only that subject were removed, split
    by what they lose.

    Parameters
    ----------
    net
        The network; read-only.
    settings
        Accepted for a uniform signature; no threshold is used.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RESILIENCE_COLUMNS`, one row per subject (those whose
        loss costs nothing included, with zeros), sorted by
        ``units_lost_total`` then ``units_lost_org`` (both descending), kind
        and id.

    Notes
    -----
    Computed once for all subjects, without re-running coverage: per unit,
    count its own organisations, all its organisations and its work
    providers (:func:`~graphkit.analysis.coverage.work_providers`). Removing
    subject *X* touches only the units *X* covers or provides for, and for
    those subtracts *X*'s share of each count; the unit's status after is read
    from the reduced counts. A unit loses work coverage when *X* was its only
    provider and it had no organisation. Linear in the ``COVERED_BY`` rows
    and provider pairs. Equal to calling :func:`lost_coverage` once per
    subject (tested).

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": "U1"}, {"id": "U2"}],
    ...            "Instructor": [{"id": "I1", "name": "张伟"}, {"id": "I2", "name": "李娜"}]},
    ...     rels={"GUIDES": [("I1", "U1"), ("I1", "U2"), ("I2", "U2")]},
    ... )
    >>> resilience(net)[["subject_id", "units_lost_work", "units_lost_total"]].values.tolist()
    [['I1', 1, 1], ['I2', 0, 0]]

    """
    # integer codes: units by position, subjects by position among the subjects listed
    # (instructors, liaisons, organisations, one after the other), ids that are no such node
    # after them; every position comes from the network's cached relationship positions
    units = net.units.index
    n_units = len(units)
    start = dict(
        zip(SUBJECT_KINDS, np.cumsum([0] + [len(net.nodes[k]) for k in SUBJECT_KINDS]), strict=False)
    )
    n_known = sum(len(net.nodes[k]) for k in SUBJECT_KINDS)
    u_cov, o_cov = net.position_pairs("COVERED_BY", "Unit", "PartyOrg")  # distinct pairs
    u_prov, s_prov = _provider_pairs(net, start, n_known)
    n_subj = max(int(s_prov.max(initial=-1)) + 1, n_known, 1)
    is_own = np.zeros(n_subj, dtype=bool)
    orgs = net.party_orgs
    first_org = int(start["PartyOrg"])
    is_own[first_org:n_known] = orgs["form"].eq("own").fillna(False).to_numpy(dtype=bool)

    # distinct (unit, subject) pairs of each kind, sorted
    cov_keys = np.sort(u_cov * n_subj + (first_org + o_cov))
    prov_keys = sorted_unique(u_prov * n_subj + s_prov)
    own = is_own[cov_keys % n_subj].astype("int64")
    n_own = np.bincount(cov_keys // n_subj, weights=own, minlength=n_units).astype("int64")
    n_org = np.bincount(cov_keys // n_subj, minlength=n_units)
    n_prov = np.bincount(prov_keys // n_subj, minlength=n_units)

    # (unit, subject) pairs the subject touches, with its share of each count
    both = np.concatenate([cov_keys, prov_keys])
    pair = sorted_unique(both, kind="stable")  # two sorted runs: one merge
    inv = np.searchsorted(pair, both)
    zeros_p, ones_c = np.zeros(len(prov_keys), dtype="int64"), np.ones(len(cov_keys), dtype="int64")
    own_t = np.bincount(inv, weights=np.concatenate([own, zeros_p]), minlength=len(pair))
    org_t = np.bincount(inv, weights=np.concatenate([ones_c, zeros_p]), minlength=len(pair))
    prov_t = np.bincount(inv, weights=np.concatenate([0 * ones_c, zeros_p + 1]), minlength=len(pair))
    u, subj = pair // n_subj, pair % n_subj
    before = _status_rank(n_own[u], n_org[u], n_prov[u])
    after = _status_rank(n_own[u] - own_t, n_org[u] - org_t, n_prov[u] - prov_t)
    worse = after > before
    had_org = before <= _RANK["joint_org"]
    lost_org = np.bincount(subj, weights=worse & had_org, minlength=n_subj).astype("int64")[:n_known]
    lost_work = np.bincount(subj, weights=worse & ~had_org, minlength=n_subj).astype("int64")[:n_known]

    kind_rank = np.repeat(np.arange(len(SUBJECT_KINDS)), [len(net.nodes[k]) for k in SUBJECT_KINDS])
    ids = pd.concat([net.nodes[k].index.to_series().astype(STRING) for k in SUBJECT_KINDS], ignore_index=True)
    id_rank = np.empty(n_known, dtype=np.int64)
    id_rank[np.asarray(pc.sort_indices(as_text(ids)))] = np.arange(n_known)
    total = lost_org + lost_work
    # units lost (total, then organisational) descending, then kind and id; SUBJECT_KINDS is in sorted order
    order = np.lexsort((id_rank, kind_rank, -lost_org, -total))
    names = pd.concat([net.nodes[k]["name"].astype(STRING) for k in SUBJECT_KINDS], ignore_index=True)
    out = pd.DataFrame(
        {
            "subject_kind": pd.array(np.asarray(SUBJECT_KINDS, dtype=object)[kind_rank[order]], dtype=STRING),
            "subject_id": ids.array.take(order),
            "name": names.array.take(order),
            "units_lost_org": lost_org[order],
            "units_lost_work": lost_work[order],
            "units_lost_total": total[order],
        }
    )
    return out[RESILIENCE_COLUMNS]


def _provider_pairs(net: Network, start: dict[str, int], n_known: int) -> tuple[np.ndarray, np.ndarray]:
    """(unit position, provider code) of every work provider, as :func:`work_providers` lists them.

    Repeats kept. Instructors and liaisons assigned to the unit, and
    instructors, liaisons and organisations at a carrier the unit is located
    in. A provider's code is ``start[kind]`` plus its position among the nodes
    of its kind; one that is no such node is numbered after ``n_known``
    (:func:`_subject_codes`). The carrier join runs on carrier positions.
    """
    located = net.rel_mask("LOCATED_IN", "Unit", "Carrier")
    located_units = net.rel_positions("LOCATED_IN", "source", "Unit")[located]
    carriers = [(net.rel_positions("LOCATED_IN", "target", "Carrier")[located], "LOCATED_IN", located)]
    units, providers, at_providers = [], [], []
    for rel_type, kind in (("GUIDES", "Instructor"), ("LIAISES", "Liaison"), ("BASED_AT", "PartyOrg")):
        if rel_type != "BASED_AT":
            direct = net.rel_mask(rel_type, kind, "Unit")
            units.append(net.rel_positions(rel_type, "target", "Unit")[direct])
            providers.append((rel_type, kind, direct))
        at = net.rel_mask(rel_type, kind, "Carrier")
        carriers.append((net.rel_positions(rel_type, "target", "Carrier")[at], rel_type, at))
        at_providers.append((rel_type, kind, at))
    codes = np.concatenate([c for c, _, _ in carriers])
    missing = codes < 0
    if missing.any():  # carriers that are no node: joined by their text, as ids
        text = pd.concat([net.rels[r]["target"][m] for _, r, m in carriers], ignore_index=True)[missing]
        other = pd.factorize(text)[0]
        codes[missing] = np.where(other >= 0, len(net.carriers) + other, -1)
    n_located = len(located_units)
    unit_row, provider_row = _join(codes[:n_located], codes[n_located:])
    units.append(located_units[unit_row])
    subjects = _subject_codes(net, [*providers, *at_providers], start, n_known)
    n_direct = sum(int(m.sum()) for _, _, m in providers)
    return np.concatenate(units), np.concatenate([subjects[:n_direct], subjects[n_direct:][provider_row]])


def _join(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, j) with ``left[i] == right[j]`` (codes ≥ -1), as two index arrays, by counting sort."""
    left, right = left + 1, right + 1
    size = int(max(left.max(initial=0), right.max(initial=0))) + 1
    order = np.argsort(right, kind="stable")
    count = np.bincount(right, minlength=size)
    begin = np.cumsum(count) - count
    reps = count[left]
    i = np.repeat(np.arange(len(left)), reps)
    offset = np.arange(len(i)) - np.repeat(np.cumsum(reps) - reps, reps)
    return i, order[begin[left[i]] + offset]


def _subject_codes(
    net: Network, rows: list[tuple[str, str, np.ndarray]], start: dict[str, int], n_known: int
) -> np.ndarray:
    """Subject codes of the sources of the ``(rel_type, kind, row mask)`` rows, in order.

    A source that is a node of ``kind`` is ``start[kind]`` plus its position;
    any other is looked up among all the subjects' ids, and failing that
    numbered ``n_known`` onwards by its text.
    """
    parts = [net.rel_positions(r, "source", k)[m] for r, k, m in rows]
    codes = np.concatenate(
        [np.where(p >= 0, p + start[k], -1) for p, (_, k, _) in zip(parts, rows, strict=True)]
    )
    missing = codes < 0
    if missing.any():
        text = pd.concat([net.rels[r]["source"][m] for r, _, m in rows], ignore_index=True)[missing]
        ids = pd.Index(
            np.concatenate([net.nodes[k].index.to_numpy(dtype=object) for k in SUBJECT_KINDS]), dtype=STRING
        )
        found = positions(text, ids)
        others = found < 0
        found[others] = n_known + pd.factorize(text[others])[0]
        codes[missing] = found
    return codes


def _status_rank(n_own: np.ndarray, n_org: np.ndarray, n_prov: np.ndarray) -> np.ndarray:
    """Status rank (0 own_org … 3 uncovered) from a unit's counts."""
    return np.select(
        [n_own > 0, n_org > 0, n_prov > 0],
        [_RANK["own_org"], _RANK["joint_org"], _RANK["work_only"]],
        default=_RANK["uncovered"],
    )
