"""Formation rules of party organisations: size, level and term (DESIGN §5).

- ``JOINT_ORG_TOO_LARGE``: a joint (联合组建) branch (党支部) covering more than
  ``joint_branch_max_units`` distinct units. Joint committees and general
  branches are not capped: building committees cover dozens of units through
  their sub-branches.
- ``ORG_LEVEL_MISMATCH``: a branch with more than ``branch_max_members``
  members; a general branch with fewer than ``general_branch_min_members``; a
  committee with fewer than ``committee_min_members``.
- ``TERM_EXPIRED``: ``term_ends`` before the as-of date. ``TERM_EXPIRING``:
  ``term_ends`` on the as-of date or within ``term_warning_days`` days after it
  (both ends included). A blank ``term_ends`` raises neither.

Examples
--------
>>> import datetime as dt
>>> import graphkit.datasets
>>> net = graphkit.datasets.tiny()
>>> s = Settings(as_of=dt.date(2026, 11, 27))
>>> for row in term_findings(net, settings=s)[["code", "subject_id", "detail"]].values:
...     print(*row)
TERM_EXPIRED P1 任期已于2026-06-30届满，尚未换届
TERM_EXPIRING P2 任期将于2027-03-31届满（还有124天），应做好换届准备

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit.analysis.coverage import party_org_streets
from graphkit.findings import concat_findings, subject_findings
from graphkit.i18n import detail
from graphkit.kernels import isin
from graphkit.model import Network
from graphkit.settings import Settings

__all__ = ["formation_findings", "org_members", "org_units", "term_findings"]


def org_members(net: Network) -> pd.Series:
    """Full members of each party organisation.

    The organisation's own ``members`` value; when blank, the sum of the full
    members (``party_members``) of the units it covers, if any of them has a
    count. Probationary members never count.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": "U1", "party_members": 2, "probationary_members": 3},
    ...                     {"id": "U2", "party_members": 4}],
    ...            "PartyOrg": [{"id": "P1", "members": 9}, {"id": "P2"}, {"id": "P3"}]},
    ...     rels={"COVERED_BY": [("U1", "P2"), ("U2", "P2")]},
    ... )
    >>> org_members(net).tolist()
    [9, 6, <NA>]

    """
    unit, org = net.position_pairs("COVERED_BY", "Unit", "PartyOrg")
    members = net.units["party_members"].astype("Int64")
    known = members.notna().to_numpy(dtype=bool)[unit]
    values = members.fillna(0).to_numpy(dtype=np.int64)[unit]
    n = len(net.party_orgs)
    summed = pd.array(
        np.bincount(org[known], weights=values[known], minlength=n).astype(np.int64), dtype="Int64"
    )
    summed[np.bincount(org[known], minlength=n) == 0] = pd.NA
    out = net.party_orgs["members"].astype("Int64").fillna(pd.Series(summed, index=net.party_orgs.index))
    out.index.name = "party_org_id"
    return out.rename("members")


def org_units(net: Network) -> pd.Series:
    """Number of distinct units each party organisation covers (0 when none).

    Examples
    --------
    >>> import graphkit.datasets
    >>> org_units(graphkit.datasets.tiny()).to_dict()
    {'P1': 1, 'P2': 3, 'P3': 1, 'P4': 1}

    """
    _, org = net.position_pairs("COVERED_BY", "Unit", "PartyOrg")
    out = pd.Series(
        np.bincount(org, minlength=len(net.party_orgs)), index=net.party_orgs.index, dtype="int64"
    )
    out.index.name = "party_org_id"
    return out.rename("units")


def formation_findings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """``JOINT_ORG_TOO_LARGE`` and ``ORG_LEVEL_MISMATCH`` findings.

    Members are those of :func:`org_members`; an organisation with no known
    member count is not checked for its level.

    Examples
    --------
    >>> import graphkit.datasets
    >>> net = graphkit.datasets.tiny()
    >>> f = formation_findings(net, settings=Settings(joint_branch_max_units=2))
    >>> f[["code", "subject_id", "detail"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['JOINT_ORG_TOO_LARGE', 'P2', '联合党支部覆盖3家单位，超过上限2家'],
     ['ORG_LEVEL_MISMATCH', 'P4', '党委仅有党员60名，少于100名']]

    """
    settings = settings or Settings()
    lang = settings.lang
    orgs = net.party_orgs[["name", "level", "form"]].copy()
    orgs["street"] = party_org_streets(net)
    orgs["units"] = org_units(net)
    orgs["members"] = org_members(net)
    large = orgs[
        orgs["form"].eq("joint")
        & orgs["level"].eq("branch")
        & orgs["units"].gt(settings.joint_branch_max_units)
    ]
    parts = [
        subject_findings(
            "JOINT_ORG_TOO_LARGE",
            "PartyOrg",
            large,
            detail("JOINT_ORG_TOO_LARGE", lang, units=large["units"], limit=settings.joint_branch_max_units),
        )
    ]
    rules = {
        "branch": (orgs["members"].gt(settings.branch_max_members), settings.branch_max_members),
        "general_branch": (
            orgs["members"].lt(settings.general_branch_min_members),
            settings.general_branch_min_members,
        ),
        "committee": (orgs["members"].lt(settings.committee_min_members), settings.committee_min_members),
    }
    mismatch = []
    for level, (breaks, limit) in rules.items():
        bad = orgs[orgs["level"].eq(level).fillna(False).astype(bool) & breaks.fillna(False).astype(bool)]
        text = detail(f"ORG_LEVEL_MISMATCH:{level}", lang, members=bad["members"], limit=limit)
        mismatch.append(bad.assign(detail=text.to_numpy() if isinstance(text, pd.Series) else text))
    bad = pd.concat(mismatch).reindex(columns=[*orgs.columns, "detail"])
    bad = bad.reindex(orgs.index[isin(orgs.index, bad.index)])  # back in the organisations' order
    parts.append(subject_findings("ORG_LEVEL_MISMATCH", "PartyOrg", bad, bad["detail"]))
    return concat_findings(parts)


def term_findings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """``TERM_EXPIRED`` and ``TERM_EXPIRING`` findings against ``settings.as_of`` (default today).

    Examples
    --------
    >>> import datetime as dt
    >>> import graphkit.datasets
    >>> s = Settings(as_of=dt.date(2026, 6, 30), term_warning_days=30)
    >>> term_findings(graphkit.datasets.tiny(), settings=s)[["code", "subject_id"]].values.tolist()
    [['TERM_EXPIRING', 'P1']]

    """
    settings = settings or Settings()
    lang = settings.lang
    today = pd.Timestamp(settings.today)
    orgs = net.party_orgs[["name", "term_ends"]].copy()
    orgs["street"] = party_org_streets(net)
    ends = orgs["term_ends"]
    days = (ends - today).dt.days
    expired = orgs[ends.lt(today).fillna(False).astype(bool)]
    expiring = orgs[days.between(0, settings.term_warning_days).fillna(False).astype(bool)]
    return concat_findings(
        [
            subject_findings(
                "TERM_EXPIRED",
                "PartyOrg",
                expired,
                detail("TERM_EXPIRED", lang, date=expired["term_ends"].dt.strftime("%Y-%m-%d")),
            ),
            subject_findings(
                "TERM_EXPIRING",
                "PartyOrg",
                expiring,
                detail(
                    "TERM_EXPIRING",
                    lang,
                    date=expiring["term_ends"].dt.strftime("%Y-%m-%d"),
                    days=days[expiring.index],
                ),
            ),
        ]
    )
