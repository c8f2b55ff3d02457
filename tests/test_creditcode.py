import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.creditcode import (
    credit_code_check_char,
    credit_code_check_chars,
    credit_code_problem,
    is_valid_credit_code,
)


def test_research_examples():
    codes = pd.Series(["91350200776049653A", "53100000500019795A", "53100000500012015T"], index=[5, 6, 7])
    got = is_valid_credit_code(codes)
    assert got.tolist() == [True, True, False]
    assert got.index.tolist() == [5, 6, 7]


def test_problems_name_the_reason():
    codes = pd.Series(
        ["91350200776049653a", "913502007760496530", "91350200776049653", "91ABCDEF776049653A", "", None]
    )
    assert credit_code_problem(codes).tolist() == [
        "characters",
        "check:A",
        "length",
        "characters",
        "blank",
        "blank",
    ]


def test_forbidden_letters_are_invalid():
    # I, O, S, V, Z are not in the alphabet even if the sum would fit
    assert not is_valid_credit_code(pd.Series(["91350200776049653I"])).iloc[0]


def test_check_char_round_trip():
    assert credit_code_check_char("91350200776049653") == "A"
    assert credit_code_check_char("53100000500012015") != "T"
    first17 = "52410102MJY123450"
    code = first17 + credit_code_check_char(first17)
    assert is_valid_credit_code(pd.Series([code])).tolist() == [True]


def test_check_char_zero_when_sum_fits():
    # a code whose weighted sum is a multiple of 31 gets check char '0', not 'Y'+1
    first17 = "00000000000000000"
    assert credit_code_check_char(first17) == "0"


@pytest.mark.parametrize("bad", ["123", "9135020077604965OA"[:17].replace("7", "O")])
def test_check_char_rejects_bad_input(bad):
    with pytest.raises(ValueError, match="17 characters"):
        credit_code_check_char(bad)


def test_empty_series():
    assert is_valid_credit_code(pd.Series([], dtype="string")).tolist() == []


def test_check_chars_vectorised_matches_scalar():
    firsts = pd.Series(["91350200776049653", "53100000500019795", "52410102MJY123450"], index=[3, 1, 2])
    got = credit_code_check_chars(firsts)
    assert got.tolist() == [credit_code_check_char(f) for f in firsts]
    assert got.index.tolist() == [3, 1, 2]
    with pytest.raises(ValueError, match="outside"):
        credit_code_check_chars(pd.Series(["9135020077604965O"]))
    with pytest.raises(ValueError, match="17 characters"):
        credit_code_check_chars(pd.Series(["913"]))


def _plain_problem(code):
    """The definition, one code at a time."""
    import re

    if code is None or code.strip() == "":
        return "blank"
    if len(code) != 18:
        return "length"
    if not re.fullmatch(r"[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}", code):
        return "characters"
    right = credit_code_check_char(code[:17])
    return None if code[17] == right else f"check:{right}"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXYIOSZa 中\n", min_size=16, max_size=19),
            st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=18, max_size=18),
        ),
        max_size=12,
    )
)
def test_problems_equal_the_definition_code_by_code(codes):
    got = credit_code_problem(pd.Series(codes, dtype="string", index=range(10, 10 + len(codes))))
    assert got.index.tolist() == list(range(10, 10 + len(codes)))
    assert [None if pd.isna(p) else p for p in got] == [_plain_problem(c) for c in codes]


def test_problem_of_spaces_only_non_text_and_full_width_codes():
    codes = pd.Series(
        [" " * 18, "\u3000" * 18, 913502007760496530, "９１350200776049653A", "91350200776049653A"],
        dtype=object,
    )
    assert credit_code_problem(codes).tolist() == ["blank", "blank", "check:A", "characters", pd.NA]
