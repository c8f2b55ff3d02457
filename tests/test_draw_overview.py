"""The district overview."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest

from graphkit import Network
from graphkit.draw import close, plot_overview


@pytest.fixture
def net(two_instructor_net) -> Network:
    return two_instructor_net


def test_overview_caps_streets_and_says_so(net):
    fig, ax = plot_overview(net, max_streets=1)
    # two streets: one is drawn, the title says the other is left out; the legend still counts all units
    assert "图中为单位最多的1个街道，另有1个街道未画出" in ax.get_title()
    assert sum(t.get_text().endswith("家") and "\n" in t.get_text() for t in ax.texts) == 1
    close(fig)
