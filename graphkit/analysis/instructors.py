"""Party-building instructors (党建指导员): reach, load and the findings about them.

Definitions (DESIGN §5):

- An instructor's **reach** is the set of distinct units it reaches: units
  assigned to it directly (``GUIDES`` → Unit), units covered by the party
  organisations it guides (``GUIDES`` → PartyOrg ← ``COVERED_BY``), and units
  located in the carriers it guides (``GUIDES`` → Carrier ← ``LOCATED_IN``).
- Its **contacts** are the distinct targets (units, party organisations,
  carriers) its ``GUIDES`` rows resolve to; each counts once, however many
  units stand behind it (a building's joint party committee is one contact)
  and however many rows name it. Workload is contacts: ``OVERLOADED_INSTRUCTOR``
  compares them with ``max_contacts_per_instructor``; reach drives resilience
  and what-if.
- A party organisation is **reached** when an instructor guides it directly,
  guides its base carrier (``BASED_AT``), or reaches a unit it covers.

Examples
--------
>>> import graphkit.datasets
>>> load = instructor_load(graphkit.datasets.tiny())
>>> load[["reach", "contacts", "overloaded"]].values.tolist()
[[3, 2, False], [1, 1, False], [0, 0, False]]

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit.findings import concat_findings, subject_findings
from graphkit.i18n import detail
from graphkit.kernels import isin
from graphkit.model import Network
from graphkit.settings import Settings

__all__ = [
    "instructor_contacts",
    "instructor_findings",
    "instructor_load",
    "instructor_reach",
    "instructor_streets",
    "no_instructor_findings",
    "reached_party_orgs",
]

_STR = "string"


def instructor_reach(net: Network) -> pd.DataFrame:
    """Distinct (instructor, unit) pairs: which units each instructor reaches.

    Parameters
    ----------
    net
        The network; read-only. Reads ``GUIDES``, ``COVERED_BY`` and ``LOCATED_IN``.

    Returns
    -------
    pandas.DataFrame
        Columns ``instructor_id`` and ``unit_id``, one row per distinct pair,
        sorted by both.

    Notes
    -----
    Memory is the number of pairs before deduplication: for each guided
    organisation or carrier, its units times the instructors guiding it.

    Examples
    --------
    >>> import graphkit.datasets
    >>> reach = instructor_reach(graphkit.datasets.tiny())
    >>> reach[reach["instructor_id"] == "I1"]["unit_id"].tolist()
    ['U03', 'U04', 'U07']

    """
    direct = net.pairs("GUIDES", "Instructor", "Unit")
    parts = [direct.rename(columns={"source": "instructor_id", "target": "unit_id"})]
    for kind, rel_type in (("PartyOrg", "COVERED_BY"), ("Carrier", "LOCATED_IN")):
        guided = net.pairs("GUIDES", "Instructor", kind).drop_duplicates()
        members = net.pairs(rel_type, "Unit", kind).rename(columns={"source": "unit_id"})
        joined = guided.merge(members, on="target")
        parts.append(pd.DataFrame({"instructor_id": joined["source"], "unit_id": joined["unit_id"]}))
    out = pd.concat(parts, ignore_index=True).astype(_STR)
    # distinct and sorted on integer codes (codes of sorted uniques keep the text order)
    i_codes, i_ids = pd.factorize(out["instructor_id"], sort=True)
    u_codes, u_ids = pd.factorize(out["unit_id"], sort=True)
    if (i_codes < 0).any() or (u_codes < 0).any():  # a missing id: the plain way
        out = out.drop_duplicates()
        return out.sort_values(["instructor_id", "unit_id"]).reset_index(drop=True)
    n_u = max(len(u_ids), 1)
    keys = np.sort(i_codes.astype(np.int64) * n_u + u_codes)
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys
    return pd.DataFrame(
        {
            "instructor_id": pd.array(i_ids.take(keys // n_u), dtype=_STR),
            "unit_id": pd.array(u_ids.take(keys % n_u), dtype=_STR),
        }
    )


def instructor_contacts(net: Network) -> pd.DataFrame:
    """Distinct (instructor, target) pairs: each instructor's contacts.

    A contact is a unit, party organisation or carrier that an assignment row
    (``GUIDES``) resolves to; repeated rows count once, and a carrier or
    organisation counts once however many units stand behind it.

    Parameters
    ----------
    net
        The network; read-only. Reads ``GUIDES``.

    Returns
    -------
    pandas.DataFrame
        Columns ``instructor_id``, ``target`` and ``target_kind`` (``Unit``,
        ``PartyOrg`` or ``Carrier``), one row per distinct pair, sorted by
        instructor, kind and target.

    Notes
    -----
    One sort of the R assignment rows: O(R log R).

    Examples
    --------
    >>> import graphkit.datasets
    >>> c = instructor_contacts(graphkit.datasets.tiny())
    >>> c[c["instructor_id"] == "I1"][["target", "target_kind"]].values.tolist()
    [['C1', 'Carrier'], ['U03', 'Unit']]

    """
    parts = [
        net.pairs("GUIDES", "Instructor", kind).assign(target_kind=kind)
        for kind in ("Unit", "PartyOrg", "Carrier")
    ]
    out = pd.concat(parts, ignore_index=True).rename(columns={"source": "instructor_id"})
    out = out[["instructor_id", "target", "target_kind"]].astype(_STR).drop_duplicates()
    return out.sort_values(["instructor_id", "target_kind", "target"]).reset_index(drop=True)


def _sent_by_street(net: Network, kind: str = "Instructor") -> pd.Series:
    """Street name of each person's ``SENT_BY`` street (missing when sent by a department)."""
    sent = net.pairs("SENT_BY", kind, "Street").drop_duplicates("source").set_index("source")["target"]
    ids = sent.reindex(net.nodes[kind].index)
    return net.street_names(ids).where(ids.notna())


def instructor_streets(net: Network) -> pd.Series:
    """Street name of the street that sent each instructor (missing when a department sent it).

    The ``street`` of the instructor findings.

    Examples
    --------
    >>> import graphkit.datasets
    >>> instructor_streets(graphkit.datasets.tiny()).tolist()
    ['林山寨街道', <NA>, '林山寨街道']

    """
    return _sent_by_street(net)


def instructor_load(
    net: Network, *, settings: Settings | None = None, reach: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Reach and contacts of every instructor.

    Parameters
    ----------
    net
        The network; read-only. Reads ``GUIDES``, ``COVERED_BY``,
        ``LOCATED_IN`` and ``SENT_BY``.
    settings
        ``max_contacts_per_instructor`` decides ``overloaded``.
    reach
        The result of :func:`instructor_reach`, when already computed.

    Returns
    -------
    pandas.DataFrame
        One row per instructor, indexed by ``instructor_id``, with columns
        ``name``, ``reach`` (distinct units reached), ``contacts`` (distinct
        targets assigned), ``overloaded`` (contacts above
        ``max_contacts_per_instructor``) and ``street`` (name of the street
        that sent the instructor, if a street did).

    Notes
    -----
    Sorts over the assignment rows and the (instructor, unit) pairs of
    :func:`instructor_reach`: O(R log R).

    Examples
    --------
    >>> import graphkit.datasets
    >>> net = graphkit.datasets.tiny()
    >>> instructor_load(net).loc["I1", ["reach", "contacts"]].tolist()
    [3, 2]
    >>> bool(instructor_load(net, settings=Settings(max_contacts_per_instructor=1)).loc["I1", "overloaded"])
    True

    """
    settings = settings or Settings()
    people = net.instructors
    reach = (instructor_reach(net) if reach is None else reach).groupby("instructor_id").size()
    contacts = instructor_contacts(net).groupby("instructor_id").size()
    out = pd.DataFrame(
        {
            "name": people["name"].astype(_STR),
            "reach": reach.reindex(people.index, fill_value=0).astype("int64"),
            "contacts": contacts.reindex(people.index, fill_value=0).astype("int64"),
        },
        index=people.index.astype(_STR),
    )
    out["overloaded"] = out["contacts"] > settings.max_contacts_per_instructor
    out["street"] = _sent_by_street(net)
    out.index.name = "instructor_id"
    return out


def reached_party_orgs(net: Network, *, reach: pd.DataFrame | None = None) -> pd.Index:
    """Ids of the party organisations some instructor reaches.

    Reached: guided directly, its base carrier guided, or a unit it covers
    reached (see :func:`instructor_reach`).

    Examples
    --------
    >>> import graphkit.datasets
    >>> reached_party_orgs(graphkit.datasets.tiny()).tolist()
    ['P2', 'P3']

    """
    reach = instructor_reach(net) if reach is None else reach
    guides = pd.concat([net.pairs("GUIDES", "Instructor", k) for k in ("PartyOrg", "Carrier")])
    based = net.pairs("BASED_AT", "PartyOrg", "Carrier")
    covered = net.pairs("COVERED_BY", "Unit", "PartyOrg")
    ids = pd.concat(
        [
            guides.loc[isin(guides["target"], net.party_orgs.index), "target"],
            based.loc[isin(based["target"], guides["target"]), "source"],
            covered.loc[isin(covered["source"], reach["unit_id"]), "target"],
        ]
    )
    return pd.Index(sorted(ids.unique()), dtype=_STR)


def instructor_findings(
    net: Network, *, settings: Settings | None = None, load: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``OVERLOADED_INSTRUCTOR`` and ``IDLE_INSTRUCTOR`` findings.

    Overloaded: more contacts (distinct targets assigned) than
    ``max_contacts_per_instructor``; the detail gives contacts, the limit and
    the reach behind them. Idle: no assignment row at all (``contacts == 0``).
    The ``street`` column is the street that sent the instructor, blank when
    a department did.

    Examples
    --------
    >>> import graphkit.datasets
    >>> f = instructor_findings(graphkit.datasets.tiny(), settings=Settings(max_contacts_per_instructor=1))
    >>> f[["code", "subject_id"]].values.tolist()
    [['OVERLOADED_INSTRUCTOR', 'I1'], ['IDLE_INSTRUCTOR', 'I3']]
    >>> f.loc[0, "detail"]
    '联系对象2个，超过上限1个（覆盖单位3家）'

    """
    settings = settings or Settings()
    load = instructor_load(net, settings=settings) if load is None else load
    over = load[load["overloaded"]]
    idle = load[load["contacts"] == 0]
    lang = settings.lang
    return concat_findings(
        [
            subject_findings(
                "OVERLOADED_INSTRUCTOR",
                "Instructor",
                over,
                detail(
                    "OVERLOADED_INSTRUCTOR",
                    lang,
                    contacts=over["contacts"],
                    reach=over["reach"],
                    limit=settings.max_contacts_per_instructor,
                ),
            ),
            subject_findings("IDLE_INSTRUCTOR", "Instructor", idle, detail("IDLE_INSTRUCTOR", lang)),
        ]
    )


def no_instructor_findings(
    net: Network,
    *,
    settings: Settings | None = None,
    coverage: pd.DataFrame | None = None,
    reach: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``NO_INSTRUCTOR``: organisations not reached, and member units left alone.

    Raised for each party organisation no instructor reaches (see
    :func:`reached_party_orgs`), and for each unit with at least one full
    member, no organisational coverage (status ``work_only`` or
    ``uncovered``) and no instructor reaching it. A liaison does not count:
    the rule is about instructors.

    Examples
    --------
    >>> import graphkit.datasets
    >>> no_instructor_findings(graphkit.datasets.tiny())[["subject_kind", "subject_id"]].values.tolist()
    [['PartyOrg', 'P1'], ['PartyOrg', 'P4'], ['Unit', 'U09']]

    """
    from graphkit.analysis.coverage import coverage as _coverage
    from graphkit.analysis.coverage import party_org_streets

    settings = settings or Settings()
    cov = _coverage(net, settings=settings) if coverage is None else coverage
    reach = instructor_reach(net) if reach is None else reach
    orgs = net.party_orgs
    lonely = orgs.loc[~isin(orgs.index, reached_party_orgs(net, reach=reach)), ["name"]]
    lonely["street"] = party_org_streets(net).reindex(lonely.index)
    units = cov[
        cov["party_members"].fillna(0).gt(0)
        & cov["status"].isin(["work_only", "uncovered"])
        & ~isin(cov.index, reach["unit_id"])
    ]
    lang = settings.lang
    return concat_findings(
        [
            subject_findings("NO_INSTRUCTOR", "PartyOrg", lonely, detail("NO_INSTRUCTOR:PartyOrg", lang)),
            subject_findings(
                "NO_INSTRUCTOR",
                "Unit",
                units,
                detail("NO_INSTRUCTOR:Unit", lang, members=units["party_members"]),
            ),
        ]
    )
