"""``demo_district``: the steps that make the district, in their one fixed order."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import time
from collections.abc import Iterator

from graphkit.model import Network
from loaders.demo.builder import Builder
from loaders.demo.campaign import consequences, roles
from loaders.demo.events import activities, honours, trainings, visits
from loaders.demo.figures import DEFAULT_AS_OF
from loaders.demo.geography import carriers, departments, streets
from loaders.demo.individuals import individuals
from loaders.demo.network import network
from loaders.demo.pairings import pairings
from loaders.demo.party_orgs import demo_sites, party_orgs, secretaries
from loaders.demo.people import people
from loaders.demo.positions import four_ones, positions
from loaders.demo.problems import data_quality, with_file_errors
from loaders.demo.units import units as make_units

__all__ = ["demo_district", "timed"]

log = logging.getLogger(__name__)


def _peak_mb() -> float | None:
    """Peak resident memory of this process so far, in MB (``None`` where the platform cannot say)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


@contextlib.contextmanager
def timed(name: str, logger: logging.Logger = log) -> Iterator[None]:
    """Log (level ``INFO``) the wall and CPU time of the block and the peak memory so far.

    Examples
    --------
    >>> with timed("nothing"):
    ...     pass

    """
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    peak = _peak_mb()
    logger.info(
        "step %-16s %8.2f s wall %8.2f s CPU%s",
        name,
        time.perf_counter() - wall,
        time.process_time() - cpu,
        "" if peak is None else f"  peak {peak:,.0f} MB",
    )


def demo_district(
    *,
    units: int | None = None,
    seed: int = 20191,
    as_of: dt.date | str | None = None,
    planted_file_errors: bool = False,
) -> Network:
    """A deterministic synthetic 郑州市中原区 with a few planted problems of every kind.

    Parameters
    ----------
    units
        ``None`` for exactly the source report's figures (2,973 units: the 919
        ledger units, the 1,838 small units the building organisations cover
        and the 216 plaqued 个体工商户 in markets).
        A number (at least 500) scales every count by ``units / 2973`` and makes
        exactly that many units; from 100,000 units the streets are scaled too
        (one district of 14 streets per 50,000 units).
    seed
        Seed of the random generator: the same seed gives the same network.
    as_of
        The date term ends and the campaign's events are written against
        (default :data:`~loaders.demo.DEFAULT_AS_OF`, 2026-11-27, so the demo
        does not change with today's date). Analyse with the same ``as_of`` to
        see exactly the planted term and campaign findings.
    planted_file_errors
        Also plant the two problems only files can have: one unit row written
        twice (``DUPLICATE_ID``) and one 所在党组织 cell naming no organisation
        (``UNKNOWN_REFERENCE``). The network then has a duplicate unit id and a
        dangling ``COVERED_BY`` row: write it with
        :func:`loaders.write_ledger` and read it back, do not analyse it directly.

    Returns
    -------
    Network
        With ``meta["planted"]`` = {finding code: sorted subject ids} for every
        code of :data:`graphkit.findings.CODES` (the two file-only codes only
        when ``planted_file_errors``), and ``meta["seed"]``, ``meta["as_of"]``.

    Raises
    ------
    ValueError
        If ``units`` is below 500.

    Notes
    -----
    Fully vectorised: linear in the number of units. Each step's wall and CPU
    time (and the peak memory so far) is logged at level ``INFO`` on this
    module's logger (``graphkit demo --verbose`` shows them). Planted subjects are
    chosen so each satisfies exactly one finding's definition where possible
    (``NO_INSTRUCTOR`` units also have members without an organisation, so
    they are ``MEMBERS_WITHOUT_ORG`` too).

    Examples
    --------
    >>> net = demo_district()
    >>> net
    <Network: ...>
    >>> int((net.units["in_ledger"] == "是").sum()), len(net.units)
    (919, 2973)
    >>> demo_district(units=5000).units.shape[0]
    5000

    """
    if as_of is None:
        as_of = DEFAULT_AS_OF
    elif isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    b = Builder(units, seed, as_of)
    for step in (
        streets,
        departments,
        carriers,
        make_units,
        party_orgs,
        demo_sites,
        people,
        pairings,
        data_quality,
        secretaries,
        # the campaign: made after the rest, each with a generator of its own
        individuals,
        roles,
        positions,
        four_ones,
        activities,
        trainings,
        visits,
        honours,
        consequences,
    ):
        with timed(step.__name__):
            step(b)
    with timed("network"):
        net = network(b, as_of=as_of, seed=seed, units=units)
    if planted_file_errors:
        net = with_file_errors(net)
    return net
