r"""Named Cypher queries for Neo4j Browser, packed as a favourites zip.

Neo4j Browser takes saved queries by drag and drop: a ``.cypher`` file becomes
a favourite named by its first ``// comment`` line, and a ``.zip`` of such
files becomes many favourites at once, each in the favourites folder named
by the directory it has in the zip (Browser 5 reads ``<folder>/<name>.cypher``
entries, the layout its own "Export scripts as .zip" writes).
:func:`write_queries_zip` writes one with every file under ``graphkit/``:

- every Cypher twin of the analyses (:mod:`graphkit.neo4j.twins`), run as a
  subquery (``CALL () { <twin> }``) whose rows are shown in Chinese: the
  analyses (10–) with the headers and values of the report (覆盖状态
  单独组建/联合组建/仅工作覆盖/未覆盖, 分类定级 先进/较好/一般/后进, 是/否),
  the findings (20–) as :data:`FINDING_HEADERS` (对象类型, 名称, 编号, 街道,
  说明), 说明 being exactly the Chinese sentence ``graphkit analyze`` writes
  in ``findings.csv``, computed in Cypher from the same templates
  (:mod:`graphkit.neo4j.sentences`). Rows keep the twin's order. The twins
  themselves, which ``graphkit neo4j analyze`` runs, are not changed;
- the campaign's favourites (80–, :data:`CAMPAIGN_QUERIES`) and
  exploration queries (90–): a unit's neighbourhood by name, the uncovered
  units of a street, instructors over the limit with what they guide, a
  party organisation's units, coverage rates by street, pairings, the schema.

Settings are written in as numbers (``3 /* own_branch_min_members */``) so a
favourite runs at once, and the as-of date as ``date()`` (the server's
today) unless the settings fix one (``date('2026-11-27')``).

Browser lists the favourites of a folder by title, alphabetically, so
every title starts with its file's number (``20 无覆盖单位 (UNCOVERED)``) and
the list keeps this order. Exploration queries that look something up by
name take the parameter ``$keyword``: their second line says to run
``:param keyword => '公司'`` first (with the text to look for), and the query
runs unchanged. Their columns have Chinese headers; the overloaded
instructors' favourite shows why each is over the limit (contacts, the limit,
by how many, and whom it guides). Favourites show the tables or graphs as
Browser draws them; for the files of ``graphkit analyze`` use
``graphkit neo4j analyze``.

Examples
--------
>>> queries = browser_queries()
>>> queries["20_uncovered.cypher"].splitlines()[0]
'// 20 无覆盖单位 (UNCOVERED)'
>>> "3 /* own_branch_min_members */" in queries["22_should_form_own.cypher"]
True
>>> sorted(set(re.findall(r"\$\w+", "".join(queries.values()))))  # settings are written in
['$keyword']
>>> queries["90_unit_neighbourhood.cypher"].splitlines()[1][:29]
"// 先运行 :param keyword => '公司'"
>>> print("\n".join(queries["34_understaffed_department.cypher"].splitlines()[-6:]))
RETURN coalesce({`Unit`: '单位', `Carrier`: '载体', `PartyOrg`: '党组织', `Department`: '部门', `Street`: '街道', `GuidanceStation`: '党建指导站', `Instructor`: '党建指导员', `Liaison`: '企业联络员', `OrganBranch`: '机关党支部', `Position`: '阵地'}[`subject_kind`], `subject_kind`) AS `对象类型`,
       `subject_name` AS `名称`,
       `subject_id` AS `编号`,
       `street` AS `街道`,
       '党建专干' + coalesce(toString(`staff`), '?') + '人，应配' + coalesce(toString(`required`), '?') + '人' AS `说明`
ORDER BY subject_id
>>> [line for line in queries["10_coverage.cypher"].splitlines() if "AS `覆盖状态`" in line]  # doctest: +ELLIPSIS
["       coalesce({`own_org`: '单独组建', `joint_org`: '联合组建', ...}[`status`], `status`) AS `覆盖状态`,"]

"""

# ruff: noqa: E501  (the campaign favourites are Cypher text, kept as Browser shows it)
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from graphkit.findings import CODES
from graphkit.i18n import BROWSER_CAMPAIGN_TITLES, SIX_HAVE_LABELS, VALUES, column_label
from graphkit.neo4j.sentences import detail_expression, kind_expression, value_expression
from graphkit.neo4j.twins import ANALYSIS_QUERIES, FINDING_QUERIES, load_queries, query_parameters, with_grade
from graphkit.report.tables import COVERAGE_CSV_COLUMNS, GRADE_CSV_COLUMNS, INSTRUCTOR_CSV_COLUMNS
from graphkit.settings import Settings

__all__ = ["CAMPAIGN_QUERIES", "EXPLORE_QUERIES", "USER_PARAMETERS", "browser_queries", "write_queries_zip"]

#: Titles of the analysis twins as favourites.
_ANALYSIS_TITLES = {
    "coverage": "单位覆盖情况 (coverage)",
    "instructors": "党建指导员联系覆盖 (instructors)",
    "grades": "党组织分类定级 (grades)",
}

#: The columns each analysis favourite shows (those of ``graphkit analyze``'s CSV files), headed
#: and worded as the report shows them.
_ANALYSIS_COLUMNS = {
    "coverage": COVERAGE_CSV_COLUMNS,
    "instructors": [*INSTRUCTOR_CSV_COLUMNS, "street"],
    "grades": GRADE_CSV_COLUMNS,
}

#: Headers of the finding favourites: column -> twin column (the sentence is computed).
FINDING_HEADERS: dict[str, str] = {
    "对象类型": "subject_kind",
    "名称": "subject_name",
    "编号": "subject_id",
    "街道": "street",
    "说明": "detail",
}

_UNCOVERED_WHERE = """NOT EXISTS { (u)-[:COVERED_BY]->(:PartyOrg) }
  AND NOT EXISTS { (u)<-[:GUIDES]-(:Instructor) }
  AND NOT EXISTS { (u)<-[:LIAISES]-(:Liaison) }
  AND NOT EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:GUIDES|LIAISES|BASED_AT]-() }"""

#: File name -> query text of the exploration favourites (``$max_contacts_per_instructor`` is
#: filled in from the settings like in the twins).
EXPLORE_QUERIES: dict[str, str] = {
    "90_unit_neighbourhood.cypher": """// 查看：单位及其周边（按名称）
// 先运行 :param keyword => '公司'（换成名称中的关键词）：名称含关键词的单位（至多5家），
// 及其街道、所在载体、党组织（及上级）、党建指导员、联络员和结对。
MATCH (u:Unit) WHERE u.name CONTAINS $keyword
WITH u ORDER BY u.name LIMIT 5
RETURN u,
       COLLECT { MATCH near = (u)-[]-() RETURN near } AS near,
       COLLECT {
         MATCH via = (u)-[:COVERED_BY|LOCATED_IN]->()<-[:GUIDES|LIAISES|BASED_AT|PAIRED_WITH]-()
         RETURN via
       } AS via,
       COLLECT { MATCH up = (u)-[:COVERED_BY]->(:PartyOrg)-[:REPORTS_TO]->() RETURN up } AS up
""",
    "91_street_uncovered.cypher": f"""// 查看：某街道的无覆盖单位
// 先运行 :param keyword => '林山寨'（换成街道名称中的关键词）：该街道既无组织覆盖
// 也无工作覆盖的单位。
MATCH (s:Street) WHERE s.name CONTAINS $keyword
MATCH (u:Unit)-[r:IN_STREET]->(s)
WHERE {_UNCOVERED_WHERE}
RETURN s, r, u
""",
    "92_overloaded_instructors.cypher": """// 查看：超负荷的党建指导员及其联系对象
// 联系对象（所联系的不同单位、党组织和载体；楼宇党委只算一个）多于 $max_contacts_per_instructor
// 个的党建指导员：联系对象数、上限、超出几个，以及联系的是谁。
MATCH (i:Instructor)
WITH i, COUNT { MATCH (i)-[:GUIDES]->(t:Unit|PartyOrg|Carrier) RETURN DISTINCT t } AS contacts
WHERE contacts > $max_contacts_per_instructor
RETURN i.name AS `党建指导员`,
       COLLECT { MATCH (i)-[:SENT_BY]->(d) RETURN d.name ORDER BY d.id LIMIT 1 }[0] AS `派出单位`,
       contacts AS `联系对象数`, $max_contacts_per_instructor AS `上限`,
       contacts - $max_contacts_per_instructor AS `超出`,
       COLLECT {
         MATCH (i)-[:GUIDES]->(t:Unit|PartyOrg|Carrier)
         RETURN DISTINCT CASE WHEN t:Unit THEN '单位' WHEN t:PartyOrg THEN '党组织' ELSE '载体' END
                + '：' + t.name AS target ORDER BY target
       } AS `联系对象`
ORDER BY `超出` DESC, `党建指导员`
""",
    "93_party_org_units.cypher": """// 查看：党组织覆盖的单位（按名称）
// 先运行 :param keyword => '党支部'（换成党组织名称中的关键词）：名称含关键词的党组织
// （至多10个）、所覆盖的单位、依托载体和上级。
MATCH (p:PartyOrg) WHERE p.name CONTAINS $keyword
WITH p ORDER BY p.name LIMIT 10
RETURN p,
       COLLECT { MATCH covered = (p)<-[:COVERED_BY]-(:Unit) RETURN covered } AS covered,
       COLLECT { MATCH around = (p)-[:BASED_AT|REPORTS_TO]->() RETURN around } AS around
""",
    "94_street_rates.cypher": """// 统计：各街道覆盖率
// 每个街道：单位数、单独组建、联合组建、仅工作覆盖、未覆盖，以及组织覆盖率（单独+联合）/单位数、
// 单独组建率 单独/单位数、工作覆盖率（已覆盖）/单位数。
MATCH (u:Unit)
OPTIONAL MATCH (u)-[:IN_STREET]->(s:Street)
WITH s, u,
     CASE
       WHEN EXISTS { (u)-[:COVERED_BY]->(:PartyOrg {form: 'own'}) } THEN 'own_org'
       WHEN EXISTS { (u)-[:COVERED_BY]->(:PartyOrg) } THEN 'joint_org'
       WHEN EXISTS { (u)<-[:GUIDES]-(:Instructor) }
         OR EXISTS { (u)<-[:LIAISES]-(:Liaison) }
         OR EXISTS { (u)-[:LOCATED_IN]->(:Carrier)<-[:GUIDES|LIAISES|BASED_AT]-() } THEN 'work_only'
       ELSE 'uncovered'
     END AS status
WITH s.name AS street, count(u) AS units,
     sum(CASE status WHEN 'own_org' THEN 1 ELSE 0 END) AS own_org,
     sum(CASE status WHEN 'joint_org' THEN 1 ELSE 0 END) AS joint_org,
     sum(CASE status WHEN 'work_only' THEN 1 ELSE 0 END) AS work_only,
     sum(CASE status WHEN 'uncovered' THEN 1 ELSE 0 END) AS uncovered
RETURN street AS `街道`, units AS `单位数`, own_org AS `单独组建`, joint_org AS `联合组建`,
       work_only AS `仅工作覆盖`, uncovered AS `未覆盖`,
       round(toFloat(own_org + joint_org) / units, 4) AS `组织覆盖率`,
       round(toFloat(own_org) / units, 4) AS `单独组建率`,
       round(toFloat(units - uncovered) / units, 4) AS `工作覆盖率`
ORDER BY `街道`
""",
    "95_pairings.cypher": """// 查看：机关党支部结对共建
// 机关党支部、所属部门及其结对的党组织。
MATCH pairing = (b:OrganBranch)-[:PAIRED_WITH]->(:PartyOrg)
OPTIONAL MATCH dept = (b)-[:BRANCH_OF]->(:Department)
RETURN pairing, dept
LIMIT 500
""",
    "96_schema.cypher": """// 查看：图谱结构（节点类型与关系）
CALL db.schema.visualization()
""",
}

# ------------------------------------------------------ the campaign's favourites (80–)
_SIX = "{" + ", ".join(f"{k}: '{zh}'" for k, (zh, _en) in SIX_HAVE_LABELS.items()) + "}"
_GRADES = "{" + ", ".join(f"{k}: '{zh}'" for k, (zh, _en) in VALUES["grade"].items()) + "}"
_ORG_STREET = """COLLECT { MATCH (p)-[:IN_STREET]->(s:Street) RETURN s.name ORDER BY s.id LIMIT 1 }
     + COLLECT { MATCH (p)-[:BASED_AT]->(:Carrier)-[:IN_STREET]->(s:Street) RETURN s.name ORDER BY s.id LIMIT 1 }
     + COLLECT { MATCH (p)<-[:COVERED_BY]-(:Unit)-[:IN_STREET]->(s:Street) RETURN s.name ORDER BY s.id LIMIT 1 }"""
#: A secretary that is not blank as Python's str.strip() sees it (no-break spaces too), as NO_SECRETARY.
_NOT_BLANK = (
    "trim(replace(replace(replace(replace(coalesce(p.secretary, ''), '\\u00A0', ' '), '\\u2007', ' '), "
    "'\\u202F', ' '), '\\u0085', ' ')) <> ''"
)
_WINDOW = "$as_of - duration({{days: ${days}}}) < {var}.date <= $as_of"

#: File stem -> Cypher of the campaign favourites (titles: :data:`graphkit.i18n.BROWSER_CAMPAIGN_TITLES`).
#: Settings (``$activity_window_days``, ``$as_of``, ...) are written in like in the twins; every
#: favourite lists every street, so nothing needs editing before it runs.
CAMPAIGN_QUERIES: dict[str, str] = {
    "positions_below_standard": f"""// Positions (阵地) missing any 六有 item, with what hosts them and the items missing.
MATCH (s:Position)
WITH s, [item IN {list(SIX_HAVE_LABELS)} WHERE NOT coalesce(s[item], false) | {_SIX}[item]] AS missing
WHERE size(missing) > 0
RETURN s.name AS `阵地`,
       COLLECT {{ MATCH (s)-[:HOSTED_BY]->(h) RETURN h.name }} AS `依托`,
       COLLECT {{ MATCH (s)-[:USED_BY]->(p:PartyOrg) RETURN p.name }} AS `使用党组织`,
       s.area AS `面积`,
       missing AS `缺项`
ORDER BY size(missing) DESC, `阵地`
""",
    "inactive_orgs": f"""// Party organisations with no activity (组织生活) within $activity_window_days days up to
// the as-of date ($as_of), with their street and latest activity.
MATCH (p:PartyOrg)
WHERE NOT EXISTS {{
  MATCH (a:Activity)-[:HELD_BY]->(p) WHERE {_WINDOW.format(days="activity_window_days", var="a")}
}}
WITH p, COLLECT {{ MATCH (a:Activity)-[:HELD_BY]->(p) WHERE a.date <= $as_of RETURN a.date ORDER BY a.date DESC LIMIT 1 }} AS last,
     {_ORG_STREET} AS streets
RETURN streets[0] AS `街道`, p.name AS `党组织`, p.secretary AS `书记`, last[0] AS `最近一次活动`
ORDER BY `街道`, `党组织`
""",
    "untrained_secretaries": f"""// Secretaries (书记) with no training within $training_window_days days up to the as-of
// date ($as_of) under their name, for their organisation or none.
MATCH (p:PartyOrg)
WHERE {_NOT_BLANK}
  AND NOT EXISTS {{
    MATCH (t:Training {{person: p.secretary}})
    WHERE {_WINDOW.format(days="training_window_days", var="t")}
      AND (EXISTS {{ (t)-[:FOR_ORG]->(p) }} OR NOT EXISTS {{ (t)-[:FOR_ORG]->() }})
  }}
WITH p, {_ORG_STREET} AS streets,
     COLLECT {{ MATCH (t:Training {{person: p.secretary}}) RETURN t.date ORDER BY t.date DESC LIMIT 1 }} AS last
RETURN streets[0] AS `街道`, p.name AS `党组织`, p.secretary AS `书记`, last[0] AS `最近一次培训`
ORDER BY `街道`, `党组织`
""",
    "unvisited_contacts": f"""// Instructors' contacts (GUIDES) not visited by them within $visit_window_days days up to
// the as-of date ($as_of): a visit to a unit in an assigned building does not count for the building.
MATCH (i:Instructor)-[:GUIDES]->(t)
WHERE NOT EXISTS {{ MATCH (i)-[v:VISITED]->(t) WHERE {_WINDOW.format(days="visit_window_days", var="v")} }}
WITH i, t,
     COLLECT {{ MATCH (i)-[:SENT_BY]->(s:Street) RETURN s.name ORDER BY s.id LIMIT 1 }} AS streets,
     COLLECT {{ MATCH (i)-[v:VISITED]->(t) WHERE v.date <= $as_of RETURN v.date ORDER BY v.date DESC LIMIT 1 }} AS last
RETURN streets[0] AS `街道`, i.name AS `党建指导员`, t.name AS `联系对象`, last[0] AS `最近一次走访`
ORDER BY `街道`, `党建指导员`, `联系对象`
""",
    "honours_at_risk": """// Honours (评选挂牌) still held (valid or blank, not dated after $as_of) by a unit with no coverage or members but no organisation, or by
// a party organisation whose term expired ($as_of), with no activity within $activity_window_days
// days or no position: 评选优先考虑党建工作到位. (The grade 后进 is in the HONOUR_AT_RISK favourite.)
MATCH (h:Honour)-[:AWARDED_TO]->(x)
WHERE coalesce(h.status, 'valid') = 'valid' AND coalesce(h.date <= $as_of, true)
WITH h, x,
     [reason IN [
        CASE WHEN x:Unit AND NOT EXISTS { (x)-[:COVERED_BY]->(:PartyOrg) }
                  AND NOT EXISTS { (x)<-[:GUIDES|LIAISES]-() }
                  AND NOT EXISTS { (x)-[:LOCATED_IN]->(:Carrier)<-[:GUIDES|LIAISES|BASED_AT]-() } THEN '无覆盖' END,
        CASE WHEN x:Unit AND coalesce(x.party_members, 0) >= 1
                  AND NOT EXISTS { (x)-[:COVERED_BY]->(:PartyOrg) } THEN '有党员未建组织' END,
        CASE WHEN x:PartyOrg AND x.term_ends < $as_of THEN '已到期未换届' END,
        CASE WHEN x:PartyOrg AND NOT EXISTS {
               MATCH (a:Activity)-[:HELD_BY]->(x)
               WHERE $as_of - duration({days: $activity_window_days}) < a.date <= $as_of
             } THEN '近期无组织生活' END,
        CASE WHEN x:PartyOrg AND NOT EXISTS { (x)<-[:HOSTED_BY|USED_BY]-(:Position) }
                  AND NOT EXISTS { (x)-[:BASED_AT]->(:Carrier)<-[:HOSTED_BY]-(:Position) } THEN '无阵地' END
      ] WHERE reason IS NOT NULL] AS reasons
WHERE size(reasons) > 0
RETURN x.name AS `获得者`, h.type AS `类别`, h.level AS `级别`, h.date AS `授予时间`, reasons AS `风险`
ORDER BY `获得者`, `类别`
""",
    "grades_by_street": with_grade(f"""// 分类定级 per street: how many party organisations are graded 先进, 较好, 一般 (1 to
// $grade_fair_max_fails criteria failed) and 后进, and how many could not be graded (a table the
// grades need was not kept).
OPTIONAL MATCH (l:Ledger {{id: 'graphkit:ledger'}})
MATCH (p:PartyOrg)
// @grade
WITH p, grade, {_ORG_STREET} AS streets
WITH streets[0] AS street, coalesce({_GRADES}[grade], '未定级') AS grade, count(*) AS orgs
WITH street, collect([grade, orgs]) AS pairs, sum(orgs) AS total
RETURN street AS `街道`, total AS `党组织数`,
       coalesce([x IN pairs WHERE x[0] = '先进'][0][1], 0) AS `先进`,
       coalesce([x IN pairs WHERE x[0] = '较好'][0][1], 0) AS `较好`,
       coalesce([x IN pairs WHERE x[0] = '一般'][0][1], 0) AS `一般`,
       coalesce([x IN pairs WHERE x[0] = '后进'][0][1], 0) AS `后进`,
       coalesce([x IN pairs WHERE x[0] = '未定级'][0][1], 0) AS `未定级`
ORDER BY `街道`
"""),
}

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


#: Parameters a favourite takes from the user (``:param keyword => '公司'``); the others are settings.
USER_PARAMETERS: tuple[str, ...] = ("keyword",)


def _literal(name: str, settings: Settings) -> str:
    """The Cypher literal that stands for parameter ``name`` in a favourite (a user's stays ``$name``)."""
    if name in USER_PARAMETERS:
        return f"${name}"
    params = query_parameters(settings)
    if name == "as_of":
        return "date()" if settings.as_of is None else f"date('{settings.as_of.isoformat()}')"
    if name not in params:
        msg = f"query parameter ${name} is not a setting"
        raise KeyError(msg)
    return f"{params[name]} /* {name} */"


def _inline(text: str, settings: Settings) -> str:
    """Write the settings into ``text``: ``$name`` becomes its value (in comments: ``name (value)``)."""
    lines = []
    for line in text.splitlines():
        code, sep, comment = line.partition("//")
        code = _PARAM.sub(lambda m: _literal(m.group(1), settings), code)
        comment = _PARAM.sub(lambda m: f"{m.group(1)} ({_value(m.group(1), settings)})", comment)
        lines.append(code + sep + comment)
    return "\n".join(lines) + "\n"


def _value(name: str, settings: Settings) -> str:
    """The value of parameter ``name`` in words, for comments."""
    if name in USER_PARAMETERS:
        return f"${name}"
    if name == "as_of":
        return settings.as_of.isoformat() if settings.as_of else "today"
    return str(query_parameters(settings)[name])


def browser_queries(settings: Settings | None = None) -> dict[str, str]:
    """Every favourite as file name -> Cypher text, in the order Browser should list them.

    Parameters
    ----------
    settings
        Thresholds written into the queries; the as-of date is ``date()``
        (the server's today) unless ``settings.as_of`` is set.

    Returns
    -------
    dict
        ``NN_name.cypher`` -> text whose first line is ``// <title>``: the
        analyses (10–), the findings in code order (20–), the campaign's
        favourites of :data:`CAMPAIGN_QUERIES` (80–), then the exploration
        queries of :data:`EXPLORE_QUERIES` (90–).

    Examples
    --------
    >>> import datetime
    >>> q = browser_queries(Settings(as_of=datetime.date(2026, 11, 27), term_warning_days=30))
    >>> [line.strip() for line in q["26_term_expiring.cypher"].splitlines() if "days <=" in line]
    ['WHERE days <= 30 /* term_warning_days */']
    >>> "date('2026-11-27')" in q["26_term_expiring.cypher"]
    True

    """
    settings = settings or Settings()
    twins = load_queries()
    out: dict[str, str] = {}
    for i, name in enumerate(ANALYSIS_QUERIES):
        columns = {column_label(c, table=name): value_expression(c) for c in _ANALYSIS_COLUMNS[name]}
        text = _wrapped(twins[name], columns, "列与 graphkit analyze 的报告相同（中文表头与取值）。")
        out[f"{10 + i}_{name}.cypher"] = _titled(_ANALYSIS_TITLES[name], text, settings)
    for i, (code, name) in enumerate(FINDING_QUERIES.items()):
        title = f"{CODES[code][1]} ({code})"
        columns = {
            header: kind_expression()
            if column == "subject_kind"
            else detail_expression(code)
            if column == "detail"
            else f"`{column}`"
            for header, column in FINDING_HEADERS.items()
        }
        text = _wrapped(twins[name], columns, "说明：与 graphkit analyze 写入 findings.csv 的中文说明相同。")
        out[f"{20 + i}_{name}.cypher"] = _titled(title, text, settings)
    for i, (name, text) in enumerate(CAMPAIGN_QUERIES.items()):
        out[f"{80 + i}_{name}.cypher"] = _inline(f"// {BROWSER_CAMPAIGN_TITLES[name][0]}\n{text}", settings)
    for file, text in EXPLORE_QUERIES.items():
        out[file] = _inline(text, settings)
    return {file: _numbered(file, text) for file, text in out.items()}


def _wrapped(twin: str, columns: dict[str, str], note: str) -> str:
    """The twin ``twin`` run as a subquery, its rows shown as ``columns`` (header -> expression).

    The title and comment lines of the twin stay on top (with ``note`` after
    them); the rows keep the twin's order (its last ``ORDER BY``; a twin of
    several ``UNION`` parts has none and is ordered by street, kind and id).
    """
    lines = twin.rstrip("\n").splitlines()
    top = 1
    while top < len(lines) and lines[top].startswith("//"):
        top += 1
    body = lines[top:]
    union = any(line in ("UNION", "UNION ALL") for line in body)  # of the query, not of a subquery
    order = "ORDER BY street, subject_kind, subject_id"
    if not union and body[-1].startswith("ORDER BY "):
        order = body[-1]
    shown = ",\n       ".join(f"{expr} AS `{header}`" for header, expr in columns.items())
    inner = "\n".join(f"  {line}" if line else line for line in body)
    return "\n".join([*lines[:top], f"// {note}", "CALL () {", inner, "}", f"RETURN {shown}", order]) + "\n"


def _numbered(file: str, text: str) -> str:
    """``text`` whose title starts with the file's number: Browser lists a folder by title."""
    title, _, body = text.partition("\n")
    return f"// {file.split('_', 1)[0]} {title.removeprefix('// ')}\n{body}"


def _titled(title: str, text: str, settings: Settings) -> str:
    """``text`` with its first line replaced by ``// title`` and settings written in."""
    body = text.split("\n", 1)[1] if "\n" in text else ""
    return _inline(f"// {title}\n{body}", settings)


def write_queries_zip(
    path: str | Path, *, settings: Settings | None = None, folder: str = "graphkit"
) -> Path:
    """Write the Browser favourites zip (one ``.cypher`` file per query) and return its path.

    Drag the file onto Neo4j Browser: every query becomes a favourite, named by
    its first ``// comment`` line, in the favourites folder ``folder``.

    Parameters
    ----------
    path
        The zip file to write (its folder is created when missing).
    settings
        See :func:`browser_queries`.
    folder
        The favourites folder (the directory of every file in the zip).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with zipfile.ZipFile(write_queries_zip(Path(tmp) / "graphkit.zip")) as z:
    ...         z.read("graphkit/10_coverage.cypher").decode("utf-8").splitlines()[0]
    '// 10 单位覆盖情况 (coverage)'

    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, text in browser_queries(settings).items():
            z.writestr(f"{folder}/{name}", text.encode("utf-8"))
    return path
