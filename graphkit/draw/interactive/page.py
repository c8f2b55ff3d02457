"""The interactive page as one offline HTML document: library, data, script and glyphs inline.

Examples
--------
>>> import graphkit as gk
>>> page = interactive_html(gk.datasets.tiny(), title="示例", embed_font=False)
>>> page.startswith("<!DOCTYPE html>") and "<title>示例</title>" in page
True

"""

from __future__ import annotations

import base64
import gzip
import html
import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from graphkit import i18n
from graphkit.draw.inputs import coverage_of, network_of
from graphkit.draw.interactive.data import page_data
from graphkit.draw.interactive.positions import NodePositions, node_streets
from graphkit.draw.interactive.template import PAGE
from graphkit.draw.style import STATUS_LABELS
from graphkit.exceptions import GraphkitError
from graphkit.fonts import font_face
from graphkit.model import Network
from graphkit.results import Analysis

__all__ = ["interactive_html", "vis_network_js"]


@cache
def vis_network_js() -> str:
    """The vendored vis-network standalone build (JavaScript text).

    Examples
    --------
    >>> "vis-network" in vis_network_js()[:200]
    True

    """
    return resources.files("graphkit.static").joinpath("vis-network.min.js").read_text(encoding="utf-8")


def interactive_html(
    data: Analysis | Network,
    *,
    coverage: pd.DataFrame | None = None,
    title: str | None = None,
    show_contacts: bool = False,
    max_nodes: int = 3000,
    embed_font: bool = True,
    street: str | Sequence[str] | None = None,
    focus: str | Sequence[str] | None = None,
    radius: int = 1,
    lang: str = "zh",
    pack: bool = False,
) -> str:
    """One self-contained, offline HTML page exploring a network.

    The first view shows each street as a pie of its units by coverage status,
    with red and orange badges counting its uncovered and work-only units, under
    a one-line headline; a click, the street list, the street filter or a search
    opens a street in place (small pages, at most 150 nodes, open fully).

    Parameters
    ----------
    data
        An :class:`Analysis` (its network and coverage are used) or a
        :class:`Network` (its coverage is computed); read-only.
    coverage
        Coverage frame to use instead (computed with
        :func:`graphkit.analysis.coverage` when neither this nor an
        :class:`Analysis` gives one).
    title
        Page title; default ``"两新组织党建网络"``.
    show_contacts
        Show phone numbers unmasked.
    max_nodes
        Most nodes drawn. Nodes other than units take at most nine tenths of
        it (streets, stations, departments and instructors first, then the
        most linked; the rest are left out); beyond it units are merged into one summary node per
        street and coverage status, own-organisation units first and uncovered
        units last; the page says how many. Search still finds every unit
        while the network has at most
        :data:`~graphkit.draw.interactive.MAX_INDEX` nodes (beyond, only
        drawn nodes are listed, and the page says so).
    embed_font
        Embed the glyphs the page uses from the bundled Noto Sans SC (OFL), so
        Chinese shows even on machines without a Chinese font (adds roughly
        100 bytes per distinct character).
    street
        Draw only these streets (ids or exact names) and the nodes linked to
        their nodes.
    focus
        Draw only these nodes (ids or exact names) and the nodes within
        ``radius`` steps (the second step does not pass through streets and
        departments). With ``street``, both parts are drawn.
    radius
        Steps around ``focus``: 1 or 2.
    lang
        Language of the page's own texts (``"zh"`` or ``"en"``).
    pack
        Hold the library and the data gzip-compressed (base64), unpacked by the
        browser (``DecompressionStream``: Chromium 80, Firefox 113, Safari
        16.4); about a quarter of the size, for pages kept in notebooks.

    Returns
    -------
    str
        The HTML document. It references no external URL.

    Raises
    ------
    ValueError
        When ``max_nodes`` is less than 1 or ``radius`` is not 1 or 2.
    GraphkitError
        When a ``street`` or ``focus`` value names no node, or several.

    Notes
    -----
    The page holds the vis-network library, the embedded glyphs and O(1) bytes
    per listed node. Building it costs
    O(N log N + R) for N nodes and R relationships plus a spring layout per
    street of the drawn nodes (see :func:`graphkit.draw.layout_by_street`).

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "甲"}, {"id": "U2", "name": "乙"}]})
    >>> page = interactive_html(net, max_nodes=1, embed_font=False)
    >>> "1家单位合并为汇总节点" in page
    True
    >>> import graphkit as gk
    >>> page = interactive_html(gk.datasets.tiny(), focus="C1", embed_font=False)
    >>> "仅画出" in page and '"id":"U01"' not in page
    True

    """
    if max_nodes < 1:
        msg = f"interactive_html: max_nodes must be at least 1, got {max_nodes}"
        raise ValueError(msg)
    if radius not in (1, 2):
        msg = f"interactive_html: radius must be 1 or 2, got {radius}"
        raise ValueError(msg)
    i18n.check_lang(lang)
    net = network_of(data)
    cov = coverage_of(data if coverage is None else coverage)
    part_note = ""
    if street is not None or focus is not None:
        net, part_note = _part(net, _listed(street), _listed(focus), radius, lang)
    page = page_data(net, cov, show_contacts=show_contacts, max_nodes=max_nodes)
    texts = {k.removeprefix("page."): v for k, v in _texts(lang).items()}
    page |= {
        "t": texts,
        "statusLabels": {s: str(i18n.value_label("status", s, lang=lang)) for s in STATUS_LABELS},
        "startExpanded": page["drawn"] <= 150 or len(page["groups"]) <= 1,
    }
    page["statuses"] = [[s, page["statusLabels"][s], c] for s, _, c in page["statuses"]]
    payload = _script_json(page)
    fields = {
        "title": html.escape(title or i18n.text("draw.network_title", lang=lang)),
        "headline": html.escape(_headline(page, lang)),
        "note": html.escape(part_note + _note(page, lang)),
        "no_inflate": html.escape(texts["no_inflate"]),
    }
    font = font_face(PAGE + "".join(fields.values()) + payload) if embed_font else ""
    if pack:
        vis = f'<script type="application/gzip-base64" id="vis-library">{_packed(vis_network_js())}</script>'
        script = f'<script type="application/gzip-base64" id="graph-data">{_packed(payload)}</script>'
    else:
        vis = f'<script id="vis-library">\n{vis_network_js()}\n</script>'
        script = f'<script type="application/json" id="graph-data">{payload}</script>'
    escaped = {k: html.escape(v) for k, v in texts.items()}
    return PAGE.format(**fields, t=escaped, font=font, vis=vis, data=script)


def _texts(lang: str) -> dict[str, str]:
    """The page's own texts (``page.*`` of :data:`graphkit.i18n.TEXT`), unformatted."""
    return {k: i18n.TEXT[k][0 if lang == "zh" else 1] for k in i18n.TEXT if k.startswith("page.")}


def _listed(values: str | Sequence[str] | None) -> list[str]:
    if values is None:
        return []
    return [values] if isinstance(values, str) else [str(v) for v in values]


def _part(net: Network, streets: list[str], focus: list[str], radius: int, lang: str) -> tuple[Network, str]:
    """The part of ``net`` asked for by ``street=`` and ``focus=``, and the note saying so.

    A street's part is every node whose street it is (see
    :func:`~graphkit.draw.interactive.positions.node_streets`) and the nodes
    linked to them; a focus's part is the nodes within ``radius`` steps, the
    second step not passing through streets and departments. O(N + R · radius).
    """
    found: dict[str, list[str]] = {"street": [], "focus": []}
    for what, values, kind in (("street", streets, "Street"), ("focus", focus, None)):
        for value in values:
            try:
                found[what].append(net.find(value, kind=kind))
            except KeyError as exc:
                msg = f"{what}={value!r}: {exc.args[0]}"
                raise GraphkitError(msg) from None
    p = NodePositions(net)
    at = pd.Index(p.ids)
    ok = (p.src >= 0) & (p.tgt >= 0)
    src, tgt = p.src[ok], p.tgt[ok]
    keep = np.zeros(len(p), dtype=bool)
    if found["street"]:
        core = np.isin(node_streets(p), at.get_indexer(found["street"]))
        keep |= core
        keep[tgt[core[src]]] = True
        keep[src[core[tgt]]] = True
    if found["focus"]:
        hub = p.is_kind("Street", "Department")
        reach = np.zeros(len(p), dtype=bool)
        reach[at.get_indexer(found["focus"])] = True
        frontier = reach.copy()
        for step in range(radius):
            through = frontier if step == 0 else frontier & ~hub
            new = np.zeros(len(p), dtype=bool)
            new[tgt[through[src]]] = True
            new[src[through[tgt]]] = True
            frontier = new & ~reach
            reach |= new
        keep |= reach
    part = net.without(p.ids[~keep])
    names = "、".join(str(p.name_of(at.get_indexer([i]))[0]) for i in found["street"] + found["focus"])
    if found["focus"]:
        note = i18n.text("page.part_focus", lang=lang, names=names, radius=radius)
    else:
        note = i18n.text("page.part_street", lang=lang, names=names)
    return part, note + ("。" if lang == "zh" else ". ")


def _headline(page: dict[str, Any], lang: str) -> str:
    """The first view's one line: units, the uncovered and work-only ones, and the street with most."""
    streets = [g for g in page["groups"] if g["label"]]
    uncovered = sum(g["uncovered"] for g in page["groups"])
    work_only = sum(g["work_only"] for g in page["groups"])
    line = i18n.text(
        "page.headline",
        lang=lang,
        streets=len(streets),
        units=page["units"],
        uncovered=uncovered,
        work_only=work_only,
    )
    worst = max(streets, key=lambda g: (g["uncovered"], g["work_only"]), default=None)
    if worst is not None and len(streets) > 1 and worst["uncovered"] + worst["work_only"]:
        line += i18n.text(
            "page.headline_worst",
            lang=lang,
            name=worst["label"],
            uncovered=worst["uncovered"],
            work_only=worst["work_only"],
        )
    return line


def _note(page: dict[str, Any], lang: str) -> str:
    """The line under the headline: how to read the pies, how many nodes, merged or left out."""
    note = (
        i18n.text("page.how_to", lang=lang) + ("。" if lang == "zh" else ". ")
        if not page["startExpanded"]
        else ""
    )
    note += i18n.text("page.nodes_note", lang=lang, total=page["total"], units=page["units"])
    if page["merged"]:
        note += i18n.text("page.merged_note", lang=lang, merged=page["merged"])
        note += i18n.text("page.search_all" if page["searchAll"] else "page.search_drawn", lang=lang)
    if page["leftOut"]:
        note += i18n.text("page.left_out_note", lang=lang, left_out=page["leftOut"])
    return note


def _packed(text: str) -> str:
    """``text`` gzip-compressed (no timestamp, so the same text packs to the same bytes), as base64."""
    return base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")


def _script_json(page: dict[str, Any]) -> str:
    """``page`` as compact JSON that cannot end the ``<script>`` element it sits in."""
    payload = json.dumps(page, ensure_ascii=False, separators=(",", ":"))
    return payload.replace("</", "<\\/").replace("<!--", "<\\!--")
