import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import graphkit as gk
from graphkit import ConfigError, Network
from graphkit.analysis.compare import (
    CHANGE_COLUMNS,
    DELTA_COLUMNS,
    STATUS_CHANGE_COLUMNS,
    parse_date,
    snapshot_date,
)

OCT, NOV = dt.date(2026, 10, 31), dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2026-10", OCT),
        ("2026年10月", OCT),
        ("202610", OCT),
        ("台账_2026年2月.xlsx", dt.date(2026, 2, 28)),
        ("ledger-2024-02.xlsx", dt.date(2024, 2, 29)),
        ("２０２６年１１月台账", NOV),
        ("2026.11", NOV),
        (Path("snapshots/2026_11/units.csv"), NOV),
        ("2026-10-15.xlsx", OCT),  # a snapshot is a month: its day does not count
        ("台账.xlsx", None),
        ("2026-13", None),
        ("20261", None),
    ],
)
def test_snapshot_date_from_a_name(name, expected):
    assert snapshot_date(name) == expected


def test_dates_given_by_hand():
    assert parse_date("2026-10-15") == dt.date(2026, 10, 15)
    assert parse_date("2026年11月") == NOV
    assert parse_date(dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
    with pytest.raises(ConfigError, match="not a date"):
        parse_date("next month")


def _frame(rows, columns):
    return pd.DataFrame(rows, columns=columns)


def _snapshots():
    """Two streets. October: U1 own (P1), U2 and U3 uncovered, U5 uncovered in S2.
    November: U2 joins P1, U3 has gone, U4 is new (uncovered) in S2, U1 employs 12 instead of 10.
    Events: October has a visit, two trainings (one with no organisation) and one activity in the
    month (another in September); November has two activities on its first and last day (one more in
    October), an empty visits table and no trainings table. Plaques: U1 holds one throughout; U3's is
    revoked; U5 holds a model-shop honour (not a plaque); U4 is plaqued on 2026-11-15."""
    streets = [{"id": "S1", "name": "甲街道"}, {"id": "S2", "name": "乙街道"}]
    orgs = [{"id": "P1", "name": "甲公司党支部", "form": "own"}]
    people = [{"id": "I1", "name": "张伟"}]

    def units(rows):
        return [{"id": i, "name": n, "employees": e} for i, n, e in rows]

    old = Network.from_records(
        nodes={
            "Unit": units(
                [("U1", "甲公司", 10), ("U2", "乙公司", 3), ("U3", "丙公司", 4), ("U5", "戊公司", 2)]
            ),
            "PartyOrg": orgs,
            "Street": streets,
            "Instructor": people,
        },
        rels={
            "COVERED_BY": [("U1", "P1")],
            "IN_STREET": [("U1", "S1"), ("U2", "S1"), ("U3", "S2"), ("U5", "S2"), ("P1", "S1")],
            "GUIDES": [("I1", "P1")],
        },
        events={
            "activities": _frame(
                [
                    ("P1", pd.Timestamp("2026-09-30"), "主题党日", 5),
                    ("P1", pd.Timestamp("2026-10-05"), None, 6),
                ],
                ["party_org", "date", "type", "attendees"],
            ),
            "visits": _frame(
                [("I1", "Instructor", "U1", "Unit", pd.Timestamp("2026-10-10"), None)],
                ["person", "person_kind", "target", "target_kind", "date", "matter"],
            ),
            "trainings": _frame(
                [
                    ("张三", "书记", "P1", "集中轮训", pd.Timestamp("2026-10-20")),
                    ("李四", "党员", None, "专题培训", pd.Timestamp("2026-10-21")),
                ],
                ["person", "role", "party_org", "type", "date"],
            ),
            "honours": _frame(
                [
                    ("U1", "Unit", "member_plaque", pd.Timestamp("2026-01-01"), "valid"),
                    ("U3", "Unit", "member_plaque", pd.Timestamp("2026-01-01"), "revoked"),
                    ("U5", "Unit", "model_shop", pd.Timestamp("2026-01-01"), "valid"),
                ],
                ["subject", "subject_kind", "type", "date", "status"],
            ),
        },
    )
    new = Network.from_records(
        nodes={
            "Unit": units(
                [("U1", "甲公司", 12), ("U2", "乙公司", 3), ("U4", "丁公司", 1), ("U5", "戊公司", 2)]
            ),
            "PartyOrg": orgs,
            "Street": streets,
            "Instructor": people,
        },
        rels={
            "COVERED_BY": [("U1", "P1"), ("U2", "P1")],
            "IN_STREET": [("U1", "S1"), ("U2", "S1"), ("U4", "S2"), ("U5", "S2"), ("P1", "S1")],
            "GUIDES": [("I1", "P1")],
        },
        events={
            "activities": _frame(
                [
                    ("P1", pd.Timestamp("2026-10-05"), None, 6),
                    ("P1", pd.Timestamp("2026-11-01"), None, 6),
                    ("P1", pd.Timestamp("2026-11-30"), None, 7),
                ],
                ["party_org", "date", "type", "attendees"],
            ),
            "visits": _frame([], ["person", "person_kind", "target", "target_kind", "date", "matter"]),
            "honours": _frame(
                [
                    ("U1", "Unit", "member_plaque", pd.Timestamp("2026-01-01"), "valid"),
                    ("U4", "Unit", "member_plaque", pd.Timestamp("2026-11-15"), "valid"),
                    ("U5", "Unit", "model_shop", pd.Timestamp("2026-01-01"), "valid"),
                ],
                ["subject", "subject_kind", "type", "date", "status"],
            ),
        },
    )
    return old, new


@pytest.fixture(scope="module")
def result():
    old, new = _snapshots()
    # given newest first: compare sorts them by date
    return gk.compare([new, old], dates=["2026-11", "2026年10月"], names=["11月", "10月"])


def test_snapshots_are_sorted_by_date(result):
    assert result.dates == (OCT, NOV)
    assert result.names == ("10月", "11月")
    assert [a.settings.as_of for a in result.analyses] == [OCT, NOV]


def test_rows_added_removed_and_changed(result):
    changes = result.changes
    assert list(changes.columns) == CHANGE_COLUMNS
    units = changes[changes["table"] == "units"]
    assert units[["id", "name", "street", "change", "column", "old", "new"]].astype(object).where(
        units[["id", "name", "street", "change", "column", "old", "new"]].notna(), None
    ).to_numpy().tolist() == [
        ["U4", "丁公司", "乙街道", "added", None, None, None],
        ["U3", "丙公司", "乙街道", "removed", None, None, None],
        ["U1", "甲公司", "甲街道", "changed", "employees", "10", "12"],
        ["U2", "乙公司", "甲街道", "changed", "party_org", None, "P1"],
    ]
    assert set(changes["table"]) == {"units"}  # nothing else changed
    assert set(changes["from"]) == {"2026-10-31"} and set(changes["to"]) == {"2026-11-30"}


def test_status_moves(result):
    moves = result.status_changes
    assert list(moves.columns) == STATUS_CHANGE_COLUMNS
    assert moves.to_numpy().tolist() == [
        ["U2", "乙公司", "甲街道", "uncovered", "own_org", "2026-10-31", "2026-11-30"]
    ]


def test_findings_opened_resolved_persisting(result):
    delta = result.findings_delta
    assert list(delta.columns) == DELTA_COLUMNS
    uncovered = delta[delta["code"] == "UNCOVERED"]
    assert uncovered[["subject_id", "subject_name", "street", "state"]].to_numpy().tolist() == [
        ["U4", "丁公司", "乙街道", "opened"],
        ["U2", "乙公司", "甲街道", "resolved"],
        ["U3", "丙公司", "乙街道", "resolved"],
        ["U5", "戊公司", "乙街道", "persisting"],
    ]
    # opened first, then resolved, then persisting
    order = delta["state"].map({"opened": 0, "resolved": 1, "persisting": 2}).to_numpy()
    assert (np.diff(order) >= 0).all()


def test_street_numbers_and_their_changes(result):
    streets = result.streets.set_index(["date", "street_id"])
    s1_oct, s1_nov = streets.loc[("2026-10-31", "S1")], streets.loc[("2026-11-30", "S1")]
    s2_nov = streets.loc[("2026-11-30", "S2")]
    assert (s1_oct["units"], s1_oct["org_coverage"], s1_oct["own_rate"], s1_oct["work_coverage"]) == (
        2,
        0.5,
        0.5,
        0.5,
    )
    assert (s1_nov["org_coverage"], s1_nov["org_coverage_change"], s1_nov["units_change"]) == (1.0, 0.5, 0)
    assert pd.isna(s1_oct["units_change"]) and pd.isna(s1_oct["org_coverage_change"])
    assert (s2_nov["units"], s2_nov["units_change"], s2_nov["org_coverage"]) == (2, 0, 0.0)
    # uncovered units by street: October S1 U2, S2 U3 and U5; November S2 U4 and U5
    uncovered = result.analyses[0].findings
    assert s1_oct["findings_error"] == int(
        ((uncovered["street"] == "甲街道") & (uncovered["severity"] == "error")).sum()
    )
    # the month's work: activities from the 1st to the snapshot date, plaques held
    assert (s1_oct["activities"], s1_oct["visits"], s1_oct["trainings"], s1_oct["plaques"]) == (1, 1, 1, 1)
    assert (s1_nov["activities"], s1_nov["activities_change"]) == (2, 1)
    assert (s1_nov["visits"], s1_nov["visits_change"]) == (0, -1)  # an empty table: none
    assert pd.isna(s1_nov["trainings"]) and pd.isna(s1_nov["trainings_change"])  # no table: not kept
    assert (s1_nov["plaques"], s1_nov["plaques_change"]) == (1, 0)
    assert (s2_nov["plaques"], s2_nov["plaques_change"]) == (1, 1)  # U3's was revoked, U4's is new


def test_district_totals(result):
    district = result.district.set_index("date")
    oct_, nov = district.loc["2026-10-31"], district.loc["2026-11-30"]
    assert (oct_["units"], oct_["org_coverage"], oct_["work_coverage"]) == (4, 0.25, 0.25)
    assert (nov["org_coverage"], nov["org_coverage_change"]) == (0.5, 0.25)
    # the training with no organisation has no street: it counts in the district only
    assert (oct_["activities"], oct_["visits"], oct_["trainings"], oct_["plaques"]) == (1, 1, 2, 1)
    assert (nov["activities"], nov["visits"], nov["plaques"], nov["plaques_change"]) == (2, 0, 2, 1)
    assert pd.isna(nov["trainings"])
    assert oct_["findings_error"] == (result.analyses[0].findings["severity"] == "error").sum()


def test_bulletin_ranks_streets_by_what_lags(result):
    bulletin = result.bulletin
    # S2: lowest organisational coverage (place 1), most errors (1), no drop (1 = tie) -> 3
    # S1: coverage place 2, errors place 2, no drop (1) -> 5
    assert bulletin[["rank", "street_id", "score"]].to_numpy().tolist() == [[1, "S2", 3], [2, "S1", 5]]
    assert bulletin.loc[0, "lags"] == "org_coverage_below,work_coverage_below,open_errors"
    assert bulletin.loc[1, "lags"] == "open_errors"


def test_a_fall_in_coverage_is_named(result):
    old, new = _snapshots()
    back = gk.compare([new, old], dates=["2026-11", "2026-12"])  # U2 loses its organisation
    s1 = back.bulletin.set_index("street_id").loc["S1"]
    assert s1["org_coverage_change"] == -0.5
    assert "coverage_fell" in s1["lags"].split(",")


def test_links_without_ids_compare_by_both_ends():
    net = gk.datasets.tiny()
    changes = gk.compare([net, net.without(["L1"])], dates=["2026-10", "2026-11"]).changes
    assert changes[["table", "id", "name", "change"]].to_numpy().tolist() == [
        ["liaisons", "L1", "刘洋", "removed"],
        ["assignments", "L1→U08", "刘洋→庚培训学校", "removed"],
    ]


def test_analyses_can_be_compared_as_they_are():
    net = gk.datasets.tiny()
    a = gk.analyze(net, as_of="2026-10-31")
    b = gk.analyze(net, as_of="2026-11-30")
    result = gk.compare([a, b])
    assert result.dates == (OCT, NOV)
    assert result.analyses[0] is a
    assert set(result.findings_delta["state"]) == {"persisting"}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda net: gk.compare([net]), "at least two snapshots"),
        (lambda net: gk.compare([net, net], dates=["2026-10"]), "dates: 1 given for 2 snapshots"),
        (lambda net: gk.compare([net, net], dates=["2026-10", "2026-10-31"]), "both dated 2026-10-31"),
        (lambda net: gk.compare([net, net]), "snapshot 1: no month in its name"),
        (
            lambda net: gk.compare([gk.analyze(net, as_of="2026-10-30"), net], dates=["2026-10", "2026-11"]),
            "analysed as of 2026-10-30, but dated 2026-10-31",
        ),
    ],
)
def test_unusable_snapshots_raise_one_config_error(call, message):
    with pytest.raises(ConfigError, match=message):
        call(gk.datasets.tiny())


def test_a_network_is_dated_by_its_source_name():
    net = gk.datasets.tiny()
    old = net.replace(meta={"source": "/data/台账2026年10月.xlsx"})
    new = net.replace(meta={"source": "/data/snapshots/202611"})
    result = gk.compare([new, old])
    assert result.dates == (OCT, NOV)
    assert result.names == ("台账2026年10月.xlsx", "202611")
