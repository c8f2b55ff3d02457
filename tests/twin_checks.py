"""The equality check of the Cypher twins: push a network, compare ``twin_analysis`` with ``analyze``.

Networks are compared with their relationships listed in (source, target) order: where the
in-memory analysis takes "the first listed" of several candidates, the twin takes the
smallest id, and on a network listed in id order the two rules agree.
"""

from __future__ import annotations

import pandas as pd

from graphkit import Network, Settings
from graphkit.analysis import analyze
from graphkit.neo4j import push
from graphkit.neo4j.twins import twin_analysis

KEY = ["code", "subject_kind", "subject_id"]


def in_id_order(net: Network) -> Network:
    """The same graph with every relationship frame sorted by (source, target).

    The same ledger too: only the node tables and event tables the source had (a node frame
    handed to :class:`Network` counts as a table the source had, an empty one included).
    """
    rels = {t: f.sort_values(["source", "target"], kind="stable") for t, f in net.rels.items()}
    nodes = {k: f for k, f in net.nodes.items() if k in net.source_columns}
    events = {t: net.events[t] for t in net.event_tables}
    return Network(
        nodes, rels, meta=net.meta, columns=net.source_columns, events=events, findings=net.findings
    )


def _sorted(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings by code, subject kind and id; several of one subject (UNVISITED_CONTACT) keep their order."""
    return findings.sort_values(KEY, kind="stable").reset_index(drop=True)


def assert_twins_equal(net: Network, driver, database, *settings: Settings) -> None:
    """Push ``net`` once and compare the twins with ``analyze`` row for row under each settings.

    Findings of every code (the load-time ones from the ``:LoadFinding`` nodes the push stores),
    coverage, instructor load, grades, the checks not run and the summary's finding counts,
    grades and grades by street.
    """
    net = in_id_order(net)
    push(net, driver=driver, database=database, replace=True)
    for s in settings:
        expected = analyze(net, settings=s)
        got = twin_analysis(driver, settings=s, database=database)
        pd.testing.assert_frame_equal(_sorted(got.findings), _sorted(expected.findings))
        pd.testing.assert_frame_equal(got.coverage, expected.coverage.sort_index())
        columns = list(expected.instructors.columns)
        pd.testing.assert_frame_equal(got.instructors[columns], expected.instructors.sort_index())
        pd.testing.assert_frame_equal(got.grades, expected.grades.sort_index())
        assert got.summary["not_run"] == expected.summary["not_run"]
        for key in ("grades", "grades_by_street"):
            assert got.summary[key] == expected.summary[key], key
        assert got.summary["findings"] == expected.summary["findings"]
