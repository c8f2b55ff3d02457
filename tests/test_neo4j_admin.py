"""neo4j-admin import files: exact headers and rows, and a real import into a scratch server."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
from pathlib import Path

import pandas as pd
import pytest
from conftest import neo4j_unavailable

import loaders
from graphkit import Neo4jError, Network, Settings
from graphkit.analysis import analyze
from graphkit.cli import main
from graphkit.datasets import tiny
from graphkit.neo4j import connect, server
from graphkit.neo4j.admin import import_local, write_admin_import
from loaders.neo4j import read_neo4j


def test_files_headers_and_rows(tmp_path):
    out = write_admin_import(tiny(), tmp_path / "admin")
    names = sorted(p.name for p in out.iterdir())
    assert names[:4] == ["BASED_AT.csv", "BASED_AT.header.csv", "BRANCH_OF.csv", "BRANCH_OF.header.csv"]
    assert "MEMBER_OF.csv" not in names  # empty types are left out
    assert {"import.sh", "README.txt", "Unit.csv", "Unit.header.csv"} <= set(names)
    header = (out / "Unit.header.csv").read_text(encoding="utf-8").strip()
    assert header == (
        "id:ID,name,kind,employees:long,party_members:long,probationary_members:long,operation,"
        "workforce,party_status,investor,no_org_reason,short_name,status,:LABEL"
    )
    assert (out / "PartyOrg.header.csv").read_text(encoding="utf-8").strip() == (
        "id:ID,name,level,form,members:long,term_ends:date,demo_level,grade,fails:long,:LABEL"
    )
    assert (out / "PAIRED_WITH.header.csv").read_text(encoding="utf-8").strip() == (
        ":START_ID,:END_ID,:TYPE,since:date,rows:long"
    )
    units = (out / "Unit.csv").read_text(encoding="utf-8").splitlines()
    assert len(units) == 10
    # no analysis: a short name, no status
    assert units[0].startswith("U01,甲科技公司,enterprise,") and units[0].endswith(",甲科技,,Unit;Enterprise")
    assert len((out / "IN_STREET.csv").read_text(encoding="utf-8").splitlines()) == 16


def test_analysis_results_go_on_the_nodes_as_push_writes_them(tmp_path):
    net = tiny()
    result = analyze(net, settings=Settings(as_of=dt.date(2026, 11, 27), max_contacts_per_instructor=1))
    out = write_admin_import(net, tmp_path / "admin", analysis=result)
    units = pd.read_csv(out / "Unit.csv", header=None, dtype=str).set_index(0)
    status = result.coverage["status"]
    assert units.iloc[:, -2].to_dict() == status.to_dict()
    labels = {"own_org": "OwnOrg", "joint_org": "JointOrg", "work_only": "WorkOnly", "uncovered": "Uncovered"}
    assert units.iloc[:, -1].to_dict() == {
        u: f"Unit;{'Enterprise' if net.units.loc[u, 'kind'] == 'enterprise' else 'SocialOrg'};{labels[s]}"
        for u, s in status.items()
    }
    header = (out / "Instructor.header.csv").read_text(encoding="utf-8").strip()
    assert header.endswith(",reach:long,contacts:long,overloaded:boolean,:LABEL")
    instructors = pd.read_csv(out / "Instructor.csv", header=None, dtype=str).set_index(0)
    over = result.instructors["overloaded"]
    assert over.any() and not over.all()  # both kinds of label are checked
    assert instructors.iloc[:, -1].to_dict() == {
        i: "Instructor;Overloaded" if o else "Instructor" for i, o in over.items()
    }


def test_phones_masked_by_default(tmp_path):
    out = write_admin_import(tiny(), tmp_path / "a")
    shown = write_admin_import(tiny(), tmp_path / "b", show_contacts=True)
    masked = (out / "Instructor.csv").read_text(encoding="utf-8")
    plain = (shown / "Instructor.csv").read_text(encoding="utf-8")
    assert "****" in masked and "****" not in plain


def test_import_script_holds_the_exact_command(tmp_path):
    out = write_admin_import(tiny(), tmp_path)
    script = (out / "import.sh").read_text(encoding="utf-8")
    assert 'database import full "${1:-neo4j}"' in script
    assert "--nodes=Unit.header.csv,Unit.csv" in script
    assert "--relationships=GUIDES.header.csv,GUIDES.csv" in script
    assert os.access(out / "import.sh", os.X_OK)


def test_cli_export_neo4j_admin(tmp_path, capsys):
    loaders.write_ledger(tiny(), tmp_path / "ledger", format="csv")
    code = main(["export", str(tmp_path / "ledger"), "--format", "neo4j-admin", "--out", str(tmp_path / "o")])
    assert code == 0
    assert (tmp_path / "o" / "Unit.csv").is_file()
    assert "neo4j-admin" in capsys.readouterr().out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.neo4j
def test_import_into_scratch_server_reads_back_equal(tmp_path, monkeypatch):
    if shutil.which("java") is None or shutil.which("mvn") is None:
        neo4j_unavailable("Java and Maven are needed to run neo4j-admin")
    monkeypatch.delenv("GRAPHKIT_NEO4J_BOLT_PORT", raising=False)
    monkeypatch.delenv("GRAPHKIT_NEO4J_HTTP_PORT", raising=False)
    monkeypatch.setenv("NEO4J_PASSWORD", "scratch-password-1")
    net = tiny()
    files = write_admin_import(net, tmp_path / "files", show_contacts=True)
    home = tmp_path / "home"
    cfg = server.ServerConfig.from_env(home, bolt_port=_free_port(), http_port=_free_port())
    server.install(cfg, share_from=server.home_dir())  # the test server's jars, when it has them
    report = import_local(files, home=home)
    assert "28 nodes" in report  # and the :Ledger node and "42 relationships" in report
    server.start(home, bolt_port=cfg.bolt_port, http_port=cfg.http_port)
    try:
        with connect(cfg.bolt_uri) as driver:
            back = read_neo4j(driver=driver)
    finally:
        server.stop(home, timeout=5)
    assert back.equals(net)
    assert not server.status(home).running


def test_event_ledger_and_load_finding_files_are_imported_as_nodes(tmp_path):
    from graphkit.neo4j.admin import import_files

    problem = {"code": "UNKNOWN_REFERENCE", "file": "units.csv", "sheet": None, "row": 3,
               "column": "party_org", "value": "P9", "subject_kind": "Unit", "subject_id": "U1",
               "subject_name": "甲", "street": None, "ref_kinds": "PartyOrg", "ambiguous": None}  # fmt: skip
    held = pd.DataFrame({"party_org": ["P1"], "date": ["2026-05-04"], "type": ["党课"]})
    net = Network.from_records(
        nodes={"Unit": [{"id": "U1"}], "PartyOrg": [{"id": "P1"}]},
        rels={"COVERED_BY": [("U1", "P1")]},
        events={"activities": held},
    ).replace(meta={"load_problems": [problem]})
    nodes, rels = import_files(write_admin_import(net, tmp_path))
    name = [Path(pair.split(",")[0]).name.removesuffix(".header.csv") for pair in nodes + rels]
    assert name == ["Activity", "Ledger", "LoadFinding", "PartyOrg", "Unit", "COVERED_BY", "HELD_BY"]
    assert len(nodes) == 5


def test_import_local_refuses_a_folder_without_files(tmp_path):
    with pytest.raises(Neo4jError, match=r"no \*\.header\.csv files"):
        import_local(tmp_path, home=tmp_path / "home")
