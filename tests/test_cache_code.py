"""The cache keys extractions on the source code itself: no version number to bump."""
from __future__ import annotations

import pytest

from graphbuild import cache


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A stand-in source tree for graphbuild, fingerprints recomputed on each call."""
    for name in ("readers/markdown.py", "extract/talks.py", "extract/rules.yaml", "export/json.py",
                 "types.py"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {name}\n", encoding="utf-8")
    monkeypatch.setattr(cache, "_PACKAGE", tmp_path)
    cache.code_fingerprint.cache_clear()
    yield tmp_path
    cache.code_fingerprint.cache_clear()


def _key() -> str:
    cache.code_fingerprint.cache_clear()
    return cache.extraction_key("rules-model", "report:x", "x.md", "0" * 64)


@pytest.mark.parametrize("name", ["extract/talks.py", "extract/rules.yaml", "readers/markdown.py", "types.py"])
def test_an_edit_to_extraction_source_changes_the_key(package, name):
    before = _key()
    (package / name).write_text("changed = True\n", encoding="utf-8")
    assert _key() != before


def test_other_code_and_compiled_files_leave_the_key(package):
    before = _key()
    (package / "export" / "json.py").write_text("changed = True\n", encoding="utf-8")
    (package / "extract" / "__pycache__").mkdir()
    (package / "extract" / "__pycache__" / "talks.cpython-311.pyc").write_bytes(b"\0")
    assert _key() == before
