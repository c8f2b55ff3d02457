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
    from graphkit.neo4j.push import session

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
