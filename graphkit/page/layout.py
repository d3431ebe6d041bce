"""Precomputed, seeded node positions for the HTML page.

The browser should draw the first frame at once, so the layout is computed
here rather than by vis-network's physics. igraph's Fruchterman-Reingold
(with its grid approximation and 300 iterations above ``GRID_ABOVE``
nodes) lays out 10,000 nodes in under a second, where networkx ``spring_layout`` takes minutes.
The same graph and seed always give the same positions.
"""

from __future__ import annotations

import math
import random
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

if TYPE_CHECKING:  # igraph is imported when a page is laid out, not by every command
    import igraph as ig

GRID_ABOVE = 300
#: Components up to this size use Kamada-Kawai (even spacing), bigger ones Fruchterman-Reingold.
KK_UP_TO = 200
#: Distance between neighbouring nodes, in vis-network canvas units.
SPACING = 110.0


def positions(g: nx.Graph, seed: int = 0, spacing: float = SPACING) -> dict[str, tuple[float, float]]:
    """``{node: (x, y)}`` in canvas units, centred on 0, deterministic for ``seed``."""
    import igraph as ig

    nodes = list(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    pairs = {(min(a, b), max(a, b)) for a, b in ((index[u], index[v]) for u, v in g.edges()) if a != b}
    graph = ig.Graph(n=n, edges=sorted(pairs))
    xy = np.zeros((n, 2))
    previous = random.getstate()
    ig.set_random_number_generator(random.Random(seed))
    try:
        # Lay out each connected component on its own, then pack them: one
        # layout of a disconnected graph flings small components far away
        # and shrinks the main one to a dot when the view fits.
        comps = sorted(graph.connected_components(), key=lambda c: (-len(c), c[0]))
        boxes = []
        for members in comps:
            boxes.append((members, _component(graph, members, spacing)))
    finally:
        ig.set_random_number_generator(random)
        random.setstate(previous)
    _pack(boxes, xy, spacing)
    xy -= xy.mean(axis=0)
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(nodes, xy, strict=True)}


def _component(graph: ig.Graph, members: list[int], spacing: float) -> np.ndarray:
    """Positions of one component, from 0 to its extent, scaled to ~spacing**2 per node."""
    k = len(members)
    if k == 1:
        return np.zeros((1, 2))
    if k == 2:
        return np.array([[0.0, 0.0], [spacing, 0.0]])
    sub = graph.induced_subgraph(members)
    if k <= KK_UP_TO:  # Kamada-Kawai spaces small components evenly, so labels don't collide
        coords = sub.layout_kamada_kawai(seed=sub.layout_circle().coords)
    else:
        coords = sub.layout_fruchterman_reingold(niter=500 if k <= GRID_ABOVE else 300, grid=k > GRID_ABOVE)
    xy = np.array(coords.coords, dtype=float)
    xy -= xy.min(axis=0)
    extent = float(xy.max()) or 1.0
    return xy * (spacing * math.sqrt(k) / extent)


def _pack(boxes: list[tuple[list[int], np.ndarray]], out: np.ndarray, spacing: float) -> None:
    """Shelf-pack the components, biggest first, into rows about as wide as the whole is tall."""
    area = sum((float(b[:, 0].max()) + spacing) * (float(b[:, 1].max()) + spacing) for _, b in boxes)
    width = max(math.sqrt(area), float(boxes[0][1][:, 0].max()) + spacing)
    x = y = row_h = 0.0
    for members, b in boxes:
        w, h = float(b[:, 0].max()) + spacing, float(b[:, 1].max()) + spacing
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        out[members] = b + np.array([x, y])
        x += w
        row_h = max(row_h, h)
