"""The district overview: streets and their largest carriers as coverage pies."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from graphkit import i18n
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
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> tuple[Figure, Axes]:
    r"""District overview: streets and their largest carriers as coverage pies, problems badged.

    The title states the message first: how many units are uncovered and how
    many have work coverage only. Each street is a large pie whose area is
    proportional to its units and whose slices are the shares of each coverage
    status; a red badge counts its uncovered units and an orange one its
    work-only units (slivers of a pie are invisible at a few per hundred).
    Around it sit up to ``max_carriers`` of its largest carriers (buildings,
    markets, parks), drawn the same way and joined to it. Units in no carrier
    count only towards their street. Streets fill the grid row by row, largest
    first, the last row centred.

    Parameters
    ----------
    data
        An :class:`Analysis` or a :class:`Network`; read-only. Reads units,
        carriers, streets, ``IN_STREET``, ``LOCATED_IN`` and the coverage (of the
        analysis, or computed by :func:`graphkit.analysis.coverage`).
    coverage
        Coverage frame to use instead.
    max_carriers
        Most carriers shown per street, largest first.
    max_streets
        Streets shown, largest first (a city has hundreds); the title says
        when some are left out. The legend and the title count every unit.
    ax, figsize, title
        Where to draw, the size of a new figure (by default sized to the grid
        of streets), and the title.

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
    >>> ax.get_title().splitlines()[0]
    '未覆盖单位2家，仅工作覆盖0家'
    >>> sorted(t.get_text() for t in ax.texts)  # the street, its carrier, the badge of 2 uncovered
    ['2', '林山寨街道\n2家', '金融大厦 1']
    >>> from graphkit.draw import close
    >>> close(fig)

    """
    net = network_of(data)
    t = _tables(net, coverage_of(data if coverage is None else coverage), max_streets)
    n = len(t.by_street)
    cols, rows = _grid(n)
    max_units = max(int(t.by_street.sum(axis=1).max()) if n else 1, 1)
    if figsize is None:
        figsize = (max(cols * _DX * _INCH, 9.0), rows * _DY * _INCH + 1.8)
    with cjk_style() as family:
        fig, ax = new_axes(ax, figsize, family)
        order = t.by_street.sum(axis=1).sort_values(ascending=False, kind="stable").index
        for i, sid in enumerate(order):
            cx, cy = _cell(i, n, cols)
            mine = t.by_carrier[t.carrier_street == sid]
            mine = mine.loc[mine.sum(axis=1).sort_values(ascending=False, kind="stable").index[:max_carriers]]
            _draw_carriers(ax, cx, cy, mine, t.names)
            counts = t.by_street.loc[sid]
            total = int(counts.sum())
            r = 0.25 + 0.45 * math.sqrt(total / max_units)
            _pie(ax, cx, cy, r, counts.tolist(), zorder=4)
            label = i18n.text("draw.street_units", name=t.street_names[sid], units=total)
            ax.text(cx, cy, label, ha="center", va="center", fontsize=9, zorder=6, bbox=_LABEL_BOX)
            _badges(ax, cx, cy, r, counts, len(mine))
        ax.set_xlim(-1.95, (cols - 1) * _DX + 1.95)
        ax.set_ylim(-(rows - 1) * _DY - 1.5, 1.5)
        ax.set_aspect("equal")
        ax.set_axis_off()
        shares = t.units["status"].value_counts().reindex(list(STATUSES), fill_value=0)
        handles = status_patches()
        for h, s in zip(handles, STATUSES, strict=True):
            h.set_label(f"{STATUS_LABELS[s]} {int(shares[s]):,}")
        handles += _badge_handles()
        # the legend, under the streets, also says how to read the picture
        explain = i18n.text(
            "draw.overview_subtitle", units=len(t.units), streets=t.all_streets, carriers=max_carriers
        )
        explain = "\n".join(textwrap.wrap(explain, width=max(30, int(figsize[0] * 5.5))))
        kw = {"loc": "upper center", "bbox_to_anchor": (0.5, 0.0), "ncols": len(handles), "title": explain}
        legend(ax, handles, family, **kw)
        default = i18n.text(
            "draw.overview_title", uncovered=int(shares["uncovered"]), work_only=int(shares["work_only"])
        )
        if n < t.all_streets:
            default += "\n" + i18n.text("draw.overview_capped", shown=n, hidden=t.all_streets - n)
        ax.set_title(title or default, fontsize=15)
    return fig, ax


#: Inches per data unit of a new overview figure.
_INCH = 0.78
#: The white box behind a street's name.
_LABEL_BOX = {"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8}
#: Badge colours: (face, text) for uncovered and work-only counts.
_BADGES = {
    "uncovered": (STATUS_COLORS["uncovered"], "white"),
    "work_only": (STATUS_COLORS["work_only"], "#1f1f1f"),
}


def _grid(n: int) -> tuple[int, int]:
    """``(columns, rows)`` for ``n`` streets: about 4:3, the fewest empty cells among near-square grids.

    Examples
    --------
    >>> _grid(14), _grid(4), _grid(1), _grid(0)
    ((5, 3), (2, 2), (1, 1), (1, 1))

    """
    if n <= 1:
        return 1, 1
    base = max(1, math.ceil(math.sqrt(n)))
    cols = min(range(base, base + 2), key=lambda c: (math.ceil(n / c) * c - n, c))
    return cols, math.ceil(n / cols)


def _cell(i: int, n: int, cols: int) -> tuple[float, float]:
    """Centre of the ``i``-th of ``n`` streets: row by row, the last (shorter) row centred."""
    row, col = divmod(i, cols)
    in_row = min(cols, n - row * cols)
    return (col + (cols - in_row) / 2) * _DX, -row * _DY


def _badges(ax: Axes, cx: float, cy: float, r: float, counts: pd.Series, carriers: int) -> None:
    """Counts of uncovered and work-only units on a street's pie edge, clear of its carriers; none at 0."""
    taken = [_carrier_angle(j, carriers) for j in range(carriers)]
    for status in ("uncovered", "work_only"):
        count = int(counts[status])
        if count <= 0:
            continue
        angle = max(_BADGE_ANGLES, key=lambda a: min((_gap(a, b) for b in taken), default=math.pi))
        taken.append(angle)
        face, ink = _BADGES[status]
        x, y = cx + max(r, 0.5) * math.cos(angle), cy + max(r, 0.5) * math.sin(angle)  # clear of the name
        box = {"boxstyle": "circle,pad=0.3" if count < 100 else "round,pad=0.3", "fc": face, "ec": "white"}
        ax.text(x, y, f"{count:,}", ha="center", va="center", fontsize=10, color=ink, zorder=7, bbox=box)


#: Where a badge may sit on a street's pie (radians), first choices first; never level with the name.
_BADGE_ANGLES = tuple(math.radians(a) for a in (45, -45, 135, -135, 90, -90))


def _gap(a: float, b: float) -> float:
    """Angle between two directions, in ``[0, π]``."""
    d = abs(a - b) % (2 * math.pi)
    return min(d, 2 * math.pi - d)


def _carrier_angle(j: int, n: int) -> float:
    """Direction of a street's ``j``-th of ``n`` carriers from its centre."""
    return math.pi / 2 + 2 * math.pi * j / max(n, 1) + math.pi / 8


def _badge_handles() -> list[Any]:
    """Legend entries explaining the two badges."""
    from matplotlib.lines import Line2D

    style = {"linestyle": "none", "marker": "o", "markersize": 9, "markeredgecolor": "white"}
    return [
        Line2D([], [], markerfacecolor=_BADGES[status][0], label=i18n.text(f"draw.badge_{status}"), **style)
        for status in ("uncovered", "work_only")
    ]


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
    street_names = street_names.where(by_street.index != "—", i18n.text("draw.no_street"))
    return _Tables(units, by_street, by_carrier, carrier_street, all_streets, names, street_names)


def _draw_carriers(ax: Axes, cx: float, cy: float, carriers: pd.DataFrame, names: pd.Series) -> None:
    """A street's carriers as small pies on a circle around (cx, cy), joined to it and labelled."""
    cmax = max(int(carriers.sum(axis=1).max()) if len(carriers) else 1, 1)
    for j, cid in enumerate(carriers.index):
        angle = _carrier_angle(j, len(carriers))
        px, py = cx + 1.05 * math.cos(angle), cy + 1.05 * math.sin(angle)
        ax.plot([cx, px], [cy, py], color="#bbbbbb", lw=0.8, zorder=1)
        cr = 0.08 + 0.14 * math.sqrt(carriers.loc[cid].sum() / cmax)
        _pie(ax, px, py, cr, carriers.loc[cid].tolist())
        name = _wrap(str(names.get(cid, cid)), 8)
        cos, sin = math.cos(angle), math.sin(angle)
        ax.text(
            px + 0.3 * cr * cos,
            py + (cr + 0.03) * (1 if sin >= 0 else -1),
            f"{name} {int(carriers.loc[cid].sum()):,}",
            ha="center",
            va="bottom" if sin >= 0 else "top",
            fontsize=6.5,
            color="#333333",
            zorder=5,
        )


def _wrap(name: str, width: int) -> str:
    r"""``name`` on lines of at most ``width`` characters, as even as possible (never cut short).

    Examples
    --------
    >>> _wrap("金融大厦", 8), _wrap("西流湖文化创意产业园区", 8)
    ('金融大厦', '西流湖文化创\n意产业园区')

    """
    if len(name) <= width:
        return name
    lines = math.ceil(len(name) / width)
    step = math.ceil(len(name) / lines)
    return "\n".join(name[i : i + step] for i in range(0, len(name), step))


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
