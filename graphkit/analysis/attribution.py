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

import numpy as np
import pandas as pd

from graphkit.analysis.coverage import party_org_streets
from graphkit.findings import concat_findings, subject_findings
from graphkit.i18n import detail
from graphkit.model import Network, first_at, follow, lookup, position_mask, take_text, text_ranks
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
    row, _ = _attribution_rows(net)
    rel = net.rels["REPORTS_TO"]
    out = pd.DataFrame(
        {
            "attributed_id": take_text(rel["target"], row),
            "attributed_kind": take_text(rel["target_kind"], row),
        },
        index=net.party_orgs.index,
    )
    out.index.name = "party_org_id"
    return out.astype("string")


def _attribution_rows(net: Network) -> tuple[np.ndarray, np.ndarray]:
    """For each party organisation, the ``REPORTS_TO`` row naming its attribution, and its kind.

    The row is -1 when the chain of parents reaches no department or street;
    the kind is 1 for a department, 2 for a street (-1 for none).
    """
    return net.cached(("attribution_rows",), _find_attribution_rows)


def _find_attribution_rows(net: Network) -> tuple[np.ndarray, np.ndarray]:
    rel = net.rels["REPORTS_TO"]
    kind = np.full(len(rel), -1, dtype=np.int64)
    for code, name in enumerate(_ABOVE):
        kind[net.rel_mask("REPORTS_TO", "PartyOrg", name)] = code
    rows = np.where(kind >= 0, net.rel_positions("REPORTS_TO", "source", "PartyOrg"), -1)
    first = first_at(rows, len(net.party_orgs))  # each organisation's parent row
    parent = net.rel_positions("REPORTS_TO", "target", "PartyOrg")
    row = first.copy()
    for _ in range(_MAX_DEPTH):
        up = np.flatnonzero(follow(kind, row) == 0)  # the parent is a party organisation: go up
        if not len(up):
            break
        row[up] = follow(first, parent[row[up]])
    above = follow(kind, row)
    keep = above > 0
    return np.where(keep, row, -1), np.where(keep, above, -1)


def attribution_findings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """``ATTRIBUTION_MISMATCH`` findings; see the module docstring for the exact rule."""
    settings = settings or Settings()
    unit, org = net.position_pairs("COVERED_BY", "Unit", "PartyOrg")
    social = net.units["kind"].eq("social_org").fillna(False).to_numpy(dtype=bool)[unit]
    row, kind = _attribution_rows(net)
    keep = social & (row[org] >= 0)
    unit, org = unit[keep], org[keep]
    row, kind = row[org], kind[org]
    # the units' supervising departments, as (unit, department) keys
    sup_unit, sup_dept = net.position_pairs("SUPERVISED_BY", "Unit", "Department")
    n_dept = max(len(net.departments), 1)
    supervised = position_mask(len(net.units), sup_unit)[unit]
    dept = follow(net.rel_positions("REPORTS_TO", "target", "Department"), row)
    ok_dept = np.isin(unit * n_dept + dept, sup_unit * n_dept + sup_dept) & (dept >= 0)
    is_dept = kind == 1
    # the unit's street against the attribution, as text (a street id need not name a street node)
    targets = net.rels["REPORTS_TO"]["target"]
    street = take_text(net.street_of("Unit"), unit)
    other_street = pd.array(take_text(targets, row) != street, dtype="boolean").fillna(False)
    bad_supervised = supervised & is_dept & ~ok_dept
    bad_fallback = ~supervised & (is_dept | other_street.to_numpy(dtype=bool))
    bad = np.flatnonzero(bad_supervised | bad_fallback)
    # The unit named in the detail is the mismatched one with the smallest id (and its
    # supervising department the smallest id): independent of ledger row order, as in Cypher.
    unit_rank = text_ranks(take_text(net.units.index, unit[bad]))
    bad = bad[np.lexsort((unit_rank, org[bad]))]  # by organisation, then unit id
    bad = bad[np.r_[True, org[bad][1:] != org[bad][:-1]]] if len(bad) else bad  # in network order
    # each unit's supervising department with the smallest id, else the unit's street
    dept_rank = text_ranks(net.departments.index)
    smallest = np.full(len(net.units), len(dept_rank), dtype=np.int64)
    np.minimum.at(smallest, sup_unit, dept_rank[sup_dept])
    smallest[smallest == len(dept_rank)] = -1
    first_dept = follow(np.argsort(dept_rank), smallest[unit[bad]])
    expected = pd.Series(take_text(net.departments.index, first_dept))
    expected = expected.fillna(pd.Series(take_text(net.street_of("Unit"), unit[bad])))
    names = pd.concat([net.departments["name"], net.streets["name"]])
    index = net.party_orgs.index[org[bad]]
    orgs = pd.DataFrame(
        {
            "name": take_text(net.party_orgs["name"], org[bad]),
            "street": take_text(party_org_streets(net), org[bad]),
        },
        index=index,
    )
    text = detail(
        "ATTRIBUTION_MISMATCH",
        settings.lang,
        parent=_named(pd.Series(take_text(targets, row[bad]), index=index), names),
        unit=_named(pd.Series(take_text(net.units.index, unit[bad]), index=index), net.units["name"]),
        expected=_named(expected.set_axis(index), names),
    )
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
