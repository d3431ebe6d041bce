"""The igraph engine (C): what ``auto`` uses; it agrees with networkx to rounding."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from graphkit.metrics.base import WHAT, Options, pivots, use_sampling
from graphkit.metrics.views import View, flow_undirected


def run(v: View, opts: Options, what: tuple[str, ...] = WHAT) -> dict[str, dict[Any, float]]:
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

    Power iteration on A + I from a uniform start, as :func:`graphkit.metrics.nx_engine._nx_eigenvector` does,
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
