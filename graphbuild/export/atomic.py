"""Atomic file writes: a temporary file in the same folder, then rename.

Inside ``atomic_batch()`` the renames wait until the whole batch has been
written: an error or an interrupted build anywhere in the batch removes every
temporary file and leaves every previous file as it was.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

# (temporary file or None, target) pairs of the open batch: rename, or remove the target when None
_BATCH: ContextVar[list[tuple[str | None, Path]] | None] = ContextVar("graphbuild_atomic_batch", default=None)


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


@contextmanager
def atomic_batch():
    """Files written by ``atomic_open`` (and removed by ``remove``) inside the block
    replace their targets together when the block ends without an error.

    An exception or KeyboardInterrupt inside the block removes every temporary
    file and touches no target. A batch inside a batch joins the outer one.
    The batch belongs to the current thread (a context variable).
    """
    if _BATCH.get() is not None:
        yield
        return
    pending: list[tuple[str | None, Path]] = []
    token = _BATCH.set(pending)
    try:
        yield
    except BaseException:
        for tmp, _ in pending:
            if tmp is not None:
                _unlink(tmp)
        raise
    finally:
        _BATCH.reset(token)
    for i, (tmp, path) in enumerate(pending):
        try:
            if tmp is None:
                _unlink(path)
            else:
                os.replace(tmp, path)
        except BaseException:
            for rest, _ in pending[i:]:
                if rest is not None:
                    _unlink(rest)
            raise


def remove(path) -> None:
    """Remove ``path`` (if it exists) now, or when the open batch completes."""
    pending = _BATCH.get()
    if pending is None:
        _unlink(path)
    else:
        pending.append((None, Path(path)))


@contextmanager
def atomic_open(path, mode: str = "w", encoding: str | None = "utf-8"):
    """Open a temporary file beside ``path``; on success it replaces ``path``.

    An exception (or an interrupted build) leaves any previous ``path`` intact.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": "\n"}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        pending = _BATCH.get()
        if pending is None:
            os.replace(tmp, path)
        else:
            pending.append((tmp, path))
    except BaseException:
        _unlink(tmp)
        raise


def write_text(path, text: str) -> Path:
    with atomic_open(path, "w") as fh:
        fh.write(text)
    return Path(path)
