"""Streets and their guidance stations, departments, and the carriers units sit in.

One district of the 14 streets of 中原区, or from 100,000 units one per
50,000 units (the other districts of 郑州, then numbered areas); every
street but 柳湖 has a guidance station. Carriers are buildings (spread over
the streets in turn, the first four named after 中原区's own), markets,
parks and associations.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from loaders.demo.builder import Builder
from loaders.demo.codes import cat, numbered_ids, rel_frame
from loaders.demo.words import (
    ASSOCIATIONS,
    BUILDING_SUFFIX,
    BUILDINGS,
    CIVIL,
    CULTURE,
    DEPARTMENTS,
    DISABLED,
    DISTRICTS,
    EDU,
    HEALTH,
    HR,
    MARKETS,
    NO_STATION,
    PARKS,
    STREETS,
)

__all__ = ["carriers", "departments", "streets"]


def streets(b: Builder) -> None:
    """Streets (by district), their guidance stations and ``SERVES``; plants ``STREET_WITHOUT_STATION``."""
    codes, names, division = [], [], []
    for d in range(b.districts):
        if d < len(DISTRICTS):
            div, dname = DISTRICTS[d]
        else:
            div, dname = str(410190 + d), f"郑州第{d + 1}片区"
        for k, base in enumerate(STREETS, start=1):
            codes.append(f"{div}{k:03d}")
            names.append(f"{base}街道" if d == 0 else f"{dname}{base}街道")
            division.append(div)
    b.street = pd.DataFrame({"name": names, "division": division}, index=pd.Index(codes, name="id"))
    b.street_short = np.asarray([n.removesuffix("街道") for n in names], dtype=object)
    pos = np.arange(len(codes)) % len(STREETS)
    with_station = pos != NO_STATION
    sid = b.street.index.to_numpy()[with_station]
    b.station = pd.DataFrame(
        {"name": b.street["name"].to_numpy()[with_station] + "非公党建工作指导站"},
        index=pd.Index("GS:" + pd.Series(sid), name="id"),
    )
    b.add("SERVES", rel_frame(b.station.index, sid))
    b.planted["STREET_WITHOUT_STATION"] = b.street.index[~with_station].tolist()


def departments(b: Builder) -> None:
    """The district's departments with their party-office staff; plants ``UNDERSTAFFED_DEPARTMENT``."""
    n = len(DEPARTMENTS)
    ids = numbered_ids("D", n, width=2)
    staff = pd.array([pd.NA] * n, dtype="Int64")
    required = pd.array([pd.NA] * n, dtype="Int64")
    for i in (EDU, CIVIL, HEALTH):
        required[i], staff[i] = 2, 2 + (i == EDU)
    for i in (CULTURE, HR, DISABLED):
        required[i], staff[i] = 1, 1 + (i == HR)
    staff[HEALTH] = 1  # planted: the health commission has one specialist where two are required
    b.dept = pd.DataFrame(
        {"name": DEPARTMENTS, "party_office_staff": staff, "required_staff": required},
        index=pd.Index(ids, name="id"),
    )
    b.planted["UNDERSTAFFED_DEPARTMENT"] = [ids[HEALTH]]


def carriers(b: Builder) -> None:
    """Buildings, markets, parks and associations, each in a street, with ``IN_STREET``."""
    st = b.st
    ns = len(b.street)
    frames = []
    start = 1
    for kind, count, names in (
        ("building", st["buildings"], None),
        ("market", st["markets"], MARKETS),
        ("park", st["parks"], PARKS),
        ("association", st["associations"], ASSOCIATIONS),
    ):
        street = (np.arange(count) * 5 + len(frames)) % ns if kind != "building" else np.arange(count) % ns
        label = _building_names(b, count, street) if names is None else _numbered_names(names, count)
        frames.append(
            pd.DataFrame(
                {
                    "id": numbered_ids("C", count, start=start),
                    "name": label.to_numpy(dtype=object),
                    "kind": kind,
                    "street": b.street.index.to_numpy()[street],
                }
            )
        )
        start += count
    width = len(str(start))
    car = pd.concat(frames, ignore_index=True)
    car["id"] = "C" + (pd.Series(np.arange(1, len(car) + 1))).astype(str).str.zfill(max(3, width))
    b.carrier = car.set_index("id")
    b.add("IN_STREET", rel_frame(b.carrier.index, b.carrier["street"]))


def _building_names(b: Builder, count: int, street: np.ndarray) -> pd.Series:
    """Street + suffix (``N号楼`` once suffixes run out), the first four named after 中原区's own."""
    ns = len(b.street)
    # buildings of one street get different suffixes (k and k + ns differ by one)
    k = np.arange(count)
    nsuf = len(BUILDING_SUFFIX)
    suffix = np.asarray(BUILDING_SUFFIX, dtype=object)[(k + k // ns + b.rng.integers(0, nsuf)) % nsuf]
    label = cat(b.street_short[street], suffix).to_numpy(dtype=object)
    label[: min(count, len(BUILDINGS))] = BUILDINGS[: min(count, len(BUILDINGS))]
    lap = k // (nsuf * ns)
    return cat(label, np.where(lap > 0, pd.Series(lap + 1).astype(str) + "号楼", ""))


def _numbered_names(names: list[str], count: int) -> pd.Series:
    """The names in turn, numbered (``N号``) once they run out."""
    k = np.arange(count)
    return cat(
        np.asarray(names, dtype=object)[k % len(names)],
        np.where(k >= len(names), pd.Series(k // len(names) + 1).astype(str) + "号", ""),
    )
