"""The engine registry and the public calls: compute a view's metrics with a named engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphkit.metrics import igraph_engine, nx_engine
from graphkit.metrics.base import AUTO_IGRAPH_MIN, METRICS, WHAT, Options
from graphkit.metrics.views import View, view_of
from graphkit.schema.errors import SettingsError


class UnknownEngine(SettingsError):
    pass


@dataclass(frozen=True)
class Centrality:
    id: str
    name: str
    kind: str
    values: dict[str, float]


Engine = Callable[..., dict[str, dict[Any, float]]]
#: The engines by name. graphkit.neo4j.gds adds "neo4j" (Graph Data Science in the server
#: of NEO4J_URI) when it is imported, as graphkit.api does: metrics never imports it.
ENGINES: dict[str, Engine] = {"networkx": nx_engine.run, "igraph": igraph_engine.run}


def engine_for(name: str, n: int) -> Engine:
    if name == "auto":
        name = "igraph" if n >= AUTO_IGRAPH_MIN else "networkx"
    if name not in ENGINES:
        raise UnknownEngine(f"unknown engine {name!r} (expected one of: auto, {', '.join(ENGINES)})")
    return ENGINES[name]


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
