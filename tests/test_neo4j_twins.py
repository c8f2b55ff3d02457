"""Cypher twins: the same findings, coverage and instructor load as the in-memory analyses.

Networks are compared with their relationships listed in (source, target) order: where the
in-memory analysis takes "the first listed" of several candidates, the twin takes the
smallest id, and on a network listed in id order the two rules agree.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import zipfile

import pandas as pd
import pytest

import loaders
from graphkit import Network, Settings
from graphkit.analysis import analyze
from graphkit.cli import main
from graphkit.creditcode import ALPHABET, credit_code_check_char, credit_code_problem
from graphkit.datasets import tiny
from graphkit.findings import CODES
from graphkit.neo4j import push
from graphkit.neo4j.browser_queries import (
    CAMPAIGN_QUERIES,
    EXPLORE_QUERIES,
    browser_queries,
    write_queries_zip,
)
from graphkit.neo4j.derived import LOAD_CODES
from graphkit.neo4j.twins import (
    ANALYSIS_QUERIES,
    CAMPAIGN_CODES,
    FINDING_QUERIES,
    load_queries,
    run_query,
    run_twins,
    twin_analysis,
)
from graphkit.report import output_tables
from graphkit.report.tables import grades_table
from tests.twin_checks import KEY, edge_network, in_id_order
from tests.twin_checks import assert_twins_equal as _assert_twins_equal

AS_OF = dt.date(2026, 11, 27)


# ------------------------------------------------------------- no server needed
def test_one_query_file_per_analysis_and_finding_code():
    queries = load_queries()
    twin_codes = [c for c in CODES if c not in LOAD_CODES]  # read from the :LoadFinding nodes
    assert list(FINDING_QUERIES) == twin_codes
    pending = [c.lower() for c in CAMPAIGN_CODES if c not in CODES]  # until CODES knows them
    assert list(queries) == [*ANALYSIS_QUERIES, *(c.lower() for c in twin_codes), *pending]
    names = {**{n: n for n in ANALYSIS_QUERIES}, **{n: c for c, n in FINDING_QUERIES.items()}}
    names |= {c.lower(): c for c in CAMPAIGN_CODES}
    assert all(text.splitlines()[0] == f"// {names[name]}" for name, text in queries.items())


def test_favourites_zip_has_one_named_file_per_query(tmp_path):
    path = write_queries_zip(
        tmp_path / "sub" / "graphkit.zip", settings=Settings(max_contacts_per_instructor=9)
    )
    with zipfile.ZipFile(path) as z:
        # Browser 5 files each <folder>/<name>.cypher entry under the favourites folder <folder>
        assert all(name.startswith("graphkit/") for name in z.namelist())
        files = {name.removeprefix("graphkit/"): z.read(name).decode("utf-8") for name in z.namelist()}
    campaign = len(CAMPAIGN_QUERIES)
    assert len(files) == len(ANALYSIS_QUERIES) + len(FINDING_QUERIES) + campaign + len(EXPLORE_QUERIES)
    assert all(name.endswith(".cypher") and "/" not in name for name in files)
    titles = [files[name].splitlines()[0] for name in sorted(files)]
    assert all(t.startswith("// ") and len(t) > 4 for t in titles)
    assert len(set(titles)) == len(titles)
    # Browser lists a folder's favourites by title: numbered titles keep the files' order
    assert sorted(titles, key=str.lower) == titles
    assert all(t.startswith(f"// {n.split('_')[0]} ") for n, t in zip(sorted(files), titles, strict=True))
    assert files["20_uncovered.cypher"].splitlines()[0] == "// 20 无覆盖单位 (UNCOVERED)"
    # settings are written in; the user gives only the keyword, with :param as the second line says
    assert set(re.findall(r"\$\w+", "".join(files.values()))) == {"$keyword"}
    for name in ("90_unit_neighbourhood.cypher", "91_street_uncovered.cypher", "93_party_org_units.cypher"):
        assert files[name].splitlines()[1].startswith("// 先运行 :param keyword => '")
        assert "$keyword" in files[name] and " AS keyword" not in files[name]
    assert (
        "AS `单位数`" in files["94_street_rates.cypher"]
        and "AS `上限`" in files["92_overloaded_instructors.cypher"]
    )
    assert "contacts > 9 /* max_contacts_per_instructor */" in files["27_overloaded_instructor.cypher"]
    assert "p.term_ends < date()" in files["25_term_expired.cypher"]


def test_queries_command_writes_the_zip(tmp_path, capsys):
    out = tmp_path / "q.zip"
    code = main(
        ["neo4j", "queries", "--zip", str(out), "--as-of", "2026-11-27", "--set", "term_warning_days=30"]
    )
    assert code == 0
    with zipfile.ZipFile(out) as z:
        text = z.read("graphkit/26_term_expiring.cypher").decode("utf-8")
    assert "date('2026-11-27')" in text and "days <= 30 /* term_warning_days */" in text
    assert f"wrote {len(browser_queries())} queries" in capsys.readouterr().out


def test_queries_command_rejects_an_unknown_setting(tmp_path, capsys):
    assert main(["neo4j", "queries", "--zip", str(tmp_path / "q.zip"), "--set", "nonsense=1"]) == 2
    assert "unknown setting 'nonsense'" in capsys.readouterr().err


# ------------------------------------------------------------------ with a server
@pytest.mark.neo4j
def test_tiny_district_twins_equal_analyze_in_both_languages(neo4j_db):
    driver, database = neo4j_db
    _assert_twins_equal(tiny(), driver, database, Settings(as_of=AS_OF), Settings(as_of=AS_OF, lang="en"))


@pytest.mark.neo4j
def test_parent_loops_with_several_parents_twin_equals_analyze(neo4j_db):
    # built in Python, P2 has two parents: each member's loop is the shortest through it
    driver, database = neo4j_db
    links = [("P1", "P2"), ("P2", "P1"), ("P2", "P3"), ("P3", "P1"), ("P4", "P4")]
    net = Network.from_records(
        nodes={"PartyOrg": [{"id": f"P{i}", "name": f"{i}支部"} for i in range(1, 5)]},
        rels={"REPORTS_TO": links},
    )
    settings = Settings(as_of=AS_OF)
    _assert_twins_equal(net, driver, database, settings, settings.replace(lang="en"))
    found = run_twins(driver, settings=settings, database=database)["findings"]
    loops = found[found["code"] == "PARENT_CYCLE"]
    assert loops["detail"].tolist() == [
        "上级党组织关系成环：1支部 → 2支部 → 1支部",
        "上级党组织关系成环：2支部 → 1支部 → 2支部",
        "上级党组织关系成环：3支部 → 1支部 → 2支部 → 3支部",
        "上级党组织关系成环：4支部 → 4支部",
    ]


@pytest.mark.neo4j
def test_edge_cases_twins_equal_analyze(neo4j_db):
    driver, database = neo4j_db
    settings = Settings(as_of=AS_OF)
    tight = Settings(  # every threshold low enough to fire, and a later as-of date
        as_of=AS_OF + dt.timedelta(days=400),
        own_branch_min_members=1,
        joint_branch_max_units=1,
        branch_max_members=2,
        general_branch_min_members=5,
        committee_min_members=1,
        term_warning_days=0,
        max_contacts_per_instructor=1,
        max_pairings_per_branch=1,
        lang="en",
    )
    _assert_twins_equal(edge_network(), driver, database, settings, tight)
    codes = set(run_twins(driver, settings=tight, database=database)["findings"]["code"])
    assert {"OVERLOADED_INSTRUCTOR", "OVERPAIRED_ORGAN_BRANCH", "JOINT_ORG_TOO_LARGE"} <= codes
    got = run_twins(driver, settings=settings, database=database)
    # the corners the network was built for, as exact answers
    assert got["coverage"]["status"].value_counts().sort_index().to_dict() == {
        "joint_org": 3,
        "own_org": 1,
        "uncovered": 1,
        "work_only": 2,
    }
    assert got["coverage"].loc["91350200776049653A", "party_org_id"] == "PJ1"
    assert got["instructors"][["reach", "contacts"]].to_dict("index") == {
        "I1": {"reach": 3, "contacts": 2},  # a unit assigned twice is one contact
        "I2": {"reach": 1, "contacts": 1},
        "I3": {"reach": 0, "contacts": 0},
    }
    f = got["findings"]
    by_code = f.groupby("code")["subject_id"].apply(list).to_dict()
    assert by_code["TERM_EXPIRED"] == ["PS2"]
    assert by_code["TERM_EXPIRING"] == ["PJ1", "PS"]
    assert by_code["ORG_LEVEL_MISMATCH"] == ["PJ1", "PS"]
    assert by_code["ATTRIBUTION_MISMATCH"] == ["PS", "PS2"]
    assert by_code["BAD_CREDIT_CODE"] == [
        "53100000500012015T",
        "5310000050001201IT",
        "9135020077604965",
        "91350200776049653B",
    ]
    assert by_code["NO_INSTRUCTOR"] == ["PG", "PS2", "92410102MA45X0001X"]
    assert by_code["UNDERSTAFFED_DEPARTMENT"] == ["D1"]
    assert by_code["STREET_WITHOUT_DEMO"] == ["S1"]
    assert by_code["MISSING_FIVE_CLEARS"] == ["9135020077604965", "91350200776049653B", "92410102MA45X0001X"]
    five = f[(f["code"] == "MISSING_FIVE_CLEARS") & (f["subject_id"] == "91350200776049653B")]
    assert five["detail"].tolist() == ["缺少经营运行情况；未建党组织且未填写原因"]


@pytest.mark.neo4j
def test_attribution_chains_twins_equal_analyze(neo4j_db):
    """Several parents (the smallest id is followed), a chain through organisations, a cycle."""
    driver, database = neo4j_db
    nodes = {
        "Unit": [{"id": f"U{i}", "name": f"社会组织{i}", "kind": "social_org"} for i in range(1, 6)],
        "PartyOrg": [{"id": p, "name": f"{p}党组织"} for p in ("P1", "P2", "P3", "P4", "P5", "P6")],
        "Department": [{"id": "D1", "name": "甲局"}, {"id": "D9", "name": "乙局"}],
        "Street": [{"id": "S1", "name": "甲街道"}, {"id": "S5", "name": "乙街道"}],
    }
    rels = {
        "REPORTS_TO": [
            *[("P1", "P2"), ("P1", "S5"), ("P2", "D1")],  # two parents: P2 (smaller id) is followed
            *[("P3", "P4"), ("P4", "P3")],  # a cycle: no attribution
            *[("P5", "D9"), ("P6", "P5")],
        ],
        "COVERED_BY": [("U1", "P1"), ("U2", "P3"), ("U3", "P5"), ("U4", "P6"), ("U5", "P1")],
        "SUPERVISED_BY": [("U1", "D9"), ("U3", "D1"), ("U5", "D1")],
        "IN_STREET": [("U2", "S1"), ("U4", "S1")],
    }
    settings = Settings(as_of=AS_OF)
    _assert_twins_equal(Network.from_records(nodes, rels), driver, database, settings)
    found = run_twins(driver, settings=settings, database=database)["findings"]
    mismatch = found[found["code"] == "ATTRIBUTION_MISMATCH"]
    assert mismatch["subject_id"].tolist() == ["P1", "P5", "P6"]
    assert mismatch["detail"].iloc[0] == "隶属甲局，但所覆盖的社会组织社会组织1应归口乙局（谁管理、谁组建）"


@pytest.mark.neo4j
def test_attribution_without_any_supervising_department_twins_equal_analyze(neo4j_db):
    """No SUPERVISED_BY at all: the street fallback in both (analyze used to crash here)."""
    driver, database = neo4j_db
    nodes = {
        "Unit": [{"id": "U1", "name": "丙协会", "kind": "social_org"}],
        "PartyOrg": [{"id": "P1", "name": "丙协会党支部"}],
        "Department": [{"id": "D1", "name": "区民政局"}],
        "Street": [{"id": "S1", "name": "建设路街道"}],
    }
    rels = {"COVERED_BY": [("U1", "P1")], "REPORTS_TO": [("P1", "D1")], "IN_STREET": [("U1", "S1")]}
    settings = Settings(as_of=AS_OF)
    _assert_twins_equal(Network.from_records(nodes, rels), driver, database, settings)


@pytest.mark.neo4j
def test_parent_loops_twins_equal_analyze(neo4j_db):
    driver, database = neo4j_db
    # P1 -> P2 -> P3 -> P1 (a loop of three) with P4 leading into it; P5 its own parent, in a street;
    # P6 <-> P7 (a loop of two); P8 reports to a department
    names = dict(zip([f"P{i}" for i in range(1, 9)], "甲乙丙丁戊己庚辛", strict=True))
    names = {k: f"{v}支部" for k, v in names.items()}
    nodes = {
        "PartyOrg": [{"id": f"P{i}", "name": names.get(f"P{i}")} for i in range(1, 9)],
        "Department": [{"id": "D1", "name": "区民政局"}],
        "Street": [{"id": "S1", "name": "林山寨街道"}],
    }
    links = [("P1", "P2"), ("P2", "P3"), ("P3", "P1"), ("P4", "P1"), ("P5", "P5"), ("P6", "P7")]
    rels = {"REPORTS_TO": [*links, ("P7", "P6"), ("P8", "D1")], "IN_STREET": [("P5", "S1")]}
    net = Network.from_records(nodes, rels)
    found = analyze(net, settings=Settings(as_of=AS_OF)).findings
    loops = found[found["code"] == "PARENT_CYCLE"]
    assert loops["subject_id"].tolist() == ["P1", "P2", "P3", "P5", "P6", "P7"]
    assert loops["detail"].tolist()[5] == "上级党组织关系成环：庚支部 → 己支部 → 庚支部"
    _assert_twins_equal(net, driver, database, Settings(as_of=AS_OF), Settings(as_of=AS_OF, lang="en"))


@pytest.mark.neo4j
def test_secretary_twins_equal_analyze_blank_or_no_column(neo4j_db):
    driver, database = neo4j_db
    settings = Settings(as_of=AS_OF)
    # P1 has a secretary; P2 none; P3 only spaces (no-break and ideographic); P4 street through a unit
    secretaries = {"P1": "张伟", "P2": None, "P3": "\u00a0\u3000 ", "P4": ""}
    nodes = {
        "PartyOrg": [{"id": p, "name": f"{p}支部", "secretary": s} for p, s in secretaries.items()],
        "Unit": [{"id": "U1", "name": "甲公司"}],
        "Street": [{"id": "S1", "name": "林山寨街道"}],
    }
    rels = {"IN_STREET": [("P2", "S1"), ("U1", "S1")], "COVERED_BY": [("U1", "P4")]}
    net = Network.from_records(nodes, rels)
    found = analyze(net, settings=settings)
    assert found.findings.loc[found.findings["code"] == "NO_SECRETARY", "subject_id"].tolist() == [
        "P2",
        "P3",
        "P4",
    ]
    assert "NO_SECRETARY" not in found.summary["not_run"]  # the campaign tables are another matter
    # (the helper compares the twins' not_run with analyze's, campaign checks included)
    _assert_twins_equal(net, driver, database, settings, Settings(as_of=AS_OF, lang="en"))
    back = loaders.read_neo4j(driver=driver, database=database)
    assert back.has_column("PartyOrg", "secretary")
    assert back.party_orgs["secretary"].sort_index().tolist()[:2] == ["张伟", pd.NA]
    # the same organisations from a ledger with no secretary column: not run, in memory and in Neo4j
    nodes["PartyOrg"] = [{"id": p, "name": f"{p}支部"} for p in secretaries]
    bare = Network.from_records(nodes, rels)
    assert analyze(bare, settings=settings).summary["not_run"]["NO_SECRETARY"] == "party_orgs.secretary"
    _assert_twins_equal(bare, driver, database, settings)
    assert run_query(driver, "no_secretary", settings=settings, database=database).empty
    assert not loaders.read_neo4j(driver=driver, database=database).has_column("PartyOrg", "secretary")
    not_run = twin_analysis(driver, settings=settings, database=database).summary["not_run"]
    assert not_run["NO_SECRETARY"] == "party_orgs.secretary"
    _assert_twins_equal(net, driver, database, settings)
    not_run = twin_analysis(driver, settings=settings, database=database).summary["not_run"]
    assert "NO_SECRETARY" not in not_run


@pytest.mark.neo4j
def test_contacts_twins_equal_analyze_at_the_limit(neo4j_db):
    """A building committee is one contact, a unit assigned twice is one: 9 contacts vs 8."""
    driver, database = neo4j_db
    units = [f"U{k}" for k in range(40)]
    nodes = {
        "Unit": [{"id": u, "name": f"单位{u}"} for u in units],
        "PartyOrg": [{"id": "P1", "name": "楼宇联合党委", "form": "joint"}],
        "Carrier": [{"id": "C1", "name": "金融大厦", "kind": "building"}],
        "Instructor": [{"id": i, "name": f"指导员{i}"} for i in ("I1", "I2", "I3")],
    }
    guides = [("I1", "P1"), *[("I1", f"U{30 + k}") for k in range(8)], ("I1", "U30")]  # 9 contacts
    guides += [("I2", "C1"), *[("I2", f"U{30 + k}") for k in range(7)]]  # 8 contacts
    guides += [("I3", "P1")] * 3  # one contact, 30 units
    rels = {
        "COVERED_BY": [(u, "P1") for u in units[:30]],
        "LOCATED_IN": [(u, "C1") for u in units[:30]],
        "BASED_AT": [("P1", "C1")],
        "GUIDES": guides,
    }
    settings = Settings(as_of=AS_OF)
    net = Network.from_records(nodes, rels)
    _assert_twins_equal(net, driver, database, settings, settings.replace(lang="en"))
    got = run_twins(driver, settings=settings, database=database)
    assert got["instructors"][["reach", "contacts", "overloaded"]].values.tolist() == [
        [38, 9, True],
        [37, 8, False],
        [30, 1, False],
    ]
    f = got["findings"]
    assert f.loc[f["code"] == "OVERLOADED_INSTRUCTOR", ["subject_id", "detail"]].values.tolist() == [
        ["I1", "联系对象9个，超过上限8个（覆盖单位38家）"]
    ]


@pytest.mark.neo4j
def test_demo_district_twins_equal_analyze(neo4j_db):
    """Every code, the campaign's included, and the grades, in both languages."""
    driver, database = neo4j_db
    settings = Settings(as_of=AS_OF)
    _assert_twins_equal(loaders.demo_district(), driver, database, settings, settings.replace(lang="en"))
    got = twin_analysis(driver, settings=settings, database=database)
    assert set(CAMPAIGN_CODES) <= set(got.findings["code"])  # the demo plants every campaign code
    assert got.summary["not_run"] == {}
    assert set(got.summary["grades"]) == {"advanced", "good", "fair", "lagging"}
    assert got.grades["grade"].notna().all() and got.summary["grades"]["lagging"] > 0
    # the campaign's Browser favourites (80–85) run and say the same in substance
    favourites = {
        name.split("_", 1)[1].removesuffix(".cypher"): text
        for name, text in browser_queries(settings).items()
        if name.startswith("8")
    }
    assert len(favourites) == len(CAMPAIGN_QUERIES) == 6

    def rows(name):
        records, _, _ = driver.execute_query(favourites[name], database_=database)
        return [r.data() for r in records]

    def names(code):
        return sorted(got.findings.loc[got.findings["code"] == code, "subject_name"])

    assert sorted(r["阵地"] for r in rows("positions_below_standard")) == names("POSITION_BELOW_STANDARD")
    assert sorted(r["党组织"] for r in rows("inactive_orgs")) == names("INACTIVE_ORG")
    assert sorted(r["党组织"] for r in rows("untrained_secretaries")) == names("SECRETARY_UNTRAINED")
    assert len(rows("unvisited_contacts")) == len(names("UNVISITED_CONTACT"))
    assert sorted({r["获得者"] for r in rows("honours_at_risk")}) == names("HONOUR_AT_RISK")
    counts = ["党组织数", "先进", "较好", "一般", "后进"]
    by_street = {r["街道"]: [r[c] for c in counts] for r in rows("grades_by_street")}
    assert by_street == {
        r["street"]: [r["party_orgs"], r["advanced"], r["good"], r["fair"], r["lagging"]]
        for r in got.summary["grades_by_street"]
    }
    # the exploration favourites: the overloaded instructors with why, the rest with :param keyword
    explore = {name: text for name, text in browser_queries(settings).items() if name.startswith("9")}
    over, _, _ = driver.execute_query(explore["92_overloaded_instructors.cypher"], database_=database)
    assert sorted(r["党建指导员"] for r in over) == names("OVERLOADED_INSTRUCTOR") != []
    assert all(r["联系对象数"] == len(r["联系对象"]) > r["上限"] == 8 for r in over)
    assert all(r["超出"] == r["联系对象数"] - 8 for r in over)
    for name, keyword in [
        ("90_unit_neighbourhood", "公司"),
        ("91_street_uncovered", "街道"),
        ("93_party_org_units", "党支部"),
    ]:
        found, _, _ = driver.execute_query(
            explore[f"{name}.cypher"], {"keyword": keyword}, database_=database
        )
        assert found, name
    rates, _, _ = driver.execute_query(explore["94_street_rates.cypher"], database_=database)
    assert sum(r["单位数"] for r in rates) == len(got.coverage)


@pytest.mark.neo4j
def test_credit_code_check_in_cypher_matches_python(neo4j_db):
    driver, database = neo4j_db
    rng = random.Random(7)
    codes = []
    for _ in range(150):
        first17 = rng.choice(["91", "92", "51", "52", "53"]) + "".join(rng.choices("0123456789", k=6))
        first17 += "".join(rng.choices(ALPHABET, k=9))
        code = first17 + credit_code_check_char(first17)
        kind = rng.randrange(4)
        if kind == 1:  # another check character
            code = first17 + rng.choice(ALPHABET.replace(code[-1], ""))
        elif kind == 2:  # a letter where a digit belongs, or one outside the alphabet
            pos = rng.choice([3, 9])
            code = code[:pos] + rng.choice("AIOSVZ") + code[pos + 1 :]
        elif kind == 3:
            code = code[: rng.choice([10, 17])]
        codes.append(code)
    codes = sorted(set(codes))
    push(Network.from_records({"Unit": [{"id": c} for c in codes]}), driver=driver, database=database)
    got = run_query(driver, "bad_credit_code", database=database).set_index("subject_id")["problem"]
    expected = credit_code_problem(pd.Series(codes, index=codes)).dropna()
    assert 50 < len(expected) < len(codes)
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()


@pytest.mark.neo4j
def test_load_findings_are_stored_at_push_and_twins_equal_analyze(neo4j_db, tmp_path):
    driver, database = neo4j_db
    folder = tmp_path / "ledger"
    loaders.write_ledger(tiny(), folder, format="csv")
    units = folder / "units.csv"
    lines = units.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[2].replace(",P4,", ",P-NONE,")  # U02's party organisation does not exist
    lines.append(lines[1].replace("甲科技公司", "甲科技公司（重复）"))  # U01 a second time
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    net = loaders.read_ledger(folder)
    assert sorted(net.findings["code"]) == ["DUPLICATE_ID", "UNKNOWN_REFERENCE"]
    settings = Settings(as_of=AS_OF)
    _assert_twins_equal(net, driver, database, settings, settings.replace(lang="en"))
    got = run_twins(driver, settings=settings, database=database)["findings"]
    stored = got[got["code"].isin(LOAD_CODES)].set_index("code")
    assert stored.loc["UNKNOWN_REFERENCE", "subject_id"] == "U02"
    assert stored.loc["DUPLICATE_ID", ["source_file", "source_row"]].tolist() == ["units.csv", "12"]
    assert "P-NONE" in stored.loc["UNKNOWN_REFERENCE", "detail"]
    # a network built in Python keeps its finished findings; a push without any removes them
    built = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "甲"}]}).replace(findings=net.findings)
    _assert_twins_equal(built, driver, database, settings)
    push(Network.from_records(nodes={"Unit": [{"id": "U1"}]}), driver=driver, database=database)
    assert (
        run_twins(driver, settings=settings, database=database)["findings"]["code"].isin(LOAD_CODES).sum()
        == 0
    )


@pytest.mark.neo4j
def test_neo4j_analyze_command_writes_the_analyze_files(neo4j_db, tmp_path, capsys):
    driver, database = neo4j_db
    net = in_id_order(tiny())
    push(net, driver=driver, database=database, replace=True)
    out = tmp_path / "out"
    argv = ["neo4j", "analyze", "--out", str(out), "--as-of", "2026-11-27"]
    argv += ["--database", database] if database else []
    assert main(argv) == 0
    assert "组织覆盖率 60.0%" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [
        "coverage.csv",
        "findings.csv",
        "grades.csv",
        "instructors.csv",
        "summary.json",
    ]
    expected = analyze(net, settings=Settings(as_of=AS_OF))
    tables = output_tables(expected)
    tables["grades"] = grades_table(expected)
    pairs = [("coverage", ["unit_id"]), ("instructors", ["instructor_id"]), ("findings", KEY)]
    for name, key in [*pairs, ("grades", ["party_org_id"])]:
        tables[name].to_csv(tmp_path / f"{name}.csv", index=False, encoding="utf-8-sig")
        got, want = (
            pd.read_csv(folder / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
            .sort_values(key)
            .reset_index(drop=True)
            for folder in (out, tmp_path)
        )
        pd.testing.assert_frame_equal(got, want)


def test_neo4j_analyze_refuses_what_if(capsys):
    assert main(["neo4j", "analyze", "--out", "unused", "--without", "I1"]) == 2
    assert "--without is not available in Neo4j" in capsys.readouterr().err


@pytest.mark.neo4j
def test_neo4j_analyze_on_an_empty_graph_says_push_first(neo4j_db, tmp_path, capsys):
    _driver, database = neo4j_db
    argv = ["neo4j", "analyze", "--out", str(tmp_path / "out")]
    argv += ["--database", database] if database else []
    assert main(argv) == 2
    assert "holds no units: push a ledger first" in capsys.readouterr().err
