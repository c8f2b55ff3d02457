"""Proposals: instructor moves, new pairings and candidate joint branches.

Three optimisation problems, each solved exactly on the data it is given
(see each function for what "exactly" covers):

- :func:`rebalance_instructors` — which contacts (assignment rows, ``GUIDES``)
  to move from overloaded instructors to instructors with spare contacts, with
  the fewest moves, as an integer program that is a min-cost flow (HiGHS
  through :func:`scipy.optimize.milp`);
- :func:`propose_pairings` — which organ branch (机关党支部) each unpaired party
  organisation should pair with, as a transportation problem;
- :func:`propose_joint_branches` — which units without an organisation should
  form a 联合党支部 together, per carrier, as a small integer program.

:func:`proposals` concatenates the three into one frame with the columns of
:data:`PROPOSAL_COLUMNS`; :func:`apply_moves` applies instructor moves to a
network, so their effect can be checked with the ordinary analyses.

Modules
-------
- :mod:`~graphkit.analysis.proposals.common` — the columns, frames, names and
  sentences every proposal shares;
- :mod:`~graphkit.analysis.proposals.solver` — integer programs with
  objectives in priority order (HiGHS);
- :mod:`~graphkit.analysis.proposals.moves` and
  :mod:`~graphkit.analysis.proposals.move_program` — instructor moves;
- :mod:`~graphkit.analysis.proposals.pairings` and
  :mod:`~graphkit.analysis.proposals.transport` — pairings;
- :mod:`~graphkit.analysis.proposals.joint` — joint branches;
- :mod:`~graphkit.analysis.proposals.combined` — all of them in one frame.

Examples
--------
>>> import graphkit.datasets
>>> p = proposals(graphkit.datasets.tiny())
>>> p[["proposal", "subject_id", "to_id"]].values.tolist()
[['pairing', 'P2', 'OB1'], ['pairing', 'P4', 'OB2']]
>>> p.loc[0, "detail"]
'建议与区教育局机关党支部结对共建（该支部现有结对2个，上限3个）；同一街道'

"""

from graphkit.analysis.proposals.combined import proposals
from graphkit.analysis.proposals.common import PROPOSAL_COLUMNS
from graphkit.analysis.proposals.joint import propose_joint_branches
from graphkit.analysis.proposals.moves import apply_moves, rebalance_instructors
from graphkit.analysis.proposals.pairings import propose_pairings

__all__ = [
    "PROPOSAL_COLUMNS",
    "apply_moves",
    "proposals",
    "propose_joint_branches",
    "propose_pairings",
    "rebalance_instructors",
]
