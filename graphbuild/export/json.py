"""graph.json: node-link JSON (networkx node_link_data with ``edges="edges"``)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from graphbuild.export.atomic import write_text

__all__ = ["json_data", "json_graph", "dumps", "write_json", "read_json"]


def json_data(g: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph.json document as a dict, nodes and edges sorted (deterministic)."""
    data = nx.node_link_data(g, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["target"], str(e.get("key", ""))))
    return {"directed": data["directed"], "multigraph": data["multigraph"],
            "graph": data["graph"], "nodes": data["nodes"], "edges": data["edges"]}


def json_graph(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Inverse of json_data."""
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


def dumps(g: nx.MultiDiGraph) -> str:
    return json.dumps(json_data(g), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_json(g: nx.MultiDiGraph, path) -> Path:
    return write_text(path, dumps(g))


def read_json(path) -> nx.MultiDiGraph:
    return json_graph(json.loads(Path(path).read_text(encoding="utf-8")))
