"""The ``graphkit`` command line: the only place that wires loaders and graphkit.

Each subcommand lives in its own module with ``register(subparsers)``; this
module builds the parser, runs the command, and turns every
:class:`~graphkit.exceptions.GraphkitError` into one clear message on stderr and
exit code 2 (never a traceback). Anything unexpected (a bug, an exhausted
machine, a library's own error) gets one line naming a log file that holds the
traceback, and exit code 3 (DESIGN §6), so scripts can tell it from exit 1
(``validate --strict``: rows rejected) and 2 (unusable input).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from typing import Any, NoReturn

from graphkit import i18n
from graphkit.cli.console import shown
from graphkit.cli.memory import keep_freed_memory
from graphkit.exceptions import GraphkitError

__all__ = ["build_parser", "main"]

#: subcommand modules, in the order ``--help`` lists them
COMMANDS = ["demo", "validate", "analyze", "annotate", "draw", "export", "neo4j", "compare"]


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
    keep_freed_memory()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except GraphkitError as exc:
        print(f"graphkit {args.command}: {shown(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"graphkit {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`graphkit ... | head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not fail again
        return 141
    except OSError as exc:
        if exc.filename is None:  # not about a path the user gave
            return _unexpected(exc, args, argv)
        # an output (or input) path the system refuses (exists, not a folder, no permission, name too
        # long ...): one line, not a traceback
        print(f"graphkit {args.command}: cannot use {shown(exc.filename)}: {exc.strerror}", file=sys.stderr)
        return 2
    except BaseException as exc:  # anything unexpected: one line and a log, never a traceback
        if isinstance(exc, (SystemExit, GeneratorExit)):
            raise
        # (BaseException, not Exception: a panic in a Rust extension such as fastexcel raises
        # pyo3's PanicException, which derives from BaseException)
        return _unexpected(exc, args, argv)
    return int(code or 0)


def _unexpected(exc: BaseException, args: argparse.Namespace, argv: Sequence[str] | None) -> int:
    """Log the traceback being handled, print one line naming the log; return exit code 3."""
    log = _log_traceback(args.command, argv)
    first = shown(str(exc).splitlines()[0]) if str(exc).strip() else ""
    error = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    lang = getattr(args, "lang", None) or "zh"
    message = i18n.text("cli.unexpected", lang=lang, error=error, log=log)
    print(f"graphkit {args.command}: {message}", file=sys.stderr)
    return 3


def _log_traceback(command: str, argv: Sequence[str] | None) -> str:
    """Write the traceback being handled, with the command line, to a new log file; return its path."""
    try:
        fd, path = tempfile.mkstemp(prefix=f"graphkit-{command}-", suffix=".log")
        with os.fdopen(fd, "w", encoding="utf-8") as log:
            log.write(f"graphkit {' '.join(sys.argv[1:] if argv is None else argv)}\n\n")
            log.write(traceback.format_exc())
    except OSError as exc:  # no writable temporary folder: say so rather than fail again
        return f"(no log file: {exc.strerror})"
    return path


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
