"""The Python API: KnowledgeGraph queries on hand-made graphs."""
from __future__ import annotations

import html
import importlib.util

import networkx as nx
import pytest

from graphbuild.api import KnowledgeGraph, example, load
from graphbuild.api_records import ResultList, TalkRecord
from graphbuild.errors import GraphbuildError, UsageError
from graphbuild.export import html as viewer
from graphbuild.export.json import json_data, write_json
from tests.sample_graph import sample_graph

TALK = "talk:towards-multi-threaded-device-emulation-in-qemu"


@pytest.fixture
def kg() -> KnowledgeGraph:
    return KnowledgeGraph(sample_graph())


def test_summary_counts_nodes_and_edges_by_type(kg):
    counts = {(r.kind, r.type): r.count for r in kg.summary()}
    assert counts[("node", "Event")] == 2
    assert counts[("node", "Resource")] == 2
    assert counts[("edge", "HAS_RESOURCE")] == 2
    assert sum(r.count for r in kg.summary() if r.kind == "edge") == kg.graph.number_of_edges()
    assert repr(kg).startswith("KnowledgeGraph: 12 nodes, 11 edges")


@pytest.mark.parametrize("speaker", [
    "Stefan Hajnoczi", "stefan hajnoczi", "Dr. Stefan Hajnoczi", "STEFAN", "person:stefan-hajnoczi",
])
def test_talks_by_speaker_matches_label_alias_and_id(kg, speaker):
    assert [t.id for t in kg.talks(speaker=speaker)] == [TALK]


def test_talk_record_fields(kg):
    (talk,) = kg.talks()
    assert talk == TalkRecord(
        id=TALK, title="Towards Multi-Threaded Device Emulation in QEMU",
        speakers=("Stefan Hajnoczi",), event="KVM Forum 2014", year=2014,
        resources=("http://youtu.be/KVD9FVlbqmY", "https://example.org/slides.pdf"),
        projects=("QEMU",))


def test_talk_filters_combine(kg):
    assert len(kg.talks(speaker="Stefan Hajnoczi", event="KVM Forum 2014", project="QEMU")) == 1
    assert kg.talks(speaker="Stefan Hajnoczi", event="LinuxCon Europe 2014") == []
    assert kg.talks(project="KVM") == []
    assert len(kg.talks(year=2014)) == 1 and kg.talks(year="2015") == []


def test_event_filter_accepts_a_series_name():
    kg = example()
    assert [t.event for t in kg.talks(event="KVM Forum")] == ["KVM Forum 2014", "KVM Forum 2015", "KVM Forum 2015"]
    assert [t.event for t in kg.talks(series="kvm forum")] == ["KVM Forum 2014", "KVM Forum 2015", "KVM Forum 2015"]
    assert len(kg.talks(event="kvm-forum-2015")) == 2


def test_event_filter_includes_parts_of_an_event():
    g = example().graph
    g.add_node("event:kvm-forum-2015-hackathon", type="Event", label="KVM Forum 2015 Hackathon",
               aliases=[], provenance=[], year=2015)
    g.add_edge("event:kvm-forum-2015-hackathon", "event:kvm-forum-2015", key="PART_OF", type="PART_OF", provenance=[])
    g.add_node("talk:hack", type="Talk", label="Hacking", aliases=[], provenance=[])
    g.add_edge("talk:hack", "event:kvm-forum-2015-hackathon", key="PRESENTED_AT", type="PRESENTED_AT", provenance=[])
    assert "talk:hack" in [t.id for t in KnowledgeGraph(g).talks(event="KVM Forum 2015")]


def test_unknown_names_give_empty_results(kg):
    assert kg.talks(speaker="Nobody At All") == []
    assert kg.people(project="No Such Project") == []
    assert kg.events(series="No Such Series") == []
    assert "(no results)" in repr(kg.talks(speaker="Nobody"))


def test_people_most_talks_first():
    kg = example()
    people = kg.people(project="QEMU")
    assert [(p.name, p.talks) for p in people] == [("Stefan Hajnoczi", 2), ("Paolo Bonzini", 1)]
    assert people[0].affiliations == ("Red Hat",)
    assert [p.name for p in kg.people(project="KVM")] == ["Paolo Bonzini"]
    assert [p.name for p in kg.people(event="KVM Forum 2014")] == ["Stefan Hajnoczi"]
    assert [p.name for p in kg.people(organization="Red Hat, Inc.")] == ["Stefan Hajnoczi"]
    everyone = kg.people()
    assert [p.name for p in everyone] == ["Stefan Hajnoczi", "Paolo Bonzini", "Ada Lovelace"]


def test_projects_busiest_first():
    assert [(p.name, p.talks) for p in example().projects()] == [("QEMU", 3), ("KVM", 1)]
    assert [p.name for p in example().projects(speaker="Stefan Hajnoczi")] == ["QEMU"]


def test_events_with_places_series_and_co_location(kg):
    events = {e.id: e for e in kg.events()}
    kvm = events["event:kvm-forum-2014"]
    assert (kvm.year, kvm.series, kvm.places, kvm.talks) == (2014, "KVM Forum", ("Düsseldorf",), 1)
    assert kvm.co_located == ("LinuxCon Europe 2014",)
    assert events["event:linuxcon-europe-2014"].co_located == ("KVM Forum 2014",)
    assert events["event:linuxcon-europe-2014"].series == "LinuxCon Europe"
    assert [e.name for e in kg.events(series="KVM Forum")] == ["KVM Forum 2014"]
    assert [e.name for e in kg.events(series="LinuxCon Europe")] == ["LinuxCon Europe 2014"]
    assert len(kg.events(place="dusseldorf")) == 2
    assert kg.events(year=2015) == []


def test_timeline_groups_by_year_and_falls_back_to_report_date():
    g = example().graph
    g.add_node("talk:undated", type="Talk", label="An Undated Talk", aliases=[],
               provenance=[{"report": "report:kvm-forum-2015", "line": 20, "text": "", "rule": "t", "confidence": 1}])
    g.add_edge("person:stefan-hajnoczi", "talk:undated", key="PRESENTED", type="PRESENTED", provenance=[])
    rows = KnowledgeGraph(g).timeline("Stefan Hajnoczi")
    assert [(r.year, r.talks) for r in rows] == [(2014, 1), (2015, 2)]
    assert rows[1].titles == ("An Undated Talk", "QEMU Block Layer Status")


def test_unknown_name_errors_suggest_close_matches(kg):
    with pytest.raises(GraphbuildError, match="Stefan Hajnoczi"):
        kg.timeline("Stefan Hajnocci")
    with pytest.raises(GraphbuildError, match="no node named 'Qemmu'.*QEMU"):
        kg.explain("Qemmu")
    with pytest.raises(GraphbuildError, match="zzz"):
        kg.subgraph(around="zzz")


def test_ambiguous_name_lists_the_node_ids(kg):
    g = kg.graph
    g.add_node("person:stefan-other", type="Person", label="Stefan Other", aliases=["Stefan"], provenance=[])
    with pytest.raises(GraphbuildError, match="person:stefan-hajnoczi, person:stefan-other"):
        KnowledgeGraph(g).timeline("Stefan")


def test_explain_node_gives_report_lines_and_merges():
    why = example().explain("Dr. Stefan Hajnoczi")
    assert why.subject == "person:stefan-hajnoczi"
    first = why.lines[0]
    assert (first.title, first.path, first.line) == ("KVM Forum 2014 report", "reports/kvm-forum-2014.md", 7)
    assert first.text.startswith("Stefan Hajnoczi (Red Hat) presented")
    assert [(m.kept, m.merged, m.rule) for m in why.merges] == [("Stefan Hajnoczi", "Dr. Stefan Hajnoczi", "honorific")]
    assert "merges:" in repr(why) and "<table" in why._repr_html_()


def test_explain_edge(kg):
    why = kg.explain(("Stefan Hajnoczi", TALK, "PRESENTED"))
    assert why.type == "PRESENTED" and [ln.line for ln in why.lines] == [7]
    back = kg.explain(("LinuxCon Europe 2014", "KVM Forum 2014"))  # stored the other way round
    assert back.subject == "event:kvm-forum-2014 -CO_LOCATED_WITH-> event:linuxcon-europe-2014"
    with pytest.raises(GraphbuildError, match="no ABOUT edge"):
        kg.explain(("Stefan Hajnoczi", "Red Hat", "ABOUT"))
    with pytest.raises(GraphbuildError, match="an edge is"):
        kg.explain(("Stefan Hajnoczi",))


def test_subgraph_is_an_undirected_ego_graph(kg):
    sub = kg.subgraph(around="QEMU", depth=1)
    assert isinstance(sub, KnowledgeGraph)
    assert set(sub.graph) == {"project:qemu", TALK}
    sub2 = kg.subgraph(around="QEMU", depth=2)
    assert "person:stefan-hajnoczi" in sub2.graph and "event:kvm-forum-2014" in sub2.graph
    assert "org:red-hat" not in sub2.graph
    assert sub2.graph.graph["schema_version"] == kg.graph.graph["schema_version"]
    assert sub2.graph is not kg.graph


def test_round_trip_through_json(kg, tmp_path):
    path = kg.to_json(tmp_path / "out" / "graph.json")
    again = load(path)
    assert json_data(again.graph) == json_data(kg.graph)
    assert nx.utils.graphs_equal(again.graph, kg.graph)
    assert load(tmp_path / "out").graph.number_of_nodes() == kg.graph.number_of_nodes()


def test_load_errors(tmp_path):
    with pytest.raises(UsageError, match="missing.json"):
        load(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GraphbuildError, match="not a graph.json"):
        load(bad)


def test_result_list_text_and_html_escape():
    g = sample_graph()
    g.nodes[TALK]["label"] = "<script>alert('x')</script> & more"
    rows = KnowledgeGraph(g).talks()
    page = rows._repr_html_()
    assert "<script>" not in page and html.escape("<script>") in page
    lines = repr(rows).splitlines()
    assert lines[0].split() == rows.columns
    assert set(lines[1]) <= {"-", " "}


def test_result_list_shows_at_most_forty_rows():
    from graphbuild.api_records import CountRecord

    rows = ResultList([CountRecord("node", f"T{i}", i) for i in range(45)], CountRecord)
    assert "5 more rows (45 in all)" in repr(rows)
    assert "5 more rows" in rows._repr_html_()


@pytest.mark.skipif(importlib.util.find_spec("pandas") is None, reason="pandas is not installed")
def test_to_frame():
    frame = example().people(project="QEMU").to_frame()
    assert list(frame.columns) == ["id", "name", "talks", "affiliations"]
    assert frame["talks"].tolist() == [2, 1]
    empty = example().talks(speaker="nobody").to_frame()
    assert len(empty) == 0 and "title" in empty.columns


def test_to_frame_without_pandas_says_how_to_install(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("no pandas")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(GraphbuildError, match="pip install pandas"):
        example().talks().to_frame()


def test_refuses_other_graph_types():
    with pytest.raises(GraphbuildError, match="MultiDiGraph"):
        KnowledgeGraph(nx.Graph())


def test_show_embeds_the_viewer_in_a_sandboxed_iframe(kg):
    markup = kg.show(height=450)._repr_html_()
    assert markup.startswith('<div class="graphbuild-graph"><iframe srcdoc="')
    assert 'sandbox="allow-scripts"' in markup and "height:450px;border:0" in markup
    start = markup.index('srcdoc="') + len('srcdoc="')
    srcdoc = markup[start:markup.index('" sandbox=')]
    assert '"' not in srcdoc and "<" not in srcdoc
    assert html.unescape(srcdoc) == viewer.html_data(kg.graph, title=None)


def test_to_html_writes_the_page(kg, tmp_path):
    path = kg.to_html(tmp_path / "graph.html")
    assert path.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


def test_write_json_of_sample_graph_loads(tmp_path):
    write_json(sample_graph(), tmp_path / "graph.json")
    assert load(tmp_path / "graph.json").talks(project="QEMU")[0].id == TALK
