"""Instructor moves: which assignment rows to hand from overloaded instructors to others.

:func:`rebalance_instructors` works out who is overloaded and by how much, and
what each assignment row would take off its instructor; the program choosing
the moves is :func:`~graphkit.analysis.proposals.move_program.plan_moves`.
:func:`apply_moves` carries proposed moves out on a copy of the network, so
their effect can be checked with the ordinary analyses.

Examples
--------
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "U1"}, {"id": "U2"}], "Instructor": [{"id": "I1"}, {"id": "I2"}]},
...     rels={"GUIDES": [("I1", "U1"), ("I1", "U2")]},
... )
>>> moves = rebalance_instructors(net, settings=Settings(max_units_per_instructor=1))
>>> moves[["subject_id", "from_id", "to_id"]].values.tolist()
[['U1', 'I1', 'I2']]
>>> apply_moves(net, moves).rel("GUIDES")[["source", "target"]].values.tolist()
[['I2', 'U1'], ['I1', 'U2']]

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit.analysis.proposals.common import empty_proposals, most_common, node_names, proposal_frame, texts
from graphkit.analysis.proposals.move_program import plan_moves
from graphkit.i18n import text
from graphkit.kernels import isin
from graphkit.model import STRING, Network, lookup
from graphkit.settings import Settings

__all__ = ["apply_moves", "rebalance_instructors"]


def rebalance_instructors(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """Assignment rows to move from overloaded instructors, with the fewest moves.

    An instructor is overloaded when its reach (distinct units, DESIGN §5)
    exceeds ``max_units_per_instructor`` (*L*). A *move* hands one assignment
    row (instructor → unit, party organisation or carrier; repeated rows count
    once) to another instructor. Only rows of overloaded instructors move, and
    only to instructors whose reach is at most *L*.

    Objective, in this order: (1) remove as much excess reach
    (``reach − L`` over overloaded instructors) as possible — all of it when
    the spare reach of the others allows; (2) use the fewest moves;
    (3) among those, prefer moves that stay in the street and single-unit rows
    over whole carriers or organisations (one point for a move across streets,
    one for a multi-unit row).

    Parameters
    ----------
    net
        The network; read-only. Reads ``GUIDES``, ``COVERED_BY``,
        ``LOCATED_IN``, ``IN_STREET`` and ``SENT_BY``.
    settings
        ``max_units_per_instructor`` is the limit; ``lang`` the detail language.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~graphkit.analysis.proposals.common.PROPOSAL_COLUMNS`,
        one row per move: ``proposal`` is ``move_assignment``; ``group``
        numbers the overloaded instructors; ``subject_*`` is the moved row's
        target; ``from_*``/``to_*`` the two instructors; ``street`` the
        subject's street; ``detail`` both reaches before and after all
        proposed moves.

    Notes
    -----
    **Model.** A row's *gain* is the number of units its instructor reaches
    through that row only; moving it lowers the instructor's reach by exactly
    that. Its *load* on a target instructor is the number of its units the
    target does not reach yet. Streets: a unit's street is its ``IN_STREET``;
    a carrier's or organisation's row has the commonest street of its units;
    an instructor's street is the street that sent it (``SENT_BY``), else the
    commonest street of the units it reaches. An unknown street only matches
    an unknown street. The program is described in
    :func:`~graphkit.analysis.proposals.move_program.plan_moves`: an exact
    min-cost flow for single-unit rows, then an integer program that may also
    move whole carriers and organisations, each solve limited to
    :data:`~graphkit.analysis.proposals.solver.TIME_LIMIT` seconds.

    **When the answer is the true optimum.** When the rows of the overloaded
    instructors reach pairwise disjoint sets of units (the usual ledger: each
    unit, building or organisation assigned once) and no solve hits its time
    limit (tested against brute force over every destination of every row).
    When rows overlap, gains and loads are counted conservatively (a unit
    reached twice by moved rows is counted twice), so every proposal is still
    feasible — no instructor is pushed over the limit and no overloaded
    instructor's reach grows — but a cleverer combination may exist. When
    there are more than 20,000 (multi-unit row, fitting target) pairs, each
    multi-unit row considers the instructors already reaching some of its
    units plus four fitting instructors of its street and four of any street,
    chosen so that different rows get different ones.

    A carrier or organisation row with more units than anyone's spare reach
    cannot move; splitting it is not proposed.

    **Cost.** Sorts and merges over the ``R`` assignment rows and the units
    they reach, O(R log R), then the programs of
    :func:`~graphkit.analysis.proposals.move_program.plan_moves`.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": f"U{i}"} for i in range(4)],
    ...            "Instructor": [{"id": "I1", "name": "张伟"}, {"id": "I2", "name": "李娜"}]},
    ...     rels={"GUIDES": [("I1", "U0"), ("I1", "U1"), ("I1", "U2"), ("I2", "U3")]},
    ... )
    >>> moves = rebalance_instructors(net, settings=Settings(max_units_per_instructor=2))
    >>> moves[["subject_id", "from_id", "to_id"]].values.tolist()
    [['U0', 'I1', 'I2']]
    >>> moves.loc[0, "detail"]
    '将联系对象“U0”由张伟调整给李娜：张伟联系单位由3家减为2家，李娜由1家变为2家（上限2家）'

    """
    settings = settings or Settings()
    limit = settings.max_units_per_instructor
    rows, units = _assignments(net)
    if units.empty:
        return empty_proposals()
    reach, count, mult = _reach(net, rows, units)
    over = count[count > limit]
    if over.empty:
        return empty_proposals()
    unit_street, street_of_code, home = _streets(net, units, reach)
    targets = count[count <= limit]
    orows, ou = _overloaded_rows(rows, units, mult, over, street_of_code)
    moves = plan_moves(
        orows,
        ou,
        excess=(over - limit).to_numpy(),
        target_reach=reach[isin(reach["instructor_id"], targets.index)],
        spare=(limit - targets).astype("int64"),
        home=home,
        unit_street=unit_street,
    )
    return _describe_moves(net, moves, settings=settings, home=home, reach=reach, units=units)


def _assignments(net: Network) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Distinct assignment rows and the units each one reaches.

    Returns ``rows`` (``a, instructor_id, target, target_kind``) and ``units``
    (``a, unit_id, instructor_id``, distinct, plus integer codes ``u`` of the
    unit and ``i`` of the instructor, for counting without hashing text).
    """
    g = net.linked("GUIDES", "Instructor")
    g = g.drop_duplicates(["source", "target"]).reset_index(drop=True)
    rows = pd.DataFrame(
        {
            "a": np.arange(len(g)),
            "instructor_id": g["source"],
            "target": g["target"],
            "target_kind": g["target_kind"],
        }
    )
    parts = [rows.loc[rows["target_kind"].eq("Unit"), ["a", "target"]].rename(columns={"target": "unit_id"})]
    for kind, rel in (("PartyOrg", "COVERED_BY"), ("Carrier", "LOCATED_IN")):
        # repeated member rows only repeat (a, unit) pairs, which the distinct step below drops
        members = net.linked(rel, "Unit", kind)[["source", "target"]]
        sel = rows.loc[rows["target_kind"].eq(kind), ["a", "target"]]
        joined = sel.merge(members, on="target")
        parts.append(joined[["a", "source"]].rename(columns={"source": "unit_id"}))
    units = pd.concat(parts, ignore_index=True)
    u_codes = pd.factorize(units["unit_id"])[0].astype(np.int64)
    a = units["a"].to_numpy()
    keys = a.astype(np.int64) * (int(u_codes.max(initial=0)) + 1) + u_codes
    first = _first_of_each(keys)
    units = units.iloc[first].reset_index(drop=True)
    units["instructor_id"] = rows["instructor_id"].to_numpy()[units["a"].to_numpy()]
    units["u"] = u_codes[first]
    units["i"] = pd.factorize(rows["instructor_id"])[0][units["a"].to_numpy()]
    return rows, units


def _first_of_each(keys: np.ndarray) -> np.ndarray:
    """Positions of the first occurrence of each distinct key, in order (``drop_duplicates``)."""
    _, first = np.unique(keys, return_index=True)
    first.sort()
    return first


def _reach(
    net: Network, rows: pd.DataFrame, units: pd.DataFrame
) -> tuple[pd.DataFrame, pd.Series, np.ndarray]:
    """Who reaches what, counted on the integer codes of :func:`_assignments`.

    Returns the distinct ``(instructor_id, unit_id)`` pairs (indexed by their
    first row of ``units``), each instructor's reach (every instructor of
    ``net``, zero included) and, for every row of ``units``, how many rows of
    its instructor reach its unit.
    """
    pair_keys = units["i"].to_numpy().astype(np.int64) * (int(units["u"].max()) + 1) + units["u"].to_numpy()
    _, pair_of, repeats = np.unique(pair_keys, return_inverse=True, return_counts=True)
    reach = units.loc[_first_of_each(pair_keys), ["instructor_id", "unit_id"]]
    per_code = np.bincount(units["i"].to_numpy()[reach.index.to_numpy()])
    count = pd.Series(per_code, index=pd.factorize(rows["instructor_id"])[1][: len(per_code)])
    count = count.reindex(net.instructors.index, fill_value=0)
    return reach, count, repeats[pair_of]


def _streets(
    net: Network, units: pd.DataFrame, reach: pd.DataFrame
) -> tuple[pd.Series, np.ndarray, pd.Series]:
    """Each unit's street (by id and by unit code) and each instructor's home street."""
    u_ids = units.drop_duplicates("u").sort_values("u")["unit_id"]
    unit_street = net.street_of("Unit").astype(STRING)
    street_of_code = lookup(u_ids, unit_street).to_numpy(dtype=object)
    reach_street = pd.Series(
        pd.array(street_of_code[units["u"].to_numpy()[reach.index.to_numpy()]], dtype=STRING),
        index=reach.index,
    )
    return unit_street, street_of_code, _home_streets(net, reach, reach_street)


def _home_streets(net: Network, reach: pd.DataFrame, reach_street: pd.Series) -> pd.Series:
    """Each instructor's street: the street that sent it, else the commonest street it reaches.

    ``reach_street`` is the street of each ``reach`` row's unit.
    """
    sent = net.linked("SENT_BY", "Instructor", "Street").drop_duplicates("source")
    home = sent.set_index("source")["target"]
    reached = reach.assign(street=reach_street)
    common = most_common(reached, "instructor_id", "street")
    out = home.reindex(net.instructors.index)
    out = out.fillna(common.reindex(net.instructors.index))
    return out.astype(STRING)


def _overloaded_rows(
    rows: pd.DataFrame, units: pd.DataFrame, mult: np.ndarray, over: pd.Series, street_of_code: np.ndarray
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows of the overloaded instructors that could move, and the units behind them.

    Returns ``orows`` (the rows of ``rows`` with a gain, plus ``gain``,
    ``size``, ``street`` and ``o``, the instructor's position in ``over``) and
    ``ou`` (the rows of ``units`` of the overloaded instructors, plus ``mult``
    and ``street``).
    """
    is_over = isin(units["instructor_id"], over.index)
    ou = units[is_over].reset_index(drop=True)
    ou["mult"] = mult[is_over]
    gain = ou[ou["mult"] == 1].groupby("a").size()
    size = ou.groupby("a").size()
    orows = rows[rows["a"].isin(gain.index)].copy()
    orows["gain"] = orows["a"].map(gain).astype("int64")
    orows["size"] = orows["a"].map(size).astype("int64")
    ou["street"] = pd.array(street_of_code[ou["u"].to_numpy()], dtype=STRING)
    orows["street"] = orows["a"].map(most_common(ou, "a", "street")).astype(STRING)
    o_pos = pd.Series(np.arange(len(over)), index=over.index)
    orows["o"] = orows["instructor_id"].map(o_pos).astype("int64")
    return orows, ou


def _describe_moves(
    net: Network,
    moves: pd.DataFrame,
    *,
    settings: Settings,
    home: pd.Series,
    reach: pd.DataFrame,
    units: pd.DataFrame,
) -> pd.DataFrame:
    """The proposals frame of ``moves``: names, streets and the reaches before and after in words."""
    if moves.empty:
        return empty_proposals()
    lang = settings.lang
    limit = settings.max_units_per_instructor
    moves = moves.sort_values(["from_id", "target"], kind="stable").reset_index(drop=True)
    before = reach.groupby("instructor_id").size()
    after = _reach_after(units, moves)
    names = net.instructors["name"].astype(STRING)
    src = moves["from_id"].map(names).fillna(moves["from_id"]).astype(STRING)
    dst = moves["to_id"].map(names).fillna(moves["to_id"]).astype(STRING)
    to_home = moves["to_id"].map(home)
    cross = (to_home.notna() & moves["street"].notna() & to_home.ne(moves["street"])).fillna(False)
    hit = moves[["to_id", "target"]].merge(
        reach.rename(columns={"instructor_id": "to_id", "unit_id": "target"}).assign(hit=True),
        on=["to_id", "target"],
        how="left",
    )["hit"]
    shared = hit.fillna(False).astype(bool).to_numpy() & moves["target_kind"].eq("Unit").to_numpy()
    note = pd.Series("", index=moves.index, dtype=STRING)
    note = note.where(~cross, note + text("proposal_move_cross", lang=lang))
    note = note.where(~shared, note + texts("proposal_move_shared", lang=lang, dst=dst))
    subject = node_names(net, moves["target"])
    detail = texts(
        "proposal_move",
        lang=lang,
        subject=subject,
        src=src,
        dst=dst,
        src_before=moves["from_id"].map(before).fillna(0).astype("int64"),
        src_after=moves["from_id"].map(after).fillna(0).astype("int64"),
        dst_before=moves["to_id"].map(before).fillna(0).astype("int64"),
        dst_after=moves["to_id"].map(after).fillna(0).astype("int64"),
        limit=limit,
        note=note,
    )
    group = pd.Series(pd.factorize(moves["from_id"])[0] + 1, index=moves.index)
    return proposal_frame(
        proposal="move_assignment",
        group=group,
        subject_kind=moves["target_kind"],
        subject_id=moves["target"],
        subject_name=subject,
        from_id=moves["from_id"],
        from_name=src,
        to_id=moves["to_id"],
        to_name=dst,
        street=net.street_names(moves["street"]).where(moves["street"].notna()),
        detail=detail,
    )


def _reach_after(units: pd.DataFrame, moves: pd.DataFrame) -> pd.Series:
    """Reach of the instructors of ``moves`` once every move is made (as :func:`apply_moves` would).

    ``units`` is the ``(a, instructor_id, unit_id)`` frame of :func:`_assignments`; a move hands
    its row ``a`` (with the row's units) to ``to_id``.
    """
    involved = pd.Index(pd.concat([moves["from_id"], moves["to_id"]]).unique())
    new_owner = pd.Series(moves["to_id"].to_numpy(), index=moves["a"].to_numpy())
    u = units[["a", "instructor_id", "unit_id"]]
    owner = u["a"].map(new_owner).astype(STRING).fillna(u["instructor_id"].astype(STRING))
    after = pd.DataFrame({"instructor_id": owner, "unit_id": u["unit_id"]})
    after = after[isin(after["instructor_id"], involved)]
    return after.drop_duplicates().groupby("instructor_id").size()


def apply_moves(net: Network, moves: pd.DataFrame) -> Network:
    """Return a copy of ``net`` with proposed instructor moves carried out.

    Every ``GUIDES`` row from ``from_id`` to ``subject_id`` of a
    ``move_assignment`` proposal is given to ``to_id``; other proposals are
    ignored.

    Parameters
    ----------
    net
        The network; not modified.
    moves
        Proposals with at least the columns ``proposal``, ``subject_id``,
        ``from_id`` and ``to_id`` (:func:`rebalance_instructors` gives them).

    Returns
    -------
    Network
        A new network whose ``GUIDES`` rows are reassigned; everything else
        is shared with ``net``.

    Notes
    -----
    One merge of the ``GUIDES`` rows with the moves: O(G + M).

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": "U1"}], "Instructor": [{"id": "I1"}, {"id": "I2"}]},
    ...     rels={"GUIDES": [("I1", "U1")]},
    ... )
    >>> m = pd.DataFrame({"proposal": ["move_assignment"], "subject_id": ["U1"],
    ...                   "from_id": ["I1"], "to_id": ["I2"]})
    >>> apply_moves(net, m).rel("GUIDES")[["source", "target"]].values.tolist()
    [['I2', 'U1']]

    """
    m = moves[moves["proposal"].eq("move_assignment")][["from_id", "subject_id", "to_id"]].astype(STRING)
    g = net.rel("GUIDES").copy()
    key = (
        g[["source", "target"]]
        .astype(STRING)
        .merge(
            m.rename(columns={"from_id": "source", "subject_id": "target"}).drop_duplicates(
                ["source", "target"]
            ),
            on=["source", "target"],
            how="left",
        )
    )
    hit = key["to_id"].notna().to_numpy()
    g.loc[hit, "source"] = key.loc[hit, "to_id"].to_numpy()
    rels = dict(net.rels)
    rels["GUIDES"] = g
    return Network(net.nodes, rels, rejects=net.rejects, findings=net.findings, meta=net.meta)
