"""Pairings: the transportation program checked against brute force and the whole assignment model."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphkit.analysis.proposals.transport as transport_module
from graphkit.analysis.proposals import PROPOSAL_COLUMNS, propose_pairings
from graphkit.model import Network
from graphkit.settings import Settings

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _pairing_net(orgs, branches, *, paired=(), reports=(), org_street=(), units=(), covered=(), sup=()):
    depts = sorted({d for _, d in branches} | {d for _, d in reports} | {d for _, d in sup})
    streets = sorted({s for _, s in org_street})
    nodes = {
        "PartyOrg": [{"id": o, "name": f"党组织{o}"} for o in orgs],
        "OrganBranch": [{"id": b, "name": f"机关支部{b}"} for b, _ in branches],
        "Department": [{"id": d} for d in depts],
        "Street": [{"id": s, "name": f"街道{s}"} for s in streets],
        "Unit": [{"id": u} for u in units],
    }
    rels = {
        "BRANCH_OF": list(branches),
        "PAIRED_WITH": list(paired),
        "REPORTS_TO": list(reports),
        "IN_STREET": list(org_street),
        "COVERED_BY": list(covered),
        "SUPERVISED_BY": list(sup),
    }
    return Network.from_records(nodes, rels)


def test_pairing_prefers_the_supervising_department_then_the_street():
    net = _pairing_net(
        ["P1", "P2", "P3", "Q1"],
        [("B1", "D1"), ("B2", "D2")],
        paired=[("B2", "Q1")],
        reports=[("P1", "D1")],
        org_street=[("P1", "S1"), ("P2", "S2"), ("P3", "S1"), ("Q1", "S2")],
        units=["U1"],
        covered=[("U1", "P3")],
        sup=[("U1", "D2")],
    )
    p = propose_pairings(net, settings=Settings(max_pairings_per_branch=2))
    assert list(p.columns) == PROPOSAL_COLUMNS
    # P1 reports to D1 -> B1; P3's unit is supervised by D2 -> B2 (its last slot); P2 -> B1
    assert p[["subject_id", "to_id", "group"]].values.tolist() == [
        ["P1", "B1", 1],
        ["P2", "B1", 1],
        ["P3", "B2", 2],
    ]
    assert p.loc[0, "detail"] == "建议与机关支部B1结对共建（该支部现有结对0个，上限2个）；属业务主管部门"
    assert p.loc[2, "detail"].endswith("；属业务主管部门")


def test_no_pairing_when_every_branch_is_full():
    net = _pairing_net(["P1", "P2"], [("B1", "D1")], paired=[("B1", "P2")])
    assert propose_pairings(net, settings=Settings(max_pairings_per_branch=1)).empty


@st.composite
def pairing_cases(draw):
    orgs = [f"P{i}" for i in range(draw(st.integers(1, 4)))]
    old = ["Q1", "Q2", "Q3"]
    n_b = draw(st.integers(1, 3))
    branches = [(f"B{i}", draw(st.sampled_from(["D1", "D2", "D3"]))) for i in range(n_b)]
    paired = [(draw(st.sampled_from([b for b, _ in branches])), q) for q in old]
    reports = [(o, d) for o in orgs for d in [draw(st.sampled_from(["D1", "D2", "D3", None]))] if d]
    org_street = [(o, draw(st.sampled_from(["S1", "S2"]))) for o in orgs + old]
    limit = draw(st.integers(1, 3))
    net = _pairing_net(orgs + old, branches, paired=paired, reports=reports, org_street=org_street)
    return net, limit


def _best_pairings(net, limit):
    """(matched, department matches, street matches) of the best assignment, by enumeration."""
    paired = net.rel("PAIRED_WITH")[["source", "target"]].values.tolist()
    used = Counter(b for b, _ in paired)
    dept = dict(net.rel("BRANCH_OF")[["source", "target"]].values.tolist())
    street = dict(net.rel("IN_STREET")[["source", "target"]].values.tolist())
    reports = set(map(tuple, net.rel("REPORTS_TO")[["source", "target"]].values.tolist()))
    b_street = {}
    for b in dept:
        c = Counter(street[t] for s, t in paired if s == b)
        if c:
            top = max(c.values())
            b_street[b] = min(s for s, n in c.items() if n == top)
    orgs = [o for o in net.party_orgs.index if o not in {t for _, t in paired}]
    slots = {b: max(0, limit - used[b]) for b in dept}
    best = (0, 0, 0)
    for choice in itertools.product([None, *dept], repeat=len(orgs)):
        taken = Counter(c for c in choice if c)
        if any(taken[b] > slots[b] for b in taken):
            continue
        score = (
            sum(c is not None for c in choice),
            sum(c is not None and (o, dept[c]) in reports for o, c in zip(orgs, choice, strict=True)),
            sum(c is not None and b_street.get(c) == street[o] for o, c in zip(orgs, choice, strict=True)),
        )
        best = max(best, score)
    return best, dept, street, reports, b_street


@FAST
@given(pairing_cases())
def test_pairings_are_optimal_against_brute_force(case):
    net, limit = case
    best, dept, street, reports, b_street = _best_pairings(net, limit)
    p = propose_pairings(net, settings=Settings(max_pairings_per_branch=limit))
    pairs = list(zip(p["subject_id"], p["to_id"], strict=True))
    assert len({o for o, _ in pairs}) == len(pairs)
    ours = (
        len(pairs),
        sum((o, dept[b]) in reports for o, b in pairs),
        sum(b_street.get(b) == street[o] for o, b in pairs),
    )
    assert ours == best


def _pair_scores(net, limit):
    """(matched, department matches, street matches): the proposals vs one assignment over every pair.

    The reference is the whole model without classes or transit nodes: every unpaired
    organisation against every free pairing slot, cost ``D·(no department match) + (no
    street match)``, solved by :func:`scipy.optimize.linear_sum_assignment` (which
    matches as many as the smaller side has).
    """
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    from graphkit.analysis.proposals.pairings import org_streets

    paired = net.linked("PAIRED_WITH", "OrganBranch", "PartyOrg")
    orgs = [o for o in net.party_orgs.index if o not in set(paired["target"])]
    used = Counter(paired["source"])
    slots = [b for b in net.organ_branches.index for _ in range(max(0, limit - used[b]))]
    dept = dict(
        net.linked("BRANCH_OF", "OrganBranch", "Department")
        .drop_duplicates("source")[["source", "target"]]
        .values.tolist()
    )
    org_street = org_streets(net).dropna().to_dict()
    b_counts = Counter(
        (b, org_street[o]) for b, o in paired[["source", "target"]].values.tolist() if o in org_street
    )
    b_street = {}
    for (b, street), _n in sorted(b_counts.items(), key=lambda t: (t[0][0], -t[1], t[0][1])):
        b_street.setdefault(b, street)
    sup = set(
        map(tuple, net.linked("REPORTS_TO", "PartyOrg", "Department")[["source", "target"]].values.tolist())
    )
    cov = net.linked("COVERED_BY", "Unit", "PartyOrg")[["source", "target"]]
    by_unit = net.linked("SUPERVISED_BY", "Unit", "Department")[["source", "target"]]
    via = cov.merge(by_unit, on="source")
    sup |= set(zip(via["target_x"], via["target_y"], strict=True))

    def score(pairs):
        return (
            len(pairs),
            sum((o, dept.get(b)) in sup for o, b in pairs),
            sum(b_street.get(b) is not None and b_street.get(b) == org_street.get(o) for o, b in pairs),
        )

    p = propose_pairings(net, settings=Settings(max_pairings_per_branch=limit))
    ours = score(list(zip(p["subject_id"], p["to_id"], strict=True)))
    if not orgs or not slots:
        return ours, (0, 0, 0)
    big = len(orgs) + 1
    cost = np.array(
        [
            [
                big * ((o, dept.get(b)) not in sup)
                + (not (b_street.get(b) is not None and b_street.get(b) == org_street.get(o)))
                for b in slots
            ]
            for o in orgs
        ]
    )
    rows, cols = linear_sum_assignment(cost)
    return ours, score([(orgs[r], slots[c]) for r, c in zip(rows, cols, strict=True)])


# budget 0: every program goes through the transit nodes; the default: one arc per class pair
_ARC_BUDGETS = pytest.mark.parametrize("budget", [0, transport_module.PAIR_ARC_BUDGET])


@_ARC_BUDGETS
@FAST
@given(case=pairing_cases())
def test_pairings_equal_the_whole_assignment_model(case, budget):
    net, limit = case
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(transport_module, "PAIR_ARC_BUDGET", budget)
        ours, whole = _pair_scores(net, limit)
    assert ours == whole


@_ARC_BUDGETS
@pytest.mark.parametrize("limit", [3, 5])
def test_pairings_of_the_demo_district_equal_the_whole_assignment_model(limit, budget, monkeypatch):
    from loaders.demo import demo_district

    monkeypatch.setattr(transport_module, "PAIR_ARC_BUDGET", budget)
    ours, whole = _pair_scores(demo_district(units=3000, seed=11), limit)
    assert ours[0] > 0
    assert ours == whole


def test_pairing_detail_in_english():
    net = _pairing_net(["P1"], [("B1", "D1")], reports=[("P1", "D1")])
    p = propose_pairings(net, settings=Settings(lang="en"))
    assert p.loc[0, "detail"] == (
        "Pair with 机关支部B1 (now 0 pairing(s), limit 3); the supervising department's branch"
    )
    assert p["group"].dtype == "int64"
