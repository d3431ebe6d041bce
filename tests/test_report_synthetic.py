"""The report on seeded synthetic graphs (bench/synthetic.py), as the benchmark runs it."""

from __future__ import annotations

import os
import subprocess
import sys

import networkx as nx
import pytest
from helpers import ROOT
from synthetic import synthetic_graph

from graphkit import metrics, report
from graphkit.graph import careers

DIGEST = (
    "import hashlib, sys; sys.path.insert(0, 'bench'); from synthetic import synthetic_graph; "
    "g = synthetic_graph(1500, 0); "
    "print(hashlib.sha1(repr(sorted(g.edges(keys=True, data='end'))).encode()).hexdigest())"
)


def test_synthetic_graph_is_the_same_in_every_process():
    digests = set()
    for hashseed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hashseed}
        out = subprocess.run(
            [sys.executable, "-c", DIGEST], env=env, cwd=ROOT, capture_output=True, text=True, check=True
        )
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_report_on_a_synthetic_graph_with_sampling():
    g = synthetic_graph(3000, seed=2)
    opts = report.ReportOptions(top=5, metric_options=metrics.Options(exact_max=1000, samples=64))
    r = report.build(g, opts)
    moves = careers.moves(g)
    departures = sum(1 for _, _, d in g.edges(data=True) if d["type"] == "WORKED_AT" and d["end"])
    assert r["statistics"]["departures"] == departures == len([m for m in moves if m.origin is not None])
    assert len(r["centrality"]["person_org"]) == 5
    assert r["periods"]["periods"], "half-years from the fuzzy dates"
    # the sampled betweenness of the top broker is networkx's estimate with the same pivots
    s = metrics.person_org_view(g).to_networkx()
    ref = nx.betweenness_centrality(s, k=64, seed=0)
    top = r["centrality"]["person_org"][0]
    assert top["betweenness"] == pytest.approx(ref[top["id"]])
    assert report.render(r, "html").count("<svg") == 2
