"""The output tables of an analysis, their display for people, and ``summary.json``.

:func:`output_tables` gives the machine-readable tables that become the CSV
files and the workbook's sheets (canonical English columns and values);
:func:`display_frame` turns one of them into what a person reads (labels and
values from :mod:`graphkit.i18n`). The other functions read the parts of an
:class:`~graphkit.results.Analysis` that every report shows: the headline
rates, the per-street table, findings counted by code, the as-of date and the
what-if table.

Examples
--------
>>> from graphkit.report import example_analysis
>>> tables = output_tables(example_analysis())
>>> list(tables) == list(OUTPUT_TABLES)
True
>>> display_frame(tables["coverage"], "coverage").iloc[3, 5]
'未覆盖'

"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from graphkit import i18n
from graphkit.analysis.coverage import STATUSES
from graphkit.analysis.whatif import LOST_COLUMNS
from graphkit.atomic import replaced_when_done
from graphkit.findings import CODES, FINDING_COLUMNS
from graphkit.model import REJECT_COLUMNS
from graphkit.privacy import mask_contacts
from graphkit.results import GRADE_COLUMNS, Analysis

__all__ = [
    "COVERAGE_CSV_COLUMNS",
    "GRADE_CSV_COLUMNS",
    "INSTRUCTOR_CSV_COLUMNS",
    "OUTPUT_TABLES",
    "RATE_COLUMNS",
    "STREET_COLUMNS",
    "display_frame",
    "findings_by_code",
    "format_rate",
    "grades_table",
    "headline_rates",
    "not_run_text",
    "output_tables",
    "report_date",
    "street_table",
    "without_ids",
    "without_table",
    "write_summary",
]

#: Tables written as CSV (``<name>.csv``) and as workbook sheets, in order.
OUTPUT_TABLES = (
    "findings",
    "coverage",
    "instructors",
    "pairings",
    "proposals",
    "resilience",
    "grades",
    "rejects",
)

#: Exact columns of ``coverage.csv``.
COVERAGE_CSV_COLUMNS = ["unit_id", "name", "kind", "street", "party_members", "status", "party_org_id"]

#: Leading columns of ``instructors.csv`` (extra columns follow).
INSTRUCTOR_CSV_COLUMNS = ["instructor_id", "name", "reach", "contacts", "overloaded"]

#: Exact columns of ``grades.csv``: the organisation, the seven criteria, failures and grade.
GRADE_CSV_COLUMNS = ["party_org_id", *GRADE_COLUMNS]

#: The three headline rates, in the order every report shows them; columns holding them are shown as %.
RATE_COLUMNS = ("org_coverage", "own_rate", "work_coverage")

#: Keys of each ``summary["by_street"]`` record, in the order tables show them.
STREET_COLUMNS = ["street_id", "street", "units", *STATUSES, *RATE_COLUMNS]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


# --------------------------------------------------------------------------- output tables
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


def _leading(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """``frame`` with ``columns`` first (missing ones empty), its other columns after them."""
    frame = _with_columns(frame, columns)
    return frame[columns + [c for c in frame.columns if c not in columns]]


def output_tables(analysis: Analysis, *, show_contacts: bool = False) -> dict[str, pd.DataFrame]:
    """The machine-readable output tables of an analysis, as written to CSV.

    Parameters
    ----------
    analysis
        The analysis; read-only.
    show_contacts
        Keep phone numbers readable; masked by default.

    Returns
    -------
    dict of str to pandas.DataFrame
        One frame per name of :data:`OUTPUT_TABLES`, with canonical English
        columns and a RangeIndex. ``coverage`` has exactly
        :data:`COVERAGE_CSV_COLUMNS`, ``grades`` exactly
        :data:`GRADE_CSV_COLUMNS` (:func:`grades_table`); ``instructors`` starts with
        :data:`INSTRUCTOR_CSV_COLUMNS` and adds the instructor's ``phone``
        from the network when the frame lacks it.

    Notes
    -----
    O(cells): each frame is flattened (its index becomes a column) and its
    contact columns masked once.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> tables = output_tables(example_analysis())
    >>> list(tables["coverage"].columns) == COVERAGE_CSV_COLUMNS
    True
    >>> tables["instructors"].loc[0, "phone"]
    '138****5678'

    """
    coverage = _with_columns(_flat(analysis.coverage, "unit_id"), COVERAGE_CSV_COLUMNS)
    instructors = _flat(analysis.instructors, "instructor_id")
    if "phone" not in instructors.columns:
        phones = analysis.network.instructors["phone"]
        instructors = instructors.assign(phone=instructors["instructor_id"].map(phones).astype("string"))
    tables = {
        "findings": _with_columns(_flat(analysis.findings, None), FINDING_COLUMNS)[FINDING_COLUMNS],
        "coverage": coverage[COVERAGE_CSV_COLUMNS],
        "instructors": _leading(instructors, INSTRUCTOR_CSV_COLUMNS),
        "pairings": _flat(analysis.pairings, None),
        "proposals": _flat(analysis.proposals, None),
        "resilience": _flat(analysis.resilience, None),
        "grades": grades_table(analysis),
        "rejects": _leading(_flat(analysis.rejects, None), REJECT_COLUMNS),
    }
    return {name: mask_contacts(frame, show_contacts=show_contacts) for name, frame in tables.items()}


def grades_table(analysis: Analysis) -> pd.DataFrame:
    """The machine-readable grades table (``grades.csv``): exactly :data:`GRADE_CSV_COLUMNS`.

    One row per party organisation; the criteria are ``True``/``False``
    (blank where not assessed), ``grade`` one of ``advanced, good, fair,
    lagging`` (blank when not given). One of :func:`output_tables`: the
    sheet 分类定级 of ``report.xlsx`` shows it with 是/否 and the grades in Chinese.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> list(grades_table(example_analysis()).columns) == GRADE_CSV_COLUMNS
    True

    """
    return _with_columns(_flat(analysis.grades, "party_org_id"), GRADE_CSV_COLUMNS)[GRADE_CSV_COLUMNS]


def without_table(analysis: Analysis) -> pd.DataFrame | None:
    """The what-if table (``summary["without"]``) as a frame, or ``None`` when the analysis has none.

    Its columns start with :data:`graphkit.analysis.whatif.LOST_COLUMNS`: one
    row per unit whose coverage became worse when the ``without`` ids were
    removed.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> without_table(example_analysis()) is None
    True
    >>> import dataclasses
    >>> lost = [{"unit_id": "U3", "status_before": "work_only", "status_after": "uncovered"}]
    >>> analysis = dataclasses.replace(example_analysis(), summary={"without": lost})
    >>> without_table(analysis).columns.tolist()
    ['unit_id', 'name', 'street', 'status_before', 'status_after', 'lost']

    """
    lost = analysis.summary.get("without")
    if lost is None:
        return None
    frame = lost if isinstance(lost, pd.DataFrame) else pd.DataFrame(list(lost))
    return _leading(frame.reset_index(drop=frame.index.name is None), LOST_COLUMNS)


def without_ids(analysis: Analysis) -> list[str]:
    """The ids removed for the what-if, as text (kept by ``Network.without`` in the network's meta).

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> without_ids(example_analysis())
    []

    """
    removed = analysis.network.meta.get("without", analysis.summary.get("without_ids", []))
    return [str(i) for i in removed]


def display_frame(frame: pd.DataFrame, table: str, *, lang: str = "zh") -> pd.DataFrame:
    """Return a people-facing copy of an output table: values and headers localised.

    Status, kind, severity, subject-kind, proposal and yes/no values are
    translated; findings gain a ``title`` column (the code's title) after
    ``code``. Codes, ids and names stay unchanged.

    Parameters
    ----------
    frame
        An output table (see :func:`output_tables`); read-only.
    table
        Its name, which picks the headers of tables that label a column
        their own way (``"coverage"``, ``"findings"``, ``"by_street"`` ...).
    lang
        ``"zh"`` or ``"en"``.

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


# --------------------------------------------------------------------------- what every report shows
def headline_rates(analysis: Analysis) -> dict[str, float | None]:
    """The three rates of :data:`RATE_COLUMNS`, in that order (``None`` when undefined).

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> headline_rates(example_analysis())
    {'org_coverage': 0.5, 'own_rate': 0.25, 'work_coverage': 0.75}

    """
    rates = analysis.summary.get("rates", {}) or {}
    return {key: rates.get(key) for key in RATE_COLUMNS}


def format_rate(value: Any) -> str:
    """A rate as a percentage with one decimal, or ``"—"`` when it is missing.

    Examples
    --------
    >>> format_rate(0.125), format_rate(None), format_rate(float("nan"))
    ('12.5%', '—', '—')

    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "—"
    return f"{float(value):.1%}"


def street_table(analysis: Analysis) -> pd.DataFrame:
    """The per-street summary as a frame: :data:`STREET_COLUMNS` first, counts as integers.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> street_table(example_analysis())[["street", "units", "org_coverage"]].values.tolist()
    [['林山寨街道', 2, 1.0], ['建设路街道', 2, 0.0]]

    """
    frame = pd.DataFrame(list(analysis.summary.get("by_street", []) or []))
    frame = frame.reindex(columns=STREET_COLUMNS + [c for c in frame.columns if c not in STREET_COLUMNS])
    for col in ("units", *STATUSES):
        frame[col] = pd.to_numeric(frame[col]).fillna(0).astype("int64")
    for col in RATE_COLUMNS:
        frame[col] = pd.to_numeric(frame[col]).astype("float64")
    return frame


def findings_by_code(findings: pd.DataFrame) -> pd.DataFrame:
    """Count findings per code, ordered by severity then count (largest first), then code.

    Returns the columns ``code, count, severity``.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> findings_by_code(example_analysis().findings).values.tolist()
    [['MEMBERS_WITHOUT_ORG', 1, 'error'], ['UNCOVERED', 1, 'error'], ['UNPAIRED_ORG', 2, 'info']]

    """
    counts = findings["code"].value_counts(dropna=True)
    frame = pd.DataFrame({"code": counts.index.astype("string"), "count": counts.to_numpy()})
    frame["severity"] = frame["code"].map({c: v[0] for c, v in CODES.items()}).fillna("info")
    frame["_order"] = frame["severity"].map(_SEVERITY_ORDER).fillna(3)
    frame = frame.sort_values(["_order", "count", "code"], ascending=[True, False, True])
    return frame.drop(columns="_order").reset_index(drop=True)


def report_date(analysis: Analysis) -> str:
    """The date the analysis is as of (``summary["as_of"]``, else the settings' date), as text.

    Examples
    --------
    >>> from graphkit.report import example_analysis
    >>> report_date(example_analysis())
    '2026-01-01'

    """
    as_of = analysis.summary.get("as_of")
    return str(as_of) if as_of else analysis.settings.today.isoformat()


# --------------------------------------------------------------------------- summary.json
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


def write_summary(analysis: Analysis, path: str | Path) -> Path:
    """Write ``analysis.summary`` as pretty UTF-8 JSON (Chinese kept readable).

    NumPy scalars become numbers, dates ISO text, frames lists of records,
    sets and tuples lists, missing values ``null``.

    Parameters
    ----------
    analysis
        The analysis; read-only.
    path
        The file to write (overwritten).

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    TypeError
        When the summary holds a value JSON has no form for.

    Examples
    --------
    >>> import tempfile
    >>> from graphkit.report import example_analysis
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = write_summary(example_analysis(), Path(tmp) / "summary.json")
    ...     json.loads(p.read_text(encoding="utf-8"))["rates"]["org_coverage"]
    0.5

    """
    path = Path(path)
    text = json.dumps(analysis.summary, ensure_ascii=False, indent=2, default=_json_default)
    with replaced_when_done(path) as part:
        part.write_text(text + "\n", encoding="utf-8")
    return path


def not_run_text(summary: Mapping[str, Any], *, lang: str) -> str:
    """The sentence listing the checks not run for want of a table or column (``""`` when every check ran).

    Examples
    --------
    >>> not_run_text({"not_run": {"NO_SECRETARY": "party_orgs.secretary"}}, lang="en")
    'Checks not run (the ledger has no table or column for them yet): NO_SECRETARY (party_orgs.secretary)'
    >>> not_run_text({}, lang="zh")
    ''

    """
    checks = summary.get("not_run") or {}
    if not checks:
        return ""
    listed = ", ".join(f"{code} ({column})" for code, column in checks.items())
    return i18n.text("not_run", lang=lang, checks=listed)
