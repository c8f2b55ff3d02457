"""Tables every report reads: output tables, their display, rates, streets, findings by code, summary.json."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from graphkit.findings import CODES
from graphkit.report import example_analysis, write_summary
from graphkit.report.tables import (
    STREET_COLUMNS,
    display_frame,
    findings_by_code,
    format_rate,
    headline_rates,
    output_tables,
    report_date,
    street_table,
    without_ids,
    without_table,
)
from graphkit.settings import Settings


def test_every_code_has_both_titles() -> None:
    assert all(zh and en for _, zh, en in CODES.values())


def test_instructor_phones_come_from_the_network_when_the_frame_has_none() -> None:
    analysis = example_analysis()
    tables = output_tables(analysis, show_contacts=True)
    assert tables["instructors"].columns.tolist() == [
        "instructor_id",
        "name",
        "reach",
        "contacts",
        "overloaded",
        "street",
        "phone",
    ]
    assert tables["instructors"].loc[0, "phone"] == "13812345678"
    assert tables["coverage"].index.tolist() == [0, 1, 2, 3]


def test_findings_are_shown_with_their_title_after_the_code() -> None:
    shown = display_frame(output_tables(example_analysis())["findings"], "findings", lang="en")
    assert shown.columns[:3].tolist() == ["Code", "Finding", "Severity"]
    assert shown.iloc[0, :3].tolist() == ["UNCOVERED", "Unit with no coverage", "error"]


def test_street_table_has_the_contract_columns_first_and_whole_counts() -> None:
    analysis = example_analysis()
    rows = [{**row, "extra": 1, "units": float(row["units"])} for row in analysis.summary["by_street"]]
    frame = street_table(dataclasses.replace(analysis, summary={"by_street": rows}))
    assert frame.columns.tolist() == [*STREET_COLUMNS, "extra"]
    assert frame["units"].dtype == "int64" and frame["org_coverage"].dtype == "float64"
    assert frame.loc[1, ["street", "units", "uncovered", "work_coverage"]].tolist() == [
        "建设路街道",
        2,
        1,
        0.5,
    ]


def test_a_summary_without_streets_gives_an_empty_street_table() -> None:
    frame = street_table(dataclasses.replace(example_analysis(), summary={}))
    assert frame.columns.tolist() == STREET_COLUMNS
    assert frame.empty


def test_findings_by_code_puts_errors_first_then_the_most_frequent() -> None:
    findings = pd.DataFrame({"code": ["UNPAIRED_ORG", "UNPAIRED_ORG", "UNCOVERED", "NOT_A_CODE"]})
    assert findings_by_code(findings).values.tolist() == [
        ["UNCOVERED", 1, "error"],
        ["UNPAIRED_ORG", 2, "info"],
        ["NOT_A_CODE", 1, "info"],
    ]


def test_rates_and_dates_of_an_analysis_without_a_summary() -> None:
    analysis = dataclasses.replace(
        example_analysis(), summary={}, settings=Settings(as_of=dt.date(2026, 11, 27))
    )
    assert headline_rates(analysis) == {"org_coverage": None, "own_rate": None, "work_coverage": None}
    assert [format_rate(v) for v in headline_rates(analysis).values()] == ["—", "—", "—"]
    assert format_rate(pd.NA) == "—" and format_rate(np.float64(1.0)) == "100.0%"
    assert report_date(analysis) == "2026-11-27"


def test_without_table_and_ids_of_a_what_if() -> None:
    analysis = example_analysis()
    lost = pd.DataFrame({"lost": ["work"], "unit_id": ["U3"]}).set_index("unit_id")
    analysis = dataclasses.replace(
        analysis,
        network=analysis.network.replace(meta={"without": ["I1"]}),
        summary={"without": lost, "without_ids": ["ignored: the network's meta comes first"]},
    )
    table = without_table(analysis)
    assert table.columns.tolist() == ["unit_id", "name", "street", "status_before", "status_after", "lost"]
    assert table.loc[0, ["unit_id", "lost"]].tolist() == ["U3", "work"]
    assert without_ids(analysis) == ["I1"]


def test_summary_json_writes_numpy_values_dates_frames_and_missing_values(tmp_path: Path) -> None:
    summary = {
        "n": np.int64(3),
        "day": dt.date(2026, 11, 27),
        "ids": ("U1", "U2"),
        "missing": pd.NA,
        "rows": pd.DataFrame({"a": [1]}),
    }
    path = write_summary(dataclasses.replace(example_analysis(), summary=summary), tmp_path / "s.json")
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "n": 3,
        "day": "2026-11-27",
        "ids": ["U1", "U2"],
        "missing": None,
        "rows": [{"a": 1}],
    }


def test_summary_json_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    analysis = dataclasses.replace(example_analysis(), summary={"what": object()})
    with pytest.raises(TypeError, match=r"summary\.json: cannot write a value of type object"):
        write_summary(analysis, tmp_path / "s.json")
