"""Masking of personal contact details in diagrams, HTML and reports.

Phone numbers are masked by default everywhere graphkit shows people
(``--show-contacts`` turns masking off).
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["CONTACT_COLUMNS", "mask_contacts", "mask_phone"]

#: Columns that hold personal contact details.
CONTACT_COLUMNS = ("phone",)

_DIGITS = re.compile(r"\d")


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
    for col in CONTACT_COLUMNS:
        if col in out.columns:
            out[col] = out[col].map(mask_phone, na_action="ignore").astype(out[col].dtype)
    return out
