"""Output files and reports: exact columns, languages, offline HTML, masked phones."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from graphkit.findings import CODES, FINDING_COLUMNS, concat_findings, make_findings
from graphkit.model import REJECT_COLUMNS
from graphkit.report import (
    COVERAGE_CSV_COLUMNS,
    INSTRUCTOR_CSV_COLUMNS,
    Report,
    analysis_repr_html,
    example_analysis,
    render_html,
    write_outputs,
    write_xlsx,
)
from graphkit.settings import Settings

PHONE = "13812345678"
MASKED = "138****5678"

#: a reference that would make a browser fetch something from elsewhere
REMOTE = re.compile(
    r"""(?:\b(?:src|href|srcset|action|data|poster|xlink:href)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_outputs(example_analysis(), tmp_path_factory.mktemp("out"), diagram=False)  # with charts


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def header(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")


# ----------------------------------------------------------------------------- files
def test_every_output_file_is_written(outputs: dict[str, Path]) -> None:
    assert sorted(outputs) == [
        "coverage.csv",
        "findings.csv",
        "instructors.csv",
        "pairings.csv",
        "proposals.csv",
        "rejects.csv",
        "report.html",
        "report.xlsx",
        "resilience.csv",
        "summary.json",
    ]
    assert all(p.is_file() and p.stat().st_size > 0 for p in outputs.values())


def test_csv_files_start_with_a_byte_order_mark(outputs: dict[str, Path]) -> None:
    for name, path in outputs.items():
        if name.endswith(".csv"):
            assert path.read_bytes()[:3] == b"\xef\xbb\xbf", name


def test_csv_columns_are_the_contract(outputs: dict[str, Path]) -> None:
    assert header(outputs["findings.csv"]) == FINDING_COLUMNS
    assert header(outputs["coverage.csv"]) == COVERAGE_CSV_COLUMNS
    assert header(outputs["instructors.csv"]) == [*INSTRUCTOR_CSV_COLUMNS, "street", "phone"]
    assert header(outputs["pairings.csv"]) == [
        "organ_branch_id",
        "organ_branch_name",
        "department_id",
        "department_name",
        "party_org_id",
        "party_org_name",
        "since",
    ]
    assert header(outputs["proposals.csv"]) == [
        "proposal",
        "group",
        "subject_kind",
        "subject_id",
        "subject_name",
        "from_id",
        "from_name",
        "to_id",
        "to_name",
        "street",
        "detail",
    ]
    assert header(outputs["resilience.csv"]) == [
        "subject_kind",
        "subject_id",
        "name",
        "units_lost_org",
        "units_lost_work",
        "units_lost_total",
    ]
    assert header(outputs["rejects.csv"]) == REJECT_COLUMNS


def test_csv_values_stay_canonical(outputs: dict[str, Path]) -> None:
    coverage = read_csv(outputs["coverage.csv"])
    assert coverage.values.tolist() == [
        ["U1", "甲公司", "enterprise", "林山寨街道", "5", "own_org", "P1"],
        ["U2", "乙公司", "enterprise", "林山寨街道", "1", "joint_org", "P2"],
        ["U3", "丙协会", "social_org", "建设路街道", "0", "work_only", ""],
        ["U4", "丁公司", "enterprise", "建设路街道", "2", "uncovered", ""],
    ]
    findings = read_csv(outputs["findings.csv"])
    assert findings["code"].tolist() == ["UNCOVERED", "MEMBERS_WITHOUT_ORG", "UNPAIRED_ORG", "UNPAIRED_ORG"]
    assert findings["severity"].tolist() == ["error", "error", "info", "info"]
    instructors = read_csv(outputs["instructors.csv"])
    assert instructors.values.tolist() == [["I1", "张伟", "1", "1", "False", "建设路街道", MASKED]]


def test_summary_json_is_the_summary(outputs: dict[str, Path]) -> None:
    data = json.loads(outputs["summary.json"].read_text(encoding="utf-8"))
    assert data == example_analysis().summary
    assert "林山寨街道" in outputs["summary.json"].read_text(encoding="utf-8")  # not \u escapes


def test_unit_ids_that_look_numeric_stay_text(tmp_path: Path) -> None:
    analysis = example_analysis()
    analysis = dataclasses.replace(
        analysis, coverage=analysis.coverage.rename(index={"U1": "000123456789012345"})
    )
    paths = write_outputs(analysis, tmp_path, diagram=False, charts=False)
    assert read_csv(paths["coverage.csv"]).loc[0, "unit_id"] == "000123456789012345"
    sheet = openpyxl.load_workbook(paths["report.xlsx"])["覆盖情况"]
    assert sheet["A2"].value == "000123456789012345"
    assert sheet["A2"].data_type == "s"


def test_without_table_is_written_when_the_analysis_has_one(tmp_path: Path) -> None:
    analysis = example_analysis()
    analysis = dataclasses.replace(
        analysis,
        summary={
            **analysis.summary,
            "without_ids": ["I1"],
            "without": [
                {
                    "unit_id": "U3",
                    "name": "丙协会",
                    "street": "建设路街道",
                    "status_before": "work_only",
                    "status_after": "uncovered",
                    "lost": "work",
                }
            ],
        },
    )
    paths = write_outputs(analysis, tmp_path, diagram=False, charts=False)
    assert read_csv(paths["without.csv"]).values.tolist() == [
        ["U3", "丙协会", "建设路街道", "work_only", "uncovered", "work"]
    ]
    page = paths["report.html"].read_text(encoding="utf-8")
    assert "移除 I1 后覆盖状态变差的单位。" in page


# ----------------------------------------------------------------------------- privacy
def test_phones_are_masked_by_default_everywhere(outputs: dict[str, Path]) -> None:
    for name, path in outputs.items():
        if name.endswith(".xlsx"):
            book = openpyxl.load_workbook(path)
            text = " ".join(str(c.value) for ws in book for row in ws.iter_rows() for c in row)
        else:
            text = path.read_text(encoding="utf-8-sig")
        assert PHONE not in text, name
    assert MASKED in outputs["instructors.csv"].read_text(encoding="utf-8-sig")


def test_phones_are_shown_on_request(tmp_path: Path) -> None:
    paths = write_outputs(example_analysis(), tmp_path, show_contacts=True, diagram=False, charts=False)
    assert read_csv(paths["instructors.csv"]).loc[0, "phone"] == PHONE
    assert PHONE in paths["report.html"].read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- xlsx
def test_xlsx_is_chinese_by_default(outputs: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(outputs["report.xlsx"])
    assert book.sheetnames == [
        "概览",
        "问题清单",
        "覆盖情况",
        "党建指导员",
        "结对共建",
        "工作建议",
        "关键节点",
        "未导入行",
    ]
    coverage = book["覆盖情况"]
    rows = [[c.value for c in row] for row in coverage.iter_rows()]
    assert rows[0] == [
        "统一社会信用代码",
        "单位名称",
        "单位类型",
        "所属街道",
        "正式党员数",
        "覆盖状态",
        "所在党组织编号",
    ]
    assert rows[1] == ["U1", "甲公司", "企业", "林山寨街道", 5, "单独组建", "P1"]
    assert rows[4] == ["U4", "丁公司", "企业", "建设路街道", 2, "未覆盖", None]
    findings = [[c.value for c in row] for row in book["问题清单"].iter_rows(max_row=2)]
    assert findings[0] == [
        "问题代码",
        "问题",
        "严重程度",
        "对象类型",
        "对象编号",
        "对象名称",
        "所属街道",
        "说明",
    ]
    assert findings[1] == ["UNCOVERED", "无覆盖单位", "错误", "单位", "U4", "丁公司", "建设路街道", "无覆盖"]
    instructors = [c.value for c in next(book["党建指导员"].iter_rows(min_row=2))]
    assert instructors == ["I1", "张伟", 1, 1, "否", "建设路街道", MASKED]


def test_xlsx_sheets_are_frozen_filtered_and_bold(outputs: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(outputs["report.xlsx"])["覆盖情况"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:G5"
    assert sheet["A1"].font.b
    assert sheet.column_dimensions["A"].width >= len("统一社会信用代码") * 2


def test_xlsx_overview_has_rates_as_percentages(outputs: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(outputs["report.xlsx"])["概览"]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=5, max_row=9)}
    assert [cells[k].value for k in ("组织覆盖率", "单独组建率", "工作覆盖率")] == [0.5, 0.25, 0.75]
    assert cells["组织覆盖率"].number_format == "0.0%"
    assert cells["单位总数"].value == 4
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    street_header = values.index(
        [
            "街道编号",
            "街道",
            "单位数",
            "单独组建",
            "联合组建",
            "仅工作覆盖",
            "未覆盖",
            "组织覆盖率",
            "单独组建率",
            "工作覆盖率",
        ]
    )
    assert values[street_header + 1] == ["S1", "林山寨街道", 2, 1, 1, 0, 0, 1, 0.5, 1]
    assert values[street_header + 3][1:10] == ["合计", 4, 1, 1, 1, 1, 0.5, 0.25, 0.75]


def test_xlsx_in_english(tmp_path: Path) -> None:
    path = write_xlsx(example_analysis(), tmp_path / "report.xlsx", lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "Overview",
        "Findings",
        "Coverage",
        "Instructors",
        "Pairings",
        "Proposals",
        "Key nodes",
        "Rejected rows",
    ]
    rows = [[c.value for c in row] for row in book["Coverage"].iter_rows(max_row=2)]
    assert rows == [
        [
            "Unit id",
            "Unit name",
            "Unit kind",
            "Street",
            "Full members",
            "Coverage status",
            "Party organisation id",
        ],
        ["U1", "甲公司", "enterprise", "林山寨街道", 5, "own organisation", "P1"],
    ]


def test_xlsx_cuts_long_tables_and_says_so(tmp_path: Path) -> None:
    path = write_xlsx(example_analysis(), tmp_path / "report.xlsx", max_rows=2)
    book = openpyxl.load_workbook(path)
    assert book["覆盖情况"].max_row == 3
    notes = [c.value for row in book["概览"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "工作表“覆盖情况”仅含前 2 行（共 4 行），完整数据见 coverage.csv。" in notes


# ----------------------------------------------------------------------------- html
def test_html_loads_nothing_from_the_network(outputs: dict[str, Path]) -> None:
    page = outputs["report.html"].read_text(encoding="utf-8")
    assert not REMOTE.search(page)
    assert "http" not in page  # not even namespace identifiers in our own markup
    assert page.count("<svg") == 2  # both charts inline


def test_html_shows_rates_and_every_finding_code(outputs: dict[str, Path]) -> None:
    page = outputs["report.html"].read_text(encoding="utf-8")
    for text in ("组织覆盖率", "单独组建率", "工作覆盖率", "50.0%", "25.0%", "75.0%"):
        assert text in page
    for code in ("UNCOVERED", "MEMBERS_WITHOUT_ORG", "UNPAIRED_ORG"):
        assert f'id="finding-{code}"' in page
    assert page.count('<details class="gk-finding"') == 3
    assert "林山寨街道" in page and "与丁公司联合组建党支部" in page


def test_html_caps_long_finding_lists(tmp_path: Path) -> None:
    analysis = example_analysis()
    ids = [f"U{i}" for i in range(10, 15)]
    analysis = dataclasses.replace(
        analysis,
        findings=concat_findings(
            [analysis.findings, make_findings("UNCOVERED", "Unit", ids, [f"单位{i}" for i in ids])]
        ),
    )
    page = render_html(analysis, diagram=False, charts=False, max_items=2)
    assert "以及另外 4 条（完整清单见 findings.csv）" in page
    assert "单位U10" in page and "单位U14" not in page


def test_html_caps_long_tables(tmp_path: Path) -> None:
    page = render_html(example_analysis(), diagram=False, charts=False, max_rows=1)
    assert "仅显示前 1 行，共 2 行；完整数据见 proposals.csv。" in page


def test_html_escapes_names(tmp_path: Path) -> None:
    analysis = example_analysis()
    analysis = dataclasses.replace(
        analysis, findings=make_findings("UNCOVERED", "Unit", ["U9"], ["<script>alert(1)</script>"])
    )
    page = render_html(analysis, diagram=False, charts=False)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_html_in_english() -> None:
    page = render_html(example_analysis(), lang="en", diagram=False)
    assert '<html lang="en">' in page
    for text in (
        "Organisational coverage",
        "Own-organisation rate",
        "Work coverage",
        "Unit with no coverage",
    ):
        assert text in page
    assert "组织覆盖率" not in page


def test_html_embeds_the_interactive_diagram_offline() -> None:
    interactive = pytest.importorskip("graphkit.draw.interactive")
    if not hasattr(interactive, "interactive_html"):
        pytest.skip("graphkit.draw.interactive has no interactive_html yet")
    page = render_html(example_analysis(), charts=False)
    match = re.search(r'<iframe class="gk-diagram"[^>]* srcdoc="([^"]*)"', page)
    assert match is not None
    inner = html.unescape(match.group(1))
    assert inner.lstrip().lower().startswith("<!doctype html")
    assert not REMOTE.search(inner)


def test_html_is_the_same_bytes_when_written_twice(tmp_path: Path) -> None:
    import base64
    import io

    from fontTools.ttLib import TTFont

    from graphkit.fonts import bundled_font_path, font_subset

    pages = []
    for run in ("a", "b"):
        font_subset.cache_clear()  # the glyphs are subset anew for each page
        paths = write_outputs(example_analysis(), tmp_path / run, charts=False)
        pages.append(paths["report.html"].read_bytes())
    assert pages[0] == pages[1]
    # the embedded glyphs carry the bundled font's own time, not the time of writing
    fonts = re.findall(rb"data:font/ttf;base64,([A-Za-z0-9+/=]+)", pages[0])
    assert fonts
    with TTFont(bundled_font_path(), lazy=True) as bundled:
        modified = bundled["head"].modified
    for data in fonts:
        with TTFont(io.BytesIO(base64.b64decode(data))) as font:
            assert font["head"].modified == modified


# ----------------------------------------------------------------------------- jupyter
def test_report_displays_in_jupyter_and_saves(tmp_path: Path) -> None:
    report = Report(example_analysis())
    fragment = report._repr_html_()
    assert fragment.startswith('<div class="gk-report">')
    for text in ("组织覆盖率", "50.0%", "无覆盖单位", "林山寨街道"):
        assert text in fragment
    assert "<script" not in fragment and "<iframe" not in fragment
    assert (
        repr(report)
        == "<Report: 4 units, 4 findings, org_coverage=50.0%, own_rate=25.0%, work_coverage=75.0%>"
    )
    assert sorted(report.save(tmp_path)) == sorted(p.name for p in tmp_path.iterdir())


def test_analysis_repr_follows_the_settings_language() -> None:
    base = example_analysis()
    analysis = dataclasses.replace(base, settings=dataclasses.replace(base.settings, lang="en"))
    assert "Organisational coverage" in analysis_repr_html(analysis)


def test_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="expected 'zh' or 'en', got 'fr'"):
        write_outputs(example_analysis(), tmp_path, lang="fr")


def test_every_code_has_both_titles() -> None:
    assert all(zh and en for _, zh, en in CODES.values())


# ----------------------------------------------------------------------------- real analysis
def test_outputs_of_a_real_analysis(tmp_path: Path) -> None:
    import graphkit.datasets
    from graphkit.analysis import analyze

    analysis = analyze(graphkit.datasets.tiny(), settings=Settings(as_of=dt.date(2026, 11, 27)))
    paths = write_outputs(analysis, tmp_path, diagram=False, charts=False)
    coverage = read_csv(paths["coverage.csv"])
    assert list(coverage.columns) == COVERAGE_CSV_COLUMNS
    assert coverage["status"].value_counts().to_dict() == {
        "own_org": 3,
        "joint_org": 3,
        "work_only": 2,
        "uncovered": 2,
    }
    page = paths["report.html"].read_text(encoding="utf-8")
    codes = set(analysis.findings["code"])
    assert {f'id="finding-{code}"' for code in codes} <= set(re.findall(r'id="finding-[A-Z_]+"', page))
    assert page.count('<details class="gk-finding"') == len(codes)
    assert not REMOTE.search(page)


def test_what_if_of_a_real_analysis_names_the_removed_ids(tmp_path: Path) -> None:
    import graphkit.datasets
    from graphkit.analysis import analyze

    analysis = analyze(graphkit.datasets.tiny(), without=["L1"])
    paths = write_outputs(analysis, tmp_path, diagram=False, charts=False)
    lost = read_csv(paths["without.csv"])
    assert lost.values.tolist() == [["U08", "庚培训学校", "林山寨街道", "work_only", "uncovered", "work"]]
    assert "移除 L1 后覆盖状态变差的单位。" in paths["report.html"].read_text(encoding="utf-8")


def test_an_empty_network_still_gives_every_file(tmp_path: Path) -> None:
    from graphkit import Network
    from graphkit.analysis import analyze

    paths = write_outputs(analyze(Network()), tmp_path, diagram=False)
    assert header(paths["coverage.csv"]) == COVERAGE_CSV_COLUMNS
    assert len(read_csv(paths["coverage.csv"])) == 0
    page = paths["report.html"].read_text(encoding="utf-8")
    assert "未发现问题。" in page and "<svg" not in page
    assert page.count("—") >= 3  # the three rates are undefined, not 0%
