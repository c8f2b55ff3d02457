"""Proposals: instructor moves, pairings and joint branches, checked against brute force."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphkit.analysis.proposals as proposals_module
from graphkit.analysis.coverage import coverage
from graphkit.analysis.instructors import instructor_load
from graphkit.analysis.proposals import (
    PROPOSAL_COLUMNS,
    _mode,
    apply_moves,
    proposals,
    propose_joint_branches,
    propose_pairings,
    rebalance_instructors,
)
from graphkit.model import Network
from graphkit.settings import Settings

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ------------------------------------------------------------------ instructor moves
def _net(units, instructors, guides, *, carriers=(), located=(), orgs=(), covered=(), streets=(), sent=()):
    nodes = {
        "Unit": [{"id": u, "name": f"单位{u}"} for u in units],
        "Instructor": [{"id": i, "name": f"指导员{i}"} for i in instructors],
        "Carrier": [{"id": c, "name": f"楼宇{c}", "kind": "building"} for c in carriers],
        "PartyOrg": [{"id": p, "name": f"党组织{p}", "form": "joint"} for p in orgs],
        "Street": [
            {"id": s, "name": f"街道{s}"} for s in sorted({s for _, s in streets} | {s for _, s in sent})
        ],
    }
    rels = {
        "GUIDES": list(guides),
        "LOCATED_IN": list(located),
        "COVERED_BY": list(covered),
        "IN_STREET": list(streets),
        "SENT_BY": list(sent),
    }
    return Network.from_records(nodes, rels)


def test_move_goes_to_the_instructor_of_the_same_street():
    net = _net(
        ["U1", "U2", "U3"],
        ["I1", "I2", "I3"],
        [("I1", "U1"), ("I1", "U2"), ("I1", "U3")],
        streets=[("U1", "S1"), ("U2", "S1"), ("U3", "S2")],
        sent=[("I1", "S1"), ("I2", "S1"), ("I3", "S2")],
    )
    moves = rebalance_instructors(net, settings=Settings(max_units_per_instructor=1))
    assert list(moves.columns) == PROPOSAL_COLUMNS
    assert moves[["subject_id", "from_id", "to_id", "street"]].values.tolist() == [
        ["U1", "I1", "I2", "街道S1"],
        ["U3", "I1", "I3", "街道S2"],
    ]
    assert moves["group"].tolist() == [1, 1]


def test_a_unit_already_reached_by_another_instructor_moves_without_using_its_capacity():
    # I2 is at the limit but already reaches U1 through its building
    net = _net(
        ["U1", "U2", "U3", "U4"],
        ["I1", "I2"],
        [("I1", "U1"), ("I1", "U2"), ("I1", "U4"), ("I2", "C1")],
        carriers=["C1"],
        located=[("U1", "C1"), ("U3", "C1")],
    )
    moves = rebalance_instructors(net, settings=Settings(max_units_per_instructor=2))
    assert moves[["subject_id", "from_id", "to_id"]].values.tolist() == [["U1", "I1", "I2"]]
    assert moves.loc[0, "detail"].endswith("；指导员I2已联系该对象所含单位")
    after = instructor_load(apply_moves(net, moves))["reach"].to_dict()
    assert after == {"I1": 2, "I2": 2}  # I2's reach is its building's two units, unchanged


def test_one_building_row_beats_three_unit_rows():
    units = [f"U{i}" for i in range(6)]
    net = _net(
        units,
        ["I1", "I2"],
        [("I1", "C1"), ("I1", "U3"), ("I1", "U4"), ("I1", "U5")],
        carriers=["C1"],
        located=[("U0", "C1"), ("U1", "C1"), ("U2", "C1")],
    )
    moves = rebalance_instructors(net, settings=Settings(max_units_per_instructor=3))
    assert moves[["subject_kind", "subject_id", "to_id"]].values.tolist() == [["Carrier", "C1", "I2"]]


def test_a_building_too_big_for_anyone_is_left_and_single_units_move():
    units = [f"U{i}" for i in range(7)]
    net = _net(
        units,
        ["I1", "I2"],
        [("I1", "C1"), ("I1", "U4"), ("I1", "U5"), ("I2", "U6")],
        carriers=["C1"],
        located=[(f"U{i}", "C1") for i in range(4)],
    )
    moves = rebalance_instructors(net, settings=Settings(max_units_per_instructor=4))
    assert moves[["subject_id", "to_id"]].values.tolist() == [["U4", "I2"], ["U5", "I2"]]


def test_nothing_to_move_when_nobody_is_overloaded():
    net = _net(["U1"], ["I1"], [("I1", "U1")])
    assert rebalance_instructors(net).empty
    assert list(rebalance_instructors(net).columns) == PROPOSAL_COLUMNS


def test_english_detail():
    net = _net(["U1", "U2"], ["I1", "I2"], [("I1", "U1"), ("I1", "U2")])
    moves = rebalance_instructors(net, settings=Settings(max_units_per_instructor=1, lang="en"))
    assert moves.loc[0, "detail"] == (
        "Move 单位U1 from 指导员I1 to 指导员I2: 指导员I1 then reaches 1 units instead of 2, "
        "指导员I2 1 instead of 0 (limit 1)"
    )


@st.composite
def disjoint_districts(draw):
    """Instructors guiding units, buildings and organisations whose units never overlap."""
    n_units = draw(st.integers(1, 8))
    units = [f"U{i}" for i in range(n_units)]
    group_of = draw(st.lists(st.sampled_from(["-", "C1", "C2", "P1"]), min_size=n_units, max_size=n_units))
    instructors = [f"I{i}" for i in range(draw(st.integers(2, 3)))]
    targets = [u for u, g in zip(units, group_of, strict=True) if g == "-"] + sorted(set(group_of) - {"-"})
    targets = targets[:6]
    owner = draw(
        st.lists(st.sampled_from([*instructors, None]), min_size=len(targets), max_size=len(targets))
    )
    guides = [(i, t) for t, i in zip(targets, owner, strict=True) if i is not None]
    streets = [(u, draw(st.sampled_from(["S1", "S2"]))) for u in units]
    sent = [(i, draw(st.sampled_from(["S1", "S2"]))) for i in instructors]
    limit = draw(st.integers(1, 3))
    net = _net(
        units,
        instructors,
        guides,
        carriers=["C1", "C2"],
        located=[(u, g) for u, g in zip(units, group_of, strict=True) if g.startswith("C")],
        orgs=["P1"],
        covered=[(u, g) for u, g in zip(units, group_of, strict=True) if g == "P1"],
        streets=streets,
        sent=sent,
    )
    return net, limit


def _bundles(net):
    members = {}
    for rel in ("LOCATED_IN", "COVERED_BY"):
        for s, t in net.rel(rel)[["source", "target"]].itertuples(index=False):
            members.setdefault(t, set()).add(s)
    return {u: {u} for u in net.units.index} | members


def _reach(rows, bundles):
    out = Counter()
    per = {}
    for i, t in rows:
        per.setdefault(i, set()).update(bundles.get(t, set()))
    for i, us in per.items():
        out[i] = len(us)
    return out


def _brute_force(net, limit):
    """Fewest moves leaving the least excess, by trying every destination of every movable row."""
    bundles = _bundles(net)
    rows = sorted(set(net.rel("GUIDES")[["source", "target"]].itertuples(index=False, name=None)))
    instructors = list(net.instructors.index)
    before = _reach(rows, bundles)
    over = {i for i in instructors if before[i] > limit}
    movable = [k for k, (i, _) in enumerate(rows) if i in over]
    best = None
    for dests in itertools.product(instructors, repeat=len(movable)):
        new = list(rows)
        moved = 0
        for k, d in zip(movable, dests, strict=True):
            if d != rows[k][0]:
                new[k] = (d, rows[k][1])
                moved += 1
        after = _reach(new, bundles)
        if any(after[i] > limit for i in instructors if i not in over):
            continue
        if any(after[i] > before[i] for i in over):
            continue
        score = (sum(max(0, after[i] - limit) for i in instructors), moved)
        best = score if best is None or score < best else best
    return best, rows, bundles


@FAST
@given(disjoint_districts())
def test_moves_are_optimal_against_brute_force(case):
    net, limit = case
    best, _, bundles = _brute_force(net, limit)
    moves = rebalance_instructors(net, settings=Settings(max_units_per_instructor=limit))
    after_net = apply_moves(net, moves)
    after = _reach(
        sorted(set(after_net.rel("GUIDES")[["source", "target"]].itertuples(index=False, name=None))), bundles
    )
    ours = (sum(max(0, after[i] - limit) for i in net.instructors.index), len(moves))
    assert ours == best
    # the program's own after-state agrees with the analyses' reach
    load = instructor_load(after_net)["reach"]
    assert all(load[i] == after[i] for i in net.instructors.index)


@st.composite
def overlapping_districts(draw):
    """Anything goes: units in several carriers, rows reaching the same units twice."""
    units = [f"U{i}" for i in range(draw(st.integers(1, 8)))]
    instructors = [f"I{i}" for i in range(draw(st.integers(2, 4)))]
    carriers = ["C1", "C2"]
    located = draw(st.lists(st.tuples(st.sampled_from(units), st.sampled_from(carriers)), max_size=8))
    guides = draw(
        st.lists(st.tuples(st.sampled_from(instructors), st.sampled_from(units + carriers)), max_size=12)
    )
    return _net(units, instructors, guides, carriers=carriers, located=located), draw(st.integers(0, 3))


@FAST
@given(overlapping_districts())
def test_moves_never_push_anyone_over_the_limit(case):
    net, limit = case
    s = Settings(max_units_per_instructor=limit)
    before = instructor_load(net)["reach"]
    moves = rebalance_instructors(net, settings=s)
    after = instructor_load(apply_moves(net, moves))["reach"]
    for i in net.instructors.index:
        if before[i] <= limit:
            assert after[i] <= limit
        else:
            assert after[i] <= before[i]
    assert set(moves["from_id"]) <= set(before[before > limit].index)
    excess_before = (before - limit).clip(lower=0).sum()
    excess_after = (after - limit).clip(lower=0).sum()
    assert excess_after <= excess_before


@FAST
@given(overlapping_districts())
def test_reach_after_the_moves_in_each_detail_equals_the_moved_network(case):
    net, limit = case
    s = Settings(max_units_per_instructor=limit)
    moves = rebalance_instructors(net, settings=s)
    before = instructor_load(net, settings=s)["reach"]
    after = instructor_load(apply_moves(net, moves), settings=s)["reach"]
    for src, dst, detail in zip(moves["from_id"], moves["to_id"], moves["detail"], strict=True):
        numbers = re.search(r"由(\d+)家减为(\d+)家，.+由(\d+)家变为(\d+)家", detail)
        assert numbers is not None
        assert [int(n) for n in numbers.groups()] == [before[src], after[src], before[dst], after[dst]]


def _plain_mode(frame, key, value):
    """The definition: most frequent value per key, ties to the smallest value, missing ignored."""
    f = frame.dropna(subset=[key, value])
    counts = f.groupby([key, value]).size().rename("n").reset_index()
    counts = counts.sort_values([key, "n", value], ascending=[True, False, True], kind="stable")
    return counts.drop_duplicates(key).set_index(key)[value].astype("string")


@FAST
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", None]), st.sampled_from(["S1", "S2", "S10", "街道", None])),
        max_size=30,
    )
)
def test_mode_by_integer_codes_equals_the_groupby_definition(rows):
    frame = pd.DataFrame(rows, columns=["k", "v"], dtype="string")
    got, want = _mode(frame, "k", "v"), _plain_mode(frame, "k", "v")
    assert got.index.tolist() == want.index.tolist()
    assert got.tolist() == want.tolist()


def test_a_district_of_500_instructors_is_fully_rebalanced():
    # 500 instructors, 15,000 single-unit rows and 300 buildings of 5 units, limit 36:
    # enough spare reach in total, so the optimum leaves nobody overloaded
    import numpy as np

    rng = np.random.default_rng(7)
    n_i, n_c = 500, 300
    n_u = 15000 + 5 * n_c
    units = pd.DataFrame({"id": [f"U{k}" for k in range(n_u)]})
    owner = np.repeat(np.arange(n_i), rng.poisson(30, n_i))[:15000]
    carriers = pd.DataFrame({"id": [f"C{k}" for k in range(n_c)], "kind": "building"})
    guides = pd.DataFrame(
        {
            "source": [f"I{k}" for k in np.concatenate([owner, rng.integers(0, n_i, n_c)])],
            "target": np.concatenate([units["id"][: len(owner)].to_numpy(), carriers["id"].to_numpy()]),
        }
    )
    located = pd.DataFrame({"source": units["id"][15000:].to_numpy(), "target": np.repeat(carriers["id"], 5)})
    streets = pd.DataFrame({"source": units["id"], "target": [f"S{k}" for k in rng.integers(0, 5, n_u)]})
    net = Network(
        {
            "Unit": units,
            "Instructor": pd.DataFrame({"id": [f"I{k}" for k in range(n_i)]}),
            "Carrier": carriers,
            "Street": pd.DataFrame({"id": [f"S{k}" for k in range(5)]}),
        },
        {"GUIDES": guides, "LOCATED_IN": located, "IN_STREET": streets},
    )
    s = Settings(max_units_per_instructor=36)
    before = instructor_load(net, settings=s)
    moves = rebalance_instructors(net, settings=s)
    after = instructor_load(apply_moves(net, moves), settings=s)
    assert before["overloaded"].sum() > 50
    assert not after["overloaded"].any()
    assert set(moves["from_id"]) == set(before.index[before["overloaded"]])
    # never more moves than the excess: every move removes at least one unit of it
    assert len(moves) <= (before["reach"] - 36).clip(lower=0).sum()


# ------------------------------------------------------------------------- pairings
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

    from graphkit.analysis.proposals import _org_streets

    paired = net.linked("PAIRED_WITH", "OrganBranch", "PartyOrg")
    orgs = [o for o in net.party_orgs.index if o not in set(paired["target"])]
    used = Counter(paired["source"])
    slots = [b for b in net.organ_branches.index for _ in range(max(0, limit - used[b]))]
    dept = dict(
        net.linked("BRANCH_OF", "OrganBranch", "Department")
        .drop_duplicates("source")[["source", "target"]]
        .values.tolist()
    )
    org_street = _org_streets(net).dropna().to_dict()
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
_ARC_BUDGETS = pytest.mark.parametrize("budget", [0, proposals_module._PAIR_ARC_BUDGET])


@_ARC_BUDGETS
@FAST
@given(case=pairing_cases())
def test_pairings_equal_the_whole_assignment_model(case, budget):
    net, limit = case
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(proposals_module, "_PAIR_ARC_BUDGET", budget)
        ours, whole = _pair_scores(net, limit)
    assert ours == whole


@_ARC_BUDGETS
@pytest.mark.parametrize("limit", [3, 5])
def test_pairings_of_the_demo_district_equal_the_whole_assignment_model(limit, budget, monkeypatch):
    from loaders.demo import demo_district

    monkeypatch.setattr(proposals_module, "_PAIR_ARC_BUDGET", budget)
    ours, whole = _pair_scores(demo_district(units=3000, seed=11), limit)
    assert ours[0] > 0
    assert ours == whole


# ------------------------------------------------------------------- joint branches
def _joint_net(members, carrier_of, *, covered=(), assoc=()):
    units = [{"id": f"U{i}", "name": f"公司{i}", "party_members": m} for i, m in enumerate(members)]
    nodes = {
        "Unit": units,
        "Carrier": [{"id": c, "name": f"载体{c}", "kind": "building"} for c in ("C1", "C2", "A1")],
        "PartyOrg": [{"id": "P1", "form": "own"}],
    }
    rels = {
        "LOCATED_IN": [(f"U{i}", c) for i, c in enumerate(carrier_of) if c],
        "MEMBER_OF": list(assoc),
        "COVERED_BY": list(covered),
    }
    return Network.from_records(nodes, rels)


def test_joint_branches_only_take_units_without_an_organisation():
    net = _joint_net([1, 2, 1, 3, 0, 2], ["C1"] * 6, covered=[("U5", "P1")])
    p = propose_joint_branches(net)
    # U3 has 3 members (forms its own), U4 none, U5 is covered: U0, U1 and U2 together (4)
    assert p[["group", "subject_id", "from_id"]].values.tolist() == [
        [1, "U1", "C1"],
        [1, "U0", "C1"],
        [1, "U2", "C1"],
    ]
    assert set(p["to_name"]) == {"载体C1联合党支部"}


def test_units_left_in_a_building_try_their_association():
    net = _joint_net([1, 1, 1], ["C1", "C2", "C2"], assoc=[("U0", "A1"), ("U1", "A1"), ("U2", "A1")])
    p = propose_joint_branches(net)
    assert p[["group", "subject_id", "from_id"]].values.tolist() == [
        [1, "U0", "A1"],
        [1, "U1", "A1"],
        [1, "U2", "A1"],
    ]


def _brute_joint(members, need, cap):
    """Most units placed, then most groups, over every way to group ``members``."""

    def best(rest):
        if not rest:
            return (0, 0)
        first, others = rest[0], rest[1:]
        top = best(others)  # first stays alone
        for k in range(cap):
            for combo in itertools.combinations(range(len(others)), k):
                group = [first] + [others[c] for c in combo]
                if sum(group) >= need:
                    left = tuple(o for c, o in enumerate(others) if c not in combo)
                    placed, groups = best(left)
                    top = max(top, (placed + len(group), groups + 1))
        return top

    return best(tuple(members))


@FAST
@given(
    st.lists(st.integers(1, 3), min_size=1, max_size=8),
    st.integers(2, 4),
    st.integers(1, 5),
)
def test_joint_branches_respect_the_limits_and_are_optimal(members, need, cap):
    s = Settings(own_branch_min_members=need, joint_branch_max_units=cap)
    net = _joint_net(members, ["C1"] * len(members))
    p = propose_joint_branches(net, settings=s)
    m = dict(zip([f"U{i}" for i in range(len(members))], members, strict=True))
    assert p["subject_id"].is_unique
    groups = p.groupby("group")["subject_id"].agg(list)
    for g in groups:
        assert 1 <= len(g) <= cap
        assert sum(m[u] for u in g) >= need
        assert all(m[u] < need for u in g)
    cands = [x for x in members if x < need]
    assert (len(p), len(groups)) == _brute_joint(cands, need, cap)


def test_proposals_concatenates_all_kinds(tmp_path):
    both = Network.from_records(
        nodes={
            "Unit": [
                {"id": "U1"},
                {"id": "U2"},
                {"id": "J1", "party_members": 1},
                {"id": "J2", "party_members": 2},
            ],
            "Carrier": [{"id": "C1"}],
            "Instructor": [{"id": "I1"}, {"id": "I2"}],
        },
        rels={"GUIDES": [("I1", "U1"), ("I1", "U2")], "LOCATED_IN": [("J1", "C1"), ("J2", "C1")]},
    )
    p = proposals(both, settings=Settings(max_units_per_instructor=1), coverage=coverage(both))
    assert list(p.columns) == PROPOSAL_COLUMNS
    assert p[["proposal", "group", "subject_id"]].values.tolist() == [
        ["move_assignment", 1, "U1"],
        ["joint_branch", 1, "J2"],
        ["joint_branch", 1, "J1"],
    ]
    p.to_csv(tmp_path / "p.csv", index=False)
    back = pd.read_csv(tmp_path / "p.csv", dtype=str)
    assert list(back.columns) == PROPOSAL_COLUMNS


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_kind_has_a_localised_detail(lang):
    net = _joint_net([1, 2], ["C1", "C1"])
    p = propose_joint_branches(net, settings=Settings(lang=lang))
    expected = {
        "zh": "与载体C1内另外1家单位组建联合党支部，共有正式党员3名",
        "en": "Form a joint branch with 1 other unit(s) in 载体C1: 3 full members together",
    }
    assert p.loc[0, "detail"] == expected[lang]


def test_pairing_detail_in_english():
    net = _pairing_net(["P1"], [("B1", "D1")], reports=[("P1", "D1")])
    p = propose_pairings(net, settings=Settings(lang="en"))
    assert p.loc[0, "detail"] == (
        "Pair with 机关支部B1 (now 0 pairing(s), limit 3); the supervising department's branch"
    )
    assert p["group"].dtype == "int64"
