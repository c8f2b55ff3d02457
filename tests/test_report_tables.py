"""Tables every report reads: output tables, their display, rates, streets, findings by code, summary.json."""

from __future__ import annotations

from graphkit.findings import CODES


def test_every_code_has_both_titles() -> None:
    assert all(zh and en for _, zh, en in CODES.values())
