"""References become relationships; multi-valued cells (loaders.ledger.links)."""

import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from office_files import U1, write_csv

from loaders import read_ledger
from loaders.ledger.links import MULTI_SEPARATORS, explode
from loaders.schema import TABLES


def pairs(net, rel):
    return sorted(map(tuple, net.rel(rel)[["source", "target"]].values.tolist()))


def test_multi_valued_cells_split_on_every_separator(tmp_path):
    write_csv(
        tmp_path / "carriers.csv",
        [["id", "name", "kind"]] + [[f"A{i}", f"协会{i}", "协会"] for i in range(6)],
    )
    write_csv(
        tmp_path / "units.csv",
        [["id", "name", "street", "association"], [U1, "甲", "S1", "A0、A1,A2，A3;A4；A5"]],
    )
    path = tmp_path / "units.csv"
    path.write_text(
        path.read_text("utf-8").replace("A0、A1,A2，A3;A4；A5", '"A0、A1,A2，A3;A4；A5"'), "utf-8"
    )
    net = read_ledger(tmp_path)
    assert pairs(net, "MEMBER_OF") == [(U1, f"A{i}") for i in range(6)]


pieces = st.lists(
    st.sampled_from(["C1", "甲协会", " ", "\u3000", "\xa0", "\t", "、", ",", "，", ";", "；", "x y"])
)


@settings(max_examples=200, deadline=None)
@given(st.lists(pieces.map("".join), max_size=6))
def test_explode_splits_and_strips_like_python(cells):
    src = pd.DataFrame(
        {
            "id": [f"U{i}" for i in range(len(cells))],
            "_value": pd.array([c or None for c in cells], dtype="string"),
        }
    )
    got = explode(src, TABLES["units"].column("association"))
    expected = [
        (f"U{i}", p.strip())
        for i, c in enumerate(cells)
        for p in re.split(MULTI_SEPARATORS, c or "")
        if c and p.strip()
    ]
    assert list(zip(got["id"], got["_value"], strict=True)) == expected
    assert got.index.tolist() == list(range(len(expected)))
