"""Resolving references by id with Arrow (loaders.ledger.lookup)."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit import kernels
from graphkit.kernels import TextIndex, text_hashes
from loaders.ledger.lookup import Lookup, positions


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["U1", "U2", "P1", "C9", "甲", None]), max_size=10),
    st.lists(st.sampled_from(["U1", "U2", "U3", "P1", "C1", "甲", "乙"]), unique=True),
)
def test_positions_is_index_in(values, ids):
    values, ids = pa.array(values, pa.large_string()), pa.array(ids, pa.large_string())
    assert positions(values, ids).to_pylist() == pc.index_in(values, value_set=ids).to_pylist()


texts = st.lists(
    st.sampled_from(["U1", "U2", "P1", "C9", "甲", "一个超过八个字节的很长的名字", "", None]), max_size=12
)


@settings(max_examples=200, deadline=None)
@given(
    texts,
    st.lists(st.sampled_from(["U1", "U2", "U3", "P1", "C1", "甲", "乙", "", "一个超过八个字节的很长的名字"])),
)
def test_text_index_is_index_in(values, ids):
    # repeated ids are allowed: the first one is found, as Arrow finds it
    values, ids = pa.array(values, pa.large_string()), pa.array(ids, pa.large_string())
    expected = pc.index_in(values, value_set=ids).fill_null(-1).to_pylist()
    assert TextIndex(ids).positions(values).tolist() == expected


@pytest.mark.parametrize("buckets", [1, 3])
def test_text_index_when_ids_share_a_hash(monkeypatch, buckets):
    monkeypatch.setattr(kernels, "text_hashes", lambda text: text_hashes(text) % np.uint64(buckets))
    ids = pa.array(["U1", "U2", "P1", "甲"], pa.large_string())
    values = pa.array(["P1", "U9", None, "甲", "U1"], pa.large_string())
    index = TextIndex(ids)
    assert index.positions(values).tolist() == [2, -1, -1, 3, 0]


def test_text_index_checks_the_text_of_a_hash_hit(monkeypatch):
    # a value with an id's hash but another text is not that id
    monkeypatch.setattr(kernels, "text_hashes", lambda text: np.zeros(len(text), dtype=np.uint64))
    index = TextIndex(pa.array(["U1"], pa.large_string()))
    assert index.distinct
    assert index.positions(pa.array(["U2", "U1"], pa.large_string())).tolist() == [-1, 0]


def test_text_hashes_slices_and_chunks():
    whole = pa.array(["a", "bb", None, "一个超过八个字节的很长的名字", "ccc"], pa.large_string())
    expected = text_hashes(whole)
    assert (text_hashes(whole.slice(1)) == expected[1:]).all()
    assert (text_hashes(pa.chunked_array([whole.slice(0, 2), whole.slice(2)])) == expected).all()
    assert expected[2] == text_hashes(pa.array([""], pa.large_string()))[0]  # missing hashes as ""


nodes = {
    "Unit": pd.DataFrame({"name": ["甲公司", "乙公司"]}, index=pd.Index(["U1", "U2"], dtype="string")),
    "PartyOrg": pd.DataFrame({"name": ["甲党支部"]}, index=pd.Index(["P1"], dtype="string")),
    "Street": pd.DataFrame({"name": ["林山寨街道"]}, index=pd.Index(["S1"], dtype="string")),
}


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(["U1", "U2", "P1", "S1", "甲公司", "甲党支部", "林山寨 街道", "U9", None]), max_size=8
    )
)
def test_resolve_by_the_index_of_every_id_is_resolve_by_arrow(values):
    # few values look ids up in the index of every id; with every hash alike, Arrow's look-up is used
    for n in range(len(values) + 1):
        series = pd.Series(values[:n], dtype="string")
        for kinds in [("Unit",), ("Unit", "PartyOrg"), ("Street", "PartyOrg")]:
            hashed = [s.tolist() for s in Lookup(nodes).resolve(series, kinds)]
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(kernels, "text_hashes", lambda text: np.zeros(len(text), dtype=np.uint64))
                assert not Lookup(nodes)._every_id()[0].distinct
                by_arrow = [s.tolist() for s in Lookup(nodes).resolve(series, kinds)]
            assert hashed == by_arrow


def test_a_repeated_id_is_looked_up_in_the_kinds_asked():
    # ids are unique across a ledger's tables; a network built otherwise still resolves by kind
    twice = {
        "Unit": pd.DataFrame({"name": ["甲"]}, index=pd.Index(["X1"], dtype="string")),
        "Street": pd.DataFrame({"name": ["乙"]}, index=pd.Index(["X1"], dtype="string")),
    }
    ids, kind, problem = Lookup(twice).resolve(pd.Series(["X1"], dtype="string"), ("Street",))
    assert (ids.tolist(), kind.tolist(), problem.tolist()) == (["X1"], ["Street"], [pd.NA])
