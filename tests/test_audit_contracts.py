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


def test_contact_columns_kept_as_extra_attributes_are_masked_too(tmp_path):
    # An office ledger's own phone column (not a known header) is kept as an extra
    # attribute; it is still a personal contact detail, so every output masks it.
    import pandas as pd

    from graphkit.export import write_graph
    from graphkit.privacy import mask_contacts

    frame = pd.DataFrame(
        {"name": ["甲公司"], "聯繫人手機": ["13912345678"], "Mobile": ["13800001111"]}
    ).assign(备注="13700001111")
    masked = mask_contacts(frame)
    assert masked.loc[0, "聯繫人手機"] == "139****5678"
    assert masked.loc[0, "Mobile"] == "138****1111"
    assert masked.loc[0, "备注"] == "13700001111"  # not a contact column by name
    assert mask_contacts(frame, show_contacts=True).loc[0, "聯繫人手機"] == "13912345678"

    net = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "甲公司", "联系人电话": "13912345678"}]})
    path = write_graph(net, tmp_path / "g.graphml", format="graphml")
    text = path.read_text(encoding="utf-8")
    assert "139****5678" in text and "13912345678" not in text
