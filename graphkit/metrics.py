"""Centrality on the talent graph, behind a small engine interface.

Two views of the graph are measured (documented in the README):

``person_org``, the person-organisation graph
    Nodes: Person, Company, Startup, Investor (Groups and Events are left out:
    a membership hub or an event node would make every company look central).
    Edges: WORKED_AT, JOINED, FOUNDED, INVESTED_IN, APPROACHED.
    ``in_degree``/``out_degree`` count the directed relationships (a company's
    in-degree is its people, past and present). Every other metric runs on the
    *undirected simple* graph (one edge per connected pair, unweighted): ties
    between people and organisations have no meaningful direction for
    brokerage. ``degree`` is ``networkx.degree_centrality`` (neighbours / (n-1)).

``talent_flow``, the organisation-to-organisation graph
    One directed edge A -> B per pair with ``moves`` = the number of people who
    left A for B (see :mod:`graphkit.flows`). ``in_degree``/``out_degree`` are
    the moves in and out (weighted). Betweenness and closeness are directed and
    use ``distance = 1/moves`` (a heavier flow is a shorter path; closeness uses
    incoming distance, as networkx does). PageRank is directed, weighted by
    moves. Eigenvector runs on the undirected graph weighted by the moves in
    both directions (on a directed flow graph, which has no cycles, it is zero).

All values follow networkx's definitions and normalisation: betweenness
normalised by (n-1)(n-2) (undirected: counted once per pair), closeness with
the Wasserman-Faust correction for unreachable nodes, eigenvector with unit
Euclidean norm (on a disconnected graph only the component with the largest
eigenvalue gets non-zero values), PageRank with damping 0.85.

Above ``Options.exact_max`` nodes, betweenness and closeness are *sampled*:
``Options.samples`` pivot nodes drawn with ``random.Random(seed).sample`` from
the node list (the same pivots networkx's ``betweenness_centrality(k=, seed=)``
draws, so the networkx and igraph engines agree exactly). Betweenness is
Brandes' pivot estimator (networkx's scaling). Closeness is estimated from the
distances from the pivots: ``c(v) = r / ((k - [v is a pivot]) * mean_d)``,
where ``r`` pivots reach ``v`` at mean distance ``mean_d``; it equals the exact
value when every node is a pivot; a node that no pivot reaches gets 0.

Engines: ``networkx`` (the reference) and ``igraph`` (C; what ``auto``, the
default, uses: it is faster at every size we measured). An engine is a callable
``run(view, options) -> {metric: {node: value}}`` registered in ``ENGINES``;
a Neo4j Graph Data Science engine can be added the same way.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from . import vocab
from .errors import SettingsError


def node_kinds() -> tuple[str, ...]:
    """The node kinds of the person-organisation graph (vocabulary group ``centrality_kinds``)."""
    return vocab.load().group("centrality_kinds")


def edge_types() -> tuple[str, ...]:
    """Its relationship types (vocabulary group ``centrality_types``)."""
    return vocab.load().group("centrality_types")


METRICS = ("degree", "in_degree", "out_degree", "betweenness", "closeness", "eigenvector", "pagerank")
GRAPHS = ("person_org", "talent_flow")
AUTO_IGRAPH_MIN = 0  # auto uses igraph at every size; networkx is the reference engine


class UnknownEngine(SettingsError):
    pass


@dataclass(frozen=True)
class Options:
    exact_max: int = 5000  # nodes; above this betweenness and closeness are sampled
    samples: int = 256  # pivots for sampled betweenness and closeness
    seed: int = 0
    sampled: bool | None = None  # force sampling on (True) or off (False); None: by size


@dataclass(frozen=True)
class Centrality:
    id: str
    name: str
    kind: str
    values: dict[str, float]


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


def pivots(nodes: list[Any], k: int, seed: int) -> list[Any]:
    """The same pivots ``networkx.betweenness_centrality(k=k, seed=seed)`` samples."""
    return random.Random(seed).sample(nodes, k)


def use_sampling(n: int, opts: Options) -> bool:
    if opts.sampled is not None:
        return opts.sampled and opts.samples < n
    return n > opts.exact_max and opts.samples < n


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


WHAT = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")


def _nx_engine(v: View, opts: Options, what: tuple[str, ...] = WHAT) -> dict[str, dict[Any, float]]:
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
            out["betweenness"] = nx.betweenness_centrality(view, k=opts.samples, seed=opts.seed, weight=dist)
        else:
            out["betweenness"] = nx.betweenness_centrality(view, weight=dist)
    if "closeness" in what:
        if sampled:
            out["closeness"] = _nx_pivot_closeness(view, pivots(list(view), opts.samples, opts.seed), dist)
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


def _igraph_engine(v: View, opts: Options, what: tuple[str, ...] = WHAT) -> dict[str, dict[Any, float]]:
    import igraph as ig

    directed = v.directed
    nodes = v.nodes
    n = len(nodes)
    if n == 0:
        return {m: {} for m in what}
    h = ig.Graph(n=n, edges=v.edges, directed=directed)
    moves = v.weights if directed else None
    dist = [1.0 / w for w in moves] if moves else None

    def as_dict(values: Any) -> dict[Any, float]:
        return dict(zip(nodes, np.asarray(values, dtype=float).tolist(), strict=True))

    out: dict[str, dict[Any, float]] = {}
    if "degree" in what:
        deg = np.asarray(h.degree(), dtype=float)
        out["degree"] = as_dict(deg / (n - 1) if n > 1 else deg * 0)
    sampled = use_sampling(n, opts)
    pivs = [i for i in pivots(list(range(n)), opts.samples, opts.seed)] if sampled else []
    if "betweenness" in what:
        pair = 1.0 if directed else 2.0
        if n <= 2:
            out["betweenness"] = dict.fromkeys(nodes, 0.0)
        elif sampled:
            raw = np.asarray(h.betweenness(directed=directed, weights=dist, sources=pivs), dtype=float)
            k = len(pivs)
            scale = np.full(n, 1.0 / (k * (n - 2)))
            scale[pivs] = 1.0 / ((k - 1) * (n - 2)) if k > 1 else math.nan
            out["betweenness"] = as_dict(raw * pair * scale)
        else:
            raw = np.asarray(h.betweenness(directed=directed, weights=dist), dtype=float)
            out["betweenness"] = as_dict(raw * pair / ((n - 1) * (n - 2)))
    if "closeness" in what:
        if sampled:
            out["closeness"] = as_dict(pivot_closeness(h, pivs, dist))
        else:
            c = np.nan_to_num(np.asarray(h.closeness(mode="in", weights=dist, normalized=True), dtype=float))
            if directed:
                reach = np.asarray(h.neighborhood_size(order=n, mode="in"), dtype=float)
            else:
                membership = np.asarray(h.connected_components().membership)
                reach = np.bincount(membership)[membership].astype(float)
            out["closeness"] = as_dict(c * (reach - 1) / max(n - 1, 1))
    if "eigenvector" in what:
        if directed:
            und = flow_undirected(v.to_networkx())
            idx = {x: i for i, x in enumerate(nodes)}
            hu = ig.Graph(n=n, edges=[(idx[a], idx[b]) for a, b in und.edges()], directed=False)
            w = [float(a["moves"]) for _, _, a in und.edges(data=True)]
        else:
            hu, w = h, None
        out["eigenvector"] = as_dict(_ig_eigenvector(hu, w))
    if "pagerank" in what:
        out["pagerank"] = as_dict(h.pagerank(directed=directed, damping=0.85, weights=moves))
    return out


def _ig_eigenvector(h: Any, weights: list[float] | None) -> np.ndarray:
    """The principal eigenvector of the (weighted) adjacency matrix, unit norm.

    Power iteration on A + I from a uniform start, as :func:`_nx_eigenvector` does,
    not igraph's ARPACK call: ARPACK starts from a random vector (or restarts from
    one when the start is already an eigenvector), so on a graph whose components
    tie (three separate moves of one person each) it gave a different mix on every
    run. If the iteration has not converged after 1,000 steps, Lanczos (``eigsh``)
    finishes from where it got to."""
    import scipy.sparse as sp

    n = h.vcount()
    if h.ecount() == 0:
        return np.zeros(n)
    edges = np.asarray(h.get_edgelist(), dtype=np.int64)
    w = np.ones(len(edges)) if weights is None else np.asarray(weights, dtype=float)
    a = sp.coo_matrix((w, (edges[:, 0], edges[:, 1])), shape=(n, n)).tocsr()
    a = a + a.T
    m = a + sp.identity(n, format="csr")
    x = np.full(n, 1.0 / math.sqrt(n))
    for _ in range(1000):
        y = m @ x
        y /= np.linalg.norm(y)
        done = np.abs(y - x).sum() < n * 1e-12
        x = y
        if done:
            break
    else:
        from scipy.sparse.linalg import eigsh

        _, vecs = eigsh(a, k=1, which="LA", v0=x, tol=1e-12, maxiter=max(1000, 10 * n))
        x = vecs[:, 0]
    ev = np.abs(x)
    ev[ev < 1e-12] = 0.0
    norm = np.linalg.norm(ev)
    return ev / norm if norm else ev


def pivot_closeness(h: Any, pivs: list[int], weights: list[float] | None, chunk: int = 8) -> np.ndarray:
    """The pivot estimate of closeness (see the module docstring) from igraph's distances."""
    n = h.vcount()
    total = np.zeros(n)
    reach = np.zeros(n)
    for i in range(0, len(pivs), chunk):
        d = np.asarray(h.distances(source=pivs[i : i + chunk], weights=weights, mode="out"), dtype=float)
        finite = np.isfinite(d)
        total += np.where(finite, d, 0.0).sum(axis=0)
        reach += finite.sum(axis=0)
    is_pivot = np.zeros(n)
    is_pivot[pivs] = 1
    reach -= is_pivot  # a pivot's distance to itself
    denom = (len(pivs) - is_pivot) * total
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(denom > 0, reach * reach / denom, 0.0)
    return c


Engine = Callable[..., dict[str, dict[Any, float]]]
#: The engines by name. graphkit.gds adds "neo4j" (Graph Data Science in the server
#: of NEO4J_URI) when it is imported, as graphkit.api does: metrics never imports it.
ENGINES: dict[str, Engine] = {"networkx": _nx_engine, "igraph": _igraph_engine}


def engine_for(name: str, n: int) -> Engine:
    if name == "auto":
        name = "igraph" if n >= AUTO_IGRAPH_MIN else "networkx"
    if name not in ENGINES:
        raise UnknownEngine(f"unknown engine {name!r} (expected one of: auto, {', '.join(ENGINES)})")
    return ENGINES[name]


# --- the public API ----------------------------------------------------------


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
    from . import flows

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


def compute(
    g: nx.MultiDiGraph,
    engine: str = "auto",
    graph: str = "person_org",
    options: Options | None = None,
    what: tuple[str, ...] = METRICS,
    moves: list[Any] | None = None,
) -> dict[str, dict[Any, float]]:
    """``{metric: {node id: value}}`` for the metrics in ``what`` (default: all of :data:`METRICS`)."""
    view = view_of(g, graph, moves)
    return compute_view(view, engine, options, what)


def compute_view(
    view: View, engine: str = "auto", options: Options | None = None, what: tuple[str, ...] = METRICS
) -> dict[str, dict[Any, float]]:
    run = engine_for(engine, len(view.nodes))
    values = run(view, options or Options(), tuple(m for m in what if m in WHAT))
    if "in_degree" in what:
        values["in_degree"] = dict(zip(view.nodes, view.in_degree, strict=True))
    if "out_degree" in what:
        values["out_degree"] = dict(zip(view.nodes, view.out_degree, strict=True))
    return values


def centrality(
    g: nx.MultiDiGraph,
    engine: str = "auto",
    graph: str = "person_org",
    options: Options | None = None,
    moves: list[Any] | None = None,
) -> list[Centrality]:
    """All centralities for every node of the view, by descending degree."""
    values = compute(g, engine, graph, options, moves=moves)
    rows = [
        Centrality(
            id=v,
            name=g.nodes[v].get("name", str(v)),
            kind=g.nodes[v].get("kind", ""),
            values={m: float(values[m].get(v, 0.0)) for m in METRICS},
        )
        for v in values["in_degree"]
    ]
    rows.sort(key=lambda r: (-r.values["degree"], -r.values["betweenness"], str(r.id)))
    return rows
