"""The district overview: streets and their largest carriers as coverage pies."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd

from graphkit.draw.inputs import coverage_of, network_of, node_names
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

__all__ = ["plot_overview"]

#: Grid spacing of the streets (data units).
_DX, _DY = 3.9, 3.0


class _Tables(NamedTuple):
    """What the overview draws, counted from the coverage frame."""

    units: pd.DataFrame  # street, status and carrier of every unit
    by_street: pd.DataFrame  # units per status of the streets drawn (largest first, capped)
    by_carrier: pd.DataFrame  # units per status of every carrier with units
    carrier_street: pd.Series  # street of each carrier of by_carrier
    all_streets: int  # streets before the cap
    names: pd.Series  # name of every node
    street_names: pd.Series  # label of each street drawn


def plot_overview(
    data: Analysis | Network,
    *,
    coverage: pd.DataFrame | None = None,
    max_carriers: int = 8,
    max_streets: int = 48,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (14, 11.5),
    title: str | None = None,
) -> tuple[Figure, Axes]:
    r"""District overview: streets and their largest carriers as coverage pies.

    Each street is a large pie whose area is proportional to its units and
    whose slices are the shares of each coverage status; around it sit its
    ``max_carriers`` largest carriers (buildings, markets, parks), drawn the same
    way and joined to it. Units in no carrier count only towards their street.
    Thousands of units thus become a few dozen readable marks.

    Parameters
    ----------
    data
        An :class:`Analysis` or a :class:`Network`; read-only. Reads units,
        carriers, streets, ``IN_STREET``, ``LOCATED_IN`` and the coverage (of the
        analysis, or computed by :func:`graphkit.analysis.coverage`).
    coverage
        Coverage frame to use instead.
    max_carriers
        Carriers shown per street, largest first.
    max_streets
        Streets shown, largest first (a city has hundreds); the title says
        when some are left out. The legend counts every unit.
    ax, figsize, title
        Where to draw, the size of a new figure, and the title.

    Returns
    -------
    tuple
        ``(fig, ax)``.

    Notes
    -----
    Counting is O(U log U) for U units; drawing is O(S · max_carriers) marks
    for the S streets shown.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": "U1", "name": "甲"}, {"id": "U2", "name": "乙"}],
    ...            "Carrier": [{"id": "C1", "name": "金融大厦", "kind": "building"}],
    ...            "Street": [{"id": "S1", "name": "林山寨街道"}]},
    ...     rels={"IN_STREET": [("U1", "S1"), ("U2", "S1"), ("C1", "S1")], "LOCATED_IN": [("U1", "C1")]},
    ... )
    >>> fig, ax = plot_overview(net)
    >>> sorted(t.get_text() for t in ax.texts)
    ['林山寨街道\n2家', '金融大厦 1']
    >>> from graphkit.draw import close
    >>> close(fig)

    """
    net = network_of(data)
    t = _tables(net, coverage_of(data if coverage is None else coverage), max_streets)
    n = len(t.by_street)
    cols = max(1, math.ceil(math.sqrt(n)))
    max_units = max(int(t.by_street.sum(axis=1).max()) if n else 1, 1)
    with cjk_style() as family:
        fig, ax = new_axes(ax, figsize, family)
        order = t.by_street.sum(axis=1).sort_values(ascending=False).index
        for i, sid in enumerate(order):
            cx, cy = (i % cols) * _DX, -(i // cols) * _DY
            mine = t.by_carrier[t.carrier_street == sid]
            mine = mine.loc[mine.sum(axis=1).sort_values(ascending=False).index[:max_carriers]]
            _draw_carriers(ax, cx, cy, mine, t.names)
            total = int(t.by_street.loc[sid].sum())
            r = 0.25 + 0.45 * math.sqrt(total / max_units)
            _pie(ax, cx, cy, r, t.by_street.loc[sid].tolist(), zorder=4)
            ax.text(
                cx,
                cy,
                f"{t.street_names[sid]}\n{total}家",
                ha="center",
                va="center",
                fontsize=9,
                zorder=6,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.75},
            )
        rows = max(1, math.ceil(n / cols))
        ax.set_xlim(-1.9, (cols - 1) * _DX + 1.9)
        ax.set_ylim(-(rows - 1) * _DY - 1.6, 1.6)
        ax.set_aspect("equal")
        ax.set_axis_off()
        shares = t.units["status"].value_counts().reindex(list(STATUSES), fill_value=0)
        handles = status_patches()
        for h, s in zip(handles, STATUSES, strict=True):
            h.set_label(f"{STATUS_LABELS[s]} {int(shares[s])}")
        legend(ax, handles, family, title="单位覆盖状态")
        default = f"覆盖概览：{len(t.units)}家单位，{t.all_streets}个街道"
        default += f"（大圆为街道，小圆为最大的{max_carriers}个载体）"
        if n < t.all_streets:
            default += f"\n图中为单位最多的{n}个街道，另有{t.all_streets - n}个街道未画出"
        ax.set_title(title or default, fontsize=12)
    return fig, ax


def _tables(net: Network, cov: pd.DataFrame, max_streets: int) -> _Tables:
    """Units per status of every street and carrier; the ``max_streets`` largest streets kept."""
    street_id = cov["street_id"] if "street_id" in cov.columns else net.street_of("Unit").reindex(cov.index)
    units = pd.DataFrame(
        {"street": street_id.astype(object).fillna("—"), "status": cov["status"].astype(object)}
    )
    loc = net.rel("LOCATED_IN").drop_duplicates("source").set_index("source")["target"]
    units["carrier"] = loc.reindex(units.index).astype(object)
    by_street = pd.crosstab(units["street"], units["status"]).reindex(columns=list(STATUSES), fill_value=0)
    by_carrier = (
        pd.crosstab(units["carrier"], units["status"]).reindex(columns=list(STATUSES), fill_value=0)
        if units["carrier"].notna().any()
        else pd.DataFrame(columns=list(STATUSES), dtype="int64")
    )
    carrier_street = net.street_of("Carrier").astype(object)
    # a carrier without IN_STREET belongs to the street most of its units are in (ties: the first id)
    pairs = units.dropna(subset=["carrier"]).groupby(["carrier", "street"]).size().rename("n").reset_index()
    pairs = pairs.sort_values(["carrier", "n", "street"], ascending=[True, False, True], kind="stable")
    major = pairs.drop_duplicates("carrier").set_index("carrier")["street"]
    carrier_street = carrier_street.fillna(major).reindex(by_carrier.index).fillna(major)
    all_streets = len(by_street)
    by_street = by_street.loc[
        by_street.sum(axis=1).sort_values(ascending=False, kind="stable").index[:max_streets]
    ]
    names = node_names(net)
    street_names = names.reindex(by_street.index).fillna(pd.Series(by_street.index, index=by_street.index))
    street_names = street_names.where(by_street.index != "—", "（无街道）")
    return _Tables(units, by_street, by_carrier, carrier_street, all_streets, names, street_names)


def _draw_carriers(ax: Axes, cx: float, cy: float, carriers: pd.DataFrame, names: pd.Series) -> None:
    """A street's carriers as small pies on a circle around (cx, cy), joined to it and labelled."""
    cmax = max(int(carriers.sum(axis=1).max()) if len(carriers) else 1, 1)
    for j, cid in enumerate(carriers.index):
        angle = math.pi / 2 + 2 * math.pi * j / max(len(carriers), 1) + math.pi / 8
        px, py = cx + 1.05 * math.cos(angle), cy + 1.05 * math.sin(angle)
        ax.plot([cx, px], [cy, py], color="#bbbbbb", lw=0.8, zorder=1)
        cr = 0.08 + 0.14 * math.sqrt(carriers.loc[cid].sum() / cmax)
        _pie(ax, px, py, cr, carriers.loc[cid].tolist())
        name = names.get(cid, str(cid))
        short = name if len(name) <= 8 else name[:7] + "…"
        cos, sin = math.cos(angle), math.sin(angle)
        ax.text(
            px + 0.3 * cr * cos,
            py + (cr + 0.03) * (1 if sin >= 0 else -1),
            f"{short} {int(carriers.loc[cid].sum())}",
            ha="center",
            va="bottom" if sin >= 0 else "top",
            fontsize=6.5,
            color="#333333",
            zorder=5,
        )


def _pie(ax: Axes, x: float, y: float, r: float, shares: Sequence[float], *, zorder: float = 3) -> None:
    """A small pie of status shares at (x, y) with radius r (data units)."""
    from matplotlib.patches import Circle, Wedge

    total = float(sum(shares))
    if total <= 0:
        ax.add_patch(Circle((x, y), r, facecolor="#eeeeee", edgecolor="white", lw=0.8, zorder=zorder))
        return
    start = 90.0
    for status, share in zip(STATUSES, shares, strict=True):
        if share <= 0:
            continue
        sweep = 360.0 * share / total
        ax.add_patch(
            Wedge(
                (x, y),
                r,
                start,
                start + sweep,
                facecolor=STATUS_COLORS[status],
                edgecolor="white",
                lw=0.5,
                zorder=zorder,
            )
        )
        start += sweep
    ax.add_patch(Circle((x, y), r, facecolor="none", edgecolor="#555555", lw=0.6, zorder=zorder + 0.1))
