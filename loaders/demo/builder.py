"""The state of a district while it is made: the random generator, the sizes, the frames so far.

Each step of :func:`~loaders.demo.demo_district` (a function of its topic's
module) reads what earlier steps left on the :class:`Builder` and adds its
own part; the steps run in one fixed order, so each draws the same numbers
from the generator every time.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from loaders.demo.figures import BASE_UNITS, MIN_UNITS, PLANTED, SEGMENTS, STRUCTURE

__all__ = ["Builder"]


def _scaled(base: int, f: float) -> int:
    return max(1, round(base * f))


class Builder:
    """Holds the random generator and the frames while the district is made.

    Examples
    --------
    >>> b = Builder(5000, seed=1, as_of=dt.date(2026, 11, 27))
    >>> b.seg["small"] + sum(v for k, v in b.seg.items() if k != "small") + b.st["individuals"], b.districts
    (5000, 1)

    """

    # geography.streets, departments, carriers
    street: pd.DataFrame  # name, division (the district's code); indexed by street code
    street_short: np.ndarray  # street names without 街道
    station: pd.DataFrame
    dept: pd.DataFrame
    carrier: pd.DataFrame  # name, kind, street
    # units.units
    unit: pd.DataFrame  # one row per unit, with its segment, carrier, branch, department and role
    guided_buildings: np.ndarray  # the buildings guided whole by one instructor each (one contact)
    joint_sizes: np.ndarray  # units of each joint branch of a market, park or association
    joint_base: np.ndarray  # the carrier of each of those branches
    jb_members: np.ndarray  # full members of the candidates for a joint branch
    first_own: int  # position of 新蒲建设集团
    # party_orgs.party_orgs: organisations by kind, each kind a range of positions in ``org``
    org: pd.DataFrame
    cov: pd.DataFrame  # unit, org (position), org_id: which organisation covers which unit
    joint_range: tuple[int, int]
    soc_own_range: tuple[int, int]
    soc_joint_range: tuple[int, int]
    own_range: tuple[int, int]
    # people.people, pairings.pairings, problems.data_quality
    instructor: pd.DataFrame
    liaison: pd.DataFrame
    organ: pd.DataFrame
    rename: dict[str, str]  # credit codes made invalid on purpose: old id -> new id
    # individuals.individuals (appended to unit and org), positions.positions, events.*
    market_range: tuple[int, int]  # the market organisations of the individual businesses
    site: pd.DataFrame  # positions (阵地): name, area, the 六有 items
    events: dict[str, pd.DataFrame]  # activities, visits, trainings, honours
    roles: dict[str, list[str]]  # who the campaign's problems are planted on (loaders.demo.campaign)
    served_by_below: list[str]  # organisations whose one position falls short of 六有

    def __init__(self, units: int | None, seed: int, as_of: dt.date) -> None:
        self.rng = np.random.default_rng(seed)
        self.seed = seed
        self.as_of = pd.Timestamp(as_of)
        n = BASE_UNITS if units is None else int(units)
        if n < MIN_UNITS:
            msg = f"demo_district: units must be at least {MIN_UNITS}, got {units}"
            raise ValueError(msg)
        f = n / BASE_UNITS
        self.seg = {k: (v if units is None else _scaled(v, f)) for k, v in SEGMENTS.items()}
        self.st = {k: (v if units is None else _scaled(v, f)) for k, v in STRUCTURE.items()}
        self.pl = {k: (v if units is None else _scaled(v, f)) for k, v in PLANTED.items()}
        self.pl["JOINT_CANDIDATES"] = max(2, self.pl["JOINT_CANDIDATES"])
        self.seg["soc_joint"] = 4 * self.st["soc_joint_orgs"]
        self.st["individuals"] = max(60, self.st["individuals"])  # a market organisation of 50+ members
        self.seg["small"] = n - sum(self.seg.values()) - self.st["individuals"]
        self.districts = 1 if n < 100_000 else math.ceil(n / 50_000)
        self.planted: dict[str, list[str]] = {}
        self.planted_pairs: dict[str, list[list[str]]] = {}
        self.events = {}
        self.rels: dict[str, list[pd.DataFrame]] = {}

    def add(self, rel_type: str, frame: pd.DataFrame) -> None:
        """Add relationships of ``rel_type`` (sources and targets; the kinds come at the end)."""
        self.rels.setdefault(rel_type, []).append(frame)
