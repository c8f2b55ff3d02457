"""An interactive network diagram in one offline HTML file.

:func:`interactive_html` returns a single self-contained HTML document: the
vis-network library (Apache-2.0/MIT, shipped in :mod:`graphkit.static`), the
data and the page script are all inline, so the file opens from a USB stick
or an intranet share with no network at all. The page offers

- search by name (every unit is found, drawn or not);
- filters by street and by coverage status;
- colour by coverage status for units and by kind for everything else;
- a click on a node shows its details and neighbours.

The layout is computed in Python (street by street, so each street's units,
carriers and organisations sit together) and physics is off, so thousands of
nodes open instantly. Above ``max_nodes`` the units least in need of attention
(own organisation first) are merged into one summary node per street and
status, and the page says so. Phone numbers are masked unless
``show_contacts=True``.

:class:`InteractiveDiagram` wraps the page for Jupyter (``_repr_html_`` shows
it in an ``<iframe srcdoc>``, with no extra package).

Modules: :mod:`~graphkit.draw.interactive.positions` (nodes and relationships as
integer positions), :mod:`~graphkit.draw.interactive.data` (what is drawn,
merged or left out, and where), :mod:`~graphkit.draw.interactive.template` (the
HTML and script), :mod:`~graphkit.draw.interactive.page` (the document) and
:mod:`~graphkit.draw.interactive.jupyter` (the inline view).

Examples
--------
>>> import graphkit as gk
>>> result = gk.analyze(gk.datasets.tiny())
>>> page = interactive_html(result, title="示例", embed_font=False)
>>> page.startswith("<!DOCTYPE html>") and "瑞阳养老院" in page and "<title>示例</title>" in page
True

"""

from graphkit.draw.interactive.data import MAX_INDEX
from graphkit.draw.interactive.jupyter import InteractiveDiagram
from graphkit.draw.interactive.page import interactive_html, vis_network_js
from graphkit.draw.layout import layout_by_street

__all__ = ["MAX_INDEX", "InteractiveDiagram", "interactive_html", "layout_by_street", "vis_network_js"]
