"""Ego diagrams: everything within one or two steps of one node, on rings, labelled with names."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from graphkit.draw.inputs import coverage_of, find_node, network_of, node_names
from graphkit.draw.style import (
    KIND_COLORS,
    KIND_LABELS,
    REL_LABELS,
    STATUS_COLORS,
    STATUS_LABELS,
    STATUSES,
    cjk_style,
    legend,
    new_axes,
)
from graphkit.exceptions import GraphkitError
from graphkit.model import Network
from graphkit.privacy import mask_contacts
from graphkit.results import Analysis

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["Neighbourhood", "neighbourhood", "plot_ego"]

#: Kinds the radius-2 walk never passes through: they would bring in a whole street.
_HUBS = frozenset({"Street", "Department"})


@dataclass(frozen=True)
class Neighbourhood:
    """The nodes an ego diagram shows, ring by ring.

    Attributes
    ----------
    centre
        Id of the centre node.
    rings
        Node ids by distance: ``0`` holds the centre, ``1`` its neighbours,
        ``2`` (at radius 2) theirs.
    parent
        The ring-1 node through which each ring-2 node was reached.
    graph
        The relationships among the nodes shown (a networkx ``MultiGraph``
        keyed by relationship type).
    left_out
        How many nodes within reach were not kept.
    """

    centre: str
    rings: dict[int, list[str]]
    parent: dict[str, str]
    graph: nx.MultiGraph
    left_out: int

    @property
    def shown(self) -> list[str]:
        """Every node shown, ring by ring."""
        return [n for d in sorted(self.rings) for n in self.rings[d]]


def neighbourhood(net: Network, node_id: str, *, radius: int = 1, max_nodes: int = 50) -> Neighbourhood:
    """The nodes within ``radius`` steps of ``node_id``, at most ``max_nodes``, and their relationships.

    Relationships are followed in both directions. Rings are filled inside
    out, each keeping its most linked nodes (by degree in the whole network,
    ties by id). At radius 2 the walk does not pass through streets and
    departments.

    Parameters
    ----------
    net
        The network; read-only.
    node_id
        Id of the centre node.
    radius
        1 or 2.
    max_nodes
        Most nodes kept, the centre included.

    Returns
    -------
    Neighbourhood

    Notes
    -----
    O(R) for R relationships in the network (membership tests of every
    relationship's ends); only the neighbourhood becomes a graph.

    Examples
    --------
    >>> import graphkit as gk
    >>> ego = neighbourhood(gk.datasets.tiny(), "C1")
    >>> ego.rings[1]
    ['I1', 'P2', 'S1', 'U03', 'U04', 'U07']
    >>> neighbourhood(gk.datasets.tiny(), "C1", max_nodes=3).left_out
    4

    """
    import networkx as nx

    kinds = net.kinds
    edges = _edges(net)
    src, tgt = edges["source"], edges["target"]
    # only the neighbourhood becomes a graph (a city has millions of relationships): the nodes
    # within reach, every relationship among them, and their degrees in the whole network
    touches = ((src == node_id) | (tgt == node_id)).to_numpy()
    near = (set(src[touches]) | set(tgt[touches])) - {node_id}
    reach = near | {node_id}
    if radius == 2:
        inner = [n for n in near if kinds.get(n) not in _HUBS]
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
            if kinds.get(n) in _HUBS:
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
    # a copy, not g.subgraph(): a subgraph view smaller than half its graph iterates a set,
    # so the lines would come out in an order that changes with PYTHONHASHSEED
    keep = set(shown)
    sub = nx.MultiGraph()
    sub.add_nodes_from(shown)
    sub.add_edges_from((u, v, k) for u, v, k in g.edges(keys=True) if u in keep and v in keep)
    return Neighbourhood(node_id, rings, parent, sub, left_out)


def plot_ego(
    data: Analysis | Network,
    node: str,
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
    data
        An :class:`Analysis` or a :class:`Network`; read-only.
    node
        Id or exact name of the centre node.
    radius
        1 or 2 steps (relationships followed in both directions).
    coverage
        Coverage frame to use (by default the analysis's, or computed when
        units are shown).
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
        When ``node`` is no node's id and not exactly one node's name, or
        ``radius`` is not 1 or 2.

    Notes
    -----
    O(R) for R relationships (see :func:`neighbourhood`), then
    O(max_nodes²) at most to draw.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": "U1", "name": "甲公司"}],
    ...            "Instructor": [{"id": "I1", "name": "张伟", "phone": "13812345678"}]},
    ...     rels={"GUIDES": [("I1", "U1")]},
    ... )
    >>> fig, ax = plot_ego(net, "甲公司")
    >>> sorted(t.get_text() for t in ax.texts if t.get_text() != "指导")
    ['张伟\n138****5678', '甲公司']
    >>> from graphkit.draw import close
    >>> close(fig)

    """
    if radius not in (1, 2):
        msg = f"plot_ego: radius must be 1 or 2, got {radius}"
        raise GraphkitError(msg)
    net = network_of(data)
    node_id = find_node(net, node, caller="plot_ego")
    ego = neighbourhood(net, node_id, radius=radius, max_nodes=max_nodes)
    shown = ego.shown
    nodes = _node_frame(net, shown, show_contacts)
    cov = None
    if (nodes["kind"] == "Unit").any():
        cov = coverage_of(data if coverage is None else coverage)
    status = (
        cov["status"].astype(object).reindex(nodes.index) if cov is not None else pd.Series(index=nodes.index)
    )
    colors = [
        STATUS_COLORS.get(status.get(n), KIND_COLORS.get(k, "#999999"))
        if k == "Unit"
        else KIND_COLORS.get(k, "#999999")
        for n, k in zip(nodes.index, nodes["kind"], strict=True)
    ]
    pos, angle = _ring_positions(ego, nodes)
    labels = {
        n: f"{nodes.at[n, 'name']}\n{nodes.at[n, 'phone']}"
        if isinstance(nodes.at[n, "phone"], str)
        else nodes.at[n, "name"]
        for n in shown
    }
    with cjk_style() as family:
        fig, ax = new_axes(ax, figsize, family)
        _draw_relationships(ax, ego, nodes, pos)
        xy = np.array([pos[n] for n in shown])
        sizes = [900 if n == node_id else 260 for n in shown]
        ax.scatter(xy[:, 0], xy[:, 1], s=sizes, c=colors, edgecolors="white", linewidths=1.2, zorder=3)
        radial = {d for d in ego.rings if d > 0 and len(ego.rings[d]) > 14}
        _draw_labels(ax, ego, pos, angle, labels, radial)
        handles: list[Any] = []
        present = set(nodes["kind"])
        if "Unit" in present and cov is not None:
            handles += _status_handles([s for s in STATUSES if (status == s).any()])
        handles += _kind_handles(k for k in KIND_COLORS if k in present and k != "Unit")
        legend(ax, handles, family, title="图例")
        reach = max((d for d in ego.rings if ego.rings[d]), default=0)
        lim = max(reach, 1) + (0.95 if radial else 0.45)
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim - 0.1, lim)
        ax.set_aspect("equal")
        ax.set_axis_off()
        centre = nodes.at[node_id, "name"]
        kind_label = KIND_LABELS.get(str(nodes.at[node_id, "kind"]), "")
        text = title or f"{kind_label}「{centre}」周边{radius}步关系（{len(shown)}个节点）"
        if ego.left_out:
            text += f"\n另有{ego.left_out}个关联较少的节点未画出"
        ax.set_title(text, fontsize=12)
    return fig, ax


def _edges(net: Network) -> pd.DataFrame:
    """All relationships as one source/target/type frame."""
    frames = [f[["source", "target"]].assign(type=t) for t, f in net.rels.items() if len(f)]
    if not frames:
        return pd.DataFrame({"source": [], "target": [], "type": []}, dtype=object)
    return pd.concat(frames, ignore_index=True).astype({"source": object, "target": object})


def _node_frame(net: Network, ids: Sequence[str], show_contacts: bool) -> pd.DataFrame:
    """Kind, name and (masked) phone of the nodes ``ids``, indexed by id."""
    kinds = net.kinds.reindex(pd.Index(ids, dtype="string")).astype(object)
    names = node_names(net).reindex(ids)
    out = pd.DataFrame({"kind": kinds.to_numpy(), "name": names.to_numpy()}, index=list(ids))
    people = pd.concat([net.instructors[["phone"]], net.liaisons[["phone"]]])
    people = mask_contacts(people, show_contacts=show_contacts)
    out["phone"] = people["phone"].astype(object).reindex(out.index).to_numpy()
    return out


def _ring_positions(
    ego: Neighbourhood, nodes: pd.DataFrame
) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
    """Position of every node shown, and the angle of each ring-1 node.

    Ring 1 is sorted by kind then name. When it is crowded (more than 8
    nodes), its few close relations — every node not of its most common kind,
    such as the party organisation, street and carrier around a building's
    units — sit on an inner ring, so their lines do not cross the circle; the
    inner ring leaves the bottom free for the centre's label. Ring 2 sits
    next to its ring-1 parents.
    """
    pos: dict[str, tuple[float, float]] = {ego.centre: (0.0, 0.0)}
    angle: dict[str, float] = {}
    ring = sorted(ego.rings[1], key=lambda n: (str(nodes.at[n, "kind"]), str(nodes.at[n, "name"])))
    inner = _inner(ring, nodes)
    outer = [n for n in ring if n not in set(inner)]
    for i, n in enumerate(outer):
        angle[n] = 2 * math.pi * i / max(len(outer), 1)
        pos[n] = (math.cos(angle[n]), math.sin(angle[n]))
    for i, n in enumerate(inner):  # an arc over the top, from lower right to lower left
        angle[n] = math.radians(-30 + 240 * (i + 0.5) / len(inner))
        pos[n] = (_INNER * math.cos(angle[n]), _INNER * math.sin(angle[n]))
    if ego.rings.get(2):
        ring = sorted(ego.rings[2], key=lambda n: (angle[ego.parent[n]], str(nodes.at[n, "kind"]), str(n)))
        for i, n in enumerate(ring):
            a = 2 * math.pi * i / len(ring) + math.pi / len(ring)
            pos[n] = (2 * math.cos(a), 2 * math.sin(a))
    return pos, angle


#: Radius of the inner ring of close relations.
_INNER = 0.5


def _inner(ring: list[str], nodes: pd.DataFrame) -> list[str]:
    """The ring-1 nodes that go on the inner ring: those not of the ring's most common kind.

    Only for a crowded ring (more than 8 nodes) with at most 8 such nodes.

    Examples
    --------
    >>> nodes = pd.DataFrame({"kind": ["Unit"] * 9 + ["PartyOrg", "Street"]},
    ...                      index=[f"U{i}" for i in range(9)] + ["P1", "S1"])
    >>> _inner(list(nodes.index), nodes), _inner(["U1", "P1"], nodes)
    (['P1', 'S1'], [])

    """
    if len(ring) <= 8:
        return []
    kinds = nodes.loc[ring, "kind"].astype(str)
    counts = kinds.value_counts()
    common = sorted(counts.index[counts == counts.max()])[0]
    inner = [n for n in ring if kinds[n] != common]
    return inner if len(inner) <= 8 else []


def _draw_relationships(
    ax: Axes, ego: Neighbourhood, nodes: pd.DataFrame, pos: dict[str, tuple[float, float]]
) -> None:
    """Lines for the relationships (none between hubs and outer nodes); type labels near the centre."""
    from matplotlib.collections import LineCollection

    centre = ego.centre
    hubs = {n for n in ego.shown if nodes.at[n, "kind"] in _HUBS and n != centre}
    edges = [(u, v) for u, v in ego.graph.edges() if centre in (u, v) or not ({u, v} & hubs)]
    spokes = [(pos[u], pos[v]) for u, v in edges if centre in (u, v)]
    others = [(pos[u], pos[v]) for u, v in edges if centre not in (u, v)]
    # the centre's own relationships first and stronger; the others lighter, underneath
    ax.add_collection(LineCollection(others, colors="#e0e0e0", linewidths=0.6, zorder=0.9))
    ax.add_collection(LineCollection(spokes, colors="#b0b0b0", linewidths=0.9, zorder=1))
    if len(ego.shown) > 30:
        return
    for u, v, t in ego.graph.edges(keys=True):
        if centre in (u, v):
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


def _draw_labels(
    ax: Axes,
    ego: Neighbourhood,
    pos: dict[str, tuple[float, float]],
    angle: dict[str, float],
    labels: dict[str, str],
    radial: set[int],
) -> None:
    """Name (and phone) of every node: below it, or pointing outwards on the ``radial`` (dense) rings."""
    crowd = len(ego.shown)
    fontsize = 9 if crowd <= 25 else 7.5 if crowd <= 50 else 6.5
    for n in ego.shown:
        x, y = pos[n]
        d = 0 if n == ego.centre else (1 if n in angle else 2)
        # dense ring: labels point outwards and never overlap (the inner ring keeps plain ones)
        if d in radial and math.hypot(x, y) > _INNER * 1.5:
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
        centre = n == ego.centre
        ax.text(
            x,
            y - (0.16 if centre else 0.1),
            labels[n],
            ha="center",
            va="top",
            fontsize=fontsize + (2 if centre else 0),
            zorder=6 if centre else 4,  # the centre's name on top of every line, on an opaque box
            bbox=_CENTRE_BOX if centre else _LABEL_BOX,
        )


#: The boxes behind the names: opaque and outlined at the centre.
_CENTRE_BOX = {"boxstyle": "round,pad=0.25", "fc": "white", "ec": "#888888", "alpha": 1.0}
_LABEL_BOX = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7}


def _status_handles(statuses: Iterable[str]) -> list[Any]:
    """Legend markers of unit ``statuses``: round dots, as the units are drawn."""
    from matplotlib.lines import Line2D

    dot = {"marker": "o", "ls": "", "markersize": 9, "markeredgecolor": "white"}
    return [
        Line2D([], [], markerfacecolor=STATUS_COLORS[s], label=f"单位：{STATUS_LABELS[s]}", **dot)
        for s in statuses
    ]


def _kind_handles(kinds: Iterable[str]) -> list[Any]:
    """Legend markers of node ``kinds``: round dots in the kind's colour."""
    from matplotlib.lines import Line2D

    return [
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
        for k in kinds
    ]
