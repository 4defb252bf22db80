"""The build cache: per-report extractions, the last graph and output stamps.

A cache is a folder (``graphbuild build`` uses ``<out>/.cache``)::

    extract/ab/ab12....pickle   one Extraction per report, keyed by extraction_key()
    graph/<key>.pickle          the graph of the last build, keyed by graph_key()
    outputs/<key>.json          what the last build wrote into an output folder
    versions.json               pipeline versions already computed (saves loading spaCy)

Every file is written to a temporary file, then renamed (not synced to disk:
the cache is disposable). A file that cannot be read or unpickled counts as a
miss: the work is redone and the file rewritten. The cache holds pickles written by graphbuild itself; do not point
``--cache-dir`` at a folder others can write to.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

__all__ = ["Cache", "code_fingerprint", "extraction_key", "graph_key", "file_sha256"]

CACHE_FORMAT = "1"        # bump when the layout or the records' shape changes
_PACKAGE = Path(__file__).resolve().parent
_SOURCE_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".js", ".css", ".html", ".txt"}


def _sha(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` and rename it into place; OSError when that fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def file_sha256(path) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


@lru_cache(maxsize=None)
def code_fingerprint(*subpackages: str) -> str:
    """Hash of the source files of graphbuild subpackages (all of graphbuild when none given).

    Extraction output depends on code that may change without a version bump;
    keying the cache on the source itself makes any edit invalidate it.
    """
    roots = [_PACKAGE / s for s in subpackages] if subpackages else [_PACKAGE]
    h = hashlib.sha256(CACHE_FORMAT.encode())
    for root in roots:
        files = [root] if root.is_file() else sorted(
            p for p in root.rglob("*") if p.is_file() and p.suffix in _SOURCE_SUFFIXES
            and "__pycache__" not in p.parts)
        for path in files:
            h.update(path.relative_to(_PACKAGE).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def extraction_key(version: str, report_id: str, path: str, sha256: str) -> str:
    """Key of one report's Extraction: its content, identity and the whole pipeline.

    ``version`` is extract.pipeline_version(model) (rules, gazetteers, model);
    the readers' and extractors' source code is added here.
    """
    code = code_fingerprint("readers", "extract", "knowledge", "schedules", "types.py", "ids.py")
    return _sha("extract", CACHE_FORMAT, code, version, report_id, path, sha256)


def graph_key(extraction_keys: Iterable[str], *, inputs: Iterable[str], aliases: str | None,
              problems: Iterable[Any]) -> str:
    """Key of the graph built from these extractions (all graphbuild code included)."""
    alias_hash = file_sha256(aliases) if aliases and Path(aliases).is_file() else ""
    return _sha("graph", CACHE_FORMAT, code_fingerprint(), *extraction_keys, "|", *inputs, "|",
                str(aliases or ""), alias_hash, "|", *(f"{p.path}\t{p.message}" for p in problems))


class Cache:
    """A cache folder. ``Cache(None)`` is a disabled cache: every get misses, put does nothing."""

    def __init__(self, root) -> None:
        self.root = Path(root) if root is not None else None
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.root is not None

    # ----------------------------------------------------------------- pickles

    def _path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        if kind == "extract":
            return self.root / kind / key[:2] / f"{key}.pickle"
        return self.root / kind / f"{key}.pickle"

    def get(self, kind: str, key: str) -> Any | None:
        """The object stored under ``key``, or None (missing, unreadable or corrupt)."""
        if self.root is None:
            return None
        try:
            with open(self._path(kind, key), "rb") as fh:
                value = pickle.load(fh)
        except FileNotFoundError:
            value = None
        except Exception:  # corrupt or from an incompatible version: a miss
            value = None
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, kind: str, key: str, value: Any, *, only: bool = False) -> None:
        """Store ``value``; ``only=True`` removes the other entries of ``kind`` (keep the latest)."""
        if self.root is None:
            return
        path = self._path(kind, key)
        try:
            _write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            return          # a cache that cannot be written only costs time
        if only:
            for other in path.parent.glob("*.pickle"):
                if other != path:
                    other.unlink(missing_ok=True)

    # -------------------------------------------------------------- JSON notes

    def read_json(self, name: str) -> dict:
        if self.root is None:
            return {}
        try:
            data = json.loads((self.root / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write_json(self, name: str, data: dict) -> None:
        if self.root is None:
            return
        try:
            _write(self.root / name, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))
        except OSError:
            pass

    # ---------------------------------------------------- pipeline versions

    def pipeline_version(self, model: str) -> str:
        """extract.pipeline_version(model), remembered across runs.

        Computing it imports spaCy (seconds); a run where nothing changed needs
        no spaCy at all. The memo is keyed by everything the version reads: the
        extraction code and data files, and the installed spaCy and model.
        """
        from graphbuild.extract import pipeline_version

        installed = _installed_version(model)
        if self.root is None or installed is None:
            return pipeline_version(model)
        memo_key = _sha(model, installed, code_fingerprint("extract", "knowledge"))
        memo = self.read_json("versions.json")
        if memo_key in memo and isinstance(memo[memo_key], str):
            return memo[memo_key]
        version = pipeline_version(model)
        memo = {memo_key: version}          # one model at a time is the common case
        self.write_json("versions.json", memo)
        return version

    # ------------------------------------------------------------ output stamps

    def outputs_up_to_date(self, out_dir, graph: str, formats: list[str]) -> bool:
        """True when ``out_dir`` still holds what the last build of ``graph`` wrote."""
        stamp = self.read_json(f"outputs/{_sha(str(Path(out_dir).resolve()))[:24]}.json")
        if not stamp or stamp.get("graph") != graph or stamp.get("formats") != list(formats):
            return False
        files = stamp.get("files") or {}
        for name, (size, mtime) in files.items():
            try:
                st = os.stat(name)
            except OSError:
                return False
            if st.st_size != size or st.st_mtime_ns != mtime:
                return False
        return bool(files)

    def record_outputs(self, out_dir, graph: str, formats: list[str], written: Iterable) -> None:
        files = {}
        for path in written:
            for p in ([Path(path)] if Path(path).is_file() else sorted(Path(path).rglob("*"))):
                if p.is_file():
                    st = p.stat()
                    files[str(p.resolve())] = [st.st_size, st.st_mtime_ns]
        self.write_json(f"outputs/{_sha(str(Path(out_dir).resolve()))[:24]}.json",
                        {"graph": graph, "formats": list(formats), "files": files})


def _installed_version(model: str) -> str | None:
    """"spacy <v>; <model> <v>" from package metadata (no import), None when unknown."""
    if model == "blank":
        return "blank"
    try:
        return f"spacy {metadata.version('spacy')}; {model} {metadata.version(model)}"
    except (metadata.PackageNotFoundError, ValueError):
        return None
