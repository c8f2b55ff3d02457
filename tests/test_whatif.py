"""What-if: lost coverage and key-person risk, the vectorised answer against brute force."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphkit.datasets
from graphkit.analysis.coverage import STATUSES, coverage
from graphkit.analysis.whatif import LOST_COLUMNS, RESILIENCE_COLUMNS, lost_coverage, resilience
from graphkit.exceptions import ConfigError
from graphkit.model import Network

FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_removing_a_joint_branch_and_a_liaison():
    lost = lost_coverage(graphkit.datasets.tiny(), ["P2", "L1"])
    assert list(lost.columns) == LOST_COLUMNS
    assert lost.values.tolist() == [
        ["U03", "丙商贸公司", "林山寨街道", "joint_org", "work_only", "organisational"],
        ["U04", "丁餐饮公司", "林山寨街道", "joint_org", "work_only", "organisational"],
        ["U05", "戊文化传媒公司", "林山寨街道", "joint_org", "uncovered", "organisational"],
        ["U08", "庚培训学校", "林山寨街道", "work_only", "uncovered", "work"],
    ]


def test_own_to_joint_counts_as_organisational_loss():
    net = Network.from_records(
        nodes={
            "Unit": [{"id": "U1"}],
            "PartyOrg": [{"id": "P1", "form": "own"}, {"id": "P2", "form": "joint"}],
        },
        rels={"COVERED_BY": [("U1", "P1"), ("U1", "P2")]},
    )
    lost = lost_coverage(net, ["P1"])
    assert lost[["unit_id", "status_before", "status_after", "lost"]].values.tolist() == [
        ["U1", "own_org", "joint_org", "organisational"]
    ]
    r = resilience(net).set_index("subject_id")
    assert r.loc["P1", "units_lost_org"] == 1
    assert r.loc["P2", "units_lost_total"] == 0


def test_an_organisation_based_at_the_carrier_is_a_work_provider():
    # P1 covers U1 and is based at C1, where U1 and U2 are; removing it costs U1 both
    net = Network.from_records(
        nodes={
            "Unit": [{"id": "U1"}, {"id": "U2"}],
            "Carrier": [{"id": "C1"}],
            "PartyOrg": [{"id": "P1", "form": "joint"}],
            "Instructor": [{"id": "I1"}],
        },
        rels={
            "LOCATED_IN": [("U1", "C1"), ("U2", "C1")],
            "COVERED_BY": [("U1", "P1")],
            "BASED_AT": [("P1", "C1")],
            "GUIDES": [("I1", "P1")],
        },
    )
    assert lost_coverage(net, ["P1"])[["unit_id", "status_after", "lost"]].values.tolist() == [
        ["U1", "uncovered", "organisational"],
        ["U2", "uncovered", "work"],
    ]
    r = resilience(net)
    assert list(r.columns) == RESILIENCE_COLUMNS
    assert r.drop(columns="name").values.tolist() == [
        ["PartyOrg", "P1", 1, 1, 2],
        ["Instructor", "I1", 0, 0, 0],
    ]


def test_resilience_is_sorted_and_lists_every_subject():
    net = graphkit.datasets.tiny()
    r = resilience(net)
    assert len(r) == len(net.instructors) + len(net.liaisons) + len(net.party_orgs)
    assert r["units_lost_total"].is_monotonic_decreasing
    assert r.loc[0, ["subject_id", "name", "units_lost_org"]].tolist() == ["P2", "锦艺城联合党支部", 3]


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["X9"], "what-if: unknown id(s) X9; expected ids of instructors, liaisons or party organisations"),
        (["U01", "S1"], "what-if: U01 (Unit), S1 (Street) cannot be removed"),
    ],
)
def test_bad_ids_are_refused(ids, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        lost_coverage(graphkit.datasets.tiny(), ids)


@st.composite
def districts(draw):
    units = [f"U{i}" for i in range(draw(st.integers(1, 6)))]
    carriers = ["C1", "C2"]
    orgs = [f"P{i}" for i in range(draw(st.integers(0, 3)))]
    people = [f"I{i}" for i in range(draw(st.integers(0, 3)))]
    liaisons = [f"L{i}" for i in range(draw(st.integers(0, 2)))]
    forms = draw(st.lists(st.sampled_from(["own", "joint", None]), min_size=len(orgs), max_size=len(orgs)))

    def links(sources, targets, size):
        if not sources or not targets:
            return []
        return draw(st.lists(st.tuples(st.sampled_from(sources), st.sampled_from(targets)), max_size=size))

    nodes = {
        "Unit": [{"id": u, "name": u} for u in units],
        "Carrier": [{"id": c} for c in carriers],
        "PartyOrg": [{"id": p, "name": p, "form": f} for p, f in zip(orgs, forms, strict=True)],
        "Instructor": [{"id": i, "name": i} for i in people],
        "Liaison": [{"id": i, "name": i} for i in liaisons],
    }
    rels = {
        "LOCATED_IN": links(units, carriers, 6),
        "COVERED_BY": links(units, orgs, 6),
        "BASED_AT": links(orgs, carriers, 3),
        "GUIDES": links(people, units + carriers + orgs, 8),
        "LIAISES": links(liaisons, units + carriers, 4),
    }
    return Network.from_records(nodes, rels)


@FAST
@given(districts())
def test_resilience_equals_removing_each_subject_in_turn(net):
    fast = resilience(net).set_index("subject_id")
    for kind in ("Instructor", "Liaison", "PartyOrg"):
        for subject in net.nodes[kind].index:
            lost = lost_coverage(net, [subject])
            expected = (
                int((lost["lost"] == "organisational").sum()),
                int((lost["lost"] == "work").sum()),
                len(lost),
            )
            row = fast.loc[subject]
            assert (row["units_lost_org"], row["units_lost_work"], row["units_lost_total"]) == expected
            assert row["subject_kind"] == kind


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(districts(), st.data())
def test_removing_an_instructor_never_increases_coverage(net, data):
    if net.instructors.empty:
        return
    gone = data.draw(st.sampled_from(list(net.instructors.index)))
    rank = {s: i for i, s in enumerate(STATUSES)}
    before = coverage(net)["status"].map(rank)
    after = coverage(net.without([gone]))["status"].map(rank).reindex(before.index)
    assert (after >= before).all()
    lost = lost_coverage(net, [gone])
    assert set(lost["unit_id"]) == set(before.index[after > before])
    assert set(lost["lost"]) <= {"work"}  # an instructor never gives organisational coverage
