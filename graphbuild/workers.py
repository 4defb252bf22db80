"""A pool of extraction processes that survives its workers.

Each worker loads the spaCy model once, then extracts one report at a time,
sent over its own pipe, under the per-report budget (graphbuild.budget).
The parent knows which report every worker holds, so when a worker goes
silent past its budget, grows past its memory budget (both checked from
outside too, for work stuck in C code) or dies (killed, out of memory), only
that report is lost: it comes back as a ``Problem`` naming the reason, the
worker is replaced, and every other report is extracted as usual.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable

from graphbuild.budget import Limits, OverBudget, guard, resident_bytes
from graphbuild.errors import GraphbuildError
from graphbuild.types import Extraction, Problem, Report

__all__ = ["WorkerPool", "extract_guarded", "THREAD_ENV"]

# Set in every worker before numpy, thinc or spaCy is imported.
THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
              "BLIS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
POLL_SECONDS = 0.25


def grace_seconds(limits: Limits) -> float:
    """Time a worker gets past its budget to stop by itself before it is killed."""
    return min(30.0, max(5.0, limits.seconds / 4))


def load_model(model: str) -> None:
    """Load ``model`` and the rules now (once per process), outside any report's budget."""
    from graphbuild.extract import pipeline_version
    from graphbuild.extract.nlp import load_nlp

    load_nlp(model)
    pipeline_version(model)


def extract_guarded(report: Report, model: str, limits: Limits) -> Extraction | Problem:
    """The Extraction of ``report``, or a Problem when it goes over budget or fails."""
    from graphbuild.extract import extract
    from graphbuild.extract.projects import zipf

    zipf("the")      # word frequencies: loaded once per process, after reading, outside any report's budget
    try:
        with guard(limits, "extraction"):
            return extract(report, model=model)
    except OverBudget as exc:
        return Problem(report.path, exc.message)
    except Exception as exc:  # an extraction bug must not stop the build
        return Problem(report.path, f"extraction failed: {type(exc).__name__}: {exc}")


def _worker_main(conn: Connection, model: str, limits: Limits) -> None:
    os.environ.update(THREAD_ENV)
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # the parent handles Ctrl-C
    load_model(model)
    conn.send(("ready", -1, None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        kind, index, payload = message
        result = payload() if kind == "call" else extract_guarded(payload, model, limits)
        conn.send(("done", index, result))


@dataclass
class _Worker:
    process: Any                        # multiprocessing Process
    conn: Connection
    ready: bool = False
    task: int | None = None
    started: float = 0.0
    base_memory: int = 0


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"killed by {name}" + (", likely out of memory" if name == "SIGKILL" else "")
    return f"exit status {exitcode}"


class WorkerPool:
    """``size`` extraction processes, started now; they load ``model`` while the caller goes on."""

    def __init__(self, model: str, size: int, limits: Limits = Limits()) -> None:
        self.model, self.size, self.limits = model, size, limits
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = [self._start() for _ in range(size)]

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=_worker_main, args=(child, self.model, self.limits),
                                       name="graphbuild-extract", daemon=True)
        saved = {name: os.environ.get(name) for name in THREAD_ENV}
        os.environ.update(THREAD_ENV)             # the spawned child copies it
        try:
            process.start()
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        child.close()
        return _Worker(process, parent)

    def extract(self, reports: list[Report], done: Callable[[int], None] | None = None
                ) -> list[Extraction | Problem]:
        """One Extraction (or Problem) per report, in input order."""
        return self._run([("extract", r) for r in reports], [r.path for r in reports], done)

    def call(self, function: Callable[[], Any]) -> Any:
        """``function()`` run in one of the workers (it must be picklable)."""
        return self._run([("call", function)], ["<call>"], None)[0]

    def _run(self, jobs: list[tuple[str, Any]], paths: list[str],
             done: Callable[[int], None] | None) -> list:
        results: list[Any] = [None] * len(jobs)
        todo = deque(range(len(jobs)))
        remaining = len(jobs)

        def finish(worker: _Worker, value: Any) -> None:
            nonlocal remaining
            results[worker.task] = value     # type: ignore[index]
            worker.task = None
            remaining -= 1
            if done:
                done(1)

        while remaining:
            for worker in self.workers:
                if worker.ready and worker.task is None and todo:
                    worker.task = todo.popleft()
                    worker.started = time.monotonic()
                    worker.base_memory = resident_bytes(worker.process.pid)
                    kind, payload = jobs[worker.task]
                    try:
                        worker.conn.send((kind, worker.task, payload))
                    except OSError:             # died since it said ready: replaced below
                        todo.appendleft(worker.task)
                        worker.task = None
            readable = wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers],
                            timeout=POLL_SECONDS)
            for i, worker in enumerate(self.workers):
                reason = None
                if worker.conn in readable:
                    try:
                        kind, _, value = worker.conn.recv()
                    except (EOFError, OSError):
                        worker.process.join(1.0)
                        reason = "the extraction process died (" + _death(worker.process.exitcode) + ")"
                    else:
                        if kind == "ready":
                            worker.ready = True
                        else:
                            finish(worker, value)
                        continue
                elif not worker.process.is_alive():
                    reason = "the extraction process died (" + _death(worker.process.exitcode) + ")"
                else:
                    reason = self._over_budget(worker)
                if reason is None:
                    continue
                if not worker.ready:
                    raise GraphbuildError(f"an extraction process failed to start ({reason}); "
                                          "try --workers 1 to see the error")
                if worker.task is not None:
                    finish(worker, Problem(paths[worker.task], reason))
                self._stop(worker)
                self.workers[i] = self._start()
        return results

    def _over_budget(self, worker: _Worker) -> str | None:
        """Why a busy worker is to be killed from outside, or None."""
        if worker.task is None:
            return None
        limits = self.limits
        if limits.seconds > 0 and time.monotonic() - worker.started > limits.seconds + grace_seconds(limits):
            return limits.over_time("extraction") + "; its process was stopped"
        grown = resident_bytes(worker.process.pid) - worker.base_memory
        if limits.memory > 0 and worker.base_memory and grown > limits.memory * 5 // 4:
            return limits.over_memory("extraction") + "; its process was stopped"
        return None

    @staticmethod
    def _stop(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5.0)
        worker.conn.close()

    def shutdown(self, wait: bool = True) -> None:
        """Ask every worker to exit; with ``wait``, wait for them (killing any that hang)."""
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        if not wait:
            return
        deadline = time.monotonic() + 5.0
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._stop(worker)
