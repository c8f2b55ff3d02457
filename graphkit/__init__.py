"""graphkit: party-organisation coverage of 两新组织 as a graph.

Loaders (the :mod:`loaders` package) read ledgers into a :class:`Network` of
typed frames; the analyses in :mod:`graphkit.analysis` answer coverage,
formation, instructor, pairing and attribution questions on those frames and
emit findings with stable codes.
"""

from __future__ import annotations

from graphkit.exceptions import ConfigError, GraphkitError, LedgerError, Neo4jError
from graphkit.findings import CODES, FINDING_COLUMNS
from graphkit.model import NODE_KINDS, REL_TYPES, Network
from graphkit.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "CODES",
    "FINDING_COLUMNS",
    "NODE_KINDS",
    "REL_TYPES",
    "ConfigError",
    "GraphkitError",
    "LedgerError",
    "Neo4jError",
    "Network",
    "Settings",
    "__version__",
]
