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


def test_overview_says_the_problem_first_and_badges_it_per_street(two_street_net):
    from matplotlib.colors import to_hex

    from graphkit.draw import STATUS_COLORS

    fig, ax = plot_overview(two_street_net)
    # S1: U1 own, U2 joint, U3 work only; S2: U4 uncovered
    assert ax.get_title() == "未覆盖单位1家，仅工作覆盖1家"
    ones = [t for t in ax.texts if t.get_text() == "1"]
    badges = {to_hex(t.get_bbox_patch().get_facecolor()): t.get_text() for t in ones}
    assert badges == {STATUS_COLORS["uncovered"]: "1", STATUS_COLORS["work_only"]: "1"}
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:4] == ["单独组建 1", "联合组建 1", "仅工作覆盖 1", "未覆盖 1"]
    assert labels[4:] == ["未覆盖单位数", "仅工作覆盖单位数"]
    assert ax.get_legend().get_title().get_text().startswith("共4家单位、2个街道。")
    close(fig)


def test_overview_counts_with_thousands_separators_and_wraps_long_names():
    import pandas as pd

    from graphkit.draw.overview import _wrap

    units = [{"id": f"U{i}", "name": f"单位{i}"} for i in range(1200)]
    net = Network.from_records(
        nodes={
            "Unit": units,
            "Carrier": [{"id": "C1", "name": "西流湖文化创意产业园区", "kind": "park"}],
            "Street": [{"id": "S1", "name": "须水街道"}],
        },
        rels={"IN_STREET": [(u["id"], "S1") for u in units], "LOCATED_IN": [(u["id"], "C1") for u in units]},
    )
    cov = pd.DataFrame(
        {"status": "joint_org", "street": "须水街道", "street_id": "S1"}, index=[u["id"] for u in units]
    )
    fig, ax = plot_overview(net, coverage=cov)
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["西流湖文化创\n意产业园区 1,200", "须水街道\n1,200家"]  # no badge: nothing uncovered
    assert _wrap("一二三四五六七八九", 8) == "一二三四五\n六七八九"
    close(fig)


def test_overview_grid_has_no_empty_cells_the_last_row_centred():
    from graphkit.draw.overview import _DX, _cell, _grid

    assert [_grid(n) for n in (2, 3, 5, 14, 48)] == [(2, 1), (3, 1), (3, 2), (5, 3), (8, 6)]
    assert [_cell(i, 5, 3) for i in range(5)] == [
        (0.0, 0.0),
        (_DX, 0.0),
        (2 * _DX, 0.0),
        (0.5 * _DX, -3.0),
        (1.5 * _DX, -3.0),
    ]
