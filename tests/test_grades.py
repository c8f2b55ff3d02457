"""Grades (分类定级): the seven criteria, each grade's boundary, missing tables, ORG_LAGGING, outputs."""

import json

import pandas as pd
import pytest

from graphkit import Settings
from graphkit.analysis import analyze, grade_findings, grades
from graphkit.results import GRADE_COLUMNS, empty_grades
from tests.campaign_nets import AS_OF, SETTINGS, graded_network

CRITERIA = [
    "position_ok",
    "active",
    "secretary_trained",
    "term_ok",
    "instructor_reached",
    "paired",
    "level_ok",
]


def test_every_criterion_fails_on_its_own_and_passes_otherwise():
    fails = {f"P{i}": {c} for i, c in enumerate(CRITERIA, 2)}  # P1 passes everything
    table = grades(graded_network(8, fails=fails), settings=SETTINGS)
    assert list(table.columns) == GRADE_COLUMNS
    assert table.index.name == "party_org_id"
    assert table.loc["P1", CRITERIA].tolist() == [True] * 7
    for pid, (criterion,) in fails.items():
        row = table.loc[pid]
        assert [c for c in CRITERIA if not row[c]] == [criterion], pid
        assert row["fails"] == 1
    assert table["street"].unique().tolist() == ["林山寨街道"]
    # analyze takes the criteria from its own findings: the same answer as working them out
    net = graded_network(8, fails=fails)
    pd.testing.assert_frame_equal(analyze(net, settings=SETTINGS).grades, grades(net, settings=SETTINGS))


def test_grade_boundaries():
    net = graded_network(
        6,
        fails={"P4": {"paired"}, "P5": {"paired", "active"}, "P6": {"paired", "active", "level_ok"}},
        demo={"P1"},
        honours=[("P2", "advanced_org", "valid"), ("P3", "advanced_org", "revoked")],
    )
    table = grades(net, settings=SETTINGS)
    # all pass + demonstration site / valid honour: advanced; all pass: good (a revoked honour is not held);
    # 1..2 fails: fair; 3: lagging
    assert table["grade"].tolist() == ["advanced", "advanced", "good", "fair", "fair", "lagging"]
    assert table["fails"].tolist() == [0, 0, 0, 1, 2, 3]
    stricter = grades(net, settings=Settings(as_of=AS_OF, grade_fair_max_fails=1))
    assert stricter["grade"].tolist() == ["advanced", "advanced", "good", "fair", "lagging", "lagging"]
    # a failed demonstration site is graded like any other
    assert grades(graded_network(1, fails={"P1": {"paired"}}, demo={"P1"}), settings=SETTINGS)[
        "grade"
    ].tolist() == ["fair"]


def test_org_lagging_names_the_failed_criteria():
    net = graded_network(2, fails={"P2": {"paired", "active", "level_ok", "term_ok"}})
    found = grade_findings(net, settings=SETTINGS)
    assert found[["code", "severity", "subject_kind", "subject_id", "street"]].values.tolist() == [
        ["ORG_LAGGING", "info", "PartyOrg", "P2", "林山寨街道"]
    ]
    assert (
        found.loc[0, "detail"]
        == "分类定级为后进：4项未达标（近期无组织生活、到期未换届、未结对共建、组织类别与党员数不符）"
    )
    en = grade_findings(net, settings=Settings(as_of=AS_OF, lang="en"))
    assert en.loc[0, "detail"] == (
        "Graded lagging: 4 criteria failed "
        "(no recent activity, term expired, not paired, level does not fit members)"
    )


@pytest.mark.parametrize(
    ("table", "criterion"),
    [("positions", "position_ok"), ("activities", "active"), ("trainings", "secretary_trained")],
)
def test_a_missing_table_leaves_its_criterion_and_every_grade_blank(table, criterion):
    net = graded_network(2, fails={"P2": {"paired", "term_ok", "level_ok"}}, drop_tables={table})
    got = grades(net, settings=SETTINGS)
    assert got[criterion].isna().all()
    assert got["grade"].isna().all()
    assert got["fails"].tolist() == [0, 3]  # what could be assessed is still counted
    analysis = analyze(net, settings=SETTINGS)
    assert "ORG_LAGGING" not in set(analysis.findings["code"])
    assert analysis.summary["grades"] == {}
    assert analysis.summary["not_run"]["ORG_LAGGING"] == table


def test_missing_honours_table_or_secretary_column_means_no_grades():
    net = graded_network(1, drop_tables={"honours"})
    assert grades(net, settings=SETTINGS)["grade"].isna().all()
    assert analyze(net, settings=SETTINGS).summary["not_run"]["ORG_LAGGING"] == "honours"


def test_analysis_carries_the_grades_and_the_summary_counts_them_by_street():
    net = graded_network(3, fails={"P3": {"paired", "active", "level_ok"}}, demo={"P1"})
    analysis = analyze(net, settings=SETTINGS)
    assert analysis.grades["grade"].tolist() == ["advanced", "good", "lagging"]
    assert analysis.summary["grades"] == {"advanced": 1, "good": 1, "fair": 0, "lagging": 1}
    assert analysis.summary["grades_by_street"] == [
        {
            "street_id": "S1",
            "street": "林山寨街道",
            "party_orgs": 3,
            "advanced": 1,
            "good": 1,
            "fair": 0,
            "lagging": 1,
        }
    ]
    assert analysis.grades_by_street["lagging"].tolist() == [1]
    assert analysis.findings.loc[analysis.findings["code"] == "ORG_LAGGING", "subject_id"].tolist() == ["P3"]
    json.dumps(analysis.summary)


def test_an_analysis_built_elsewhere_has_empty_grades():
    frame = empty_grades()
    assert list(frame.columns) == GRADE_COLUMNS and len(frame) == 0
    assert frame["position_ok"].dtype == "boolean"


def test_cli_writes_grades_csv(tmp_path, capsys):
    from graphkit.cli import main
    from loaders.writer import write_ledger

    net = graded_network(2, fails={"P2": {"paired", "active", "level_ok"}}, demo={"P1"})
    ledger = tmp_path / "ledger"
    write_ledger(net, ledger, format="csv")
    out = tmp_path / "out"
    assert main(["analyze", str(ledger), "--out", str(out), "--as-of", AS_OF]) == 0
    printed = capsys.readouterr().out
    assert "分类定级（2个党组织）：先进1个　较好0个　一般0个　后进1个" in printed
    text = (out / "grades.csv").read_text(encoding="utf-8-sig").splitlines()
    assert text[0] == (
        "party_org_id,name,street,position_ok,active,secretary_trained,term_ok,instructor_reached,paired,"
        "level_ok,fails,grade"
    )
    table = pd.read_csv(out / "grades.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert table.values.tolist() == [
        [
            "P1",
            "第1支部",
            "林山寨街道",
            "True",
            "True",
            "True",
            "True",
            "True",
            "True",
            "True",
            "0",
            "advanced",
        ],
        [
            "P2",
            "第2支部",
            "林山寨街道",
            "True",
            "False",
            "True",
            "True",
            "True",
            "False",
            "False",
            "3",
            "lagging",
        ],
    ]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["grades"] == {"advanced": 1, "good": 0, "fair": 0, "lagging": 1}
