import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit import Network
from graphkit.analysis import coverage, coverage_findings, party_org_streets, work_providers
from graphkit.analysis.coverage import COVERAGE_COLUMNS, STATUSES


def codes(findings):
    return sorted(zip(findings["code"], findings["subject_id"], strict=True))


def test_status_definitions_on_smallest_cases():
    net = Network.from_records(
        nodes={
            "Unit": [{"id": f"U{i}"} for i in range(1, 10)],
            "PartyOrg": [
                {"id": "Pown", "form": "own"},
                {"id": "Pjoint", "form": "joint"},
                {"id": "Pblank"},
                {"id": "Pbase", "form": "joint"},
            ],
            "Carrier": [{"id": "C1", "kind": "building"}, {"id": "C2"}, {"id": "C3"}, {"id": "A1"}],
            "Instructor": [{"id": "I1"}],
            "Liaison": [{"id": "L1"}],
        },
        rels={
            "COVERED_BY": [("U1", "Pjoint"), ("U1", "Pown"), ("U2", "Pjoint"), ("U3", "Pblank")],
            "GUIDES": [("I1", "U4"), ("I1", "C1"), ("I1", "A1")],
            "LIAISES": [("L1", "C2")],
            "BASED_AT": [("Pbase", "C3")],
            "LOCATED_IN": [("U5", "C1"), ("U6", "C2"), ("U7", "C3")],
            "MEMBER_OF": [("U8", "A1")],
        },
    )
    cov = coverage(net)
    assert list(cov.columns) == COVERAGE_COLUMNS
    assert cov.index.name == "unit_id"
    assert cov["status"].to_dict() == {
        "U1": "own_org",  # own wins over joint, whatever the order
        "U2": "joint_org",
        "U3": "joint_org",  # blank form counts as joint
        "U4": "work_only",  # instructor on the unit
        "U5": "work_only",  # instructor on its building
        "U6": "work_only",  # liaison on its carrier
        "U7": "work_only",  # organisation based at its carrier
        "U8": "uncovered",  # association membership is not "its carrier"
        "U9": "uncovered",
    }
    assert cov["party_org_id"].tolist()[:3] == ["Pown", "Pjoint", "Pblank"]
    assert cov["party_org_id"].iloc[3:].isna().all()
    providers = work_providers(net)
    assert providers[["unit_id", "provider_id", "via"]].values.tolist() == [
        ["U4", "I1", "unit"],
        ["U5", "I1", "C1"],
        ["U6", "L1", "C2"],
        ["U7", "Pbase", "C3"],
    ]


def test_street_name_and_id():
    net = Network.from_records(
        nodes={"Unit": [{"id": "U1"}, {"id": "U2"}], "Street": [{"id": "S1", "name": "林山寨街道"}]},
        rels={"IN_STREET": [("U1", "S1")]},
    )
    cov = coverage(net)
    assert cov.loc["U1", ["street", "street_id"]].tolist() == ["林山寨街道", "S1"]
    assert cov.loc["U2", ["street", "street_id"]].isna().all()


def test_coverage_findings_exact_subjects():
    net = Network.from_records(
        nodes={
            "Unit": [
                {"id": "U1", "party_members": 3},  # own org, 3 members: nothing
                {"id": "U2", "party_members": 3, "probationary_members": 5},  # joint: should form own
                {"id": "U3", "party_members": 2, "probationary_members": 5},  # joint, 2 full: nothing
                {"id": "U4", "party_members": 1},  # work only: members without org
                {"id": "U5", "party_members": 0, "probationary_members": 2},  # uncovered only
                {"id": "U6", "party_members": 4},  # uncovered, members, should form own
                {"id": "U7"},  # blank members, uncovered
            ],
            "PartyOrg": [{"id": "P1", "form": "own"}, {"id": "P2", "form": "joint"}],
            "Instructor": [{"id": "I1"}],
        },
        rels={
            "COVERED_BY": [("U1", "P1"), ("U2", "P2"), ("U3", "P2")],
            "GUIDES": [("I1", "U4")],
        },
    )
    assert codes(coverage_findings(net)) == [
        ("MEMBERS_WITHOUT_ORG", "U4"),
        ("MEMBERS_WITHOUT_ORG", "U6"),
        ("SHOULD_FORM_OWN", "U2"),
        ("SHOULD_FORM_OWN", "U6"),
        ("UNCOVERED", "U5"),
        ("UNCOVERED", "U6"),
        ("UNCOVERED", "U7"),
    ]


def test_party_org_streets_fallbacks():
    net = Network.from_records(
        nodes={
            "Street": [{"id": "S1", "name": "甲街道"}, {"id": "S2", "name": "乙街道"}],
            "PartyOrg": [{"id": "P1"}, {"id": "P2"}, {"id": "P3"}],
            "Carrier": [{"id": "C1"}],
            "Unit": [{"id": "U1"}],
        },
        rels={
            "IN_STREET": [("P1", "S1"), ("C1", "S2"), ("U1", "S1")],
            "BASED_AT": [("P1", "C1"), ("P2", "C1")],
            "COVERED_BY": [("U1", "P2"), ("U1", "P3")],
        },
    )
    assert party_org_streets(net).tolist() == ["甲街道", "乙街道", "甲街道"]


def test_english_details():
    from graphkit.settings import Settings

    net = Network.from_records(nodes={"Unit": [{"id": "U1", "party_members": 1}]})
    f = coverage_findings(net, settings=Settings(lang="en"))
    assert f.loc[f["code"] == "MEMBERS_WITHOUT_ORG", "detail"].tolist() == [
        "1 full member(s) but no party organisation covers it"
    ]


@st.composite
def random_networks(draw):
    n_units = draw(st.integers(0, 8))
    units = [{"id": f"U{i}", "party_members": draw(st.integers(0, 4))} for i in range(n_units)]
    orgs = [{"id": f"P{i}", "form": draw(st.sampled_from(["own", "joint", None]))} for i in range(3)]
    carriers = [{"id": f"C{i}"} for i in range(2)]
    uids = [u["id"] for u in units] or ["U0"]
    targets = [*uids, "P0", "P1", "P2", "C0", "C1"]
    rels = {
        "COVERED_BY": draw(st.lists(st.tuples(st.sampled_from(uids), st.sampled_from(["P0", "P1", "P2"])))),
        "LOCATED_IN": draw(st.lists(st.tuples(st.sampled_from(uids), st.sampled_from(["C0", "C1"])))),
        "GUIDES": draw(st.lists(st.tuples(st.sampled_from(["I0", "I1"]), st.sampled_from(targets)))),
        "LIAISES": draw(st.lists(st.tuples(st.just("L0"), st.sampled_from(targets)), max_size=2)),
        "BASED_AT": draw(
            st.lists(st.tuples(st.sampled_from(["P0", "P1", "P2"]), st.sampled_from(["C0", "C1"])))
        ),
    }
    return Network.from_records(
        nodes={
            "Unit": units,
            "PartyOrg": orgs,
            "Carrier": carriers,
            "Instructor": [{"id": "I0"}, {"id": "I1"}],
            "Liaison": [{"id": "L0"}],
        },
        rels=rels,
    )


@settings(max_examples=15, deadline=None)
@given(random_networks())
def test_statuses_partition_units(net):
    cov = coverage(net)
    assert cov.index.equals(net.units.index)
    assert cov["status"].isin(STATUSES).all()
    has_org = cov["status"].isin(["own_org", "joint_org"])
    assert (has_org == cov["party_org_id"].notna()).all()
    work = cov.index.isin(work_providers(net)["unit_id"])
    assert (cov["status"].eq("work_only") == (~has_org & work)).all()


RANK = {"own_org": 0, "joint_org": 0, "work_only": 1, "uncovered": 2}


@settings(max_examples=15, deadline=None)
@given(random_networks(), st.sampled_from(["I0", "I1", "L0", "P0", "P1"]))
def test_removing_a_provider_never_increases_coverage(net, gone):
    before = coverage(net)["status"].map(RANK)
    after = coverage(net.without([gone]))["status"].map(RANK)
    assert (after >= before).all()
    assert pd.Index(after.index).equals(before.index)


def test_guidance_of_a_unit_not_in_the_network_covers_no_one():
    """A GUIDES/LIAISES row whose unit is not listed (a network built by hand) must not land on
    another unit: the unknown id's position -1 once marked the last unit as work-covered."""
    net = Network.from_records(
        nodes={"Unit": [{"id": "U1"}, {"id": "U2"}], "Instructor": [{"id": "I1"}], "Liaison": [{"id": "L1"}]},
        rels={
            "GUIDES": [{"source": "I1", "target": "U9", "source_kind": "Instructor", "target_kind": "Unit"}],
            "LIAISES": [{"source": "L1", "target": "U8", "source_kind": "Liaison", "target_kind": "Unit"}],
        },
    )
    assert coverage(net)["status"].to_dict() == {"U1": "uncovered", "U2": "uncovered"}
