"""`--engine neo4j`: Graph Data Science agrees with the NetworkX reference engine."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import DATA, ROOT, cli_env

import graphkit
from graphkit import metrics
from graphkit import neo4j as gn
from graphkit.neo4j import gds

pytestmark = pytest.mark.integration


def neo4j_engine(settings, g):
    """Every metric of the person-organisation graph, computed by GDS in the server."""
    with gds.using(settings):
        return metrics.compute(g, engine="neo4j", options=metrics.Options(sampled=False))


def compare(settings, g):
    neo = neo4j_engine(settings, g)
    ref = metrics.compute(g, engine="networkx", options=metrics.Options(sampled=False))
    for metric in metrics.METRICS:
        assert set(neo[metric]) == set(ref[metric]), metric
        for node, value in ref[metric].items():
            assert neo[metric][node] == pytest.approx(value, abs=1e-5), (metric, node)


def test_gds_matches_networkx_on_the_seed(neo4j_settings):
    compare(neo4j_settings, graphkit.build_graph(DATA))


def test_gds_matches_networkx_on_a_synthetic_dataset(neo4j_settings, tmp_path: Path):
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_dataset import generate

    generate(tmp_path / "synth", people=300, orgs=40, rels=900, seed=7)
    compare(neo4j_settings, graphkit.build_graph(tmp_path / "synth"))


def test_gds_scores_are_hand_checkable(neo4j_settings):
    """The Sogou alumni form a component of their own: 搜狗 and 百川智能 both
    linked to the same five people, i.e. K(2,5). The person-organisation graph
    has n = 31 nodes (17 people, 10 companies, 1 investor, 3 ventures)."""
    neo = neo4j_engine(neo4j_settings, graphkit.build_graph(DATA))
    n = 31
    assert neo["degree"]["sogou"] == pytest.approx(5 / (n - 1))
    # Each of the C(5,2) = 10 pairs of people has two shortest paths, via 搜狗
    # and via 百川智能, so 搜狗 lies on half of them: 10 * 1/2 = 5, normalised
    # by (n-1)(n-2)/2 = 435. No other pair passes through 搜狗.
    assert neo["betweenness"]["sogou"] == pytest.approx(5 / 435)
    # Eigenvector: K(2,5) has the largest eigenvalue (sqrt 10), so only it is
    # non-zero; the hubs get 1/2 each and the five people 1/sqrt(10).
    assert neo["eigenvector"]["sogou"] == pytest.approx(0.5, abs=1e-6)
    assert neo["eigenvector"]["hong-tao"] == pytest.approx(10**-0.5, abs=1e-6)
    assert neo["eigenvector"]["zhipu"] == pytest.approx(0.0, abs=1e-6)


def test_without_gds_the_plugin_is_named(neo4j_settings, monkeypatch):
    """A server without the plugin: the first GDS call fails, and the error names the plugin."""
    monkeypatch.setattr(gds, "_PROJECT_PAIRS", "UNWIND $pairs AS p RETURN gds.nosuch.project($name) AS g")
    with pytest.raises(gn.MissingPlugin, match="needs the Graph Data Science plugin"):
        neo4j_engine(neo4j_settings, graphkit.build_graph(DATA))


def test_the_projections_are_dropped(neo4j_settings, neo4j_driver):
    """Every projection made for a run is gone afterwards."""
    neo4j_engine(neo4j_settings, graphkit.build_graph(DATA))
    with neo4j_driver.session() as s:
        left = s.run("CALL gds.graph.list() YIELD graphName RETURN collect(graphName) AS names").single()[
            "names"
        ]
    assert [n for n in left if n.startswith("graphkit-")] == []


def test_report_engine_neo4j_agrees_with_networkx(neo4j_settings, tmp_path: Path):
    """`graphkit report --engine neo4j` computes the person-organisation centrality
    in the server; its JSON equals the networkx engine's within tolerance."""
    import json

    from click.testing import CliRunner

    from graphkit.cli import main

    env = cli_env(neo4j_settings)
    out = {}
    for engine in ("neo4j", "networkx"):
        path = tmp_path / f"{engine}.json"
        r = CliRunner(env=env).invoke(
            main,
            ["report", str(DATA), "--engine", engine, "--format", "json", "--top", "40", "-o", str(path)],
        )
        assert r.exit_code == 0, r.output
        out[engine] = json.loads(path.read_text("utf-8"))["centrality"]["person_org"]
    neo = {row["id"]: row for row in out["neo4j"]}
    ref = {row["id"]: row for row in out["networkx"]}
    assert set(neo) == set(ref) and len(ref) == 31
    for node, row in ref.items():
        for metric in metrics.METRICS:
            assert neo[node][metric] == pytest.approx(row[metric], abs=1e-5), (node, metric)


def test_report_engine_neo4j_unreachable_is_one_line(tmp_path: Path):
    from click.testing import CliRunner

    from graphkit.cli import main

    r = CliRunner(env={"NEO4J_PASSWORD": "x"}).invoke(
        main, ["report", str(DATA), "--engine", "neo4j", "--uri", "bolt://127.0.0.1:1"]
    )
    assert r.exit_code == 3
    assert r.stderr.startswith("graphkit: cannot reach Neo4j at bolt://127.0.0.1:1")
