"""Fast, deterministic node positions for large graphs.

The viewer lets the browser's physics place small graphs; above a few hundred
nodes it draws positions computed here instead, so the page is still at once.

    positions = layout_positions(G, seed=0)   # {node: (x, y)} in pixels

Connected components are laid out one by one and packed in rows, largest
first. Small components use ``networkx.spring_layout``; large ones start from a
radial breadth-first layout around their best-connected node and are relaxed by
a force-directed pass whose repulsion only acts between near nodes (found with
a k-d tree), so it costs O(n log n) per step instead of O(n^2).
"""
from __future__ import annotations

import math
from typing import Hashable

import networkx as nx
import numpy as np

__all__ = ["layout_positions", "component_layout"]

SMALL = 100          # components up to this size use networkx.spring_layout
ITERATIONS = 60      # relaxation steps for large components


def layout_positions(g: nx.Graph, *, seed: int = 0, spacing: float = 50.0) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node, ``spacing`` pixels between near nodes; same input, same output."""
    u = nx.Graph()
    u.add_nodes_from(sorted(g.nodes, key=str))
    u.add_edges_from((a, b) for a, b in g.edges() if a != b)
    comps = [sorted(c, key=str) for c in nx.connected_components(u)]
    comps.sort(key=lambda c: (-len(c), str(c[0])))
    placed = [(c, component_layout(u.subgraph(c), c, seed=seed)) for c in comps]
    out: dict[Hashable, tuple[float, float]] = {}
    for nodes, xy in _pack(placed):
        for node, (x, y) in zip(nodes, xy):
            out[node] = (round(float(x) * spacing, 1), round(float(y) * spacing, 1))
    return out


def component_layout(sub: nx.Graph, nodes: list, *, seed: int = 0) -> np.ndarray:
    """Positions (n x 2, centred, nearest neighbours about 1 apart) of one connected component."""
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n <= 3:
        ang = np.arange(n) * 2 * math.pi / n
        return np.c_[np.cos(ang), np.sin(ang)] * (0.5 if n == 2 else 0.58)
    if n <= SMALL:
        pos = nx.spring_layout(sub, seed=seed, iterations=80)
        xy = np.array([pos[v] for v in nodes], dtype=float)
    else:
        index = {v: i for i, v in enumerate(nodes)}
        edges = np.array([(index[a], index[b]) for a, b in sub.edges()], dtype=np.int64)
        xy = _relax(_radial(sub, nodes), edges, seed=seed)
    return _normalise(xy)


def _normalise(xy: np.ndarray) -> np.ndarray:
    """Centre and scale so that a node's nearest neighbour is, on median, 1 away."""
    xy = xy - xy.mean(axis=0)
    if len(xy) <= SMALL:
        d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2))
        np.fill_diagonal(d, np.inf)
        nearest = d.min(axis=1)
    else:
        try:
            from scipy.spatial import cKDTree
            nearest = cKDTree(xy).query(xy, k=2)[0][:, 1]
        except ImportError:      # pragma: no cover - rough spacing from the area
            span = xy.max(axis=0) - xy.min(axis=0)
            nearest = np.array([0.5 * math.sqrt(max(span[0] * span[1], 1e-9) / len(xy))])
    median = float(np.median(nearest))
    return xy / median if median > 1e-9 else xy


def _radial(sub: nx.Graph, nodes: list) -> np.ndarray:
    """Breadth-first rings around the best-connected node; children near their parent's angle."""
    index = {v: i for i, v in enumerate(nodes)}
    root = max(nodes, key=lambda v: (sub.degree(v), -index[v]))
    xy = np.zeros((len(nodes), 2))
    angle = {root: 0.0}
    layer, depth, radius = [root], 0, 0.0
    seen = {root}
    while layer:
        nxt = []
        for parent in layer:
            for child in sorted(sub.neighbors(parent), key=lambda v: index[v]):
                if child not in seen:
                    seen.add(child)
                    angle[child] = angle[parent]
                    nxt.append(child)
        if not nxt:
            break
        depth += 1
        nxt.sort(key=lambda v: (angle[v], index[v]))
        radius = max(radius + 1.0, len(nxt) / (2 * math.pi))
        for i, v in enumerate(nxt):
            angle[v] = 2 * math.pi * i / len(nxt)
            xy[index[v]] = (radius * math.cos(angle[v]), radius * math.sin(angle[v]))
        layer = nxt
    return xy


def _relax(xy: np.ndarray, edges: np.ndarray, *, seed: int, iterations: int = ITERATIONS) -> np.ndarray:
    """Fruchterman-Reingold steps with local repulsion (radius 2) and weak gravity."""
    try:
        from scipy.spatial import cKDTree
    except ImportError:          # pragma: no cover - scipy comes with networkx's extras
        return xy
    n = len(xy)
    rng = np.random.default_rng(seed)
    xy = xy + rng.uniform(-0.05, 0.05, xy.shape)      # break exact symmetries
    temp = max(1.0, math.sqrt(n) / 10)
    cool = (0.05 / temp) ** (1 / iterations)
    for _ in range(iterations):
        disp = np.zeros_like(xy)
        pairs = cKDTree(xy).query_pairs(2.0, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            d = xy[i] - xy[j]
            dist2 = np.maximum((d * d).sum(axis=1), 1e-4)
            f = d / dist2[:, None]                     # k^2 / dist along the unit vector
            disp += _scatter(i, f, n) - _scatter(j, f, n)
        if len(edges):
            a, b = edges[:, 0], edges[:, 1]
            d = xy[a] - xy[b]
            dist = np.sqrt((d * d).sum(axis=1))
            f = d * dist[:, None]                      # dist^2 / k along the unit vector
            disp += _scatter(b, f, n) - _scatter(a, f, n)
        disp -= 0.02 * (xy - xy.mean(axis=0))
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), 1e-9)
        xy = xy + disp * (np.minimum(length, temp) / length)[:, None]
        temp *= cool
    return xy


def _scatter(idx: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    return np.c_[np.bincount(idx, values[:, 0], n), np.bincount(idx, values[:, 1], n)]


def _pack(placed: list[tuple[list, np.ndarray]]) -> list[tuple[list, np.ndarray]]:
    """Shelf-pack the components (largest first) into rows of about square total shape."""
    if not placed:
        return []
    boxes = []
    for nodes, xy in placed:
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        boxes.append((nodes, xy - lo, hi - lo + 1.5))
    width = max(math.sqrt(sum(w * h for _, _, (w, h) in boxes)) * 1.2, max(w for _, _, (w, _h) in boxes))
    out, x, y, row_h = [], 0.0, 0.0, 0.0
    for nodes, xy, (w, h) in boxes:
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        out.append((nodes, xy + (x, y)))
        x, row_h = x + w, max(row_h, h)
    return out
