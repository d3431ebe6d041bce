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
    large_min: int = 200_000  # nodes; above this, at most large_samples pivots
    large_samples: int = 128


def pivot_count(n: int, opts: Options) -> int:
    """The pivots sampled on a graph of ``n`` nodes: ``samples``, and no more than
    ``large_samples`` above ``large_min`` nodes.

    A pass costs O(m), so 256 passes over a million-node graph take most of a report's
    time. The estimate's quality depends on the number of pivots, hardly on the size:
    bench-report measures the top 15 at 100,000 nodes against a 4,096-pivot run, and
    tests/test_report_scale.py the rank correlation with exact betweenness at 128."""
    return min(opts.samples, opts.large_samples) if n > opts.large_min else opts.samples


def pivots(nodes: list[Any], k: int, seed: int) -> list[Any]:
    """The same pivots ``networkx.betweenness_centrality(k=k, seed=seed)`` samples."""
    return random.Random(seed).sample(nodes, k)


def use_sampling(n: int, opts: Options) -> bool:
    if opts.sampled is not None:
        return opts.sampled and pivot_count(n, opts) < n
    return n > opts.exact_max and pivot_count(n, opts) < n


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
