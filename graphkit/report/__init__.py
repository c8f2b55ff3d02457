"""Output files and reports of an analysis (DESIGN §7).

:func:`write_outputs` writes the whole output folder of ``graphkit analyze``:

=================== ==========================================================
file                content
=================== ==========================================================
``findings.csv``    the findings table (:data:`graphkit.findings.FINDING_COLUMNS`)
``coverage.csv``    one row per unit: :data:`COVERAGE_CSV_COLUMNS`
``instructors.csv`` :data:`INSTRUCTOR_CSV_COLUMNS`, then extra columns
``pairings.csv``    one row per organ-branch pairing
``proposals.csv``   suggested instructor moves, pairings and joint branches
``grades.csv``      one row per party organisation: :data:`GRADE_CSV_COLUMNS`
``resilience.csv``  units that would lose coverage if one subject went
``rejects.csv``     ledger rows that could not be used
``summary.json``    counts and rates, overall and by street
``report.xlsx``     every table in one workbook, Chinese (or English) headers
``report.html``     one self-contained page: rates, charts, findings, diagram
=================== ==========================================================

CSV files are machine-readable: UTF-8 with a byte-order mark (so Excel opens
Chinese text), canonical English headers and values, codes and ids unchanged.
The workbook and the page are for people: labels come from :mod:`graphkit.i18n`.
Phone numbers are masked everywhere unless ``show_contacts=True``.

:class:`Report` shows an analysis in Jupyter; :func:`analysis_repr_html` is
its compact display.

Modules
-------
- :mod:`~graphkit.report.tables` — the output tables, their display for
  people, what every report shows (rates, streets, findings by code) and
  ``summary.json``;
- :mod:`~graphkit.report.csv` — CSV files;
- :mod:`~graphkit.report.xlsx` — ``report.xlsx``: overview and table sheets;
- :mod:`~graphkit.report.charts` — the page's charts as inline SVG;
- :mod:`~graphkit.report.html` — ``report.html`` and the Jupyter fragment
  (template ``templates/report.html.j2``);
- :mod:`~graphkit.report.outputs` — the whole output folder;
- :mod:`~graphkit.report.monthly` — the output folder of ``graphkit compare``
  (:func:`write_comparison`: the month-over-month CSV files, the 月报
  ``monthly.xlsx`` with its 通报, ``monthly.html``, ``trend.png``);
- :mod:`~graphkit.report.annotate` — ``graphkit annotate``: the user's own
  ledger back as one workbook, every problem marked in place, a first sheet
  问题清单 linking to each;
- :mod:`~graphkit.report.jupyter` — :class:`Report` and its display;
- :mod:`~graphkit.report.example` — a tiny hand-made analysis for examples.

Examples
--------
>>> import tempfile
>>> analysis = example_analysis()
>>> with tempfile.TemporaryDirectory() as tmp:
...     paths = write_outputs(analysis, tmp, diagram=False, charts=False)
...     sorted(paths)[:3]
['coverage.csv', 'findings.csv', 'grades.csv']
>>> "组织覆盖率" in Report(analysis)._repr_html_()
True

"""

from graphkit.report.csv import write_csv
from graphkit.report.example import example_analysis
from graphkit.report.html import render_html
from graphkit.report.jupyter import Report, analysis_repr_html
from graphkit.report.monthly import write_comparison
from graphkit.report.outputs import write_outputs
from graphkit.report.tables import (
    COVERAGE_CSV_COLUMNS,
    GRADE_CSV_COLUMNS,
    INSTRUCTOR_CSV_COLUMNS,
    OUTPUT_TABLES,
    STREET_COLUMNS,
    display_frame,
    output_tables,
    write_summary,
)
from graphkit.report.xlsx import EXCEL_MAX_ROWS, XLSX_MAX_ROWS, write_xlsx

__all__ = [
    "COVERAGE_CSV_COLUMNS",
    "EXCEL_MAX_ROWS",
    "GRADE_CSV_COLUMNS",
    "INSTRUCTOR_CSV_COLUMNS",
    "OUTPUT_TABLES",
    "STREET_COLUMNS",
    "XLSX_MAX_ROWS",
    "Report",
    "analysis_repr_html",
    "display_frame",
    "example_analysis",
    "output_tables",
    "render_html",
    "write_comparison",
    "write_csv",
    "write_outputs",
    "write_summary",
    "write_xlsx",
]
