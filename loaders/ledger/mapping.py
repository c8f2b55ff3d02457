"""Which table a file or sheet is and which column a header is: the schema's names plus a user mapping.

A user mapping (a TOML file or an equivalent dict) adds table names under
``[tables]`` and column headers under ``[columns.<table>]``; its words are
tried before the schema's own.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graphkit.exceptions import ConfigError
from loaders.ledger.names import normalise_header, table_key
from loaders.schema import TABLES

__all__ = ["Aliases", "load_mapping"]


@dataclasses.dataclass(frozen=True)
class Aliases:
    """Table and column aliases: the schema's plus a user mapping's.

    Examples
    --------
    >>> aliases = Aliases.build({"tables": {"units": ["我的台账"]}})
    >>> aliases.tables[table_key("我的台賬")], aliases.columns["units"][normalise_header("單位名稱")]
    ('units', ('name', 0))

    """

    tables: dict[str, str]  # table key -> table
    columns: dict[str, dict[str, tuple[str, int]]]  # table -> header key -> (column, rank)

    @classmethod
    def build(cls, mapping: Mapping[str, Any] | None) -> Aliases:
        """The aliases of every table and column, a user mapping's words first.

        Raises
        ------
        ConfigError
            When the mapping has an unknown section, table or column, or a value
            that is not a string or a list of strings.

        """
        mapping = dict(mapping or {})
        unknown = set(mapping) - {"tables", "columns"}
        if unknown:
            msg = (
                f"ledger mapping: unknown section(s) {sorted(unknown)}; "
                "expected [tables] and [columns.<table>]"
            )
            raise ConfigError(msg)
        extra_tables = _as_lists(mapping.get("tables", {}), "tables", set(TABLES))
        extra_columns = mapping.get("columns", {})
        if not isinstance(extra_columns, Mapping) or set(extra_columns) - set(TABLES):
            bad = sorted(set(extra_columns) - set(TABLES)) if isinstance(extra_columns, Mapping) else []
            msg = f"ledger mapping: [columns.<table>] must name tables among {sorted(TABLES)}; got {bad}"
            raise ConfigError(msg)
        tables: dict[str, str] = {}
        columns: dict[str, dict[str, tuple[str, int]]] = {}
        for spec in TABLES.values():
            for word in (*extra_tables.get(spec.name, []), spec.name, spec.zh, *spec.aliases):
                tables.setdefault(table_key(word), spec.name)
            user = _as_lists(
                extra_columns.get(spec.name, {}), f"columns.{spec.name}", {c.name for c in spec.columns}
            )
            cols: dict[str, tuple[str, int]] = {}
            for col in spec.columns:
                words = (*user.get(col.name, []), col.zh, col.name, *col.aliases)
                for rank, word in enumerate(words):
                    cols.setdefault(normalise_header(word), (col.name, rank))
            columns[spec.name] = cols
        return cls(tables, columns)


def _as_lists(section: Any, where: str, allowed: set[str]) -> dict[str, list[str]]:
    if not isinstance(section, Mapping):
        msg = f"ledger mapping: [{where}] must be a table of names"
        raise ConfigError(msg)
    out = {}
    for key, words in section.items():
        if key not in allowed:
            msg = f"ledger mapping: [{where}] {key!r} is not known; expected one of {sorted(allowed)}"
            raise ConfigError(msg)
        words = [words] if isinstance(words, str) else words
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            msg = f"ledger mapping: [{where}] {key} must be a string or a list of strings"
            raise ConfigError(msg)
        out[key] = words
    return out


def load_mapping(mapping: str | Path | Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """A user mapping as a dict: read from a TOML file, or given as one already.

    Raises
    ------
    ConfigError
        When the file cannot be read or is not valid TOML.

    """
    if mapping is None or isinstance(mapping, Mapping):
        return mapping
    path = Path(mapping)
    try:
        if path.exists() and not path.is_file():  # a FIFO or device would block or never end
            msg = f"{path.name}: cannot read the ledger mapping: not a regular file"
            raise ConfigError(msg)
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        msg = f"{path.name}: cannot read the ledger mapping: {exc}"
        raise ConfigError(msg) from exc
