"""Shared pytest fixtures. Keep additions small and named after what they hold."""

import os

import pytest

# ---------------------------------------------------------------- Neo4j
# Tests marked ``@pytest.mark.neo4j`` use the server at NEO4J_URI (NEO4J_PASSWORD, else the
# local server's password file). Locally they skip when none answers; with
# GRAPHKIT_REQUIRE_NEO4J=1 (CI) they fail instead. They only write into a database that is
# empty or already marked as a graphkit test database, so a user's data is never wiped.

NEO4J_TEST_MARKER = "GraphkitTestDatabase"


def neo4j_unavailable(reason: str) -> None:
    """Skip the test, or fail it when GRAPHKIT_REQUIRE_NEO4J=1."""
    if os.environ.get("GRAPHKIT_REQUIRE_NEO4J") == "1":
        pytest.fail(f"{reason} (GRAPHKIT_REQUIRE_NEO4J=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_driver():
    """An open driver to the test server, whose database is marked as a test database."""
    try:
        import neo4j  # noqa: F401
    except ImportError:
        neo4j_unavailable("the neo4j driver is not installed")
    from graphkit.exceptions import Neo4jError
    from graphkit.neo4j import connect
    from graphkit.neo4j.connection import session

    database = os.environ.get("GRAPHKIT_TEST_NEO4J_DATABASE") or None
    try:
        driver = connect(database=database)
    except Neo4jError as exc:
        neo4j_unavailable(f"no Neo4j server for the neo4j tests: {exc}")
    with session(driver, database) as s:
        marked = s.run(f"MATCH (m:{NEO4J_TEST_MARKER}) RETURN count(m) AS c").single()["c"]
        if not marked:
            used = s.run("MATCH (n) RETURN count(n) AS c").single()["c"]
            if used:
                driver.close()
                neo4j_unavailable(
                    f"the database at {os.environ.get('NEO4J_URI', 'bolt://127.0.0.1:7687')} holds "
                    f"{used} nodes and is not a graphkit test database; point NEO4J_URI at a "
                    "throwaway server (e.g. GRAPHKIT_NEO4J_HOME=/tmp/gk-test graphkit neo4j start)"
                )
            s.run(f"CREATE (:{NEO4J_TEST_MARKER} {{name: 'graphkit test database'}})").consume()
    yield driver
    driver.close()


@pytest.fixture
def neo4j_db(neo4j_driver):
    """``(driver, database)`` of an emptied test database (graphkit labels cleared)."""
    from graphkit.neo4j import clear

    database = os.environ.get("GRAPHKIT_TEST_NEO4J_DATABASE") or None
    clear(neo4j_driver, database=database)
    return neo4j_driver, database


# ------------------------------------------------------------- diagrams
@pytest.fixture(scope="module")
def two_street_net():
    """Two streets, one building (C1), an own (P1) and a joint (P2) organisation, units of every
    status (U1 own, U2 joint, U3 work only via the guided building, U4 uncovered) and one
    instructor with a phone number (I1 guides C1)."""
    from graphkit import Network

    return Network.from_records(
        nodes={
            "Unit": [
                {"id": "U1", "name": "甲科技公司", "party_members": 5},
                {"id": "U2", "name": "乙商贸公司", "party_members": 1},
                {"id": "U3", "name": "丙物流公司"},
                {"id": "U4", "name": "丁软件公司"},
            ],
            "Carrier": [{"id": "C1", "name": "金融大厦", "kind": "building"}],
            "PartyOrg": [
                {"id": "P1", "name": "甲科技公司党支部", "form": "own"},
                {"id": "P2", "name": "金融大厦联合党支部", "form": "joint"},
            ],
            "Street": [{"id": "S1", "name": "林山寨街道"}, {"id": "S2", "name": "建设路街道"}],
            "Instructor": [{"id": "I1", "name": "张伟", "phone": "13812345678"}],
        },
        rels={
            "COVERED_BY": [("U1", "P1"), ("U2", "P2")],
            "LOCATED_IN": [("U1", "C1"), ("U2", "C1"), ("U3", "C1")],
            "IN_STREET": [("U1", "S1"), ("U2", "S1"), ("U3", "S1"), ("U4", "S2"), ("C1", "S1")],
            "GUIDES": [("I1", "C1")],
        },
    )


@pytest.fixture
def two_instructor_net(two_street_net):
    """``two_street_net`` plus instructor I2 (李娜, 13900001111) guiding U4 directly."""
    import pandas as pd

    from graphkit import Network

    base = two_street_net
    extra = pd.DataFrame({"name": ["李娜"], "phone": ["13900001111"]}, index=pd.Index(["I2"], name="id"))
    nodes = dict(base.nodes) | {"Instructor": pd.concat([base.instructors, extra])}
    guides = pd.concat(
        [
            base.rel("GUIDES"),
            pd.DataFrame(
                {"source": ["I2"], "target": ["U4"], "source_kind": ["Instructor"], "target_kind": ["Unit"]}
            ),
        ]
    )
    return Network(nodes, dict(base.rels) | {"GUIDES": guides})
