"""Coverage by street: bar lengths, rates, axes and inputs."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from graphkit import Network, Settings
from graphkit.draw import close, plot_coverage_by_street


@pytest.fixture
def net(two_instructor_net) -> Network:
    return two_instructor_net


def test_coverage_by_street_counts(net):
    fig, ax = plot_coverage_by_street(net)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["建设路街道", "林山寨街道"]
    widths = {(c.get_label(), i): p.get_width() for c in ax.containers for i, p in enumerate(c.patches)}
    assert widths[("单独组建", 1)] == 1 and widths[("联合组建", 1)] == 1 and widths[("仅工作覆盖", 1)] == 1
    assert widths[("仅工作覆盖", 0)] == 1  # U4 is guided directly
    assert [t.get_text() for t in ax.texts] == [" 0%", " 67%"]
    close(fig)


def test_plots_draw_into_given_axes(net):
    fig, axes = plt.subplots(1, 2)
    out_fig, out_ax = plot_coverage_by_street(net, ax=axes[1])
    assert out_fig is fig and out_ax is axes[1]
    close(fig)


def test_coverage_by_street_takes_an_analysis(net):
    from graphkit.analysis import analyze

    result = analyze(net, settings=Settings(max_contacts_per_instructor=1))
    fig, ax = plot_coverage_by_street(result)
    assert [t.get_text() for t in ax.texts] == [" 0%", " 67%"]
    close(fig)
