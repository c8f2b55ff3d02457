"""The findings table: one format for every analysis (DESIGN §5).

Every analysis returns findings as a frame with exactly :data:`FINDING_COLUMNS`.
Codes are stable identifiers; ``detail`` is a localised human sentence.

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

import pandas as pd

__all__ = [
    "CODES",
    "FINDING_COLUMNS",
    "concat_findings",
    "empty_findings",
    "make_findings",
    "subject_findings",
]

FINDING_COLUMNS: list[str] = [
    "code",
    "severity",
    "subject_kind",
    "subject_id",
    "subject_name",
    "street",
    "detail",
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
    "BAD_CREDIT_CODE": ("error", "统一社会信用代码校验错误", "Invalid unified social credit code"),
    "DUPLICATE_ID": ("error", "编号重复", "Duplicate id"),
    "UNKNOWN_REFERENCE": ("error", "引用对象不存在", "Reference resolves to nothing"),
    "MISSING_FIVE_CLEARS": ("warning", "“五个清”信息缺项", "Five-clears information missing"),
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
    return out[FINDING_COLUMNS].astype(_DTYPE)
