"""Typed cells: whole numbers and dates (loaders.ledger.cells)."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.ledger.cells import parse_date, parse_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        ("12.0", 12),
        ("１２", 12),
        (" 3 ", 3),
        ("1,234", 1234),
        ("三", None),
        ("-1", None),
        ("1.5", None),
    ],
)
def test_whole_numbers(text, expected):
    values, bad = parse_int(pd.Series([text], dtype="string"))
    assert (pd.NA if expected is None else expected) is values[0] or values[0] == expected
    assert bool(bad[0]) is (expected is None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-30", "2025-06-30"),
        ("2025/6/30", "2025-06-30"),
        ("2025年6月30日", "2025-06-30"),
        ("2025.6.3", "2025-06-03"),
        ("2025-06-30 00:00:00", "2025-06-30"),
        ("20250630", "2025-06-30"),
        ("45838", "2025-06-30"),
        ("45838.0", "2025-06-30"),
        ("2025-13-01", None),
        ("明年", None),
    ],
)
def test_dates(text, expected):
    values, bad = parse_date(pd.Series([text], dtype="string"))
    if expected is None:
        assert pd.isna(values[0]) and bad[0]
    else:
        assert values[0] == pd.Timestamp(expected) and not bad[0]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["12", "007", "１２", "1,234", "三", "", "999999999999999999", "2.0"]), max_size=12
    )
)
def test_parse_int_matches_the_plain_rule(cells):
    values = pd.Series([c or None for c in cells], dtype="string")
    out, bad = parse_int(values)
    expected = {
        "12": 12,
        "007": 7,
        "１２": 12,
        "1,234": 1234,
        "2.0": 2,
    }
    # 999999999999999999 is beyond INT_MAX: rejected like text, never wrapped around
    assert out.tolist() == [expected.get(c, pd.NA) for c in cells]
    assert bad.tolist() == [c in ("三", "999999999999999999") for c in cells]
    assert str(out.dtype) == "Int64"
