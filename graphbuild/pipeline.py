"""The whole run: read -> extract -> resolve -> build, as one function.

``run(paths)`` returns the networkx.MultiDiGraph that ``graphbuild build``
writes; ``graphbuild.build(paths)`` wraps it in a KnowledgeGraph.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import networkx as nx

from graphbuild.extract import DEFAULT_MODEL, extract_many
from graphbuild.graph import build_graph
from graphbuild.readers import read_all
from graphbuild.resolve import find_alias_file, load_alias_file, resolve
from graphbuild.types import Extraction, Problem


@dataclass
class Options:
    """Everything a build can be told. Defaults suit a first run."""
    model: str = DEFAULT_MODEL
    aliases: str | None = None          # alias file; None: look for graphbuild-aliases.yaml in inputs
    log: Callable[[str], None] | None = None


@dataclass
class RunInfo:
    """What a run did, for the summary the CLI prints."""
    reports: int = 0
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def extract_all(reports, options: Options) -> list[Extraction]:
    return list(extract_many(reports, model=options.model))


def run(paths: Sequence[str], *, info: RunInfo | None = None, **kwargs) -> nx.MultiDiGraph:
    """Build the graph of the reports under ``paths`` (files or folders)."""
    options = Options(**kwargs)
    log = options.log or _stderr
    info = info if info is not None else RunInfo()
    reports, skipped, warnings = read_all(list(paths))
    for p in skipped:
        log(f"graphbuild: skipped {p.path}: {p.message}")
    for p in warnings:
        log(f"graphbuild: warning: {p.path}: {p.message}")
    alias_path = options.aliases or find_alias_file(paths)
    rules = load_alias_file(alias_path) if alias_path else None
    extractions = extract_all(reports, options)
    resolved = resolve(extractions, aliases=rules)
    info.reports, info.skipped, info.warnings = len(reports), skipped, warnings
    inputs = [str(p) for p in paths]
    if alias_path:
        inputs.append(str(alias_path))
    return build_graph(resolved, inputs=inputs, skipped=skipped, warnings=warnings)


def input_paths(paths: Sequence[str]) -> list[Path]:
    return [Path(p) for p in paths]
