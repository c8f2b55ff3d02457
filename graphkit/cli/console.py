"""What the command line prints stays on the line it is meant for.

Ledger text reaches the console in messages and summaries (a header that
was not found, a name in a finding). A cell may hold a line break, which
would split "one clear line" in two, or a terminal escape sequence or a
right-to-left override, which would change what the user sees. Such
characters (Unicode categories Cc and Cf) are shown as escapes instead.
"""

from __future__ import annotations

import unicodedata

__all__ = ["shown"]


def shown(text: object) -> str:
    r"""``text`` with control and format characters written as escapes, so it prints as one line.

    Examples
    --------
    >>> shown("甲\n公司\x1b[31m")
    '甲\\n公司\\x1b[31m'
    >>> shown("林山寨　街道")
    '林山寨　街道'

    """
    value = str(text)
    if value.isprintable():
        return value
    return "".join(
        c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in ("Cc", "Cf") else c
        for c in value
    )
