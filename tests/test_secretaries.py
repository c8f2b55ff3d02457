"""``NO_SECRETARY`` and the secretary (书记) column: blank is a finding, no column is a check not run."""

import json

import pandas as pd
import pytest

from graphkit import Network, Settings
from graphkit.analysis import analyze, checks_not_run, secretary_findings
from graphkit.cli import main
from loaders import read_ledger, write_ledger

UNIT = "91350200776049653A"


def _ledger(folder, header=None, secretaries=()):
    """A ledger of one unit, one street and party organisations P1, P2, ... with ``header`` (or none)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "单位台账.csv").write_text(
        f"统一社会信用代码,单位名称,所属街道\n{UNIT},甲公司,S1\n", encoding="utf-8"
    )
    (folder / "街道.csv").write_text("编号,街道名称\nS1,林山寨街道\n", encoding="utf-8")
    head = "编号,党组织名称,党组织类别,组建方式,所属街道" + (f",{header}" if header else "")
    rows = [
        f"P{i},第{i}支部,党支部,单独组建,S1" + (f",{s}" if header else "")
        for i, s in enumerate(secretaries, 1)
    ]
    (folder / "党组织.csv").write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    return folder


def _codes(net):
    found = analyze(net, settings=Settings(as_of="2026-11-27")).findings
    return found.loc[found["code"] == "NO_SECRETARY", ["subject_id", "severity", "street"]].values.tolist()


@pytest.mark.parametrize("header", ["书记", "党组织书记", "支部书记", "secretary"])
def test_a_blank_secretary_is_a_finding_whatever_the_header(tmp_path, header):
    net = read_ledger(_ledger(tmp_path / "l", header, ["张伟", "", "王芳"]))
    assert net.party_orgs["secretary"].tolist()[::2] == ["张伟", "王芳"]
    assert net.has_column("PartyOrg", "secretary")
    assert _codes(net) == [["P2", "error", "林山寨街道"]]


def test_no_secretary_column_means_the_check_is_not_run(tmp_path):
    net = read_ledger(_ledger(tmp_path / "l", None, ["", "", ""]))
    assert not net.has_column("PartyOrg", "secretary")
    assert _codes(net) == []
    assert checks_not_run(net)["NO_SECRETARY"] == "party_orgs.secretary"


def test_a_column_with_every_cell_blank_flags_every_organisation(tmp_path):
    net = read_ledger(_ledger(tmp_path / "l", "书记", ["", " ", "\u3000"]))
    assert [row[0] for row in _codes(net)] == ["P1", "P2", "P3"]
    assert "NO_SECRETARY" not in checks_not_run(net)


def test_networks_built_in_python_have_the_columns_they_were_given():
    kept = Network.from_records(nodes={"PartyOrg": [{"id": "P1", "name": "甲", "secretary": None}]})
    bare = Network.from_records(nodes={"PartyOrg": [{"id": "P1", "name": "甲"}]})
    frame = Network({"PartyOrg": pd.DataFrame({"name": ["甲"], "secretary": [pd.NA]}, index=["P1"])})
    assert [len(secretary_findings(n)) for n in (kept, bare, frame)] == [1, 0, 1]
    # what the network keeps survives copying, removing nodes, networkx and pickling
    import pickle

    for net in (kept, bare):
        for other in (net.copy(), net.without(["X"]), Network.from_networkx(net.to_networkx())):
            assert other.has_column("PartyOrg", "secretary") == net.has_column("PartyOrg", "secretary")
        assert pickle.loads(pickle.dumps(net)).source_columns == net.source_columns


def test_written_ledgers_keep_the_difference(tmp_path):
    org = {"level": "branch", "form": "own"}
    unit = {"Unit": [{"id": UNIT, "name": "甲公司"}]}
    kept = Network.from_records(
        nodes={
            "PartyOrg": [
                {"id": "P1", "name": "甲支部", "secretary": None, **org},
                {"id": "P2", "name": "乙支部", **org},
            ]
        }
        | unit
    )
    bare = Network.from_records(nodes={"PartyOrg": [{"id": "P1", "name": "甲支部", **org}]} | unit)
    write_ledger(kept, tmp_path / "kept", format="csv")
    write_ledger(bare, tmp_path / "bare", format="csv")
    assert read_ledger(tmp_path / "kept").has_column("PartyOrg", "secretary")
    assert [len(secretary_findings(read_ledger(tmp_path / p))) for p in ("kept", "bare")] == [2, 0]
    assert not read_ledger(tmp_path / "bare").has_column("PartyOrg", "secretary")


def test_analyze_command_says_which_checks_did_not_run(tmp_path, capsys):
    ledger = _ledger(tmp_path / "l", None, ["", ""])
    out = tmp_path / "out"
    assert main(["analyze", str(ledger), "--out", str(out), "--as-of", "2026-11-27"]) == 0
    printed = capsys.readouterr().out
    (line,) = [s for s in printed.splitlines() if s.startswith("未运行的检查（台账没有所需的表或列）：")]
    assert "NO_SECRETARY (party_orgs.secretary)" in line
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["not_run"]["NO_SECRETARY"] == "party_orgs.secretary"
    ledger = _ledger(tmp_path / "k", "书记", ["张伟", ""])
    assert main(["analyze", str(ledger), "--out", str(out), "--as-of", "2026-11-27", "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    (line,) = [s for s in printed.splitlines() if s.startswith("Checks not run")]
    assert "NO_SECRETARY (" not in line and "NO_SECRETARY" in printed
    # a ledger that keeps every campaign table and column runs every check
    for name, head in (
        ("阵地", "编号,阵地名称"),
        ("组织生活", "党组织,日期"),
        ("走访记录", "指导员,走访对象,走访日期"),
        ("培训记录", "姓名,培训类型,培训日期"),
        ("评选挂牌", "对象,类别"),
    ):
        (ledger / f"{name}.csv").write_text(head + "\n", encoding="utf-8")
    orgs = ledger / "党组织.csv"
    lines = orgs.read_text(encoding="utf-8").splitlines()
    lines = [lines[0] + ",清晰思路,管用载体,规范制度,浓厚氛围", *(row + ",是,是,是,是" for row in lines[1:])]
    orgs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["analyze", str(ledger), "--out", str(out), "--as-of", "2026-11-27", "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "not run" not in printed
    assert "Grades of 2 party organisations: 0 advanced, 0 good, 0 fair, 2 lagging" in printed
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["not_run"] == {}


def test_report_page_says_which_checks_did_not_run(tmp_path):
    from graphkit.report.html import render_html

    bare = analyze(
        read_ledger(_ledger(tmp_path / "l", None, ["", ""])), settings=Settings(as_of="2026-11-27")
    )
    page = render_html(bare, diagram=False, charts=False)
    assert '<p class="gk-note" id="not-run">未运行的检查（台账没有所需的表或列，尚未记录）：' in page
    assert "NO_SECRETARY (party_orgs.secretary)" in page
    kept = analyze(
        read_ledger(_ledger(tmp_path / "k", "书记", ["张伟"])), settings=Settings(as_of="2026-11-27")
    )
    assert "NO_SECRETARY (" not in render_html(kept, diagram=False, charts=False, lang="en")


def test_report_workbook_overview_says_which_checks_did_not_run(tmp_path):
    import openpyxl

    from graphkit.report.xlsx import write_xlsx

    bare = analyze(
        read_ledger(_ledger(tmp_path / "l", None, ["", ""])), settings=Settings(as_of="2026-11-27")
    )
    sheet = openpyxl.load_workbook(write_xlsx(bare, tmp_path / "report.xlsx", lang="en")).worksheets[0]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    head = "Checks not run (the ledger has no table or column for them yet): "
    (note,) = [c for c in cells if c.startswith(head)]
    assert "NO_SECRETARY (party_orgs.secretary)" in note
