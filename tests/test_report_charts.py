"""The charts of report.html: inline SVG without namespaces or metadata, the same markup twice."""

from __future__ import annotations

import dataclasses

import pandas as pd

from graphkit.report import example_analysis
from graphkit.report.charts import chart_parts


def test_both_charts_are_inline_svg_that_scales_with_the_page() -> None:
    parts = chart_parts(example_analysis(), lang="zh")
    for name in ("coverage_chart", "reach_chart"):
        svg = parts[name]
        assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
        assert 'class="gk-chart"' in svg and "xmlns" not in svg and "<metadata>" not in svg
    assert parts["coverage_chart_note"] == ""


def test_charts_are_the_same_markup_when_drawn_twice() -> None:
    assert chart_parts(example_analysis(), lang="en") == chart_parts(example_analysis(), lang="en")


def test_the_coverage_chart_says_when_it_draws_only_the_largest_streets() -> None:
    analysis = example_analysis()
    streets = [{"street_id": f"S{i}", "street": f"街道{i}", "units": i, "uncovered": i} for i in range(31)]
    analysis = dataclasses.replace(analysis, summary={**analysis.summary, "by_street": streets})
    assert (
        chart_parts(analysis, lang="zh")["coverage_chart_note"]
        == "图中仅显示单位数最多的 30 个街道（共 31 个）。"
    )


def test_nothing_to_draw_gives_no_charts() -> None:
    analysis = example_analysis()
    analysis = dataclasses.replace(
        analysis,
        summary={**analysis.summary, "by_street": []},
        instructors=analysis.instructors.assign(contacts=pd.NA),
    )
    assert chart_parts(analysis, lang="zh") == {
        "coverage_chart": "",
        "coverage_chart_note": "",
        "reach_chart": "",
        "grades_chart": "",
        "activity_chart": "",
    }
