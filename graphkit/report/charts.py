"""The charts of ``report.html``, drawn with matplotlib as inline SVG.

Two charts: units by coverage status per street (stacked bars) and contacts
per instructor, their workload (a histogram with the contact limit marked;
reach stays in the instructors table beside it). Text is drawn as
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
from graphkit.report.tables import street_table
from graphkit.results import Analysis

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["chart_parts"]


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
        ``coverage_chart`` and ``reach_chart`` (SVG markup, ``""`` when there
        is nothing to draw) and ``coverage_chart_note`` (says when only the
        largest streets are drawn, else ``""``).

    Notes
    -----
    O(S + I) for S streets and I instructors; the coverage chart draws at
    most 30 streets and the contacts chart at most 60 bars, so the markup stays
    small at any size.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> parts = chart_parts(example_analysis(), lang="zh")
    >>> sorted(parts), "xmlns" in parts["reach_chart"]
    (['coverage_chart', 'coverage_chart_note', 'reach_chart'], False)

    """
    by_street = street_table(analysis) if by_street is None else by_street
    coverage_chart, note = _coverage_chart(by_street, lang=lang)
    limit = analysis.settings.max_contacts_per_instructor
    reach_chart = _contacts_chart(analysis.instructors["contacts"], limit, lang=lang)
    return {"coverage_chart": coverage_chart, "coverage_chart_note": note, "reach_chart": reach_chart}


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
