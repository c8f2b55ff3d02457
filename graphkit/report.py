"""Output files and reports of an analysis (DESIGN §7).

:func:`write_outputs` writes the whole output folder of ``graphkit analyze``:

================== ===========================================================
file               content
================== ===========================================================
``findings.csv``   the findings table (:data:`graphkit.findings.FINDING_COLUMNS`)
``coverage.csv``   one row per unit: :data:`COVERAGE_CSV_COLUMNS`
``instructors.csv`` :data:`INSTRUCTOR_CSV_COLUMNS`, then extra columns
``pairings.csv``   one row per organ-branch pairing
``proposals.csv``  suggested instructor moves, pairings and joint branches
``resilience.csv`` units that would lose coverage if one subject went
``rejects.csv``    ledger rows that could not be used
``summary.json``   counts and rates, overall and by street
``report.xlsx``    every table in one workbook, Chinese (or English) headers
``report.html``    one self-contained page: rates, charts, findings, diagram
================== ===========================================================

CSV files are machine-readable: UTF-8 with a byte-order mark (so Excel opens
Chinese text), canonical English headers and values, codes and ids unchanged.
The workbook and the page are for people: labels come from :mod:`graphkit.i18n`.
Phone numbers are masked everywhere unless ``show_contacts=True``.

:class:`Report` shows an analysis in Jupyter; :func:`analysis_repr_html` is
the compact display an ``Analysis`` object uses for itself.

Examples
--------
>>> import tempfile
>>> analysis = example_analysis()
>>> with tempfile.TemporaryDirectory() as tmp:
...     paths = write_outputs(analysis, tmp, diagram=False, charts=False)
...     sorted(paths)[:3]
['coverage.csv', 'findings.csv', 'instructors.csv']
>>> "组织覆盖率" in Report(analysis)._repr_html_()
True

"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import io
import json
import math
import re
from collections.abc import Mapping
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from graphkit import i18n
from graphkit.analysis.pairing import PAIRING_COLUMNS
from graphkit.analysis.whatif import LOST_COLUMNS
from graphkit.findings import CODES, FINDING_COLUMNS
from graphkit.model import REJECT_COLUMNS
from graphkit.privacy import mask_contacts
from graphkit.results import Analysis
from graphkit.settings import Settings

__all__ = [
    "COVERAGE_CSV_COLUMNS",
    "EXCEL_MAX_ROWS",
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
    "write_csv",
    "write_outputs",
    "write_summary",
    "write_xlsx",
]

#: Tables written as CSV (``<name>.csv``) and as workbook sheets, in order.
OUTPUT_TABLES = ("findings", "coverage", "instructors", "pairings", "proposals", "resilience", "rejects")

#: Exact columns of ``coverage.csv``.
COVERAGE_CSV_COLUMNS = ["unit_id", "name", "kind", "street", "party_members", "status", "party_org_id"]

#: Leading columns of ``instructors.csv`` (extra columns follow).
INSTRUCTOR_CSV_COLUMNS = ["instructor_id", "name", "reach", "contacts", "overloaded"]

#: Data rows one Excel sheet can hold (below the header row).
EXCEL_MAX_ROWS = 1_048_575

#: Data rows per sheet that :func:`write_outputs` puts in ``report.xlsx`` by default.
#: The workbook is written cell by cell, so a city-scale table is cut here (the
#: overview sheet says so) and read in full from its CSV file.
XLSX_MAX_ROWS = 100_000

#: Keys of each ``summary["by_street"]`` record, in the order tables show them.
STREET_COLUMNS = [
    "street_id",
    "street",
    "units",
    "own_org",
    "joint_org",
    "work_only",
    "uncovered",
    "org_coverage",
    "own_rate",
    "work_coverage",
]

_PCT_COLUMNS = {"org_coverage", "own_rate", "work_coverage"}
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_STATUSES = ("own_org", "joint_org", "work_only", "uncovered")
_INDEX_NAMES = {"coverage": "unit_id", "instructors": "instructor_id"}
_CJK = r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"


# --------------------------------------------------------------------------- tables
def _flat(frame: pd.DataFrame, index_name: str | None) -> pd.DataFrame:
    """``frame`` with a named index turned into its first column and a fresh RangeIndex."""
    if index_name is not None and index_name not in frame.columns:
        return frame.rename_axis(index_name).reset_index()
    if frame.index.name is not None and frame.index.name not in frame.columns:
        return frame.reset_index()
    return frame.reset_index(drop=True)


def _with_columns(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame`` with every column of ``columns`` present (missing ones empty)."""
    missing = [c for c in columns if c not in frame.columns]
    if not missing:
        return frame
    return frame.assign(**{c: pd.Series(pd.NA, index=frame.index, dtype="string") for c in missing})


def output_tables(analysis: Any, *, show_contacts: bool = False) -> dict[str, pd.DataFrame]:
    """The machine-readable output tables of an analysis, as written to CSV.

    Parameters
    ----------
    analysis
        An ``Analysis`` (see :func:`graphkit.analysis.analyze`); read-only.
    show_contacts
        Keep phone numbers readable; masked by default.

    Returns
    -------
    dict of str to pandas.DataFrame
        One frame per name of :data:`OUTPUT_TABLES`, with canonical English
        columns and a RangeIndex. ``coverage`` has exactly
        :data:`COVERAGE_CSV_COLUMNS`; ``instructors`` starts with
        :data:`INSTRUCTOR_CSV_COLUMNS` and adds the instructor's ``phone``
        from the network when the frame lacks it.

    Examples
    --------
    >>> tables = output_tables(example_analysis())
    >>> list(tables["coverage"].columns) == COVERAGE_CSV_COLUMNS
    True
    >>> tables["instructors"].loc[0, "phone"]
    '138****5678'

    """
    findings = _with_columns(_flat(analysis.findings, None), FINDING_COLUMNS)
    coverage = _with_columns(_flat(analysis.coverage, "unit_id"), COVERAGE_CSV_COLUMNS)
    instructors = _with_columns(_flat(analysis.instructors, "instructor_id"), INSTRUCTOR_CSV_COLUMNS)
    network = getattr(analysis, "network", None)
    if "phone" not in instructors.columns and network is not None:
        phones = network.instructors["phone"]
        instructors = instructors.assign(phone=instructors["instructor_id"].map(phones).astype("string"))
    extra = [c for c in instructors.columns if c not in INSTRUCTOR_CSV_COLUMNS]
    rejects = _with_columns(_flat(analysis.rejects, None), REJECT_COLUMNS)
    tables = {
        "findings": findings[FINDING_COLUMNS],
        "coverage": coverage[COVERAGE_CSV_COLUMNS],
        "instructors": instructors[INSTRUCTOR_CSV_COLUMNS + extra],
        "pairings": _flat(analysis.pairings, None),
        "proposals": _flat(analysis.proposals, None),
        "resilience": _flat(analysis.resilience, None),
        "rejects": rejects[REJECT_COLUMNS + [c for c in rejects.columns if c not in REJECT_COLUMNS]],
    }
    return {name: mask_contacts(frame, show_contacts=show_contacts) for name, frame in tables.items()}


def _without_table(analysis: Any) -> pd.DataFrame | None:
    """The what-if table of ``summary["without"]`` as a frame, or ``None`` when absent."""
    lost = _summary(analysis).get("without")
    if lost is None:
        return None
    frame = lost if isinstance(lost, pd.DataFrame) else pd.DataFrame(list(lost))
    frame = _with_columns(frame.reset_index(drop=frame.index.name is None), LOST_COLUMNS)
    return frame[LOST_COLUMNS + [c for c in frame.columns if c not in LOST_COLUMNS]]


def _without_ids(analysis: Any) -> list[str]:
    """Ids removed for the what-if (kept by ``Network.without`` in the network's meta)."""
    network = getattr(analysis, "network", None)
    meta = getattr(network, "meta", None) or {}
    return [str(i) for i in meta.get("without", _summary(analysis).get("without_ids", []))]


def display_frame(frame: pd.DataFrame, table: str, *, lang: str = "zh") -> pd.DataFrame:
    """Return a people-facing copy of an output table: values and headers localised.

    Status, kind, severity, subject-kind, proposal and yes/no values are
    translated; findings gain a ``title`` column (the code's title) after
    ``code``. Codes, ids and names stay unchanged.

    Examples
    --------
    >>> f = pd.DataFrame({"unit_id": ["U1"], "status": ["work_only"], "overloaded": [False]})
    >>> display_frame(f, "coverage").iloc[0].tolist()
    ['U1', '仅工作覆盖', '否']
    >>> list(display_frame(f, "coverage", lang="en").columns)
    ['Unit id', 'Coverage status', 'Overloaded']

    """
    out = frame.copy()
    if table == "findings" and "code" in out.columns:
        titles = {code: i18n.code_title(code, lang=lang) for code in CODES}
        position = list(out.columns).index("code") + 1
        out.insert(position, "title", out["code"].map(titles).fillna(out["code"]).astype("string"))
    for col in out.columns:
        if col in i18n.VALUES or pd.api.types.is_bool_dtype(out[col].dtype):
            out[col] = i18n.translate_values(out[col], col, lang=lang)
    out.columns = i18n.column_labels(out.columns, table=table, lang=lang)
    return out


# --------------------------------------------------------------------------- summary
def _summary(analysis: Any) -> dict[str, Any]:
    summary = getattr(analysis, "summary", None)
    return summary if isinstance(summary, Mapping) else {}


def _settings(analysis: Any) -> Settings:
    settings = getattr(analysis, "settings", None)
    return settings if isinstance(settings, Settings) else Settings()


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dt.date | pd.Timestamp):
        return value.isoformat()
    if isinstance(value, pd.DataFrame):
        return json.loads(value.to_json(orient="records", date_format="iso", force_ascii=False))
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    if value is pd.NA or value is pd.NaT:
        return None
    msg = f"summary.json: cannot write a value of type {type(value).__name__}"
    raise TypeError(msg)


def write_summary(analysis: Any, path: str | Path) -> Path:
    """Write ``analysis.summary`` as pretty UTF-8 JSON (Chinese kept readable).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = write_summary(example_analysis(), Path(tmp) / "summary.json")
    ...     json.loads(p.read_text(encoding="utf-8"))["rates"]["org_coverage"]
    0.5

    """
    path = Path(path)
    text = json.dumps(_summary(analysis), ensure_ascii=False, indent=2, default=_json_default)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _rates(analysis: Any) -> dict[str, float | None]:
    rates = _summary(analysis).get("rates", {}) or {}
    return {key: rates.get(key) for key in ("org_coverage", "own_rate", "work_coverage")}


def _by_street(analysis: Any) -> pd.DataFrame:
    """The per-street summary as a frame with the contract's columns."""
    columns = STREET_COLUMNS
    frame = pd.DataFrame(list(_summary(analysis).get("by_street", []) or []))
    frame = frame.reindex(columns=columns + [c for c in frame.columns if c not in columns])
    for col in ("units", "own_org", "joint_org", "work_only", "uncovered"):
        frame[col] = pd.to_numeric(frame[col]).fillna(0).astype("int64")
    for col in _PCT_COLUMNS:
        frame[col] = pd.to_numeric(frame[col]).astype("float64")
    return frame


def _findings_by_code(findings: pd.DataFrame) -> pd.DataFrame:
    """Count findings per code, ordered by severity then count (largest first)."""
    counts = findings["code"].value_counts(dropna=True)
    frame = pd.DataFrame({"code": counts.index.astype("string"), "count": counts.to_numpy()})
    frame["severity"] = frame["code"].map({c: v[0] for c, v in CODES.items()}).fillna("info")
    frame["_order"] = frame["severity"].map(_SEVERITY_ORDER).fillna(3)
    frame = frame.sort_values(["_order", "count", "code"], ascending=[True, False, True])
    return frame.drop(columns="_order").reset_index(drop=True)


def _fmt_pct(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "—"
    return f"{float(value):.1%}"


def _as_of(analysis: Any) -> str:
    as_of = _summary(analysis).get("as_of")
    return str(as_of) if as_of else _settings(analysis).today.isoformat()


#: Most rows per table and subjects per finding code that ``report.html`` lists.
_HTML_MAX_ROWS, _HTML_MAX_ITEMS = 200, 50


# --------------------------------------------------------------------------- csv + all
def write_outputs(
    analysis: Any,
    out_dir: str | Path,
    *,
    lang: str = "zh",
    show_contacts: bool = False,
    diagram: bool = True,
    charts: bool = True,
    xlsx_max_rows: int = XLSX_MAX_ROWS,
    executor: Executor | None = None,
) -> dict[str, Path]:
    """Write every output file of ``graphkit analyze`` into ``out_dir``.

    Parameters
    ----------
    analysis
        An ``Analysis``; read-only.
    out_dir
        The output folder; created when missing, existing files overwritten.
    lang
        ``"zh"`` (default) or ``"en"``: language of ``report.xlsx`` and
        ``report.html``. CSV and JSON files always use canonical English names.
    show_contacts
        Keep phone numbers readable; masked by default.
    diagram
        Embed the interactive network diagram in ``report.html`` (when
        :mod:`graphkit.interactive` is available).
    charts
        Draw the charts of ``report.html``.
    xlsx_max_rows
        Most data rows per sheet of ``report.xlsx`` (at most
        :data:`EXCEL_MAX_ROWS`); the CSV files always hold every row.
    executor
        Where to write the CSV files, ``summary.json`` and ``report.xlsx`` and
        draw the page's charts while this thread renders ``report.html``: any
        :class:`concurrent.futures.Executor`; ``None`` (the default) does it
        all here. The same files either way.

    Returns
    -------
    dict of str to pathlib.Path
        File name → path of every file written (see the module docstring);
        ``without.csv`` is added when the analysis ran with ``without``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_outputs(example_analysis(), tmp, diagram=False, charts=False)
    ...     paths["coverage.csv"].read_text(encoding="utf-8-sig").splitlines()[0]
    'unit_id,name,kind,street,party_members,status,party_org_id'

    """
    i18n.check_lang(lang)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = output_tables(analysis, show_contacts=show_contacts)
    without = _without_table(analysis)
    if without is not None:
        tables["without"] = mask_contacts(without, show_contacts=show_contacts)
    # the files and the charts elsewhere (an executor) while this thread draws the diagram
    args = (analysis, out, tables)
    kwargs = {"lang": lang, "max_rows": xlsx_max_rows, "charts": charts}
    files = executor.submit(_write_files, *args, **kwargs) if executor is not None else None
    ctx = _context(
        analysis,
        lang=lang,
        show_contacts=show_contacts,
        diagram=diagram,
        charts=False,
        tables=tables,
        max_rows=_HTML_MAX_ROWS,
        max_items=_HTML_MAX_ITEMS,
        mode="page",
    )
    paths, chart_parts = files.result() if files is not None else _write_files(*args, **kwargs)
    page = _environment().get_template("report.html.j2").render(ctx | chart_parts)
    paths["report.html"] = out / "report.html"
    paths["report.html"].write_text(page, encoding="utf-8")
    return paths


def _write_files(
    analysis: Any, out: Path, tables: Mapping[str, pd.DataFrame], *, lang: str, max_rows: int, charts: bool
) -> tuple[dict[str, Path], dict[str, str]]:
    """The CSV files, summary.json and report.xlsx of :func:`write_outputs`, and the page's charts."""
    paths: dict[str, Path] = {}
    for name, frame in tables.items():
        path = out / f"{name}.csv"
        write_csv(frame, path)
        paths[path.name] = path
    paths["summary.json"] = write_summary(analysis, out / "summary.json")
    paths["report.xlsx"] = write_xlsx(
        analysis, out / "report.xlsx", lang=lang, tables=tables, max_rows=max_rows
    )
    return paths, (_chart_parts(analysis, lang=lang) if charts else {})


#: Characters that make a CSV field need quotes.
_CSV_SPECIAL = re.compile(r'[,"\r\n]')


def _csv_column(series: pd.Series) -> Any:
    """One column as the Arrow array :func:`write_csv` writes: integers and text as they are, else text.

    Booleans, floats, dates and every other kind become the text pandas
    gives them (``astype("string")``, the same text ``DataFrame.to_csv``
    writes: ``True``, ``0.5``, ``2026-11-27``); missing values stay null.
    """
    import pyarrow as pa

    dtype = series.dtype
    if pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        return pa.array(series, from_pandas=True)
    if pd.api.types.is_string_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype):
        try:  # text, or an object column of text and missing values
            return pa.array(series, type=pa.string(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass  # an object column holding other values too
    return pa.array(series.astype("string"), type=pa.string(), from_pandas=True)


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    r"""Write ``frame``, without its index, as a CSV file in UTF-8 with a byte-order mark.

    The header holds the column names in order. Integers are written as
    digits, dates (times at midnight) as ``YYYY-MM-DD``, booleans as
    ``True``/``False``, other values as pandas shows them; missing values are
    empty cells. Text is quoted (Arrow's CSV writer quotes every text
    value), so the values read back are those of ``frame.to_csv(path,
    index=False)``. The byte-order mark lets Excel open Chinese text.

    Parameters
    ----------
    frame
        The table; read-only.
    path
        The file to write (overwritten).

    Returns
    -------
    pathlib.Path
        ``path``.

    Notes
    -----
    O(cells): every column is converted once, then Arrow's CSV writer
    (:func:`pyarrow.csv.write_csv`) writes the rows.

    Examples
    --------
    >>> import tempfile
    >>> frame = pd.DataFrame({"id": ["U1", "U2"], "name": ["甲,乙", None], "n": [1, 2], "ok": [True, False]})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     text = write_csv(frame, Path(tmp) / "t.csv").read_text(encoding="utf-8-sig")
    >>> print(text, end="")
    id,name,n,ok
    "U1","甲,乙",1,"True"
    "U2",,2,"False"

    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    path = Path(path)
    names = [str(c) for c in frame.columns]
    arrays = [_csv_column(frame.iloc[:, j]) for j in range(frame.shape[1])]
    if len(arrays) == 1 and arrays[0].null_count:
        # a lone empty cell would make an empty line, which readers skip: write "" instead
        arrays = [arrays[0].cast(pa.string()).fill_null("")]
    table = pa.Table.from_arrays(arrays, names=names)
    header = "needed" if any(_CSV_SPECIAL.search(n) for n in names) else "none"
    options = pacsv.WriteOptions(quoting_header=header)
    with pa.OSFile(str(path), "wb") as sink:
        sink.write(b"\xef\xbb\xbf")
        pacsv.write_csv(table, sink, write_options=options)
    return path


# --------------------------------------------------------------------------- xlsx
def _text_width(values: pd.Series) -> int:
    """Display width (CJK characters count double) of the widest of ``values``."""
    if values.empty:
        return 0
    text = values.astype("string").fillna("")
    width = text.str.len() + text.str.count(_CJK)
    return int(width.max())


def _cells(series: pd.Series) -> list[Any]:
    """A column as the Python values xlsxwriter writes, converted once.

    Missing values (and infinite numbers, which a cell cannot hold) become
    ``None``; dates become :class:`datetime.datetime` (time zones dropped);
    NumPy and pandas scalars become ``int``, ``float``, ``bool`` or ``str``.

    Examples
    --------
    >>> _cells(pd.Series([1, None], dtype="Int64")), _cells(pd.Series([0.5, math.inf]))
    ([1, None], [0.5, None])
    >>> _cells(pd.Series(pd.to_datetime(["2026-11-27", None])))
    [datetime.datetime(2026, 11, 27, 0, 0), None]

    """
    dtype = series.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            series = series.dt.tz_localize(None)
        stamps = series.dt.to_pydatetime()
        return [None if v is pd.NaT else v for v in stamps]
    if pd.api.types.is_float_dtype(dtype):
        floats = series.to_numpy(dtype="float64", na_value=np.nan)
        values = floats.astype(object)
        values[~np.isfinite(floats)] = None
        return values.tolist()
    return series.to_numpy(dtype=object, na_value=None).tolist()


def _write_rows(ws: Any, columns: list[list[Any]], *, first_row: int) -> None:
    """Write equally long ``columns`` into ``ws`` row by row from ``first_row``, from column A.

    ``None`` leaves a cell empty; a cell without a format of its own takes
    its column's (:meth:`Worksheet.set_column`).
    """
    write_row = ws.write_row
    for row, values in enumerate(zip(*columns, strict=True), start=first_row):
        if write_row(row, 0, values):
            # write_row stops at a text longer than a cell holds (32,767 characters):
            # write the row cell by cell, that text cut to fit
            for col, value in enumerate(values):
                if value is not None:
                    ws.write(row, col, value)


def write_xlsx(
    analysis: Any,
    path: str | Path,
    *,
    lang: str = "zh",
    show_contacts: bool = False,
    tables: Mapping[str, pd.DataFrame] | None = None,
    max_rows: int = XLSX_MAX_ROWS,
) -> Path:
    """Write ``report.xlsx``: an overview sheet, then one sheet per output table.

    Sheet names, headers and status/kind values are Chinese by default,
    English with ``lang="en"``. Headers are bold, frozen and filterable;
    columns are sized to their content; rates are formatted as percentages;
    ids are written as text. A table longer than ``max_rows`` is cut there
    and the overview says so (the CSV file holds every row).

    Parameters
    ----------
    analysis
        An ``Analysis``; read-only.
    path
        The workbook to write.
    lang
        ``"zh"`` or ``"en"``.
    show_contacts
        Keep phone numbers readable (ignored when ``tables`` is given).
    tables
        Output tables already made by :func:`output_tables`.
    max_rows
        Most data rows per sheet (:data:`XLSX_MAX_ROWS` by default; Excel's
        own limit, :data:`EXCEL_MAX_ROWS`, is the most allowed).

    Notes
    -----
    O(cells written): xlsxwriter (in its constant-memory mode) writes every
    cell of every sheet, at most ``max_rows`` rows each, in Python.

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = write_xlsx(example_analysis(), Path(tmp) / "report.xlsx", lang="en")
    ...     openpyxl.load_workbook(p).sheetnames[:3]
    ['Overview', 'Findings', 'Coverage']

    """
    import xlsxwriter

    i18n.check_lang(lang)
    max_rows = min(max_rows, EXCEL_MAX_ROWS)
    tables = dict(tables) if tables is not None else output_tables(analysis, show_contacts=show_contacts)
    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "header": book.add_format(
            {"bold": True, "bg_color": "#E8EEF7", "bottom": 1, "text_wrap": True, "valign": "top"}
        ),
        "bold": book.add_format({"bold": True}),
        "pct": book.add_format({"num_format": "0.0%"}),
        "text": book.add_format({"num_format": "@"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "note": book.add_format({"italic": True, "font_color": "#555555"}),
    }
    capped: list[str] = []
    for name, frame in tables.items():
        if len(frame) > max_rows:
            capped.append(
                i18n.text(
                    "sheet_capped",
                    lang=lang,
                    sheet=i18n.sheet_name(name, lang=lang),
                    shown=max_rows,
                    total=len(frame),
                    file=f"{name}.csv",
                )
            )
    _overview_sheet(book, fmt, analysis, lang=lang, notes=capped)
    for name, frame in tables.items():
        _table_sheet(book, fmt, name, frame.head(max_rows), lang=lang)
    book.close()
    return Path(path)


def _overview_sheet(book: Any, fmt: dict[str, Any], analysis: Any, *, lang: str, notes: list[str]) -> None:
    """The first sheet: headline rates, per-street table and findings by code."""
    ws = book.add_worksheet(i18n.sheet_name("overview", lang=lang))
    t = lambda key, **kw: i18n.text(key, lang=lang, **kw)  # noqa: E731
    by_street = _by_street(analysis)
    street_cols = list(by_street.columns[:10])
    widths = [14, 12, 44] + [10] * (len(street_cols) - 3)
    widths[1] = max(12, _text_width(by_street["street"]) + 2) if len(by_street) else 12
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.write_string(0, 0, t("report_title"), fmt["title"])
    ws.write_string(1, 0, t("as_of"), fmt["bold"])
    ws.write_string(1, 1, _as_of(analysis))
    row = 3
    ws.write_row(row, 0, [t("metric"), t("rate"), i18n.column_label("detail", lang=lang)], fmt["header"])
    for key, value in _rates(analysis).items():
        row += 1
        ws.write_string(row, 0, i18n.column_label(key, lang=lang))
        if value is None:
            ws.write_string(row, 1, "—")
        else:
            ws.write_number(row, 1, float(value), fmt["pct"])
        ws.write_string(row, 2, t(f"{key}_help"))
    row += 1
    ws.write_string(row, 0, t("units_total"))
    ws.write_number(row, 1, len(analysis.coverage))
    row += 1
    ws.write_string(row, 0, t("findings_total"))
    ws.write_number(row, 1, len(analysis.findings))

    row += 2
    ws.write_string(row, 0, t("by_street"), fmt["bold"])
    row += 1
    ws.write_row(row, 0, i18n.column_labels(street_cols, table="by_street", lang=lang), fmt["header"])
    pct_positions = {i for i, c in enumerate(street_cols) if c in _PCT_COLUMNS}
    columns = [_cells(by_street[c]) for c in street_cols]
    for values in zip(*columns, strict=True):
        row += 1
        for col, value in enumerate(values):
            _write_cell(ws, row, col, value, fmt["pct"] if col in pct_positions else None)
    totals = by_street[["units", "own_org", "joint_org", "work_only", "uncovered"]].sum()
    if len(by_street):
        row += 1
        ws.write_string(row, 1, t("total"), fmt["bold"])
        for col, key in enumerate(["units", "own_org", "joint_org", "work_only", "uncovered"], start=2):
            ws.write_number(row, col, int(totals[key]), fmt["bold"])
        for col, key in enumerate(["org_coverage", "own_rate", "work_coverage"], start=7):
            value = _rates(analysis)[key]
            if value is not None:
                ws.write_number(row, col, float(value), fmt["pct"])

    row += 2
    ws.write_string(row, 0, t("findings"), fmt["bold"])
    row += 1
    headers = ["code", "title", "severity", "count"]
    ws.write_row(row, 0, i18n.column_labels(headers, lang=lang), fmt["header"])
    by_code = _findings_by_code(analysis.findings)
    for code, count, severity in by_code[["code", "count", "severity"]].itertuples(index=False):
        row += 1
        ws.write_string(row, 0, code)
        ws.write_string(row, 1, i18n.code_title(code, lang=lang))
        ws.write_string(row, 2, str(i18n.value_label("severity", severity, lang=lang)))
        ws.write_number(row, 3, int(count))
    row += 2
    for note in [t("overview_note"), *notes]:
        ws.write_string(row, 0, note, fmt["note"])
        row += 1


def _write_cell(ws: Any, row: int, col: int, value: Any, cell_format: Any) -> None:
    """Write one value of :func:`_cells` (``None``: leave the cell empty) with xlsxwriter's ``write``."""
    if value is not None:
        ws.write(row, col, value, cell_format)


def _is_id_column(name: str) -> bool:
    return name == "id" or name.endswith("_id") or name in {"code", "source", "target", "file", "sheet"}


def _table_sheet(book: Any, fmt: dict[str, Any], name: str, frame: pd.DataFrame, *, lang: str) -> None:
    """One sheet holding one output table, rows written in order (constant memory)."""
    ws = book.add_worksheet(i18n.sheet_name(name, lang=lang))
    shown = display_frame(frame, name, lang=lang)
    canonical = list(frame.columns)
    if name == "findings" and "code" in canonical:
        canonical.insert(canonical.index("code") + 1, "title")
    sample = shown.head(2000)
    for col, (key, label) in enumerate(zip(canonical, shown.columns, strict=True)):
        series = shown[label]
        if key in _PCT_COLUMNS:
            cell_format = fmt["pct"]
        elif pd.api.types.is_datetime64_any_dtype(series.dtype):
            cell_format = fmt["date"]
        elif _is_id_column(key):
            cell_format = fmt["text"]
        else:
            cell_format = None
        width = max(_text_width(pd.Series([label])), _text_width(sample[label]) + 1, 6)
        if cell_format is fmt["date"]:
            width = max(width, 11)
        ws.set_column(col, col, min(width + 1, 60), cell_format)
    ws.write_row(0, 0, list(shown.columns), fmt["header"])
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(shown), 1), max(len(shown.columns) - 1, 0))
    # each cell takes its column's format (set above): ids as text, dates, rates
    _write_rows(ws, [_cells(shown.iloc[:, j]) for j in range(shown.shape[1])], first_row=1)


# --------------------------------------------------------------------------- charts
def _rc() -> dict[str, Any]:
    """Matplotlib ``rcParams`` with the CJK font of :mod:`graphkit.fonts`, text as paths in SVG."""
    from graphkit.fonts import cjk_rc

    return {**cjk_rc(), "svg.fonttype": "path"}


def _svg(fig: Any, salt: str) -> str:
    """Inline SVG markup of a figure: no XML prolog, metadata or namespace URLs."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.DOTALL)
    text = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", text)
    return re.sub(r'<svg([^>]*?)\s+width="([\d.]+)pt"\s+height="([\d.]+)pt"', _svg_size, text, count=1)


def _svg_size(match: re.Match[str]) -> str:
    """Make the root ``<svg>`` scale with the page (keep its aspect through viewBox)."""
    return f'<svg{match.group(1)} class="gk-chart" style="max-width:{float(match.group(2)) * 1.34:.0f}px"'


def _coverage_chart(by_street: pd.DataFrame, *, lang: str, max_streets: int = 30) -> tuple[str, str]:
    """Stacked horizontal bars of units by status per street; returns (svg, note)."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    from graphkit.draw import STATUS_COLORS

    if by_street.empty:
        return "", ""
    top = by_street.sort_values(["units", "street"], ascending=[False, True]).head(max_streets)
    top = top.iloc[::-1]
    labels = top["street"].astype("string").fillna(top["street_id"].astype("string")).fillna("—")
    note = ""
    if len(by_street) > max_streets:
        note = i18n.text("chart_streets_capped", lang=lang, shown=max_streets, total=len(by_street))
    with matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(8, 0.8 + 0.32 * len(top)), layout="constrained")
        ax = fig.subplots()
        left = np.zeros(len(top))
        positions = np.arange(len(top))
        for status in _STATUSES:
            values = top[status].to_numpy(dtype=float)
            ax.barh(
                positions,
                values,
                left=left,
                color=STATUS_COLORS[status],
                label=i18n.value_label("status", status, lang=lang),
                height=0.7,
            )
            left += values
        ax.set_yticks(positions, labels.tolist())
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(i18n.text("chart_units", lang=lang))
        ax.spines[["top", "right"]].set_visible(False)
        ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=4, frameon=False)
        svg = _svg(fig, "gk-coverage")
    return svg, note


def _reach_chart(reach: pd.Series, limit: int, *, lang: str, max_bars: int = 60) -> str:
    """Histogram of units reached per instructor, one bar per value, the limit marked.

    Reach is heavy-tailed (a few instructors guide whole buildings), so values
    above the larger of ``2 × limit`` and the 95th percentile (at most
    ``max_bars``) share one last bar labelled "＞N".
    """
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    from graphkit.draw import STATUS_COLORS

    values = pd.to_numeric(reach, errors="coerce").dropna().to_numpy(dtype="int64")
    if values.size == 0:
        return ""
    upper = int(min(max(2 * limit + 1, np.ceil(np.quantile(values, 0.95)), 1), max_bars))
    over = values > upper
    counts = np.bincount(np.clip(values[~over], 0, None), minlength=upper + 1)
    x = np.arange(upper + 1)
    colors = np.where(x > limit, STATUS_COLORS["uncovered"], "#2b6cb0")
    with matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(8, 3.2), layout="constrained")
        ax = fig.subplots()
        ax.bar(x, counts, width=0.85, color=colors.tolist())
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if over.any():
            ax.bar([upper + 2], [int(over.sum())], width=0.85, color=STATUS_COLORS["uncovered"], hatch="//")
            ticks = [t for t in ax.get_xticks() if 0 <= t <= upper]
            ax.set_xticks([*ticks, upper + 2], [f"{t:g}" for t in ticks] + [f"＞{upper}"])
        ax.set_xlim(-1, upper + (3 if over.any() else 1))
        ax.axvline(limit + 0.5, color="#333333", linestyle="--", linewidth=1.2)
        ax.annotate(
            i18n.text("chart_limit", lang=lang, limit=limit),
            xy=(limit + 0.5, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color="#333333",
        )
        ax.set_xlabel(i18n.column_label("reach", lang=lang))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(i18n.text("chart_instructors", lang=lang))
        ax.spines[["top", "right"]].set_visible(False)
        return _svg(fig, "gk-reach")


# --------------------------------------------------------------------------- html
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _load_template(name: str) -> str:
    return importlib.resources.files("graphkit").joinpath("templates", name).read_text(encoding="utf-8")


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
        if key in _PCT_COLUMNS:
            text = series.map(_fmt_pct)
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
    by_code = _findings_by_code(findings)
    firsts = findings.groupby("code", sort=False).head(max_items)
    groups = []
    for code, count, severity in by_code[["code", "count", "severity"]].itertuples(index=False):
        items = firsts[firsts["code"] == code]
        rows = items[["subject_name", "subject_id", "street", "detail"]].astype("string").fillna("")
        groups.append(
            {
                "code": code,
                "title": i18n.code_title(code, lang=lang),
                "severity": severity,
                "severity_label": i18n.value_label("severity", severity, lang=lang),
                "count": int(count),
                "items": rows.to_numpy().tolist(),
                "more": i18n.text("and_more", lang=lang, n=int(count) - len(items))
                if count > len(items)
                else "",
            }
        )
    return groups


def _context(
    analysis: Any,
    *,
    lang: str,
    show_contacts: bool,
    diagram: bool,
    charts: bool,
    tables: Mapping[str, pd.DataFrame] | None,
    max_rows: int,
    max_items: int,
    mode: str,
) -> dict[str, Any]:
    """Everything the template shows, precomputed and capped."""
    from graphkit.version import __version__

    i18n.check_lang(lang)
    settings = _settings(analysis)
    t = {key: i18n.text(key, lang=lang) for key in i18n.TEXT if "{" not in i18n.TEXT[key][0]}
    rates = _rates(analysis)
    by_street = _by_street(analysis)
    street_cols = list(by_street.columns[:10])
    street_cols.remove("street_id")
    ctx: dict[str, Any] = {
        "mode": mode,
        "lang": lang,
        "t": t,
        "col": {
            key: i18n.column_label(key, lang=lang)
            for key in (
                "subject_name",
                "subject_id",
                "street",
                "detail",
                "title",
                "code",
                "count",
                "severity",
            )
        },
        "version": __version__,
        "generated_by": i18n.text("generated_by", lang=lang, version=__version__),
        "as_of": _as_of(analysis),
        "rates": [
            {
                "label": i18n.column_label(key, lang=lang),
                "value": _fmt_pct(value),
                "help": i18n.text(f"{key}_help", lang=lang),
                "key": key,
            }
            for key, value in rates.items()
        ],
        "units_total": f"{len(analysis.coverage):,}",
        "findings_total": f"{len(analysis.findings):,}",
        "streets": _html_table(by_street[street_cols], "by_street", lang=lang, max_rows=max_rows),
        "finding_groups": _finding_groups(analysis.findings, lang=lang, max_items=max_items),
    }
    if mode == "fragment":
        return ctx
    tables = dict(tables) if tables is not None else output_tables(analysis, show_contacts=show_contacts)
    limit = settings.max_units_per_instructor
    instructors = tables["instructors"].sort_values(["reach", "instructor_id"], ascending=[False, True])
    resilience = tables["resilience"]
    if "units_lost_total" in resilience.columns:
        resilience = resilience[resilience["units_lost_total"] > 0]
        resilience = resilience.sort_values("units_lost_total", ascending=False, kind="stable")
    ctx |= {
        "proposals": _html_table(
            tables["proposals"], "proposals", lang=lang, max_rows=max_rows, file="proposals.csv"
        ),
        "instructors": _html_table(
            instructors, "instructors", lang=lang, max_rows=min(max_rows, 50), file="instructors.csv"
        ),
        "instructors_help": i18n.text("instructors_help", lang=lang, limit=limit),
        "resilience": _html_table(
            resilience, "resilience", lang=lang, max_rows=min(max_rows, 50), file="resilience.csv"
        ),
        "rejects": _html_table(
            tables["rejects"], "rejects", lang=lang, max_rows=max_rows, file="rejects.csv"
        ),
        "settings": sorted(settings.to_dict().items()),
        "coverage_chart": "",
        "coverage_chart_note": "",
        "reach_chart": "",
        "diagram": "",
        "without": None,
    }
    without = tables.get("without")
    if without is None:
        without = _without_table(analysis)
    if without is not None:
        ids = "、".join(_without_ids(analysis))
        ctx["without"] = _html_table(without, "without", lang=lang, max_rows=max_rows, file="without.csv")
        ctx["without_help"] = i18n.text("without_help", lang=lang, ids=ids or "…")
    if charts:
        ctx |= _chart_parts(analysis, lang=lang, by_street=by_street)
    if diagram:
        ctx["diagram"] = _diagram(analysis, lang=lang, show_contacts=show_contacts)
    return ctx


def _chart_parts(analysis: Any, *, lang: str, by_street: pd.DataFrame | None = None) -> dict[str, str]:
    """The two charts of ``report.html`` (inline SVG) and the coverage chart's note."""
    by_street = _by_street(analysis) if by_street is None else by_street
    coverage_chart, note = _coverage_chart(by_street, lang=lang)
    limit = _settings(analysis).max_units_per_instructor
    reach_chart = _reach_chart(analysis.instructors["reach"], limit, lang=lang)
    return {"coverage_chart": coverage_chart, "coverage_chart_note": note, "reach_chart": reach_chart}


def _diagram(analysis: Any, *, lang: str, show_contacts: bool) -> str:
    """The interactive diagram document, or ``""`` when the module is unavailable."""
    network = getattr(analysis, "network", None)
    if network is None:
        return ""
    try:
        from graphkit.draw.interactive import interactive_html
    except ImportError:
        return ""
    return interactive_html(
        network,
        coverage=analysis.coverage,
        title=i18n.text("diagram", lang=lang),
        show_contacts=show_contacts,
    )


def render_html(
    analysis: Any,
    *,
    lang: str = "zh",
    show_contacts: bool = False,
    diagram: bool = True,
    charts: bool = True,
    tables: Mapping[str, pd.DataFrame] | None = None,
    max_rows: int = _HTML_MAX_ROWS,
    max_items: int = _HTML_MAX_ITEMS,
) -> str:
    """Return ``report.html``: one self-contained page that opens offline.

    The page shows the headline rates (组织覆盖率, 单独组建率, 工作覆盖率), charts
    of coverage by street and of instructor reach (inline SVG), the per-street
    table, findings grouped by code (collapsible, each listing its first
    ``max_items`` subjects), proposals, busiest instructors, key nodes,
    rejected rows, the settings used and the interactive network diagram
    (when :mod:`graphkit.interactive` is available). It loads nothing from the
    network: no external scripts, styles, fonts or images.

    Parameters
    ----------
    analysis
        An ``Analysis``; read-only.
    lang
        ``"zh"`` or ``"en"``.
    show_contacts
        Keep phone numbers readable.
    diagram, charts
        Include the interactive diagram / the charts.
    tables
        Output tables already made by :func:`output_tables`.
    max_rows, max_items
        Most rows per table and most subjects listed per finding code; the
        page says when a list is cut and where the full table is.

    Notes
    -----
    Tables and lists are capped and charts aggregate, so the page stays a
    few megabytes at a million units (the diagram caps itself).

    Examples
    --------
    >>> page = render_html(example_analysis(), diagram=False, charts=False)
    >>> page.startswith("<!DOCTYPE html>"), "UNCOVERED" in page, "50.0%" in page
    (True, True, True)

    """
    ctx = _context(
        analysis,
        lang=lang,
        show_contacts=show_contacts,
        diagram=diagram,
        charts=charts,
        tables=tables,
        max_rows=max_rows,
        max_items=max_items,
        mode="page",
    )
    return _environment().get_template("report.html.j2").render(ctx)


def analysis_repr_html(analysis: Any, *, lang: str | None = None, max_items: int = 10) -> str:
    """Compact HTML for Jupyter: headline rates, findings by code, per-street table.

    ``lang`` defaults to the analysis settings' language. The fragment has
    its own scoped styles and no scripts; ``Analysis._repr_html_`` returns it.

    Examples
    --------
    >>> fragment = analysis_repr_html(example_analysis(), lang="en")
    >>> "Organisational coverage" in fragment and "<script" not in fragment
    True

    """
    lang = lang or _settings(analysis).lang
    ctx = _context(
        analysis,
        lang=lang,
        show_contacts=False,
        diagram=False,
        charts=False,
        tables=None,
        max_rows=50,
        max_items=max_items,
        mode="fragment",
    )
    return _environment().get_template("report.html.j2").render(ctx)


class Report:
    """An analysis as a report: shows itself in Jupyter, renders and saves its files.

    Parameters
    ----------
    analysis
        An ``Analysis`` (see :func:`graphkit.analysis.analyze`).
    lang
        ``"zh"`` (default) or ``"en"``.
    show_contacts
        Keep phone numbers readable in what it renders and saves.

    Examples
    --------
    >>> report = Report(example_analysis(), lang="en")
    >>> "Own-organisation rate" in report._repr_html_()
    True
    >>> report.to_html(diagram=False).count("<details") >= 1
    True

    """

    def __init__(self, analysis: Any, *, lang: str = "zh", show_contacts: bool = False) -> None:
        self.analysis = analysis
        self.lang = i18n.check_lang(lang)
        self.show_contacts = show_contacts

    def __repr__(self) -> str:
        rates = ", ".join(f"{k}={_fmt_pct(v)}" for k, v in _rates(self.analysis).items())
        return (
            f"<Report: {len(self.analysis.coverage)} units, {len(self.analysis.findings)} findings, {rates}>"
        )

    def _repr_html_(self) -> str:
        return analysis_repr_html(self.analysis, lang=self.lang)

    def to_html(self, *, diagram: bool = True, charts: bool = True) -> str:
        """Return the full self-contained page (see :func:`render_html`)."""
        return render_html(
            self.analysis, lang=self.lang, show_contacts=self.show_contacts, diagram=diagram, charts=charts
        )

    def save(self, out_dir: str | Path) -> dict[str, Path]:
        """Write every output file into ``out_dir`` (see :func:`write_outputs`)."""
        return write_outputs(self.analysis, out_dir, lang=self.lang, show_contacts=self.show_contacts)


# --------------------------------------------------------------------------- example
def example_analysis() -> Analysis:
    """A tiny, hand-made analysis result (four units) for examples and tests.

    It has the shape of an ``Analysis``: the fields ``network, settings,
    coverage, instructors, pairings, proposals, resilience, findings, summary,
    rejects``.

    Examples
    --------
    >>> example_analysis().coverage["status"].tolist()
    ['own_org', 'joint_org', 'work_only', 'uncovered']

    """
    from graphkit.findings import concat_findings, make_findings
    from graphkit.model import Network, empty_rejects

    network = Network.from_records(
        nodes={
            "Unit": [
                {"id": "U1", "name": "甲公司", "kind": "enterprise", "party_members": 5},
                {"id": "U2", "name": "乙公司", "kind": "enterprise", "party_members": 1},
                {"id": "U3", "name": "丙协会", "kind": "social_org", "party_members": 0},
                {"id": "U4", "name": "丁公司", "kind": "enterprise", "party_members": 2},
            ],
            "PartyOrg": [
                {"id": "P1", "name": "甲公司党支部", "level": "branch", "form": "own"},
                {"id": "P2", "name": "联合党支部", "level": "branch", "form": "joint"},
            ],
            "Street": [{"id": "S1", "name": "林山寨街道"}, {"id": "S2", "name": "建设路街道"}],
            "Instructor": [{"id": "I1", "name": "张伟", "phone": "13812345678"}],
        },
        rels={
            "COVERED_BY": [("U1", "P1"), ("U2", "P2")],
            "GUIDES": [("I1", "U3")],
            "IN_STREET": [("U1", "S1"), ("U2", "S1"), ("U3", "S2"), ("U4", "S2")],
        },
    )
    coverage = pd.DataFrame(
        {
            "name": ["甲公司", "乙公司", "丙协会", "丁公司"],
            "kind": ["enterprise", "enterprise", "social_org", "enterprise"],
            "street": ["林山寨街道", "林山寨街道", "建设路街道", "建设路街道"],
            "street_id": ["S1", "S1", "S2", "S2"],
            "party_members": pd.array([5, 1, 0, 2], dtype="Int64"),
            "status": list(_STATUSES),
            "party_org_id": ["P1", "P2", None, None],
        },
        index=pd.Index(["U1", "U2", "U3", "U4"], name="unit_id"),
    ).astype(dict.fromkeys(("name", "kind", "street", "street_id", "status", "party_org_id"), "string"))
    instructors = pd.DataFrame(
        {"name": ["张伟"], "reach": [1], "contacts": [1], "overloaded": [False], "street": ["建设路街道"]},
        index=pd.Index(["I1"], name="instructor_id"),
    )
    findings = concat_findings(
        [
            make_findings("UNCOVERED", "Unit", ["U4"], ["丁公司"], street=["建设路街道"], detail="无覆盖"),
            make_findings(
                "MEMBERS_WITHOUT_ORG", "Unit", ["U4"], ["丁公司"], street=["建设路街道"], detail="有2名党员"
            ),
            make_findings("UNPAIRED_ORG", "PartyOrg", ["P1", "P2"], ["甲公司党支部", "联合党支部"]),
        ]
    )
    street_rows = [
        ("S1", "林山寨街道", 2, 1, 1, 0, 0, 1.0, 0.5, 1.0),
        ("S2", "建设路街道", 2, 0, 0, 1, 1, 0.0, 0.0, 0.5),
    ]
    summary = {
        "as_of": "2026-01-01",
        "settings": Settings(as_of=dt.date(2026, 1, 1)).to_dict(),
        "counts": {"Unit": 4},
        "rates": {"org_coverage": 0.5, "own_rate": 0.25, "work_coverage": 0.75},
        "by_street": [dict(zip(STREET_COLUMNS, row, strict=True)) for row in street_rows],
        "findings": findings["code"].value_counts().to_dict(),
    }
    return Analysis(
        network=network,
        settings=Settings(as_of=dt.date(2026, 1, 1)),
        coverage=coverage,
        instructors=instructors,
        pairings=pd.DataFrame(columns=PAIRING_COLUMNS),
        proposals=pd.DataFrame(
            {
                "proposal": ["joint_branch", "joint_branch"],
                "group": [1, 1],
                "subject_kind": ["Unit", "Unit"],
                "subject_id": ["U3", "U4"],
                "subject_name": ["丙协会", "丁公司"],
                "from_id": [None, None],
                "from_name": [None, None],
                "to_id": [None, None],
                "to_name": [None, None],
                "street": ["建设路街道", "建设路街道"],
                "detail": ["与丁公司联合组建党支部", "与丙协会联合组建党支部"],
            }
        ),
        resilience=pd.DataFrame(
            {
                "subject_kind": ["Instructor", "PartyOrg", "PartyOrg"],
                "subject_id": ["I1", "P1", "P2"],
                "name": ["张伟", "甲公司党支部", "联合党支部"],
                "units_lost_org": [0, 1, 1],
                "units_lost_work": [1, 0, 0],
                "units_lost_total": [1, 1, 1],
            }
        ),
        findings=findings,
        summary=summary,
        rejects=empty_rejects(),
    )
