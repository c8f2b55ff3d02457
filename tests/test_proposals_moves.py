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
    moves = rebalance_instructors(net, settings=Settings(max_contacts_per_instructor=1))
    assert list(moves.columns) == PROPOSAL_COLUMNS
    assert moves[["subject_id", "from_id", "to_id", "street"]].values.tolist() == [
        ["U1", "I1", "I2", "街道S1"],
        ["U3", "I1", "I3", "街道S2"],
    ]
    assert moves["group"].tolist() == [1, 1]


def test_a_contact_another_instructor_already_has_moves_without_using_its_capacity():
    # I2 is at the limit (its building and U1) but already has U1
    net = _net(
        ["U1", "U2", "U3", "U4"],
        ["I1", "I2"],
        [("I1", "U1"), ("I1", "U2"), ("I1", "U4"), ("I2", "C1"), ("I2", "U1")],
        carriers=["C1"],
        located=[("U1", "C1"), ("U3", "C1")],
    )
    moves = rebalance_instructors(net, settings=Settings(max_contacts_per_instructor=2))
    assert moves[["subject_id", "from_id", "to_id"]].values.tolist() == [["U1", "I1", "I2"]]
    assert moves.loc[0, "detail"] == (
        "将联系对象“单位U1”由指导员I1调整给指导员I2：指导员I1联系对象由3个减为2个，"
        "指导员I2由2个变为2个（上限2个）；指导员I2已联系该对象"
    )
    after = instructor_load(apply_moves(net, moves))["contacts"].to_dict()
    assert after == {"I1": 2, "I2": 2}


def test_a_building_is_one_contact_and_moves_whole_whatever_its_size():
    units = [f"U{i}" for i in range(33)]
    net = _net(
        units,
        ["I1", "I2"],
        [("I1", "C1"), ("I1", "U30"), ("I1", "U31"), ("I2", "U32")],
        carriers=["C1"],
        located=[(f"U{i}", "C1") for i in range(30)],
    )
    s = Settings(max_contacts_per_instructor=2)
    assert instructor_load(net, settings=s)[["reach", "contacts"]].values.tolist() == [[32, 3], [1, 1]]
    moves = rebalance_instructors(net, settings=s)
    assert moves[["subject_kind", "subject_id", "to_id"]].values.tolist() == [["Carrier", "C1", "I2"]]
    after = instructor_load(apply_moves(net, moves), settings=s)
    assert after[["reach", "contacts", "overloaded"]].values.tolist() == [[2, 2, False], [31, 2, False]]


def test_as_many_moves_as_the_excess_when_there_is_room():
    # 9 contacts against the default limit of 8: one move; 8 stays
    net = _net([f"U{i}" for i in range(9)], ["I1", "I2"], [("I1", f"U{i}") for i in range(9)])
    assert len(rebalance_instructors(net)) == 1
    net = _net([f"U{i}" for i in range(8)], ["I1", "I2"], [("I1", f"U{i}") for i in range(8)])
    assert rebalance_instructors(net).empty


def test_nothing_to_move_when_nobody_is_overloaded():
    net = _net(["U1"], ["I1"], [("I1", "U1")])
    assert rebalance_instructors(net).empty
    assert list(rebalance_instructors(net).columns) == PROPOSAL_COLUMNS


def test_english_detail():
    net = _net(["U1", "U2"], ["I1", "I2"], [("I1", "U1"), ("I1", "U2")])
    moves = rebalance_instructors(net, settings=Settings(max_contacts_per_instructor=1, lang="en"))
    assert moves.loc[0, "detail"] == (
        "Move 单位U1 from 指导员I1 to 指导员I2: 指导员I1 then has 1 contacts instead of 2, "
        "指导员I2 1 instead of 0 (limit 1)"
    )


@st.composite
def disjoint_districts(draw):
    """Instructors guiding units, buildings and organisations, each target assigned at most once."""
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


def _contacts(rows):
    """Contacts per instructor: its distinct targets, whatever stands behind them."""
    return Counter(i for i, _ in set(rows))


def _brute_force(net, limit):
    """Fewest moves leaving the least excess, by trying every destination of every contact."""
    rows = sorted(set(net.rel("GUIDES")[["source", "target"]].itertuples(index=False, name=None)))
    instructors = list(net.instructors.index)
    before = _contacts(rows)
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
        after = _contacts(new)
        if any(after[i] > limit for i in instructors if i not in over):
            continue
        if any(after[i] > before[i] for i in over):
            continue
        score = (sum(max(0, after[i] - limit) for i in instructors), moved)
        best = score if best is None or score < best else best
    return best


@FAST
@given(disjoint_districts())
def test_moves_are_optimal_against_brute_force(case):
    net, limit = case
    best = _brute_force(net, limit)
    moves = rebalance_instructors(net, settings=Settings(max_contacts_per_instructor=limit))
    after_net = apply_moves(net, moves)
    after = _contacts(after_net.rel("GUIDES")[["source", "target"]].itertuples(index=False, name=None))
    ours = (sum(max(0, after[i] - limit) for i in net.instructors.index), len(moves))
    assert ours == best
    # the brute force's count agrees with the analyses' contacts
    load = instructor_load(after_net)["contacts"]
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
    s = Settings(max_contacts_per_instructor=limit)
    before = instructor_load(net)["contacts"]
    moves = rebalance_instructors(net, settings=s)
    after = instructor_load(apply_moves(net, moves))["contacts"]
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
def test_contacts_after_the_moves_in_each_detail_equal_the_moved_network(case):
    net, limit = case
    s = Settings(max_contacts_per_instructor=limit)
    moves = rebalance_instructors(net, settings=s)
    before = instructor_load(net, settings=s)["contacts"]
    after = instructor_load(apply_moves(net, moves), settings=s)["contacts"]
    for src, dst, detail in zip(moves["from_id"], moves["to_id"], moves["detail"], strict=True):
        numbers = re.search(r"由(\d+)个减为(\d+)个，.+由(\d+)个变为(\d+)个", detail)
        assert numbers is not None
        assert [int(n) for n in numbers.groups()] == [before[src], after[src], before[dst], after[dst]]


def test_a_district_of_500_instructors_is_fully_rebalanced():
    # 500 instructors, 15,000 single-unit rows and 300 buildings of 5 units, limit 33 contacts:
    # enough spare contacts in total, so the optimum leaves nobody overloaded
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
    s = Settings(max_contacts_per_instructor=33)
    before = instructor_load(net, settings=s)
    moves = rebalance_instructors(net, settings=s)
    after = instructor_load(apply_moves(net, moves), settings=s)
    assert before["overloaded"].sum() > 50
    assert not after["overloaded"].any()
    assert set(moves["from_id"]) == set(before.index[before["overloaded"]])
    # exactly as many moves as the excess: every move removes one contact of it
    assert len(moves) == (before["contacts"] - 33).clip(lower=0).sum()
