"""What the command line prints stays on the line it is meant for.

Ledger text reaches the console in messages and summaries (a header that
was not found, a name in a finding). A cell may hold a line break, which
would split "one clear line" in two, or a terminal escape sequence or a
right-to-left override, which would change what the user sees. Such
characters (Unicode categories Cc and Cf) are shown as escapes instead.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from graphkit import i18n
from graphkit.findings import finding_place

__all__ = ["first_problems", "shown"]


def shown(text: object) -> str:
    r"""``text`` with control and format characters written as escapes, so it prints as one line.

    Examples
    --------
    >>> shown("甲\n公司\x1b[31m")
    '甲\\n公司\\x1b[31m'
    >>> shown("林山寨　街道")
    '林山寨　街道'

    """
    value = str(text)
    if value.isprintable():
        return value
    return "".join(
        c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in ("Cc", "Cf") else c
        for c in value
    )


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def first_problems(findings: pd.DataFrame, *, lang: str = "zh", n: int = 5) -> list[str]:
    """Lines naming the first ``n`` findings that have a ledger row, errors first, with sheet and row.

    Examples
    --------
    >>> f = pd.DataFrame({"code": ["UNCOVERED"], "severity": ["error"], "subject_id": ["U1"],
    ...     "subject_name": ["甲公司"], "source_file": ["台账.xlsx"], "source_sheet": ["单位台账"],
    ...     "source_row": ["3"], "source_column": [None]})
    >>> first_problems(f)
    ['前 1 个问题及其台账位置：', '  [UNCOVERED] 甲公司（U1）：工作表“单位台账”第3行']

    """
    if "source_row" not in findings.columns:
        return []
    placed = findings[findings["source_row"].notna().to_numpy(dtype=bool)]
    if len(placed) == 0:
        return []
    rank = placed["severity"].map(_SEVERITY_ORDER).fillna(3)
    head = placed.iloc[np.argsort(rank.to_numpy(), kind="stable")[:n]]
    where = finding_place(head, lang=lang)
    lines = [i18n.text("first_problems", lang=lang, n=len(head))]
    for r, w in zip(head.fillna("").itertuples(index=False), where, strict=True):
        if lang == "en":
            lines.append(f"  [{r.code}] {shown(r.subject_name)} ({shown(r.subject_id)}): {w}")
        else:
            lines.append(f"  [{r.code}] {shown(r.subject_name)}（{shown(r.subject_id)}）：{w}")
    return lines
