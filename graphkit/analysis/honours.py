"""Honours and plaques (评选挂牌): ``HONOUR_AT_RISK`` and ``PLAQUE_WITHOUT_MEMBER`` (DESIGN §5).

Only honours still held count (status ``valid`` or blank, not dated after the
as-of date: :func:`~graphkit.analysis.records.valid_honours`).

- ``HONOUR_AT_RISK`` (评选优先考虑党建工作到位): a unit holding an honour that
  is ``UNCOVERED`` or ``MEMBERS_WITHOUT_ORG``, or a party organisation holding
  one with ``TERM_EXPIRED``, ``INACTIVE_ORG`` or ``NO_POSITION`` or graded 后进
  (lagging). One finding per holder; the detail names its honours and what
  falls short. ``INACTIVE_ORG``, ``NO_POSITION`` and the grade count where
  their records are kept.
- ``PLAQUE_WITHOUT_MEMBER`` (severity ``error``): a 党员经营户 plaque
  (``member_plaque``) on a unit with no full member (``party_members`` blank
  or 0). One finding per unit.

Both need the ``honours`` table; without it neither is run.

Examples
--------
>>> from graphkit import Network
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "U1", "name": "甲商行", "party_members": 0}]},
...     events={"honours": pd.DataFrame({"subject": ["U1"], "subject_kind": ["Unit"],
...                                      "type": ["member_plaque"]})})
>>> honour_findings(net)[["code", "subject_id", "detail"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
[['HONOUR_AT_RISK', 'U1', '持有党员经营户挂牌，但党建工作不到位：无覆盖单位'],
 ['PLAQUE_WITHOUT_MEMBER', 'U1', '挂有党员经营户牌，但没有正式党员']]

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit import i18n
from graphkit.analysis.activity import last_activities
from graphkit.analysis.coverage import coverage as _coverage
from graphkit.analysis.coverage import party_org_streets
from graphkit.analysis.formation import term_findings
from graphkit.analysis.positions import party_org_positions
from graphkit.analysis.records import checks_not_run, valid_honours
from graphkit.findings import concat_findings, empty_findings, subject_findings
from graphkit.i18n import detail, listed
from graphkit.kernels import isin
from graphkit.model import Network, position_mask, positions
from graphkit.settings import Settings

__all__ = ["honour_findings"]

_STR = "string"


def _held(net: Network, honours: pd.DataFrame, kind: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Which honour types each subject of ``kind`` holds, and where the holders sit among its nodes.

    ``honours`` are rows of ``net.honours`` with their index (positions: event
    tables are numbered from 0). Returns booleans with one row per holder (in
    network order) and a column per type held (sorted), and the holders'
    positions. Integer codes throughout: a crosstab on text ids took seconds at
    city scale, and the positions come from the loader where it resolved them.
    """
    rows = honours[honours["subject_kind"].eq(kind).fillna(False).to_numpy(dtype=bool)]
    at = net.event_positions("honours", "subject", kind)[rows.index.to_numpy()]
    found = at >= 0
    at = at[found]
    types = rows["type"].astype(_STR).fillna("?").to_numpy(dtype=object)[found]
    codes, names = pd.factorize(types, sort=True)
    holders, row = np.unique(at, return_inverse=True)
    grid = np.zeros((len(holders), len(names)), dtype=bool)
    grid[row, codes] = True
    held = pd.DataFrame(grid, index=net.nodes[kind].index[holders], columns=pd.Index(names, dtype=_STR))
    return held, holders


def _findings(
    kind: str,
    holders: pd.DataFrame,
    held: pd.DataFrame,
    reasons: dict[str, np.ndarray],
    words: dict[str, tuple[str, str]],
    lang: str,
) -> pd.DataFrame:
    """``HONOUR_AT_RISK`` for the holders (``name``, ``street``; aligned with ``held``) with any reason."""
    flags = pd.DataFrame(reasons, index=holders.index)
    risky = flags.any(axis=1).to_numpy()
    if not risky.any():
        return empty_findings()
    known = i18n.VALUES["honour_type"]
    honour_words = {t: known.get(t, (t, t)) for t in [*known, *held.columns] if t in held.columns}
    text = detail(
        "HONOUR_AT_RISK",
        lang,
        honours=listed(held[risky], honour_words, lang=lang),
        reasons=listed(flags[risky], words, lang=lang),
    )
    return subject_findings("HONOUR_AT_RISK", kind, holders[risky], text)


def honour_findings(
    net: Network,
    *,
    settings: Settings | None = None,
    coverage: pd.DataFrame | None = None,
    findings: pd.DataFrame | None = None,
    grades: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """``HONOUR_AT_RISK`` and ``PLAQUE_WITHOUT_MEMBER`` findings.

    Parameters
    ----------
    net
        The network; read-only. Reads the ``honours`` table, units (name,
        party_members), what :func:`~graphkit.analysis.coverage` reads and the
        organisations' terms, activities and positions.
    settings
        ``as_of``, ``activity_window_days`` and ``lang``.
    coverage
        :func:`~graphkit.analysis.coverage`, when already computed.
    findings
        Findings already made holding ``TERM_EXPIRED``; worked out here when ``None``.
    grades
        :func:`~graphkit.analysis.grades`, when already computed: its
        ``lagging`` grades count. ``None``: grades are not considered.

    Returns
    -------
    pandas.DataFrame
        Findings: ``HONOUR_AT_RISK`` for units, then for organisations (each
        in network order), then ``PLAQUE_WITHOUT_MEMBER`` (units in network
        order). Empty when the ledger has no honours table.

    Notes
    -----
    One pass over the honour rows (a cross-tabulation of holder by type):
    O(honours + units + organisations).

    Examples
    --------
    >>> from graphkit import Network
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": "P1", "name": "甲支部", "term_ends": "2026-06-30"}]},
    ...     events={"honours": pd.DataFrame({"subject": ["P1", "P1"], "subject_kind": ["PartyOrg"] * 2,
    ...                                      "type": ["advanced_org", "demo_site"]}),
    ...             "activities": pd.DataFrame()})
    >>> print(honour_findings(net, settings=Settings(as_of="2026-11-27")).loc[0, "detail"])
    持有非公企业党建示范点、先进基层党组织，但党建工作不到位：已到期未换届、组织生活不经常

    """
    settings = settings or Settings()
    if "HONOUR_AT_RISK" in checks_not_run(net):
        return empty_findings()
    lang = settings.lang
    honours = valid_honours(net, as_of=settings.today)
    parts = []
    # units: UNCOVERED, MEMBERS_WITHOUT_ORG
    cov = _coverage(net, settings=settings) if coverage is None else coverage
    units = net.units
    held, at = _held(net, honours, "Unit")
    unit_plaques = at[held["member_plaque"].to_numpy()] if "member_plaque" in held.columns else at[:0]
    if len(held):
        # coverage has a row per unit, in network order (positions only for a coverage given otherwise)
        same = cov.index.equals(units.index)
        c = cov.iloc[at if same else positions(held.index, cov.index)]
        members = c["party_members"].fillna(0).to_numpy()
        status = c["status"].astype(_STR)
        no_org = status.isin(["work_only", "uncovered"]).to_numpy(dtype=bool)
        reasons = {
            "UNCOVERED": status.eq("uncovered").fillna(False).to_numpy(dtype=bool),
            "MEMBERS_WITHOUT_ORG": no_org & (members >= 1),
        }
        words = {code: (i18n.code_title(code), i18n.code_title(code, lang="en")) for code in reasons}
        holders = pd.DataFrame(
            {"name": units["name"].array[at], "street": c["street"].array}, index=held.index
        )
        parts.append(_findings("Unit", holders, held, reasons, words, lang))
    # organisations: TERM_EXPIRED, INACTIVE_ORG, NO_POSITION, graded lagging
    orgs = net.party_orgs
    held, at = _held(net, honours, "PartyOrg")
    if len(held):
        if findings is None:
            findings = term_findings(net, settings=settings)
        expired = findings.loc[findings["code"].eq("TERM_EXPIRED").to_numpy(dtype=bool), "subject_id"]
        active = last_activities(net, settings=settings)["active"].fillna(True).to_numpy(dtype=bool)
        served = party_org_positions(net)["served"].fillna(True).to_numpy(dtype=bool)
        lagging = np.zeros(len(orgs), dtype=bool)
        if grades is not None:
            lagging = grades["grade"].reindex(orgs.index).eq("lagging").fillna(False).to_numpy(dtype=bool)
        reasons = {
            "TERM_EXPIRED": isin(held.index, expired),
            "INACTIVE_ORG": ~active[at],
            "NO_POSITION": ~served[at],
            "lagging": lagging[at],
        }
        words = {code: (i18n.code_title(code), i18n.code_title(code, lang="en")) for code in reasons}
        words["lagging"] = i18n.TEXT["honour_at_risk.graded_lagging"]
        holders = pd.DataFrame(
            {"name": orgs["name"].array[at], "street": party_org_streets(net).array[at]}, index=held.index
        )
        parts.append(_findings("PartyOrg", holders, held, reasons, words, lang))
    # plaques on units with no full member
    bare = position_mask(len(units), unit_plaques) & (units["party_members"].fillna(0).to_numpy() < 1)
    if bare.any():
        street = net.street_names(net.street_of("Unit")[bare])
        subjects = pd.DataFrame({"name": units["name"][bare], "street": street})
        parts.append(
            subject_findings("PLAQUE_WITHOUT_MEMBER", "Unit", subjects, detail("PLAQUE_WITHOUT_MEMBER", lang))
        )
    return concat_findings(parts)
