"""Small bundled networks for examples and tests.

:func:`tiny` is a hand-built district of ten units small enough to check every
answer by eye; docstring examples across graphkit use it. For a realistic
district of thousands of units use :func:`loaders.demo_district`.

Examples
--------
>>> net = load("tiny")
>>> net
<Network: 27 nodes (10 units), 42 relationships, 0 rejected rows>
>>> load("huge")
Traceback (most recent call last):
ValueError: unknown dataset 'huge'; available: tiny

"""

from __future__ import annotations

from graphkit.model import Network

__all__ = ["AS_OF", "available", "load", "tiny"]

#: The as-of date the tiny network's term dates are written against.
AS_OF = "2026-11-27"


def tiny() -> Network:
    """A ten-unit district that shows every coverage status and most findings.

    Two streets: 林山寨街道 (``S1``, with guidance station ``GS1`` and the
    district demonstration site ``P1``) and 建设路街道 (``S2``, neither).

    ===== ================ ============ ======= =========== ==========================
    unit  name             kind         members status      why
    ===== ================ ============ ======= =========== ==========================
    U01   甲科技公司        enterprise   5       own_org     P1 (own)
    U02   新蒲建设集团      enterprise   60      own_org     P4 (own committee)
    U03   丙商贸公司        enterprise   1       joint_org   P2 (joint, based at C1)
    U04   丁餐饮公司        enterprise   4       joint_org   P2; should form its own
    U05   戊文化传媒公司    enterprise   0       joint_org   P2
    U06   瑞阳养老院        social_org   3       own_org     P3, reports to the wrong
                                                            department
    U07   己物流公司        enterprise   2       work_only   in building C1
    U08   庚培训学校        social_org   0       work_only   liaison L1
    U09   辛贸易公司        enterprise   1       uncovered   in park C2, nobody there
    U10   壬软件公司        enterprise   0       uncovered   five-clears blank
    ===== ================ ============ ======= =========== ==========================

    Instructor ``I1`` guides building ``C1`` and unit ``U03`` (reach 3:
    U03, U04, U07; contacts 2); ``I2`` guides ``P3`` (reach 1); ``I3`` has no
    assignment. Organ branch ``OB1`` (区教育局) pairs with P1 and P3; ``OB2``
    (区民政局, understaffed) pairs with nobody. Terms, against
    :data:`AS_OF` 2026-11-27: P1 expired, P2 ends within 180 days.

    Returns
    -------
    Network
        A new network each call.

    Examples
    --------
    >>> net = tiny()
    >>> net.units.loc["U04", "name"], int(net.units.loc["U04", "party_members"])
    ('丁餐饮公司', 4)

    """
    units = [
        ("U01", "甲科技公司", "enterprise", 5),
        ("U02", "新蒲建设集团", "enterprise", 60),
        ("U03", "丙商贸公司", "enterprise", 1),
        ("U04", "丁餐饮公司", "enterprise", 4),
        ("U05", "戊文化传媒公司", "enterprise", 0),
        ("U06", "瑞阳养老院", "social_org", 3),
        ("U07", "己物流公司", "enterprise", 2),
        ("U08", "庚培训学校", "social_org", 0),
        ("U09", "辛贸易公司", "enterprise", 1),
        ("U10", "壬软件公司", "enterprise", 0),
    ]
    clears = {"operation": "正常经营", "workforce": "稳定", "party_status": "已摸清", "investor": "已登记"}
    unit_rows = []
    for uid, name, kind, members in units:
        row = {"id": uid, "name": name, "kind": kind, "party_members": members, "probationary_members": 0}
        if uid != "U10":
            row |= clears
        if uid in {"U07", "U08"}:
            row["no_org_reason"] = "党员不足3名,待联合组建"
        unit_rows.append(row)
    unit_rows[3]["probationary_members"] = 2
    nodes = {
        "Unit": unit_rows,
        "Street": [{"id": "S1", "name": "林山寨街道"}, {"id": "S2", "name": "建设路街道"}],
        "GuidanceStation": [{"id": "GS1", "name": "林山寨街道非公党建指导站"}],
        "Carrier": [
            {"id": "C1", "name": "锦艺城", "kind": "building"},
            {"id": "C2", "name": "中原新区产业园", "kind": "park"},
        ],
        "PartyOrg": [
            {
                "id": "P1",
                "name": "甲科技公司党支部",
                "level": "branch",
                "form": "own",
                "members": 5,
                "term_ends": "2026-06-30",
                "demo_level": "district",
            },
            {
                "id": "P2",
                "name": "锦艺城联合党支部",
                "level": "branch",
                "form": "joint",
                "members": 5,
                "term_ends": "2027-03-31",
            },
            {
                "id": "P3",
                "name": "瑞阳养老院党支部",
                "level": "branch",
                "form": "own",
                "members": 3,
                "term_ends": "2028-12-31",
            },
            {
                "id": "P4",
                "name": "新蒲建设集团党委",
                "level": "committee",
                "form": "own",
                "members": 60,
                "term_ends": "2029-06-30",
            },
        ],
        "Department": [
            {"id": "D1", "name": "区教育局", "party_office_staff": 2, "required_staff": 2},
            {"id": "D2", "name": "区民政局", "party_office_staff": 1, "required_staff": 2},
        ],
        "Instructor": [
            {"id": "I1", "name": "张伟", "phone": "13800000001"},
            {"id": "I2", "name": "李娜", "phone": "13800000002"},
            {"id": "I3", "name": "王芳", "phone": "13800000003"},
        ],
        "Liaison": [{"id": "L1", "name": "刘洋", "phone": "13900000001"}],
        "OrganBranch": [
            {"id": "OB1", "name": "区教育局机关党支部"},
            {"id": "OB2", "name": "区民政局机关党支部"},
        ],
    }
    rels = {
        "IN_STREET": [(f"U{i:02d}", "S1") for i in range(1, 9)]
        + [("U09", "S2"), ("U10", "S2"), ("C1", "S1"), ("C2", "S2")]
        + [(p, "S1") for p in ("P1", "P2", "P3", "P4")],
        "LOCATED_IN": [("U03", "C1"), ("U04", "C1"), ("U07", "C1"), ("U09", "C2")],
        "SUPERVISED_BY": [("U06", "D1")],
        "COVERED_BY": [
            ("U01", "P1"),
            ("U02", "P4"),
            ("U03", "P2"),
            ("U04", "P2"),
            ("U05", "P2"),
            ("U06", "P3"),
        ],
        "BASED_AT": [("P2", "C1")],
        "REPORTS_TO": [("P3", "D2")],
        "GUIDES": [("I1", "C1"), ("I1", "U03"), ("I2", "P3")],
        "SENT_BY": [("I1", "S1"), ("I2", "D1"), ("I3", "S1"), ("L1", "S1")],
        "LIAISES": [("L1", "U08")],
        "PAIRED_WITH": [
            {"source": "OB1", "target": "P1", "since": "2024-03-01"},
            {"source": "OB1", "target": "P3", "since": "2024-03-01"},
        ],
        "BRANCH_OF": [("OB1", "D1"), ("OB2", "D2")],
        "SERVES": [("GS1", "S1")],
    }
    return Network.from_records(nodes, rels, meta={"name": "tiny", "as_of": AS_OF})


_DATASETS = {"tiny": tiny}


def available() -> list[str]:
    """Names of the bundled datasets."""
    return sorted(_DATASETS)


def load(name: str) -> Network:
    """Return the bundled dataset called ``name``.

    Raises
    ------
    ValueError
        If there is no such dataset (the message lists the names).

    """
    try:
        return _DATASETS[name]()
    except KeyError:
        msg = f"unknown dataset {name!r}; available: {', '.join(available())}"
        raise ValueError(msg) from None
