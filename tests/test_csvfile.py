"""write_csv writes exactly the bytes DataFrame.to_csv writes."""

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.csvfile import write_csv

TEXT = st.text(alphabet=st.sampled_from(list("ab ,\"\n\r\t甲乙\u3000\x85;'=+-0.")), max_size=6)


def _same_as_pandas(frame: pd.DataFrame, tmp_path, encoding: str = "utf-8-sig") -> bytes:
    ours = write_csv(frame, tmp_path / "ours.csv", encoding=encoding).read_bytes()
    frame.to_csv(tmp_path / "pandas.csv", index=False, encoding=encoding)
    assert ours == (tmp_path / "pandas.csv").read_bytes()
    return ours


def test_every_kind_of_column(tmp_path):
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
    out = _same_as_pandas(frame, tmp_path)
    assert out.startswith(b"\xef\xbb\xbftext,object,int,")
    assert out.splitlines()[1] == b'"\xe7\x94\xb2,\xe4\xb9\x99",a,1,1,True,True,0.1,0.5,2026-01-01,'


def test_header_needing_quotes_and_plain_utf8(tmp_path):
    frame = pd.DataFrame({"a,b": ["x"], 'q"': [1]})
    assert _same_as_pandas(frame, tmp_path, encoding="utf-8") == b'"a,b","q"""\nx,1\n'


def test_empty_and_single_column_tables(tmp_path):
    assert _same_as_pandas(pd.DataFrame({"a": pd.array([], dtype="string"), "b": []}), tmp_path) == (
        b"\xef\xbb\xbfa,b\n"
    )
    # one column: csv quotes an empty line, so to_csv writes it
    assert _same_as_pandas(pd.DataFrame({"a": ["", "x", None]}), tmp_path).endswith(b'""\nx\n""\n')


def test_uncovered_columns_are_written_by_pandas(tmp_path):
    frame = pd.DataFrame(
        {
            "mixed": ["a", 1, dt.date(2026, 1, 1)],
            "float32": pd.Series([0.1, None, 2.5], dtype="float32"),
            "cat": pd.Categorical(["x", "y", "x"]),
            "stamp": pd.to_datetime(["2026-01-01 10:30", "2026-01-02", None], format="ISO8601"),
            "tz": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03"]).tz_localize("Asia/Shanghai"),
        }
    )
    _same_as_pandas(frame, tmp_path)
    _same_as_pandas(frame[["stamp", "cat"]], tmp_path)
    small = pd.DataFrame({"f": frame["float32"], "s": ["a", "b", "c"]})
    assert _same_as_pandas(small, tmp_path).splitlines()[1] == b"0.1,a"


def test_times_after_the_first_chunk(tmp_path, monkeypatch):
    monkeypatch.setattr("graphkit.csvfile.CHUNK_ROWS", 2)
    frame = pd.DataFrame(
        {
            "d": pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-03 08:00"], format="ISO8601"),
            "n": [1, 2, 3],
        }
    )
    assert b"2026-01-01 00:00:00" in _same_as_pandas(frame, tmp_path)


def test_chunks_join_up(tmp_path, monkeypatch):
    monkeypatch.setattr("graphkit.csvfile.CHUNK_ROWS", 3)
    frame = pd.DataFrame({"id": [f"U{i}" for i in range(10)], "n": range(10)})
    assert _same_as_pandas(frame, tmp_path).count(b"\n") == 11
    names = pd.array(["甲", "乙,丙", None, 'a"b', "丁", "x\ny", "戊", "", "己,", "庚"], dtype="string")
    out = _same_as_pandas(frame.assign(name=names), tmp_path)
    assert out.splitlines()[2:4] == [b'U1,1,"\xe4\xb9\x99,\xe4\xb8\x99"', b"U2,2,"]


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
def test_matches_to_csv(tmp_path, rows):
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
    _same_as_pandas(frame, tmp_path)
