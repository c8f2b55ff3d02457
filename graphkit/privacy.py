"""Masking of personal contact details in diagrams, HTML and reports.

Phone numbers are masked by default everywhere graphkit shows people
(``--show-contacts`` turns masking off).
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["CONTACT_COLUMNS", "is_contact_column", "mask_contacts", "mask_phone"]

#: Columns that hold personal contact details.
CONTACT_COLUMNS = ("phone",)

_DIGITS = re.compile(r"\d")

#: Words that mark a column kept from a ledger (an extra attribute) as a contact detail.
_CONTACT_WORDS = re.compile(
    r"phone|mobile|电话|電話|手机|手機|座机|座機|联系方式|聯繫方式|聯系方式", re.IGNORECASE
)


def is_contact_column(name: object) -> bool:
    """Whether a column holds personal contact details.

    True for ``phone`` and for a ledger's own header that names a phone
    (电话、手机、联系方式 …, Simplified or Traditional), kept as an extra attribute.

    Examples
    --------
    >>> [is_contact_column(c) for c in ("phone", "联系人手机", "聯繫電話", "Mobile", "name")]
    [True, True, True, True, False]
    """
    return name in CONTACT_COLUMNS or (isinstance(name, str) and _CONTACT_WORDS.search(name) is not None)


def mask_phone(value: str | None) -> str | None:
    """Mask all but the first 3 and last 4 digits of a phone number.

    Examples
    --------
    >>> mask_phone("13812345678")
    '138****5678'
    >>> mask_phone("0371-6788 1234")
    '037*-**** 1234'
    >>> mask_phone(None) is None
    True
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value)
    positions = [m.start() for m in _DIGITS.finditer(text)]
    if len(positions) <= 7:
        return _DIGITS.sub("*", text)
    hidden = set(positions[3:-4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def mask_contacts(frame: pd.DataFrame, *, show_contacts: bool = False) -> pd.DataFrame:
    """Return ``frame`` with contact columns masked unless ``show_contacts``.

    Examples
    --------
    >>> df = pd.DataFrame({"name": ["张伟"], "phone": ["13812345678"]})
    >>> mask_contacts(df)["phone"].tolist()
    ['138****5678']
    """
    if show_contacts:
        return frame
    out = frame.copy()
    for col in out.columns:
        if col in CONTACT_COLUMNS:
            masked = _mask_text(out[col]) if isinstance(out[col].dtype, pd.StringDtype) else None
            if masked is None:
                masked = out[col].map(mask_phone, na_action="ignore").astype(out[col].dtype)
            out[col] = masked
        elif is_contact_column(col):  # a ledger's own contact column, kept as an extra attribute
            text = out[col].astype("string")
            masked = _mask_text(text)
            if masked is None:
                masked = text.map(mask_phone, na_action="ignore").astype("string")
            out[col] = masked
    return out


def _mask_text(values: pd.Series) -> pd.Series | None:
    r""":func:`mask_phone` of every value of a text column at once; ``None`` unless all text is ASCII.

    ASCII digits are the only characters ``\d`` matches in ASCII text, so the
    digits of all values are ranked within their value on one byte array (a
    few thousand phones cost a few milliseconds instead of a Python call each).
    """
    import numpy as np
    import pyarrow as pa

    from graphkit.kernels import text_array

    arr = text_array(values, nulls_as_text=False)
    if arr is None:
        return None
    arr = arr.cast(pa.large_string())
    n = len(arr)
    bounds = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset : arr.offset + n + 1]
    data = arr.buffers()[2]
    raw = (
        np.frombuffer(data, dtype=np.uint8)[int(bounds[0]) : int(bounds[-1])].copy()
        if data is not None and n
        else np.zeros(0, dtype=np.uint8)
    )
    if (raw >= 0x80).any():  # other scripts' digits count too: the exact rule, value by value
        return None
    lengths = np.diff(bounds)
    digit = (raw >= ord("0")) & (raw <= ord("9"))
    seen = np.concatenate([[0], np.cumsum(digit)])  # digits before each byte
    starts = bounds[:-1] - bounds[0]
    count = seen[starts + lengths] - seen[starts]  # digits of each value
    owner = np.repeat(np.arange(n), lengths)
    rank = seen[1:] - seen[starts][owner]  # 1-based rank of a digit within its value
    total = count[owner]
    hide = digit & ((total <= 7) | ((rank > 3) & (rank <= total - 4)))
    raw[hide] = ord("*")
    masked = pa.LargeStringArray.from_buffers(n, pa.py_buffer(bounds - bounds[0]), pa.py_buffer(raw))
    text = masked.to_numpy(zero_copy_only=False).astype(object)
    text[values.isna().to_numpy()] = None
    return pd.Series(pd.array(text, dtype=values.dtype), index=values.index, name=values.name)
