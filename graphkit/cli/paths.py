"""The command line's guard on output places: ``--out`` never overwrites an input.

``graphkit analyze LEDGER --out LEDGER`` would write ``instructors.csv`` over
the ledger's own instructors table; an output folder that holds the ledger
could do the same to any file named like an output. So every command that
writes refuses an ``--out`` that is one of its inputs or contains one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from graphkit import i18n
from graphkit.exceptions import ConfigError

__all__ = ["check_out_not_input"]


def check_out_not_input(out: str | Path, inputs: Iterable[str | Path | None], *, lang: str = "zh") -> Path:
    """``out`` as a path; a ConfigError when it is, or contains, one of ``inputs`` (``None`` skipped).

    Paths are compared after resolving symbolic links and ``..``, so another
    spelling of the same place is caught too.

    Examples
    --------
    >>> import tempfile
    >>> ledger = Path(tempfile.mkdtemp()) / "ledger"
    >>> check_out_not_input(ledger.parent / "out", [ledger]).name
    'out'
    >>> try:
    ...     check_out_not_input(ledger.parent, [ledger / "units.csv"], lang="en")
    ... except ConfigError as exc:
    ...     print(str(exc).split(": ", 1)[1].split(",")[0])
    it is

    """
    out = Path(out)
    target = _resolved(out)
    for given in inputs:
        if given is None:
            continue
        source = _resolved(Path(given))
        if source == target or target in source.parents:
            msg = i18n.text("cli.out_is_input", lang=lang, out=out, input=given)
            raise ConfigError(msg)
    return out


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links, a name too long: compare as written
        return path.absolute()
