"""The whole run: read -> extract -> resolve -> build, as one function.

``run(paths)`` returns the networkx.MultiDiGraph that ``graphbuild build``
writes; ``graphbuild.build(paths)`` wraps it in a KnowledgeGraph.

With ``cache=DIR`` a run reuses what earlier runs computed (graphbuild.cache):
parsed reports keyed by file bytes, extractions keyed by report content and
pipeline version, and the graph keyed by all extractions, the alias file and
the code. Extraction of the reports not in the cache is spread over
``workers`` processes (graphbuild.parallel).

Every report is read, and extracted, under a budget of wall time and memory
(``report_timeout``, ``report_memory``; graphbuild.budget); files over
``max_file_size`` bytes are not read. A report over budget is skipped with
the reason, on the log and in ``graph.skipped``, and the build goes on.
"""
from __future__ import annotations

import hashlib
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import networkx as nx

from graphbuild.budget import Limits
from graphbuild.cache import Cache, code_fingerprint, extraction_key, graph_key
from graphbuild.extract import DEFAULT_MODEL
from graphbuild.graph import build_graph
from graphbuild.readers import iter_inputs, read_all, read_report
from graphbuild.readers.text import read_bytes
from graphbuild.resolve import find_alias_file, load_alias_file, resolve
from graphbuild.types import Extraction, Problem, Report


@dataclass
class Options:
    """Everything a build can be told. Defaults suit a first run."""
    model: str = DEFAULT_MODEL
    aliases: str | None = None          # alias file; None: look for graphbuild-aliases.yaml in inputs
    log: Callable[[str], None] | None = None
    # Extraction processes; None: one per CPU core. More than 1 starts processes with
    # "spawn", which re-imports the main module: a script needs `if __name__ == "__main__":`.
    workers: int | None = 1
    cache: str | Path | None = None     # cache folder; None: no cache
    progress: bool = False              # progress bar on stderr (drawn only on a terminal)
    report_timeout: float = Limits.seconds      # seconds to read, or extract, one report; 0: none
    report_memory: int = Limits.memory          # bytes one report may add to a process; 0: none
    max_file_size: int = Limits.file_bytes      # larger files are skipped unread; 0: none

    @property
    def limits(self) -> Limits:
        return Limits(self.report_timeout, self.report_memory, self.max_file_size)


@dataclass
class RunInfo:
    """What a run did, for the summary the CLI prints."""
    reports: int = 0
    skipped: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    extracted: int = 0                  # reports extracted by this run
    cached: int = 0                     # reports whose extraction came from the cache
    graph_cached: bool = False          # the whole graph came from the cache
    graph_key: str = ""                 # cache key of the graph ("" without a cache)
    seconds: dict[str, float] = field(default_factory=dict)   # per stage


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def extract_all(reports, options: Options, *, done: Callable[[int], None] | None = None,
                pool=None) -> list[Extraction | Problem]:
    """Extractions of ``reports`` in order, over ``options.workers`` processes; a Problem
    in place of each report that went over budget."""
    from graphbuild.parallel import extract_reports
    return extract_reports(reports, model=options.model, workers=options.workers, done=done, pool=pool,
                           limits=options.limits)


def _early_pool(paths: Sequence[str], options: Options, cache: Cache):
    """Worker processes started before reading, when most reports will need extracting
    (no cache, or an empty one): they load the model while this process reads."""
    from graphbuild.parallel import effective_workers, start_pool

    if cache.enabled and (cache.root / "extract").is_dir():
        return None
    files, _ = iter_inputs(list(paths))
    workers = effective_workers(options.workers, len(files))
    return start_pool(options.model, workers, options.limits) if workers > 1 else None


class _CachedReader:
    """read_report through the cache: the file's bytes are hashed, parsed only on a miss."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        self.code = code_fingerprint("readers", "schedules", "types.py", "ids.py")

    def key(self, sha256: str, display_path: str, report_id: str) -> str:
        return hashlib.sha256("\0".join(("report", self.code, sha256, display_path, report_id))
                              .encode("utf-8")).hexdigest()

    def __call__(self, path, *, display_path: str, report_id: str, max_bytes: int | None = None) -> Report:
        digest = hashlib.sha256(read_bytes(path, display_path, max_bytes)).hexdigest()
        report = self.cache.get("report", self.key(digest, display_path, report_id))
        if isinstance(report, Report):
            return report
        report = read_report(path, display_path=display_path, report_id=report_id, max_bytes=max_bytes)
        self.cache.put("report", self.key(report.sha256, display_path, report_id), report)
        return report


def _extractions(reports: list[Report], keys: list[str], cache: Cache, options: Options,
                 info: RunInfo, pool=None) -> tuple[list[Extraction], list[Problem]]:
    """(extractions, reports skipped as over budget); skips are not cached."""
    found: list[Extraction | Problem | None] = []
    for key in keys:
        x = cache.get("extract", key)
        found.append(x if isinstance(x, Extraction) else None)
    missing = [i for i, x in enumerate(found) if x is None]
    info.cached, info.extracted = len(reports) - len(missing), len(missing)
    if missing:
        from graphbuild.progress import Progress

        with Progress(len(missing), "extracting", enabled=options.progress) as bar:
            fresh = extract_all([reports[i] for i in missing], options, done=bar.advance, pool=pool)
        for i, x in zip(missing, fresh):
            found[i] = x
            if isinstance(x, Extraction):
                cache.put("extract", keys[i], x)
    skipped = [x for x in found if isinstance(x, Problem)]
    info.extracted -= len(skipped)
    return [x for x in found if isinstance(x, Extraction)], skipped


def run(paths: Sequence[str], *, info: RunInfo | None = None, **kwargs) -> nx.MultiDiGraph:
    """Build the graph of the reports under ``paths`` (files or folders)."""
    options = Options(**kwargs)
    cache = Cache(options.cache)
    pool = _early_pool(paths, options, cache)
    try:
        return _run(paths, options, cache, info if info is not None else RunInfo(), pool)
    finally:
        if pool is not None:
            pool.shutdown(wait=True)


def _reader(cache: Cache, bar):
    """read_report, through the cache when there is one, advancing the progress bar."""
    read = _CachedReader(cache) if cache.enabled else read_report
    if not bar.enabled:
        return read

    def read_and_count(path, **kwargs) -> Report:
        try:
            return read(path, **kwargs)
        finally:
            bar.advance()
    return read_and_count


def _run(paths: Sequence[str], options: Options, cache: Cache, info: RunInfo, pool) -> nx.MultiDiGraph:
    from graphbuild.progress import Progress

    log = options.log or _stderr
    clock = _Clock(info.seconds)

    files = len(iter_inputs(list(paths))[0]) if options.progress and sys.stderr.isatty() else 0
    with Progress(files, "reading", enabled=options.progress) as bar:
        reports, skipped, warnings = read_all(list(paths), read=_reader(cache, bar), limits=options.limits)
    info.reports, info.skipped, info.warnings = len(reports), skipped, warnings
    for p in skipped:
        log(f"graphbuild: skipped {p.path}: {p.message}")
    for p in warnings:
        log(f"graphbuild: warning: {p.path}: {p.message}")
    alias_path = options.aliases or find_alias_file(paths)
    inputs = [str(p) for p in paths]
    if alias_path:
        inputs.append(str(alias_path))
    clock("read")

    keys = [""] * len(reports)
    if cache.enabled:
        version = cache.pipeline_version(options.model)
        keys = [extraction_key(version, r.id, r.path, r.sha256) for r in reports]
        info.graph_key = graph_key(keys, inputs=[*inputs, repr(options.limits)],
                                   aliases=str(alias_path) if alias_path else None,
                                   problems=[*skipped, *warnings])
        graph = cache.get("graph", info.graph_key)
        if isinstance(graph, nx.MultiDiGraph):
            known = {(p.path, p.message) for p in skipped}
            for item in graph.graph.get("skipped", []):
                if (item["path"], item["message"]) not in known:     # skipped at extraction
                    info.skipped.append(Problem(item["path"], item["message"]))
                    info.reports -= 1
                    log(f"graphbuild: skipped {item['path']}: {item['message']}")
            info.graph_cached, info.cached = True, info.reports
            clock("graph from cache")
            return graph

    rules = load_alias_file(alias_path) if alias_path else None
    extractions, over = _extractions(reports, keys, cache, options, info, pool)
    if pool is not None:
        pool.shutdown(wait=False)        # workers exit while this process resolves
    for p in over:
        log(f"graphbuild: skipped {p.path}: {p.message}")
    skipped = [*skipped, *over]
    info.skipped = skipped
    info.reports -= len(over)
    clock("extract")
    resolved = resolve(extractions, aliases=rules)
    clock("resolve")
    graph = build_graph(resolved, inputs=inputs, skipped=skipped, warnings=warnings)
    cache.put("graph", info.graph_key, graph, only=True)
    clock("build")
    return graph


class _Clock:
    """Adds the seconds since the last call to ``seconds[stage]``."""

    def __init__(self, seconds: dict[str, float]) -> None:
        self.seconds, self.last = seconds, time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self.last
        self.last = now
