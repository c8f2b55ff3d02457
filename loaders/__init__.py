"""Loaders: read ledgers, make the demo district, read back from Neo4j.

Public surface: :func:`read_ledger`, :func:`write_ledger`, :func:`demo_district`
and :func:`read_neo4j`. Loaders build :class:`graphkit.Network` objects and never
import the analyses. Each function is imported from its module on first use, so
``import loaders`` stays light and one missing optional dependency does not
break the others.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["demo_district", "read_ledger", "read_neo4j", "write_ledger"]

_HOME = {
    "read_ledger": "loaders.ledger",
    "write_ledger": "loaders.writer",
    "demo_district": "loaders.demo",
    "read_neo4j": "loaders.neo4j",
}


def __getattr__(name: str) -> Any:
    """Import a public function from its module on first access."""
    home = _HOME.get(name)
    if home is None:
        msg = f"module 'loaders' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
