"""Contract audit: smallest cases found by checking the product against DESIGN §4–7."""

from graphkit import Network
from graphkit.analysis import attribution_findings


def test_attribution_mismatch_when_no_unit_has_a_supervising_department():
    # A social organisation with no supervising department falls back to its street;
    # with no SUPERVISED_BY row at all in the network this used to crash.
    net = Network.from_records(
        nodes={
            "Unit": [{"id": "U1", "name": "丙协会", "kind": "social_org"}],
            "PartyOrg": [{"id": "P1", "name": "丙协会党支部"}],
            "Department": [{"id": "D1", "name": "区民政局"}],
            "Street": [{"id": "S1", "name": "建设路街道"}],
        },
        rels={"COVERED_BY": [("U1", "P1")], "REPORTS_TO": [("P1", "D1")], "IN_STREET": [("U1", "S1")]},
    )
    f = attribution_findings(net)
    assert f[["code", "subject_id"]].values.tolist() == [["ATTRIBUTION_MISMATCH", "P1"]]
    assert "建设路街道" in f.loc[0, "detail"]
