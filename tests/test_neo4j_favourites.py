"""The Browser favourites of the twins speak Chinese: the findings' sentences and the report's words.

The favourites are run as Browser runs them (settings and as-of date written in, no parameters)
and compared with ``analyze`` in memory: every finding favourite gives the rows of its code, with
the Chinese sentence of ``findings.csv``; every analysis favourite the report's headers and words.
"""

from __future__ import annotations

import collections
import re

import pandas as pd
import pytest

import loaders
from graphkit import Network, Settings, i18n
from graphkit.analysis import analyze
from graphkit.neo4j import push
from graphkit.neo4j.browser_queries import FINDING_HEADERS, browser_queries
from graphkit.neo4j.twins import ANALYSIS_QUERIES, FINDING_QUERIES, load_queries
from graphkit.report import output_tables
from graphkit.report.tables import (
    COVERAGE_CSV_COLUMNS,
    GRADE_CSV_COLUMNS,
    INSTRUCTOR_CSV_COLUMNS,
    display_frame,
)
from tests.campaign_nets import campaign_network
from tests.twin_checks import AS_OF, edge_network, in_id_order

SETTINGS = Settings(as_of=AS_OF)
KINDS = {kind: pair[0] for kind, pair in i18n.VALUES["subject_kind"].items()}

#: File name of each code's favourite, and of each analysis's.
FINDING_FILES = {code: f"{20 + i}_{name}.cypher" for i, (code, name) in enumerate(FINDING_QUERIES.items())}
ANALYSIS_FILES = {name: f"{10 + i}_{name}.cypher" for i, name in enumerate(ANALYSIS_QUERIES)}

#: The shown columns of each analysis favourite: those of the CSV files (the instructors' street too).
ANALYSIS_COLUMNS = {
    "coverage": COVERAGE_CSV_COLUMNS,
    "instructors": [*INSTRUCTOR_CSV_COLUMNS, "street"],
    "grades": GRADE_CSV_COLUMNS,
}


def _with_unknown_honours(net):
    """``net`` where U3 also holds two honours of types no word list knows (shown as they are)."""
    extra = pd.DataFrame(
        {
            "subject": ["U3", "U3"],
            "subject_kind": ["Unit", "Unit"],
            "type": ["诚信标兵", "百佳商户"],
            "level": ["street", "street"],
            "date": pd.to_datetime(["2025-05-01", "2025-06-01"]),
            "status": ["valid", "valid"],
        }
    )
    events = {t: net.events[t] for t in net.event_tables}
    events["honours"] = pd.concat([events["honours"], extra], ignore_index=True)
    return Network(
        net.nodes, net.rels, meta=net.meta, columns=net.source_columns, events=events, findings=net.findings
    )


def _setting(match: re.Match) -> str:
    """The pattern of a setting written in for ``$name``: its number, or the as-of date."""
    return rf"(\d+ /\* {match.group(1)} \*/|date\('[-\d]+'\))"


def _value(v):
    """A cell as the driver gives it: ``None`` for a missing value, Python numbers."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    return v.item() if hasattr(v, "item") else v


def _run(driver, database, text):
    records, _, keys = driver.execute_query(text, database_=database)
    return list(keys), [tuple(_value(v) for v in r.values()) for r in records]


# ------------------------------------------------------------- no server needed
def test_favourites_run_the_twins_unchanged_inside_a_subquery():
    queries = browser_queries(SETTINGS)
    twins = load_queries()
    for name, file in [*ANALYSIS_FILES.items(), *((n, FINDING_FILES[c]) for c, n in FINDING_QUERIES.items())]:
        text = queries[file]
        inner = text[text.index("CALL () {\n") + len("CALL () {\n") : text.rindex("\n}\nRETURN ")]
        body = [line for line in twins[name].splitlines()[1:] if line and not line.startswith("//")]
        shown = [line.removeprefix("  ") for line in inner.splitlines() if line]
        # the twin's text, with the settings written in: the same query, only its rows reworded
        assert len(shown) == len(body), name
        for got, want in zip(shown, body, strict=True):
            pattern = re.escape(want)
            pattern = re.sub(r"\\\$([a-z_]+)", _setting, pattern)
            assert re.fullmatch(pattern, got), (name, got, want)
    for code, file in FINDING_FILES.items():
        ret = queries[file][queries[file].rindex("\nRETURN ") :]
        assert re.findall(r"AS `([^`]+)`", ret) == list(FINDING_HEADERS), code
    assert re.findall(r"AS `([^`]+)`", queries["10_coverage.cypher"].split("\n}\nRETURN ")[1]) == [
        "统一社会信用代码",
        "单位名称",
        "单位类型",
        "所属街道",
        "正式党员数",
        "覆盖状态",
        "所在党组织编号",
    ]


# ------------------------------------------------------------------ with a server
@pytest.mark.neo4j
def test_finding_and_analysis_favourites_say_what_analyze_says(neo4j_db):
    """Demo district, the campaign's planted corners and the edge cases: every code, in Chinese."""
    driver, database = neo4j_db
    queries = browser_queries(SETTINGS)
    assert all("date('2026-11-27')" in queries[f] for f in ("25_term_expired.cypher", "12_grades.cypher"))
    details: set[str] = set()
    for label, net in [
        ("demo", loaders.demo_district()),
        ("campaign", _with_unknown_honours(campaign_network())),
        ("edges", edge_network()),
    ]:
        net = in_id_order(net)
        push(net, driver=driver, database=database, replace=True)
        expected = analyze(net, settings=SETTINGS)
        found = expected.findings
        for code, file in FINDING_FILES.items():
            keys, rows = _run(driver, database, queries[file])
            assert keys == list(FINDING_HEADERS), (label, code)
            mine = found[found["code"] == code]
            want = [
                (KINDS[k], *(_value(v) for v in rest))
                for k, *rest in mine[
                    ["subject_kind", "subject_name", "subject_id", "street", "detail"]
                ].itertuples(index=False)
            ]
            assert collections.Counter(rows) == collections.Counter(want), (label, code)
            if label == "demo":
                assert rows, f"the demo district has no {code}: the check would be vacuous"
            details |= {row[-1] for row in rows}
        tables = output_tables(expected)
        for name, file in ANALYSIS_FILES.items():
            keys, rows = _run(driver, database, queries[file])
            table = tables[name][ANALYSIS_COLUMNS[name]].sort_values(ANALYSIS_COLUMNS[name][0])
            shown = display_frame(table, name)
            assert keys == list(shown.columns), (label, name)
            assert rows == [tuple(_value(v) for v in row) for row in shown.itertuples(index=False)], (
                label,
                name,
            )
            assert rows, (label, name)
            if label == "demo":
                values = {column: {row[i] for row in rows} for i, column in enumerate(keys)}
                if name == "coverage":
                    assert values["覆盖状态"] == {"单独组建", "联合组建", "仅工作覆盖", "未覆盖"}
                    assert values["单位类型"] == {"企业", "社会组织", "个体工商户"}
                if name == "instructors":
                    assert values["是否超负荷"] == {"是", "否"}
                if name == "grades":
                    assert values["分类定级"] == {"先进", "较好", "一般", "后进"}
                    assert values["书记已培训"] == values["已结对共建"] == {"是", "否"}
    # the corners the three networks plant, each compared above
    for sentence in [
        "“9135020077604965”不是有效的统一社会信用代码：应为18位（实为16位）",
        "“5310000050001201IT”不是有效的统一社会信用代码：含有不允许的字符（或第3—8位不是数字）",
        "“91350200776049653B”不是有效的统一社会信用代码：校验码错误（应为A）",
        "缺少经营运行情况、职工队伍情况、党员队伍情况、出资人或责任人情况；未建党组织且未填写原因",
        "示范点未达标准：缺少“四个一”中的管用载体、规范制度；阵地未达“六有”标准、组织生活不经常、已到期未换届",
        "持有党员经营户挂牌、党员示范店、百佳商户、诚信标兵，但党建工作不到位：有党员未建组织",
        "有正式党员3名（不少于3名），应单独组建党组织，现为未覆盖",
        "党支部有党员60名，超过50名，应设立党总支或党委",
        "近90天内未走访联系对象“锦艺城”（从未走访）",
    ]:
        assert sentence in details, sentence
