"""Build stage: resolved entities and edges -> networkx.MultiDiGraph.

Node attributes: ``type``, ``label``, ``aliases`` (list), ``provenance`` (list
of dicts with ``report``, ``line``, ``text``, ``rule``, ``confidence``), plus
per type: Report ``path``, ``title``, ``date``, ``authors``, ``tags``;
Resource ``url``, ``kind``; Event ``year``, ``series``; any node ``wikidata``.
Edge key is the edge type; edge attributes: ``type``, ``provenance``.
Graph attributes: ``schema_version``, ``generator``, ``inputs``, ``skipped``,
``warnings``.
"""
from graphbuild.graph.build import SCHEMA_VERSION, build_graph

__all__ = ["SCHEMA_VERSION", "build_graph"]
