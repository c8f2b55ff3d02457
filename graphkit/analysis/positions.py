"""Positions (阵地) and the 六有 standard: ``NO_POSITION``, ``POSITION_BELOW_STANDARD`` (DESIGN §5).

- A position **serves** a party organisation when the position is hosted by
  it (``HOSTED_BY`` → PartyOrg), lists it in ``used_by`` (``USED_BY``), or is
  hosted by the carrier the organisation is based at (``HOSTED_BY`` → Carrier
  ← ``BASED_AT``).
- ``NO_POSITION``: a party organisation that no position serves.
- ``POSITION_BELOW_STANDARD``: a position missing any 六有 item (有场所, 有设施,
  有标志, 有党旗, 有书报, 有制度); an item counts only when it is recorded as
  met (是), so a blank item is missing too. The detail names the missing items.

Both need the ``positions`` table; a ledger that has none has not recorded its
positions yet, and neither check is run (``summary["not_run"]``). A positions
table with no rows means no positions: every organisation gets ``NO_POSITION``.

A position's street is that of its host (the carrier's street, or the host
organisation's, :func:`~graphkit.analysis.party_org_street_ids`), failing that
that of the first organisation listed as using it.

Examples
--------
>>> from graphkit import Network
>>> net = Network.from_records(
...     nodes={"PartyOrg": [{"id": "P1", "name": "甲支部"}, {"id": "P2", "name": "乙支部"}],
...            "Position": [{"id": "Z1", "name": "甲阵地", **dict.fromkeys(SIX_HAVES, True),
...                          "has_flag": False}]},
...     rels={"HOSTED_BY": [("Z1", "P1")]})
>>> position_findings(net)[["code", "subject_id", "detail"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['NO_POSITION', 'P2', '没有阵地为其服务（无其依托、使用或所在载体的党建阵地）'],
 ['POSITION_BELOW_STANDARD', 'Z1', '未达到“六有”标准，缺少：有党旗']]

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit.analysis.coverage import party_org_street_ids, party_org_streets
from graphkit.analysis.records import booleans, checks_not_run
from graphkit.findings import concat_findings, empty_findings, subject_findings
from graphkit.i18n import SIX_HAVE_LABELS, detail, listed
from graphkit.model import SIX_HAVES, Network, position_mask
from graphkit.settings import Settings

__all__ = [
    "ORG_POSITION_COLUMNS",
    "party_org_positions",
    "position_findings",
    "position_street_ids",
    "positions_missing",
    "served_party_orgs",
]

#: Columns of :func:`party_org_positions`.
ORG_POSITION_COLUMNS = ["served", "position_ok", "below_standard"]

_STR = "string"


def _served(net: Network) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (position, organisation) pairs as positions in ``net.sites`` and ``net.party_orgs``."""
    n_orgs = max(len(net.party_orgs), 1)
    hosted = net.position_pairs("HOSTED_BY", "Position", "PartyOrg")
    used = net.position_pairs("USED_BY", "Position", "PartyOrg")
    at_carrier, carrier = net.position_pairs("HOSTED_BY", "Position", "Carrier")
    based_org, based_carrier = net.position_pairs("BASED_AT", "PartyOrg", "Carrier")
    via = pd.DataFrame({"site": at_carrier, "carrier": carrier}).merge(
        pd.DataFrame({"org": based_org, "carrier": based_carrier}), on="carrier"
    )
    site = np.concatenate([hosted[0], used[0], via["site"].to_numpy(dtype=np.int64)])
    org = np.concatenate([hosted[1], used[1], via["org"].to_numpy(dtype=np.int64)])
    keys = np.unique(site.astype(np.int64) * n_orgs + org)
    return keys // n_orgs, keys % n_orgs


def served_party_orgs(net: Network) -> pd.DataFrame:
    """Which positions serve which party organisations: distinct ``position_id, party_org_id`` pairs.

    See the module docstring for "serves". Sorted by position, then
    organisation (network order).

    Notes
    -----
    One merge of the carrier-hosted positions with the organisations based at
    carriers, then a sort of the pairs: O(P log P) for P pairs.

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": "P1"}, {"id": "P2"}], "Carrier": [{"id": "C1"}],
    ...            "Position": [{"id": "Z1"}, {"id": "Z2"}]},
    ...     rels={"HOSTED_BY": [("Z1", "C1"), ("Z2", "P1")], "USED_BY": [("Z2", "P2")],
    ...           "BASED_AT": [("P1", "C1")]})
    >>> served_party_orgs(net).values.tolist()
    [['Z1', 'P1'], ['Z2', 'P1'], ['Z2', 'P2']]

    """
    site, org = net.cached(("served_party_orgs",), _served)
    return pd.DataFrame(
        {
            "position_id": pd.array(net.sites.index.to_numpy(dtype=object)[site], dtype=_STR),
            "party_org_id": pd.array(net.party_orgs.index.to_numpy(dtype=object)[org], dtype=_STR),
        }
    )


def positions_missing(net: Network) -> pd.DataFrame:
    """Which 六有 items each position misses: one boolean column per item of ``SIX_HAVES``.

    True where the item is not recorded as met (``False`` or blank). Indexed
    like ``net.sites``.

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(nodes={"Position": [{"id": "Z1", "has_site": True}]})
    >>> positions_missing(net).loc["Z1"].tolist()
    [False, True, True, True, True, True]

    """
    sites = net.sites
    return pd.DataFrame(
        {item: ~sites[item].fillna(False).to_numpy(dtype=bool) for item in SIX_HAVES}, index=sites.index
    )


def party_org_positions(net: Network) -> pd.DataFrame:
    """Whether positions serve each party organisation: at all, one meeting the 六有, one below it.

    Parameters
    ----------
    net
        The network; read-only. Reads positions with their 六有 items,
        ``HOSTED_BY``, ``USED_BY`` and ``BASED_AT``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``party_org_id``, columns :data:`ORG_POSITION_COLUMNS`
        (nullable booleans): ``served`` (some position serves it),
        ``position_ok`` (a position with every 六有 item serves it) and
        ``below_standard`` (a position missing an item serves it). All
        missing when the ledger has no positions table.

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": "P1"}, {"id": "P2"}],
    ...            "Position": [{"id": "Z1", **dict.fromkeys(SIX_HAVES, True)}, {"id": "Z2"}]},
    ...     rels={"HOSTED_BY": [("Z1", "P1"), ("Z2", "P1")]})
    >>> party_org_positions(net).values.tolist()
    [[True, True, True], [False, False, False]]
    >>> party_org_positions(Network.from_records(nodes={"PartyOrg": [{"id": "P1"}]})).values.tolist()
    [[<NA>, <NA>, <NA>]]

    """
    index = net.party_orgs.index.rename("party_org_id")
    if not net.has_table("positions"):
        return pd.DataFrame({c: booleans(len(index), known=False) for c in ORG_POSITION_COLUMNS}, index=index)
    site, org = net.cached(("served_party_orgs",), _served)
    n = len(index)
    good = ~positions_missing(net).to_numpy().any(axis=1)
    out = {
        "served": position_mask(n, org),
        "position_ok": position_mask(n, org[good[site]]),
        "below_standard": position_mask(n, org[~good[site]]),
    }
    return pd.DataFrame({c: booleans(v) for c, v in out.items()}, index=index)


def position_street_ids(net: Network) -> pd.Series:
    """Street id of every position: its host's street, else its first user organisation's.

    The host is a carrier (its ``IN_STREET``) or a party organisation
    (:func:`~graphkit.analysis.party_org_street_ids`). Missing when none is known.

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(
    ...     nodes={"Street": [{"id": "S1"}], "Carrier": [{"id": "C1"}], "PartyOrg": [{"id": "P1"}],
    ...            "Position": [{"id": "Z1"}, {"id": "Z2"}, {"id": "Z3"}]},
    ...     rels={"IN_STREET": [("C1", "S1"), ("P1", "S1")], "HOSTED_BY": [("Z1", "C1")],
    ...           "USED_BY": [("Z2", "P1")]})
    >>> position_street_ids(net).tolist()
    ['S1', 'S1', <NA>]

    """
    index = net.sites.index
    out = np.full(len(index), None, dtype=object)
    # street ids aligned with the organisations and carriers: taken by position, not looked up by id
    org_streets = party_org_street_ids(net).astype(object).to_numpy()
    sources = (
        ("HOSTED_BY", "Carrier", net.street_of("Carrier").astype(object).to_numpy()),
        ("HOSTED_BY", "PartyOrg", org_streets),
        ("USED_BY", "PartyOrg", org_streets),
    )
    for rel_type, kind, streets in sources:
        site, target = net.position_pairs(rel_type, "Position", kind)  # distinct, in order first listed
        street = streets[target]
        known = ~pd.isna(street)
        site, street = site[known], street[known]
        first_site, first = np.unique(site, return_index=True)  # each position's first pair with a street
        empty = pd.isna(out[first_site])
        out[first_site[empty]] = street[first[empty]]
    return pd.Series(pd.array(out, dtype=_STR), index=index.rename("position_id"), name="street")


def position_findings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """``NO_POSITION`` and ``POSITION_BELOW_STANDARD`` findings.

    Parameters
    ----------
    net
        The network; read-only. Reads what :func:`party_org_positions` and
        :func:`position_street_ids` read, and whether the source had a
        positions table.
    settings
        Only ``lang`` is used.

    Returns
    -------
    pandas.DataFrame
        Findings: organisations (network order), then positions (network
        order). Empty when the ledger has no positions table.

    Notes
    -----
    O(positions + relationships), plus the sort of :func:`served_party_orgs`.

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(nodes={"PartyOrg": [{"id": "P1", "name": "甲支部"}]})
    >>> len(position_findings(net))  # no positions table: not run
    0
    >>> net = Network.from_records(nodes={"PartyOrg": [{"id": "P1", "name": "甲支部"}], "Position": []})
    >>> position_findings(net, settings=Settings(lang="en"))[["code", "detail"]].values.tolist()
    [['NO_POSITION', 'No position serves it (none hosted by it, used by it or at its base carrier)']]

    """
    settings = settings or Settings()
    if "NO_POSITION" in checks_not_run(net):
        return empty_findings()
    lang = settings.lang
    orgs = net.party_orgs
    served = party_org_positions(net)["served"].to_numpy(dtype=bool)
    lonely = pd.DataFrame({"name": orgs["name"], "street": party_org_streets(net)})[~served]
    missing = positions_missing(net)
    below = missing.any(axis=1).to_numpy()
    sites = pd.DataFrame(
        {"name": net.sites["name"], "street": net.street_names(position_street_ids(net))},
        index=net.sites.index,
    )[below]
    return concat_findings(
        [
            subject_findings("NO_POSITION", "PartyOrg", lonely, detail("NO_POSITION", lang)),
            subject_findings(
                "POSITION_BELOW_STANDARD",
                "Position",
                sites,
                detail(
                    "POSITION_BELOW_STANDARD",
                    lang,
                    missing=listed(missing[below], SIX_HAVE_LABELS, lang=lang),
                ),
            ),
        ]
    )
