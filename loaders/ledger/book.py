"""The builder's book: every cell it could not use (rejects) and every load problem (findings).

Rows carry two bookkeeping columns while the builder works: ``_src``, the
position of their source (:class:`~loaders.ledger.tables.Raw`) in
:attr:`Book.sources`, and ``_row``, their row number in that source. From
those the book writes where each reject or problem is: table, file, sheet,
row and the column's header as the office wrote it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from graphkit import i18n
from loaders.ledger.tables import Raw
from loaders.ledger.text import STRING
from loaders.schema import TABLES

__all__ = ["Book", "reject_reason", "reject_reasons"]


def reject_reason(key: str, lang: str, **kw: Any) -> str:
    """The reason a reject gives, in Chinese unless ``lang`` is ``"en"``.

    Examples
    --------
    >>> reject_reason("int", "zh", value="三"), reject_reason("required", "en")
    ('“三”不是整数，已置空', 'required value is blank; row not used')

    """
    return i18n.text(f"reject.{key}", lang="en" if lang == "en" else "zh", **kw)


def reject_reasons(key: str, lang: str, **columns: pd.Series) -> pd.Series:
    """:func:`reject_reason` for each row of aligned columns (one value of each keyword per row)."""
    frame = pd.DataFrame({k: v.astype(object).to_numpy() for k, v in columns.items()})
    return pd.Series(
        [reject_reason(key, lang, **rec) for rec in frame.to_dict("records")],
        dtype=STRING,
    )


class Book:
    """Collects rejects and problems while the builder works."""

    def __init__(self) -> None:
        self.rejects: list[pd.DataFrame] = []
        self.problems: list[pd.DataFrame] = []
        self.sources: list[Raw] = []  # a row's ``_src`` is its position here

    def branch(self) -> Book:
        """A book of its own for work done alongside others: the same sources, its own rejects and problems.

        :meth:`merge` it back in a fixed order, so that the rejects and problems
        come out in the same order however the work was scheduled.
        """
        other = Book()
        other.sources = self.sources
        return other

    def merge(self, other: Book) -> None:
        """Add the rejects and problems of a :meth:`branch` after this book's own."""
        self.rejects.extend(other.rejects)
        self.problems.extend(other.problems)

    def source_codes(self, raw: Raw) -> int:
        """Register one source of rows; return the code its rows carry in ``_src``."""
        self.sources.append(raw)
        return len(self.sources) - 1

    def where(self, rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(table, file, sheet) of each row as object arrays; a CSV's sheet is missing."""
        src = rows["_src"].to_numpy()
        table = np.array([r.table for r in self.sources], dtype=object)
        file = np.array([r.file for r in self.sources], dtype=object)
        sheet = np.array([pd.NA if r.sheet is None else r.sheet for r in self.sources], dtype=object)
        return table[src], file[src], sheet[src]

    def header(self, rows: pd.DataFrame, column: str) -> np.ndarray:
        """The header of ``column`` as written in each row's source (the Chinese name when absent)."""
        names = []
        for r in self.sources:
            spec_cols = {c.name: c.zh for c in TABLES[r.table].columns}
            names.append(r.headers.get(column, spec_cols.get(column, column)))
        return np.array(names, dtype=object)[rows["_src"].to_numpy()]

    def _cells(self, rows: pd.DataFrame, column: str, values: pd.Series) -> dict[str, Any]:
        """Where the cells are (table, file, sheet, row, header as written) and their values."""
        table, file, sheet = self.where(rows)
        return {
            "table": table,
            "file": file,
            "sheet": sheet,
            "row": rows["_row"].to_numpy(),
            "column": self.header(rows, column),
            "value": values.to_numpy(),
        }

    def reject(self, rows: pd.DataFrame, column: str, values: pd.Series, reason: pd.Series | str) -> None:
        """Record rejects for ``rows`` (a frame with the ``_src`` and ``_row`` columns)."""
        if len(rows) == 0:
            return
        reason_values = reason.to_numpy() if isinstance(reason, pd.Series) else reason
        self.rejects.append(pd.DataFrame({**self._cells(rows, column, values), "reason": reason_values}))

    def problem(self, code: str, rows: pd.DataFrame, column: str, values: pd.Series, **cols: Any) -> None:
        """Record a load problem that becomes a finding."""
        if len(rows) == 0:
            return
        frame = pd.DataFrame({"code": code, **self._cells(rows, column, values)}, index=range(len(rows)))
        for k, v in cols.items():
            frame[k] = v.to_numpy() if isinstance(v, pd.Series) else v
        self.problems.append(frame)

    def split_sources(self, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        """``frame`` without its ``_src``/``_row`` columns, and where its rows came from.

        The second frame is the rows' sources (:mod:`graphkit.model.sources`):
        ``file`` and ``sheet`` as categoricals whose categories are every
        file and sheet of the ledger, ``row`` as ``Int32``. O(rows).
        """
        files = pd.Index(list(dict.fromkeys(r.file for r in self.sources)), dtype=object)
        sheets = pd.Index(
            list(dict.fromkeys(r.sheet for r in self.sources if r.sheet is not None)), dtype=object
        )
        file_code = np.array([files.get_loc(r.file) for r in self.sources] or [0], dtype=np.int32)
        sheet_code = np.array(
            [-1 if r.sheet is None else sheets.get_loc(r.sheet) for r in self.sources] or [0], dtype=np.int32
        )
        src = np.asarray(frame["_src"].to_numpy(), dtype=np.int64)
        sources = pd.DataFrame(
            {
                "file": pd.Categorical.from_codes(file_code[src], categories=files),
                "sheet": pd.Categorical.from_codes(sheet_code[src], categories=sheets),
                "row": pd.array(frame["_row"].array, dtype="Int32"),
            }
        )
        return frame.drop(columns=["_src", "_row"]), sources

    def places(self, rows: pd.DataFrame) -> pd.DataFrame:
        """File, sheet and row of each of ``rows`` (node rows), indexed by id."""
        _, file, sheet = self.where(rows)
        return pd.DataFrame(
            {
                "file": pd.array(file, dtype=STRING),
                "sheet": pd.array(sheet, dtype=STRING),
                "row": rows["_row"].array,
            },
            index=rows["id"].to_numpy(),
        )
