"""Phone masking: the column-wise masking equals mask_phone value by value."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.privacy import _mask_text, mask_contacts, mask_phone

#: ASCII digits, separators and letters: every branch of the rule (up to 7 digits, more)
_ASCII = st.text(st.sampled_from(list("01234567890123456789 -+()x")), max_size=16)
#: with digits of other scripts, which the column-wise way leaves to mask_phone
_OTHER = st.text(st.sampled_from(list("0123456789 -甲０٣")), max_size=16)


def test_masking_small_cases_exactly() -> None:
    phones = ["13812345678", "0371-6788 1234", "1234567", "", None]
    frame = pd.DataFrame({"phone": phones, "联系人手机": ["12345678", None, "12345678", None, "x"]})
    masked = mask_contacts(frame.astype("string"))
    assert masked["phone"].tolist() == ["138****5678", "037*-**** 1234", "*******", "", pd.NA]
    assert masked["联系人手机"].tolist() == ["123*5678", pd.NA, "123*5678", pd.NA, "x"]


def _check(values: list[str | None], dtype: str) -> None:
    frame = pd.DataFrame({"phone": values, "办公电话": values}, dtype=dtype)
    for part in (frame, frame.iloc[1:]):  # a slice too: Arrow offsets that do not start at 0
        masked = mask_contacts(part)
        for col, kept in (("phone", dtype), ("办公电话", "string")):
            one_by_one = part[col].astype(kept).map(mask_phone, na_action="ignore").astype(kept)
            pd.testing.assert_series_equal(masked[col], one_by_one)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), _ASCII), max_size=12))
def test_column_masking_equals_mask_phone(values: list[str | None]) -> None:
    assert _mask_text(pd.Series(values, dtype="string")) is not None  # the column-wise way
    for dtype in ("string", "str"):
        _check(values, dtype)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.none(), _OTHER), max_size=8))
def test_masking_with_other_digits_equals_mask_phone(values: list[str | None]) -> None:
    _check(values, "string")
