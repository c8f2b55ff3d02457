"""The ``graphkit`` command line: the only place that wires loaders and graphkit.

Each subcommand lives in its own module with ``register(subparsers)``; this
module builds the parser, runs the command, and turns every
:class:`~graphkit.exceptions.GraphkitError` into one clear message on stderr and
exit code 2 (never a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from graphkit.exceptions import GraphkitError

__all__ = ["build_parser", "main"]

#: subcommand modules, in the order ``--help`` lists them
COMMANDS = ["demo", "validate", "analyze", "draw", "export", "neo4j", "compare"]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose "LEDGER is required" error says why it may be missing."""

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """Add an argument, remembering its option strings (for :meth:`error`)."""
        action = super().add_argument(*args, **kwargs)
        self.__dict__.setdefault("option_names", set()).update(action.option_strings)
        return action

    def error(self, message: str) -> NoReturn:
        known = self.__dict__.get("option_names", set())
        many = [o for o in ("--set", "--without", "--focus") if o in known]
        if "required: LEDGER" in message and many:
            message += (
                f" ({' and '.join(many)} take several values, so a LEDGER written after them is read"
                f" as one of those values: write LEDGER before {' or '.join(many)})"
            )
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    """Return the ``graphkit`` argument parser with every subcommand."""
    parser = _Parser(
        prog="graphkit",
        description="Party-organisation coverage of 两新组织 as a graph: load ledgers, "
        "find gaps, propose fixes, draw and export, query in Neo4j.",
    )
    from graphkit.version import __version__

    parser.add_argument("--version", action="version", version=f"graphkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        module = importlib.import_module(f"graphkit.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Examples
    --------
    >>> main(["--version"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    SystemExit: 0

    """
    _arrow_memory_pool()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except GraphkitError as exc:
        print(f"graphkit {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"graphkit {args.command}: interrupted", file=sys.stderr)
        return 130
    except (FileExistsError, NotADirectoryError, PermissionError, IsADirectoryError) as exc:
        # an output (or input) path the system refuses: one line, not a traceback
        print(f"graphkit {args.command}: cannot use {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`graphkit ... | head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not fail again
        return 141
    return int(code or 0)


def _arrow_memory_pool() -> None:
    """Arrow allocates from jemalloc in this process, unless ``ARROW_DEFAULT_MEMORY_POOL`` names a pool.

    jemalloc keeps freed pages for the next array; pyarrow's default pool on
    Linux (mimalloc) hands a large freed buffer back to the system at once, so a
    million-row ledger passing through many column-sized steps faults the same
    memory in again and again. A process-wide choice, so the command line makes
    it for its own process; the library never does.
    """
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    import pyarrow

    try:
        pool = pyarrow.jemalloc_memory_pool()
    except NotImplementedError:  # a pyarrow built without jemalloc
        return
    pyarrow.set_memory_pool(pool)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
