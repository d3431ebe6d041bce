"""The engine registry and the public calls: compute a view's metrics with a named engine."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

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
    if run is not igraph_engine.run:
        view = view.listed()
    values = run(view, options or Options(), tuple(m for m in what if m in WHAT))
    if "in_degree" in what:
        values["in_degree"] = dict(zip(view.nodes, view.in_degree, strict=True))
    if "out_degree" in what:
        values["out_degree"] = dict(zip(view.nodes, view.out_degree, strict=True))
    return values


def compute_arrays(
    view: View,
    engine: str = "auto",
    options: Options | None = None,
    what: tuple[str, ...] = METRICS,
    only: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """:func:`compute_view` as arrays in the order of ``view.nodes`` (a node an engine leaves
    out gets 0.0, as :func:`centrality` gives it). ``only``: the nodes whose closeness is
    wanted; the igraph engine may leave the others' NaN."""
    run = engine_for(engine, len(view.nodes))
    opts = options or Options()
    asked = tuple(m for m in what if m in WHAT)
    if run is igraph_engine.run:
        values = igraph_engine.run_arrays(view, opts, asked, only)
    else:
        got = run(view.listed(), opts, asked)
        values = {m: np.array([float(got[m].get(v, 0.0)) for v in view.nodes], dtype=float) for m in asked}
    if "in_degree" in what:
        values["in_degree"] = np.asarray(view.in_degree, dtype=float)
    if "out_degree" in what:
        values["out_degree"] = np.asarray(view.out_degree, dtype=float)
    return values


def candidates(key: np.ndarray, degree: np.ndarray, keep: np.ndarray | None, top: int) -> np.ndarray | None:
    """The nodes (indices, ascending) that can be among the first ``top`` of those kept
    when sorted by (-key, -degree, then anything): every node at least as high in
    (key, degree) as the ``top``-th. None if a value is NaN (no order to rely on)."""
    idx = np.arange(len(key)) if keep is None else np.flatnonzero(keep)
    kv, dv = key[idx], degree[idx]
    if np.isnan(kv).any() or np.isnan(dv).any():
        return None
    if len(idx) <= top:
        return idx
    t = np.lexsort((-dv, -kv))[top - 1]
    return idx[(kv > kv[t]) | ((kv == kv[t]) & (dv >= dv[t]))]


def top_centrality(
    view: View,
    key: str,
    top: int,
    engine: str = "auto",
    options: Options | None = None,
    keep: np.ndarray | None = None,
) -> tuple[np.ndarray, dict[str, np.ndarray]] | None:
    """Every metric of the nodes that can rank among the first ``top`` (of those ``keep``
    marks) by (-key, -degree, ...): ``(indices, {metric: values})``, the values as
    :func:`centrality` gives them at those indices. With the igraph engine, closeness
    (when it is not the key) is then computed for those nodes only. None: see
    :func:`candidates`."""
    deferred = engine_for(engine, len(view.nodes)) is igraph_engine.run and key != "closeness"
    first = tuple(m for m in METRICS if m != "closeness") if deferred else METRICS
    values = compute_arrays(view, engine, options, first)
    chosen = candidates(values[key], values["degree"], keep, top)
    if chosen is None:
        return None
    if deferred:
        values.update(compute_arrays(view, engine, options, ("closeness",), only=chosen))
    return chosen, values


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
