"""Exporters: round trips, determinism, the format registry and the export command."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.errors import GraphbuildError, UsageError
from graphbuild.export import flatten, formats, gexf, graphml, jsonld, neo4j
from graphbuild.export.json import write_json
from tests.sample_graph import sample_graph


def edges(g):
    return sorted((u, v, k, json.dumps(d, sort_keys=True)) for u, v, k, d in g.edges(keys=True, data=True))


def assert_same_graph(g, h, graph_attrs=True):
    assert isinstance(h, nx.MultiDiGraph)
    assert dict(h.nodes(data=True)) == dict(g.nodes(data=True))
    assert edges(h) == edges(g)
    if graph_attrs:
        assert h.graph == g.graph


def odd_graph():
    """Values the sample graph lacks: ';' in a list, mixed types, None, a non-type key, floats."""
    g = sample_graph()
    g.nodes["person:ada-lovelace"].update(aliases=["A; L", "Countess"], score=0.5, flag=True, wikidata=None)
    g.nodes["person:stefan-hajnoczi"].update(score=1.25, flag=False)
    g.nodes["place:dusseldorf"]["year"] = "unknown"  # str here, int on events: same node scope
    g.nodes["event:kvm-forum-2014"]["merges"] = [{"rule": "alias", "kept": "KVM Forum 2014", "merged": "KVM Forum",
                                                 "report": "report:kvm-forum-2014"}]
    g.add_edge("person:stefan-hajnoczi", "talk:towards-multi-threaded-device-emulation-in-qemu",
               key="PRESENTED#2", type="PRESENTED", provenance=[])
    return g


# ---------------------------------------------------------------- flatten


def test_flatten_rules():
    flat = flatten.flatten_graph(sample_graph())
    d = flat.nodes["place:dusseldorf"]
    assert d["aliases"] == '["Dusseldorf"]'
    assert json.loads(d["provenance"])[0]["line"] == 3
    assert (d["provenance_count"], d["first_report"], d["first_line"]) == (1, "report:kvm-forum-2014", 3)
    assert flat.nodes["event:kvm-forum-2014"]["year"] == 2014
    assert list(d) == sorted(d)
    names = json.loads(flat.graph[flatten.JSON_ATTRIBUTES_KEY])
    assert names["node"] == ["aliases", "authors", "provenance", "tags"]
    assert names["edge"] == ["provenance"]


def test_flatten_mixed_types_and_none():
    flat = flatten.flatten_graph(odd_graph())
    assert flat.nodes["place:dusseldorf"]["year"] == '"unknown"'
    assert flat.nodes["event:kvm-forum-2014"]["year"] == "2014"
    assert "wikidata" not in flat.nodes["person:ada-lovelace"]
    assert flat.nodes["person:ada-lovelace"]["score"] == 0.5


@pytest.mark.parametrize("make", [sample_graph, odd_graph])
def test_flatten_round_trip(make):
    g = make()
    g.nodes["person:ada-lovelace"].pop("wikidata", None)
    assert_same_graph(g, flatten.unflatten_graph(flatten.flatten_graph(g)))


# ---------------------------------------------------------------- GraphML / GEXF


def test_graphml_round_trip(tmp_path):
    g = sample_graph()
    path = graphml.write_graphml(g, tmp_path / "graph.graphml")
    assert_same_graph(g, graphml.read_graphml(path))


def test_graphml_plain_networkx_reads_it(tmp_path):
    g = sample_graph()
    path = graphml.write_graphml(g, tmp_path / "graph.graphml")
    raw = nx.read_graphml(path, force_multigraph=True)
    assert set(raw.nodes) == set(g.nodes)
    assert sorted((u, v, d["key"]) for u, v, d in raw.edges(data=True)) == sorted(g.edges(keys=True))
    assert raw.nodes["person:stefan-hajnoczi"]["type"] == "Person"
    text = path.read_text(encoding="utf-8")
    ids = [line.split(' id="')[1].split('"')[0] for line in text.splitlines() if "<edge " in line]
    assert len(ids) == len(set(ids)) == g.number_of_edges()


def test_gexf_round_trip(tmp_path):
    g = sample_graph()
    path = gexf.write_gexf(g, tmp_path / "graph.gexf")
    assert_same_graph(g, gexf.read_gexf(path))


def test_gexf_plain_networkx_reads_it_with_colours(tmp_path):
    g = sample_graph()
    raw = nx.read_gexf(gexf.write_gexf(g, tmp_path / "graph.gexf"))
    assert set(raw.nodes) == set(g.nodes)
    assert sorted((u, v, d["label"]) for u, v, d in raw.edges(data=True)) == sorted(g.edges(keys=True))
    person = raw.nodes["person:stefan-hajnoczi"]
    assert person["type"] == "Person" and person["label"] == "Stefan Hajnoczi"
    colour = gexf.node_colour("Person")
    assert person["viz"]["color"]["r"] == int(colour[1:3], 16)


@pytest.mark.parametrize("module,write,read", [
    (graphml, "write_graphml", "read_graphml"), (gexf, "write_gexf", "read_gexf"),
])
def test_xml_round_trip_odd_values(tmp_path, module, write, read):
    g = odd_graph()
    h = getattr(module, read)(getattr(module, write)(g, tmp_path / "graph"))
    g.nodes["person:ada-lovelace"].pop("wikidata")  # None is dropped
    assert_same_graph(g, h)


# ---------------------------------------------------------------- JSON-LD


def test_jsonld_parses_offline_and_answers_sparql():
    rdflib = pytest.importorskip("rdflib")
    data = jsonld.jsonld_data(sample_graph())
    assert isinstance(data["@context"], dict) and data["@context"]["@vocab"] == "https://schema.org/"
    rdf = rdflib.Graph().parse(data=json.dumps(data), format="json-ld")
    query = """
        PREFIX s: <https://schema.org/>
        SELECT ?title WHERE {
            ?person s:name "Stefan Hajnoczi" .
            ?talk s:performer ?person ; s:name ?title ; s:superEvent ?event .
            ?event s:name "KVM Forum 2014" .
        }"""
    assert [str(row.title) for row in rdf.query(query)] == ["Towards Multi-Threaded Device Emulation in QEMU"]
    s = rdflib.Namespace("https://schema.org/")
    red_hat = rdflib.URIRef("urn:graphbuild:org:red-hat")
    assert (red_hat, s.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q485593")) in rdf
    video = rdflib.URIRef("urn:graphbuild:resource:youtu-be-kvd9fvlbqmy")
    assert (video, rdflib.RDF.type, s.VideoObject) in rdf
    assert (video, s.url, rdflib.URIRef("http://youtu.be/KVD9FVlbqmY")) in rdf
    event = rdflib.URIRef("urn:graphbuild:event:kvm-forum-2014")
    assert (event, s.superEvent, rdflib.URIRef("urn:graphbuild:series:kvm-forum")) in rdf
    assert (event, s.location, rdflib.URIRef("urn:graphbuild:place:dusseldorf")) in rdf
    report = rdflib.URIRef("urn:graphbuild:report:kvm-forum-2014")
    assert (report, s.author, rdflib.URIRef("urn:graphbuild:person:ada-lovelace")) in rdf


def test_jsonld_types():
    objs = {o["@id"]: o for o in jsonld.jsonld_data(sample_graph())["@graph"]}
    assert objs["urn:graphbuild:series:kvm-forum"]["@type"] == ["EventSeries", "gb:EventSeries"]
    assert objs["urn:graphbuild:resource:example-org-slides-pdf"]["@type"][0] == "PresentationDigitalDocument"
    assert objs["urn:graphbuild:project:qemu"]["@type"][0] == "SoftwareSourceCode"
    assert objs["urn:graphbuild:event:kvm-forum-2014"]["startDate"] == "2014"


# ---------------------------------------------------------------- Neo4j


def parse_csv(text):
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def test_neo4j_headers_and_rebuild_with_csv_module(tmp_path):
    g = sample_graph()
    paths = neo4j.write_neo4j(g, tmp_path / "neo4j")
    names = {p.name for p in paths}
    assert {"import.cypher", "README.txt", "nodes_Person.csv", "relationships_PRESENTED.csv"} <= names
    h = nx.MultiDiGraph()
    for p in sorted(tmp_path.joinpath("neo4j").glob("nodes_*.csv")):
        header, rows = parse_csv(p.read_text(encoding="utf-8"))
        assert header[:2] == ["id:ID", ":LABEL"]
        assert "aliases:string[]" in header and "provenance_count:int" in header
        for row in rows:
            labels = row[1].split(";")
            h.add_node(row[0], type=[x for x in labels if x != "Entity"][0],
                       label=row[header.index("label")])
    for p in sorted(tmp_path.joinpath("neo4j").glob("relationships_*.csv")):
        header, rows = parse_csv(p.read_text(encoding="utf-8"))
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
        for row in rows:
            h.add_edge(row[0], row[1], key=row[2])
    assert {n: (d["type"], d["label"]) for n, d in h.nodes(data=True)} == \
        {n: (d["type"], d["label"]) for n, d in g.nodes(data=True)}
    assert sorted(h.edges(keys=True)) == sorted(g.edges(keys=True))
    header, rows = parse_csv((tmp_path / "neo4j" / "nodes_Report.csv").read_text(encoding="utf-8"))
    assert rows[0][header.index("tags:string[]")] == "KVM;QEMU"


@pytest.mark.parametrize("make", [sample_graph, odd_graph])
def test_neo4j_round_trip(tmp_path, make):
    g = make()
    h = neo4j.read_neo4j(neo4j.write_neo4j(g, tmp_path / "neo4j")[0].parent)
    g.nodes["person:ada-lovelace"].pop("wikidata", None)
    assert_same_graph(g, h)


def test_neo4j_delimiter_in_list_becomes_json():
    files = neo4j.neo4j_data(odd_graph())
    header, rows = parse_csv(files["nodes_Person.csv"])
    assert "aliases" in header and "aliases:string[]" not in header
    assert "aliases" in json.loads(files["metadata.json"])["json_columns"]["nodes_Person.csv"]


def test_neo4j_cypher_and_readme():
    files = neo4j.neo4j_data(sample_graph())
    cypher = files["import.cypher"]
    assert "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;" in cypher
    for name in files:
        if name.endswith(".csv"):
            assert f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row" in cypher
            assert f"--{'nodes' if name.startswith('nodes_') else 'relationships'}={name}" in files["README.txt"]
    assert "MERGE (a)-[r:`PRESENTED`]->(b)" in cypher
    assert "split(row.`aliases:string[]`, ';')" in cypher
    assert "cypher-shell" in files["README.txt"] and "neo4j-admin database import full" in files["README.txt"]


# ---------------------------------------------------------------- determinism


def shuffled(g):
    """The same graph with nodes and edges added in reverse order."""
    h = nx.MultiDiGraph()
    h.graph.update(g.graph)
    h.add_nodes_from(reversed(list(g.nodes(data=True))))
    h.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    return h


def folder_bytes(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", ["json", "graphml", "gexf", "jsonld", "neo4j"])
def test_byte_identical(tmp_path, name):
    g = sample_graph()
    formats.write_formats(g, tmp_path / "a", [name])
    formats.write_formats(g, tmp_path / "b", [name])
    formats.write_formats(shuffled(g), tmp_path / "c", [name])
    a = folder_bytes(tmp_path / "a")
    assert a and a == folder_bytes(tmp_path / "b") == folder_bytes(tmp_path / "c")


def test_graph_json_byte_identical(tmp_path):
    g = sample_graph()
    assert write_json(g, tmp_path / "a.json").read_bytes() == write_json(shuffled(g), tmp_path / "b.json").read_bytes()


# ---------------------------------------------------------------- registry and command


def test_parse_formats():
    assert formats.parse_formats("graphml, GEXF,graphml") == ["graphml", "gexf"]
    assert formats.parse_formats("all") == list(formats.FORMATS)
    assert set(formats.FORMATS) == {"json", "html", "graphml", "gexf", "jsonld", "neo4j"}
    with pytest.raises(UsageError) as exc:
        formats.parse_formats("json,svg")
    assert "'svg'" in str(exc.value) and "graphml" in str(exc.value) and "neo4j" in str(exc.value)
    with pytest.raises(UsageError):
        formats.parse_formats("")


def run_export(argv, capsys):
    """Run `graphbuild export ...` through the export command's own parser."""
    import argparse

    from graphbuild.cli import export as export_cli

    parser = argparse.ArgumentParser(prog="graphbuild")
    export_cli.add_parser(parser.add_subparsers())
    args = parser.parse_args(["export", *argv])
    return args.func(args)


def test_export_command(tmp_path, capsys):
    graph = write_json(sample_graph(), tmp_path / "out" / "graph.json")
    assert run_export([str(graph), "--out", str(tmp_path / "x")], capsys) == 0
    printed = capsys.readouterr().out.split()
    for name in ("graph.graphml", "graph.gexf", "graph.jsonld", "neo4j/import.cypher"):
        assert (tmp_path / "x" / name).is_file() and str(tmp_path / "x" / name) in printed
    assert not (tmp_path / "x" / "graph.html").exists()
    assert run_export([str(graph), "--format", "gexf"], capsys) == 0
    assert (tmp_path / "out" / "graph.gexf").is_file()
    assert_same_graph(sample_graph(), gexf.read_gexf(tmp_path / "out" / "graph.gexf"))


def test_export_command_errors(tmp_path, capsys):
    with pytest.raises(UsageError, match="missing.json"):
        run_export([str(tmp_path / "missing.json")], capsys)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GraphbuildError, match="not valid JSON") as exc:
        run_export([str(bad)], capsys)
    assert not isinstance(exc.value, UsageError)
    with pytest.raises(UsageError, match="unknown export format"):
        run_export([str(bad), "--format", "pdf"], capsys)


def test_export_command_exit_codes(tmp_path, capsys):
    from graphbuild.cli import main
    assert main(["export", str(tmp_path / "missing.json")]) == 2
    assert "missing.json" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    assert main(["export", str(bad)]) == 1


# ---------------------------------------------------------------- property test

_scalar = st.one_of(st.text(max_size=5), st.integers(-10**6, 10**6), st.booleans(),
                    st.floats(allow_nan=False, allow_infinity=False))
_value = st.one_of(_scalar, st.lists(st.text(max_size=5), max_size=3),
                   st.dictionaries(st.text(max_size=3), _scalar, max_size=2))


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b", "c"]),
                       st.dictionaries(st.sampled_from(["label", "aliases", "x", "y"]), _value, max_size=4),
                       min_size=1))
def test_flatten_round_trip_any_values(nodes):
    g = nx.MultiDiGraph()
    for n, attrs in nodes.items():
        g.add_node(n, **attrs)
    flat = flatten.flatten_graph(g)
    for _, d in flat.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    assert dict(flatten.unflatten_graph(flat).nodes(data=True)) == dict(g.nodes(data=True))


def test_neo4j_removes_stale_files(tmp_path):
    g = sample_graph()
    folder = tmp_path / "neo4j"
    neo4j.write_neo4j(g, folder)
    g.remove_node("project:qemu")
    neo4j.write_neo4j(g, folder)
    assert not (folder / "nodes_Project.csv").exists()
    assert not (folder / "relationships_ABOUT.csv").exists()
    assert_same_graph(g, neo4j.read_neo4j(folder))
