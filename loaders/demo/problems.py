"""Planted data-quality problems: credit codes with a wrong check character, five clears left blank.

And the two problems only files can have (:func:`with_file_errors`): a unit
row written twice and a reference to an organisation that does not exist.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit.creditcode import ALPHABET
from graphkit.model import Network
from loaders.demo.builder import Builder
from loaders.demo.codes import isin, renamed

__all__ = ["data_quality", "with_file_errors"]


def data_quality(b: Builder) -> None:
    """Plants ``BAD_CREDIT_CODE`` (ids renamed at the end) and ``MISSING_FIVE_CLEARS``."""
    rng, u, pl = b.rng, b.unit, b.pl
    seg_col = u["seg"].to_numpy()
    zero = np.flatnonzero(seg_col == "bldg_zero")
    bad = zero[-pl["BAD_CREDIT_CODE"] :]
    ids = u.index.to_numpy(dtype=object).copy()
    last = pd.Series(ids[bad]).str[-1].map(ALPHABET.index).to_numpy()
    ids[bad] = (
        pd.Series(ids[bad]).str[:-1] + pd.Series(np.asarray(list(ALPHABET))[(last + 7) % 31])
    ).to_numpy()
    b.rename = dict(zip(u.index[bad], ids[bad], strict=True))
    b.planted["BAD_CREDIT_CODE"] = sorted(ids[bad].tolist())
    # five-clears: a blank field in covered ledger units, a blank reason in uncovered ones
    pool = np.flatnonzero(np.isin(seg_col, ["bldg_zero", "own_ent"]))
    pool = np.setdiff1d(pool, np.concatenate([bad, [b.first_own]]))
    blank = rng.choice(pool, pl["FIVE_CLEARS_BLANK"], replace=False)
    fields = np.resize(["operation", "workforce", "party_status", "investor"], len(blank))
    for field in dict.fromkeys(fields):
        u.loc[u.index[blank[fields == field]], field] = None
    noreason = np.flatnonzero(seg_col == "soc_work")[-pl["FIVE_CLEARS_REASON"] :]
    u.loc[u.index[noreason], "no_org_reason"] = None
    five = np.concatenate([blank, noreason])
    ids_five = pd.Series(renamed(u.index[five], b.rename))
    b.planted["MISSING_FIVE_CLEARS"] = sorted(ids_five.tolist())


def with_file_errors(net: Network) -> Network:
    """A copy of a demo network with the two problems only files can have.

    One unit row appears twice (the copy's name marked 重复录入), planted as
    ``DUPLICATE_ID``; one unit's 所在党组织 names ``P9999``, which does not
    exist, planted as ``UNKNOWN_REFERENCE``. Both units are ordinary units
    without an organisation that no other planted problem touches, so reading
    the written ledger back changes no other finding.

    Examples
    --------
    >>> from loaders.demo import demo_district
    >>> net = with_file_errors(demo_district())
    >>> len(net.units), net.meta["planted"]["UNKNOWN_REFERENCE"] == net.meta["planted"]["DUPLICATE_ID"]
    (2974, False)

    """
    units = net.units
    covered = isin(units.index, net.rel("COVERED_BY")["source"])
    no_org = units.index[~covered & units["no_org_reason"].notna().to_numpy()]
    planted = set().union(*map(set, net.meta["planted"].values()))
    work = no_org[~isin(no_org, list(planted))]
    dup_id, dangling = str(work[0]), str(work[1])
    dup = units.loc[[dup_id]].copy()
    dup["name"] = dup["name"] + "（重复录入）"
    # the kinds the demo keeps (not an empty positions table it never had)
    nodes = {k: f for k, f in net.nodes.items() if k in net.source_columns or len(f)}
    nodes["Unit"] = pd.concat([units, dup])
    rels = dict(net.rels)
    rels["COVERED_BY"] = pd.concat(
        [
            net.rel("COVERED_BY"),
            pd.DataFrame({"source": [dangling], "target": ["P9999"], "source_kind": ["Unit"]}),
        ],
        ignore_index=True,
    )
    meta = dict(net.meta)
    meta["planted"] = dict(meta["planted"]) | {"DUPLICATE_ID": [dup_id], "UNKNOWN_REFERENCE": [dangling]}
    events = {t: net.events[t] for t in net.event_tables}
    return Network(nodes, rels, meta=meta, columns=net.source_columns, events=events)
