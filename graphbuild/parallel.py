"""Extraction over several processes, each loading the spaCy model once.

``extract_reports(reports, model=..., workers=N)`` returns one Extraction per
report, in input order, whatever order the workers finish in. A report over
its budget (``limits``: wall time and memory, graphbuild.budget) comes back
as a ``Problem`` instead, in a worker or in this process alike; a worker
that dies is replaced and only its report is lost (graphbuild.workers).
Workers are started with the "spawn" method and with one BLAS/OpenMP thread
each, so N workers use N cores and no more. ``workers=1`` (or a handful of
reports) runs in this process. Conference programmes (``graphbuild.schedules``)
need no model: they are extracted here, directly from the parsed programme.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Callable, Sequence

from graphbuild.budget import Limits
from graphbuild.types import Extraction, Problem, Report
from graphbuild.workers import THREAD_ENV, WorkerPool, extract_guarded, load_model

__all__ = ["extract_reports", "default_workers", "effective_workers", "start_pool", "worker_pool",
           "describe_worker", "THREAD_ENV"]

MIN_REPORTS_PER_WORKER = 4    # fewer: starting a process and loading a model costs more than it saves


def default_workers() -> int:
    return os.cpu_count() or 1


def describe_worker() -> dict:
    """The thread settings and thread count of the process it runs in (for checks)."""
    threads = 0
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            threads = next((int(line.split()[1]) for line in fh if line.startswith("Threads:")), 0)
    except OSError:
        pass
    return {"pid": os.getpid(), "env": {k: os.environ.get(k) for k in THREAD_ENV}, "threads": threads}


def effective_workers(workers: int | None, reports: int) -> int:
    """Processes worth starting for ``reports`` reports (1: run in this process)."""
    return max(1, min(workers or default_workers(), reports // MIN_REPORTS_PER_WORKER))


def start_pool(model: str, workers: int, limits: Limits = Limits()) -> WorkerPool:
    """Start ``workers`` processes now; they load ``model`` while the caller goes on.

    The caller shuts the pool down (``pool.shutdown()``).
    """
    return WorkerPool(model, workers, limits)


@contextmanager
def worker_pool(model: str, workers: int, limits: Limits = Limits()):
    """A pool of ``workers`` spawned processes with ``model`` loaded in each."""
    pool = start_pool(model, workers, limits)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True)


def extract_reports(reports: Sequence[Report], *, model: str, workers: int | None = None,
                    done: Callable[[int], None] | None = None, pool: WorkerPool | None = None,
                    limits: Limits = Limits()) -> list[Extraction | Problem]:
    """Extract ``reports`` with up to ``workers`` processes; results in input order.

    Each result is the report's Extraction, or a Problem (path, reason) when the
    report went over ``limits`` or its process died. ``done(n)`` is called as
    ``n`` more reports are finished (progress). ``pool``: workers already started
    by ``start_pool`` (left running; they keep the limits they were started with).
    """
    reports = list(reports)
    from graphbuild.schedules import is_schedule
    programmes = [i for i, r in enumerate(reports) if is_schedule(r)]
    if programmes:
        return _with_programmes(reports, programmes, model=model, workers=workers, done=done, pool=pool,
                                limits=limits)
    if pool is not None:
        return pool.extract(reports, done) if reports else []
    workers = effective_workers(workers, len(reports))
    if workers == 1:
        if reports:
            load_model(model)
        out = []
        for report in reports:
            out.append(extract_guarded(report, model, limits))
            if done:
                done(1)
        return out
    with worker_pool(model, workers, limits) as started:
        return started.extract(reports, done)


def _with_programmes(reports: list[Report], programmes: list[int], *, model: str, workers: int | None,
                     done: Callable[[int], None] | None, pool: WorkerPool | None,
                     limits: Limits) -> list[Extraction | Problem]:
    """Programmes extracted in this process, the other reports as usual."""
    from graphbuild.schedules.extraction import extract_schedule

    results: list[Extraction | Problem | None] = [None] * len(reports)
    for i in programmes:
        results[i] = extract_schedule(reports[i])
        if done:
            done(1)
    rest = [i for i in range(len(reports)) if results[i] is None]
    if rest:
        fresh = extract_reports([reports[i] for i in rest], model=model, workers=workers, done=done, pool=pool,
                                limits=limits)
        for i, extraction in zip(rest, fresh):
            results[i] = extraction
    return results  # type: ignore[return-value]
