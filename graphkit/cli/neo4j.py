"""``graphkit neo4j``: placeholder until the command lands."""

from __future__ import annotations

import argparse

from graphkit.exceptions import GraphkitError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``neo4j`` subcommand."""
    p = sub.add_parser("neo4j", help="(not yet available)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    msg = "this command is not available yet"
    raise GraphkitError(msg)
