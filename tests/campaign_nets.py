"""Small networks for the campaign checks and grades: every party organisation passing unless told."""

import pandas as pd

from graphkit import Network, Settings
from graphkit.model import FOUR_ONES, SIX_HAVES

AS_OF = "2026-11-27"
SETTINGS = Settings(as_of=AS_OF)
SIX = dict.fromkeys(SIX_HAVES, True)
FOUR = dict.fromkeys(FOUR_ONES, True)


def events(**columns):
    """An event frame from columns; ``date`` given as text is parsed."""
    frame = pd.DataFrame(columns)
    if "date" in frame:
        frame["date"] = pd.to_datetime(frame["date"])
    return frame


def graded_network(n, *, fails=None, demo=(), honours=(), drop_tables=()):
    """Party organisations P1..Pn in street S1, each passing all seven criteria except ``fails[id]``.

    ``fails`` maps an id to criteria it fails: ``position_ok`` (its position lacks a flag),
    ``active`` (no activity), ``secretary_trained`` (no training), ``term_ok`` (term ended),
    ``instructor_reached`` (no instructor), ``paired`` (no organ branch), ``level_ok`` (a 党委 of
    10 members). ``demo`` lists district demonstration sites; ``honours`` holds
    ``(subject, type, status)``. ``drop_tables`` are left out of the ledger altogether.
    """
    fails = fails or {}
    orgs, sites, hosted, guides, paired, acts, trains = [], [], [], [], [], [], []
    for i in range(1, n + 1):
        pid = f"P{i}"
        bad = fails.get(pid, set())
        orgs.append(
            {
                "id": pid,
                "name": f"第{i}支部",
                "level": "committee" if "level_ok" in bad else "branch",
                "form": "own",
                "members": 10,
                "term_ends": "2026-01-31" if "term_ok" in bad else "2028-01-31",
                "demo_level": "district" if pid in demo else None,
                "secretary": f"书记{i}",
                **FOUR,
            }
        )
        sites.append({"id": f"Z{i}", "name": f"第{i}阵地", **SIX, "has_flag": "position_ok" not in bad})
        hosted.append((f"Z{i}", pid))
        if "instructor_reached" not in bad:
            guides.append(("I1", pid))
        if "paired" not in bad:
            paired.append(("OB1", pid))
        if "active" not in bad:
            acts.append((pid, "2026-11-01"))
        if "secretary_trained" not in bad:
            trains.append((f"书记{i}", pid, "2026-06-01"))
    tables = {
        "activities": events(party_org=[a for a, _ in acts], date=[d for _, d in acts]),
        "trainings": events(
            person=[p for p, _, _ in trains],
            party_org=[o for _, o, _ in trains],
            type=["induction"] * len(trains),
            date=[d for _, _, d in trains],
        ),
        "visits": events(person=[], target=[], date=[]),
        "honours": events(
            subject=[s for s, _, _ in honours],
            subject_kind=["PartyOrg" if s.startswith("P") else "Unit" for s, _, _ in honours],
            type=[t for _, t, _ in honours],
            status=[st for _, _, st in honours],
        ),
    }
    nodes = {
        "Street": [{"id": "S1", "name": "林山寨街道"}],
        "PartyOrg": orgs,
        "Position": sites,
        "Instructor": [{"id": "I1", "name": "张指导"}],
        "OrganBranch": [{"id": "OB1", "name": "区教育局机关党支部"}],
        "Department": [{"id": "D1", "name": "区教育局"}],
    }
    if "positions" in drop_tables:
        del nodes["Position"]
    rels = {
        "IN_STREET": [(o["id"], "S1") for o in orgs],
        "HOSTED_BY": hosted if "positions" not in drop_tables else [],
        "GUIDES": guides,
        "PAIRED_WITH": paired,
        "BRANCH_OF": [("OB1", "D1")],
    }
    kept = {t: f for t, f in tables.items() if t not in drop_tables}
    return Network.from_records(nodes=nodes, rels=rels, events=kept)


def campaign_network(**drop: bool) -> Network:
    """P1 先进 (all pass, district demo site, a valid honour); P5 较好; P3 一般 (secretary trained
    only for another organisation, no instructor); P2 and P4 后进. ``drop``: tables to leave out."""
    good = dict.fromkeys(SIX, True)
    nodes = {
        "Street": [{"id": "S1", "name": "林山寨街道"}, {"id": "S2", "name": "建设路街道"}],
        "Carrier": [{"id": "C1", "name": "锦艺城", "kind": "building"}],
        "Unit": [
            {"id": "U1", "name": "甲公司", "kind": "enterprise", "party_members": 5},
            {"id": "U2", "name": "乙商行", "kind": "individual", "party_members": 0},
            {"id": "U3", "name": "丙商行", "kind": "individual", "party_members": 2},
        ],
        "PartyOrg": [
            {"id": "P1", "name": "甲公司党支部", "level": "branch", "form": "own", "members": 5}
            | {
                "term_ends": "2027-06-30",
                "secretary": "张伟",
                "demo_level": "district",
                **dict.fromkeys(FOUR, True),
            },
            # joint, based at C1 (served by C1's position, which has no flag); term expired; a street
            # demo site without vehicle (and a blank rules cell); its only activity is 90 days old
            {"id": "P2", "name": "锦艺城联合党支部", "level": "branch", "form": "joint", "members": 10}
            | {"term_ends": "2026-01-01", "secretary": "李娜", "demo_level": "street"}
            | {"plan": True, "vehicle": False, "rules": None, "atmosphere": True},
            {"id": "P3", "name": "丙协会党支部", "level": "branch", "form": "own", "members": 3}
            | {"term_ends": "2027-01-01", "secretary": "王芳"},
            # blank secretary, no position, no activity, 60 members in a branch
            {"id": "P4", "name": "戊支部", "level": "branch", "members": 60, "secretary": None},
            {"id": "P5", "name": "己公司党支部", "level": "branch", "form": "own", "members": 10}
            | {"term_ends": "2028-01-01", "secretary": "赵磊"},
        ],
        "Position": [
            {"id": "SITE1", "name": "甲公司党员活动室", "area": 80.5, **good},
            {"id": "SITE2", "name": "锦艺城党群服务中心", "area": 120.0, **good, "has_flag": False},
            {"id": "SITE3", "name": "空置活动室", "has_site": True},  # five items blank
        ],
        "Instructor": [{"id": "I1", "name": "刘洋"}, {"id": "I2", "name": "陈静"}],
        "Liaison": [{"id": "L1", "name": "孙丽"}],
        "OrganBranch": [
            {"id": "OB1", "name": "区委办机关党支部"},
            {"id": "OB2", "name": "区财政局机关党支部"},
        ],
    }
    rels = {
        "IN_STREET": [("U1", "S1"), ("U2", "S1"), ("U3", "S2"), ("C1", "S1"), ("P3", "S2"), ("P4", "S2")],
        "LOCATED_IN": [("U1", "C1"), ("U2", "C1")],
        "COVERED_BY": [("U1", "P1")],
        "BASED_AT": [("P2", "C1")],
        "HOSTED_BY": [("SITE1", "P1"), ("SITE2", "C1")],
        "USED_BY": [("SITE1", "P3"), ("SITE1", "P5")],
        "GUIDES": [("I1", "P1"), ("I1", "C1"), ("I1", "U3"), ("I2", "P4"), ("I2", "P5")],
        "SENT_BY": [("I1", "S1"), ("I2", "S2")],
        "LIAISES": [("L1", "U1")],
        "PAIRED_WITH": [("OB1", "P1"), ("OB1", "P3"), ("OB2", "P5")],
    }
    events = {
        "activities": pd.DataFrame(
            [
                ("P1", "2026-10-15", "theme_day", 5),
                ("P2", "2026-08-29", "lecture", 8),  # as_of - 90 days: just outside the window
                ("P3", "2026-11-27", "member_day", 3),  # the as-of date itself counts
                ("P5", "2026-09-01", "lecture", None),
            ],
            columns=["party_org", "date", "type", "attendees"],
        ),
        "visits": pd.DataFrame(
            [
                ("I1", "Instructor", "P1", "PartyOrg", "2026-11-01", "换届指导"),
                ("I1", "Instructor", "U2", "Unit", "2026-11-10", None),  # inside C1: not a visit to C1
                ("I1", "Instructor", "U3", "Unit", "2026-08-01", "走访"),  # too old
                ("I2", "Instructor", "P5", "PartyOrg", "2026-10-01", None),
                ("L1", "Liaison", "U1", "Unit", "2026-11-02", None),
            ],
            columns=["person", "person_kind", "target", "target_kind", "date", "matter"],
        ),
        "trainings": pd.DataFrame(
            [
                ("张伟", "secretary", "P1", "rotation", "2026-03-01", "第一期", "district", 16.0),
                (
                    "李娜",
                    "secretary",
                    None,
                    "rotation",
                    "2026-01-10",
                    "第一期",
                    "district",
                    16.0,
                ),  # no org: counts
                ("王芳", "secretary", "P1", "topical", "2026-05-01", None, "street", 4.5),  # another org
                (
                    "王芳",
                    "secretary",
                    "P3",
                    "topical",
                    "2025-11-27",
                    None,
                    "street",
                    4.5,
                ),  # 365 days: outside
                ("赵磊", "secretary", "P5", "induction", "2026-06-01", "第二期", "district", 8.0),
            ],
            columns=["person", "role", "party_org", "type", "date", "batch", "level", "hours"],
        ),
        "honours": pd.DataFrame(
            [
                ("U2", "Unit", "member_plaque", "street", "2025-05-01", "valid"),  # no full member
                ("U3", "Unit", "member_plaque", "street", "2025-05-01", "valid"),  # 2 members, uncovered
                ("U3", "Unit", "model_shop", "district", "2025-07-01", None),  # blank status: valid
                ("P1", "PartyOrg", "advanced_org", "city", "2025-07-01", "valid"),
                ("P2", "PartyOrg", "civilised", "district", "2024-07-01", "valid"),
                ("P4", "PartyOrg", "five_star", "street", "2024-07-01", "revoked"),
            ],
            columns=["subject", "subject_kind", "type", "level", "date", "status"],
        ),
    }
    if drop.get("positions"):
        nodes.pop("Position")
        rels.pop("HOSTED_BY")
        rels.pop("USED_BY")
    events = {t: f for t, f in events.items() if not drop.get(t)}
    return Network.from_records(nodes, rels, events=events)
