"""Neo4j: a local server, an idempotent push, and neo4j-admin import files.

- :mod:`graphkit.neo4j.server` starts, stops and describes a local Neo4j
  Community server with Browser (``graphkit neo4j start|stop|status``);
- :func:`push` writes a :class:`~graphkit.Network` (``graphkit neo4j push``);
  :func:`connect` opens a checked driver from ``NEO4J_URI``/``NEO4J_USERNAME``/
  ``NEO4J_PASSWORD``;
- :func:`graphkit.neo4j.admin.write_admin_import` writes CSV files for
  ``neo4j-admin database import full``.

The graph's shape is documented in :mod:`graphkit.neo4j.push`;
``loaders.read_neo4j`` reads it back into a network.
"""

from __future__ import annotations

from graphkit.neo4j.push import clear, connect, counts, push

__all__ = ["clear", "connect", "counts", "push"]
