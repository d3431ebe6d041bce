"""Centrality on the person-organisation graph.

Choices (documented in the README):

* Nodes: Person, Company, Startup, Investor. Groups and events are left out,
  because a membership hub or an event node would make every company look
  central.
* Edges: WORKED_AT, JOINED, FOUNDED, INVESTED_IN, APPROACHED, collapsed to
  one undirected edge per pair for betweenness, closeness and eigenvector
  (ties between people and organisations have no meaningful direction for
  brokerage). In- and out-degree count the directed multi-edges.
* PageRank runs on the undirected simple graph too, so a company that many
  people left ranks high rather than the leavers.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

NODE_KINDS = ("Person", "Company", "Startup", "Investor")
EDGE_TYPES = ("WORKED_AT", "JOINED", "FOUNDED", "INVESTED_IN", "APPROACHED")
METRICS = ("degree", "in_degree", "out_degree", "betweenness", "closeness", "eigenvector", "pagerank")


@dataclass(frozen=True)
class Centrality:
    id: str
    name: str
    kind: str
    values: dict[str, float]


def person_org_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The directed multigraph of people and organisations only."""
    keep = [n for n, k in g.nodes(data="kind") if k in NODE_KINDS]
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, g.nodes[n]) for n in keep)
    h.add_edges_from(
        (u, v, k, d)
        for u, v, k, d in g.edges(keys=True, data=True)
        if d["type"] in EDGE_TYPES and u in h and v in h
    )
    return h


def undirected_simple(h: nx.MultiDiGraph) -> nx.Graph:
    s = nx.Graph()
    s.add_nodes_from(h.nodes(data=True))
    s.add_edges_from((u, v) for u, v in h.edges() if u != v)
    return s


def centrality(g: nx.MultiDiGraph) -> list[Centrality]:
    """All centralities for every person and organisation, by descending degree."""
    h = person_org_graph(g)
    s = undirected_simple(h)
    n = max(len(s) - 1, 1)
    values = {
        "degree": {v: d / n for v, d in s.degree()},
        "in_degree": dict(h.in_degree()),
        "out_degree": dict(h.out_degree()),
        "betweenness": nx.betweenness_centrality(s),
        "closeness": nx.closeness_centrality(s),
        "eigenvector": _eigenvector(s),
        "pagerank": nx.pagerank(s) if len(s) else {},
    }
    rows = [
        Centrality(
            id=v,
            name=h.nodes[v]["name"],
            kind=h.nodes[v]["kind"],
            values={m: float(values[m].get(v, 0.0)) for m in METRICS},
        )
        for v in h
    ]
    rows.sort(key=lambda r: (-r.values["degree"], -r.values["betweenness"], r.id))
    return rows


def _eigenvector(s: nx.Graph) -> dict[str, float]:
    if s.number_of_edges() == 0:
        return {v: 0.0 for v in s}
    try:
        return nx.eigenvector_centrality(s, max_iter=1000, tol=1e-8)
    except nx.PowerIterationFailedConvergence:
        return nx.eigenvector_centrality_numpy(s)
