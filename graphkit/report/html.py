"""``report.html`` and the Jupyter fragment: one jinja2 template fed a precomputed context.

The template (``templates/report.html.j2`` in this package) has two modes:
``"page"``, the whole self-contained document that :func:`render_html`
returns, and ``"fragment"``, the compact display of
:func:`graphkit.report.analysis_repr_html`. :func:`page_context` and
:func:`fragment_context` compute everything the template shows (capped,
localised, escaped by the template); :func:`render_context` renders one.

Examples
--------
>>> from graphkit.report import example_analysis
>>> context = fragment_context(example_analysis(), lang="en", max_rows=50, max_items=10)
>>> [r["value"] for r in context["rates"]]
['50.0%', '25.0%', '75.0%']
>>> render_context(context).startswith('<div class="gk-report">')
True

"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Mapping
from typing import Any

import jinja2
import markupsafe
import pandas as pd

from graphkit import i18n
from graphkit.draw.interactive import interactive_html
from graphkit.findings import finding_place
from graphkit.fonts import font_face
from graphkit.report.campaign import Section, campaign_sections, metric_text
from graphkit.report.charts import CHART_KEYS, chart_parts
from graphkit.report.tables import (
    RATE_COLUMNS,
    display_frame,
    findings_by_code,
    format_rate,
    headline_rates,
    not_run_text,
    output_tables,
    report_date,
    street_table,
    without_ids,
    without_table,
)
from graphkit.results import Analysis
from graphkit.version import __version__

__all__ = [
    "HTML_MAX_ITEMS",
    "HTML_MAX_ROWS",
    "fragment_context",
    "page_context",
    "render_context",
    "render_html",
]

#: Most rows per table that ``report.html`` lists.
HTML_MAX_ROWS = 200

#: Most subjects per finding code that ``report.html`` lists.
HTML_MAX_ITEMS = 50

#: The template, a file of this package.
_TEMPLATE = "report.html.j2"

#: Where the page's ``@font-face`` rule goes (a CSS comment in the template's style).
_FONT_SLOT = "/*graphkit-font*/"

#: Stands in for the diagram while the page's glyphs are collected.
_DIAGRAM_SLOT = "graphkit-diagram-slot"

#: Column labels the template uses as headers of its own tables.
_TEMPLATE_COLUMNS = (
    "subject_name",
    "subject_id",
    "street",
    "detail",
    "title",
    "code",
    "count",
    "severity",
    "where",
)


def render_html(
    analysis: Analysis,
    *,
    lang: str = "zh",
    show_contacts: bool = False,
    diagram: bool = True,
    charts: bool = True,
    tables: Mapping[str, pd.DataFrame] | None = None,
    max_rows: int = HTML_MAX_ROWS,
    max_items: int = HTML_MAX_ITEMS,
) -> str:
    """Return ``report.html``: one self-contained page that opens offline.

    The page shows the headline rates (组织覆盖率, 单独组建率, 工作覆盖率), charts
    of coverage by street and of instructor reach (inline SVG), the per-street
    table, findings grouped by code (collapsible, each listing its first
    ``max_items`` subjects), the campaign's sections
    (:func:`graphkit.report.campaign.campaign_sections`: positions, activity
    with a chart per month, training, honours, grades with a chart by
    street — or a line saying the ledger does not keep their table),
    proposals, busiest instructors, key nodes, rejected rows, the settings
    used and the interactive network diagram
    (:func:`graphkit.draw.interactive.interactive_html`). It loads nothing
    from the network: no external scripts, styles, fonts or images. The
    glyphs the page shows are embedded as a webfont subset of the bundled
    Noto Sans SC (:func:`graphkit.fonts.font_face`), so Chinese reads on a
    machine with no Chinese font; a system CJK font is still preferred.

    Parameters
    ----------
    analysis
        The analysis; read-only.
    lang
        ``"zh"`` or ``"en"``.
    show_contacts
        Keep phone numbers readable.
    diagram, charts
        Include the interactive diagram / the charts.
    tables
        Output tables already made by :func:`graphkit.report.output_tables`.
    max_rows, max_items
        Most rows per table and most subjects listed per finding code; the
        page says when a list is cut and where the full table is.

    Notes
    -----
    Tables and lists are capped and charts aggregate, so the page stays a
    few megabytes at a million units (the diagram caps itself). Making the
    tables costs O(cells) (see :func:`graphkit.report.output_tables`); the
    rest is bounded by the caps.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> page = render_html(example_analysis(), diagram=False, charts=False)
    >>> page.startswith("<!DOCTYPE html>"), "UNCOVERED" in page, "50.0%" in page
    (True, True, True)

    """
    context = page_context(
        analysis,
        lang=lang,
        show_contacts=show_contacts,
        diagram=diagram,
        charts=charts,
        tables=tables,
        max_rows=max_rows,
        max_items=max_items,
    )
    return render_context(context)


def render_context(context: Mapping[str, Any]) -> str:
    """Render the report template with ``context`` (of :func:`page_context` or :func:`fragment_context`).

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> context = page_context(example_analysis(), diagram=False, charts=False)
    >>> render_context(context).count("<section")
    13

    """
    if context["mode"] != "page":
        return _template().render(context)
    # The page embeds the glyphs it shows as a webfont, so Chinese reads on machines
    # without a Chinese font. The diagram (an iframe with its own font) is kept out of
    # the subset: rendered as a slot first, escaped in afterwards as jinja2 would.
    diagram = context.get("diagram") or ""
    page = _template().render({**context, "diagram": _DIAGRAM_SLOT if diagram else ""})
    font = font_face(page) if context.get("embed_font", True) else ""
    page = page.replace(_FONT_SLOT, font, 1)
    if diagram:
        page = page.replace(_DIAGRAM_SLOT, str(markupsafe.escape(diagram)), 1)
    return page


@functools.cache
def _template() -> jinja2.Template:
    """The compiled template (autoescaped; an undefined name is an error)."""
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(_TEMPLATE)


def _load_template(name: str) -> str:
    """The text of template ``name`` from this package's ``templates`` folder."""
    folder = importlib.resources.files("graphkit.report").joinpath("templates")
    return folder.joinpath(name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- contexts
def fragment_context(analysis: Analysis, *, lang: str, max_rows: int, max_items: int) -> dict[str, Any]:
    """What the compact Jupyter display shows: rates, counts, the per-street table, findings by code.

    Parameters
    ----------
    analysis
        The analysis; read-only.
    lang
        ``"zh"`` or ``"en"``.
    max_rows, max_items
        Most streets listed and most subjects kept per finding code.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> context = fragment_context(example_analysis(), lang="zh", max_rows=1, max_items=1)
    >>> context["mode"], context["streets"]["total"], len(context["streets"]["rows"])
    ('fragment', 2, 1)

    """
    i18n.check_lang(lang)
    return _headline_context(
        analysis, street_table(analysis), lang=lang, max_rows=max_rows, max_items=max_items, mode="fragment"
    )


def page_context(
    analysis: Analysis,
    *,
    lang: str = "zh",
    show_contacts: bool = False,
    diagram: bool = True,
    charts: bool = True,
    tables: Mapping[str, pd.DataFrame] | None = None,
    max_rows: int = HTML_MAX_ROWS,
    max_items: int = HTML_MAX_ITEMS,
) -> dict[str, Any]:
    """Everything the whole page shows, precomputed and capped (parameters of :func:`render_html`).

    Without ``charts`` the chart entries are empty; a caller that draws them
    elsewhere (see :func:`graphkit.report.write_outputs`) merges
    :func:`graphkit.report.charts.chart_parts` in before rendering.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> context = page_context(example_analysis(), diagram=False, charts=False, max_rows=1)
    >>> context["mode"], context["proposals"]["note"]
    ('page', '仅显示前 1 行，共 2 行；完整数据见 proposals.csv。')

    """
    i18n.check_lang(lang)
    by_street = street_table(analysis)
    context = _headline_context(
        analysis, by_street, lang=lang, max_rows=max_rows, max_items=max_items, mode="page"
    )
    tables = dict(tables) if tables is not None else output_tables(analysis, show_contacts=show_contacts)
    context |= _table_context(analysis, tables, lang=lang, max_rows=max_rows)
    context["campaign"] = [
        _section_context(s, lang=lang, max_rows=max_rows) for s in campaign_sections(analysis, lang=lang)
    ]
    context |= dict.fromkeys(CHART_KEYS, "") | {"diagram": ""}
    if charts:
        context |= chart_parts(analysis, lang=lang, by_street=by_street)
    if diagram:
        context["diagram"] = interactive_html(
            analysis, title=i18n.text("diagram", lang=lang), show_contacts=show_contacts
        )
    return context


def _headline_context(
    analysis: Analysis, by_street: pd.DataFrame, *, lang: str, max_rows: int, max_items: int, mode: str
) -> dict[str, Any]:
    """What the page and the fragment both show: texts, rates, totals, streets, findings by code."""
    street_columns = [c for c in by_street.columns[:10] if c != "street_id"]
    return {
        "mode": mode,
        "lang": lang,
        "t": {key: i18n.text(key, lang=lang) for key in i18n.TEXT if "{" not in i18n.TEXT[key][0]},
        "col": {key: i18n.column_label(key, lang=lang) for key in _TEMPLATE_COLUMNS},
        "version": __version__,
        "generated_by": i18n.text("generated_by", lang=lang, version=__version__),
        "as_of": report_date(analysis),
        "rates": [
            {
                "label": i18n.column_label(key, lang=lang),
                "value": format_rate(value),
                "help": i18n.text(f"{key}_help", lang=lang),
                "key": key,
            }
            for key, value in headline_rates(analysis).items()
        ],
        "units_total": f"{len(analysis.coverage):,}",
        "findings_total": f"{len(analysis.findings):,}",
        "streets": _html_table(by_street[street_columns], "by_street", lang=lang, max_rows=max_rows),
        "finding_groups": _finding_groups(analysis.findings, lang=lang, max_items=max_items),
        "not_run": not_run_text(analysis.summary, lang=lang),
        "grades_line": _grades_line(analysis, lang=lang),
    }


def _grades_line(analysis: Analysis, *, lang: str) -> str:
    """One line of grade counts (分类定级), ``""`` when no grade was given."""
    counts = analysis.summary.get("grades") or {}
    if not counts:
        return ""
    return i18n.text("analyze.grades", lang=lang, n=sum(counts.values()), **counts)


def _section_context(section: Section, *, lang: str, max_rows: int) -> dict[str, Any]:
    """A campaign section for the template: cards for its counts, its tables, its list."""
    metrics = []
    for metric in section.metrics:
        value, share = metric_text(metric, lang=lang)
        if metric.total is not None and metric.value is not None:
            value = f"{metric.value:,}"
            total = f"{metric.total:,}"
            share = i18n.text("campaign.share_of", lang=lang, share=share or "—", total=total)
        metrics.append({"key": metric.key, "label": metric.label, "value": value, "help": share})
    tables = [*section.tables, *([section.listed] if section.listed is not None else [])]
    shown = []
    for table in tables:
        entry = _html_table(table.frame, table.name, lang=lang, max_rows=max_rows)
        entry |= {"title": table.title, "note": table.note or entry["note"], "has_total": table.has_total}
        shown.append(entry)
    return {
        "key": section.key,
        "title": section.title,
        "missing": section.missing,
        "metrics": metrics,
        "tables": shown,
    }


def _table_context(
    analysis: Analysis, tables: Mapping[str, pd.DataFrame], *, lang: str, max_rows: int
) -> dict[str, Any]:
    """The page's tables: proposals, busiest instructors, key nodes, rejects, what-if, settings."""
    settings = analysis.settings
    instructors = tables["instructors"].sort_values(
        ["contacts", "reach", "instructor_id"], ascending=[False, False, True]
    )
    resilience = tables["resilience"]
    if "units_lost_total" in resilience.columns:
        resilience = resilience[resilience["units_lost_total"] > 0]
        resilience = resilience.sort_values("units_lost_total", ascending=False, kind="stable")
    short = min(max_rows, 50)  # the busiest instructors and the key nodes only
    listed = {
        "proposals": (tables["proposals"], max_rows),
        "instructors": (instructors, short),
        "resilience": (resilience, short),
        "rejects": (tables["rejects"], max_rows),
    }
    context: dict[str, Any] = {
        name: _html_table(frame, name, lang=lang, max_rows=rows, file=f"{name}.csv")
        for name, (frame, rows) in listed.items()
    }
    limit = settings.max_contacts_per_instructor
    context |= {
        "instructors_help": i18n.text("instructors_help", lang=lang, limit=limit),
        "settings": sorted(settings.to_dict().items()),
        "without": None,
    }
    without = tables.get("without")
    if without is None:
        without = without_table(analysis)
    if without is not None:
        ids = "、".join(without_ids(analysis))
        context["without"] = _html_table(without, "without", lang=lang, max_rows=max_rows, file="without.csv")
        context["without_help"] = i18n.text("without_help", lang=lang, ids=ids or "…")
    return context


def _html_table(
    frame: pd.DataFrame, table: str, *, lang: str, max_rows: int, file: str | None = None
) -> dict[str, Any]:
    """A capped, localised table ready for the template: headers, rows, numeric flags, note."""
    head = frame.head(max_rows)
    canonical = list(head.columns)
    if table == "findings" and "code" in canonical:
        canonical.insert(canonical.index("code") + 1, "title")
    shown = display_frame(head, table, lang=lang)
    numeric = [pd.api.types.is_numeric_dtype(shown[c].dtype) for c in shown.columns]
    cells = []
    for key, label in zip(canonical, shown.columns, strict=True):
        series = shown[label]
        if key in RATE_COLUMNS:
            text = series.map(format_rate)
        elif pd.api.types.is_datetime64_any_dtype(series.dtype):
            text = series.dt.strftime("%Y-%m-%d")
        else:
            text = series.astype("string")
        cells.append(text.fillna("").tolist())
    note = ""
    if len(frame) > max_rows:
        note = i18n.text("rows_capped", lang=lang, shown=max_rows, total=len(frame), file=file or "")
    return {
        "headers": list(shown.columns),
        "rows": [list(r) for r in zip(*cells, strict=True)] if cells else [],
        "numeric": numeric,
        "note": note,
        "total": len(frame),
    }


def _finding_groups(findings: pd.DataFrame, *, lang: str, max_items: int) -> list[dict[str, Any]]:
    """Findings grouped by code: title, severity, count and the first ``max_items`` subjects."""
    by_code = findings_by_code(findings)
    firsts = findings.groupby("code", sort=False).head(max_items)
    shown = firsts[["subject_name", "subject_id", "street", "detail"]].astype("string").fillna("")
    shown = shown.assign(where=finding_place(firsts, lang=lang))  # the ledger row to fix
    items_of = dict(list(shown.groupby(firsts["code"].to_numpy(), sort=False)))
    groups = []
    for code, count, severity in by_code[["code", "count", "severity"]].itertuples(index=False):
        rows = items_of.get(code, shown.iloc[:0])
        more = int(count) - len(rows)
        groups.append(
            {
                "code": code,
                "title": i18n.code_title(code, lang=lang),
                "severity": severity,
                "severity_label": i18n.value_label("severity", severity, lang=lang),
                "count": int(count),
                "items": rows.to_numpy().tolist(),
                "more": i18n.text("and_more", lang=lang, n=more) if more > 0 else "",
            }
        )
    return groups
