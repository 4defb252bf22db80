"""graph.html without a browser: self-contained, escaped, styled for every type."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from graphbuild.export.html import (PHYSICS_LIMIT, html_data, pyvis_network, script_json, series_members,
                                    short_label, viewer_data, write_html)
from graphbuild.export.layout import layout_positions
from graphbuild.export.styles import NODE_STYLES, node_size, node_style
from graphbuild.types import NODE_TYPES
from tests.sample_graph import sample_graph

TALK = "talk:towards-multi-threaded-device-emulation-in-qemu"


def graph_json(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert block, "no graph-data block"
    return json.loads(block.group(1))


def test_page_is_self_contained():
    page = html_data(sample_graph(), built="2026-01-01")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=", page, re.I)
    assert not re.search(r"cdn\.|cdnjs|jsdelivr|unpkg|googleapis|@import|url\(\s*['\"]?(https?:)?//", page, re.I)
    assert "default-src 'none'" in page
    assert page.count("</script>") == 3
    data = graph_json(page)
    assert data["meta"]["built"] == "2026-01-01"
    assert data["meta"]["inputs"] == ["data/reports"]


def test_every_node_type_has_a_style():
    assert set(NODE_STYLES) == set(NODE_TYPES)
    assert len({s.color for s in NODE_STYLES.values()}) == len(NODE_STYLES)
    assert node_style("Unknown").color
    assert node_size("Person", 50) > node_size("Person", 0)


def test_script_json_escapes_markup():
    text = script_json({"a": "</script><!-- & \u2028\u2029 <img>"})
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 <img>"}


def test_hostile_text_stays_inside_the_json_block():
    g = sample_graph()
    evil = "</script><script>alert(1)</script><!-- <img src=x onerror=alert(1)>"
    g.add_node("person:evil", type="Person", label=evil, aliases=[evil], url="javascript:alert(1)",
               provenance=[{"report": "report:kvm-forum-2014", "line": 1, "text": evil}])
    page = html_data(g, title=evil)
    assert page.count("</script>") == 3
    assert "<img" not in page and "<!--" not in page
    data = graph_json(page)
    assert data["details"]["person:evil"]["links"] == []
    assert data["details"]["person:evil"]["aliases"] == [evil]
    assert data["meta"]["title"] == evil


def test_nodes_and_edges_from_pyvis():
    g = sample_graph()
    net = pyvis_network(g)
    assert len(net.nodes) == g.number_of_nodes() and len(net.edges) == g.number_of_edges()
    talk = net.node_map[TALK]
    assert talk["full_label"] == "Towards Multi-Threaded Device Emulation in QEMU"
    assert len(talk["label"]) <= 40 and talk["label"].endswith("\u2026")
    assert talk["group"] == "Talk" and talk["year"] == 2014
    assert {e["title"].split("\n")[0] for e in net.edges} == {k for _, _, k in g.edges(keys=True)}
    assert len({e["id"] for e in net.edges}) == len(net.edges)


def test_details_links_and_provenance():
    data = viewer_data(sample_graph())
    video = data["details"]["resource:youtu-be-kvd9fvlbqmy"]
    assert video["links"] == [{"text": "url", "url": "http://youtu.be/KVD9FVlbqmY"}]
    assert video["provenance"][0]["title"] == "KVM Forum 2014 report"
    assert {"text": "wikidata", "url": "https://www.wikidata.org/wiki/Q485593"} in data["details"]["org:red-hat"]["links"]
    assert data["meta"]["physics"] is True
    assert data["meta"]["years"] == [2014, 2014]


def test_series_members_walk_out_from_editions():
    (kvm,) = series_members(sample_graph())
    assert kvm["editions"] == 1
    assert {"event:kvm-forum-2014", TALK, "person:stefan-hajnoczi", "org:red-hat", "place:dusseldorf",
            "resource:example-org-slides-pdf", "project:qemu"} <= set(kvm["members"])
    assert "event:linuxcon-europe-2014" not in kvm["members"]
    assert "person:ada-lovelace" not in kvm["members"]


@pytest.mark.parametrize("text, short", [
    ("QEMU", "QEMU"),
    ("a  b\nc", "a b c"),
    ("Towards Multi-Threaded Device Emulation in QEMU", "Towards Multi-Threaded Device Emulation\u2026"),
])
def test_short_label(text, short):
    assert short_label(text) == short


def test_large_graph_gets_fixed_positions():
    g = nx.MultiDiGraph(nx.gnm_random_graph(PHYSICS_LIMIT + 50, 500, seed=3, directed=True))
    for n in g:
        g.nodes[n].update(type="Person", label=f"P{n}", aliases=[], provenance=[])
    data = viewer_data(g)
    assert data["meta"]["physics"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_layout_is_deterministic_and_spread():
    g = nx.gnm_random_graph(600, 900, seed=2)
    g.add_nodes_from(range(600, 620))           # isolated nodes
    first, second = layout_positions(g, seed=1), layout_positions(g, seed=1)
    assert first == second and set(first) == set(g)
    assert len(set(first.values())) == len(first)
    assert layout_positions(nx.Graph()) == {}


def test_write_html_is_atomic(tmp_path):
    path = write_html(sample_graph(), tmp_path / "out" / "graph.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in path.parent.iterdir()] == ["graph.html"]
