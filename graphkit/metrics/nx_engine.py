"""The networkx engine: the reference definitions."""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphkit.metrics.base import WHAT, Options, pivot_count, pivots, use_sampling
from graphkit.metrics.views import View, flow_undirected


def run(v: View, opts: Options, what: tuple[str, ...] = WHAT) -> dict[str, dict[Any, float]]:
    view = v.to_networkx()
    directed = view.is_directed()
    dist = "distance" if directed else None
    n = len(view)
    sampled = use_sampling(n, opts)
    out: dict[str, dict[Any, float]] = {}
    if "degree" in what:
        out["degree"] = nx.degree_centrality(view) if n > 1 else dict.fromkeys(view, 0.0)
    if "betweenness" in what:
        if sampled:
            out["betweenness"] = nx.betweenness_centrality(
                view, k=pivot_count(n, opts), seed=opts.seed, weight=dist
            )
        else:
            out["betweenness"] = nx.betweenness_centrality(view, weight=dist)
    if "closeness" in what:
        if sampled:
            out["closeness"] = _nx_pivot_closeness(
                view, pivots(list(view), pivot_count(n, opts), opts.seed), dist
            )
        else:
            out["closeness"] = nx.closeness_centrality(view, distance=dist)
    if "eigenvector" in what:
        und = flow_undirected(view) if directed else view
        out["eigenvector"] = _nx_eigenvector(und, "moves" if directed else None)
    if "pagerank" in what:
        out["pagerank"] = nx.pagerank(view, weight="moves" if directed else None) if n else {}
    return out


def _nx_pivot_closeness(view: nx.Graph, pivs: list[Any], dist: str | None) -> dict[Any, float]:
    total: dict[Any, float] = dict.fromkeys(view, 0.0)
    reach: dict[Any, int] = dict.fromkeys(view, 0)
    for p in pivs:
        if dist is None:
            lengths = nx.single_source_shortest_path_length(view, p)
        else:
            lengths = nx.single_source_dijkstra_path_length(view, p, weight=dist)
        for v, d in lengths.items():
            if v != p:
                total[v] += d
                reach[v] += 1
    k = len(pivs)
    ps = set(pivs)
    return {
        v: (reach[v] * reach[v] / ((k - (v in ps)) * total[v]) if total[v] > 0 and k - (v in ps) > 0 else 0.0)
        for v in view
    }


def _nx_eigenvector(s: nx.Graph, weight: str | None) -> dict[Any, float]:
    """networkx's eigenvector centrality, the same on every run.

    Power iteration oscillates on bipartite graphs (person-organisation graphs
    are). It then runs on A + I, which has the same principal eigenvector and
    converges; from the same uniform start it also gives the same answer every
    time when several components tie. (ARPACK, networkx's other method, starts
    from a random vector and picks a random mix of tied components.)"""
    if s.number_of_edges() == 0:
        return dict.fromkeys(s, 0.0)
    try:
        return nx.eigenvector_centrality(s, max_iter=1000, tol=1e-8, weight=weight)
    except nx.PowerIterationFailedConvergence:
        shifted = s.copy()
        shifted.add_edges_from((v, v, {weight or "weight": 1.0}) for v in s)
        return nx.eigenvector_centrality(shifted, max_iter=10000, tol=1e-12, weight=weight or "weight")
