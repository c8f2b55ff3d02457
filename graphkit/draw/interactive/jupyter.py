"""The interactive page as an object that Jupyter shows inline."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from graphkit.draw.interactive.page import interactive_html
from graphkit.model import Network
from graphkit.results import Analysis

__all__ = ["InteractiveDiagram"]


class InteractiveDiagram:
    """The interactive page as an object that Jupyter displays inline.

    The page is packed (``pack=True`` of
    :func:`~graphkit.draw.interactive.interactive_html`: library and data
    gzip-compressed) and draws at most ``max_nodes`` nodes, so a display adds
    about a quarter of what the plain page would to the notebook. It sits in an
    ``<iframe srcdoc>`` sandboxed to ``allow-scripts`` only: the page cannot
    reach the notebook, and its search needs no form.

    Parameters
    ----------
    data
        An :class:`Analysis` or a :class:`Network`.
    height
        Height of the inline frame in pixels.
    max_nodes
        Most nodes drawn inline (the rest are merged or left out, and the page
        says so; search still finds every unit).
    **kwargs
        Passed on to :func:`graphkit.draw.interactive.interactive_html`
        (``street=``, ``focus=`` and ``radius=`` draw a part).

    Attributes
    ----------
    html
        The page (see :func:`graphkit.draw.interactive.interactive_html`).
    height
        Height of the inline frame in pixels.

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "甲公司"}]})
    >>> d = InteractiveDiagram(net, height=400, embed_font=False)
    >>> d._repr_html_().startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    True

    """

    def __init__(
        self, data: Analysis | Network, *, height: int = 650, max_nodes: int = 1000, **kwargs: Any
    ) -> None:
        kwargs.setdefault("pack", True)
        self.html = interactive_html(data, max_nodes=max_nodes, **kwargs)
        self.height = height

    def _repr_html_(self) -> str:
        """An ``<iframe>`` holding the page (works in Jupyter without extensions)."""
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
            'sandbox="allow-scripts"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (UTF-8) and return the path."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html, encoding="utf-8")
        return path
