"""Files appear whole or not at all: each is written under a temporary name, then renamed.

An ``analyze`` that is interrupted (Ctrl-C, a killed process, a full disk)
must not leave a half-written ``findings.csv`` or ``report.xlsx`` that looks
complete, nor may ``graphkit demo`` or ``write_ledger`` leave a ledger file
cut short, which a reader would take for a shorter ledger. Every such file is
written as ``.NAME.part`` in the same folder and renamed to ``NAME`` only
when it was written whole (a rename within a folder is atomic); on an error
the part file is removed and the file there before, if any, stays as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

__all__ = ["replaced_when_done"]


@contextlib.contextmanager
def replaced_when_done(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it to ``path`` when the block ends without error.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "summary.json"
    >>> with replaced_when_done(target) as part:
    ...     _ = part.write_text("{}", encoding="utf-8")
    ...     target.exists()
    False
    >>> target.read_text(encoding="utf-8"), sorted(p.name for p in target.parent.iterdir())
    ('{}', ['summary.json'])

    """
    path = Path(path)
    part = path.with_name(f".{path.name}.part")
    try:
        yield part
        part.replace(path)
    finally:
        part.unlink(missing_ok=True)
