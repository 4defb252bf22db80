"""graph.graphml: GraphML for Gephi, yEd, Cytoscape and ``networkx.read_graphml``.

Attributes are flattened by graphbuild.export.flatten (lists and dicts as JSON
text, plus ``provenance_count``, ``first_report``, ``first_line``). Each edge
has a unique id ``source.KEY.target`` and keeps its MultiDiGraph key in the
``key`` attribute beside ``type``. ``read_graphml`` gives the original graph
back.
"""
from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from graphbuild.export.atomic import write_text
from graphbuild.export.flatten import edge_id, flatten_graph, unflatten_graph

__all__ = ["graphml_data", "write_graphml", "graphml_graph", "read_graphml"]


def _writable(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The flat graph with each edge keyed by its unique id and its key kept as data."""
    flat = flatten_graph(g)
    out = nx.MultiDiGraph()
    out.graph.update(flat.graph)
    out.add_nodes_from(flat.nodes(data=True))
    for u, v, k, d in flat.edges(keys=True, data=True):
        d = {**d, "key": k}
        out.add_edges_from([(u, v, edge_id(u, v, k), {a: d[a] for a in sorted(d)})])
    return out


def graphml_data(g: nx.MultiDiGraph) -> str:
    """The GraphML document as text (no I/O); the same graph gives the same text."""
    buf = io.BytesIO()
    GraphMLWriter(graph=_writable(g), encoding="utf-8", prettyprint=True).dump(buf)
    return buf.getvalue().decode("utf-8").rstrip("\n") + "\n"


def write_graphml(g: nx.MultiDiGraph, path) -> Path:
    """Write ``graph.graphml`` atomically; returns the path."""
    return write_text(path, graphml_data(g))


def graphml_graph(text: str) -> nx.MultiDiGraph:
    """Inverse of graphml_data: the original keys and list/dict attributes back."""
    raw = nx.parse_graphml(text, node_type=str, edge_key_type=str, force_multigraph=True)
    rekeyed = nx.MultiDiGraph()
    rekeyed.graph.update({k: v for k, v in raw.graph.items() if k not in ("node_default", "edge_default")})
    rekeyed.add_nodes_from(raw.nodes(data=True))
    for u, v, k, d in raw.edges(keys=True, data=True):
        d = dict(d)
        key = d.pop("key", d.get("type", k))
        rekeyed.add_edges_from([(u, v, key, d)])
    return unflatten_graph(rekeyed)


def read_graphml(path) -> nx.MultiDiGraph:
    return graphml_graph(Path(path).read_text(encoding="utf-8"))
