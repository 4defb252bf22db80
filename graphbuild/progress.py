"""A one-line progress bar on stderr, shown only on a terminal.

    bar = Progress(343, "extracting")
    bar.advance(16)
    bar.close()

Nothing is written when the stream is not a TTY (logs, pipes, CI) or when
``enabled=False`` (``--quiet``). Redraws at most ten times a second.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]

WIDTH = 28


class Progress:
    def __init__(self, total: int, label: str = "", *, stream: TextIO | None = None,
                 enabled: bool | None = None, unit: str = "reports") -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            enabled = True
        try:
            tty = bool(self.stream.isatty())
        except (AttributeError, ValueError):
            tty = False
        self.enabled = enabled and tty and total > 0
        self.total, self.label, self.unit = total, label, unit
        self.done = 0
        self.start = time.monotonic()
        self._drawn = 0.0
        self._width = 0
        if self.enabled:
            self._draw()

    def advance(self, n: int = 1) -> None:
        self.done = min(self.total, self.done + n)
        if self.enabled and (time.monotonic() - self._drawn >= 0.1 or self.done == self.total):
            self._draw()

    def line(self) -> str:
        """The bar as text: ``extracting [#####.....] 120/343 reports  35%  0:12 left``."""
        frac = self.done / self.total if self.total else 1.0
        filled = int(WIDTH * frac)
        elapsed = time.monotonic() - self.start
        left = ""
        if 0 < self.done < self.total:
            secs = int(elapsed * (self.total - self.done) / self.done)
            left = f"  {secs // 60}:{secs % 60:02d} left"
        return (f"{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] "
                f"{self.done}/{self.total} {self.unit} {frac:4.0%}{left}").lstrip()

    def _draw(self) -> None:
        text = self.line()
        pad = " " * max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write("\r" + text + pad)
        self.stream.flush()
        self._drawn = time.monotonic()

    def close(self) -> None:
        """Erase the bar (the summary that follows stays clean)."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
        self.enabled = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
