"""graph.jsonld: the graph as schema.org JSON-LD, context inline (no network needed).

Each node becomes one object with ``@id`` ``urn:graphbuild:<node id>`` and two
types: a schema.org type and ``gb:<node type>``:

    Report        Article          name, headline, author, datePublished, keywords, mentions, gb:path
    Event         Event            name, startDate, location, superEvent, subEvent, workFeatured, gb:coLocatedWith
    EventSeries   EventSeries      name, subEvent
    Talk          Event            name, performer, superEvent, about, workFeatured;
                                   from a programme: startDate, duration, location (room), description
    Person        Person           name, alternateName, affiliation
    Organization  Organization     name, alternateName
    Project       SoftwareSourceCode name
    Place         Place            name
    Resource      by kind          name, url (slides: PresentationDigitalDocument,
                                   video: VideoObject, code: SoftwareSourceCode, ...)

Every node also has ``alternateName`` (aliases), ``sameAs`` (Wikidata entity,
when known) and ``gb:reports`` (the reports it comes from, from provenance).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from graphbuild.export.atomic import write_text
from graphbuild.export.flatten import sorted_edges, sorted_nodes

__all__ = ["CONTEXT", "IRI_PREFIX", "jsonld_data", "dumps", "write_jsonld", "node_iri"]

IRI_PREFIX = "urn:graphbuild:"
GB = "https://graphbuild.example/ns#"
CONTEXT = {
    "@vocab": "https://schema.org/",
    "gb": GB,
    "wd": "http://www.wikidata.org/entity/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sameAs": {"@type": "@id"},
    "url": {"@type": "@id"},
    "gb:reports": {"@type": "@id"},
}
SCHEMA_TYPES = {
    "Report": "Article", "Event": "Event", "EventSeries": "EventSeries", "Talk": "Event",
    "Person": "Person", "Organization": "Organization", "Project": "SoftwareSourceCode",
    "Place": "Place", "Resource": "CreativeWork",
}
RESOURCE_TYPES = {
    "slides": "PresentationDigitalDocument", "video": "VideoObject", "schedule": "WebPage",
    "code": "SoftwareSourceCode", "article": "Article", "photos": "ImageGallery",
    "website": "WebSite", "other": "CreativeWork",
}
# edge type -> (property on the source, property on the target: the inverse, or None)
EDGE_PROPERTIES = {
    "PRESENTED": (None, "performer"),
    "PRESENTED_AT": ("superEvent", "subEvent"),
    "HAS_RESOURCE": ("workFeatured", None),
    "AFFILIATED_WITH": ("affiliation", None),
    "CO_LOCATED_WITH": ("gb:coLocatedWith", None),
    "HELD_IN": ("location", None),
    "EDITION_OF": ("superEvent", "subEvent"),
    "AUTHORED": (None, "author"),
    "ABOUT": ("about", None),
    "MENTIONS": ("mentions", None),
    "PART_OF": ("superEvent", "subEvent"),
    "EVENT_RESOURCE": ("workFeatured", None),
}


def node_iri(node: Any) -> str:
    return IRI_PREFIX + str(node)


def _start_date(d: dict) -> str | None:
    for name in ("start", "start_date", "date"):
        if d.get(name):
            return str(d[name])
    year = d.get("year")
    if isinstance(year, int) and not isinstance(year, bool):
        return f"{year:04d}"
    return None


def _node_object(node: Any, d: dict) -> dict[str, Any]:
    ntype = str(d.get("type", ""))
    stype = SCHEMA_TYPES.get(ntype, "Thing")
    if ntype == "Resource":
        stype = RESOURCE_TYPES.get(str(d.get("kind", "")), "CreativeWork")
    obj: dict[str, Any] = {
        "@id": node_iri(node),
        "@type": [stype, f"gb:{ntype}"] if ntype else [stype],
        "gb:id": str(node),
        "name": str(d.get("label", node)),
    }
    aliases = sorted({str(a) for a in d.get("aliases") or [] if a} - {obj["name"]})
    if aliases:
        obj["alternateName"] = aliases
    if d.get("wikidata"):
        qid = str(d["wikidata"])
        obj["sameAs"] = qid if qid.startswith(("http://", "https://")) else "wd:" + qid
    if ntype in ("Event", "Talk"):
        start = _start_date(d)
        if start:
            obj["startDate"] = start
    if ntype == "Talk":                     # from a conference programme
        if isinstance(d.get("duration"), int) and not isinstance(d.get("duration"), bool):
            obj["duration"] = f"PT{d['duration']}M"
        if d.get("room"):
            obj["location"] = {"@type": "Place", "name": str(d["room"])}
        if d.get("abstract"):
            obj["description"] = str(d["abstract"])
    if ntype == "Event" and d.get("organizer"):
        obj["organizer"] = {"@type": "Organization", "name": str(d["organizer"])}
    if ntype == "Report":
        if d.get("title"):
            obj["headline"] = str(d["title"])
        if d.get("date"):
            obj["datePublished"] = str(d["date"])
        if d.get("path"):
            obj["gb:path"] = str(d["path"])
        if d.get("tags"):
            obj["keywords"] = sorted({str(t) for t in d["tags"]})
    if d.get("url"):
        obj["url"] = str(d["url"])
    if ntype == "Resource" and d.get("kind"):
        obj["gb:kind"] = str(d["kind"])
    reports = sorted({str(p["report"]) for p in d.get("provenance") or []
                      if isinstance(p, dict) and p.get("report")})
    if reports:
        obj["gb:reports"] = [node_iri(r) for r in reports]
    return obj


def _add_ref(obj: dict, prop: str, target: Any) -> None:
    refs = obj.setdefault(prop, [])
    ref = {"@id": node_iri(target)}
    if ref not in refs:
        refs.append(ref)


def jsonld_data(g: nx.MultiDiGraph) -> dict[str, Any]:
    """The JSON-LD document as a dict (no I/O): ``{"@context": ..., "@graph": [...]}``."""
    objects = {node: _node_object(node, d) for node, d in sorted_nodes(g)}
    for u, v, k, d in sorted_edges(g):
        forward, inverse = EDGE_PROPERTIES.get(str(d.get("type", k)), (f"gb:{d.get('type', k)}", None))
        if forward:
            _add_ref(objects[u], forward, v)
        if inverse:
            _add_ref(objects[v], inverse, u)
    for obj in objects.values():
        if "gb:Report" in obj["@type"] and not obj.get("author"):  # no AUTHORED edges: names only
            authors = g.nodes[obj["gb:id"]].get("authors") or []
            if authors:
                obj["author"] = [{"@type": "Person", "name": str(a)} for a in authors]
        for prop, value in obj.items():
            if isinstance(value, list) and value and isinstance(value[0], dict) and "@id" in value[0]:
                value.sort(key=lambda r: r["@id"])
    graph_doc = {
        "@id": IRI_PREFIX + "graph",
        "@type": "Dataset",
        "name": "graphbuild knowledge graph",
    }
    for name in ("schema_version", "generator"):
        if g.graph.get(name) is not None:
            graph_doc[f"gb:{name}"] = str(g.graph[name])
    return {"@context": dict(CONTEXT), "@graph": [graph_doc] + list(objects.values())}


def dumps(g: nx.MultiDiGraph) -> str:
    return json.dumps(jsonld_data(g), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_jsonld(g: nx.MultiDiGraph, path) -> Path:
    """Write ``graph.jsonld`` atomically; returns the path."""
    return write_text(path, dumps(g))
