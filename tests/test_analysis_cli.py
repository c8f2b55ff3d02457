import json

import pandas as pd
import pytest

import graphkit.datasets
import loaders
from graphkit.cli import main


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    path = tmp_path_factory.mktemp("ledger") / "台账.xlsx"
    loaders.write_ledger(graphkit.datasets.tiny(), path)
    return path


@pytest.fixture(scope="module")
def csv_ledger(tmp_path_factory):
    folder = tmp_path_factory.mktemp("csv") / "ledger"
    loaders.write_ledger(graphkit.datasets.tiny(), folder, format="csv")
    return folder


def read(out, name):
    return pd.read_csv(out / name, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_analyze_writes_outputs_and_prints_rates(ledger, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["analyze", str(ledger), "--out", str(out), "--as-of", "2026-11-27"]) == 0
    printed = capsys.readouterr().out
    assert "已分析10家单位（截至2026-11-27）" in printed
    assert "组织覆盖率 60.0%" in printed
    assert (out / "coverage.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    coverage = read(out, "coverage.csv")
    assert list(coverage.columns) == [
        "unit_id",
        "name",
        "kind",
        "street",
        "party_members",
        "status",
        "party_org_id",
    ]
    assert dict(zip(coverage["unit_id"], coverage["status"], strict=True)) == {
        "U01": "own_org",
        "U02": "own_org",
        "U03": "joint_org",
        "U04": "joint_org",
        "U05": "joint_org",
        "U06": "own_org",
        "U07": "work_only",
        "U08": "work_only",
        "U09": "uncovered",
        "U10": "uncovered",
    }
    findings = read(out, "findings.csv")
    pairs = set(zip(findings["code"], findings["subject_id"], strict=True))
    assert {("TERM_EXPIRED", "P1"), ("TERM_EXPIRING", "P2"), ("ATTRIBUTION_MISMATCH", "P3")} <= pairs
    assert ("OVERLOADED_INSTRUCTOR", "I1") not in pairs
    instructors = read(out, "instructors.csv")
    assert instructors.loc[0, "phone"] == "138****0001"  # masked by default
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["rates"]["work_coverage"] == 0.8


def test_set_toml_and_as_of_change_results(csv_ledger, tmp_path, capsys):
    config = tmp_path / "rules.toml"
    config.write_text(
        "[settings]\nmax_contacts_per_instructor = 1\nterm_warning_days = 30\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    args = ["analyze", str(csv_ledger), "--out", str(out), "--config", str(config), "--lang", "en"]
    assert main([*args, "--as-of", "2026-06-30", "--set", "joint_branch_max_units=2"]) == 0
    findings = read(out, "findings.csv")
    pairs = set(zip(findings["code"], findings["subject_id"], strict=True))
    assert ("OVERLOADED_INSTRUCTOR", "I1") in pairs  # from the TOML file
    assert ("JOINT_ORG_TOO_LARGE", "P2") in pairs  # from --set
    # as of 2026-06-30 with a 30-day warning: P1 ends that day, P2 is far away
    assert {p for p in pairs if p[0].startswith("TERM_")} == {("TERM_EXPIRING", "P1")}
    detail = findings.set_index("code").loc["TERM_EXPIRING", "detail"]
    assert detail == "Term ends on 2026-06-30 (in 0 days): prepare the election"
    assert "Analysed 10 units (as of 2026-06-30)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--set", "no_such_rule=1"], "unknown setting 'no_such_rule'"),
        (["--set", "max_contacts_per_instructor=many"], "expected a whole number, got 'many'"),
        (
            ["--set", "max_units_per_instructor=10"],
            "--set: max_units_per_instructor was the old reach-based limit and is no longer a setting; "
            "workload is now counted in contacts (distinct units, party organisations and carriers "
            "assigned): use max_contacts_per_instructor (default 8)",
        ),
        (["--as-of", "27/11/2026"], "--as-of '27/11/2026': expected a date YYYY-MM-DD"),
        (["--without", "I9"], "no instructor, liaison or party organisation has the id I9"),
    ],
)
def test_bad_settings_exit_2_with_one_message(ledger, tmp_path, capsys, extra, message):
    assert main(["analyze", str(ledger), "--out", str(tmp_path / "o"), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("graphkit analyze: ")
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_the_old_reach_limit_in_a_toml_file_exits_2_naming_the_new_one(ledger, tmp_path, capsys):
    config = tmp_path / "rules.toml"
    config.write_text("[settings]\nmax_units_per_instructor = 15\n", encoding="utf-8")
    assert main(["analyze", str(ledger), "--out", str(tmp_path / "o"), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"graphkit analyze: {config}: max_units_per_instructor was the old reach-based limit"
    )
    assert "use max_contacts_per_instructor (default 8)" in err
    assert len(err.strip().splitlines()) == 1


def test_unusable_ledger_exits_2(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "missing.xlsx"), "--out", str(tmp_path / "o")]) == 2
    assert "missing.xlsx" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["analyze", str(empty), "--out", str(tmp_path / "o")]) == 2
    assert "no units table found" in capsys.readouterr().err


def test_without_reports_lost_units(ledger, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["analyze", str(ledger), "--out", str(out), "--without", "P2", "I1", "--show-contacts"]) == 0
    assert "去掉 P2, I1 后，4家单位失去覆盖" in capsys.readouterr().out
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert sorted(r["unit_id"] for r in summary["without"]) == ["U03", "U04", "U05", "U07"]
    assert read(out, "instructors.csv")["phone"].tolist() == ["13800000002", "13800000003"]


def test_out_must_be_a_folder(ledger, tmp_path, capsys):
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    assert main(["analyze", str(ledger), "--out", str(target)]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err
