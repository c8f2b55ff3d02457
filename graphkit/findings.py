"""The findings table: one format for every analysis (DESIGN §5).

Every analysis returns findings as a frame with exactly :data:`FINDING_COLUMNS`.
Codes are stable identifiers; ``detail`` is a localised human sentence.
The problems a ledger reader records (``DUPLICATE_ID``, ``UNKNOWN_REFERENCE``)
become findings here too (:func:`load_findings`), with the ledger cell they
name written out in words (:func:`cell_place`).

Where each finding comes from
-----------------------------
Every finding carries :data:`SOURCE_COLUMNS`: the ledger ``source_file``,
``source_sheet`` (blank for a CSV), ``source_row`` (as the office sees it in
Excel, title and header rows counted) and, where one cell is at fault,
``source_column`` (its header as written). :func:`graphkit.provenance.locate`
fills them after the analyses, one vectorised pass, by this table:

==========================================  =============================================  ==============
code                                        row                                            column
==========================================  =============================================  ==============
UNCOVERED, MEMBERS_WITHOUT_ORG,             the unit's row                                 —
SHOULD_FORM_OWN, MISSING_FIVE_CLEARS
BAD_CREDIT_CODE                             the unit's row                                 its id (代码)
JOINT_ORG_TOO_LARGE                         the unit row whose 所在党组织 names the org,    所在党组织
                                            for the first unit over the limit
ORG_LEVEL_MISMATCH                          the organisation's row                         组织类别
TERM_EXPIRED, TERM_EXPIRING                 the organisation's row                         届满时间
ATTRIBUTION_MISMATCH, PARENT_CYCLE          the organisation's row                         上级党组织
NO_SECRETARY                                the organisation's row                         书记
NO_INSTRUCTOR, UNPAIRED_ORG, NO_POSITION,   the subject's row (organisation or unit)       —
INACTIVE_ORG, SECRETARY_UNTRAINED,
DEMO_SITE_BELOW_STANDARD, ORG_LAGGING
OVERLOADED_INSTRUCTOR                       the assignment row of its first contact        联系对象
                                            over the limit
UNVISITED_CONTACT                           the assignment row of that contact             联系对象
IDLE_INSTRUCTOR                             the instructor's row                           —
IDLE_ORGAN_BRANCH                           the organ branch's row                         —
OVERPAIRED_ORGAN_BRANCH                     the pairing row of its first pairing           结对党组织
                                            over the limit
UNDERSTAFFED_DEPARTMENT                     the department's row                           党建专干人数
POSITION_BELOW_STANDARD                     the position's row                             —
HONOUR_AT_RISK                              the holder's first 评选挂牌 row                 —
PLAQUE_WITHOUT_MEMBER                       the unit's first 党员经营户挂牌 row             —
DUPLICATE_ID, UNKNOWN_REFERENCE             the very cell the loader could not use         its header
STREET_WITHOUT_DEMO, STREET_WITHOUT_STATION blank: computed, no row states it              —
==========================================  =============================================  ==============

A network not read from a ledger has no sources, and its findings leave the
columns blank.

Examples
--------
>>> import pandas as pd
>>> f = make_findings(
...     "UNCOVERED", "Unit", pd.Series(["U1"]), pd.Series(["甲公司"]),
...     street=pd.Series(["林山寨街道"]), detail=pd.Series(["无组织覆盖也无工作覆盖"]),
... )
>>> f.loc[0, ["code", "severity", "subject_id"]].tolist()
['UNCOVERED', 'error', 'U1']

"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = [
    "CODES",
    "FINDING_COLUMNS",
    "SOURCE_COLUMNS",
    "cell_place",
    "concat_findings",
    "empty_findings",
    "finding_place",
    "load_findings",
    "make_findings",
    "subject_findings",
]

#: Where a finding comes from (DESIGN §5): the ledger file, sheet (blank for a CSV), row as the
#: office sees it in Excel and, where one cell is at fault, its column's header as written. Blank
#: for computed things and for networks not read from a ledger; :mod:`graphkit.provenance` fills them.
SOURCE_COLUMNS: list[str] = ["source_file", "source_sheet", "source_row", "source_column"]

FINDING_COLUMNS: list[str] = [
    "code",
    "severity",
    "subject_kind",
    "subject_id",
    "subject_name",
    "street",
    "detail",
    *SOURCE_COLUMNS,
]

#: code -> (severity, Chinese title, English title)
CODES: dict[str, tuple[str, str, str]] = {
    "UNCOVERED": ("error", "无覆盖单位", "Unit with no coverage"),
    "MEMBERS_WITHOUT_ORG": ("error", "有党员未建组织", "Members but no party organisation"),
    "SHOULD_FORM_OWN": ("warning", "应单独组建", "Should form its own organisation"),
    "JOINT_ORG_TOO_LARGE": ("warning", "联合党支部覆盖单位过多", "Joint branch covers too many units"),
    "ORG_LEVEL_MISMATCH": ("warning", "党组织类别与党员数不符", "Organisation level does not fit members"),
    "TERM_EXPIRED": ("error", "已到期未换届", "Term expired"),
    "TERM_EXPIRING": ("info", "即将换届", "Term ending soon"),
    "OVERLOADED_INSTRUCTOR": ("warning", "党建指导员负荷过重", "Overloaded instructor"),
    "IDLE_INSTRUCTOR": ("info", "党建指导员未联系对象", "Instructor with no assignment"),
    "NO_INSTRUCTOR": ("warning", "无党建指导员联系", "Reached by no instructor"),
    "UNPAIRED_ORG": ("info", "未结对共建", "Organisation with no pairing"),
    "IDLE_ORGAN_BRANCH": ("info", "机关党支部未结对", "Organ branch with no pairing"),
    "OVERPAIRED_ORGAN_BRANCH": ("warning", "机关党支部结对过多", "Organ branch with too many pairings"),
    "ATTRIBUTION_MISMATCH": ("warning", "隶属关系与业务主管单位不符", "Not under the supervising department"),
    "UNDERSTAFFED_DEPARTMENT": ("warning", "党建专干配备不足", "Department short of party-office staff"),
    "STREET_WITHOUT_DEMO": ("info", "街道无示范点", "Street with no demonstration site"),
    "STREET_WITHOUT_STATION": ("warning", "街道无党建指导站", "Street with no guidance station"),
    # the campaign (issue 11): positions, activities, secretaries, visits, sites, honours, grades
    "NO_POSITION": ("warning", "无党建阵地", "Organisation with no position"),
    "POSITION_BELOW_STANDARD": ("warning", "阵地未达“六有”标准", "Position below the six-haves standard"),
    "INACTIVE_ORG": ("warning", "组织生活不经常", "Organisation with no recent activity"),
    "NO_SECRETARY": ("error", "未配备党组织书记", "Organisation with no secretary"),
    "SECRETARY_UNTRAINED": ("warning", "书记未参加培训", "Secretary not trained"),
    "UNVISITED_CONTACT": ("warning", "联系对象未走访", "Contact not visited"),
    "DEMO_SITE_BELOW_STANDARD": ("warning", "示范点未达标准", "Demonstration site below standard"),
    "HONOUR_AT_RISK": ("warning", "荣誉挂牌需复核", "Honour at risk"),
    "PLAQUE_WITHOUT_MEMBER": ("error", "党员经营户挂牌无正式党员", "Member plaque on a unit with no member"),
    "ORG_LAGGING": ("info", "后进党组织", "Lagging organisation"),
    "BAD_CREDIT_CODE": ("error", "统一社会信用代码校验错误", "Invalid unified social credit code"),
    "DUPLICATE_ID": ("error", "编号重复", "Duplicate id"),
    "UNKNOWN_REFERENCE": ("error", "引用对象不存在", "Reference resolves to nothing"),
    "MISSING_FIVE_CLEARS": ("warning", "“五个清”信息缺项", "Five-clears information missing"),
    "PARENT_CYCLE": ("error", "上级党组织关系成环", "Parent links form a loop"),
}

_DTYPE = "string"


def empty_findings() -> pd.DataFrame:
    """Return an empty findings frame with the contract's columns."""
    return pd.DataFrame({c: pd.Series(dtype=_DTYPE) for c in FINDING_COLUMNS})


def make_findings(
    code: str,
    subject_kind: str,
    subject_id: pd.Series | Iterable[str],
    subject_name: pd.Series | Iterable[str],
    *,
    street: pd.Series | Iterable[str] | None = None,
    detail: pd.Series | Iterable[str] | str | None = None,
    source: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Build findings of one code for many subjects at once (vectorised).

    Parameters
    ----------
    code
        A key of :data:`CODES`.
    subject_kind
        The subject's node kind (``"Unit"``, ``"PartyOrg"``, ...).
    subject_id, subject_name, street, detail
        Aligned sequences, one item per finding; ``detail`` may be one string for all.
    source
        Where each finding comes from, when the analysis knows better than its
        subject's row: a frame with any of ``file``, ``sheet``, ``row``,
        ``column`` (one row per finding). ``None``: blank, for
        :func:`graphkit.provenance.locate` to fill.

    Raises
    ------
    KeyError
        If ``code`` is not a known finding code.

    """
    severity = CODES[code][0]
    ids = (
        pd.Series(list(subject_id), dtype=_DTYPE)
        if not isinstance(subject_id, pd.Series)
        else subject_id.astype(_DTYPE).reset_index(drop=True)
    )
    n = len(ids)

    def col(values: pd.Series | Iterable[str] | str | None) -> pd.Series:
        if values is None:
            return pd.Series([pd.NA] * n, dtype=_DTYPE)
        if isinstance(values, str):
            return pd.Series([values] * n, dtype=_DTYPE)
        if isinstance(values, pd.Series):
            return values.astype(_DTYPE).reset_index(drop=True)
        return pd.Series(list(values), dtype=_DTYPE)

    return pd.DataFrame(
        {
            "code": pd.Series([code] * n, dtype=_DTYPE),
            "severity": pd.Series([severity] * n, dtype=_DTYPE),
            "subject_kind": pd.Series([subject_kind] * n, dtype=_DTYPE),
            "subject_id": ids,
            "subject_name": col(subject_name),
            "street": col(street),
            "detail": col(detail),
            **{
                f"source_{c}": col(None if source is None or c not in source else _source_texts(source[c]))
                for c in ("file", "sheet", "row", "column")
            },
        }
    )


def subject_findings(
    code: str, subject_kind: str, subjects: pd.DataFrame, detail: pd.Series | str
) -> pd.DataFrame:
    """Findings of ``code``, one per row of ``subjects`` (indexed by id, with ``name`` and ``street``).

    Examples
    --------
    >>> units = pd.DataFrame({"name": ["甲公司"], "street": ["林山寨街道"]}, index=["U1"])
    >>> subject_findings("UNCOVERED", "Unit", units, "无覆盖").loc[0, ["subject_id", "street"]].tolist()
    ['U1', '林山寨街道']

    """
    return make_findings(
        code,
        subject_kind,
        subjects.index.to_series(),
        subjects["name"],
        street=subjects["street"],
        detail=detail,
    )


def concat_findings(frames: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate findings frames, keeping the contract's columns and order."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_findings()
    out = pd.concat(frames, ignore_index=True)
    return out.reindex(columns=FINDING_COLUMNS).astype(_DTYPE)


def cell_place(
    file: pd.Series, sheet: pd.Series, row: pd.Series, column: pd.Series | None = None, *, lang: str = "zh"
) -> pd.Series:
    """Where a ledger cell is, in words: file, sheet (when there is one), row and column.

    Examples
    --------
    >>> s = pd.Series
    >>> cell_place(s(["units.xlsx"]), s(["单位台账"]), s([14]), s(["正式党员数"]), lang="en").tolist()
    ['units.xlsx, sheet 单位台账, row 14, column 正式党员数']
    >>> cell_place(s(["单位.csv"]), s([None]), s([3])).tolist()
    ['单位.csv 第3行']

    """
    n = len(file)
    sheet_text = _texts(sheet)
    has_sheet = (sheet_text != "") & (sheet_text != "None")
    file_text, row_text = _texts(file), _texts(row)
    col_text = _texts(column) if column is not None else None
    if lang == "en":
        out = file_text + np.where(has_sheet, ", sheet " + sheet_text, "") + ", row " + row_text
        if col_text is not None:
            out = out + ", column " + col_text
    else:
        out = file_text + np.where(has_sheet, " 工作表“" + sheet_text + "”", "") + " 第" + row_text + "行"
        if col_text is not None:
            out = out + "“" + col_text + "”列"
    return pd.Series(out, index=range(n), dtype="string")


def finding_place(findings: pd.DataFrame, *, lang: str = "zh") -> pd.Series:
    """Where each finding is in the ledger, in words: sheet (else file), row and column; ``""`` if unknown.

    Examples
    --------
    >>> f = pd.DataFrame({"source_file": ["台账.xlsx", "单位.csv", None],
    ...                   "source_sheet": ["单位台账", None, None], "source_row": ["3", "7", None],
    ...                   "source_column": ["所在党组织", None, None]})
    >>> finding_place(f).tolist()
    ['工作表“单位台账”第3行“所在党组织”列', '单位.csv 第7行', '']
    >>> finding_place(f, lang="en").tolist()[0]
    'sheet 单位台账, row 3, column 所在党组织'

    """
    file, sheet = _texts(findings["source_file"]), _texts(findings["source_sheet"])
    row, column = _texts(findings["source_row"]), _texts(findings["source_column"])
    has_sheet, has_row, has_col = sheet != "", row != "", column != ""
    if lang == "en":
        out = np.where(has_sheet, "sheet " + sheet, file) + ", row " + row
        out = out + np.where(has_col, ", column " + column, "")
    else:
        out = np.where(has_sheet, "工作表“" + sheet + "”", file + " ") + "第" + row + "行"
        out = out + np.where(has_col, "“" + column + "”列", "")
    return pd.Series(np.where(has_row, out, ""), index=findings.index, dtype="string")


def _texts(values: pd.Series) -> np.ndarray:
    """Values as an object array of str, missing values as ''."""
    s = pd.Series(np.asarray(values, dtype=object), dtype=object)
    s = s.where(s.notna(), "")
    return s.map(lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)).to_numpy(
        dtype=object
    )


def _source_texts(values: pd.Series) -> pd.Series:
    """Values as text (whole numbers without ``.0``), missing and blank values missing."""
    text = pd.Series(_texts(values), dtype=_DTYPE)
    return text.mask(text.eq(""))


def _place(problems: pd.DataFrame, lang: str) -> pd.Series:
    p = cell_place(problems["file"], problems["sheet"], problems["row"], problems["column"], lang=lang)
    return p.set_axis(problems.index)


def load_findings(problems: pd.DataFrame, *, lang: str = "zh") -> pd.DataFrame:
    """Findings (``DUPLICATE_ID``, ``UNKNOWN_REFERENCE``) from the loader's problem records.

    ``problems`` is ``pd.DataFrame(net.meta["load_problems"])``; details are
    written in ``lang``. The ledger reader raises them this way, and
    :func:`graphkit.validate.validate` uses it to localise them.

    Examples
    --------
    >>> p = pd.DataFrame([{"code": "UNKNOWN_REFERENCE", "file": "单位.csv", "sheet": None, "row": 3,
    ...     "column": "所在党组织", "value": "P9", "subject_kind": "Unit", "subject_id": "U1",
    ...     "subject_name": "甲", "street": None, "ref_kinds": "PartyOrg", "ambiguous": None}])
    >>> load_findings(p)["detail"].tolist()
    ['单位.csv 第3行“所在党组织”列：“P9”找不到对应的编号或名称']
    """
    if len(problems) == 0:
        return empty_findings()
    problems = problems.reset_index(drop=True)
    place = _place(problems, lang)
    value = problems["value"].astype(str)
    out = []
    dup = problems["code"] == "DUPLICATE_ID"
    if dup.any():
        p = problems[dup]
        first = cell_place(p["first_file"], p["first_sheet"], p["first_row"], lang=lang).set_axis(p.index)
        detail = (
            place[dup]
            + ': id "'
            + value[dup]
            + '" repeats (first at '
            + first
            + "; ids must be unique across all tables); row not used"
            if lang == "en"
            else place[dup]
            + "：编号“"
            + value[dup]
            + "”重复（首次出现于 "
            + first
            + "；编号须在全部表中唯一），该行未使用"
        )
        out.append(_findings_of("DUPLICATE_ID", p, detail))
    unk = problems["code"] == "UNKNOWN_REFERENCE"
    if unk.any():
        p = problems[unk]
        amb = p["ambiguous"].notna() if "ambiguous" in p else pd.Series(False, index=p.index)
        if lang == "en":
            detail = pd.Series(
                np.where(
                    amb,
                    place[unk]
                    + ': name "'
                    + value[unk]
                    + '" matches several nodes ('
                    + p.get("ambiguous", "").astype(str)
                    + ")",
                    place[unk]
                    + ': "'
                    + value[unk]
                    + '" matches no id or name among '
                    + p["ref_kinds"].astype(str),
                ),
                index=p.index,
            )
        else:
            detail = pd.Series(
                np.where(
                    amb,
                    place[unk]
                    + "：名称“"
                    + value[unk]
                    + "”对应多个对象（"
                    + p.get("ambiguous", "").astype(str)
                    + "）",
                    place[unk] + "：“" + value[unk] + "”找不到对应的编号或名称",
                ),
                index=p.index,
            )
        out.append(_findings_of("UNKNOWN_REFERENCE", p, detail))
    return concat_findings(out)


def _findings_of(code: str, p: pd.DataFrame, detail: pd.Series) -> pd.DataFrame:
    out = make_findings(
        code,
        "",
        p["subject_id"],
        p["subject_name"],
        street=p.get("street"),
        detail=detail,
    )
    out["subject_kind"] = p["subject_kind"].astype("string").to_numpy()
    for c in ("file", "sheet", "row", "column"):  # the loader knows the very cell
        out[f"source_{c}"] = pd.array(_source_texts(p[c]), dtype=_DTYPE)
    return out
