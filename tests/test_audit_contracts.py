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


def test_output_piped_into_a_closed_reader_ends_without_a_traceback(tmp_path):
    # `graphkit validate LEDGER | head -1`: the reader goes away; no traceback follows.
    import subprocess
    import sys

    (tmp_path / "units.csv").write_text(
        "统一社会信用代码,单位名称,所属街道\n91350200776049653A,甲公司,林山寨街道\n", encoding="utf-8"
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "graphkit.cli", "validate", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    with proc:
        proc.stdout.close()  # closed before the command prints anything
        err = proc.stderr.read().decode("utf-8")
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_an_output_path_that_cannot_be_written_is_one_clear_message(tmp_path, capsys):
    from graphkit.cli import main

    (tmp_path / "L").mkdir()
    (tmp_path / "L" / "units.csv").write_text(
        "统一社会信用代码,单位名称,所属街道\n91350200776049653A,甲公司,林山寨街道\n", encoding="utf-8"
    )
    blocker = tmp_path / "afile"
    blocker.write_text("", encoding="utf-8")
    ledger = str(tmp_path / "L")
    for args in (
        ["validate", ledger, "--out", str(blocker)],
        ["draw", ledger, "--out", str(blocker)],
        ["export", ledger, "--format", "json", "--out", str(blocker / "g.json")],
    ):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"graphkit {args[0]}: cannot use") and "afile" in err
        assert len(err.strip().splitlines()) == 1


def test_ledger_after_a_many_valued_option_gets_a_hint(capsys):
    # `--set`, `--without` and `--focus` take several values, so a LEDGER written after
    # them is taken as one more value; the message says so instead of only "required: LEDGER".
    import pytest

    from graphkit.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["analyze", "--without", "I1", "ledger.xlsx", "--out", "out"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "the following arguments are required: LEDGER" in err
    assert "write LEDGER before --set or --without)" in err
