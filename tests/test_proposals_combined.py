"""All proposals in one frame."""

from __future__ import annotations

import pandas as pd

from graphkit.analysis.coverage import coverage
from graphkit.analysis.proposals import PROPOSAL_COLUMNS, proposals
from graphkit.model import Network
from graphkit.settings import Settings


def test_proposals_concatenates_all_kinds(tmp_path):
    both = Network.from_records(
        nodes={
            "Unit": [
                {"id": "U1"},
                {"id": "U2"},
                {"id": "J1", "party_members": 1},
                {"id": "J2", "party_members": 2},
            ],
            "Carrier": [{"id": "C1"}],
            "Instructor": [{"id": "I1"}, {"id": "I2"}],
        },
        rels={"GUIDES": [("I1", "U1"), ("I1", "U2")], "LOCATED_IN": [("J1", "C1"), ("J2", "C1")]},
    )
    p = proposals(both, settings=Settings(max_contacts_per_instructor=1), coverage=coverage(both))
    assert list(p.columns) == PROPOSAL_COLUMNS
    assert p[["proposal", "group", "subject_id"]].values.tolist() == [
        ["move_assignment", 1, "U1"],
        ["joint_branch", 1, "J2"],
        ["joint_branch", 1, "J1"],
    ]
    p.to_csv(tmp_path / "p.csv", index=False)
    back = pd.read_csv(tmp_path / "p.csv", dtype=str)
    assert list(back.columns) == PROPOSAL_COLUMNS
