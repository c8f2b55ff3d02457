"""What the diagrams take: an :class:`Analysis` or a :class:`Network`, and names wherever ids.

An :class:`Analysis` brings its network, coverage and settings, so nothing is
computed again; a bare :class:`Network` is analysed as far as a diagram needs
(its coverage, say). A node is named by its id or by its exact name, resolved
with :meth:`Network.find`; a name that no node or several nodes have is a
:class:`GraphkitError` that says so.

Examples
--------
>>> import graphkit as gk
>>> net = gk.datasets.tiny()
>>> find_node(net, "锦艺城", caller="example"), find_node(net, "C1", caller="example")
('C1', 'C1')
>>> coverage_of(net).loc["U03", "status"]
'joint_org'

"""

from __future__ import annotations

import pandas as pd

from graphkit.analysis import coverage
from graphkit.exceptions import GraphkitError
from graphkit.model import Network
from graphkit.results import Analysis
from graphkit.settings import Settings

__all__ = ["coverage_of", "find_node", "network_of", "node_names", "settings_of"]


def network_of(data: Analysis | Network) -> Network:
    """The network of ``data``: the analysed network of an :class:`Analysis`, or ``data`` itself.

    Raises
    ------
    GraphkitError
        When ``data`` is neither.

    Examples
    --------
    >>> import graphkit as gk
    >>> net = gk.datasets.tiny()
    >>> network_of(gk.analyze(net)) is net, network_of(net) is net
    (True, True)

    """
    if isinstance(data, Analysis):
        return data.network
    if isinstance(data, Network):
        return data
    msg = f"expected a Network or an Analysis, got {type(data).__name__}"
    raise GraphkitError(msg)


def settings_of(data: object, settings: Settings | None = None) -> Settings:
    """``settings`` when given, else those of an :class:`Analysis`, else the defaults.

    Examples
    --------
    >>> settings_of(None).max_contacts_per_instructor
    8
    >>> settings_of(None, Settings(max_contacts_per_instructor=3)).max_contacts_per_instructor
    3

    """
    if settings is not None:
        return settings
    return data.settings if isinstance(data, Analysis) else Settings()


def coverage_of(data: Analysis | Network | pd.DataFrame) -> pd.DataFrame:
    """The unit coverage frame of ``data``.

    ``data`` is a :class:`Network` (coverage is computed with
    :func:`graphkit.analysis.coverage`), an :class:`Analysis` (its ``coverage``)
    or a coverage frame itself (indexed by ``unit_id`` with ``status`` and
    ``street`` columns).

    Raises
    ------
    GraphkitError
        When ``data`` is none of these, or a frame lacks ``status`` or ``street``.

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1"}]})
    >>> coverage_of(net)["status"].tolist()
    ['uncovered']

    """
    if isinstance(data, Network):
        return coverage(data)
    if isinstance(data, pd.DataFrame):
        frame = data
    elif isinstance(data, Analysis):
        frame = data.coverage
    else:
        msg = f"expected a Network, an Analysis or a coverage frame, got {type(data).__name__}"
        raise GraphkitError(msg)
    missing = {"status", "street"} - set(frame.columns)
    if missing:
        msg = f"coverage frame lacks the column(s) {', '.join(sorted(missing))}"
        raise GraphkitError(msg)
    return frame


def find_node(net: Network, name_or_id: str, *, caller: str, kind: str | None = None) -> str:
    """The id of the node ``name_or_id`` names: an id, or else one node's exact name.

    Parameters
    ----------
    net
        The network; read-only.
    name_or_id
        A node id or the exact name of one node (see :meth:`Network.find`).
    caller
        What asks (a function or option name), to start the error message.
    kind
        Look among nodes of this kind only.

    Raises
    ------
    GraphkitError
        When no node has that id or name, or several nodes share the name (the
        message lists their ids).

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "乙"}, {"id": "U2", "name": "乙"}]})
    >>> find_node(net, "U2", caller="plot_ego")
    'U2'
    >>> find_node(net, "乙", caller="plot_ego")
    Traceback (most recent call last):
    ...
    graphkit.exceptions.GraphkitError: plot_ego: '乙' names 2 nodes (U1 Unit, U2 Unit): give the id instead
    >>> find_node(net, "丙", caller="plot_ego")
    Traceback (most recent call last):
    ...
    graphkit.exceptions.GraphkitError: plot_ego: no node with id '丙' or name '丙' in the network

    """
    try:
        return net.find(name_or_id, kind=kind)
    except KeyError as exc:
        reason = str(exc.args[0])
    text = str(name_or_id)
    frames = net.nodes.values() if kind is None else [net.nodes[kind]]
    if any(len(f) and f["name"].eq(text).any() for f in frames):  # several share the name
        msg = f"{caller}: {reason}"
    else:
        what = "node" if kind is None else f"{kind} node"
        msg = f"{caller}: no {what} with id {text!r} or name {text!r} in the network"
    raise GraphkitError(msg) from None


def node_names(net: Network) -> pd.Series:
    """Name of every node, indexed by id; the id itself where the name is missing.

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "甲"}, {"id": "U2"}]})
    >>> node_names(net).tolist()
    ['甲', 'U2']

    """
    parts = [f["name"].astype(object).fillna(pd.Series(f.index, index=f.index)) for f in net.nodes.values()]
    out = pd.concat([p for p in parts if len(p)]) if any(len(p) for p in parts) else pd.Series(dtype=object)
    return out.astype(str)
