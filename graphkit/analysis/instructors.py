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
import pyarrow as pa
import pyarrow.compute as pc

from graphkit.findings import concat_findings, subject_findings
from graphkit.i18n import detail
from graphkit.kernels import as_text, isin
from graphkit.model import Network, join_positions, position_mask, sorted_unique, take_text, text_ranks
from graphkit.settings import Settings

__all__ = [
    "contact_positions",
    "instructor_contacts",
    "instructor_findings",
    "instructor_load",
    "instructor_reach",
    "instructor_streets",
    "no_instructor_findings",
    "reach_positions",
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
    Worked out on positions (:func:`reach_positions`), once per network.

    Examples
    --------
    >>> import graphkit.datasets
    >>> reach = instructor_reach(graphkit.datasets.tiny())
    >>> reach[reach["instructor_id"] == "I1"]["unit_id"].tolist()
    ['U03', 'U04', 'U07']

    """
    return net.cached(("instructor_reach",), _instructor_reach).copy()


def _instructor_reach(net: Network) -> pd.DataFrame:
    person, unit = reach_positions(net)
    # sorted by text: ranks of the instructor ids and of the ids of the units reached
    reached = np.flatnonzero(position_mask(len(net.units), unit))
    unit_rank = np.full(len(net.units), -1, dtype=np.int64)
    unit_rank[reached] = text_ranks(as_text(net.units.index).take(pa.array(reached)))
    width = max(len(reached), 1)
    order = np.argsort(text_ranks(net.instructors.index)[person] * width + unit_rank[unit])
    return pd.DataFrame(
        {
            "instructor_id": take_text(net.instructors.index, person[order]),
            "unit_id": take_text(net.units.index, unit[order]),
        }
    )


def reach_positions(net: Network) -> tuple[np.ndarray, np.ndarray]:
    """:func:`instructor_reach` as positions: (instructor positions, unit positions).

    The same distinct pairs, sorted by position (instructor, then unit);
    positions index ``net.instructors`` and ``net.units``. Cached; read-only.

    Examples
    --------
    >>> import graphkit.datasets
    >>> net = graphkit.datasets.tiny()
    >>> person, unit = reach_positions(net)
    >>> net.units.index[unit[person == 0]].tolist()
    ['U03', 'U04', 'U07']

    """
    return net.cached(("reach_positions",), _reach_positions)


def _reach_positions(net: Network) -> tuple[np.ndarray, np.ndarray]:
    person, unit = net.position_pairs("GUIDES", "Instructor", "Unit")  # assigned directly
    persons, units = [person], [unit]
    for kind, rel_type in (("PartyOrg", "COVERED_BY"), ("Carrier", "LOCATED_IN")):
        person, target = net.position_pairs("GUIDES", "Instructor", kind)
        member, holder = net.position_pairs(rel_type, "Unit", kind)
        guided = position_mask(len(net.nodes[kind]), target)[holder]  # only the units behind a guided one
        p, u = join_positions(person, target, member[guided], holder[guided], len(net.nodes[kind]))
        persons.append(p)
        units.append(u)
    width = max(len(net.units), 1)
    keys = sorted_unique(np.concatenate(persons) * width + np.concatenate(units))
    return keys // width, keys % width


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
    One sort of the R assignment rows: O(R log R), once per network.

    Examples
    --------
    >>> import graphkit.datasets
    >>> c = instructor_contacts(graphkit.datasets.tiny())
    >>> c[c["instructor_id"] == "I1"][["target", "target_kind"]].values.tolist()
    [['C1', 'Carrier'], ['U03', 'Unit']]

    """
    return net.cached(("instructor_contacts",), _instructor_contacts)[0].copy()


#: The kinds of node an instructor's contact can be, in text order.
CONTACT_KINDS = ("Carrier", "PartyOrg", "Unit")


def contact_positions(net: Network) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows of :func:`instructor_contacts` as positions: instructor, contact kind, contact.

    Returns
    -------
    tuple of numpy.ndarray
        For each contact, in the order of :func:`instructor_contacts`: the
        instructor's position among ``net.instructors``, the contact's kind
        as an index into :data:`CONTACT_KINDS`, and the contact's position
        among the nodes of that kind. Cached; read-only.

    Examples
    --------
    >>> import graphkit as gk
    >>> person, kind, at = contact_positions(gk.datasets.tiny())
    >>> net = gk.datasets.tiny()
    >>> first = instructor_contacts(net).iloc[0]
    >>> str(net.instructors.index[person[0]]) == first["instructor_id"]
    True
    >>> str(net.nodes[CONTACT_KINDS[kind[0]]].index[at[0]]) == first["target"]
    True

    """
    return net.cached(("instructor_contacts",), _instructor_contacts)[1]


def _instructor_contacts(net: Network) -> tuple[pd.DataFrame, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    pairs = [net.position_pairs("GUIDES", "Instructor", kind) for kind in CONTACT_KINDS]
    person = np.concatenate([p for p, _ in pairs])
    kind = np.concatenate([np.full(len(p), k, dtype=np.int64) for k, (p, _) in enumerate(pairs)])
    at = np.concatenate([t for _, t in pairs])
    target = pa.chunked_array(
        [as_text(take_text(net.nodes[k].index, t)) for k, (_, t) in zip(CONTACT_KINDS, pairs, strict=True)],
        type=pa.large_string(),
    )
    table = pa.table({"person": text_ranks(net.instructors.index)[person], "kind": kind, "target": target})
    order = pc.sort_indices(
        table, sort_keys=[("person", "ascending"), ("kind", "ascending"), ("target", "ascending")]
    )
    order = np.asarray(order.to_numpy(), dtype=np.int64)
    labels = pa.array(CONTACT_KINDS, type=pa.large_string())
    frame = pd.DataFrame(
        {
            "instructor_id": take_text(net.instructors.index, person[order]),
            "target": take_text(target, order),
            "target_kind": pd.array(labels.take(pa.array(kind[order])), dtype=_STR),
        }
    )
    return frame, (person[order], kind[order], at[order])


def _sent_by_street(net: Network, kind: str = "Instructor") -> pd.Series:
    """Street name of each person's ``SENT_BY`` street (missing when sent by a department)."""
    return net.cached(("sent_by_street", kind), lambda n: _sent_by_streets(n, kind)).copy()


def _sent_by_streets(net: Network, kind: str) -> pd.Series:
    rows = net.first_rows("SENT_BY", kind, "Street")
    ids = pd.Series(
        take_text(net.rels["SENT_BY"]["target"], rows), index=net.nodes[kind].index, name="target"
    )
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
    n = len(people)
    if reach is None or _own_reach(net, reach):
        reached = reach_positions(net)[0]
    else:
        reached = net.positions(reach["instructor_id"], "Instructor")
        reached = reached[reached >= 0]
    contacts = [net.position_pairs("GUIDES", "Instructor", kind)[0] for kind in CONTACT_KINDS]
    out = pd.DataFrame(
        {
            "name": people["name"].astype(_STR),
            "reach": np.bincount(reached, minlength=n).astype(np.int64),
            "contacts": np.bincount(np.concatenate(contacts), minlength=n).astype(np.int64),
        },
        index=people.index.astype(_STR),
    )
    out["overloaded"] = out["contacts"] > settings.max_contacts_per_instructor
    out["street"] = _sent_by_street(net)
    out.index.name = "instructor_id"
    return out


def _own_reach(net: Network, reach: pd.DataFrame) -> bool:
    """Whether ``reach`` is the network's own :func:`instructor_reach` (then its positions are known)."""
    own = net.cached(("instructor_reach",), _instructor_reach)
    return reach is own or (len(reach) == len(own) and reach[list(own.columns)].equals(own))


def _reached_units(net: Network, reach: pd.DataFrame | None) -> np.ndarray:
    """Which units (in ``net.units`` order) some instructor of ``reach`` (default: all) reaches."""
    if reach is None or _own_reach(net, reach):
        return position_mask(len(net.units), reach_positions(net)[1])
    return isin(net.units.index, reach["unit_id"])


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
    reached = _reached_orgs(net, _reached_units(net, reach))
    ids = net.party_orgs.index[reached]
    return pd.Index(take_text(ids, np.argsort(text_ranks(ids))), dtype=_STR)


def _reached_orgs(net: Network, units: np.ndarray) -> np.ndarray:
    """Which party organisations are reached, given which units are (see :func:`reached_party_orgs`)."""
    orgs = np.zeros(len(net.party_orgs), dtype=bool)
    orgs[net.position_pairs("GUIDES", "Instructor", "PartyOrg")[1]] = True
    carriers = position_mask(len(net.carriers), net.position_pairs("GUIDES", "Instructor", "Carrier")[1])
    based, base = net.position_pairs("BASED_AT", "PartyOrg", "Carrier")
    orgs[based[carriers[base]]] = True
    unit, org = net.position_pairs("COVERED_BY", "Unit", "PartyOrg")
    orgs[org[units[unit]]] = True
    return orgs


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
    orgs = net.party_orgs
    reached = _reached_units(net, reach)
    lonely = ~_reached_orgs(net, reached)
    lonely = pd.DataFrame({"name": orgs["name"], "street": party_org_streets(net)}, index=orgs.index)[lonely]
    if not cov.index.equals(net.units.index):  # a coverage frame of other units
        reached = isin(cov.index, net.units.index[reached])
    units = cov[
        cov["party_members"].fillna(0).gt(0).to_numpy(dtype=bool)
        & cov["status"].isin(["work_only", "uncovered"]).to_numpy(dtype=bool)
        & ~reached
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
