"""A synthetic 郑州市中原区 built from the figures of the district's own report.

:func:`demo_district` makes a deterministic district (or, with ``units=N``, a
city of several districts) whose counts are those the district published:
793 ledger enterprises and 126 social organisations (919 ledger units), 26
building party organisations covering 2,257 units, 158 instructors, 100
liaisons, 13 guidance stations for 14 streets, 17 social-organisation party
organisations under the education, health and civil-affairs departments, and
6 district-level plus 29 street-level demonstration sites — and the campaign
(雁阵工程): 216 plaqued 党员经营户 (个体工商户 in markets), positions with the
六有 items, monthly activities, instructors' visits, 183 secretaries trained by
the district in 3 batches and 987 person-times in 104 street sessions, the
demonstration sites' 四个一 items and brands, and the honours (one provincial
and four municipal advanced organisations).

Small units outside the 919-unit ledger (fewer than 8 employees and no party
members) are included because the building organisations cover them; the
extra unit column ``in_ledger`` says which are in the ledger: ``"是"`` (yes)
or ``"否"`` (no), a string so it reads back from a ledger unchanged.

A few problems of every finding code are planted on purpose, kept few (under
2 % of units for the coverage ones) so the district still looks like the one
described. ``net.meta["planted"]`` maps each code to the sorted subject ids
that DESIGN §5's definitions, with the default settings, flag (the campaign's
codes too, whether or not the analysis knows them yet), and
``net.meta["planted_pairs"]["UNVISITED_CONTACT"]`` lists the ``[instructor,
target]`` assignments behind that code's instructors.

Every kind of proposal has something to answer: two instructors are
overloaded through 20–25 units assigned one by one (20–25 contacts against
the limit of 8), which others of their street can take — while the three who
guide one whole busy building each have one contact and are not overloaded,
however many units they reach; and small groups of ledger enterprises with
1–2 full members and no organisation share a building or market (work
coverage through its organisation), candidates for a 联合党支部.

The district is made in steps, each in the module of its topic, on one
:class:`~loaders.demo.builder.Builder`: :mod:`~loaders.demo.geography`
(streets, stations, departments, carriers), :mod:`~loaders.demo.units`,
:mod:`~loaders.demo.party_orgs` (with the demonstration sites),
:mod:`~loaders.demo.people` (instructors and liaisons),
:mod:`~loaders.demo.pairings`, :mod:`~loaders.demo.problems` (the planted
data-quality problems), then the campaign — :mod:`~loaders.demo.individuals`,
:mod:`~loaders.demo.campaign` (who its problems go to, and what follows),
:mod:`~loaders.demo.positions`, :mod:`~loaders.demo.events` — and
:mod:`~loaders.demo.network`; the sizes are in
:mod:`~loaders.demo.figures`, the words in :mod:`~loaders.demo.words`, the
made-up names and codes in :mod:`~loaders.demo.codes`.

Examples
--------
>>> net = demo_district()
>>> figures = demo_summary(net)
>>> figures["ledger_enterprises"], figures["ledger_social_orgs"], figures["building_orgs"]
(793, 126, 26)
>>> figures["units_covered_by_building_orgs"], figures["instructors"], figures["stations"]
(2257, 158, 13)
>>> sorted(net.meta["planted"]["STREET_WITHOUT_STATION"])
['410102014']

"""

from __future__ import annotations

from loaders.demo.district import demo_district
from loaders.demo.figures import DEFAULT_AS_OF, SEED_FIGURES
from loaders.demo.problems import with_file_errors
from loaders.demo.snapshots import monthly_snapshots
from loaders.demo.summary import demo_summary

__all__ = [
    "DEFAULT_AS_OF",
    "SEED_FIGURES",
    "demo_district",
    "demo_summary",
    "monthly_snapshots",
    "with_file_errors",
]
