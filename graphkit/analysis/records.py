"""What a ledger keeps: the checks that need a record, blank cells and date windows (DESIGN §5).

A district that keeps no positions, activities, visits, trainings or honours
table yet — or no 书记 (secretary) or 四个一 column — has simply not recorded
them; that is not the same as recording none ("Missing versus empty"). The
checks that need such a record are then not run and listed in
``summary["not_run"]`` (:func:`checks_not_run`), instead of raising a finding
on every organisation. A table that is present but has no rows means none.

The campaign's dated records count within a window that ends on the as-of
date and includes it: ``as_of - window < date <= as_of`` (:func:`in_window`).

Examples
--------
>>> from graphkit import Network
>>> net = Network.from_records(nodes={"PartyOrg": [{"id": "P1", "secretary": "张伟"}]},
...                            events={"trainings": pd.DataFrame()})
>>> checks_not_run(net)["ORG_LAGGING"]
'positions, activities, honours'
>>> "SECRETARY_UNTRAINED" in checks_not_run(net)
False

"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from graphkit.model import NODE_KINDS, Network

__all__ = [
    "CHECK_NEEDS",
    "blank_text",
    "booleans",
    "checks_not_run",
    "checks_not_run_for",
    "in_window",
    "missing_records",
    "valid_honours",
]

#: Finding code -> the records it needs, as users know them: a ledger table (``"positions"``)
#: or ``"table.column"`` (``"party_orgs.secretary"``). A check with any of them missing is not
#: run. ``DEMO_SITE_BELOW_STANDARD`` needs the 四个一 columns only: a demonstration site's own
#: ``NO_POSITION``, ``POSITION_BELOW_STANDARD`` and ``INACTIVE_ORG`` count when those ran.
#: ``HONOUR_AT_RISK`` likewise needs the honours only. ``ORG_LAGGING`` needs what the grades
#: need (:func:`graphkit.analysis.grades`), the honours included (they tell 先进 from 较好).
CHECK_NEEDS: dict[str, tuple[str, ...]] = {
    "NO_POSITION": ("positions",),
    "POSITION_BELOW_STANDARD": ("positions",),
    "INACTIVE_ORG": ("activities",),
    "NO_SECRETARY": ("party_orgs.secretary",),
    "SECRETARY_UNTRAINED": ("party_orgs.secretary", "trainings"),
    "UNVISITED_CONTACT": ("visits",),
    "DEMO_SITE_BELOW_STANDARD": (
        "party_orgs.plan",
        "party_orgs.vehicle",
        "party_orgs.rules",
        "party_orgs.atmosphere",
    ),
    "HONOUR_AT_RISK": ("honours",),
    "PLAQUE_WITHOUT_MEMBER": ("honours",),
    "ORG_LAGGING": ("party_orgs.secretary", "positions", "activities", "trainings", "honours"),
}

_KIND_OF_TABLE = {spec.table: kind for kind, spec in NODE_KINDS.items() if spec.table is not None}


def _kept(net: Network, need: str) -> bool:
    table, _, column = need.partition(".")
    if column:
        return net.has_column(_KIND_OF_TABLE[table], column)
    return net.has_table(table)


def missing_records(net: Network, needs: tuple[str, ...]) -> list[str]:
    """Those of ``needs`` (tables or ``table.column``, see :data:`CHECK_NEEDS`) the source never had.

    Examples
    --------
    >>> net = Network.from_records(nodes={"Position": []})
    >>> missing_records(net, ("positions", "activities", "party_orgs.secretary"))
    ['activities', 'party_orgs.secretary']

    """
    return [need for need in needs if not _kept(net, need)]


def checks_not_run(net: Network) -> dict[str, str]:
    """The checks not run on ``net`` for want of a record: code -> what is missing.

    In the order of :data:`CHECK_NEEDS`; several missing records are joined
    by ``", "``. Empty when every check can run. The answer depends only on
    which tables and columns the source had, never on their rows.

    Examples
    --------
    >>> bare = Network.from_records(nodes={"PartyOrg": [{"id": "P1"}]})
    >>> checks_not_run(bare)["NO_SECRETARY"], checks_not_run(bare)["SECRETARY_UNTRAINED"]
    ('party_orgs.secretary', 'party_orgs.secretary, trainings')

    """
    return _not_run(lambda need: _kept(net, need))


def checks_not_run_for(tables: list[str], columns: list[str]) -> dict[str, str]:
    """:func:`checks_not_run` for a ledger known only by the tables and ``Kind.column`` names it kept.

    What the ``:Ledger`` node in Neo4j records
    (:func:`graphkit.neo4j.push.ledger_record`), so the Cypher twins list the
    same checks not run as :func:`graphkit.analysis.analyze`.

    Examples
    --------
    >>> checks_not_run_for(["positions", "activities"], ["PartyOrg.secretary"])["ORG_LAGGING"]
    'trainings, honours'

    """
    kept = set(tables) | {
        f"{NODE_KINDS[kind].table}.{column}"
        for kind, _, column in (name.partition(".") for name in columns)
        if kind in NODE_KINDS
    }
    return _not_run(kept.__contains__)


def _not_run(kept: Callable[[str], bool]) -> dict[str, str]:
    out = {}
    for code, needs in CHECK_NEEDS.items():
        missing = [need for need in needs if not kept(need)]
        if missing:
            out[code] = ", ".join(missing)
    return out


def booleans(values: np.ndarray | int, *, known: bool = True) -> pd.arrays.BooleanArray:
    """Nullable booleans: ``values`` as they are, or (``known=False``) ``values`` missing ones.

    Built from its parts (values and mask), not element by element.

    Examples
    --------
    >>> booleans(np.array([True, False])).tolist(), booleans(2, known=False).tolist()
    ([True, False], [<NA>, <NA>])

    """
    if not known:
        return pd.arrays.BooleanArray(np.zeros(int(values), dtype=bool), np.ones(int(values), dtype=bool))
    flags = np.asarray(values, dtype=bool)
    return pd.arrays.BooleanArray(flags, np.zeros(len(flags), dtype=bool))


def blank_text(values: pd.Series) -> pd.Series:
    r"""True where a text cell is missing or holds only whitespace (as :meth:`str.strip` sees it).

    Examples
    --------
    >>> blank_text(pd.Series(["张伟", None, "\u3000 ", ""], dtype="string")).tolist()
    [False, True, True, True]

    """
    text = values.astype("string")
    return (text.isna() | (text.str.strip() == "")).fillna(True).astype(bool)


def in_window(dates: pd.Series, as_of: dt.date, days: int) -> np.ndarray:
    """Which ``dates`` fall in the ``days``-day window ending on ``as_of``: ``as_of - days < date <= as_of``.

    Whole days count: a time of day on the as-of date is inside, anything on
    the day ``as_of - days`` is outside. Missing dates never count; a window
    of 0 days holds nothing.

    Notes
    -----
    Two vectorised comparisons: O(n).

    Examples
    --------
    >>> d = pd.Series(pd.to_datetime(["2026-08-29", "2026-08-30", "2026-11-27", "2026-11-28", None]))
    >>> in_window(d, dt.date(2026, 11, 27), 90).tolist()
    [False, True, True, False, False]

    """
    end = pd.Timestamp(as_of) + pd.Timedelta(days=1)
    start = end - pd.Timedelta(days=days)
    values = pd.to_datetime(dates).to_numpy(dtype="datetime64[ns]")
    return (values >= start.to_datetime64()) & (values < end.to_datetime64())


def valid_honours(net: Network, *, as_of: dt.date | None = None) -> pd.DataFrame:
    """The honours and plaques still held: status ``valid`` or blank, not dated after ``as_of``.

    A revoked (撤销) honour is no longer held; an undated one is. Rows of
    ``net.honours`` in their order (``subject, subject_kind, type, level,
    date, status``), original index kept.

    Examples
    --------
    >>> net = Network.from_records(events={"honours": pd.DataFrame(
    ...     {"subject": ["U1", "U2", "U3"], "type": ["member_plaque"] * 3,
    ...      "status": ["valid", "revoked", None]})})
    >>> valid_honours(net)["subject"].tolist()
    ['U1', 'U3']

    """
    rows = net.honours
    status = rows["status"].astype("string")
    held = (status.isna() | status.eq("valid")).fillna(False).to_numpy(dtype=bool)
    if as_of is not None:
        end = (pd.Timestamp(as_of) + pd.Timedelta(days=1)).to_datetime64()
        dates = rows["date"].to_numpy(dtype="datetime64[ns]")
        held &= np.isnat(dates) | (dates < end)
    return rows[held]
