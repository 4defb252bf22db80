"""``graphbuild stats GRAPH.json``: how many nodes and edges of each type."""
from __future__ import annotations

import argparse
import json

from graphbuild.api import load
from graphbuild.api_records import text_table
from graphbuild.schedules.counts import programme_counts

EPILOG = """examples:
  graphbuild stats out/graph.json
  graphbuild stats out/graph.json --json | jq .nodes.Person
  graphbuild stats --unread out/graph.json --limit 50
"""


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "stats",
        help="count the nodes and edges of a graph.json by type",
        description="Count the nodes and edges of a graph.json (from `graphbuild build`) by type, "
                    "and the reports skipped or read with warnings.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("graph", metavar="GRAPH.json", help="the graph.json to read (or its folder)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--unread", action="store_true",
                        help="list the units of the reports (re-read from their paths) that carry talk "
                             "signals but gave no talk; see docs/unread.md")
    parser.add_argument("--limit", type=int, metavar="N", help="with --unread: list at most N units")
    parser.set_defaults(func=run)
    return parser


def stats_data(kg) -> dict:
    """Counts as a JSON-ready dict: nodes and edges by type, skipped files, warnings."""
    rows = kg.summary()
    meta = kg.graph.graph
    return {
        "nodes": {r.type: r.count for r in rows if r.kind == "node"},
        "edges": {r.type: r.count for r in rows if r.kind == "edge"},
        "total": {"nodes": kg.graph.number_of_nodes(), "edges": kg.graph.number_of_edges()},
        "inputs": list(meta.get("inputs") or []),
        "skipped": len(meta.get("skipped") or []),
        "warnings": len(meta.get("warnings") or []),
        "programmes": programme_counts(kg.graph),
    }


def run(args) -> int:
    kg = load(args.graph)
    if args.unread:
        return print_unread(kg, args)
    data = stats_data(kg)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    total = data["total"]
    print(f"{args.graph}: {total['nodes']} nodes, {total['edges']} edges")
    for kind in ("nodes", "edges"):
        rows = [[t, str(c)] for t, c in data[kind].items()]
        rows.append(["total", str(total[kind])])
        print()
        print(text_table([f"{kind[:-1]} type", "count"], rows, right=["count"]))
    print()
    print(f"reports skipped: {data['skipped']}, read with warnings: {data['warnings']}")
    if data["programmes"]:
        p = data["programmes"]
        print(f"report talks confirmed by {p['programmes']} conference programme(s): {p['confirmed']}; "
              f"not listed in any: {p['unconfirmed']} ({p['unconfirmed_at_scheduled_editions']} of them "
              f"at an edition with a programme); sessions no report names: {p['programme_only']}")
    return 0


def print_unread(kg, args) -> int:
    from graphbuild.audit import find_unread, render

    listing = find_unread(kg.graph)
    print(json.dumps(listing.to_dict(args.limit), ensure_ascii=False, indent=1) if args.json
          else render(listing, args.limit))
    return 0
