"""No single report can exhaust the machine or stall a build.

Front matter is read with limits (alias bombs refused before expansion, a
byte cap); every report is read and extracted under a wall-time and memory
budget, in this process and in worker processes; a worker that dies is
replaced and only its report is skipped.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphbuild.budget import Limits, OverBudget, format_size, guard, parse_size
from graphbuild.parallel import extract_reports, worker_pool
from graphbuild.readers import frontmatter, read_all, read_report
from graphbuild.types import Extraction, Problem
from tests.hostile import NORMAL, NORMAL_TALK, alias_bomb, hostile_folder, one_line_of_talks

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"


# ------------------------------------------------------------------ front matter

@pytest.mark.parametrize("levels", [10, 40])
def test_alias_bomb_is_refused_before_expansion(levels):
    start = time.monotonic()
    fm = frontmatter.split(alias_bomb(levels))
    assert time.monotonic() - start < 2
    assert fm.data == {}
    assert fm.warnings == ("YAML front matter refused: its aliases expand to more than 100000 "
                           "values; ignored",)
    assert "A body after the bomb." in fm.body


def test_alias_that_contains_itself_is_refused():
    fm = frontmatter.split("---\na: &a [x, *a]\n---\nbody\n")
    assert fm.data == {} and "refers to a node that contains it" in fm.warnings[0]


def test_ordinary_aliases_still_read():
    fm = frontmatter.split("---\nbase: &b {city: Lisbon}\nx: *b\ny: {<<: *b, year: 2023}\n---\nbody\n")
    assert fm.warnings == ()
    assert fm.data == {"base": {"city": "Lisbon"}, "x": {"city": "Lisbon"},
                       "y": {"city": "Lisbon", "year": 2023}}


def test_expanded_size_counts_every_alias_once_per_use():
    import yaml

    node = yaml.compose("a: &a [1, 2]\nb: [*a, *a]\n")
    # mapping 1 + keys 2 + [1, 2] 3 + [*a, *a] 1 + 2 * 3
    assert frontmatter.expanded_size(node) == 13


@pytest.mark.parametrize("fence, body", [("---", "x: '{}'"), ("+++", 'x = "{}"')])
def test_front_matter_over_the_byte_cap_is_ignored(fence, body):
    big = body.format("y" * (frontmatter.MAX_BYTES + 10))
    fm = frontmatter.split(f"{fence}\n{big}\ntitle: T\n{fence}\n# Heading\n")
    assert fm.data == {} and "limit 262144" in fm.warnings[0]
    assert fm.body.strip() == "# Heading"


def test_alias_bomb_report_is_read_with_a_warning(tmp_path):
    path = tmp_path / "bomb.md"
    path.write_text(alias_bomb(), encoding="utf-8")
    report = read_report(path)
    assert report.title == "Laughs"               # from the body's heading
    assert any("refused" in w for w in report.warnings)


# ------------------------------------------------------------------ the budget

def test_guard_stops_a_block_over_its_time():
    start = time.monotonic()
    with pytest.raises(OverBudget, match="reading took over 0.3 s"):
        with guard(Limits(seconds=0.3, memory=0), "reading"):
            while True:
                pass
    assert time.monotonic() - start < 3


def test_guard_stops_a_block_over_its_memory():
    kept = []
    with pytest.raises(OverBudget, match="used over 64 MB of memory"):
        with guard(Limits(seconds=30, memory=64 << 20), "extraction"):
            while True:
                kept.append(bytearray(1 << 20))
    assert len(kept) < 1000
    kept.clear()


def test_guard_is_not_swallowed_by_except_exception():
    with pytest.raises(OverBudget):
        with guard(Limits(seconds=0.3, memory=0)):
            while True:
                try:
                    time.sleep(0.01)
                except Exception:
                    pass


def test_guard_leaves_nothing_behind():
    with guard(Limits(seconds=0.2, memory=0)):
        time.sleep(0.05)
    time.sleep(0.5)                                # past the budget: no stray OverBudget
    with guard(Limits(seconds=0, memory=0)):       # both off: no watch at all
        time.sleep(0.3)


def test_sizes_parse_and_print():
    assert parse_size("1G") == 1 << 30 and parse_size("512MB") == 512 << 20
    assert parse_size("300k") == 300 << 10 and parse_size("1048576") == 1 << 20
    assert format_size(1 << 30) == "1 GB" and format_size(1536 << 20) == "1.5 GB"
    with pytest.raises(ValueError):
        parse_size("lots")


def _slow_read(path, **kwargs):
    if Path(path).name == "slow.md":
        while True:
            pass
    return read_report(path, **kwargs)


def test_read_all_skips_a_report_over_budget_and_reads_the_rest(tmp_path):
    (tmp_path / "slow.md").write_text(NORMAL + "\nslow\n", encoding="utf-8")
    (tmp_path / "normal.md").write_text(NORMAL, encoding="utf-8")
    reports, skipped, _ = read_all([str(tmp_path)], read=_slow_read, limits=Limits(seconds=0.5))
    assert [r.path for r in reports] == [str(tmp_path / "normal.md")]
    assert skipped == [Problem(str(tmp_path / "slow.md"),
                               "reading took over 0.5 s, the time budget per report (--report-timeout)")]


def test_file_size_limit_is_configurable(tmp_path):
    (tmp_path / "big.md").write_text(NORMAL + "x" * 5000, encoding="utf-8")
    (tmp_path / "normal.md").write_text(NORMAL, encoding="utf-8")
    reports, skipped, _ = read_all([str(tmp_path)], limits=Limits(file_bytes=2000))
    assert [Path(r.path).name for r in reports] == ["normal.md"]
    assert len(skipped) == 1 and "limit 2000" in skipped[0].message
    assert "--max-file-size" in skipped[0].message
    reports, skipped, _ = read_all([str(tmp_path)], limits=Limits(file_bytes=0))
    assert len(reports) == 2 and not skipped


@pytest.fixture(scope="module")
def normal_reports():
    return read_all([str(REPORTS)])[0]


@pytest.fixture(scope="module")
def talkative(tmp_path_factory):
    """A one-line report of 60,000 talks: far more than 3 s of extraction."""
    path = tmp_path_factory.mktemp("talks") / "oneline.md"
    path.write_text(one_line_of_talks(60_000), encoding="utf-8")
    return read_report(path, max_bytes=0)


def test_in_process_extraction_skips_a_report_over_budget(normal_reports, talkative):
    reports = [normal_reports[0], talkative, normal_reports[1]]
    start = time.monotonic()
    out = extract_reports(reports, model="blank", workers=1, limits=Limits(seconds=3))
    assert time.monotonic() - start < 30
    assert out[1] == Problem(talkative.path,
                             "extraction took over 3 s, the time budget per report (--report-timeout)")
    assert out[0] == extract_reports([normal_reports[0]], model="blank", workers=1)[0]
    assert isinstance(out[2], Extraction) and out[2].report.id == normal_reports[1].id


def test_worker_pool_skips_a_report_over_budget_and_loses_no_other(normal_reports, talkative):
    reports = list(normal_reports[:4]) + [talkative] + list(normal_reports[4:])
    alone = extract_reports(normal_reports, model="blank", workers=1)
    out = extract_reports(reports, model="blank", workers=2, limits=Limits(seconds=3))
    assert out[4] == Problem(talkative.path,
                             "extraction took over 3 s, the time budget per report (--report-timeout)")
    assert out[:4] + out[5:] == alone


def _kill_self():
    os.kill(os.getpid(), signal.SIGKILL)


def _sleep_in_c():
    time.sleep(3600)


def _grow():
    kept = []
    while True:
        kept.append(bytearray(8 << 20))
        time.sleep(0.01)


def _pid():
    return os.getpid()


def test_dead_worker_is_replaced_and_its_task_skipped():
    with worker_pool("blank", 1, Limits(seconds=2, memory=64 << 20)) as pool:
        first = pool.call(_pid)
        died = pool.call(_kill_self)
        assert isinstance(died, Problem) and "died (killed by SIGKILL" in died.message
        slept = pool.call(_sleep_in_c)            # never answers: stopped from outside
        assert isinstance(slept, Problem) and "took over 2 s" in slept.message
        assert slept.message.endswith("its process was stopped")
        grew = pool.call(_grow)
        assert isinstance(grew, Problem) and "used over 64 MB of memory" in grew.message
        assert pool.call(_pid) not in (first, None)


# ------------------------------------------------------------------ whole builds

def _build(folder: Path, out: Path, *extra: str) -> tuple[subprocess.CompletedProcess, float, int]:
    """Run `graphbuild build` in a child process: (result, seconds, peak memory of a process in KB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "graphbuild", "build", str(folder), "--out", str(out), "--model", "blank",
         "--no-cache", "--format", "json", "-q", *extra],
        capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})
    took = time.monotonic() - start
    return result, took, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_hostile_folder_builds_in_seconds_with_each_file_flagged(tmp_path, workers):
    folder = tmp_path / "in"
    paths = hostile_folder(folder)
    for i, source in enumerate(sorted(REPORTS.iterdir())[:6]):    # enough reports for workers
        (folder / f"more{i}{source.suffix}").write_bytes(source.read_bytes())
    result, took, peak_kb = _build(folder, tmp_path / "out", "--workers", workers,
                                   "--report-timeout", "20")
    print(f"hostile build, {workers} worker(s): {took:.1f} s, peak {peak_kb / 1024:.0f} MB")
    assert result.returncode == 0, result.stderr
    assert took < 180 and peak_kb < 2 * 1024 * 1024
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    skipped = {item["path"]: item["message"] for item in data["graph"]["skipped"]}
    warnings = {item["path"]: item["message"] for item in data["graph"]["warnings"]}
    reports = {n["path"] for n in data["nodes"] if n["type"] == "Report"}
    talks = {n["label"] for n in data["nodes"] if n["type"] == "Talk"}
    assert "aliases expand" in warnings[str(paths["bomb"])]
    assert set(skipped) <= {str(paths["oneline"])}
    oneline = str(paths["oneline"])     # extracted, or skipped as over budget and named on stderr
    assert (oneline in reports) != ("took over 20 s" in skipped.get(oneline, ""))
    assert oneline in reports or f"skipped {oneline}: " in result.stderr
    assert NORMAL_TALK in talks
    assert {str(paths[k]) for k in ("bomb", "divs", "quotes", "normal")} <= reports
    assert len(reports) == 10 + (oneline in reports)


def test_report_skipped_at_extraction_is_named_again_when_the_graph_comes_from_the_cache(
        tmp_path, capsys, monkeypatch):
    import graphbuild.extract
    from graphbuild.pipeline import RunInfo, run

    real = graphbuild.extract.extract

    def slow_for_one(report, **kwargs):
        while report.path.endswith("slow.md"):
            pass
        return real(report, **kwargs)

    monkeypatch.setattr(graphbuild.extract, "extract", slow_for_one)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "normal.md").write_text(NORMAL, encoding="utf-8")
    (folder / "slow.md").write_text(NORMAL + "\nSlow to extract.\n", encoding="utf-8")
    line = f"skipped {folder / 'slow.md'}: extraction took over 2 s"
    infos = []
    for _ in range(2):
        info = RunInfo()
        graph = run([str(folder)], info=info, model="blank", cache=tmp_path / "cache", report_timeout=2)
        infos.append(info)
        assert line in capsys.readouterr().err
        assert [p["path"] for p in graph.graph["skipped"]] == [str(folder / "slow.md")]
    assert (infos[0].reports, infos[0].extracted, infos[0].graph_cached) == (1, 1, False)
    assert (infos[1].reports, infos[1].cached, infos[1].graph_cached) == (1, 1, True)
    assert [p.path for p in infos[1].skipped] == [str(folder / "slow.md")]


@pytest.mark.parametrize("option, value", [("--report-timeout", "-1"), ("--report-timeout", "soon"),
                                           ("--report-memory", "lots"), ("--max-file-size", "-5M")])
def test_bad_limit_options_are_usage_errors(tmp_path, capsys, option, value):
    from graphbuild.cli import main

    (tmp_path / "normal.md").write_text(NORMAL, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["build", str(tmp_path), "--out", str(tmp_path / "out"), option, value])
    assert exit_.value.code == 2
    assert f"argument {option}: expected" in capsys.readouterr().err
