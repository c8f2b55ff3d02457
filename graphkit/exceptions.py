"""The exception classes of graphkit.

Every error graphkit raises on purpose derives from :class:`GraphkitError`, so a
caller can catch them all at once. Messages are built first and name the file,
sheet, row and column involved where there is one.
"""

from __future__ import annotations

__all__ = ["ConfigError", "GraphkitError", "LedgerError", "Neo4jError"]


class GraphkitError(Exception):
    """Base class of every error graphkit raises on purpose."""


class LedgerError(GraphkitError, ValueError):
    """A ledger is unusable as a whole (no units table, a required column missing, ...).

    Single unusable rows never raise: they go to the rejects table.
    """


class ConfigError(GraphkitError, ValueError):
    """A setting is unknown or has a value of the wrong type."""


class Neo4jError(GraphkitError, RuntimeError):
    """The Neo4j server is unreachable, refuses the credentials, or lacks the database."""
