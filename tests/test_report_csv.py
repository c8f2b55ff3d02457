"""CSV output files: read back, they hold the values ``DataFrame.to_csv`` writes."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.report import write_csv
from graphkit.report.csv import FORMULA_STARTS

TEXT = st.text(alphabet=st.sampled_from(list("ab ,\"\n\r\t甲乙\u3000\x85;'=+-0.")), max_size=6)


def read_back(path: Path) -> pd.DataFrame:
    """Every cell as the text a reader gets, empty cells as ``""``."""
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def same_values_as_pandas(frame: pd.DataFrame, tmp_path: Path) -> pd.DataFrame:
    """Without the formula guard, the values pandas writes; with it, those with formulas made text."""
    ours = read_back(write_csv(frame, tmp_path / "ours.csv", formula_guard=False))
    # every field quoted: pandas leaves a lone carriage return unquoted, which splits its row
    frame.to_csv(tmp_path / "pandas.csv", index=False, encoding="utf-8-sig", quoting=csv.QUOTE_ALL)
    theirs = read_back(tmp_path / "pandas.csv")
    pd.testing.assert_frame_equal(ours, theirs)
    guarded = read_back(write_csv(frame, tmp_path / "guarded.csv"))
    for name in frame.columns:
        dtype = frame[name].dtype
        text = (
            isinstance(dtype, pd.StringDtype)
            or dtype == np.dtype(object)
            or (isinstance(dtype, pd.CategoricalDtype) and dtype.categories.dtype == np.dtype(object))
        )
        if text and len(theirs):
            theirs[name] = [f"'{v}" if v.startswith(FORMULA_STARTS) else v for v in theirs[name]]
    theirs.columns = [f"'{c}" if c.startswith(FORMULA_STARTS) else c for c in theirs.columns]
    pd.testing.assert_frame_equal(guarded, theirs)
    return ours


def test_every_kind_of_column(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "text": pd.array(["甲,乙", 'say "hi"', "line\nbreak", "cr\ronly", "", None], dtype="string"),
            "object": ["a", None, "b", np.nan, " c ", "d"],
            "int": [1, -2, 3, 0, 10**12, 7],
            "Int64": pd.array([1, None, 3, None, 5, 6], dtype="Int64"),
            "bool": [True, False, True, False, True, False],
            "boolean": pd.array([True, None, False, True, None, False], dtype="boolean"),
            "float": [0.1, 5.0, 1e-5, 1e16, np.nan, -0.0],
            "Float64": pd.array([0.5, None, 2.0, 1 / 3, 1e20, 3.0], dtype="Float64"),
            "date": pd.to_datetime(["2026-01-01", None, "2025-12-31", "2024-02-29", None, "1999-01-01"]),
            "all_na": pd.array([None] * 6, dtype="string"),
        }
    )
    ours = same_values_as_pandas(frame, tmp_path)
    assert ours.iloc[0].tolist() == ["甲,乙", "a", "1", "1", "True", "True", "0.1", "0.5", "2026-01-01", ""]
    assert ours.iloc[1].tolist() == ['say "hi"', "", "-2", "", "False", "", "5.0", "", "", ""]
    assert ours.loc[2, "text"] == "line\nbreak"


def test_file_is_utf8_with_a_byte_order_mark_and_a_plain_header(tmp_path: Path) -> None:
    frame = pd.DataFrame({"unit_id": ["000123"], "name": ["甲公司"], "party_members": [3]})
    raw = write_csv(frame, tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfunit_id,name,party_members\n")
    assert raw.decode("utf-8-sig").splitlines()[1].replace('"', "") == "000123,甲公司,3"


def test_header_needing_quotes(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a,b": ["x"], 'q"': [1], "plain": [2]})
    path = write_csv(frame, tmp_path / "t.csv")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh)) == [["a,b", 'q"', "plain"], ["x", "1", "2"]]


def test_empty_and_single_column_tables(tmp_path: Path) -> None:
    empty = pd.DataFrame({"a": pd.array([], dtype="string"), "b": pd.array([], dtype="Int64")})
    assert write_csv(empty, tmp_path / "e.csv").read_text(encoding="utf-8-sig") == "a,b\n"
    # one column: an empty cell must not become an empty line, which readers skip
    for values in (["", "x", None], pd.array([1, None, 3], dtype="Int64")):
        ours = same_values_as_pandas(pd.DataFrame({"a": values}), tmp_path)
        assert len(ours) == 3


def test_other_kinds_are_written_as_pandas_shows_them(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "mixed": ["a", 1, dt.date(2026, 1, 1)],
            "float32": pd.Series([0.1, None, 2.5], dtype="float32"),
            "cat": pd.Categorical(["x", "y", "x"]),
            "stamp": pd.to_datetime(["2026-01-01 10:30", "2026-01-02", None], format="ISO8601"),
            "tz": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03"]).tz_localize("Asia/Shanghai"),
            "uint": np.array([1, 2, 3], dtype="uint64"),
        }
    )
    ours = same_values_as_pandas(frame, tmp_path)
    assert ours.iloc[0].tolist() == ["a", "0.1", "x", "2026-01-01 10:30:00", "2026-01-01 00:00:00+08:00", "1"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.none() | TEXT,
            st.none() | st.integers(-(2**62), 2**62),
            st.none() | st.floats(allow_nan=True, allow_infinity=True),
            st.none() | st.booleans(),
            st.none() | st.dates(dt.date(1700, 1, 1), dt.date(2200, 1, 1)),
        ),
        max_size=8,
    )
)
def test_same_values_as_to_csv(tmp_path: Path, rows: list[tuple]) -> None:
    columns = list(zip(*rows, strict=True)) if rows else [[]] * 5
    frame = pd.DataFrame(
        {
            "text": pd.array(columns[0], dtype="string"),
            "object": pd.Series(columns[0], dtype=object),
            "Int64": pd.array(columns[1], dtype="Int64"),
            "float": pd.array([np.nan if v is None else v for v in columns[2]], dtype="float64"),
            "Float64": pd.array(columns[2], dtype="Float64"),
            "boolean": pd.array(columns[3], dtype="boolean"),
            "date": pd.to_datetime(pd.Series(columns[4], dtype=object)),
        }
    )
    same_values_as_pandas(frame, tmp_path)


def test_formulas_are_written_as_text_unless_told(tmp_path: Path) -> None:
    """OWASP: a cell beginning with = + - @ tab or CR gets an apostrophe; numbers stay numbers."""
    frame = pd.DataFrame(
        {
            "name": pd.array(
                ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\tx", "\rx", "a=b", None],
                dtype="string",
            ),
            "n": [-1, 2, 3, 4, 5, 6, 7, 8],
            "=cmd": ["x"] * 8,
        }
    )
    guarded = read_back(write_csv(frame, tmp_path / "g.csv"))
    assert guarded.columns.tolist() == ["name", "n", "'=cmd"]
    assert guarded["name"].tolist() == [
        '\'=HYPERLINK("http://x","y")',
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "a=b",
        "",
    ]
    assert guarded["n"].tolist() == ["-1", "2", "3", "4", "5", "6", "7", "8"]
    raw = read_back(write_csv(frame, tmp_path / "r.csv", formula_guard=False))
    assert raw["name"].tolist()[:4] == ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)"]
    assert not list(tmp_path.glob(".*.part"))  # written under a temporary name, then renamed
