"""The result of an analysis: the one type that reports, diagrams, exports and the CLI read.

:func:`graphkit.analyze` returns an :class:`Analysis`; everything downstream —
the report writers, the diagrams, the Neo4j twins, the command line — types
against it, so none of them needs to import the analyses themselves. In
Jupyter an :class:`Analysis` shows itself as a compact table of its headline
rates, findings by code and streets (``graphkit.report.Report`` gives the
full report).

Examples
--------
>>> import graphkit as gk
>>> result = gk.analyze(gk.datasets.tiny(), as_of="2026-11-27")
>>> result
<Analysis: 10 units, 31 findings, org_coverage=60.0%, own_rate=30.0%, work_coverage=80.0%>
>>> "组织覆盖率" in result._repr_html_()
True

"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from typing import Any

import pandas as pd

from graphkit import i18n
from graphkit.model import Network
from graphkit.settings import Settings

__all__ = ["GRADES", "GRADE_COLUMNS", "GRADE_CRITERIA", "Analysis", "Comparison", "empty_grades"]

#: The seven grading criteria (分类定级) of a party organisation, in the order ``grades.csv`` lists them
#: (:func:`graphkit.analysis.grades`).
GRADE_CRITERIA = (
    "position_ok",
    "active",
    "secretary_trained",
    "term_ok",
    "instructor_reached",
    "paired",
    "level_ok",
)

#: Grades, best first: canonical values of 先进, 较好, 一般, 后进 (labels in :mod:`graphkit.i18n`).
GRADES = ("advanced", "good", "fair", "lagging")

#: Columns of :attr:`Analysis.grades` (index ``party_org_id``).
GRADE_COLUMNS = ["name", "street", *GRADE_CRITERIA, "fails", "grade"]


def empty_grades() -> pd.DataFrame:
    """A grades frame with no rows: the columns of :data:`GRADE_COLUMNS`, typed.

    Examples
    --------
    >>> list(empty_grades().columns) == GRADE_COLUMNS
    True

    """
    columns = {"name": "string", "street": "string", **dict.fromkeys(GRADE_CRITERIA, "boolean")}
    frame = pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
    frame = frame.assign(fails=pd.Series(dtype="int64"), grade=pd.Series(dtype="string"))
    return frame.set_axis(pd.Index([], dtype="string", name="party_org_id"))


@dataclasses.dataclass(frozen=True)
class Analysis:
    """Everything an analysis found, as frames plus a JSON-able summary.

    Attributes
    ----------
    network
        The network analysed (after removing ``without`` ids, if any).
    settings
        The settings used.
    coverage
        Coverage status of every unit, indexed by ``unit_id``
        (:func:`graphkit.analysis.coverage`).
    instructors
        Reach, contacts and load of every instructor, indexed by ``instructor_id``
        (:func:`graphkit.analysis.instructor_load`).
    pairings
        Organ branch–party organisation pairings (:func:`graphkit.analysis.pairings`).
    proposals
        Suggested instructor moves, pairings and joint branches.
    resilience
        Key-person risk per instructor, liaison and organisation.
    findings
        Every finding, data quality included (:data:`graphkit.findings.FINDING_COLUMNS`).
    summary
        Counts and rates (:func:`graphkit.analysis.summarize`).
    rejects
        Ledger rows that could not be used.
    grades
        The seven criteria, failures and grade (分类定级) of every party
        organisation, indexed by ``party_org_id``, columns
        :data:`GRADE_COLUMNS` (:func:`graphkit.analysis.grades`). Empty
        (:func:`empty_grades`) when the producer did not grade.

    Notes
    -----
    Frozen: use :func:`dataclasses.replace` for a variant (another language,
    say). The frames are shared, not copied; treat them as read-only.

    """

    network: Network
    settings: Settings
    coverage: pd.DataFrame
    instructors: pd.DataFrame
    pairings: pd.DataFrame
    proposals: pd.DataFrame
    resilience: pd.DataFrame
    findings: pd.DataFrame
    summary: dict[str, Any]
    rejects: pd.DataFrame
    grades: pd.DataFrame = dataclasses.field(default_factory=empty_grades)

    @property
    def rates(self) -> dict[str, float | None]:
        """``org_coverage``, ``own_rate`` and ``work_coverage`` (``None`` without units)."""
        return dict(self.summary.get("rates", {}))

    @property
    def by_street(self) -> pd.DataFrame:
        """The summary's per-street counts and rates as a frame, one row per street."""
        return pd.DataFrame(self.summary.get("by_street", []))

    @property
    def grades_by_street(self) -> pd.DataFrame:
        """The summary's grade counts per street (``summary["grades_by_street"]``), one row per street."""
        return pd.DataFrame(self.summary.get("grades_by_street", []))

    def __repr__(self) -> str:
        pct = ", ".join(f"{k}={_pct(v)}" for k, v in self.rates.items())
        return f"<Analysis: {len(self.coverage)} units, {len(self.findings)} findings, {pct}>"

    def _repr_html_(self) -> str:
        """A compact table for Jupyter: rates, grades, findings by code, streets (settings' language)."""
        lang = self.settings.lang
        t = lambda key: html.escape(i18n.column_label(key, lang=lang))  # noqa: E731
        head = i18n.text("headline", lang=lang)
        rates = "".join(f"<tr><th>{t(k)}</th><td>{_pct(v)}</td></tr>" for k, v in self.rates.items())
        counts = self.findings["code"].value_counts()
        codes = "".join(
            f"<tr><td><code>{html.escape(code)}</code></td>"
            f"<td>{html.escape(i18n.code_title(code, lang=lang))}</td><td>{int(n):,}</td></tr>"
            for code, n in counts.items()
        )
        streets = "".join(
            f"<tr><td>{html.escape(str(row.get('street') or row.get('street_id') or '—'))}</td>"
            f"<td>{int(row['units']):,}</td>"
            + "".join(f"<td>{_pct(row[k])}</td>" for k in ("org_coverage", "own_rate", "work_coverage"))
            + "</tr>"
            for row in self.summary.get("by_street", [])
        )
        street_head = "".join(
            f"<th>{t(k)}</th>" for k in ("street", "units", "org_coverage", "own_rate", "work_coverage")
        )
        graded = self.summary.get("grades") or {}
        grades = (
            f"<p>{html.escape(i18n.text('analyze.grades', lang=lang, n=sum(graded.values()), **graded))}</p>"
            if graded
            else ""
        )
        return (
            '<div class="gk-analysis">'
            f"<p><b>{html.escape(head)}</b> · {len(self.coverage):,} {t('units')} · "
            f"{html.escape(str(self.summary.get('as_of', '')))}</p>"
            f"<table>{rates}</table>{grades}"
            f"<table><tr><th>code</th><th></th><th>n</th></tr>{codes}</table>"
            f"<table><tr>{street_head}</tr>{streets}</table>"
            "</div>"
        )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


@dataclasses.dataclass(frozen=True)
class Comparison:
    """Month over month: what changed between snapshots of one district's ledger (DESIGN §7).

    :func:`graphkit.compare` returns one; :func:`graphkit.report.write_comparison`
    writes its files. Every frame holds the changes between *consecutive*
    snapshots, in date order; ``from`` and ``to`` (ISO dates) say which pair.

    Attributes
    ----------
    dates
        The snapshot dates, oldest first; each snapshot was analysed as of its date.
    names
        What each snapshot is called (its file or folder name, or its date).
    analyses
        The analysis of each snapshot, in date order.
    changes
        ``table, id, name, street, change, column, old, new, from, to``: rows
        added or removed, and one row per changed column of a row kept.
    status_changes
        ``unit_id, name, street, old_status, new_status, from, to``: units in
        both snapshots whose coverage status moved.
    findings_delta
        ``code, subject_id, subject_name, street, state, severity, from, to``;
        state is opened, resolved or persisting.
    streets
        One row per street and snapshot: units, the three rates, findings by
        severity, the month's activities, visits, training person-times and
        plaques, each beside its change from the snapshot before.
    district
        The same columns for the whole district, one row per snapshot.
    bulletin
        The 通报 of the last snapshot: streets ranked by what lags.

    Notes
    -----
    Frozen; the frames are shared, not copied: treat them as read-only.

    """

    dates: tuple[dt.date, ...]
    names: tuple[str, ...]
    analyses: tuple[Analysis, ...]
    changes: pd.DataFrame
    status_changes: pd.DataFrame
    findings_delta: pd.DataFrame
    streets: pd.DataFrame
    district: pd.DataFrame
    bulletin: pd.DataFrame

    @property
    def settings(self) -> Settings:
        """The settings of the last snapshot's analysis (all share them but the as-of date)."""
        return self.analyses[-1].settings

    def __repr__(self) -> str:
        span = f"{self.dates[0].isoformat()}..{self.dates[-1].isoformat()}" if self.dates else "-"
        return (
            f"<Comparison: {len(self.dates)} snapshots {span}, {len(self.changes)} changes, "
            f"{len(self.status_changes)} status moves, {len(self.findings_delta)} finding states>"
        )
