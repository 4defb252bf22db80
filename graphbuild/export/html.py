"""graph.html: one self-contained page to explore the graph in a browser.

``html_data(G)`` returns the page as a string and does no I/O beyond reading its
assets; ``write_html(G, path)`` writes it atomically. The page inlines
vis-network (as bundled with pyvis), its own script and style sheet, and the
graph as a JSON block, so it opens from disk and makes no network request (its
Content-Security-Policy forbids any). Node and edge records are made with
``pyvis.network.Network``; ``pyvis_network(G)`` returns that network for use in
notebooks.

Report text is untrusted: the JSON block escapes ``<``, ``>``, ``&``, U+2028 and
U+2029; the page script builds all markup with ``textContent`` and links only
http(s) URLs.
"""
from __future__ import annotations

import datetime as _dt
import html as _html
import json
import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

import networkx as nx

from graphbuild.export.atomic import write_text
from graphbuild.export.layout import layout_positions
from graphbuild.export.styles import DEFAULT_STYLE, EDGE_COLOR, EDGE_STYLES, NODE_STYLES, node_size, node_style
from graphbuild.types import NODE_TYPES

__all__ = ["PHYSICS_LIMIT", "short_label", "pyvis_network", "viewer_data", "html_data", "write_html",
           "script_json"]

PHYSICS_LIMIT = 300       # above this many nodes, positions come from graphbuild.export.layout
LABEL_LIMIT = 40          # characters of a label drawn on the canvas
VIS_DIR = "templates/lib/vis-9.1.2"
HIDDEN_ATTRS = {"type", "label", "aliases", "provenance", "merges"}

# Which neighbours belong to an event series, walking out from its editions.
SERIES_WALK = {
    "Event": {"Talk", "Place", "Resource", "Report"},
    "Talk": {"Person", "Resource", "Project"},
    "Person": {"Organization"},
}


def short_label(text: str, limit: int = LABEL_LIMIT) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when longer than ``limit``."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if text[limit - 1] != " " and space > limit // 2:      # do not end inside a word
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "\u2026"


def is_web_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _label(g: nx.MultiDiGraph, node) -> str:
    attrs = g.nodes[node]
    return str(attrs.get("label") or attrs.get("title") or node)


def _years(g: nx.MultiDiGraph) -> dict[Any, int]:
    """Year of each Event (its ``year``) and Talk (the earliest event it was presented at)."""
    years = {}
    for node, attrs in g.nodes(data=True):
        if attrs.get("type") == "Event":
            try:
                years[node] = int(attrs["year"])
            except (KeyError, TypeError, ValueError):
                pass
    for node, attrs in g.nodes(data=True):
        if attrs.get("type") == "Talk":
            found = [years[t] for _, t, k in g.out_edges(node, keys=True) if k == "PRESENTED_AT" and t in years]
            if found:
                years[node] = min(found)
    return years


def session_line(attrs: dict[str, Any]) -> str:
    """When and where a scheduled talk was: ``"2024-02-03 09:05–09:45 · B.214"`` ("" if unknown)."""
    start, room = str(attrs.get("start") or ""), str(attrs.get("room") or "")
    when = start.replace("T", " ")[:16]
    duration = attrs.get("duration")
    if len(when) == 16 and isinstance(duration, int) and not isinstance(duration, bool):
        try:
            end = _dt.datetime.fromisoformat(start) + _dt.timedelta(minutes=duration)
            when += "\u2013" + end.strftime("%H:%M")
        except ValueError:
            pass
    return " \u00b7 ".join(part for part in (when, room) if part)


def _tooltip(label: str, node_type: str, aliases: Iterable[str], year: int | None,
             session: str = "") -> str:
    lines = [label, node_type + (f", {year}" if year is not None else "")]
    if session:
        lines.append(session)
    aliases = list(aliases)
    if aliases:
        lines.append("also: " + "; ".join(str(a) for a in aliases[:5]) + (" \u2026" if len(aliases) > 5 else ""))
    return "\n".join(lines)


def _color(node_type: str) -> dict[str, Any]:
    style = node_style(node_type)
    border = _darker(style.color)
    return {"background": style.color, "border": border,
            "highlight": {"background": style.color, "border": "#1d2433"},
            "hover": {"background": style.color, "border": "#1d2433"}}


def _darker(color: str, factor: float = 0.7) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#%02x%02x%02x" % (int(r * factor), int(g * factor), int(b * factor))


def pyvis_network(g: nx.MultiDiGraph, *, positions: dict | None = None):
    """A ``pyvis.network.Network`` with one vis node per graph node and one vis edge per edge.

    A node's ``group`` is its type: colours come from the ``groups`` of the vis
    options (see ``viewer_data``), so the page can dim and restore them at once.
    Nodes carry ``type``, ``full_label`` and (Events, Talks) ``year`` besides the
    vis options; edges carry ``type`` and an ``id``. With ``positions`` the nodes
    get fixed ``x``/``y`` and no physics.
    """
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    _FastIds.install(net)
    years = _years(g)
    for node in sorted(g.nodes, key=str):
        attrs = g.nodes[node]
        ntype = str(attrs.get("type", ""))
        label = _label(g, node)
        year = years.get(node)
        opts: dict[str, Any] = {
            "title": _tooltip(label, ntype, attrs.get("aliases") or (), year,
                              session_line(attrs) if ntype == "Talk" else ""),
            "size": node_size(ntype, g.degree(node)),
            "type": ntype,
            "full_label": label,
        }
        if year is not None:
            opts["year"] = year
        if positions is not None and node in positions:
            opts["x"], opts["y"] = positions[node]
            opts["physics"] = False
        net.add_node(str(node), label=short_label(label), shape=node_style(ntype).shape,
                     group=ntype, **opts)
    labels = {node: _label(g, node) for node in g.nodes}
    edges = sorted(g.edges(keys=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for i, (u, v, key) in enumerate(edges):
        etype = str(g.edges[u, v, key].get("type", key))
        net.add_edge(str(u), str(v), id=f"e{i}", type=etype,
                     title=f"{etype}\n{short_label(labels[u], 60)} \u2192 {short_label(labels[v], 60)}",
                     **EDGE_STYLES.get(etype, {}))
    return net


class _FastIds(list):
    """pyvis keeps node ids in a list and scans it on every add; index it for large graphs."""

    def __init__(self, items=()):
        super().__init__(items)
        self._set = set(self)

    def append(self, item):
        super().append(item)
        self._set.add(item)

    def __contains__(self, item):
        return item in self._set

    @classmethod
    def install(cls, net) -> None:
        net.node_ids = cls(net.node_ids)


def _details(g: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Per node: aliases, plain attributes as text, web links, provenance with report titles."""
    titles = {str(n): str(a.get("title") or a.get("label") or n)
              for n, a in g.nodes(data=True) if a.get("type") == "Report"}
    out = {}
    for node, attrs in g.nodes(data=True):
        shown, links = {}, []
        for key in sorted(attrs):
            value = attrs[key]
            if key in HIDDEN_ATTRS or value in (None, "", [], {}):
                continue
            if isinstance(value, (list, tuple, set)):
                text = ", ".join(str(v) for v in value)
            elif isinstance(value, dict):
                text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
            else:
                text = str(value)
            shown[key] = text
            if is_web_url(value):
                links.append({"text": key, "url": value.strip()})
        wikidata = attrs.get("wikidata")
        if isinstance(wikidata, str) and re.fullmatch(r"Q\d+", wikidata):
            links.append({"text": "wikidata", "url": f"https://www.wikidata.org/wiki/{wikidata}"})
        provenance = [{"report": str(p.get("report", "")), "title": titles.get(str(p.get("report", "")), ""),
                       "line": p.get("line", ""), "text": str(p.get("text", ""))}
                      for p in attrs.get("provenance") or () if isinstance(p, dict)]
        out[str(node)] = {"aliases": [str(a) for a in attrs.get("aliases") or ()],
                          "attrs": shown, "links": links, "provenance": provenance}
        if attrs.get("type") == "Talk" and (attrs.get("start") or attrs.get("room") or "confirmed" in attrs):
            out[str(node)]["session"] = {"when": session_line(attrs), "track": str(attrs.get("track") or ""),
                                         "confirmed": attrs.get("confirmed")}
    return out


def series_members(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Each event series with its editions and the talks, people, places... around them."""
    out = []
    for series in sorted(g.nodes, key=str):
        if g.nodes[series].get("type") != "EventSeries":
            continue
        editions = sorted({u for u, _, k in g.in_edges(series, keys=True) if k == "EDITION_OF"}, key=str)
        members, frontier = {series, *editions}, list(editions)
        while frontier:
            nxt = []
            for node in frontier:
                allowed = SERIES_WALK.get(g.nodes[node].get("type"), set())
                for other in (*g.successors(node), *g.predecessors(node)):
                    if other not in members and g.nodes[other].get("type") in allowed:
                        members.add(other)
                        nxt.append(other)
            frontier = nxt
        out.append({"id": str(series), "label": _label(g, series), "editions": len(editions),
                    "members": sorted(str(m) for m in members)})
    return out


def _options(physics: bool, types: Iterable[str]) -> dict[str, Any]:
    font = {"size": 13, "face": "system-ui, sans-serif", "color": "#1d2433",
            "strokeWidth": 3, "strokeColor": "#ffffff"}
    options: dict[str, Any] = {
        "nodes": {"font": font, "borderWidth": 1, "borderWidthSelected": 3},
        "edges": {"color": {"color": EDGE_COLOR, "highlight": "#27496d", "hover": "#27496d", "inherit": False},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
                  "width": 1, "selectionWidth": 2},
        "groups": {t: {"color": _color(t), "shape": node_style(t).shape} for t in types},
        "interaction": {"hover": physics, "tooltipDelay": 150, "multiselect": False,
                        "hideEdgesOnDrag": not physics, "hideEdgesOnZoom": not physics},
    }
    if physics:
        options["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                              "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90,
                                                   "avoidOverlap": 0.3},
                              "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 50}}
        options["layout"] = {"randomSeed": 7, "improvedLayout": True}
        options["edges"]["smooth"] = {"enabled": True, "type": "continuous", "roundness": 0.3}
    else:
        options["physics"] = {"enabled": False}
        options["layout"] = {"improvedLayout": False}
        options["edges"]["smooth"] = False
    return options


def viewer_data(g: nx.MultiDiGraph, *, title: str | None = None, built=None) -> dict[str, Any]:
    """Everything the page script needs, as JSON-safe data."""
    physics = g.number_of_nodes() <= PHYSICS_LIMIT
    positions = None if physics else layout_positions(g)
    net = pyvis_network(g, positions=positions)
    counts = Counter(str(a.get("type", "")) for _, a in g.nodes(data=True))
    order = {t: i for i, t in enumerate(NODE_TYPES)}
    years = sorted({n["year"] for n in net.nodes if "year" in n})
    built = built or _dt.date.today()
    info = g.graph
    meta = {
        "title": title or "Knowledge graph",
        "built": built.isoformat() if isinstance(built, (_dt.date, _dt.datetime)) else str(built),
        "generator": str(info.get("generator", "")),
        "schema_version": str(info.get("schema_version", "")),
        "inputs": [str(i) for i in info.get("inputs") or ()],
        "skipped": len(info.get("skipped") or ()),
        "warnings": len(info.get("warnings") or ()),
        "node_count": g.number_of_nodes(),
        "edge_count": g.number_of_edges(),
        "counts": {t: counts[t] for t in sorted(counts, key=lambda t: (order.get(t, len(order)), t))},
        "years": [years[0], years[-1]] if years else [],
        "physics": physics,
        "edge_color": EDGE_COLOR,
        "default_style": _style_json(DEFAULT_STYLE),
    }
    return {
        "meta": meta,
        "styles": {t: _style_json(s) for t, s in NODE_STYLES.items()},
        "nodes": net.nodes,
        "edges": net.edges,
        "details": _details(g),
        "series": series_members(g),
        "options": _options(physics, sorted(set(NODE_STYLES) | set(counts))),
    }


def _style_json(style) -> dict[str, Any]:
    return {"color": style.color, "border": _darker(style.color), "shape": style.shape, "size": style.size}


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no ``<``, ``>``, ``&``, U+2028, U+2029."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


@lru_cache(maxsize=None)
def _assets() -> dict[str, str]:
    import pyvis

    vis = Path(pyvis.__file__).parent / VIS_DIR
    own = resources.files("graphbuild.export.viewer")
    return {
        "template": own.joinpath("template.html").read_text(encoding="utf-8"),
        "VIS_CSS": _inline((vis / "vis-network.css").read_text(encoding="utf-8"), "style"),
        "VIS_JS": _inline((vis / "vis-network.min.js").read_text(encoding="utf-8"), "script"),
        "VIEWER_CSS": _inline(own.joinpath("viewer.css").read_text(encoding="utf-8"), "style"),
        "VIEWER_JS": _inline(own.joinpath("viewer.js").read_text(encoding="utf-8"), "script"),
    }


def _inline(text: str, tag: str) -> str:
    """Refuse code that would close its own element or open an HTML comment."""
    if re.search(rf"</{tag}|<!--", text, re.IGNORECASE):
        raise ValueError(f"cannot inline a {tag} that contains '</{tag}' or '<!--'")
    return text


def html_data(g: nx.MultiDiGraph, *, title: str | None = None, built=None) -> str:
    """The whole graph.html page as a string."""
    assets = _assets()
    data = viewer_data(g, title=title, built=built)
    fills = {**assets, "TITLE": _html.escape(data["meta"]["title"]), "DATA": script_json(data)}
    return re.sub(r"\{\{ (\w+) \}\}", lambda m: fills[m.group(1)], assets["template"])


def write_html(g: nx.MultiDiGraph, path, **kw) -> Path:
    """Write graph.html atomically; keywords as for ``html_data``."""
    return write_text(path, html_data(g, **kw))
