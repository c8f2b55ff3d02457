"""Comparison keys of headers, table names and node names (Simplified, half-width, no spaces).

Offices write the same header or name in Traditional or Simplified
characters, with full-width forms, stray spaces, ``*`` markers and notes in
brackets; the reader compares the keys these functions make, never the text
as written (which is what the network keeps).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders.ledger.text import STRING, arrow_text, string_array

__all__ = ["normalise_header", "normalise_name", "table_key", "to_simplified"]

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|<[^<>]*>|〈[^〈〉]*〉")
_SPACES = re.compile(r"\s+")
#: Python's white space (``str.isspace``) as an RE2 class for Arrow: its ``\s`` is ASCII only.
_WHITE_SPACE = "[" + "".join(f"\\x{{{c:x}}}" for c in range(0x3001) if chr(c).isspace()) + "]+"
_LEADING_NUMBER = re.compile(r"^(?:\d+|[一二三四五六七八九十]+)[._\-、.\s]*")


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` with Traditional characters converted to Simplified (OpenCC ``t2s``).

    Examples
    --------
    >>> to_simplified("單位台賬")
    '单位台账'

    """
    return _converter().convert(text)


@functools.lru_cache(maxsize=4096)
def normalise_header(text: str) -> str:
    """Return the comparison key of a header or table name.

    Traditional characters become Simplified, full-width forms half-width,
    spaces and ``*`` markers go, bracketed notes like ``(必填)`` go, and Latin
    letters are lower-cased with ``_`` and ``-`` removed.

    Examples
    --------
    >>> normalise_header(" *統一社會信用代碼（必填）")
    '统一社会信用代码'
    >>> normalise_header("Party Members") == normalise_header("party_members")
    True

    """
    s = unicodedata.normalize("NFKC", str(text))
    s = to_simplified(s)
    s = _SPACES.sub("", s).replace("*", "")
    stripped = _BRACKETS.sub("", s)
    s = stripped or s
    return s.lower().replace("_", "").replace("-", "")


def normalise_name(values: pd.Series) -> pd.Series:
    """Return the key under which names are compared: Simplified, half-width, no spaces.

    Examples
    --------
    >>> normalise_name(pd.Series(["中原 區教育局", "（郑州）公司"])).tolist()
    ['中原区教育局', '(郑州)公司']

    """
    text = values.astype(STRING)
    encoded = pc.dictionary_encode(arrow_text(text))  # each distinct name is converted once
    uniques = encoded.dictionary.to_pylist()
    if len(uniques) == 0:
        return text
    # one conversion call for all names: per-call overhead dominates for short names
    joined = "\n".join(v.replace("\n", " ") for v in uniques)
    converted = to_simplified(unicodedata.normalize("NFKC", joined)).split("\n")
    if len(converted) != len(uniques):  # NFKC turned something into a line break: go one by one
        converted = [to_simplified(unicodedata.normalize("NFKC", v)) for v in uniques]
    keys = pc.replace_substring_regex(
        pa.array(converted, type=pa.large_string()), pattern=_WHITE_SPACE, replacement=""
    )
    return pd.Series(string_array(keys.take(encoded.indices)), index=values.index)


def table_key(name: str) -> str:
    """The comparison key of a file stem or sheet name: its header key without a leading number.

    Examples
    --------
    >>> table_key("01 單位台賬"), table_key("三、党组织")
    ('单位台账', '党组织')

    """
    key = normalise_header(name)
    return _LEADING_NUMBER.sub("", key) or key
