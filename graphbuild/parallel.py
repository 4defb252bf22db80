"""Extraction over several processes, each loading the spaCy model once.

``extract_reports(reports, model=..., workers=N)`` returns one Extraction per
report, in input order, whatever order the workers finish in. Workers are
started with the "spawn" method and with one BLAS/OpenMP thread each, so N
workers use N cores and no more. ``workers=1`` (or a handful of reports)
runs in this process. Conference programmes (``graphbuild.schedules``) need
no model: they are extracted here, directly from the parsed programme.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Callable, Sequence

from graphbuild.types import Extraction, Report

__all__ = ["extract_reports", "default_workers", "effective_workers", "start_pool", "worker_pool", "THREAD_ENV"]

# Set in every worker before numpy, thinc or spaCy is imported.
THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
              "BLIS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
MIN_REPORTS_PER_WORKER = 4    # fewer: starting a process and loading a model costs more than it saves
MAX_CHUNK = 16                # reports sent to a worker at a time (bounds memory and keeps progress fine-grained)


def default_workers() -> int:
    return os.cpu_count() or 1


@contextmanager
def _thread_env():
    """THREAD_ENV in os.environ while worker processes start (spawned children copy it)."""
    saved = {name: os.environ.get(name) for name in THREAD_ENV}
    os.environ.update(THREAD_ENV)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _init_worker(model: str) -> None:
    os.environ.update(THREAD_ENV)      # in case the worker was started some other way
    from graphbuild.extract import pipeline_version
    from graphbuild.extract.nlp import load_nlp

    load_nlp(model)                    # once per process (lru_cache)
    pipeline_version(model)


def _extract_chunk(model: str, reports: list[Report]) -> list[Extraction]:
    from graphbuild.extract import extract_many
    return list(extract_many(reports, model=model))


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


def start_pool(model: str, workers: int) -> ProcessPoolExecutor:
    """Start ``workers`` processes now; they load ``model`` while the caller goes on.

    The caller shuts the pool down (``pool.shutdown()``).
    """
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(model,))
    with _thread_env():
        # processes start on submit; start them all while THREAD_ENV is set
        for _ in range(workers):
            pool.submit(describe_worker)
    return pool


@contextmanager
def worker_pool(model: str, workers: int):
    """A pool of ``workers`` spawned processes with ``model`` loaded in each."""
    pool = start_pool(model, workers)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _chunks(n: int, workers: int) -> list[range]:
    size = max(1, min(MAX_CHUNK, n // (workers * 4) or 1))
    return [range(i, min(n, i + size)) for i in range(0, n, size)]


def extract_reports(reports: Sequence[Report], *, model: str, workers: int | None = None,
                    done: Callable[[int], None] | None = None,
                    pool: ProcessPoolExecutor | None = None) -> list[Extraction]:
    """Extract ``reports`` with up to ``workers`` processes; results in input order.

    ``done(n)`` is called as each batch of ``n`` reports is finished (progress).
    ``pool``: workers already started by ``start_pool`` (left running).
    """
    reports = list(reports)
    from graphbuild.schedules import is_schedule
    programmes = [i for i, r in enumerate(reports) if is_schedule(r)]
    if programmes:
        return _with_programmes(reports, programmes, model=model, workers=workers, done=done, pool=pool)
    if pool is not None:
        return _in_pool(pool, reports, model, pool._max_workers, done) if reports else []
    workers = effective_workers(workers, len(reports))
    if workers == 1:
        from graphbuild.extract import extract_many
        out = []
        for extraction in extract_many(reports, model=model):
            out.append(extraction)
            if done:
                done(1)
        return out
    with worker_pool(model, workers) as pool:
        return _in_pool(pool, reports, model, workers, done)


def _with_programmes(reports: list[Report], programmes: list[int], *, model: str, workers: int | None,
                     done: Callable[[int], None] | None, pool: ProcessPoolExecutor | None) -> list[Extraction]:
    """Programmes extracted in this process, the other reports as usual."""
    from graphbuild.schedules.extraction import extract_schedule

    results: list[Extraction | None] = [None] * len(reports)
    for i in programmes:
        results[i] = extract_schedule(reports[i])
        if done:
            done(1)
    rest = [i for i in range(len(reports)) if results[i] is None]
    if rest:
        fresh = extract_reports([reports[i] for i in rest], model=model, workers=workers, done=done, pool=pool)
        for i, extraction in zip(rest, fresh):
            results[i] = extraction
    return results  # type: ignore[return-value]


def _in_pool(pool: ProcessPoolExecutor, reports: list[Report], model: str, workers: int,
             done: Callable[[int], None] | None) -> list[Extraction]:
    results: list[Extraction | None] = [None] * len(reports)
    pending = {pool.submit(_extract_chunk, model, [reports[i] for i in chunk]): chunk
               for chunk in _chunks(len(reports), workers)}
    while pending:
        finished, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            chunk = pending.pop(future)
            for i, extraction in zip(chunk, future.result()):
                results[i] = extraction
            if done:
                done(len(chunk))
    return results  # type: ignore[return-value]
