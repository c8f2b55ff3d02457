"""Localised detail sentences of the findings (zh default, en).

Each template names its fields in braces; :func:`detail` fills them for many
findings at once by concatenating columns (no per-row formatting). Codes never
change with the language; only these sentences do.

Examples
--------
>>> import pandas as pd
>>> detail("MEMBERS_WITHOUT_ORG", "zh", members=pd.Series([1, 2])).tolist()
['有正式党员1名，未被党组织覆盖', '有正式党员2名，未被党组织覆盖']
>>> detail("IDLE_INSTRUCTOR", "en")
'No unit, organisation or carrier assigned'

"""

from __future__ import annotations

import string
from typing import Any

import pandas as pd

__all__ = ["STATUS_LABELS", "TEMPLATES", "detail", "status_label"]

#: Template key -> {lang: template}. Keys are finding codes, or a code with a suffix for variants.
TEMPLATES: dict[str, dict[str, str]] = {
    "UNCOVERED": {
        "zh": "既无党组织覆盖，也无党建指导员、联络员或所在载体党组织的工作覆盖",
        "en": "No party organisation covers it and no instructor, liaison or carrier organisation reaches it",
    },
    "MEMBERS_WITHOUT_ORG": {
        "zh": "有正式党员{members}名，未被党组织覆盖",
        "en": "{members} full member(s) but no party organisation covers it",
    },
    "SHOULD_FORM_OWN": {
        "zh": "有正式党员{members}名（不少于{limit}名），应单独组建党组织，现为{status}",
        "en": "{members} full members (at least {limit}): should form its own organisation; now {status}",
    },
    "JOINT_ORG_TOO_LARGE": {
        "zh": "联合党支部覆盖{units}家单位，超过上限{limit}家",
        "en": "Joint branch covers {units} units, more than the limit of {limit}",
    },
    "ORG_LEVEL_MISMATCH:branch": {
        "zh": "党支部有党员{members}名，超过{limit}名，应设立党总支或党委",
        "en": "Branch has {members} members, more than {limit}: should be a general branch or committee",
    },
    "ORG_LEVEL_MISMATCH:general_branch": {
        "zh": "党总支仅有党员{members}名，少于{limit}名",
        "en": "General branch has only {members} members, fewer than {limit}",
    },
    "ORG_LEVEL_MISMATCH:committee": {
        "zh": "党委仅有党员{members}名，少于{limit}名",
        "en": "Committee has only {members} members, fewer than {limit}",
    },
    "TERM_EXPIRED": {
        "zh": "任期已于{date}届满，尚未换届",
        "en": "Term ended on {date} and no election has been recorded",
    },
    "TERM_EXPIRING": {
        "zh": "任期将于{date}届满（还有{days}天），应做好换届准备",
        "en": "Term ends on {date} (in {days} days): prepare the election",
    },
    "OVERLOADED_INSTRUCTOR": {
        "zh": "联系覆盖{reach}家单位，超过上限{limit}家",
        "en": "Reaches {reach} units, more than the limit of {limit}",
    },
    "IDLE_INSTRUCTOR": {
        "zh": "未分配联系对象",
        "en": "No unit, organisation or carrier assigned",
    },
    "NO_INSTRUCTOR:PartyOrg": {
        "zh": "该党组织、其依托载体及其覆盖单位均无党建指导员联系",
        "en": "No instructor guides this organisation, its base carrier or any unit it covers",
    },
    "NO_INSTRUCTOR:Unit": {
        "zh": "有正式党员{members}名、无组织覆盖，且无党建指导员联系",
        "en": "{members} full member(s), no party organisation, and no instructor reaches it",
    },
    "UNPAIRED_ORG": {
        "zh": "未与机关党支部结对共建",
        "en": "Not paired with any organ branch",
    },
    "IDLE_ORGAN_BRANCH": {
        "zh": "未与两新组织党组织结对共建",
        "en": "Not paired with any party organisation",
    },
    "OVERPAIRED_ORGAN_BRANCH": {
        "zh": "结对共建{pairings}个党组织，超过上限{limit}个",
        "en": "Paired with {pairings} organisations, more than the limit of {limit}",
    },
    "ATTRIBUTION_MISMATCH": {
        "zh": "隶属{parent}，但所覆盖的社会组织{unit}应归口{expected}（谁管理、谁组建）",
        "en": "Reports to {parent}, but the social organisation {unit} it covers belongs under {expected}",
    },
    "UNDERSTAFFED_DEPARTMENT": {
        "zh": "党建专干{staff}人，应配{required}人",
        "en": "{staff} party-office staff, {required} required",
    },
    "STREET_WITHOUT_DEMO": {
        "zh": "街道内无区级或街道级示范点",
        "en": "No district- or street-level demonstration site in this street",
    },
    "STREET_WITHOUT_STATION": {
        "zh": "街道无非公党建工作指导站",
        "en": "No party-building guidance station serves this street",
    },
}

#: Coverage status -> {lang: label}.
STATUS_LABELS: dict[str, dict[str, str]] = {
    "own_org": {"zh": "单独组建", "en": "own organisation"},
    "joint_org": {"zh": "联合组建", "en": "joint organisation"},
    "work_only": {"zh": "仅工作覆盖", "en": "work coverage only"},
    "uncovered": {"zh": "未覆盖", "en": "not covered"},
}


def status_label(status: pd.Series, lang: str) -> pd.Series:
    """Localised labels of coverage statuses.

    Examples
    --------
    >>> status_label(pd.Series(["work_only"]), "zh").tolist()
    ['仅工作覆盖']

    """
    return status.map({k: v[lang] for k, v in STATUS_LABELS.items()}).astype("string")


def _text(value: Any) -> pd.Series | str:
    if isinstance(value, pd.Series):
        out = value.reset_index(drop=True)
        if pd.api.types.is_float_dtype(out) and out.dropna().mod(1).eq(0).all():
            out = out.astype("Int64")
        return out.astype("string").fillna("?")
    return str(value)


def detail(key: str, lang: str, **fields: Any) -> pd.Series | str:
    """Fill the template ``key`` in ``lang`` with scalars or aligned Series.

    Parameters
    ----------
    key
        A key of :data:`TEMPLATES`.
    lang
        ``"zh"`` or ``"en"``.
    **fields
        Values for the template's fields; Series are taken by position and
        must have equal lengths. Missing values show as ``?``.

    Returns
    -------
    pandas.Series or str
        A Series when any field is a Series, else one string.

    Examples
    --------
    >>> detail("UNDERSTAFFED_DEPARTMENT", "en", staff=1, required=2)
    '1 party-office staff, 2 required'

    """
    template = TEMPLATES[key][lang]
    values = {k: _text(v) for k, v in fields.items()}
    out: pd.Series | str = ""
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        out = out + literal
        if field is not None:
            out = out + values[field]
    return out
