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

from graphkit.analysis.coverage import STATUSES
from graphkit.analysis.coverage import coverage as _coverage
from graphkit.exceptions import ConfigError
from graphkit.model import STRING, Network, positions
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
    # (instructors, liaisons, organisations), ids that are no such node after them
    units = net.units.index
    n_units = len(units)
    subject_ids = pd.Index(
        np.concatenate([net.nodes[k].index.to_numpy(dtype=object) for k in SUBJECT_KINDS]), dtype=STRING
    )
    covered = net.linked("COVERED_BY", "Unit", "PartyOrg")
    u_cov = net.rel_positions("COVERED_BY", "source", "Unit")[
        net.linked_mask("COVERED_BY", "Unit", "PartyOrg")
    ]
    u_prov, prov_subjects = _provider_pairs(net)
    s_all = positions(pd.concat([covered["target"], prov_subjects], ignore_index=True), subject_ids)
    missing = s_all < 0
    if missing.any():
        others = pd.concat([covered["target"], prov_subjects], ignore_index=True)[missing]
        s_all[missing] = len(subject_ids) + pd.factorize(others)[0]
    n_subj = max(int(s_all.max(initial=-1)) + 1, len(subject_ids), 1)
    s_cov, s_prov = s_all[: len(covered)], s_all[len(covered) :]
    is_own = np.zeros(n_subj, dtype=bool)
    orgs = net.party_orgs
    first_org = len(subject_ids) - len(orgs)
    is_own[first_org : len(subject_ids)] = orgs["form"].eq("own").fillna(False).to_numpy(dtype=bool)

    # distinct (unit, subject) pairs of each kind
    cov_keys = _sorted_unique(u_cov * n_subj + s_cov)
    prov_keys = _sorted_unique(u_prov * n_subj + s_prov)
    own = is_own[cov_keys % n_subj].astype("int64")
    n_own = np.bincount(cov_keys // n_subj, weights=own, minlength=n_units).astype("int64")
    n_org = np.bincount(cov_keys // n_subj, minlength=n_units)
    n_prov = np.bincount(prov_keys // n_subj, minlength=n_units)

    # (unit, subject) pairs the subject touches, with its share of each count
    both = np.concatenate([cov_keys, prov_keys])
    pair = _sorted_unique(both)
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
    lost_org = np.bincount(subj, weights=worse & had_org, minlength=n_subj).astype("int64")
    lost_work = np.bincount(subj, weights=worse & ~had_org, minlength=n_subj).astype("int64")

    frames = []
    for kind in SUBJECT_KINDS:
        nodes = net.nodes[kind]
        frames.append(
            pd.DataFrame(
                {
                    "subject_kind": kind,
                    "subject_id": nodes.index.astype(STRING),
                    "name": nodes["name"].to_numpy(),
                }
            )
        )
    out = pd.concat(frames, ignore_index=True).astype(STRING)
    out["units_lost_org"] = lost_org[: len(out)]
    out["units_lost_work"] = lost_work[: len(out)]
    out["units_lost_total"] = out["units_lost_org"] + out["units_lost_work"]
    out = out.sort_values(
        ["units_lost_total", "units_lost_org", "subject_kind", "subject_id"],
        ascending=[False, False, True, True],
        kind="stable",
    )
    return out.reset_index(drop=True)[RESILIENCE_COLUMNS]


def _provider_pairs(net: Network) -> tuple[np.ndarray, pd.Series]:
    """(unit position, provider id) of every work provider, as :func:`work_providers` lists them.

    Repeats kept. Instructors and liaisons assigned to the unit, and
    instructors, liaisons and organisations at a carrier the unit is located
    in; the carrier join runs on integer codes.
    """
    located = net.rel_mask("LOCATED_IN", "Unit", "Carrier")
    located_units = net.rel_positions("LOCATED_IN", "source", "Unit")[located]
    located_carriers = net.rel("LOCATED_IN")["target"][located]
    units, providers = [], []
    at_parts = []
    for rel_type, kind in (("GUIDES", "Instructor"), ("LIAISES", "Liaison"), ("BASED_AT", "PartyOrg")):
        if rel_type != "BASED_AT":
            direct = net.rel_mask(rel_type, kind, "Unit")
            units.append(net.rel_positions(rel_type, "target", "Unit")[direct])
            providers.append(net.pairs(rel_type, kind, "Unit")["source"])
        at_parts.append(net.pairs(rel_type, kind, "Carrier"))
    at_carrier = pd.concat(at_parts, ignore_index=True)
    codes, _ = pd.factorize(pd.concat([located_carriers, at_carrier["target"]], ignore_index=True))
    joined = pd.DataFrame({"c": codes[: len(located_units)], "u": np.arange(len(located_units))}).merge(
        pd.DataFrame({"c": codes[len(located_units) :], "p": np.arange(len(at_carrier))}), on="c"
    )
    units.append(located_units[joined["u"].to_numpy()])
    providers.append(at_carrier["source"].iloc[joined["p"].to_numpy()])
    return np.concatenate(units), pd.concat(providers, ignore_index=True)


def _sorted_unique(keys: np.ndarray) -> np.ndarray:
    """``np.unique(keys)`` by sorting (numpy's hash-based unique is slower on millions of integers)."""
    keys = np.sort(keys)
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def _status_rank(n_own: np.ndarray, n_org: np.ndarray, n_prov: np.ndarray) -> np.ndarray:
    """Status rank (0 own_org … 3 uncovered) from a unit's counts."""
    return np.select(
        [n_own > 0, n_org > 0, n_prov > 0],
        [_RANK["own_org"], _RANK["joint_org"], _RANK["work_only"]],
        default=_RANK["uncovered"],
    )
