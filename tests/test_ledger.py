"""Reading ledgers from real CSV and XLSX files as offices produce them."""

import datetime as dt

import pandas as pd
import pytest
import xlsxwriter

from graphkit import LedgerError
from graphkit.exceptions import ConfigError
from loaders import read_ledger
from loaders.ledger import _parse_date, _parse_int, normalise_header

U1 = "91350200776049653A"  # valid credit codes (RESEARCH.md)
U2 = "53100000500019795A"
DIGITS = "913502007760496530"  # all-digit, 18 characters


def write_csv(path, rows, encoding="utf-8"):
    text = "\r\n".join(",".join(r) for r in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def write_book(path, sheets):
    """sheets: name -> dict(rows=[...], title=None|str, header_row=0). Strings are written as text."""
    wb = xlsxwriter.Workbook(str(path))
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, spec in sheets.items():
        ws = wb.add_worksheet(name)
        rows = spec["rows"]
        start = 0
        if spec.get("title"):
            ws.merge_range(0, 0, 0, max(len(rows[0]) - 1, 1), spec["title"])
            start = spec.get("start", 2)
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(start + i, j, v)
                elif isinstance(v, dt.date):
                    ws.write_datetime(start + i, j, dt.datetime(v.year, v.month, v.day), date_fmt)
                else:
                    ws.write_number(start + i, j, v)
    wb.close()
    return path


STREETS = [["编号", "街道名称", "指导站"], ["S1", "林山寨街道", "林山寨指导站"], ["S2", "建设路街道", None]]


def test_gb18030_csv_with_traditional_headers(tmp_path):
    write_csv(
        tmp_path / "街道.csv", [["編號", "街道名稱"], ["S1", "林山寨街道"], ["S2", "建设路街道"]], "gb18030"
    )
    write_csv(
        tmp_path / "單位台賬.csv",
        [
            ["統一社會信用代碼", "單位名稱", "所屬街道", "正式黨員數", "預備黨員數"],
            [U1, "鄭州甲科技有限公司", "建設路街道", "3", "1"],
        ],
        "gb18030",
    )
    net = read_ledger(tmp_path)
    assert net.units.index.tolist() == [U1]
    assert net.units.loc[U1, "name"] == "鄭州甲科技有限公司"  # data is kept as written
    assert net.units.loc[U1, ["party_members", "probationary_members"]].tolist() == [3, 1]
    # a Traditional street name resolves to the Simplified one
    assert net.rel("IN_STREET")[["source", "target"]].values.tolist() == [[U1, "S2"]]
    assert len(net.rejects) == 0
    assert net.meta["tables"] == {"streets": 2, "units": 1}


def test_gb18030_needs_no_hint_but_encoding_overrides(tmp_path):
    write_csv(tmp_path / "units.csv", [["id", "name", "street"], [U1, "甲公司", "S1"]], "gb18030")
    with pytest.raises(LedgerError, match=r"units\.csv: cannot decode the file as utf-8"):
        read_ledger(tmp_path, encoding="utf-8")
    net = read_ledger(tmp_path, encoding="gb18030")
    assert net.units.loc[U1, "name"] == "甲公司"


def test_utf8_bom_csv(tmp_path):
    path = tmp_path / "units.csv"
    path.write_bytes("\ufeffid,name,street,employees\n".encode() + f"{U1},甲公司,S1,12\n".encode())
    net = read_ledger(path)
    assert net.units.loc[U1, ["name", "employees"]].tolist() == ["甲公司", 12]
    # the street S1 is not in the ledger: the unit is kept without the link
    assert net.rel("IN_STREET").empty
    assert net.rejects[["file", "row", "column", "value"]].values.tolist() == [
        ["units.csv", 2, "street", "S1"]
    ]


def test_xlsx_title_rows_merged_cells_and_text_ids(tmp_path):
    path = write_book(
        tmp_path / "两新组织台账.xlsx",
        {
            "单位台账": {
                "title": "中原区非公企业和社会组织台账（2025年）",
                "rows": [
                    ["序号", "*统一社会信用代码", "单位名称（全称）", "所属街道", "从业人员数", "正式党员数"],
                    ["1", DIGITS, "甲公司", "林山寨街道", "12", "三"],
                    [None, None, None, None, None, None],
                    ["2", "00123", "乙公司", "S2", "１２", "2.0"],
                ],
            },
            "街道": {"rows": STREETS},
        },
    )
    net = read_ledger(path)
    assert net.units.index.tolist() == [DIGITS, "00123"]
    assert net.units["employees"].tolist() == [12, 12]
    assert net.units["party_members"].tolist()[1] == 2
    assert pd.isna(net.units.loc[DIGITS, "party_members"])
    # header on row 3 (title merged on row 1, row 2 blank); the blank row 5 is skipped silently
    assert net.rejects[["table", "file", "sheet", "row", "column", "value"]].values.tolist() == [
        ["units", "两新组织台账.xlsx", "单位台账", 4, "正式党员数", "三"]
    ]
    assert net.rejects.loc[0, "reason"] == "“三”不是整数，已置空"
    # the unknown column 序号 is kept as text and listed
    assert net.units["序号"].tolist() == ["1", "2"]
    assert str(net.units["序号"].dtype) == "string"
    assert net.meta["unknown_columns"] == {"units": ["序号"]}


def test_xlsx_numbers_typed_as_numbers(tmp_path):
    path = write_book(
        tmp_path / "ledger.xlsx",
        {
            "units": {
                "rows": [
                    ["id", "name", "street", "employees", "party_members"],
                    [U1, "甲公司", "S1", 12, 3.0],
                    [913502007760496530, "数字代码公司", "S1", 8, 0],
                ]
            },
            "streets": {"rows": [["id", "name"], [1001, "林山寨街道"]]},
            "党组织": {
                "rows": [
                    ["编号", "党组织名称", "党组织类别", "组建方式", "届满时间"],
                    ["P1", "甲党支部", "党支部", "单独组建", dt.date(2025, 6, 30)],
                    ["P2", "乙党支部", "支部", "联建", 45838],
                ]
            },
        },
    )
    net = read_ledger(path)
    assert net.streets.index.tolist() == ["1001"]  # not "1001.0"
    assert net.units.loc[U1, ["employees", "party_members"]].tolist() == [12, 3]
    # an 18-digit number typed as a number has lost digits in Excel itself: read as Excel shows it
    assert net.units.index[1] == "913502007760496512"
    assert net.party_orgs["term_ends"].tolist() == [pd.Timestamp("2025-06-30")] * 2
    assert net.party_orgs["form"].tolist() == ["own", "joint"]
    assert net.party_orgs["level"].tolist() == ["branch", "branch"]


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


def test_ids_are_unique_across_tables(tmp_path):
    # tables are read in schema order (units, carriers, party_orgs, ..., streets): the carrier comes first
    write_csv(tmp_path / "streets.csv", [["id", "name"], ["S1", "林山寨街道"]])
    write_csv(tmp_path / "carriers.csv", [["id", "name", "kind"], ["S1", "锦艺城", "楼宇"]])
    write_csv(tmp_path / "units.csv", [["id", "name", "street"], [U1, "甲公司", "S1"]])
    net = read_ledger(tmp_path)
    assert net.carriers.index.tolist() == ["S1"]
    assert net.streets.empty
    assert net.findings[["code", "subject_kind", "subject_id"]].values.tolist() == [
        ["DUPLICATE_ID", "Street", "S1"],
        ["UNKNOWN_REFERENCE", "Unit", U1],
    ]
    assert net.rejects[["file", "row", "column"]].values.tolist() == [
        ["units.csv", 2, "street"],
        ["streets.csv", 2, "id"],
    ]
    assert (
        net.rejects.loc[1, "reason"]
        == "编号“S1”重复（首次出现于 carriers.csv 第2行；编号须在全部表中唯一），该行未使用"
    )


def test_missing_required_values_drop_the_row(tmp_path):
    write_csv(
        tmp_path / "units.csv",
        [["id", "name", "street"], [U1, "", "S1"], ["", "乙", "S1"], ["", "", ""], [U2, "丙", ""]],
    )
    net = read_ledger(tmp_path, lang="en")
    assert net.units.empty
    assert net.rejects[["row", "column", "reason"]].values.tolist() == [
        [2, "name", "required value is blank; row not used"],
        [3, "id", "required value is blank; row not used"],
        [5, "street", "required value is blank; row not used"],
    ]


def test_unit_kind_from_credit_code_prefix_and_bad_enum(tmp_path):
    write_csv(
        tmp_path / "units.csv",
        [
            ["id", "name", "street", "kind"],
            [U1, "甲", "S1", ""],
            [U2, "乙", "S1", ""],
            ["X1", "丙", "S1", "个体户"],
        ],
    )
    net = read_ledger(tmp_path)
    assert net.units["kind"].tolist()[:2] == ["enterprise", "social_org"]
    assert pd.isna(net.units.loc["X1", "kind"])
    assert net.rejects.set_index("value").loc["个体户", "reason"] == (
        "“个体户”不是可识别的取值（可用：企业、社会组织），已置空"
    )


def test_mapping_extends_names(tmp_path):
    write_csv(
        tmp_path / "我的台账.csv",
        [["信用代码", "名称", "街道", "党员(人)", "自定义"], [U1, "甲", "S1", "4", "a"]],
    )
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[tables]\nunits = ["我的台账"]\n[columns.units]\nparty_members = ["党员(人)"]\n', "utf-8"
    )
    net = read_ledger(tmp_path / "我的台账.csv", mapping=mapping)
    assert net.units.loc[U1, "party_members"] == 4
    assert net.meta["unknown_columns"] == {"units": ["自定义"]}
    with pytest.raises(ConfigError, match="not known"):
        read_ledger(tmp_path, mapping={"columns": {"units": {"members_x": ["x"]}}})


def test_multi_valued_cells_split_on_every_separator(tmp_path):
    write_csv(
        tmp_path / "carriers.csv",
        [["id", "name", "kind"]] + [[f"A{i}", f"协会{i}", "协会"] for i in range(6)],
    )
    write_csv(
        tmp_path / "units.csv",
        [["id", "name", "street", "association"], [U1, "甲", "S1", "A0、A1,A2，A3;A4；A5"]],
    )
    path = tmp_path / "units.csv"
    path.write_text(
        path.read_text("utf-8").replace("A0、A1,A2，A3;A4；A5", '"A0、A1,A2，A3;A4；A5"'), "utf-8"
    )
    net = read_ledger(tmp_path)
    assert pairs(net, "MEMBER_OF") == [(U1, f"A{i}") for i in range(6)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("12.0", 12),
        ("１２", 12),
        (" 3 ", 3),
        ("1,234", 1234),
        ("三", None),
        ("-1", None),
        ("1.5", None),
    ],
)
def test_whole_numbers(text, expected):
    values, bad = _parse_int(pd.Series([text], dtype="string"))
    assert (pd.NA if expected is None else expected) is values[0] or values[0] == expected
    assert bool(bad[0]) is (expected is None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-30", "2025-06-30"),
        ("2025/6/30", "2025-06-30"),
        ("2025年6月30日", "2025-06-30"),
        ("2025.6.3", "2025-06-03"),
        ("2025-06-30 00:00:00", "2025-06-30"),
        ("20250630", "2025-06-30"),
        ("45838", "2025-06-30"),
        ("45838.0", "2025-06-30"),
        ("2025-13-01", None),
        ("明年", None),
    ],
)
def test_dates(text, expected):
    values, bad = _parse_date(pd.Series([text], dtype="string"))
    if expected is None:
        assert pd.isna(values[0]) and bad[0]
    else:
        assert values[0] == pd.Timestamp(expected) and not bad[0]


def test_normalise_header():
    assert normalise_header("＊單位名稱（必填）") == "单位名称"
    assert normalise_header("业务主管(指导)单位") == normalise_header("业务主管单位")
    assert normalise_header("所在楼宇/商圈/园区") == "所在楼宇/商圈/园区"


def test_unusable_ledgers_raise_one_clear_message(tmp_path):
    with pytest.raises(LedgerError, match="no such file or folder"):
        read_ledger(tmp_path / "missing")
    write_csv(tmp_path / "streets.csv", [["id", "name"], ["S1", "x"]])
    with pytest.raises(LedgerError, match=r"no units table found; tables found: streets; .*单位台账"):
        read_ledger(tmp_path)
    write_csv(tmp_path / "单位台账.csv", [["统一社会信用代码", "单位类型", "所属街道"], [U1, "企业", "S1"]])
    with pytest.raises(LedgerError) as err:
        read_ledger(tmp_path)
    assert str(err.value).startswith(
        "单位台账.csv: required column 单位名称 (name) of table units not found in the header row (row 1); "
        "headers found: 统一社会信用代码, 单位类型, 所属街道; accepted headers: 单位名称、name、名称"
    )
    notes = tmp_path / "说明.docx"
    notes.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(LedgerError, match=r"说明\.docx: not a spreadsheet"):
        read_ledger(notes)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("hello", "utf-8")
    with pytest.raises(LedgerError, match=r"fake\.xlsx: not a readable spreadsheet"):
        read_ledger(fake)


def test_header_is_found_below_several_title_rows(tmp_path):
    write_csv(
        tmp_path / "units.csv",
        [
            ["中原区两新组织台账"],
            ["填报单位：林山寨街道", "", "日期：2025年6月"],
            ["统一社会信用代码", "单位名称", "所属街道"],
            [U1, "甲", "S1"],
            ["", "乙", "S1"],
        ],
    )
    net = read_ledger(tmp_path)
    assert net.rejects[["row", "column"]].values.tolist() == [[4, "所属街道"], [5, "统一社会信用代码"]]


def test_single_sheet_workbook_takes_its_table_from_the_file_name(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "單位台賬.xlsx"))
    ws = wb.add_worksheet("Sheet1")
    ws.write_row(0, 0, ["統一社會信用代碼", "單位名稱", "所屬街道"])
    ws.write_row(1, 0, [U1, "甲", "S1"])
    wb.add_worksheet("Sheet2")  # empty sheets are not tables
    wb.close()
    net = read_ledger(tmp_path)
    assert net.units.index.tolist() == [U1]
    assert net.meta["files"] == ["單位台賬.xlsx, sheet Sheet1"]
    assert net.meta["ignored"] == []


def test_loaders_surface_is_lazy():
    import loaders

    assert loaders.read_ledger is read_ledger
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = loaders.nope


def test_workbook_named_after_a_table_with_per_street_sheets_and_notes(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "单位台账.xlsx"))
    for sheet, code in (("林山寨", U1), ("建设路", U2)):
        ws = wb.add_worksheet(sheet)
        ws.write_row(0, 0, ["统一社会信用代码", "单位名称", "所属街道"])
        ws.write_row(1, 0, [code, sheet + "的单位", "S1"])
    wb.add_worksheet("填表说明").write(0, 0, "请勿修改表头")
    wb.close()
    net = read_ledger(tmp_path / "单位台账.xlsx")
    assert net.units.index.tolist() == [U1, U2]
    assert net.meta["ignored"] == ["单位台账.xlsx, sheet 填表说明"]
    assert net.rejects[["sheet", "row"]].values.tolist() == [["建设路", 2], ["林山寨", 2]]
