"""The charts of ``report.html``, drawn with matplotlib as inline SVG.

Four charts: units by coverage status per street (stacked bars), contacts
per instructor, their workload (a histogram with the contact limit marked;
reach stays in the instructors table beside it), party organisations by grade
per street (stacked bars, streets with lagging organisations first:
:func:`draw_grades_by_street`) and activities per month over the last twelve
months (:func:`draw_activity_months`); the last two only when the ledger keeps
what they count. Text is drawn as
paths with the CJK font of :mod:`graphkit.fonts`, so the page needs no font
for them, and each chart's SVG ids come from a fixed salt, so the same analysis
gives the same markup. matplotlib loads when the first chart is drawn.

Examples
--------
>>> from graphkit.report import example_analysis
>>> parts = chart_parts(example_analysis(), lang="en")
>>> parts["coverage_chart"].startswith("<svg"), parts["coverage_chart_note"]
(True, '')

"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from graphkit import i18n
from graphkit.analysis.coverage import STATUSES
from graphkit.draw import STATUS_COLORS
from graphkit.draw.instructors import load_histogram
from graphkit.fonts import cjk_rc
from graphkit.report.campaign import grades_by_street_table, network_activity_months
from graphkit.report.tables import street_table
from graphkit.results import GRADES, Analysis

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["GRADE_COLORS", "chart_parts", "draw_activity_months", "draw_grades_by_street"]

#: Bar colours of the grades, best first: the coverage chart's scale, green to red.
GRADE_COLORS = dict(zip(GRADES, ("#1a9850", "#91cf60", "#fdae61", "#d73027"), strict=True))

#: The activity chart's bars; the as-of month (counted only up to the as-of date) is lighter.
ACTIVITY_COLOR, ACTIVITY_PARTIAL_COLOR = "#4a6fa5", "#a9bcd8"

#: The chart keys :func:`chart_parts` returns.
CHART_KEYS = ("coverage_chart", "coverage_chart_note", "reach_chart", "grades_chart", "activity_chart")


def chart_parts(analysis: Analysis, *, lang: str, by_street: pd.DataFrame | None = None) -> dict[str, str]:
    """The two charts of ``report.html`` (inline SVG) and the coverage chart's note.

    Parameters
    ----------
    analysis
        The analysis; read-only.
    lang
        ``"zh"`` or ``"en"``: language of labels and legend.
    by_street
        The analysis's :func:`graphkit.report.tables.street_table`, when
        already made.

    Returns
    -------
    dict of str to str
        The keys of :data:`CHART_KEYS`: ``coverage_chart``, ``reach_chart``,
        ``grades_chart`` and ``activity_chart`` (SVG markup, ``""`` when
        there is nothing to draw: no grades given, no activities table) and
        ``coverage_chart_note`` (says when only the largest streets are
        drawn, else ``""``).

    Notes
    -----
    O(S + I + A) for S streets, I instructors and A activity rows (one
    vectorised count per month); the street charts draw at most 30 streets
    and the contacts chart at most 60 bars, so the markup stays small at any
    size.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> parts = chart_parts(example_analysis(), lang="zh")
    >>> sorted(parts), "xmlns" in parts["reach_chart"], parts["grades_chart"]
    (['activity_chart', 'coverage_chart', 'coverage_chart_note', 'grades_chart', 'reach_chart'], False, '')

    """
    by_street = street_table(analysis) if by_street is None else by_street
    coverage_chart, note = _coverage_chart(by_street, lang=lang)
    limit = analysis.settings.max_contacts_per_instructor
    reach_chart = _contacts_chart(analysis.instructors["contacts"], limit, lang=lang)
    return {
        "coverage_chart": coverage_chart,
        "coverage_chart_note": note,
        "reach_chart": reach_chart,
        "grades_chart": _grades_chart(analysis, lang=lang),
        "activity_chart": _activity_chart(analysis, lang=lang),
    }


def _rc() -> dict[str, Any]:
    """Matplotlib ``rcParams`` with the CJK font of :mod:`graphkit.fonts`, text as paths in SVG."""
    return {**cjk_rc(), "svg.fonttype": "path"}


def _svg(fig: Figure, salt: str) -> str:
    """Inline SVG markup of a figure: no XML prolog, metadata or namespace URLs."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.DOTALL)
    text = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", text)
    return re.sub(r'<svg([^>]*?)\s+width="([\d.]+)pt"\s+height="([\d.]+)pt"', _svg_size, text, count=1)


def _svg_size(match: re.Match[str]) -> str:
    """Make the root ``<svg>`` scale with the page (keep its aspect through viewBox)."""
    return f'<svg{match.group(1)} class="gk-chart" style="max-width:{float(match.group(2)) * 1.34:.0f}px"'


def _coverage_chart(by_street: pd.DataFrame, *, lang: str, max_streets: int = 30) -> tuple[str, str]:
    """Stacked horizontal bars of units by status per street; returns (svg, note)."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    if by_street.empty:
        return "", ""
    top = by_street.sort_values(["units", "street"], ascending=[False, True]).head(max_streets)
    top = top.iloc[::-1]
    labels = top["street"].astype("string").fillna(top["street_id"].astype("string")).fillna("—")
    note = ""
    if len(by_street) > max_streets:
        note = i18n.text("chart_streets_capped", lang=lang, shown=max_streets, total=len(by_street))
    with matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(8, 0.8 + 0.32 * len(top)), layout="constrained")
        ax = fig.subplots()
        left = np.zeros(len(top))
        positions = np.arange(len(top))
        for status in STATUSES:
            values = top[status].to_numpy(dtype=float)
            ax.barh(
                positions,
                values,
                left=left,
                color=STATUS_COLORS[status],
                label=i18n.value_label("status", status, lang=lang),
                height=0.7,
            )
            left += values
        ax.set_yticks(positions, labels.tolist())
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(i18n.text("chart_units", lang=lang))
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=4, frameon=False)
        svg = _svg(fig, "gk-coverage")
    return svg, note


def _contacts_chart(reach: pd.Series, limit: int, *, lang: str, max_bars: int = 60) -> str:
    """Contacts per instructor (the workload), drawn by :func:`graphkit.draw.instructors.load_histogram`.

    The same chart as ``instructor_contacts.png``: one bar per value, the
    heavy tail in one hatched bar, overloaded bars red, the limit dashed.
    """
    import matplotlib
    from matplotlib.figure import Figure

    values = pd.to_numeric(reach, errors="coerce").dropna().to_numpy(dtype="int64")
    if values.size == 0:
        return ""
    with matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(8, 3.4), layout="constrained")
        ax = fig.subplots()
        load_histogram(
            ax,
            values,
            limit=limit,
            xlabel=i18n.column_label("contacts", lang=lang),
            ylabel=i18n.text("chart_instructors", lang=lang),
            lang=lang,
            max_bars=max_bars,
        )
        return _svg(fig, "gk-reach")


# --------------------------------------------------------------------------- the campaign's charts
def _street_labels(frame: pd.DataFrame, *, lang: str) -> pd.Series:
    """Street names, else ids, else "(no street)"."""
    no_street = i18n.text("monthly.no_street", lang=lang)
    return frame["street"].astype("string").fillna(frame["street_id"].astype("string")).fillna(no_street)


def draw_grades_by_street(ax: Axes, table: pd.DataFrame, *, lang: str = "zh", max_streets: int = 30) -> Axes:
    """Draw party organisations by grade per street on ``ax``: stacked horizontal bars.

    One bar per street (at most ``max_streets``, those with most lagging,
    then fair, organisations), segments from 先进 to 后进 in
    :data:`GRADE_COLORS`. Streets with lagging organisations come first (at
    the top), each marked at its bar's end with the count ("后进 2") in the
    lagging colour, so the chart answers "which streets have lagging
    organisations" at a glance; the others follow in the table's order.

    Parameters
    ----------
    ax
        Where to draw.
    table
        ``street_id, street`` and a count per grade of :data:`GRADES` (as
        :func:`graphkit.report.campaign.grades_by_street_table` gives).
    lang
        Language of the labels and legend.
    max_streets
        Most streets drawn.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> table = pd.DataFrame({"street_id": ["S1", "S2"], "street": ["甲街道", "乙街道"],
    ...                       "advanced": [1, 0], "good": [2, 1], "fair": [0, 1], "lagging": [0, 2]})
    >>> ax = draw_grades_by_street(Figure().subplots(), table, lang="en")
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['甲街道', '乙街道'], ['2 lagging'])

    """
    from matplotlib.ticker import MaxNLocator

    counts = table[list(GRADES)].apply(pd.to_numeric).fillna(0).astype("int64")
    order = np.lexsort((np.arange(len(table)), -counts["fair"].to_numpy(), -counts["lagging"].to_numpy()))
    order = order[:max_streets][::-1]  # barh draws from the bottom: the first street on top
    counts = counts.iloc[order]
    labels = _street_labels(table.iloc[order], lang=lang)
    positions = np.arange(len(counts))
    left = np.zeros(len(counts))
    for grade in GRADES:
        values = counts[grade].to_numpy(dtype=float)
        ax.barh(
            positions,
            values,
            left=left,
            color=GRADE_COLORS[grade],
            label=str(i18n.value_label("grade", grade, lang=lang)),
            height=0.7,
        )
        left += values
    lagging = counts["lagging"].to_numpy()
    for y, (end, n) in enumerate(zip(left, lagging, strict=True)):
        if n > 0:
            text = i18n.text("chart_grades_lagging", lang=lang, n=int(n))
            ax.annotate(
                text,
                (end, y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                color=GRADE_COLORS["lagging"],
            )
    ax.set_yticks(positions, labels.tolist())
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(i18n.text("chart_grades_axis", lang=lang))
    ax.margins(x=0.12)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=4, frameon=False)
    return ax


def _grades_chart(analysis: Analysis, *, lang: str) -> str:
    """The grades-by-street chart as SVG, ``""`` when no grade was given."""
    import matplotlib
    from matplotlib.figure import Figure

    table = grades_by_street_table(analysis)
    if not analysis.summary.get("grades") or table.empty:
        return ""
    table = table[table["party_orgs"] > 0]
    with matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(8, 0.9 + 0.32 * min(len(table), 30)), layout="constrained")
        draw_grades_by_street(fig.subplots(), table, lang=lang)
        return _svg(fig, "gk-grades")


def draw_activity_months(ax: Axes, months: pd.DataFrame, *, lang: str = "zh") -> Axes:
    r"""Draw activities per month on ``ax``: one bar per month, its count above it.

    The last month is the as-of date's, counted only up to that date: its bar
    is lighter (:data:`ACTIVITY_PARTIAL_COLOR`) so a short month does not
    read as a fall.

    Parameters
    ----------
    ax
        Where to draw.
    months
        ``month`` (``YYYY-MM``) and ``activities``, oldest first (as
        :func:`graphkit.report.campaign.activity_months` gives).
    lang
        Language of the labels.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> months = pd.DataFrame({"month": ["2026-10", "2026-11"], "activities": [12, 5]})
    >>> ax = draw_activity_months(Figure().subplots(), months)
    >>> [int(p.get_height()) for p in ax.patches], [t.get_text() for t in ax.get_xticklabels()]
    ([12, 5], ['10月\n2026', '11月'])

    """
    from matplotlib.ticker import MaxNLocator

    values = months["activities"].to_numpy(dtype=float)
    periods = pd.PeriodIndex(months["month"].astype(str), freq="M")
    colors = [ACTIVITY_COLOR] * len(values)
    if len(colors):
        colors[-1] = ACTIVITY_PARTIAL_COLOR
    bars = ax.bar(np.arange(len(values)), values, color=colors, width=0.7)
    ax.bar_label(bars, labels=[f"{int(v):,}" for v in values], padding=2, fontsize=8)
    ticks = [
        (f"{p.month}月" if lang == "zh" else p.strftime("%b"))
        + (f"\n{p.year}" if i == 0 or p.month == 1 else "")
        for i, p in enumerate(periods)
    ]
    ax.set_xticks(np.arange(len(values)), ticks)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel(i18n.text("chart_activity_axis", lang=lang))
    ax.margins(y=0.12)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _activity_chart(analysis: Analysis, *, lang: str) -> str:
    """The activities-per-month chart as SVG, ``""`` when the ledger keeps no activities table."""
    import matplotlib
    from matplotlib.figure import Figure

    net = analysis.network
    if not net.has_table("activities"):
        return ""
    today = analysis.settings.today
    months = network_activity_months(net, today)
    with matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(8, 3.2), layout="constrained")
        draw_activity_months(fig.subplots(), months, lang=lang)
        return _svg(fig, "gk-activity")
