"""The unified social credit code (统一社会信用代码, GB 32100-2015).

A code has 18 characters from ``0123456789ABCDEFGHJKLMNPQRTUWXY`` (no I, O, S,
V, Z). Positions 3–8 are the administrative division code (digits). The 18th
character is a check character over the first 17::

    C18 = 31 - (sum(value(C_i) * 3**(i-1) mod 31 for i in 1..17) mod 31)

where a result of 31 becomes 0. Prefixes tell the kind of organisation: ``9x``
enterprises and businesses, ``5x`` social organisations (51 social group, 52
private non-enterprise unit, 53 foundation).

Positions 9–17 also carry a GB 11714 organisation-code check; it is *not*
tested here, because codes issued under the old scheme do not all satisfy it.

Examples
--------
>>> import pandas as pd
>>> is_valid_credit_code(pd.Series(["91350200776049653A", "53100000500012015T"])).tolist()
[True, False]
>>> credit_code_check_char("91350200776049653")
'A'

"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit.kernels import as_text

__all__ = [
    "ALPHABET",
    "credit_code_check_char",
    "credit_code_check_chars",
    "credit_code_problem",
    "is_valid_credit_code",
]

#: The 31 characters a credit code may use, in value order (0..30).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_WEIGHTS = np.array([pow(3, i, 31) for i in range(17)], dtype=np.int64)
# byte -> value lookup (-1 for characters outside the alphabet)
_LOOKUP = np.full(256, -1, dtype=np.int64)
for _ch, _v in _VALUE.items():
    _LOOKUP[ord(_ch)] = _v
#: The shape :func:`credit_code_problem` checks (on bytes): 2 of the alphabet, 6 digits, 10 of the alphabet.
_PATTERN = r"^[0-9A-HJ-NP-RTUWXY]{2}[0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}$"
_LOOKUP_SMALL = _LOOKUP.astype(np.int16)
#: the reasons of :func:`credit_code_problem`, by the codes of :func:`_problem_codes` (0: valid)
_PROBLEMS = pa.array(
    [None, "blank", "length", "characters", *(f"check:{ch}" for ch in ALPHABET)], type=pa.large_string()
)
_BLANK, _LENGTH, _CHARACTERS, _CHECK = 1, 2, 3, 4


def credit_code_check_char(first17: str) -> str:
    """Return the check character (18th) for the first 17 characters of a code.

    Parameters
    ----------
    first17
        The first 17 characters: all from :data:`ALPHABET`; positions 3–8 should
        be the division code (digits) for the whole code to be valid.

    Returns
    -------
    str
        One character of :data:`ALPHABET`.

    Raises
    ------
    ValueError
        If ``first17`` is not 17 characters of the alphabet.

    Examples
    --------
    >>> credit_code_check_char("53100000500019795")
    'A'
    >>> first17 = "91410102MA45X0001"
    >>> first17 + credit_code_check_char(first17)
    '91410102MA45X00011'

    """
    if len(first17) != 17 or any(ch not in _VALUE for ch in first17):
        msg = f"expected 17 characters of {ALPHABET}, got {first17!r}"
        raise ValueError(msg)
    total = sum(_VALUE[ch] * int(w) for ch, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_check_chars(first17: pd.Series) -> pd.Series:
    """Check characters for many codes at once (vectorised :func:`credit_code_check_char`).

    Parameters
    ----------
    first17
        Strings whose first 17 characters are all from :data:`ALPHABET`
        (longer strings are cut to 17; an 18th character is ignored).

    Returns
    -------
    pandas.Series
        One check character per item, aligned to ``first17``.

    Raises
    ------
    ValueError
        If an item is shorter than 17 characters or uses a character outside the alphabet.

    Examples
    --------
    >>> credit_code_check_chars(pd.Series(["91350200776049653", "53100000500019795X"])).tolist()
    ['A', 'A']

    """
    codes = first17.astype("string")
    if len(codes) == 0:
        return pd.Series([], dtype="string", index=first17.index)
    head = codes.str.slice(0, 17)
    if head.isna().any() or (head.str.len() != 17).any():
        msg = "credit_code_check_chars: every item needs 17 characters"
        raise ValueError(msg)
    try:
        raw = np.frombuffer("".join(head.tolist()).encode("ascii"), dtype=np.uint8)
    except UnicodeEncodeError:
        raw = np.zeros(0, dtype=np.uint8)
    if raw.size != len(codes) * 17:
        msg = f"credit_code_check_chars: characters outside {ALPHABET}"
        raise ValueError(msg)
    values = _LOOKUP[raw.reshape(len(codes), 17)]
    if (values < 0).any():
        msg = f"credit_code_check_chars: characters outside {ALPHABET}"
        raise ValueError(msg)
    total = (values * _WEIGHTS).sum(axis=1)
    chars = np.array(list(ALPHABET))[(31 - total % 31) % 31]
    return pd.Series(chars, index=first17.index, dtype="string")


def credit_code_problem(codes: pd.Series) -> pd.Series:
    """What is wrong with each code: ``<NA>`` when valid, else a short reason key.

    Reason keys: ``blank``, ``length`` (not 18 characters), ``characters``
    (a character outside :data:`ALPHABET`, or a non-digit in positions 3–8),
    ``check:<C>`` (wrong check character; ``<C>`` is the right one).

    Examples
    --------
    >>> s = pd.Series(["91350200776049653A", "9135", "91350200776049653B", None])
    >>> credit_code_problem(s).tolist()
    [<NA>, 'length', 'check:A', 'blank']

    """
    arr = as_text(codes if isinstance(codes.dtype, pd.StringDtype) else codes.astype("string"))
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    reason = _PROBLEMS.take(pa.array(_problem_codes(arr)))
    return pd.Series(pd.array(reason, dtype="string"), index=codes.index)


def _problem_codes(arr: pa.Array) -> np.ndarray:
    """:func:`credit_code_problem` as ``int8`` codes into :data:`_PROBLEMS` (0: valid), one per text value."""
    reason = np.zeros(len(arr), dtype=np.int8)
    # blank: missing, or nothing but spaces; length: not 18 characters
    trimmed = pc.binary_length(pc.utf8_trim_whitespace(arr)).fill_null(0)
    blank = np.asarray(pc.equal(trimmed, 0).to_numpy(zero_copy_only=False), dtype=bool)
    chars = np.asarray(pc.utf8_length(arr).fill_null(0).to_numpy(zero_copy_only=False), dtype=np.int64)
    length = ~blank & (chars != 18)
    reason[blank] = _BLANK
    reason[length] = _LENGTH
    shaped = np.flatnonzero(~blank & ~length)
    # 18 characters in 18 bytes are ASCII: one row of a byte matrix each; the others have a
    # character outside the pattern's ASCII classes
    picked_all = arr.take(pa.array(shaped, type=pa.int64()))
    ascii18 = np.asarray(
        pc.equal(pc.binary_length(picked_all), 18).to_numpy(zero_copy_only=False), dtype=bool
    )
    reason[shaped[~ascii18]] = _CHARACTERS
    rows = shaped[ascii18]
    picked = picked_all.filter(pa.array(ascii18, type=pa.bool_()))
    data = np.zeros((0, 18), dtype=np.uint8)
    if len(picked):
        offsets = np.frombuffer(picked.buffers()[1], dtype=np.int64)[picked.offset :][: len(picked) + 1]
        data = np.frombuffer(picked.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]].reshape(-1, 18)
    # one column of characters at a time: no matrix of values as large as the codes themselves
    well = ((data[:, 2:8] >= ord("0")) & (data[:, 2:8] <= ord("9"))).all(axis=1)
    total = np.zeros(len(data), dtype=np.int32)  # at most 17·30·30
    for j, weight in enumerate(_WEIGHTS.tolist()):
        value = _LOOKUP_SMALL[data[:, j]]
        well &= value >= 0
        total += value * np.int16(weight)
    check = _LOOKUP_SMALL[data[:, 17]]
    well &= check >= 0
    reason[rows[~well]] = _CHARACTERS
    expected = (31 - total % 31) % 31
    wrong = well & (check != expected)
    reason[rows[wrong]] = _CHECK + expected[wrong]
    return reason


def is_valid_credit_code(codes: pd.Series) -> pd.Series:
    """True for each valid unified social credit code (vectorised).

    Parameters
    ----------
    codes
        Codes as strings; missing values are invalid.

    Returns
    -------
    pandas.Series
        Booleans aligned to ``codes``.

    Examples
    --------
    >>> s = pd.Series(["91350200776049653A", "53100000500019795A", "53100000500012015T", "abc"])
    >>> is_valid_credit_code(s).tolist()
    [True, True, False, False]

    Notes
    -----
    O(codes), vectorised (no Python loop per code).

    """
    return credit_code_problem(codes).isna().astype(bool)
