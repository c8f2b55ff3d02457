"""Organisational and work coverage of units (DESIGN §5).

Definitions, exactly as the findings contract states them:

- A unit has **organisational coverage** when a party organisation covers it
  (a ``COVERED_BY`` relationship, from the unit's ``party_org`` cell). Its
  status is ``own_org`` when a covering organisation's form is ``own``
  (单独组建), otherwise ``joint_org``. A unit covered by several organisations
  is ``own_org`` if any of them is ``own``; an organisation whose form is blank
  or unknown counts as joint (it covers, but is not the unit's own).
- Otherwise a unit has **work coverage** (status ``work_only``) when party work
  reaches it: an instructor (``GUIDES``) or liaison (``LIAISES``) assigned to the
  unit or to its carrier, or a party organisation based at its carrier
  (``BASED_AT``). "Its carrier" is the carrier the unit is ``LOCATED_IN``
  (building, market, park); membership of an association (``MEMBER_OF``) does
  not count, in line with the instructor reach definition.
- Otherwise the unit is ``uncovered``.

Examples
--------
>>> import graphkit.datasets
>>> cov = coverage(graphkit.datasets.tiny())
>>> cov["status"].value_counts().sort_index().to_dict()
{'joint_org': 3, 'own_org': 3, 'uncovered': 2, 'work_only': 2}
>>> cov.loc["U01", ["status", "party_org_id"]].tolist()
['own_org', 'P1']

"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit.analysis.messages import detail, status_label
from graphkit.findings import concat_findings, make_findings
from graphkit.kernels import as_text as _arrow_text
from graphkit.kernels import isin as _isin
from graphkit.model import Network
from graphkit.settings import Settings

__all__ = [
    "COVERAGE_COLUMNS",
    "STATUSES",
    "coverage",
    "coverage_findings",
    "party_org_street_ids",
    "party_org_streets",
    "work_providers",
]

#: Coverage statuses, best first.
STATUSES = ("own_org", "joint_org", "work_only", "uncovered")

#: Columns of the :func:`coverage` frame (index ``unit_id``).
COVERAGE_COLUMNS = ["name", "kind", "street", "street_id", "party_members", "status", "party_org_id"]

_STR = "string"


_CACHE: weakref.WeakKeyDictionary[Network, dict[tuple, Any]] = weakref.WeakKeyDictionary()


def _pairs(
    net: Network, rel_type: str, source_kind: str | None = None, target_kind: str | None = None
) -> pd.DataFrame:
    """``source, target`` of one relationship type whose ends have the given kinds.

    Ends are taken as labelled by ``source_kind``/``target_kind``: a
    :class:`Network` fills those from its node frames, so a reference to a
    missing node has a missing kind and is left out. Networks are treated as
    immutable, so the answer is cached per network (a fresh copy each time).
    """
    return _memo(net, ("pairs", rel_type, source_kind, target_kind), _select_pairs).copy()


def _memo(net: Network, key: tuple, compute: Callable[..., Any]) -> Any:
    """``compute(net, *key[1:])``, cached per network (networks are treated as immutable)."""
    cache = _CACHE.setdefault(net, {})
    if key not in cache:
        cache[key] = compute(net, *key[1:])
    return cache[key]


def _select_pairs(
    net: Network, rel_type: str, source_kind: str | None, target_kind: str | None
) -> pd.DataFrame:
    r = net.rel(rel_type)
    mask = _label_mask(net, rel_type, source_kind, target_kind)
    return r.loc[mask, ["source", "target"]].astype(_STR).reset_index(drop=True)


def _label_mask(net: Network, rel_type: str, source_kind: str | None, target_kind: str | None) -> np.ndarray:
    """Which rows of ``rel_type`` have ends labelled with the given kinds (the rows of :func:`_pairs`)."""
    r = net.rel(rel_type)
    mask = np.ones(len(r), dtype=bool)
    for side, kind in (("source", source_kind), ("target", target_kind)):
        if kind is not None:
            mask &= r[f"{side}_kind"].eq(kind).fillna(False).to_numpy(dtype=bool)
    return mask


def _rel_positions(net: Network, rel_type: str, side: str, kind: str) -> np.ndarray:
    """Position of every ``rel_type`` row's ``side`` id among ``net.nodes[kind]`` (-1 when absent).

    Cached per network, so the analyses hash a million unit ids once per column.
    """
    return _memo(net, ("rel_positions", rel_type, side, kind), _compute_rel_positions)


#: Unit columns the analyses all read: their positions are computed together (one hash of the units).
_UNIT_COLUMNS = (
    ("COVERED_BY", "source"),
    ("LOCATED_IN", "source"),
    ("GUIDES", "target"),
    ("LIAISES", "target"),
    ("MEMBER_OF", "source"),
    ("SUPERVISED_BY", "source"),
)


def _compute_rel_positions(net: Network, rel_type: str, side: str, kind: str) -> np.ndarray:
    if kind != "Unit" or (rel_type, side) not in _UNIT_COLUMNS:
        return _positions(net.rel(rel_type)[side], net.nodes[kind].index)
    columns = [_arrow_text(net.rel(r)[s]) for r, s in _UNIT_COLUMNS]
    chunks = [c.combine_chunks() if isinstance(c, pa.ChunkedArray) else c for c in columns]
    every = _positions(pa.chunked_array(chunks, type=pa.large_string()), net.units.index)
    ends = np.cumsum([len(c) for c in chunks])
    cache = _CACHE.setdefault(net, {})
    for (r, s), part in zip(_UNIT_COLUMNS, np.split(every, ends[:-1]), strict=True):
        cache.setdefault(("rel_positions", r, s, "Unit"), part)
    return cache[("rel_positions", rel_type, side, "Unit")]


def _pos_mask(n: int, positions: np.ndarray) -> np.ndarray:
    """A boolean array of length ``n``, true at ``positions`` (-1, an id not found, is ignored)."""
    out = np.zeros(n, dtype=bool)
    out[positions[positions >= 0]] = True
    return out


def _street_names(net: Network, street_ids: pd.Series) -> pd.Series:
    """Street names for a Series of street ids (the id when the street has no name)."""
    names = street_ids.map(net.streets["name"]).astype(_STR)
    return names.fillna(street_ids.astype(_STR))


def work_providers(net: Network) -> pd.DataFrame:
    """Who gives each unit work coverage: one row per (unit, provider).

    A provider is an instructor or liaison assigned to the unit or to the
    carrier it is located in, or a party organisation based at that carrier.
    Organisational coverage is not included: see :func:`coverage`.

    Parameters
    ----------
    net
        The network; read-only.

    Returns
    -------
    pandas.DataFrame
        Columns ``unit_id``, ``provider_id``, ``provider_kind`` (Instructor,
        Liaison or PartyOrg) and ``via`` (``unit`` or the carrier id), one row
        per distinct (unit_id, provider_id), sorted by both.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": "U1"}, {"id": "U2"}], "Carrier": [{"id": "C1"}],
    ...            "Instructor": [{"id": "I1"}], "PartyOrg": [{"id": "P1"}]},
    ...     rels={"LOCATED_IN": [("U2", "C1")], "GUIDES": [("I1", "U1")],
    ...           "BASED_AT": [("P1", "C1")]},
    ... )
    >>> work_providers(net).values.tolist()
    [['U1', 'I1', 'Instructor', 'unit'], ['U2', 'P1', 'PartyOrg', 'C1']]

    """
    located = _pairs(net, "LOCATED_IN", "Unit", "Carrier").rename(
        columns={"source": "unit_id", "target": "carrier"}
    )
    parts = []
    for rel_type, kind in (("GUIDES", "Instructor"), ("LIAISES", "Liaison"), ("BASED_AT", "PartyOrg")):
        if rel_type != "BASED_AT":
            direct = _pairs(net, rel_type, kind, "Unit")
            parts.append(
                pd.DataFrame(
                    {"unit_id": direct["target"], "provider_id": direct["source"], "via": "unit"}
                ).assign(provider_kind=kind)
            )
        at_carrier = _pairs(net, rel_type, kind, "Carrier").drop_duplicates()
        via = located.merge(at_carrier, left_on="carrier", right_on="target")
        parts.append(
            pd.DataFrame(
                {"unit_id": via["unit_id"], "provider_id": via["source"], "via": via["carrier"]}
            ).assign(provider_kind=kind)
        )
    out = pd.concat(parts, ignore_index=True)[["unit_id", "provider_id", "provider_kind", "via"]]
    out = out.astype(_STR).drop_duplicates(["unit_id", "provider_id"])
    return out.sort_values(["unit_id", "provider_id"], kind="stable").reset_index(drop=True)


def _work_mask(net: Network) -> np.ndarray:
    """Which units (in ``net.units`` order) have work coverage (cheaper than :func:`work_providers`)."""
    carriers = pd.concat(
        [
            _pairs(net, "GUIDES", "Instructor", "Carrier")["target"],
            _pairs(net, "LIAISES", "Liaison", "Carrier")["target"],
            _pairs(net, "BASED_AT", "PartyOrg", "Carrier")["target"],
        ]
    )
    located = _label_mask(net, "LOCATED_IN", "Unit", "Carrier")
    at_carrier = _isin(net.rel("LOCATED_IN")["target"].to_numpy()[located], carriers)
    positions = np.concatenate(
        [
            _rel_positions(net, "GUIDES", "target", "Unit")[_label_mask(net, "GUIDES", "Instructor", "Unit")],
            _rel_positions(net, "LIAISES", "target", "Unit")[_label_mask(net, "LIAISES", "Liaison", "Unit")],
            _rel_positions(net, "LOCATED_IN", "source", "Unit")[located][at_carrier],
        ]
    )
    return _pos_mask(len(net.units), positions)


def _covered_codes(net: Network) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ``COVERED_BY`` pairs as positions: (unit positions, organisation positions).

    Positions index ``net.units`` and ``net.party_orgs``; pairs keep the order
    in which they are first listed. Cached per network.
    """
    return _memo(net, ("covered_codes",), _compute_covered_codes)


def _compute_covered_codes(net: Network) -> tuple[np.ndarray, np.ndarray]:
    rows = _label_mask(net, "COVERED_BY", "Unit", "PartyOrg")
    unit = _rel_positions(net, "COVERED_BY", "source", "Unit")[rows]
    org = _rel_positions(net, "COVERED_BY", "target", "PartyOrg")[rows]
    keep = (unit >= 0) & (org >= 0)
    unit, org = unit[keep], org[keep]
    _, first = np.unique(unit * max(len(net.party_orgs), 1) + org, return_index=True)
    first.sort()
    return unit[first], org[first]


def _positions(values: pd.Series | pd.Index, index: pd.Index) -> np.ndarray:
    """Position of each of ``values`` in ``index`` (-1 when absent), computed by Arrow."""
    right = _arrow_text(index)
    if isinstance(right, pa.ChunkedArray):
        right = right.combine_chunks()
    found = pc.index_in(_arrow_text(values), value_set=right, skip_nulls=True).fill_null(-1)
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=np.int64)


def _lookup(values: pd.Series, mapping: pd.Series) -> pd.Series:
    """``values.map(mapping)`` for text keys and a text ``mapping`` with unique keys, through Arrow.

    A few values against a large mapping hash the values, not the mapping.
    """
    pos = _few_positions(values, mapping.index) if len(values) * 8 < len(mapping) else None
    if pos is None:
        pos = _positions(values, mapping.index)
    taken = mapping.astype(_STR).array.take(pos, allow_fill=True)
    return pd.Series(taken, index=values.index, dtype=_STR)


def _few_positions(values: pd.Series, index: pd.Index) -> np.ndarray:
    """:func:`_positions` (first occurrence, -1 when absent) hashing the few ``values``, not ``index``."""
    distinct = pd.Index(pd.unique(values.dropna().astype(_STR)), dtype=_STR)
    hit = _positions(index, distinct)
    found = np.flatnonzero(hit >= 0)
    value, first = np.unique(hit[found], return_index=True)
    at = np.full(len(distinct) + 1, -1, dtype=np.int64)  # the extra slot: values not found
    at[value] = found[first]
    return at[_positions(values, distinct)]


def coverage(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """Coverage status of every unit.

    Parameters
    ----------
    net
        The network; read-only. Reads units (name, kind, party_members),
        ``COVERED_BY`` with the organisations' ``form``, ``GUIDES``,
        ``LIAISES``, ``BASED_AT``, ``LOCATED_IN`` and ``IN_STREET``.
    settings
        Accepted for a uniform signature; coverage uses no threshold.

    Returns
    -------
    pandas.DataFrame
        One row per unit, indexed by ``unit_id``, columns :data:`COVERAGE_COLUMNS`:
        ``street`` is the street's name and ``street_id`` its id; ``status`` is
        one of :data:`STATUSES` (see the module docstring); ``party_org_id`` is
        the covering organisation (an ``own`` one first, then the first listed),
        missing without organisational coverage.

    Notes
    -----
    A handful of merges and ``isin`` tests: linear in units and relationships
    (about 1 s for a million units).

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": "U1"}, {"id": "U2"}, {"id": "U3"}],
    ...            "PartyOrg": [{"id": "P1", "form": "joint"}, {"id": "P2", "form": "own"}],
    ...            "Liaison": [{"id": "L1"}]},
    ...     rels={"COVERED_BY": [("U1", "P1"), ("U1", "P2"), ("U2", "P1")],
    ...           "LIAISES": [("L1", "U3")]},
    ... )
    >>> coverage(net)[["status", "party_org_id"]].values.tolist()
    [['own_org', 'P2'], ['joint_org', 'P1'], ['work_only', <NA>]]

    """
    units = net.units
    n = len(units)
    pos, org = _covered_codes(net)
    orgs = net.party_orgs
    own_row = orgs["form"].eq("own").fillna(False).to_numpy(dtype=bool)[org]
    order = np.lexsort((np.arange(len(pos)), ~own_row))  # own rows first, then as listed
    _, first = np.unique(pos[order], return_index=True)
    chosen = order[first]
    org_id = np.full(n, None, dtype=object)
    org_id[pos[chosen]] = orgs.index.to_numpy(dtype=object)[org[chosen]]
    own = _pos_mask(n, pos[own_row])
    status = np.select([own, _pos_mask(n, pos), _work_mask(net)], list(STATUSES[:3]), default="uncovered")
    street_id = _street_of(net, "Unit").astype(_STR)
    out = pd.DataFrame(
        {
            "name": units["name"].astype(_STR),
            "kind": units["kind"].astype(_STR),
            "street": _street_names(net, street_id),
            "street_id": street_id,
            "party_members": units["party_members"].astype("Int64"),
            "status": pd.array(status, dtype=_STR),
            "party_org_id": pd.array(org_id, dtype=_STR),
        },
        index=units.index.astype(_STR),
    )
    out.index.name = "unit_id"
    return out


def _street_of(net: Network, kind: str) -> pd.Series:
    """``net.street_of(kind)``, cached per network."""
    return _memo(net, ("street_of", kind), Network.street_of)


def party_org_street_ids(net: Network) -> pd.Series:
    """Street id of every party organisation (see :func:`party_org_streets`)."""
    return _memo(net, ("party_org_street_ids",), _party_org_street_ids).copy()


def _party_org_street_ids(net: Network) -> pd.Series:
    own = _street_of(net, "PartyOrg").astype(_STR)
    base = _pairs(net, "BASED_AT", "PartyOrg", "Carrier").drop_duplicates("source")
    via_base = base.set_index("source")["target"].map(_street_of(net, "Carrier"))
    cov = _pairs(net, "COVERED_BY", "Unit", "PartyOrg").drop_duplicates("target")
    via_units = _lookup(cov.set_index("target")["source"], _street_of(net, "Unit"))
    for fallback in (via_base, via_units):
        own = own.fillna(fallback.dropna().astype(_STR).reindex(own.index))
    own.index.name = "party_org_id"
    return own


def party_org_streets(net: Network) -> pd.Series:
    """Street name of every party organisation.

    The organisation's own ``IN_STREET``; failing that, the street of the
    carrier it is based at; failing that, the street of the first unit it
    covers. Missing when none of these is known.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Street": [{"id": "S1", "name": "林山寨街道"}], "Unit": [{"id": "U1"}],
    ...            "PartyOrg": [{"id": "P1"}, {"id": "P2"}]},
    ...     rels={"IN_STREET": [("U1", "S1")], "COVERED_BY": [("U1", "P2")]},
    ... )
    >>> party_org_streets(net).tolist()
    [<NA>, '林山寨街道']

    """
    return _street_names(net, party_org_street_ids(net))


def coverage_findings(
    net: Network, *, settings: Settings | None = None, coverage: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``UNCOVERED``, ``MEMBERS_WITHOUT_ORG`` and ``SHOULD_FORM_OWN`` findings for units.

    - ``UNCOVERED``: status ``uncovered``.
    - ``MEMBERS_WITHOUT_ORG``: at least one full member (``party_members``) and
      no organisational coverage (status ``work_only`` or ``uncovered``).
    - ``SHOULD_FORM_OWN``: at least ``own_branch_min_members`` full members and
      status other than ``own_org``. Probationary members never count; a blank
      member count counts as 0; a threshold of 0 acts as 1 (a unit without
      members never has to form its own organisation).

    Examples
    --------
    >>> import graphkit.datasets
    >>> f = coverage_findings(graphkit.datasets.tiny())
    >>> f[["code", "subject_id"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['UNCOVERED', 'U09'], ['UNCOVERED', 'U10'], ['MEMBERS_WITHOUT_ORG', 'U07'],
     ['MEMBERS_WITHOUT_ORG', 'U09'], ['SHOULD_FORM_OWN', 'U04']]

    """
    settings = settings or Settings()
    cov = _coverage_or(net, settings, coverage)
    members = cov["party_members"].fillna(0)
    no_org = cov["status"].isin(["work_only", "uncovered"])
    lang = settings.lang
    uncovered = cov[cov["status"].eq("uncovered")]
    alone = cov[no_org & members.ge(1)]
    should = cov[members.ge(max(settings.own_branch_min_members, 1)) & cov["status"].ne("own_org")]
    return concat_findings(
        [
            _subject_findings("UNCOVERED", "Unit", uncovered, detail("UNCOVERED", lang)),
            _subject_findings(
                "MEMBERS_WITHOUT_ORG",
                "Unit",
                alone,
                detail("MEMBERS_WITHOUT_ORG", lang, members=alone["party_members"]),
            ),
            _subject_findings(
                "SHOULD_FORM_OWN",
                "Unit",
                should,
                detail(
                    "SHOULD_FORM_OWN",
                    lang,
                    members=should["party_members"],
                    limit=settings.own_branch_min_members,
                    status=status_label(should["status"], lang),
                ),
            ),
        ]
    )


def _subject_findings(code: str, kind: str, subjects: pd.DataFrame, text: pd.Series | str) -> pd.DataFrame:
    """Findings of ``code`` for the rows of ``subjects`` (index = id, columns name and street)."""
    return make_findings(
        code, kind, subjects.index.to_series(), subjects["name"], street=subjects["street"], detail=text
    )


def _coverage_or(net: Network, settings: Settings, frame: pd.DataFrame | None) -> pd.DataFrame:
    """The given coverage frame, or a freshly computed one."""
    return coverage(net, settings=settings) if frame is None else frame
