"""Cypher twins of the analyses: the same answers, computed inside Neo4j.

Every analysis of :mod:`graphkit.analysis` that reads only the graph has a twin
query in ``graphkit/neo4j/queries/`` (package data, one ``.cypher`` file per
analysis or finding code, first line ``// <name>``). The queries take the
analysis settings as parameters (``$own_branch_min_members``, ``$as_of``, ...,
see :func:`query_parameters`) and work on the graph that
:func:`graphkit.neo4j.push` writes: one label per node kind, properties named
like the node frames' columns, one relationship per (source, target, type)
whose ``rows`` counts the ledger rows it stands for (a contact is one relationship,
whatever its ``rows``).

:func:`run_twins` runs them all and returns frames shaped exactly like the
in-memory ones, so ``findings``, ``coverage`` and ``instructors`` agree row for
row with :func:`graphkit.analysis.analyze` on the same network. Finding
sentences (``detail``) are filled in Python from the same templates
(:data:`graphkit.i18n.DETAILS`), so they agree too.

Ties the graph cannot order
    A network keeps its relationship rows in order; a graph does not. Where the
    in-memory analysis takes "the first listed" of several candidates, the
    twin takes the one with the smallest id: a unit's or person's street, the
    covering organisation among several of the same form, an organisation's
    street found through its carrier or units, the first mismatched unit named
    by ``ATTRIBUTION_MISMATCH`` and its first supervising department. On a
    network whose relationships are listed in id order the two agree exactly.
    ``PARENT_CYCLE`` names the shortest loop back to the subject (then the
    smallest ids); in memory, an organisation with several parent
    organisations on its loop follows the smallest id. Ledgers give one parent
    each, and then the loop is the same.

Columns a ledger may not have
    ``NO_SECRETARY`` finds nothing when the graph has no ``secretary``
    property: :func:`graphkit.neo4j.push` writes a blank secretary as ``''``
    only when the network's source had the column, so a ledger without it is
    skipped here too, as :func:`graphkit.analysis.analyze` skips it.

The campaign tables
    Positions, activities, visits, trainings and honours are in the graph as
    :mod:`graphkit.neo4j.campaign` describes; the windows
    (``$activity_window_days``, ``$training_window_days``,
    ``$visit_window_days``) and ``$grade_fair_max_fails`` are parameters like
    every threshold, taken from :class:`~graphkit.settings.Settings`. A check
    that needs a table or column the ledger did not keep finds nothing: the
    queries ask the ``:Ledger`` node, and :func:`twin_analysis` lists the
    checks not run from it exactly as :func:`graphkit.analysis.checks_not_run`
    does. ``grades`` gives the seven criteria of 分类定级 per organisation
    under the names of ``grades.csv`` (``null`` where not assessable), the
    number failed and the grade (``null`` unless every record the grades need
    was kept); the queries that need a grade (``ORG_LAGGING``,
    ``HONOUR_AT_RISK``) write the fragment ``_grade.cypher`` in where they
    say ``// @grade``, so each stays one Cypher statement (and one Browser
    favourite). The queries return codes and item names (``missing``,
    ``codes``, ``honours``, ``reasons``, ``failed``); the sentences are made
    in Python with the in-memory word lists, so they agree in both languages.

Nodes without a name
    Push stores the id as ``name`` of a node that has none, so the twins show
    the id where the in-memory analysis leaves the name blank.

Load-time data-quality findings
    ``DUPLICATE_ID`` and ``UNKNOWN_REFERENCE`` describe ledger rows that never
    reach the graph, so no query can find them: the push stores them as
    ``:LoadFinding`` nodes (:mod:`graphkit.neo4j.derived`), and
    :func:`run_twins` reads them back and words them as
    :func:`graphkit.validate.validate` does, in the settings' language. A
    graph pushed before those nodes existed has none.

Examples
--------
>>> names = load_queries()
>>> list(names)[:4]
['coverage', 'instructors', 'grades', 'uncovered']
>>> names["coverage"].splitlines()[0]
'// coverage'
>>> import datetime
>>> query_parameters(Settings(as_of=datetime.date(2026, 11, 27)))["as_of"]
datetime.date(2026, 11, 27)

"""

from __future__ import annotations

import functools
import importlib.resources
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from graphkit import i18n
from graphkit.findings import CODES, concat_findings, empty_findings, load_findings, make_findings
from graphkit.i18n import detail, detail_fields, listed, translate_values
from graphkit.model import NODE_KINDS, REL_TYPES
from graphkit.neo4j.derived import LOAD_CODES, LOAD_FINDING_LABEL
from graphkit.results import GRADE_COLUMNS, GRADE_CRITERIA, Analysis
from graphkit.settings import Settings
from graphkit.validate import loop_text

if TYPE_CHECKING:
    import neo4j

__all__ = [
    "ANALYSIS_QUERIES",
    "CAMPAIGN_CODES",
    "DEMO_OWN_CODES",
    "FINDING_QUERIES",
    "HONOUR_RISK_CODES",
    "load_queries",
    "query_parameters",
    "run_query",
    "run_twins",
    "stored_load_findings",
    "twin_analysis",
    "with_grade",
    "write_twin_outputs",
]

#: Queries that return an analysis frame, by name (= file stem).
ANALYSIS_QUERIES: tuple[str, ...] = ("coverage", "instructors", "grades")

#: The campaign's finding codes (DESIGN §5), each with its query file like every code.
CAMPAIGN_CODES: tuple[str, ...] = (
    "NO_POSITION",
    "POSITION_BELOW_STANDARD",
    "INACTIVE_ORG",
    "SECRETARY_UNTRAINED",
    "UNVISITED_CONTACT",
    "DEMO_SITE_BELOW_STANDARD",
    "HONOUR_AT_RISK",
    "PLAQUE_WITHOUT_MEMBER",
    "ORG_LAGGING",
)

#: A line of a query file replaced by the grade fragment (``_grade.cypher``), so the queries
#: that need an organisation's grade stay one self-contained Cypher statement each.
_GRADE_MARK = "// @grade"

#: Finding code -> query name (file stem). Every code of :data:`graphkit.findings.CODES`
#: except the load-time ones (:data:`graphkit.neo4j.derived.LOAD_CODES`), read from the
#: ``:LoadFinding`` nodes instead.
FINDING_QUERIES: dict[str, str] = {code: code.lower() for code in CODES if code not in LOAD_CODES}

_PACKAGE = "graphkit.neo4j.queries"
_STR = "string"
_COVERAGE_COLUMNS = ["name", "kind", "street", "street_id", "party_members", "status", "party_org_id"]
_INSTRUCTOR_COLUMNS = ["name", "reach", "contacts", "overloaded", "street"]


def load_queries() -> dict[str, str]:
    """Return the text of every twin query, analyses first, then findings in code order.

    Returns
    -------
    dict
        Query name (the file stem, e.g. ``"coverage"`` or ``"uncovered"``) -> Cypher text.
        Each text starts with a ``// <name>`` line.

    Examples
    --------
    >>> queries = load_queries()
    >>> set(ANALYSIS_QUERIES) | set(FINDING_QUERIES.values()) <= set(queries)
    True
    >>> "// @grade" in queries["org_lagging"]  # the grade fragment is written in
    False

    """
    return dict(_read_queries())


@functools.cache
def _read_queries() -> tuple[tuple[str, str], ...]:
    folder = importlib.resources.files(_PACKAGE)
    names = list(ANALYSIS_QUERIES) + list(FINDING_QUERIES.values())
    return tuple(
        (name, with_grade(folder.joinpath(f"{name}.cypher").read_text(encoding="utf-8"))) for name in names
    )


@functools.cache
def _grade_fragment() -> str:
    text = importlib.resources.files(_PACKAGE).joinpath("_grade.cypher").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("//"))


def with_grade(text: str) -> str:
    """``text`` with every ``// @grade`` line replaced by the grade fragment (``CALL (p, l) {...}``).

    The fragment needs ``p`` (a party organisation) and ``l`` (the ``:Ledger``
    node, or ``null``) and gives ``criteria`` (a map of the seven), ``failed``
    (the names of those failed) and ``grade``.
    """
    return "\n".join(_grade_fragment() if line == _GRADE_MARK else line for line in text.splitlines()) + "\n"


def query_parameters(settings: Settings | None = None) -> dict[str, Any]:
    """The parameters every twin query may use: each threshold of ``settings`` and ``as_of``.

    ``as_of`` is :attr:`Settings.today` (a :class:`datetime.date`, sent as a Neo4j date).

    Examples
    --------
    >>> p = query_parameters(Settings(own_branch_min_members=4))
    >>> p["own_branch_min_members"], p["max_contacts_per_instructor"]
    (4, 8)

    """
    settings = settings or Settings()
    params = {k: v for k, v in settings.to_dict().items() if isinstance(v, int) and not isinstance(v, bool)}
    params["as_of"] = settings.today
    return params


def run_query(
    driver: neo4j.Driver,
    name: str,
    *,
    settings: Settings | None = None,
    database: str | None = None,
) -> pd.DataFrame:
    """Run one twin query and return its rows as a frame (columns in the query's order).

    Parameters
    ----------
    driver
        A :class:`neo4j.Driver` (see :func:`graphkit.neo4j.connect`).
    name
        A query name of :func:`load_queries`.
    settings
        Thresholds and as-of date passed as parameters.
    database
        The database to read; the server's default when ``None``.

    Raises
    ------
    KeyError
        If ``name`` is not a twin query.
    Neo4jError
        When the server is unreachable, refuses the credentials or lacks the database.

    """
    queries = load_queries()
    if name not in queries:
        msg = f"unknown twin query {name!r}; known: {', '.join(queries)}"
        raise KeyError(msg)
    import neo4j

    from graphkit.neo4j.connection import session_errors

    with session_errors(None, database):
        records, _summary, keys = driver.execute_query(
            queries[name],
            query_parameters(settings),
            database_=database,
            routing_=neo4j.RoutingControl.READ,
        )
    return pd.DataFrame([r.values() for r in records], columns=list(keys), dtype=object)


def _coverage_frame(rows: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            c: rows[c].astype("Int64") if c == "party_members" else rows[c].astype(_STR)
            for c in _COVERAGE_COLUMNS
        }
    )
    out.index = pd.Index(rows["unit_id"], dtype=_STR, name="unit_id")
    return out


def _instructor_frame(rows: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "name": rows["name"].astype(_STR),
            "reach": rows["reach"].astype("int64"),
            "contacts": rows["contacts"].astype("int64"),
            "overloaded": rows["overloaded"].astype(bool),
            "street": rows["street"].astype(_STR),
        }
    )
    out.index = pd.Index(rows["instructor_id"], dtype=_STR, name="instructor_id")
    return out[_INSTRUCTOR_COLUMNS]


def _grades_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """The grades frame of :func:`graphkit.analysis.grades` (columns :data:`GRADE_COLUMNS`), sorted by id."""
    out = pd.DataFrame(
        {
            "name": rows["name"].astype(_STR),
            "street": rows["street"].astype(_STR),
            **{c: rows[c].astype("boolean") for c in GRADE_CRITERIA},
            "fails": rows["fails"].astype("int64"),
            "grade": rows["grade"].astype(_STR),
        }
    )
    out.index = pd.Index(rows["party_org_id"], dtype=_STR, name="party_org_id")
    return out[GRADE_COLUMNS]


def _field_values(field: str, values: pd.Series, lang: str) -> pd.Series:
    """Turn a raw query column into what the in-memory analysis passes to the template."""
    values = values.reset_index(drop=True)
    if field == "status":
        return translate_values(values.astype(_STR), "status", lang=lang)
    if field == "loop":
        return values.map(loop_text).astype(_STR)
    return values


def _details(rows: pd.DataFrame, lang: str) -> pd.Series:
    """The localised ``detail`` of every row, filled from the analyses' own templates."""
    out = pd.Series(pd.NA, index=rows.index, dtype=_STR)
    code = str(rows["detail_key"].iloc[0]).split(":")[0]
    if code in _VALIDATE_DETAILS:
        return _validate_details(code, rows, lang)
    for key, group in rows.groupby("detail_key", sort=False):
        fields = {f: _field_values(f, group[f], lang) for f in detail_fields(str(key), lang=lang)}
        text = detail(str(key), lang, **fields)
        out[group.index] = text.to_numpy() if isinstance(text, pd.Series) else text
    return out


#: Codes whose details :mod:`graphkit.validate` writes (no template in :data:`graphkit.i18n.DETAILS`).
_VALIDATE_DETAILS = ("BAD_CREDIT_CODE", "MISSING_FIVE_CLEARS")


def _validate_details(code: str, rows: pd.DataFrame, lang: str) -> pd.Series:
    """Details of the data-quality codes, written by :mod:`graphkit.validate`'s own code.

    The twin query decides which units are flagged and why; the units are
    handed to the validator's formatter as a minimal frame showing exactly
    those reasons, so the sentences are the validator's.
    """
    from graphkit import validate
    from graphkit.model import Network

    ids = pd.Index(rows["subject_id"].astype(_STR), name="id")
    street = pd.Series(rows["street"].to_numpy(), index=ids, dtype=_STR)
    if code == "BAD_CREDIT_CODE":
        units = pd.DataFrame({"name": rows["subject_name"].to_numpy()}, index=ids)
        found = validate.bad_credit_codes(units, street, lang)
    else:
        missing = rows["missing"].map(set)
        columns = [*validate.FIVE_CLEARS, "no_org_reason"]
        units = pd.DataFrame(
            {c: missing.map(lambda m, c=c: None if c in m else "-").to_numpy() for c in columns},
            index=ids,
        ).assign(name=rows["subject_name"].to_numpy())
        found = validate.missing_five_clears(Network({"Unit": units}), street, lang)
    return pd.Series(found.set_index("subject_id")["detail"].reindex(ids).to_numpy(), index=rows.index)


def _words(lists: pd.Series, words: dict[str, tuple[str, str]], lang: str) -> pd.Series:
    """Each list of names as the in-memory analysis words it: those of ``words`` in it, in that order."""
    flags = pd.DataFrame({name: lists.map(lambda names, n=name: n in names).to_numpy() for name in words})
    return listed(flags, words, lang=lang)


def _code_words(codes: list[str]) -> dict[str, tuple[str, str]]:
    return {code: (i18n.code_title(code, lang="zh"), i18n.code_title(code, lang="en")) for code in codes}


def _campaign_fields(code: str, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Turn the names a campaign query returns into the template fields of the in-memory details."""
    if code == "POSITION_BELOW_STANDARD":
        return rows.assign(missing=_words(rows["missing"], i18n.SIX_HAVE_LABELS, lang).to_numpy())
    if code == "ORG_LAGGING":
        return rows.assign(failed=_words(rows["failed"], i18n.CRITERION_FAILED, lang).to_numpy())
    if code == "DEMO_SITE_BELOW_STANDARD":
        four = detail(
            "DEMO_SITE_BELOW_STANDARD:four_ones",
            lang,
            missing=_words(rows["missing"], i18n.FOUR_ONE_LABELS, lang),
        )
        four = pd.Series(four.to_numpy(), dtype=_STR).where(rows["missing"].map(len).gt(0).to_numpy(), "")
        own = _words(rows["codes"], _code_words(list(DEMO_OWN_CODES)), lang)
        sep = i18n.PARTS_JOIN[i18n.LANGS.index(lang)]
        problems = [sep.join(t for t in pair if t) for pair in zip(four, own, strict=True)]
        return rows.assign(problems=problems)
    if code == "HONOUR_AT_RISK":
        known = i18n.VALUES["honour_type"]
        extra = sorted({t for names in rows["honours"] for t in names} - set(known))
        honours = {**known, **{t: (t, t) for t in extra}}
        reasons = _code_words(list(HONOUR_RISK_CODES))
        reasons["ORG_LAGGING"] = i18n.TEXT["honour_at_risk.graded_lagging"]
        return rows.assign(
            honours=_words(rows["honours"], honours, lang).to_numpy(),
            reasons=_words(rows["reasons"], reasons, lang).to_numpy(),
        )
    return rows


#: The own findings a demonstration site is checked for, in the order its detail names them.
DEMO_OWN_CODES: tuple[str, ...] = ("NO_POSITION", "POSITION_BELOW_STANDARD", "INACTIVE_ORG", "TERM_EXPIRED")

#: The findings that put an honour at risk, in the order its detail names them (``HONOUR_AT_RISK``'s
#: ``reasons``; a grade of 后进 comes last, as ``ORG_LAGGING``).
HONOUR_RISK_CODES: tuple[str, ...] = (
    "UNCOVERED",
    "MEMBERS_WITHOUT_ORG",
    "TERM_EXPIRED",
    "INACTIVE_ORG",
    "NO_POSITION",
)


def _findings_frame(code: str, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Build the findings of one code from its query rows (details localised in Python).

    Rows keep the order of subject kinds the query gives and are sorted by id
    within a kind.
    """
    if rows.empty:
        return empty_findings()
    order = {kind: i for i, kind in enumerate(dict.fromkeys(rows["subject_kind"]))}
    rows = rows.assign(_kind=rows["subject_kind"].map(order), _id=rows["subject_id"].astype(str))
    rows = rows.sort_values(["_kind", "_id"], kind="stable").reset_index(drop=True)
    text = _details(_campaign_fields(code, rows, lang), lang)
    parts = [
        make_findings(
            code,
            str(kind),
            group["subject_id"],
            group["subject_name"],
            street=group["street"].astype(_STR),
            detail=text[group.index],
        )
        for kind, group in rows.groupby("subject_kind", sort=False)
    ]
    return concat_findings(parts)


def run_twins(
    driver: neo4j.Driver,
    *,
    settings: Settings | None = None,
    database: str | None = None,
) -> dict[str, pd.DataFrame]:
    """Run every twin query and return the analysis frames, shaped like the in-memory ones.

    Parameters
    ----------
    driver
        A :class:`neo4j.Driver` connected to a server holding a pushed network.
    settings
        Thresholds, as-of date and language of the finding details.
    database
        The database to read; the server's default when ``None``.

    Returns
    -------
    dict
        ``"findings"`` (the findings format of :mod:`graphkit.findings`, codes in
        :data:`~graphkit.findings.CODES` order), ``"coverage"`` (indexed by
        ``unit_id``, like :func:`graphkit.analysis.coverage`) and
        ``"instructors"`` (indexed by ``instructor_id``, like
        :func:`graphkit.analysis.instructor_load`), ``"grades"`` (indexed by
        ``party_org_id``, like :func:`graphkit.analysis.grades`), each sorted
        by id, and ``"grade_street_ids"`` (each organisation's street id, for
        the grades by street).

    Raises
    ------
    Neo4jError
        When the server is unreachable, refuses the credentials or lacks the database.

    Notes
    -----
    One read query per analysis and finding code; each is a single pass over
    the nodes of its subject kind with bounded pattern look-ups around each.

    """
    settings = settings or Settings()
    grade_rows = run_query(driver, "grades", settings=settings, database=database)
    found = {
        code: _findings_frame(
            code, run_query(driver, name, settings=settings, database=database), settings.lang
        )
        for code, name in FINDING_QUERIES.items()
    }
    loaded = stored_load_findings(driver, lang=settings.lang, database=database)
    found |= {code: loaded[loaded["code"] == code] for code in LOAD_CODES}
    return {
        "findings": concat_findings(found[code] for code in CODES if code in found),
        "coverage": _coverage_frame(run_query(driver, "coverage", settings=settings, database=database)),
        "instructors": _instructor_frame(
            run_query(driver, "instructors", settings=settings, database=database)
        ),
        "grades": _grades_frame(grade_rows),
        "grade_street_ids": pd.Series(
            grade_rows["street_id"].to_numpy(), index=grade_rows["party_org_id"].to_numpy(), dtype=_STR
        ),
    }


def stored_load_findings(
    driver: neo4j.Driver, *, lang: str = "zh", database: str | None = None
) -> pd.DataFrame:
    """The load-time findings a push stored (``:LoadFinding`` nodes), worded in ``lang``.

    Each node's ``record`` is the ledger reader's record, worded by
    :func:`graphkit.findings.load_findings` exactly as
    :func:`graphkit.validate.validate` words it, or (for a network built in
    Python) the finished finding. Findings format, by code then as stored.

    Raises
    ------
    Neo4jError
        When the server is unreachable, refuses the credentials or lacks the database.

    """
    import neo4j

    from graphkit.neo4j.connection import session_errors

    with session_errors(None, database):
        records, _, _ = driver.execute_query(
            f"MATCH (f:{LOAD_FINDING_LABEL}) RETURN f.record AS record ORDER BY f.seq",
            database_=database,
            routing_=neo4j.RoutingControl.READ,
        )
    parsed = [json.loads(r["record"]) for r in records if r["record"]]
    problems = [p for p in parsed if "detail" not in p]  # a reader's record; a finding has its detail
    finished = [p for p in parsed if "detail" in p]
    parts = [load_findings(pd.DataFrame.from_records(problems), lang=lang)] if problems else []
    if finished:
        parts.append(pd.DataFrame.from_records(finished))
    out = concat_findings(parts)
    order = out["code"].map({c: i for i, c in enumerate(LOAD_CODES)})
    return out.loc[order.sort_values(kind="stable").index].reset_index(drop=True)


def twin_analysis(
    driver: neo4j.Driver,
    *,
    settings: Settings | None = None,
    database: str | None = None,
) -> Analysis:
    """Run the twins and give the answer as an :class:`~graphkit.results.Analysis` for the report writers.

    Returns
    -------
    Analysis
        ``network`` (the streets only, read from Neo4j), ``settings``,
        ``findings``, ``coverage``, ``instructors`` (with the
        instructors' ``phone`` as stored in Neo4j), ``grades``, ``summary`` (as
        :func:`graphkit.analysis.summarize` makes it, with the grades and
        grades by street, and ``not_run`` as :func:`graphkit.analysis.analyze`
        gives it, from what the ``:Ledger`` node records; node and relationship
        counts are those of the graph, where repeated ledger rows are one
        relationship) and empty ``pairings``, ``proposals``, ``resilience``
        and ``rejects``.

    """
    from graphkit.analysis import checks_not_run_for, summarize
    from graphkit.model import REJECT_COLUMNS, Network
    from graphkit.neo4j.campaign import LEDGER_ID
    from graphkit.neo4j.connection import session_errors
    from graphkit.neo4j.push import counts

    settings = settings or Settings()
    frames = run_twins(driver, settings=settings, database=database)
    with session_errors(None, database):
        streets, _, _ = driver.execute_query(
            "MATCH (s:Street) RETURN s.id AS id, s.name AS name ORDER BY id", database_=database
        )
        phones, _, _ = driver.execute_query(
            "MATCH (i:Instructor) RETURN i.id AS id, i.phone AS phone", database_=database
        )
        kept, _, _ = driver.execute_query(
            "MATCH (p:PartyOrg) WHERE p.secretary IS NOT NULL RETURN count(p) > 0 AS kept", database_=database
        )
        ledger, _, _ = driver.execute_query(
            "MATCH (l:Ledger {id: $id}) RETURN l.tables AS tables, l.columns AS columns",
            id=LEDGER_ID,
            database_=database,
        )
    net = Network({"Street": pd.DataFrame([r.data() for r in streets], columns=["id", "name"])})
    summary = summarize(
        net,
        frames["coverage"],
        frames["findings"],
        settings,
        grades=frames["grades"],
        grade_street_ids=frames["grade_street_ids"],
    )
    if ledger:
        tables, columns = list(ledger[0]["tables"] or []), list(ledger[0]["columns"] or [])
    else:  # pushed before the :Ledger node: no campaign table; a secretary property means the column
        tables, columns = [], ["PartyOrg.secretary"] if kept[0]["kept"] else []
    summary["not_run"] = checks_not_run_for(tables, columns)
    graph = counts(driver, database=database)
    summary["counts"]["nodes"] = {k: v for k, v in graph.items() if k in NODE_KINDS}
    summary["counts"]["relationships"] = {k: v for k, v in graph.items() if k in REL_TYPES}
    phone = pd.Series({r["id"]: r["phone"] for r in phones}, dtype=_STR)
    instructors = frames["instructors"].assign(phone=frames["instructors"].index.map(phone).astype(_STR))
    return Analysis(
        network=net,
        settings=settings,
        findings=_node_sources(driver, database, frames["findings"], settings),
        coverage=frames["coverage"],
        instructors=instructors,
        pairings=pd.DataFrame(),
        proposals=pd.DataFrame(),
        resilience=pd.DataFrame(),
        rejects=pd.DataFrame(columns=REJECT_COLUMNS),
        summary=summary,
        grades=frames["grades"],
    )


def _node_sources(
    driver: neo4j.Driver, database: str | None, findings: pd.DataFrame, settings: Settings
) -> pd.DataFrame:
    """``findings`` with the ledger rows of their subjects, from the pushed ``source_*`` properties.

    Only the codes that point at their subject's own row get them (file,
    sheet, row; the header as written is not in the graph): the rows of
    relationships and events are not pushed, so those codes stay blank.
    """
    from graphkit.model import Network
    from graphkit.model.sources import make_sources
    from graphkit.neo4j.connection import session_errors
    from graphkit.provenance import RULES, locate

    with session_errors(None, database):
        records, _, _ = driver.execute_query(
            "MATCH (n) WHERE n.source_row IS NOT NULL AND any(l IN labels(n) WHERE l IN $kinds) "
            "RETURN [l IN labels(n) WHERE l IN $kinds][0] AS kind, n.id AS id, n.source_file AS file, "
            "n.source_sheet AS sheet, n.source_row AS row",
            kinds=list(NODE_KINDS),
            database_=database,
        )
    if not records:
        return findings
    rows = pd.DataFrame([r.data() for r in records])
    nodes, sources = {}, {}
    for kind, part in rows.groupby("kind", sort=False):
        nodes[kind] = pd.DataFrame(index=pd.Index(part["id"].astype(str), name="id"))
        sources[kind] = make_sources(part["file"].tolist(), part["sheet"].tolist(), part["row"].tolist())
    node_codes = [c not in RULES or RULES[c].where == "node" for c in findings["code"]]
    located = locate(Network(nodes, sources=sources), findings[node_codes], settings=settings)
    out = findings.copy()
    out.loc[located.index] = located
    return out


def write_twin_outputs(
    driver: neo4j.Driver,
    out_dir: str | Path,
    *,
    settings: Settings | None = None,
    database: str | None = None,
    show_contacts: bool = False,
    formula_guard: bool = True,
) -> tuple[Analysis, dict[str, Path]]:
    """Write the CSV files and ``summary.json`` of ``graphkit analyze`` (grades.csv too) from Neo4j.

    The files have the columns and encoding (UTF-8 with BOM) of ``graphkit
    analyze``'s (:func:`graphkit.report.output_tables`), written by
    :func:`graphkit.report.write_csv` (``formula_guard`` as there). Rows are sorted by id
    within each finding code (``graphkit analyze`` keeps ledger order).
    Phones are written as stored in Neo4j (``graphkit neo4j push`` masks them
    unless told otherwise); readable ones are masked unless ``show_contacts``.

    Returns
    -------
    tuple
        The :class:`~graphkit.results.Analysis` of :func:`twin_analysis` and file name -> path.

    """
    from graphkit.privacy import mask_phone
    from graphkit.report import output_tables, write_csv, write_summary

    analysis = twin_analysis(driver, settings=settings, database=database)
    tables = output_tables(analysis, show_contacts=True)
    if not show_contacts:  # push masks phones unless told otherwise: mask only what is still readable
        phone = tables["instructors"]["phone"].astype(_STR)
        masked = phone.str.contains("*", regex=False).fillna(True).astype(bool)
        tables["instructors"]["phone"] = phone.where(masked, phone.map(mask_phone, na_action="ignore"))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name in ("findings", "coverage", "instructors"):
        path = out / f"{name}.csv"
        write_csv(tables[name], path, formula_guard=formula_guard)
        paths[path.name] = path
    paths["grades.csv"] = write_csv(tables["grades"], out / "grades.csv", formula_guard=formula_guard)
    paths["summary.json"] = write_summary(analysis, out / "summary.json")
    return analysis, paths
