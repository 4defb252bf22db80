"""graph.gexf: GEXF 1.2 for Gephi and ``networkx.read_gexf``.

Attributes are flattened by graphbuild.export.flatten. GEXF has fixed meanings
for some names, so:

* the node ``label`` is the GEXF node label; the node ``type`` is an attribute
  (partition on it in Gephi) and sets the node colour (``viz:color``) from
  the style table of graphbuild.export.styles (the colours of graph.html);
* the edge ``type`` (PRESENTED, HELD_IN, ...) is the GEXF edge label, since
  GEXF's own edge ``type`` means directed/undirected; the MultiDiGraph key is
  the ``networkx_key`` attribute; each edge has a unique id ``source.KEY.target``;
* graph attributes (schema_version, generator, inputs, skipped, warnings) are
  JSON text in ``<meta><description>``; ``<meta><creator>`` is the generator.

``read_gexf`` gives the original graph back.
"""
from __future__ import annotations

import io
import json
from pathlib import Path
from xml.etree.ElementTree import ElementTree

import networkx as nx
from networkx.readwrite.gexf import GEXFReader, GEXFWriter

from graphbuild.export.atomic import write_text
from graphbuild.export.flatten import JSON_ATTRIBUTES_KEY, dump_value, edge_id, flatten_graph, unflatten_graph

__all__ = ["gexf_data", "write_gexf", "gexf_graph", "read_gexf", "node_colour"]

VERSION = "1.2draft"
# used when graphbuild.export.styles (the shared style table) is not available
FALLBACK_COLOURS = {
    "Report": "#7f7f7f", "Event": "#d62728", "EventSeries": "#ff9896", "Talk": "#1f77b4",
    "Person": "#2ca02c", "Organization": "#9467bd", "Project": "#ff7f0e",
    "Place": "#8c564b", "Resource": "#17becf",
}
DEFAULT_COLOUR = "#bbbbbb"


def _hex(value) -> str | None:
    if isinstance(value, str) and len(value) == 7 and value.startswith("#"):
        try:
            int(value[1:], 16)
            return value.lower()
        except ValueError:
            return None
    return None


def node_colour(node_type: str) -> str:
    """``#rrggbb`` of a node type: the shared style table (graphbuild.export.styles),
    or a fallback table when that module is not available."""
    try:
        from graphbuild.export.styles import node_style
    except ImportError:
        return FALLBACK_COLOURS.get(node_type, DEFAULT_COLOUR)
    return _hex(getattr(node_style(node_type), "color", None)) or DEFAULT_COLOUR


def _viz(node_type) -> dict:
    colour = node_colour(str(node_type))
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return {"color": {"r": r, "g": g, "b": b, "a": 1.0}}


def _writable(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    flat = flatten_graph(g)
    out = nx.MultiDiGraph()
    out.graph[JSON_ATTRIBUTES_KEY] = flat.graph[JSON_ATTRIBUTES_KEY]  # not written as such
    for n, d in flat.nodes(data=True):
        out.add_node(n, **d, viz=_viz(d.get("type", "")))
    for u, v, k, d in flat.edges(keys=True, data=True):
        d = dict(d)
        if "type" in d:
            d["label"] = str(d.pop("type"))
        d["id"] = edge_id(u, v, k)
        out.add_edges_from([(u, v, k, d)])
    return out


def gexf_data(g: nx.MultiDiGraph) -> str:
    """The GEXF document as text (no I/O); the same graph gives the same text."""
    flat = _writable(g)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version=VERSION)
    meta = writer.xml.find("meta")
    meta.attrib.pop("lastmodifieddate", None)  # today's date would make output differ by day
    meta.find("creator").text = str(g.graph.get("generator", "graphbuild"))
    description = {
        "graph": {k: v for k, v in g.graph.items() if v is not None and k != JSON_ATTRIBUTES_KEY},
        JSON_ATTRIBUTES_KEY: json.loads(flat.graph[JSON_ATTRIBUTES_KEY]),
    }
    meta.append(meta.makeelement("description", {}))
    meta.find("description").text = json.dumps(description, ensure_ascii=False, sort_keys=True, default=str)
    writer.add_graph(flat)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue().decode("utf-8").rstrip("\n") + "\n"


def write_gexf(g: nx.MultiDiGraph, path) -> Path:
    """Write ``graph.gexf`` atomically; returns the path."""
    return write_text(path, gexf_data(g))


class _MultiGEXFReader(GEXFReader):
    # keep the MultiDiGraph (and its keys) even without parallel edges
    simple_graph = property(lambda self: False, lambda self, value: None)


def _description(text: str) -> dict:
    tree = ElementTree(file=io.BytesIO(text.encode("utf-8")))
    ns = "{http://www.gexf.net/1.2draft}"
    element = tree.find(f"{ns}meta/{ns}description")
    try:
        data = json.loads(element.text) if element is not None and element.text else {}
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


def gexf_graph(text: str) -> nx.MultiDiGraph:
    """Inverse of gexf_data: keys, edge types, list/dict and graph attributes back."""
    raw = _MultiGEXFReader(version=VERSION)(io.BytesIO(text.encode("utf-8")))
    description = _description(text)
    flat = nx.MultiDiGraph()
    if isinstance(description.get(JSON_ATTRIBUTES_KEY), dict):
        flat.graph[JSON_ATTRIBUTES_KEY] = dump_value(description[JSON_ATTRIBUTES_KEY])
    flat.add_nodes_from(raw.nodes(data=True))
    for u, v, k, d in raw.edges(keys=True, data=True):
        d = dict(d)
        d.pop("id", None)
        if "label" in d:
            d["type"] = d.pop("label")
        flat.add_edges_from([(u, v, k, d)])
    g = unflatten_graph(flat, drop=("viz",))
    graph_attrs = description.get("graph")
    if isinstance(graph_attrs, dict):
        g.graph.update(graph_attrs)
    return g


def read_gexf(path) -> nx.MultiDiGraph:
    return gexf_graph(Path(path).read_text(encoding="utf-8"))
