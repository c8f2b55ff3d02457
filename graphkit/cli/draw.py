"""``graphkit draw``: placeholder until the command lands."""

from __future__ import annotations

import argparse

from graphkit.exceptions import GraphkitError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``draw`` subcommand."""
    p = sub.add_parser("draw", help="(not yet available)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the command."""
    msg = "this command is not available yet"
    raise GraphkitError(msg)
