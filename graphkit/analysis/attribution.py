"""Attribution of social-organisation party organisations (谁管理、谁组建) and department staffing.

``ATTRIBUTION_MISMATCH`` (DESIGN §5: a party organisation covering social
organisations whose parent is a department other than the supervising
department of those units), made exact as follows:

1. The organisation's *attribution* is its ``REPORTS_TO`` parent; when that
   parent is another party organisation, the chain is followed upward to the
   first department or street (at most 16 steps; a cycle leaves it unknown).
   An organisation with no department or street above it is not checked.
2. For each social organisation (``Unit.kind == "social_org"``) it covers, the
   *expected* attribution is the unit's supervising department(s)
   (``SUPERVISED_BY``). A social organisation with no supervising department
   (since 2016 行业协会商会, 科技, 公益慈善 and 城乡社区服务 organisations register
   without one) falls back to its street (``IN_STREET``).
3. A mismatch is raised when, for some covered social organisation,
   - it has a supervising department and the attribution is a *department*
     that is none of them; or
   - it has none, and the attribution is a department, or a street other than
     the unit's street.
   An attribution to a street while the unit has a supervising department is
   not flagged (the contract speaks of departments only).

One finding per organisation; the detail names the first mismatched unit and
where it belongs.

``UNDERSTAFFED_DEPARTMENT``: a department whose ``party_office_staff`` (blank
counts as 0) is below its ``required_staff``; a blank ``required_staff`` is no
requirement.

Examples
--------
>>> import graphkit.datasets
>>> f = attribution_findings(graphkit.datasets.tiny())
>>> f[["code", "subject_id", "detail"]].values.tolist()
[['ATTRIBUTION_MISMATCH', 'P3', '隶属区民政局，但所覆盖的社会组织瑞阳养老院应归口区教育局（谁管理、谁组建）']]

"""

from __future__ import annotations

import pandas as pd

from graphkit.analysis.coverage import (
    party_org_streets,
)
from graphkit.findings import concat_findings, subject_findings
from graphkit.i18n import detail
from graphkit.kernels import isin
from graphkit.model import Network, lookup
from graphkit.settings import Settings

__all__ = ["attribution", "attribution_findings", "department_findings"]

_MAX_DEPTH = 16
_ABOVE = ["PartyOrg", "Department", "Street"]


def attribution(net: Network) -> pd.DataFrame:
    """The department or street each party organisation is attributed to.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``party_org_id``: ``attributed_id`` and ``attributed_kind``
        (``Department`` or ``Street``), missing when the chain of
        ``REPORTS_TO`` parents reaches neither.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": "P1"}, {"id": "P2"}, {"id": "P3"}],
    ...            "Department": [{"id": "D1"}]},
    ...     rels={"REPORTS_TO": [("P1", "D1"), ("P2", "P1")]},
    ... )
    >>> attribution(net).values.tolist()
    [['D1', 'Department'], ['D1', 'Department'], [<NA>, <NA>]]

    """
    rel = net.rel("REPORTS_TO")
    rel = rel[
        rel["source_kind"].eq("PartyOrg") & rel["target_kind"].isin(["PartyOrg", "Department", "Street"])
    ]
    rel = rel.drop_duplicates("source").set_index("source")
    parent = rel["target"].astype("string")
    kind = rel["target_kind"].astype("string")
    out_id = parent.reindex(net.party_orgs.index)
    out_kind = kind.reindex(net.party_orgs.index)
    for _ in range(_MAX_DEPTH):
        up = out_kind.eq("PartyOrg").fillna(False).astype(bool)
        if not up.any():
            break
        out_kind[up] = out_id[up].map(kind)
        out_id[up] = out_id[up].map(parent)
    keep = out_kind.isin(["Department", "Street"])
    out = pd.DataFrame({"attributed_id": out_id.where(keep), "attributed_kind": out_kind.where(keep)})
    out.index.name = "party_org_id"
    return out.astype("string")


def attribution_findings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """``ATTRIBUTION_MISMATCH`` findings; see the module docstring for the exact rule."""
    settings = settings or Settings()
    unit_pos, org_pos = net.position_pairs("COVERED_BY", "Unit", "PartyOrg")
    social = net.units["kind"].eq("social_org").fillna(False).to_numpy(dtype=bool)[unit_pos]
    cov = pd.DataFrame(
        {
            "unit": net.units.index[unit_pos[social]].astype("string"),
            "org": net.party_orgs.index[org_pos[social]].astype("string"),
            "pos": unit_pos[social],
        }
    )
    att = attribution(net).dropna()
    cov = cov.merge(att, left_on="org", right_index=True)
    sup = net.pairs("SUPERVISED_BY", "Unit", "Department").drop_duplicates()
    sup = sup.rename(columns={"source": "unit", "target": "dept"})
    supervised = isin(cov["unit"], sup["unit"])
    # (org, unit) pairs whose attribution is one of the unit's supervising departments
    matched = cov.merge(sup, left_on=["unit", "attributed_id"], right_on=["unit", "dept"])
    key = cov["org"] + "\x1f" + cov["unit"]
    ok_dept = isin(key, matched["org"] + "\x1f" + matched["unit"])
    unit_street = net.street_of("Unit").astype("string")
    street = pd.Series(unit_street.array.take(cov["pos"].to_numpy()), index=cov.index, dtype="string")
    is_dept = cov["attributed_kind"].eq("Department")
    bad_supervised = supervised & is_dept & ~ok_dept
    bad_fallback = ~supervised & (is_dept | cov["attributed_id"].ne(street).fillna(False).astype(bool))
    # The unit named in the detail is the mismatched one with the smallest id (and its
    # supervising department the smallest id): independent of ledger row order, as in Cypher.
    bad = cov[(bad_supervised | bad_fallback).to_numpy()].sort_values("unit").drop_duplicates("org")
    first_dept = sup.sort_values(["unit", "dept"]).drop_duplicates("unit").set_index("unit")["dept"]
    expected = bad["unit"].map(first_dept).astype("string")
    expected = expected.fillna(bad["unit"].map(net.street_of("Unit")).astype("string"))
    names = pd.concat([net.departments["name"], net.streets["name"]])
    bad = bad.set_index("org")
    orgs = net.party_orgs.loc[bad.index, ["name"]]
    orgs["street"] = party_org_streets(net).reindex(orgs.index)
    text = detail(
        "ATTRIBUTION_MISMATCH",
        settings.lang,
        parent=_named(bad["attributed_id"], names),
        unit=_named(bad["unit"], net.units["name"]),
        expected=_named(expected.set_axis(bad.index), names),
    )
    orgs = orgs.reindex(net.party_orgs.index[isin(net.party_orgs.index, orgs.index)])
    text = text.set_axis(bad.index).reindex(orgs.index) if isinstance(text, pd.Series) else text
    return concat_findings([subject_findings("ATTRIBUTION_MISMATCH", "PartyOrg", orgs, text)])


def _named(ids: pd.Series, names: pd.Series) -> pd.Series:
    """Names for ids, the id itself when the node has no name ("?" when missing)."""
    ids = ids.astype("string")
    return lookup(ids, names).fillna(ids)


def department_findings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """``UNDERSTAFFED_DEPARTMENT`` findings (departments are district-level: ``street`` blank).

    Examples
    --------
    >>> import graphkit.datasets
    >>> department_findings(graphkit.datasets.tiny())[["subject_id", "detail"]].values.tolist()
    [['D2', '党建专干1人，应配2人']]

    """
    settings = settings or Settings()
    dept = net.departments
    staff = dept["party_office_staff"].fillna(0)
    short = dept[dept["required_staff"].gt(staff).fillna(False).astype(bool)]
    short = short.assign(street=pd.NA)
    text = detail(
        "UNDERSTAFFED_DEPARTMENT",
        settings.lang,
        staff=short["party_office_staff"].fillna(0),
        required=short["required_staff"],
    )
    return concat_findings([subject_findings("UNDERSTAFFED_DEPARTMENT", "Department", short, text)])
