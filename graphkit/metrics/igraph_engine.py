"""The igraph engine (C): what ``auto`` uses; it agrees with networkx to rounding.

Sampled betweenness and closeness of an undirected view (the person-organisation
graph) come from one set of Brandes passes from the pivots
(:mod:`graphkit.metrics.brandes`, numpy); those of a directed, weighted view (the
talent-flow graph) from igraph.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from graphkit.metrics.base import WHAT, Options, pivot_count, pivots, use_sampling
from graphkit.metrics.views import View, flow_undirected_edges


def run(v: View, opts: Options, what: tuple[str, ...] = WHAT) -> dict[str, dict[Any, float]]:
    nodes = v.nodes
    if not nodes:
        return {m: {} for m in what}
    return {
        m: dict(zip(nodes, values.tolist(), strict=True)) for m, values in run_arrays(v, opts, what).items()
    }


def graph_of(v: View) -> Any:
    """The view as an igraph Graph (kept in the view's cache: several calls use it)."""
    import igraph as ig

    h = v.cache.get("igraph")
    if h is None:
        if isinstance(v.edges, np.ndarray):  # add_edges reads an array three times faster than Graph(edges=)
            h = ig.Graph(n=len(v.nodes), directed=v.directed)
            h.add_edges(v.edges)
        else:
            h = ig.Graph(n=len(v.nodes), edges=v.edges, directed=v.directed)
        v.cache["igraph"] = h
    return h


def _pivot_sums(v: View, pivs: list[int]) -> Any:
    """The Brandes passes from these pivots (kept in the view's cache: betweenness and
    closeness both read them)."""
    from graphkit.metrics import brandes

    key = ("pivot_sums", tuple(pivs))
    sums = v.cache.get(key)
    if sums is None:
        sums = v.cache[key] = brandes.pivot_sums(len(v.nodes), v.edge_array(), pivs)
    return sums


def run_arrays(
    v: View, opts: Options, what: tuple[str, ...] = WHAT, only: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """``{metric: values}``, arrays in the order of ``v.nodes``.

    ``only``: the nodes (indices) whose closeness is wanted; where sampled closeness
    is computed per node (a directed view) the others are left NaN."""
    directed = v.directed
    n = len(v.nodes)
    if n == 0:
        return {m: np.zeros(0) for m in what}
    moves = v.weights if directed else None
    dist = [1.0 / w for w in moves] if moves else None
    out: dict[str, np.ndarray] = {}
    if "degree" in what:
        deg = np.bincount(v.edge_array().ravel(), minlength=n).astype(float)
        out["degree"] = deg / (n - 1) if n > 1 else deg * 0
    sampled = use_sampling(n, opts)
    pivs = list(pivots(list(range(n)), pivot_count(n, opts), opts.seed)) if sampled else []
    fast = sampled and not directed and dist is None  # Brandes passes in numpy
    if not fast or "pagerank" in what:
        # The igraph graph outlives this call (the view keeps it): made before the
        # passes' and Lanczos' temporaries, it does not sit above them in the heap
        # and keep their memory from going back when they are freed.
        graph_of(v)
    if "betweenness" in what:
        pair = 1.0 if directed else 2.0
        if n <= 2:
            out["betweenness"] = np.zeros(n)
        elif sampled:
            k = len(pivs)
            scale = np.full(n, 1.0 / (k * (n - 2)))
            scale[pivs] = 1.0 / ((k - 1) * (n - 2)) if k > 1 else math.nan
            if fast:  # the dependencies sum both directions of each pair: igraph's sum * 2
                out["betweenness"] = _pivot_sums(v, pivs).dependency * scale
            else:
                raw = np.asarray(
                    graph_of(v).betweenness(directed=directed, weights=dist, sources=pivs), dtype=float
                )
                out["betweenness"] = raw * pair * scale
        else:
            raw = np.asarray(graph_of(v).betweenness(directed=directed, weights=dist), dtype=float)
            out["betweenness"] = raw * pair / ((n - 1) * (n - 2))
    if "closeness" in what:
        if fast:
            s = _pivot_sums(v, pivs)
            out["closeness"] = _closeness(s.distance, s.reach.copy(), pivs)
        elif sampled:
            out["closeness"] = pivot_closeness(graph_of(v), pivs, dist, only=only)
        else:
            h = graph_of(v)
            c = np.nan_to_num(np.asarray(h.closeness(mode="in", weights=dist, normalized=True), dtype=float))
            if directed:
                reach = np.asarray(h.neighborhood_size(order=n, mode="in"), dtype=float)
            else:
                membership = np.asarray(h.connected_components().membership)
                reach = np.bincount(membership)[membership].astype(float)
            out["closeness"] = c * (reach - 1) / max(n - 1, 1)
    if "eigenvector" in what:
        if directed:
            und, w = flow_undirected_edges(v)
            out["eigenvector"] = _eigenvector(n, np.asarray(und, dtype=np.int64).reshape(-1, 2), w)
        else:
            out["eigenvector"] = _eigenvector(n, v.edge_array(), None)
    if "pagerank" in what:
        out["pagerank"] = np.asarray(
            graph_of(v).pagerank(directed=directed, damping=0.85, weights=moves), dtype=float
        )
    return out


def _ig_eigenvector(h: Any, weights: list[float] | None) -> np.ndarray:
    """:func:`_eigenvector` of an igraph Graph."""
    return _eigenvector(h.vcount(), np.asarray(h.get_edgelist(), dtype=np.int64).reshape(-1, 2), weights)


#: From this many nodes the eigenvector is found by Lanczos (``eigsh``) from the uniform
#: start, without the power iteration first: on the person-organisation graph of a
#: million nodes 1,000 steps do not converge (33 s) and Lanczos alone takes 2 s; the
#: two agree to 1e-13. Below, the iteration stays (the seed data's reports are unchanged).
POWER_MAX = 50_000


def _eigenvector(n: int, edges: np.ndarray, weights: list[float] | None) -> np.ndarray:
    """The principal eigenvector of the (weighted) adjacency matrix, unit norm.

    Power iteration on A + I from a uniform start, as :func:`graphkit.metrics.nx_engine._nx_eigenvector` does,
    not igraph's ARPACK call: ARPACK starts from a random vector (or restarts from
    one when the start is already an eigenvector), so on a graph whose components
    tie (three separate moves of one person each) it gave a different mix on every
    run. If the iteration has not converged after 1,000 steps, Lanczos (``eigsh``)
    finishes from where it got to (from the uniform start itself above :data:`POWER_MAX` nodes)."""
    import scipy.sparse as sp

    if len(edges) == 0:
        return np.zeros(n)
    x = np.full(n, 1.0 / math.sqrt(n))
    steps = 1000 if n <= POWER_MAX else 0
    if steps or weights is not None:
        w = np.ones(len(edges)) if weights is None else np.asarray(weights, dtype=float)
        a = sp.coo_matrix((w, (edges[:, 0], edges[:, 1])), shape=(n, n)).tocsr()
        a = a + a.T
    else:  # the same matrix, both directions of each pair put straight into rows
        from graphkit.metrics.brandes import _csr

        indptr, indices = _csr(n, edges)
        a = sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(n, n))
    if steps:
        m = a + sp.identity(n, format="csr")
    for _ in range(steps):
        y = m @ x
        y /= np.linalg.norm(y)
        done = np.abs(y - x).sum() < n * 1e-12
        x = y
        if done:
            break
    else:
        from scipy.sparse.linalg import eigsh

        # (ncv: fewer Lanczos vectors than ARPACK's 20 when nothing came before: at a
        # million nodes each is 8 MB, and 8 converge as well)
        extra = {} if steps else {"ncv": min(n, 8)}
        _, vecs = eigsh(a, k=1, which="LA", v0=x, tol=1e-12, maxiter=max(1000, 10 * n), **extra)
        x = vecs[:, 0]
    ev = np.abs(x)
    ev[ev < 1e-12] = 0.0
    norm = np.linalg.norm(ev)
    return ev / norm if norm else ev


def _closeness(total: np.ndarray, reach: np.ndarray, pivs: list[int]) -> np.ndarray:
    """The pivot estimate of closeness from the summed distances and the pivots reaching each node."""
    is_pivot = np.zeros(len(total))
    is_pivot[pivs] = 1
    reach -= is_pivot  # a pivot's distance to itself
    denom = (len(pivs) - is_pivot) * total
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denom > 0, reach * reach / denom, 0.0)


def pivot_closeness(
    h: Any, pivs: list[int], weights: list[float] | None, chunk: int = 8, only: np.ndarray | None = None
) -> np.ndarray:
    """The pivot estimate of closeness (see the module docstring) from igraph's distances.

    ``only``: the nodes whose closeness is wanted (the others are NaN); igraph then
    stops each search once it has reached them, and hands back far fewer distances."""
    n = h.vcount()
    if only is not None and len(only) == 0:
        return np.full(n, np.nan)
    targets = None if only is None else [int(i) for i in only]
    width = n if targets is None else len(targets)
    total = np.zeros(width)
    reach = np.zeros(width)
    for i in range(0, len(pivs), chunk):
        d = np.asarray(
            h.distances(source=pivs[i : i + chunk], target=targets, weights=weights, mode="out"), dtype=float
        ).reshape(-1, width)
        finite = np.isfinite(d)
        total += np.where(finite, d, 0.0).sum(axis=0)
        reach += finite.sum(axis=0)
    if targets is None:
        return _closeness(total, reach, pivs)
    out = np.full(n, np.nan)
    full_total = np.zeros(n)
    full_reach = np.zeros(n)
    full_total[targets] = total
    full_reach[targets] = reach
    out[targets] = _closeness(full_total, full_reach, pivs)[targets]
    return out
