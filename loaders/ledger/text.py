"""Text cells as Arrow arrays inside pandas: the one representation from reader to network.

Cells stay Arrow ``large_string`` (pandas' ``string`` dtype with Arrow storage)
from the file to the finished frames; these two conversions cross between
the pandas and the Arrow view without a round trip through Python objects.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from graphkit.kernels import as_text

__all__ = ["STRING", "arrow_text", "string_array"]

#: The dtype of every text column the reader makes.
STRING = "string"


def arrow_text(values: pd.Series | pd.Index) -> pa.Array:
    """``values`` as one contiguous Arrow large_string array.

    Examples
    --------
    >>> arrow_text(pd.Series(["U1", None], dtype="string")).to_pylist()
    ['U1', None]

    """
    text = as_text(values)
    return text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text


def string_array(values: pa.Array | pa.ChunkedArray) -> pd.api.extensions.ExtensionArray:
    """Arrow text as a pandas ``string`` array without a round trip through Python objects.

    Examples
    --------
    >>> pd.Series(string_array(pa.array(["甲", None], pa.large_string()))).tolist()
    ['甲', <NA>]

    """
    if isinstance(values, pa.Array):
        values = pa.chunked_array([values])
    return pd.StringDtype().__from_arrow__(values)
