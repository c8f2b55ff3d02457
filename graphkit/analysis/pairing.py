"""Organ–enterprise pairing (结对共建): the pairings table and its findings (DESIGN §5).

- ``UNPAIRED_ORG``: a party organisation with no ``PAIRED_WITH`` from any organ branch.
- ``IDLE_ORGAN_BRANCH``: an organ branch paired with no party organisation.
- ``OVERPAIRED_ORGAN_BRANCH``: an organ branch paired with more than
  ``max_pairings_per_branch`` distinct party organisations (a pairing listed
  twice counts once).

Examples
--------
>>> import graphkit.datasets
>>> f = pairing_findings(graphkit.datasets.tiny(), settings=Settings(max_pairings_per_branch=1))
>>> f[["code", "subject_id"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['UNPAIRED_ORG', 'P2'], ['UNPAIRED_ORG', 'P4'], ['IDLE_ORGAN_BRANCH', 'OB2'],
 ['OVERPAIRED_ORGAN_BRANCH', 'OB1']]

"""

from __future__ import annotations

import pandas as pd

from graphkit.analysis.coverage import party_org_streets
from graphkit.findings import concat_findings, subject_findings
from graphkit.i18n import detail
from graphkit.kernels import isin
from graphkit.model import Network, follow, take_text
from graphkit.settings import Settings

__all__ = ["PAIRING_COLUMNS", "branch_pairings", "pairing_findings", "pairings"]

#: Columns of the :func:`pairings` frame.
PAIRING_COLUMNS = [
    "organ_branch_id",
    "organ_branch_name",
    "department_id",
    "department_name",
    "party_org_id",
    "party_org_name",
    "since",
]


def pairings(net: Network) -> pd.DataFrame:
    """One row per ``PAIRED_WITH`` relationship, with names attached.

    Parameters
    ----------
    net
        The network; read-only. Reads ``PAIRED_WITH`` (with ``since``) and
        ``BRANCH_OF``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PAIRING_COLUMNS`, in the relationship frame's order;
        ``department_*`` is the branch's (first) ``BRANCH_OF`` department.

    Examples
    --------
    >>> import graphkit.datasets
    >>> table = pairings(graphkit.datasets.tiny())
    >>> table[["organ_branch_id", "department_name", "party_org_id"]].values.tolist()
    [['OB1', '区教育局', 'P1'], ['OB1', '区教育局', 'P3']]

    """
    rel = net.rels["PAIRED_WITH"]
    branch = net.rel_positions("PAIRED_WITH", "source", "OrganBranch")
    org = net.rel_positions("PAIRED_WITH", "target", "PartyOrg")
    ok = (branch >= 0) & (org >= 0)
    branch, org = branch[ok], org[ok]
    dept_row = follow(net.first_rows("BRANCH_OF", "OrganBranch", "Department"), branch)
    department_id = take_text(net.rels["BRANCH_OF"]["target"], dept_row)
    dept = follow(net.rel_positions("BRANCH_OF", "target", "Department"), dept_row)
    return pd.DataFrame(
        {
            "organ_branch_id": take_text(net.organ_branches.index, branch),
            "organ_branch_name": take_text(net.organ_branches["name"], branch),
            "department_id": department_id,
            "department_name": take_text(net.departments["name"], dept),
            "party_org_id": take_text(net.party_orgs.index, org),
            "party_org_name": take_text(net.party_orgs["name"], org),
            "since": rel["since"][ok].reset_index(drop=True),
        }
    )


def branch_pairings(net: Network) -> pd.Series:
    """Number of distinct party organisations each organ branch is paired with.

    Examples
    --------
    >>> import graphkit.datasets
    >>> branch_pairings(graphkit.datasets.tiny()).to_dict()
    {'OB1': 2, 'OB2': 0}

    """
    pairs = net.pairs("PAIRED_WITH", "OrganBranch", "PartyOrg").drop_duplicates()
    out = pairs.groupby("source").size().reindex(net.organ_branches.index, fill_value=0).astype("int64")
    out.index.name = "organ_branch_id"
    return out.rename("pairings")


def pairing_findings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """``UNPAIRED_ORG``, ``IDLE_ORGAN_BRANCH`` and ``OVERPAIRED_ORGAN_BRANCH`` findings.

    Organ branches belong to district departments, so their ``street`` is blank.
    """
    settings = settings or Settings()
    lang = settings.lang
    paired = net.pairs("PAIRED_WITH", "OrganBranch", "PartyOrg")["target"]
    orgs = net.party_orgs.loc[~isin(net.party_orgs.index, paired), ["name"]]
    orgs["street"] = party_org_streets(net).reindex(orgs.index)
    branches = net.organ_branches[["name"]].assign(street=pd.NA, pairings=branch_pairings(net))
    idle = branches[branches["pairings"].eq(0)]
    over = branches[branches["pairings"].gt(settings.max_pairings_per_branch)]
    return concat_findings(
        [
            subject_findings("UNPAIRED_ORG", "PartyOrg", orgs, detail("UNPAIRED_ORG", lang)),
            subject_findings("IDLE_ORGAN_BRANCH", "OrganBranch", idle, detail("IDLE_ORGAN_BRANCH", lang)),
            subject_findings(
                "OVERPAIRED_ORGAN_BRANCH",
                "OrganBranch",
                over,
                detail(
                    "OVERPAIRED_ORGAN_BRANCH",
                    lang,
                    pairings=over["pairings"],
                    limit=settings.max_pairings_per_branch,
                ),
            ),
        ]
    )
