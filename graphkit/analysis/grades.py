"""Grades (分类定级) of party organisations, ``ORG_LAGGING`` and ``DEMO_SITE_BELOW_STANDARD`` (DESIGN §5).

Every party organisation is graded on seven criteria, each pass or fail:

============================ ===================================================================
criterion                    passes when
============================ ===================================================================
``position_ok``              a position with every 六有 item serves it (:mod:`.positions`)
``active``                   an activity within ``activity_window_days`` (:mod:`.activity`)
``secretary_trained``        its secretary trained within ``training_window_days`` (blank fails)
``term_ok``                  no ``TERM_EXPIRED``
``instructor_reached``       an instructor reaches it (:func:`~graphkit.analysis.reached_party_orgs`)
``paired``                   an organ branch is paired with it
``level_ok``                 no ``ORG_LEVEL_MISMATCH``
============================ ===================================================================

Grade (canonical value, label): ``advanced`` (先进) when all pass and it is a
demonstration site or holds a valid honour; ``good`` (较好) when all pass;
``fair`` (一般) when 1 to ``grade_fair_max_fails`` (2) fail; ``lagging`` (后进)
otherwise. ``ORG_LAGGING`` (severity ``info``) is raised for each lagging one.

Grades are given only when every record they need is kept (the positions,
activities, trainings and honours tables and the secretary column,
:data:`~graphkit.analysis.records.CHECK_NEEDS` ``["ORG_LAGGING"]``);
otherwise the criteria that can be assessed are still given, the others are
missing, the grade is blank and ``ORG_LAGGING`` is not raised.

``DEMO_SITE_BELOW_STANDARD``: a demonstration site (``demo_level`` district
or street) missing a 四个一 item (plan 清晰思路, vehicle 管用载体, rules 规范制度,
atmosphere 浓厚氛围; a blank item is missing), or with its own ``NO_POSITION``,
``POSITION_BELOW_STANDARD`` (a position serving it is below the 六有),
``INACTIVE_ORG`` or ``TERM_EXPIRED``. It needs the 四个一 columns; the own
findings count where their checks ran.

Examples
--------
>>> import graphkit.datasets
>>> g = grades(graphkit.datasets.tiny(), settings=Settings(as_of="2026-11-27"))
>>> g.loc["P1", ["term_ok", "instructor_reached", "paired", "level_ok"]].astype(bool).tolist()
[False, False, True, True]
>>> g["fails"].tolist()
[2, 1, 0, 3]
>>> bool(g["grade"].isna().all())  # the tiny district keeps no positions, activities, ...: no grades
True

"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from graphkit import i18n
from graphkit.analysis.activity import last_activities, secretaries_trained
from graphkit.analysis.coverage import party_org_street_ids, party_org_streets
from graphkit.analysis.formation import formation_findings, term_findings
from graphkit.analysis.instructors import reached_party_orgs
from graphkit.analysis.positions import party_org_positions
from graphkit.analysis.records import booleans, checks_not_run, valid_honours
from graphkit.findings import empty_findings, subject_findings
from graphkit.i18n import CRITERION_FAILED, FOUR_ONE_LABELS, detail, listed
from graphkit.kernels import isin
from graphkit.model import FOUR_ONES, Network
from graphkit.results import GRADE_COLUMNS, GRADE_CRITERIA, GRADES
from graphkit.settings import Settings

__all__ = [
    "CRITERIA",
    "GRADES",
    "GRADE_COLUMNS",
    "demo_site_findings",
    "grade_counts",
    "grade_findings",
    "grades",
    "grades_by_street",
]

#: The seven criteria (:data:`graphkit.results.GRADE_CRITERIA`), in the order ``grades.csv`` lists them.
CRITERIA = GRADE_CRITERIA

_STR = "string"
_DEMO_LEVELS = ["district", "street"]


def _subjects(findings: pd.DataFrame, code: str, *, kind: str | None = None) -> pd.Series:
    """Subject ids of the findings of ``code`` (of subjects of ``kind``, when given)."""
    rows = findings["code"].eq(code).to_numpy(dtype=bool)
    if kind is not None:
        rows &= findings["subject_kind"].eq(kind).to_numpy(dtype=bool)
    return findings.loc[rows, "subject_id"]


def grades(
    net: Network,
    *,
    settings: Settings | None = None,
    findings: pd.DataFrame | None = None,
    reach: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The seven criteria and the grade of every party organisation.

    Parameters
    ----------
    net
        The network; read-only.
    settings
        ``as_of``, the three windows and ``grade_fair_max_fails`` (and the
        formation thresholds when ``findings`` is not given).
    findings
        Findings already made, holding every ``TERM_EXPIRED``,
        ``ORG_LEVEL_MISMATCH`` and ``NO_INSTRUCTOR`` (:func:`~graphkit.analysis.analyze`
        passes its own): their answers are taken, not worked out again. When
        ``None`` they are worked out here.
    reach
        :func:`~graphkit.analysis.instructor_reach`, when already computed
        (used only when ``findings`` is ``None``).

    Returns
    -------
    pandas.DataFrame
        One row per party organisation in network order, indexed by
        ``party_org_id``, columns :data:`GRADE_COLUMNS`: ``name``, ``street``
        (as for the organisation's findings), the criteria as nullable
        booleans (missing where the record they need is not kept), ``fails``
        (criteria failed, missing ones not counted) and ``grade`` (one of
        :data:`GRADES`; missing for all when a needed record is not kept).

    Notes
    -----
    O(organisations + rows of the tables read); the instructor reach, when
    not given, is the costly part (see :func:`~graphkit.analysis.instructor_reach`).

    Examples
    --------
    >>> from graphkit import Network
    >>> kept = {"events": {t: pd.DataFrame() for t in ("activities", "trainings", "honours")}}
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": "P1", "name": "甲支部", "secretary": "张伟"}], "Position": []},
    ...     **kept)
    >>> g = grades(net, settings=Settings(as_of="2026-11-27"))
    >>> int(g.loc["P1", "fails"]), g.loc["P1", "grade"]
    (5, 'lagging')

    """
    settings = settings or Settings()
    orgs = net.party_orgs
    index = orgs.index.rename("party_org_id")
    if findings is None:
        lonely = ~isin(index, reached_party_orgs(net, reach=reach))
        findings = pd.concat(
            [
                term_findings(net, settings=settings),
                formation_findings(net, settings=settings),
                pd.DataFrame(
                    {"code": "NO_INSTRUCTOR", "subject_kind": "PartyOrg", "subject_id": index[lonely]}
                ),
            ]
        )
    unreached = _subjects(findings, "NO_INSTRUCTOR", kind="PartyOrg")
    paired = net.pairs("PAIRED_WITH", "OrganBranch", "PartyOrg")["target"]
    criteria = {
        "position_ok": party_org_positions(net)["position_ok"].array,
        "active": last_activities(net, settings=settings)["active"].array,
        "secretary_trained": secretaries_trained(net, settings=settings).array,
        "term_ok": ~isin(index, _subjects(findings, "TERM_EXPIRED")),
        "instructor_reached": ~isin(index, unreached),
        "paired": isin(index, paired),
        "level_ok": ~isin(index, _subjects(findings, "ORG_LEVEL_MISMATCH")),
    }
    out = pd.DataFrame({"name": orgs["name"].astype(_STR), "street": party_org_streets(net)}, index=index)
    for name in CRITERIA:
        values = criteria[name]
        out[name] = values if isinstance(values, pd.api.extensions.ExtensionArray) else booleans(values)
    failed = np.column_stack([~out[c].fillna(True).to_numpy(dtype=bool) for c in CRITERIA])
    fails = failed.sum(axis=1) if len(out) else np.zeros(0, dtype=np.int64)
    out["fails"] = fails.astype("int64")
    if "ORG_LAGGING" in checks_not_run(net):
        out["grade"] = pd.array([pd.NA] * len(out), dtype=_STR)
        return out
    honoured = valid_honours(net, as_of=settings.today)
    honoured = honoured.loc[honoured["subject_kind"].eq("PartyOrg").to_numpy(dtype=bool), "subject"]
    distinguished = orgs["demo_level"].isin(_DEMO_LEVELS).to_numpy(dtype=bool) | isin(index, honoured)
    grade = np.select(
        [fails == 0, fails <= settings.grade_fair_max_fails],
        [np.where(distinguished, "advanced", "good"), "fair"],
        default="lagging",
    )
    out["grade"] = pd.array(grade, dtype=_STR)
    return out


def grade_findings(
    net: Network, *, settings: Settings | None = None, grades: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``ORG_LAGGING`` findings: organisations graded lagging (后进), the detail naming the failed criteria.

    Empty when the grades are not given (a needed record not kept).

    Examples
    --------
    >>> from graphkit import Network
    >>> kept = {"events": {t: pd.DataFrame() for t in ("activities", "trainings", "honours")}}
    >>> net = Network.from_records(
    ...     nodes={"PartyOrg": [{"id": "P1", "name": "甲支部", "secretary": "张伟"}], "Position": []},
    ...     **kept)
    >>> print(grade_findings(net, settings=Settings(as_of="2026-11-27")).loc[0, "detail"])
    分类定级为后进：5项未达标（无达到“六有”的阵地、近期无组织生活、书记未培训、无党建指导员联系、未结对共建）

    """
    settings = settings or Settings()
    table = _grades_or(net, settings, grades)
    lagging = table[table["grade"].eq("lagging").fillna(False).to_numpy(dtype=bool)]
    if lagging.empty:
        return empty_findings()
    failed = pd.DataFrame({c: ~lagging[c].fillna(True) for c in CRITERIA})
    text = detail(
        "ORG_LAGGING",
        settings.lang,
        fails=lagging["fails"],
        failed=listed(failed, CRITERION_FAILED, lang=settings.lang),
    )
    return subject_findings("ORG_LAGGING", "PartyOrg", lagging, text)


def _grades_or(net: Network, settings: Settings, table: pd.DataFrame | None) -> pd.DataFrame:
    return grades(net, settings=settings) if table is None else table


def demo_site_findings(
    net: Network, *, settings: Settings | None = None, findings: pd.DataFrame | None = None
) -> pd.DataFrame:
    """``DEMO_SITE_BELOW_STANDARD`` findings: demonstration sites short of the 四个一 or with own findings.

    Parameters
    ----------
    net
        The network; read-only.
    settings
        ``as_of``, ``activity_window_days`` and ``lang``.
    findings
        Findings already made holding ``TERM_EXPIRED``; worked out here when ``None``.

    Returns
    -------
    pandas.DataFrame
        Findings, sites in network order. The detail lists, separated by
        ``；``, the missing 四个一 items and the titles of the site's own
        findings. Empty when the ledger has no 四个一 columns.

    Examples
    --------
    >>> from graphkit import Network
    >>> site = {"id": "P1", "name": "甲支部", "demo_level": "district", "plan": True, "vehicle": False,
    ...         "rules": True, "atmosphere": None, "term_ends": "2026-01-31"}
    >>> net = Network.from_records(nodes={"PartyOrg": [site]})
    >>> print(demo_site_findings(net, settings=Settings(as_of="2026-11-27")).loc[0, "detail"])
    示范点未达标准：缺少“四个一”中的管用载体、浓厚氛围；已到期未换届

    """
    settings = settings or Settings()
    if "DEMO_SITE_BELOW_STANDARD" in checks_not_run(net):
        return empty_findings()
    lang = settings.lang
    orgs = net.party_orgs
    if findings is None:
        findings = term_findings(net, settings=settings)
    sites = orgs["demo_level"].isin(_DEMO_LEVELS).to_numpy(dtype=bool)
    missing = pd.DataFrame({item: ~orgs[item].fillna(False).to_numpy(dtype=bool) for item in FOUR_ONES})
    placed = party_org_positions(net)
    own = {
        "NO_POSITION": ~placed["served"].fillna(True).to_numpy(dtype=bool),
        "POSITION_BELOW_STANDARD": placed["below_standard"].fillna(False).to_numpy(dtype=bool),
        "INACTIVE_ORG": ~last_activities(net, settings=settings)["active"].fillna(True).to_numpy(dtype=bool),
        "TERM_EXPIRED": isin(orgs.index, _subjects(findings, "TERM_EXPIRED")),
    }
    short = missing.any(axis=1).to_numpy()
    bad = sites & (short | np.logical_or.reduce(list(own.values())))
    if not bad.any():
        return empty_findings()
    four = detail(
        "DEMO_SITE_BELOW_STANDARD:four_ones", lang, missing=listed(missing[bad], FOUR_ONE_LABELS, lang=lang)
    )
    parts = pd.DataFrame({"four_ones": short[bad], **{code: flags[bad] for code, flags in own.items()}})
    words = {code: (i18n.code_title(code, lang="zh"), i18n.code_title(code, lang="en")) for code in own}
    problems = _joined(
        [pd.Series(np.where(short[bad], four, ""), dtype=_STR), listed(parts, words, lang=lang)],
        "；" if lang == "zh" else "; ",
    )
    subjects = pd.DataFrame({"name": orgs["name"], "street": party_org_streets(net)})[bad]
    return subject_findings(
        "DEMO_SITE_BELOW_STANDARD",
        "PartyOrg",
        subjects,
        detail("DEMO_SITE_BELOW_STANDARD", lang, problems=problems),
    )


def _joined(texts: list[pd.Series], sep: str) -> pd.Series:
    """Row-wise join of aligned text Series, skipping empty ones (column by column)."""
    out = pd.Series("", index=range(len(texts[0])), dtype=_STR)
    for text in texts:
        text = text.reset_index(drop=True).fillna("")
        both = out.ne("") & text.ne("")
        out = out + pd.Series(np.where(both, sep, ""), dtype=_STR) + text
    return out


def grade_counts(table: pd.DataFrame) -> dict[str, int]:
    """Organisations per grade, every grade of :data:`GRADES` in order; ``{}`` when none is graded.

    Examples
    --------
    >>> grade_counts(pd.DataFrame({"grade": ["good", "lagging", "good"]}))
    {'advanced': 0, 'good': 2, 'fair': 0, 'lagging': 1}
    >>> grade_counts(pd.DataFrame({"grade": pd.Series([None], dtype="string")}))
    {}

    """
    given = table["grade"].dropna()
    if given.empty and len(table):
        return {}
    counts = given.value_counts()
    return {g: int(counts.get(g, 0)) for g in GRADES}


def grades_by_street(
    net: Network, table: pd.DataFrame, *, street_ids: pd.Series | None = None
) -> list[dict[str, Any]]:
    """Grades per street: one JSON-able record per street of the network, in its order.

    Each record has ``street_id, street, party_orgs`` and a count per grade of
    :data:`GRADES` (all 0 when the grades are not given); organisations with
    no known street come last under ``street_id`` ``None`` (only when there
    are any). ``street_ids``: each organisation's street id, when known
    already (the Cypher twins give it); else :func:`~graphkit.analysis.party_org_street_ids`.

    Examples
    --------
    >>> import graphkit.datasets
    >>> net = graphkit.datasets.tiny()
    >>> table = pd.DataFrame({"grade": ["good", "lagging", "fair", "good"]}, index=net.party_orgs.index)
    >>> grades_by_street(net, table)[0]  # doctest: +NORMALIZE_WHITESPACE
    {'street_id': 'S1', 'street': '林山寨街道', 'party_orgs': 4,
     'advanced': 0, 'good': 2, 'fair': 1, 'lagging': 1}

    """
    street = (party_org_street_ids(net) if street_ids is None else street_ids).reindex(table.index)
    street_codes, street_ids = pd.factorize(street)  # -1 for no known street
    grade_codes = pd.Categorical(table["grade"], categories=list(GRADES)).codes.astype(np.int64)
    width = len(GRADES) + 1  # the first column: no grade
    cells = np.bincount(
        (street_codes.astype(np.int64) + 1) * width + grade_codes + 1, minlength=(len(street_ids) + 1) * width
    ).reshape(-1, width)
    at = {sid: i + 1 for i, sid in enumerate(street_ids)}
    order = [*net.streets.index, *(sid for sid in street_ids if sid not in net.streets.index)]
    rows = [(sid, at.get(sid)) for sid in order]
    if cells[0].sum():
        rows.append((None, 0))
    names = net.streets["name"]
    records = []
    for street_id, row in rows:  # one per street: a few dozen
        name = names.get(street_id) if street_id is not None and street_id in names.index else None
        counts = cells[row] if row is not None else np.zeros(width, dtype=np.int64)
        records.append(
            {
                "street_id": None if street_id is None else str(street_id),
                "street": None if name is None or pd.isna(name) else str(name),
                "party_orgs": int(counts.sum()),
                **{g: int(counts[i + 1]) for i, g in enumerate(GRADES)},
            }
        )
    return records
