"""Read office ledgers (台账) — a folder of CSV/XLSX files or one workbook — into a Network.

Reading happens in two steps, kept apart on purpose: the *readers* turn each
file or sheet into a raw table of text cells with its header row found; one
*builder* turns the raw tables into a :class:`graphkit.Network`, resolving
references and recording every cell it could not use in ``net.rejects``.

What the reader accepts (DESIGN §4, :mod:`loaders.schema`):

- tables recognised by file stem or sheet name, in English or Chinese
  (Simplified or Traditional), e.g. ``units.csv``, ``单位台账.xlsx``, sheet ``黨組織``;
- columns recognised by any header alias, after :func:`normalise_header`;
- title rows above the header row (the header row is the first of the first
  20 rows that names at least two known columns);
- CSV in UTF-8 (with or without BOM) or GB18030 (``encoding=`` overrides);
- every XLSX cell read as text, so an all-digit credit code typed as text stays
  exact, and a whole number typed as a number reads back without ``.0``.

Decisions on unusable input (each one leaves a row in ``net.rejects``):

- a blank required cell: the row is not used;
- a duplicate id (ids are unique across *all* tables): the first row is kept,
  later rows are not used, and a ``DUPLICATE_ID`` finding is raised; tables are
  taken in schema order (units, carriers, party_orgs, departments, streets,
  instructors, liaisons, organ_branches), so a street reusing a unit's id loses;
- a cell that is not a whole number, a date or a known value word: the cell is
  left empty and the row is kept; so is a date outside 1900-01-01..2199-12-31,
  a whole number above 1,000,000,000 and an Excel error value (``#N/A``), each
  with its own reason;
- a reference that matches no id or exact name: the row is kept without that
  link and an ``UNKNOWN_REFERENCE`` finding is raised. A reference is tried as an
  id first, then as a name (compared after Traditional→Simplified, full-width→
  half-width and removing spaces); a name shared by several nodes is not
  guessed: it counts as unknown and the detail lists the candidates.

Every row is accounted for: per table, rows read = rows loaded + rows
rejected, checked by the builder and kept in ``net.meta["rows"]``. Refused as a
whole, with one message (:class:`~graphkit.exceptions.LedgerError`): a path the
system cannot open, a FIFO or device, an undecodable file (the message names
the line and byte), a quote that opens a cell and never closes (named with its
line), a table wider than 1,024 columns, and a workbook sheet whose grid would
be absurdly large (:mod:`~loaders.ledger.bounds`, checked before anything is
allocated). Hidden sheets are not read and are listed in ``net.meta["ignored"]``
with a note. Entirely blank rows are not data and are skipped silently. Unknown columns
are kept as extra text attributes (or relationship attributes for assignments
and pairings) and listed in ``net.meta["unknown_columns"]``; sheets and files
that name no known table are listed in ``net.meta["ignored"]``. A blank Unit
``kind`` is taken from the credit-code prefix (``9`` enterprise, ``5`` social
organisation). Reject reasons and finding details are in Chinese unless
``lang="en"``.

The modules, in the order a ledger passes through them: :mod:`~loaders.ledger.files`
(files and sheets as text cells), :mod:`~loaders.ledger.mapping` and
:mod:`~loaders.ledger.names` (which table and column a name is),
:mod:`~loaders.ledger.tables` (header row, raw table), :mod:`~loaders.ledger.build`
(the builder) with :mod:`~loaders.ledger.rows` (rows and cells it can use),
:mod:`~loaders.ledger.cells` (typed values), :mod:`~loaders.ledger.lookup` and
:mod:`~loaders.ledger.links` (references), :mod:`~loaders.ledger.book` (rejects
and problems), :mod:`~loaders.ledger.accounts` (error cells, rows accounted for),
:mod:`~loaders.ledger.bounds` (sheets too large to read); :mod:`~loaders.ledger.read`
holds :func:`read_ledger`.
"""

from __future__ import annotations

from loaders.ledger.names import normalise_header, normalise_name
from loaders.ledger.read import read_ledger

__all__ = ["normalise_header", "normalise_name", "read_ledger"]
