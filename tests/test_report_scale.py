"""The report at scale: what makes a million-node report fast must not change what it says.

* the JSON text (graphkit.report.jsontext) is byte for byte ``json.dumps(..., indent=2)``;
* the numpy Brandes passes (graphkit.metrics.brandes) give the hand-worked dependencies
  and distances, and igraph's sums;
* the sampled betweenness the report uses on large graphs ranks nodes as exact
  betweenness does (Spearman >= 0.95);
* every section rebuilt without networkx copies of the graph (periods, communities,
  centrality's top rows, the views) equals the computation it replaces, kept below as
  the reference.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import math
import random
from collections import Counter
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np
import pytest
from helpers import DATA
from hypothesis import given, settings
from hypothesis import strategies as st
from synthetic import synthetic_graph

import graphkit
from graphkit import metrics, report
from graphkit.graph import careers, flows, periods
from graphkit.metrics import brandes, igraph_engine
from graphkit.report import change, jsontext
from graphkit.report.options import _kind_ok, _name
from graphkit.schema import vocab

# the module (graphkit.report.build, as an attribute, is the function)
build_mod = importlib.import_module("graphkit.report.build")
# ----------------------------------------------------------------------------- JSON


def reference_json(o: Any) -> str:
    return json.dumps(o, ensure_ascii=False, indent=2, default=str)


class Thing:
    def __str__(self) -> str:
        return "a thing"


class Text(str):
    pass


class Number(int):
    pass


SAMPLES: list[Any] = [
    {},
    [],
    "",
    0,
    -0.0,
    1.5e-07,
    123456789012345678901234567890,
    float("nan"),
    float("inf"),
    -float("inf"),
    None,
    True,
    {"a": [], "b": {}, "c": [[]], "d": [{}]},
    {"roles": ["founder", "executive"], "one": ["x"], "num": [5], "nums": [1, 2.5], "none": [None]},
    {"s": '["founder"]', "t": "[1]", "u": 'a,\n  "b"', "v": '\x00\x1f\u2028\U0001f600 马磊 "q" \\'},
    {7: "int key", 2.5: "float key", True: "bool key", None: "none key", "x": Text("sub")},
    {"n": Number(7), "obj": Thing(), "date": dt.date(2025, 6, 16), "tup": (1, "a", (2, 3))},
    {"deep": {"er": {"est": [{"x": [1, [2, [3, {"y": []}]]]}]}}},
    {"big": list(range(200)), "rows": [{"i": i, "names": ["甲", "乙"][: i % 3]} for i in range(150)]},
    [{"same": ["a", "b"], "also": ["a", "b"], "k": "v"}, {"same": ["a"], "k": '"a"]'}],
    {"matrix": {str(i): {"to": None, "count": i} for i in range(100)}},
]


@pytest.mark.parametrize("value", SAMPLES, ids=range(len(SAMPLES)))
def test_json_text_is_json_dumps(value):
    assert jsontext.dumps(value) == reference_json(value)
    assert jsontext.dumps(value, "\n") == reference_json(value) + "\n"


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(['["a"]', "[1]", ",\n", "}", "马", "\x00"])
)
keys = st.text(max_size=6) | st.integers(-3, 3) | st.sampled_from([None, True, False, 1.5])
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=6)
        | st.lists(inner, min_size=60, max_size=80)
        | st.dictionaries(keys, inner, max_size=6)
        | st.tuples(inner, inner)
    ),
    max_leaves=120,
)


@settings(max_examples=300, deadline=None)
@given(value=values)
def test_json_text_is_json_dumps_on_any_structure(value):
    assert jsontext.dumps(value) == reference_json(value)


def test_json_text_raises_what_json_raises():
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        jsontext.dumps({"x": loop})
    with pytest.raises(TypeError, match="keys must be str"):
        jsontext.dumps({"x": {(1, 2): 3}})


def test_json_text_of_a_report_is_json_dumps():
    g = synthetic_graph(1500, seed=4)
    r = report.build(g, report.ReportOptions(top=5))
    assert report.to_json(r) == reference_json(r) + "\n"


@pytest.mark.parametrize("value", SAMPLES, ids=range(len(SAMPLES)))
def test_json_dump_writes_what_json_dumps_gives(tmp_path, value, monkeypatch):
    monkeypatch.setattr(jsontext, "BLOCK", 64)  # many blocks, even for small values
    path = tmp_path / "out.json"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("kept:")
        jsontext.dump(value, fh, "\n")
    assert path.read_text(encoding="utf-8") == "kept:" + reference_json(value) + "\n"


def test_json_dump_starts_again_with_json_when_the_fast_path_fails(tmp_path, monkeypatch):
    def half_then_fail(o, end):
        yield '{\n  "half": '
        raise RecursionError("deep")

    monkeypatch.setattr(jsontext, "_blocks", half_then_fail)
    value = {"a": [1, 2], "b": "马磊"}
    path = tmp_path / "out.json"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("kept:")
        jsontext.dump(value, fh, "\n")
    assert path.read_text(encoding="utf-8") == "kept:" + reference_json(value) + "\n"
    assert jsontext.dumps(value) == reference_json(value)  # dumps falls back the same way


def test_report_written_to_a_file_is_to_json_and_replaces_the_file_whole(tmp_path):
    g = synthetic_graph(1500, seed=4)
    r = report.build(g, report.ReportOptions(top=5))
    path = tmp_path / "deep" / "report.json"
    assert report.write(r, "json", path) == path
    assert path.read_text(encoding="utf-8") == reference_json(r) + "\n"
    report.write(r, "markdown", path)
    assert path.read_text(encoding="utf-8") == report.to_markdown(r)
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular reference"):
        report.write({**r, "x": loop}, "json", path)
    assert path.read_text(encoding="utf-8") == report.to_markdown(r)  # the old file, untouched
    assert sorted(p.name for p in path.parent.iterdir()) == ["report.json"]  # no temporary left
    with pytest.raises(graphkit.SettingsError, match="unknown format 'yaml'"):
        report.write(r, "yaml", path)


# ----------------------------------------------------------------------------- Brandes


def tree() -> tuple[int, np.ndarray]:
    """P1-X-P2-Y-P3-Z-{P4,P5} as 0-1-2-3-4-5-{6,7} (tests/test_metrics.py's five people)."""
    return 8, np.array([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (5, 7)])


def test_brandes_on_a_tree_by_hand():
    n, edges = tree()
    s = brandes.pivot_sums(n, edges, list(range(n)))
    # pairs in different branches around a node, in both directions: X 6, P2 10, Y 12, P3 12, Z 11
    assert s.dependency.tolist() == [0, 12, 20, 24, 24, 22, 0, 0]
    # distances from every node: Z: 1 (P3, P4, P5), 2, 3, 4, 5 -> 17; P1: 1+2+3+4+5+6+6 = 27
    assert s.distance[5] == 17 and s.distance[0] == 27
    assert s.reach.tolist() == [8] * 8
    one = brandes.pivot_sums(n, edges, [0])  # from P1 only: every node between P1 and what is beyond it
    assert one.dependency.tolist() == [0, 6, 5, 4, 3, 2, 0, 0]
    assert one.distance.tolist() == [0, 1, 2, 3, 4, 5, 6, 6]


def test_brandes_splits_equal_paths_and_stays_in_its_component():
    # a 4-cycle 0-1-2-3 (two shortest paths between opposite corners), an edge 4-5, node 6 alone
    edges = np.array([(0, 1), (1, 2), (2, 3), (0, 3), (4, 5)])
    s = brandes.pivot_sums(7, edges, list(range(7)))
    assert s.dependency.tolist() == [1.0, 1.0, 1.0, 1.0, 0, 0, 0]  # half of each opposite pair, both ways
    assert s.distance.tolist() == [4, 4, 4, 4, 1, 1, 0]
    assert s.reach.tolist() == [4, 4, 4, 4, 2, 2, 1]


def test_brandes_equals_igraph_with_and_without_renumbering(monkeypatch):
    view = metrics.person_org_arrays(synthetic_graph(3000, seed=5))
    n, edges = len(view.nodes), view.edge_array()
    pivs = random.Random(1).sample(range(n), 40)
    h = ig.Graph(n=n, edges=edges)
    dep = np.asarray(h.betweenness(directed=False, sources=pivs)) * 2  # igraph counts a pair once
    d = np.asarray(h.distances(source=pivs), dtype=float)
    plain = brandes.pivot_sums(n, edges, pivs)
    monkeypatch.setattr(brandes, "REORDER_MIN", 10)
    renumbered = brandes.pivot_sums(n, edges, pivs)
    for s in (plain, renumbered):
        assert s.dependency == pytest.approx(dep, rel=1e-12, abs=1e-9)
        assert s.distance.tolist() == np.where(np.isfinite(d), d, 0).sum(axis=0).tolist()
        assert s.reach.tolist() == np.isfinite(d).sum(axis=0).tolist()


# ----------------------------------------------------------------------------- sampled betweenness


def test_sampled_betweenness_ranks_like_exact_betweenness():
    """On a seeded 3,000-node synthetic graph, the estimator and pivot count the report uses on
    large graphs (forced on) rank the nodes as exact betweenness does."""
    from scipy.stats import spearmanr

    view = metrics.person_org_arrays(synthetic_graph(3000, seed=7))
    n = len(view.nodes)
    big = metrics.Options()
    k = metrics.pivot_count(10**6, big)  # what a million-node report uses
    exact = metrics.compute_arrays(view, "igraph", metrics.Options(sampled=False), ("betweenness",))
    sampled = metrics.compute_arrays(
        view, "igraph", metrics.Options(sampled=True, samples=k, seed=0), ("betweenness",)
    )
    rho = spearmanr(exact["betweenness"], sampled["betweenness"]).statistic
    assert rho >= 0.95, rho
    top = lambda b: set(np.argsort(-b, kind="stable")[:15].tolist())  # noqa: E731
    assert len(top(exact["betweenness"]) & top(sampled["betweenness"])) >= 10
    assert n > k


def test_pivot_count_keeps_the_samples_below_the_large_size():
    opts = metrics.Options()
    assert metrics.pivot_count(10_000, opts) == opts.samples == 256
    assert metrics.pivot_count(opts.large_min, opts) == 256
    assert metrics.pivot_count(10**6, opts) == opts.large_samples
    assert metrics.pivot_count(10**6, metrics.Options(samples=64)) == 64  # never more than asked


# ----------------------------------------------------------------------------- views


def naive_person_org(g: nx.MultiDiGraph) -> metrics.View:
    """person_org_view as it was (a set of pairs, sorted)."""
    kinds = g.nodes(data="kind")
    wanted, types = set(metrics.node_kinds()), set(metrics.edge_types())
    nodes = [v for v, k in kinds if k in wanted]
    idx = {v: i for i, v in enumerate(nodes)}
    ins = [0.0] * len(nodes)
    outs = [0.0] * len(nodes)
    pairs = set()
    for u, v, t in g.edges(data="type"):
        if t not in types:
            continue
        a, b = idx.get(u), idx.get(v)
        if a is None or b is None:
            continue
        outs[a] += 1
        ins[b] += 1
        if a != b:
            pairs.add((a, b) if a < b else (b, a))
    return metrics.View(nodes, sorted(pairs), False, None, ins, outs)


def small_graph() -> nx.MultiDiGraph:
    """Two people, two companies, a group and an investor; a self-loop, a repeated pair."""
    g = nx.MultiDiGraph()
    for v, kind in [
        ("b", "Company"),
        ("p", "Person"),
        ("a", "Company"),
        ("q", "Person"),
        ("g", "Group"),
        ("i", "Investor"),
    ]:
        g.add_node(v, kind=kind, name=v.upper())
    g.add_edge("p", "a", type="WORKED_AT")
    g.add_edge("p", "a", type="WORKED_AT")  # a second stint: one pair, two relationships
    g.add_edge("p", "b", type="JOINED")
    g.add_edge("q", "b", type="WORKED_AT")
    g.add_edge("a", "g", type="MEMBER_OF")  # a group: not measured
    g.add_edge("i", "b", type="INVESTED_IN")
    g.add_edge("b", "b", type="INVESTED_IN")  # a self-loop counts in the degrees, not as a pair
    g.add_edge("q", "a", type="MENTIONED")  # not a measured type
    return g


def test_person_org_view_by_hand():
    v = metrics.person_org_view(small_graph())
    assert v.nodes == ["b", "p", "a", "q", "i"]
    # pairs (b,p), (b,q), (b,i), (p,a) as sorted index pairs
    assert v.edges == [(0, 1), (0, 3), (0, 4), (1, 2)]
    assert v.out_degree == [1.0, 3.0, 0.0, 1.0, 1.0]
    assert v.in_degree == [4.0, 0.0, 2.0, 0.0, 0.0]
    arrays = metrics.person_org_arrays(small_graph())
    assert arrays.kinds == ["Company", "Person", "Company", "Person", "Investor"]
    assert arrays.edge_array().tolist() == [[0, 1], [0, 3], [0, 4], [1, 2]]
    naive = naive_person_org(small_graph())
    assert (v.nodes, v.edges, v.in_degree, v.out_degree) == (
        naive.nodes,
        naive.edges,
        naive.in_degree,
        naive.out_degree,
    )


@pytest.mark.parametrize("seed", [0, 3])
def test_person_org_view_equals_the_naive_one(seed):
    g = synthetic_graph(2000, seed=seed)
    v, naive = metrics.person_org_view(g), naive_person_org(g)
    assert (v.nodes, v.edges, v.in_degree, v.out_degree) == (
        naive.nodes,
        naive.edges,
        naive.in_degree,
        naive.out_degree,
    )
    assert all(type(a) is int and type(b) is int for a, b in v.edges[:50])


def old_talent_flow_view(g: nx.MultiDiGraph, ms: list[Any]) -> metrics.View:
    d = flows.talent_flow_graph(g, ms)
    nodes = list(d)
    idx = {v: i for i, v in enumerate(nodes)}
    edges = [(idx[a], idx[b]) for a, b in d.edges()]
    weights = [float(w) for _, _, w in d.edges(data="moves")]
    ins = [float(x) for _, x in d.in_degree(weight="moves")]
    outs = [float(x) for _, x in d.out_degree(weight="moves")]
    return metrics.View(nodes, edges, True, weights, ins, outs)


@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_talent_flow_view_and_its_undirected_edges_equal_networkx(which):
    g = graphkit.build_graph(DATA) if which == "seed" else synthetic_graph(3000, seed=2)
    ms = careers.moves(g)
    v, old = metrics.talent_flow_view(g, ms), old_talent_flow_view(g, ms)
    assert (v.nodes, v.edges, v.weights, v.in_degree, v.out_degree) == (
        old.nodes,
        old.edges,
        old.weights,
        old.in_degree,
        old.out_degree,
    )
    und = metrics.flow_undirected(v.to_networkx())
    idx = {x: i for i, x in enumerate(v.nodes)}
    edges, weights = metrics.flow_undirected_edges(v)
    assert edges == [(idx[a], idx[b]) for a, b in und.edges()]
    assert weights == [float(a["moves"]) for _, _, a in und.edges(data=True)]


def test_flow_undirected_edges_by_hand():
    # a -> b twice (one edge, 2 moves), b -> a once, b -> c once; edges listed out of node order
    v = metrics.View(["a", "b", "c"], [(1, 2), (0, 1), (1, 0)], True, [1.0, 2.0, 1.0])
    edges, weights = metrics.flow_undirected_edges(v)
    assert edges == [(0, 1), (1, 2)]
    assert weights == [3.0, 1.0]


# ----------------------------------------------------------------------------- centrality's top rows


def old_centrality_rows(g, graph, opts, ms=None) -> list[dict[str, Any]]:
    """report._centrality as it was: a row for every node, sorted."""
    rows = metrics.centrality(g, opts.engine, graph, opts.metric_options, moves=ms)
    rows = [r for r in rows if _kind_ok(r.kind, opts.kind)]
    key = opts.metrics[0]
    rows.sort(key=lambda r: (-r.values[key], -r.values["degree"], str(r.id)))
    return [
        {"id": r.id, "name": r.name, "kind": r.kind, **{m: round(r.values[m], 12) for m in opts.metrics}}
        for r in rows[: opts.top]
    ]


@pytest.mark.parametrize(
    ("metric", "kind", "engine", "sampled"),
    [
        ("degree", None, "auto", True),
        ("betweenness", "person", "auto", True),
        ("closeness", "org", "auto", True),
        ("closeness", None, "auto", False),
        ("pagerank", "org", "auto", False),
        ("in_degree", None, "networkx", True),
        ("eigenvector", "person", "networkx", False),
    ],
)
def test_top_centrality_rows_equal_the_full_ranking(metric, kind, engine, sampled):
    g = synthetic_graph(2500 if engine == "auto" else 700, seed=6)  # networkx's exact betweenness is slow
    mo = metrics.Options(exact_max=300 if sampled else 10**6, samples=48)
    metrics_asked = (metric, *(m for m in metrics.METRICS if m != metric))
    opts = report.ReportOptions(metrics=metrics_asked, top=12, kind=kind, engine=engine, metric_options=mo)
    ms = careers.moves(g)
    for graph in ("person_org", "talent_flow"):
        new = build_mod._centrality(g, graph, opts, ms if graph == "talent_flow" else None)
        assert new == old_centrality_rows(g, graph, opts, ms if graph == "talent_flow" else None), graph


def test_candidates_keep_every_tie_at_the_cut():
    key = np.array([5.0, 3.0, 3.0, 3.0, 1.0, 9.0])
    degree = np.array([1.0, 2.0, 2.0, 1.0, 7.0, 0.0])
    # by (-key, -degree): 5 (9), 0 (5), then 1 and 2 tie at (3, 2), then 3 (3, 1)
    assert metrics.candidates(key, degree, None, 3).tolist() == [0, 1, 2, 5]
    assert metrics.candidates(key, degree, None, 4).tolist() == [0, 1, 2, 5]
    assert metrics.candidates(key, degree, None, 5).tolist() == [0, 1, 2, 3, 5]
    keep = np.array([True, False, True, True, True, False])
    assert metrics.candidates(key, degree, keep, 2).tolist() == [0, 2]
    assert metrics.candidates(np.array([math.nan, 1.0]), np.array([1.0, 1.0]), None, 1) is None


def test_closeness_for_some_nodes_equals_closeness_for_all():
    view = metrics.talent_flow_view(synthetic_graph(3000, seed=2))
    h = igraph_engine.graph_of(view)
    dist = [1.0 / w for w in view.weights]
    pivs = random.Random(0).sample(range(len(view.nodes)), 30)
    full = metrics.pivot_closeness(h, pivs, dist)
    some = np.array([0, 5, 17, len(view.nodes) - 1])
    part = metrics.pivot_closeness(h, pivs, dist, only=some)
    assert part[some].tolist() == full[some].tolist()
    assert np.isnan(np.delete(part, some)).all()


def test_eigenvector_by_lanczos_alone_equals_the_power_iteration(monkeypatch):
    view = metrics.person_org_arrays(synthetic_graph(3000, seed=1))
    n, edges = len(view.nodes), view.edge_array()
    power = igraph_engine._eigenvector(n, edges, None)
    monkeypatch.setattr(igraph_engine, "POWER_MAX", 100)
    lanczos = igraph_engine._eigenvector(n, edges, None)
    assert lanczos == pytest.approx(power, abs=1e-9)


# ----------------------------------------------------------------------------- periods


def old_periods_section(g, opts, only, known) -> dict[str, Any]:
    """change.periods_section as it was: a networkx graph per half-year."""
    if only is not None:
        prev = periods.half_year(only.start - dt.timedelta(days=1))
        chosen = [prev, only] if only.label.count("H") else [only]
    else:
        chosen = periods.data_periods(g)
    rows, by_company, previous = [], [], None
    split = periods.split(g, chosen, opts.include_possible)
    for p in chosen:
        ms = periods.moves_in(known, p, opts.include_possible)
        out = {r.id: r.outflow for r in flows.org_flows(g, ms)}
        for org, n in sorted(out.items(), key=lambda x: (-x[1], _name(g, x[0]))):
            if n:
                by_company.append({"period": p.label, "org": org, "name": _name(g, org), "departures": n})
        btw = change._betweenness(split[p.label], opts)
        entry = {
            "period": p.label,
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            **{k: v for k, v in change._stats(ms).items() if k not in ("founder_share", "commercial_share")},
            "top_brokers": [
                {"id": v, "name": _name(g, v), "betweenness": b}
                for v, b in sorted(btw.items(), key=lambda x: (-x[1], str(x[0])))[:5]
                if b > 0
            ],
        }
        if previous is not None:
            pb, po = previous
            rising = sorted(
                ((v, btw.get(v, 0.0) - pb.get(v, 0.0)) for v in set(btw) | set(pb)),
                key=lambda x: (-x[1], str(x[0])),
            )
            grow = sorted(
                ((o, out.get(o, 0) - po.get(o, 0), out.get(o, 0)) for o in set(out) | set(po)),
                key=lambda x: (-x[1], _name(g, x[0])),
            )
            entry["rising_brokers"] = [
                {"id": v, "name": _name(g, v), "change": d} for v, d in rising[: opts.top] if d > 0
            ][:5]
            entry["outflow_change"] = [
                {"id": o, "name": _name(g, o), "change": d, "outflow": n} for o, d, n in grow if d != 0
            ][: opts.top]
            entry["hollowed_out"] = [
                {"id": o, "name": _name(g, o), "outflow": n} for o, d, n in grow if n >= 3 and d > 0
            ]
        rows.append(entry)
        previous = (btw, out)
    return {
        "unit": "half-year",
        "counted": "certain" + (" or possible" if opts.include_possible else ""),
        "periods": rows,
        "departures_by_company": by_company,
    }


@pytest.mark.parametrize("possible", [False, True])
@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_periods_section_equals_the_networkx_one(which, possible):
    g = graphkit.build_graph(DATA) if which == "seed" else synthetic_graph(4000, seed=3)
    mo = metrics.Options(exact_max=300, samples=40)  # the period graphs above 300 nodes are sampled
    opts = report.ReportOptions(include_possible=possible, top=6, metric_options=mo)
    known = careers.moves(g)
    assert change.periods_section(g, opts, None, known) == old_periods_section(g, opts, None, known)
    only = periods.parse_period("2025H1")
    assert change.periods_section(g, opts, only, known) == old_periods_section(g, opts, only, known)


def test_period_views_moves_and_half_years_equal_networkx():
    g = synthetic_graph(2500, seed=8)
    chosen = periods.data_periods(g)
    assert change._data_periods(g) == chosen
    views = change._period_views(g, chosen, False)
    split = periods.split(g, chosen)
    known = careers.moves(g)
    moved = change._moves_by_period(known, chosen, True)
    for i, p in enumerate(chosen):
        h = split[p.label]
        ref = metrics.person_org_view(h)
        if views[i] is None:
            assert not any(t in metrics.edge_types() for _, _, t in h.edges(data="type"))
            continue
        assert views[i].nodes == ref.nodes
        assert views[i].listed().edges == ref.edges
        assert moved[i] == periods.moves_in(known, p, True)


# ----------------------------------------------------------------------------- communities


def old_communities_section(g, opts) -> dict[str, Any]:
    """change.communities_section as it was."""
    alumni = [
        {
            "orgs": list(c.orgs),
            "names": [_name(g, o) for o in c.orgs],
            "people": list(c.people),
            "people_names": [_name(g, p) for p in c.people],
        }
        for c in flows.alumni_clusters(g)[: opts.top]
    ]
    view = metrics.person_org_view(g)
    comms = metrics.louvain(view, opts.metric_options.seed, opts.engine)
    deg: Counter[Any] = Counter()
    for a, b in view.edges:
        deg[view.nodes[a]] += 1
        deg[view.nodes[b]] += 1
    rows = []
    employers, persons = vocab.load().group("employers"), vocab.load().group("people")
    for c in comms[: opts.top]:
        orgs = sorted((v for v in c if g.nodes[v].get("kind") in employers), key=lambda v: (-deg[v], str(v)))
        people = [v for v in c if g.nodes[v].get("kind") in persons]
        rows.append(
            {
                "size": len(c),
                "people": len(people),
                "organisations": [_name(g, o) for o in orgs[:8]],
                "members": [_name(g, v) for v in sorted(c, key=lambda v: (-deg[v], str(v)))[:10]],
            }
        )
    return {
        "method": "Louvain modularity (seed 0) on the undirected person-organisation graph",
        "alumni": alumni,
        "louvain": rows,
    }


@pytest.mark.parametrize("engine", ["auto", "networkx"])
@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_communities_section_equals_the_old_one(which, engine):
    g = graphkit.build_graph(DATA) if which == "seed" else synthetic_graph(3000, seed=9)
    for top in (3, 15):
        opts = report.ReportOptions(top=top, engine=engine)
        assert change.communities_section(g, opts) == old_communities_section(g, opts)


def test_top_alumni_and_louvain_top_equal_the_full_lists():
    g = synthetic_graph(3000, seed=10)
    for top in (1, 7, 40):
        assert change.top_alumni(g, top) == flows.alumni_clusters(g)[:top]
    view = metrics.person_org_arrays(g)
    full = metrics.louvain(view.listed(), 0)
    for top in (1, 5, 30, None):
        got = metrics.louvain_top(view, 0, "auto", top)
        assert [{view.nodes[i] for i in c} for c in got] == full[:top]


def test_top_alumni_by_hand():
    g = nx.MultiDiGraph()
    for v in ("a", "b", "c"):
        g.add_node(v, kind="Company")
    for p in ("p1", "p2", "p3"):
        g.add_node(p, kind="Person")
    g.add_edge("p1", "a", type="WORKED_AT")
    g.add_edge("p1", "b", type="JOINED")
    g.add_edge("p2", "b", type="WORKED_AT")
    g.add_edge("p2", "a", type="WORKED_AT")
    g.add_edge("p2", "c", type="FOUNDED")
    g.add_edge("p3", "c", type="WORKED_AT")
    g.add_edge("p3", "a", type="APPROACHED")  # not a career: no alumni link
    assert change.top_alumni(g, 5) == [flows.AlumniCluster(orgs=("a", "b"), people=("p1", "p2"))]
    assert change.top_alumni(g, 5, min_people=1) == flows.alumni_clusters(g, min_people=1)


# ----------------------------------------------------------------------------- moves


def test_moves_json_by_hand():
    from graphkit.graph.careers import Move

    g = nx.MultiDiGraph()
    g.add_node("p", kind="Person", name="马磊")
    g.add_node("a", kind="Company", name="A Co")
    g.add_node("b", kind="Company", name="<b>B</b>")
    moves = [
        Move(
            "p",
            "a",
            "b",
            "joined",
            end="2024-05",
            start="2024-06",
            when="2024-05",
            key="k1",
            earliest="2024-05-01",
            latest="2024-05-31",
            role_category=("executive",),
        ),
        Move(
            "p",
            "a",
            None,
            "ambiguous",
            end="2024",
            when="2024",
            ambiguous=True,
            candidates=("b", "x"),
            key="k2",
            earliest="2024-01-01",
            latest="2024-12-31",
        ),
        Move("p", None, "b", "founded", start="2024", when="", boomerang=True, key="k3", unnamed=True),
        Move("p", "a", None, "unknown", end="", when="", key="k4"),
    ]
    rows = build_mod._moves(g, moves)
    assert rows[0] == {
        "person": "p", "person_name": "马磊", "from": "a", "from_name": "A Co", "to": "b",
        "to_name": "<b>B</b>", "how": "joined", "arrival": False, "end": "2024-05", "start": "2024-06",
        "when": "May 2024", "date": "2024-05", "end_earliest": "2024-05-01", "end_latest": "2024-05-31",
        "earliest": "2024-05-01", "latest": "2024-05-31", "ambiguous": False, "candidates": [],
        "candidate_names": [], "boomerang": False, "role_category": ["executive"], "unnamed": False,
        "key": "k1",
    }  # fmt: skip
    assert (rows[1]["to"], rows[1]["to_name"]) == (None, flows.AMBIGUOUS_DEST.label)
    assert (rows[1]["candidates"], rows[1]["candidate_names"]) == (["b", "x"], ["<b>B</b>", "x"])
    assert (rows[1]["end_earliest"], rows[1]["end_latest"], rows[1]["when"]) == (
        "2024-01-01",
        "2024-12-31",
        "2024",
    )
    assert (rows[2]["from"], rows[2]["from_name"], rows[2]["arrival"]) == (None, "(unknown)", True)
    assert (rows[2]["end_earliest"], rows[2]["end_latest"], rows[2]["when"]) == ("", "", "")
    assert (rows[2]["boomerang"], rows[2]["unnamed"], rows[2]["to_name"]) == (True, True, "<b>B</b>")
    assert (rows[3]["to"], rows[3]["to_name"]) == (None, flows.UNKNOWN_DEST.label)
    assert [report._move(g, m) for m in moves] == rows


def test_report_counts_its_relationships():
    g = synthetic_graph(1200, seed=12)
    assert (
        report.build(g, report.ReportOptions(periods=False, communities=False))["relationships"]
        == g.number_of_edges()
    )


def test_report_rows_are_plain_dicts_sharing_their_keys():
    import sys

    g = synthetic_graph(800, seed=13)
    ms = careers.moves(g)
    rows = build_mod._moves(g, ms)
    literal = [dict(r) for r in rows]  # the same rows as dicts of their own
    assert all(type(r) is dict for r in rows) and len(rows) > 100
    assert [list(r) for r in rows] == [list(r) for r in literal]  # the same keys, in order
    assert json.dumps(rows, ensure_ascii=False) == json.dumps(literal, ensure_ascii=False)
    if sys.implementation.name == "cpython":
        assert sys.getsizeof(rows[0]) < sys.getsizeof(literal[0]) / 2
