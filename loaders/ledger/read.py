"""``read_ledger``: the files of a ledger, recognised as tables, built into a Network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from graphkit.exceptions import ConfigError, LedgerError
from graphkit.model import Network
from graphkit.version import __version__
from loaders.ledger.build import build
from loaders.ledger.files import Sheet, read_sheets
from loaders.ledger.mapping import Aliases, load_mapping
from loaders.ledger.names import table_key
from loaders.ledger.tables import Raw, raw_table, source_label
from loaders.schema import TABLES

__all__ = ["read_ledger"]


def read_ledger(
    path: str | Path,
    *,
    mapping: str | Path | Mapping[str, Any] | None = None,
    encoding: str | None = None,
    lang: str = "zh",
    as_of: dt.date | str | None = None,
) -> Network:
    r"""Read a ledger — a folder of CSV/XLSX files or one workbook — into a Network.

    Parameters
    ----------
    path
        A folder of ``.csv``/``.xlsx`` files (one table per file, or per sheet), or
        one workbook with a sheet per table, or a single CSV/XLSX table.
    mapping
        Extra table and column names: a TOML file or an equivalent dict, e.g.
        ``{"tables": {"units": ["我的台账"]}, "columns": {"units": {"party_members": ["党员(人)"]}}}``.
    encoding
        Encoding of every CSV file; by default UTF-8 with BOM, else strict UTF-8,
        else GB18030.
    lang : {"zh", "en"}
        Language of reject reasons and finding details.
    as_of
        The date the ledger stands at (a date or ``"YYYY-MM-DD"``; default
        today): a row of an event table (activities, visits, trainings,
        honours) dated after it is rejected.

    Returns
    -------
    Network
        With ``rejects`` (every cell not used, see :data:`graphkit.model.REJECT_COLUMNS`),
        ``findings`` (``DUPLICATE_ID``, ``UNKNOWN_REFERENCE``) and ``meta`` keys
        ``source``, ``created_with``, ``created_date``, ``tables`` (rows read per
        table), ``rows`` (rows read, loaded and rejected per table; read = loaded +
        rejected), ``files``, ``unknown_columns``, ``ignored`` (files and sheets not
        read, hidden sheets and non-regular files with a note) and ``load_problems``.

    Raises
    ------
    LedgerError
        When the ledger is unusable as a whole: the path is missing, cannot be
        opened or is not a spreadsheet (a FIFO, a device), a file cannot be decoded,
        a quote never closes, a table is absurdly wide or a sheet absurdly large,
        there is no units table, or a table lacks a required column. The message
        names the file, sheet, line or column.
    ConfigError
        When the mapping is malformed.

    Notes
    -----
    Cost: linear in the number of cells. Cells stay Arrow text from the
    reader to the network; CSV files are parsed by Arrow's multithreaded
    reader, workbooks by fastexcel, two sheets at a time (each thread with a
    reader of its own; fastexcel parses without holding the interpreter).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "街道.csv").write_text("编号,街道名称\nS1,林山寨街道\n", encoding="utf-8")
    >>> _ = (folder / "单位台账.csv").write_text(
    ...     "统一社会信用代码,单位名称,所属街道,正式党员数\n"
    ...     "91350200776049653A,甲公司,林山寨街道,三\n", encoding="utf-8")
    >>> net = read_ledger(folder)
    >>> net.units.loc["91350200776049653A", ["name", "kind"]].tolist()
    ['甲公司', 'enterprise']
    >>> net.rel("IN_STREET")[["source", "target"]].values.tolist()
    [['91350200776049653A', 'S1']]
    >>> [str(v) for v in net.rejects.loc[0, ["file", "row", "column", "reason"]]]
    ['单位台账.csv', '2', '正式党员数', '“三”不是整数，已置空']

    """
    if lang not in {"zh", "en"}:
        msg = f"lang: expected 'zh' or 'en', got {lang!r}"
        raise ConfigError(msg)
    path = Path(path)
    aliases = Aliases.build(load_mapping(mapping))
    ignored: list[str] = []
    # empty sheets are not tables
    sheets = [s for s in read_sheets(path, encoding, ignored, lang) if _has_cells(s)]
    raws, files, found_names = _recognise(sheets, aliases, ignored)
    if "units" not in raws:
        raise _no_units_table(path, found_names)
    net = build(raws, lang, _as_of(as_of))
    meta = {
        "source": str(path),
        "created_with": f"graphkit {__version__}",
        "created_date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "files": files,
        "ignored": ignored,
    }
    return net.replace(meta={**net.meta, **meta})


def _as_of(value: dt.date | str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        msg = f"as_of: expected a date as YYYY-MM-DD, got {value!r}"
        raise ConfigError(msg) from None


def _has_cells(sheet: Sheet) -> bool:
    return any(sheet.cells[c].notna().any() for c in sheet.cells.columns)


def _recognise(
    sheets: list[Sheet], aliases: Aliases, ignored: list[str]
) -> tuple[dict[str, list[Raw]], list[str], list[str]]:
    """(table -> its raw tables, sources used, every table name seen); sheets of no table go to ``ignored``.

    A sheet is recognised by its name, else (in a workbook) by the file's
    stem. A workbook named after a table may also hold notes or per-street
    sheets: every sheet with the table's header is taken, the others skipped.
    """
    per_file: dict[str, int] = {}
    for s in sheets:
        per_file[s.file] = per_file.get(s.file, 0) + 1
    raws: dict[str, list[Raw]] = {}
    files: list[str] = []
    found_names: list[str] = []
    for s in sheets:
        label = s.sheet if s.sheet is not None else s.stem
        found_names.append(label)
        table = aliases.tables.get(table_key(label))
        by_stem = table is None and s.sheet is not None and table_key(s.stem) in aliases.tables
        if by_stem:
            table = aliases.tables[table_key(s.stem)]
        if table is None:
            ignored.append(source_label(s.file, s.sheet))
            continue
        try:
            raw = raw_table(s, TABLES[table], aliases.columns[table])
        except LedgerError:
            if by_stem and per_file[s.file] > 1:
                ignored.append(source_label(s.file, s.sheet))
                continue
            raise
        raws.setdefault(table, []).append(raw)
        files.append(source_label(s.file, s.sheet))
    return raws, files, found_names


def _no_units_table(path: Path, found_names: Iterable[str]) -> LedgerError:
    units = TABLES["units"]
    accepted = "、".join(dict.fromkeys([units.name, units.zh, *units.aliases]))
    msg = (
        f"{path.name or path}: no units table found; tables found: {', '.join(found_names) or '(none)'}; "
        f"a file or sheet named one of {accepted} is expected"
    )
    return LedgerError(msg)
