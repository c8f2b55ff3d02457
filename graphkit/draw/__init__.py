"""Static network diagrams and charts with matplotlib, Chinese labels included, and the interactive page.

Every ``plot_*`` function takes an :class:`~graphkit.Analysis` or a
:class:`~graphkit.Network` first (an analysis's coverage and settings are
reused; a network is analysed as far as the diagram needs), accepts a node's
exact name wherever it accepts its id, takes ``ax=None`` (a new figure is made
when absent) and returns ``(fig, ax)``; :func:`save` writes PNG, SVG or PDF by
suffix. Chinese text is drawn with :func:`graphkit.fonts.use_cjk_font`'s family,
set on each text (not in global ``rcParams``), so figures save correctly
anywhere. Phone numbers are masked unless ``show_contacts=True``.

Modules: :mod:`~graphkit.draw.style` (colours, labels, font, legends, saving),
:mod:`~graphkit.draw.inputs` (what the plots take), :mod:`~graphkit.draw.overview`,
:mod:`~graphkit.draw.ego`, :mod:`~graphkit.draw.instructors`,
:mod:`~graphkit.draw.streets`, :mod:`~graphkit.draw.trend` (rates across monthly
snapshots), :mod:`~graphkit.draw.layout` (positions by street) and
:mod:`graphkit.draw.interactive` (the offline HTML page).

Examples
--------
>>> import graphkit as gk
>>> result = gk.analyze(gk.datasets.tiny())
>>> fig, ax = plot_ego(result, "锦艺城")
>>> ax.get_title()
'载体「锦艺城」周边1步关系（7个节点）'
>>> close(fig)
>>> fig, ax = plot_coverage_by_street(result)
>>> [t.get_text() for t in ax.get_yticklabels()]
['建设路街道', '林山寨街道']
>>> close(fig)

"""

from graphkit.draw.ego import plot_ego
from graphkit.draw.inputs import coverage_of
from graphkit.draw.instructors import plot_instructor_contacts, plot_instructor_network, plot_instructor_reach
from graphkit.draw.layout import layout_by_street
from graphkit.draw.overview import plot_overview
from graphkit.draw.streets import plot_coverage_by_street
from graphkit.draw.style import (
    KIND_COLORS,
    KIND_LABELS,
    REL_LABELS,
    STATUS_COLORS,
    STATUS_LABELS,
    STATUSES,
    close,
    save,
)
from graphkit.draw.trend import plot_rate_trend

__all__ = [
    "KIND_COLORS",
    "KIND_LABELS",
    "REL_LABELS",
    "STATUSES",
    "STATUS_COLORS",
    "STATUS_LABELS",
    "close",
    "coverage_of",
    "layout_by_street",
    "plot_coverage_by_street",
    "plot_ego",
    "plot_instructor_contacts",
    "plot_instructor_network",
    "plot_instructor_reach",
    "plot_overview",
    "plot_rate_trend",
    "save",
]
