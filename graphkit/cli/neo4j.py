"""``graphkit neo4j start|stop|status|push|queries|analyze``: a local server and the graph in it.

``start``/``stop``/``status`` manage a local Neo4j Community server (see
:mod:`graphkit.neo4j.server`); ``push`` writes a ledger into Neo4j (see
:mod:`graphkit.neo4j.push`). Connection settings come from ``NEO4J_URI``,
``NEO4J_USERNAME`` and ``NEO4J_PASSWORD``; the password is never printed.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from graphkit.exceptions import GraphkitError

__all__ = ["register", "run"]


def register(sub: Any) -> None:
    """Add the ``neo4j`` subcommand and its own subcommands."""
    p = sub.add_parser(
        "neo4j",
        help="a local Neo4j server with Browser; push a ledger into Neo4j",
        description="Run a local Neo4j Community server (127.0.0.1, authentication on) and write "
        "ledgers into Neo4j. Connection: NEO4J_URI (bolt://127.0.0.1:7687), NEO4J_USERNAME (neo4j), "
        "NEO4J_PASSWORD (else the local server's password file). Server home: GRAPHKIT_NEO4J_HOME "
        "(else ./.neo4j); ports: GRAPHKIT_NEO4J_BOLT_PORT, GRAPHKIT_NEO4J_HTTP_PORT.",
    )
    p.set_defaults(func=run, neo4j_command=None)
    cmds = p.add_subparsers(dest="neo4j_command", metavar="ACTION")
    cmds.required = True

    start = cmds.add_parser("start", help="start the local server in the background (idempotent)")
    start.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for it (180)")
    cmds.add_parser("stop", help="stop the local server started from this home")
    cmds.add_parser("status", help="is the local server running, where, and where its password is")

    push = cmds.add_parser("push", help="write a ledger into Neo4j (idempotent)")
    push.add_argument("ledger", metavar="LEDGER", help="ledger folder or XLSX workbook")
    push.add_argument("--database", metavar="DB", help="target database (default: the server's default)")
    push.add_argument("--replace", action="store_true", help="delete the previous graphkit graph first")
    push.add_argument("--batch-size", type=int, default=5000, metavar="N", help="rows per transaction (5000)")
    push.add_argument(
        "--sessions", type=int, default=2, metavar="N", help="batches written at the same time (2)"
    )
    push.add_argument("--show-contacts", action="store_true", help="write phone numbers unmasked")
    push.add_argument(
        "--no-analysis",
        action="store_true",
        help="leave out the analysis results (coverage status and its labels on units, load on "
        "instructors, grades on party organisations), which push computes first like `graphkit analyze`",
    )
    from graphkit.cli.analyze import add_analysis_options, add_settings_options

    add_settings_options(push, as_of_help="date of the analysis results on the nodes (default: today)")

    queries = cmds.add_parser(
        "queries",
        help="the named Cypher queries as Browser favourites",
        description="Write the Cypher twins of the analyses and some exploration queries as a zip "
        "of .cypher files; drag it onto Neo4j Browser's favourites to get a folder of saved queries. "
        "Thresholds are written into the queries (--config/--set); the as-of date is the server's "
        "today unless --as-of is given.",
    )
    queries.add_argument("--zip", required=True, metavar="FILE", help="zip file to write")
    add_settings_options(
        queries,
        as_of_help="fixed as-of date (default: date())",
        set_help="change one threshold written into the queries (after --config)",
    )

    analyze = cmds.add_parser(
        "analyze",
        help="the analyses run as Cypher in Neo4j",
        description="Run the Cypher twins of the analyses on the graph in Neo4j and write "
        "findings.csv, coverage.csv, instructors.csv and summary.json, with the same columns and "
        "rows as `graphkit analyze` on the pushed ledger.",
    )
    add_analysis_options(analyze)
    analyze.add_argument("--database", metavar="DB", help="database to read")


def run(args: argparse.Namespace) -> int:
    """Run ``graphkit neo4j ACTION``."""
    action = args.neo4j_command
    if action in ("start", "stop", "status"):
        return _server(args, action)
    if action == "push":
        return _push(args)
    if action == "queries":
        return _queries(args)
    if action == "analyze":
        return _analyze(args)
    msg = f"`graphkit neo4j {action}` is not available yet"
    raise GraphkitError(msg)


def _server(args: argparse.Namespace, action: str) -> int:
    from graphkit.neo4j import server

    if action == "start":
        if not server.status().running:
            print("starting Neo4j (the first start fetches the server with Maven) ...", file=sys.stderr)
        state, started = server.start(timeout=args.timeout)
        print("started" if started else "already running")
        print(state)
    elif action == "stop":
        stopped = server.stop()
        print("stopped" if stopped else "not running (nothing to stop)")
    else:
        print(server.status())
    return 0


def _push(args: argparse.Namespace) -> int:
    import loaders
    from graphkit.cli.analyze import settings_from_args
    from graphkit.neo4j import connect, push

    if args.batch_size < 1:
        msg = f"--batch-size must be at least 1, got {args.batch_size}"
        raise GraphkitError(msg)
    if args.sessions < 1:
        msg = f"--sessions must be at least 1, got {args.sessions}"
        raise GraphkitError(msg)
    settings = settings_from_args(args)
    net = loaders.read_ledger(args.ledger, as_of=settings.today)
    analysis = None
    if not args.no_analysis:
        from graphkit.analysis import analyze

        analysis = analyze(net, settings=settings)
    with connect(database=args.database) as driver:
        result = push(
            net,
            driver=driver,
            database=args.database,
            replace=args.replace,
            batch_size=args.batch_size,
            sessions=args.sessions,
            show_contacts=args.show_contacts,
            analysis=analysis,
            progress=sys.stderr.isatty(),
            log=lambda text: print(text, file=sys.stderr),
        )
    where = f" into database {args.database}" if args.database else ""
    print(
        f"wrote {result['nodes']} nodes and {result['relationships']} relationships{where} "
        f"in {result['seconds']:.1f} s ({result['rate']:.0f} per second)"
    )
    if result["skipped"]:
        print(f"skipped {result['skipped']} relationships whose endpoints are missing", file=sys.stderr)
    return 0


def _queries(args: argparse.Namespace) -> int:
    from graphkit.cli.analyze import settings_from_args
    from graphkit.neo4j.browser_queries import browser_queries, write_queries_zip

    settings = settings_from_args(args)
    try:
        path = write_queries_zip(args.zip, settings=settings)
    except OSError as exc:
        msg = f"cannot write {args.zip}: {exc.strerror or exc}"
        raise GraphkitError(msg) from None
    n = len(browser_queries(settings))
    print(f"wrote {n} queries to {path} (drag it onto Neo4j Browser's favourites)")
    return 0


def _analyze(args: argparse.Namespace) -> int:
    from graphkit.cli.analyze import print_summary, settings_from_args
    from graphkit.neo4j import connect
    from graphkit.neo4j.connection import session_errors
    from graphkit.neo4j.twins import write_twin_outputs

    if args.without:
        msg = "--without is not available in Neo4j: run `graphkit analyze LEDGER --without ...`"
        raise GraphkitError(msg)
    settings = settings_from_args(args)
    with connect(database=args.database) as driver:
        with session_errors(None, args.database):
            records, _, _ = driver.execute_query(
                "MATCH (u:Unit) RETURN count(u) AS units", database_=args.database
            )
        if not records[0]["units"]:
            where = f"database {args.database}" if args.database else "the default database"
            msg = f"{where} holds no units: push a ledger first (graphkit neo4j push LEDGER)"
            raise GraphkitError(msg)
        analysis, paths = write_twin_outputs(
            driver,
            args.out,
            settings=settings,
            database=args.database,
            show_contacts=args.show_contacts,
            formula_guard=args.formula_guard,
        )
    print_summary(analysis, paths)
    return 0
