"""Push into Neo4j and read back: idempotence, graph shape, round trips, clear errors."""

from __future__ import annotations

import datetime as dt
import socket

import neo4j.time
import pandas as pd
import pytest

import loaders
from graphkit import Neo4jError, Network, Settings
from graphkit.analysis import analyze
from graphkit.cli import main
from graphkit.datasets import tiny
from graphkit.neo4j import connect, counts, push
from graphkit.neo4j.connection import session
from loaders.neo4j import read_neo4j

TINY_COUNTS = {
    "Unit": 10,
    "Carrier": 2,
    "PartyOrg": 4,
    "Department": 2,
    "Street": 2,
    "GuidanceStation": 1,
    "Instructor": 3,
    "Liaison": 1,
    "OrganBranch": 2,
    "LOCATED_IN": 4,
    "MEMBER_OF": 0,
    "IN_STREET": 16,
    "SUPERVISED_BY": 1,
    "COVERED_BY": 6,
    "BASED_AT": 1,
    "REPORTS_TO": 1,
    "GUIDES": 3,
    "SENT_BY": 4,
    "LIAISES": 1,
    "PAIRED_WITH": 2,
    "BRANCH_OF": 2,
    "SERVES": 1,
    "Position": 0,
    "HOSTED_BY": 0,
    "USED_BY": 0,
}


def _one(driver, database, query, **params):
    with session(driver, database) as s:
        return s.run(query, **params).single()


# ------------------------------------------------------------- no server needed
def test_unreachable_server_is_one_clear_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(Neo4jError, match=rf"no Neo4j server answers at bolt://127.0.0.1:{port}"):
        connect(f"bolt://127.0.0.1:{port}", password="whatever-123")


def test_bad_uri_is_one_clear_error():
    with pytest.raises(Neo4jError, match="is not a Neo4j URI"):
        connect("http://127.0.0.1:7474", password="whatever-123")


def test_cli_push_without_server_exits_2(tmp_path, capsys, monkeypatch):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{port}")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret-password-9")
    loaders.write_ledger(tiny(), tmp_path / "ledger", format="csv")
    assert main(["neo4j", "push", str(tmp_path / "ledger")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("graphkit neo4j: no Neo4j server answers")
    assert "secret-password-9" not in err


def test_small_batches_share_a_transaction_and_a_big_one_stands_alone():
    from graphkit.neo4j.push import _packed

    batches = [("w", [{}] * n, i) for i, n in enumerate([3, 4, 2, 10, 1, 1])]
    assert [[tag for _, _, tag in pack] for pack in _packed(batches, 9)] == [[0, 1, 2], [3], [4, 5]]
    assert list(_packed([], 9)) == []


# ------------------------------------------------------------------ with server
@pytest.mark.neo4j
def test_schema_is_created_once_and_then_only_looked_up(neo4j_db):
    from graphkit.neo4j.push import _ensure_schema, _schema

    driver, database = neo4j_db
    push(tiny(), driver=driver, database=database)
    with session(driver, database) as s:
        assert _ensure_schema(s) == 0  # nothing missing: a second push creates nothing
        constraints = {r["name"] for r in s.run("SHOW CONSTRAINTS YIELD name")}
        indexes = {r["name"]: r["state"] for r in s.run("SHOW INDEXES YIELD name, state")}
    wanted = {name: what for what, name, _ in _schema()}
    assert {n for n, what in wanted.items() if what == "constraint"} <= constraints
    assert all(indexes[n] == "ONLINE" for n in wanted)


@pytest.mark.neo4j
def test_push_twice_gives_the_same_graph(neo4j_db):
    driver, database = neo4j_db
    first = push(tiny(), driver=driver, database=database)
    after_first = counts(driver, database=database)
    second = push(tiny(), driver=driver, database=database)
    assert (first["nodes"], first["relationships"], first["skipped"]) == (27, 42, 0)
    assert (second["nodes"], second["relationships"]) == (27, 42)
    assert after_first == TINY_COUNTS
    assert counts(driver, database=database) == TINY_COUNTS


@pytest.mark.neo4j
def test_round_trip_equals(neo4j_db):
    driver, database = neo4j_db
    net = tiny()
    push(net, driver=driver, database=database, show_contacts=True)
    back = read_neo4j(driver=driver, database=database)
    assert back.equals(net)


@pytest.mark.neo4j
def test_demo_district_round_trip(neo4j_db):
    driver, database = neo4j_db
    net = loaders.demo_district(units=500)
    result = push(net, driver=driver, database=database, show_contacts=True, batch_size=500)
    n_nodes = sum(len(f) for f in net.nodes.values())
    assert result["nodes"] == n_nodes
    assert result["skipped"] == 0
    assert read_neo4j(driver=driver, database=database).equals(net)


@pytest.mark.neo4j
def test_graph_shape_labels_types_and_names(neo4j_db):
    driver, database = neo4j_db
    push(tiny(), driver=driver, database=database)
    rec = _one(
        driver,
        database,
        "MATCH (u:Unit {id: 'U06'}) MATCH (p:PartyOrg {id: 'P1'}) "
        "RETURN labels(u) AS labels, u.name AS name, u.party_members AS members, p.term_ends AS ends",
    )
    assert sorted(rec["labels"]) == ["SocialOrg", "Unit"]
    assert rec["name"] == "瑞阳养老院"
    assert rec["members"] == 3 and isinstance(rec["members"], int)
    assert isinstance(rec["ends"], neo4j.time.Date)
    enterprises = _one(driver, database, "MATCH (n:Enterprise) RETURN count(n) AS c")["c"]
    nameless = _one(
        driver, database, "MATCH (n) WHERE n.id IS NOT NULL AND n.name IS NULL RETURN count(n) AS c"
    )
    assert (enterprises, nameless["c"]) == (8, 0)


@pytest.mark.neo4j
def test_duplicate_rows_become_one_relationship_with_rows(neo4j_db):
    driver, database = neo4j_db
    net = Network.from_records(
        nodes={"Unit": [{"id": "U1", "name": "甲公司"}], "Instructor": [{"id": "I1", "name": "张伟"}]},
        rels={"GUIDES": [("I1", "U1"), ("I1", "U1")]},
    )
    push(net, driver=driver, database=database)
    push(net, driver=driver, database=database)
    query = "MATCH (:Instructor)-[r:GUIDES]->(:Unit) RETURN count(r) AS n, sum(r.rows) AS rows"
    rec = _one(driver, database, query)
    assert (rec["n"], rec["rows"]) == (1, 2)
    assert len(read_neo4j(driver=driver, database=database).rel("GUIDES")) == 2


@pytest.mark.neo4j
def test_phones_masked_unless_asked(neo4j_db):
    driver, database = neo4j_db
    net = Network.from_records(nodes={"Instructor": [{"id": "I1", "name": "张伟", "phone": "13812345678"}]})
    push(net, driver=driver, database=database)
    assert _one(driver, database, "MATCH (i:Instructor) RETURN i.phone AS p")["p"] == "138****5678"
    push(net, driver=driver, database=database, show_contacts=True)
    assert _one(driver, database, "MATCH (i:Instructor) RETURN i.phone AS p")["p"] == "13812345678"


@pytest.mark.neo4j
def test_changed_values_replace_old_ones(neo4j_db):
    driver, database = neo4j_db
    before = Network.from_records(
        nodes={"Unit": [{"id": "U1", "name": "甲公司", "kind": "enterprise", "employees": 10}]}
    )
    after = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "甲协会", "kind": "social_org"}]})
    push(before, driver=driver, database=database)
    push(after, driver=driver, database=database)
    rec = _one(driver, database, "MATCH (u:Unit) RETURN labels(u) AS l, u.name AS n, u.employees AS e")
    assert (sorted(rec["l"]), rec["n"], rec["e"]) == (["SocialOrg", "Unit"], "甲协会", None)


@pytest.mark.neo4j
def test_replace_deletes_only_the_graphkit_graph(neo4j_db):
    driver, database = neo4j_db
    push(tiny(), driver=driver, database=database)
    with session(driver, database) as s:
        s.run("CREATE (:UserNote {text: 'keep me'})").consume()
    small = Network.from_records(nodes={"Street": [{"id": "S9", "name": "须水街道"}]})
    result = push(small, driver=driver, database=database, replace=True)
    assert result["deleted"] == 27 + 1  # and the :Ledger node
    assert counts(driver, database=database)["Street"] == 1
    assert counts(driver, database=database)["Unit"] == 0
    kept = _one(driver, database, "MATCH (n:UserNote) DETACH DELETE n RETURN count(n) AS c")
    assert kept["c"] == 1


@pytest.mark.neo4j
def test_relationship_to_missing_node_is_skipped_and_counted(neo4j_db):
    driver, database = neo4j_db
    rels = pd.DataFrame(
        {"source": ["U1", "U1"], "target": ["P1", "P9"], "source_kind": "Unit", "target_kind": "PartyOrg"}
    )
    net = Network(
        {
            "Unit": pd.DataFrame({"id": ["U1"], "name": ["甲公司"]}),
            "PartyOrg": pd.DataFrame({"id": ["P1"], "name": ["甲党支部"]}),
        },
        {"COVERED_BY": rels},
    )
    result = push(net, driver=driver, database=database, batch_size=1)
    assert (result["nodes"], result["relationships"], result["skipped"]) == (2, 1, 1)


@pytest.mark.neo4j
def test_dates_come_back_as_dates(neo4j_db):
    driver, database = neo4j_db
    net = Network.from_records(
        nodes={
            "OrganBranch": [{"id": "OB1", "name": "区教育局机关党支部"}],
            "PartyOrg": [{"id": "P1", "name": "甲"}],
        },
        rels={"PAIRED_WITH": [{"source": "OB1", "target": "P1", "since": "2021-05-04"}]},
    )
    push(net, driver=driver, database=database)
    since = _one(driver, database, "MATCH ()-[r:PAIRED_WITH]->() RETURN r.since AS s")["s"]
    assert since.to_native() == dt.date(2021, 5, 4)
    assert read_neo4j(driver=driver, database=database).equals(net)


@pytest.mark.neo4j
def test_wrong_password_is_one_clear_error(neo4j_driver):
    import os

    uri = os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687")
    with pytest.raises(Neo4jError, match="refused the user name or password") as info:
        connect(uri, password="not-the-password-1")
    assert "not-the-password-1" not in str(info.value)


@pytest.mark.neo4j
def test_missing_database_is_one_clear_error(neo4j_driver):
    with pytest.raises(Neo4jError, match="database 'nosuchdb' does not exist"):
        connect(database="nosuchdb")


@pytest.mark.neo4j
def test_cli_push_reads_the_ledger_and_counts(neo4j_db, tmp_path, capsys):
    driver, database = neo4j_db
    loaders.write_ledger(tiny(), tmp_path / "ledger", format="csv")
    expected = loaders.read_ledger(tmp_path / "ledger")
    n_nodes = sum(len(f) for f in expected.nodes.values())
    args = ["neo4j", "push", str(tmp_path / "ledger"), "--replace", "--batch-size", "7", "--sessions", "3"]
    if database:
        args += ["--database", database]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"wrote {n_nodes} nodes and ")
    assert counts(driver, database=database)["Unit"] == len(expected.units)
    # the analysis is pushed with the graph unless --no-analysis
    query = "MATCH (u:Unit) RETURN count(u.status) AS c, count(u.short_name) AS s"
    assert tuple(_one(driver, database, query).values()) == (len(expected.units), len(expected.units))
    assert main([*args, "--no-analysis"]) == 0
    assert tuple(_one(driver, database, query).values()) == (0, len(expected.units))


@pytest.mark.parametrize(("option", "value"), [("--batch-size", "0"), ("--sessions", "0")])
def test_cli_push_options_below_one_exit_2(tmp_path, capsys, option, value):
    assert main(["neo4j", "push", str(tmp_path / "ledger"), option, value]) == 2
    assert f"{option} must be at least 1, got 0" in capsys.readouterr().err


def _graph(driver, database, *, skip_ids=()):
    """Every graphkit node (labels, properties) and relationship (type, ends, properties), sorted."""
    with session(driver, database) as s:
        nodes = s.run(
            "MATCH (n) WHERE n.id IS NOT NULL AND NOT n.id IN $skip "
            "RETURN labels(n) AS l, properties(n) AS p",
            skip=list(skip_ids),
        ).data()
        rels = s.run(
            "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS s, b.id AS e, properties(r) AS p"
        ).data()
    return sorted(repr((sorted(n["l"]), sorted(n["p"].items()))) for n in nodes), sorted(
        repr((r["t"], r["s"], r["e"], sorted(r["p"].items()))) for r in rels
    )


@pytest.mark.neo4j
def test_create_into_empty_graph_equals_merge_into_used_one(neo4j_db):
    driver, database = neo4j_db
    net = loaders.demo_district(units=500)
    result = analyze(net, settings=Settings(as_of=dt.date(2026, 11, 27)))  # labels and results too
    other = Network.from_records(nodes={"Street": [{"id": "S-OTHER", "name": "须水街道"}]})
    push(other, driver=driver, database=database)
    merged = push(net, driver=driver, database=database, batch_size=97, sessions=1, analysis=result)
    by_merge = _graph(driver, database, skip_ids=["S-OTHER"])
    created = push(
        net, driver=driver, database=database, replace=True, batch_size=97, sessions=2, analysis=result
    )
    assert (merged["created"], created["created"]) == (False, True)
    assert (created["nodes"], created["relationships"], created["skipped"]) == (
        merged["nodes"],
        merged["relationships"],
        0,
    )
    assert _graph(driver, database) == by_merge


@pytest.mark.neo4j
def test_retried_create_batch_merges_instead_of_doubling(neo4j_db):
    driver, database = neo4j_db
    from graphkit.neo4j.push import _Elements, _node_steps, _rel_steps

    net = tiny()
    assert push(net, driver=driver, database=database)["created"] is True
    before = counts(driver, database=database)
    elements = _Elements({kind: len(frame) for kind, frame in net.nodes.items()})
    with session(driver, database) as s:
        # a retry (second attempt) of every batch, as if its first attempt had been committed
        for step in _node_steps(net, False, True):
            written, ids = s.execute_write(step.writer, step.rows(0, step.size), [1])
            elements.add(step.kind, step.at, net.nodes[step.kind].index.take(step.at).tolist(), ids)
            assert written == step.size
        for step in _rel_steps(net, True, elements):
            assert "MERGE" in step.writer.retry and "CREATE" in step.writer.query
            assert s.execute_write(step.writer, step.rows(0, step.size), [1])[0] == step.size
    assert counts(driver, database=database) == before == TINY_COUNTS


@pytest.mark.neo4j
def test_push_killed_midway_and_run_again_gives_the_identical_graph(neo4j_db, tmp_path):
    """A push killed part-way (kill -9: no clean-up runs) and run again leaves the graph of a clean push."""
    import os
    import signal
    import subprocess
    import sys
    import time

    driver, database = neo4j_db
    ledger = tmp_path / "ledger"
    loaders.write_ledger(loaders.demo_district(units=1500), ledger, format="csv")
    expected = loaders.read_ledger(ledger)
    full = sum(len(f) for f in expected.nodes.values())
    db = ["--database", database] if database else []
    args = ["neo4j", "push", str(ledger), "--show-contacts", "--sessions", "1", *db]
    # small batches, so the push takes long enough to be caught half-way
    proc = subprocess.Popen(
        [sys.executable, "-m", "graphkit.cli", *args, "--replace", "--batch-size", "20"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    try:
        seen = 0
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            seen = _one(driver, database, "MATCH (n:Unit) RETURN count(n) AS n")["n"]
            if seen > 0:
                break
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    partial = _one(driver, database, "MATCH (n) WHERE n.id IS NOT NULL RETURN count(n) AS n")["n"]
    assert 0 < partial < full  # it was stopped part-way, not after the end
    assert main(args) == 0  # run again, as a user would (no --replace)
    assert read_neo4j(driver=driver, database=database).equals(expected)


@pytest.mark.neo4j
def test_analysis_results_and_status_labels_are_pushed_and_removed_again(neo4j_db, two_street_net):
    driver, database = neo4j_db
    # U2 with its place and legal form in its name
    units = two_street_net.units.assign(
        name=["甲科技公司", "郑州市中原区乙商贸有限公司", "丙物流公司", "丁软件公司"]
    )
    net = Network({**two_street_net.nodes, "Unit": units}, two_street_net.rels)
    result = analyze(net, settings=Settings(as_of=dt.date(2026, 11, 27), max_contacts_per_instructor=0))
    instructor_query = "MATCH (i:Instructor) RETURN i {.reach, .contacts, .overloaded}, labels(i) AS l"
    units_query = (
        "MATCH (u:Unit) RETURN u.id AS id, u.short_name AS short, u.status AS status, "
        "[l IN labels(u) WHERE l <> 'Unit'] AS labels ORDER BY id"
    )
    expected = [
        ["U1", "甲科技", "own_org", ["OwnOrg"]],
        ["U2", "乙商贸", "joint_org", ["JointOrg"]],
        ["U3", "丙物流", "work_only", ["WorkOnly"]],
        ["U4", "丁软件", "uncovered", ["Uncovered"]],
    ]
    for replace in (True, False):  # CREATE into an empty graph, then MERGE over it
        push(net, driver=driver, database=database, replace=replace, analysis=result)
        with session(driver, database) as s:
            assert [list(r.values()) for r in s.run(units_query)] == expected
            i1 = s.run(
                "MATCH (i:Instructor) RETURN i {.reach, .contacts, .overloaded}, labels(i) AS l"
            ).single()
            assert i1.values() == [
                {"reach": 3, "contacts": 1, "overloaded": True},
                ["Instructor", "Overloaded"],
            ]
            grades = s.run("MATCH (p:PartyOrg) RETURN p.fails IS NOT NULL AS f").value()
            assert grades == [True, True]
    # without an analysis: no results, no status labels (phones unmasked to compare the read-back)
    push(net, driver=driver, database=database, show_contacts=True)
    with session(driver, database) as s:
        assert [list(r.values()) for r in s.run(units_query)] == [[u, n, None, []] for u, n, _, _ in expected]
        load, labels = s.run(instructor_query).single().values()
        assert (load, labels) == ({"reach": None, "contacts": None, "overloaded": None}, ["Instructor"])
    assert read_neo4j(driver=driver, database=database).equals(net)  # derived properties are not read back


def test_relationship_rows_are_paired_up_once_each_with_the_first_date_given():
    """Repeated pairs become one row with ``rows``; its ``since`` is the first given, as groupby's first()."""
    from graphkit.neo4j.push import _rel_group, _rel_steps, rel_rows

    net = Network.from_records(
        nodes={"OrganBranch": [{"id": "O1"}, {"id": "O2"}], "PartyOrg": [{"id": "P1"}, {"id": "P2"}]},
        rels={
            "PAIRED_WITH": [
                {"source": "O2", "target": "P1", "since": None},
                {"source": "O1", "target": "P2", "since": "2025-03-01"},
                {"source": "O2", "target": "P1", "since": "2024-01-01"},
                {"source": "O2", "target": "P1", "since": "2023-06-30"},
                {"source": "O1", "target": "P1", "since": None},
            ]
        },
    )
    group = _rel_group(net, "PAIRED_WITH", "OrganBranch", "PartyOrg")
    assert (group.source.tolist(), group.target.tolist()) == ([1, 0, 0], [0, 1, 0])
    since = group.props["since"].dt.strftime("%Y-%m-%d").fillna("-").tolist()
    assert (since, group.props["rows"].tolist()) == (["2024-01-01", "2025-03-01", "-"], [3, 1, 1])
    # the rows sent: ids, then the date as text (made a date by the query) and ``rows``
    (step,) = _rel_steps(net, create=False)
    sent = [["O2", "P1", "2024-01-01", 3], ["O1", "P2", "2025-03-01", 1], ["O1", "P1", None, 1]]
    assert step.rows(0, step.size) == sent
    assert [[r["s"], r["t"], r["props"]["rows"]] for r in rel_rows(net, "PAIRED_WITH")] == [
        [s, t, rows] for s, t, _, rows in sent
    ]
