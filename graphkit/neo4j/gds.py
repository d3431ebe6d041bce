"""Centrality inside Neo4j with Graph Data Science (``--engine neo4j``).

For graphs beyond one process: ``graphkit report --engine neo4j`` sends the
person-organisation view (:func:`graphkit.metrics.person_org_view`: node
indexes and edge pairs, never text) to the server as a GDS projection, runs the
algorithms there, and only the scores come back. The scores follow the same
choices as the NetworkX reference engine (:mod:`graphkit.metrics`):

* nodes: Person, Company, Startup, Investor of the dataset;
* edges: WORKED_AT, JOINED, FOUNDED, INVESTED_IN, APPROACHED, one undirected
  edge per connected pair (parallel relationships collapsed, no self-loops);
* degree = neighbours / (n - 1); betweenness normalised by (n-1)(n-2)/2;
  closeness with the Wasserman-Faust correction; PageRank (damping
  0.85) rescaled to sum to 1, as NetworkX's does; eigenvector with unit norm;
* in/out degree count the directed relationships.

Needs the Graph Data Science plugin (the Docker image and scripts/neo4j-local
both have it); without it the error names the plugin (exit code 6).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from graphkit import metrics as _metrics
from graphkit.neo4j.connection import Settings, connect, translate

STREAMS = {
    "degree": "CALL gds.degree.stream($name) YIELD nodeId, score",
    "betweenness": "CALL gds.betweenness.stream($name) YIELD nodeId, score",
    "closeness": "CALL gds.closeness.stream($name, {useWassermanFaust: true}) YIELD nodeId, score",
    "pagerank": "CALL gds.pageRank.stream($name, {dampingFactor: 0.85, maxIterations: 1000, "
    "tolerance: 1e-10}) YIELD nodeId, score",
}
#: Eigenvector runs on the projection with a self-loop on every node (A + I): power
#: iteration converges there even on bipartite graphs, with A's principal eigenvector.
EIGENVECTOR = (
    "CALL gds.eigenvector.stream($name, {maxIterations: 1000, tolerance: 1e-12}) YIELD nodeId, score"
)


# ------------------------------------------------- engine for graphkit.metrics
# ``graphkit report --engine neo4j``: the report's graphs (the whole
# person-organisation graph, and the same graph per period) are sent to the
# server as a GDS projection (node indexes and edge pairs, never text) and
# measured there. Directed, weighted views (the talent-flow graph, one node per
# organisation) stay in-process, because GDS closeness has no weights.

_settings: ContextVar[Settings | None] = ContextVar("graphkit_gds_settings", default=None)


@contextmanager
def using(settings: Settings) -> Iterator[None]:
    """Run the ``neo4j`` metrics engine against this server inside the block."""
    token = _settings.set(settings)
    try:
        yield
    finally:
        _settings.reset(token)


_PROJECT_PAIRS = (
    "UNWIND $pairs AS p "
    "WITH gds.graph.project($name, p[0], p[1], {}, {undirectedRelationshipTypes: ['*']}) AS g "
    "RETURN g.nodeCount AS nodes"
)


def view_engine(view: Any, opts: Any, what: tuple[str, ...] = ()) -> dict[str, dict[Any, float]]:
    """A :data:`graphkit.metrics.ENGINES` entry computing in Neo4j with GDS."""
    if view.directed or view.weights is not None:
        return _metrics.ENGINES["igraph"](view, opts, what)
    settings = _settings.get() or Settings.from_env()
    n = len(view.nodes)
    linked = {i for e in view.edges for i in e}
    pairs = [[a, b] for a, b in view.edges] + [[i, None] for i in range(n) if i not in linked]
    loops = pairs + [[i, i] for i in range(n)]
    calls = _calls(n, opts)
    jobs = [(pairs, [m for m in calls if m in what])]
    if "eigenvector" in what:
        jobs.append((loops, ["eigenvector"]))
    driver = connect(settings)
    try:
        with driver.session(database=settings.database) as s:
            raw = {
                m: v
                for projection, wanted in jobs
                if wanted
                for m, v in _stream(s, projection, wanted, calls).items()
            }
    except Exception as exc:
        raise translate(exc, settings) from None
    finally:
        driver.close()
    out: dict[str, dict[Any, float]] = {}
    for metric, values in raw.items():
        scaled = _metrics.normalise(metric, {i: values.get(i, 0.0) for i in range(n)}, n)
        out[metric] = {view.nodes[i]: v for i, v in scaled.items()}
    return out


def _calls(n: int, opts: Any) -> dict[str, str]:
    """The GDS stream call per metric; betweenness sampled from as many pivots as the
    in-process engines sample (:func:`graphkit.metrics.pivot_count`: fewer on a large graph)."""
    calls = {**STREAMS, "eigenvector": EIGENVECTOR}
    if _metrics.use_sampling(n, opts):
        calls["betweenness"] = (
            f"CALL gds.betweenness.stream($name, {{samplingSize: {_metrics.pivot_count(n, opts)}, "
            f"samplingSeed: {int(opts.seed)}}}) YIELD nodeId, score"
        )
    return calls


def _stream(
    session: Any, projection: list[list[Any]], wanted: list[str], calls: dict[str, str]
) -> dict[str, dict[int, float]]:
    """Project ``projection`` (index pairs), stream each wanted metric, drop the projection."""
    name = f"graphkit-{uuid.uuid4().hex[:12]}"
    session.run(_PROJECT_PAIRS, name=name, pairs=projection).consume()
    try:
        return {
            metric: {
                r["nodeId"]: float(r["score"])
                for r in session.run(f"{calls[metric]} RETURN nodeId, score", name=name)
            }
            for metric in wanted
        }
    finally:
        session.run("CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName", name=name).consume()


_metrics.ENGINES["neo4j"] = view_engine  # graphkit.metrics' engine registry (see there)
