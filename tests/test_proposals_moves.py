"""Instructor moves: the move program checked against brute force."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.analysis.instructors import instructor_load
from graphkit.analysis.proposals import PROPOSAL_COLUMNS, apply_moves, rebalance_instructors
from graphkit.model import Network
from graphkit.settings import Settings

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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
