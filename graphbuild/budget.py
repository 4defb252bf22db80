"""Per-report limits: wall time and memory, enforced in any process or thread.

``with guard(limits):`` runs a block under ``limits``; a watchdog thread
checks the clock and the process's resident memory every few milliseconds
and, when the block is over either budget, raises ``OverBudget`` inside it
(``PyThreadState_SetAsyncExc``, the mechanism behind ``KeyboardInterrupt``
in threads). The exception arrives between two Python bytecodes: a single
long call into C code is stopped when it returns. Worker processes are
also watched from outside and killed when they stop answering
(graphbuild.parallel), which covers that case.

``OverBudget`` derives from BaseException, so ``except Exception`` in the
code being watched does not swallow it.
"""
from __future__ import annotations

import ctypes
import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

__all__ = ["Limits", "OverBudget", "guard", "resident_bytes", "parse_size", "format_size"]

POLL_SECONDS = 0.02


@dataclass(frozen=True)
class Limits:
    """What one report may cost. ``0`` (or less) switches a limit off."""
    seconds: float = 60.0               # wall time to read, or to extract, one report
    memory: int = 1 << 30               # bytes of memory one report may add to its process
    file_bytes: int = 20 << 20          # larger files are skipped unread

    def over_time(self, what: str) -> str:
        return f"{what} took over {self.seconds:g} s, the time budget per report (--report-timeout)"

    def over_memory(self, what: str) -> str:
        return (f"{what} used over {format_size(self.memory)} of memory, the memory budget "
                "per report (--report-memory)")


class OverBudget(BaseException):
    """Raised inside a guarded block that went over its budget; ``message`` says which."""

    def __init__(self, message: str = "over budget") -> None:
        super().__init__(message)
        self.message = message


def resident_bytes(pid: int | None = None) -> int:
    """Resident memory of a process (this one by default); 0 where it cannot be read."""
    try:
        with open(f"/proc/{pid or 'self'}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@dataclass
class _Watch:
    thread_id: int
    limits: Limits
    what: str
    start: float
    base_memory: int
    reason: str = ""                    # set when the exception has been raised in the thread
    fired_at: float = 0.0


class _Watchdog:
    """One daemon thread per process watching every active guard."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.watches: dict[int, _Watch] = {}
        self.thread: threading.Thread | None = None

    def add(self, watch: _Watch) -> int:
        with self.lock:
            key = id(watch)
            self.watches[key] = watch
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._loop, name="graphbuild-budget",
                                               daemon=True)
                self.thread.start()
            return key

    def remove(self, key: int) -> None:
        with self.lock:
            watch = self.watches.pop(key)
            if watch.reason:            # cancel an exception not delivered yet
                _raise_in(watch.thread_id, None)

    def _loop(self) -> None:
        while True:
            time.sleep(POLL_SECONDS)
            with self.lock:
                if not self.watches:
                    self.thread = None
                    return
                memory = resident_bytes() if any(w.limits.memory > 0 for w in self.watches.values()) else 0
                now = time.monotonic()
                for watch in self.watches.values():
                    self._check(watch, now, memory)

    @staticmethod
    def _check(watch: _Watch, now: float, memory: int) -> None:
        if watch.reason and now - watch.fired_at < 1.0:
            return                      # raised already; raise again only if it was swallowed
        limits = watch.limits
        if limits.seconds > 0 and now - watch.start > limits.seconds:
            watch.reason = limits.over_time(watch.what)
        elif limits.memory > 0 and memory and memory - watch.base_memory > limits.memory:
            watch.reason = limits.over_memory(watch.what)
        else:
            return
        watch.fired_at = now
        _raise_in(watch.thread_id, OverBudget)


def _raise_in(thread_id: int, exc_type: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type else ctypes.c_void_p(0))


_WATCHDOG = _Watchdog()


@contextmanager
def guard(limits: Limits, what: str = "the report") -> Iterator[None]:
    """Run the block under ``limits``; ``OverBudget(message)`` when it goes over.

    ``what`` names the work in the message ("reading", "extraction"). One
    guard per thread at a time.
    """
    if limits.seconds <= 0 and limits.memory <= 0:
        yield
        return
    watch = _Watch(threading.get_ident(), limits, what, time.monotonic(),
                   resident_bytes() if limits.memory > 0 else 0)
    key = 0
    try:
        key = _WATCHDOG.add(watch)
        yield
    except OverBudget:
        if key:
            _WATCHDOG.remove(key)
            key = 0
        raise OverBudget(watch.reason or f"{what} went over budget") from None
    finally:
        if key:
            _WATCHDOG.remove(key)


_UNITS = {"": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "KIB": 1 << 10, "M": 1 << 20, "MB": 1 << 20,
          "MIB": 1 << 20, "G": 1 << 30, "GB": 1 << 30, "GIB": 1 << 30}


def parse_size(text: str) -> int:
    """Bytes of ``"1G"``, ``"512MB"``, ``"300k"`` or ``"1048576"``; ValueError otherwise."""
    cleaned = text.strip().upper().replace(" ", "")
    number = cleaned.rstrip("KMGIB")
    unit = cleaned[len(number):]
    if unit not in _UNITS or not number:
        raise ValueError(f"not a size: {text!r}")
    return int(float(number) * _UNITS[unit])


def format_size(n: int) -> str:
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size and n % (size // 16 or 1) == 0:
            return f"{n / size:g} {unit}"
    return f"{n} bytes"
