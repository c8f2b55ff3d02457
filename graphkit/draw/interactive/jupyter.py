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

    Parameters
    ----------
    data
        An :class:`Analysis` or a :class:`Network`.
    height
        Height of the inline frame in pixels.
    **kwargs
        Passed on to :func:`graphkit.draw.interactive.interactive_html`.

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

    def __init__(self, data: Analysis | Network, *, height: int = 650, **kwargs: Any) -> None:
        self.html = interactive_html(data, **kwargs)
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
