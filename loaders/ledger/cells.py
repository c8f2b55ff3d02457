"""Parsing kernels for typed cells: whole numbers, dates and value words, a column at a time.

Each returns ``(values, bad)``: the parsed column (missing where a cell is
blank or cannot be read) and a boolean Series marking the cells that were
given but could not be read, which the builder records as rejects.

Values are range-checked per cell, so one cell can never make a whole ledger
unreadable or wrap around: a date must lie between
:data:`graphkit.settings.EARLIEST_DATE` and :data:`~graphkit.settings.LATEST_DATE`
(``9999-12-31``, ``0000-01-01``, a huge Excel serial are rejected), a whole
number must be at most :data:`INT_MAX`. :func:`range_reasons` tells such
cells apart from text that is no number or date at all.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit import i18n
from graphkit.kernels import text_bytes
from graphkit.settings import EARLIEST_DATE, LATEST_DATE
from loaders.ledger.names import normalise_header
from loaders.ledger.text import STRING, arrow_text, string_array

__all__ = [
    "INT_MAX",
    "parse_bool",
    "parse_date",
    "parse_enum",
    "parse_int",
    "parse_number",
    "range_reasons",
]

#: The largest whole number a ledger cell may hold (a head count, an area, hours): larger is a typo.
INT_MAX = 1_000_000_000
_LOW = pd.Timestamp(EARLIEST_DATE)
_HIGH = pd.Timestamp(LATEST_DATE)

_INT = re.compile(r"^\+?(\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?$")
_DATE_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DATE_COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})$")
_SERIAL = re.compile(r"^\d{1,6}(?:\.\d+)?$")


def _nfkc(values: pd.Series) -> pd.Series:
    uniques = values.dropna().unique().tolist()
    return values.map({v: unicodedata.normalize("NFKC", v).strip() for v in uniques}, na_action="ignore")


def parse_int(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers: digits, full-width digits, thousands separators, a ``.0`` tail.

    Examples
    --------
    >>> out, bad = parse_int(pd.Series(["12", "１,２００", "三", None], dtype="string"))
    >>> out.tolist(), bad.tolist()
    ([12, 1200, <NA>, <NA>], [False, False, True, False])

    """
    values = values.astype(STRING)
    text = arrow_text(values)
    plain_mask = pc.match_substring_regex(text, r"^[0-9]{1,9}$").fill_null(False)  # the common case
    plain = np.asarray(plain_mask.to_numpy(zero_copy_only=False), dtype=bool)
    number = np.zeros(len(values), dtype=np.int64)
    if plain.any():
        number[plain] = pc.cast(text.filter(plain_mask), pa.int64()).to_numpy()
    out = pd.Series(pd.arrays.IntegerArray(number, ~plain), index=values.index)
    rest = values.notna() & ~plain
    if rest.any():
        text = _nfkc(values[rest]).astype(STRING)
        digits = text.str.extract(_INT, expand=False).str.replace(",", "", regex=False)
        digits = digits.where(digits.str.len() <= 10)  # more digits cannot fit, and would wrap around
        number = pd.to_numeric(digits, errors="coerce")
        out[rest] = number.where(number <= INT_MAX).astype("Int64")
    bad = values.notna() & out.isna()
    return out, bad


def parse_date(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates: ISO, ``2025/6/30``, ``2025年6月30日``, ``20250630`` or an Excel serial day number.

    Examples
    --------
    >>> out, bad = parse_date(pd.Series(["2025-06-30", "2025年6月3日", "45838", "明年"], dtype="string"))
    >>> out.dt.strftime("%Y-%m-%d").tolist(), bad.tolist()
    (['2025-06-30', '2025-06-03', '2025-06-30', nan], [False, False, False, True])

    """
    values = values.astype(STRING)
    # a ledger's dates repeat (a few hundred distinct among millions of rows): each is read once
    codes, distinct = pd.factorize(values)
    at = _iso_dates(pd.Series(distinct, dtype=STRING))
    at = np.append(at, np.datetime64("NaT", "ns"))  # code -1, a missing cell, takes the NaT
    iso = pd.Series(at[codes], index=values.index, name=values.name)
    rest = values.notna() & iso.isna()
    if not rest.any():
        return iso.astype("datetime64[ns]"), pd.Series(False, index=values.index)
    out, _ = _parse_date_forms(values[rest])
    iso[rest] = out
    return iso.astype("datetime64[ns]"), (values.notna() & iso.isna())


def _iso_dates(values: pd.Series) -> np.ndarray:
    """``datetime64[ns]`` of each ``YYYY-MM-DD`` (or ``YYYY-MM-DD 00:00:00``) cell that is a date in range.

    Every other cell is NaT (:func:`_parse_date_forms` reads it). The common
    case, read from the cells' bytes: O(cells), no Python object per cell.
    """
    data, start, length = text_bytes(values)
    out = np.full(len(start), np.datetime64("NaT"), dtype="datetime64[ns]")
    rows = np.flatnonzero((length == 10) | (length == 19))
    if len(rows) == 0:
        return out
    # the first ten bytes of each cell (YYYY-MM-DD), one row of bytes per position
    grid = np.lib.stride_tricks.as_strided(data, shape=(len(data) - 9, 10), strides=(1, 1))
    head = np.ascontiguousarray(grid[start[rows]].T)
    digit = head - np.uint8(ord("0"))  # wraps around for anything below "0"
    shape = (digit[[0, 1, 2, 3, 5, 6, 8, 9]] <= 9).all(axis=0) & (head[4] == ord("-")) & (head[7] == ord("-"))
    long = np.flatnonzero(length[rows] == 19)
    if len(long):  # the rest must be " 00:00:00"
        tail = grid[start[rows[long]] + 9]  # bytes 9..18: the day's last digit, then the time
        shape[long] &= (tail[:, 1:] == np.frombuffer(b" 00:00:00", dtype=np.uint8)).all(axis=1)
    if not shape.all():
        rows, digit = rows[shape], digit[:, shape]

    def number(*at: int) -> np.ndarray:  # the digits at these positions as one number
        value = digit[at[0]].astype(np.int32)
        for k in at[1:]:
            value = value * 10 + digit[k]
        return value

    year, month, day = number(0, 1, 2, 3), number(5, 6), number(8, 9)
    some_month = np.clip(month, 1, 12)  # month 0 or 13 is refused below, but must not index out
    days = _days_since_epoch(year, some_month, day)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_days = _MONTH_DAYS[some_month - 1] + ((month == 2) & leap)
    ok = (month >= 1) & (month <= 12) & (day >= 1) & (day <= month_days)
    ok &= (days >= _LOW_DAYS) & (days <= _HIGH_DAYS)
    out[rows[ok]] = (days[ok].astype(np.int64) * 86_400_000_000_000).view("datetime64[ns]")
    return out


_MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def _days_since_epoch(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Days from 1970-01-01 to each proleptic Gregorian date, in integers (H. Hinnant's days_from_civil)."""
    year = year - (month <= 2)
    era = year // 400
    of_era = year - era * 400
    of_year = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    return era * 146_097 + of_era * 365 + of_era // 4 - of_era // 100 + of_year - 719_468


_LOW_DAYS = (EARLIEST_DATE - dt.date(1970, 1, 1)).days
_HIGH_DAYS = (LATEST_DATE - dt.date(1970, 1, 1)).days


def _parse_date_forms(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    text = _nfkc(values).astype(STRING)
    text = (
        text.str.replace(r"(\d)\s*年\s*", r"\1-", regex=True)
        .str.replace(r"(\d)\s*月\s*", r"\1-", regex=True)
        .str.replace(r"(\d)\s*日", r"\1", regex=True)
        .str.replace(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})", r"\1-\2-\3", regex=True)
    )
    parts = text.str.extract(_DATE_YMD)
    compact = text.str.extract(_DATE_COMPACT)
    parts = parts.fillna(compact)
    ymd = pd.DataFrame(
        {
            "year": pd.to_numeric(parts[0], errors="coerce"),
            "month": pd.to_numeric(parts[1], errors="coerce"),
            "day": pd.to_numeric(parts[2], errors="coerce"),
        }
    )
    out = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    have = ymd.notna().all(axis=1) & ymd["year"].between(_LOW.year, _HIGH.year)
    if have.any():
        out[have] = _in_range(pd.to_datetime(ymd[have].astype("int64"), errors="coerce"))
    serial = out.isna() & text.str.fullmatch(_SERIAL).fillna(False).astype(bool)
    if serial.any():
        days = pd.to_numeric(text[serial], errors="coerce").astype("float64").round()
        first, last = ((d - pd.Timestamp("1899-12-30")).days for d in (_LOW, _HIGH))
        days = days.where((days >= first) & (days <= last))
        out[serial] = pd.Timestamp("1899-12-30") + pd.to_timedelta(days, unit="D")
    bad = values.notna() & out.isna()
    return out.astype("datetime64[ns]"), bad


def _in_range(dates: pd.Series) -> pd.Series:
    """``dates`` as nanosecond datetimes, those outside the ledger's range missing (no overflow)."""
    ok = dates.notna() & (dates >= _LOW) & (dates <= _HIGH)
    return dates.where(ok).astype("datetime64[ns]")


_LOOKS_DATE = re.compile(r"^(\d{1,5})\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
_LOOKS_NUMBER = re.compile(r"^\+?(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?$")


def range_reasons(kind: str, values: pd.Series, lang: str = "zh") -> np.ndarray:
    """For cells :func:`parse_int` or :func:`parse_date` found bad, the reason when they are out of range.

    ``kind`` is ``"int"`` or ``"date"``; the result holds a reject reason for
    each value that is a number or date outside the range, ``None`` for the
    others (which are no number or date at all).

    Examples
    --------
    >>> range_reasons("int", pd.Series(["99999999999999999999", "三"], dtype="string"), "en").tolist()
    ['"99999999999999999999" is beyond the plausible range (at most 1,000,000,000); cell left empty', None]
    >>> range_reasons("date", pd.Series(["9999-12-31"], dtype="string"), "en")[0][:40]
    '"9999-12-31" is outside the dates a ledg'

    """
    out = np.full(len(values), None, dtype=object)
    text = _nfkc(values.astype(STRING)).astype(STRING)
    for i, value in enumerate(text.tolist()):
        if value is pd.NA or value is None:
            continue
        if kind == "int":
            hit = _LOOKS_NUMBER.match(value)
            if hit is not None:
                out[i] = i18n.text("reject.int_range", lang=lang, value=values.iloc[i], high=INT_MAX)
        elif kind == "date":
            hit = _LOOKS_DATE.match(value)
            year_out = hit is not None and not _LOW.year <= int(hit.group(1)) <= _HIGH.year
            if year_out or _SERIAL.fullmatch(value) or re.fullmatch(r"\d{7,}(?:\.\d+)?", value):
                out[i] = i18n.text(
                    "reject.date_range", lang=lang, value=values.iloc[i], low=EARLIEST_DATE, high=LATEST_DATE
                )
    return out


def parse_enum(values: pd.Series, words: Mapping[str, tuple[str, ...]]) -> tuple[pd.Series, pd.Series]:
    """Value words (canonical value -> accepted words) to canonical values, compared as header keys.

    Examples
    --------
    >>> out, bad = parse_enum(pd.Series(["党支部", "支部", "小组"], dtype="string"),
    ...                       {"branch": ("党支部", "支部")})
    >>> out.tolist(), bad.tolist()
    (['branch', 'branch', <NA>], [False, False, True])

    """
    lookup = {normalise_header(w): canon for canon, ws in words.items() for w in ws}
    encoded = pc.dictionary_encode(arrow_text(values))  # each distinct word is looked up once
    canonical = pa.array(
        [lookup.get(normalise_header(v)) for v in encoded.dictionary.to_pylist()], type=pa.large_string()
    )
    out = pd.Series(string_array(canonical.take(encoded.indices)), index=values.index)
    bad = values.notna() & out.isna()
    return out, bad


def parse_number(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Decimal numbers (an area, hours): digits with a point, full-width forms, thousands separators.

    Examples
    --------
    >>> out, bad = parse_number(pd.Series(["120.5", "１,２００", "约百平", None], dtype="string"))
    >>> out.tolist(), bad.tolist()
    ([120.5, 1200.0, <NA>, <NA>], [False, False, True, False])

    """
    values = values.astype(STRING)
    text = arrow_text(values)
    # the common case read by Arrow: up to 15 digits, which every parser rounds alike
    plain_mask = pc.match_substring_regex(text, r"^[0-9]{1,9}(\.[0-9]{1,6})?$").fill_null(False)
    plain = np.asarray(plain_mask.to_numpy(zero_copy_only=False), dtype=bool)
    number = np.zeros(len(values), dtype=np.float64)
    if plain.any():
        number[plain] = pc.cast(text.filter(plain_mask), pa.float64()).to_numpy()
    out = pd.Series(pd.arrays.FloatingArray(number, ~plain), index=values.index, name=values.name)
    rest = values.notna() & ~plain
    if rest.any():
        out[rest] = _parse_number_forms(values[rest])
    bad = values.notna() & out.isna()
    return out, bad


def _parse_number_forms(values: pd.Series) -> pd.Series:
    text = _nfkc(values).astype(STRING).str.replace(",", "", regex=False)
    text = text.where(text.str.fullmatch(r"\+?\d+(?:\.\d+)?").fillna(False).astype(bool))
    return pd.to_numeric(text, errors="coerce").astype("Float64")


def parse_bool(values: pd.Series, words: Mapping[bool, tuple[str, ...]]) -> tuple[pd.Series, pd.Series]:
    """Yes/no cells (是/否, 有/无, √/×, ...) to booleans, compared as header keys.

    Examples
    --------
    >>> out, bad = parse_bool(pd.Series(["是", "无", "也许", None], dtype="string"),
    ...                       {True: ("是", "有"), False: ("否", "无")})
    >>> out.tolist(), bad.tolist()
    ([True, False, <NA>, <NA>], [False, False, True, False])

    """
    text, bad = parse_enum(values, {("1" if k else "0"): w for k, w in words.items()})
    yes = pc.equal(arrow_text(text), "1")
    out = pd.Series(
        pd.arrays.BooleanArray(
            np.asarray(yes.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool),
            np.asarray(yes.is_null().to_numpy(zero_copy_only=False), dtype=bool),
        ),
        index=text.index,
        name=text.name,
    )
    return out, bad
