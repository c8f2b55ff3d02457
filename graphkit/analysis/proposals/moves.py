"""Instructor moves: which contacts to hand from overloaded instructors to others.

:func:`rebalance_instructors` works out who is overloaded (more contacts than
the limit) and by how much; the program choosing the moves is
:func:`~graphkit.analysis.proposals.move_program.plan_moves`.
:func:`apply_moves` carries proposed moves out on a copy of the network, so
their effect can be checked with the ordinary analyses.

Examples
--------
>>> net = Network.from_records(
...     nodes={"Unit": [{"id": "U1"}, {"id": "U2"}], "Instructor": [{"id": "I1"}, {"id": "I2"}]},
...     rels={"GUIDES": [("I1", "U1"), ("I1", "U2")]},
... )
>>> moves = rebalance_instructors(net, settings=Settings(max_contacts_per_instructor=1))
>>> moves[["subject_id", "from_id", "to_id"]].values.tolist()
[['U1', 'I1', 'I2']]
>>> apply_moves(net, moves).rel("GUIDES")[["source", "target"]].values.tolist()
[['I2', 'U1'], ['I1', 'U2']]

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphkit.analysis.instructors import CONTACT_KINDS, contact_positions, instructor_contacts
from graphkit.analysis.proposals.common import (
    commonest_unit_street,
    empty_proposals,
    most_common,
    node_names,
    proposal_frame,
    texts,
    unit_street_codes,
)
from graphkit.analysis.proposals.move_program import plan_moves
from graphkit.i18n import text
from graphkit.kernels import isin
from graphkit.model import STRING, Network, position_mask
from graphkit.settings import Settings

__all__ = ["apply_moves", "rebalance_instructors"]


def rebalance_instructors(net: Network, *, settings: Settings | None = None) -> pd.DataFrame:
    """Contacts to move from overloaded instructors, with the fewest moves.

    An instructor is overloaded when its contacts (distinct units, party
    organisations and carriers its assignment rows resolve to, DESIGN §5)
    exceed ``max_contacts_per_instructor`` (*L*). A *move* hands one contact
    (every ``GUIDES`` row from the instructor to that target) to another
    instructor: it takes exactly one contact off the first, and adds one to
    the second unless it already has that target. Only contacts of overloaded
    instructors move, and only to instructors with at most *L* contacts.

    Objective, in this order: (1) remove as much excess
    (``contacts − L`` over overloaded instructors) as possible — all of it
    when the spare contacts of the others allow; (2) use the fewest moves;
    (3) among those, prefer moves that stay in the street (one point for a
    move across streets), and a receiver that already has the contact.

    Parameters
    ----------
    net
        The network; read-only. Reads ``GUIDES``, ``COVERED_BY``,
        ``LOCATED_IN``, ``IN_STREET`` and ``SENT_BY``.
    settings
        ``max_contacts_per_instructor`` is the limit; ``lang`` the detail language.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~graphkit.analysis.proposals.common.PROPOSAL_COLUMNS`,
        one row per move: ``proposal`` is ``move_assignment``; ``group``
        numbers the overloaded instructors; ``subject_*`` is the moved
        contact; ``from_*``/``to_*`` the two instructors; ``street`` the
        contact's street; ``detail`` both instructors' contacts before and
        after all proposed moves.

    Notes
    -----
    **Streets.** A unit's street is its ``IN_STREET``; a carrier's or
    organisation's is the commonest street of its units, else its own
    ``IN_STREET``; an instructor's street is the street that sent it
    (``SENT_BY``), else the commonest street of its contacts. An unknown
    street only matches an unknown street. The program is
    :func:`~graphkit.analysis.proposals.move_program.plan_moves`, an exact
    min-cost flow.

    **When the answer is the true optimum.** When no target is a contact of
    two overloaded instructors (the usual ledger: each unit, building or
    organisation assigned once; tested against brute force over every
    destination of every contact). When one is, each of its moves is counted
    as a new contact for its receiver, so every proposal is still feasible —
    no instructor is pushed over the limit — but a cleverer combination may
    exist. Reach is not what moves are chosen by: it may grow or shrink.

    **Cost.** Sorts and merges over the ``R`` assignment rows and the units
    behind them, O(R log R), then the flow of
    :func:`~graphkit.analysis.proposals.move_program.plan_moves`.

    Examples
    --------
    >>> net = Network.from_records(
    ...     nodes={"Unit": [{"id": f"U{i}"} for i in range(4)],
    ...            "Instructor": [{"id": "I1", "name": "张伟"}, {"id": "I2", "name": "李娜"}]},
    ...     rels={"GUIDES": [("I1", "U0"), ("I1", "U1"), ("I1", "U2"), ("I2", "U3")]},
    ... )
    >>> moves = rebalance_instructors(net, settings=Settings(max_contacts_per_instructor=2))
    >>> moves[["subject_id", "from_id", "to_id"]].values.tolist()
    [['U0', 'I1', 'I2']]
    >>> moves.loc[0, "detail"]
    '将联系对象“U0”由张伟调整给李娜：张伟联系对象由3个减为2个，李娜由1个变为2个（上限2个）'

    """
    settings = settings or Settings()
    limit = settings.max_contacts_per_instructor
    rows = _contacts(net)
    count = rows.groupby("instructor_id").size().reindex(net.instructors.index, fill_value=0)
    over = count[count > limit]
    if over.empty:
        return empty_proposals()
    rows["street"] = _contact_streets(net, rows)
    first = ~rows["key"].duplicated().to_numpy()
    contact_street = pd.Series(rows["street"].array[first], index=pd.Index(rows["key"][first], dtype=STRING))
    home = _home_streets(net, rows)
    targets = count[count <= limit]
    orows = rows[isin(rows["instructor_id"], over.index)].copy()
    o_pos = pd.Series(np.arange(len(over)), index=over.index)
    orows["o"] = orows["instructor_id"].map(o_pos).astype("int64")
    moves = plan_moves(
        orows,
        excess=(over - limit).to_numpy(),
        target_contacts=rows.loc[isin(rows["instructor_id"], targets.index), ["instructor_id", "key"]],
        spare=(limit - targets).astype("int64"),
        home=home,
        contact_street=contact_street,
    )
    return _describe_moves(net, moves, settings=settings, home=home, rows=rows)


def _contacts(net: Network) -> pd.DataFrame:
    """Every instructor's contacts: ``a, instructor_id, target, target_kind, key``.

    One row per distinct (instructor, target), numbered ``a``; ``key`` is
    ``kind:id``, unique across kinds.
    """
    rows = instructor_contacts(net)
    rows.insert(0, "a", np.arange(len(rows)))
    rows["key"] = (rows["target_kind"] + ":" + rows["target"]).astype(STRING)
    return rows


def _contact_streets(net: Network, rows: pd.DataFrame) -> pd.Series:
    """Each contact's street id, aligned with ``rows`` (every row of :func:`_contacts`, in order).

    Worked out on integer codes: the units' streets numbered once, the
    contacts' positions and the units behind an organisation or carrier taken
    from the network's caches, so no text id is hashed.
    """
    unit_street, streets = unit_street_codes(net)
    _, kind_code, where = contact_positions(net)
    code = np.full(len(rows), -1, dtype=np.int64)
    text = np.full(len(rows), None, dtype=object)  # a street only the node itself states
    for kind, rel in (("Unit", None), ("PartyOrg", "COVERED_BY"), ("Carrier", "LOCATED_IN")):
        mine = np.flatnonzero(kind_code == CONTACT_KINDS.index(kind))
        if len(mine) == 0:
            continue
        at = where[mine]
        if rel is None:
            code[mine] = unit_street[at]
            continue
        common = commonest_unit_street(net, rel, kind, position_mask(len(net.nodes[kind]), at))
        code[mine] = common[at]
        own = net.street_of(kind).array.take(at)
        text[mine] = own.to_numpy(dtype=object, na_value=None)
    named = np.asarray(streets, dtype=object)
    out = np.where(code >= 0, named[np.maximum(code, 0)] if len(named) else None, text)
    return pd.Series(pd.array(out, dtype=STRING), index=rows.index)


def _home_streets(net: Network, rows: pd.DataFrame) -> pd.Series:
    """Each instructor's street: the street that sent it, else the commonest street of its contacts."""
    sent = net.linked("SENT_BY", "Instructor", "Street").drop_duplicates("source")
    home = sent.set_index("source")["target"]
    common = most_common(rows, "instructor_id", "street")
    out = home.reindex(net.instructors.index)
    out = out.fillna(common.reindex(net.instructors.index))
    return out.astype(STRING)


def _describe_moves(
    net: Network,
    moves: pd.DataFrame,
    *,
    settings: Settings,
    home: pd.Series,
    rows: pd.DataFrame,
) -> pd.DataFrame:
    """The proposals frame of ``moves``: names, streets and the contacts before and after in words."""
    if moves.empty:
        return empty_proposals()
    lang = settings.lang
    limit = settings.max_contacts_per_instructor
    moves = moves.sort_values(["from_id", "target"], kind="stable").reset_index(drop=True)
    before = rows.groupby("instructor_id").size()
    after = _contacts_after(rows, moves)
    names = net.instructors["name"].astype(STRING)
    src = moves["from_id"].map(names).fillna(moves["from_id"]).astype(STRING)
    dst = moves["to_id"].map(names).fillna(moves["to_id"]).astype(STRING)
    to_home = moves["to_id"].map(home)
    cross = (to_home.notna() & moves["street"].notna() & to_home.ne(moves["street"])).fillna(False)
    key = (moves["target_kind"] + ":" + moves["target"]).astype(STRING)
    held = pd.MultiIndex.from_frame(rows[["instructor_id", "key"]].astype(str))
    shared = pd.MultiIndex.from_arrays([moves["to_id"].astype(str), key.astype(str)]).isin(held)
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


def _contacts_after(rows: pd.DataFrame, moves: pd.DataFrame) -> pd.Series:
    """Contacts of the instructors of ``moves`` once every move is made (as :func:`apply_moves` would).

    ``rows`` is the contacts frame of :func:`_contacts`; a move hands its contact ``a`` to ``to_id``.
    """
    involved = pd.Index(pd.concat([moves["from_id"], moves["to_id"]]).unique())
    new_owner = pd.Series(moves["to_id"].to_numpy(), index=moves["a"].to_numpy())
    owner = rows["a"].map(new_owner).astype(STRING).fillna(rows["instructor_id"].astype(STRING))
    after = pd.DataFrame({"instructor_id": owner, "key": rows["key"]})
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
    return Network(
        net.nodes, rels, rejects=net.rejects, findings=net.findings, meta=net.meta, columns=net.source_columns
    )
