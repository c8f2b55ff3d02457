"""Typed cells: whole numbers and dates (loaders.ledger.cells)."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.ledger.cells import (
    _parse_date_forms,
    _parse_number_forms,
    parse_bool,
    parse_date,
    parse_enum,
    parse_int,
    parse_number,
)
from loaders.schema import BOOL_WORDS


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


date_like = st.one_of(
    st.builds(
        "{}-{}-{}{}".format,
        st.sampled_from(["0000", "1899", "1900", "1996", "2000", "2025", "2100", "2199", "2200", "9999"]),
        st.sampled_from(["00", "01", "02", "1", "09", "12", "13"]),
        st.sampled_from(["00", "01", "5", "28", "29", "30", "31", "32"]),
        st.sampled_from(["", " 00:00:00", " 00:00:01", "T00:00:00", " ", "x"]),
    ),
    st.sampled_from(
        ["2025/6/30", "2025年6月3日", "45838", "明年", "２０２５-０６-３０", "20250630", "甲-乙-丙"]
    ),
    st.none(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(date_like, max_size=20))
def test_parse_date_reads_iso_dates_as_the_general_forms_do(cells):
    # the fast path for YYYY-MM-DD is pinned to the general one: same dates, same cells refused
    values = pd.Series(cells, dtype="string")
    out, bad = parse_date(values)
    forms, forms_bad = _parse_date_forms(values)
    pd.testing.assert_series_equal(out, forms, check_names=False)
    assert bad.tolist() == forms_bad.tolist()


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.from_regex(r"[0-9]{1,12}(\.[0-9]{1,8})?", fullmatch=True),
            st.sampled_from(["１,２００", "约百平", "", "+3", "1,000.25", "3.", ".5", "1e5", "-1", " 5 "]),
            st.none(),
        ),
        max_size=20,
    )
)
def test_parse_number_reads_plain_numbers_as_the_general_forms_do(cells):
    values = pd.Series(cells, dtype="string")
    out, bad = parse_number(values)
    pd.testing.assert_series_equal(out, _parse_number_forms(values), check_names=False)
    assert bad.tolist() == (values.notna() & out.isna()).tolist()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["是", "否", "有", "无", "也许", "Y", "n", "√", "×", "", None]), max_size=20))
def test_parse_bool_is_the_value_words(cells):
    values = pd.Series([c or None for c in cells], dtype="string")
    out, bad = parse_bool(values, BOOL_WORDS)
    words, words_bad = parse_enum(values, {"1": BOOL_WORDS[True], "0": BOOL_WORDS[False]})
    assert out.tolist() == [pd.NA if pd.isna(w) else w == "1" for w in words]
    assert str(out.dtype) == "boolean"
    assert bad.tolist() == words_bad.tolist()
