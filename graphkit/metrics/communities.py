"""Communities: Louvain on a view's non-isolated nodes."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

import networkx as nx
import numpy as np

from graphkit.metrics.base import AUTO_IGRAPH_MIN
from graphkit.metrics.views import View


def louvain(view: View, seed: int = 0, engine: str = "auto") -> list[set[Any]]:
    """Louvain communities of the view's non-isolated nodes, largest first.

    networkx's ``louvain_communities(seed=seed)`` on small graphs, igraph's
    multilevel algorithm (seeded the same way) on large ones.
    """
    touched = sorted({i for e in view.edges for i in e})
    if not touched:
        return []
    if engine == "networkx" or (engine == "auto" and len(touched) < AUTO_IGRAPH_MIN):
        s = nx.Graph()
        s.add_nodes_from(view.nodes[i] for i in touched)
        s.add_edges_from((view.nodes[a], view.nodes[b]) for a, b in view.edges)
        comms = nx.community.louvain_communities(s, seed=seed)
    else:
        import igraph as ig

        h = ig.Graph(n=len(view.nodes), edges=view.edges)
        ig.set_random_number_generator(random.Random(seed))
        try:
            membership = h.community_multilevel().membership
        finally:
            ig.set_random_number_generator(random)
        groups: dict[int, set[Any]] = defaultdict(set)
        for i in touched:
            groups[membership[i]].add(view.nodes[i])
        comms = list(groups.values())
    return sorted(comms, key=lambda c: (-len(c), min(map(str, c))))


def louvain_top(view: View, seed: int = 0, engine: str = "auto", top: int | None = None) -> list[np.ndarray]:
    """``louvain(view, seed, engine)[:top]``, each community as the sorted indices of its
    members in ``view.nodes``. With igraph, only the communities that can be among the
    first ``top`` (by size, then by their least member id as text) get a member list."""
    edges = view.edge_array()
    if not len(edges):
        return []
    touched = np.unique(edges)
    if engine == "networkx" or (engine == "auto" and len(touched) < AUTO_IGRAPH_MIN):
        index = {v: i for i, v in enumerate(view.nodes)}
        return [
            np.array(sorted(index[v] for v in c), dtype=np.int64)
            for c in louvain(view.listed(), seed, engine)[:top]
        ]
    import igraph as ig

    from graphkit.metrics.igraph_engine import graph_of

    h = graph_of(view)
    ig.set_random_number_generator(random.Random(seed))
    try:
        membership = np.asarray(h.community_multilevel().membership, dtype=np.int64)
    finally:
        ig.set_random_number_generator(random)
    labels = membership[touched]
    sizes = np.bincount(labels)
    present = np.flatnonzero(sizes)
    if top is not None and len(present) > top:
        floor = np.sort(sizes[present])[len(present) - top]
        present = present[sizes[present] >= floor]
    order = np.argsort(labels, kind="stable")
    starts = np.searchsorted(labels[order], present, side="left")
    nodes = view.nodes
    groups = [
        touched[order[a : a + sizes[c]]] for c, a in zip(present.tolist(), starts.tolist(), strict=True)
    ]
    ranked = sorted(groups, key=lambda c: (-len(c), min(str(nodes[i]) for i in c.tolist())))
    return ranked[:top]
