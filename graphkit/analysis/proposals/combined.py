"""All proposals in one frame: instructor moves, then pairings, then candidate joint branches.

Examples
--------
>>> import graphkit.datasets
>>> proposals(graphkit.datasets.tiny())[["proposal", "subject_id", "to_id"]].values.tolist()
[['pairing', 'P2', 'OB1'], ['pairing', 'P4', 'OB2']]

"""

from __future__ import annotations

import pandas as pd

from graphkit.analysis.proposals.common import PROPOSAL_COLUMNS, empty_proposals
from graphkit.analysis.proposals.joint import propose_joint_branches
from graphkit.analysis.proposals.moves import rebalance_instructors
from graphkit.analysis.proposals.pairings import propose_pairings
from graphkit.model import Network
from graphkit.settings import Settings

__all__ = ["proposals"]


def proposals(
    net: Network,
    *,
    settings: Settings | None = None,
    coverage: pd.DataFrame | None = None,
    load: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """All proposals: instructor moves, pairings and candidate joint branches.

    A plain function of picklable arguments with a picklable result, so it can
    run in another process.

    Parameters
    ----------
    net
        The network; read-only.
    settings
        Thresholds and language.
    coverage
        A coverage frame, if already computed (used by the joint branches).
    load
        An :func:`~graphkit.analysis.instructors.instructor_load` frame, if
        already computed: when it shows nobody overloaded the move program is
        skipped.

    Returns
    -------
    pandas.DataFrame
        :func:`~graphkit.analysis.proposals.moves.rebalance_instructors`,
        :func:`~graphkit.analysis.proposals.pairings.propose_pairings` and
        :func:`~graphkit.analysis.proposals.joint.propose_joint_branches` one
        after the other, columns
        :data:`~graphkit.analysis.proposals.common.PROPOSAL_COLUMNS`.

    Notes
    -----
    The cost of the three, one after the other; the move program dominates
    when many instructors are overloaded.

    Examples
    --------
    >>> import graphkit.datasets
    >>> proposals(graphkit.datasets.tiny())["proposal"].tolist()
    ['pairing', 'pairing']

    """
    settings = settings or Settings()
    if load is not None and not bool(load["overloaded"].any()):
        moves = empty_proposals()
    else:
        moves = rebalance_instructors(net, settings=settings)
    parts = [
        moves,
        propose_pairings(net, settings=settings),
        propose_joint_branches(net, settings=settings, coverage=coverage),
    ]
    out = pd.concat([p for p in parts if len(p)] or [empty_proposals()], ignore_index=True)
    return out[PROPOSAL_COLUMNS]
