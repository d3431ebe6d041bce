"""Communities: Louvain on a view's non-isolated nodes."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

import networkx as nx

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
