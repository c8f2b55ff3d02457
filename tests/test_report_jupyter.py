"""The Jupyter display: ``Report`` and ``analysis_repr_html``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from graphkit.report import Report, analysis_repr_html, example_analysis


def test_report_displays_in_jupyter_and_saves(tmp_path: Path) -> None:
    report = Report(example_analysis())
    fragment = report._repr_html_()
    assert fragment.startswith('<div class="gk-report">')
    for text in ("组织覆盖率", "50.0%", "无覆盖单位", "林山寨街道"):
        assert text in fragment
    assert "<script" not in fragment and "<iframe" not in fragment
    assert (
        repr(report)
        == "<Report: 4 units, 4 findings, org_coverage=50.0%, own_rate=25.0%, work_coverage=75.0%>"
    )
    assert sorted(report.save(tmp_path)) == sorted(p.name for p in tmp_path.iterdir())


def test_analysis_repr_follows_the_settings_language() -> None:
    base = example_analysis()
    analysis = dataclasses.replace(base, settings=dataclasses.replace(base.settings, lang="en"))
    assert "Organisational coverage" in analysis_repr_html(analysis)
