"""graphkit: party-organisation coverage of 两新组织 as a graph.

``import graphkit as gk`` is the front door for a notebook:

- :func:`read_ledger` reads a ledger (a folder of CSV/XLSX files or one
  workbook) into a :class:`Network`; :func:`demo_district` makes the
  synthetic demo district; :mod:`datasets` holds the tiny example network;
- :func:`analyze` runs every analysis and returns an :class:`Analysis`
  (settings as keywords: ``as_of="2026-12-31"``, ``max_contacts_per_instructor=8`` …);
- :func:`compare` analyses monthly snapshots and returns a :class:`Comparison`
  (what changed month over month, per street, and the 通报);
- the ``plot_*`` functions draw an :class:`Analysis` or a :class:`Network`,
  and accept names wherever they accept ids; :class:`Report` shows and saves
  the full report.

Examples
--------
>>> import graphkit as gk
>>> net = gk.datasets.tiny()
>>> result = gk.analyze(net, as_of="2026-11-27")
>>> result.rates
{'org_coverage': 0.6, 'own_rate': 0.3, 'work_coverage': 0.8}
>>> net.find("瑞阳养老院")
'U06'

Each name is imported from its module on first use, so ``import graphkit``
stays light (the command line starts from it too).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from graphkit.exceptions import ConfigError, GraphkitError, LedgerError, Neo4jError
from graphkit.findings import CODES, FINDING_COLUMNS
from graphkit.model import NODE_KINDS, REL_TYPES, Network
from graphkit.settings import Settings
from graphkit.version import __version__

if TYPE_CHECKING:
    from graphkit import datasets
    from graphkit.analysis import analyze
    from graphkit.analysis.compare import compare
    from graphkit.draw import (
        plot_coverage_by_street,
        plot_ego,
        plot_instructor_contacts,
        plot_instructor_network,
        plot_instructor_reach,
        plot_overview,
        plot_rate_trend,
    )
    from graphkit.report import Report
    from graphkit.results import Analysis, Comparison
    from loaders import demo_district, read_ledger

__all__ = [
    "CODES",
    "FINDING_COLUMNS",
    "NODE_KINDS",
    "REL_TYPES",
    "Analysis",
    "Comparison",
    "ConfigError",
    "GraphkitError",
    "LedgerError",
    "Neo4jError",
    "Network",
    "Report",
    "Settings",
    "__version__",
    "analyze",
    "compare",
    "datasets",
    "demo_district",
    "plot_coverage_by_street",
    "plot_ego",
    "plot_instructor_contacts",
    "plot_instructor_network",
    "plot_instructor_reach",
    "plot_overview",
    "plot_rate_trend",
    "read_ledger",
]

#: Where each lazily imported name lives.
_HOME = {
    "Analysis": "graphkit.results",
    "Comparison": "graphkit.results",
    "compare": "graphkit.analysis.compare",
    "Report": "graphkit.report",
    "analyze": "graphkit.analysis",
    "demo_district": "loaders",
    "read_ledger": "loaders",
    "plot_coverage_by_street": "graphkit.draw",
    "plot_ego": "graphkit.draw",
    "plot_instructor_contacts": "graphkit.draw",
    "plot_instructor_network": "graphkit.draw",
    "plot_instructor_reach": "graphkit.draw",
    "plot_overview": "graphkit.draw",
    "plot_rate_trend": "graphkit.draw",
}


def __getattr__(name: str) -> Any:
    """Import a front-door name from its module on first access."""
    if name == "datasets":
        return importlib.import_module("graphkit.datasets")
    home = _HOME.get(name)
    if home is None:
        msg = f"module 'graphkit' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
