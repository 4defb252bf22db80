"""Turn resolved entities and edges into a networkx.MultiDiGraph."""
from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

import networkx as nx

from graphbuild import __version__
from graphbuild.types import Entity, Problem, Resolved

SCHEMA_VERSION = "1.0"


def _plain(value: Any) -> Any:
    """JSON-safe copy: dates as ISO strings, tuples and sets as sorted/ordered lists."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    return value


def _provenance(evidence) -> list[dict]:
    seen, out = set(), []
    for ev in sorted(evidence, key=lambda e: (e.report, e.line, e.rule, e.text)):
        key = (ev.report, ev.line, ev.text)
        if key not in seen:
            seen.add(key)
            out.append(ev.to_dict())
    return out


def node_attrs(entity: Entity) -> dict[str, Any]:
    attrs = {"type": entity.type, "label": entity.label}
    attrs.update(_plain(dict(entity.attrs)))
    attrs["aliases"] = sorted(set(entity.aliases) - {entity.label})
    attrs["provenance"] = _provenance(entity.provenance)
    if entity.merges:
        attrs["merges"] = [
            {"rule": m.rule, "kept": m.kept, "merged": m.merged, "report": m.report}
            for m in sorted(set(entity.merges), key=lambda m: (m.rule, m.kept, m.merged, m.report))
        ]
    return attrs


def build_graph(
    resolved: Resolved,
    *,
    inputs: Iterable[str] = (),
    skipped: Iterable[Problem] = (),
    warnings: Iterable[Problem] = (),
) -> nx.MultiDiGraph:
    """Build the graph; nodes and edges are added in sorted order (deterministic)."""
    g = nx.MultiDiGraph()
    g.graph.update({
        "schema_version": SCHEMA_VERSION,
        "generator": f"graphbuild {__version__}",
        "inputs": sorted(str(i) for i in inputs),
        "skipped": [p.to_dict() for p in sorted(set(skipped), key=lambda p: (p.path, p.message))],
        "warnings": [p.to_dict() for p in sorted(set(warnings), key=lambda p: (p.path, p.message))],
    })
    for entity in sorted(resolved.entities, key=lambda e: e.id):
        g.add_node(entity.id, **node_attrs(entity))
    merged: dict[tuple[str, str, str], list] = {}
    for edge in resolved.edges:
        if edge.source not in g or edge.target not in g:
            continue
        merged.setdefault((edge.source, edge.target, edge.type), []).extend(edge.provenance)
    for (source, target, etype), evidence in sorted(merged.items()):
        g.add_edge(source, target, key=etype, type=etype, provenance=_provenance(evidence))
    return g
