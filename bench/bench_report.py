"""Benchmark `graphkit report` on seeded synthetic talent graphs.

BENCH_SIZE=small: 10k nodes. BENCH_SIZE=full: 10k, 100k and 1M nodes.

Each size runs in its own subprocess (so peak memory, ru_maxrss, is per size):

* ``report``: the full report (every section, rendered as JSON), the default
  engine (igraph above 2,000 nodes; betweenness and closeness sampled with
  k = 256 seeded pivots above 5,000 nodes). Median of repeats.
* ``networkx``: plain networkx computing the same metrics with the same choices
  (degree, betweenness, closeness, eigenvector and PageRank on the
  person-organisation graph and the talent-flow graph, Louvain communities).
  Exact betweenness is O(nm), so, like the report, it uses networkx's sampled
  betweenness with the same k and seed, and closeness from the same pivots
  (networkx has no sampled closeness; the baseline runs the same estimator with
  networkx BFS). At 1M nodes the baseline is skipped (hours).
* ``accuracy`` (10k only): sampled betweenness against exact (igraph, exact
  Brandes): Spearman rank correlation and max abs error; the same for closeness.

The last line printed is one JSON object; with BENCH_SIZE=full its top-level
figures are those of the 100k graph, and ``sizes`` holds every size.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = 0
K = 256


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def log(msg: str) -> None:
    if sys.stderr.isatty():
        print(f"bench-report: {msg}", file=sys.stderr, flush=True)


def child(n: int, mode: str, repeats: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from graphkit.synthetic import synthetic_graph

    t = time.perf_counter()
    g = synthetic_graph(n, seed=SEED)
    gen_s = time.perf_counter() - t
    base_mb = maxrss_mb()
    out: dict[str, Any] = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "generate_s": gen_s}
    if mode == "report":
        from graphkit import report

        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            r = report.build(g, report.ReportOptions())
            text = report.to_json(r)
            times.append(time.perf_counter() - t)
        out.update(report_s=statistics.median(times), report_runs=times, json_mb=len(text.encode()) / 2**20)
    elif mode == "networkx":
        t = time.perf_counter()
        plain_networkx(g)
        out.update(networkx_s=time.perf_counter() - t)
    elif mode == "accuracy":
        out.update(accuracy(g))
    elif mode == "nx_exact":
        import networkx as nx

        from graphkit import metrics

        s = metrics.person_org_view(g).to_networkx()
        t = time.perf_counter()
        nx.betweenness_centrality(s)
        out.update(nx_exact_betweenness_s=time.perf_counter() - t)
        t = time.perf_counter()
        nx.betweenness_centrality(s, k=K, seed=SEED)
        out.update(nx_sampled_betweenness_s=time.perf_counter() - t)
    out.update(graph_mb=base_mb, peak_mb=maxrss_mb())
    return out


def plain_networkx(g: Any) -> None:
    """The report's metrics with plain networkx (sampled like the report above 5,000 nodes)."""
    import random

    import networkx as nx

    from graphkit import flows

    kinds = {"Person", "Company", "Startup", "Investor"}
    types = {"WORKED_AT", "JOINED", "FOUNDED", "INVESTED_IN", "APPROACHED"}
    h = nx.MultiDiGraph()
    h.add_nodes_from(v for v, k in g.nodes(data="kind") if k in kinds)
    h.add_edges_from((u, v) for u, v, t in g.edges(data="type") if t in types and u in h and v in h)
    s = nx.Graph()
    s.add_nodes_from(h)
    s.add_edges_from((u, v) for u, v in h.edges() if u != v)
    dict(h.in_degree())
    dict(h.out_degree())
    d = flows.talent_flow_graph(g, flows.moves(g))
    for view, dist, weight in ((s, None, None), (d, "distance", "moves")):
        n = len(view)
        nx.degree_centrality(view)
        if n > 5000:
            nx.betweenness_centrality(view, k=K, seed=SEED, weight=dist)
            pivots = random.Random(SEED).sample(list(view), K)
            for p in pivots:  # the same pivot closeness estimate, with networkx BFS
                if dist is None:
                    nx.single_source_shortest_path_length(view, p)
                else:
                    nx.single_source_dijkstra_path_length(view, p, weight=dist)
        else:
            nx.betweenness_centrality(view, weight=dist)
            nx.closeness_centrality(view, distance=dist)
        und = view.to_undirected() if view.is_directed() else view
        try:
            nx.eigenvector_centrality(und, max_iter=1000, tol=1e-8, weight=weight)
        except nx.PowerIterationFailedConvergence:
            nx.eigenvector_centrality_numpy(und, weight=weight)
        nx.pagerank(view, weight=weight)
    s.remove_nodes_from([v for v, k in s.degree() if k == 0])
    nx.community.louvain_communities(s, seed=SEED)


def accuracy(g: Any) -> dict[str, Any]:
    import numpy as np
    from scipy.stats import spearmanr

    from graphkit import metrics

    view = metrics.person_org_view(g)
    t = time.perf_counter()
    exact = metrics.compute_view(view, "igraph", metrics.Options(sampled=False), ("betweenness", "closeness"))
    exact_s = time.perf_counter() - t
    t = time.perf_counter()
    approx = metrics.compute_view(
        view, "igraph", metrics.Options(sampled=True, samples=K, seed=SEED), ("betweenness", "closeness")
    )
    sampled_s = time.perf_counter() - t
    out: dict[str, Any] = {"exact_igraph_s": exact_s, "sampled_igraph_s": sampled_s}
    for m in ("betweenness", "closeness"):
        a = np.array([exact[m][v] for v in view.nodes])
        b = np.array([approx[m][v] for v in view.nodes])
        out[f"{m}_rank_corr"] = float(spearmanr(a, b).statistic)
        out[f"{m}_max_abs_err"] = float(np.max(np.abs(a - b)))
        out[f"{m}_max"] = float(a.max())
    return out


def run_child(n: int, mode: str, repeats: int = 1, timeout: float = 3600) -> dict[str, Any] | None:
    log(f"{mode} at {n:,} nodes")
    cmd = [sys.executable, __file__, "--child", str(n), mode, str(repeats)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        log(f"{mode} at {n:,} nodes: timed out after {timeout:.0f} s")
        return {"timed_out_s": timeout}
    if p.returncode != 0:
        print(p.stderr, file=sys.stderr)
        raise SystemExit(f"bench-report: {mode} at {n} nodes failed")
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    size = os.environ.get("BENCH_SIZE", "small")
    if size not in ("small", "full"):
        raise SystemExit(f"bench-report: BENCH_SIZE must be small or full, not {size!r}")
    sizes = [10_000] if size == "small" else [10_000, 100_000, 1_000_000]
    rows = []
    acc = run_child(10_000, "accuracy")
    assert acc is not None
    if size == "full":  # exact networkx betweenness at 10k: minutes
        exact = run_child(10_000, "nx_exact", timeout=1800) or {}
        acc["nx_exact_betweenness_s"] = exact.get("nx_exact_betweenness_s")
        acc["nx_sampled_betweenness_s"] = exact.get("nx_sampled_betweenness_s")
    for n in sizes:
        rep = run_child(n, "report", repeats=3 if n <= 100_000 else 1)
        assert rep is not None
        base = run_child(n, "networkx", timeout=1800) if n <= 100_000 else None
        nx_s = base.get("networkx_s") if base else None
        row = {
            "nodes": rep["nodes"],
            "edges": rep["edges"],
            "report_s": round(rep["report_s"], 2),
            "report_runs_s": [round(x, 2) for x in rep["report_runs"]],
            "peak_mb": round(rep["peak_mb"]),
            "graph_mb": round(rep["graph_mb"]),
            "networkx_s": round(nx_s, 2) if nx_s else None,
            "networkx_peak_mb": round(base["peak_mb"]) if base and "peak_mb" in base else None,
            "speedup_vs_networkx": round(nx_s / rep["report_s"], 1) if nx_s else None,
        }
        rows.append(row)
        print(
            f"{row['nodes']:>9,} nodes {row['edges']:>9,} edges  report {row['report_s']:7.2f} s "
            f"(runs {row['report_runs_s']})  peak {row['peak_mb']:6} MB (graph alone {row['graph_mb']} MB)  "
            f"networkx {row['networkx_s'] if nx_s else 'skipped':>8} s  speedup {row['speedup_vs_networkx']}",
            flush=True,
        )
    print(
        f"sampled (k={K}) vs exact on 10k: betweenness Spearman {acc['betweenness_rank_corr']:.4f}, "
        f"max abs err {acc['betweenness_max_abs_err']:.2e} (max value {acc['betweenness_max']:.3f}); "
        f"closeness Spearman {acc['closeness_rank_corr']:.4f}, max abs err {acc['closeness_max_abs_err']:.2e}; "
        f"exact igraph {acc['exact_igraph_s']:.1f} s, sampled {acc['sampled_igraph_s']:.1f} s",
        flush=True,
    )
    if acc.get("nx_exact_betweenness_s"):
        print(
            f"networkx betweenness on 10k: exact {acc['nx_exact_betweenness_s']:.1f} s, "
            f"sampled k={K} {acc['nx_sampled_betweenness_s']:.1f} s",
            flush=True,
        )
    head = next((r for r in rows if r["nodes"] == 100_000), rows[-1])
    summary = {
        **{k: head[k] for k in ("nodes", "report_s", "peak_mb", "speedup_vs_networkx", "networkx_s")},
        "betweenness_rank_corr": round(acc["betweenness_rank_corr"], 4),
        "betweenness_max_abs_err": acc["betweenness_max_abs_err"],
        "closeness_rank_corr": round(acc["closeness_rank_corr"], 4),
        "closeness_max_abs_err": acc["closeness_max_abs_err"],
        "samples": K,
        "accuracy_10k": {k: v for k, v in acc.items() if k not in ("nodes", "edges")},
        "bench_size": size,
        "sizes": rows,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--child":
        print(json.dumps(child(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))))
    else:
        main()
