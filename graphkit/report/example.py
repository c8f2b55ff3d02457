"""A tiny, hand-made analysis result for examples, doctests and tests.

Examples
--------
>>> analysis = example_analysis()
>>> len(analysis.coverage), analysis.rates["org_coverage"]
(4, 0.5)

"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from graphkit.analysis.coverage import STATUSES
from graphkit.analysis.pairing import PAIRING_COLUMNS
from graphkit.findings import concat_findings, make_findings
from graphkit.model import Network, empty_rejects
from graphkit.report.tables import STREET_COLUMNS
from graphkit.results import Analysis
from graphkit.settings import Settings

__all__ = ["example_analysis"]


def example_analysis() -> Analysis:
    """A tiny, hand-made analysis result (four units) for examples and tests.

    Every field is made by hand (no analysis runs): four units in two
    streets, one of each coverage status; one instructor with a phone
    number; four findings; one proposed joint branch of two units.

    Examples
    --------
    >>> example_analysis().coverage["status"].tolist()
    ['own_org', 'joint_org', 'work_only', 'uncovered']

    """
    findings = _findings()
    settings = Settings(as_of=dt.date(2026, 1, 1))
    return Analysis(
        network=_network(),
        settings=settings,
        coverage=_coverage(),
        instructors=pd.DataFrame(
            {
                "name": ["张伟"],
                "reach": [1],
                "contacts": [1],
                "overloaded": [False],
                "street": ["建设路街道"],
            },
            index=pd.Index(["I1"], name="instructor_id"),
        ),
        pairings=pd.DataFrame(columns=PAIRING_COLUMNS),
        proposals=_proposals(),
        resilience=pd.DataFrame(
            {
                "subject_kind": ["Instructor", "PartyOrg", "PartyOrg"],
                "subject_id": ["I1", "P1", "P2"],
                "name": ["张伟", "甲公司党支部", "联合党支部"],
                "units_lost_org": [0, 1, 1],
                "units_lost_work": [1, 0, 0],
                "units_lost_total": [1, 1, 1],
            }
        ),
        findings=findings,
        summary=_summary(settings, findings),
        rejects=empty_rejects(),
    )


def _network() -> Network:
    """Four units (one per coverage status) in two streets, two party organisations, one instructor."""
    return Network.from_records(
        nodes={
            "Unit": [
                {"id": "U1", "name": "甲公司", "kind": "enterprise", "party_members": 5},
                {"id": "U2", "name": "乙公司", "kind": "enterprise", "party_members": 1},
                {"id": "U3", "name": "丙协会", "kind": "social_org", "party_members": 0},
                {"id": "U4", "name": "丁公司", "kind": "enterprise", "party_members": 2},
            ],
            "PartyOrg": [
                {"id": "P1", "name": "甲公司党支部", "level": "branch", "form": "own"},
                {"id": "P2", "name": "联合党支部", "level": "branch", "form": "joint"},
            ],
            "Street": [{"id": "S1", "name": "林山寨街道"}, {"id": "S2", "name": "建设路街道"}],
            "Instructor": [{"id": "I1", "name": "张伟", "phone": "13812345678"}],
        },
        rels={
            "COVERED_BY": [("U1", "P1"), ("U2", "P2")],
            "GUIDES": [("I1", "U3")],
            "IN_STREET": [("U1", "S1"), ("U2", "S1"), ("U3", "S2"), ("U4", "S2")],
        },
    )


def _coverage() -> pd.DataFrame:
    """The coverage frame of :func:`_network`: U1 to U4 in the order of the statuses."""
    return pd.DataFrame(
        {
            "name": ["甲公司", "乙公司", "丙协会", "丁公司"],
            "kind": ["enterprise", "enterprise", "social_org", "enterprise"],
            "street": ["林山寨街道", "林山寨街道", "建设路街道", "建设路街道"],
            "street_id": ["S1", "S1", "S2", "S2"],
            "party_members": pd.array([5, 1, 0, 2], dtype="Int64"),
            "status": list(STATUSES),
            "party_org_id": ["P1", "P2", None, None],
        },
        index=pd.Index(["U1", "U2", "U3", "U4"], name="unit_id"),
    ).astype(dict.fromkeys(("name", "kind", "street", "street_id", "status", "party_org_id"), "string"))


def _findings() -> pd.DataFrame:
    """U4 is uncovered and has members without an organisation; neither organisation is paired."""
    return concat_findings(
        [
            make_findings("UNCOVERED", "Unit", ["U4"], ["丁公司"], street=["建设路街道"], detail="无覆盖"),
            make_findings(
                "MEMBERS_WITHOUT_ORG", "Unit", ["U4"], ["丁公司"], street=["建设路街道"], detail="有2名党员"
            ),
            make_findings("UNPAIRED_ORG", "PartyOrg", ["P1", "P2"], ["甲公司党支部", "联合党支部"]),
        ]
    )


def _proposals() -> pd.DataFrame:
    """One joint branch for the two units without an organisation."""
    return pd.DataFrame(
        {
            "proposal": ["joint_branch", "joint_branch"],
            "group": [1, 1],
            "subject_kind": ["Unit", "Unit"],
            "subject_id": ["U3", "U4"],
            "subject_name": ["丙协会", "丁公司"],
            "from_id": [None, None],
            "from_name": [None, None],
            "to_id": [None, None],
            "to_name": [None, None],
            "street": ["建设路街道", "建设路街道"],
            "detail": ["与丁公司联合组建党支部", "与丙协会联合组建党支部"],
        }
    )


def _summary(settings: Settings, findings: pd.DataFrame) -> dict[str, Any]:
    """Counts and rates of the example, overall and by street."""
    street_rows = [
        ("S1", "林山寨街道", 2, 1, 1, 0, 0, 1.0, 0.5, 1.0),
        ("S2", "建设路街道", 2, 0, 0, 1, 1, 0.0, 0.0, 0.5),
    ]
    return {
        "as_of": "2026-01-01",
        "settings": settings.to_dict(),
        "counts": {"Unit": 4},
        "rates": {"org_coverage": 0.5, "own_rate": 0.25, "work_coverage": 0.75},
        "by_street": [dict(zip(STREET_COLUMNS, row, strict=True)) for row in street_rows],
        "findings": findings["code"].value_counts().to_dict(),
    }
