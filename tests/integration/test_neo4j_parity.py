"""Parity: Neo4j holds the same graph as NetworkX and answers the same questions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

import graphkit
from conftest import DATA
from graphkit import dates
from graphkit import neo4j as gn

pytestmark = pytest.mark.integration


@pytest.fixture
def both(neo4j_driver):
    g = graphkit.build_graph(DATA)
    gn.load_graph(neo4j_driver, g, "test-parity")
    return g, neo4j_driver


def test_counts_per_label_and_type(both):
    g, driver = both
    expected = graphkit.graph_counts(g)
    expected["Source"] = len(g.graph["sources"])
    expected["Claim"] = len(g.graph["claims"])
    assert gn.graph_counts(driver, dataset="test-parity") == expected
    with driver.session() as s:
        n_nodes = s.run(
            "MATCH (n) WHERE n.graphkit_dataset = 'test-parity' AND NOT n:Source AND NOT n:Claim "
            "RETURN count(n) AS n"
        ).single()["n"]
        n_rels = s.run(
            "MATCH ()-[r]->() WHERE r.graphkit_dataset = 'test-parity' RETURN count(r) AS n"
        ).single()["n"]
    assert (n_nodes, n_rels) == (g.number_of_nodes(), g.number_of_edges())


def test_every_edge_has_the_same_ends_and_type(both):
    g, driver = both
    with driver.session() as s:
        neo = sorted(
            (r["a"], r["t"], r["b"], r["k"])
            for r in s.run(
                "MATCH (a)-[r]->(b) WHERE r.graphkit_dataset = 'test-parity' "
                "RETURN a.id AS a, type(r) AS t, b.id AS b, r.graphkit_key AS k"
            )
        )
    assert neo == sorted((u, d["type"], v, k) for u, v, k, d in g.edges(keys=True, data=True))


def test_departures_per_company_agree(both):
    g, driver = both
    h1 = (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    certain: dict[str, int] = defaultdict(int)
    possible: dict[str, int] = defaultdict(int)
    for _, org, d in g.edges(data=True):
        if d["type"] == "WORKED_AT" and d["end"]:
            fd = dates.parse(d["end"])
            certain[org] += fd.certainly_within(*h1)
            possible[org] += fd.possibly_within(*h1)
    nx_rows = {org: (certain[org], possible[org]) for org in possible if possible[org]}
    _, neo_rows = gn.run_query(driver, "departures")
    assert {r["company_id"]: (r["certain"], r["possible"]) for r in neo_rows} == nx_rows


def test_destinations_agree(both):
    g, driver = both
    nx_rows = {}
    for person, _org, d in g.edges(data=True):
        if d["type"] == "WORKED_AT" and d["end"]:
            out = {e["type"] for _, _, e in g.out_edges(person, data=True)}
            nx_rows[person] = "joined" if "JOINED" in out else "founded" if "FOUNDED" in out else "unknown"
    _, neo_rows = gn.run_query(driver, "destinations")
    assert {r["person_id"]: r["outcome"] for r in neo_rows} == nx_rows


def test_capital_follows_talent_agrees(both):
    g, driver = both
    pairs = set()
    for inv, venture, d in g.edges(data=True):
        if d["type"] != "INVESTED_IN":
            continue
        for founder, _, f in g.in_edges(venture, data=True):
            if f["type"] == "FOUNDED" and any(
                e["type"] == "WORKED_AT" and e["end"]
                for e in g.get_edge_data(founder, inv, default={}).values()
            ):
                pairs.add((g.nodes[inv]["name"], g.nodes[founder]["name"]))
    _, neo_rows = gn.run_query(driver, "capital_follows_talent")
    assert {(r["investor"], r["person"]) for r in neo_rows} == pairs
