"""Secretaries (书记) of party organisations: ``NO_SECRETARY`` (DESIGN §5).

- ``NO_SECRETARY`` (severity ``error``): a party organisation whose
  ``secretary`` is blank (missing, or only whitespace). Raised only when the
  source had the column at all (:meth:`graphkit.Network.has_column`): a
  ledger whose 党组织 table has no 书记 column has not kept that record yet,
  and the check is not run (it is listed in ``summary["not_run"]``, see
  :func:`~graphkit.analysis.records.checks_not_run`), instead of raising a
  finding on every organisation.

Examples
--------
>>> from graphkit import Network
>>> net = Network.from_records(nodes={"PartyOrg": [
...     {"id": "P1", "name": "甲支部", "secretary": "张伟"},
...     {"id": "P2", "name": "乙支部", "secretary": " "}]})
>>> secretary_findings(net)[["code", "subject_id", "detail"]].values.tolist()
[['NO_SECRETARY', 'P2', '未配备党组织书记（书记一栏为空）']]
>>> checks_not_run(Network.from_records(nodes={"PartyOrg": [{"id": "P1"}]}))["NO_SECRETARY"]
'party_orgs.secretary'

"""

from __future__ import annotations

import pandas as pd

from graphkit.analysis.coverage import party_org_streets
from graphkit.analysis.records import CHECK_NEEDS, blank_text, checks_not_run
from graphkit.findings import empty_findings, subject_findings
from graphkit.i18n import detail
from graphkit.model import Network
from graphkit.settings import Settings

__all__ = [
    "CHECK_NEEDS",
    "blank_text",
    "checks_not_run",
    "secretary_findings",
]  # the first three from .records


def secretary_findings(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """``NO_SECRETARY`` findings: party organisations whose secretary is blank.

    Parameters
    ----------
    net
        The network; it is not changed. Reads PartyOrg ``name`` and
        ``secretary``, whether the source had the ``secretary`` column, and
        what :func:`~graphkit.analysis.party_org_streets` reads.
    settings
        Only ``lang`` is used.

    Returns
    -------
    pandas.DataFrame
        Findings (:data:`graphkit.findings.FINDING_COLUMNS`), organisations in
        network order; empty when the source had no ``secretary`` column.

    Notes
    -----
    Linear in the number of party organisations.

    Examples
    --------
    >>> net = Network.from_records(nodes={"PartyOrg": [{"id": "P1", "name": "甲支部"}]})
    >>> len(secretary_findings(net))  # no secretary column: not run
    0
    >>> net = Network.from_records(nodes={"PartyOrg": [{"id": "P1", "name": "甲支部", "secretary": None}]})
    >>> secretary_findings(net, settings=Settings(lang="en"))["detail"].tolist()
    ['No secretary recorded (the secretary is blank)']

    """
    settings = settings or Settings()
    if "NO_SECRETARY" in checks_not_run(net):
        return empty_findings()
    orgs = net.party_orgs
    blank = blank_text(orgs["secretary"]).to_numpy()
    if not blank.any():
        return empty_findings()
    subjects = pd.DataFrame({"name": orgs["name"], "street": party_org_streets(net)}, index=orgs.index)
    return subject_findings(
        "NO_SECRETARY", "PartyOrg", subjects[blank], detail("NO_SECRETARY", settings.lang)
    )
