"""The build cache: hits give equal results, edits and version changes invalidate, damage is harmless."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graphbuild.cache import Cache, extraction_key
from graphbuild.extract import extract
from graphbuild.pipeline import RunInfo, _CachedReader, run
from graphbuild.readers import read_all

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


@pytest.fixture()
def reports(tmp_path) -> Path:
    folder = tmp_path / "reports"
    shutil.copytree(REPORTS, folder)
    return folder


def build(folder, cache, **options) -> tuple[object, RunInfo]:
    info = RunInfo()
    graph = run([str(folder)], info=info, model="blank", workers=1, cache=cache, log=lambda m: None, **options)
    return graph, info


def test_cache_hit_returns_an_equal_extraction(reports, tmp_path):
    cache_dir = tmp_path / "cache"
    build(reports, cache_dir)
    cache = Cache(cache_dir)
    version = cache.pipeline_version("blank")
    found, _, _ = read_all([str(reports)])
    for report in found:
        cached = cache.get("extract", extraction_key(version, report.id, report.path, report.sha256))
        assert cached == extract(report, model="blank")


def test_second_run_extracts_nothing_and_gives_the_same_graph(reports, tmp_path):
    first, info1 = build(reports, tmp_path / "cache")
    second, info2 = build(reports, tmp_path / "cache")
    assert (info1.extracted, info1.cached) == (10, 0)
    assert (info2.extracted, info2.cached, info2.graph_cached) == (0, 10, True)
    assert sorted(first.nodes(data=True)) == sorted(second.nodes(data=True))
    assert first.graph == second.graph


def test_editing_one_report_extracts_only_that_report(reports, tmp_path):
    base, _ = build(reports, tmp_path / "cache")
    edited = sorted(reports.glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nSee you at KVM Forum 2025.\n", encoding="utf-8")
    graph, info = build(reports, tmp_path / "cache")
    assert (info.extracted, info.cached, info.graph_cached) == (1, 9, False)
    fresh, _ = build(reports, None)
    assert sorted(graph.nodes(data=True)) == sorted(fresh.nodes(data=True))
    assert sorted(graph.edges(keys=True, data=True)) == sorted(fresh.edges(keys=True, data=True))


def test_a_new_pipeline_version_extracts_everything_again(reports, tmp_path, monkeypatch):
    build(reports, tmp_path / "cache")
    monkeypatch.setattr(Cache, "pipeline_version", lambda self, model: "rules-changed")
    _, info = build(reports, tmp_path / "cache")
    assert (info.extracted, info.cached) == (10, 0)


def test_pipeline_version_memo_follows_the_installed_model(tmp_path, monkeypatch):
    import graphbuild.cache as cache_module
    import graphbuild.extract as extract_module

    cache = Cache(tmp_path)
    monkeypatch.setattr(cache_module, "_installed_version", lambda model: "model 1.0")
    monkeypatch.setattr(extract_module, "pipeline_version", lambda model: "v1")
    assert cache.pipeline_version("some_model") == "v1"
    monkeypatch.setattr(extract_module, "pipeline_version", lambda model: "v2")
    assert cache.pipeline_version("some_model") == "v1"          # remembered
    monkeypatch.setattr(cache_module, "_installed_version", lambda model: "model 1.1")
    assert cache.pipeline_version("some_model") == "v2"          # model upgraded: asked again


def test_corrupt_cache_files_are_ignored(reports, tmp_path):
    cache_dir = tmp_path / "cache"
    base, _ = build(reports, cache_dir)
    damaged = list(cache_dir.rglob("*.pickle"))
    assert damaged
    for i, path in enumerate(damaged):
        path.write_bytes(b"" if i % 2 else b"\x80\x05not a pickle")
    (cache_dir / "versions.json").write_text("{broken", encoding="utf-8")
    graph, info = build(reports, cache_dir)
    assert (info.extracted, info.cached) == (10, 0)
    assert sorted(graph.nodes(data=True)) == sorted(base.nodes(data=True))
    _, again = build(reports, cache_dir)
    assert again.graph_cached                                      # rewritten


def test_cached_reader_keeps_duplicates_and_problems(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = "---\ntitle: KVM Forum 2014\n---\n\nKVM Forum 2014 took place in Düsseldorf.\n"
    (folder / "a.md").write_text(text, encoding="utf-8")
    (folder / "b.md").write_text(text, encoding="utf-8")                  # duplicate
    (folder / "c.md").write_bytes(b"\0\0binary\0")                         # skipped
    (folder / "d.md").write_bytes("caf\xe9 at LinuxCon".encode("cp1252"))  # warning
    plain = read_all([str(folder)])
    reader = _CachedReader(Cache(tmp_path / "cache"))
    assert read_all([str(folder)], read=reader) == plain      # misses
    assert read_all([str(folder)], read=reader) == plain      # hits
    assert reader.cache.hits >= 3


def test_no_cache_option_writes_no_cache(reports, tmp_path):
    from graphbuild.cli import main

    out = tmp_path / "out"
    assert main(["build", str(reports), "--out", str(out), "--model", "blank", "--no-cache", "-q", "-j", "1"]) == 0
    assert (out / "graph.json").is_file()
    assert not (out / ".cache").exists()
    assert sorted(p.name for p in out.iterdir()) == ["graph.html", "graph.json"]


def test_unchanged_rebuild_writes_nothing_until_an_output_is_touched(reports, tmp_path, capsys):
    from graphbuild.cli import main

    out = tmp_path / "out"
    args = ["build", str(reports), "--out", str(out), "--model", "blank", "-j", "1"]
    assert main(args) == 0
    assert "wrote" in capsys.readouterr().out
    stamp = (out / "graph.json").stat().st_mtime_ns
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "up to date" in printed and "extracted 0, from cache 10" in printed
    assert (out / "graph.json").stat().st_mtime_ns == stamp
    (out / "graph.html").unlink()
    assert main(args) == 0
    assert "wrote" in capsys.readouterr().out
    assert (out / "graph.html").is_file()
    assert main(args + ["--format", "json,graphml"]) == 0
    assert (out / "graph.graphml").is_file()


def test_cache_dir_option(reports, tmp_path):
    from graphbuild.cli import main

    out, cache_dir = tmp_path / "out", tmp_path / "elsewhere"
    assert main(["build", str(reports), "--out", str(out), "--model", "blank", "-q", "-j", "1",
                 "--cache-dir", str(cache_dir)]) == 0
    assert not (out / ".cache").exists()
    assert list((cache_dir / "extract").rglob("*.pickle"))
