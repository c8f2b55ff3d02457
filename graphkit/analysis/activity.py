"""Dated campaign records: activities, secretaries' training, instructors' visits (DESIGN §5).

Each counts within a window ending on the as-of date and including it
(``as_of - window < date <= as_of``, :func:`~graphkit.analysis.records.in_window`):

- ``INACTIVE_ORG``: a party organisation with no activity (组织生活) within
  ``activity_window_days`` (90). Needs the ``activities`` table.
- ``SECRETARY_UNTRAINED``: a party organisation whose secretary has no
  training within ``training_window_days`` (365). A secretary is **trained**
  when a training row names the same person (exact name) and either that
  organisation or no organisation; a training of a namesake in another
  organisation does not count. A blank secretary is ``NO_SECRETARY``, not
  this. Needs the ``trainings`` table and the ``secretary`` column.
- ``UNVISITED_CONTACT``: an instructor's contact (a distinct target of its
  assignment rows, :func:`~graphkit.analysis.instructor_contacts`) that the
  instructor has not visited within ``visit_window_days`` (90). A visit counts
  when it names the same person and the same target: a visit to a unit inside
  an assigned building does not count for the building. The subject is the
  instructor (its street, as for the other instructor findings, is the street
  that sent it); the detail names the target. Liaisons' assignments are not
  checked. Needs the ``visits`` table.

Without the table (or column) a check needs, it is not run (``summary["not_run"]``);
a table with no rows means none, so every organisation or contact is flagged.

Examples
--------
>>> from graphkit import Network
>>> net = Network.from_records(
...     nodes={"PartyOrg": [{"id": "P1", "name": "甲支部"}, {"id": "P2", "name": "乙支部"}]},
...     events={"activities": pd.DataFrame({"party_org": ["P1", "P2"],
...                                         "date": pd.to_datetime(["2026-11-27", "2026-08-29"])})})
>>> activity_findings(net, settings=Settings(as_of="2026-11-27"))["detail"].tolist()
['近90天内无组织生活记录（最近一次：2026-08-29）']

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit.analysis.coverage import party_org_streets
from graphkit.analysis.instructors import (
    CONTACT_KINDS,
    contact_positions,
    instructor_contacts,
    instructor_streets,
)
from graphkit.analysis.records import blank_text, booleans, checks_not_run, in_window
from graphkit.findings import empty_findings, subject_findings
from graphkit.i18n import detail
from graphkit.model import Network, lookup, position_mask, positions
from graphkit.provenance import pair_rows, with_sources
from graphkit.settings import Settings

__all__ = [
    "activity_findings",
    "contact_visits",
    "last_activities",
    "secretaries_trained",
    "training_findings",
    "visit_findings",
]

_STR = "string"


def _last_dates(keys: np.ndarray, dates: pd.Series, n: int, as_of: pd.Timestamp) -> pd.Series:
    """Latest date on or before ``as_of`` per key in ``0..n-1`` (NaT when none); keys < 0 are ignored."""
    values = dates.to_numpy(dtype="datetime64[ns]")
    keep = (keys >= 0) & (values < (as_of + pd.Timedelta(days=1)).to_datetime64())
    # NaT is the smallest int64, so a running maximum on the integer view leaves it where no date is
    last = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]").view(np.int64)
    np.maximum.at(last, keys[keep], values[keep].view(np.int64))
    return pd.Series(last.view("datetime64[ns]"))


def last_activities(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """Each party organisation's last activity up to the as-of date and whether it falls in the window.

    Parameters
    ----------
    net
        The network; read-only. Reads the ``activities`` table.
    settings
        ``as_of`` and ``activity_window_days``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``party_org_id``: ``last`` (date of the latest activity on
        or before the as-of date; missing when none) and ``active`` (nullable
        boolean: ``last`` within the window). ``active`` is missing for every
        organisation when the ledger has no activities table.

    Notes
    -----
    One hash look-up and one group-by over the activity rows: O(rows).

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": "P1"}, {"id": "P2"}]},
    ...     events={"activities": pd.DataFrame({"party_org": ["P1", "P1"],
    ...                                         "date": pd.to_datetime(["2026-01-05", "2026-03-01"])})})
    >>> last_activities(net, settings=Settings(as_of="2026-03-31")).values.tolist()
    [[Timestamp('2026-03-01 00:00:00'), True], [NaT, False]]

    """
    settings = settings or Settings()
    index = net.party_orgs.index.rename("party_org_id")
    key = ("last_activities", settings.today, settings.activity_window_days)
    return net.cached(key, lambda n: _last_activities(n, settings, index)).copy()


def _last_activities(net: Network, settings: Settings, index: pd.Index) -> pd.DataFrame:
    if not net.has_table("activities"):
        last = np.full(len(index), np.datetime64("NaT"), dtype="datetime64[ns]")
        return pd.DataFrame({"last": last, "active": booleans(len(index), known=False)}, index=index)
    rows = net.activities
    pos = net.event_positions("activities", "party_org", "PartyOrg")
    last = _last_dates(pos, rows["date"], len(index), pd.Timestamp(settings.today))
    active = booleans(in_window(last, settings.today, settings.activity_window_days))
    return pd.DataFrame({"last": last.to_numpy(dtype="datetime64[ns]"), "active": active}, index=index)


def secretaries_trained(net: Network, *, settings: Settings | None = None) -> pd.Series:
    """Whether each party organisation's secretary was trained within ``training_window_days``.

    Trained: a training row dated in the window names the same person
    (exact name) and either this organisation or no organisation. A blank
    secretary is not trained.

    Parameters
    ----------
    net
        The network; read-only. Reads PartyOrg ``secretary`` and the
        ``trainings`` table.
    settings
        ``as_of`` and ``training_window_days``.

    Returns
    -------
    pandas.Series
        Nullable booleans indexed by ``party_org_id``; missing for every
        organisation when the ledger has no trainings table or no secretary
        column.

    Notes
    -----
    Hash look-ups of the trainees' names among the secretaries and of their
    organisations, then integer comparisons: O(rows + organisations).

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": "P1", "secretary": "张伟"}, {"id": "P2", "secretary": "张伟"},
    ...                         {"id": "P3", "secretary": "王芳"}, {"id": "P4", "secretary": "李娜"}]},
    ...     events={"trainings": pd.DataFrame({"person": ["张伟", "王芳", "李娜"],
    ...                                        "party_org": ["P1", None, "P1"],
    ...                                        "date": pd.to_datetime(["2026-03-01"] * 3)})})
    >>> secretaries_trained(net, settings=Settings(as_of="2026-11-27")).tolist()
    [True, False, True, False]

    """
    settings = settings or Settings()
    key = ("secretaries_trained", settings.today, settings.training_window_days)
    return net.cached(key, lambda n: _secretaries_trained(n, settings)).copy()


def _secretaries_trained(net: Network, settings: Settings) -> pd.Series:
    orgs = net.party_orgs
    index = orgs.index.rename("party_org_id")
    n = len(orgs)
    if "SECRETARY_UNTRAINED" in checks_not_run(net):
        return pd.Series(booleans(n, known=False), index=index, name="secretary_trained")
    blank = blank_text(orgs["secretary"]).to_numpy()
    names = pd.Index(pd.unique(orgs["secretary"].dropna().astype(_STR)), dtype=_STR)
    secretary = positions(orgs["secretary"], names)
    rows = net.trainings
    recent = in_window(rows["date"], settings.today, settings.training_window_days)
    person = positions(rows["person"], names)
    org = net.event_positions("trainings", "party_org", "PartyOrg")
    no_org = rows["party_org"].isna().to_numpy()
    anywhere = position_mask(len(names), person[recent & no_org])  # names trained with no organisation given
    # a row naming an organisation trains it when the person is that organisation's secretary
    here = recent & (person >= 0) & (org >= 0)
    here[here] = person[here] == secretary[org[here]]
    trained = anywhere[np.maximum(secretary, 0)] | position_mask(n, org[here])
    trained &= (secretary >= 0) & ~blank
    return pd.Series(booleans(trained), index=index, name="secretary_trained")


def contact_visits(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """Each instructor's contacts with their last visit and whether it falls in the window.

    Parameters
    ----------
    net
        The network; read-only. Reads ``GUIDES`` (see
        :func:`~graphkit.analysis.instructor_contacts`) and the ``visits`` table.
    settings
        ``as_of`` and ``visit_window_days``.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`~graphkit.analysis.instructor_contacts`
        (``instructor_id, target, target_kind``) with ``last`` (the latest
        visit by that instructor to that very target on or before the as-of
        date; missing when none) and ``visited`` (nullable boolean: ``last``
        within the window; missing when the ledger has no visits table).

    Notes
    -----
    Integer keys from two hash look-ups, one group-by over the visit rows:
    O(visits + contacts log contacts).

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(
    ...     nodes={"Instructor": [{"id": "I1"}], "Unit": [{"id": "U1"}, {"id": "U2"}]},
    ...     rels={"GUIDES": [("I1", "U1"), ("I1", "U2")]},
    ...     events={"visits": pd.DataFrame({"person": ["I1"], "target": ["U2"],
    ...                                     "date": pd.to_datetime(["2026-11-01"])})})
    >>> contact_visits(net, settings=Settings(as_of="2026-11-27"))[["target", "visited"]].values.tolist()
    [['U1', False], ['U2', True]]

    """
    settings = settings or Settings()
    key = ("contact_visits", settings.today, settings.visit_window_days)
    return net.cached(key, lambda n: _contact_visits(n, settings)).copy()


def _contact_visits(net: Network, settings: Settings) -> pd.DataFrame:
    contacts = instructor_contacts(net)
    if not net.has_table("visits"):
        return contacts.assign(
            last=pd.Series(pd.NaT, index=contacts.index, dtype="datetime64[ns]"),
            visited=booleans(len(contacts), known=False),
        )
    # a contact is (instructor position, node number): each kind's nodes numbered after the last's
    sizes = np.array([len(net.nodes[k]) for k in CONTACT_KINDS], dtype=np.int64)
    offset = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    width = max(int(sizes.sum()), 1)
    person, kind, at = contact_positions(net)
    wanted = person * width + offset[kind] + at
    rows = net.visits
    node = np.full(len(rows), -1, dtype=np.int64)
    for k, name in enumerate(CONTACT_KINDS):  # the positions the loader found, when it did
        found = net.event_positions("visits", "target", name)
        hit = found >= 0
        node[hit] = found[hit] + offset[k]
    person = net.event_positions("visits", "person", "Instructor")
    key = np.where((person >= 0) & (node >= 0), person * width + node, -1)
    # number the contacts' keys 0..k-1 and look the visits' keys up among them
    slot = pd.Index(wanted).get_indexer(key)
    last = _last_dates(
        np.where(key >= 0, slot, -1), rows["date"], len(contacts), pd.Timestamp(settings.today)
    )
    return contacts.assign(
        last=last.to_numpy(dtype="datetime64[ns]"),
        visited=booleans(in_window(last, settings.today, settings.visit_window_days)),
    )


def _last_text(last: pd.Series) -> pd.Series:
    return last.dt.strftime("%Y-%m-%d").astype(_STR)


def activity_findings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """``INACTIVE_ORG`` findings: organisations with no activity within ``activity_window_days``.

    The detail gives the window and the last activity up to the as-of date
    (or says there was none). Organisations in network order; empty when the
    ledger has no activities table.

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(nodes={"PartyOrg": [{"id": "P1", "name": "甲支部"}]},
    ...                            events={"activities": pd.DataFrame()})
    >>> activity_findings(net, settings=Settings(lang="en", activity_window_days=30))["detail"].tolist()
    ['No activity recorded in the last 30 days (none ever)']

    """
    settings = settings or Settings()
    if "INACTIVE_ORG" in checks_not_run(net):
        return empty_findings()
    lang, days = settings.lang, settings.activity_window_days
    state = last_activities(net, settings=settings)
    idle = ~state["active"].to_numpy(dtype=bool)
    orgs = pd.DataFrame({"name": net.party_orgs["name"], "street": party_org_streets(net)})[idle]
    last = state["last"][idle]
    text = pd.Series(
        np.where(
            last.isna(),
            detail("INACTIVE_ORG:never", lang, days=days),
            detail("INACTIVE_ORG", lang, days=days, last=_last_text(last)),
        ),
        dtype=_STR,
    )
    return subject_findings("INACTIVE_ORG", "PartyOrg", orgs, text)


def training_findings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """``SECRETARY_UNTRAINED`` findings: organisations whose (non-blank) secretary is not trained.

    See :func:`secretaries_trained`. Organisations in network order; empty
    when the ledger has no trainings table or no secretary column.

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": "P1", "name": "甲支部", "secretary": "张伟"},
    ...                         {"id": "P2", "name": "乙支部", "secretary": None}]},
    ...     events={"trainings": pd.DataFrame()})
    >>> training_findings(net)[["subject_id", "detail"]].values.tolist()
    [['P1', '书记张伟近365天内无培训记录']]

    """
    settings = settings or Settings()
    if "SECRETARY_UNTRAINED" in checks_not_run(net):
        return empty_findings()
    orgs = net.party_orgs
    bad = (
        ~secretaries_trained(net, settings=settings).to_numpy(dtype=bool)
        & ~blank_text(orgs["secretary"]).to_numpy()
    )
    subjects = pd.DataFrame({"name": orgs["name"], "street": party_org_streets(net)})[bad]
    text = detail(
        "SECRETARY_UNTRAINED",
        settings.lang,
        secretary=orgs["secretary"][bad],
        days=settings.training_window_days,
    )
    return subject_findings("SECRETARY_UNTRAINED", "PartyOrg", subjects, text)


def visit_findings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """``UNVISITED_CONTACT`` findings: one per instructor contact not visited within ``visit_window_days``.

    The subject is the instructor, its street the street that sent it; the
    detail names the target (its name, else its id) and the last visit.
    Ordered like :func:`~graphkit.analysis.instructor_contacts`; empty when
    the ledger has no visits table.

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(
    ...     nodes={"Instructor": [{"id": "I1", "name": "张伟"}], "Unit": [{"id": "U1"}],
    ...            "Carrier": [{"id": "C1", "name": "金成时代广场"}]},
    ...     rels={"GUIDES": [("I1", "C1")], "LOCATED_IN": [("U1", "C1")]},
    ...     events={"visits": pd.DataFrame({"person": ["I1"], "target": ["U1"],
    ...                                     "date": pd.to_datetime(["2026-11-20"])})})
    >>> visit_findings(net, settings=Settings(as_of="2026-11-27"))[["subject_id", "detail"]].values.tolist()
    [['I1', '近90天内未走访联系对象“金成时代广场”（从未走访）']]

    """
    settings = settings or Settings()
    if "UNVISITED_CONTACT" in checks_not_run(net):
        return empty_findings()
    lang, days = settings.lang, settings.visit_window_days
    state = contact_visits(net, settings=settings)
    state = state[~state["visited"].to_numpy(dtype=bool)]
    people = net.instructors
    target = pd.Series(pd.NA, index=state.index, dtype=_STR)
    for kind in ("Unit", "PartyOrg", "Carrier"):
        of_kind = state["target_kind"].eq(kind).to_numpy(dtype=bool)
        target[of_kind] = lookup(state["target"][of_kind], net.nodes[kind]["name"]).to_numpy()
    target = target.fillna(state["target"])
    subjects = pd.DataFrame(
        {
            "name": lookup(state["instructor_id"], people["name"]).to_numpy(),
            "street": lookup(state["instructor_id"], instructor_streets(net)).to_numpy(),
        },
        index=pd.Index(state["instructor_id"], dtype=_STR),
    )
    last = state["last"]
    text = pd.Series(
        np.where(
            last.isna().to_numpy(),
            detail("UNVISITED_CONTACT:never", lang, days=days, target=target),
            detail("UNVISITED_CONTACT", lang, days=days, target=target, last=_last_text(last)),
        ),
        dtype=_STR,
    )
    # the assignment row that names this contact (DESIGN §5)
    rows = pair_rows(net, "GUIDES", state["instructor_id"], state["target"])
    out = subject_findings("UNVISITED_CONTACT", "Instructor", subjects, text)
    return with_sources(net, out, net.rel_sources("GUIDES", rows), "target")
