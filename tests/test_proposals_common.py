"""What every proposal shares: the commonest value by integer codes against its definition."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.analysis.proposals.common import most_common

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _plain_mode(frame, key, value):
    """The definition: most frequent value per key, ties to the smallest value, missing ignored."""
    f = frame.dropna(subset=[key, value])
    counts = f.groupby([key, value]).size().rename("n").reset_index()
    counts = counts.sort_values([key, "n", value], ascending=[True, False, True], kind="stable")
    return counts.drop_duplicates(key).set_index(key)[value].astype("string")


@FAST
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", None]), st.sampled_from(["S1", "S2", "S10", "街道", None])),
        max_size=30,
    )
)
def test_mode_by_integer_codes_equals_the_groupby_definition(rows):
    frame = pd.DataFrame(rows, columns=["k", "v"], dtype="string")
    got, want = most_common(frame, "k", "v"), _plain_mode(frame, "k", "v")
    assert got.index.tolist() == want.index.tolist()
    assert got.tolist() == want.tolist()
