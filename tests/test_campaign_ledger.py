"""The campaign tables of the ledger (DESIGN §4): positions, activities, visits, trainings, honours."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import loaders
from graphkit.model import Network
from tests.office_files import write_csv

U = "92350200MA2Y8LNK1K"


@pytest.fixture
def campaign() -> Network:
    def events(**cols: list) -> pd.DataFrame:
        frame = pd.DataFrame(cols)
        if "date" in frame:
            frame["date"] = pd.to_datetime(frame["date"])
        return frame

    return Network.from_records(
        nodes={
            "Unit": [{"id": U, "name": "张记粮油", "kind": "individual", "party_members": 1}],
            "Street": [{"id": "S1", "name": "林山寨街道"}],
            "PartyOrg": [
                {
                    "id": "P1",
                    "name": "甲党支部",
                    "level": "branch",
                    "form": "own",
                    "secretary": "王芳",
                    "plan": True,
                    "vehicle": False,
                    "rules": True,
                    "atmosphere": True,
                    "brand": "红色驿站",
                }
            ],
            "Instructor": [{"id": "I1", "name": "李强"}],
            "Position": [
                {
                    "id": "Z1",
                    "name": "甲阵地",
                    "area": 120.5,
                    "has_site": True,
                    "has_facilities": True,
                    "has_sign": False,
                    "has_flag": True,
                    "has_reading": True,
                    "has_rules": True,
                }
            ],
        },
        rels={
            "IN_STREET": [(U, "S1")],
            "HOSTED_BY": [("Z1", "P1")],
            "USED_BY": [("Z1", "P1")],
            "GUIDES": [("I1", "P1")],
        },
        events={
            "activities": events(party_org=["P1"], date=["2026-10-01"], type=["lecture"], attendees=[5]),
            "visits": events(
                person=["I1"],
                person_kind=["Instructor"],
                target=["P1"],
                target_kind=["PartyOrg"],
                date=["2026-11-01"],
                matter=["场地"],
            ),
            "trainings": events(
                person=["王芳"],
                role=["secretary"],
                party_org=["P1"],
                type=["rotation"],
                date=["2026-05-01"],
                batch=["第1期"],
                level=["district"],
                hours=[16.0],
            ),
            "honours": events(
                subject=[U],
                subject_kind=["Unit"],
                type=["member_plaque"],
                level=["street"],
                date=["2026-03-01"],
                status=["valid"],
            ),
        },
    )


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_campaign_tables_round_trip(campaign: Network, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / ("ledger.xlsx" if fmt == "xlsx" else "ledger")
    loaders.write_ledger(campaign, path, format=fmt)
    back = loaders.read_ledger(path, as_of="2026-11-27")
    assert back.equals(campaign)
    assert len(back.rejects) == 0
    assert back.has_table("activities") and back.has_table("positions")
    assert back.sites.loc["Z1", ["has_site", "has_sign"]].tolist() == [True, False]


def test_rows_dated_after_as_of_are_rejected(campaign: Network, tmp_path: Path) -> None:
    loaders.write_ledger(campaign, tmp_path / "l.xlsx")
    back = loaders.read_ledger(tmp_path / "l.xlsx", as_of="2026-10-15")
    assert len(back.visits) == 0 and len(back.activities) == 1
    assert back.rejects[["table", "row", "column", "reason"]].values.tolist() == [
        ["visits", 2, "走访日期", "日期2026-11-01晚于统计截止日2026-10-15，该记录未使用"]
    ]


def test_event_rows_with_unknown_reference_or_bad_date_are_not_used(tmp_path: Path) -> None:
    write_csv(
        tmp_path / "单位台账.csv", [["统一社会信用代码", "单位名称", "所属街道"], [U, "张记粮油", "S1"]]
    )
    write_csv(tmp_path / "街道.csv", [["编号", "街道名称"], ["S1", "林山寨街道"]])
    write_csv(
        tmp_path / "党组织.csv",
        [["编号", "党组织名称", "组织类别", "组建方式"], ["P1", "甲党支部", "党支部", "单独组建"]],
    )
    write_csv(
        tmp_path / "組織生活.csv",  # Traditional sheet name, title row above the header
        [
            ["2026年组织生活台账", "", "", ""],
            ["黨組織", "活動日期", "活動類型", "參加人數"],
            ["甲党支部", "2026年10月8日", "主题党日", "12"],
            ["P9", "2026-10-09", "党课", "3"],
            ["P1", "上周", "党课", "3"],
            ["P1", "2026-10-10", "读书会", "x"],
        ],
    )
    net = loaders.read_ledger(tmp_path, as_of="2026-11-27")
    assert net.activities.astype(object).where(net.activities.notna(), None).values.tolist() == [
        ["P1", pd.Timestamp("2026-10-08"), "theme_day", 12],
        ["P1", pd.Timestamp("2026-10-10"), None, None],
    ]
    rejects = net.rejects[net.rejects["table"] == "activities"]
    assert rejects[["row", "column", "value"]].values.tolist() == [
        [4, "黨組織", "P9"],
        [5, "活動日期", "上周"],
        [6, "活動類型", "读书会"],
        [6, "參加人數", "x"],
    ]
    assert rejects["reason"].tolist()[:2] == [
        "“P9”找不到对应的编号或名称（PartyOrg），该记录未使用",
        "“上周”不是日期，该记录未使用",
    ]
    assert net.findings["code"].tolist() == ["UNKNOWN_REFERENCE"]
    assert not net.has_table("visits") and len(net.visits) == 0


def test_missing_tables_are_not_written(tmp_path: Path) -> None:
    net = Network.from_records(nodes={"Unit": [{"id": U, "name": "甲"}]})
    names = [p.name for p in loaders.write_ledger(net, tmp_path / "l", format="csv")]
    assert "activities.csv" not in names and "positions.csv" not in names
