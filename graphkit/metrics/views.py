"""The graphs that are measured, as engine-neutral views (see :mod:`graphkit.metrics`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphkit.schema import vocab
from graphkit.schema.errors import SettingsError

GRAPHS = ("person_org", "talent_flow")


def node_kinds() -> tuple[str, ...]:
    """The node kinds of the person-organisation graph (vocabulary group ``centrality_kinds``)."""
    return vocab.load().group("centrality_kinds")


def edge_types() -> tuple[str, ...]:
    """Its relationship types (vocabulary group ``centrality_types``)."""
    return vocab.load().group("centrality_types")


def flow_undirected(d: nx.DiGraph) -> nx.Graph:
    """The flow graph without direction; ``moves`` summed over both directions."""
    s = nx.Graph()
    s.add_nodes_from(d.nodes(data=True))
    for u, v, a in d.edges(data=True):
        if s.has_edge(u, v):
            s[u][v]["moves"] += a["moves"]
        else:
            s.add_edge(u, v, moves=a["moves"])
    return s


@dataclass
class View:
    """An engine-neutral graph to measure: node ids, edges as index pairs, optional weights.

    Undirected views hold each connected pair once. For a directed view,
    ``weights`` are the moves per edge (distance = 1/moves).
    """

    nodes: list[Any]
    edges: list[tuple[int, int]]
    directed: bool = False
    weights: list[float] | None = None
    in_degree: list[float] = field(default_factory=list)
    out_degree: list[float] = field(default_factory=list)

    def to_networkx(self) -> nx.Graph:
        s: nx.Graph = nx.DiGraph() if self.directed else nx.Graph()
        s.add_nodes_from(self.nodes)
        nodes = self.nodes
        if self.weights is None:
            s.add_edges_from((nodes[a], nodes[b]) for a, b in self.edges)
        else:
            s.add_edges_from(
                (nodes[a], nodes[b], {"moves": w, "distance": 1.0 / w})
                for (a, b), w in zip(self.edges, self.weights, strict=True)
            )
        return s


def person_org_view(g: nx.MultiDiGraph) -> View:
    """The person-organisation graph: undirected simple edges plus directed in/out degrees."""
    kinds = g.nodes(data="kind")
    wanted, types = set(node_kinds()), set(edge_types())
    nodes = [v for v, k in kinds if k in wanted]
    idx = {v: i for i, v in enumerate(nodes)}
    ins = [0.0] * len(nodes)
    outs = [0.0] * len(nodes)
    pairs = set()
    for u, v, t in g.edges(data="type"):
        if t not in types:
            continue
        a, b = idx.get(u), idx.get(v)
        if a is None or b is None:
            continue
        outs[a] += 1
        ins[b] += 1
        if a != b:
            pairs.add((a, b) if a < b else (b, a))
    return View(nodes, sorted(pairs), False, None, ins, outs)


def talent_flow_view(g: nx.MultiDiGraph, moves: list[Any] | None = None) -> View:
    """The organisation-to-organisation talent-flow graph, weighted by moves."""
    from graphkit.graph import flows

    d = flows.talent_flow_graph(g, flows.moves(g) if moves is None else moves)
    nodes = list(d)
    idx = {v: i for i, v in enumerate(nodes)}
    edges = [(idx[a], idx[b]) for a, b in d.edges()]
    weights = [float(w) for _, _, w in d.edges(data="moves")]
    ins = [float(x) for _, x in d.in_degree(weight="moves")]
    outs = [float(x) for _, x in d.out_degree(weight="moves")]
    return View(nodes, edges, True, weights, ins, outs)


def view_of(g: nx.MultiDiGraph, graph: str = "person_org", moves: list[Any] | None = None) -> View:
    if graph == "person_org":
        return person_org_view(g)
    if graph == "talent_flow":
        return talent_flow_view(g, moves)
    raise SettingsError(f"unknown graph {graph!r} (expected one of: {', '.join(GRAPHS)})")
