"""report.html: offline, every rate and finding code, capped lists, escaped names, same bytes twice."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest

from graphkit.findings import concat_findings, make_findings
from graphkit.report import example_analysis, render_html, write_outputs

#: a reference that would make a browser fetch something from elsewhere
REMOTE = re.compile(
    r"""(?:\b(?:src|href|srcset|action|data|poster|xlink:href)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:url\(\s*["']?\s*(?:https?:)?//)|(?:@import)""",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(example_analysis(), diagram=False)  # with charts


def test_html_loads_nothing_from_the_network(page: str) -> None:
    assert not REMOTE.search(page)
    assert "http" not in page  # not even namespace identifiers in our own markup
    assert page.count("<svg") == 2  # both charts inline


def test_html_shows_rates_and_every_finding_code(page: str) -> None:
    for text in ("组织覆盖率", "单独组建率", "工作覆盖率", "50.0%", "25.0%", "75.0%"):
        assert text in page
    for code in ("UNCOVERED", "MEMBERS_WITHOUT_ORG", "UNPAIRED_ORG"):
        assert f'id="finding-{code}"' in page
    assert page.count('<details class="gk-finding"') == 3
    assert "林山寨街道" in page and "与丁公司联合组建党支部" in page


def test_html_caps_long_finding_lists(tmp_path: Path) -> None:
    analysis = example_analysis()
    ids = [f"U{i}" for i in range(10, 15)]
    analysis = dataclasses.replace(
        analysis,
        findings=concat_findings(
            [analysis.findings, make_findings("UNCOVERED", "Unit", ids, [f"单位{i}" for i in ids])]
        ),
    )
    page = render_html(analysis, diagram=False, charts=False, max_items=2)
    assert "以及另外 4 条（完整清单见 findings.csv）" in page
    assert "单位U10" in page and "单位U14" not in page


def test_html_caps_long_tables(tmp_path: Path) -> None:
    page = render_html(example_analysis(), diagram=False, charts=False, max_rows=1)
    assert "仅显示前 1 行，共 2 行；完整数据见 proposals.csv。" in page


def test_html_escapes_names(tmp_path: Path) -> None:
    analysis = example_analysis()
    analysis = dataclasses.replace(
        analysis, findings=make_findings("UNCOVERED", "Unit", ["U9"], ["<script>alert(1)</script>"])
    )
    page = render_html(analysis, diagram=False, charts=False)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_html_in_english() -> None:
    page = render_html(example_analysis(), lang="en", diagram=False)
    assert '<html lang="en">' in page
    for text in (
        "Organisational coverage",
        "Own-organisation rate",
        "Work coverage",
        "Unit with no coverage",
    ):
        assert text in page
    assert "组织覆盖率" not in page


def test_html_embeds_the_interactive_diagram_offline() -> None:
    page = render_html(example_analysis(), charts=False)
    match = re.search(r'<iframe class="gk-diagram"[^>]* srcdoc="([^"]*)"', page)
    assert match is not None
    inner = html.unescape(match.group(1))
    assert inner.lstrip().lower().startswith("<!doctype html")
    assert not REMOTE.search(inner)


def test_html_is_the_same_bytes_when_written_twice(tmp_path: Path) -> None:
    import base64
    import io

    from fontTools.ttLib import TTFont

    from graphkit.fonts import bundled_font_path, font_subset

    pages = []
    for run in ("a", "b"):
        font_subset.cache_clear()  # the glyphs are subset anew for each page
        paths = write_outputs(example_analysis(), tmp_path / run, charts=False)
        pages.append(paths["report.html"].read_bytes())
    assert pages[0] == pages[1]
    # the embedded glyphs carry the bundled font's own time, not the time of writing
    fonts = re.findall(rb"data:font/ttf;base64,([A-Za-z0-9+/=]+)", pages[0])
    assert fonts
    with TTFont(bundled_font_path(), lazy=True) as bundled:
        modified = bundled["head"].modified
    for data in fonts:
        with TTFont(io.BytesIO(base64.b64decode(data))) as font:
            assert font["head"].modified == modified


def test_html_embeds_every_glyph_it_shows_before_the_generic_fonts(page: str) -> None:
    """Without a system Chinese font the page's own text still has its glyphs (issue 13)."""
    import base64
    import io

    from fontTools.ttLib import TTFont

    rules = re.findall(r'"graphkit-cjk"; src: url\(data:font/ttf;base64,([^)]+)\)', page)
    assert len(rules) == 1
    cmap = TTFont(io.BytesIO(base64.b64decode(rules[0]))).getBestCmap()
    text = re.sub(r"<[^>]+>", "", page.split("</style>", 1)[1])
    assert {ch for ch in html.unescape(text) if ord(ch) > 0x2000 and ord(ch) not in cmap} == set()
    family = re.search(r"\.gk-report\{[^}]*font-family:([^;]+);", page).group(1).split(",")
    assert family.index('"graphkit-cjk"') < family.index("system-ui") < family.index("sans-serif")


def test_html_font_leaves_out_glyphs_only_the_diagram_uses() -> None:
    import base64
    import io

    from fontTools.ttLib import TTFont

    page = render_html(example_analysis(), charts=False)
    data = re.search(r'"graphkit-cjk"; src: url\(data:font/ttf;base64,([^)]+)\)', page).group(1)
    cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
    outside = re.sub(r'srcdoc="[^"]*"', "", page)
    assert "srcdoc" in page and "指导员" in html.unescape(page.split("srcdoc=", 1)[1])
    shown = {ord(ch) for ch in outside if ord(ch) > 0x2000} - {ord("▸"), ord("▾")}  # not in Noto Sans SC
    assert {c for c in cmap if c > 0x2000} == shown
