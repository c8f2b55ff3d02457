"""Joint branches: the composition program checked against brute force."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.analysis.proposals import propose_joint_branches
from graphkit.model import Network
from graphkit.settings import Settings

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_kind_has_a_localised_detail(lang):
    net = _joint_net([1, 2], ["C1", "C1"])
    p = propose_joint_branches(net, settings=Settings(lang=lang))
    expected = {
        "zh": "与载体C1内另外1家单位组建联合党支部，共有正式党员3名",
        "en": "Form a joint branch with 1 other unit(s) in 载体C1: 3 full members together",
    }
    assert p.loc[0, "detail"] == expected[lang]
