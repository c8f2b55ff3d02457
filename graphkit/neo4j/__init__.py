"""Neo4j: a local server, an idempotent push, and neo4j-admin import files.

- :mod:`graphkit.neo4j.server` starts, stops and describes a local Neo4j
  Community server with Browser (``graphkit neo4j start|stop|status``);
- :func:`push` writes a :class:`~graphkit.Network` (``graphkit neo4j push``);
  :func:`connect` opens a checked driver from ``NEO4J_URI``/``NEO4J_USERNAME``/
  ``NEO4J_PASSWORD``;
- :func:`graphkit.neo4j.admin.write_admin_import` writes CSV files for
  ``neo4j-admin database import full``;
- :func:`run_twins` answers the analyses in Cypher, row for row equal to
  :func:`graphkit.analysis.analyze` (``graphkit neo4j analyze``), and
  :func:`write_queries_zip` gives the named queries as Browser favourites.

The graph's shape is documented in :mod:`graphkit.neo4j.push`;
``loaders.read_neo4j`` reads it back into a network.
"""

from __future__ import annotations

from graphkit.neo4j.browser_queries import browser_queries, write_queries_zip
from graphkit.neo4j.connection import connect
from graphkit.neo4j.push import clear, counts, push
from graphkit.neo4j.twins import run_twins, twin_analysis

__all__ = [
    "browser_queries",
    "clear",
    "connect",
    "counts",
    "push",
    "run_twins",
    "twin_analysis",
    "write_queries_zip",
]
