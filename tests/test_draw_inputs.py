"""What the diagrams take: an Analysis or a Network, and a name wherever an id."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from graphkit import Network, Settings, datasets
from graphkit.analysis import analyze
from graphkit.draw import (
    close,
    coverage_of,
    plot_coverage_by_street,
    plot_ego,
    plot_instructor_contacts,
    plot_instructor_network,
    plot_instructor_reach,
    plot_overview,
)
from graphkit.draw.inputs import find_node, network_of, settings_of
from graphkit.draw.interactive import interactive_html
from graphkit.exceptions import GraphkitError

SETTINGS = Settings(max_contacts_per_instructor=1)


def figure_data(ax: Any) -> dict[str, Any]:
    """What an axes shows: texts with places, marks with places and colours, lines, title, legend."""
    return {
        "title": ax.get_title(),
        "texts": [(t.get_text(), tuple(np.round(t.get_position(), 6))) for t in ax.texts],
        "collections": [
            (
                np.round(c.get_offsets(), 6).tolist(),
                [to_hex(f) for f in c.get_facecolors()],
                [np.round(p.vertices, 6).tolist() for p in c.get_paths()][:200],
            )
            for c in ax.collections
        ],
        "patches": [(type(p).__name__, np.round(p.get_path().vertices, 6).tolist()) for p in ax.patches],
        "lines": [np.round(line.get_xydata(), 6).tolist() for line in ax.lines],
        "legend": [t.get_text() for t in ax.get_legend().get_texts()] if ax.get_legend() else [],
        "ticks": [t.get_text() for t in ax.get_yticklabels()],
    }


PLOTS: dict[str, Callable[..., Any]] = {
    "overview": plot_overview,
    "coverage_by_street": plot_coverage_by_street,
    "ego": lambda data, **kw: plot_ego(data, "锦艺城", radius=2, **kw),
    "instructor_network": plot_instructor_network,
    "instructor_network_street": lambda data, **kw: plot_instructor_network(data, street="林山寨街道", **kw),
    "instructor_contacts": plot_instructor_contacts,
    "instructor_reach": plot_instructor_reach,
}


@pytest.fixture(scope="module")
def tiny() -> tuple[Network, Any]:
    net = datasets.tiny()
    return net, analyze(net, settings=SETTINGS)


@pytest.mark.parametrize("name", list(PLOTS))
def test_an_analysis_and_its_network_give_the_same_figure(tiny, name):
    net, result = tiny
    plot = PLOTS[name]
    uses_settings = name.startswith("instructor")
    fig_a, ax_a = plot(result)
    fig_n, ax_n = plot(net, settings=SETTINGS) if uses_settings else plot(net)
    assert figure_data(ax_a) == figure_data(ax_n)
    assert ax_a.get_title()  # something was drawn
    close(fig_a)
    close(fig_n)


def test_the_coverage_keyword_still_works_with_either(tiny):
    net, result = tiny
    data = []
    for args in ((net, result.coverage), (result, result.coverage), (result, None)):
        fig, ax = plot_overview(args[0], coverage=args[1])
        data.append(figure_data(ax))
        close(fig)
    assert data[0] == data[1] == data[2]


def test_the_page_of_an_analysis_is_the_page_of_its_network(tiny):
    net, result = tiny
    assert interactive_html(result, embed_font=False) == interactive_html(net, embed_font=False)


def test_names_are_found_like_ids():
    net = datasets.tiny()
    assert find_node(net, "瑞阳养老院", caller="t") == find_node(net, "U06", caller="t") == "U06"
    assert find_node(net, "林山寨街道", caller="t", kind="Street") == "S1"
    with pytest.raises(GraphkitError, match="t: no Unit node with id '林山寨街道' or name '林山寨街道'"):
        find_node(net, "林山寨街道", caller="t", kind="Unit")


def test_an_ambiguous_name_is_a_clear_error():
    net = Network.from_records(
        nodes={
            "Unit": [{"id": "U1", "name": "建设路"}],
            "Street": [{"id": "S1", "name": "建设路"}, {"id": "S2", "name": "建设路"}],
        },
    )
    with pytest.raises(GraphkitError, match=r"^t: '建设路' names 3 nodes \(U1 Unit, S1 Street, S2 Street\)"):
        find_node(net, "建设路", caller="t")
    streets = r"^t: '建设路' names 2 nodes among Street nodes \(S1 Street, S2 Street\)"
    with pytest.raises(GraphkitError, match=streets):
        find_node(net, "建设路", caller="t", kind="Street")
    assert find_node(net, "建设路", caller="t", kind="Unit") == "U1"


def test_other_inputs_are_refused():
    with pytest.raises(GraphkitError, match="expected a Network or an Analysis, got DataFrame"):
        network_of(pd.DataFrame())
    with pytest.raises(GraphkitError, match="expected a Network, an Analysis or a coverage frame, got list"):
        coverage_of([])
    with pytest.raises(GraphkitError, match="coverage frame lacks the column"):
        coverage_of(pd.DataFrame({"status": []}))
    with pytest.raises(GraphkitError, match="expected a Network or an Analysis, got str"):
        plot_ego("tiny", "U1")


def test_settings_come_from_the_analysis_unless_given(tiny):
    _, result = tiny
    assert settings_of(result) is result.settings
    assert (
        settings_of(result, Settings()).max_contacts_per_instructor == Settings().max_contacts_per_instructor
    )
