"""The interactive page as one offline HTML document: library, data, script and glyphs inline.

Examples
--------
>>> import graphkit as gk
>>> page = interactive_html(gk.datasets.tiny(), title="示例", embed_font=False)
>>> page.startswith("<!DOCTYPE html>") and "<title>示例</title>" in page
True

"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd

from graphkit.draw.inputs import coverage_of, network_of
from graphkit.draw.interactive.data import page_data
from graphkit.draw.interactive.template import PAGE
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
) -> str:
    """One self-contained, offline HTML page exploring a network.

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

    Returns
    -------
    str
        The HTML document. It references no external URL.

    Raises
    ------
    ValueError
        When ``max_nodes`` is less than 1.

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

    """
    if max_nodes < 1:
        msg = f"interactive_html: max_nodes must be at least 1, got {max_nodes}"
        raise ValueError(msg)
    net = network_of(data)
    cov = coverage_of(data if coverage is None else coverage)
    page = page_data(net, cov, show_contacts=show_contacts, max_nodes=max_nodes)
    fields = {
        "title": html.escape(title or "两新组织党建网络"),
        "note": html.escape(_note(page)),
        "data": _script_json(page),
    }
    font = font_face(PAGE + "".join(fields.values())) if embed_font else ""
    return PAGE.format(**fields, font=font, vis=vis_network_js())


def _note(page: dict[str, Any]) -> str:
    """The line under the title: how many nodes, and how many were merged or left out."""
    note = f"共{page['total']}个节点（{page['units']}家单位）"
    if page["merged"]:
        note += (
            f"；为保持流畅，已将{page['merged']}家单位合并为汇总节点（按街道和覆盖状态，单独组建的先合并）"
        )
        note += "，搜索仍可找到每一家" if page["searchAll"] else "，搜索仅限图中节点"
    if page["leftOut"]:
        note += f"；另有{page['leftOut']}个联系较少的组织、载体等节点未画出"
    return note


def _script_json(page: dict[str, Any]) -> str:
    """``page`` as compact JSON that cannot end the ``<script>`` element it sits in."""
    payload = json.dumps(page, ensure_ascii=False, separators=(",", ":"))
    return payload.replace("</", "<\\/").replace("<!--", "<\\!--")
