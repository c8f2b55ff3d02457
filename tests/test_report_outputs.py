"""The output folder of ``write_outputs``: every file, exact CSV columns and values, masked phones."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from graphkit.findings import FINDING_COLUMNS
from graphkit.model import REJECT_COLUMNS
from graphkit.report import COVERAGE_CSV_COLUMNS, INSTRUCTOR_CSV_COLUMNS, example_analysis, write_outputs
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
        "grades.csv",
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
    assert header(outputs["grades.csv"]) == [
        "party_org_id",
        "name",
        "street",
        "position_ok",
        "active",
        "secretary_trained",
        "term_ok",
        "instructor_reached",
        "paired",
        "level_ok",
        "fails",
        "grade",
    ]
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


def test_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="expected 'zh' or 'en', got 'fr'"):
        write_outputs(example_analysis(), tmp_path, lang="fr")


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
