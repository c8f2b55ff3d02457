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
    STATUS_LABELS,
    STATUSES,
    cjk_style,
    legend,
    new_axes,
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


def plot_instructor_network(
    data: Analysis | Network,
    *,
    street: str | None = None,
    top: int = 12,
    coverage: pd.DataFrame | None = None,
    settings: Settings | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
    title: str | None = None,
) -> tuple[Figure, Axes]:
    r"""Instructors and their contacts (their workload), overloaded instructors in red.

    The ``top`` instructors with most contacts are drawn (optionally only
    contacts in one ``street``), each with the units, party organisations and
    carriers it is assigned: units as circles coloured by coverage status,
    organisations as diamonds, carriers as triangles. An instructor is a
    square, red when its contacts exceed ``max_contacts_per_instructor``,
    labelled under its group with its contacts and reach. Instructors who
    share a contact form one group (a spring layout); groups are packed row
    by row to fill the canvas, largest first. The title says how many
    instructors are left out and how many of them have no contact at all.

    Parameters
    ----------
    data
        An :class:`Analysis` or a :class:`Network`; read-only.
    street
        A street id or exact name: only contacts in that street (by
        ``IN_STREET``), and the instructors who have them, are drawn.
    top
        Most instructors drawn, by contacts then reach.
    coverage
        Coverage frame to use (by default the analysis's, or computed).
    settings
        ``max_contacts_per_instructor`` decides who is overloaded (default:
        the analysis's settings, else the defaults).
    ax, figsize, title
        Where to draw, the size of a new figure (by default sized to the
        drawing), and the title.

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
    O(C log C) for the C instructor–contact pairs of
    :func:`graphkit.analysis.instructor_contacts`, plus a spring layout of
    each group of instructors sharing contacts.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": "U1", "name": "甲"}, {"id": "U2", "name": "乙"}],
    ...            "Instructor": [{"id": "I1", "name": "张伟"}, {"id": "I2", "name": "李娜"}]},
    ...     rels={"GUIDES": [("I1", "U1"), ("I1", "U2")]},
    ... )
    >>> fig, ax = plot_instructor_network(net, settings=Settings(max_contacts_per_instructor=1))
    >>> [t.get_text() for t in ax.texts if "张伟" in t.get_text()]
    ['张伟\n2个对象·2家，超负荷']
    >>> ax.get_title().splitlines()[1]
    '另有1名指导员未画出，均未分配联系对象'
    >>> from graphkit.draw import close
    >>> close(fig)

    """
    settings = settings_of(data, settings)
    net = network_of(data)
    cov = coverage_of(data if coverage is None else coverage)
    pairs = instructor_contacts(net)
    pairs, scope = _in_street(net, cov, pairs, street)
    contacts = pairs.groupby("instructor_id").size()
    total_contacts = instructor_contacts(net).groupby("instructor_id").size()
    total_reach = instructor_reach(net).groupby("instructor_id").size()
    order = pd.DataFrame(
        {"contacts": contacts, "reach": total_reach.reindex(contacts.index).fillna(0)}
    ).sort_values(["contacts", "reach"], ascending=False, kind="stable")
    chosen = [str(i) for i in order.index[:top]]
    pairs = pairs[pairs["instructor_id"].isin(chosen)]
    names = node_names(net)
    limit = settings.max_contacts_per_instructor
    labels = {
        i: _instructor_label(
            str(names.get(i, i)), int(total_contacts.get(i, 0)), int(total_reach.get(i, 0)), limit
        )
        for i in chosen
    }
    pos, extent = instructor_layout(chosen, pairs, labels=labels)
    width, height = extent
    if figsize is None:
        scale = min(13 / max(width, 1), 9 / max(height, 1))
        figsize = (max(width * scale, 6) + 2.6, max(height * scale, 3) + 1.2)
    kinds = dict(zip(pairs["target"], pairs["target_kind"], strict=True))
    with cjk_style() as family:
        fig, ax = new_axes(ax, figsize, family)
        ax.set_xlim(-0.5, width + 0.5)
        ax.set_ylim(-height - 0.5, 0.5)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ppd = _points_per_unit(ax, width + 1, height + 1)
        for i, target in zip(pairs["instructor_id"], pairs["target"], strict=True):
            (x0, y0), (x1, y1) = pos[i], pos[target]
            ax.plot([x0, x1], [y0, y1], color="#c8c8c8", lw=0.7, zorder=1)
        _draw_targets(ax, kinds, pos, cov["status"], ppd)
        fontsize = float(np.clip(_CHAR * ppd * 0.95, 6, 10))
        for i in chosen:
            over = int(total_contacts.get(i, 0)) > limit
            size = (0.55 * ppd) ** 2
            ax.scatter([pos[i][0]], [pos[i][1]], s=size, marker="s", c=OVER_COLOR if over else WITHIN_COLOR,
                       edgecolors="white", linewidths=1, zorder=4)  # fmt: skip
            lx, ly = pos[f"{_LABEL}{i}"]
            ax.text(lx, ly, labels[i], fontsize=fontsize, ha="center", va="top", zorder=5,
                    color=OVER_COLOR if over else "#222222", linespacing=1.15)  # fmt: skip
        present = {str(cov["status"].get(t)) for t, k in kinds.items() if k == "Unit"}
        handles = _network_handles(limit, [s for s in STATUSES if s in present], set(kinds.values()))
        legend(ax, handles, family, title="图例")
        idle = int((~net.instructors.index.isin(total_contacts.index)).sum()) if street is None else 0
        left_out = len(net.instructors) - len(chosen) if street is None else len(order) - len(chosen)
        where = f"{scope}：" if scope else ""
        text = title or (
            f"{where}党建指导员联系网络（联系对象最多的{len(chosen)}名指导员，{len(kinds):,}个联系对象）"
        )
        if title is None and left_out > 0:
            if idle == left_out:
                text += f"\n另有{left_out:,}名指导员未画出，均未分配联系对象"
            elif idle:
                text += f"\n另有{left_out:,}名指导员未画出，其中{idle:,}名未分配联系对象"
            else:
                text += f"\n另有{left_out:,}名指导员未画出"
        ax.set_title(text, fontsize=12)
    return fig, ax


#: Width of one label character, in layout units (a square of the layout is one unit).
_CHAR = 0.42
#: Key prefix of an instructor's label position in :func:`instructor_layout`'s answer.
_LABEL = "label:"


def _instructor_label(name: str, contacts: int, reach: int, limit: int) -> str:
    """Name on one line, load on the next (overloaded said in words as well as colour)."""
    return f"{name}\n{contacts:,}个对象·{reach:,}家{'，超负荷' if contacts > limit else ''}"


def _points_per_unit(ax: Axes, width: float, height: float) -> float:
    """Typographic points per layout unit of ``ax`` once its limits are set (equal aspect)."""
    bbox = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    return 72 * min(bbox.width * fig_w / width, bbox.height * fig_h / height)


def _in_street(
    net: Network, cov: pd.DataFrame, pairs: pd.DataFrame, street: str | None
) -> tuple[pd.DataFrame, str]:
    """The contact ``pairs`` whose target lies in ``street`` (all when ``None``) and its name ("" for all)."""
    if street is None:
        return pairs, ""
    street_id = find_node(net, street, caller="plot_instructor_network", kind="Street")
    sid = cov["street_id"] if "street_id" in cov.columns else net.street_of("Unit")
    in_street = cov.index[sid.reindex(cov.index) == street_id]
    if len(in_street) == 0:
        msg = f"plot_instructor_network: no units in street {street!r}"
        raise GraphkitError(msg)
    where = pd.concat([sid.reindex(cov.index), net.street_of("Carrier"), net.street_of("PartyOrg")])
    where = where[~where.index.duplicated()]
    keep = pairs["target"].map(where).eq(street_id).fillna(False).astype(bool)
    return pairs[keep.to_numpy()], str(cov.loc[in_street[0], "street"])


def instructor_layout(
    chosen: list[str], pairs: pd.DataFrame, *, labels: dict[str, str] | None = None
) -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
    """Instructors with their contacts in groups, packed row by row; and the drawing's size.

    An instructor alone sits in the middle of its contacts, which lie on a
    sunflower spiral one unit apart; instructors sharing contacts form one
    group laid out by a spring layout (fixed seed). Under each group go its
    instructors' labels. Groups are packed left to right into rows about 4:3
    overall, largest first, so the drawing fills its canvas.

    Parameters
    ----------
    chosen
        The instructors drawn.
    pairs
        Their ``instructor_id`` / ``target`` pairs.
    labels
        The label of each instructor (its lines and their lengths reserve room).

    Returns
    -------
    tuple
        ``(positions, (width, height))``: ``(x, y)`` of every instructor,
        target and label (keyed ``"label:" + id``), with ``x`` in
        ``[0, width]`` and ``y`` in ``[-height, 0]``.

    Notes
    -----
    O(C log C) for C pairs, plus a spring layout per shared group.

    Examples
    --------
    >>> pairs = pd.DataFrame({"instructor_id": ["I1", "I2"], "target": ["U1", "U2"]})
    >>> pos, size = instructor_layout(["I1", "I2"], pairs)
    >>> sorted(pos), [round(v, 2) for v in size]
    (['I1', 'I2', 'U1', 'U2', 'label:I1', 'label:I2'], [2.48, 2.33])

    """
    import networkx as nx

    labels = labels or {i: str(i) for i in chosen}
    g = nx.Graph()
    g.add_nodes_from(chosen)
    g.add_edges_from(zip(pairs["instructor_id"], pairs["target"], strict=True))
    rank = {i: k for k, i in enumerate(chosen)}
    groups = sorted(
        (sorted(c, key=str) for c in nx.connected_components(g)),
        key=lambda c: min(rank.get(n, len(rank)) for n in c),
    )
    blocks = [_block(g, [n for n in group if n in rank], group, labels) for group in groups]
    return _pack(blocks)


def _block(
    g: object, instructors: list[str], group: list[str], labels: dict[str, str]
) -> tuple[dict[str, tuple[float, float]], float, float]:
    """One group laid out around (0, 0): positions, width and height (labels included)."""
    import networkx as nx

    targets = [n for n in group if n not in set(instructors)]
    golden = math.pi * (3 - math.sqrt(5))
    if len(instructors) == 1:
        pos = {instructors[0]: (0.0, 0.0)}
        for k, t in enumerate(targets):
            r = 0.6 * math.sqrt(k + 1)
            pos[t] = (r * math.cos(k * golden + math.pi / 2), r * math.sin(k * golden + math.pi / 2))
    else:
        sub = g.subgraph(group)  # type: ignore[attr-defined]
        raw = nx.spring_layout(sub, seed=7, iterations=100)
        pos = {n: (float(x), float(y)) for n, (x, y) in raw.items()}
        spread = 0.65 * math.sqrt(len(group))
        pos = {n: (x * spread, y * spread) for n, (x, y) in pos.items()}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    left, right, bottom, top = min(xs) - 0.5, max(xs) + 0.5, min(ys) - 0.5, max(ys) + 0.5
    # labels in a row under the group, each as wide as its longest line
    widths = [max(len(line) for line in labels[i].splitlines()) * _CHAR + 0.4 for i in instructors]
    lines = max(len(labels[i].splitlines()) for i in instructors)
    row = sum(widths)
    x = (left + right) / 2 - row / 2
    for i, w in zip(instructors, widths, strict=True):
        pos[f"{_LABEL}{i}"] = (x + w / 2, bottom - 0.1)
        x += w
    left, right = min(left, (left + right) / 2 - row / 2), max(right, (left + right) / 2 + row / 2)
    bottom -= 0.2 + lines * _CHAR * 1.25
    shifted = {n: (x - left, y - top) for n, (x, y) in pos.items()}
    return shifted, right - left, top - bottom


def _pack(
    blocks: list[tuple[dict[str, tuple[float, float]], float, float]],
) -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
    """Blocks left to right in rows about 4:3 overall; positions and the total size."""
    area = sum(w * h for _, w, h in blocks)
    widest = max((w for _, w, _ in blocks), default=1.0)
    target = max(widest, math.sqrt(area * 4 / 3) * 1.1)
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_h = width = 0.0
    for block, w, h in blocks:
        if x > 0 and x + w > target:
            x, y, row_h = 0.0, y - row_h, 0.0
        pos |= {n: (px + x, py + y) for n, (px, py) in block.items()}
        x += w
        row_h = max(row_h, h)
        width = max(width, x)
    return pos, (width, -y + row_h)


def _draw_targets(
    ax: Axes, kinds: dict[str, str], pos: dict[str, tuple[float, float]], status: pd.Series, ppd: float
) -> None:
    """Contacts: units as circles coloured by status, organisations as diamonds, carriers as triangles."""
    size = (0.38 * ppd) ** 2
    for kind, marker in _TARGET_MARKERS.items():
        mine = sorted(t for t, k in kinds.items() if k == kind)
        if not mine:
            continue
        xy = np.array([pos[t] for t in mine])
        if kind == "Unit":
            colors = [STATUS_COLORS.get(str(status.get(t)), KIND_COLORS["Unit"]) for t in mine]
        else:
            colors = [KIND_COLORS[kind]] * len(mine)
        ax.scatter(xy[:, 0], xy[:, 1], s=size, marker=marker, c=colors, edgecolors="white", linewidths=0.5,
                   zorder=2)  # fmt: skip


#: Marker of each kind of contact.
_TARGET_MARKERS = {"Unit": "o", "PartyOrg": "D", "Carrier": "^"}


def _network_handles(limit: int, statuses: list[str], kinds: set[str]) -> list[object]:
    """Legend of the instructor network, each entry drawn as on the canvas."""
    from matplotlib.lines import Line2D

    def mark(marker: str, face: str, label: str, size: float = 8) -> Line2D:
        return Line2D([], [], marker=marker, ls="", markersize=size, markerfacecolor=face,
                      markeredgecolor="white", label=label)  # fmt: skip

    handles = [
        mark("s", WITHIN_COLOR, "党建指导员", 10),
        mark("s", OVER_COLOR, f"超负荷指导员（联系对象多于{limit}个）", 10),
    ]
    handles += [mark("o", STATUS_COLORS[s], f"单位：{STATUS_LABELS[s]}") for s in statuses]
    if "PartyOrg" in kinds:
        handles.append(mark("D", KIND_COLORS["PartyOrg"], "党组织"))
    if "Carrier" in kinds:
        handles.append(mark("^", KIND_COLORS["Carrier"], "载体（楼宇、商圈、园区）"))
    return handles


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
    ('＞4', ['30', '2', '1（最多30）', '上限 2'])
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
