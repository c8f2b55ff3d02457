"""Made-up names, ids and credit codes, a column at a time.

Every function draws from the generator it is given in a fixed order, so
the same seed gives the same district.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphkit.creditcode import ALPHABET
from loaders.demo.words import BRAND, GIVEN, MOBILE, SURNAME

__all__ = [
    "brand_names",
    "cat",
    "credit_codes",
    "isin",
    "kind_of",
    "names_and_phones",
    "numbered_ids",
    "pick",
    "pick_text",
    "rel_frame",
    "renamed",
]


def pick(rng: np.random.Generator, pool: list[str], n: int) -> np.ndarray:
    """``n`` words drawn from ``pool`` with replacement."""
    return np.asarray(pool, dtype=object)[rng.integers(0, len(pool), n)]


def pick_text(rng: np.random.Generator, pool: list[str], n: int) -> pa.Array:
    """:func:`pick` as Arrow text (the same draws): no Python object per word.

    Examples
    --------
    >>> one, two = np.random.default_rng(1), np.random.default_rng(1)
    >>> pick_text(one, ["甲", "乙"], 3).to_pylist() == pick(two, ["甲", "乙"], 3).tolist()
    True

    """
    return pa.array(pool, type=pa.string()).take(rng.integers(0, len(pool), n))


def choose(mask: Any, yes: Any, no: Any) -> pa.Array:
    """``np.where(mask, yes, no)`` for Arrow text (arrays, or one word; ``None`` for missing)."""

    def text(v: Any) -> Any:
        return pa.scalar(v, type=pa.string()) if v is None or isinstance(v, str) else v

    return pc.if_else(pa.array(np.asarray(mask, dtype=bool)), text(yes), text(no))


def cat(*parts: Any) -> pd.Series:
    """Concatenate string arrays/scalars element-wise (vectorised, in Arrow).

    Examples
    --------
    >>> cat(np.array(["甲", "乙"], dtype=object), "公司", np.array([1, 2])).tolist()
    ['甲公司1', '乙公司2']

    """
    n = max(len(p) for p in parts if not isinstance(p, str))
    arrays: list[Any] = []
    for p in parts:
        if isinstance(p, str):
            arrays.append(p)
            continue
        if isinstance(p, pa.Array | pa.ChunkedArray):
            arrays.append(p.cast(pa.string()))
            continue
        if isinstance(p, pd.Series | pd.Index) and isinstance(p.dtype, pd.StringDtype):
            arrays.append(pa.array(p.array).cast(pa.string()))  # Arrow text as it is, no objects
            continue
        arr = p.to_numpy() if isinstance(p, pd.Series | pd.Index) else np.asarray(p)
        if arr.dtype.kind in "iub":
            arrays.append(pa.array(arr).cast(pa.string()))
        else:
            arrays.append(pa.array(arr, type=pa.string(), from_pandas=True))
    if all(isinstance(a, str) for a in arrays):  # pragma: no cover - always called with an array
        return pd.Series(["".join(arrays)] * n, dtype="string")
    joined = pc.binary_join_element_wise(*arrays, "")
    return pd.Series(pd.arrays.ArrowStringArray(joined))


def _arrow_text(values: Any) -> pa.Array:
    """``values`` as an Arrow text array: zero-copy for pandas' Arrow strings, one pass for objects."""
    if isinstance(values, pd.Series | pd.Index) and isinstance(values.dtype, pd.StringDtype):
        # the array, not the Series: pyarrow's attribute probes on a Series make pandas hash its index
        arr = pa.array(values.array)
    else:
        arr = pa.array(np.asarray(values, dtype=object), type=pa.large_string(), from_pandas=True)
    return arr.cast(pa.large_string())


def isin(values: Any, wanted: Any) -> np.ndarray:
    """Whether each of ``values`` is one of ``wanted`` (text ids): one hash look-up per value, O(n + m).

    ``np.isin`` on object arrays sorts both or compares every value with every
    wanted one (quadratic when both grow with the district), and pandas'
    ``isin`` on Arrow strings walks them in Python; Arrow's ``is_in`` hashes
    ``wanted`` once and looks each value up. Missing values are never in.

    Examples
    --------
    >>> isin(np.array(["C1", None, "C3"], dtype=object), ["C3", "C2"]).tolist()
    [False, False, True]

    """
    if len(values) == 0:
        return np.zeros(0, dtype=bool)
    hit = pc.is_in(_arrow_text(values), value_set=_arrow_text(wanted))
    return pc.fill_null(hit, False).to_numpy(zero_copy_only=False)


def numbered_ids(prefix: str, n: int, start: int = 1, width: int = 4) -> np.ndarray:
    """``n`` ids ``prefix`` + a zero-padded number from ``start``.

    Examples
    --------
    >>> numbered_ids("P", 2).tolist(), numbered_ids("D", 2, width=2).tolist()
    (['P0001', 'P0002'], ['D01', 'D02'])

    """
    width = max(width, len(str(start + n)))
    return np.asarray([f"{prefix}{i:0{width}d}" for i in range(start, start + n)], dtype=object)


def _column(values: Any) -> Any:
    """``values`` for a frame column: pandas' Arrow text as it is (no round trip through objects)."""
    if isinstance(values, pd.Series | pd.Index):
        values = values.array
    if isinstance(values, pd.api.extensions.ExtensionArray) and isinstance(values.dtype, pd.StringDtype):
        return values
    return np.asarray(values, dtype=object)


def rel_frame(source: Any, target: Any) -> pd.DataFrame:
    """A relationship frame of (source, target) pairs; the kinds are added at the end."""
    return pd.DataFrame({"source": _column(source), "target": _column(target)})


def renamed(values: Any, rename: dict[str, str]) -> pd.api.extensions.ExtensionArray:
    """``values`` (text ids) with the ids in ``rename`` replaced, as Arrow-backed text.

    One hash look-up per value in Arrow (``index_in``), O(n + len(rename)).

    Examples
    --------
    >>> renamed(np.array(["A", "B", None], dtype=object), {"B": "b"}).tolist()
    ['A', 'b', <NA>]

    """
    arr = _arrow_text(values)
    if rename:
        keys = pa.array(list(rename), type=pa.large_string())
        at = pc.index_in(arr, value_set=keys)
        new = pc.take(pa.array(list(rename.values()), type=pa.large_string()), at)
        arr = pc.if_else(pc.is_valid(at), new, arr)
    return pd.array(arr, dtype="string")


def names_and_phones(rng: np.random.Generator, n: int) -> tuple[pd.Series, pd.Series]:
    """(name, mobile phone number) of ``n`` people."""
    two = rng.random(n) < 0.7
    given = cat(pick(rng, GIVEN, n), np.where(two, pick(rng, GIVEN, n), ""))
    names = cat(pick(rng, SURNAME, n), given)
    digits = pd.Series(rng.integers(0, 10**8, n)).astype(str).str.zfill(8)
    phones = cat(pick(rng, MOBILE, n), digits)
    return names, phones


def brand_names(rng: np.random.Generator, n: int, offset: int) -> pa.Array:
    """Distinct two-character brand names (with a number once the pool runs out), as Arrow text."""
    b = len(BRAND)
    grid = np.arange(b * b)
    grid = grid[grid // b != grid % b]  # no brand of one character twice
    k = np.arange(offset, offset + n)
    pair = grid[rng.permutation(len(grid))][k % len(grid)]
    words = pa.array(BRAND, type=pa.string())
    brand = pa.array(cat(words.take(pair // b), words.take(pair % b)).array).cast(pa.string())
    lap = k // len(grid)
    if not (lap > 0).any():
        return brand
    return choose(lap > 0, pa.array(cat(brand, lap).array).cast(pa.string()), brand)


def credit_codes(prefix: np.ndarray, division: np.ndarray, serial: np.ndarray) -> np.ndarray:
    """Valid 统一社会信用代码 (GB 32100, with a GB 11714 organisation-code check).

    The 8-character heads (prefix + division) are few: each is weighed once,
    and the code is built in Arrow, O(n) with no 17-column matrix.

    Examples
    --------
    >>> head, division = np.array(["91"], dtype=object), np.array(["410102"], dtype=object)
    >>> credit_codes(head, division, np.array([1])).tolist()
    ['91410102100482908J']

    """
    body = (serial.astype(np.int64) * 48271 + 10_000_019) % 10**8  # a bijection on 0..10⁸-1
    value = {ch: i for i, ch in enumerate(ALPHABET)}
    weights = np.array([pow(3, i, 31) for i in range(17)], dtype=np.int64)
    c9 = np.zeros(len(body), dtype=np.int64)
    total = np.zeros(len(body), dtype=np.int64)
    for i, (w9, w) in enumerate(zip([3, 7, 9, 10, 5, 8, 4, 2], weights[8:16], strict=True)):
        digit = body // 10 ** (7 - i) % 10
        c9 += digit * w9
        total += digit * w
    c9 = 11 - c9 % 11
    v9 = np.where(c9 == 10, value["X"], np.where(c9 == 11, 0, c9))
    p_code, p_uniq = pd.factorize(np.asarray(prefix, dtype=object))
    d_code, d_uniq = pd.factorize(np.asarray(division, dtype=object))
    heads = [str(p) + str(d) for p in p_uniq for d in d_uniq]
    head_at = p_code * len(d_uniq) + d_code
    head_sum = np.array([sum(value[ch] * w for ch, w in zip(h, weights[:8], strict=True)) for h in heads])
    check = (31 - (head_sum[head_at] + total + v9 * weights[16]) % 31) % 31
    chars = pa.array(list(ALPHABET), type=pa.string())
    padded = pc.utf8_lpad(pa.array(body).cast(pa.string()), 8, "0")
    head = pa.array(heads, type=pa.string()).take(head_at)
    return cat(head, padded, chars.take(v9), chars.take(check)).to_numpy(dtype=object)


#: The node kind of an id by its first letters (:func:`kind_of`; credit codes by their length).
_ID_KINDS = (
    ("ZD", "Position"),
    ("GS:", "GuidanceStation"),
    ("OB", "OrganBranch"),
    ("P", "PartyOrg"),
    ("C", "Carrier"),
    ("D", "Department"),
    ("I", "Instructor"),
    ("L", "Liaison"),
)


def kind_of(values: Any) -> pd.api.extensions.ExtensionArray:
    """Node kind of each demo id, told from its shape (no lookup in a million-row index).

    18 characters: a unit (credit code); else by its first letters (``ZD`` a
    position, ``GS:`` a guidance station, ``OB`` an organ branch, ``P``,
    ``C``, ``D``, ``I``, ``L``), else a street. The first three characters
    of the ids are few, so each is told once (dictionary-encoded in Arrow).

    Examples
    --------
    >>> kind_of(pd.Series(["P0001", "914101020000000011", "410102001", "GS:410102001"])).tolist()
    ['PartyOrg', 'Unit', 'Street', 'GuidanceStation']

    """
    arr = _arrow_text(values)
    head = pc.utf8_slice_codeunits(arr, 0, 3).dictionary_encode()
    if isinstance(head, pa.ChunkedArray):
        head = head.combine_chunks()
    names = [
        next((kind for start, kind in _ID_KINDS if str(h).startswith(start)), "Street")
        for h in head.dictionary.to_pylist()
    ]
    kinds = pc.take(pa.array(names, type=pa.large_string()), head.indices)
    kinds = pc.if_else(pc.equal(pc.utf8_length(arr), 18), pa.scalar("Unit", pa.large_string()), kinds)
    return pd.array(kinds, dtype="string")
