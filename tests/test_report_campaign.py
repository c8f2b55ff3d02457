"""The campaign's sections of report.xlsx and report.html, on a three-organisation district.

P1 (林山寨街道) passes everything and holds a valid 先进基层党组织 (先进); P2 (林山寨街道) has a
position without flag and sign and no recent activity (一般); P3 (建设路街道) has no position, no
activity within the window and an untrained secretary (后进). One unmanned 个体工商户 holds a plaque.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import matplotlib.colors as mcolors
import numpy as np
import openpyxl
import pandas as pd
import pytest
from matplotlib.figure import Figure

from graphkit import Network, analyze
from graphkit.report import render_html, write_outputs, write_xlsx
from graphkit.report.campaign import activity_months, campaign_sections
from graphkit.report.charts import GRADE_COLORS, chart_parts, draw_activity_months, draw_grades_by_street
from graphkit.report.html import fragment_context, render_context
from graphkit.results import GRADES
from tests.campaign_nets import FOUR, SETTINGS, SIX, events

EVENT_TABLES = ("activities", "trainings", "visits", "honours")


def district(*, drop: tuple[str, ...] = ()) -> Network:
    orgs = [
        {"id": f"P{i}", "name": f"第{i}支部", "level": "branch", "form": "own", "members": 10,
         "term_ends": "2028-01-31", "secretary": f"书记{i}", **FOUR}
        for i in (1, 2, 3)
    ]  # fmt: skip
    nodes = {
        "Street": [{"id": "S1", "name": "林山寨街道"}, {"id": "S2", "name": "建设路街道"}],
        "Unit": [{"id": "U1", "name": "张记小吃", "kind": "individual", "party_members": 0}],
        "PartyOrg": orgs,
        "Position": [
            {"id": "Z1", "name": "一号阵地", **SIX},
            {"id": "Z2", "name": "二号阵地", **SIX, "has_flag": False, "has_sign": None},
            {"id": "Z3", "name": "三号阵地", **SIX, "has_flag": False},
        ],
        "Instructor": [{"id": "I1", "name": "张指导"}],
        "OrganBranch": [{"id": "OB1", "name": "区教育局机关党支部"}],
        "Department": [{"id": "D1", "name": "区教育局"}],
    }
    rels = {
        "IN_STREET": [("P1", "S1"), ("P2", "S1"), ("P3", "S2"), ("U1", "S1")],
        "HOSTED_BY": [("Z1", "P1"), ("Z2", "P2")],
        "GUIDES": [("I1", "P1"), ("I1", "P2"), ("I1", "P3"), ("I1", "U1")],
        "PAIRED_WITH": [("OB1", "P1"), ("OB1", "P2"), ("OB1", "P3")],
        "BRANCH_OF": [("OB1", "D1")],
    }
    tables = {
        "activities": events(
            party_org=["P1", "P1", "P2", "P3"],
            date=["2026-11-01", "2026-11-20", "2026-06-15", "2025-11-30"],
            attendees=[5, 3, 4, 9],
        ),
        "trainings": events(
            person=["书记1", "书记2", "党员甲", "党员乙", "党员丙", "书记3"],
            role=["secretary", "secretary", "member", "member", "member", "secretary"],
            party_org=["P1", "P2", "P1", "P3", "P3", "P3"],
            type=["rotation"] * 6,
            date=["2026-03-01", "2026-03-01", "2026-05-01", "2026-05-01", "2026-06-01", "2025-01-01"],
            batch=["区第1期", "区第1期", "林山寨第1期", "林山寨第1期", "建设路第1期", None],
            level=["district", "district", "street", "street", "street", None],
        ),
        "visits": events(person=[], target=[], date=[]),
        "honours": events(
            subject=["P1", "P1", "U1", "U1", "P3"],
            subject_kind=["PartyOrg", "PartyOrg", "Unit", "Unit", "PartyOrg"],
            type=["advanced_org", "demo_site", "member_plaque", "member_plaque", "advanced_org"],
            level=["city", "district", "district", "district", "province"],
            date=["2025-12-01"] * 5,
            status=["valid", "valid", "valid", "revoked", "valid"],
        ),
    }
    if "positions" in drop:
        del nodes["Position"]
        rels["HOSTED_BY"] = []
    kept = {t: f for t, f in tables.items() if t not in drop}
    return Network.from_records(nodes=nodes, rels=rels, events=kept)


@pytest.fixture(scope="module")
def analysis():
    return analyze(district(), settings=SETTINGS)


@pytest.fixture(scope="module")
def bare():
    """The same district keeping none of the campaign's tables."""
    return analyze(district(drop=("positions", *EVENT_TABLES)), settings=SETTINGS)


def sections(analysis, lang="zh"):
    return {s.key: s for s in campaign_sections(analysis, lang=lang)}


def metrics(section):
    return {m.key: (m.value, m.total) for m in section.metrics}


def rows(table):
    return table.frame.values.tolist()


def test_the_grades_the_sections_count(analysis) -> None:
    assert analysis.grades["grade"].tolist() == ["advanced", "fair", "lagging"]


def test_positions(analysis) -> None:
    s = sections(analysis)["positions"]
    assert s.counted and s.title == "阵地建设"
    assert metrics(s) == {
        "positions": (3, None),
        "positions_six_haves": (1, 3),
        "orgs_served": (2, 3),
        "orgs_position_ok": (1, 3),
        "no_position": (1, 3),
    }
    (items,) = s.tables
    assert rows(items) == [
        ["有党旗", 2],
        ["有标志", 1],
        ["有场所", 0],
        ["有设施", 0],
        ["有书报", 0],
        ["有制度", 0],
    ]


def test_activity(analysis) -> None:
    s = sections(analysis)["activity"]
    assert metrics(s) == {"orgs_active": (1, 3), "activities_12m": (3, None), "inactive": (2, 3)}
    (months,) = s.tables
    assert months.frame["month"].tolist()[0] == "2025-12" and len(months.frame) == 12
    busy = months.frame[months.frame["activities"] > 0].values.tolist()
    assert busy == [["2026-06", 1, 1, 4], ["2026-11", 2, 1, 8]]  # P3's 2025-11-30 is 13 months back
    assert months.note == "本月统计至 2026-11-27。"
    assert s.listed.frame["subject_id"].tolist() == ["P2", "P3"] and s.listed.note == ""


def test_training(analysis) -> None:
    s = sections(analysis)["training"]
    assert metrics(s) == {
        "secretaries_trained": (2, 3),
        "no_secretary": (0, 3),
        "district_batches": (1, None),
        "street_sessions": (2, None),
        "person_times": (5, None),  # 书记3's training of 2025-01-01 is outside the 365 days
    }
    (levels,) = s.tables
    assert rows(levels) == [["区级", 1, 2, 2], ["街道级", 2, 3, 3], ["合计", 3, 5, 5]]


def test_honours(analysis) -> None:
    s = sections(analysis)["honours"]
    assert metrics(s) == {
        "honours_valid": (4, None),  # U1's second plaque is revoked
        "member_plaques": (1, None),
        "honours_at_risk": (int((analysis.findings["code"] == "HONOUR_AT_RISK").sum()), None),
        "plaque_without_member": (1, None),
    }
    (by_type,) = s.tables
    assert list(by_type.frame.columns) == ["honour_type", "province", "city", "district", "street", "total"]
    assert rows(by_type) == [
        ["党员经营户挂牌", 0, 0, 1, 0, 1],
        ["非公企业党建示范点", 0, 0, 1, 0, 1],
        ["先进基层党组织", 1, 1, 0, 0, 2],
        ["合计", 1, 1, 2, 0, 4],
    ]
    assert "P3" in s.listed.frame["subject_id"].tolist()


def test_grades(analysis) -> None:
    s = sections(analysis)["grades"]
    assert [(m.label, m.value, m.total) for m in s.metrics] == [
        ("先进", 1, 3),
        ("较好", 0, 3),
        ("一般", 1, 3),
        ("后进", 1, 3),
    ]
    by_street, failed = s.tables
    assert rows(by_street) == [
        ["林山寨街道", 2, 1, 0, 1, 0],
        ["建设路街道", 1, 0, 0, 0, 1],
        ["合计", 3, 1, 0, 1, 1],
    ]
    assert rows(failed)[:4] == [
        ["无达到“六有”的阵地", 2],
        ["近期无组织生活", 2],
        ["书记未培训", 1],
        ["到期未换届", 0],
    ]
    assert s.listed.frame["subject_id"].tolist() == ["P3"]


def test_sections_in_english(analysis) -> None:
    s = sections(analysis, lang="en")
    assert [x.title for x in sections(analysis).values()] == [
        "阵地建设",
        "组织生活",
        "书记培训",
        "评选挂牌",
        "分类定级",
    ]
    assert [x.title for x in s.values()] == [
        "Positions",
        "Organisational life",
        "Training",
        "Honours and plaques",
        "Grades",
    ]
    assert rows(s["training"].tables[0])[-1] == ["Total", 3, 5, 5]


def test_sections_not_kept_say_so_and_count_nothing(bare) -> None:
    s = sections(bare)
    assert {k: x.missing for k, x in s.items()} == {
        "positions": "台账没有阵地表（尚未记录），此项未统计。",
        "activity": "台账没有组织生活表（尚未记录），此项未统计。",
        "training": "台账没有培训记录表（尚未记录），此项未统计。",
        "honours": "台账没有评选挂牌表（尚未记录），此项未统计。",
        "grades": "未定级：台账缺少 positions, activities, trainings, honours，"
        "定级所需的检查未运行（grades.csv 列出已能评估的项目）。",
    }
    assert all(not x.metrics and not x.tables and x.listed is None for x in s.values())


def test_activity_months_ends_with_the_as_of_month() -> None:
    frame = activity_months(events(party_org=["P1"], date=["2026-01-31"], attendees=[None]), "2026-02-01")
    assert frame["month"].tolist()[-2:] == ["2026-01", "2026-02"]
    assert frame.iloc[-2].tolist() == ["2026-01", 1, 1, 0]


def test_activity_months_tell_organisations_apart_by_position_when_given() -> None:
    rows = events(party_org=["P1", "P2", "P1", "P9"], date=["2026-01-05"] * 4, attendees=[1, 2, 3, 4])
    by_text = activity_months(rows, "2026-02-01")
    by_position = activity_months(rows, "2026-02-01", np.array([0, 1, 0, -1]))  # P9: no such node
    assert by_text.iloc[-2].tolist() == ["2026-01", 4, 3, 10]
    assert by_position.iloc[-2].tolist() == ["2026-01", 4, 2, 10]


# ----------------------------------------------------------------------------- report.xlsx
def test_xlsx_has_the_campaign_and_grades_sheets(analysis, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_xlsx(analysis, tmp_path / "report.xlsx"))
    assert book.sheetnames[:3] == ["概览", "党建工作", "问题清单"]
    assert book.sheetnames[-2:] == ["分类定级", "未导入行"]
    values = [[c for c in row if c is not None] for row in book["党建工作"].iter_rows(values_only=True)]
    assert ["阵地建设"] in values and ["分类定级"] in values
    at = values.index(["达到“六有”的阵地", 1, 3, pytest.approx(1 / 3)])
    assert values[at - 2 : at] == [["指标", "数量", "总数", "占比"], ["阵地数", 3]]
    assert ["林山寨街道", 2, 1, 0, 1, 0] in values and ["合计", 3, 1, 0, 1, 1] in values
    share = book["党建工作"].cell(at + 1, 4)
    assert share.number_format == "0.0%"
    grades = [list(r) for r in book["分类定级"].iter_rows(values_only=True)]
    assert grades[0] == [
        "党组织编号",
        "党组织名称",
        "所属街道",
        "阵地达标",
        "组织生活正常",
        "书记已培训",
        "按期换届",
        "有指导员联系",
        "已结对共建",
        "组织类别相符",
        "未达标项数",
        "分类定级",
    ]
    assert grades[3] == ["P3", "第3支部", "建设路街道", "否", "否", "否", "是", "是", "是", "是", 3, "后进"]


def test_xlsx_in_english_names_the_new_sheets(analysis, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_xlsx(analysis, tmp_path / "report.xlsx", lang="en"))
    assert book.sheetnames[1] == "Party work" and "Grades" in book.sheetnames
    assert [r[-1] for r in book["Grades"].iter_rows(values_only=True)] == [
        "Grade",
        "advanced",
        "fair",
        "lagging",
    ]


def test_xlsx_says_what_is_not_kept_instead_of_zeros(bare, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_xlsx(bare, tmp_path / "report.xlsx"))
    values = [c for row in book["党建工作"].iter_rows(values_only=True) for c in row if c is not None]
    assert "台账没有阵地表（尚未记录），此项未统计。" in values
    assert not [v for v in values if isinstance(v, int | float)]  # no counts at all
    grades = [r[-1] for r in book["分类定级"].iter_rows(values_only=True)]
    assert grades == ["分类定级", None, None, None]


def test_grades_sheet_is_capped_like_every_table(analysis, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_xlsx(analysis, tmp_path / "report.xlsx", max_rows=2))
    assert book["分类定级"].max_row == 3
    notes = [c for row in book["概览"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "工作表“分类定级”仅含前 2 行（共 3 行），完整数据见 grades.csv。" in notes


# ----------------------------------------------------------------------------- report.html
def test_html_has_a_section_per_part_with_charts(analysis) -> None:
    page = render_html(analysis, diagram=False)
    for key in ("positions", "activity", "training", "honours", "grades"):
        assert f'<section id="campaign-{key}"' in page and f'href="#campaign-{key}"' in page
    assert page.count("<svg") == 4  # coverage, contacts, grades by street, activities per month
    assert "各街道党组织分类定级" in page and "近12个月组织生活次数" in page
    assert 'class="gk-card gk-card-count gk-metric-lagging"' in page
    assert "占 3 的 33.3%" in page
    assert "gk-missing" not in page


def test_html_says_what_is_not_kept(bare) -> None:
    page = render_html(bare, diagram=False)
    assert page.count('class="gk-note gk-missing"') == 5
    assert "台账没有组织生活表（尚未记录），此项未统计。" in page
    assert page.count("<svg") == 2  # no grades or activity chart


def test_html_in_english(analysis) -> None:
    page = render_html(analysis, lang="en", diagram=False, charts=False)
    assert "Organisations served by a position" in page and "1 of 3" not in page
    assert "33.3% of 3" in page


def test_jupyter_fragment_has_one_line_of_grades(analysis, bare) -> None:
    line = "分类定级（3个党组织）：先进1个　较好0个　一般1个　后进1个"
    assert line in render_context(fragment_context(analysis, lang="zh", max_rows=5, max_items=5))
    assert "分类定级" not in render_context(fragment_context(bare, lang="zh", max_rows=5, max_items=5))
    assert "先进1个" in analysis._repr_html_()


def test_write_outputs_writes_grades_once(analysis, tmp_path: Path) -> None:
    paths = write_outputs(analysis, tmp_path, diagram=False, charts=False)
    assert list(paths).count("grades.csv") == 1
    text = paths["grades.csv"].read_text(encoding="utf-8-sig").splitlines()
    assert text[0].startswith("party_org_id,name,street,position_ok") and len(text) == 4


# ----------------------------------------------------------------------------- charts
def test_grades_chart_puts_streets_with_lagging_organisations_on_top(analysis) -> None:
    table = analysis.grades_by_street
    ax = draw_grades_by_street(Figure().subplots(), table, lang="zh")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["林山寨街道", "建设路街道"]  # bottom to top
    bars = ax.patches
    assert [(b.get_width(), b.get_y() + b.get_height() / 2) for b in bars] == [
        (1, 0), (0, 1),  # 先进
        (0, 0), (0, 1),  # 较好
        (1, 0), (0, 1),  # 一般
        (0, 0), (1, 1),  # 后进
    ]  # fmt: skip
    colours = [mcolors.to_hex(b.get_facecolor()) for b in bars[::2]]
    assert colours == [GRADE_COLORS[g] for g in GRADES] == ["#1a9850", "#91cf60", "#fdae61", "#d73027"]
    assert [b.get_x() for b in bars[1::2]] == [0, 0, 0, 0]
    assert [t.get_text() for t in ax.texts] == ["后进 1"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["先进", "较好", "一般", "后进"]


def test_grades_chart_orders_by_lagging_then_fair() -> None:
    table = pd.DataFrame(
        {
            "street_id": ["S1", "S2", "S3", "S4"],
            "street": ["甲", "乙", None, "丁"],
            "advanced": [5, 0, 0, 1],
            "good": [5, 1, 1, 1],
            "fair": [0, 3, 1, 0],
            "lagging": [0, 1, 2, 0],
        }
    )
    ax = draw_grades_by_street(Figure().subplots(), table, lang="en")
    assert [t.get_text() for t in ax.get_yticklabels()][::-1] == ["S3", "乙", "甲", "丁"]
    assert [t.get_text() for t in ax.texts] == ["1 lagging", "2 lagging"]  # drawn bottom up


def test_activity_chart_bars_and_the_partial_month() -> None:
    months = pd.DataFrame({"month": ["2025-12", "2026-01", "2026-02"], "activities": [4, 0, 2]})
    ax = draw_activity_months(Figure().subplots(), months, lang="en")
    assert [b.get_height() for b in ax.patches] == [4, 0, 2]
    assert [mcolors.to_hex(b.get_facecolor()) for b in ax.patches] == ["#4a6fa5", "#4a6fa5", "#a9bcd8"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Dec\n2025", "Jan\n2026", "Feb"]
    assert ax.get_ylabel() == "Activities"


def test_chart_parts_draw_the_campaign_charts_only_when_there_is_something(analysis, bare) -> None:
    parts = chart_parts(analysis, lang="zh")
    assert parts["grades_chart"].startswith("<svg") and parts["activity_chart"].startswith("<svg")
    assert parts["grades_chart"] == chart_parts(analysis, lang="zh")["grades_chart"]  # same markup twice
    empty = chart_parts(bare, lang="zh")
    assert empty["grades_chart"] == "" and empty["activity_chart"] == ""
    no_grades = dataclasses.replace(analysis, summary={**analysis.summary, "grades": {}})
    assert chart_parts(no_grades, lang="zh")["grades_chart"] == ""
