"""The shared look of the diagrams: Chinese glyphs, the font, global state and saving."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from graphkit import Network
from graphkit.draw import close, plot_ego, plot_instructor_reach, plot_overview, save
from graphkit.exceptions import GraphkitError
from graphkit.fonts import use_cjk_font


@pytest.fixture
def net(two_instructor_net) -> Network:
    return two_instructor_net


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


def test_save_rejects_unknown_suffix(net, tmp_path):
    fig, _ = plot_instructor_reach(pd.Series([1]))
    with pytest.raises(GraphkitError, match=r"ego\.jpg: cannot save a diagram as \.jpg"):
        save(fig, tmp_path / "ego.jpg")
    assert save(fig, tmp_path / "a" / "r.png").read_bytes()[:4] == b"\x89PNG"
    close(fig)


def test_kind_colours_never_share_a_hue_with_status_colours():
    """Status colours run green → orange → red; kinds keep out of that range or are grey (issue 13)."""
    import colorsys

    from matplotlib.colors import to_rgb

    from graphkit.draw import KIND_COLORS, STATUS_COLORS

    def hue(colour):
        h, _lightness, saturation = colorsys.rgb_to_hls(*to_rgb(colour))
        return round(h * 360), saturation

    status_hues = sorted(hue(c)[0] for c in STATUS_COLORS.values())
    assert status_hues == [3, 30, 94, 146]  # red, orange, light green, green
    for kind, colour in KIND_COLORS.items():
        h, saturation = hue(colour)
        grey = saturation < 0.15
        assert grey or 175 < h < 330, (kind, colour, h)
    assert len(set(KIND_COLORS.values())) == len(KIND_COLORS)


def test_interactive_mode_a_backend_turns_on_while_drawing_survives():
    """Jupyter's inline backend turns interactive mode on at the first figure; keep it (issue 13)."""
    from graphkit.draw.style import cjk_style

    before = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with cjk_style():
            matplotlib.interactive(True)  # what matplotlib_inline does when pyplot loads it
        assert matplotlib.is_interactive()
        with cjk_style():
            pass
        assert matplotlib.is_interactive()
    finally:
        matplotlib.interactive(before)
