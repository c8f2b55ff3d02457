"""Loaders: read ledgers, make the demo district, read back from Neo4j.

Public surface: :func:`read_ledger`, :func:`write_ledger`, :func:`demo_district`
and :func:`read_neo4j`. Loaders build :class:`graphkit.Network` objects and never
import the analyses.
"""
