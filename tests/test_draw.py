"""Static diagrams: Chinese glyphs, colours, labels, masking and saving."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex

from graphkit import Network, Settings
from graphkit.draw import (
    STATUS_COLORS,
    close,
    plot_coverage_by_street,
    plot_ego,
    plot_instructor_network,
    plot_instructor_reach,
    plot_overview,
    save,
)
from graphkit.exceptions import GraphkitError
from graphkit.fonts import use_cjk_font


@pytest.fixture
def net(two_street_net) -> Network:
    """The shared two-street network plus instructor I2 guiding U4 directly."""
    base = two_street_net
    extra = pd.DataFrame({"name": ["李娜"], "phone": ["13900001111"]}, index=pd.Index(["I2"], name="id"))
    nodes = dict(base.nodes) | {"Instructor": pd.concat([base.instructors, extra])}
    guides = pd.concat(
        [
            base.rel("GUIDES"),
            pd.DataFrame(
                {"source": ["I2"], "target": ["U4"], "source_kind": ["Instructor"], "target_kind": ["Unit"]}
            ),
        ]
    )
    return Network(nodes, dict(base.rels) | {"GUIDES": guides})


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_chinese_renders_without_missing_glyphs(net, tmp_path, suffix):
    # pytest turns every warning into an error, so a "Glyph missing" warning fails here;
    # saving happens outside any rc_context, as a user's own savefig would
    fig, _ = plot_ego(net, "C1")
    path = save(fig, tmp_path / f"ego{suffix}")
    fig.savefig(tmp_path / f"plain{suffix}")
    close(fig)
    assert path.stat().st_size > 1000


def test_font_is_registered_and_global_state_untouched(net):
    before = dict(matplotlib.rcParams)
    fig, _ = plot_overview(net)
    close(fig)
    assert use_cjk_font() in {f.name for f in matplotlib.font_manager.fontManager.ttflist}
    assert matplotlib.rcParams["font.sans-serif"] == before["font.sans-serif"]
    assert matplotlib.rcParams["axes.unicode_minus"] == before["axes.unicode_minus"]


def test_ego_labels_colours_and_masking(net):
    fig, ax = plot_ego(net, "C1")
    texts = {t.get_text() for t in ax.texts}
    assert {"金融大厦", "甲科技公司", "乙商贸公司", "丙物流公司", "林山寨街道", "张伟\n138****5678"} <= texts
    assert "13812345678" not in "".join(texts)
    assert "丁软件公司" not in texts  # two steps away
    dots = next(c for c in ax.collections if isinstance(c, PathCollection))
    colours = [to_hex(c) for c in dots.get_facecolors()]
    assert len(colours) == 6
    assert STATUS_COLORS["work_only"] in colours  # U3: in a building an instructor guides
    close(fig)
    fig, ax = plot_ego(net, "I1", show_contacts=True)
    assert "张伟\n13812345678" in {t.get_text() for t in ax.texts}
    close(fig)


def test_ego_radius_two_skips_streets(net):
    fig, ax = plot_ego(net, "U1", radius=2)
    texts = {t.get_text() for t in ax.texts}
    # through C1 and P1, never through street S1 (which would pull in U4's street mates)
    assert {"乙商贸公司", "丙物流公司", "张伟\n138****5678"} <= texts
    assert "丁软件公司" not in texts
    close(fig)


def test_ego_errors(net):
    with pytest.raises(GraphkitError, match="no node with id 'X'"):
        plot_ego(net, "X")
    with pytest.raises(GraphkitError, match="radius must be 1 or 2"):
        plot_ego(net, "U1", radius=3)


def test_instructor_network_marks_overload(net):
    fig, ax = plot_instructor_network(net, settings=Settings(max_units_per_instructor=2))
    labels = sorted(t.get_text() for t in ax.texts if "（" in t.get_text())
    assert labels == ["张伟（3家，超负荷）", "李娜（1家）"]
    close(fig)
    fig, ax = plot_instructor_network(net, street="建设路街道")
    assert [t.get_text() for t in ax.texts if "（" in t.get_text()] == ["李娜（1家）"]
    assert ax.get_title().startswith("建设路街道：")
    close(fig)


def test_coverage_by_street_counts(net):
    fig, ax = plot_coverage_by_street(net)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["建设路街道", "林山寨街道"]
    widths = {(c.get_label(), i): p.get_width() for c in ax.containers for i, p in enumerate(c.patches)}
    assert widths[("单独组建", 1)] == 1 and widths[("联合组建", 1)] == 1 and widths[("仅工作覆盖", 1)] == 1
    assert widths[("仅工作覆盖", 0)] == 1  # U4 is guided directly
    assert [t.get_text() for t in ax.texts] == [" 0%", " 67%"]
    close(fig)


def test_instructor_reach_limit_line():
    fig, ax = plot_instructor_reach(pd.Series([1, 2, 2, 9]), settings=Settings(max_units_per_instructor=5))
    assert ax.lines[0].get_xdata()[0] == 5.5
    assert ax.get_title() == "党建指导员联系单位数分布（4人，超过上限5家的1人）"
    close(fig)


def test_plots_draw_into_given_axes(net):
    fig, axes = plt.subplots(1, 2)
    out_fig, out_ax = plot_coverage_by_street(net, ax=axes[1])
    assert out_fig is fig and out_ax is axes[1]
    close(fig)


def test_save_rejects_unknown_suffix(net, tmp_path):
    fig, _ = plot_instructor_reach(pd.Series([1]))
    with pytest.raises(GraphkitError, match=r"ego\.jpg: cannot save a diagram as \.jpg"):
        save(fig, tmp_path / "ego.jpg")
    assert save(fig, tmp_path / "a" / "r.png").read_bytes()[:4] == b"\x89PNG"
    close(fig)


def test_cli_draw_writes_every_diagram(tmp_path):
    from graphkit.cli import main

    ledger = tmp_path / "ledger"
    ledger.mkdir()
    (ledger / "units.csv").write_text(
        "id,name,street,party_members,carrier\nU1,甲科技公司,林山寨街道,5,金融大厦\nU2,丙物流公司,建设路街道,0,\n",
        encoding="utf-8",
    )
    (ledger / "carriers.csv").write_text(
        "id,name,kind,street\nC1,金融大厦,楼宇,林山寨街道\n", encoding="utf-8"
    )
    (ledger / "instructors.csv").write_text("id,name,phone\nI1,张伟,13812345678\n", encoding="utf-8")
    (ledger / "assignments.csv").write_text("person,target\nI1,C1\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["draw", str(ledger), "--out", str(out), "--focus", "金融大厦", "I1", "--format", "svg"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "coverage_by_street.svg",
        "ego_C1.svg",
        "ego_I1.svg",
        "instructor_network.svg",
        "instructor_reach.svg",
        "network.html",
        "overview.svg",
    ]
    page = (out / "network.html").read_text(encoding="utf-8")
    assert "138****5678" in page and "13812345678" not in page
    assert main(["draw", str(ledger), "--out", str(out), "--focus", "I1", "--show-contacts"]) == 0
    assert "13812345678" in (out / "network.html").read_text(encoding="utf-8")
    assert main(["draw", str(ledger), "--out", str(out), "--focus", "无此单位"]) == 2


def test_charts_take_an_analysis(net):
    from graphkit.analysis import analyze

    result = analyze(net, settings=Settings(max_units_per_instructor=2))
    fig, ax = plot_instructor_reach(result)
    assert ax.get_title() == "党建指导员联系单位数分布（2人，超过上限2家的1人）"
    close(fig)
    fig, ax = plot_coverage_by_street(result)
    assert [t.get_text() for t in ax.texts] == [" 0%", " 67%"]
    close(fig)


def test_overview_caps_streets_and_says_so(net):
    fig, ax = plot_overview(net, max_streets=1)
    # two streets: one is drawn, the title says the other is left out; the legend still counts all units
    assert "图中为单位最多的1个街道，另有1个街道未画出" in ax.get_title()
    assert sum(t.get_text().endswith("家") and "\n" in t.get_text() for t in ax.texts) == 1
    close(fig)
