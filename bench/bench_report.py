"""Benchmark `graphkit report` on seeded synthetic talent graphs.

BENCH_SIZE=small: 10k nodes. BENCH_SIZE=full: 10k, 100k and 1M nodes.

Each size runs in its own subprocess (so peak memory, ru_maxrss, is per size):

* ``report``: on the graph as ``graphkit.api.build_graph`` gives it (its moves
  derived once, as ``graphkit.graph.convert.to_graph`` does: ``careers_s``, not part of
  ``report_s``), the full report (every section), written as a JSON file the way
  ``graphkit report --format json -o FILE`` writes it (``graphkit.report.write``: a
  block at a time), the default engine (igraph; betweenness and closeness sampled
  above 5,000 nodes with k = 256 seeded pivots, 128 above 200,000 nodes:
  ``graphkit.metrics.pivot_count``). Median of repeats. ``json_mb``: the file's size.
* ``networkx``: plain networkx computing the same metrics with the same choices
  (degree, betweenness, closeness, eigenvector and PageRank on the
  person-organisation graph and the talent-flow graph, Louvain communities).
  Exact betweenness is O(nm), so, like the report, it uses networkx's sampled
  betweenness with the same k and seed, and closeness from the same pivots
  (networkx has no sampled closeness; the baseline runs the same estimator with
  networkx BFS). At 1M nodes the baseline is skipped (hours).
* ``accuracy`` (10k only): sampled betweenness against exact (igraph, exact
  Brandes): Spearman rank correlation and max abs error; the same for closeness.
  Sampled with the report's options (at 10k: k = 256), and again with the pivots
  a million-node report uses (``*_large_k``: k = 128).
* ``overlap`` (100k): the report's sampled betweenness (k = 256 at this size) against a
  4,096-pivot run with another seed: how many of the top 15 nodes they share
  (``top15_overlap``), and their Spearman rank correlation.

* ``moves`` (every mode, 1,000,000 people): :func:`graphkit.graph.careers.derive_records`
  on seeded synthetic careers (:func:`career_records`): 1 to 5 stints a person
  (mostly ``WORKED_AT``, some ``JOINED`` and ``FOUNDED``) at organisations drawn
  from a pool of 3,000, with fuzzy EDTF dates of every shape graphkit reads
  (year, month, quarter, half, interval, open interval, approximate, undated),
  never ending before they start. Only the derivation is timed, not the
  generation, from cold date caches. Median of 3 runs with BENCH_SIZE=full,
  1 run with small (the default).
  The baseline, measured in the same run: the previous per-edge pairing is
  gone, so the named baseline is the **parse floor**, a plain-Python pass that
  does nothing but parse every start and end with :func:`graphkit.schema.dates.parse`
  (the EDTF parser; its cache makes a repeated text cheap), also from cold caches.
  ``derive_records`` reads the usual shapes without the EDTF parser
  (:func:`graphkit.graph.careers.span`), so the whole derivation may cost less than
  this floor. Reported: ``moves_s_1m``, ``moves_1m`` (moves produced),
  people/s and the ratio derive / parse floor.

The last line printed is one JSON object; with BENCH_SIZE=full its top-level
figures are those of the 100k graph, and ``sizes`` holds every size;
``moves_s_1m`` and ``moves_1m`` are top-level in every mode, details in ``moves``;
``betweenness_top15_overlap_100k`` in every mode (the overlap child takes a few minutes).
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
MOVES_PEOPLE = 1_000_000
MOVES_ORGS = 3_000


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def log(msg: str) -> None:
    if sys.stderr.isatty():
        print(f"bench-report: {msg}", file=sys.stderr, flush=True)


def child(n: int, mode: str, repeats: int) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    if mode == "moves":
        return bench_moves(n, repeats)
    from synthetic import synthetic_graph

    from graphkit.graph import careers

    t = time.perf_counter()
    g = synthetic_graph(n, seed=SEED)
    gen_s = time.perf_counter() - t
    # The graph as graphkit.api.build_graph gives it to `graphkit report`: with its moves
    # derived (graphkit.graph.convert.to_graph does this once). Timed apart, not in report_s.
    t = time.perf_counter()
    careers.ensure(g)
    careers_s = time.perf_counter() - t
    base_mb = maxrss_mb()
    out: dict[str, Any] = {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "generate_s": gen_s,
        "careers_s": careers_s,
    }
    if mode == "report":
        import tempfile

        from graphkit import report

        times = []
        with tempfile.TemporaryDirectory(prefix="graphkit-bench-report-") as tmp:
            path = Path(tmp) / "report.json"
            for _ in range(repeats):
                r = None  # the previous run's report goes before the next is built
                t = time.perf_counter()
                r = report.build(g, report.ReportOptions())
                report.write(r, "json", path)  # what `graphkit report --format json -o FILE` does
                times.append(time.perf_counter() - t)
            json_mb = path.stat().st_size / 2**20
        out.update(report_s=statistics.median(times), report_runs=times, json_mb=json_mb)
    elif mode == "networkx":
        t = time.perf_counter()
        plain_networkx(g)
        out.update(networkx_s=time.perf_counter() - t)
    elif mode == "accuracy":
        out.update(accuracy(g))
    elif mode == "overlap":
        out.update(overlap(g))
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


ROLES = {  # role -> role categories
    "": (),
    "Engineer": ("technical",),
    "VP Sales": ("executive", "commercial"),
    "CTO": ("executive", "technical"),
    "Head of Product": ("product",),
    "CEO": ("executive",),
    "Founder & CEO": ("founder", "executive"),
}
ROLE_NAMES = ("", "", "", *ROLES)


def _edtf(rng: Any, year: int) -> str:
    """A fuzzy date in ``year`` (an interval: from it), of one of the shapes graphkit reads."""
    shape = rng.random()
    month = rng.randint(1, 12)
    if shape < 0.25:
        return f"{year}"
    if shape < 0.55:
        return f"{year}-{month:02d}"
    if shape < 0.65:
        return f"{year}-{rng.randint(33, 36)}"  # a quarter
    if shape < 0.72:
        return f"{year}-{rng.choice((40, 41))}"  # a half
    if shape < 0.82:
        return f"{year}-{month:02d}/{year + 1}-{month:02d}"  # an interval
    if shape < 0.90:
        return f"../{year}-{month:02d}-{rng.choice((1, 15, 28)):02d}"  # an open interval: by a day
    return f"{year}-{month:02d}~"  # approximate


def career_records(people: int, seed: int = SEED) -> list[tuple[Any, ...]]:
    """Seeded synthetic career facts, as :func:`graphkit.graph.careers.derive_records` takes them.

    Each person has 1 to 5 stints in chronological order (a stint may start
    before the previous one ended), at organisations from a pool of
    ``MOVES_ORGS`` (sometimes a return to an earlier one); about one date in
    ten is undated, an arrival often has no end, and so does a last job. An end
    never comes before its start, by construction: it falls in a later year
    than the start, or is the start's own year as a whole (``2021``), whose
    last day is after any first day the start can mean."""
    import random

    rng = random.Random(seed)
    orgs = [f"org{i}" for i in range(MOVES_ORGS)]
    out: list[tuple[Any, ...]] = []
    for i in range(people):
        person = f"p{i}"
        year = rng.randint(1995, 2018)
        been: list[str] = []
        stints = rng.randint(1, 5)
        for j in range(stints):
            kind = rng.random()
            rtype = "WORKED_AT" if kind < 0.75 else "JOINED" if kind < 0.9 else "FOUNDED"
            org = rng.choice(been) if been and rng.random() < 0.05 else rng.choice(orgs)
            been.append(org)
            start = "" if rng.random() < 0.1 else _edtf(rng, year)
            gap = rng.randint(0, 4)
            last = j == stints - 1
            if (rtype != "WORKED_AT" and rng.random() < 0.5) or (last and rng.random() < 0.5):
                end = ""  # an arrival with no end, or a job still held
            elif rng.random() < 0.1:
                end = ""
            else:
                end = f"{year}" if gap == 0 else _edtf(rng, year + gap)
            year = min(year + gap, 2026) if end else year + rng.randint(0, 2)
            role = rng.choice(ROLE_NAMES) if rtype == "WORKED_AT" else ""
            out.append((person, f"{person}-{j}", org, rtype, role, ROLES[role], start, end))
    return out


def check_records(records: list[tuple[Any, ...]], sample: int = 500, seed: int = SEED) -> None:
    """Validation's rule on a sample, with :func:`graphkit.schema.dates.parse`: no end before its start."""
    import random

    from graphkit.schema import dates

    for r in random.Random(seed).sample(records, min(sample, len(records))):
        if r[6] and r[7]:
            s, e = dates.parse(r[6]), dates.parse(r[7])
            assert not (s.earliest and e.latest and e.latest < s.earliest), r


def parse_floor(records: list[tuple[Any, ...]]) -> None:
    """The baseline: parse every start and end with dates.parse, nothing else."""
    from graphkit.schema import dates

    parse = dates.parse
    for r in records:
        if r[6]:
            parse(r[6])
        if r[7]:
            parse(r[7])


def _cold() -> None:
    from graphkit.graph import careers
    from graphkit.schema import dates

    careers.span.cache_clear()
    dates.parse.cache_clear()


def bench_moves(people: int, repeats: int) -> dict[str, Any]:
    import gc

    from graphkit.graph import careers

    t = time.perf_counter()
    records = career_records(people)
    gen_s = time.perf_counter() - t
    check_records(records)
    distinct = len({d for r in records for d in r[6:8] if d})
    floor, derive, cpu, moves = [], [], [], 0
    for _ in range(repeats):
        _cold()
        t = time.perf_counter()
        parse_floor(records)
        floor.append(time.perf_counter() - t)
        _cold()
        gc.collect()
        t, c0 = time.perf_counter(), time.process_time()
        c = careers.derive_records(records)
        derive.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c0)
        moves, role_changes = len(c.moves), len(c.role_changes)
        del c
    return {
        "people": people,
        "records": len(records),
        "distinct_dates": distinct,
        "generate_s": gen_s,
        "moves": moves,
        "role_changes": role_changes,
        "derive_runs": derive,
        "derive_s": statistics.median(derive),
        "derive_cpu_runs": cpu,
        "parse_floor_s": statistics.median(floor),
        "peak_mb": maxrss_mb(),
    }


def plain_networkx(g: Any) -> None:
    """The report's metrics with plain networkx (sampled like the report above 5,000 nodes)."""
    import random

    import networkx as nx

    from graphkit.graph import flows

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
    """Sampled against exact betweenness and closeness, with the report's options (sampling
    forced on) and with the pivots of a million-node report."""
    import dataclasses

    import numpy as np
    from scipy.stats import spearmanr

    from graphkit import metrics, report

    view = metrics.person_org_arrays(g)
    both = ("betweenness", "closeness")
    t = time.perf_counter()
    exact = metrics.compute_arrays(view, "igraph", metrics.Options(sampled=False), both)
    exact_s = time.perf_counter() - t
    opts = dataclasses.replace(report.ReportOptions().metric_options, sampled=True)
    large = metrics.pivot_count(10**6, opts)
    out: dict[str, Any] = {"exact_igraph_s": exact_s, "samples": metrics.pivot_count(len(view.nodes), opts)}
    for suffix, o in (("", opts), ("_large_k", dataclasses.replace(opts, samples=large))):
        t = time.perf_counter()
        approx = metrics.compute_arrays(view, "igraph", o, both)
        out[f"sampled_igraph_s{suffix}"] = time.perf_counter() - t
        for m in both:
            a, b = exact[m], approx[m]
            out[f"{m}_rank_corr{suffix}"] = float(spearmanr(a, b).statistic)
            out[f"{m}_max_abs_err{suffix}"] = float(np.max(np.abs(a - b)))
            out[f"{m}_max{suffix}"] = float(a.max())
    out["samples_large_k"] = large
    return out


REFERENCE_K = 4096
TOP = 15


def overlap(g: Any) -> dict[str, Any]:
    """The report's sampled betweenness against a 4,096-pivot run with another seed: the
    overlap of their top 15 nodes, and their rank correlation."""
    import dataclasses

    import numpy as np
    from scipy.stats import spearmanr

    from graphkit import metrics, report

    view = metrics.person_org_arrays(g)
    n = len(view.nodes)
    opts = report.ReportOptions().metric_options
    t = time.perf_counter()
    ours = metrics.compute_arrays(view, "igraph", opts, ("betweenness",))["betweenness"]
    ours_s = time.perf_counter() - t
    ref_opts = dataclasses.replace(
        opts, sampled=True, samples=REFERENCE_K, large_samples=REFERENCE_K, seed=opts.seed + 1
    )
    view.cache.clear()
    t = time.perf_counter()
    ref = metrics.compute_arrays(view, "igraph", ref_opts, ("betweenness",))["betweenness"]
    ref_s = time.perf_counter() - t

    def top(b: Any) -> set[int]:
        return set(np.lexsort((np.arange(n), -b))[:TOP].tolist())

    return {
        "samples": metrics.pivot_count(n, opts),
        "reference_samples": REFERENCE_K,
        "top15_overlap": len(top(ours) & top(ref)),
        "rank_corr_vs_reference": float(spearmanr(ours, ref).statistic),
        "report_betweenness_s": ours_s,
        "reference_s": ref_s,
    }


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
    ov = run_child(100_000, "overlap", timeout=3600)
    assert ov is not None and "top15_overlap" in ov, ov
    print(
        f"top {TOP} by betweenness at 100k: report (k={ov['samples']}) vs {REFERENCE_K} pivots "
        f"(another seed): {ov['top15_overlap']} shared; Spearman {ov['rank_corr_vs_reference']:.4f}",
        flush=True,
    )
    print(
        f"sampled (k={acc['samples']}) vs exact on 10k: betweenness Spearman {acc['betweenness_rank_corr']:.4f}, "
        f"max abs err {acc['betweenness_max_abs_err']:.2e} (max value {acc['betweenness_max']:.3f}); "
        f"closeness Spearman {acc['closeness_rank_corr']:.4f}, max abs err {acc['closeness_max_abs_err']:.2e}; "
        f"exact igraph {acc['exact_igraph_s']:.1f} s, sampled {acc['sampled_igraph_s']:.1f} s; "
        f"with k={acc['samples_large_k']} (a million-node report's): betweenness Spearman "
        f"{acc['betweenness_rank_corr_large_k']:.4f}, closeness {acc['closeness_rank_corr_large_k']:.4f}",
        flush=True,
    )
    if acc.get("nx_exact_betweenness_s"):
        print(
            f"networkx betweenness on 10k: exact {acc['nx_exact_betweenness_s']:.1f} s, "
            f"sampled k={K} {acc['nx_sampled_betweenness_s']:.1f} s",
            flush=True,
        )
    mv = run_child(MOVES_PEOPLE, "moves", repeats=3 if size == "full" else 1, timeout=1800)
    assert mv is not None and "derive_s" in mv, mv
    moves = {
        "people": mv["people"],
        "records": mv["records"],
        "distinct_dates": mv["distinct_dates"],
        "moves": mv["moves"],
        "role_changes": mv["role_changes"],
        "derive_s": round(mv["derive_s"], 2),
        "derive_runs_s": [round(x, 2) for x in mv["derive_runs"]],
        "derive_cpu_runs_s": [round(x, 2) for x in mv["derive_cpu_runs"]],  # CPU time: less noisy
        "people_per_s": round(mv["people"] / mv["derive_s"]),
        "parse_floor_s": round(mv["parse_floor_s"], 2),
        "ratio_vs_parse_floor": round(mv["derive_s"] / mv["parse_floor_s"], 2),
        "repeats": len(mv["derive_runs"]),
        "peak_mb": round(mv["peak_mb"]),
    }
    print(
        f"moves: {moves['people']:,} people ({moves['records']:,} facts, {moves['distinct_dates']:,} distinct "
        f"dates) -> {moves['moves']:,} moves, {moves['role_changes']:,} role changes in {moves['derive_s']:.2f} s "
        f"({moves['people_per_s']:,} people/s; median of {moves['repeats']}: {moves['derive_runs_s']}, "
        f"CPU {moves['derive_cpu_runs_s']}); "
        f"parse floor (dates.parse on every date) {moves['parse_floor_s']:.2f} s, "
        f"derive/floor {moves['ratio_vs_parse_floor']}x; peak {moves['peak_mb']} MB",
        flush=True,
    )
    head = next((r for r in rows if r["nodes"] == 100_000), rows[-1])
    summary = {
        **{k: head[k] for k in ("nodes", "report_s", "peak_mb", "speedup_vs_networkx", "networkx_s")},
        "betweenness_rank_corr": round(acc["betweenness_rank_corr"], 4),
        "betweenness_max_abs_err": acc["betweenness_max_abs_err"],
        "closeness_rank_corr": round(acc["closeness_rank_corr"], 4),
        "closeness_max_abs_err": acc["closeness_max_abs_err"],
        "samples": acc["samples"],
        "betweenness_top15_overlap_100k": ov["top15_overlap"],
        "overlap_100k": {k: v for k, v in ov.items() if k not in ("nodes", "edges")},
        "accuracy_10k": {k: v for k, v in acc.items() if k not in ("nodes", "edges")},
        "bench_size": size,
        "sizes": rows,
        "moves_s_1m": moves["derive_s"],
        "moves_1m": moves["moves"],
        "moves": moves,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--child":
        print(json.dumps(child(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]))))
    else:
        main()
