"""Ego diagrams: labels, colours, masking, the radius-2 walk and naming the centre."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex

from graphkit import Network
from graphkit.draw import STATUS_COLORS, close, plot_ego
from graphkit.exceptions import GraphkitError


@pytest.fixture
def net(two_instructor_net) -> Network:
    return two_instructor_net


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


def test_ego_centre_by_name_is_the_same_diagram(net):
    by_id, by_name = plot_ego(net, "C1"), plot_ego(net, "金融大厦")
    assert [t.get_text() for t in by_name[1].texts] == [t.get_text() for t in by_id[1].texts]
    assert by_name[1].get_title() == by_id[1].get_title() == "载体「金融大厦」周边1步关系（6个节点）"
    close(by_id[0])
    close(by_name[0])


def test_ego_ambiguous_name_says_which_nodes(net):
    twin = Network.from_records(
        nodes={"Unit": [{"id": "U1", "name": "金融大厦"}], "Carrier": [{"id": "C1", "name": "金融大厦"}]}
    )
    message = r"plot_ego: '金融大厦' names 2 nodes \(U1 Unit, C1 Carrier\): give the id instead"
    with pytest.raises(GraphkitError, match=message):
        plot_ego(twin, "金融大厦")
    absent = "plot_ego: no node with id '无此楼' or name '无此楼' in the network"
    with pytest.raises(GraphkitError, match=absent):
        plot_ego(net, "无此楼")


def test_ego_puts_close_relations_inside_and_keeps_its_centre_label_clear():
    """A building's party organisation and street sit on an inner ring (issue 13)."""
    import math

    import graphkit as gk

    units = [{"id": f"U{i}", "name": f"单位{i}"} for i in range(10)]
    net = gk.Network.from_records(
        nodes={
            "Unit": units,
            "Carrier": [{"id": "C1", "name": "金融大厦", "kind": "building"}],
            "PartyOrg": [{"id": "P1", "name": "金融大厦联合党委", "form": "joint"}],
            "Street": [{"id": "S1", "name": "林山寨街道"}],
        },
        rels={
            "LOCATED_IN": [(u["id"], "C1") for u in units],
            "BASED_AT": [("P1", "C1")],
            "IN_STREET": [("C1", "S1")],
        },
    )
    fig, ax = plot_ego(net, "金融大厦")
    centre = next(t for t in ax.texts if t.get_text() == "金融大厦")
    assert centre.get_zorder() == 6 and centre.get_bbox_patch().get_alpha() == 1.0
    dots = ax.collections[-1].get_offsets()
    radii = sorted(round(math.hypot(x, y), 2) for x, y in dots)
    assert radii == [0.0, 0.5, 0.5] + [1.0] * 10  # centre, P1 and S1 inside, the units outside
    close(fig)


def test_ego_line_order_does_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    code = (
        "import graphkit as gk\n"
        "from graphkit.draw.ego import neighbourhood\n"
        "ego = neighbourhood(gk.datasets.tiny(), 'C1', radius=2)\n"
        "print(list(ego.graph.edges(keys=True)))\n"
    )
    outputs = set()
    for seed in ("0", "1", "2", "3"):
        env = os.environ | {"PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1
