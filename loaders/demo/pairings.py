"""Organ branches (机关党支部) of the departments and their pairings (结对共建) with party organisations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from loaders.demo.builder import Builder
from loaders.demo.codes import cat, numbered_ids, rel_frame
from loaders.demo.words import NUMERALS

__all__ = ["pairings"]


def pairings(b: Builder) -> None:
    """Organ branches, ``BRANCH_OF`` and ``PAIRED_WITH``; plants unpaired, idle and overpaired ones.

    Every organisation but a few is paired, about two and a half per organ
    branch; a few branches pair with none and two with four or five.
    """
    rng, org, pl = b.rng, b.org, b.pl
    pid = org.index.to_numpy()
    special = [0, b.soc_own_range[0], b.own_range[0]]
    unpaired = rng.choice(np.setdiff1d(np.arange(len(org)), special), pl["UNPAIRED_ORG"], replace=False)
    paired = np.setdiff1d(np.arange(len(org)), unpaired)
    paired = rng.permutation(paired)
    regular = math.ceil(len(paired) / 2.5)
    k_idle, k_over = pl["IDLE_ORGAN_BRANCH"], pl["OVERPAIRED_ORGAN_BRANCH"]
    n_ob = regular + k_idle + k_over
    obid = _organ_branches(b, n_ob)
    src = [obid[np.arange(len(paired)) % regular]]
    dst = [pid[paired]]
    over = obid[regular : regular + k_over]
    counts = np.resize([4, 5], k_over)
    src.append(np.repeat(over, counts))
    dst.append(pid[rng.choice(paired, counts.sum(), replace=False)])
    rel = rel_frame(np.concatenate(src), np.concatenate(dst))
    rel["since"] = b.as_of - pd.to_timedelta(rng.integers(30, 1500, len(rel)), unit="D")
    b.add("PAIRED_WITH", rel)
    b.planted["UNPAIRED_ORG"] = sorted(pid[unpaired].tolist())
    b.planted["IDLE_ORGAN_BRANCH"] = obid[regular + k_over :].tolist()
    b.planted["OVERPAIRED_ORGAN_BRANCH"] = over.tolist()


def _organ_branches(b: Builder, n_ob: int) -> np.ndarray:
    """``n_ob`` organ branches of the departments in turn, with ``BRANCH_OF``; their ids."""
    dept_of = np.arange(n_ob) % len(b.dept)
    nth = np.arange(n_ob) // len(b.dept)
    word = np.where(
        nth < 10,
        np.asarray(list(NUMERALS), dtype=object)[np.minimum(nth, 9)],
        pd.Series(nth + 1).astype(str),
    )
    obid = numbered_ids("OB", n_ob, width=3)
    b.organ = pd.DataFrame(
        {"name": cat(b.dept["name"].to_numpy()[dept_of], "机关第", word, "党支部").to_numpy()},
        index=pd.Index(obid, name="id"),
    )
    b.add("BRANCH_OF", rel_frame(obid, b.dept.index.to_numpy()[dept_of]))
    return obid
