"""Flat attributes for formats that only hold scalars (GraphML, GEXF, CSV).

One rule for every exporter:

* ``str``, ``int``, ``float`` and ``bool`` values are kept as they are, when
  every value of that attribute (per scope: graph, node, edge) has the same
  type;
* every other attribute (lists, dicts, or values of mixed types) is written as
  JSON text for *all* its values: ``aliases`` -> ``'["Dusseldorf"]'``,
  ``provenance`` -> ``'[{"confidence": 1.0, "line": 3, ...}]'``
  (``json.dumps`` with sorted keys, non-ASCII kept);
* ``None`` values are dropped;
* derived scalar columns are added beside ``provenance`` for filtering in
  Gephi or a spreadsheet: ``provenance_count``, ``first_report`` and
  ``first_line`` (from the first provenance record). Readers drop them.

The names of the JSON-encoded attributes are recorded in the graph attribute
``json_attributes`` (itself JSON text: ``{"edge": [...], "graph": [...],
"node": [...]}``), so readers decode exactly those and nothing else. When a
file lacks it, the list and dict attributes of the graph.json contract are
decoded (``CONTRACT_JSON_ATTRIBUTES``).

Nodes are ordered by id and edges by (source, target, key); attribute keys
are sorted, so the flat graph, and every file written from it, is the same
for the same graph.
"""
from __future__ import annotations

import json
from typing import Any, Iterable

import networkx as nx

__all__ = [
    "CONTRACT_JSON_ATTRIBUTES", "DERIVED_ATTRIBUTES", "JSON_ATTRIBUTES_KEY",
    "dump_value", "json_attribute_names", "derived_attributes", "flatten_attrs", "flatten_graph",
    "unflatten_attrs", "unflatten_graph", "sorted_nodes", "sorted_edges", "edge_id",
]

SCALARS = (str, int, float, bool)
JSON_ATTRIBUTES_KEY = "json_attributes"
DERIVED_ATTRIBUTES = ("provenance_count", "first_report", "first_line")
# list and dict attributes of the graph.json contract, per scope
CONTRACT_JSON_ATTRIBUTES = {
    "graph": ("inputs", "skipped", "warnings"),
    "node": ("aliases", "authors", "categories", "merges", "provenance", "tags"),
    "edge": ("provenance",),
}


def dump_value(value: Any) -> str:
    """The JSON text of a list or dict attribute (sorted keys, deterministic)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def sorted_nodes(g: nx.MultiDiGraph) -> list[tuple[Any, dict]]:
    return sorted(g.nodes(data=True), key=lambda nd: str(nd[0]))


def sorted_edges(g: nx.MultiDiGraph) -> list[tuple[Any, Any, Any, dict]]:
    return sorted(g.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))


def edge_id(source: Any, target: Any, key: Any) -> str:
    """A readable edge id, unique in a MultiDiGraph: ``person:a.PRESENTED.talk:b``."""
    return f"{source}.{key}.{target}"


def _kind(value: Any) -> type | None:
    for t in (bool, int, float, str):  # bool before int: True is an int too
        if isinstance(value, t):
            return t
    return None


def json_attribute_names(dicts: Iterable[dict]) -> list[str]:
    """Names whose values are not all of one scalar type (these become JSON text)."""
    kinds: dict[str, set] = {}
    for d in dicts:
        for name, value in d.items():
            if value is not None:
                kinds.setdefault(name, set()).add(_kind(value))
    return sorted(name for name, ks in kinds.items() if len(ks) > 1 or None in ks)


def derived_attributes(attrs: dict) -> dict[str, Any]:
    """``provenance_count``, ``first_report``, ``first_line`` from ``provenance``."""
    prov = attrs.get("provenance")
    if not isinstance(prov, list):
        return {}
    out: dict[str, Any] = {"provenance_count": len(prov)}
    first = prov[0] if prov else None
    if isinstance(first, dict):
        if first.get("report") is not None:
            out["first_report"] = str(first["report"])
        if isinstance(first.get("line"), int) and not isinstance(first.get("line"), bool):
            out["first_line"] = first["line"]
    return out


def flatten_attrs(attrs: dict, json_names: Iterable[str], derived: bool = True) -> dict[str, Any]:
    """Flat copy of one attribute dict: JSON text for ``json_names``, None dropped, keys sorted."""
    json_names = set(json_names)
    flat: dict[str, Any] = {}
    for name, value in attrs.items():
        if value is None or name in DERIVED_ATTRIBUTES:
            continue
        flat[str(name)] = dump_value(value) if name in json_names else value
    if derived:
        flat.update(derived_attributes(attrs))
    return {k: flat[k] for k in sorted(flat)}


def unflatten_attrs(attrs: dict, json_names: Iterable[str]) -> dict[str, Any]:
    """Inverse of flatten_attrs: JSON text decoded, derived columns dropped."""
    json_names = set(json_names)
    out: dict[str, Any] = {}
    for name, value in attrs.items():
        if name in DERIVED_ATTRIBUTES:
            continue
        if name in json_names and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                pass  # not written by graphbuild: keep the text
        out[name] = value
    return out


def flatten_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` with flat attributes, nodes and edges in sorted order.

    Adds the graph attribute ``json_attributes`` naming the JSON-encoded
    attributes per scope.
    """
    nodes = sorted_nodes(g)
    edges = sorted_edges(g)
    graph_attrs = {k: v for k, v in g.graph.items() if k != JSON_ATTRIBUTES_KEY}
    names = {
        "edge": json_attribute_names(d for *_, d in edges),
        "graph": json_attribute_names([graph_attrs]),
        "node": json_attribute_names(d for _, d in nodes),
    }
    flat = nx.MultiDiGraph()
    flat.graph.update(flatten_attrs(graph_attrs, names["graph"], derived=False))
    flat.graph[JSON_ATTRIBUTES_KEY] = dump_value(names)
    flat.graph = {k: flat.graph[k] for k in sorted(flat.graph)}
    for n, d in nodes:
        flat.add_node(n, **flatten_attrs(d, names["node"]))
    for u, v, k, d in edges:
        flat.add_edges_from([(u, v, k, flatten_attrs(d, names["edge"]))])
    return flat


def _json_names(graph_attrs: dict) -> dict[str, list[str]]:
    text = graph_attrs.get(JSON_ATTRIBUTES_KEY)
    if isinstance(text, str):
        try:
            names = json.loads(text)
            return {scope: list(names.get(scope, ())) for scope in ("graph", "node", "edge")}
        except (ValueError, AttributeError):
            pass
    return {scope: list(v) for scope, v in CONTRACT_JSON_ATTRIBUTES.items()}


def unflatten_graph(flat: nx.Graph, drop: Iterable[str] = ()) -> nx.MultiDiGraph:
    """Inverse of flatten_graph: a MultiDiGraph with list and dict attributes back.

    ``drop`` names format-specific attributes to leave out (``viz``, ``id``).
    Edge keys are taken as they are in ``flat``.
    """
    drop = set(drop)
    names = _json_names(flat.graph)
    g = nx.MultiDiGraph()
    drop.add(JSON_ATTRIBUTES_KEY)
    graph_attrs = {k: v for k, v in flat.graph.items() if k not in drop}
    g.graph.update(unflatten_attrs(graph_attrs, names["graph"]))
    for n, d in sorted_nodes(flat):
        g.add_node(n, **unflatten_attrs({k: v for k, v in d.items() if k not in drop}, names["node"]))
    if flat.is_multigraph():
        edges = sorted_edges(flat)
    else:
        edges = [(u, v, d.get("type", ""), d) for u, v, d in sorted(flat.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))]
    for u, v, k, d in edges:
        g.add_edges_from([(u, v, k, unflatten_attrs({a: b for a, b in d.items() if a not in drop}, names["edge"]))])
    return g
