"""``graphbuild export GRAPH.json --format graphml,gexf --out DIR``: write other formats
from a graph.json made by ``graphbuild build``."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from graphbuild.errors import GraphbuildError, UsageError
from graphbuild.export.formats import DEFAULT_FORMATS, FORMATS, parse_formats, write_formats

EPILOG = """formats:
{formats}

examples:
  graphbuild export out/graph.json
  graphbuild export out/graph.json --format gexf,neo4j --out exports
  graphbuild export out/graph.json --format all
"""


def add_parser(subparsers) -> argparse.ArgumentParser:
    formats = "\n".join(f"  {f.name:<8} {', '.join(f.files):<14} {f.description}" for f in FORMATS.values())
    parser = subparsers.add_parser(
        "export",
        help="write graph.json as GraphML, GEXF, JSON-LD, Neo4j CSV or HTML",
        description="Write a graph.json (from `graphbuild build`) in other formats. "
                    "The same graph always gives the same bytes.",
        epilog=EPILOG.format(formats=formats),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("graph", metavar="GRAPH.json", help="the graph.json to export")
    parser.add_argument("--format", "-f", dest="formats", default=",".join(DEFAULT_FORMATS),
                        metavar="FORMATS",
                        help=f"comma-separated formats, or all (default: {','.join(DEFAULT_FORMATS)})")
    parser.add_argument("--out", "-o", metavar="DIR", default=None,
                        help="output folder (default: the folder of GRAPH.json)")
    parser.set_defaults(func=run)
    return parser


def load_graph(path: Path):
    """Read graph.json; a missing file is a usage error, a broken one a GraphbuildError."""
    from graphbuild.export.json import read_json

    if not path.is_file():
        raise UsageError(f"graph file not found: {path} (make one with `graphbuild build REPORTS --out DIR`)")
    try:
        return read_json(path)
    except UnicodeDecodeError as exc:
        raise GraphbuildError(f"not a UTF-8 text file ({exc.reason})", path=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise GraphbuildError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                              "rebuild it with `graphbuild build`", path=str(path)) from exc
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise GraphbuildError(f"not a graphbuild graph.json ({type(exc).__name__}: {exc}); "
                              "rebuild it with `graphbuild build`", path=str(path)) from exc


def run(args) -> int:
    names = parse_formats(args.formats)
    path = Path(args.graph)
    g = load_graph(path)
    out = Path(args.out) if args.out else path.parent
    for written in write_formats(g, out, names):
        print(written)
    return 0
