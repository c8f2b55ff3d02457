import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest

import graphkit as gk
import loaders
from graphkit.cli import main
from graphkit.report.monthly import write_comparison

FILES = [
    "changes.csv",
    "status_changes.csv",
    "findings_delta.csv",
    "streets.csv",
    "monthly.xlsx",
    "monthly.html",
    "trend.png",
]


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory):
    """tiny() as a workbook named by its month (October) and as a CSV folder (November) without
    liaison L1, so that 庚培训学校 (U08) loses its work coverage."""
    folder = tmp_path_factory.mktemp("snapshots")
    net = gk.datasets.tiny()
    october = folder / "台账2026年10月.xlsx"
    november = folder / "2026-11"
    loaders.write_ledger(net, october)
    loaders.write_ledger(net.without(["L1"]), november, format="csv")
    return october, november


def read(out, name):
    return pd.read_csv(out / name, encoding="utf-8-sig", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def outputs(snapshots, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    october, november = snapshots
    code = main(["compare", str(november), str(october), "--out", str(out), "--jobs", "1"])
    return code, out


def test_compare_writes_every_file(outputs, capsys):
    code, out = outputs
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    changes = read(out, "changes.csv")
    assert list(changes.columns) == [
        "table",
        "id",
        "name",
        "street",
        "change",
        "column",
        "old",
        "new",
        "from",
        "to",
    ]
    # a ledger written and read back compares equal but for what was taken away
    assert changes[["table", "id", "change"]].to_numpy().tolist() == [
        ["liaisons", "L1", "removed"],
        ["assignments", "L1→U08", "removed"],
    ]
    moves = read(out, "status_changes.csv")
    assert moves[["unit_id", "old_status", "new_status", "from", "to"]].to_numpy().tolist() == [
        ["U08", "work_only", "uncovered", "2026-10-31", "2026-11-30"]
    ]
    delta = read(out, "findings_delta.csv")
    assert list(delta.columns)[:5] == ["code", "subject_id", "subject_name", "street", "state"]
    assert delta[delta["state"] == "opened"][["code", "subject_id"]].to_numpy().tolist() == [
        ["UNCOVERED", "U08"]
    ]
    streets = read(out, "streets.csv")
    assert streets[["date", "street_id", "work_coverage", "work_coverage_change"]].to_numpy().tolist() == [
        ["2026-10-31", "S1", "1.0", ""],
        ["2026-10-31", "S2", "0.0", ""],
        ["2026-11-30", "S1", "0.875", "-0.125"],
        ["2026-11-30", "S2", "0.0", "0.0"],
    ]
    assert set(streets["activities"]) == {""}  # tiny keeps no activities table


def test_the_monthly_workbook_has_a_sheet_per_month_and_the_bulletin(outputs):
    _, out = outputs
    book = openpyxl.load_workbook(out / "monthly.xlsx")
    assert book.sheetnames == ["2026年10月", "2026年11月", "通报", "台账变化", "覆盖状态变化", "问题增减"]
    rows = list(book["2026年11月"].iter_rows(min_row=5, max_row=8, values_only=True))
    assert rows[0][:4] == ("街道", "单位数", "单位数较上期", "组织覆盖率")
    assert [r[0] for r in rows[1:]] == ["林山寨街道", "建设路街道", "全区合计"]
    assert rows[3][1:4] == (10, 0, 0.6)
    bulletin = list(book["通报"].iter_rows(min_row=4, values_only=True))
    assert [r[:2] for r in bulletin] == [("排名", "街道"), (1, "建设路街道"), (2, "林山寨街道")]
    assert bulletin[1][-1] == "组织覆盖率低于全区、工作覆盖率低于全区、有错误类问题未解决"
    assert bulletin[2][-1] == "有错误类问题未解决、覆盖率较上期下降"


def test_the_page_is_self_contained(outputs):
    _, out = outputs
    page = (out / "monthly.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page and "通报" in page and "全区合计" in page and "庚培训学校" in page
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page


def test_english_workbook_and_page(tmp_path):
    net = gk.datasets.tiny()
    result = gk.compare([net, net.without(["L1"])], dates=["2026-10", "2026-11"])
    paths = write_comparison(result, tmp_path, lang="en", charts=False)
    book = openpyxl.load_workbook(paths["monthly.xlsx"])
    assert book.sheetnames == [
        "2026-10",
        "2026-11",
        "Bulletin",
        "Changes",
        "Status changes",
        "Findings delta",
    ]
    assert "District total" in paths["monthly.html"].read_text(encoding="utf-8")


def test_phone_changes_are_masked_unless_asked(tmp_path):
    net = gk.datasets.tiny()
    instructors = net.instructors.copy()
    instructors.loc["I1", "phone"] = "13912345678"
    changed = gk.Network(dict(net.nodes) | {"Instructor": instructors}, net.rels)
    result = gk.compare([net, changed], dates=["2026-10", "2026-11"])
    row = read_changes(write_comparison(result, tmp_path / "m", charts=False))
    assert row["new"] == "139****5678"
    row = read_changes(write_comparison(result, tmp_path / "s", charts=False, show_contacts=True))
    assert row["new"] == "13912345678"


def read_changes(paths):
    changes = pd.read_csv(paths["changes.csv"], encoding="utf-8-sig", dtype=str)
    return changes[changes["column"] == "phone"].iloc[0]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_monthly_workbook(outputs, tmp_path):
    _, out = outputs
    done = subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out / "monthly.xlsx"),
        ],
        capture_output=True,
        timeout=180,
        check=False,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "monthly.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{undated}", "{november}"], "台账.xlsx：文件名或文件夹名中没有月份"),
        (["{october}", "{november}", "--dates", "2026-10"], "--dates 给出 1 个日期，但有 2 期快照"),
        (
            ["{october}", "{november}", "--dates", "2026-10", "soon", "--lang", "en"],
            "--dates soon: not a date",
        ),
        (["{october}", "{october}"], "的日期相同（2026-10-31）"),
        (["{october}"], "至少需要两期快照，只给了 1 期"),
        (["{october}", "{missing}"], "2026-12"),
        (["{october}", "{november}", "--set", "no_such_rule=1"], "unknown setting 'no_such_rule'"),
    ],
)
def test_unusable_input_exits_2_with_one_line(snapshots, tmp_path, capsys, args, message):
    october, november = snapshots
    undated = tmp_path / "台账.xlsx"
    shutil.copy(october, undated)
    paths = {"october": october, "november": november, "undated": undated, "missing": tmp_path / "2026-12"}
    argv = ["compare", *(a.format(**paths) for a in args), "--out", str(tmp_path / "o"), "--jobs", "1"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("graphkit compare: ")
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_as_of_is_the_snapshot_date_not_an_option(snapshots, tmp_path, capsys):
    october, november = snapshots
    with pytest.raises(SystemExit) as exc:
        main(["compare", str(october), str(november), "--out", str(tmp_path), "--as-of", "2026-11-30"])
    assert exc.value.code == 2
