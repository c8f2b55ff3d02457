"""Instructors: who reaches which units (a network); contacts and reach per instructor (histograms)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from graphkit import i18n
from graphkit.analysis import instructor_contacts, instructor_load, instructor_reach
from graphkit.draw.inputs import coverage_of, find_node, network_of, node_names, settings_of
from graphkit.draw.style import (
    KIND_COLORS,
    STATUS_COLORS,
    STATUSES,
    cjk_style,
    legend,
    new_axes,
    status_patches,
)
from graphkit.exceptions import GraphkitError
from graphkit.model import Network
from graphkit.results import Analysis
from graphkit.settings import Settings

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "OVER_COLOR",
    "WITHIN_COLOR",
    "instructor_layout",
    "load_bins",
    "load_histogram",
    "plot_instructor_contacts",
    "plot_instructor_network",
    "plot_instructor_reach",
]

#: Outline and text colour of an overloaded instructor.
_OVER = "#b30000"


def plot_instructor_network(
    data: Analysis | Network,
    *,
    street: str | None = None,
    top: int = 12,
    coverage: pd.DataFrame | None = None,
    settings: Settings | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (13, 10),
    title: str | None = None,
) -> tuple[Figure, Axes]:
    """Instructors and the units they reach; overloaded instructors marked.

    At district scale the diagram focuses: the ``top`` instructors by reach
    (optionally only those reaching units of one ``street``). Instructors are
    large squares labelled with their contacts and reach (red outline and
    "超负荷" when contacts exceed ``max_contacts_per_instructor``), units small
    dots coloured by status.

    Parameters
    ----------
    data
        An :class:`Analysis` or a :class:`Network`; read-only.
    street
        A street id or exact name: only units of that street, and the
        instructors reaching them, are drawn.
    top
        Most instructors drawn, by reach.
    coverage
        Coverage frame to use (by default the analysis's, or computed).
    settings
        ``max_contacts_per_instructor`` decides who is overloaded (default:
        the analysis's settings, else the defaults).
    ax, figsize, title
        Where to draw, the size of a new figure, and the title.

    Returns
    -------
    tuple
        ``(fig, ax)``.

    Raises
    ------
    GraphkitError
        When ``street`` names no street or several, or its street has no units.

    Notes
    -----
    O(R log R) for the R instructor–unit pairs of
    :func:`graphkit.analysis.instructor_reach`; the units drawn are those the
    ``top`` instructors reach.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": "U1", "name": "甲"}, {"id": "U2", "name": "乙"}],
    ...            "Instructor": [{"id": "I1", "name": "张伟"}]},
    ...     rels={"GUIDES": [("I1", "U1"), ("I1", "U2")]},
    ... )
    >>> fig, ax = plot_instructor_network(net, settings=Settings(max_contacts_per_instructor=1))
    >>> [t.get_text() for t in ax.texts if "张伟" in t.get_text()]
    ['张伟（2个对象·2家，超负荷）']
    >>> from graphkit.draw import close
    >>> close(fig)

    """
    import networkx as nx

    settings = settings_of(data, settings)
    net = network_of(data)
    cov = coverage_of(data if coverage is None else coverage)
    every = instructor_reach(net)
    reach, scope = _in_street(net, cov, every, street)
    total_reach = every.groupby("instructor_id").size()
    shown_reach = reach.groupby("instructor_id").size()
    order = total_reach.reindex(shown_reach.index).sort_values(ascending=False, kind="stable")
    chosen = order.index[:top]
    reach = reach[reach["instructor_id"].isin(chosen)]
    names = node_names(net)
    g = nx.Graph()
    g.add_nodes_from(chosen)
    g.add_edges_from(zip(reach["instructor_id"], reach["unit_id"], strict=True))
    pos = instructor_layout(list(chosen), reach)
    units = [n for n in g if n not in set(chosen)]
    limit = settings.max_contacts_per_instructor
    contacts = instructor_contacts(net).groupby("instructor_id").size()
    with cjk_style() as family:
        fig, ax = new_axes(ax, figsize, family)
        for u, v in g.edges():
            ax.plot([pos[u][0], pos[v][0]], [pos[u][1], pos[v][1]], color="#cccccc", lw=0.6, zorder=1)
        if units:
            _draw_units(ax, units, pos, cov["status"], names)
        for i in chosen:
            load = (int(contacts.get(i, 0)), int(total_reach.get(i, 0)))
            _draw_instructor(ax, pos[i], str(names.get(i, i)), load, limit)
        present = {str(cov["status"].get(n)) for n in units}
        legend(ax, _network_handles(limit, [s for s in STATUSES if s in present]), family, title="图例")
        ax.set_axis_off()
        ax.margins(0.08)
        where = f"{scope}：" if scope else ""
        more = len(order) - len(chosen)
        text = (
            title or f"{where}党建指导员联系网络（联系单位最多的{len(chosen)}名指导员，{len(units)}家单位）"
        )
        if more > 0 and title is None:
            text += f"\n另有{more}名指导员未画出"
        ax.set_title(text, fontsize=12)
    return fig, ax


def _in_street(
    net: Network, cov: pd.DataFrame, reach: pd.DataFrame, street: str | None
) -> tuple[pd.DataFrame, str]:
    """The ``reach`` pairs of units in ``street`` (all when ``None``) and the street's name ("" for all)."""
    if street is None:
        return reach, ""
    street_id = find_node(net, street, caller="plot_instructor_network", kind="Street")
    sid = cov["street_id"] if "street_id" in cov.columns else net.street_of("Unit")
    in_street = cov.index[sid.reindex(cov.index) == street_id]
    if len(in_street) == 0:
        msg = f"plot_instructor_network: no units in street {street!r}"
        raise GraphkitError(msg)
    return reach[reach["unit_id"].isin(in_street)], str(cov.loc[in_street[0], "street"])


def instructor_layout(chosen: list[str], reach: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Instructors on a grid; their units in a sunflower spiral around them.

    A unit reached by several shown instructors sits in a spiral around the
    centre of those instructors, so shared units lie between them.

    Parameters
    ----------
    chosen
        The instructors drawn, in grid order.
    reach
        Their ``instructor_id``/``unit_id`` pairs.

    Returns
    -------
    dict
        ``(x, y)`` of every instructor and unit, by id.

    Notes
    -----
    O(R log R) for R pairs.

    Examples
    --------
    >>> reach = pd.DataFrame({"instructor_id": ["I1", "I2"], "unit_id": ["U1", "U1"]})
    >>> {k: tuple(round(c, 3) for c in v) for k, v in instructor_layout(["I1", "I2"], reach).items()}
    {'I1': (0.0, -0.0), 'I2': (1.0, -0.0), 'U1': (0.542, 0.0)}

    """
    cols = max(1, math.ceil(math.sqrt(len(chosen) * 1.5)))
    pos = {i: (float(k % cols), -float(k // cols)) for k, i in enumerate(chosen)}
    ids = reach.astype({"unit_id": object, "instructor_id": object})
    groups = ids.groupby("unit_id", sort=True)["instructor_id"].agg(lambda s: "\x1f".join(sorted(s)))
    if not len(groups):
        return pos
    biggest = int(groups.value_counts().max())
    step = min(0.06, 0.3 / math.sqrt(biggest))
    golden = math.pi * (3 - math.sqrt(5))
    for joined, members in groups.groupby(groups, sort=True):
        key = str(joined).split("\x1f")
        cx = sum(pos[i][0] for i in key) / len(key)
        cy = sum(pos[i][1] for i in key) / len(key)
        r0 = 0.1 if len(key) == 1 else 0.0
        for k, unit in enumerate(members.index):
            r = r0 + step * math.sqrt(k + 0.5)
            pos[unit] = (cx + r * math.cos(k * golden), cy + r * math.sin(k * golden))
    return pos


def _draw_units(
    ax: Axes, units: list[str], pos: dict[str, tuple[float, float]], status: pd.Series, names: pd.Series
) -> None:
    """Units as small dots coloured by status; named when there are few."""
    uxy = np.array([pos[n] for n in units])
    ucol = [STATUS_COLORS.get(str(status.get(n)), "#999999") for n in units]
    ax.scatter(uxy[:, 0], uxy[:, 1], s=28, c=ucol, edgecolors="white", linewidths=0.4, zorder=2)
    if len(units) > 24:
        return
    for n in units:
        ax.text(pos[n][0], pos[n][1] - 0.03, names.get(n, n), fontsize=6.5, ha="center", va="top", zorder=3)


def _draw_instructor(ax: Axes, xy: tuple[float, float], name: str, load: tuple[int, int], limit: int) -> None:
    """One instructor: a square sized by reach, outlined and labelled in red when overloaded.

    ``load`` is ``(contacts, reach)``; overloaded means contacts above ``limit``.
    """
    contacts, reach = load
    over = contacts > limit
    ax.scatter(
        [xy[0]],
        [xy[1]],
        s=90 + 3 * min(reach, 60),
        marker="s",
        c=KIND_COLORS["Instructor"],
        edgecolors=_OVER if over else "white",
        linewidths=2.5 if over else 1,
        zorder=4,
    )
    ax.text(
        xy[0],
        xy[1] + 0.06,
        f"{name}（{contacts}个对象·{reach}家{'，超负荷' if over else ''}）",
        fontsize=8.5,
        ha="center",
        va="bottom",
        color=_OVER if over else "#222222",
        zorder=5,
        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
    )


def _network_handles(limit: int, statuses: list[str]) -> list[object]:
    """Legend of the instructor network: instructor, overloaded instructor, then the unit ``statuses``."""
    from matplotlib.lines import Line2D

    square = {"marker": "s", "ls": "", "markersize": 10, "markerfacecolor": KIND_COLORS["Instructor"]}
    return [
        Line2D([], [], **square, markeredgecolor="white", label="党建指导员"),
        Line2D(
            [],
            [],
            **square,
            markeredgecolor=_OVER,
            markeredgewidth=2.5,
            label=f"超负荷（联系对象>{limit}个）",
        ),
        *status_patches(statuses),
    ]


def plot_instructor_contacts(
    data: Analysis | Network | pd.DataFrame | pd.Series,
    *,
    settings: Settings | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (9, 5),
    title: str | None = None,
) -> tuple[Figure, Axes]:
    """Histogram of instructors' contacts (their workload) with the contact limit as a line.

    A contact is a distinct unit, party organisation or carrier an instructor
    is assigned (DESIGN §5); more than ``max_contacts_per_instructor`` is
    overloaded.

    Parameters
    ----------
    data
        An :class:`Analysis` (its ``instructors``), a :class:`Network` (the
        load is computed), the frame of :func:`graphkit.analysis.instructor_load`
        (its ``contacts`` column), or a Series of contact counts.
    settings
        ``max_contacts_per_instructor`` is drawn as the limit line (default:
        the analysis's settings, else the defaults).
    ax, figsize, title
        Where to draw, the size of a new figure, and the title.

    Returns
    -------
    tuple
        ``(fig, ax)``.

    Raises
    ------
    GraphkitError
        When ``data`` is none of these.

    Notes
    -----
    O(n) for n instructors, plus :func:`graphkit.analysis.instructor_load` for
    a network.

    Examples
    --------
    >>> fig, ax = plot_instructor_contacts(pd.Series([3, 5, 20, 0]))
    >>> ax.get_title()
    '党建指导员联系对象数分布（4人，超过上限8个的1人）'
    >>> from graphkit.draw import close
    >>> close(fig)

    """
    settings = settings_of(data, settings)
    values = _column_of(data, "contacts", settings)
    limit = settings.max_contacts_per_instructor
    over = int((values > limit).sum())
    heading = title or f"党建指导员联系对象数分布（{len(values)}人，超过上限{limit}个的{over}人）"
    return _histogram(
        values, limit, xlabel="联系对象数（去重）", unit="个", title=heading, ax=ax, figsize=figsize
    )


def plot_instructor_reach(
    data: Analysis | Network | pd.DataFrame | pd.Series,
    *,
    settings: Settings | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (9, 5),
    title: str | None = None,
) -> tuple[Figure, Axes]:
    """Histogram of instructors' reach: the distinct units each reaches.

    Reach is not workload (a building committee is one contact however many
    units it covers), so there is no limit line; see
    :func:`plot_instructor_contacts` for the workload.

    Parameters
    ----------
    data
        An :class:`Analysis` (its ``instructors``), a :class:`Network` (the
        load is computed), the frame of :func:`graphkit.analysis.instructor_load`
        (its ``reach`` column), or a Series of reach values.
    settings
        Used only to compute the load of a network (default: the analysis's
        settings, else the defaults).
    ax, figsize, title
        Where to draw, the size of a new figure, and the title.

    Returns
    -------
    tuple
        ``(fig, ax)``.

    Raises
    ------
    GraphkitError
        When ``data`` is none of these.

    Notes
    -----
    O(n) for n instructors, plus :func:`graphkit.analysis.instructor_load` for
    a network.

    Examples
    --------
    >>> fig, ax = plot_instructor_reach(pd.Series([3, 5, 20, 0]))
    >>> ax.get_title()
    '党建指导员覆盖单位数分布（4人）'
    >>> from graphkit.draw import close
    >>> close(fig)

    """
    settings = settings_of(data, settings)
    values = _column_of(data, "reach", settings)
    heading = title or f"党建指导员覆盖单位数分布（{len(values)}人）"
    return _histogram(
        values, None, xlabel="覆盖单位数（去重）", unit="家", title=heading, ax=ax, figsize=figsize
    )


def _histogram(
    values: np.ndarray,
    limit: int | None,
    *,
    xlabel: str,
    unit: str,
    title: str,
    ax: Axes | None,
    figsize: tuple[float, float],
) -> tuple[Figure, Axes]:
    """:func:`load_histogram` on a new or given axes, titled."""
    with cjk_style() as family:
        fig, ax = new_axes(ax, figsize, family)
        load_histogram(ax, values, limit=limit, xlabel=xlabel, unit=unit, family=family)
        ax.set_title(title, fontsize=12)
    return fig, ax


#: Bar colour of instructors within the limit, and of every bar of a chart without one.
WITHIN_COLOR = "#4a6fa5"
#: Bar colour of overloaded instructors: the strongest colour, that of uncovered units.
OVER_COLOR = STATUS_COLORS["uncovered"]


def load_bins(values: np.ndarray, limit: int | None, *, max_bars: int = 60) -> tuple[int, np.ndarray, int]:
    """``(upper, counts, over)``: instructors per value ``0..upper``, and how many have more.

    Loads are heavy-tailed (a few instructors with very many contacts or
    units), so values above the larger of ``limit + 2`` (``8`` without a
    limit) and the 95th percentile, at most ``max_bars``, share one last bar:
    the bars stay wide enough to see, and one bar lies beyond the limit.

    Examples
    --------
    >>> upper, counts, over = load_bins(np.array([0, 1, 1, 2, 3]), 1)
    >>> upper, counts.tolist(), over
    (3, [1, 2, 1, 1], 0)
    >>> upper, counts, over = load_bins(np.array([1] * 19 + [40]), 1)
    >>> upper, counts.tolist(), over
    (3, [0, 19, 0, 0], 1)
    >>> load_bins(np.array([2] * 30 + [330]), None)[::2]
    (8, 1)

    """
    floor = limit + 2 if limit is not None else 8
    upper = int(min(max(floor, np.ceil(np.quantile(values, 0.95)) if len(values) else 0, 1), max_bars))
    over = values > upper
    counts = np.bincount(np.clip(values[~over], 0, None), minlength=upper + 1)
    return upper, counts, int(over.sum())


def load_histogram(
    ax: Axes,
    values: np.ndarray,
    *,
    limit: int | None,
    xlabel: str,
    unit: str = "",
    ylabel: str | None = None,
    family: str | None = None,
    lang: str = "zh",
    max_bars: int = 60,
) -> None:
    """Draw instructors per load value on ``ax``: the one form of this chart, here and in ``report.html``.

    One bar per value up to :func:`load_bins`'s ``upper``; the heavy tail
    shares one hatched last bar labelled "＞upper" with the largest value
    written above it. Bars above ``limit`` and the tail bar (when it lies
    beyond the limit) take :data:`OVER_COLOR`, the others
    :data:`WITHIN_COLOR`; every non-empty bar carries its count, so an
    overloaded instructor alone is not a hairline. With a ``limit`` a dashed
    line marks it.

    Parameters
    ----------
    ax
        Where to draw.
    values
        One whole number per instructor (contacts or reach).
    limit
        Most contacts within the workload limit, or ``None`` (reach).
    xlabel, unit, ylabel
        Axis labels and the unit of the limit ("个").
    family
        Font family of the texts (default: matplotlib's).
    lang
        Language of the legend and labels.
    max_bars
        Most bars before the tail bar.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> load_histogram(ax, np.array([1] * 30 + [2, 2, 30]), limit=2, xlabel="联系对象数")
    >>> [t.get_text() for t in ax.get_xticklabels()][-1], [t.get_text() for t in ax.texts]
    ('＞5', ['30', '2', '1（最多30）', '上限 2'])
    >>> plt.close(fig)

    """
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    font = {"fontfamily": family} if family else {}
    upper, counts, over = load_bins(values, limit, max_bars=max_bars)
    x = np.arange(upper + 1)
    colors = [OVER_COLOR if limit is not None and v > limit else WITHIN_COLOR for v in x]
    ax.bar(x, counts, width=0.85, color=colors)
    for v in x[counts > 0]:
        ax.annotate(f"{int(counts[v]):,}", (v, counts[v]), xytext=(0, 2), textcoords="offset points",
                    ha="center", va="bottom", fontsize=8, color=colors[v], **font)  # fmt: skip
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if over:
        tail = upper + 2
        color = OVER_COLOR if limit is not None and upper >= limit else WITHIN_COLOR
        ax.bar([tail], [over], width=0.85, color=color, hatch="//", edgecolor="white")
        most = i18n.text("draw.load_most", lang=lang, n=f"{over:,}", most=f"{int(values.max()):,}")
        ax.annotate(most, (tail, over), xytext=(0, 2), textcoords="offset points", ha="center",
                    va="bottom", fontsize=8, color=color, **font)  # fmt: skip
        ticks = [t for t in ax.get_xticks() if 0 <= t <= upper]
        ax.set_xticks([*ticks, tail], [f"{t:g}" for t in ticks] + [f"＞{upper}"])
    ax.set_xlim(-1, upper + (3 if over else 1))
    ax.set_ylim(0, max(int(counts.max()) if len(counts) else 0, over, 1) * 1.15)
    if limit is not None:
        ax.axvline(limit + 0.5, color="#333333", ls="--", lw=1.2)
        ax.axvspan(limit + 0.5, ax.get_xlim()[1], color=OVER_COLOR, alpha=0.07, lw=0)  # the overloaded zone
        label = i18n.text("draw.load_limit", lang=lang, limit=limit, unit=unit)
        where = {"xy": (limit + 0.5, 1.0), "xycoords": ax.get_xaxis_transform(), "xytext": (4, -2)}
        ax.annotate(label, **where, textcoords="offset points", ha="left", va="top", color="#333333",
                    fontsize=9, **font)  # fmt: skip
        handles = [
            Patch(facecolor=WITHIN_COLOR, label=i18n.text("draw.load_within", lang=lang)),
            Patch(facecolor=OVER_COLOR, label=i18n.text("draw.load_over", lang=lang, limit=limit, unit=unit)),
        ]
        ax.legend(handles=handles, loc="upper right", frameon=False, prop={"family": family, "size": 9})
    ax.set_xlabel(xlabel, **font)
    ax.set_ylabel(ylabel or i18n.text("draw.instructors_axis", lang=lang), **font)
    ax.spines[["top", "right"]].set_visible(False)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))


def _column_of(
    data: Analysis | Network | pd.DataFrame | pd.Series, column: str, settings: Settings
) -> np.ndarray:
    """Every instructor's ``column`` (``reach`` or ``contacts``) in ``data``, as whole numbers."""
    if isinstance(data, Analysis):
        values = data.instructors[column]
    elif isinstance(data, Network):
        values = instructor_load(data, settings=settings)[column]
    elif isinstance(data, pd.Series):
        values = data
    elif isinstance(data, pd.DataFrame) and column in data.columns:
        values = data[column]
    else:
        what = type(data).__name__
        msg = (
            f"expected an Analysis, a Network, an instructor frame or a Series of {column} values, got {what}"
        )
        raise GraphkitError(msg)
    return pd.to_numeric(values, errors="coerce").dropna().astype(int).to_numpy()
