import dataclasses
import datetime as dt
import json

import pytest

import graphkit.datasets
from graphkit import ConfigError, Settings
from graphkit.analysis import Analysis, analyze, rates
from graphkit.findings import FINDING_COLUMNS

AS_OF = Settings(as_of=dt.date(2026, 11, 27))

#: every (code, subject) the tiny district raises besides data quality
TINY = [
    ("ATTRIBUTION_MISMATCH", "P3"),
    ("IDLE_INSTRUCTOR", "I3"),
    ("IDLE_ORGAN_BRANCH", "OB2"),
    ("MEMBERS_WITHOUT_ORG", "U07"),
    ("MEMBERS_WITHOUT_ORG", "U09"),
    ("NO_INSTRUCTOR", "P1"),
    ("NO_INSTRUCTOR", "P4"),
    ("NO_INSTRUCTOR", "U09"),
    ("ORG_LEVEL_MISMATCH", "P4"),
    ("SHOULD_FORM_OWN", "U04"),
    ("STREET_WITHOUT_DEMO", "S2"),
    ("STREET_WITHOUT_STATION", "S2"),
    ("TERM_EXPIRED", "P1"),
    ("TERM_EXPIRING", "P2"),
    ("UNCOVERED", "U09"),
    ("UNCOVERED", "U10"),
    ("UNDERSTAFFED_DEPARTMENT", "D2"),
    ("UNPAIRED_ORG", "P2"),
    ("UNPAIRED_ORG", "P4"),
]
DATA_QUALITY = {"BAD_CREDIT_CODE", "DUPLICATE_ID", "UNKNOWN_REFERENCE", "MISSING_FIVE_CLEARS", "PARENT_CYCLE"}


def rule_findings(analysis):
    f = analysis.findings
    f = f[~f["code"].isin(DATA_QUALITY)]
    return sorted(zip(f["code"], f["subject_id"], strict=True))


@pytest.fixture(scope="module")
def tiny_analysis():
    return analyze(graphkit.datasets.tiny(), settings=AS_OF)


def test_tiny_findings_exactly(tiny_analysis):
    a = tiny_analysis
    assert isinstance(a, Analysis)
    assert [f.name for f in dataclasses.fields(a)] == [
        "network",
        "settings",
        "coverage",
        "instructors",
        "pairings",
        "proposals",
        "resilience",
        "findings",
        "summary",
        "rejects",
        "grades",
    ]
    assert list(a.findings.columns) == FINDING_COLUMNS
    assert rule_findings(a) == TINY
    # data-quality findings come from validate: every tiny id is a short test id
    assert set(a.findings.loc[a.findings["code"] == "MISSING_FIVE_CLEARS", "subject_id"]) == {"U09", "U10"}


def test_tiny_summary(tiny_analysis):
    s = tiny_analysis.summary
    json.dumps(s)  # JSON-able as it is
    assert s["as_of"] == "2026-11-27"
    assert s["settings"]["max_contacts_per_instructor"] == 8
    assert "max_units_per_instructor" not in s["settings"]
    assert s["counts"]["units_by_status"] == {"own_org": 3, "joint_org": 3, "work_only": 2, "uncovered": 2}
    assert s["counts"]["units_by_kind"] == {"enterprise": 8, "social_org": 2}
    assert s["counts"]["nodes"]["Unit"] == 10
    assert s["rates"] == {"org_coverage": 0.6, "own_rate": 0.3, "work_coverage": 0.8}
    assert s["by_street"] == [
        {
            "street_id": "S1",
            "street": "林山寨街道",
            "units": 8,
            "own_org": 3,
            "joint_org": 3,
            "work_only": 2,
            "uncovered": 0,
            "org_coverage": 0.75,
            "own_rate": 0.375,
            "work_coverage": 1.0,
        },
        {
            "street_id": "S2",
            "street": "建设路街道",
            "units": 2,
            "own_org": 0,
            "joint_org": 0,
            "work_only": 0,
            "uncovered": 2,
            "org_coverage": 0.0,
            "own_rate": 0.0,
            "work_coverage": 0.0,
        },
    ]
    assert s["findings"]["NO_INSTRUCTOR"] == 3
    assert "without" not in s
    # the tiny district keeps no positions, activities, trainings or honours: no grades, counted per street
    assert s["grades"] == {}
    assert s["not_run"]["ORG_LAGGING"] == "party_orgs.secretary, positions, activities, trainings, honours"
    assert [(r["street_id"], r["party_orgs"], r["lagging"]) for r in s["grades_by_street"]] == [
        ("S1", 4, 0),
        ("S2", 0, 0),
    ]


def test_rates_round_to_four_places_and_handle_no_units():
    import pandas as pd

    assert rates(pd.Series(["own_org", "uncovered", "uncovered"])) == {
        "org_coverage": 0.3333,
        "own_rate": 0.3333,
        "work_coverage": 0.3333,
    }
    assert rates(pd.Series([], dtype="string")) == {
        "org_coverage": None,
        "own_rate": None,
        "work_coverage": None,
    }


def test_units_without_street_get_their_own_row():
    from graphkit import Network

    net = Network.from_records(
        nodes={"Unit": [{"id": "U1"}, {"id": "U2"}], "Street": [{"id": "S1", "name": "甲街道"}]},
        rels={"IN_STREET": [("U1", "S1")]},
    )
    rows = analyze(net).summary["by_street"]
    assert [(r["street_id"], r["street"], r["units"], r["uncovered"]) for r in rows] == [
        ("S1", "甲街道", 1, 1),
        (None, None, 1, 1),
    ]


def test_settings_change_results():
    net = graphkit.datasets.tiny()
    strict = AS_OF.replace(max_contacts_per_instructor=1, joint_branch_max_units=2, max_pairings_per_branch=1)
    result = analyze(net, settings=strict)
    extra = sorted(set(rule_findings(result)) - set(TINY))
    assert extra == [
        ("JOINT_ORG_TOO_LARGE", "P2"),
        ("OVERLOADED_INSTRUCTOR", "I1"),
        ("OVERPAIRED_ORGAN_BRANCH", "OB1"),
    ]
    assert bool(result.instructors.loc["I1", "overloaded"])


def test_english_details_same_codes(tiny_analysis):
    en = analyze(graphkit.datasets.tiny(), settings=AS_OF.replace(lang="en"))
    assert rule_findings(en) == TINY
    row = en.findings.set_index(["code", "subject_id"]).loc[("TERM_EXPIRED", "P1")]
    assert row["detail"] == "Term ended on 2026-06-30 and no election has been recorded"


def test_without_lists_units_that_lose_coverage():
    net = graphkit.datasets.tiny()
    a = analyze(net, settings=AS_OF, without=["P2", "I1"])
    lost = {r["unit_id"]: (r["status_before"], r["status_after"], r["lost"]) for r in a.summary["without"]}
    assert lost == {
        "U03": ("joint_org", "uncovered", "organisational"),
        "U04": ("joint_org", "uncovered", "organisational"),
        "U05": ("joint_org", "uncovered", "organisational"),
        "U07": ("work_only", "uncovered", "work"),
    }
    assert "P2" not in a.network.party_orgs.index
    assert a.summary["counts"]["units_by_status"]["uncovered"] == 6
    json.dumps(a.summary)
    # an instructor alone: U07 keeps work coverage through P2 based at its building
    assert analyze(net, settings=AS_OF, without=["I1"]).summary["without"] == []


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        (["I9"], "no instructor, liaison or party organisation has the id I9"),
        (["U01"], "got U01 (Unit)"),
    ],
)
def test_without_rejects_bad_ids(ids, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        analyze(graphkit.datasets.tiny(), without=ids)


def test_repr(tiny_analysis):
    assert repr(tiny_analysis).startswith("<Analysis: 10 units, ")
    assert "org_coverage=60.0%" in repr(tiny_analysis)


def test_rich_display_in_jupyter(tiny_analysis):
    html = tiny_analysis._repr_html_()
    assert "60.0%" in html


def test_demo_district_findings_are_exactly_the_planted_ones():
    import loaders

    net = loaders.demo_district()
    a = analyze(net, settings=Settings(as_of=dt.date.fromisoformat(str(net.meta["as_of"]))))
    found = {code: sorted(group) for code, group in a.findings.groupby("code")["subject_id"]}
    assert found == net.meta["planted"]
    assert len(a.coverage) == 2973


def test_empty_network_and_units_only():
    from graphkit import Network

    empty = analyze(Network())
    assert len(empty.findings) == 0
    assert empty.summary["rates"] == {"org_coverage": None, "own_rate": None, "work_coverage": None}
    assert empty.summary["by_street"] == []
    lone = analyze(Network.from_records(nodes={"Unit": [{"id": "U1", "party_members": 3}]}))
    assert rule_findings(lone) == [
        ("MEMBERS_WITHOUT_ORG", "U1"),
        ("NO_INSTRUCTOR", "U1"),
        ("SHOULD_FORM_OWN", "U1"),
        ("UNCOVERED", "U1"),
    ]
