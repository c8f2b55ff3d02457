"""Pairing proposals: an organ branch (机关党支部) for every party organisation without a pairing.

:func:`propose_pairings` sorts the unpaired organisations and the branches with
spare pairings into classes of interchangeable members, lets
:func:`~graphkit.analysis.proposals.transport.pairing_flows` decide how many
of each class pair with each, and hands the concrete organisations to
concrete branches.

Examples
--------
>>> import graphkit.datasets
>>> propose_pairings(graphkit.datasets.tiny())[["subject_id", "to_id", "detail"]].values.tolist()
[['P2', 'OB1', '建议与区教育局机关党支部结对共建（该支部现有结对2个，上限3个）；同一街道'], \
['P4', 'OB2', '建议与区民政局机关党支部结对共建（该支部现有结对0个，上限3个）']]

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit.analysis.proposals.common import (
    commonest_unit_street,
    empty_proposals,
    most_common,
    node_names,
    proposal_frame,
    texts,
    unit_street_codes,
)
from graphkit.analysis.proposals.transport import DEPT_SEPARATOR, pairing_flows
from graphkit.i18n import text
from graphkit.kernels import isin
from graphkit.model import STRING, Network
from graphkit.settings import Settings

__all__ = ["org_streets", "propose_pairings"]


def propose_pairings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """Organ branches for the party organisations that have no pairing (结对共建).

    Each unpaired organisation is matched to one organ branch with spare
    pairings (``max_pairings_per_branch`` minus its current pairings).

    Objective, in this order: (1) match as many organisations as the spare
    pairings allow; (2) as many as possible with a branch of their
    supervising department — the department the organisation ``REPORTS_TO``,
    or one that supervises (``SUPERVISED_BY``) a unit it covers;
    (3) as many as possible with a branch of their street.

    Parameters
    ----------
    net
        The network; read-only.
    settings
        ``max_pairings_per_branch`` and ``lang``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~graphkit.analysis.proposals.common.PROPOSAL_COLUMNS`,
        one row per proposed pairing: ``proposal`` is ``pairing``,
        ``subject_*`` the organisation, ``to_*`` the organ branch, ``from_*``
        empty, ``group`` numbers the branches, ``street`` the organisation's
        street.

    Notes
    -----
    Streets: an organisation's street is its ``IN_STREET``, else the street it
    ``REPORTS_TO``, else the commonest street of its units
    (:func:`org_streets`); a branch's street is the commonest street of the
    organisations it already pairs with (an organ branch has no address of
    its own).

    Method: a transportation problem. Organisations with the same
    (departments, street) and branches with the same (department, street) are
    interchangeable, so they form classes; class pairs that share a
    department or a street get an edge of cost ``D·(no department match) +
    (no street match)`` with ``D`` larger than the number of organisations, and
    every class can reach every branch class through a hub at cost ``D + 1``.
    The number matched is fixed to ``min(organisations, spare pairings)``, the
    most possible. The constraint matrix is a network matrix, so the integer
    optimum is the linear one; within classes any assignment is equally good.

    Cost: joins and sorts over the relationships read, O(E log E), plus the
    program of :func:`~graphkit.analysis.proposals.transport.pairing_flows`,
    whose size grows with the classes, not the organisations.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": "P1"}, {"id": "P2"}],
    ...            "Department": [{"id": "D1"}, {"id": "D2"}],
    ...            "OrganBranch": [{"id": "B1", "name": "一支部"}, {"id": "B2", "name": "二支部"}]},
    ...     rels={"BRANCH_OF": [("B1", "D1"), ("B2", "D2")], "REPORTS_TO": [("P1", "D2")]},
    ... )
    >>> p = propose_pairings(net, settings=Settings(max_pairings_per_branch=1))
    >>> p[["subject_id", "to_id"]].values.tolist()
    [['P2', 'B1'], ['P1', 'B2']]

    """
    settings = settings or Settings()
    limit = settings.max_pairings_per_branch
    paired = net.linked("PAIRED_WITH", "OrganBranch", "PartyOrg")
    orgs = net.party_orgs[~isin(net.party_orgs.index, paired["target"])]
    branches = net.organ_branches
    if orgs.empty or branches.empty:
        return empty_proposals()
    count = paired.groupby("source").size().reindex(branches.index, fill_value=0)
    cap = (limit - count).clip(lower=0)
    cap = cap[cap > 0]
    if cap.empty:
        return empty_proposals()
    dept = net.linked("BRANCH_OF", "OrganBranch", "Department").drop_duplicates("source")
    dept = dept.set_index("source")["target"].reindex(cap.index).astype(STRING)
    org_street = org_streets(net)
    pb = paired.assign(street=paired["target"].map(org_street))
    b_street = most_common(pb, "source", "street").reindex(cap.index).astype(STRING)

    sup_org = _supervising_departments(net, orgs.index)
    o, oc, od = _org_classes(orgs.index, sup_org, org_street)
    b, bc = _branch_classes(cap, dept, b_street)
    flows = pairing_flows(oc, bc, od, big=len(o) + 1)
    matched = _match(o, b, flows)
    return _describe_pairings(
        net,
        matched,
        settings=settings,
        count=count,
        dept=dept,
        sup_org=sup_org,
        org_street=org_street,
        b_street=b_street,
    )


def org_streets(net: Network) -> pd.Series:
    """Street id of each party organisation: ``IN_STREET``, else ``REPORTS_TO`` a street, else its units'.

    The units' street is the commonest ``IN_STREET`` of the units it covers
    (ties to the smallest id).

    Parameters
    ----------
    net
        The network; read-only.

    Returns
    -------
    pandas.Series
        ``string`` street ids indexed like ``net.party_orgs``; missing when
        none is known.

    Notes
    -----
    Cached look-ups plus one count over the ``COVERED_BY`` rows: O(E log E).

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": p} for p in ("P1", "P2", "P3", "P4")],
    ...            "Street": [{"id": "S1"}, {"id": "S2"}], "Unit": [{"id": u} for u in ("U1", "U2", "U3")]},
    ...     rels={"IN_STREET": [("P1", "S1"), ("U1", "S1"), ("U2", "S2"), ("U3", "S2")],
    ...           "REPORTS_TO": [("P2", "S2")], "COVERED_BY": [("U1", "P3"), ("U2", "P3"), ("U3", "P3")]},
    ... )
    >>> org_streets(net).tolist()
    ['S1', 'S2', 'S2', <NA>]

    """
    orgs = net.party_orgs.index
    own = net.street_of("PartyOrg")
    reports = net.linked("REPORTS_TO", "PartyOrg", "Street").drop_duplicates("source")
    _, streets = unit_street_codes(net)
    common = commonest_unit_street(net, "COVERED_BY", "PartyOrg")  # aligned with the organisations
    named = np.asarray(streets, dtype=object)
    units_street = pd.Series(
        pd.array(
            np.where(common >= 0, named[np.maximum(common, 0)] if len(named) else None, None), dtype=STRING
        ),
        index=orgs,
    )
    out = own.reindex(orgs)
    out = out.fillna(reports.set_index("source")["target"].reindex(orgs))
    out = out.fillna(units_street)
    return out.astype(STRING)


def _supervising_departments(net: Network, orgs: pd.Index) -> pd.DataFrame:
    """Distinct (``source`` organisation, ``target`` department) supervision pairs of ``orgs``.

    A department supervises an organisation that ``REPORTS_TO`` it, or that
    covers a unit the department supervises (``SUPERVISED_BY``).
    """
    rep = net.linked("REPORTS_TO", "PartyOrg", "Department")[["source", "target"]]
    sup = net.linked("SUPERVISED_BY", "Unit", "Department")[["source", "target"]]
    cov = net.linked("COVERED_BY", "Unit", "PartyOrg")[["source", "target"]]
    # organisation -> department through a unit it covers, joined on unit positions; only the
    # organisations asked for are kept, before the distinct step (same rows, same order)
    cov_keep = np.flatnonzero(isin(cov["target"], orgs))
    cov_u = net.rel_positions("COVERED_BY", "source", "Unit")[
        net.linked_mask("COVERED_BY", "Unit", "PartyOrg")
    ]
    sup_u = net.rel_positions("SUPERVISED_BY", "source", "Unit")[
        net.linked_mask("SUPERVISED_BY", "Unit", "Department")
    ]
    joined = pd.DataFrame({"u": cov_u[cov_keep], "c": cov_keep}).merge(
        pd.DataFrame({"u": sup_u, "s": np.arange(len(sup_u))}), on="u"
    )
    via_units = pd.DataFrame(
        {
            "source": cov["target"].to_numpy()[joined["c"].to_numpy()],
            "target": sup["target"].to_numpy()[joined["s"].to_numpy()],
        }
    )
    rep = rep[isin(rep["source"], orgs)]
    return pd.concat([rep, via_units]).drop_duplicates().astype(STRING)


def _org_classes(
    orgs: pd.Index, sup_org: pd.DataFrame, org_street: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Organisations by class of equal (departments, street).

    Returns ``o`` (``org, depts, street, cls``, one row per organisation),
    ``oc`` (``cls, depts, street, supply``, one row per class) and ``od``
    (``cls, dept``, each class's departments).
    """
    dept_key = (
        sup_org.sort_values("target")
        .groupby("source")["target"]
        .agg(DEPT_SEPARATOR.join)
        .reindex(orgs)
        .fillna("")
    )
    o = pd.DataFrame({"org": orgs.astype(STRING), "depts": dept_key.to_numpy()})
    o["street"] = o["org"].map(org_street).fillna("\0none")
    o["cls"] = pd.factorize(pd.MultiIndex.from_frame(o[["depts", "street"]]))[0]
    oc = o.drop_duplicates("cls").sort_values("cls")[["cls", "depts", "street"]]
    oc["supply"] = o.groupby("cls").size().reindex(oc["cls"]).to_numpy()
    od = sup_org.merge(o[["org", "cls"]], left_on="source", right_on="org")[["cls", "target"]]
    od = od.drop_duplicates().rename(columns={"target": "dept"})
    return o, oc, od


def _branch_classes(
    cap: pd.Series, dept: pd.Series, b_street: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Branches with spare pairings by class of equal (department, street).

    Returns ``b`` (``branch, dept, street, cap, cls``, one row per branch) and
    ``bc`` (``cls, dept, street, cap``, one row per class).
    """
    b = pd.DataFrame({"branch": cap.index.astype(STRING), "dept": dept.fillna("\0none").to_numpy()})
    b["street"] = b["branch"].map(b_street).fillna("\0nostreet")
    b["cap"] = b["branch"].map(cap).astype("int64")
    b["cls"] = pd.factorize(pd.MultiIndex.from_frame(b[["dept", "street"]]))[0]
    bc = b.drop_duplicates("cls").sort_values("cls")[["cls", "dept", "street"]]
    bc["cap"] = b.groupby("cls")["cap"].sum().reindex(bc["cls"]).to_numpy()
    return b, bc


def _match(o: pd.DataFrame, b: pd.DataFrame, flows: pd.DataFrame) -> pd.DataFrame:
    """Concrete ``org``-to-``branch`` pairs from the class counts, sorted by branch and organisation.

    Within a class, organisations are taken by id and branch slots round
    robin (the first free slot of each branch, then the second, …).
    """
    o = o.sort_values(["cls", "org"]).assign(k=lambda f: f.groupby("cls").cumcount())
    flows = flows.sort_values(["cls", "hub", "cls_b"], kind="stable").reset_index(drop=True)
    per_org_cls = flows.loc[flows.index.repeat(flows["n"])].reset_index(drop=True)
    per_org_cls["k"] = per_org_cls.groupby("cls").cumcount()
    matched = per_org_cls.merge(o[["cls", "k", "org"]], on=["cls", "k"])
    matched = matched.sort_values(["cls_b", "org"], kind="stable")
    matched["n"] = matched.groupby("cls_b").cumcount()
    slots = b.loc[b.index.repeat(b["cap"])].copy()
    slots["k"] = slots.groupby("branch").cumcount()
    slots = slots.sort_values(["cls", "k", "branch"]).assign(n=lambda f: f.groupby("cls").cumcount())
    matched = matched.merge(
        slots[["cls", "n", "branch"]].rename(columns={"cls": "cls_b"}), on=["cls_b", "n"], how="left"
    )
    return matched.sort_values(["branch", "org"]).reset_index(drop=True)


def _describe_pairings(
    net: Network,
    matched: pd.DataFrame,
    *,
    settings: Settings,
    count: pd.Series,
    dept: pd.Series,
    sup_org: pd.DataFrame,
    org_street: pd.Series,
    b_street: pd.Series,
) -> pd.DataFrame:
    """The proposals frame of the ``matched`` pairs: names, streets and what each pair has in common."""
    lang = settings.lang
    org_ids = matched["org"].astype(STRING)
    branch_ids = matched["branch"].astype(STRING)
    # department and street matches of the concrete pairs (vectorised)
    pair = pd.DataFrame({"source": org_ids, "target": branch_ids.map(dept)})
    is_dept = pair.merge(sup_org.assign(hit=True), on=["source", "target"], how="left")["hit"]
    is_dept = is_dept.fillna(False).astype(bool).to_numpy()
    is_street = org_ids.map(org_street).eq(branch_ids.map(b_street)).fillna(False).to_numpy()
    note = pd.Series("", index=matched.index, dtype=STRING)
    note = note.where(~is_dept, note + text("proposal_pairing_dept", lang=lang))
    note = note.where(~is_street, note + text("proposal_pairing_street", lang=lang))
    bname = node_names(net, branch_ids)
    detail = texts(
        "proposal_pairing",
        lang=lang,
        dst=bname,
        count=branch_ids.map(count).astype("int64"),
        limit=settings.max_pairings_per_branch,
        note=note,
    )
    street = org_ids.map(org_street)
    return proposal_frame(
        proposal="pairing",
        group=pd.Series(pd.factorize(branch_ids)[0] + 1),
        subject_kind="PartyOrg",
        subject_id=org_ids,
        subject_name=node_names(net, org_ids),
        to_id=branch_ids,
        to_name=bname,
        street=net.street_names(street).where(street.notna()),
        detail=detail,
    )
