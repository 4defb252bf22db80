"""Command line: ``graphbuild COMMAND ...``; a thin layer over the library.

Each command lives in its own module with ``add_parser(subparsers)`` (which
sets ``func`` on its parser) and returns an exit status.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from graphbuild import __version__
from graphbuild.errors import GraphbuildError, UsageError

# command modules, in the order `graphbuild --help` lists them
COMMANDS = ["build", "export", "stats", "query"]

EPILOG = """examples:
  graphbuild build data/reports --out out
  graphbuild build --help
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # bad usage: exit status 2 with the usage line
        self.print_usage(sys.stderr)
        self.exit(2, f"graphbuild: error: {message}\n")


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="graphbuild",
        description="Turn conference and event reports (Markdown, HTML, AsciiDoc) and conference "
                    "programmes (frab XML, schedule JSON, iCalendar) into a knowledge graph.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"graphbuild {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f"graphbuild.cli.{name}").add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"graphbuild: error: {exc}", file=sys.stderr)
        return 2
    except GraphbuildError as exc:
        print(f"graphbuild: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("graphbuild: interrupted; previous output files are left as they were", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
