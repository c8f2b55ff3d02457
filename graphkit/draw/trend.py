"""Rates per street across monthly snapshots, as lines (the trend chart of ``graphkit compare``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from graphkit import i18n
from graphkit.draw.style import cjk_style, legend, new_axes
from graphkit.results import Comparison

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["TREND_RATES", "plot_rate_trend", "snapshot_labels"]

#: The rates a trend chart can draw (those of ``summary["by_street"]``).
TREND_RATES = ("org_coverage", "own_rate", "work_coverage")

#: Colour of the district line.
_DISTRICT = "#1f2933"


def snapshot_labels(dates: Sequence[dt.date], *, lang: str = "zh") -> list[str]:
    """What each snapshot is called in reports: its month (2026年10月), or its day when two share a month.

    Examples
    --------
    >>> snapshot_labels([dt.date(2026, 10, 31), dt.date(2026, 11, 30)])
    ['2026年10月', '2026年11月']
    >>> snapshot_labels([dt.date(2026, 10, 15), dt.date(2026, 10, 31)], lang="en")
    ['2026-10-15', '2026-10-31']

    """
    months = [(d.year, d.month) for d in dates]
    labels = []
    for d, month in zip(dates, months, strict=True):
        key = "monthly.day" if months.count(month) > 1 else "monthly.month"
        labels.append(i18n.text(key, lang=lang, year=d.year, month=d.month, day=d.day))
    return labels


def plot_rate_trend(
    comparison: Comparison,
    rate: str = "org_coverage",
    *,
    ax: Axes | None = None,
    lang: str = "zh",
    max_streets: int = 20,
    figsize: tuple[float, float] = (8, 4.5),
    show_legend: bool = True,
) -> tuple[Figure, Axes]:
    """One line per street of ``rate`` across the snapshots, the district's as a thick dark line.

    Parameters
    ----------
    comparison
        The comparison (:func:`graphkit.compare`); read-only.
    rate
        One of :data:`TREND_RATES`.
    ax, figsize
        Where to draw, and the size of a new figure.
    lang
        ``"zh"`` or ``"en"``: labels and legend.
    max_streets
        Most streets drawn: those with most units in the last snapshot
        (the district line is always drawn).
    show_legend
        Put the legend of streets to the right of ``ax``.

    Returns
    -------
    tuple
        ``(fig, ax)``.

    Notes
    -----
    O(S × T) points for S streets and T snapshots.

    Examples
    --------
    >>> import graphkit as gk
    >>> net = gk.datasets.tiny()
    >>> result = gk.compare([net, net.without(["L1"])], dates=["2026-10", "2026-11"])
    >>> fig, ax = plot_rate_trend(result, "work_coverage")
    >>> [line.get_label() for line in ax.get_lines()]
    ['全区合计', '林山寨街道', '建设路街道']
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['2026年10月', '2026年11月']
    >>> from graphkit.draw import close
    >>> close(fig)

    """
    if rate not in TREND_RATES:
        msg = f"rate: expected one of {', '.join(TREND_RATES)}, got {rate!r}"
        raise ValueError(msg)
    dates = list(comparison.dates)
    x = np.arange(len(dates))
    streets = comparison.streets
    position = {d.isoformat(): i for i, d in enumerate(dates)}
    last = streets[streets["date"] == dates[-1].isoformat()] if len(streets) else streets
    top = last[last["street_id"].notna()].sort_values("units", ascending=False, kind="stable")
    keep = top["street_id"].head(max_streets).tolist()
    with cjk_style() as family:
        fig, ax = new_axes(ax, figsize, family)
        district = comparison.district
        ax.plot(
            x,
            pd.to_numeric(district[rate], errors="coerce").to_numpy(dtype=float),
            color=_DISTRICT,
            linewidth=2.6,
            marker="o",
            label=i18n.text("monthly.district", lang=lang),
            zorder=3,
        )
        colors = _street_colors(len(keep))
        for color, street_id in zip(colors, keep, strict=True):
            rows = streets[streets["street_id"] == street_id]
            y = np.full(len(dates), np.nan)
            y[rows["date"].map(position).to_numpy(dtype=int)] = pd.to_numeric(rows[rate], errors="coerce")
            name = rows["street"].dropna()
            label = str(name.iloc[-1]) if len(name) else str(street_id)
            ax.plot(x, y, color=color, linewidth=1.3, marker=".", label=label)
        ax.set_xticks(x, snapshot_labels(dates, lang=lang))
        ax.yaxis.set_major_formatter(_percent())
        ax.set_title(i18n.column_label(rate, lang=lang), fontsize=11)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#e4e7eb", linewidth=0.8)
        if len(dates) > 1:
            ax.set_xlim(-0.3, len(dates) - 0.7)
        if show_legend:
            legend(ax, ax.get_lines(), family)
    return fig, ax


def _street_colors(n: int) -> list[tuple[float, ...]]:
    """``n`` distinct colours (tab20, repeated beyond 20)."""
    from matplotlib import colormaps

    cmap = colormaps["tab20"]
    return [cmap(i % 20) for i in range(n)]


def _percent() -> object:
    from matplotlib.ticker import PercentFormatter

    # decimals=None: as many as the tick spacing needs, so a panel spanning 97.6%–100% does
    # not label two ticks "100%" and two "98%"
    return PercentFormatter(xmax=1.0, decimals=None)
