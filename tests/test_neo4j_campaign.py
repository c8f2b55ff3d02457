"""The campaign tables in Neo4j: events and the :Ledger node, round trips, and the campaign twins.

The twins are checked against ``analyze`` (tests/twin_checks.py) on one hand-built network whose
every organisation, position, assignment and honour sits on a corner of DESIGN §5's definitions
(see the comments), with exact answers, and on the grade boundaries of tests/campaign_nets.py.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from graphkit import Network, Settings
from graphkit.neo4j import push
from graphkit.neo4j.push import campaign_counts, event_rows, ledger_record
from graphkit.neo4j.twins import run_twins, twin_analysis
from loaders.neo4j import read_neo4j
from tests.campaign_nets import campaign_network, events, graded_network
from tests.twin_checks import assert_twins_equal

AS_OF = dt.date(2026, 11, 27)


# ------------------------------------------------------------- no server needed
def test_event_rows_and_ledger_record():
    net = campaign_network()
    rows = event_rows(net, "visits")
    assert rows[1] == {"id": "visits:2", "s": "I1", "t": "U2", "props": rows[1]["props"]}
    assert rows[1]["props"] == {"date": dt.date(2026, 11, 10), "id": "visits:2", "seq": 2}
    honours = event_rows(net, "honours")
    assert honours[2]["ref"] == "U3" and "status" not in honours[2]["props"]
    assert event_rows(net, "trainings")[1]["ref"] is None
    record = ledger_record(net)
    assert record["tables"] == ["positions", "activities", "visits", "trainings", "honours"]
    assert record["columns"] == [
        "PartyOrg.secretary",
        "PartyOrg.plan",
        "PartyOrg.vehicle",
        "PartyOrg.rules",
        "PartyOrg.atmosphere",
    ]
    assert ledger_record(campaign_network(visits=True, positions=True))["tables"] == [
        "activities",
        "trainings",
        "honours",
    ]


# ------------------------------------------------------------------ with a server
@pytest.mark.neo4j
def test_campaign_tables_round_trip_and_repush(neo4j_db):
    driver, database = neo4j_db
    net = campaign_network()
    first = push(net, driver=driver, database=database)
    assert first["events"] == 20 and first["dropped"] == 0
    second = push(net, driver=driver, database=database)
    assert second["events"] == 20
    got = campaign_counts(driver, database=database)
    assert {t: got[t] for t in ("activities", "visits", "trainings", "honours")} == {
        "activities": 4,
        "visits": 5,
        "trainings": 5,
        "honours": 6,
    }
    back = read_neo4j(driver=driver, database=database)
    assert back.equals(net)
    assert back.sites.loc["SITE1", "area"] == 80.5 and not back.sites.loc["SITE2", "has_flag"]
    assert back.has_column("PartyOrg", "plan") and back.has_table("positions")
    # a shorter ledger: row n replaced, the rows beyond deleted; a dropped table is missing again
    fewer = campaign_network(visits=True)
    events = dict(fewer.events)
    events = {t: events[t].iloc[1:] for t in fewer.event_tables}
    smaller = Network(fewer.nodes, fewer.rels, columns=fewer.source_columns, events=events)
    result = push(smaller, driver=driver, database=database)
    assert result["dropped"] == 5 + 3  # every visit, the last activity, training and honour
    back = read_neo4j(driver=driver, database=database)
    assert back.equals(smaller) and not back.has_table("visits")


@pytest.mark.neo4j
def test_empty_tables_read_back_present(neo4j_db):
    driver, database = neo4j_db
    net = Network.from_records(
        nodes={"PartyOrg": [{"id": "P1", "name": "甲支部", "plan": None}], "Position": []},
        events={"activities": pd.DataFrame(), "honours": pd.DataFrame()},
    )
    push(net, driver=driver, database=database)
    back = read_neo4j(driver=driver, database=database)
    assert back.equals(net)
    assert back.has_table("positions") and back.has_table("activities") and not back.has_table("visits")
    assert back.has_column("PartyOrg", "plan") and not back.has_column("PartyOrg", "secretary")


@pytest.mark.neo4j
def test_campaign_twins_equal_analyze_on_the_planted_corners(neo4j_db):
    driver, database = neo4j_db
    settings = Settings(as_of=AS_OF)
    wide = settings.replace(activity_window_days=400, grade_fair_max_fails=3)  # P2 active, a wider 一般
    narrow = settings.replace(activity_window_days=1, training_window_days=1, visit_window_days=27, lang="en")
    assert_twins_equal(
        campaign_network(), driver, database, settings, settings.replace(lang="en"), wide, narrow
    )
    # the corners, as exact answers (analyze gives the same: compared above)
    found = run_twins(driver, settings=settings, database=database)["findings"]

    def rows(code, *columns):
        return found.loc[found["code"] == code, ["subject_id", *columns]].values.tolist()

    assert rows("NO_POSITION") == [["P4"]]
    assert rows("POSITION_BELOW_STANDARD", "street", "detail") == [
        ["SITE2", "林山寨街道", "未达到“六有”标准，缺少：有党旗"],
        ["SITE3", pd.NA, "未达到“六有”标准，缺少：有设施、有标志、有党旗、有书报、有制度"],
    ]
    assert rows("INACTIVE_ORG", "detail") == [
        ["P2", "近90天内无组织生活记录（最近一次：2026-08-29）"],  # as_of - 90 days: just outside
        ["P4", "近90天内无组织生活记录（从未记录）"],
    ]
    assert rows("SECRETARY_UNTRAINED") == [["P3"]]  # trained for another organisation, or 365 days ago
    assert rows("UNVISITED_CONTACT", "detail") == [
        ["I1", "近90天内未走访联系对象“锦艺城”（从未走访）"],  # a visit to U2 inside C1 does not count
        ["I1", "近90天内未走访联系对象“丙商行”（最近一次：2026-08-01）"],
        ["I2", "近90天内未走访联系对象“戊支部”（从未走访）"],
    ]
    assert rows("DEMO_SITE_BELOW_STANDARD", "detail") == [
        [
            "P2",
            "示范点未达标准：缺少“四个一”中的管用载体、规范制度；阵地未达“六有”标准、组织生活不经常、已到期未换届",
        ]
    ]
    assert rows("HONOUR_AT_RISK", "detail") == [
        # one finding per holder; I1 guides U3 (work coverage, so not UNCOVERED); P4's honour is revoked
        ["U3", "持有党员经营户挂牌、党员示范店，但党建工作不到位：有党员未建组织"],
        ["P2", "持有文明诚信企业，但党建工作不到位：已到期未换届、组织生活不经常、分类定级为后进"],
    ]
    assert rows("PLAQUE_WITHOUT_MEMBER") == [["U2"]]
    assert rows("ORG_LAGGING") == [["P2"], ["P4"]]
    grades = run_twins(driver, settings=settings, database=database)["grades"]
    assert grades["grade"].to_dict() == {
        "P1": "advanced",
        "P2": "lagging",
        "P3": "fair",
        "P4": "lagging",
        "P5": "good",
    }
    assert grades.loc["P3", ["secretary_trained", "instructor_reached", "fails"]].tolist() == [
        False,
        False,
        2,
    ]
    graded = run_twins(driver, settings=wide, database=database)
    assert graded["grades"].loc["P2", "grade"] == "fair"  # 3 fails: term, position, paired
    assert (
        "P2"
        not in graded["findings"].loc[graded["findings"]["code"] == "INACTIVE_ORG", "subject_id"].tolist()
    )


@pytest.mark.neo4j
def test_campaign_twins_skip_what_the_ledger_did_not_keep(neo4j_db):
    driver, database = neo4j_db
    settings = Settings(as_of=AS_OF)
    for table in ("positions", "activities", "visits", "trainings", "honours"):
        assert_twins_equal(campaign_network(**{table: True}), driver, database, settings)
    net = campaign_network(positions=True, activities=True, visits=True, trainings=True)
    assert_twins_equal(net, driver, database, settings, settings.replace(lang="en"))
    got = twin_analysis(driver, settings=settings, database=database)
    assert got.summary["not_run"]["ORG_LAGGING"] == "positions, activities, trainings"
    assert got.summary["grades"] == {}
    assert got.grades["grade"].isna().all() and got.grades["position_ok"].isna().all()
    assert got.grades.loc["P1", ["term_ok", "paired"]].tolist() == [True, True]
    # what still can be said: a missing 四个一 item and an expired term; no graded-lagging reason
    f = got.findings
    assert f.loc[f["code"] == "DEMO_SITE_BELOW_STANDARD", "detail"].tolist() == [
        "示范点未达标准：缺少“四个一”中的管用载体、规范制度；已到期未换届"
    ]
    assert (
        f.loc[f["code"] == "HONOUR_AT_RISK", "detail"].tolist()[-1]
        == "持有文明诚信企业，但党建工作不到位：已到期未换届"
    )


@pytest.mark.neo4j
def test_grade_boundaries_twins_equal_analyze(neo4j_db):
    """0 to 3 criteria failed around grade_fair_max_fails; 先进 by demo site or by an honour still held."""
    driver, database = neo4j_db
    fails = {
        "P2": {"active"},
        "P3": {"active", "paired"},
        "P4": {"active", "paired", "term_ok"},
        "P5": {"level_ok", "position_ok", "secretary_trained", "instructor_reached"},
    }
    net = graded_network(7, fails=fails, demo=("P1",))
    honours = events(  # P6: held, undated; P7: dated after the as-of date, and revoked: neither is held
        subject=["P6", "P7", "P7"],
        subject_kind=["PartyOrg"] * 3,
        type=["advanced_org", "advanced_org", "five_star"],
        status=["valid", None, "revoked"],
        date=[None, "2026-12-01", "2025-01-01"],
    )
    tables = {**{t: net.events[t] for t in net.event_tables}, "honours": honours}
    net = Network(net.nodes, net.rels, columns=net.source_columns, events=tables)
    settings = Settings(as_of=AS_OF)
    zero, three = (
        settings.replace(grade_fair_max_fails=0),
        settings.replace(grade_fair_max_fails=3, lang="en"),
    )
    assert_twins_equal(net, driver, database, settings, zero, three)
    got = run_twins(driver, settings=settings, database=database)["grades"]
    assert got["grade"].tolist() == ["advanced", "fair", "fair", "lagging", "lagging", "advanced", "good"]
    assert got["fails"].tolist() == [0, 1, 2, 3, 4, 0, 0]
    # no honours table: the criteria are still given, the grade is not, and ORG_LAGGING is not run
    assert_twins_equal(graded_network(3, fails=fails, drop_tables=("honours",)), driver, database, settings)
    got = twin_analysis(driver, settings=settings, database=database)
    assert got.grades["grade"].isna().all() and got.grades["fails"].tolist() == [0, 1, 2]
    assert "ORG_LAGGING" not in set(got.findings["code"])
