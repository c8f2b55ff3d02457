"""The figures of the district's own report, and the sizes of every part of the demo district.

The sizes are those of the default district (2,973 units: the 919 ledger units,
the 1,838 small units the building organisations cover and 216 个体工商户);
``units=N`` scales each by ``N / 2973`` (see :class:`~loaders.demo.builder.Builder`).
"""

from __future__ import annotations

import datetime as dt

__all__ = ["BASE_UNITS", "DEFAULT_AS_OF", "MIN_UNITS", "PLANTED", "SEED_FIGURES", "SEGMENTS", "STRUCTURE"]

#: The as-of date the demo's terms are written against, fixed so the demo never changes.
DEFAULT_AS_OF = dt.date(2026, 11, 27)

#: The figures of the source report that :func:`~loaders.demo.demo_district` reproduces by default.
SEED_FIGURES: dict[str, int] = {
    "ledger_enterprises": 793,
    "ledger_social_orgs": 126,
    "ledger_units": 919,
    "building_orgs": 26,
    "units_covered_by_building_orgs": 2257,
    "instructors": 158,
    "liaisons": 100,
    "streets": 14,
    "stations": 13,
    "social_org_party_orgs": 17,
    "district_demo_sites": 6,
    "street_demo_sites": 29,
    # the campaign (雁阵工程); "180余名", "百余次" and "200余家" are the report's rounding of
    # the demo's 183, 104 and 216
    "district_trained_secretaries": 183,
    "district_training_batches": 3,
    "street_training_sessions": 104,
    "street_training_person_times": 987,
    "member_plaques": 216,
    "city_advanced_orgs": 4,
    "province_advanced_orgs": 1,
}

#: Units of each segment in the default district (the small units in buildings are the rest).
SEGMENTS = {
    "own_ent": 140,  # enterprises with ≥3 members and their own organisation
    "bldg_member": 150,  # ledger enterprises with 1–2 members in a building
    "bldg_zero": 230,  # ledger enterprises without members in a building
    "joint_ent": 130,  # enterprises in joint branches of markets, parks, associations
    "work_ent": 143,  # enterprises without organisation, reached by party work
    "soc_own": 8,  # social organisations with their own organisation
    "soc_joint": 36,  # social organisations in 9 joint branches of 4
    "soc_bldg": 39,  # social organisations in a building
    "soc_work": 43,  # social organisations without organisation
}
#: Units of the default district: 919 ledger units + 1,838 small units in buildings + 216
#: individual businesses (个体工商户) in markets.
BASE_UNITS = 2973
#: Carriers, people, organisations and demonstration sites of the default district.
STRUCTURE = {
    "buildings": 26,
    "markets": 8,
    "parks": 4,
    "associations": 10,
    "instructors": 158,
    "liaisons": 100,
    "soc_joint_orgs": 9,
    "district_demo": 6,
    "street_demo": 29,
    "own_in_buildings": 20,
    # the campaign
    "individuals": 216,  # 党员经营户 in markets, every one plaqued (首批200余家)
    "district_trained": 183,  # secretaries trained by the district, in 3 batches
    "street_sessions": 104,  # street-level training sessions ...
    "street_person_times": 987,  # ... reaching this many person-times
    "city_advanced": 4,  # 郑州市先进基层党组织
    "province_advanced": 1,  # 河南省先进基层党组织 (瑞阳养老院党支部)
    "model_shops": 20,  # 党员示范店 among the plaqued individuals
    "five_star": 30,  # 五星文明商户 in markets
    "civilised": 20,  # 文明诚信企业 among enterprises with their own organisation
}
#: Subjects planted with each problem in the default district.
PLANTED = {
    "UNCOVERED": 6,
    "MEMBERS_WITHOUT_ORG": 4,  # reached by an instructor
    "NO_INSTRUCTOR_UNIT": 2,  # members, no organisation, only a liaison
    "NO_INSTRUCTOR_ORG": 3,
    "SHOULD_FORM_OWN": 5,
    "JOINT_ORG_TOO_LARGE": 2,
    "ORG_LEVEL_MISMATCH": 3,
    "TERM_EXPIRED": 4,
    "TERM_EXPIRING": 8,
    "BUILDING_INSTRUCTOR": 3,  # one whole busy building each: one contact, not overloaded
    "OVERLOADED_INSTRUCTOR": 2,  # 20–25 contacts: units assigned one by one
    "JOINT_CANDIDATES": 2,  # groups of units with 1–2 members sharing a carrier (at least 2)
    "IDLE_INSTRUCTOR": 3,
    "UNPAIRED_ORG": 6,
    "IDLE_ORGAN_BRANCH": 3,
    "OVERPAIRED_ORGAN_BRANCH": 2,
    "ATTRIBUTION_MISMATCH": 2,
    "NO_SECRETARY": 4,
    "BAD_CREDIT_CODE": 3,
    "FIVE_CLEARS_BLANK": 8,
    "FIVE_CLEARS_REASON": 2,
    # the campaign (besides the organisations graded 后进, see loaders.demo.campaign)
    "NO_POSITION": 2,
    "POSITION_BELOW_STANDARD": 3,
    "INACTIVE_ORG": 2,
    "SECRETARY_UNTRAINED": 3,
    "UNVISITED_CONTACT": 4,  # assignments (instructor, target)
    "DEMO_FOUR_ONES": 2,  # demonstration sites missing a 四个一 item
    "DEMO_INACTIVE": 1,  # demonstration sites that stopped their activities
    "DEMO_POSITION": 1,  # demonstration sites whose own position falls short of 六有
    "PLAQUE_WITHOUT_MEMBER": 3,
    "HONOUR_UNIT_AT_RISK": 2,  # honours held by an uncovered unit / one with members but no organisation
}
#: The smallest district :func:`~loaders.demo.demo_district` makes.
MIN_UNITS = 500
