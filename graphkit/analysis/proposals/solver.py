"""Integer programs with objectives in priority order, solved by HiGHS through SciPy.

The instructor moves and the pairings are both written as blocks of sparse
constraint rows over one vector of integer variables; :func:`solve` stacks the
blocks and minimises each objective in turn, holding the earlier ones at their
optimum.

Examples
--------
>>> # x0 + x1 >= 1; first the fewest units of x1, then the fewest of x0
>>> block = (np.array([0, 0]), np.array([0, 1]), np.array([1.0, 1.0]), 1, np.inf)
>>> x, optimal = solve([np.array([0, 1]), np.array([1, 0])], [block], np.zeros(2), np.full(2, 5.0))
>>> x.tolist(), optimal
([1.0, 0.0], True)

"""

from __future__ import annotations

import numpy as np

__all__ = ["TIME_LIMIT", "Block", "solve"]

#: Seconds HiGHS may spend on one program before the best solution found is used.
TIME_LIMIT = 20.0

#: A block of constraint rows ``(row_ids, col_ids, values, lb, ub)``: row ids local to the block,
#: ``lb``/``ub`` one bound for every row or one per row.
Block = tuple[np.ndarray, np.ndarray, np.ndarray, float | np.ndarray, float | np.ndarray]


def solve(
    costs: list[np.ndarray],
    rows: list[Block],
    lower: np.ndarray,
    upper: np.ndarray,
    *,
    presolve: bool = True,
) -> tuple[np.ndarray, bool]:
    """Minimise integer objectives in priority order over integer ``x`` (HiGHS).

    Parameters
    ----------
    costs
        Objectives with integer coefficients, most important first. Each is
        minimised while the earlier ones stay at their optimum.
    rows
        Constraint blocks (:data:`Block`), stacked in order; an empty block is skipped.
    lower, upper
        Bounds of every variable.
    presolve
        ``False`` skips HiGHS' MIP presolve, which only costs time on a
        network matrix (its linear optimum is already integral).

    Returns
    -------
    x : numpy.ndarray
        The solution, rounded to integers (as floats).
    optimal : bool
        Whether every stage was proved optimal; a stage stopped by
        :data:`TIME_LIMIT` keeps the best solution it found.

    Notes
    -----
    One HiGHS branch-and-bound run per objective, each with a relative gap
    of 0; after each, the objective becomes one more constraint row
    (``cost · x <= optimum``). Building the matrix is linear in its non-zeros.

    Examples
    --------
    >>> # two variables that must sum to 3, x0 at most 2: minimise x0
    >>> block = (np.array([0, 0]), np.array([0, 1]), np.array([1.0, 1.0]), 3, 3)
    >>> solve([np.array([1, 0])], [block], np.zeros(2), np.array([2.0, 5.0]))[0].tolist()
    [0.0, 3.0]

    """
    n = len(lower)
    if n == 0:
        return np.zeros(0), True
    from scipy import sparse  # imported when first needed, not with the package
    from scipy.optimize import Bounds, LinearConstraint, milp

    mats, lbs, ubs = [], [], []
    for r, c, v, lb, ub in rows:
        if len(r) == 0:
            continue
        m = int(r.max()) + 1
        mats.append(sparse.csr_array((v, (r, c)), shape=(m, n)))
        lbs.append(np.broadcast_to(np.asarray(lb, dtype=float), (m,)))
        ubs.append(np.broadcast_to(np.asarray(ub, dtype=float), (m,)))
    x = np.zeros(n)
    optimal = True
    for cost in costs:
        constraints = []
        if mats:
            matrix = sparse.vstack(mats).tocsr()
            constraints = [LinearConstraint(matrix, np.concatenate(lbs), np.concatenate(ubs))]
        res = milp(
            cost,
            constraints=constraints,
            bounds=Bounds(lower, upper),
            integrality=np.ones(n),
            options={"time_limit": TIME_LIMIT, "mip_rel_gap": 0.0, "presolve": presolve},
        )
        if res.x is None:  # pragma: no cover - only on a time-out without any solution
            return x, False
        optimal &= res.status == 0
        x = np.round(res.x)
        mats.append(sparse.csr_array(cost.reshape(1, -1)))
        lbs.append(np.array([-np.inf]))
        ubs.append(np.array([float(cost @ x)]))
    return x, optimal
