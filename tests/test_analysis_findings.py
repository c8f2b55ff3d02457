"""One smallest network per finding code: exactly who is flagged and who is not."""

import datetime as dt

from graphkit import Network, Settings
from graphkit.analysis import (
    attribution,
    attribution_findings,
    department_findings,
    formation_findings,
    org_members,
    pairing_findings,
    pairings,
    street_findings,
    term_findings,
)


def flagged(findings, code):
    return sorted(findings.loc[findings["code"] == code, "subject_id"])


def test_joint_org_too_large_only_for_joint_branches_over_the_cap():
    orgs = [
        {"id": "J6", "level": "branch", "form": "joint"},  # 6 units: flagged
        {"id": "J5", "level": "branch", "form": "joint"},  # 5 units: at the cap
        {"id": "O6", "level": "branch", "form": "own"},  # own: not capped
        {"id": "G6", "level": "general_branch", "form": "joint"},  # joint committee-like: not capped
    ]
    units, covered = [], []
    for org, n in (("J6", 6), ("J5", 5), ("O6", 6), ("G6", 6)):
        for i in range(n):
            units.append({"id": f"{org}-{i}"})
            covered.append((f"{org}-{i}", org))
    covered.append(("J5-0", "J5"))  # a repeated row does not count twice
    net = Network.from_records(nodes={"Unit": units, "PartyOrg": orgs}, rels={"COVERED_BY": covered})
    f = formation_findings(net, settings=Settings(general_branch_min_members=0))
    assert flagged(f, "JOINT_ORG_TOO_LARGE") == ["J6"]
    assert (
        flagged(formation_findings(net, settings=Settings(joint_branch_max_units=6)), "JOINT_ORG_TOO_LARGE")
        == []
    )


def test_org_level_mismatch_bounds():
    net = Network.from_records(
        nodes={
            "PartyOrg": [
                {"id": "B51", "level": "branch", "members": 51},
                {"id": "B50", "level": "branch", "members": 50},
                {"id": "G49", "level": "general_branch", "members": 49},
                {"id": "G50", "level": "general_branch", "members": 50},
                {"id": "C99", "level": "committee", "members": 99},
                {"id": "C100", "level": "committee", "members": 100},
                {"id": "Cblank", "level": "committee"},  # no count anywhere: not checked
                {"id": "Gsum", "level": "general_branch"},  # blank: summed from its units = 40
            ],
            "Unit": [
                {"id": "U1", "party_members": 30, "probationary_members": 20},
                {"id": "U2", "party_members": 10},
            ],
        },
        rels={"COVERED_BY": [("U1", "Gsum"), ("U2", "Gsum")]},
    )
    assert org_members(net)["Gsum"] == 40
    f = formation_findings(net)
    assert flagged(f, "ORG_LEVEL_MISMATCH") == ["B51", "C99", "G49", "Gsum"]
    # settings move the bounds
    f = formation_findings(net, settings=Settings(branch_max_members=51, committee_min_members=99))
    assert flagged(f, "ORG_LEVEL_MISMATCH") == ["G49", "Gsum"]


def test_terms_against_the_as_of_date():
    net = Network.from_records(
        nodes={
            "PartyOrg": [
                {"id": "P_past", "term_ends": "2026-11-26"},
                {"id": "P_today", "term_ends": "2026-11-27"},
                {"id": "P_180", "term_ends": "2027-05-26"},
                {"id": "P_181", "term_ends": "2027-05-27"},
                {"id": "P_blank"},
            ]
        }
    )
    f = term_findings(net, settings=Settings(as_of=dt.date(2026, 11, 27)))
    assert flagged(f, "TERM_EXPIRED") == ["P_past"]
    assert flagged(f, "TERM_EXPIRING") == ["P_180", "P_today"]
    # a later as-of date turns expiring terms into expired ones
    f = term_findings(net, settings=Settings(as_of=dt.date(2027, 5, 27), term_warning_days=0))
    assert flagged(f, "TERM_EXPIRED") == ["P_180", "P_past", "P_today"]
    assert flagged(f, "TERM_EXPIRING") == ["P_181"]


def test_pairing_findings_and_table():
    orgs = [{"id": f"P{i}", "name": f"党支部{i}"} for i in range(1, 7)]
    net = Network.from_records(
        nodes={
            "PartyOrg": orgs,
            "OrganBranch": [{"id": "OB1", "name": "甲机关支部"}, {"id": "OB2"}, {"id": "OB3"}],
            "Department": [{"id": "D1", "name": "区教育局"}],
        },
        rels={
            "PAIRED_WITH": [
                {"source": "OB1", "target": "P1", "since": "2024-01-01"},
                {"source": "OB1", "target": "P2"},
                {"source": "OB1", "target": "P3"},
                {"source": "OB1", "target": "P4"},  # 4 distinct: over 3
                {"source": "OB2", "target": "P1"},
                {"source": "OB2", "target": "P2"},
                {"source": "OB2", "target": "P3"},
                {"source": "OB2", "target": "P3"},  # listed twice: 3 distinct, at the cap
            ],
            "BRANCH_OF": [("OB1", "D1")],
        },
    )
    f = pairing_findings(net)
    assert flagged(f, "UNPAIRED_ORG") == ["P5", "P6"]
    assert flagged(f, "IDLE_ORGAN_BRANCH") == ["OB3"]
    assert flagged(f, "OVERPAIRED_ORGAN_BRANCH") == ["OB1"]
    table = pairings(net)
    assert len(table) == 8
    assert table.loc[0].drop("since").tolist() == ["OB1", "甲机关支部", "D1", "区教育局", "P1", "党支部1"]
    assert str(table.loc[0, "since"].date()) == "2024-01-01"
    assert table.loc[4, ["department_id", "department_name"]].isna().all()


def attribution_network():
    social = [
        ("U1", "D1", "P1", "D2"),  # supervised by D1, org under D2: flagged
        ("U2", "D1", "P2", "D1"),  # right department
        ("U4", None, "P4", "S1"),  # no supervisor, org under its street: right
        ("U5", None, "P5", "D1"),  # no supervisor, org under a department: flagged
        ("U6", None, "P6", "S2"),  # no supervisor, org under another street: flagged
        ("U7", "D1", "P7", "S1"),  # supervised, org under a street: not flagged (departments only)
        ("U8", "D2", "P8", "P2"),  # org under P2, which is under D1: flagged through the chain
        ("U9", "D1", "P9", None),  # org with no parent: not checked
    ]
    units = [{"id": u, "name": f"{u}协会", "kind": "social_org"} for u, *_ in social]
    units.append({"id": "U3", "kind": "enterprise"})
    rels = {
        "IN_STREET": [(u, "S1") for u, *_ in social],
        "SUPERVISED_BY": [(u, d) for u, d, _, _ in social if d] + [("U3", "D1")],
        "COVERED_BY": [(u, p) for u, _, p, _ in social] + [("U3", "P3")],
        "REPORTS_TO": [(p, parent) for _, _, p, parent in social if parent] + [("P3", "D2")],
    }
    return Network.from_records(
        nodes={
            "Unit": units,
            "PartyOrg": [{"id": f"P{i}"} for i in range(1, 10)],
            "Department": [{"id": "D1", "name": "区教育局"}, {"id": "D2", "name": "区民政局"}],
            "Street": [{"id": "S1", "name": "林山寨街道"}, {"id": "S2", "name": "建设路街道"}],
        },
        rels=rels,
    )


def test_attribution_mismatch_exact_rule():
    net = attribution_network()
    assert attribution(net).loc["P8"].tolist() == ["D1", "Department"]
    f = attribution_findings(net)
    assert flagged(f, "ATTRIBUTION_MISMATCH") == ["P1", "P5", "P6", "P8"]
    detail = f.set_index("subject_id").loc["P1", "detail"]
    assert detail == "隶属区民政局，但所覆盖的社会组织U1协会应归口区教育局（谁管理、谁组建）"
    en = attribution_findings(net, settings=Settings(lang="en")).set_index("subject_id")
    assert en.loc["P6", "detail"] == (
        "Reports to 建设路街道, but the social organisation U6协会 it covers belongs under 林山寨街道"
    )


def test_attribution_cycle_is_left_unknown():
    net = Network.from_records(
        nodes={"PartyOrg": [{"id": "P1"}, {"id": "P2"}]},
        rels={"REPORTS_TO": [("P1", "P2"), ("P2", "P1")]},
    )
    assert attribution(net)["attributed_id"].isna().all()


def test_understaffed_department():
    net = Network.from_records(
        nodes={
            "Department": [
                {"id": "D1", "party_office_staff": 1, "required_staff": 2},
                {"id": "D2", "party_office_staff": 2, "required_staff": 2},
                {"id": "D3", "required_staff": 1},  # blank staff counts as 0
                {"id": "D4", "party_office_staff": 0},  # no requirement
            ]
        }
    )
    f = department_findings(net)
    assert flagged(f, "UNDERSTAFFED_DEPARTMENT") == ["D1", "D3"]
    assert f["detail"].tolist() == ["党建专干1人，应配2人", "党建专干0人，应配1人"]


def test_streets_without_demo_site_or_station():
    net = Network.from_records(
        nodes={
            "Street": [
                {"id": "S1", "name": "甲街道"},
                {"id": "S2", "name": "乙街道"},
                {"id": "S3", "name": "丙街道"},
            ],
            "PartyOrg": [
                {"id": "P1", "demo_level": "street"},
                {"id": "P2", "demo_level": "district"},
                {"id": "P3"},
            ],
            "Carrier": [{"id": "C2"}],
            "GuidanceStation": [{"id": "GS1"}],
        },
        rels={
            "IN_STREET": [("P1", "S1"), ("C2", "S2"), ("P3", "S3")],
            "BASED_AT": [("P2", "C2")],  # its street comes from its building
            "SERVES": [("GS1", "S1"), ("GS1", "S2")],
        },
    )
    f = street_findings(net)
    assert flagged(f, "STREET_WITHOUT_DEMO") == ["S3"]
    assert flagged(f, "STREET_WITHOUT_STATION") == ["S3"]
    assert f["street"].tolist() == ["丙街道", "丙街道"]


def test_attribution_detail_does_not_depend_on_ledger_row_order():
    # P1 covers two social organisations, both supervised by D1 while P1 reports to D2;
    # the detail names the one with the smallest id whatever order the ledger lists them in.
    def net(order):
        return Network.from_records(
            nodes={
                "Unit": [
                    {"id": "U2", "name": "乙协会", "kind": "social_org"},
                    {"id": "U1", "name": "甲协会", "kind": "social_org"},
                ],
                "PartyOrg": [{"id": "P1", "name": "联合党支部"}],
                "Department": [{"id": "D1", "name": "区教育局"}, {"id": "D2", "name": "区民政局"}],
            },
            rels={
                "COVERED_BY": [(u, "P1") for u in order],
                "SUPERVISED_BY": [("U1", "D1"), ("U2", "D1")],
                "REPORTS_TO": [("P1", "D2")],
            },
        )

    details = {attribution_findings(net(o))["detail"].item() for o in (["U1", "U2"], ["U2", "U1"])}
    assert details == {"隶属区民政局，但所覆盖的社会组织甲协会应归口区教育局（谁管理、谁组建）"}
