"""Small networks for the campaign checks and grades: every party organisation passing unless told."""

import pandas as pd

from graphkit import Network, Settings
from graphkit.model import FOUR_ONES, SIX_HAVES

AS_OF = "2026-11-27"
SETTINGS = Settings(as_of=AS_OF)
SIX = dict.fromkeys(SIX_HAVES, True)
FOUR = dict.fromkeys(FOUR_ONES, True)


def events(**columns):
    """An event frame from columns; ``date`` given as text is parsed."""
    frame = pd.DataFrame(columns)
    if "date" in frame:
        frame["date"] = pd.to_datetime(frame["date"])
    return frame


def graded_network(n, *, fails=None, demo=(), honours=(), drop_tables=()):
    """Party organisations P1..Pn in street S1, each passing all seven criteria except ``fails[id]``.

    ``fails`` maps an id to criteria it fails: ``position_ok`` (its position lacks a flag),
    ``active`` (no activity), ``secretary_trained`` (no training), ``term_ok`` (term ended),
    ``instructor_reached`` (no instructor), ``paired`` (no organ branch), ``level_ok`` (a 党委 of
    10 members). ``demo`` lists district demonstration sites; ``honours`` holds
    ``(subject, type, status)``. ``drop_tables`` are left out of the ledger altogether.
    """
    fails = fails or {}
    orgs, sites, hosted, guides, paired, acts, trains = [], [], [], [], [], [], []
    for i in range(1, n + 1):
        pid = f"P{i}"
        bad = fails.get(pid, set())
        orgs.append(
            {
                "id": pid,
                "name": f"第{i}支部",
                "level": "committee" if "level_ok" in bad else "branch",
                "form": "own",
                "members": 10,
                "term_ends": "2026-01-31" if "term_ok" in bad else "2028-01-31",
                "demo_level": "district" if pid in demo else None,
                "secretary": f"书记{i}",
                **FOUR,
            }
        )
        sites.append({"id": f"Z{i}", "name": f"第{i}阵地", **SIX, "has_flag": "position_ok" not in bad})
        hosted.append((f"Z{i}", pid))
        if "instructor_reached" not in bad:
            guides.append(("I1", pid))
        if "paired" not in bad:
            paired.append(("OB1", pid))
        if "active" not in bad:
            acts.append((pid, "2026-11-01"))
        if "secretary_trained" not in bad:
            trains.append((f"书记{i}", pid, "2026-06-01"))
    tables = {
        "activities": events(party_org=[a for a, _ in acts], date=[d for _, d in acts]),
        "trainings": events(
            person=[p for p, _, _ in trains],
            party_org=[o for _, o, _ in trains],
            type=["induction"] * len(trains),
            date=[d for _, _, d in trains],
        ),
        "visits": events(person=[], target=[], date=[]),
        "honours": events(
            subject=[s for s, _, _ in honours],
            subject_kind=["PartyOrg" if s.startswith("P") else "Unit" for s, _, _ in honours],
            type=[t for _, t, _ in honours],
            status=[st for _, _, st in honours],
        ),
    }
    nodes = {
        "Street": [{"id": "S1", "name": "林山寨街道"}],
        "PartyOrg": orgs,
        "Position": sites,
        "Instructor": [{"id": "I1", "name": "张指导"}],
        "OrganBranch": [{"id": "OB1", "name": "区教育局机关党支部"}],
        "Department": [{"id": "D1", "name": "区教育局"}],
    }
    if "positions" in drop_tables:
        del nodes["Position"]
    rels = {
        "IN_STREET": [(o["id"], "S1") for o in orgs],
        "HOSTED_BY": hosted if "positions" not in drop_tables else [],
        "GUIDES": guides,
        "PAIRED_WITH": paired,
        "BRANCH_OF": [("OB1", "D1")],
    }
    kept = {t: f for t, f in tables.items() if t not in drop_tables}
    return Network.from_records(nodes=nodes, rels=rels, events=kept)
