"""The equality check of the Cypher twins: push a network, compare ``twin_analysis`` with ``analyze``.

Networks are compared with their relationships listed in (source, target) order: where the
in-memory analysis takes "the first listed" of several candidates, the twin takes the
smallest id, and on a network listed in id order the two rules agree.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from graphkit import Network, Settings
from graphkit.analysis import analyze
from graphkit.neo4j import push
from graphkit.neo4j.twins import twin_analysis

KEY = ["code", "subject_kind", "subject_id"]

#: The as-of date of the twin checks' networks.
AS_OF = dt.date(2026, 11, 27)


def in_id_order(net: Network) -> Network:
    """The same graph with every relationship frame sorted by (source, target).

    The same ledger too: only the node tables and event tables the source had (a node frame
    handed to :class:`Network` counts as a table the source had, an empty one included).
    """
    rels = {t: f.sort_values(["source", "target"], kind="stable") for t, f in net.rels.items()}
    nodes = {k: f for k, f in net.nodes.items() if k in net.source_columns}
    events = {t: net.events[t] for t in net.event_tables}
    return Network(
        nodes, rels, meta=net.meta, columns=net.source_columns, events=events, findings=net.findings
    )


def _sorted(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings by code, subject kind and id; several of one subject (UNVISITED_CONTACT) keep their order."""
    return findings.sort_values(KEY, kind="stable").reset_index(drop=True)


def assert_twins_equal(net: Network, driver, database, *settings: Settings) -> None:
    """Push ``net`` once and compare the twins with ``analyze`` row for row under each settings.

    Findings of every code (the load-time ones from the ``:LoadFinding`` nodes the push stores),
    coverage, instructor load, grades, the checks not run and the summary's finding counts,
    grades and grades by street.
    """
    net = in_id_order(net)
    push(net, driver=driver, database=database, replace=True)
    for s in settings:
        expected = analyze(net, settings=s)
        got = twin_analysis(driver, settings=s, database=database)
        pd.testing.assert_frame_equal(_sorted(got.findings), _sorted(expected.findings))
        pd.testing.assert_frame_equal(got.coverage, expected.coverage.sort_index())
        columns = list(expected.instructors.columns)
        pd.testing.assert_frame_equal(got.instructors[columns], expected.instructors.sort_index())
        pd.testing.assert_frame_equal(got.grades, expected.grades.sort_index())
        assert got.summary["not_run"] == expected.summary["not_run"]
        for key in ("grades", "grades_by_street"):
            assert got.summary[key] == expected.summary[key], key
        assert got.summary["findings"] == expected.summary["findings"]


def edge_network() -> Network:
    """Seven units that hit the corners of the definitions (see the comments)."""
    clears = {"operation": "正常", "workforce": "稳定", "party_status": "已摸清", "investor": "已登记"}
    units = [
        # valid code; covered by an organisation with a blank form (counts as joint)
        {"id": "91350200776049653A", "name": "甲公司", "kind": "enterprise", "party_members": 4, **clears},
        # wrong check character; a five-clears cell of no-break and ideographic spaces only;
        # guided twice (contacts 2)
        {"id": "91350200776049653B", "name": "乙公司", "kind": "enterprise", "party_members": 0, **clears}
        | {"operation": "\u00a0\u3000 "},
        # 16 characters; no street; work coverage through its building only
        {"id": "9135020077604965", "name": "丙公司", "kind": "enterprise", "party_members": 2, **clears},
        # valid social organisation whose organisation reports (through another) to the wrong department
        {"id": "53100000500019795A", "name": "丁协会", "kind": "social_org", "party_members": 3, **clears},
        # social organisation with no supervising department, attributed to its own street
        {"id": "53100000500012015T", "name": "戊基金会", "kind": "social_org", "party_members": 1, **clears},
        # a letter I: bad characters; the same organisation, attributed to another street
        {"id": "5310000050001201IT", "name": "己中心", "kind": "social_org", "party_members": 0, **clears},
        # 3 full members (probationary do not count): uncovered, no reason given
        {"id": "92410102MA45X0001X", "name": "庚商行", "kind": "enterprise", "party_members": 3}
        | {"probationary_members": 5},
    ]
    a1, a2, a3, a4, a5, a6, a7 = (u["id"] for u in units)
    day = dt.timedelta(days=1)
    nodes = {
        "Unit": units,
        "Street": [{"id": "S1", "name": "林山寨街道"}, {"id": "S2", "name": "建设路街道"}],
        "GuidanceStation": [{"id": "GS1", "name": "林山寨街道指导站"}],
        "Carrier": [{"id": "C1", "name": "锦艺城", "kind": "building"}],
        "PartyOrg": [
            {"id": "PJ1", "name": "锦艺城党总支", "level": "general_branch", "term_ends": AS_OF},
            {"id": "PS", "name": "丁协会党支部", "level": "branch", "form": "own", "members": 60}
            | {"term_ends": AS_OF + 180 * day},
            {
                "id": "PG",
                "name": "行业党委",
                "level": "committee",
                "form": "own",
                "term_ends": AS_OF + 181 * day,
            },
            {"id": "PS2", "name": "社会组织联合党支部", "level": "branch", "form": "joint", "members": 3}
            | {"term_ends": AS_OF - day, "demo_level": "street"},
        ],
        "Department": [
            {"id": "D1", "name": "区科协", "required_staff": 1},
            {"id": "D2", "name": "区民政局", "party_office_staff": 2},
        ],
        "Instructor": [
            {"id": "I1", "name": "张伟", "phone": "13800000001"},
            {"id": "I2", "name": "李娜"},
            {"id": "I3", "name": "王芳"},
        ],
        "Liaison": [{"id": "L1", "name": "刘洋"}],
        "OrganBranch": [
            {"id": "OB1", "name": "区科协机关党支部"},
            {"id": "OB2", "name": "区民政局机关党支部"},
        ],
    }
    rels = {
        "IN_STREET": [
            *[(a1, "S1"), (a2, "S1"), (a4, "S1"), (a5, "S2"), (a6, "S1"), (a7, "S2")],
            ("C1", "S1"),
        ],
        "LOCATED_IN": [(a1, "C1"), (a3, "C1")],
        "SUPERVISED_BY": [(a4, "D1")],
        "COVERED_BY": [(a1, "PJ1"), (a4, "PS"), (a5, "PS2"), (a6, "PS2")],
        "BASED_AT": [("PJ1", "C1")],
        "REPORTS_TO": [("PS", "PG"), ("PG", "D2"), ("PS2", "S2")],
        "GUIDES": [("I1", a2), ("I1", a2), ("I1", "C1"), ("I2", "PS")],
        "SENT_BY": [("I1", "D1"), ("I2", "S1"), ("L1", "S1")],
        "LIAISES": [("L1", "C1")],
        "PAIRED_WITH": [
            {"source": "OB1", "target": "PS", "since": "2024-03-01"},
            {"source": "OB1", "target": "PS2"},
        ],
        "BRANCH_OF": [("OB1", "D1"), ("OB2", "D2")],
        "SERVES": [("GS1", "S1")],
    }
    return Network.from_records(nodes, rels)
