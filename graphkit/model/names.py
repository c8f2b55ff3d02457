"""Short names: what a caption shows of an organisation's registered name.

A registered name (企业名称) is place + trade name (字号) + industry + legal
form: 郑州市中原区 + 航豪 + 物流 + 有限公司. Ledgers list the full names, and
in a building of twenty firms registered in one district every name starts
the same; a caption cut to its first characters then reads “郑州市…” for
all of them. :func:`short_names` drops the place before the trade name and
the legal form after it, so the trade name comes first.

Examples
--------
>>> short_names(pd.Series(["郑州市中原区航豪物流有限公司", "河南汇佳服饰股份有限公司", "甲公司"])).tolist()
['航豪物流', '汇佳服饰', '甲公司']

"""

from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["LEGAL_FORMS", "PROVINCES", "short_names"]

#: Province-level names as registered names use them without 省/市/自治区 (河南汇佳服饰有限公司).
PROVINCES: tuple[str, ...] = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
    "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
    "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
)  # fmt: skip

#: Legal forms at the end of a name, longest first (a partnership's in brackets).
LEGAL_FORMS: tuple[str, ...] = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "股份公司",
    "公司",
    "（有限合伙）",
    "(有限合伙)",
    "（普通合伙）",
    "(普通合伙)",
    "（特殊普通合伙）",
    "(特殊普通合伙)",
)

_HAN = "[\u4e00-\u9fff]"
#: A legal form at the end of a name, as a pattern for Arrow's regular expressions (RE2).
_FORM = "(?:" + "|".join(re.escape(f) for f in LEGAL_FORMS) + ")$"
#: Fewest characters a short name keeps; a name that would get shorter stays whole.
_MIN_LENGTH = 2


def _alternatives(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _prefixes(full: pa.Array, index: pd.Index, cities: set[str]) -> pd.DataFrame:
    """Province, city and district at the start of each name (missing where absent), and the rest.

    One pass of Arrow's regular expressions (RE2) over all the names.
    """
    # the form with its level first: 郑州市委 is 郑州市 + 委, not 郑州 + 市委
    province = f"(?:{_HAN}{{2,3}}省|{_alternatives(set(PROVINCES))})"
    city = f"(?:{_HAN}{{2,3}}市|{_alternatives(cities)})" if cities else f"{_HAN}{{2,3}}市"
    pattern = (
        rf"(?s)^(?P<province>{province})?(?P<city>{city})?(?P<district>{_HAN}{{2,3}}[区县])?(?P<rest>.*)$"
    )
    parts = pc.extract_regex(full, pattern)
    out = {}
    for field in ("province", "city", "district", "rest"):
        values = pc.struct_field(parts, field)
        if field != "rest":  # a group that took no part is empty: missing, as no group is ever empty
            values = pc.if_else(pc.equal(values, ""), pa.scalar(None, values.type), values)
        out[field] = pd.Series(values, index=index, dtype="string")
    return pd.DataFrame(out)


def short_names(names: pd.Series) -> pd.Series:
    """``names`` without the place before the trade name and the legal form after it.

    The place is a province, a city and a district, in that order, each
    optional: 河南省 or 河南 (the names of :data:`PROVINCES`), 郑州市 (or 郑州
    where ``names`` also writes 郑州市 before a district, or in two names), and
    a district or county (中原区, 登封县). A single city or district that only
    one name starts with is not taken for a place (新城市建设有限公司 keeps its
    name). The legal form is one of :data:`LEGAL_FORMS`. A name that would keep
    fewer than two characters stays whole; missing names stay missing.

    Parameters
    ----------
    names
        Registered names (any index, kept).

    Returns
    -------
    pandas.Series
        The short names, dtype ``string``.

    Examples
    --------
    >>> names = pd.Series(["郑州市中原区瑞晨咨询服务部", "郑州宏联餐饮管理有限公司", "中原区邦州科技促进会",
    ...                    "中原区航鑫文化交流协会", "新城市建设有限公司", "郑州市委", "有限公司", None])
    >>> short_names(names).tolist()[:4]
    ['瑞晨咨询服务部', '宏联餐饮管理', '邦州科技促进会', '航鑫文化交流协会']
    >>> short_names(names).tolist()[4:]
    ['新城市建设', '郑州市委', '有限公司', <NA>]

    Notes
    -----
    A few regular-expression passes over the names: O(total length).

    """
    full = names.astype("string")
    text = pa.array(full.array, type=pa.large_string(), from_pandas=True)
    places = ["province", "city", "district"]
    first = _prefixes(text, full.index, set())
    tokens = first[places].notna().sum(axis=1)
    chained = first["city"][tokens >= 2].dropna()
    common = first["city"].value_counts()
    cities = {c.removesuffix("市") for c in {*chained.unique(), *common[common >= 2].index}}
    cities = {c for c in cities if len(c) >= _MIN_LENGTH}
    found = _prefixes(text, full.index, cities)
    tokens = found[places].notna().sum(axis=1)
    known = found["city"].str.removesuffix("市").isin(cities).fillna(False).astype(bool)
    district = found["district"]
    repeated = district.map(district.value_counts()).fillna(0) >= 2
    place = (tokens >= 2) | found["province"].notna() | known | repeated
    rest = found["rest"].where(place, full)
    short = rest.str.replace(_FORM, "", regex=True)
    return short.where(short.str.len() >= _MIN_LENGTH, full)
