"""Resolving references by id with Arrow (loaders.ledger.lookup)."""

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.ledger.lookup import positions


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["U1", "U2", "P1", "C9", "甲", None]), max_size=10),
    st.lists(st.sampled_from(["U1", "U2", "U3", "P1", "C1", "甲", "乙"]), unique=True),
)
def test_positions_is_index_in(values, ids):
    values, ids = pa.array(values, pa.large_string()), pa.array(ids, pa.large_string())
    assert positions(values, ids).to_pylist() == pc.index_in(values, value_set=ids).to_pylist()
