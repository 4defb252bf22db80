"""``graphbuild stats`` and ``graphbuild query`` on the sample graph."""
from __future__ import annotations

import importlib.util
import json

import pytest

import graphbuild.cli as cli
from graphbuild.export.json import write_json
from tests.sample_graph import sample_graph

TALK = "talk:towards-multi-threaded-device-emulation-in-qemu"


@pytest.fixture(autouse=True)
def only_present_commands(monkeypatch):
    """Walk only the command modules that exist (others may still be on the way)."""
    present = [c for c in cli.COMMANDS if importlib.util.find_spec(f"graphbuild.cli.{c}")]
    monkeypatch.setattr(cli, "COMMANDS", present)


@pytest.fixture
def graph_json(tmp_path):
    return str(write_json(sample_graph(), tmp_path / "out" / "graph.json"))


def run(capsys, *argv):
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def table(out: str) -> list[list[str]]:
    """Rows of an aligned table, split on runs of two or more spaces."""
    import re

    lines = [ln for ln in out.splitlines() if ln.strip()]
    return [re.split(r"\s{2,}", ln.strip()) for ln in lines]


def test_commands_are_registered():
    assert {"stats", "query"} <= set(cli.COMMANDS)


def test_stats_prints_aligned_counts(capsys, graph_json):
    status, out, _ = run(capsys, "stats", graph_json)
    assert status == 0
    assert out.splitlines()[0] == f"{graph_json}: 12 nodes, 11 edges"
    rows = table(out)
    assert ["node type", "count"] in rows and ["edge type", "count"] in rows
    assert ["Event", "2"] in rows and ["HAS_RESOURCE", "2"] in rows and ["total", "11"] in rows
    lines = out.splitlines()
    header = lines.index(next(ln for ln in lines if ln.startswith("node type")))
    widths = {len(ln) for ln in lines[header:header + 4]}
    assert len(widths) == 1  # right-aligned counts: every row as wide as the header


def test_stats_json(capsys, graph_json):
    status, out, _ = run(capsys, "stats", graph_json, "--json")
    data = json.loads(out)
    assert status == 0
    assert data["nodes"]["Resource"] == 2 and data["edges"]["PRESENTED"] == 1
    assert data["total"] == {"nodes": 12, "edges": 11}


def test_query_talks(capsys, graph_json):
    status, out, _ = run(capsys, "query", graph_json, "talks", "--speaker", "stefan hajnoczi",
                         "--event", "KVM Forum 2014", "--project", "QEMU")
    assert status == 0
    rows = table(out)
    assert rows[0] == ["id", "title", "speakers", "event", "year", "resources", "projects",
                       "room", "start", "confirmed"]
    assert rows[2][0] == TALK and rows[2][3] == "KVM Forum 2014"


def test_query_talks_json(capsys, graph_json):
    status, out, _ = run(capsys, "query", graph_json, "talks", "--year", "2014", "--json")
    records = json.loads(out)
    assert status == 0
    assert records[0]["id"] == TALK and records[0]["speakers"] == ["Stefan Hajnoczi"]
    assert records[0]["resources"] == ["http://youtu.be/KVD9FVlbqmY", "https://example.org/slides.pdf"]


def test_query_no_results_is_not_an_error(capsys, graph_json):
    status, out, _ = run(capsys, "query", graph_json, "talks", "--speaker", "Nobody")
    assert status == 0 and "(no results)" in out
    status, out, _ = run(capsys, "query", graph_json, "people", "--project", "Nothing", "--json")
    assert status == 0 and json.loads(out) == []


def test_query_people_events_projects(capsys, graph_json):
    _, out, _ = run(capsys, "query", graph_json, "people", "--project", "qemu")
    assert table(out)[2] == ["person:stefan-hajnoczi", "Stefan Hajnoczi", "1", "Red Hat"]
    _, out, _ = run(capsys, "query", graph_json, "events", "--series", "KVM Forum", "--json")
    (event,) = json.loads(out)
    assert event["places"] == ["Düsseldorf"] and event["co_located"] == ["LinuxCon Europe 2014"]
    _, out, _ = run(capsys, "query", graph_json, "projects", "--json")
    assert json.loads(out)[0]["name"] == "QEMU"


def test_query_timeline_and_explain(capsys, graph_json):
    status, out, _ = run(capsys, "query", graph_json, "timeline", "Stefan Hajnoczi")
    assert status == 0 and table(out)[2][:2] == ["2014", "1"]
    status, out, _ = run(capsys, "query", graph_json, "explain", "QEMU", "--json")
    data = json.loads(out)
    assert status == 0 and data["subject"] == "project:qemu" and data["lines"][0]["line"] == 7
    status, out, _ = run(capsys, "query", graph_json, "explain", "QEMU")
    assert "report lines:" in out


def test_unknown_name_in_timeline_suggests_a_close_one(capsys, graph_json):
    status, _, err = run(capsys, "query", graph_json, "timeline", "Stefan Hajnozci")
    assert status == 1
    assert "Stefan Hajnozci" in err and "did you mean 'Stefan Hajnoczi'" in err


@pytest.mark.parametrize("command", [["stats"], ["query", "talks"]])
def test_missing_graph_file_is_a_usage_error(capsys, tmp_path, command):
    missing = str(tmp_path / "nowhere" / "graph.json")
    status, out, err = run(capsys, command[0], missing, *command[1:])
    assert status == 2
    assert missing in err and out == ""


@pytest.mark.parametrize("argv", [
    ["stats"], ["query"], *[["query", "g.json", q] for q in ("talks", "people", "projects", "events",
                                                            "timeline", "explain")]])
def test_every_help_has_an_example(capsys, argv):
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*argv, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "example" in out and "graphbuild " + argv[0] in out.split("example", 1)[1]
