"""Parallel extraction gives what one process gives; the progress bar only on a terminal."""
from __future__ import annotations

import io
from pathlib import Path

from graphbuild.parallel import THREAD_ENV, describe_worker, extract_reports, worker_pool
from graphbuild.progress import Progress
from graphbuild.readers import read_all

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


def test_two_workers_write_the_same_graph_json_as_one(tmp_path):
    from graphbuild.cli import main

    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        assert main(["build", str(REPORTS), "--out", str(out), "--model", "blank", "--no-cache",
                     "--format", "json", "-q", "--workers", workers]) == 0
        outs.append((out / "graph.json").read_bytes())
    assert outs[0] == outs[1]


def test_results_come_back_in_input_order_with_progress():
    reports, _, _ = read_all([str(REPORTS)])
    seen = []
    one = extract_reports(reports, model="blank", workers=1)
    two = extract_reports(reports, model="blank", workers=2, done=seen.append)
    assert [x.report.id for x in two] == [r.id for r in reports]
    assert two == one
    assert sum(seen) == len(reports)


def test_workers_run_with_one_blas_thread():
    with worker_pool("blank", 2) as pool:
        info = pool.call(describe_worker)
    assert info["env"] == THREAD_ENV


def test_progress_bar_is_silent_when_not_a_terminal():
    stream = io.StringIO()
    with Progress(10, "extracting", stream=stream) as bar:
        bar.advance(5)
        bar.advance(5)
    assert stream.getvalue() == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_unless_disabled():
    stream = _Terminal()
    with Progress(4, "extracting", stream=stream) as bar:
        bar.advance(4)
    assert "4/4 reports" in stream.getvalue() and stream.getvalue().endswith("\r")
    quiet = _Terminal()
    with Progress(4, "extracting", stream=quiet, enabled=False) as bar:
        bar.advance(4)
    assert quiet.getvalue() == ""


def test_build_prints_no_progress_bar_to_a_pipe(tmp_path, capsys):
    from graphbuild.cli import main

    assert main(["build", str(REPORTS), "--out", str(tmp_path / "out"), "--model", "blank",
                 "--no-cache", "--format", "json", "-j", "1"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and "extracting" not in err
