"""Coverage by street as a bar chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from graphkit.draw.inputs import coverage_of
from graphkit.draw.style import (
    STATUS_COLORS,
    STATUS_LABELS,
    STATUSES,
    cjk_style,
    legend,
    new_axes,
    status_patches,
)
from graphkit.model import Network
from graphkit.results import Analysis

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_coverage_by_street"]


def plot_coverage_by_street(
    data: Analysis | Network | pd.DataFrame,
    *,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> tuple[Figure, Axes]:
    """Units per street as horizontal bars stacked by coverage status.

    Each bar ends with the organisational coverage rate (单独组建 + 联合组建
    over all units) of the street.

    Parameters
    ----------
    data
        An :class:`Analysis` (its coverage), a :class:`Network` (coverage is
        computed) or a coverage frame (see :func:`graphkit.draw.coverage_of`).
    ax, figsize, title
        Where to draw, the size of a new figure (by default one that fits the
        streets), and the title.

    Returns
    -------
    tuple
        ``(fig, ax)``.

    Notes
    -----
    O(U) for U units (one cross-tabulation), O(S) bars for S streets.

    Examples
    --------
    >>> cov = pd.DataFrame({"street": ["甲街道", "甲街道", "乙街道"],
    ...                     "status": ["own_org", "uncovered", "joint_org"]})
    >>> fig, ax = plot_coverage_by_street(cov)
    >>> [t.get_text() for t in ax.texts]
    [' 100%', ' 50%']
    >>> from graphkit.draw import close
    >>> close(fig)

    """
    cov = coverage_of(data)
    street = cov["street"].astype(object).fillna("（无街道）")
    table = pd.crosstab(street, cov["status"].astype(object)).reindex(columns=list(STATUSES), fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(kind="stable").index]
    rate = (table["own_org"] + table["joint_org"]) / table.sum(axis=1)
    size = figsize or (10, 1.2 + 0.38 * max(len(table), 1))
    with cjk_style() as family:
        fig, ax = new_axes(ax, size, family)
        left = np.zeros(len(table))
        y = np.arange(len(table))
        for s in STATUSES:
            ax.barh(
                y, table[s].to_numpy(), left=left, color=STATUS_COLORS[s], label=STATUS_LABELS[s], height=0.7
            )
            left += table[s].to_numpy()
        for yi, total, r in zip(y, left, rate.to_numpy(), strict=True):
            ax.text(total, yi, f" {r:.0%}", va="center", fontsize=8.5, color="#333333")
        ax.set_yticks(y, table.index.tolist())
        ax.set_xlabel("单位数（条末为组织覆盖率）")
        ax.set_xlim(0, max(left.max() if len(left) else 1, 1) * 1.12)
        ax.spines[["top", "right"]].set_visible(False)
        legend(ax, status_patches(), family, title="覆盖状态")
        ax.set_title(title or "各街道单位覆盖情况", fontsize=12)
    return fig, ax
