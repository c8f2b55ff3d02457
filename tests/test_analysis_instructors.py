import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit import Network, Settings
from graphkit.analysis import (
    instructor_contacts,
    instructor_findings,
    instructor_load,
    instructor_reach,
    no_instructor_findings,
    reached_party_orgs,
)


def codes(findings):
    return sorted(zip(findings["code"], findings["subject_id"], strict=True))


def small():
    return Network.from_records(
        nodes={
            "Unit": [
                {"id": "U1", "party_members": 1},
                {"id": "U2", "party_members": 2},
                {"id": "U3"},
                {"id": "U4", "party_members": 1},  # member, no org, reached by nobody
                {"id": "U5", "party_members": 1},  # member, no org, only a liaison
                {"id": "U6", "party_members": 5},  # covered by P3 which nobody reaches
            ],
            "PartyOrg": [{"id": "P1", "form": "joint"}, {"id": "P2"}, {"id": "P3", "form": "own"}],
            "Carrier": [{"id": "C1"}, {"id": "C2"}],
            "Instructor": [
                {"id": "I1", "name": "张伟"},
                {"id": "I2", "name": "李娜"},
                {"id": "I3", "name": "王芳"},
            ],
            "Liaison": [{"id": "L1"}],
            "Street": [{"id": "S1", "name": "林山寨街道"}],
            "Department": [{"id": "D1"}],
        },
        rels={
            "COVERED_BY": [("U1", "P1"), ("U2", "P1"), ("U6", "P3")],
            "LOCATED_IN": [("U2", "C1"), ("U3", "C1")],
            "BASED_AT": [("P2", "C2")],
            # I1: the org (U1, U2), the building (U2, U3) and U1 again -> reach 3, contacts 3
            "GUIDES": [("I1", "P1"), ("I1", "C1"), ("I1", "U1"), ("I2", "C2")],
            "LIAISES": [("L1", "U5")],
            "SENT_BY": [("I1", "S1"), ("I2", "D1")],
        },
    )


def test_reach_is_distinct_units_by_all_three_routes():
    reach = instructor_reach(small())
    assert list(reach.columns) == ["instructor_id", "unit_id"]
    assert reach.values.tolist() == [["I1", "U1"], ["I1", "U2"], ["I1", "U3"]]


def test_load_columns_and_values():
    load = instructor_load(small(), settings=Settings(max_contacts_per_instructor=2))
    assert load.index.name == "instructor_id"
    assert list(load.columns) == ["name", "reach", "contacts", "overloaded", "street"]
    assert load[["reach", "contacts", "overloaded"]].values.tolist() == [
        [3, 3, True],
        [0, 1, False],  # guides a carrier with no units: a contact, no reach
        [0, 0, False],
    ]
    assert load["street"].tolist()[0] == "林山寨街道"
    assert load["street"].iloc[1:].isna().all()  # sent by a department, or by nobody


def test_overloaded_and_idle_findings():
    net = small()
    f = instructor_findings(net, settings=Settings(max_contacts_per_instructor=3))
    assert codes(f) == [("IDLE_INSTRUCTOR", "I3")]  # 3 contacts is not above 3
    f = instructor_findings(net, settings=Settings(max_contacts_per_instructor=2))
    assert codes(f) == [("IDLE_INSTRUCTOR", "I3"), ("OVERLOADED_INSTRUCTOR", "I1")]
    assert f.loc[f["code"] == "OVERLOADED_INSTRUCTOR", "street"].tolist() == ["林山寨街道"]


def _building(n_units, guides):
    """One building committee P1 based at C1 covering ``n_units`` units inside it, and I1, I2."""
    units = [f"U{k}" for k in range(n_units)]
    return Network.from_records(
        nodes={
            "Unit": [{"id": u} for u in units],
            "PartyOrg": [{"id": "P1", "form": "joint"}],
            "Carrier": [{"id": "C1", "kind": "building"}],
            "Instructor": [{"id": "I1", "name": "张伟"}, {"id": "I2", "name": "李娜"}],
        },
        rels={
            "COVERED_BY": [(u, "P1") for u in units],
            "LOCATED_IN": [(u, "C1") for u in units],
            "BASED_AT": [("P1", "C1")],
            "GUIDES": guides,
        },
    )


def test_a_building_committee_counts_as_one_contact_however_many_units_it_covers():
    net = _building(30, [("I1", "P1")])
    load = instructor_load(net)
    assert load.loc["I1", ["reach", "contacts", "overloaded"]].tolist() == [30, 1, False]
    assert codes(instructor_findings(net)) == [("IDLE_INSTRUCTOR", "I2")]


def test_a_target_assigned_twice_counts_once():
    net = _building(3, [("I1", "U0"), ("I1", "U0"), ("I1", "P1"), ("I1", "P1"), ("I1", "C1")])
    assert instructor_load(net).loc["I1", ["reach", "contacts"]].tolist() == [3, 3]
    assert instructor_contacts(net).values.tolist() == [
        ["I1", "C1", "Carrier"],
        ["I1", "P1", "PartyOrg"],
        ["I1", "U0", "Unit"],
    ]


@pytest.mark.parametrize(("n_contacts", "overloaded"), [(8, False), (9, True)])
def test_the_default_limit_is_eight_contacts(n_contacts, overloaded):
    net = _building(n_contacts, [("I1", f"U{k}") for k in range(n_contacts)] + [("I2", "P1")])
    load = instructor_load(net)
    assert load["contacts"].tolist() == [n_contacts, 1]
    assert load["overloaded"].tolist() == [overloaded, False]
    f = instructor_findings(net, settings=Settings(lang="en"))
    assert codes(f) == ([("OVERLOADED_INSTRUCTOR", "I1")] if overloaded else [])
    if overloaded:
        assert f.loc[0, "detail"] == "Has 9 contacts, more than the limit of 8 (reaching 9 units)"
        zh = instructor_findings(net).loc[0, "detail"]
        assert zh == "联系对象9个，超过上限8个（覆盖单位9家）"


def test_party_orgs_reached_by_each_route():
    # P1 guided directly; P2 through its base carrier; P3 nobody
    assert reached_party_orgs(small()).tolist() == ["P1", "P2"]
    net = Network.from_records(
        nodes={"Unit": [{"id": "U1"}], "PartyOrg": [{"id": "P1"}], "Instructor": [{"id": "I1"}]},
        rels={"COVERED_BY": [("U1", "P1")], "GUIDES": [("I1", "U1")]},
    )
    assert reached_party_orgs(net).tolist() == ["P1"]  # through a unit it covers


def test_no_instructor_exact_subjects():
    f = no_instructor_findings(small())
    assert sorted(zip(f["subject_kind"], f["subject_id"], strict=True)) == [
        ("PartyOrg", "P3"),
        ("Unit", "U4"),
        ("Unit", "U5"),  # a liaison is not an instructor
    ]


def test_tiny_dataset_matches_style_example():
    import graphkit.datasets

    assert int(instructor_load(graphkit.datasets.tiny()).loc["I1", "reach"]) == 3


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["I0", "I1", "I10"]), st.sampled_from(["U0", "U1", "U10", "P0", "C0"]))
    ),
    st.lists(st.tuples(st.sampled_from(["U0", "U1", "U10"]), st.just("P0"))),
    st.lists(st.tuples(st.sampled_from(["U0", "U1", "U10"]), st.just("C0"))),
)
def test_reach_equals_naive_sets(guides, covered, located):
    net = Network.from_records(
        nodes={
            "Unit": [{"id": "U0"}, {"id": "U1"}, {"id": "U10"}],
            "PartyOrg": [{"id": "P0"}],
            "Carrier": [{"id": "C0"}],
            "Instructor": [{"id": "I0"}, {"id": "I1"}, {"id": "I10"}],
        },
        rels={"GUIDES": guides, "COVERED_BY": covered, "LOCATED_IN": located},
    )
    expected = set()
    for person, target in guides:
        if target.startswith("U"):
            expected.add((person, target))
        expected |= {(person, u) for u, p in covered if p == target}
        expected |= {(person, u) for u, c in located if c == target}
    got = instructor_reach(net)
    assert got.values.tolist() == [list(pair) for pair in sorted(expected)]  # distinct, sorted by both
    assert got.dtypes.tolist() == ["string", "string"]
    load = instructor_load(net)
    distinct = set(guides)  # a contact is a distinct target, however many rows name it
    assert load["contacts"].to_dict() == {i: sum(p == i for p, _ in distinct) for i in ("I0", "I1", "I10")}


OLD_SETTING = (
    "max_units_per_instructor was the old reach-based limit and is no longer a setting; workload is "
    "now counted in contacts (distinct units, party organisations and carriers assigned): use "
    "max_contacts_per_instructor (default 8)"
)


def test_the_old_reach_limit_gets_one_clear_message_wherever_it_is_named():
    from graphkit.exceptions import ConfigError

    with pytest.raises(ConfigError) as keyword:
        Settings(max_units_per_instructor=15)
    assert str(keyword.value) == f"settings: {OLD_SETTING}"
    with pytest.raises(ConfigError) as mapping:
        Settings.from_mapping({"max_units_per_instructor": "15"}, source="rules.toml")
    assert str(mapping.value) == f"rules.toml: {OLD_SETTING}"
    with pytest.raises(ConfigError) as replaced:
        Settings().replace(max_units_per_instructor=15)
    assert str(replaced.value) == f"settings: {OLD_SETTING}"
    assert Settings().max_contacts_per_instructor == 8
    assert "max_units_per_instructor" not in Settings().to_dict()
