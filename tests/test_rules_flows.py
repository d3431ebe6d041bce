"""Talent flow and capital follows talent (graphkit/graph/flows.py), and moves by period, on a
hand-made dataset. Every expected value is worked out from the rows written below.

The dataset (moves as the career rules of graphkit/graph/careers.py make them):

* p1 left a (2024-03) and b (2024-05), then joined c (2024-06): the join follows the
  latest departure that can precede it, so b -> c; a -> unknown.
* p2 joined c (2024-02) with no earlier job: an arrival from an unknown origin, inflow only.
* p3 left a and b in the first half of 2024 (2024-40) and joined d in June 2024: both
  departures are ambiguous (candidates: d); the join is an arrival whose origin is ambiguous.
* p4 left a (2023-12) and founded s1 (2024-01); a invested in s1 in March 2024 (after the
  departure) and inv, which never employed p4, in February 2024.
* p5 left b on 2024-06-30 and founded s2 on 2024-07-01; b had invested in s2 on 2024-05-15,
  before the departure: a negative lag.
* p6 joined d with no date and no earlier job: an undated arrival.
* p7 worked at a (2015-2017), c (2018-2019), a again (2020-2022-06) and founded s3 (2022-07):
  a -> c, c -> a (a boomerang), a -> s3. a invested in s3 in January 2023, c with no date.
* p8 founded s4 (2023) with no earlier job; inv invested in s4: no leaver founded s4.
* p9 co-founded s3 (2022-07) with no earlier job: not a leaver, so not one of s3's founders here.
* p10 left b on 2024-07-01 and joined c the same day.
* u1 (unnamed) left d some time from June to September 2024, destination unknown.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path

import networkx as nx
import pytest
from careers_gen import ORGS, STARTUPS, careers
from hypothesis import given, settings
from hypothesis import strategies as st

import graphkit
from graphkit.graph import careers as gc
from graphkit.graph import flows, periods
from graphkit.graph.moves import Move

ORG_ROWS = [
    ("a", "Company", "Org A"),
    ("b", "Company", "Org B"),
    ("c", "Company", "Org C"),
    ("d", "Company", "Org D"),
    ("s1", "Startup", "Venture One"),
    ("s2", "Startup", "Venture Two"),
    ("s3", "Startup", "Venture Three"),
    ("s4", "Startup", "Venture Four"),
    ("inv", "Investor", "Fund"),
]

# (type, from, to, role, role_category, start, end)
REL_ROWS = [
    ("WORKED_AT", "p1", "a", "Advisor", "technical", "", "2024-03"),
    ("WORKED_AT", "p1", "b", "COO", "executive;commercial", "", "2024-05"),
    ("JOINED", "p1", "c", "COO", "", "2024-06", ""),
    ("JOINED", "p2", "c", "", "", "2024-02", ""),
    ("WORKED_AT", "p3", "a", "", "", "", "2024-40"),
    ("WORKED_AT", "p3", "b", "", "", "", "2024-40"),
    ("JOINED", "p3", "d", "", "", "2024-06", ""),
    ("WORKED_AT", "p4", "a", "Scientist", "technical", "", "2023-12"),
    ("FOUNDED", "p4", "s1", "Founder", "founder", "2024-01", ""),
    ("INVESTED_IN", "a", "s1", "", "", "2024-03", ""),
    ("INVESTED_IN", "inv", "s1", "", "", "2024-02", ""),
    ("WORKED_AT", "p5", "b", "Co-founder", "founder;executive", "2019", "2024-06-30"),
    ("FOUNDED", "p5", "s2", "Founder", "founder", "2024-07-01", ""),
    ("INVESTED_IN", "b", "s2", "", "", "2024-05-15", ""),
    ("JOINED", "p6", "d", "", "", "", ""),
    ("WORKED_AT", "p7", "a", "", "", "2015", "2017"),
    ("WORKED_AT", "p7", "c", "", "", "2018", "2019"),
    ("WORKED_AT", "p7", "a", "", "", "2020", "2022-06"),
    ("FOUNDED", "p7", "s3", "Founder", "founder", "2022-07", ""),
    ("INVESTED_IN", "a", "s3", "", "", "2023-01", ""),
    ("INVESTED_IN", "c", "s3", "", "", "", ""),
    ("FOUNDED", "p8", "s4", "Founder", "founder", "2023", ""),
    ("INVESTED_IN", "inv", "s4", "", "", "2023", ""),
    ("FOUNDED", "p9", "s3", "Co-founder", "founder", "2022-07", ""),
    ("WORKED_AT", "p10", "b", "", "", "", "2024-07-01"),
    ("JOINED", "p10", "c", "", "", "2024-07-01", ""),
    ("WORKED_AT", "u1", "d", "Sales head", "commercial", "", "2024-06/2024-09"),
]

PEOPLE = ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10", "u1"]


def write_dataset(
    directory: Path,
    orgs: list[tuple[str, str, str]],
    people: list[str],
    rels: list[tuple[str, ...]],
    unnamed: frozenset[str] = frozenset({"u1"}),
) -> Path:
    """A data directory with these organisations, people (``unnamed`` ones flagged) and relationships."""
    directory.mkdir(parents=True, exist_ok=True)

    def write(name: str, header: list[str], rows: list[list[str]]) -> None:
        with (directory / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    write("sources.csv", ["id", "title", "publisher", "published"], [["s", "Flows", "Fixture", "2025-01-01"]])
    write(
        "people.csv",
        ["id", "name", "unnamed"],
        [[p, f"Person {p}", "true" if p in unnamed else "false"] for p in people],
    )
    write("organisations.csv", ["id", "kind", "name"], [list(o) for o in orgs])
    write(
        "relationships.csv",
        ["type", "from", "to", "role", "role_category", "start", "end", "status", "sources", "evidence"],
        [[*r, "confirmed", "s", f"row {i}"] for i, r in enumerate(rels)],
    )
    return directory


@pytest.fixture(scope="module")
def g(tmp_path_factory):
    return graphkit.build_graph(write_dataset(tmp_path_factory.mktemp("flows"), ORG_ROWS, PEOPLE, REL_ROWS))


@pytest.fixture(scope="module")
def ms(g):
    return flows.moves(g)


# (person, origin, destination, how, when, ambiguous, candidates, boomerang)
EXPECTED_MOVES = [
    ("p1", "a", None, "unknown", "2024-03", False, (), False),
    ("p1", "b", "c", "joined", "2024-05", False, (), False),
    ("p10", "b", "c", "joined", "2024-07-01", False, (), False),
    ("p2", None, "c", "joined", "2024-02", False, (), False),
    ("p3", "a", None, "ambiguous", "2024-40", True, ("d",), False),
    ("p3", "b", None, "ambiguous", "2024-40", True, ("d",), False),
    ("p3", None, "d", "joined", "2024-06", True, ("a", "b"), False),
    ("p4", "a", "s1", "founded", "2023-12", False, (), False),
    ("p5", "b", "s2", "founded", "2024-06-30", False, (), False),
    ("p6", None, "d", "joined", "", False, (), False),
    ("p7", "a", "c", "joined", "2017", False, (), False),
    ("p7", "c", "a", "joined", "2019", False, (), True),
    ("p7", "a", "s3", "founded", "2022-06", False, (), False),
    ("p8", None, "s4", "founded", "2023", False, (), False),
    ("p9", None, "s3", "founded", "2022-07", False, (), False),
    ("u1", "d", None, "unknown", "2024-06/2024-09", False, (), False),
]


def test_the_dataset_gives_the_moves_the_career_rules_say(ms):
    got = [
        (m.person, m.origin, m.destination, m.how, m.when, m.ambiguous, m.candidates, m.boomerang) for m in ms
    ]
    assert sorted(got, key=lambda x: (x[0], x[4] if x[1] else "~")) == sorted(
        EXPECTED_MOVES, key=lambda x: (x[0], x[4] if x[1] else "~")
    )


# ------------------------------------------------------------------ outflow, inflow, net
def test_departures_only_keeps_the_moves_out_of_an_organisation(ms):
    deps = flows.departures_only(ms)
    assert len(deps) == 11
    assert all(m.origin is not None for m in deps)
    assert sorted(m.person for m in ms if m not in deps) == ["p2", "p3", "p6", "p8", "p9"]


def test_org_flows_counts_and_order(g, ms):
    rows = flows.org_flows(g, ms)
    # outflow: a p1 p3 p4 p7 p7; b p1 p3 p5 p10; c p7; d u1
    # inflow: a p7 (back); c p1 p2 p7 p10; d p3 (arrival) p6 (arrival); s1 p4; s2 p5; s3 p7 p9; s4 p8
    # order: outflow down, then inflow down, then name (Venture Four < Venture One < Venture Two)
    assert [(r.id, r.name, r.kind, r.outflow, r.inflow, r.net) for r in rows] == [
        ("a", "Org A", "Company", 5, 1, -4),
        ("b", "Org B", "Company", 4, 0, -4),
        ("c", "Org C", "Company", 1, 4, 3),
        ("d", "Org D", "Company", 1, 2, 1),
        ("s3", "Venture Three", "Startup", 0, 2, 2),
        ("s4", "Venture Four", "Startup", 0, 1, 1),
        ("s1", "Venture One", "Startup", 0, 1, 1),
        ("s2", "Venture Two", "Startup", 0, 1, 1),
    ]


def test_an_organisation_with_no_flow_has_no_row(g, ms):
    assert "inv" not in {r.id for r in flows.org_flows(g, ms)}
    assert flows.org_flows(g, []) == []


def test_org_flows_of_an_organisation_not_in_the_graph_uses_its_id():
    ms = [Move("x", "gone", "also-gone", "joined"), Move("y", "gone", None, "unknown")]
    rows = flows.org_flows(nx.MultiDiGraph(), ms)
    assert [(r.id, r.name, r.kind, r.outflow, r.inflow) for r in rows] == [
        ("gone", "gone", "", 2, 0),
        ("also-gone", "also-gone", "", 0, 1),
    ]


def test_org_flows_orders_equal_outflow_by_inflow_then_name():
    ms = [
        Move("x", "m", None, "unknown"),
        Move("y", "z", None, "unknown"),
        Move("w", None, "z", "joined"),
        Move("v", "k", None, "unknown"),
    ]
    rows = flows.org_flows(nx.MultiDiGraph(), ms)
    assert [r.id for r in rows] == ["z", "k", "m"]


def test_net_flow_is_inflow_less_outflow():
    row = flows.OrgFlow("o", "O", "Company", outflow=5, inflow=2)
    assert row.net == -3
    assert flows.OrgFlow("o", "O", "Company", outflow=1, inflow=4).net == 3


def test_a_join_with_no_departure_is_inflow_only(g, ms):
    only_p2 = [m for m in ms if m.person == "p2"]
    assert [(r.id, r.outflow, r.inflow) for r in flows.org_flows(g, only_p2)] == [("c", 0, 1)]
    assert flows.flow_matrix(only_p2) == {}
    assert flows.destinations(only_p2) == {"joined": 0, "founded": 0, "unknown": 0, "ambiguous": 0}


def test_leaving_two_jobs_before_one_join_gives_the_join_to_the_later_departure(g, ms):
    p1 = [m for m in ms if m.person == "p1"]
    assert flows.flow_matrix(p1) == {"a": {flows.UNKNOWN_DEST: 1}, "b": {"c": 1}}
    assert {r.id: (r.outflow, r.inflow) for r in flows.org_flows(g, p1)} == {
        "a": (1, 0),
        "b": (1, 0),
        "c": (0, 1),
    }


def test_ambiguous_departures_are_outflow_but_no_flow_to_a_candidate(g, ms):
    p3 = [m for m in ms if m.person == "p3"]
    assert flows.flow_matrix(p3) == {"a": {flows.AMBIGUOUS_DEST: 1}, "b": {flows.AMBIGUOUS_DEST: 1}}
    # the join at d is an arrival (its origin cannot be told): inflow only
    assert {r.id: (r.outflow, r.inflow) for r in flows.org_flows(g, p3)} == {
        "a": (1, 0),
        "b": (1, 0),
        "d": (0, 1),
    }
    t = flows.talent_flow_graph(g, p3)
    assert sorted(t.nodes) == ["a", "b", "d"] and t.number_of_edges() == 0


# ------------------------------------------------------------------ matrix and destinations
def test_flow_matrix(ms):
    assert flows.flow_matrix(ms) == {
        "a": {flows.UNKNOWN_DEST: 1, flows.AMBIGUOUS_DEST: 1, "s1": 1, "c": 1, "s3": 1},
        "b": {"c": 2, flows.AMBIGUOUS_DEST: 1, "s2": 1},
        "c": {"a": 1},
        "d": {flows.UNKNOWN_DEST: 1},
    }


def test_nowhere_is_not_an_organisation_id():
    assert flows.UNKNOWN_DEST.label == "(unknown)"
    assert flows.AMBIGUOUS_DEST.label == "(ambiguous)"
    assert flows.UNKNOWN_DEST != "unknown" and flows.AMBIGUOUS_DEST != "ambiguous"
    assert flows.UNKNOWN_DEST != flows.AMBIGUOUS_DEST
    assert flows.Nowhere("unknown") == flows.UNKNOWN_DEST


def test_destinations_count_every_outcome_of_a_departure(ms):
    # joined: p1 b->c, p10 b->c, p7 a->c, p7 c->a; founded: p4, p5, p7 a->s3;
    # unknown: p1 a, u1 d; ambiguous: p3 a, p3 b. Arrivals (p2, p3 at d, p6, p8, p9) are not departures.
    d = flows.destinations(ms)
    assert d == {"joined": 4, "founded": 3, "unknown": 2, "ambiguous": 2}
    assert list(d) == ["joined", "founded", "unknown", "ambiguous"]


def test_destinations_of_nothing_are_all_zero():
    assert flows.destinations([]) == {"joined": 0, "founded": 0, "unknown": 0, "ambiguous": 0}


def test_talent_flow_graph(g, ms):
    t = flows.talent_flow_graph(g, ms)
    # every organisation that lost or gained someone; inv and nothing else is left out
    assert sorted(t.nodes) == ["a", "b", "c", "d", "s1", "s2", "s3", "s4"]
    assert t.nodes["s3"] == {"name": "Venture Three", "kind": "Startup"}
    assert {(u, v): a["moves"] for u, v, a in t.edges(data=True)} == {
        ("a", "s1"): 1,
        ("a", "c"): 1,
        ("a", "s3"): 1,
        ("b", "c"): 2,
        ("b", "s2"): 1,
        ("c", "a"): 1,
    }
    assert t["b"]["c"]["distance"] == 0.5
    assert t["a"]["c"]["distance"] == 1.0
    # d lost u1 to an unknown destination and gained two arrivals: a node with no edge
    assert t.degree("d") == 0


def test_talent_flow_graph_never_draws_a_self_loop_and_names_missing_orgs():
    ms = [Move("x", "o", "o", "joined"), Move("y", "o", "q", "joined"), Move("z", "o", "q", "joined")]
    t = flows.talent_flow_graph(nx.MultiDiGraph(), ms)
    assert list(t.edges(data=True)) == [("o", "q", {"moves": 2, "distance": 0.5})]
    assert t.nodes["o"] == {"name": "o", "kind": ""}


# ------------------------------------------------------------------ capital follows talent
def test_capital_follows_talent(g, ms):
    links = flows.capital_follows_talent(g, ms)
    got = [
        (
            c.investor,
            c.venture,
            c.person,
            c.departure,
            c.investment,
            c.lag_days,
            c.former_employer,
            c.founders,
        )
        for c in links
    ]
    assert got == [
        # p4 left a in December 2023, a invested in March 2024:
        # 1 March - 31 December = 61 days; 31 March - 1 December = 121 days
        ("a", "s1", "p4", "2023-12", "2024-03", (61, 121), True, ("p4",)),
        # p7 left a twice; the later departure (June 2022) counts. January 2023:
        # 1 January 2023 - 30 June 2022 = 185 days; 31 January 2023 - 1 June 2022 = 244 days
        ("a", "s3", "p7", "2022-06", "2023-01", (185, 244), True, ("p7",)),
        # b invested on 15 May, 46 days before p5 left on 30 June: a negative lag
        ("b", "s2", "p5", "2024-06-30", "2024-05-15", (-46, -46), True, ("p5",)),
        # c's investment has no date: no lag
        ("c", "s3", "p7", "2019", "", None, True, ("p7",)),
        # inv never employed p4: one "other backer" row
        ("inv", "s1", None, "", "2024-02", None, False, ("p4",)),
    ]


def test_capital_rows_do_not_depend_on_the_order_of_the_moves(g, ms):
    links = flows.capital_follows_talent(g, ms)
    assert flows.capital_follows_talent(g, ms[::-1]) == links
    # the rows are values: they can be compared, hashed and not changed
    assert len(set(links)) == len(links)
    with pytest.raises(dataclasses.FrozenInstanceError):
        links[0].lag_days = None  # type: ignore[misc]


def test_a_venture_no_leaver_founded_has_no_capital_row(g, ms):
    links = flows.capital_follows_talent(g, ms)
    assert "s4" not in {c.venture for c in links}
    # p9 co-founded s3 but left nothing: not among its founders
    assert all("p9" not in c.founders for c in links)


def test_capital_follows_talent_needs_the_departure_among_the_moves(g, ms):
    # with p4's departure left out, p4 is no leaver: s1 has no founder who left anything
    without = [m for m in ms if m.person != "p4"]
    assert {c.venture for c in flows.capital_follows_talent(g, without)} == {"s2", "s3"}
    assert flows.capital_follows_talent(g, []) == []


def test_an_investor_that_employed_two_founders_gives_a_row_per_founder(tmp_path):
    rels = [
        ("WORKED_AT", "p1", "a", "", "", "", "2024-01"),
        ("WORKED_AT", "p2", "a", "", "", "", "2024-02"),
        ("WORKED_AT", "p3", "b", "", "", "", "2024-02"),
        ("FOUNDED", "p1", "s1", "", "", "2024-03", ""),
        ("FOUNDED", "p2", "s1", "", "", "2024-03", ""),
        ("FOUNDED", "p3", "s1", "", "", "2024-03", ""),
        ("FOUNDED", "p3", "s1", "CEO", "", "2024-03", ""),  # the same founding given twice
        ("INVESTED_IN", "inv", "s1", "", "", "2024-04-01", ""),
        ("INVESTED_IN", "b", "s1", "", "", "2024-04-01", ""),
        ("INVESTED_IN", "a", "s1", "", "", "2024-04-01", ""),
    ]
    # organisations listed backwards, so that the rows' order is the sort's, not the file's
    g = graphkit.build_graph(write_dataset(tmp_path / "d", ORG_ROWS[::-1], ["p1", "p2", "p3"], rels))
    links = flows.capital_follows_talent(g, flows.moves(g))
    got = [(c.investor, c.person, c.lag_days, c.former_employer, c.founders) for c in links]
    # p1: 1 April - 31 January = 61, 1 April - 1 January = 91; p2 and p3: 1 April - 29 February = 32,
    # 1 April - 1 February = 60 (2024 is a leap year). Former employers first, by investor id.
    assert got == [
        ("a", "p1", (61, 91), True, ("p1", "p2", "p3")),
        ("a", "p2", (32, 60), True, ("p1", "p2", "p3")),
        ("b", "p3", (32, 60), True, ("p1", "p2", "p3")),
        ("inv", None, None, False, ("p1", "p2", "p3")),
    ]


def test_lag_range():
    # same day: no range
    assert flows.lag_range("2024-06-30", "2024-06-30") == (0, 0)
    assert flows.lag_range("2024-06-30", "2024-07-01") == (1, 1)
    # left in 2024 (1 Jan - 31 Dec), invested in 2025-01-15
    assert flows.lag_range("2024", "2025-01-15") == (15, 380)
    # invested in Q1 2024 (1 Jan - 31 Mar) before a departure on 30 June 2024
    assert flows.lag_range("2024-06-30", "2024-33") == (-181, -91)
    # a quarter against a half: Q3 2024 (1 Jul - 30 Sep), H2 2024 (1 Jul - 31 Dec)
    assert flows.lag_range("2024-35", "2024-41") == (-91, 183)


def test_lag_range_needs_both_dates_and_both_bounds():
    assert flows.lag_range("", "2024-06") is None
    assert flows.lag_range("2024-06", "") is None
    assert flows.lag_range("", "") is None
    assert flows.lag_range("../2024-06", "2024-09") is None  # no first day
    assert flows.lag_range("2024-06", "2024-09/..") is None  # no last day


def test_humanise_lag():
    assert flows.humanise_lag(None) == "unknown"
    assert flows.humanise_lag((0, 0)) == "0 days"
    assert flows.humanise_lag((-46, -46)) == "-46 days"
    assert flows.humanise_lag((61, 121)) == "61 to 121 days"


# ------------------------------------------------------------------ shares
def test_shares(ms):
    s = flows.shares(ms)
    assert s.departures == 11
    # founder: p5 left b as co-founder (the category of the job left, not of the venture founded)
    assert s.founders == 1
    # commercial: p1 left b as COO (executive;commercial), u1 left d as sales head
    assert s.commercial == 2
    assert (s.named, s.unnamed) == (10, 1)
    assert s.destinations == flows.destinations(ms)


def test_shares_of_hand_made_moves():
    ms = [
        Move("a", "o", None, "unknown", role_category=("founder", "commercial"), unnamed=True),
        Move("b", "o", "q", "joined", role_category=("commercial",)),
        Move("c", None, "q", "joined", role_category=("founder",), unnamed=True),  # an arrival
    ]
    s = flows.shares(ms)
    assert (s.departures, s.founders, s.commercial, s.named, s.unnamed) == (2, 1, 2, 1, 1)
    assert s.destinations == {"joined": 1, "founded": 0, "unknown": 1, "ambiguous": 0}
    assert flows.shares([]) == flows.Shares(destinations=flows.destinations([]))


# ------------------------------------------------------------------ alumni clusters
def test_alumni_clusters(g):
    # people per organisation (worked at, joined or founded):
    # a: p1 p3 p4 p7; b: p1 p3 p5 p10; c: p1 p2 p7 p10; d: p3 p6 u1; s1: p4; s2: p5; s3: p7 p9; s4: p8
    got = [(c.orgs, c.people) for c in flows.alumni_clusters(g)]
    assert got == [
        (("a", "b"), ("p1", "p3")),
        (("a", "c"), ("p1", "p7")),
        (("b", "c"), ("p1", "p10")),
    ]
    # with one person enough: the pairs above, then the single-person pairs by organisation ids
    assert [(c.orgs, c.people) for c in flows.alumni_clusters(g, min_people=1)][3:] == [
        (("a", "d"), ("p3",)),
        (("a", "s1"), ("p4",)),
        (("a", "s3"), ("p7",)),
        (("b", "d"), ("p3",)),
        (("b", "s2"), ("p5",)),
        (("c", "s3"), ("p7",)),
    ]
    assert flows.alumni_clusters(g, min_people=3) == []
    cluster = flows.alumni_clusters(g)[0]
    assert cluster in {cluster}
    with pytest.raises(dataclasses.FrozenInstanceError):
        cluster.people = ()  # type: ignore[misc]


def test_alumni_clusters_ignore_investments(g):
    # a invested in s1 and s3 and employed p4 and p7 who founded them: an investor is not a person
    people = {p for c in flows.alumni_clusters(g, min_people=1) for p in c.people}
    assert people <= set(PEOPLE)


# ------------------------------------------------------------------ moves by period
def _who(ms):
    return sorted((m.person, m.origin or "", m.destination or "") for m in ms)


def test_moves_in_a_half_year_certain_and_possible(ms):
    h1, h2 = periods.parse_period("2024H1"), periods.parse_period("2024H2")
    # certainly in 2024H1: p1 x2 (March, May), p2 (Feb), p3 x3 (2024-40, June), p5 (30 June)
    certain_h1 = periods.moves_in(ms, h1)
    assert _who(certain_h1) == [
        ("p1", "a", ""),
        ("p1", "b", "c"),
        ("p2", "", "c"),
        ("p3", "", "d"),
        ("p3", "a", ""),
        ("p3", "b", ""),
        ("p5", "b", "s2"),
    ]
    # u1 left some time from June to September: possibly in either half, certainly in neither
    assert _who(periods.moves_in(ms, h1, include_possible=True)) == sorted(
        [*_who(certain_h1), ("u1", "d", "")]
    )
    assert _who(periods.moves_in(ms, h2)) == [("p10", "b", "c")]  # 1 July
    assert _who(periods.moves_in(ms, h2, include_possible=True)) == [("p10", "b", "c"), ("u1", "d", "")]


def test_undated_moves_count_in_no_period(ms):
    undated = [m for m in ms if not m.when]
    assert [m.person for m in undated] == ["p6"]
    for label in ("2022H2", "2023", "2024H1", "2024H2", "2024Q2"):
        p = periods.parse_period(label)
        assert periods.moves_in(undated, p) == []
        assert periods.moves_in(undated, p, include_possible=True) == []


def test_moves_known_by_a_day(ms):
    # by 30 June 2024, certainly: all but p10 (1 July) and u1 (up to September); undated p6 kept
    by = periods.moves_by(ms, dt.date(2024, 6, 30))
    assert len(by) == 14
    assert ("p6", "", "d") in _who(by)
    assert "p10" not in {m.person for m in by} and "u1" not in {m.person for m in by}
    # possibly by then: u1 may have left in June
    assert len(periods.moves_by(ms, dt.date(2024, 6, 30), include_possible=True)) == 15
    # a day earlier, p5 (30 June) had not left yet, nor (certainly) p3: 2024-40 and June 2024
    # both run to 30 June
    early = periods.moves_by(ms, dt.date(2024, 6, 29))
    assert len(early) == 10
    assert {"p3", "p5"}.isdisjoint(m.person for m in early)


def test_half_year_boundaries():
    assert periods.half_year(dt.date(2024, 6, 30)).label == "2024H1"
    assert periods.half_year(dt.date(2024, 7, 1)).label == "2024H2"
    assert [p.label for p in periods.half_years(dt.date(2023, 12, 31), dt.date(2024, 7, 1))] == [
        "2023H2",
        "2024H1",
        "2024H2",
    ]
    assert [p.label for p in periods.half_years(dt.date(2024, 1, 1), dt.date(2024, 6, 30))] == ["2024H1"]


def test_flows_in_a_period_keep_destinations_and_count_only_its_moves(g, ms):
    h1 = periods.moves_in(ms, periods.parse_period("2024H1"))
    assert {r.id: (r.outflow, r.inflow) for r in flows.org_flows(g, h1)} == {
        "a": (2, 0),  # p1, p3
        "b": (3, 0),  # p1, p3, p5
        "c": (0, 2),  # p1, p2
        "d": (0, 1),  # p3's arrival
        "s2": (0, 1),  # p5 founded s2 on 1 July, but the move is dated by the departure
    }


# ------------------------------------------------------------------ rules over random careers
ALL_ORGS = ORGS + STARTUPS


def _records(people: list[list[tuple[str, str, str, str, str]]]) -> list[gc.Record]:
    return [
        (f"p{i}", f"k{i}-{j}", org, kind, role, (), start, end)
        for i, career in enumerate(people)
        for j, (kind, org, role, start, end) in enumerate(career)
    ]


@settings(max_examples=80, deadline=None)
@given(people=careers(max_people=8))
def test_flow_totals_agree(people):
    ms = gc.derive_records(_records(people)).moves
    empty = nx.MultiDiGraph()
    rows = flows.org_flows(empty, ms)
    deps = flows.departures_only(ms)
    arrivals = [m for m in ms if m.origin is None]
    assert sum(r.outflow for r in rows) == len(deps)
    assert sum(r.inflow for r in rows) == sum(1 for m in ms if m.destination is not None)
    # net over all organisations: arrivals from nowhere less departures to nowhere
    to_nowhere = sum(1 for m in deps if m.destination is None)
    assert sum(r.net for r in rows) == len(arrivals) - to_nowhere
    matrix = flows.flow_matrix(ms)
    assert sum(sum(row.values()) for row in matrix.values()) == len(deps)
    assert {o: sum(row.values()) for o, row in matrix.items()} == {r.id: r.outflow for r in rows if r.outflow}
    # between known organisations, what leaves equals what arrives
    t = flows.talent_flow_graph(empty, ms)
    between = sum(c for row in matrix.values() for to, c in row.items() if isinstance(to, str))
    assert sum(a["moves"] for _, _, a in t.edges(data=True)) == between
    assert sum(t.out_degree(n, weight="moves") for n in t) == sum(t.in_degree(n, weight="moves") for n in t)
    for o, row in matrix.items():
        assert t.out_degree(o, weight="moves") == sum(c for to, c in row.items() if isinstance(to, str))
    d = flows.destinations(ms)
    assert sum(d.values()) == len(deps)
    assert d["unknown"] == sum(row.get(flows.UNKNOWN_DEST, 0) for row in matrix.values())
    assert d["ambiguous"] == sum(row.get(flows.AMBIGUOUS_DEST, 0) for row in matrix.values())
    assert set(t.nodes) <= set(ALL_ORGS)
    s = flows.shares(ms)
    assert s.named + s.unnamed == s.departures == len(deps)


@settings(max_examples=40, deadline=None)
@given(people=careers(max_people=5), investor=st.sampled_from(ORGS), venture=st.sampled_from(STARTUPS))
def test_capital_rows_name_only_founders_who_left_the_investor(people, investor, venture):
    g = nx.MultiDiGraph()
    for o in ALL_ORGS:
        g.add_node(o, kind="Startup" if o in STARTUPS else "Company", name=o)
    for i, career in enumerate(people):
        g.add_node(f"p{i}", kind="Person", name=f"p{i}")
        for j, (kind, org, role, start, end) in enumerate(career):
            g.add_edge(f"p{i}", org, key=f"k{i}-{j}", type=kind, role=role, start=start, end=end)
    g.add_edge(investor, venture, key="inv", type="INVESTED_IN", start="2024-06", end="")
    ms = gc.ensure(g).moves
    links = flows.capital_follows_talent(g, ms)
    left = {(m.person, m.origin) for m in flows.departures_only(ms)}
    founders = {u for u, v, t in g.edges(data="type") if v == venture and t == "FOUNDED"}
    leavers = {m.person for m in flows.departures_only(ms)}
    assert len([c for c in links if not c.former_employer]) <= 1
    for c in links:
        assert (c.investor, c.venture) == (investor, venture)
        assert set(c.founders) == founders & leavers
        if c.former_employer:
            assert (c.person, investor) in left
            if c.lag_days is not None:
                assert c.lag_days[0] <= c.lag_days[1]
        else:
            assert c.person is None and not any((p, investor) in left for p in c.founders)
    if not founders & leavers:
        assert links == []
