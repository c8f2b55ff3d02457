"""Data-quality findings and the ``graphkit validate`` command, on real workbooks."""

import pandas as pd
import xlsxwriter

from graphkit import Network, Settings
from graphkit.cli import main
from graphkit.findings import FINDING_COLUMNS, make_findings
from graphkit.model import REJECT_COLUMNS
from graphkit.validate import validate
from loaders import read_ledger

U1 = "91350200776049653A"
U2 = "53100000500019795A"
U3 = "91410102MA45X00011"
BAD = "91350200776049653B"
CLEARS = ["正常经营", "稳定", "有党员", "张三"]
HEADERS = ["统一社会信用代码", "单位名称", "所属街道", "所在党组织"]
HEADERS += ["经营运行情况", "职工队伍情况", "党员队伍情况", "出资人或责任人情况", "未建党组织原因"]


def write_book(path, units):
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("单位台账")
    ws.merge_range(0, 0, 0, 4, "林山寨街道两新组织台账")
    ws.write_row(1, 0, HEADERS)
    for i, row in enumerate(units):
        for j, v in enumerate(row):
            if v is not None:
                ws.write_string(2 + i, j, v)
    ws = wb.add_worksheet("街道")
    ws.write_row(0, 0, ["编号", "街道名称"])
    ws.write_row(1, 0, ["S1", "林山寨街道"])
    ws = wb.add_worksheet("党组织")
    ws.write_row(0, 0, ["编号", "党组织名称", "党组织类别", "组建方式"])
    ws.write_row(1, 0, ["P1", "林山寨联合党支部", "党支部", "联合组建"])
    wb.close()
    return path


UNITS = [
    [U1, "甲公司", "林山寨街道", "P1", *CLEARS, None],  # clean
    [U2, "乙协会", "S1", "林山寨联合党支部", None, "稳定", "有党员", "李四", None],  # operation blank
    [BAD, "丙公司", "S1", None, *CLEARS, "党员不足三人"],  # wrong check character
    ["12345", "丁公司", "S1", None, *CLEARS, None],  # bad code; no org and no reason
    [U1, "甲公司（重复行）", "S1", None, *CLEARS, None],  # duplicate id
    [U3, "戊公司", "S1", "P9", *CLEARS, "暂无党员"],  # unknown party organisation
]


def test_validate_gives_exactly_the_defined_findings(tmp_path):
    path = write_book(tmp_path / "台账.xlsx", UNITS)
    out = tmp_path / "out"
    assert main(["validate", str(path), "--out", str(out)]) == 0
    found = pd.read_csv(out / "findings.csv", dtype=str, encoding="utf-8-sig")
    assert list(found.columns) == FINDING_COLUMNS
    assert list(zip(found["code"], found["subject_id"], strict=True)) == [
        ("BAD_CREDIT_CODE", BAD),
        ("BAD_CREDIT_CODE", "12345"),
        ("DUPLICATE_ID", U1),
        ("UNKNOWN_REFERENCE", U3),
        ("MISSING_FIVE_CLEARS", U2),
        ("MISSING_FIVE_CLEARS", "12345"),
    ]
    details = dict(zip(found["code"] + " " + found["subject_id"], found["detail"], strict=True))
    assert details[f"BAD_CREDIT_CODE {BAD}"] == f"“{BAD}”不是有效的统一社会信用代码：校验码错误（应为A）"
    assert details["BAD_CREDIT_CODE 12345"] == "“12345”不是有效的统一社会信用代码：应为18位（实为5位）"
    assert details[f"MISSING_FIVE_CLEARS {U2}"] == "缺少经营运行情况"
    assert details["MISSING_FIVE_CLEARS 12345"] == "未建党组织且未填写原因"
    assert (
        details[f"UNKNOWN_REFERENCE {U3}"]
        == "台账.xlsx 工作表“单位台账” 第8行“所在党组织”列：“P9”找不到对应的编号或名称"
    )
    assert set(found["street"]) == {"林山寨街道"}
    assert (out / "findings.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    rejects = pd.read_csv(out / "rejects.csv", dtype=str, encoding="utf-8-sig")
    assert list(rejects.columns) == REJECT_COLUMNS
    assert rejects[["sheet", "row", "column", "value"]].values.tolist() == [
        ["单位台账", "7", "统一社会信用代码", U1],
        ["单位台账", "8", "所在党组织", "P9"],
    ]


def test_validate_summary_lists_what_was_read(tmp_path, capsys):
    path = write_book(tmp_path / "台账.xlsx", UNITS)
    assert main(["validate", str(path), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "  units (单位台账): 6 rows" in text
    assert "Cells or rows not used: 2" in text
    assert "  BAD_CREDIT_CODE Invalid unified social credit code: 2" in text
    assert (
        f"  [DUPLICATE_ID] {U1} 甲公司（重复行）: 台账.xlsx, sheet 单位台账, row 7, column 统一社会信用代码"
        in text
    )


def test_exit_codes(tmp_path, capsys):
    clean = write_book(tmp_path / "clean.xlsx", UNITS[:1])
    messy = write_book(tmp_path / "messy.xlsx", UNITS)
    assert main(["validate", str(clean), "--strict"]) == 0
    assert main(["validate", str(messy)]) == 0
    assert main(["validate", str(messy), "--strict"]) == 1
    capsys.readouterr()
    assert main(["validate", str(tmp_path / "nothing.xlsx")]) == 2
    assert "graphkit validate: " in capsys.readouterr().err
    (tmp_path / "folder").mkdir()
    assert main(["validate", str(tmp_path / "folder")]) == 2
    assert "no units table found" in capsys.readouterr().err


def test_details_follow_the_language(tmp_path):
    net = read_ledger(write_book(tmp_path / "台账.xlsx", UNITS))  # loaded with Chinese messages
    en = validate(net, settings=Settings(lang="en")).set_index(["code", "subject_id"])["detail"]
    assert en["BAD_CREDIT_CODE", BAD] == f'"{BAD}" is not a valid unified social credit code: ' + (
        "wrong check character (should be A)"
    )
    assert en["DUPLICATE_ID", U1] == (
        f'台账.xlsx, sheet 单位台账, row 7, column 统一社会信用代码: id "{U1}" repeats '
        "(first at 台账.xlsx, sheet 单位台账, row 3; ids must be unique across all tables); row not used"
    )
    assert en["MISSING_FIVE_CLEARS", "12345"] == "no party organisation and no reason given"


def test_networks_built_in_python_keep_their_findings():
    loaded = make_findings("UNKNOWN_REFERENCE", "Unit", ["U1"], ["甲"], detail="x")
    net = Network.from_records(
        nodes={
            "Unit": [
                {
                    "id": U1,
                    "name": "甲",
                    **dict(zip(["operation", "workforce", "party_status", "investor"], CLEARS, strict=True)),
                }
            ],
            "PartyOrg": [{"id": "P1", "name": "党支部"}],
        },
        rels={"COVERED_BY": [(U1, "P1")]},
        findings=loaded,
    )
    got = validate(net)
    assert got[["code", "subject_id", "detail"]].values.tolist() == [["UNKNOWN_REFERENCE", "U1", "x"]]
    assert validate(Network()).empty


def test_cli_mapping_and_encoding(tmp_path):
    csv = tmp_path / "我的台账.csv"
    csv.write_bytes(f"代码,名称,街道,党员(人)\n{U1},甲,林山寨街道,4\n".encode("gb18030"))
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        '[tables]\nunits = ["我的台账"]\n[columns.units]\nparty_members = ["党员(人)"]\n', "utf-8"
    )
    out = tmp_path / "out"
    assert (
        main(["validate", str(csv), "--mapping", str(mapping), "--encoding", "gb18030", "--out", str(out)])
        == 0
    )
    found = pd.read_csv(out / "findings.csv", dtype=str, encoding="utf-8-sig")
    assert found[["code", "subject_id"]].values.tolist() == [
        ["UNKNOWN_REFERENCE", U1],
        ["MISSING_FIVE_CLEARS", U1],
    ]
    assert main(["validate", str(csv), "--mapping", str(tmp_path / "none.toml")]) == 2


# ------------------------------------------------------------------ PARENT_CYCLE
def _orgs(*links, names=None):
    ids = sorted({i for link in links for i in link if i.startswith("P")})
    names = names or {}
    return Network.from_records(
        nodes={
            "PartyOrg": [{"id": i, "name": names.get(i)} for i in ids],
            "Department": [{"id": "D1", "name": "区民政局"}],
            "Street": [{"id": "S1", "name": "林山寨街道"}],
        },
        rels={"REPORTS_TO": list(links), "IN_STREET": [("P1", "S1")]},
    )


def _cycles(net, lang="zh"):
    found = validate(net, settings=Settings(lang=lang))
    found = found[found["code"] == "PARENT_CYCLE"]
    return found[["subject_id", "severity", "detail"]].values.tolist()


def test_an_organisation_that_is_its_own_parent_is_a_loop_of_one():
    net = _orgs(("P1", "P1"), ("P2", "D1"), names={"P1": "甲支部"})
    assert _cycles(net) == [["P1", "error", "上级党组织关系成环：甲支部 → 甲支部"]]
    found = validate(net)
    assert found.loc[found["code"] == "PARENT_CYCLE", "street"].tolist() == ["林山寨街道"]
    assert len(net.rel("REPORTS_TO")) == 2  # the loop's links are kept


def test_two_organisations_reporting_to_each_other_are_both_flagged():
    net = _orgs(("P1", "P2"), ("P2", "P1"), names={"P1": "甲支部", "P2": "乙支部"})
    assert _cycles(net, "en") == [
        ["P1", "error", "Its parent links form a loop: 甲支部 → 乙支部 → 甲支部"],
        ["P2", "error", "Its parent links form a loop: 乙支部 → 甲支部 → 乙支部"],
    ]


def test_only_the_loops_members_are_flagged_not_the_chain_into_it():
    # P1 -> P2 -> P3 -> P4 -> P2 (a loop of three); P5 -> P1 leads into it; P6 -> D1 is fine
    net = _orgs(("P1", "P2"), ("P2", "P3"), ("P3", "P4"), ("P4", "P2"), ("P5", "P1"), ("P6", "D1"))
    assert [row[0] for row in _cycles(net)] == ["P2", "P3", "P4"]
    # a blank name shows the id
    assert _cycles(net)[1][2] == "上级党组织关系成环：P3 → P4 → P2 → P3"


def test_several_parents_give_each_member_its_shortest_loop_through_it():
    # built in Python, P2 has two parents: P1 <-> P2 and P2 -> P3 -> P1. Following P2's
    # smallest-id parent from P3 (P3 -> P1 -> P2 -> P1 ...) never returns to P3: each member
    # gets the shortest loop through itself, then the smallest ids, as the Cypher twin
    net = _orgs(("P1", "P2"), ("P2", "P1"), ("P2", "P3"), ("P3", "P1"))
    assert [(row[0], row[2].split("：")[1]) for row in _cycles(net)] == [
        ("P1", "P1 → P2 → P1"),
        ("P2", "P2 → P1 → P2"),
        ("P3", "P3 → P1 → P2 → P3"),
    ]
    # two loops of equal length through P1: the one by the smaller ids
    net = _orgs(("P1", "P3"), ("P3", "P1"), ("P1", "P2"), ("P2", "P1"))
    assert [row[2].split("：")[1] for row in _cycles(net)] == [
        "P1 → P2 → P1",
        "P2 → P1 → P2",
        "P3 → P1 → P3",
    ]


def test_no_loop_no_finding():
    assert _cycles(_orgs(("P1", "P2"), ("P2", "P3"), ("P3", "D1"))) == []
    assert _cycles(Network()) == []


def test_validate_command_prints_a_parent_loop(tmp_path, capsys):
    folder = tmp_path / "ledger"
    folder.mkdir()
    (folder / "单位台账.csv").write_text(
        f"统一社会信用代码,单位名称,所属街道\n{U1},甲公司,S1\n", encoding="utf-8"
    )
    (folder / "街道.csv").write_text("编号,街道名称\nS1,林山寨街道\n", encoding="utf-8")
    (folder / "党组织.csv").write_text(
        "编号,党组织名称,党组织类别,组建方式,上级党组织\n"
        "P1,甲支部,党支部,单独组建,乙支部\nP2,乙支部,党支部,单独组建,P1\nP3,丙支部,党支部,单独组建,P3\n",
        encoding="utf-8",
    )
    main(["validate", str(folder)])
    out = capsys.readouterr().out
    assert "PARENT_CYCLE" in out
    net = read_ledger(folder)
    assert [r[0] for r in _cycles(net)] == ["P1", "P2", "P3"]
