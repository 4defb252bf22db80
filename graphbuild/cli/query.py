"""``graphbuild query GRAPH.json talks|people|projects|events|timeline|explain``.

A thin layer over :class:`graphbuild.api.KnowledgeGraph`: the same filters,
the same name matching, aligned tables or ``--json``.
"""
from __future__ import annotations

import argparse
import json

from graphbuild.api import load

EPILOG = """examples:
  graphbuild query out/graph.json talks --speaker "Stefan Hajnoczi"
  graphbuild query out/graph.json talks --event "KVM Forum" --project QEMU
  graphbuild query out/graph.json people --project QEMU
  graphbuild query out/graph.json events --series "KVM Forum"
  graphbuild query out/graph.json timeline "Stefan Hajnoczi"
  graphbuild query out/graph.json explain QEMU
  graphbuild query out/graph.json talks --project QEMU --json
"""

# query -> (help, example, [(option, help)], positional argument or None)
QUERIES = {
    "talks": ("talks, filtered by speaker, event (an edition or a series), project, series, year",
              'talks --speaker "Stefan Hajnoczi" --event "KVM Forum 2014"',
              [("speaker", "a person's name"), ("event", "an event edition or series name"),
               ("project", "a project's name"), ("series", "an event series name"),
               ("year", "a year, e.g. 2014")], None),
    "people": ("people and their number of talks, most talks first",
               "people --project QEMU",
               [("project", "people who presented talks about this project"),
                ("event", "people who presented at this event or series"),
                ("organization", "people affiliated with this organization")], None),
    "projects": ("projects and their number of talks, most talks first",
                 'projects --speaker "Stefan Hajnoczi"',
                 [("speaker", "projects this person presented talks about"),
                  ("event", "projects of talks at this event or series")], None),
    "events": ("event editions with year, places, series, co-located events and talks",
               'events --series "KVM Forum"',
               [("series", "editions of this event series"), ("year", "a year, e.g. 2014"),
                ("place", "events held in this place")], None),
    "timeline": ("a person's talks grouped by year", 'timeline "Stefan Hajnoczi"', [], "person"),
    "explain": ("the report lines behind a node, and its merges", "explain QEMU", [], "name"),
}


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "query",
        help="list talks, people, projects or events of a graph.json",
        description="Query a graph.json (from `graphbuild build`). Names match labels and aliases "
                    "case-insensitively, with accents, punctuation and honorifics ignored; "
                    "node ids work too.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("graph", metavar="GRAPH.json", help="the graph.json to read (or its folder)")
    queries = parser.add_subparsers(dest="query", metavar="QUERY", required=True,
                                    parser_class=type(parser))
    for name, (help_text, example, options, positional) in QUERIES.items():
        sub = queries.add_parser(
            name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".",
            epilog=f"example:\n  graphbuild query out/graph.json {example}\n",
            formatter_class=argparse.RawDescriptionHelpFormatter)
        if positional:
            sub.add_argument(positional, help=f"a {positional}'s name or node id")
        for option, option_help in options:
            sub.add_argument(f"--{option}", metavar=option.upper(), help=option_help,
                             type=int if option == "year" else str)
        sub.add_argument("--json", action="store_true", help="print JSON for scripts instead of a table")
        sub.set_defaults(func=run, options=[o for o, _ in options], positional=positional)
    return parser


def run(args) -> int:
    kg = load(args.graph)
    method = getattr(kg, args.query)
    if args.positional:
        result = method(getattr(args, args.positional))
    else:
        result = method(**{o: getattr(args, o) for o in args.options if getattr(args, o) is not None})
    if args.query == "explain":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) if args.json else result)
    elif args.json:
        print(json.dumps(result.to_records(), ensure_ascii=False, indent=1))
    else:
        print(result.to_text())
    return 0
