"""What every proposal shares: its columns, the frames, names, sentences and the commonest value.

Every kind of proposal is returned as one frame with the columns of
:data:`PROPOSAL_COLUMNS` (:func:`proposal_frame`, :func:`empty_proposals`);
its ``detail`` is a sentence of :data:`graphkit.i18n.TEXT` filled row by row
(:func:`texts`), naming the nodes involved (:func:`node_names`).

Examples
--------
>>> import graphkit.datasets
>>> net = graphkit.datasets.tiny()
>>> branches = node_names(net, pd.Series(["OB1", "OB2"]))
>>> for detail in texts("proposal_pairing", dst=branches, count=pd.Series([2, 0]), limit=3, note=""):
...     print(detail)
建议与区教育局机关党支部结对共建（该支部现有结对2个，上限3个）
建议与区民政局机关党支部结对共建（该支部现有结对0个，上限3个）

"""

from __future__ import annotations

import string

import numpy as np
import pandas as pd

from graphkit.i18n import TEXT, text
from graphkit.model import STRING, Network, few_positions, positions

__all__ = [
    "PROPOSAL_COLUMNS",
    "commonest_unit_street",
    "empty_proposals",
    "most_common",
    "node_names",
    "proposal_frame",
    "texts",
    "unit_street_codes",
]

#: Columns of every proposals frame, in order.
PROPOSAL_COLUMNS = [
    "proposal",
    "group",
    "subject_kind",
    "subject_id",
    "subject_name",
    "from_id",
    "from_name",
    "to_id",
    "to_name",
    "street",
    "detail",
]


def most_common(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    """Most frequent ``value`` per ``key``; ties go to the smallest value, missing values are ignored.

    Parameters
    ----------
    frame
        Any frame with the columns ``key`` and ``value``; not modified.
    key, value
        Column names.

    Returns
    -------
    pandas.Series
        ``string`` values named ``value``, indexed by ``key`` in sorted order;
        a key whose rows all miss a value is left out.

    Notes
    -----
    Counted on integer codes of both columns: O(n log n) for ``n`` rows, by
    one sort of the distinct (key, value) cells.

    Examples
    --------
    >>> f = pd.DataFrame({"org": ["P1", "P1", "P1", "P2"], "street": ["S2", "S1", "S2", None]})
    >>> most_common(f, "org", "street").to_dict()
    {'P1': 'S2'}

    """
    f = frame[(frame[key].notna() & frame[value].notna()).to_numpy(dtype=bool)]
    if f.empty:
        return pd.Series(dtype=STRING)
    k_codes, k_uniq = pd.factorize(f[key], sort=True)
    v_codes, v_uniq = pd.factorize(f[value], sort=True)
    n_v = len(v_uniq)
    cells, counts = np.unique(k_codes.astype("int64") * n_v + v_codes, return_counts=True)
    k, v = cells // n_v, cells % n_v
    order = np.lexsort((v, -counts, k))
    first = order[np.r_[True, k[order][1:] != k[order][:-1]]]
    return pd.Series(
        pd.array(np.asarray(v_uniq, dtype=object)[v[first]], dtype=STRING),
        index=pd.Index(np.asarray(k_uniq, dtype=object)[k[first]], name=key, dtype=f[key].dtype),
        name=value,
    )


def unit_street_codes(net: Network) -> tuple[np.ndarray, pd.Index]:
    """Each unit's street as a code into the sorted distinct street ids (-1: none), and those ids.

    Cached on the network; read-only.

    Examples
    --------
    >>> import graphkit.datasets
    >>> codes, streets = unit_street_codes(graphkit.datasets.tiny())
    >>> streets[codes[0]]
    'S1'

    """
    return net.cached(("unit_street_codes",), _unit_street_codes)


def _unit_street_codes(net: Network) -> tuple[np.ndarray, pd.Index]:
    codes, streets = pd.factorize(net.street_of("Unit"), sort=True)
    return codes.astype(np.int64), pd.Index(streets)


def commonest_unit_street(net: Network, rel: str, kind: str, wanted: np.ndarray | None = None) -> np.ndarray:
    """Per node of ``kind``, the commonest street code (:func:`unit_street_codes`) of its ``rel`` units.

    ``rel`` joins units to nodes of ``kind`` (``COVERED_BY`` to organisations,
    ``LOCATED_IN`` to carriers); every row counts (a repeated row twice), rows
    whose unit has no street are ignored, ties go to the smallest street id —
    :func:`most_common` on integer codes. Only the nodes ``wanted`` (booleans
    over the nodes; ``None``: all) are counted; -1 where none is known.

    Notes
    -----
    The network's cached relationship positions and one sort of the distinct
    (node, street) cells: O(E log E) for E rows.

    Examples
    --------
    >>> import graphkit.datasets
    >>> net = graphkit.datasets.tiny()
    >>> codes, streets = unit_street_codes(net)
    >>> common = commonest_unit_street(net, "COVERED_BY", "PartyOrg")
    >>> streets[common[0]]
    'S1'

    """
    rows = net.linked_mask(rel, "Unit", kind)
    unit_street, _ = unit_street_codes(net)
    node = net.rel_positions(rel, "target", kind)[rows]
    street = unit_street[net.rel_positions(rel, "source", "Unit")[rows]]
    keep = street >= 0 if wanted is None else wanted[node] & (street >= 0)
    node, street = node[keep], street[keep]
    out = np.full(len(net.nodes[kind]), -1, dtype=np.int64)
    if len(node) == 0:
        return out
    width = int(street.max()) + 1
    cells, counts = np.unique(node * width + street, return_counts=True)
    k, v = cells // width, cells % width
    order = np.lexsort((v, -counts, k))
    first = order[np.r_[True, k[order][1:] != k[order][:-1]]]
    out[k[first]] = v[first]
    return out


def node_names(net: Network, ids: pd.Series) -> pd.Series:
    """Name of each node id, of any kind (the first kind listing it); the id itself when nameless.

    Parameters
    ----------
    net
        The network; read-only.
    ids
        Node ids, any kinds mixed.

    Returns
    -------
    pandas.Series
        ``string`` names aligned to ``ids``.

    Notes
    -----
    Looks the ids up kind by kind, stopping once all are found; a kind with
    more than eight times as many nodes as there are ids hashes the ids
    rather than its nodes. O(ids + nodes of the kinds searched).

    Examples
    --------
    >>> import graphkit.datasets
    >>> node_names(graphkit.datasets.tiny(), pd.Series(["I1", "U01", "X9"])).tolist()
    ['张伟', '甲科技公司', 'X9']

    """
    ids = ids.astype(STRING)
    names = np.full(len(ids), None, dtype=object)
    found = np.zeros(len(ids), dtype=bool)
    for frame in net.nodes.values():
        if len(frame) == 0 or found.all():
            continue
        pos = few_positions(ids, frame.index) if len(ids) * 8 < len(frame) else positions(ids, frame.index)
        hit = (pos >= 0) & ~found
        names[hit] = frame["name"].array.take(pos[hit]).to_numpy(dtype=object, na_value=None)
        found |= hit
    return pd.Series(pd.array(names, dtype=STRING), index=ids.index, dtype=STRING).fillna(ids)


def texts(key: str, *, lang: str = "zh", **values: pd.Series | str | int) -> pd.Series:
    """:func:`graphkit.i18n.text` row by row: the sentence ``key`` filled from aligned Series.

    Parameters
    ----------
    key
        A key of :data:`graphkit.i18n.TEXT`.
    lang
        ``zh`` or ``en``.
    **values
        One value per field of the sentence: a Series (all of one length and
        index; missing values give empty text) or one value for every row.

    Returns
    -------
    pandas.Series
        ``string`` sentences, indexed like the first Series given (a single
        row when none is).

    Notes
    -----
    Vectorised concatenation, one pass per literal and field: O(rows ×
    fields).

    Examples
    --------
    >>> carriers = pd.Series(["锦艺城", "龙湾广场"])
    >>> texts("proposal_joint", lang="en", carrier=carriers, others=1, members=pd.Series([3, 4])).tolist()
    ['Form a joint branch with 1 other unit(s) in 锦艺城: 3 full members together', \
'Form a joint branch with 1 other unit(s) in 龙湾广场: 4 full members together']

    """
    fields = {f for sentence in TEXT[key] for _, f, _, _ in string.Formatter().parse(sentence) if f}
    template = text(key, lang=lang, **{f: f"{{{f}}}" for f in fields})
    n = max((len(v) for v in values.values() if isinstance(v, pd.Series)), default=1)
    index = next((v.index for v in values.values() if isinstance(v, pd.Series)), pd.RangeIndex(n))
    out = pd.Series("", index=index, dtype=STRING)
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        out = out + literal
        if field is not None:
            value = values[field]
            out = out + (value.astype(STRING).fillna("") if isinstance(value, pd.Series) else str(value))
    return out


def empty_proposals() -> pd.DataFrame:
    """A proposals frame without rows: the columns :data:`PROPOSAL_COLUMNS` and their dtypes.

    Examples
    --------
    >>> empty_proposals().dtypes.astype(str).unique().tolist()
    ['string', 'int64']

    """
    out = pd.DataFrame({c: pd.Series(dtype=STRING) for c in PROPOSAL_COLUMNS})
    out["group"] = out["group"].astype("int64")
    return out


def proposal_frame(**columns: pd.Series | str) -> pd.DataFrame:
    """A proposals frame from its columns: Series (one length, index ignored) or one text for every row.

    At least one column must be a Series; columns not given are missing.
    Every column is ``string`` except ``group`` (``int64``).

    Examples
    --------
    >>> p = proposal_frame(proposal="pairing", group=pd.Series([1, 1]), subject_id=pd.Series(["P1", "P2"]))
    >>> p[["proposal", "group", "subject_id", "to_id"]].values.tolist()
    [['pairing', 1, 'P1', <NA>], ['pairing', 1, 'P2', <NA>]]

    """
    n = max(len(v) for v in columns.values() if isinstance(v, pd.Series))
    data = {}
    for c in PROPOSAL_COLUMNS:
        v = columns.get(c)
        if v is None:
            data[c] = pd.Series([pd.NA] * n, dtype=STRING)
        elif isinstance(v, pd.Series):
            data[c] = v.reset_index(drop=True)
        else:
            data[c] = pd.Series([v] * n, dtype=STRING)
    out = pd.DataFrame(data)
    out = out.astype({c: STRING for c in PROPOSAL_COLUMNS if c != "group"})
    out["group"] = out["group"].astype("int64")
    return out
