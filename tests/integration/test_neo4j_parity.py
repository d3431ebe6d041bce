"""Parity: Neo4j holds the same graph as NetworkX and answers the same questions, on the
seed, on the second fixture (tests/fixtures/careers) and on random careers.

The Python side is the report (graphkit/report/, graphkit/graph/flows.py); the Neo4j side is the
named queries in cypher/queries/, which read the derived moves (properties of the
relationships they rest on).
"""

from __future__ import annotations

from collections import Counter

import pytest
from careers_gen import careers, write_dataset
from helpers import DATA, FIXTURES
from hypothesis import HealthCheck, given, settings

import graphkit
from graphkit import neo4j as gn
from graphkit import report
from graphkit.graph import careers as gc
from graphkit.graph import flows, periods

pytestmark = pytest.mark.integration

FIXTURE = FIXTURES / "careers"
DATASETS = {"seed": DATA, "fixture": FIXTURE}


@pytest.fixture(params=sorted(DATASETS))
def both(request, neo4j_driver):
    g = graphkit.build_graph(DATASETS[request.param])
    gn.load_graph(neo4j_driver, g, "test-parity")
    return g, neo4j_driver


def expected_counts(g) -> dict[str, int]:
    """Facts only: the derived moves are properties of the relationships, not nodes."""
    out = graphkit.graph_counts(g)
    out["Source"] = len(g.graph["sources"])
    if g.graph["claims"]:
        out["Claim"] = len(g.graph["claims"])
    return {k: v for k, v in out.items() if v}


def carried_moves(driver, dataset: str) -> Counter[str]:
    """How many relationships carry a departure, and how many an arrival."""
    with driver.session() as s:
        row = s.run(
            "MATCH ()-[r]->() WHERE r.graphkit_dataset = $ds "
            "RETURN count(r.departure) AS departures, count(r.arrival) AS arrivals",
            ds=dataset,
        ).single()
    return Counter(departures=row["departures"], arrivals=row["arrivals"])


def test_counts_per_label_and_type(both):
    g, driver = both
    assert gn.graph_counts(driver, dataset="test-parity") == expected_counts(g)
    ms = gc.moves(g)
    assert carried_moves(driver, "test-parity") == Counter(
        departures=sum(m.origin is not None for m in ms), arrivals=sum(m.origin is None for m in ms)
    )


def test_every_fact_has_the_same_ends_type_and_key(both):
    g, driver = both
    with driver.session() as s:
        neo = sorted(
            (r["a"], r["t"], r["b"], r["k"])
            for r in s.run(
                "MATCH (a)-[r]->(b) WHERE r.graphkit_dataset = 'test-parity' AND r.graphkit_key IS NOT NULL "
                "RETURN a.id AS a, type(r) AS t, b.id AS b, r.graphkit_key AS k"
            )
        )
    assert neo == sorted((u, d["type"], v, k) for u, v, k, d in g.edges(keys=True, data=True))


def python_answers(g) -> dict[str, object]:
    """Every shared question, answered from the report's functions."""
    ms = gc.moves(g)
    h1 = periods.parse_period("2025H1")
    certain = Counter(m.origin for m in periods.moves_in(ms, h1) if m.origin)
    possible = Counter(m.origin for m in periods.moves_in(ms, h1, True) if m.origin)
    flow = Counter()
    for o, row in flows.flow_matrix(ms).items():
        for t, n in row.items():
            if isinstance(t, str):
                flow[(o, t)] += n
    capital = {
        (c.investor, c.person, c.venture, c.lag_days)
        for c in flows.capital_follows_talent(g, ms)
        if c.former_employer
    }
    claims = {c["id"]: (c["certain"], c["possible"]) for c in report.claims(g)}
    return {
        "departures": {o: (certain[o], possible[o]) for o in possible},
        "destinations": Counter(
            (m.person, m.origin, m.when, m.how, m.destination, m.candidates, m.boomerang)
            for m in ms
            if m.origin is not None
        ),
        "talent_flow": dict(flow),
        "capital": capital,
        "claims": claims,
        "cofounders": Counter((m.person, m.origin) for m in ms if m.origin and "founder" in m.role_category),
    }


def neo4j_answers(driver, g) -> dict[str, object]:
    def q(name, **params):
        return gn.run_query(driver, name, params)[1]

    by_name = {d["name"]: n for n, d in g.nodes(data=True) if d["kind"] != "Person"}
    people = {d["name"]: n for n, d in g.nodes(data=True) if d["kind"] == "Person"}
    flow: Counter[tuple[str, str]] = Counter()
    for r in q("talent_flow"):
        flow[(by_name[r["from_org"]], by_name[r["to_org"]])] += r["people"]
    return {
        "departures": {r["company_id"]: (r["certain"], r["possible"]) for r in q("departures")},
        "destinations": Counter(
            (
                r["person_id"],
                by_name[r["left"]],
                r["left_when"],
                r["outcome"],
                by_name.get(r["destination"]),
                tuple(sorted(by_name[c] for c in r["candidates"])),
                r["boomerang"],
            )
            for r in q("destinations")
        ),
        "talent_flow": dict(flow),
        "capital": {
            (
                by_name[r["investor"]],
                people[r["person"]],
                by_name[r["venture"]],
                None if r["lag_min_days"] is None else (r["lag_min_days"], r["lag_max_days"]),
            )
            for r in q("capital_follows_talent")
        },
        "claims": {r["claim"]: (r["certain"], r["possible"]) for r in q("headline_check")},
        "cofounders": Counter((people[r["person"]], by_name[r["company"]]) for r in q("cofounders_who_left")),
    }


@pytest.mark.parametrize(
    "question", ["departures", "destinations", "talent_flow", "capital", "claims", "cofounders"]
)
def test_the_same_answers(both, question):
    g, driver = both
    assert neo4j_answers(driver, g)[question] == python_answers(g)[question]


def test_fixture_talent_flow_has_no_self_moves_and_no_double_counts(neo4j_driver):
    g = graphkit.build_graph(FIXTURE)
    gn.load_graph(neo4j_driver, g, "test-parity")
    rows = gn.run_query(neo4j_driver, "talent_flow")[1]
    assert all(r["from_org"] != r["to_org"] for r in rows)
    # 12 departures with a known destination (15 departures - 1 unknown - 2 ambiguous)
    assert sum(r["people"] for r in rows) == 12
    names = Counter(n for r in rows for n in r["names"])
    # Ada, Dev, Eve and Jay moved twice each; everyone else once
    assert names == Counter(
        {"Ada Park": 2, "Dev Rao": 2, "Eve Stone": 2, "Jay Kim": 2, "Cara Liu": 1, "Gia Moreno": 1}
        | {"Hal Brooks": 1, "Mo Said": 1}
    )


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=careers(max_people=5))
def test_random_careers_give_the_same_answers(neo4j_driver, tmp_path_factory, people):
    g = graphkit.build_graph(write_dataset(tmp_path_factory.mktemp("parity") / "data", people))
    gn.load_graph(neo4j_driver, g, "test-parity-random", prune=True)
    assert gn.graph_counts(neo4j_driver, dataset="test-parity-random") == expected_counts(g)
    ms = gc.moves(g)
    assert carried_moves(neo4j_driver, "test-parity-random") == Counter(
        departures=sum(m.origin is not None for m in ms), arrivals=sum(m.origin is None for m in ms)
    )
    ours, theirs = python_answers(g), neo4j_answers(neo4j_driver, g)
    for question in ("departures", "destinations", "talent_flow", "capital"):
        assert theirs[question] == ours[question], question


def test_reload_after_an_edit_keeps_moves_consistent(neo4j_driver, tmp_path):
    """A fact that resolves an ambiguity changes the moves; the reload leaves no stale move."""
    people = [
        [
            ("WORKED_AT", "a", "", "", "2025-40"),
            ("WORKED_AT", "b", "", "", "2025-40"),
            ("JOINED", "c", "", "2025-06", ""),
        ]
    ]
    g1 = graphkit.build_graph(write_dataset(tmp_path / "one", people))
    gn.load_graph(neo4j_driver, g1, "test-parity-edit")
    rows = gn.run_query(neo4j_driver, "destinations")[1]
    assert sorted((r["left"], r["outcome"], r["candidates"]) for r in rows) == [
        ("Org A", "ambiguous", ["Org C"]),
        ("Org B", "ambiguous", ["Org C"]),
    ]
    people[0][1] = ("WORKED_AT", "b", "", "", "2024-41")  # b ended earlier: a -> c is now certain
    # the edited folder has the same name: a load prunes what its own folders no longer say
    g2 = graphkit.build_graph(write_dataset(tmp_path / "edited" / "one", people))
    gn.load_graph(neo4j_driver, g2, "test-parity-edit", prune=True)
    assert gn.graph_counts(neo4j_driver, dataset="test-parity-edit") == expected_counts(g2)
    rows = gn.run_query(neo4j_driver, "destinations")[1]
    assert sorted((r["left"], r["outcome"], r["destination"]) for r in rows) == [
        ("Org A", "joined", "Org C"),
        ("Org B", "unknown", None),
    ]
    assert [(r["from_org"], r["to_org"]) for r in gn.run_query(neo4j_driver, "talent_flow")[1]] == [
        ("Org A", "Org C")
    ]
    assert carried_moves(neo4j_driver, "test-parity-edit") == Counter(departures=2, arrivals=0)


def test_claims_over_periods_open_at_one_end(neo4j_driver, tmp_path):
    """A claim period open at one end keeps its other end, in Python and in Cypher alike.
    Alpha's departures (fixture): Ada 2021-06, Dev 2019, Hal 2024-12, Ivy 2025-40 (Jan-Jun 2025).
    By 2021 (../2021): Ada and Dev, certainly. Since 2025 (2025-01/..): Ivy, certainly."""
    import shutil

    d = tmp_path / "careers"
    shutil.copytree(FIXTURE, d)
    with (d / "claims.csv").open("a", encoding="utf-8") as f:
        f.write('claim-by-2021,alpha,departures,2,../2021,wire-2026-02,"By 2021, two had left Alpha.",\n')
        f.write(
            'claim-since-2025,alpha,departures,1,2025-01/..,wire-2026-02,"One has left Alpha since 2025.",\n'
        )
    g = graphkit.build_graph(d)
    gn.load_graph(neo4j_driver, g, "test-parity-open")
    ours = {c["id"]: (c["certain"], c["possible"]) for c in report.claims(g)}
    assert ours["claim-by-2021"] == (2, 2) and ours["claim-since-2025"] == (1, 1)
    assert neo4j_answers(neo4j_driver, g)["claims"] == python_answers(g)["claims"]
