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
        description="Write overview, coverage_by_street, instructor_network, instructor_contacts and "
        "instructor_reach diagrams, one ego diagram per --focus, and network.html (interactive, works "
        "offline). Phone numbers are masked unless --show-contacts.",
    )
    p.add_argument("ledger", type=Path, metavar="LEDGER", help="ledger folder or workbook")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write into")
    p.add_argument(
        "--focus",
        nargs="+",
        default=[],
        metavar="ID_OR_NAME",
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
    """Turn each ``--focus`` value (an id or an exact, unique name) into a node id, by :meth:`Network.find`.

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
    graphkit.exceptions.GraphkitError: --focus 丙公司: no node has the id or name '丙公司'
    >>> resolve_focus(net, ["乙"])
    Traceback (most recent call last):
    graphkit.exceptions.GraphkitError: --focus 乙: '乙' names 2 nodes (U2 Unit, U3 Unit): give the id instead

    """
    out = []
    for value in wanted:
        try:
            out.append(net.find(str(value)))
        except KeyError as exc:
            msg = f"--focus {value}: {exc.args[0]}"
            raise GraphkitError(msg) from None
    return out


def run(args: argparse.Namespace) -> int:
    """Read the ledger and write the diagrams."""
    import matplotlib

    matplotlib.use("Agg")
    import loaders
    from graphkit import draw, i18n
    from graphkit.analysis import coverage, instructor_load
    from graphkit.cli.paths import check_out_not_input
    from graphkit.draw.interactive import interactive_html
    from graphkit.settings import Settings

    settings = Settings.from_overrides(args.set)
    check_out_not_input(args.out, [args.ledger])
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
        ("instructor_contacts", lambda: draw.plot_instructor_contacts(load, settings=settings)),
        ("instructor_reach", lambda: draw.plot_instructor_reach(load, settings=settings)),
    ]
    if len(net.instructors):
        plots.append(
            ("instructor_network", lambda: draw.plot_instructor_network(net, coverage=cov, settings=settings))
        )
    for asked, node_id in zip(args.focus, focus, strict=True):
        # named after what the user asked for (a name stays a name; \w keeps Chinese)
        safe = re.sub(r"[^\w.-]+", "_", str(asked)).strip("_") or re.sub(r"[^\w.-]+", "_", node_id)
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
        title=i18n.text("draw.network_title"),  # not the file's stem ("ledger 两新…")
        show_contacts=args.show_contacts,
        max_nodes=args.max_nodes,
    )
    html_path = out / "network.html"
    html_path.write_text(page, encoding="utf-8")
    written.append(html_path)
    for path in written:
        print(path)
    return 0
