"""The builder: every table of a workbook into a Network, with rejects and load findings."""

import pandas as pd
from office_files import STREETS, U1, U2, write_book, write_csv

from loaders import read_ledger
from loaders.ledger.book import Book
from loaders.ledger.tables import Raw

UNIT_HEADERS = ["统一社会信用代码", "单位名称", "单位类型", "所属街道", "所在楼宇/商圈/园区", "所在党组织"]


def full_book(path):
    return write_book(
        path,
        {
            "单位台账": {
                "rows": [
                    [*UNIT_HEADERS, "所属行业协会商会", "业务主管单位", "备注"],
                    [U1, "甲公司", None, "林山寨街道", "锦艺城", "P1", "A1、商会乙", None, "x"],
                    [U2, "乙协会", None, "S1", None, "不存在党支部", None, "区教育局", None],
                    [U1, "甲公司（重复）", None, "S1", None, None, None, None, None],
                    ["TEST0001", "丙公司", "企业", "S2", None, None, None, None, None],
                ]
            },
            "载体": {
                "rows": [
                    ["编号", "载体名称", "载体类型", "所属街道"],
                    ["C1", "锦艺城", "楼宇", "S1"],
                    ["A1", "商会甲", "商会", "S1"],
                    ["A2", "商会乙", "行业协会", "S1"],
                    ["C2", "锦艺城", "园区", "S2"],
                ]
            },
            "党组织": {
                "rows": [
                    ["编号", "党组织名称", "党组织类别", "组建方式", "依托载体或部门", "上级党组织"],
                    ["P1", "锦艺城联合党委", "党委", "联合组建", "C1", "S1"],
                    ["P2", "丙公司党支部", "党支部", "单独组建", None, "P1"],
                ]
            },
            "街道": {"rows": [*STREETS, ["S3", "桐柏路街道", "林山寨指导站"]]},
            "部门": {
                "rows": [["编号", "部门名称", "党建专干人数", "应配专干人数"], ["D1", "区教育局", 1, 2]]
            },
            "党建指导员": {
                "rows": [["编号", "姓名", "派出单位", "联系电话"], ["I1", "张三", "区教育局", "13812345678"]]
            },
            "企业联络员": {"rows": [["编号", "姓名", "派出单位"], ["L1", "李四", "S2"]]},
            "联系对象": {
                "rows": [
                    ["指导员/联络员", "联系对象", "备注"],
                    ["I1", "甲公司，P1;C1", "每月走访"],
                    ["李四", "乙协会", None],
                    ["王五", "P2", None],
                ]
            },
            "机关党支部": {
                "rows": [["编号", "支部名称", "所属部门"], ["B1", "教育局机关第一支部", "区教育局"]]
            },
            "结对共建": {
                "rows": [["机关党支部", "结对党组织", "结对时间"], ["B1", "P1；P2", "2024年3月1日"]]
            },
            "填表说明": {"rows": [["请按模板填写"]]},
        },
    )


def pairs(net, rel):
    return sorted(map(tuple, net.rel(rel)[["source", "target"]].values.tolist()))


def test_workbook_with_a_sheet_per_table(tmp_path):
    net = read_ledger(full_book(tmp_path / "台账.xlsx"))
    assert net.units.index.tolist() == [U1, U2, "TEST0001"]
    assert net.units["kind"].tolist() == ["enterprise", "social_org", "enterprise"]
    assert net.carriers["kind"].tolist() == ["building", "association", "association", "park"]
    assert pairs(net, "IN_STREET") == sorted(
        [(U1, "S1"), (U2, "S1"), ("TEST0001", "S2"), ("C1", "S1"), ("A1", "S1"), ("A2", "S1"), ("C2", "S2")]
    )
    # 锦艺城 names two carriers: the reference is ambiguous and not linked
    assert pairs(net, "LOCATED_IN") == []
    assert pairs(net, "MEMBER_OF") == [(U1, "A1"), (U1, "A2")]
    assert pairs(net, "COVERED_BY") == [(U1, "P1")]
    assert pairs(net, "SUPERVISED_BY") == [(U2, "D1")]
    assert pairs(net, "BASED_AT") == [("P1", "C1")]
    assert pairs(net, "REPORTS_TO") == [("P1", "S1"), ("P2", "P1")]
    assert pairs(net, "SENT_BY") == [("I1", "D1"), ("L1", "S2")]
    assert pairs(net, "GUIDES") == sorted([("I1", "C1"), ("I1", "P1"), ("I1", U1)])
    assert net.rel("GUIDES")["备注"].tolist() == ["每月走访"] * 3
    assert pairs(net, "LIAISES") == [("L1", U2)]
    assert pairs(net, "BRANCH_OF") == [("B1", "D1")]
    assert pairs(net, "PAIRED_WITH") == [("B1", "P1"), ("B1", "P2")]
    assert net.rel("PAIRED_WITH")["since"].tolist() == [pd.Timestamp("2024-03-01")] * 2
    # one station serves two streets
    assert net.stations["name"].to_dict() == {"GS:S1": "林山寨指导站"}
    assert pairs(net, "SERVES") == [("GS:S1", "S1"), ("GS:S1", "S3")]
    assert net.meta["ignored"] == ["台账.xlsx, sheet 填表说明"]
    assert net.meta["unknown_columns"] == {"units": ["备注"], "assignments": ["备注"]}
    assert net.meta["tables"]["assignments"] == 3


def test_rejects_and_load_findings_name_the_cell(tmp_path):
    net = read_ledger(full_book(tmp_path / "台账.xlsx"), lang="en")
    got = net.rejects[["table", "sheet", "row", "column", "value"]].values.tolist()
    assert got == [
        ["units", "单位台账", 2, "所在楼宇/商圈/园区", "锦艺城"],
        ["units", "单位台账", 3, "所在党组织", "不存在党支部"],
        ["units", "单位台账", 4, "统一社会信用代码", U1],
        ["assignments", "联系对象", 4, "指导员/联络员", "王五"],
    ]
    assert set(net.rejects["file"]) == {"台账.xlsx"}
    assert (
        net.rejects["reason"].tolist()[2] == f'id "{U1}" repeats (first at 台账.xlsx, sheet 单位台账, row 2; '
        "ids must be unique across all tables); row not used"
    )
    assert net.findings[["code", "subject_kind", "subject_id"]].values.tolist() == [
        ["DUPLICATE_ID", "Unit", U1],
        ["UNKNOWN_REFERENCE", "Unit", U1],
        ["UNKNOWN_REFERENCE", "Unit", U2],
        ["UNKNOWN_REFERENCE", "Instructor", "王五"],
    ]
    assert net.findings.loc[2, "detail"] == (
        "台账.xlsx, sheet 单位台账, row 3, column 所在党组织: "
        '"不存在党支部" matches no id or name among PartyOrg'
    )
    assert net.findings.loc[2, "street"] == "林山寨街道"
    assert "C1, C2" in net.findings.loc[1, "detail"]


def test_unit_kind_from_credit_code_prefix_and_bad_enum(tmp_path):
    write_csv(
        tmp_path / "units.csv",
        [
            ["id", "name", "street", "kind"],
            [U1, "甲", "S1", ""],
            [U2, "乙", "S1", ""],
            ["X1", "丙", "S1", "小商户"],
            ["92350200MA2Y8LNK1K", "丁", "S1", ""],
            ["X2", "戊", "S1", "个体户"],
        ],
    )
    net = read_ledger(tmp_path)
    assert net.units["kind"].fillna("-").tolist() == [
        "enterprise",
        "social_org",
        "-",
        "individual",
        "individual",
    ]
    assert net.rejects.set_index("value").loc["小商户", "reason"] == (
        "“小商户”不是可识别的取值（可用：企业、社会组织、个体工商户），已置空"
    )


def test_branched_books_merge_in_the_order_asked_not_the_order_written():
    book = Book()
    book.source_codes(Raw("units", "台账.xlsx", "单位台账", pd.DataFrame(), {}))
    first, second = book.branch(), book.branch()
    assert first.sources is book.sources
    rows = pd.DataFrame({"_src": [0], "_row": [7]})
    second.reject(rows, "street", pd.Series(["S9"]), "later table")  # written first
    first.reject(rows, "party_org", pd.Series(["P9"]), "earlier table")
    book.merge(first)
    book.merge(second)
    assert [r["reason"].tolist() for r in book.rejects] == [["earlier table"], ["later table"]]
    assert book.rejects[0]["column"].tolist() == ["所在党组织"]
