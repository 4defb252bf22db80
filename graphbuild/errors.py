"""The one exception type of graphbuild; its messages say how to fix the problem."""
from __future__ import annotations


class GraphbuildError(Exception):
    """Base error. ``path`` names the file concerned, when there is one."""

    def __init__(self, message: str, path: str | None = None):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class ReadError(GraphbuildError):
    """A report could not be read at all; it is skipped and listed in graph.skipped."""


class UsageError(GraphbuildError):
    """Bad command-line usage or a missing input path (exit status 2)."""
