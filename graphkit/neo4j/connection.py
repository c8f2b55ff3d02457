"""Connecting to Neo4j: a checked driver, sessions, and driver errors as one clear message.

The one module the Neo4j read-back of :mod:`loaders` shares with the push and
the twins: connection settings come from ``NEO4J_URI``, ``NEO4J_USERNAME`` and
``NEO4J_PASSWORD`` (the names Neo4j's own tools use), else the local server's
password file (:func:`graphkit.neo4j.server.local_password`).

Examples
--------
>>> DEFAULT_URI
'bolt://127.0.0.1:7687'

"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from graphkit.exceptions import Neo4jError

if TYPE_CHECKING:
    import neo4j

__all__ = ["DEFAULT_URI", "connect", "session", "session_errors"]

DEFAULT_URI = "bolt://127.0.0.1:7687"
_SCHEMES = {"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"}


def connect(
    uri: str | None = None,
    *,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> neo4j.Driver:
    """Open a driver to Neo4j and check that it answers and accepts the credentials.

    Parameters
    ----------
    uri, user, password
        Default ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``; without a
        password the local server's password file is used.
    database
        When given, also check that this database exists.

    Returns
    -------
    neo4j.Driver
        Close it when done (``with connect() as driver: ...``).

    Raises
    ------
    Neo4jError
        No server answers, the credentials are refused, or the database is
        missing: one message that names the URI, never the password.

    """
    try:
        import neo4j
    except ImportError as exc:  # pragma: no cover - depends on the install
        msg = "the Neo4j driver is not installed: pip install 'graphkit-liangxin[neo4j]'"
        raise Neo4jError(msg) from exc
    from graphkit.neo4j.server import local_password

    uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
    user = user or os.environ.get("NEO4J_USERNAME") or "neo4j"
    password = password or local_password()
    if not password:
        msg = (
            f"no password for {user} at {uri}: set NEO4J_PASSWORD "
            "(or start the local server with `graphkit neo4j start`, which keeps one)"
        )
        raise Neo4jError(msg)
    scheme = uri.split("://", 1)[0] if "://" in uri else ""
    if scheme not in _SCHEMES:
        msg = f"NEO4J_URI {uri!r} is not a Neo4j URI (expected e.g. {DEFAULT_URI})"
        raise Neo4jError(msg)
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
    except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
        msg = f"NEO4J_URI {uri!r} is not a Neo4j URI (expected e.g. {DEFAULT_URI}): {exc}"
        raise Neo4jError(msg) from exc
    try:
        with session_errors(uri, database):
            driver.verify_connectivity()
            if database:
                with session(driver, database) as check:
                    check.run("RETURN 1").consume()
    except BaseException:
        driver.close()
        raise
    return driver


class session_errors:
    """Turn driver errors into one clear :class:`Neo4jError` naming the URI and database."""

    def __init__(self, uri: str | None = None, database: str | None = None) -> None:
        self.uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
        self.database = database

    def __enter__(self) -> session_errors:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any) -> bool:
        if exc is None:
            return False
        import neo4j.exceptions as ne

        where = self.uri
        if isinstance(exc, ne.AuthError):
            msg = (
                f"Neo4j at {where} refused the user name or password (check NEO4J_USERNAME / NEO4J_PASSWORD)"
            )
        elif isinstance(exc, ne.ServiceUnavailable | OSError):
            msg = f"no Neo4j server answers at {where} (start one: `graphkit neo4j start`, or set NEO4J_URI)"
        elif isinstance(exc, ne.Neo4jError) and "DatabaseNotFound" in (exc.code or ""):
            msg = f"database {self.database!r} does not exist on {where}"
        elif isinstance(exc, ne.DriverError | ne.Neo4jError):
            msg = f"Neo4j at {where}: {exc}"
        else:
            return False
        raise Neo4jError(msg) from exc


def session(driver: neo4j.Driver, database: str | None = None) -> neo4j.Session:
    """A session on ``database`` without server notifications.

    Notifications such as "label does not exist" are expected here (an
    empty kind is simply absent) and would only clutter the log.
    """
    return driver.session(database=database, notifications_min_severity="OFF")
