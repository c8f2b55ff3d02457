"""Static network diagrams and charts with matplotlib, Chinese labels included.

Every ``plot_*`` function takes ``ax=None`` (a new figure is made when absent)
and returns ``(fig, ax)``; :func:`save` writes PNG, SVG or PDF by suffix.
Chinese text is drawn with :func:`graphkit.fonts.use_cjk_font`'s family, set on
each text (not in global ``rcParams``), so figures save correctly anywhere.

Colours follow one scheme everywhere: coverage status for units
(:data:`STATUS_COLORS`) and node kind for everything else (:data:`KIND_COLORS`).
Phone numbers are masked unless ``show_contacts=True``.

Examples
--------
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "U1", "name": "甲公司"}], "Street": [{"id": "S1", "name": "林山寨街道"}]},
...     rels={"IN_STREET": [("U1", "S1")]},
... )
>>> fig, ax = plot_coverage_by_street(net)
>>> [t.get_text() for t in ax.get_yticklabels()]
['林山寨街道']
>>> close(fig)

"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from graphkit.exceptions import GraphkitError
from graphkit.fonts import cjk_rc, use_cjk_font
from graphkit.model import Network
from graphkit.privacy import mask_contacts
from graphkit.settings import Settings

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "KIND_COLORS",
    "KIND_LABELS",
    "REL_LABELS",
    "STATUSES",
    "STATUS_COLORS",
    "STATUS_LABELS",
    "close",
    "coverage_of",
    "plot_coverage_by_street",
    "plot_ego",
    "plot_instructor_network",
    "plot_instructor_reach",
    "plot_overview",
    "save",
]

#: Coverage statuses, best first.
STATUSES = ("own_org", "joint_org", "work_only", "uncovered")
#: Colour of each coverage status (colour-blind-safe order: green → red).
STATUS_COLORS = {"own_org": "#1a9850", "joint_org": "#91cf60", "work_only": "#fdae61", "uncovered": "#d73027"}
#: Chinese legend text of each status.
STATUS_LABELS = {
    "own_org": "单独组建",
    "joint_org": "联合组建",
    "work_only": "仅工作覆盖",
    "uncovered": "未覆盖",
}
#: Colour of each node kind (units are coloured by status instead when known).
KIND_COLORS = {
    "Unit": "#9e9e9e",
    "Carrier": "#6a51a3",
    "PartyOrg": "#c51b1b",
    "Department": "#8c6d31",
    "Street": "#2171b5",
    "GuidanceStation": "#41b6c4",
    "Instructor": "#e6550d",
    "Liaison": "#fd8d3c",
    "OrganBranch": "#7b4173",
}
#: Chinese legend text of each node kind.
KIND_LABELS = {
    "Unit": "单位",
    "Carrier": "载体",
    "PartyOrg": "党组织",
    "Department": "部门",
    "Street": "街道",
    "GuidanceStation": "指导站",
    "Instructor": "党建指导员",
    "Liaison": "联络员",
    "OrganBranch": "机关党支部",
}
#: Chinese text of each relationship type, written along the lines of ego diagrams.
REL_LABELS = {
    "LOCATED_IN": "位于",
    "MEMBER_OF": "会员",
    "IN_STREET": "属地",
    "SUPERVISED_BY": "业务主管",
    "COVERED_BY": "覆盖",
    "BASED_AT": "依托",
    "REPORTS_TO": "隶属",
    "GUIDES": "指导",
    "SENT_BY": "派出",
    "LIAISES": "联络",
    "PAIRED_WITH": "结对共建",
    "BRANCH_OF": "机关支部",
    "SERVES": "服务",
}
_SAVE_FORMATS = {".png", ".svg", ".pdf"}


# ------------------------------------------------------------------ helpers
@contextlib.contextmanager
def _style() -> Iterator[str]:
    """rc_context with the CJK family given by name (not the generic 'sans-serif')."""
    import matplotlib

    family = use_cjk_font()
    rc = cjk_rc() | {"font.family": [family, "DejaVu Sans"]}
    with matplotlib.rc_context(rc):
        yield family


def _axes(ax: Axes | None, figsize: tuple[float, float], family: str) -> tuple[Figure, Axes]:
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    else:
        fig = ax.figure
    ax.tick_params(labelfontfamily=family)
    return fig, ax


def close(fig: Figure) -> None:
    """Close ``fig`` and free its memory (useful in loops and tests)."""
    import matplotlib.pyplot as plt

    plt.close(fig)


def save(fig: Figure, path: str | Path, *, dpi: int = 150) -> Path:
    """Save ``fig`` as PNG, SVG or PDF, chosen by the suffix of ``path``.

    Parameters
    ----------
    fig
        The figure, e.g. from a ``plot_*`` function.
    path
        Target file; parent folders are created.
    dpi
        Resolution of PNG files.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    GraphkitError
        When the suffix is not ``.png``, ``.svg`` or ``.pdf``.

    Examples
    --------
    >>> import tempfile
    >>> fig, ax = plot_instructor_reach(pd.Series([1, 2, 20]))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     save(fig, Path(tmp) / "reach.svg").suffix
    '.svg'
    >>> close(fig)

    """
    path = Path(path)
    if path.suffix.lower() not in _SAVE_FORMATS:
        what = path.suffix or "a file without suffix"
        msg = f"{path.name}: cannot save a diagram as {what}; use .png, .svg or .pdf"
        raise GraphkitError(msg)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _style():
        fig.savefig(path, dpi=dpi, metadata=_metadata(path))
    return path


def _metadata(path: Path) -> dict[str, Any] | None:
    suffix = path.suffix.lower()
    if suffix == ".png":
        return {"Software": "graphkit"}
    if suffix == ".svg":
        return {"Creator": "graphkit", "Date": None}
    return {"Creator": "graphkit", "CreationDate": None}


def coverage_of(data: Any) -> pd.DataFrame:
    """The unit coverage frame of ``data``.

    ``data`` is a :class:`Network` (coverage is computed), an analysis result
    with a ``coverage`` attribute, or a coverage frame itself (indexed by
    ``unit_id`` with ``status`` and ``street`` columns).

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1"}]})
    >>> coverage_of(net)["status"].tolist()
    ['uncovered']

    """
    if isinstance(data, Network):
        from graphkit.analysis import coverage

        return coverage(data)
    if isinstance(data, pd.DataFrame):
        frame = data
    elif isinstance(getattr(data, "coverage", None), pd.DataFrame):
        frame = data.coverage
    else:
        msg = f"expected a Network, an analysis result or a coverage frame, got {type(data).__name__}"
        raise GraphkitError(msg)
    missing = {"status", "street"} - set(frame.columns)
    if missing:
        msg = f"coverage frame lacks the column(s) {', '.join(sorted(missing))}"
        raise GraphkitError(msg)
    return frame


def _names(net: Network) -> pd.Series:
    """Name of every node, its id where the name is missing."""
    parts = [f["name"].astype(object).fillna(pd.Series(f.index, index=f.index)) for f in net.nodes.values()]
    out = pd.concat([p for p in parts if len(p)]) if any(len(p) for p in parts) else pd.Series(dtype=object)
    return out.astype(str)


def _edges(net: Network, types: Sequence[str] | None = None) -> pd.DataFrame:
    """All relationships (or those of ``types``) as one source/target/type frame."""
    frames = [
        f[["source", "target"]].assign(type=t)
        for t, f in net.rels.items()
        if len(f) and (types is None or t in types)
    ]
    if not frames:
        return pd.DataFrame({"source": [], "target": [], "type": []}, dtype=object)
    return pd.concat(frames, ignore_index=True).astype({"source": object, "target": object})


def _status_patches(statuses: Sequence[str] = STATUSES) -> list[Any]:
    from matplotlib.patches import Patch

    return [Patch(facecolor=STATUS_COLORS[s], label=STATUS_LABELS[s]) for s in statuses]


def _legend(ax: Axes, handles: list[Any], family: str, *, title: str | None = None, **kwargs: Any) -> None:
    kwargs = {"loc": "upper left", "bbox_to_anchor": (1.0, 1.0), "frameon": False} | kwargs
    leg = ax.legend(handles=handles, title=title, prop={"family": family, "size": 9}, **kwargs)
    if leg.get_title():
        leg.get_title().set_fontfamily(family)


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


# ----------------------------------------------------------------- overview
def plot_overview(
    net: Network,
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
    net
        The network; read-only. Reads units, carriers, streets, ``IN_STREET``,
        ``LOCATED_IN`` and what :func:`graphkit.analysis.coverage` reads.
    coverage
        Precomputed coverage frame (computed when absent).
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
    >>> close(fig)

    """
    cov = coverage_of(net) if coverage is None else coverage_of(coverage)
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
    names = _names(net)
    street_names = names.reindex(by_street.index).fillna(pd.Series(by_street.index, index=by_street.index))
    street_names = street_names.where(by_street.index != "—", "（无街道）")

    n = len(by_street)
    cols = max(1, math.ceil(math.sqrt(n)))
    dx, dy = 3.9, 3.0
    max_units = max(int(by_street.sum(axis=1).max()) if n else 1, 1)
    with _style() as family:
        fig, ax = _axes(ax, figsize, family)
        order = by_street.sum(axis=1).sort_values(ascending=False).index
        for i, sid in enumerate(order):
            cx, cy = (i % cols) * dx, -(i // cols) * dy
            total = int(by_street.loc[sid].sum())
            r = 0.25 + 0.45 * math.sqrt(total / max_units)
            mine = by_carrier[carrier_street == sid]
            mine = mine.loc[mine.sum(axis=1).sort_values(ascending=False).index[:max_carriers]]
            cmax = max(int(mine.sum(axis=1).max()) if len(mine) else 1, 1)
            for j, cid in enumerate(mine.index):
                angle = math.pi / 2 + 2 * math.pi * j / max(len(mine), 1) + math.pi / 8
                px, py = cx + 1.05 * math.cos(angle), cy + 1.05 * math.sin(angle)
                ax.plot([cx, px], [cy, py], color="#bbbbbb", lw=0.8, zorder=1)
                cr = 0.08 + 0.14 * math.sqrt(mine.loc[cid].sum() / cmax)
                _pie(ax, px, py, cr, mine.loc[cid].tolist())
                name = names.get(cid, str(cid))
                short = name if len(name) <= 8 else name[:7] + "…"
                cos, sin = math.cos(angle), math.sin(angle)
                ax.text(
                    px + 0.3 * cr * cos,
                    py + (cr + 0.03) * (1 if sin >= 0 else -1),
                    f"{short} {int(mine.loc[cid].sum())}",
                    ha="center",
                    va="bottom" if sin >= 0 else "top",
                    fontsize=6.5,
                    color="#333333",
                    zorder=5,
                )
            _pie(ax, cx, cy, r, by_street.loc[sid].tolist(), zorder=4)
            ax.text(
                cx,
                cy,
                f"{street_names[sid]}\n{total}家",
                ha="center",
                va="center",
                fontsize=9,
                zorder=6,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.75},
            )
        rows = max(1, math.ceil(n / cols))
        ax.set_xlim(-1.9, (cols - 1) * dx + 1.9)
        ax.set_ylim(-(rows - 1) * dy - 1.6, 1.6)
        ax.set_aspect("equal")
        ax.set_axis_off()
        shares = units["status"].value_counts().reindex(list(STATUSES), fill_value=0)
        handles = _status_patches()
        for h, s in zip(handles, STATUSES, strict=True):
            h.set_label(f"{STATUS_LABELS[s]} {int(shares[s])}")
        _legend(ax, handles, family, title="单位覆盖状态")
        default = f"覆盖概览：{len(units)}家单位，{all_streets}个街道"
        default += f"（大圆为街道，小圆为最大的{max_carriers}个载体）"
        if n < all_streets:
            default += f"\n图中为单位最多的{n}个街道，另有{all_streets - n}个街道未画出"
        ax.set_title(title or default, fontsize=12)
    return fig, ax


# ---------------------------------------------------------------------- ego
def _node_frame(net: Network, ids: Sequence[str], show_contacts: bool) -> pd.DataFrame:
    kinds = net.kinds.reindex(pd.Index(ids, dtype="string")).astype(object)
    names = _names(net).reindex(ids)
    out = pd.DataFrame({"kind": kinds.to_numpy(), "name": names.to_numpy()}, index=list(ids))
    people = pd.concat([net.instructors[["phone"]], net.liaisons[["phone"]]])
    people = mask_contacts(people, show_contacts=show_contacts)
    out["phone"] = people["phone"].astype(object).reindex(out.index).to_numpy()
    return out


def plot_ego(
    net: Network,
    node_id: str,
    *,
    radius: int = 1,
    coverage: pd.DataFrame | None = None,
    show_contacts: bool = False,
    max_nodes: int = 50,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (11, 9),
    title: str | None = None,
) -> tuple[Figure, Axes]:
    r"""Everything within ``radius`` steps of one node, labelled with names.

    Works for any node: a unit, party organisation, instructor, carrier,
    street … Units are coloured by coverage status, other nodes by kind;
    relationships are drawn as lines labelled with their type near the
    centre. Nodes are placed on rings by distance.

    Parameters
    ----------
    net
        The network; read-only.
    node_id
        Id of the centre node.
    radius
        1 or 2 steps (relationships followed in both directions).
    coverage
        Precomputed coverage frame (computed when absent).
    show_contacts
        Show instructors' and liaisons' phone numbers unmasked.
    max_nodes
        Most nodes drawn; rings are filled inside out, each keeping its most
        linked nodes, and the title says how many were left out. At radius 2 the
        walk does not pass through streets and departments (they would bring in
        a whole street).
    ax, figsize, title
        Where to draw, the size of a new figure, and the title.

    Returns
    -------
    tuple
        ``(fig, ax)``.

    Raises
    ------
    GraphkitError
        When ``node_id`` is not in the network or ``radius`` is not 1 or 2.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": "U1", "name": "甲公司"}],
    ...            "Instructor": [{"id": "I1", "name": "张伟", "phone": "13812345678"}]},
    ...     rels={"GUIDES": [("I1", "U1")]},
    ... )
    >>> fig, ax = plot_ego(net, "U1")
    >>> sorted(t.get_text() for t in ax.texts if t.get_text() != "指导")
    ['张伟\n138****5678', '甲公司']
    >>> close(fig)

    """
    import networkx as nx

    if radius not in (1, 2):
        msg = f"plot_ego: radius must be 1 or 2, got {radius}"
        raise GraphkitError(msg)
    kinds = net.kinds
    if node_id not in kinds.index:
        msg = f"plot_ego: no node with id {node_id!r} in the network"
        raise GraphkitError(msg)
    edges = _edges(net)
    src, tgt = edges["source"], edges["target"]
    # only the neighbourhood becomes a graph (a city has millions of relationships): the nodes
    # within reach, every relationship among them, and their degrees in the whole network
    hubs = {"Street", "Department"}
    touches = ((src == node_id) | (tgt == node_id)).to_numpy()
    near = (set(src[touches]) | set(tgt[touches])) - {node_id}
    reach = near | {node_id}
    if radius == 2:
        inner = [n for n in near if kinds.get(n) not in hubs]
        via = (src.isin(inner) | tgt.isin(inner)).to_numpy()
        reach |= set(src[via]) | set(tgt[via])
    in_src, in_tgt = src.isin(reach).to_numpy(), tgt.isin(reach).to_numpy()
    local = edges[in_src & in_tgt]
    degree = pd.concat([src[in_src], tgt[in_tgt]]).value_counts().to_dict()
    g = nx.MultiGraph()
    g.add_node(node_id)
    g.add_edges_from(zip(local["source"], local["target"], local["type"], strict=True))
    # ring 1: every neighbour; ring 2: neighbours of ring-1 nodes, except through
    # streets and departments (hubs that would pull in a whole street)
    ring1 = sorted(set(g.neighbors(node_id)) - {node_id})
    rings: dict[int, list[str]] = {0: [node_id], 1: ring1}
    parent: dict[str, str] = {}
    if radius == 2:
        for n in ring1:
            if kinds.get(n) in hubs:
                continue
            for m in g.neighbors(n):
                if m != node_id and m not in parent and m not in set(ring1):
                    parent[m] = n
        rings[2] = list(parent)
    left_out = 0
    for d in sorted(rings)[1:]:  # fill the rings inside out; the most linked nodes first
        room = max(max_nodes - sum(len(rings[i]) for i in rings if i < d), 0)
        if len(rings[d]) > room:
            ranked = sorted(rings[d], key=lambda n: (-degree.get(n, 0), str(n)))
            left_out += len(ranked) - room
            rings[d] = ranked[:room]
    if radius == 2:
        rings[2] = [n for n in rings[2] if parent[n] in set(rings[1])]
    shown = [n for d in sorted(rings) for n in rings[d]]
    sub = g.subgraph(shown)
    nodes = _node_frame(net, shown, show_contacts)
    cov = None
    if (nodes["kind"] == "Unit").any():
        cov = coverage_of(net) if coverage is None else coverage_of(coverage)
    status = (
        cov["status"].astype(object).reindex(nodes.index) if cov is not None else pd.Series(index=nodes.index)
    )
    colors = [
        STATUS_COLORS.get(status.get(n), KIND_COLORS.get(k, "#999999"))
        if k == "Unit"
        else KIND_COLORS.get(k, "#999999")
        for n, k in zip(nodes.index, nodes["kind"], strict=True)
    ]
    # ring 1 sorted by kind then name; ring 2 next to its ring-1 parent
    pos: dict[str, tuple[float, float]] = {node_id: (0.0, 0.0)}
    angle: dict[str, float] = {}
    ring = sorted(rings[1], key=lambda n: (str(nodes.at[n, "kind"]), str(nodes.at[n, "name"])))
    for i, n in enumerate(ring):
        angle[n] = 2 * math.pi * i / max(len(ring), 1)
        pos[n] = (math.cos(angle[n]), math.sin(angle[n]))
    if radius == 2 and rings[2]:
        ring = sorted(rings[2], key=lambda n: (angle[parent[n]], str(nodes.at[n, "kind"]), str(n)))
        for i, n in enumerate(ring):
            a = 2 * math.pi * i / len(ring) + math.pi / len(ring)
            pos[n] = (2 * math.cos(a), 2 * math.sin(a))
    labels = {
        n: f"{nodes.at[n, 'name']}\n{nodes.at[n, 'phone']}"
        if isinstance(nodes.at[n, "phone"], str)
        else nodes.at[n, "name"]
        for n in shown
    }
    crowd = len(shown)
    fontsize = 9 if crowd <= 25 else 7.5 if crowd <= 50 else 6.5
    with _style() as family:
        fig, ax = _axes(ax, figsize, family)
        from matplotlib.collections import LineCollection

        hubs = {n for n in shown if nodes.at[n, "kind"] in ("Street", "Department") and n != node_id}
        segments = [(pos[u], pos[v]) for u, v in sub.edges() if node_id in (u, v) or not ({u, v} & hubs)]
        ax.add_collection(LineCollection(segments, colors="#bbbbbb", linewidths=0.9, zorder=1))
        if crowd <= 30:
            for u, v, t in sub.edges(keys=True):
                if node_id in (u, v):
                    (x1, y1), (x2, y2) = pos[u], pos[v]
                    ax.text(
                        x1 * 0.45 + x2 * 0.55,
                        y1 * 0.45 + y2 * 0.55,
                        REL_LABELS.get(t, t),
                        fontsize=6.5,
                        color="#777777",
                        ha="center",
                        va="center",
                        zorder=2,
                    )
        xy = np.array([pos[n] for n in shown])
        sizes = [900 if n == node_id else 260 for n in shown]
        ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=colors, edgecolors="white", linewidths=1.2, zorder=3)
        radial = {d for d in rings if d > 0 and len(rings[d]) > 14}
        for n in shown:
            x, y = pos[n]
            d = 0 if n == node_id else (1 if n in angle else 2)
            if d in radial:  # dense ring: labels point outwards and never overlap
                a = math.atan2(y, x)
                right = math.cos(a) >= 0
                ax.text(
                    x + 0.07 * math.cos(a),
                    y + 0.07 * math.sin(a),
                    labels[n].replace("\n", " "),
                    ha="left" if right else "right",
                    va="center",
                    rotation=math.degrees(a) if right else math.degrees(a) - 180,
                    rotation_mode="anchor",
                    fontsize=fontsize - 0.5,
                    zorder=4,
                )
                continue
            ax.text(
                x,
                y - (0.1 if n != node_id else 0.16),
                labels[n],
                ha="center",
                va="top",
                fontsize=fontsize + (2 if n == node_id else 0),
                zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
            )
        from matplotlib.lines import Line2D

        handles: list[Any] = []
        present = set(nodes["kind"])
        if "Unit" in present and cov is not None:
            handles += _status_patches([s for s in STATUSES if (status == s).any()])
        handles += [
            Line2D(
                [],
                [],
                marker="o",
                ls="",
                markersize=9,
                markerfacecolor=KIND_COLORS[k],
                markeredgecolor="white",
                label=KIND_LABELS[k],
            )
            for k in KIND_COLORS
            if k in present and k != "Unit"
        ]
        _legend(ax, handles, family, title="图例")
        reach = max((d for d in rings if rings[d]), default=0)
        lim = max(reach, 1) + (0.95 if radial else 0.45)
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim - 0.1, lim)
        ax.set_aspect("equal")
        ax.set_axis_off()
        centre = nodes.at[node_id, "name"]
        kind_label = KIND_LABELS.get(str(nodes.at[node_id, "kind"]), "")
        text = title or f"{kind_label}「{centre}」周边{radius}步关系（{len(shown)}个节点）"
        if left_out:
            text += f"\n另有{left_out}个关联较少的节点未画出"
        ax.set_title(text, fontsize=12)
    return fig, ax


# --------------------------------------------------------------- instructors
def plot_instructor_network(
    net: Network,
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
    large squares (red outline and "超负荷" when reach exceeds
    ``max_units_per_instructor``), units small dots coloured by status.

    Parameters
    ----------
    net
        The network; read-only.
    street
        A street id or name: only units of that street, and the instructors
        reaching them, are drawn.
    top
        Most instructors drawn, by reach.
    coverage
        Precomputed coverage frame (computed when absent).
    settings
        ``max_units_per_instructor`` decides who is overloaded.
    ax, figsize, title
        Where to draw, the size of a new figure, and the title.

    Returns
    -------
    tuple
        ``(fig, ax)``.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": "U1", "name": "甲"}, {"id": "U2", "name": "乙"}],
    ...            "Instructor": [{"id": "I1", "name": "张伟"}]},
    ...     rels={"GUIDES": [("I1", "U1"), ("I1", "U2")]},
    ... )
    >>> fig, ax = plot_instructor_network(net, settings=Settings(max_units_per_instructor=1))
    >>> [t.get_text() for t in ax.texts if "张伟" in t.get_text()]
    ['张伟（2家，超负荷）']
    >>> close(fig)

    """
    import networkx as nx

    from graphkit.analysis import instructor_reach

    settings = settings or Settings()
    cov = coverage_of(net) if coverage is None else coverage_of(coverage)
    reach = instructor_reach(net)
    scope = ""
    if street is not None:
        sid = cov["street_id"] if "street_id" in cov.columns else net.street_of("Unit")
        in_street = cov.index[(sid.reindex(cov.index) == street) | (cov["street"] == street)]
        if len(in_street) == 0:
            msg = f"plot_instructor_network: no units in street {street!r}"
            raise GraphkitError(msg)
        scope = str(cov.loc[in_street[0], "street"])
        reach = reach[reach["unit_id"].isin(in_street)]
    total_reach = instructor_reach(net).groupby("instructor_id").size()
    shown_reach = reach.groupby("instructor_id").size()
    order = total_reach.reindex(shown_reach.index).sort_values(ascending=False, kind="stable")
    chosen = order.index[:top]
    reach = reach[reach["instructor_id"].isin(chosen)]
    names = _names(net)
    g = nx.Graph()
    g.add_nodes_from(chosen)
    g.add_edges_from(zip(reach["instructor_id"], reach["unit_id"], strict=True))
    pos = _instructor_layout(list(chosen), reach)
    units = [n for n in g if n not in set(chosen)]
    limit = settings.max_units_per_instructor
    with _style() as family:
        fig, ax = _axes(ax, figsize, family)
        for u, v in g.edges():
            ax.plot([pos[u][0], pos[v][0]], [pos[u][1], pos[v][1]], color="#cccccc", lw=0.6, zorder=1)
        if units:
            uxy = np.array([pos[n] for n in units])
            ucol = [STATUS_COLORS.get(str(cov["status"].get(n)), "#999999") for n in units]
            ax.scatter(uxy[:, 0], uxy[:, 1], s=28, c=ucol, edgecolors="white", linewidths=0.4, zorder=2)
            if len(units) <= 24:
                for n in units:
                    ax.text(
                        pos[n][0],
                        pos[n][1] - 0.03,
                        names.get(n, n),
                        fontsize=6.5,
                        ha="center",
                        va="top",
                        zorder=3,
                    )
        for i in chosen:
            over = int(total_reach.get(i, 0)) > limit
            ax.scatter(
                [pos[i][0]],
                [pos[i][1]],
                s=90 + 3 * min(int(total_reach.get(i, 0)), 60),
                marker="s",
                c=KIND_COLORS["Instructor"],
                edgecolors="#b30000" if over else "white",
                linewidths=2.5 if over else 1,
                zorder=4,
            )
            text = f"{names.get(i, i)}（{int(total_reach.get(i, 0))}家{'，超负荷' if over else ''}）"
            ax.text(
                pos[i][0],
                pos[i][1] + 0.06,
                text,
                fontsize=8.5,
                ha="center",
                va="bottom",
                color="#b30000" if over else "#222222",
                zorder=5,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
        from matplotlib.lines import Line2D

        present = {str(cov["status"].get(n)) for n in units}
        handles = [
            Line2D(
                [],
                [],
                marker="s",
                ls="",
                markersize=10,
                markerfacecolor=KIND_COLORS["Instructor"],
                markeredgecolor="white",
                label="党建指导员",
            ),
            Line2D(
                [],
                [],
                marker="s",
                ls="",
                markersize=10,
                markerfacecolor=KIND_COLORS["Instructor"],
                markeredgecolor="#b30000",
                markeredgewidth=2.5,
                label=f"超负荷（>{limit}家）",
            ),
            *_status_patches([s for s in STATUSES if s in present]),
        ]
        _legend(ax, handles, family, title="图例")
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


def _instructor_layout(chosen: list[str], reach: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Instructors on a grid; their units in a sunflower spiral around them.

    A unit reached by several shown instructors sits in a spiral around the
    centre of those instructors, so shared units lie between them.
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


# -------------------------------------------------------------------- charts
def plot_coverage_by_street(
    data: Any,
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
        A :class:`Network`, an analysis result or a coverage frame (see
        :func:`coverage_of`).
    ax, figsize, title
        Where to draw, the size of a new figure, and the title.

    Returns
    -------
    tuple
        ``(fig, ax)``.

    Examples
    --------
    >>> cov = pd.DataFrame({"street": ["甲街道", "甲街道", "乙街道"],
    ...                     "status": ["own_org", "uncovered", "joint_org"]})
    >>> fig, ax = plot_coverage_by_street(cov)
    >>> [t.get_text() for t in ax.texts]
    [' 100%', ' 50%']
    >>> close(fig)

    """
    cov = coverage_of(data)
    street = cov["street"].astype(object).fillna("（无街道）")
    table = pd.crosstab(street, cov["status"].astype(object)).reindex(columns=list(STATUSES), fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(kind="stable").index]
    rate = (table["own_org"] + table["joint_org"]) / table.sum(axis=1)
    size = figsize or (10, 1.2 + 0.38 * max(len(table), 1))
    with _style() as family:
        fig, ax = _axes(ax, size, family)
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
        _legend(ax, _status_patches(), family, title="覆盖状态")
        ax.set_title(title or "各街道单位覆盖情况", fontsize=12)
    return fig, ax


def plot_instructor_reach(
    data: Any,
    *,
    settings: Settings | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (9, 5),
    title: str | None = None,
) -> tuple[Figure, Axes]:
    """Histogram of instructors' reach with the workload limit as a line.

    Parameters
    ----------
    data
        A :class:`Network`, the frame of :func:`graphkit.analysis.instructor_load`
        (its ``reach`` column), an analysis result with ``instructors``, or a
        Series of reach values.
    settings
        ``max_units_per_instructor`` is drawn as the limit line (default: the
        analysis result's settings, else the defaults).
    ax, figsize, title
        Where to draw, the size of a new figure, and the title.

    Returns
    -------
    tuple
        ``(fig, ax)``.

    Examples
    --------
    >>> fig, ax = plot_instructor_reach(pd.Series([3, 5, 20, 0]))
    >>> ax.get_title()
    '党建指导员联系单位数分布（4人，超过上限15家的1人）'
    >>> close(fig)

    """
    settings = settings or getattr(data, "settings", None) or Settings()
    if isinstance(data, Network):
        from graphkit.analysis import instructor_load

        reach = instructor_load(data, settings=settings)["reach"]
    elif isinstance(data, pd.Series):
        reach = data
    elif isinstance(data, pd.DataFrame) and "reach" in data.columns:
        reach = data["reach"]
    elif isinstance(getattr(data, "instructors", None), pd.DataFrame):
        reach = data.instructors["reach"]
    else:
        msg = (
            f"expected a Network, an instructor frame or a Series of reach values, got {type(data).__name__}"
        )
        raise GraphkitError(msg)
    values = pd.to_numeric(reach, errors="coerce").dropna().astype(int).to_numpy()
    limit = settings.max_units_per_instructor
    top = int(values.max()) if len(values) else limit
    bins = np.arange(0, max(top, limit) + 2) - 0.5
    with _style() as family:
        fig, ax = _axes(ax, figsize, family)
        over = values > limit
        ax.hist(
            [values[~over], values[over]],
            bins=bins,
            stacked=True,
            color=[KIND_COLORS["Instructor"], "#b30000"],
            label=["未超上限", "超负荷"],
        )
        ax.axvline(limit + 0.5, color="#b30000", ls="--", lw=1.5)
        ax.text(
            limit + 0.7, ax.get_ylim()[1] * 0.95, f"上限 {limit}家", color="#b30000", va="top", fontsize=9
        )
        ax.set_xlabel("联系单位数（去重）")
        ax.set_ylabel("党建指导员人数")
        ax.spines[["top", "right"]].set_visible(False)
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        _legend(ax, ax.get_legend_handles_labels()[0], family, loc="upper right", bbox_to_anchor=(1.0, 0.88))
        ax.set_title(
            title or f"党建指导员联系单位数分布（{len(values)}人，超过上限{limit}家的{int(over.sum())}人）",
            fontsize=12,
        )
    return fig, ax
