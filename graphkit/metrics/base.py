"""The engine interface: the metrics, the options every engine honours, sampling pivots,
and the one normalisation of raw scores onto networkx's scales."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any

METRICS = ("degree", "in_degree", "out_degree", "betweenness", "closeness", "eigenvector", "pagerank")
AUTO_IGRAPH_MIN = 0  # auto uses igraph at every size; networkx is the reference engine


@dataclass(frozen=True)
class Options:
    exact_max: int = 5000  # nodes; above this betweenness and closeness are sampled
    samples: int = 256  # pivots for sampled betweenness and closeness
    seed: int = 0
    sampled: bool | None = None  # force sampling on (True) or off (False); None: by size


def pivots(nodes: list[Any], k: int, seed: int) -> list[Any]:
    """The same pivots ``networkx.betweenness_centrality(k=k, seed=seed)`` samples."""
    return random.Random(seed).sample(nodes, k)


def use_sampling(n: int, opts: Options) -> bool:
    if opts.sampled is not None:
        return opts.sampled and opts.samples < n
    return n > opts.exact_max and opts.samples < n


WHAT = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")


def normalise(metric: str, values: dict[Any, float], n: int) -> dict[Any, float]:
    """Raw scores (neighbour counts, pair counts, unscaled PageRank and eigenvector)
    on networkx's scales for an undirected graph of ``n`` nodes: degree / (n-1),
    betweenness / ((n-1)(n-2)/2), PageRank summing to 1, eigenvector of unit norm."""
    if metric == "degree":
        scale = 1.0 / (n - 1) if n > 1 else 0.0
    elif metric == "betweenness":
        scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    elif metric == "pagerank":
        scale = 1.0 / (sum(values.values()) or 1.0)
    elif metric == "eigenvector":
        scale = 1.0 / (math.sqrt(sum(v * v for v in values.values())) or 1.0)
    else:
        return dict(values)
    return {k: v * scale for k, v in values.items()}
