"""``graphkit export``: the ledger as a GraphML, GEXF, node-link JSON or neo4j-admin file set."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from graphkit.cli.analyze import add_settings_options, settings_from_args

__all__ = ["register", "run"]

FORMATS = ("graphml", "gexf", "json", "neo4j-admin")


def register(sub: Any) -> None:
    """Add the ``export`` subcommand."""
    p = sub.add_parser(
        "export",
        help="write the ledger's graph as GraphML, GEXF, node-link JSON or neo4j-admin import CSV",
        description="Write the ledger's graph for Gephi, yEd, Cytoscape, networkx or neo4j-admin import. "
        "Attributes are typed and cleaned; graphkit.export.read_graph reads the first three back. "
        "Phone numbers are masked unless --show-contacts.",
    )
    p.add_argument("ledger", type=Path, metavar="LEDGER", help="ledger folder or workbook")
    p.add_argument("--format", choices=FORMATS, default=None, help="default: from the suffix of --out")
    p.add_argument("--out", type=Path, required=True, help="file to write (a folder for neo4j-admin)")
    p.add_argument("--show-contacts", action="store_true", help="write phone numbers unmasked")
    add_settings_options(p, as_of_help="date of the analysis results on the nodes (default: today)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the ledger and write it in the chosen format."""
    import loaders
    from graphkit.cli.paths import check_out_not_input

    check_out_not_input(args.out, [args.ledger])
    settings = settings_from_args(args)
    net = loaders.read_ledger(args.ledger, as_of=settings.today)
    from graphkit.analysis import analyze

    if args.format == "neo4j-admin":
        from graphkit.neo4j.admin import write_admin_import

        # the analysis's results on the nodes, as `graphkit neo4j push` writes them
        analysis = analyze(net, settings=settings)
        write_admin_import(net, args.out, show_contacts=args.show_contacts, analysis=analysis)
        print(f"wrote neo4j-admin import files to {args.out}")
        return 0
    from graphkit.export import write_graph

    # with the analysis's results on the nodes, so Gephi can colour by status and overloaded
    path = write_graph(
        analyze(net, settings=settings), args.out, format=args.format, show_contacts=args.show_contacts
    )
    print(f"wrote {path}")
    return 0
