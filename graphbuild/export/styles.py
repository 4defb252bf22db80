"""Visual styles of the graph viewers, in one table keyed by node type.

``NODE_STYLES[type]`` gives the fill colour, the vis-network shape and the base
size of a node; node sizes then grow with degree (see ``node_size``).
``EDGE_STYLES[type]`` holds the few edge types drawn differently from the rest
(keep dashes for rare edge types: dashed lines are slow to draw).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from graphbuild.types import NODE_TYPES

__all__ = ["NodeStyle", "NODE_STYLES", "DEFAULT_STYLE", "EDGE_STYLES", "EDGE_COLOR",
           "node_style", "node_size"]


@dataclass(frozen=True)
class NodeStyle:
    color: str      # fill colour, "#rrggbb"
    shape: str      # vis-network shape with the label below it
    size: int       # base radius in pixels


NODE_STYLES: dict[str, NodeStyle] = {
    "Report":       NodeStyle("#8d99ae", "square", 10),
    "Event":        NodeStyle("#e63946", "star", 18),
    "EventSeries":  NodeStyle("#9d0208", "hexagon", 20),
    "Talk":         NodeStyle("#f4a261", "dot", 9),
    "Person":       NodeStyle("#457b9d", "dot", 10),
    "Organization": NodeStyle("#2a9d8f", "diamond", 12),
    "Project":      NodeStyle("#6a4c93", "triangle", 12),
    "Place":        NodeStyle("#588157", "triangleDown", 13),
    "Resource":     NodeStyle("#b5838d", "dot", 6),
}
DEFAULT_STYLE = NodeStyle("#adb5bd", "dot", 8)

EDGE_COLOR = "#9aa5b1"
EDGE_STYLES: dict[str, dict] = {
    "CO_LOCATED_WITH": {"dashes": True},
    "EDITION_OF": {"width": 2},
}

assert set(NODE_STYLES) == set(NODE_TYPES), "every node type needs a style"


def node_style(node_type: str) -> NodeStyle:
    return NODE_STYLES.get(node_type, DEFAULT_STYLE)


def node_size(node_type: str, degree: int) -> float:
    """Base size of the type, growing with the logarithm of the degree (capped)."""
    base = node_style(node_type).size
    return round(min(base * (1 + 0.45 * math.log2(1 + degree)), base * 4), 1)
