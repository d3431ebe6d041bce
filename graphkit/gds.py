"""Centrality inside Neo4j with Graph Data Science (``--engine neo4j``).

For graphs beyond one process: the person-organisation graph is projected from
what ``graphkit load`` stored, the algorithms run in the server, and only the
scores come back. The projection and the scores follow the same choices as the
NetworkX reference engine (:mod:`graphkit.metrics`):

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

import math
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from . import metrics as _metrics
from .metrics import edge_types, node_kinds
from .neo4j import MissingPlugin, Settings, translate


def _kinds(var: str = "n") -> str:
    """``n:Person OR n:Company ...``: the vocabulary's centrality kinds (trusted, not input)."""
    return " OR ".join(f"{var}:{k}" for k in node_kinds())


def project_query(self_loops: bool = False) -> str:
    """Project the person-organisation graph (undirected, simple) for GDS.

    With ``self_loops``, every node also gets a self-loop: power iteration on
    A + I converges to A's principal eigenvector even when the graph is bipartite
    (as person-organisation graphs are), where iteration on A alone oscillates.
    NetworkX uses the same shift."""
    pairs = (
        "WITH collect([a, b]) + [x IN collect(DISTINCT a) | [x, x]] + "
        "[x IN collect(DISTINCT b) WHERE x IS NOT NULL | [x, x]] AS pairs "
        "UNWIND pairs AS pair WITH DISTINCT pair[0] AS a, pair[1] AS b "
        if self_loops
        else ""
    )
    return f"""
MATCH (n) WHERE ({_kinds()}) AND ($ds IS NULL OR n.graphkit_dataset = $ds)
OPTIONAL MATCH (n)-[r:{"|".join(edge_types())}]-(m)
WHERE ({_kinds("m")}) AND ($ds IS NULL OR m.graphkit_dataset = $ds) AND m <> n
WITH n, m
WITH DISTINCT CASE WHEN m IS NULL OR elementId(n) < elementId(m) THEN n ELSE m END AS a,
              CASE WHEN m IS NULL THEN null WHEN elementId(n) < elementId(m) THEN m ELSE n END AS b
{pairs}WITH gds.graph.project($name, a, b, {{}}, {{undirectedRelationshipTypes: ['*']}}) AS g
RETURN g.nodeCount AS nodes, g.relationshipCount AS rels
"""


def degrees_query() -> str:
    types = "|".join(edge_types())
    return f"""
MATCH (n) WHERE ({_kinds()}) AND ($ds IS NULL OR n.graphkit_dataset = $ds)
RETURN n.id AS id,
       COUNT {{ (n)-[r:{types}]->(m) WHERE ({_kinds("m")})
               AND ($ds IS NULL OR m.graphkit_dataset = $ds) }} AS out_degree,
       COUNT {{ (n)<-[r:{types}]-(m) WHERE ({_kinds("m")})
               AND ($ds IS NULL OR m.graphkit_dataset = $ds) }} AS in_degree
"""


STREAMS = {
    "degree": "CALL gds.degree.stream($name) YIELD nodeId, score",
    "betweenness": "CALL gds.betweenness.stream($name) YIELD nodeId, score",
    "closeness": "CALL gds.closeness.stream($name, {useWassermanFaust: true}) YIELD nodeId, score",
    "pagerank": "CALL gds.pageRank.stream($name, {dampingFactor: 0.85, maxIterations: 1000, "
    "tolerance: 1e-10}) YIELD nodeId, score",
}


def centrality(
    driver: Any, dataset: str | None = None, database: str | None = None, settings: Settings | None = None
) -> dict[str, dict[str, float]]:
    """``{metric: {node id: value}}`` for the person-organisation graph, computed by GDS."""
    name = f"graphkit-{uuid.uuid4().hex[:12]}"
    settings = settings or Settings()
    try:
        with driver.session(database=database) as s:
            try:
                s.run("RETURN gds.version() AS v").consume()
            except Exception as exc:
                err = translate(exc, settings)
                raise (
                    err
                    if isinstance(err, MissingPlugin)
                    else MissingPlugin(
                        f"this needs the Graph Data Science plugin, which Neo4j at {settings.uri} does not have"
                    )
                ) from None
            info = s.run(project_query(), name=name, ds=dataset).single()
            n = info["nodes"]
            try:
                out: dict[str, dict[str, float]] = {}
                for metric, call in STREAMS.items():
                    rows = s.run(f"{call} RETURN gds.util.asNode(nodeId).id AS id, score", name=name)
                    out[metric] = {r["id"]: float(r["score"]) for r in rows}
            finally:
                s.run(
                    "CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName", name=name
                ).consume()
            s.run(project_query(self_loops=True), name=name, ds=dataset).consume()
            try:
                rows = s.run(
                    "CALL gds.eigenvector.stream($name, {maxIterations: 1000, tolerance: 1e-12}) "
                    "YIELD nodeId, score RETURN gds.util.asNode(nodeId).id AS id, score",
                    name=name,
                )
                out["eigenvector"] = {r["id"]: float(r["score"]) for r in rows}
            finally:
                s.run(
                    "CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName", name=name
                ).consume()
            degrees = s.run(degrees_query(), ds=dataset).data()
    except MissingPlugin:
        raise
    except Exception as exc:
        raise translate(exc, settings) from None
    return _normalise(out, degrees, n)


def _normalise(
    raw: dict[str, dict[str, float]], degrees: list[dict[str, Any]], n: int
) -> dict[str, dict[str, float]]:
    out = dict(raw)
    scale = 1.0 / (n - 1) if n > 1 else 0.0
    out["degree"] = {k: v * scale for k, v in raw["degree"].items()}
    pairs = (n - 1) * (n - 2) / 2 if n > 2 else 1.0
    out["betweenness"] = {k: v / pairs for k, v in raw["betweenness"].items()}
    total = sum(raw["pagerank"].values()) or 1.0
    out["pagerank"] = {k: v / total for k, v in raw["pagerank"].items()}
    norm = math.sqrt(sum(v * v for v in raw["eigenvector"].values())) or 1.0
    out["eigenvector"] = {k: v / norm for k, v in raw["eigenvector"].items()}
    out["in_degree"] = {r["id"]: float(r["in_degree"]) for r in degrees}
    out["out_degree"] = {r["id"]: float(r["out_degree"]) for r in degrees}
    return out


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
    from . import metrics
    from .neo4j import connect

    if view.directed or view.weights is not None:
        return metrics.ENGINES["igraph"](view, opts, what)
    settings = _settings.get() or Settings.from_env()
    n = len(view.nodes)
    linked = {i for e in view.edges for i in e}
    pairs = [[a, b] for a, b in view.edges] + [[i, None] for i in range(n) if i not in linked]
    loops = pairs + [[i, i] for i in range(n)]
    sampled = metrics.use_sampling(n, opts)
    btw = (
        f"CALL gds.betweenness.stream($name, {{samplingSize: {int(opts.samples)}, samplingSeed: {int(opts.seed)}}})"
        if sampled
        else STREAMS["betweenness"].split(" YIELD")[0]
    )
    calls = {**STREAMS, "betweenness": f"{btw} YIELD nodeId, score"}
    driver = connect(settings)
    raw: dict[str, dict[int, float]] = {}
    name = f"graphkit-{uuid.uuid4().hex[:12]}"
    try:
        with driver.session(database=settings.database) as s:
            for projection, metrics_here in (
                (pairs, [m for m in calls if m in what]),
                (loops, ["eigenvector"]),
            ):
                if not metrics_here or (projection is loops and "eigenvector" not in what):
                    continue
                s.run(_PROJECT_PAIRS, name=name, pairs=projection).consume()
                try:
                    for metric in metrics_here:
                        call = calls.get(metric) or (
                            "CALL gds.eigenvector.stream($name, {maxIterations: 1000, tolerance: 1e-12}) "
                            "YIELD nodeId, score"
                        )
                        raw[metric] = {
                            r["nodeId"]: float(r["score"])
                            for r in s.run(f"{call} RETURN nodeId, score", name=name)
                        }
                finally:
                    s.run(
                        "CALL gds.graph.drop($name, false) YIELD graphName RETURN graphName", name=name
                    ).consume()
    except Exception as exc:
        raise translate(exc, settings) from None
    finally:
        driver.close()
    out: dict[str, dict[Any, float]] = {}
    scale = {
        "degree": 1.0 / (n - 1) if n > 1 else 0.0,
        "betweenness": 1.0 / ((n - 1) * (n - 2) / 2) if n > 2 else 0.0,
    }
    for metric, values in raw.items():
        if metric == "pagerank":
            total = sum(values.values()) or 1.0
            values = {k: v / total for k, v in values.items()}
        elif metric == "eigenvector":
            norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
            values = {k: v / norm for k, v in values.items()}
        elif metric in scale:
            values = {k: v * scale[metric] for k, v in values.items()}
        out[metric] = {view.nodes[i]: values.get(i, 0.0) for i in range(n)}
    return out


_metrics.ENGINES["neo4j"] = view_engine  # graphkit.metrics' engine registry (see there)
