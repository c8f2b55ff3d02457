"""An analysis in Jupyter: the :class:`Report` object and its compact HTML display.

Examples
--------
>>> from graphkit.report import example_analysis
>>> Report(example_analysis())
<Report: 4 units, 4 findings, org_coverage=50.0%, own_rate=25.0%, work_coverage=75.0%>

"""

from __future__ import annotations

from pathlib import Path

from graphkit import i18n
from graphkit.report.html import fragment_context, render_context, render_html
from graphkit.report.outputs import write_outputs
from graphkit.report.tables import format_rate, headline_rates
from graphkit.results import Analysis

__all__ = ["Report", "analysis_repr_html"]


def analysis_repr_html(analysis: Analysis, *, lang: str | None = None, max_items: int = 10) -> str:
    """Compact HTML for Jupyter: headline rates, findings by code, per-street table.

    The fragment has its own scoped styles and no scripts; :class:`Report`
    shows itself with it.

    Parameters
    ----------
    analysis
        The analysis; read-only.
    lang
        ``"zh"`` or ``"en"``; by default the analysis settings' language.
    max_items
        Most subjects kept per finding code (the fragment shows counts only).

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> fragment = analysis_repr_html(example_analysis(), lang="en")
    >>> "Organisational coverage" in fragment and "<script" not in fragment
    True

    """
    lang = lang or analysis.settings.lang
    return render_context(fragment_context(analysis, lang=lang, max_rows=50, max_items=max_items))


class Report:
    """An analysis as a report: shows itself in Jupyter, renders and saves its files.

    Parameters
    ----------
    analysis
        The analysis (see :func:`graphkit.analyze`); read-only.
    lang
        ``"zh"`` (default) or ``"en"``.
    show_contacts
        Keep phone numbers readable in what it renders and saves.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> report = Report(example_analysis(), lang="en")
    >>> "Own-organisation rate" in report._repr_html_()
    True
    >>> report.to_html(diagram=False).count("<details") >= 1
    True

    """

    def __init__(self, analysis: Analysis, *, lang: str = "zh", show_contacts: bool = False) -> None:
        self.analysis = analysis
        self.lang = i18n.check_lang(lang)
        self.show_contacts = show_contacts

    def __repr__(self) -> str:
        rates = ", ".join(f"{k}={format_rate(v)}" for k, v in headline_rates(self.analysis).items())
        return (
            f"<Report: {len(self.analysis.coverage)} units, {len(self.analysis.findings)} findings, {rates}>"
        )

    def _repr_html_(self) -> str:
        return analysis_repr_html(self.analysis, lang=self.lang)

    def to_html(self, *, diagram: bool = True, charts: bool = True) -> str:
        """Return the full self-contained page (see :func:`graphkit.report.render_html`)."""
        return render_html(
            self.analysis, lang=self.lang, show_contacts=self.show_contacts, diagram=diagram, charts=charts
        )

    def save(self, out_dir: str | Path) -> dict[str, Path]:
        """Write every output file into ``out_dir`` (see :func:`graphkit.report.write_outputs`)."""
        return write_outputs(self.analysis, out_dir, lang=self.lang, show_contacts=self.show_contacts)
