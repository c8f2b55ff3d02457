"""The demo district: seed figures, determinism, valid ids, planted problems, scaling."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from graphkit.analysis.instructors import instructor_load
from graphkit.analysis.proposals import apply_moves, proposals
from graphkit.creditcode import is_valid_credit_code
from graphkit.findings import CODES
from graphkit.model import FOUR_ONES, SIX_HAVES, Network
from loaders.demo import DEFAULT_AS_OF, SEED_FIGURES, demo_district, demo_summary
from loaders.schema import TABLES

FILE_ONLY = {"DUPLICATE_ID", "UNKNOWN_REFERENCE"}
#: The campaign's codes (DESIGN §5) the demo plants, whether or not the analysis knows them yet.
CAMPAIGN_CODES = {
    "NO_POSITION",
    "POSITION_BELOW_STANDARD",
    "INACTIVE_ORG",
    "SECRETARY_UNTRAINED",
    "UNVISITED_CONTACT",
    "DEMO_SITE_BELOW_STANDARD",
    "HONOUR_AT_RISK",
    "PLAQUE_WITHOUT_MEMBER",
    "ORG_LAGGING",
}


@pytest.fixture(scope="module")
def net() -> Network:
    return demo_district()


def expected_findings(net: Network, as_of: pd.Timestamp) -> dict[str, set[str]]:
    """DESIGN §5's definitions with the default settings, written out independently."""
    units, orgs = net.units, net.party_orgs
    cov = net.rel("COVERED_BY")
    cov = cov[cov["target"].isin(orgs.index)]
    covered = units.index.isin(cov["source"])
    own = units.index.isin(cov.loc[cov["target"].map(orgs["form"]) == "own", "source"])
    guides, liaises = net.rel("GUIDES"), net.rel("LIAISES")
    assigned = set(guides["target"]) | set(liaises["target"])
    located = net.rel("LOCATED_IN").drop_duplicates("source").set_index("source")["target"]
    carrier = located.reindex(units.index)
    work_carriers = assigned | set(net.rel("BASED_AT")["target"])
    work = units.index.isin(list(assigned)) | carrier.isin(list(work_carriers)).to_numpy()
    members = units["party_members"].fillna(0)

    # instructor reach
    direct = guides[guides["target_kind"] == "Unit"][["source", "target"]]
    via_org = guides[guides["target_kind"] == "PartyOrg"].merge(cov, left_on="target", right_on="target")
    via_org = via_org[["source_x", "source_y"]].set_axis(["source", "target"], axis=1)
    loc = net.rel("LOCATED_IN")
    via_car = guides[guides["target_kind"] == "Carrier"].merge(loc, left_on="target", right_on="target")
    via_car = via_car[["source_x", "source_y"]].set_axis(["source", "target"], axis=1)
    reach = pd.concat([direct, via_org, via_car]).drop_duplicates()
    # contacts: distinct targets, a building counting once
    contacts_n = (guides.drop_duplicates(["source", "target"]).groupby("source").size()).reindex(
        net.instructors.index, fill_value=0
    )
    reached_units = set(reach["target"])
    base = net.rel("BASED_AT").drop_duplicates("source").set_index("source")["target"].reindex(orgs.index)
    reached_org = (
        orgs.index.isin(guides["target"])
        | base.isin(guides["target"]).to_numpy()
        | orgs.index.isin(cov.loc[cov["source"].isin(reached_units), "target"])
    )
    size = cov.groupby("target").size().reindex(orgs.index, fill_value=0)
    pair = net.rel("PAIRED_WITH")
    pairs_n = pair.groupby("source").size().reindex(net.organ_branches.index, fill_value=0)
    # attribution: social organisations under a department other than their supervisor's
    sup = net.rel("SUPERVISED_BY").set_index("source")["target"]
    parent = net.rel("REPORTS_TO")
    parent = parent[parent["target_kind"] == "Department"].set_index("source")["target"]
    soc = cov[cov["source"].map(units["kind"]) == "social_org"].copy()
    soc["sup"] = soc["source"].map(sup)
    soc["parent"] = soc["target"].map(parent)
    mism = soc[soc["sup"].notna() & soc["parent"].notna() & (soc["sup"] != soc["parent"])]
    demo_streets = set(net.street_of("PartyOrg")[orgs["demo_level"].notna()])
    dept = net.departments
    clears = units[["operation", "workforce", "party_status", "investor"]].isna().any(axis=1)
    term = orgs["term_ends"]
    level, m = orgs["level"], orgs["members"]
    return {
        "UNCOVERED": set(units.index[~covered & ~work]),
        "MEMBERS_WITHOUT_ORG": set(units.index[(members >= 1) & ~covered]),
        "SHOULD_FORM_OWN": set(units.index[(members >= 3) & ~own]),
        "JOINT_ORG_TOO_LARGE": set(orgs.index[(orgs["form"] == "joint") & (level == "branch") & (size > 5)]),
        "ORG_LEVEL_MISMATCH": set(
            orgs.index[
                ((level == "branch") & (m > 50))
                | ((level == "general_branch") & (m < 50))
                | ((level == "committee") & (m < 100))
            ]
        ),
        "TERM_EXPIRED": set(orgs.index[term < as_of]),
        "TERM_EXPIRING": set(orgs.index[(term >= as_of) & (term <= as_of + pd.Timedelta(days=180))]),
        "OVERLOADED_INSTRUCTOR": set(contacts_n.index[contacts_n > 8]),
        "IDLE_INSTRUCTOR": set(net.instructors.index[~net.instructors.index.isin(guides["source"])]),
        "NO_INSTRUCTOR": set(orgs.index[~reached_org])
        | set(units.index[(members >= 1) & ~covered & ~units.index.isin(list(reached_units))]),
        "UNPAIRED_ORG": set(orgs.index[~orgs.index.isin(pair["target"])]),
        "IDLE_ORGAN_BRANCH": set(pairs_n.index[pairs_n == 0]),
        "OVERPAIRED_ORGAN_BRANCH": set(pairs_n.index[pairs_n > 3]),
        "ATTRIBUTION_MISMATCH": set(mism["target"]),
        "UNDERSTAFFED_DEPARTMENT": set(
            dept.index[(dept["party_office_staff"] < dept["required_staff"]).fillna(False)]
        ),
        "STREET_WITHOUT_DEMO": set(net.streets.index[~net.streets.index.isin(list(demo_streets))]),
        "STREET_WITHOUT_STATION": set(
            net.streets.index[~net.streets.index.isin(net.rel("SERVES")["target"])]
        ),
        "BAD_CREDIT_CODE": set(units.index[~is_valid_credit_code(units.index.to_series()).to_numpy()]),
        "MISSING_FIVE_CLEARS": set(units.index[clears | (~covered & units["no_org_reason"].isna())]),
        "PARENT_CYCLE": _on_parent_loops(net),
        "NO_SECRETARY": set(orgs.index[orgs["secretary"].isna() | (orgs["secretary"].str.strip() == "")]),
    }


def expected_campaign_findings(net: Network, as_of: pd.Timestamp) -> dict[str, set[str]]:
    """The campaign's codes by DESIGN §5's definitions (default settings), written out independently."""
    base = expected_findings(net, as_of)
    orgs, sites = net.party_orgs, net.sites

    def within(dates: pd.Series, days: int) -> pd.Series:
        return (dates > as_of - pd.Timedelta(days=days)) & (dates <= as_of)

    # a position serves an organisation: hosted by it, used by it, or hosted by its base carrier
    hosted, used, based = net.rel("HOSTED_BY"), net.rel("USED_BY"), net.rel("BASED_AT")
    by_carrier = hosted[hosted["target_kind"] == "Carrier"].merge(based, left_on="target", right_on="target")
    serve = pd.concat(
        [
            hosted.loc[hosted["target_kind"] == "PartyOrg", ["source", "target"]],
            used[["source", "target"]],
            by_carrier[["source_x", "source_y"]].set_axis(["source", "target"], axis=1),
        ]
    ).drop_duplicates()
    six = sites[list(SIX_HAVES)].fillna(False).astype(bool).all(axis=1)
    serve["six"] = serve["source"].map(six).fillna(False).astype(bool)
    served = set(serve["target"])
    served_six = set(serve.loc[serve["six"], "target"])
    served_below = set(serve.loc[~serve["six"], "target"])
    active = set(net.activities.loc[within(net.activities["date"], 90), "party_org"])
    tr = net.trainings[within(net.trainings["date"], 365)]
    by_org = set(zip(tr["person"], tr["party_org"], strict=True))
    anywhere = set(tr.loc[tr["party_org"].isna(), "person"])
    sec = orgs["secretary"]
    has_sec = sec.notna() & (sec.str.strip() != "")
    trained = pd.Series(
        [(s, o) in by_org or s in anywhere for o, s in sec.items()], index=orgs.index, dtype=bool
    )
    vis = net.visits[within(net.visits["date"], 90)]
    visited = set(zip(vis["person"], vis["target"], strict=True))
    guides = net.rel("GUIDES")
    unvisited = {
        (s, t) for s, t in zip(guides["source"], guides["target"], strict=True) if (s, t) not in visited
    }
    no_position = set(orgs.index) - served
    inactive = set(orgs.index) - active
    untrained = set(orgs.index[has_sec & ~trained])
    fails = pd.Series(0, index=orgs.index)
    for failed in (
        set(orgs.index) - served_six,
        inactive,
        set(orgs.index[~(has_sec & trained)]),
        base["TERM_EXPIRED"],
        base["NO_INSTRUCTOR"],
        base["UNPAIRED_ORG"],
        base["ORG_LEVEL_MISMATCH"],
    ):
        fails += orgs.index.isin(list(failed))
    lagging = set(orgs.index[fails >= 3])
    demo = orgs[orgs["demo_level"].notna()]
    short = set(demo.index[~demo[list(FOUR_ONES)].fillna(False).astype(bool).all(axis=1)])
    short |= set(demo.index) & (no_position | served_below | inactive | base["TERM_EXPIRED"])
    hon = net.honours
    valid = hon[hon["status"] == "valid"]
    risky = (
        base["UNCOVERED"]
        | base["MEMBERS_WITHOUT_ORG"]
        | base["TERM_EXPIRED"]
        | inactive
        | no_position
        | lagging
    )
    plaques = hon.loc[hon["type"] == "member_plaque", "subject"]
    members = plaques.map(net.units["party_members"]).fillna(0)
    return {
        "NO_POSITION": no_position,
        "POSITION_BELOW_STANDARD": set(sites.index[~six]),
        "INACTIVE_ORG": inactive,
        "SECRETARY_UNTRAINED": untrained,
        "UNVISITED_CONTACT": {s for s, _ in unvisited},
        "DEMO_SITE_BELOW_STANDARD": short,
        "HONOUR_AT_RISK": set(valid["subject"]) & risky,
        "PLAQUE_WITHOUT_MEMBER": set(plaques[members < 1]),
        "ORG_LAGGING": lagging,
    }


def _on_parent_loops(net: Network) -> set[str]:
    """Party organisations that following their parent links leads back to (walked one by one)."""
    reports = net.rel("REPORTS_TO")
    reports = reports[reports["target_kind"] == "PartyOrg"]
    parent = dict(zip(reports["source"], reports["target"], strict=True))
    on_loop = set()
    for start in parent:
        seen, node = set(), parent[start]
        while node in parent and node not in seen and node != start:
            seen.add(node)
            node = parent[node]
        if node == start:
            on_loop.add(start)
    return on_loop


def test_seed_figures_exactly(net: Network) -> None:
    summary = demo_summary(net)
    assert {k: summary[k] for k in SEED_FIGURES} == SEED_FIGURES
    assert summary["units"] == 2973
    assert summary["small_units_outside_ledger"] == 1838
    assert summary["individual_businesses"] == 216


def test_same_seed_same_network_other_seed_other_network(net: Network) -> None:
    again = demo_district()
    assert again.equals(net)
    assert again.meta["planted"] == net.meta["planted"]
    assert not demo_district(seed=7).equals(net)


def test_credit_codes_valid_except_planted(net: Network) -> None:
    valid = is_valid_credit_code(net.units.index.to_series())
    assert sorted(net.units.index[~valid.to_numpy()]) == net.meta["planted"]["BAD_CREDIT_CODE"]
    assert len(net.meta["planted"]["BAD_CREDIT_CODE"]) == 3
    ids = net.units.index.to_series()
    assert ids.str.len().eq(18).all()
    assert set(ids.str[2:8]) == {"410102"}
    kinds = net.units.groupby(ids.str[:2].to_numpy())["kind"].unique().map(list).to_dict()
    assert kinds == {
        "51": ["social_org"],
        "52": ["social_org"],
        "53": ["social_org"],
        "91": ["enterprise"],
        "92": ["individual"],
    }


def test_ids_unique_across_kinds(net: Network) -> None:
    every = pd.concat([f.index.to_series() for f in net.nodes.values()])
    assert every.is_unique
    assert net.kinds.notna().all()
    for rel_type, frame in net.rels.items():
        assert frame["source_kind"].notna().all(), rel_type
        assert frame["target_kind"].notna().all(), rel_type


def test_every_code_planted_and_planted_is_exactly_what_the_definitions_flag(net: Network) -> None:
    planted = net.meta["planted"]
    assert set(planted) == (set(CODES) | CAMPAIGN_CODES) - FILE_ONLY
    assert all(planted.values())
    expected = expected_findings(net, pd.Timestamp(DEFAULT_AS_OF))
    expected |= expected_campaign_findings(net, pd.Timestamp(DEFAULT_AS_OF))
    for code, ids in expected.items():
        assert set(planted[code]) == ids, code


def test_gaps_stay_few(net: Network) -> None:
    planted = net.meta["planted"]
    ledger = 919
    assert len(planted["UNCOVERED"]) / ledger < 0.02
    assert len(planted["MEMBERS_WITHOUT_ORG"]) / ledger < 0.02


def test_seed_names_and_demo_sites(net: Network) -> None:
    orgs = net.party_orgs.set_index("name")
    assert orgs.loc["郑州锦艺城非公联合党委", "demo_level"] == "district"
    assert orgs.loc["新蒲建设集团党委", "level"] == "committee"
    assert orgs.loc["瑞阳养老院党支部", "form"] == "own"
    reports = net.rel("REPORTS_TO")
    to_dept = reports[reports["target_kind"] == "Department"]["target"].map(net.departments["name"])
    assert set(to_dept) == {"区教育局", "区卫生健康委员会", "区民政局"}
    building_orgs = net.rel("BASED_AT").query("target_kind == 'Carrier'")
    building_orgs = building_orgs[building_orgs["target"].map(net.carriers["kind"]) == "building"]
    assert set(net.party_orgs.loc[building_orgs["source"], "form"]) == {"joint"}
    assert set(net.party_orgs.loc[building_orgs["source"], "level"]) == {"committee", "general_branch"}


def test_proposals_move_the_overloaded_instructors_contacts_within_the_limit(net: Network) -> None:
    p = proposals(net)
    assert set(p["proposal"]) == {"move_assignment", "pairing", "joint_branch"}
    moves = p[p["proposal"] == "move_assignment"]
    guides = net.rel("GUIDES")
    before = instructor_load(net)
    # the three who guide one whole building (174–330 units) have one contact: not overloaded
    by_building = set(guides.loc[guides["target_kind"] == "Carrier", "source"])
    assert len(by_building) == 3
    assert before.loc[sorted(by_building), "contacts"].tolist() == [1, 1, 1]
    assert (before.loc[sorted(by_building), "reach"] > 150).all()
    assert not before.loc[sorted(by_building), "overloaded"].any()
    overloaded = net.meta["planted"]["OVERLOADED_INSTRUCTOR"]
    assert before.loc[overloaded, "contacts"].tolist() == [23, 21]
    assert set(moves["from_id"]) == set(overloaded)
    assert len(moves) == (23 - 8) + (21 - 8)
    assert set(moves["detail"].str.extract(r"（上限(\d+)个）")[0]) == {"8"}
    after = instructor_load(apply_moves(net, moves))
    assert not after["overloaded"].any()
    assert after.loc[overloaded, "contacts"].tolist() == [8, 8]
    assert after["contacts"].sum() == before["contacts"].sum()
    assert after["reach"].sum() == before["reach"].sum()


def test_proposals_form_joint_branches_of_units_sharing_a_carrier(net: Network) -> None:
    p = proposals(net)
    joint = p[p["proposal"] == "joint_branch"]
    joint = joint.assign(members=joint["subject_id"].map(net.units["party_members"]).astype(int))
    groups = joint.groupby("group").agg(
        units=("subject_id", "size"), members=("members", "sum"), carriers=("from_id", "nunique")
    )
    assert groups["units"].tolist() == [2, 3]
    assert groups["members"].tolist() == [3, 3]
    assert (groups["units"] <= 5).all() and (groups["carriers"] == 1).all()
    assert set(net.carriers.loc[joint["from_id"], "kind"]) == {"building", "market"}
    # the units have members and no organisation: each is planted as MEMBERS_WITHOUT_ORG
    assert set(joint["subject_id"]) <= set(net.meta["planted"]["MEMBERS_WITHOUT_ORG"])
    assert joint["subject_id"].map(net.units["no_org_reason"]).eq("正式党员不足3名，待联合组建").all()


def test_as_of_moves_terms() -> None:
    later = demo_district(as_of="2027-11-27")
    base = demo_district()
    shift = later.party_orgs["term_ends"] - base.party_orgs["term_ends"]
    assert set(shift.dt.days) == {365}
    assert later.meta["planted"]["TERM_EXPIRED"] == base.meta["planted"]["TERM_EXPIRED"]


def test_scaling_keeps_proportions() -> None:
    big = demo_district(units=5000)
    s = demo_summary(big)
    f = 5000 / 2973
    assert s["units"] == 5000
    assert s["ledger_enterprises"] == pytest.approx(793 * f, rel=0.01)
    assert s["ledger_social_orgs"] == pytest.approx(126 * f, rel=0.02)
    assert s["units_covered_by_building_orgs"] == pytest.approx(2257 * f, rel=0.01)
    assert s["instructors"] == pytest.approx(158 * f, rel=0.02)
    assert s["building_orgs"] == round(26 * f)
    assert s["streets"] == 14
    expected = expected_findings(big, pd.Timestamp(DEFAULT_AS_OF))
    expected |= expected_campaign_findings(big, pd.Timestamp(DEFAULT_AS_OF))
    for code, ids in expected.items():
        assert set(big.meta["planted"][code]) == ids, code
    assert set(proposals(big)["proposal"]) == {"move_assignment", "pairing", "joint_branch"}


def test_file_errors_are_planted_only_on_request(net: Network) -> None:
    errs = demo_district(planted_file_errors=True)
    planted = errs.meta["planted"]
    assert set(planted) == set(CODES) | CAMPAIGN_CODES
    # the copy keeps what the demo records and what it does not: no table it never had
    assert errs.source_columns == net.source_columns and errs.event_tables == net.event_tables
    (dup,) = planted["DUPLICATE_ID"]
    assert (errs.units.index == dup).sum() == 2
    (dangling,) = planted["UNKNOWN_REFERENCE"]
    cov = errs.rel("COVERED_BY")
    assert cov.loc[cov["source"] == dangling, "target"].tolist() == ["P9999"]
    json.dumps(errs.meta)  # the metadata is plain JSON


def test_too_few_units_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 500"):
        demo_district(units=10)


def test_cli_writes_ledger_summary_and_analysis_with_exactly_the_planted_findings(tmp_path, capsys) -> None:
    from graphkit.cli import main

    out = tmp_path / "demo-out"
    assert main(["demo", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "2,973 家单位，其中台账内企业 793 家、社会组织 126 家" in printed
    assert "楼宇党组织 26 个，覆盖单位 2,257 家" in printed
    assert (out / "ledger.xlsx").is_file()
    assert sorted(p.stem for p in (out / "ledger").iterdir()) == sorted(TABLES)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert {k: summary["figures"][k] for k in SEED_FIGURES} == SEED_FIGURES
    assert set(summary["planted"]) == set(CODES) | CAMPAIGN_CODES
    analysed = json.loads((out / "analysis" / "summary.json").read_text(encoding="utf-8"))
    assert analysed["not_run"] == {}  # the demo keeps every record the checks need
    findings = pd.read_csv(out / "analysis" / "findings.csv", encoding="utf-8-sig", dtype=str)
    found = set(zip(findings["code"], findings["subject_id"], strict=True))
    # the codes the analysis knows (the campaign's join them as they land)
    planted = {(code, i) for code, ids in summary["planted"].items() if code in CODES for i in ids}
    assert found == planted


def test_cli_ledger_only_and_bad_units(tmp_path, capsys) -> None:
    from graphkit.cli import main

    out = tmp_path / "o"
    assert main(["demo", "--out", str(out), "--no-analyze", "--lang", "en", "--seed", "3"]) == 0
    assert not (out / "analysis").exists()
    assert "793 ledger enterprises" in capsys.readouterr().out
    header = (out / "ledger" / "units.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("id,name,kind,street")
    assert main(["demo", "--out", str(out), "--units", "10"]) == 2
    assert "--units: demo_district: units must be at least 500" in capsys.readouterr().err
