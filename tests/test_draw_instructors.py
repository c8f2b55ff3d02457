"""Instructor diagrams: the network with overload marks, and the reach histogram."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from graphkit import Network, Settings
from graphkit.draw import close, plot_instructor_contacts, plot_instructor_network, plot_instructor_reach
from graphkit.exceptions import GraphkitError


@pytest.fixture
def net(two_instructor_net) -> Network:
    return two_instructor_net


def test_instructor_network_marks_overload(net):
    # 张伟 guides one building (3 units), 李娜 one unit: the same workload, one contact each
    fig, ax = plot_instructor_network(net)
    labels = sorted(t.get_text() for t in ax.texts if "\n" in t.get_text())
    assert labels == ["张伟\n1个对象·3家", "李娜\n1个对象·1家"]
    close(fig)
    fig, ax = plot_instructor_network(net, settings=Settings(max_contacts_per_instructor=0))
    labels = sorted(t.get_text() for t in ax.texts if "\n" in t.get_text())
    assert labels == ["张伟\n1个对象·3家，超负荷", "李娜\n1个对象·1家，超负荷"]
    assert "超负荷指导员（联系对象多于0个）" in [t.get_text() for t in ax.get_legend().get_texts()]
    close(fig)
    fig, ax = plot_instructor_network(net, street="建设路街道")
    assert [t.get_text() for t in ax.texts] == ["李娜\n1个对象·1家"]
    assert ax.get_title().startswith("建设路街道：")
    close(fig)


def test_instructor_network_draws_contacts_with_the_legend_s_shapes_and_counts_who_is_left_out(net):
    """Squares red when overloaded, carriers as triangles, units as status circles (issue 13)."""
    from matplotlib.colors import to_hex

    from graphkit.draw import KIND_COLORS, STATUS_COLORS
    from graphkit.draw.instructors import OVER_COLOR, WITHIN_COLOR

    idle = pd.DataFrame({"name": ["王芳"]}, index=pd.Index(["I3"], name="id"))
    wider = Network(dict(net.nodes) | {"Instructor": pd.concat([net.instructors, idle])}, dict(net.rels))
    fig, ax = plot_instructor_network(wider, top=1, settings=Settings(max_contacts_per_instructor=0))
    # 张伟 (C1, reach 3) before 李娜 (U4, reach 1); 李娜 and the idle 王芳 are left out
    assert ax.get_title().splitlines()[1] == "另有2名指导员未画出，其中1名未分配联系对象"
    drawn = {(c.get_paths()[0].vertices.shape[0], to_hex(c.get_facecolor()[0])) for c in ax.collections}
    legend = {(h.get_marker(), to_hex(h.get_markerfacecolor())) for h in ax.get_legend().legend_handles}
    assert legend == {
        ("s", WITHIN_COLOR),
        ("s", OVER_COLOR),
        ("^", KIND_COLORS["Carrier"]),
    }
    assert len(drawn) == 2 and (5, OVER_COLOR) in drawn  # the overloaded square and the carrier triangle
    assert STATUS_COLORS["uncovered"] == OVER_COLOR
    close(fig)


def test_instructor_layout_packs_groups_without_overlap():
    from graphkit.draw.instructors import instructor_layout

    pairs = pd.DataFrame(
        {
            "instructor_id": ["I1"] * 5 + ["I2", "I3", "I3"],
            "target": ["U1", "U2", "U3", "U4", "U5", "U6", "U6", "U7"],
        }
    )
    pos, (width, height) = instructor_layout(["I1", "I2", "I3"], pairs)
    assert set(pos) == {
        "I1",
        "I2",
        "I3",
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "U7",
        "label:I1",
        "label:I2",
        "label:I3",
    }
    assert all(0 <= x <= width and -height <= y <= 0 for x, y in pos.values())
    # I2 and I3 share U6: one group, U6 between them
    assert min(pos["I2"][0], pos["I3"][0]) < pos["U6"][0] < max(pos["I2"][0], pos["I3"][0]) or min(
        pos["I2"][1], pos["I3"][1]
    ) < pos["U6"][1] < max(pos["I2"][1], pos["I3"][1])
    again, _ = instructor_layout(["I1", "I2", "I3"], pairs)
    assert again == pos


def test_instructor_network_street_by_id_or_name(net):
    by_id = plot_instructor_network(net, street="S2")
    by_name = plot_instructor_network(net, street="建设路街道")
    assert by_id[1].get_title() == by_name[1].get_title()
    assert [t.get_text() for t in by_id[1].texts] == [t.get_text() for t in by_name[1].texts]
    close(by_id[0])
    close(by_name[0])
    absent = "plot_instructor_network: no Street node with id '甲' or name '甲'"
    with pytest.raises(GraphkitError, match=absent):
        plot_instructor_network(net, street="甲")
    # the name of a unit is no street's
    with pytest.raises(GraphkitError, match="no Street node with id '丁软件公司'"):
        plot_instructor_network(net, street="丁软件公司")


def test_instructor_contacts_limit_line():
    fig, ax = plot_instructor_contacts(
        pd.Series([1, 2, 2, 9]), settings=Settings(max_contacts_per_instructor=5)
    )
    assert ax.lines[0].get_xdata()[0] == 5.5
    assert ax.get_title() == "党建指导员联系对象数分布（4人，超过上限5个的1人）"
    close(fig)


def test_instructor_contacts_and_reach_take_an_analysis(net):
    from graphkit.analysis import analyze

    result = analyze(net, settings=Settings(max_contacts_per_instructor=0))
    fig, ax = plot_instructor_contacts(result)
    assert ax.get_title() == "党建指导员联系对象数分布（2人，超过上限0个的2人）"
    close(fig)
    fig, ax = plot_instructor_reach(result)
    assert ax.get_title() == "党建指导员覆盖单位数分布（2人）"
    assert len(ax.lines) == 0  # reach has no limit
    close(fig)


def test_instructor_reach_rejects_other_input():
    with pytest.raises(GraphkitError, match="got list"):
        plot_instructor_reach([1, 2])


def test_load_chart_is_one_form_overload_in_the_strongest_colour():
    """Heavy tail in one hatched bar, overloaded bars red, counts written on bars (issue 13)."""
    from matplotlib.colors import to_hex

    from graphkit.draw import STATUS_COLORS
    from graphkit.draw.instructors import OVER_COLOR, WITHIN_COLOR

    values = pd.Series([1] * 30 + [2, 2, 3, 330])
    fig, ax = plot_instructor_contacts(values, settings=Settings(max_contacts_per_instructor=2))
    bars = [p for p in ax.patches if p.get_height() > 0 and p.get_width() < 1]
    drawn = [(round(p.get_x() + p.get_width() / 2), p.get_height(), to_hex(p.get_facecolor())) for p in bars]
    assert drawn == [
        (1, 30, WITHIN_COLOR),
        (2, 2, WITHIN_COLOR),
        (3, 1, OVER_COLOR),
        (6, 1, OVER_COLOR),  # the tail bar beyond 0..4
    ]
    assert STATUS_COLORS["uncovered"] == OVER_COLOR
    assert bars[-1].get_hatch() == "//"
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "＞4"
    assert [t.get_text() for t in ax.texts] == ["30", "2", "1", "1（最多330）", "上限 2个"]
    assert ax.get_yscale() == "linear" and ax.lines[0].get_xdata()[0] == 2.5
    close(fig)


def test_report_chart_draws_the_same_bars_as_the_diagram():
    import re

    from graphkit.report import example_analysis
    from graphkit.report.charts import chart_parts

    svg = chart_parts(example_analysis(), lang="zh")["reach_chart"]
    assert "#4a6fa5" in svg  # WITHIN_COLOR, the diagram's
    assert len(re.findall(r"stroke-dasharray", svg)) >= 1  # the limit line
