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
    left A for B (see :mod:`graphkit.graph.flows`). ``in_degree``/``out_degree`` are
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
``k`` pivot nodes drawn with ``random.Random(seed).sample`` from the node list
(the same pivots networkx's ``betweenness_centrality(k=, seed=)`` draws, so the
networkx and igraph engines agree exactly), ``k`` = ``Options.samples`` (256),
at most ``Options.large_samples`` (128) above ``Options.large_min`` (200,000)
nodes (:func:`pivot_count`). Betweenness is Brandes' pivot estimator
(networkx's scaling). Closeness is estimated from the distances from the pivots:
``c(v) = r / ((k - [v is a pivot]) * mean_d)``, where ``r`` pivots reach ``v``
at mean distance ``mean_d``; it equals the exact value when every node is a
pivot; a node that no pivot reaches gets 0. On an undirected view the igraph
engine runs both from one set of Brandes passes in numpy
(:mod:`graphkit.metrics.brandes`).

The report needs every node's value of one metric only (the one it ranks by);
:func:`top_centrality` computes the others, where that is cheaper (closeness
from pivots), only for the nodes that can make its top rows.

Engines: ``networkx`` (the reference) and ``igraph`` (C; what ``auto``, the
default, uses: it is faster at every size we measured). An engine is a callable
``run(view, options) -> {metric: {node: value}}`` registered in ``ENGINES``;
a Neo4j Graph Data Science engine can be added the same way.
"""

from graphkit.metrics.base import (
    AUTO_IGRAPH_MIN,
    METRICS,
    WHAT,
    Options,
    normalise,
    pivot_count,
    pivots,
    use_sampling,
)
from graphkit.metrics.communities import louvain, louvain_top
from graphkit.metrics.engines import (
    ENGINES,
    Centrality,
    Engine,
    UnknownEngine,
    candidates,
    centrality,
    compute,
    compute_arrays,
    compute_view,
    engine_for,
    top_centrality,
)
from graphkit.metrics.igraph_engine import pivot_closeness
from graphkit.metrics.views import (
    GRAPHS,
    EdgeTable,
    View,
    edge_types,
    flow_undirected,
    flow_undirected_edges,
    node_kinds,
    person_org_arrays,
    person_org_view,
    simple_pairs,
    talent_flow_view,
    view_of,
)

__all__ = [
    "AUTO_IGRAPH_MIN",
    "ENGINES",
    "GRAPHS",
    "METRICS",
    "WHAT",
    "Centrality",
    "EdgeTable",
    "Engine",
    "Options",
    "UnknownEngine",
    "View",
    "candidates",
    "centrality",
    "compute",
    "compute_arrays",
    "compute_view",
    "edge_types",
    "engine_for",
    "flow_undirected",
    "flow_undirected_edges",
    "louvain",
    "louvain_top",
    "node_kinds",
    "normalise",
    "person_org_arrays",
    "person_org_view",
    "pivot_closeness",
    "pivot_count",
    "pivots",
    "simple_pairs",
    "talent_flow_view",
    "top_centrality",
    "use_sampling",
    "view_of",
]
