"""``graphkit draw``: every static diagram of a ledger plus one offline interactive page."""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from graphkit.exceptions import GraphkitError
from graphkit.model import Network

__all__ = ["register", "resolve_focus", "run"]


def register(sub: Any) -> None:
    """Add the ``draw`` subcommand."""
    p = sub.add_parser(
        "draw",
        help="draw the district overview, coverage and instructor diagrams and an offline interactive page",
        description="Write overview, coverage_by_street, instructor_network and instructor_reach diagrams, "
        "one ego diagram per --focus, and network.html (interactive, works offline). "
        "Phone numbers are masked unless --show-contacts.",
    )
    p.add_argument("ledger", type=Path, metavar="LEDGER", help="ledger folder or workbook")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write into")
    p.add_argument(
        "--focus",
        nargs="+",
        default=[],
        metavar="ID",
        help="draw an ego diagram around these nodes (id or exact name of a unit, organisation, "
        "instructor, carrier, street …)",
    )
    p.add_argument("--radius", type=int, choices=(1, 2), default=1, help="steps around each --focus node")
    p.add_argument("--format", choices=("png", "svg", "pdf"), default="png", help="static diagram format")
    p.add_argument("--show-contacts", action="store_true", help="show phone numbers unmasked")
    p.add_argument("--max-nodes", type=int, default=3000, help="most nodes drawn in network.html")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="override a setting")
    p.set_defaults(func=run)


def resolve_focus(net: Network, wanted: Sequence[str]) -> list[str]:
    """Turn each ``--focus`` value (an id or an exact, unique name) into a node id.

    Each node table is searched for the few wanted values with one Arrow
    membership test per column, so a city's million names are never copied.

    Raises
    ------
    GraphkitError
        When a value is no node's id and not exactly one node's name.

    Examples
    --------
    >>> net = Network.from_records(nodes={"Unit": [{"id": "U1", "name": "甲公司"}, {"id": "U2", "name": "乙"},
    ...                                            {"id": "U3", "name": "乙"}]})
    >>> resolve_focus(net, ["U1", "甲公司"])
    ['U1', 'U1']
    >>> resolve_focus(net, ["丙公司"])
    Traceback (most recent call last):
    graphkit.exceptions.GraphkitError: --focus 丙公司: no node has this id or name
    >>> resolve_focus(net, ["乙"])
    Traceback (most recent call last):
    graphkit.exceptions.GraphkitError: --focus 乙: 2 nodes have this name; give an id

    """
    from graphkit.kernels import isin

    wanted = [str(v) for v in wanted]
    ids: set[str] = set()
    by_name: dict[str, set[str]] = {}
    for frame in net.nodes.values() if wanted else ():
        if not len(frame):
            continue
        ids.update(frame.index[isin(frame.index, wanted)].astype(str))
        if "name" in frame.columns:
            hit = isin(frame["name"], wanted)
            for node_id, name in zip(
                frame.index[hit].astype(str), frame["name"][hit].astype(str), strict=True
            ):
                by_name.setdefault(name, set()).add(node_id)
    out = []
    for value in wanted:
        if value in ids:
            out.append(value)
            continue
        hits = sorted(by_name.get(value, ()))
        if len(hits) != 1:
            why = (
                "no node has this id or name" if not hits else f"{len(hits)} nodes have this name; give an id"
            )
            msg = f"--focus {value}: {why}"
            raise GraphkitError(msg)
        out.append(hits[0])
    return out


def run(args: argparse.Namespace) -> int:
    """Read the ledger and write the diagrams."""
    import matplotlib

    matplotlib.use("Agg")
    import loaders
    from graphkit import draw
    from graphkit.analysis import coverage, instructor_load
    from graphkit.draw.interactive import interactive_html
    from graphkit.settings import Settings

    settings = Settings.from_overrides(args.set)
    net = loaders.read_ledger(args.ledger)
    focus = resolve_focus(net, args.focus)
    cov = coverage(net, settings=settings)
    load = instructor_load(net, settings=settings)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    ext = f".{args.format}"
    written: list[Path] = []
    plots = [
        ("overview", lambda: draw.plot_overview(net, coverage=cov)),
        ("coverage_by_street", lambda: draw.plot_coverage_by_street(cov)),
        ("instructor_reach", lambda: draw.plot_instructor_reach(load, settings=settings)),
    ]
    if len(net.instructors):
        plots.append(
            ("instructor_network", lambda: draw.plot_instructor_network(net, coverage=cov, settings=settings))
        )
    for node_id in focus:
        safe = re.sub(r"[^\w.-]+", "_", node_id)
        plots.append(
            (
                f"ego_{safe}",
                lambda node_id=node_id: draw.plot_ego(
                    net, node_id, radius=args.radius, coverage=cov, show_contacts=args.show_contacts
                ),
            )
        )
    for stem, plot in plots:
        fig, _ = plot()
        written.append(draw.save(fig, out / f"{stem}{ext}"))
        draw.close(fig)
    page = interactive_html(
        net,
        coverage=cov,
        title=f"{args.ledger.stem} 两新组织党建网络",
        show_contacts=args.show_contacts,
        max_nodes=args.max_nodes,
    )
    html_path = out / "network.html"
    html_path.write_text(page, encoding="utf-8")
    written.append(html_path)
    for path in written:
        print(path)
    return 0
