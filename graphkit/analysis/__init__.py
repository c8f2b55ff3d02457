"""Analyses of a :class:`~graphkit.model.Network`: coverage, instructors, pairing, attribution, the campaign.

Every analysis reads frames and returns frames; findings follow the one format
of :mod:`graphkit.findings`. :func:`analyze` runs them all and returns an
:class:`~graphkit.results.Analysis`, the object the report writers, the
command line and notebooks use.

The analyses build on the network's own cached look-ups (``net.pairs``,
``net.rel_positions``, ``net.street_of`` …; see :class:`~graphkit.model.Network`),
which is why a network is immutable: change one only through methods that
return a new one (``without``, ``copy``, ``replace``).

Examples
--------
>>> import graphkit.datasets
>>> result = analyze(graphkit.datasets.tiny(), as_of="2026-11-27")
>>> result.summary["rates"]
{'org_coverage': 0.6, 'own_rate': 0.3, 'work_coverage': 0.8}
>>> result.summary["findings"]["UNCOVERED"]
2

"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future
from typing import Any

import numpy as np
import pandas as pd

from graphkit.analysis.activity import (
    activity_findings,
    contact_visits,
    last_activities,
    secretaries_trained,
    training_findings,
    visit_findings,
)
from graphkit.analysis.attribution import attribution, attribution_findings, department_findings
from graphkit.analysis.coverage import (
    STATUSES,
    coverage,
    coverage_findings,
    party_org_street_ids,
    party_org_streets,
    work_providers,
)
from graphkit.analysis.formation import formation_findings, org_members, org_units, term_findings
from graphkit.analysis.grades import (
    demo_site_findings,
    grade_counts,
    grade_findings,
    grades,
    grades_by_street,
)
from graphkit.analysis.honours import honour_findings
from graphkit.analysis.instructors import (
    instructor_contacts,
    instructor_findings,
    instructor_load,
    instructor_reach,
    instructor_streets,
    no_instructor_findings,
    reached_party_orgs,
)
from graphkit.analysis.pairing import branch_pairings, pairing_findings, pairings
from graphkit.analysis.positions import (
    party_org_positions,
    position_findings,
    position_street_ids,
    positions_missing,
    served_party_orgs,
)
from graphkit.analysis.proposals import proposals as _proposals  # aliased: the submodules keep their names
from graphkit.analysis.records import checks_not_run, checks_not_run_for, in_window, valid_honours
from graphkit.analysis.secretaries import secretary_findings
from graphkit.analysis.streets import street_findings
from graphkit.analysis.whatif import lost_coverage
from graphkit.analysis.whatif import resilience as _resilience
from graphkit.exceptions import ConfigError
from graphkit.findings import CODES, concat_findings
from graphkit.model import NODE_KINDS, REL_TYPES, Network, empty_rejects, positions
from graphkit.provenance import locate
from graphkit.results import Analysis
from graphkit.settings import Settings
from graphkit.validate import validate

__all__ = [
    "WITHOUT_KINDS",
    "Analysis",
    "activity_findings",
    "analyze",
    "attribution",
    "attribution_findings",
    "branch_pairings",
    "checks_not_run",
    "checks_not_run_for",
    "contact_visits",
    "coverage",
    "coverage_findings",
    "demo_site_findings",
    "department_findings",
    "formation_findings",
    "grade_counts",
    "grade_findings",
    "grades",
    "grades_by_street",
    "honour_findings",
    "in_window",
    "instructor_contacts",
    "instructor_findings",
    "instructor_load",
    "instructor_reach",
    "instructor_streets",
    "last_activities",
    "no_instructor_findings",
    "org_members",
    "org_units",
    "pairing_findings",
    "pairings",
    "party_org_positions",
    "party_org_street_ids",
    "party_org_streets",
    "position_findings",
    "position_street_ids",
    "positions_missing",
    "rates",
    "reached_party_orgs",
    "secretaries_trained",
    "secretary_findings",
    "served_party_orgs",
    "street_findings",
    "summarize",
    "term_findings",
    "training_findings",
    "valid_honours",
    "visit_findings",
    "work_providers",
]

#: Node kinds whose removal ``analyze(..., without=...)`` simulates.
WITHOUT_KINDS = ("Instructor", "Liaison", "PartyOrg")


_NO_STREET = object()


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(float(part) / float(whole), 4)


def rates(statuses: pd.Series) -> dict[str, float | None]:
    """Coverage rates of a Series of statuses, rounded to 4 decimals.

    ``org_coverage`` (组织覆盖率) = (own_org + joint_org) / units;
    ``own_rate`` (单独组建率) = own_org / units; ``work_coverage`` (工作覆盖率)
    = (own_org + joint_org + work_only) / units, i.e. units with organisational
    *or* work coverage. ``None`` when there are no units.

    Examples
    --------
    >>> rates(pd.Series(["own_org", "joint_org", "work_only", "uncovered"]))
    {'org_coverage': 0.5, 'own_rate': 0.25, 'work_coverage': 0.75}

    """
    counts = statuses.value_counts()
    return _rates(*(int(counts.get(s, 0)) for s in STATUSES[:3]), len(statuses))


def _rates(own: int, joint: int, work: int, n: int) -> dict[str, float | None]:
    """:func:`rates` from the counts of own_org, joint_org and work_only among ``n`` units."""
    return {
        "org_coverage": _rate(own + joint, n),
        "own_rate": _rate(own, n),
        "work_coverage": _rate(own + joint + work, n),
    }


def summarize(
    net: Network,
    cov: pd.DataFrame,
    findings: pd.DataFrame,
    settings: Settings,
    *,
    grades: pd.DataFrame | None = None,
    grade_street_ids: pd.Series | None = None,
) -> dict[str, Any]:
    """The JSON-able summary of an analysis.

    Keys: ``as_of`` (ISO date), ``settings`` (:meth:`Settings.to_dict`),
    ``counts`` (``nodes`` per kind, ``relationships`` per type,
    ``units_by_kind``, ``units_by_status``), ``rates`` (see :func:`rates`),
    ``by_street`` (one dict per street of the network, in its order, with
    ``street_id, street, units, own_org, joint_org, work_only, uncovered,
    org_coverage, own_rate, work_coverage``; units with no known street come
    last under ``street_id`` ``None``) and ``findings`` (code → count, in the
    order of :data:`graphkit.findings.CODES`, codes with findings only).

    Given ``grades`` (:func:`grades`), also ``grades`` (organisations per
    grade, :func:`grade_counts`: ``{"advanced": .., "good": .., "fair": ..,
    "lagging": ..}``, ``{}`` when the grades could not be given) and
    ``grades_by_street`` (:func:`grades_by_street`: ``street_id, street,
    party_orgs`` and a count per grade, per street; ``grade_street_ids``: the
    organisations' street ids when known already).
    """
    statuses = cov["status"]
    by_kind = cov["kind"].fillna("unknown").value_counts()
    street_codes, street_ids = pd.factorize(cov["street_id"])  # -1 for a missing street
    status_codes = positions(statuses, pd.Index(STATUSES))  # -1 for anything else
    width = len(STATUSES)
    cells = np.bincount((street_codes + 1) * width + status_codes, minlength=(len(street_ids) + 1) * width)
    cells = cells.reshape(-1, width)
    keys = [_NO_STREET, *street_ids.astype(object)]
    table = pd.DataFrame(cells, index=pd.Index(keys, dtype=object), columns=list(STATUSES))
    table = table[(table.sum(axis=1) > 0).to_numpy() | (table.index != _NO_STREET)]
    order = [*net.streets.index, *(s for s in table.index if s not in net.streets.index)]
    table = table.reindex(order, fill_value=0).astype("int64")
    table["units"] = table[list(STATUSES)].sum(axis=1)
    names = pd.Series(order, index=order, dtype=object).map(net.streets["name"])
    counts = table[[*STATUSES, "units"]].to_numpy().tolist()  # one per street: a few hundred rows
    by_street = [
        {
            "street_id": None if street_id is _NO_STREET else street_id,
            "street": None if pd.isna(name) else str(name),
            "units": units,
            **dict(zip(STATUSES, (own, joint, work, none), strict=True)),
            "org_coverage": _rate(own + joint, units),
            "own_rate": _rate(own, units),
            "work_coverage": _rate(units - none, units),
        }
        for street_id, name, (own, joint, work, none, units) in zip(
            order, names.tolist(), counts, strict=True
        )
    ]
    total = np.bincount(status_codes[status_codes >= 0], minlength=width)
    found = findings["code"].value_counts()
    graded = {}
    if grades is not None:
        graded = {
            "grades": grade_counts(grades),
            "grades_by_street": grades_by_street(net, grades, street_ids=grade_street_ids),
        }
    return {
        "as_of": settings.today.isoformat(),
        "settings": settings.to_dict(),
        "counts": {
            "nodes": {k: len(net.nodes[k]) for k in NODE_KINDS},
            "relationships": {t: len(net.rels[t]) for t in REL_TYPES},
            "units_by_kind": {str(k): int(v) for k, v in by_kind.items()},
            "units_by_status": {s: int(c) for s, c in zip(STATUSES, total, strict=True)},
        },
        "rates": _rates(*total[:3].tolist(), len(statuses)),
        "by_street": by_street,
        "findings": {c: int(found[c]) for c in CODES if c in found.index},
        **graded,
    }


def _check_without(net: Network, ids: list[str]) -> None:
    kinds = net.kinds
    unknown = [i for i in ids if i not in kinds.index]
    if unknown:
        msg = f"--without: no instructor, liaison or party organisation has the id {', '.join(unknown)}"
        raise ConfigError(msg)
    wrong = [f"{i} ({kinds[i]})" for i in ids if kinds[i] not in WITHOUT_KINDS]
    if wrong:
        msg = (
            f"--without: expected ids of instructors, liaisons or party organisations, got {', '.join(wrong)}"
        )
        raise ConfigError(msg)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-able records of a frame (missing values as ``None``)."""
    flat = frame.reset_index(drop=frame.index.name is None)
    return [
        {k: (None if pd.isna(v) else (v.item() if hasattr(v, "item") else v)) for k, v in row.items()}
        for row in flat.astype(object).to_dict(orient="records")
    ]


def analyze(
    net: Network,
    *,
    settings: Settings | None = None,
    without: Iterable[str] = (),
    executor: Executor | None = None,
    on_coverage: Callable[[Network, pd.DataFrame], object] | None = None,
    **changes: Any,
) -> Analysis:
    """Run every analysis on ``net`` and collect frames, findings and a summary.

    Parameters
    ----------
    net
        The network; read-only.
    settings
        Thresholds, as-of date and language (defaults: :class:`Settings`).
    without
        Ids of instructors, liaisons or party organisations to take away
        before analysing (a what-if). ``summary["without"]`` then lists the
        units that lose coverage compared with the full network (records with
        ``unit_id, name, street, status_before, status_after, lost``).
    executor
        Where to work out the proposals (the longest step, independent of
        the findings) while this thread finds everything else: any
        :class:`concurrent.futures.Executor`. ``None`` (the default) works
        them out here; the answer is the same. The command line passes a
        one-process pool.
    on_coverage
        Called with the network analysed and its coverage (the frame of
        :func:`coverage`) as soon as they are known, before the findings: the
        command line starts drawing the network diagram there, beside the
        analysis. What it returns is ignored.
    **changes
        Settings to change, by name, on top of ``settings``: ``as_of``
        (a date or ``"YYYY-MM-DD"``), ``lang`` or any threshold, e.g.
        ``max_pairings_per_branch=2`` (see :class:`~graphkit.settings.Settings`).

    Returns
    -------
    Analysis
        ``findings`` holds, in this order: coverage, formation, terms,
        instructors, NO_INSTRUCTOR, pairing, attribution, departments,
        streets, positions, activities, secretaries, training, visits,
        demonstration sites, honours and plaques, ORG_LAGGING, then data
        quality (:func:`graphkit.validate.validate`), each with the ledger
        file, sheet, row and cell it comes from when ``net`` was read from a
        ledger (:func:`graphkit.provenance.locate`). ``grades`` holds the
        grade of every party organisation (:func:`grades`), and the summary
        its counts (``summary["grades"]``, ``summary["grades_by_street"]``).
        ``summary["not_run"]`` maps each check not run for want of a table
        or column the source never had to what is missing
        (:func:`checks_not_run`; e.g. ``{"NO_POSITION": "positions",
        "NO_SECRETARY": "party_orgs.secretary", ...}``).

    Raises
    ------
    ConfigError
        If a ``without`` id is unknown or not an instructor, liaison or party
        organisation, or a setting is unknown or does not convert.

    Notes
    -----
    The findings are O(nodes + relationships); the proposals solve linear
    programs whose size grows with the overloaded instructors and unpaired
    organisations (see :mod:`graphkit.analysis.proposals`).

    """
    settings = settings or Settings()
    if changes:
        settings = settings.replace(**changes)
    ids = list(dict.fromkeys(str(i) for i in without))
    full = net
    if ids:
        _check_without(net, ids)
        net = net.without(ids)
    cov = coverage(net, settings=settings)
    if on_coverage is not None:
        on_coverage(net, cov)
    load = instructor_load(net, settings=settings)  # the reach on positions, cached for the rest
    # the proposals, the longest step, need none of the findings: a child process may take them
    # while this one finds the rest (the data-quality checks and the resilience stay here: at a
    # million units the two sides then take about as long)
    side: Future[pd.DataFrame] | None = None
    if executor is not None:
        side = executor.submit(_proposals, net, settings=settings, coverage=cov, load=load)
    found = concat_findings(
        [
            coverage_findings(net, settings=settings, coverage=cov),
            formation_findings(net, settings=settings),
            term_findings(net, settings=settings),
            instructor_findings(net, settings=settings, load=load),
            no_instructor_findings(net, settings=settings, coverage=cov),
            pairing_findings(net, settings=settings),
            attribution_findings(net, settings=settings),
            department_findings(net, settings=settings),
            street_findings(net, settings=settings),
            position_findings(net, settings=settings),
            activity_findings(net, settings=settings),
            secretary_findings(net, settings=settings),
            training_findings(net, settings=settings),
            visit_findings(net, settings=settings),
        ]
    )
    # the campaign's standing of each organisation builds on the findings above
    graded = grades(net, settings=settings, findings=found)
    campaign = [
        demo_site_findings(net, settings=settings, findings=found),
        honour_findings(net, settings=settings, coverage=cov, findings=found, grades=graded),
        grade_findings(net, settings=settings, grades=graded),
    ]
    quality = validate(full, settings=settings)  # on the network as read, before any what-if
    risk = _resilience(net, settings=settings)
    findings = concat_findings([found, *campaign, quality])
    findings = locate(full, findings, settings=settings)  # the ledger row and cell of each finding
    summary = summarize(net, cov, findings, settings, grades=graded)
    summary["not_run"] = checks_not_run(net)
    if ids:
        summary["without"] = _records(lost_coverage(full, ids, settings=settings))
    proposed = (
        side.result() if side is not None else _proposals(net, settings=settings, coverage=cov, load=load)
    )
    rejects = full.rejects if len(full.rejects.columns) else empty_rejects()
    return Analysis(
        network=net,
        settings=settings,
        coverage=cov,
        instructors=load,
        pairings=pairings(net),
        proposals=proposed,
        resilience=risk,
        findings=findings,
        summary=summary,
        rejects=rejects,
        grades=graded,
    )
