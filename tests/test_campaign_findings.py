"""The campaign's findings (DESIGN §5): each code raised and not raised, windows, missing versus empty."""

import pandas as pd
import pytest

from graphkit import Network, Settings
from graphkit.analysis import (
    activity_findings,
    analyze,
    checks_not_run,
    demo_site_findings,
    honour_findings,
    position_findings,
    training_findings,
    visit_findings,
)
from graphkit.exceptions import ConfigError
from graphkit.findings import CODES
from tests.campaign_nets import AS_OF, FOUR, SETTINGS, SIX, events

EN = Settings(as_of=AS_OF, lang="en")


def rows(found, *columns):
    return found[list(columns)].values.tolist()


# --------------------------------------------------------------------------- codes and settings
def test_severities_and_titles_of_the_new_codes():
    severities = {
        "NO_POSITION": "warning",
        "POSITION_BELOW_STANDARD": "warning",
        "INACTIVE_ORG": "warning",
        "NO_SECRETARY": "error",
        "SECRETARY_UNTRAINED": "warning",
        "UNVISITED_CONTACT": "warning",
        "DEMO_SITE_BELOW_STANDARD": "warning",
        "HONOUR_AT_RISK": "warning",
        "PLAQUE_WITHOUT_MEMBER": "error",
        "ORG_LAGGING": "info",
        "PARENT_CYCLE": "error",
    }
    assert {code: CODES[code][0] for code in severities} == severities
    assert all(CODES[code][1] and CODES[code][2] for code in severities)


def test_window_settings_default_validate_and_come_from_every_source(tmp_path):
    s = Settings()
    assert (s.activity_window_days, s.training_window_days, s.visit_window_days, s.grade_fair_max_fails) == (
        90,
        365,
        90,
        2,
    )
    assert Settings.from_overrides(["visit_window_days=30"]).visit_window_days == 30
    toml = tmp_path / "s.toml"
    toml.write_text("[settings]\nactivity_window_days = 60\ngrade_fair_max_fails = 1\n", encoding="utf-8")
    assert (Settings.from_toml(toml).activity_window_days, Settings.from_toml(toml).grade_fair_max_fails) == (
        60,
        1,
    )
    with pytest.raises(ConfigError, match="training_window_days"):
        Settings.from_overrides(["training_window_days=一年"])
    with pytest.raises(ConfigError, match="≥ 0"):
        Settings(activity_window_days=-1)
    net = Network.from_records(
        nodes={"PartyOrg": [{"id": "P1", "name": "甲"}]}, events={"activities": events()}
    )
    found = analyze(net, as_of=AS_OF, activity_window_days=30).findings
    assert found.loc[found["code"] == "INACTIVE_ORG", "detail"].tolist() == [
        "近30天内无组织生活记录（从未记录）"
    ]


# --------------------------------------------------------------------------- positions
def _positions_net(**kwargs):
    return Network.from_records(
        nodes={
            "Street": [{"id": "S1", "name": "林山寨街道"}],
            "Carrier": [{"id": "C1", "name": "金成时代广场"}, {"id": "C2", "name": "东区市场"}],
            "PartyOrg": [{"id": f"P{i}", "name": f"第{i}支部"} for i in range(1, 6)],
            "Position": [
                {"id": "Z1", "name": "甲阵地", **SIX},
                {"id": "Z2", "name": "乙阵地", **SIX, "has_flag": False, "has_reading": None},
                {"id": "Z3", "name": "楼宇阵地", **SIX},
            ],
        },
        rels={
            "IN_STREET": [("C1", "S1")],
            "HOSTED_BY": [("Z1", "P1"), ("Z2", "P1"), ("Z3", "C1")],
            "USED_BY": [("Z1", "P2")],
            "BASED_AT": [("P3", "C1"), ("P5", "C2")],
        },
        **kwargs,
    )


def test_a_position_serves_its_host_its_users_and_organisations_based_at_its_carrier():
    found = position_findings(_positions_net(), settings=SETTINGS)
    # P1 hosts Z1, P2 uses Z1, P3 is based at C1 where Z3 is; P4 has nothing, P5's carrier no position
    assert rows(found[found["code"] == "NO_POSITION"], "subject_id", "severity") == [
        ["P4", "warning"],
        ["P5", "warning"],
    ]


def test_position_below_standard_names_the_missing_items():
    found = position_findings(_positions_net(), settings=SETTINGS)
    below = found[found["code"] == "POSITION_BELOW_STANDARD"]
    assert rows(below, "subject_kind", "subject_id", "subject_name", "detail") == [
        ["Position", "Z2", "乙阵地", "未达到“六有”标准，缺少：有党旗、有书报"]
    ]
    en = position_findings(_positions_net(), settings=EN)
    assert en.loc[en["code"] == "POSITION_BELOW_STANDARD", "detail"].tolist() == [
        "Below the six-haves standard; missing: a party flag, reading matter"
    ]
    # a position's street is its host's: Z3 is in C1, which is in 林山寨街道
    net = _positions_net()
    z3 = Network.from_records(
        nodes={
            "Street": [{"id": "S1", "name": "林山寨街道"}],
            "Carrier": [{"id": "C1"}],
            "Position": [{"id": "Z3"}],
        },
        rels={"IN_STREET": [("C1", "S1")], "HOSTED_BY": [("Z3", "C1")]},
    )
    assert position_findings(z3)["street"].tolist() == ["林山寨街道"]
    assert len(net.sites) == 3


def test_positions_missing_versus_empty():
    bare = Network.from_records(nodes={"PartyOrg": [{"id": "P1", "name": "甲"}]})
    assert position_findings(bare).empty
    assert checks_not_run(bare)["NO_POSITION"] == "positions"
    assert checks_not_run(bare)["POSITION_BELOW_STANDARD"] == "positions"
    empty = Network.from_records(nodes={"PartyOrg": [{"id": "P1", "name": "甲"}], "Position": []})
    assert "NO_POSITION" not in checks_not_run(empty)
    assert rows(position_findings(empty), "code", "subject_id") == [["NO_POSITION", "P1"]]


def test_no_position_detail():
    found = position_findings(_positions_net(), settings=SETTINGS)
    assert found.loc[0, "detail"] == "没有阵地为其服务（无其依托、使用或所在载体的党建阵地）"


# --------------------------------------------------------------------------- activities
def _orgs(n, **extra):
    return [{"id": f"P{i}", "name": f"第{i}支部", **extra} for i in range(1, n + 1)]


def test_inactive_org_window_excludes_the_day_window_days_ago_and_includes_the_as_of_date():
    acts = events(
        party_org=["P1", "P2", "P3", "P4"],
        date=["2026-08-29", "2026-08-30", "2026-11-27", "2026-11-28"],  # 90 and 89 days ago, as-of, after
    )
    net = Network.from_records(
        nodes={"Street": [{"id": "S1", "name": "林山寨街道"}], "PartyOrg": _orgs(5)},
        rels={"IN_STREET": [(f"P{i}", "S1") for i in range(1, 6)]},
        events={"activities": acts},
    )
    found = activity_findings(net, settings=SETTINGS)
    assert rows(found, "code", "subject_id", "street", "detail") == [
        ["INACTIVE_ORG", "P1", "林山寨街道", "近90天内无组织生活记录（最近一次：2026-08-29）"],
        ["INACTIVE_ORG", "P4", "林山寨街道", "近90天内无组织生活记录（从未记录）"],
        ["INACTIVE_ORG", "P5", "林山寨街道", "近90天内无组织生活记录（从未记录）"],
    ]
    wider = activity_findings(net, settings=Settings(as_of=AS_OF, activity_window_days=91))
    assert wider["subject_id"].tolist() == ["P4", "P5"]
    assert activity_findings(net, settings=EN).loc[0, "detail"] == (
        "No activity recorded in the last 90 days (last: 2026-08-29)"
    )


def test_activities_missing_versus_empty():
    bare = Network.from_records(nodes={"PartyOrg": _orgs(1)})
    assert activity_findings(bare, settings=SETTINGS).empty
    assert checks_not_run(bare)["INACTIVE_ORG"] == "activities"
    empty = Network.from_records(nodes={"PartyOrg": _orgs(1)}, events={"activities": events()})
    assert activity_findings(empty, settings=SETTINGS)["subject_id"].tolist() == ["P1"]


# --------------------------------------------------------------------------- secretaries trained
def _trained_net(trainings, orgs=None):
    orgs = orgs or [
        {"id": "P1", "name": "甲支部", "secretary": "张伟"},  # trained with P1
        {"id": "P2", "name": "乙支部", "secretary": "王芳"},  # trained with no organisation
        {"id": "P3", "name": "丙支部", "secretary": "李娜"},  # a 李娜 trained, but with P1
        {"id": "P4", "name": "丁支部", "secretary": "刘洋"},  # someone else trained with P4
        {"id": "P5", "name": "戊支部", "secretary": None},  # blank: NO_SECRETARY, not this
    ]
    return Network.from_records(nodes={"PartyOrg": orgs}, events={"trainings": trainings})


def test_a_secretary_is_trained_by_the_same_name_with_the_same_or_no_organisation():
    t = events(
        person=["张伟", "王芳", "李娜", "陈静"],
        party_org=["P1", None, "P1", "P4"],
        date=["2026-05-01"] * 4,
    )
    found = training_findings(_trained_net(t), settings=SETTINGS)
    assert rows(found, "code", "severity", "subject_id", "detail") == [
        ["SECRETARY_UNTRAINED", "warning", "P3", "书记李娜近365天内无培训记录"],
        ["SECRETARY_UNTRAINED", "warning", "P4", "书记刘洋近365天内无培训记录"],
    ]
    codes = analyze(_trained_net(t), settings=SETTINGS).findings
    p5 = set(codes.loc[codes["subject_id"] == "P5", "code"])
    assert "NO_SECRETARY" in p5 and "SECRETARY_UNTRAINED" not in p5
    assert training_findings(_trained_net(t), settings=EN).loc[0, "detail"] == (
        "Secretary 李娜 has no training recorded in the last 365 days"
    )


def test_training_window_boundary():
    orgs = [{"id": "P1", "name": "甲", "secretary": "张伟"}, {"id": "P2", "name": "乙", "secretary": "王芳"}]
    t = events(
        person=["张伟", "王芳"], party_org=["P1", "P2"], date=["2025-11-27", "2025-11-28"]
    )  # 365, 364 days
    assert training_findings(_trained_net(t, orgs), settings=SETTINGS)["subject_id"].tolist() == ["P1"]
    late = events(person=["张伟", "王芳"], party_org=["P1", "P2"], date=["2026-11-27", "2026-11-28"])
    assert training_findings(_trained_net(late, orgs), settings=SETTINGS)["subject_id"].tolist() == ["P2"]


def test_trainings_missing_versus_empty():
    orgs = [{"id": "P1", "name": "甲", "secretary": "张伟"}]
    assert training_findings(Network.from_records(nodes={"PartyOrg": orgs})).empty
    assert (
        checks_not_run(Network.from_records(nodes={"PartyOrg": orgs}))["SECRETARY_UNTRAINED"] == "trainings"
    )
    no_column = Network.from_records(
        nodes={"PartyOrg": [{"id": "P1", "name": "甲"}]}, events={"trainings": events()}
    )
    assert training_findings(no_column).empty
    assert checks_not_run(no_column)["SECRETARY_UNTRAINED"] == "party_orgs.secretary"
    assert training_findings(_trained_net(events(), orgs), settings=SETTINGS)["subject_id"].tolist() == ["P1"]


# --------------------------------------------------------------------------- visits
def _visits_net(visits):
    return Network.from_records(
        nodes={
            "Street": [{"id": "S1", "name": "林山寨街道"}],
            "Carrier": [{"id": "C1", "name": "金成时代广场", "kind": "building"}],
            "Unit": [
                {"id": "U1", "name": "甲公司"},
                {"id": "U2", "name": "乙公司"},
                {"id": "U3", "name": "丙公司"},
            ],
            "Instructor": [{"id": "I1", "name": "张指导"}, {"id": "I2", "name": "王指导"}],
            "Liaison": [{"id": "L1", "name": "李联络"}],
        },
        rels={
            "LOCATED_IN": [("U1", "C1")],
            "GUIDES": [("I1", "C1"), ("I1", "U2"), ("I1", "U2"), ("I2", "U3")],
            "LIAISES": [("L1", "U1")],
            "SENT_BY": [("I1", "S1")],
        },
        events={"visits": visits},
    )


def test_a_visit_counts_for_the_same_person_and_the_very_target():
    v = events(
        person=["I1", "I2", "I1", "I2"],
        target=["U1", "C1", "U2", "U3"],  # a unit in the building; someone else at the building; direct
        date=["2026-11-20", "2026-11-20", "2026-11-20", "2026-08-29"],
    )
    found = visit_findings(_visits_net(v), settings=SETTINGS)
    assert rows(
        found, "code", "severity", "subject_kind", "subject_id", "subject_name", "street", "detail"
    ) == [
        [
            "UNVISITED_CONTACT",
            "warning",
            "Instructor",
            "I1",
            "张指导",
            "林山寨街道",
            "近90天内未走访联系对象“金成时代广场”（从未走访）",
        ],
        [
            "UNVISITED_CONTACT",
            "warning",
            "Instructor",
            "I2",
            "王指导",
            pd.NA,
            "近90天内未走访联系对象“丙公司”（最近一次：2026-08-29）",
        ],
    ]
    # liaisons' assignments are not checked: L1 never visited U1 and is not named
    assert "L1" not in set(found["subject_id"])


def test_visit_window_boundary_and_english_detail():
    v = events(
        person=["I1", "I1", "I2"], target=["C1", "U2", "U3"], date=["2026-08-30", "2026-11-27", "2026-11-28"]
    )
    found = visit_findings(_visits_net(v), settings=SETTINGS)
    assert rows(found, "subject_id", "detail") == [["I2", "近90天内未走访联系对象“丙公司”（从未走访）"]]
    en = visit_findings(_visits_net(events(person=["I2"], target=["U3"], date=["2026-08-29"])), settings=EN)
    assert (
        en["detail"].tolist()[-1] == "Has not visited contact 丙公司 in the last 90 days (last: 2026-08-29)"
    )


def test_visits_missing_versus_empty():
    bare = _visits_net(events()).replace()
    no_table = Network.from_records(
        nodes={"Instructor": [{"id": "I1"}], "Unit": [{"id": "U1"}]}, rels={"GUIDES": [("I1", "U1")]}
    )
    assert visit_findings(no_table, settings=SETTINGS).empty
    assert checks_not_run(no_table)["UNVISITED_CONTACT"] == "visits"
    assert visit_findings(bare, settings=SETTINGS)["subject_id"].tolist() == ["I1", "I1", "I2"]


# --------------------------------------------------------------------------- demonstration sites
def _sites_net(**kwargs):
    site = {"demo_level": "district", **FOUR, "term_ends": "2027-06-30"}
    orgs = [
        {"id": "D1", "name": "达标示范点", **site},
        {"id": "D2", "name": "缺思路示范点", **site, "plan": False, "atmosphere": None},
        {"id": "D3", "name": "无阵地示范点", **site},
        {"id": "D4", "name": "阵地不全示范点", **site, "demo_level": "street"},
        {"id": "D5", "name": "不活跃示范点", **site, "term_ends": "2026-10-31"},
        {"id": "P1", "name": "普通支部", "plan": False},
    ]
    return Network.from_records(
        nodes={
            "PartyOrg": orgs,
            "Position": [
                {"id": "Z1", **SIX},
                {"id": "Z2", **SIX},
                {"id": "Z4", **SIX, "has_rules": False},
                {"id": "Z5", **SIX},
            ],
        },
        rels={"HOSTED_BY": [("Z1", "D1"), ("Z2", "D2"), ("Z4", "D4"), ("Z5", "D5")]},
        events={"activities": events(party_org=["D1", "D2", "D3", "D4"], date=["2026-11-01"] * 4)},
        **kwargs,
    )


def test_demo_site_below_standard_names_what_is_missing_and_its_own_findings():
    found = demo_site_findings(_sites_net(), settings=SETTINGS)
    assert rows(found, "code", "severity", "subject_id", "detail") == [
        ["DEMO_SITE_BELOW_STANDARD", "warning", "D2", "示范点未达标准：缺少“四个一”中的清晰思路、浓厚氛围"],
        ["DEMO_SITE_BELOW_STANDARD", "warning", "D3", "示范点未达标准：无党建阵地"],
        ["DEMO_SITE_BELOW_STANDARD", "warning", "D4", "示范点未达标准：阵地未达“六有”标准"],
        ["DEMO_SITE_BELOW_STANDARD", "warning", "D5", "示范点未达标准：组织生活不经常、已到期未换届"],
    ]
    en = demo_site_findings(_sites_net(), settings=EN)
    assert (
        en.loc[0, "detail"]
        == "Demonstration site below standard: missing a clear plan, a strong atmosphere of the four ones"
    )


def test_demo_sites_without_four_ones_columns_are_not_checked():
    net = Network.from_records(nodes={"PartyOrg": [{"id": "D1", "demo_level": "district", "plan": True}]})
    assert demo_site_findings(net, settings=SETTINGS).empty
    assert checks_not_run(net)["DEMO_SITE_BELOW_STANDARD"] == (
        "party_orgs.vehicle, party_orgs.rules, party_orgs.atmosphere"
    )


# --------------------------------------------------------------------------- honours and plaques
def _honours_net(honours, **extra_events):
    return Network.from_records(
        nodes={
            "Street": [{"id": "S1", "name": "林山寨街道"}],
            "Unit": [
                {"id": "U1", "name": "甲商行", "party_members": 0},  # uncovered
                {"id": "U2", "name": "乙商行", "party_members": 2},  # covered by P1
                {"id": "U3", "name": "丙商行", "party_members": 0},  # uncovered, honour revoked
                {"id": "U4", "name": "丁商行", "party_members": 1},  # work coverage only, a member
                {"id": "U5", "name": "戊商行"},  # members blank, covered by P1
            ],
            "PartyOrg": [
                {"id": "P1", "name": "甲支部", "form": "joint", "term_ends": "2027-12-31"},
                {"id": "P2", "name": "乙支部", "term_ends": "2026-09-30"},
            ],
            "Liaison": [{"id": "L1"}],
        },
        rels={
            "IN_STREET": [("U1", "S1"), ("U2", "S1"), ("U3", "S1"), ("U4", "S1"), ("P1", "S1"), ("P2", "S1")],
            "COVERED_BY": [("U2", "P1"), ("U5", "P1")],
            "LIAISES": [("L1", "U4")],
        },
        events={"honours": honours, **extra_events},
    )


HONOURS = events(
    subject=["U1", "U2", "U3", "U4", "U4", "P1", "P2", "U1", "U2", "U3", "U5", "P1"],
    subject_kind=["Unit"] * 5 + ["PartyOrg"] * 2 + ["Unit"] * 4 + ["PartyOrg"],
    type=["five_star", "civilised", "five_star", "model_shop", "five_star", "advanced_org", "advanced_org"]
    + ["member_plaque"] * 5,
    status=[
        "valid",
        "valid",
        "revoked",
        None,
        "valid",
        "valid",
        "valid",
        None,
        "valid",
        "revoked",
        "valid",
        "valid",
    ],
)


def test_honour_at_risk_names_the_honours_and_what_falls_short():
    found = honour_findings(_honours_net(HONOURS), settings=SETTINGS)
    risk = found[found["code"] == "HONOUR_AT_RISK"]
    assert rows(risk, "severity", "subject_kind", "subject_id", "street", "detail") == [
        [
            "warning",
            "Unit",
            "U1",
            "林山寨街道",
            "持有党员经营户挂牌、五星文明商户，但党建工作不到位：无覆盖单位",
        ],
        [
            "warning",
            "Unit",
            "U4",
            "林山寨街道",
            "持有党员示范店、五星文明商户，但党建工作不到位：有党员未建组织",
        ],
        ["warning", "PartyOrg", "P2", "林山寨街道", "持有先进基层党组织，但党建工作不到位：已到期未换届"],
    ]


def test_honour_at_risk_counts_inactivity_and_missing_positions_where_kept():
    net = _honours_net(HONOURS, activities=events(party_org=["P1"], date=["2026-11-01"]))
    found = honour_findings(net, settings=SETTINGS)
    assert found.loc[found["subject_id"] == "P2", "detail"].tolist() == [
        "持有先进基层党组织，但党建工作不到位：已到期未换届、组织生活不经常"
    ]
    assert "P1" not in set(found["subject_id"])


def test_plaque_without_member():
    found = honour_findings(_honours_net(HONOURS), settings=SETTINGS)
    plaques = found[found["code"] == "PLAQUE_WITHOUT_MEMBER"]
    # U1 (0 members) and U5 (blank); not U2 (2 members), not U3 (revoked), not P1 (an organisation)
    assert rows(plaques, "severity", "subject_kind", "subject_id", "detail") == [
        ["error", "Unit", "U1", "挂有党员经营户牌，但没有正式党员"],
        ["error", "Unit", "U5", "挂有党员经营户牌，但没有正式党员"],
    ]


def test_honours_missing_versus_empty():
    bare = _honours_net(HONOURS).copy()
    bare = Network(bare.nodes, bare.rels, columns=bare.source_columns)  # the same, without any honours table
    assert honour_findings(bare, settings=SETTINGS).empty
    assert {checks_not_run(bare)[c] for c in ("HONOUR_AT_RISK", "PLAQUE_WITHOUT_MEMBER")} == {"honours"}
    assert honour_findings(_honours_net(events()), settings=SETTINGS).empty


# --------------------------------------------------------------------------- analyze
def test_analyze_lists_every_campaign_check_not_run_on_a_ledger_without_them():
    import graphkit.datasets

    not_run = analyze(graphkit.datasets.tiny(), settings=SETTINGS).summary["not_run"]
    assert not_run == {
        "NO_POSITION": "positions",
        "POSITION_BELOW_STANDARD": "positions",
        "INACTIVE_ORG": "activities",
        "NO_SECRETARY": "party_orgs.secretary",
        "SECRETARY_UNTRAINED": "party_orgs.secretary, trainings",
        "UNVISITED_CONTACT": "visits",
        "DEMO_SITE_BELOW_STANDARD": ", ".join(
            f"party_orgs.{c}" for c in ("plan", "vehicle", "rules", "atmosphere")
        ),
        "HONOUR_AT_RISK": "honours",
        "PLAQUE_WITHOUT_MEMBER": "honours",
        "ORG_LAGGING": "party_orgs.secretary, positions, activities, trainings, honours",
    }


def test_analyze_raises_the_campaign_findings_in_contract_order():
    net = _honours_net(HONOURS, activities=events(party_org=["P1"], date=["2026-11-01"]))
    codes = analyze(net, settings=SETTINGS).findings["code"].tolist()
    campaign = [c for c in codes if c in {"INACTIVE_ORG", "HONOUR_AT_RISK", "PLAQUE_WITHOUT_MEMBER"}]
    assert (
        campaign
        == ["INACTIVE_ORG", "HONOUR_AT_RISK", "HONOUR_AT_RISK", "HONOUR_AT_RISK"]
        + ["PLAQUE_WITHOUT_MEMBER"] * 2
    )


def test_without_a_party_organisation_its_events_go_too():
    net = _honours_net(HONOURS, activities=events(party_org=["P1"], date=["2026-11-01"]))
    found = analyze(net, settings=SETTINGS, without=["P2"]).findings
    assert "P2" not in set(found.loc[found["code"].isin(["INACTIVE_ORG", "HONOUR_AT_RISK"]), "subject_id"])


@pytest.mark.parametrize("frame", [pd.DataFrame(), events(party_org=[], date=[])])
def test_an_empty_activities_table_flags_every_organisation(frame):
    net = Network.from_records(nodes={"PartyOrg": _orgs(2)}, events={"activities": frame})
    assert activity_findings(net, settings=SETTINGS)["subject_id"].tolist() == ["P1", "P2"]
