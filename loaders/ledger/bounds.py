"""Refuse a workbook sheet whose grid would be absurdly large, before anything is allocated.

A workbook reader fills a dense grid from the first to the last cell a sheet
uses: a 10 KB XLSX file with one stray cell at ``XFD1048576`` (the last column
and row) makes a grid of 17 billion cells, hundreds of gigabytes, and the
process aborts. So the sheet's extent is read first, from the XLSX package
itself (a zip of XML parts), and a sheet is refused with one clear message
naming its range and far cell when its grid would hold more than
:data:`MAX_SHEET_CELLS` cells, or more cells than its XML has bytes (with a
floor of :data:`FREE_CELLS`): every real cell costs several bytes of XML, so
a grid far larger than the XML is mostly empty space between stray cells. A
grid wider than :data:`MAX_COLUMNS` is refused too: no ledger table has that
many columns, and each column costs the reader time of its own (a stray cell
in column XFD of a 40-row sheet took 13 s to read).

How the extent is found, per sheet part:

- the ``<dimension ref="A1:Q100002"/>`` element at the head of the part,
  which Excel and the common writers put there (cheap: the first bytes only);
- every cell reference of the part, when the part is small
  (:data:`SCAN_BYTES`, so a tiny hostile file cannot lie in its dimension
  element) or has no dimension element.

Only ``.xlsx``/``.xlsm`` (zip) packages are inspected; ``.xls`` grids are
bounded by the format (65,536 × 256), ``.xlsb`` and ``.ods`` are read as they
are.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from graphkit import i18n
from graphkit.exceptions import LedgerError

__all__ = [
    "FREE_CELLS",
    "MAX_COLUMNS",
    "MAX_SHEET_CELLS",
    "SCAN_BYTES",
    "check_workbook",
    "grid_size",
    "parse_ref",
]

#: A sheet's grid may always hold this many cells (about 30 MB once read), however small its XML.
FREE_CELLS = 1_000_000
#: No sheet's grid may hold more cells than this (about 3 GB once read), however large its XML:
#: Excel's own 1,048,576 rows of 95 columns.
MAX_SHEET_CELLS = 100_000_000
#: The most columns a ledger table (a sheet or a CSV file) may have.
MAX_COLUMNS = 1024
#: Sheet parts up to this size (uncompressed) have every cell reference checked.
SCAN_BYTES = 1 << 20

_DIMENSION = re.compile(
    rb'<(?:\w+:)?dimension\s+ref="([A-Za-z]{1,3}[0-9]{1,7})(?::([A-Za-z]{1,3}[0-9]{1,7}))?"'
)
_CELL_REF = re.compile(rb' r="([A-Z]{1,3})([0-9]{1,7})"')
_REF = re.compile(r"^([A-Za-z]{1,3})([0-9]{1,7})$")
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def parse_ref(ref: str) -> tuple[int, int]:
    """(row, column) of an A1-style cell reference, both counted from 1.

    Examples
    --------
    >>> parse_ref("XFD1048576")
    (1048576, 16384)
    >>> parse_ref("B3")
    (3, 2)

    """
    found = _REF.match(ref)
    if found is None:
        msg = f"not a cell reference: {ref!r}"
        raise ValueError(msg)
    col = 0
    for ch in found.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(found.group(2)), col


def grid_size(first: tuple[int, int], last: tuple[int, int]) -> int:
    """Cells of the grid from ``first`` to ``last`` (each ``(row, column)``), corners in any order.

    Examples
    --------
    >>> grid_size((1, 1), (1048576, 16384))
    17179869184

    """
    return (abs(last[0] - first[0]) + 1) * (abs(last[1] - first[1]) + 1)


def check_workbook(path: Path, lang: str = "zh") -> None:
    """Raise a LedgerError when a sheet of the XLSX workbook ``path`` would read into an absurd grid.

    Anything that is not a readable XLSX package passes (the workbook reader
    then says what is wrong with it).

    Examples
    --------
    >>> import tempfile, xlsxwriter
    >>> book = Path(tempfile.mkdtemp()) / "台账.xlsx"
    >>> wb = xlsxwriter.Workbook(book)
    >>> ws = wb.add_worksheet("单位台账")
    >>> ws.write("A1", "统一社会信用代码"); ws.write("XFD1048576", "x")
    0
    0
    >>> wb.close()
    >>> try:
    ...     check_workbook(book, "en")
    ... except LedgerError as exc:
    ...     print(str(exc).split(":", 2)[1].strip())
    the sheet spans A1

    Notes
    -----
    Reads the head of every sheet part, and every byte of the parts up to
    :data:`SCAN_BYTES` or without a dimension element: O(size of those parts).

    """
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return
    try:
        with zipfile.ZipFile(path) as z:
            for name, part in _sheet_parts(z).items():
                _check_part(z, part, f"{path.name}, sheet {name}", lang)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, ElementTree.ParseError, EOFError):
        return  # not a package we can inspect: the reader reports what is wrong


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Sheet name -> its XML part, from ``xl/workbook.xml`` and its relationships."""
    limit = 16 << 20  # a workbook part larger than this is not a workbook's table of contents
    infos = {i.filename: i for i in z.infolist()}
    book, rels = infos.get("xl/workbook.xml"), infos.get("xl/_rels/workbook.xml.rels")
    if book is None or rels is None or book.file_size > limit or rels.file_size > limit:
        return {}
    targets = {
        r.get("Id"): r.get("Target", "")
        for r in ElementTree.fromstring(z.read(rels)).iter()
        if r.tag.endswith("Relationship")
    }
    parts: dict[str, zipfile.ZipInfo] = {}
    for sheet in ElementTree.fromstring(z.read(book)).iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        target = targets.get(sheet.get(_NS_REL), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if part in infos:
            parts[sheet.get("name", part)] = infos[part]
    return parts


def _check_part(z: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, lang: str) -> None:
    with z.open(info) as f:
        head = f.read(1 << 16)
    found = _DIMENSION.search(head)
    extent = None
    if found is not None:
        first = parse_ref(found.group(1).decode())
        last = parse_ref(found.group(2).decode()) if found.group(2) else first
        extent = (first, last)
        _refuse_if_absurd(extent, info.file_size, where, lang)
    if found is None or info.file_size <= SCAN_BYTES:
        scanned = _scan_refs(z, info)
        if scanned is not None:
            _refuse_if_absurd(scanned, info.file_size, where, lang)


def _scan_refs(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """((first row, first column), (last row, last column)) of the cell references of a part."""
    rows: set[bytes] = set()
    cols: set[bytes] = set()
    tail = b""
    with z.open(info) as f:
        while chunk := f.read(1 << 22):
            buf = tail + chunk
            cut = buf.rfind(b"<")
            body, tail = (buf[:cut], buf[cut:]) if cut > 0 else (buf, b"")
            for col, row in _CELL_REF.findall(body):
                cols.add(col)
                rows.add(row)
    if not rows:
        return None
    numbers = [int(r) for r in rows]
    letters = [parse_ref(f"{c.decode()}1")[1] for c in cols]
    return (min(numbers), min(letters)), (max(numbers), max(letters))


def _refuse_if_absurd(
    extent: tuple[tuple[int, int], tuple[int, int]], xml_bytes: int, where: str, lang: str
) -> None:
    cells = grid_size(*extent)
    (r0, c0), (r1, c1) = extent
    if cells <= MAX_SHEET_CELLS and cells <= max(FREE_CELLS, xml_bytes) and abs(c1 - c0) < MAX_COLUMNS:
        return
    first, last = _a1(min(r0, r1), min(c0, c1)), _a1(max(r0, r1), max(c0, c1))
    msg = i18n.text(
        "ledger.sheet_too_large", lang=lang, source=where, range=f"{first}:{last}", cells=cells, far=last
    )
    raise LedgerError(msg)


def _a1(row: int, col: int) -> str:
    letters = ""
    while col:
        col, r = divmod(col - 1, 26)
        letters = chr(65 + r) + letters
    return f"{letters}{row}"
