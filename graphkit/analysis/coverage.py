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

import numpy as np
import pandas as pd
import pyarrow as pa

from graphkit.findings import concat_findings, subject_findings
from graphkit.i18n import detail, translate_values
from graphkit.model import Network, follow, position_mask, take_text
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
    located = net.pairs("LOCATED_IN", "Unit", "Carrier").rename(
        columns={"source": "unit_id", "target": "carrier"}
    )
    parts = []
    for rel_type, kind in (("GUIDES", "Instructor"), ("LIAISES", "Liaison"), ("BASED_AT", "PartyOrg")):
        if rel_type != "BASED_AT":
            direct = net.pairs(rel_type, kind, "Unit")
            parts.append(
                pd.DataFrame(
                    {"unit_id": direct["target"], "provider_id": direct["source"], "via": "unit"}
                ).assign(provider_kind=kind)
            )
        at_carrier = net.pairs(rel_type, kind, "Carrier").drop_duplicates()
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
    worked = np.zeros(len(net.carriers), dtype=bool)  # carriers that party work reaches
    for rel_type, kind in (("GUIDES", "Instructor"), ("LIAISES", "Liaison"), ("BASED_AT", "PartyOrg")):
        at = net.rel_positions(rel_type, "target", "Carrier")[net.rel_mask(rel_type, kind, "Carrier")]
        worked[at[at >= 0]] = True
    located = net.rel_mask("LOCATED_IN", "Unit", "Carrier")
    carrier = net.rel_positions("LOCATED_IN", "target", "Carrier")
    located &= carrier >= 0
    located[located] = worked[carrier[located]]
    positions = np.concatenate(
        [
            net.rel_positions("GUIDES", "target", "Unit")[net.rel_mask("GUIDES", "Instructor", "Unit")],
            net.rel_positions("LIAISES", "target", "Unit")[net.rel_mask("LIAISES", "Liaison", "Unit")],
            net.rel_positions("LOCATED_IN", "source", "Unit")[located],
        ]
    )
    return position_mask(len(net.units), positions)


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
    A handful of hash look-ups and merges: O(units + relationships).

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
    pos, org = net.position_pairs("COVERED_BY", "Unit", "PartyOrg")
    orgs = net.party_orgs
    own_row = orgs["form"].eq("own").fillna(False).to_numpy(dtype=bool)[org]
    order = np.lexsort((np.arange(len(pos)), ~own_row))  # own rows first, then as listed
    _, first = np.unique(pos[order], return_index=True)
    chosen = order[first]
    org_at = np.full(n, -1, dtype=np.int64)
    org_at[pos[chosen]] = org[chosen]
    own = position_mask(n, pos[own_row])
    status = np.select([own, position_mask(n, pos), _work_mask(net)], [0, 1, 2], default=3).astype(np.int8)
    street_id = net.street_of("Unit").astype(_STR)
    out = pd.DataFrame(
        {
            "name": units["name"].astype(_STR),
            "kind": units["kind"].astype(_STR),
            "street": net.street_names(street_id),
            "street_id": street_id,
            "party_members": units["party_members"].astype("Int64"),
            "status": _texts(status, STATUSES),
            "party_org_id": take_text(orgs.index, org_at),
        },
        index=units.index.astype(_STR),
    )
    out.index.name = "unit_id"
    return out


def _texts(codes: np.ndarray, labels: tuple[str, ...]) -> pd.api.extensions.ExtensionArray:
    """``labels[code]`` for each code, as a ``string`` array built by Arrow (no Python object per row)."""
    values = pa.DictionaryArray.from_arrays(pa.array(codes), pa.array(labels, type=pa.large_string()))
    return pd.array(values.cast(pa.large_string()), dtype=_STR)


def party_org_street_ids(net: Network) -> pd.Series:
    """Street id of every party organisation (see :func:`party_org_streets`)."""
    return net.cached(("party_org_street_ids",), _party_org_street_ids).copy()


def _party_org_street_ids(net: Network) -> pd.Series:
    own = net.street_of("PartyOrg").astype(_STR).array
    # the street of the carrier each organisation is first based at
    base = net.first_rows("BASED_AT", "PartyOrg", "Carrier")
    carrier = follow(net.rel_positions("BASED_AT", "target", "Carrier"), base)
    via_base = take_text(net.street_of("Carrier"), carrier)
    # the street of the first unit each organisation covers
    first = net.first_sources("COVERED_BY", "Unit", "PartyOrg")
    unit = follow(net.rel_positions("COVERED_BY", "source", "Unit"), first)
    via_units = take_text(net.street_of("Unit"), unit)
    out = pd.Series(own, index=net.party_orgs.index, name="street")
    for fallback in (via_base, via_units):
        out = out.fillna(pd.Series(fallback, index=out.index, dtype=_STR))
    out.index.name = "party_org_id"
    return out


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
    return net.cached(("party_org_streets",), lambda n: n.street_names(party_org_street_ids(n))).copy()


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
            subject_findings("UNCOVERED", "Unit", uncovered, detail("UNCOVERED", lang)),
            subject_findings(
                "MEMBERS_WITHOUT_ORG",
                "Unit",
                alone,
                detail("MEMBERS_WITHOUT_ORG", lang, members=alone["party_members"]),
            ),
            subject_findings(
                "SHOULD_FORM_OWN",
                "Unit",
                should,
                detail(
                    "SHOULD_FORM_OWN",
                    lang,
                    members=should["party_members"],
                    limit=settings.own_branch_min_members,
                    status=translate_values(should["status"], "status", lang=lang),
                ),
            ),
        ]
    )


def _coverage_or(net: Network, settings: Settings, frame: pd.DataFrame | None) -> pd.DataFrame:
    """The given coverage frame, or a freshly computed one."""
    return coverage(net, settings=settings) if frame is None else frame
