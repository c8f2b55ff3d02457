"""Comparison keys of headers and names (loaders.ledger.names)."""

import re
import unicodedata

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.ledger.names import normalise_header, normalise_name, to_simplified


def test_normalise_header():
    assert normalise_header("＊單位名稱（必填）") == "单位名称"
    assert normalise_header("业务主管(指导)单位") == normalise_header("业务主管单位")
    assert normalise_header("所在楼宇/商圈/园区") == "所在楼宇/商圈/园区"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["中原 區", "教育局", "（郑州）", "\u3000", "\xa0", "\x1c", "\t", "Ａ", "公司", ""]),
        max_size=8,
    )
)
def test_normalise_name_is_nfkc_simplified_without_white_space(parts):
    values = pd.Series([p or None for p in parts] + ["".join(parts)], dtype="string")
    expected = [
        pd.NA if v is None else re.sub(r"\s+", "", to_simplified(unicodedata.normalize("NFKC", v)))
        for v in values.astype(object).where(values.notna(), None)
    ]
    got = normalise_name(values)
    assert got.tolist() == expected
    assert str(got.dtype) == "string"
