"""``graphkit draw``: every diagram of a ledger, ``--focus`` by id or name."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")


def test_cli_draw_writes_every_diagram(tmp_path):
    from graphkit.cli import main

    ledger = tmp_path / "ledger"
    ledger.mkdir()
    (ledger / "units.csv").write_text(
        "id,name,street,party_members,carrier\nU1,甲科技公司,林山寨街道,5,金融大厦\nU2,丙物流公司,建设路街道,0,\n",
        encoding="utf-8",
    )
    (ledger / "carriers.csv").write_text(
        "id,name,kind,street\nC1,金融大厦,楼宇,林山寨街道\n", encoding="utf-8"
    )
    (ledger / "instructors.csv").write_text("id,name,phone\nI1,张伟,13812345678\n", encoding="utf-8")
    (ledger / "assignments.csv").write_text("person,target\nI1,C1\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["draw", str(ledger), "--out", str(out), "--focus", "金融大厦", "I1", "--format", "svg"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "coverage_by_street.svg",
        "ego_I1.svg",
        "ego_金融大厦.svg",  # named by what was asked for
        "instructor_contacts.svg",
        "instructor_network.svg",
        "instructor_reach.svg",
        "network.html",
        "overview.svg",
    ]
    page = (out / "network.html").read_text(encoding="utf-8")
    assert "138****5678" in page and "13812345678" not in page
    assert main(["draw", str(ledger), "--out", str(out), "--focus", "I1", "--show-contacts"]) == 0
    assert "13812345678" in (out / "network.html").read_text(encoding="utf-8")
    assert main(["draw", str(ledger), "--out", str(out), "--focus", "无此单位"]) == 2


def test_cli_focus_names_an_ambiguous_name_clearly(tmp_path, capsys):
    from graphkit.cli import main

    ledger = tmp_path / "ledger"
    ledger.mkdir()
    (ledger / "units.csv").write_text(
        "id,name,street\nU1,甲科技公司,林山寨街道\nU2,甲科技公司,建设路街道\n", encoding="utf-8"
    )
    assert main(["draw", str(ledger), "--out", str(tmp_path / "out"), "--focus", "甲科技公司"]) == 2
    assert "--focus 甲科技公司: '甲科技公司' names 2 nodes (U1 Unit, U2 Unit): give the id instead" in (
        capsys.readouterr().err
    )


def test_cli_page_title_is_not_the_file_stem(tmp_path):
    from graphkit.cli import main

    ledger = tmp_path / "ledger"
    ledger.mkdir()
    (ledger / "units.csv").write_text("id,name,street\nU1,甲公司,林山寨街道\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["draw", str(ledger), "--out", str(out)]) == 0
    page = (out / "network.html").read_text(encoding="utf-8")
    assert "<title>两新组织党建网络</title>" in page and "ledger 两新" not in page
