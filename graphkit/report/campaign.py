"""The campaign's sections of the report: positions, activity, training, honours, grades.

Each section (:class:`Section`) is a handful of counts (:class:`Metric`) and
small aggregated tables — per 六有 item, per month, per training level, per
honour type and level, per street, per criterion — plus a capped list of the
subjects of one finding code. Nothing here is per row of the ledger in
Python: every number is a vectorised count over the network's tables, the
findings and the grades of the :class:`~graphkit.results.Analysis`.

A section whose ledger table is missing (DESIGN §5, "Missing versus empty")
says so in :attr:`Section.missing` and has no metrics or tables, so a report
never shows zeros for a record the district does not keep yet.

Examples
--------
>>> from graphkit.report import example_analysis
>>> sections = campaign_sections(example_analysis(), lang="en")
>>> [s.key for s in sections] == list(SECTIONS)
True
>>> sections[0].missing
'The ledger has no positions table (not kept yet): not counted.'

"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from graphkit import i18n
from graphkit.analysis.activity import secretaries_trained
from graphkit.analysis.positions import party_org_positions, positions_missing
from graphkit.analysis.records import in_window, valid_honours
from graphkit.model import SIX_HAVES, Network, position_mask
from graphkit.results import GRADE_CRITERIA, GRADES, Analysis

__all__ = [
    "LIST_MAX_ITEMS",
    "SECTIONS",
    "Metric",
    "Section",
    "SectionTable",
    "campaign_sections",
    "grades_by_street_table",
]

#: The campaign's sections, in the order the reports show them.
SECTIONS = ("positions", "activity", "training", "honours", "grades")

#: Most subjects a section lists by name (the rest are counted; findings.csv has all).
LIST_MAX_ITEMS = 50

#: Months of the activity table, ending with the as-of date's month.
ACTIVITY_MONTHS = 12

#: Honour levels, highest first; honours with none (or another) go under ``no_level``.
HONOUR_LEVELS = ("province", "city", "district", "street")

#: Training levels: a training of neither goes under ``no_level``.
TRAINING_LEVELS = ("district", "street")

#: The table each section needs; without it the section is not counted.
_NEEDS = {"positions": "positions", "activity": "activities", "training": "trainings", "honours": "honours"}

#: The finding code whose subjects a section lists.
_LISTED = {"activity": "INACTIVE_ORG", "honours": "HONOUR_AT_RISK", "grades": "ORG_LAGGING"}


@dataclasses.dataclass(frozen=True)
class Metric:
    """One count of a section: ``value`` out of ``total`` (or ``None``); a ``None`` value: not assessed."""

    key: str
    label: str
    value: int | None
    total: int | None = None

    @property
    def share(self) -> float | None:
        """``value / total``, or ``None`` when either is missing or the total is 0."""
        if self.value is None or not self.total:
            return None
        return self.value / self.total


@dataclasses.dataclass(frozen=True)
class SectionTable:
    """A small table of a section: ``frame`` has canonical columns, labelled by ``i18n`` under ``name``."""

    name: str
    title: str
    frame: pd.DataFrame
    note: str = ""
    has_total: bool = False


@dataclasses.dataclass(frozen=True)
class Section:
    """One campaign section: title, what is missing (``""`` when counted), counts, tables, a list."""

    key: str
    title: str
    missing: str
    metrics: tuple[Metric, ...] = ()
    tables: tuple[SectionTable, ...] = ()
    listed: SectionTable | None = None

    @property
    def counted(self) -> bool:
        """Whether the section has numbers (its ledger table is there)."""
        return not self.missing


def campaign_sections(analysis: Analysis, *, lang: str = "zh") -> list[Section]:
    """The five campaign sections of :data:`SECTIONS`, localised.

    - ``positions``: positions meeting all 六有 items, party organisations
      served by a position (by one meeting the 六有), positions missing each
      item (most missed first);
    - ``activity``: organisations with an activity within
      ``activity_window_days``, activities per month over the last
      :data:`ACTIVITY_MONTHS` months, the ``INACTIVE_ORG`` organisations;
    - ``training``: organisations whose secretary was trained within
      ``training_window_days`` (:func:`graphkit.analysis.secretaries_trained`),
      district batches, street sessions (distinct batches) and person-times
      (rows) within that window, by level;
    - ``honours``: valid honours by type and level, member plaques (units
      holding a valid 党员经营户挂牌), ``HONOUR_AT_RISK`` and
      ``PLAQUE_WITHOUT_MEMBER``, the honours at risk;
    - ``grades``: organisations per grade (分类定级), per street, failures
      per criterion, the lagging organisations.

    Parameters
    ----------
    analysis
        The analysis; read-only. Reads its network (positions, the event
        tables), findings, grades and ``summary["grades_by_street"]`` and
        ``summary["not_run"]``.
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    list of Section
        One per key of :data:`SECTIONS`, in order. A section whose table the
        ledger lacks has only ``missing``; grades not given (a table they
        need is missing) likewise.

    Notes
    -----
    O(positions + served pairs + event rows + findings + organisations),
    all vectorised; the lists hold at most :data:`LIST_MAX_ITEMS` subjects.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> [s.counted for s in campaign_sections(example_analysis())]
    [False, False, False, False, False]

    """
    i18n.check_lang(lang)
    net = analysis.network
    build = {
        "positions": _positions,
        "activity": _activity,
        "training": _training,
        "honours": _honours,
        "grades": _grades,
    }
    out = []
    for key in SECTIONS:
        title = i18n.text(f"campaign.{key}", lang=lang)
        table = _NEEDS.get(key)
        if table is not None and not net.has_table(table):
            label = i18n.text(f"campaign.table.{table}", lang=lang)
            out.append(Section(key, title, i18n.text("campaign.not_kept", lang=lang, table=label)))
            continue
        out.append(build[key](analysis, title, lang))
    return out


# --------------------------------------------------------------------------- helpers
def _metric(key: str, value: int | None, total: int | None = None, *, lang: str, **fields: object) -> Metric:
    return Metric(key, i18n.text(f"campaign.metric.{key}", lang=lang, **fields), value, total)


def _count(findings: pd.DataFrame, code: str) -> int:
    return int((findings["code"] == code).sum())


def _listed(analysis: Analysis, code: str, *, lang: str) -> SectionTable:
    """The subjects of ``code``: name, id, street, detail; at most :data:`LIST_MAX_ITEMS`."""
    findings = analysis.findings
    rows = findings[findings["code"] == code]
    shown = rows[["subject_name", "subject_id", "street", "detail"]].head(LIST_MAX_ITEMS)
    more = len(rows) - len(shown)
    note = i18n.text("and_more", lang=lang, n=more) if more > 0 else ""
    frame = shown.astype("string").reset_index(drop=True)
    return SectionTable("findings", i18n.code_title(code, lang=lang), frame, note)


def _with_total(frame: pd.DataFrame, label_column: str, *, lang: str) -> pd.DataFrame:
    """``frame`` with a last row summing its integer columns, labelled 合计 (Total)."""
    numbers = [c for c in frame.columns if c != label_column]
    total = pd.DataFrame([{label_column: i18n.text("total", lang=lang), **frame[numbers].sum().to_dict()}])
    return pd.concat([frame, total], ignore_index=True).astype(dict.fromkeys(numbers, "int64"))


# --------------------------------------------------------------------------- sections
def _positions(analysis: Analysis, title: str, lang: str) -> Section:
    net = analysis.network
    missing = positions_missing(net)
    meets = int((~missing.to_numpy().any(axis=1)).sum()) if len(missing) else 0
    served = party_org_positions(net)
    orgs = len(net.party_orgs)
    metrics = (
        _metric("positions", len(missing), lang=lang),
        _metric("positions_six_haves", meets, len(missing), lang=lang),
        _metric("orgs_served", int(served["served"].sum()), orgs, lang=lang),
        _metric("orgs_position_ok", int(served["position_ok"].sum()), orgs, lang=lang),
        _metric("no_position", _count(analysis.findings, "NO_POSITION"), orgs, lang=lang),
    )
    items = pd.DataFrame(
        {
            "item": [i18n.text(f"campaign.six_have.{item}", lang=lang) for item in SIX_HAVES],
            "positions": missing.sum().reindex(list(SIX_HAVES)).to_numpy(dtype="int64"),
        }
    )
    items = items.sort_values("positions", ascending=False, kind="stable").reset_index(drop=True)
    table = SectionTable("six_haves", i18n.text("campaign.six_haves", lang=lang), items)
    return Section("positions", title, "", metrics, (table,))


def _activity(analysis: Analysis, title: str, lang: str) -> Section:
    net, settings = analysis.network, analysis.settings
    rows = net.activities
    orgs = net.party_orgs.index
    days = settings.activity_window_days
    # organisations as the positions the loader found (or the network looks up once)
    at = net.event_positions("activities", "party_org", "PartyOrg")
    recent = in_window(rows["date"], settings.today, days) & (at >= 0)
    active = int(position_mask(len(orgs), at[recent]).sum())
    months = network_activity_months(net, settings.today)
    metrics = (
        _metric("orgs_active", active, len(orgs), lang=lang, days=days),
        _metric("activities_12m", int(months["activities"].sum()), lang=lang, months=ACTIVITY_MONTHS),
        _metric("inactive", _count(analysis.findings, "INACTIVE_ORG"), len(orgs), lang=lang),
    )
    table = SectionTable(
        "activity_months",
        i18n.text("campaign.activity_months", lang=lang, months=ACTIVITY_MONTHS),
        months,
        i18n.text("campaign.activity_months_note", lang=lang, as_of=settings.today.isoformat()),
    )
    return Section("activity", title, "", metrics, (table,), _listed(analysis, "INACTIVE_ORG", lang=lang))


def network_activity_months(net: Network, as_of: dt.date) -> pd.DataFrame:
    """:func:`activity_months` of ``net.activities``, organisations told apart by position; cached.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> a = example_analysis()
    >>> months = network_activity_months(a.network, a.settings.today)
    >>> months.equals(activity_months(a.network.activities, a.settings.today))
    True

    """
    return net.cached(
        ("activity_months", as_of),
        lambda n: activity_months(
            n.activities, as_of, n.event_positions("activities", "party_org", "PartyOrg")
        ),
    )


def activity_months(
    rows: pd.DataFrame, as_of: object, party_org_at: np.ndarray | None = None
) -> pd.DataFrame:
    """Activities per month over the :data:`ACTIVITY_MONTHS` months ending with ``as_of``'s month.

    Columns ``month`` (``YYYY-MM``), ``activities`` (rows), ``party_orgs``
    (distinct organisations holding one) and ``attendees`` (their sum);
    every month is listed, oldest first, months without activity as 0.
    O(rows): integer months, one ``bincount`` per column.

    ``party_org_at``, when given, is each row's organisation as a position
    among the network's organisations (-1: none, as
    :meth:`graphkit.Network.event_positions` answers): organisations are then
    told apart by it instead of by their ids' text, and a row naming no
    organisation of the network holds none.

    Examples
    --------
    >>> rows = pd.DataFrame({"party_org": ["P1", "P1", "P2"], "attendees": [5, None, 3],
    ...                      "date": pd.to_datetime(["2026-11-02", "2026-11-20", "2025-12-01"])})
    >>> activity_months(rows, "2026-11-27").iloc[[0, -1]].values.tolist()
    [['2025-12', 1, 1, 3], ['2026-11', 2, 1, 5]]
    >>> int(activity_months(rows.iloc[:0], "2026-11-27")["activities"].sum())  # a table with no rows
    0

    """
    last = pd.Period(pd.Timestamp(as_of), freq="M")
    periods = pd.period_range(end=last, periods=ACTIVITY_MONTHS, freq="M")
    # months as integers (numpy's datetime64[M]): the month's place in the table, else outside
    first = np.datetime64(periods[0].start_time.to_datetime64(), "M")
    months = pd.to_datetime(rows["date"]).to_numpy(dtype="datetime64[ns]").astype("datetime64[M]")
    place = (months - first).astype("int64")
    inside = ~np.isnat(months) & (place >= 0) & (place < ACTIVITY_MONTHS)
    place = place[inside]
    # factorised as Arrow text (an object array of a million ids took a second)
    if party_org_at is None:
        org_codes, _ = pd.factorize(rows["party_org"].astype("string")[inside])
    else:
        org_codes = np.asarray(party_org_at, dtype=np.int64)[inside]
    attendees = pd.to_numeric(rows["attendees"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    attendees = np.nan_to_num(attendees[inside])
    known = org_codes >= 0
    width = int(org_codes.max(initial=0)) + 1
    pairs = np.sort(place[known] * width + org_codes[known])  # distinct (month, organisation):
    if len(pairs):  # sorted, not np.unique (hashing took 0.7 s at 1M)
        pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]]
    return pd.DataFrame(
        {
            "month": pd.array([str(p) for p in periods], dtype="string"),
            "activities": np.bincount(place, minlength=ACTIVITY_MONTHS).astype("int64"),
            "party_orgs": np.bincount(pairs // width, minlength=ACTIVITY_MONTHS).astype("int64"),
            "attendees": np.bincount(place, weights=attendees, minlength=ACTIVITY_MONTHS).astype("int64"),
        }
    )


def _training(analysis: Analysis, title: str, lang: str) -> Section:
    net, settings = analysis.network, analysis.settings
    days = settings.training_window_days
    rows = net.trainings
    rows = rows[in_window(rows["date"], settings.today, days)]
    orgs = len(net.party_orgs)
    trained = secretaries_trained(net, settings=settings)
    assessed = not trained.isna().all() or orgs == 0
    levels = rows["level"].astype("string").where(rows["level"].isin(TRAINING_LEVELS), "no_level")
    keyed = pd.DataFrame(
        {"level": levels.fillna("no_level"), "batch": rows["batch"], "person": rows["person"]}
    )
    by_level = keyed.groupby("level").agg(
        batches=("batch", "nunique"), person_times=("person", "size"), people=("person", "nunique")
    )
    by_level = by_level.reindex([*TRAINING_LEVELS, "no_level"], fill_value=0).astype("int64")
    by_level = by_level[(by_level["person_times"] > 0).to_numpy() | by_level.index.isin(TRAINING_LEVELS)]
    metrics = (
        _metric("secretaries_trained", int(trained.sum()) if assessed else None, orgs, lang=lang, days=days),
        _metric(
            "no_secretary",
            _count(analysis.findings, "NO_SECRETARY") if assessed else None,
            orgs,
            lang=lang,
        ),
        _metric("district_batches", int(by_level.loc["district", "batches"]), lang=lang),
        _metric("street_sessions", int(by_level.loc["street", "batches"]), lang=lang),
        _metric("person_times", int(by_level["person_times"].sum()), lang=lang),
    )
    frame = by_level.rename_axis("level").reset_index()
    frame["level"] = [i18n.text(f"campaign.level.{v}", lang=lang) for v in frame["level"]]
    frame = _with_total(frame, "level", lang=lang)
    heading = i18n.text("campaign.training_levels", lang=lang, days=days)
    table = SectionTable("training_levels", heading, frame, has_total=True)
    return Section("training", title, "", metrics, (table,))


def _honours(analysis: Analysis, title: str, lang: str) -> Section:
    net = analysis.network
    held = valid_honours(net, as_of=analysis.settings.today)
    plaques = held.loc[(held["type"] == "member_plaque").fillna(False).to_numpy(dtype=bool), "subject"]
    findings = analysis.findings
    metrics = (
        _metric("honours_valid", len(held), lang=lang),
        _metric("member_plaques", int(plaques.nunique()), lang=lang),
        _metric("honours_at_risk", _count(findings, "HONOUR_AT_RISK"), lang=lang),
        _metric("plaque_without_member", _count(findings, "PLAQUE_WITHOUT_MEMBER"), lang=lang),
    )
    level = (
        held["level"].astype("string").where(held["level"].isin(HONOUR_LEVELS), "no_level").fillna("no_level")
    )
    kind = held["type"].astype("string").fillna("")
    cells = pd.crosstab(kind.to_numpy(), level.to_numpy()) if len(held) else pd.DataFrame()
    columns = [*HONOUR_LEVELS, "no_level"]
    cells = cells.reindex(columns=columns, fill_value=0)
    order = [t for t in i18n.VALUES["honour_type"] if t in cells.index]
    cells = cells.reindex([*order, *sorted(t for t in cells.index if t not in order)])
    cells = cells.loc[:, (cells.sum() > 0).to_numpy() | np.isin(columns, HONOUR_LEVELS)].astype("int64")
    cells["total"] = cells.sum(axis=1)
    types = [str(i18n.value_label("honour_type", t, lang=lang)) for t in cells.index]
    frame = _with_total(
        cells.reset_index(drop=True).assign(honour_type=types)[["honour_type", *cells.columns]],
        "honour_type",
        lang=lang,
    )
    heading = i18n.text("campaign.honours_by_type", lang=lang)
    table = SectionTable("honours_by_type", heading, frame, has_total=True)
    return Section("honours", title, "", metrics, (table,), _listed(analysis, "HONOUR_AT_RISK", lang=lang))


def grades_by_street_table(analysis: Analysis) -> pd.DataFrame:
    """``summary["grades_by_street"]`` as a frame: ``street_id, street, party_orgs`` and a count per grade.

    Counts are integers; an analysis without the summary entry gives no rows.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> grades_by_street_table(example_analysis()).columns.tolist()
    ['street_id', 'street', 'party_orgs', 'advanced', 'good', 'fair', 'lagging']

    """
    columns = ["street_id", "street", "party_orgs", *GRADES]
    frame = pd.DataFrame(list(analysis.summary.get("grades_by_street") or []), columns=columns)
    counts = ["party_orgs", *GRADES]
    frame[counts] = frame[counts].apply(pd.to_numeric).fillna(0).astype("int64")
    return frame


def _grades(analysis: Analysis, title: str, lang: str) -> Section:
    counts = analysis.summary.get("grades") or {}
    if not counts:
        missing = (analysis.summary.get("not_run") or {}).get("ORG_LAGGING", "")
        return Section("grades", title, i18n.text("campaign.not_graded", lang=lang, missing=missing or "—"))
    total = sum(int(counts.get(g, 0)) for g in GRADES)
    metrics = tuple(Metric(g, i18n.column_label(g, lang=lang), int(counts.get(g, 0)), total) for g in GRADES)
    by_street = grades_by_street_table(analysis)
    no_street = i18n.text("monthly.no_street", lang=lang)
    by_street["street"] = by_street["street"].fillna(by_street["street_id"]).fillna(no_street)
    by_street = _with_total(by_street.drop(columns="street_id"), "street", lang=lang)
    graded = analysis.grades
    failed = pd.DataFrame(
        {
            "criterion": [i18n.CRITERION_FAILED[c][i18n.LANGS.index(lang)] for c in GRADE_CRITERIA],
            "party_orgs": [int(graded[c].eq(False).sum()) if c in graded else 0 for c in GRADE_CRITERIA],
        }
    )
    failed = failed.sort_values("party_orgs", ascending=False, kind="stable").reset_index(drop=True)
    tables = (
        SectionTable(
            "grades_by_street", i18n.text("campaign.grades_by_street", lang=lang), by_street, has_total=True
        ),
        SectionTable("criteria_failed", i18n.text("campaign.criteria_failed", lang=lang), failed),
    )
    return Section("grades", title, "", metrics, tables, _listed(analysis, "ORG_LAGGING", lang=lang))


def metric_text(metric: Metric, *, lang: str) -> tuple[str, str]:
    """A metric as text: its value (``—`` when not assessed) and its share (``""`` when none).

    Examples
    --------
    >>> metric_text(Metric("x", "X", 3, 4), lang="zh"), metric_text(Metric("x", "X", None), lang="en")
    (('3 / 4', '75.0%'), ('—', ''))

    """
    if metric.value is None:
        return "—", ""
    value = f"{metric.value:,}" if metric.total is None else f"{metric.value:,} / {metric.total:,}"
    share = metric.share
    return value, "" if share is None else f"{share:.1%}"


def table_labels(table: SectionTable, *, lang: str) -> list[str]:
    """The localised headers of a section table."""
    return i18n.column_labels(table.frame.columns, table=table.name, lang=lang)


def sections_by_key(sections: Sequence[Section]) -> dict[str, Section]:
    """Sections by key."""
    return {s.key: s for s in sections}
