"""Data-quality findings of a Network (DESIGN §5).

:func:`validate` returns the findings ``BAD_CREDIT_CODE``, ``DUPLICATE_ID``,
``UNKNOWN_REFERENCE`` and ``MISSING_FIVE_CLEARS``, in that order:

- ``BAD_CREDIT_CODE``: every Unit id is expected to be a unified social credit
  code (统一社会信用代码, GB 32100-2015); a unit whose id is not a valid one
  gets a finding naming what is wrong (length, characters or check character).
  The unit stays in the network.
- ``DUPLICATE_ID`` and ``UNKNOWN_REFERENCE``: raised while the ledger was read
  (they exist only in files); taken from the loader's records in
  ``net.meta["load_problems"]`` so the details follow ``settings.lang``, or
  from ``net.findings`` for a network built some other way.
- ``MISSING_FIVE_CLEARS`` (“五个清”): a unit with any of operation, workforce,
  party_status or investor blank, or with no organisational coverage (no
  ``COVERED_BY``) and a blank ``no_org_reason``.

Examples
--------
>>> from graphkit import Network
>>> net = Network.from_records(nodes={"Unit": [
...     {"id": "91350200776049653A", "name": "甲公司", "operation": "正常", "workforce": "稳定",
...      "party_status": "无党员", "investor": "张三", "no_org_reason": "无党员"},
...     {"id": "91350200776049653B", "name": "乙公司"}]})
>>> validate(net)[["code", "subject_id"]].values.tolist()
[['BAD_CREDIT_CODE', '91350200776049653B'], ['MISSING_FIVE_CLEARS', '91350200776049653B']]

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit.creditcode import credit_code_problem
from graphkit.findings import concat_findings, empty_findings, make_findings
from graphkit.kernels import isin
from graphkit.model import Network
from graphkit.settings import Settings

__all__ = [
    "DATA_QUALITY_CODES",
    "FIVE_CLEARS",
    "bad_credit_codes",
    "cell_place",
    "load_findings",
    "missing_five_clears",
    "validate",
]

#: The codes :func:`validate` emits, in output order.
DATA_QUALITY_CODES = ("BAD_CREDIT_CODE", "DUPLICATE_ID", "UNKNOWN_REFERENCE", "MISSING_FIVE_CLEARS")

#: The “five clears” columns of a unit -> (zh, en) label.
FIVE_CLEARS = {
    "operation": ("经营运行情况", "operation"),
    "workforce": ("职工队伍情况", "workforce"),
    "party_status": ("党员队伍情况", "party members"),
    "investor": ("出资人或责任人情况", "investor or person in charge"),
}


def validate(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """Return the data-quality findings of ``net`` (findings format).

    Parameters
    ----------
    net
        The network; it is not changed. Reads Unit ids, names, the five-clears
        columns, ``no_org_reason``, ``COVERED_BY``, ``IN_STREET``, ``net.findings``
        and ``net.meta["load_problems"]``.
    settings
        Only ``lang`` is used (details in Chinese by default, English with "en").

    Returns
    -------
    pandas.DataFrame
        Columns :data:`graphkit.findings.FINDING_COLUMNS`, codes in the order of
        :data:`DATA_QUALITY_CODES`, units in ledger order within a code.

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "9135", "name": "甲公司"}]})
    >>> validate(net, settings=Settings(lang="en"))["detail"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['"9135" is not a valid unified social credit code: should have 18 characters (has 4)',
     'missing: operation, workforce, party members, investor or person in charge;
      no party organisation and no reason given']

    Notes
    -----
    Linear in the number of units and relationships.

    """
    lang = (settings or Settings()).lang
    units = net.units
    street = _street_names(net)
    parts = [
        bad_credit_codes(units, street, lang),
        *_load_findings(net, lang),
        missing_five_clears(net, street, lang),
    ]
    out = concat_findings(parts)
    return out if len(out) else empty_findings()


def _street_names(net: Network) -> pd.Series:
    return net.street_of("Unit").map(net.streets["name"]).astype("string")


def bad_credit_codes(units: pd.DataFrame, street: pd.Series, lang: str) -> pd.DataFrame:
    """``BAD_CREDIT_CODE`` findings for the units (indexed by credit code, with ``name``) whose code fails.

    ``street`` gives each unit's street (by id); ``lang`` the language of the detail.

    Examples
    --------
    >>> codes = ["91350100M000100Y43", "91350100M000100Y44"]
    >>> units = pd.DataFrame({"name": ["甲公司", "乙公司"]}, index=codes)
    >>> bad_credit_codes(units, pd.Series(["S1", "S1"], index=units.index), "en")["subject_id"].tolist()
    ['91350100M000100Y44']

    """
    ids = units.index.to_series()
    problem = credit_code_problem(ids)
    bad = problem.notna()
    if not bad.any():
        return empty_findings()
    p = problem[bad]
    code = ids[bad]
    check = p.str.startswith("check:").fillna(False).astype(bool)
    right = p.str.slice(6)
    if lang == "en":
        reason = p.map(
            {
                "length": "should have 18 characters",
                "characters": "has a character outside 0-9 and A-Y without I, O, S, V, Z "
                "(or a letter in positions 3-8)",
            }
        )
        reason = reason.where(~check, "wrong check character (should be " + right + ")")
        detail = '"' + code + '" is not a valid unified social credit code: ' + reason
        detail = detail.where(~(p == "length"), detail + " (has " + code.str.len().astype(str) + ")")
    else:
        reason = p.map({"length": "应为18位", "characters": "含有不允许的字符（或第3—8位不是数字）"})
        reason = reason.where(~check, "校验码错误（应为" + right + "）")
        detail = "“" + code + "”不是有效的统一社会信用代码：" + reason
        detail = detail.where(~(p == "length"), detail + "（实为" + code.str.len().astype(str) + "位）")
    return make_findings(
        "BAD_CREDIT_CODE",
        "Unit",
        code,
        units.loc[bad.to_numpy(), "name"],
        street=street[bad.to_numpy()],
        detail=detail,
    )


def _load_findings(net: Network, lang: str) -> list[pd.DataFrame]:
    records = net.meta.get("load_problems")
    found = load_findings(pd.DataFrame.from_records(records), lang=lang) if records else net.findings
    return [found[found["code"] == code] for code in ("DUPLICATE_ID", "UNKNOWN_REFERENCE")]


def missing_five_clears(net: Network, street: pd.Series, lang: str) -> pd.DataFrame:
    """``MISSING_FIVE_CLEARS`` findings: units with a five-clears column blank, or uncovered with no reason.

    ``street`` gives each unit's street (by id); ``lang`` the language of the detail.
    """
    units = net.units
    if len(units) == 0:
        return empty_findings()
    blank = pd.DataFrame(
        {c: units[c].isna() | (units[c].astype("string").str.strip() == "") for c in FIVE_CLEARS}
    ).fillna(True)
    covered = isin(units.index, net.rel("COVERED_BY")["source"])
    reason = units["no_org_reason"]
    no_reason = (
        ~covered & (reason.isna() | (reason.astype("string").str.strip() == "")).fillna(True).to_numpy()
    )
    hit = blank.any(axis=1).to_numpy() | no_reason
    if not hit.any():
        return empty_findings()
    idx, sep = (1, ", ") if lang == "en" else (0, "、")
    missing = blank[hit]
    listed = pd.Series("", index=missing.index, dtype="string")
    for col, names in FIVE_CLEARS.items():
        listed = listed + pd.Series(np.where(missing[col], names[idx] + sep, ""), index=missing.index)
    listed = listed.str.slice(0, -len(sep)).where(listed != "", "").reset_index(drop=True)
    nr = pd.Series(no_reason[hit])
    if lang == "en":
        first = ("missing: " + listed).where(listed != "", "")
        second = pd.Series(np.where(nr, "no party organisation and no reason given", ""))
        detail = first.str.cat(second, sep="; ").str.strip("; ")
    else:
        first = ("缺少" + listed).where(listed != "", "")
        second = pd.Series(np.where(nr, "未建党组织且未填写原因", ""))
        detail = first.str.cat(second, sep="；").str.strip("；")
    return make_findings(
        "MISSING_FIVE_CLEARS",
        "Unit",
        units.index[hit].to_series(),
        units.loc[hit, "name"],
        street=street[hit],
        detail=detail,
    )


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


def _texts(values: pd.Series) -> np.ndarray:
    """Values as an object array of str, missing values as ''."""
    s = pd.Series(np.asarray(values, dtype=object), dtype=object)
    s = s.where(s.notna(), "")
    return s.map(lambda v: str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)).to_numpy(
        dtype=object
    )


def _place(problems: pd.DataFrame, lang: str) -> pd.Series:
    p = cell_place(problems["file"], problems["sheet"], problems["row"], problems["column"], lang=lang)
    return p.set_axis(problems.index)


def load_findings(problems: pd.DataFrame, *, lang: str = "zh") -> pd.DataFrame:
    """Findings (``DUPLICATE_ID``, ``UNKNOWN_REFERENCE``) from the loader's problem records.

    ``problems`` is ``pd.DataFrame(net.meta["load_problems"])``; details are
    written in ``lang``. Used by :func:`graphkit.validate.validate` to localise.

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
    return out
