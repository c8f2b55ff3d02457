"""The output folder of ``graphkit analyze``: every file of DESIGN §7 in one call.

Examples
--------
>>> import tempfile
>>> from graphkit.report import example_analysis
>>> with tempfile.TemporaryDirectory() as tmp:
...     sorted(write_outputs(example_analysis(), tmp, diagram=False, charts=False))[-3:]
['report.xlsx', 'resilience.csv', 'summary.json']

"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from pathlib import Path

from graphkit import i18n
from graphkit.atomic import replaced_when_done
from graphkit.draw.interactive import interactive_html
from graphkit.privacy import mask_contacts
from graphkit.report.charts import chart_parts
from graphkit.report.csv import write_csv
from graphkit.report.html import page_context, render_context
from graphkit.report.tables import output_tables, without_table, write_summary
from graphkit.report.xlsx import XLSX_MAX_ROWS, write_xlsx
from graphkit.results import Analysis

__all__ = ["write_outputs"]


def write_outputs(
    analysis: Analysis,
    out_dir: str | Path,
    *,
    lang: str = "zh",
    show_contacts: bool = False,
    diagram: bool = True,
    charts: bool = True,
    xlsx_max_rows: int = XLSX_MAX_ROWS,
    executor: Executor | None = None,
    formula_guard: bool = True,
    drawing: Future[str] | None = None,
) -> dict[str, Path]:
    """Write every output file of ``graphkit analyze`` into ``out_dir``.

    Parameters
    ----------
    analysis
        The analysis; read-only.
    out_dir
        The output folder; created when missing, existing files overwritten.
    lang
        ``"zh"`` (default) or ``"en"``: language of ``report.xlsx`` and
        ``report.html``. CSV and JSON files always use canonical English names.
    show_contacts
        Keep phone numbers readable; masked by default.
    diagram
        Embed the interactive network diagram in ``report.html``.
    charts
        Draw the charts of ``report.html``.
    xlsx_max_rows
        Most data rows per sheet of ``report.xlsx`` (at most
        :data:`graphkit.report.EXCEL_MAX_ROWS`); the CSV files always hold
        every row.
    executor
        Where to write ``report.xlsx``, draw the page's charts and its network diagram while this thread
        writes the CSV files, ``summary.json`` and ``report.html``: any
        :class:`concurrent.futures.Executor`; ``None`` (the default) does it
        all here. The same files either way. The submitted calls return only
        the workbook's path, the charts' SVG text and the diagram's HTML, so they suit an
        executor that runs them in other processes.
    formula_guard
        Write CSV text that a spreadsheet would run as a formula (beginning
        with ``= + - @``, a tab or a carriage return) with a leading
        apostrophe, as OWASP advises against CSV injection (the default);
        ``False`` writes it as it is (see :func:`graphkit.report.write_csv`).
    drawing
        The network diagram already being drawn: a future of
        :func:`~graphkit.draw.interactive_html` of the analysis's network and
        coverage with the title ``i18n.text("diagram")`` and the same
        ``show_contacts`` (the command line starts it during the analysis,
        see :func:`graphkit.analysis.analyze`'s ``on_coverage``). Used
        instead of drawing it here; ignored without ``diagram``.

    Returns
    -------
    dict of str to pathlib.Path
        File name → path of every file written (see :mod:`graphkit.report`);
        ``without.csv`` is added when the analysis ran with ``without``.

    Notes
    -----
    O(cells) for the CSV files and the workbook (at most ``xlsx_max_rows``
    rows per sheet); the page's tables and charts are capped (see
    :func:`graphkit.report.render_html`).

    Examples
    --------
    >>> import tempfile
    >>> from graphkit.report import example_analysis
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_outputs(example_analysis(), tmp, diagram=False, charts=False)
    ...     paths["coverage.csv"].read_text(encoding="utf-8-sig").splitlines()[0]
    'unit_id,name,kind,street,party_members,status,party_org_id'

    """
    i18n.check_lang(lang)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = output_tables(analysis, show_contacts=show_contacts)
    without = without_table(analysis)
    if without is not None:
        tables["without"] = mask_contacts(without, show_contacts=show_contacts)
    # the workbook, the longest step, elsewhere (an executor) while this thread does the rest
    book = out / "report.xlsx"
    kwargs = {"lang": lang, "tables": tables, "max_rows": xlsx_max_rows}
    pending = executor.submit(write_xlsx, analysis, book, **kwargs) if executor is not None else None
    # the charts (matplotlib) and the network diagram too: they come back as text for the page
    drawn = executor.submit(chart_parts, analysis, lang=lang) if executor is not None and charts else None
    diagram_title = i18n.text("diagram", lang=lang)
    sketched = drawing if diagram else None
    if sketched is None and executor is not None and diagram:
        sketched = executor.submit(
            interactive_html, analysis, title=diagram_title, show_contacts=show_contacts
        )
    paths: dict[str, Path] = {}
    for name, frame in tables.items():
        path = out / f"{name}.csv"
        write_csv(frame, path, formula_guard=formula_guard)
        paths[path.name] = path
    paths["summary.json"] = write_summary(analysis, out / "summary.json")
    context = page_context(
        analysis,
        lang=lang,
        show_contacts=show_contacts,
        diagram=diagram and sketched is None,
        charts=False,
        tables=tables,
    )
    if sketched is not None:
        context["diagram"] = sketched.result()
    chart_svgs = drawn.result() if drawn is not None else (chart_parts(analysis, lang=lang) if charts else {})
    # the page (its font subset too) while the workbook, the longest step, is still being written
    page = out / "report.html"
    with replaced_when_done(page) as part:
        part.write_text(render_context(context | chart_svgs), encoding="utf-8")
    paths["report.xlsx"] = pending.result() if pending is not None else write_xlsx(analysis, book, **kwargs)
    paths["report.html"] = page
    return paths
