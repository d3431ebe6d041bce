"""Filters on the graph (graphkit/graph/filters.py, and the --as-of view of
graphkit/graph/periods.py) on a hand-made dataset. Every expected node and edge set is worked
out from the rows written below.

Relationships (the date of each fact, as graphkit/graph/careers.py dates it, in brackets):

    E1  p1  WORKED_AT   a    2020 to 2025-03      [March 2025]
    E2  p1  JOINED      b    from 2025-04         [April 2025]
    E3  p2  WORKED_AT   b    from 2019            [2019]
    E4  p3  WORKED_AT   a    no dates             [undated]
    E5  p3  FOUNDED     s    from 2024-40         [first half of 2024]
    E6  p4  WORKED_AT   b    to 2024-12           [December 2024]
    E7  inv INVESTED_IN s    2024-09              [September 2024]
    E8  a   MEMBER_OF   grp                       [undated]
    E9  b   MEMBER_OF   grp                       [undated]
    E10 b   APPROACHED  p3   2025-01              [January 2025]
    E11 a   HAD_EVENT   e1   2025-03              [March 2025]
    E12 p5  WORKED_AT   b    to 2024-06-30        [30 June 2024]
    E13 p5  JOINED      inv  no dates             [30 June 2024: the date of its move, b -> inv]
    E14 p6  WORKED_AT   a    to ../2024-05-15     [any day up to 15 May 2024]
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
from graphkit.graph import filters, periods
from graphkit.schema.errors import SettingsError

ORG_ROWS = [
    ("a", "Company", "Org A"),
    ("b", "Company", "Org B"),
    ("s", "Startup", "Venture S"),
    ("inv", "Investor", "Fund"),
    ("grp", "Group", "Group G"),
]
PEOPLE = ["p1", "p2", "p3", "p4", "p5", "p6"]
# (type, from, to, start, end)
REL_ROWS = [
    ("WORKED_AT", "p1", "a", "2020", "2025-03"),
    ("JOINED", "p1", "b", "2025-04", ""),
    ("WORKED_AT", "p2", "b", "2019", ""),
    ("WORKED_AT", "p3", "a", "", ""),
    ("FOUNDED", "p3", "s", "2024-40", ""),
    ("WORKED_AT", "p4", "b", "", "2024-12"),
    ("INVESTED_IN", "inv", "s", "2024-09", ""),
    ("MEMBER_OF", "a", "grp", "", ""),
    ("MEMBER_OF", "b", "grp", "", ""),
    ("APPROACHED", "b", "p3", "2025-01", ""),
    ("WORKED_AT", "p5", "b", "", "2024-06-30"),
    ("JOINED", "p5", "inv", "", ""),
    ("WORKED_AT", "p6", "a", "", "../2024-05-15"),
]
ALL_NODES = {"a", "b", "s", "inv", "grp", "e1", *PEOPLE}


def write_dataset(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)

    def write(name: str, header: list[str], rows: list[list[str]]) -> None:
        with (directory / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    write(
        "sources.csv", ["id", "title", "publisher", "published"], [["s1", "Filters", "Fixture", "2025-07-01"]]
    )
    write("people.csv", ["id", "name"], [[p, f"Person {p}"] for p in PEOPLE])
    write("organisations.csv", ["id", "kind", "name"], [list(o) for o in ORG_ROWS])
    write(
        "relationships.csv",
        ["type", "from", "to", "start", "end", "status", "sources", "evidence"],
        [[*r, "confirmed", "s1", f"row {i}"] for i, r in enumerate(REL_ROWS)],
    )
    write(
        "events.csv",
        ["id", "org", "event_type", "summary", "date", "status", "sources", "evidence"],
        [["e1", "a", "pivot", "A pivot", "2025-03", "confirmed", "s1", "event"]],
    )
    return directory


@pytest.fixture(scope="module")
def g(tmp_path_factory):
    return graphkit.build_graph(write_dataset(tmp_path_factory.mktemp("filters")))


def pairs(h: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    """The graph's edges as (type, from, to), sorted."""
    return sorted((t, u, v) for u, v, t in h.edges(data="type"))


def test_the_fact_dates(g):
    when = {(t, u, v): (w, lo, hi) for u, v, d in g.edges(data=True) for t, w, lo, hi in [_when(d)]}
    assert when[("JOINED", "p5", "inv")] == ("2024-06-30", "2024-06-30", "2024-06-30")
    assert when[("WORKED_AT", "p6", "a")] == ("../2024-05-15", "", "2024-05-15")
    assert when[("WORKED_AT", "p3", "a")] == ("", "", "")
    assert when[("HAD_EVENT", "a", "e1")] == ("2025-03", "2025-03-01", "2025-03-31")
    assert g.number_of_edges() == 14 and set(g) == ALL_NODES


def _when(d):
    return d["type"], d["when"], d["when_earliest"], d["when_latest"]


# ------------------------------------------------------------------ --company
def test_company_keeps_its_people_their_other_organisations_and_its_links(g):
    h = filters.company(g, ["a"])
    # a; its neighbours p1 p3 p6 (people), grp, e1; the people's neighbours b (p1 joined,
    # b approached p3) and s (p3 founded). Not p2 p4 p5 (b's people) nor inv.
    assert set(h) == {"a", "p1", "p3", "p6", "grp", "e1", "b", "s"}
    assert pairs(h) == [
        ("APPROACHED", "b", "p3"),
        ("FOUNDED", "p3", "s"),
        ("HAD_EVENT", "a", "e1"),
        ("JOINED", "p1", "b"),
        ("MEMBER_OF", "a", "grp"),
        ("MEMBER_OF", "b", "grp"),
        ("WORKED_AT", "p1", "a"),
        ("WORKED_AT", "p3", "a"),
        ("WORKED_AT", "p6", "a"),
    ]


def test_company_b_reaches_an_investor_through_a_person(g):
    h = filters.company(g, ["b"])
    # b's people p1 p2 p3 (approached) p4 p5, and grp; then a (p1, p3), s (p3), inv (p5).
    # e1 hangs off a, which is not a person: left out, and so is p6.
    assert set(h) == ALL_NODES - {"e1", "p6"}
    # induced: every edge among those nodes, inv -> s too
    assert h.number_of_edges() == 12
    assert ("INVESTED_IN", "inv", "s") in pairs(h)


def test_company_does_not_widen_through_an_organisation(g):
    # inv's neighbours: s (a venture, not widened) and p5 (a person: b is added)
    h = filters.company(g, ["inv"])
    assert set(h) == {"inv", "s", "p5", "b"}
    assert pairs(h) == [("INVESTED_IN", "inv", "s"), ("JOINED", "p5", "inv"), ("WORKED_AT", "p5", "b")]
    # a group's members are organisations: the group and its members only
    assert set(filters.company(g, ["grp"])) == {"grp", "a", "b"}
    assert filters.company(g, ["grp"]).number_of_edges() == 2


def test_company_of_a_venture(g):
    # s: p3 (founder; widened to a and b) and inv
    h = filters.company(g, ["s"])
    assert set(h) == {"s", "p3", "inv", "a", "b"}
    assert pairs(h) == [
        ("APPROACHED", "b", "p3"),
        ("FOUNDED", "p3", "s"),
        ("INVESTED_IN", "inv", "s"),
        ("WORKED_AT", "p3", "a"),
    ]


def test_several_companies_keep_the_union(g):
    h = filters.company(g, ["grp", "inv"])
    assert set(h) == {"grp", "a", "b", "inv", "s", "p5"}
    assert h.number_of_edges() == 5  # two memberships, the investment, p5's job and join


def test_company_of_nothing_is_empty(g):
    h = filters.company(g, [])
    assert h.number_of_nodes() == 0 and h.number_of_edges() == 0


# ------------------------------------------------------------------ --person
def test_person(g):
    assert set(filters.person(g, ["p3"])) == {"p3", "a", "s", "b"}
    assert pairs(filters.person(g, ["p3"])) == [
        ("APPROACHED", "b", "p3"),
        ("FOUNDED", "p3", "s"),
        ("WORKED_AT", "p3", "a"),
    ]
    h = filters.person(g, ["p5"])
    assert set(h) == {"p5", "b", "inv"} and h.number_of_edges() == 2
    assert set(filters.person(g, ["p2", "p4"])) == {"p2", "p4", "b"}


# ------------------------------------------------------------------ --ego
def test_ego_depths(g):
    assert set(filters.ego(g, "p1", 0)) == {"p1"}
    assert set(filters.ego(g, "p1", 1)) == {"p1", "a", "b"}
    # two steps: a's p3 p6 grp e1; b's p2 p3 p4 p5 grp
    two = {"p1", "a", "b", "p3", "p6", "grp", "e1", "p2", "p4", "p5"}
    assert set(filters.ego(g, "p1", 2)) == two
    # three: s (through p3) and inv (through p5): everything
    assert set(filters.ego(g, "p1", 3)) == ALL_NODES
    # direction is ignored: b reaches p3 by its APPROACHED edge and p1 by p1's JOINED
    assert {"p3", "p1"} <= set(filters.ego(g, "b", 1))
    assert set(filters.ego(g, "p1")) == {"p1", "a", "b"}  # one step unless told


def test_ids_may_be_any_iterable(g):
    assert set(filters.company(g, (c for c in ["inv"]))) == {"inv", "s", "p5", "b"}
    assert set(filters.person(g, iter(["p5"]))) == {"p5", "b", "inv"}
    assert set(filters.types(g, (t for t in ["HAD_EVENT"]))) == {"a", "e1"}
    h = filters.apply(g, companies=(c for c in ["inv"]), people=iter([]), type_names=iter([]))
    assert set(h) == {"inv", "s", "p5", "b"} and h.number_of_edges() == 3


# ------------------------------------------------------------------ --types
def test_types_keep_those_relationships_and_their_nodes(g):
    h = filters.types(g, ["FOUNDED", "INVESTED_IN"])
    assert set(h) == {"p3", "s", "inv"}
    assert pairs(h) == [("FOUNDED", "p3", "s"), ("INVESTED_IN", "inv", "s")]
    assert set(filters.types(g, ["HAD_EVENT"])) == {"a", "e1"}
    empty = filters.types(g, [])
    assert empty.number_of_nodes() == 0
    assert empty.graph["sources"] == g.graph["sources"]


def test_edge_filters_keep_keys_and_attributes(g):
    h = filters.types(g, ["JOINED"])
    for u, v, k, d in h.edges(keys=True, data=True):
        assert d == g.edges[u, v, k]
    assert h.nodes["inv"] == g.nodes["inv"] and h.nodes["p5"]["name"] == "Person p5"
    assert h.graph["claims"] == g.graph["claims"]


# ------------------------------------------------------------------ --since / --until / --possible
@pytest.mark.parametrize(
    ("since", "until", "possible", "nodes", "edges"),
    [
        # certainly in January-March 2025: E1, E10, E11
        ("2025-01", "2025-03", False, {"p1", "a", "b", "p3", "e1"}, 3),
        ("2025-01", "2025-04", False, {"p1", "a", "b", "p3", "e1"}, 4),  # + E2
        # possibly: the undated E4, E8, E9 too (E14 ended by 15 May 2024)
        ("2025-01", "2025-03", True, {"p1", "a", "b", "p3", "e1", "grp"}, 6),
        # one day: E12 and E13 (dated by its move); not E5, which may be earlier
        ("2024-06-30", "2024-06-30", False, {"p5", "b", "inv"}, 2),
        # since July 2024: E1 E2 E6 E7 E10 E11
        ("2024-07", None, False, {"p1", "a", "b", "p4", "inv", "s", "p3", "e1"}, 6),
        # until 30 June 2024: E3 E5 E12 E13; E14 has no first day, so it is not certain
        (None, "2024-06-30", False, {"p2", "b", "p3", "s", "p5", "inv"}, 4),
        (None, "2024-06-29", False, {"p2", "b"}, 1),  # E3 only
        # possibly by 29 June: E3, E5, E14, and the undated E4 E8 E9
        (None, "2024-06-29", True, {"p2", "b", "p3", "s", "a", "p6", "grp"}, 6),
    ],
)
def test_period(g, since, until, possible, nodes, edges):
    h = filters.period(g, since, until, possible)
    assert set(h) == nodes
    assert h.number_of_edges() == edges


def test_possible_touches_the_period_on_its_first_or_last_day(g):
    # E1 (March 2025) and E2 (April 2025) on either side of midnight, 31 March
    last_march = filters.period(g, "2025-03-31", "2025-03-31", possible=True)
    assert last_march.has_edge("p1", "a") and not last_march.has_edge("p1", "b")
    first_april = filters.period(g, "2025-04-01", "2025-04-01", possible=True)
    assert first_april.has_edge("p1", "b") and not first_april.has_edge("p1", "a")
    # E14 may have happened on 15 May 2024, not later
    assert filters.period(g, "2024-05-15", None, possible=True).has_edge("p6", "a")
    assert not filters.period(g, "2024-05-16", None, possible=True).has_edge("p6", "a")


def test_undated_facts_are_in_no_period_for_certain(g):
    for since, until in (("1900", "2100"), ("2025-01", None), (None, "2025-01")):
        h = filters.period(g, since, until)
        assert not h.has_edge("p3", "a") and not h.has_edge("a", "grp")
        assert filters.period(g, since, until, possible=True).has_edge("a", "grp")


def test_period_dates_a_graph_that_was_not_dated_yet():
    h = nx.MultiDiGraph()
    h.add_node("x", kind="Person", name="X")
    h.add_node("o", kind="Company", name="O")
    h.add_edge("x", "o", key="k", type="WORKED_AT", start="2020", end="2025-03")
    assert list(filters.period(h, "2025-03", "2025-03").edges(keys=True)) == [("x", "o", "k")]


def test_a_span_is_a_value():
    span = filters.Span(D(2025, 1, 1), None, dated=True)
    assert {span: 1}[filters.Span(D(2025, 1, 1), None, dated=True)] == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.dated = False  # type: ignore[misc]


def test_fact_span():
    assert filters.fact_span({}) == filters.Span(None, None, dated=False)
    assert filters.fact_span({"when": "", "when_earliest": "2025-01-01"}).dated is False
    assert filters.fact_span(
        {"when": "2025-40", "when_earliest": "2025-01-01", "when_latest": "2025-06-30"}
    ) == filters.Span(dt.date(2025, 1, 1), dt.date(2025, 6, 30), dated=True)
    assert filters.fact_span(
        {"when": "../2025-06", "when_earliest": "", "when_latest": "2025-06-30"}
    ) == filters.Span(None, dt.date(2025, 6, 30), dated=True)


D = dt.date


@pytest.mark.parametrize(
    ("span", "certain", "possible"),
    [
        (filters.Span(D(2025, 1, 1), D(2025, 6, 30), True), True, True),  # exactly the period
        (filters.Span(D(2024, 12, 31), D(2025, 6, 30), True), False, True),  # a day before
        (filters.Span(D(2025, 1, 1), D(2025, 7, 1), True), False, True),  # a day after
        (filters.Span(D(2025, 7, 1), D(2025, 7, 1), True), False, False),  # the day after
        (filters.Span(D(2024, 12, 31), D(2024, 12, 31), True), False, False),  # the day before
        (filters.Span(D(2025, 6, 30), D(2025, 12, 31), True), False, True),  # overlaps the last day
        (filters.Span(D(2024, 1, 1), D(2025, 1, 1), True), False, True),  # overlaps the first day
        (filters.Span(None, D(2025, 3, 1), True), False, True),  # open start
        (filters.Span(D(2025, 3, 1), None, True), False, True),  # open end
        (filters.Span(None, D(2024, 12, 31), True), False, False),
        (filters.Span(D(2025, 7, 1), None, True), False, False),
        (filters.Span(None, None, True), False, True),
        (filters.Span(None, None, False), False, True),  # undated
        (filters.Span(D(2025, 3, 1), D(2025, 3, 1), False), False, True),  # undated, whatever its days
        (filters.Span(D(2026, 3, 1), D(2026, 3, 1), False), False, True),
    ],
)
def test_in_period(span, certain, possible):
    since, until = D(2025, 1, 1), D(2025, 6, 30)
    assert filters.in_period(span, since, until) is certain
    assert filters.in_period(span, since, until, possible=True) is possible


def test_bounds():
    assert filters.bounds(None, None) == (dt.date.min, dt.date.max)
    assert filters.bounds("2025-40", "2025") == (D(2025, 1, 1), D(2025, 12, 31))
    assert filters.bounds("2025-06", "2025-06") == (D(2025, 6, 1), D(2025, 6, 30))
    assert filters.bounds("2025-06-30", "2025-06-30") == (D(2025, 6, 30), D(2025, 6, 30))
    assert filters.bounds(None, "2024-36") == (dt.date.min, D(2024, 12, 31))
    assert filters.bounds("2024-36", "") == (D(2024, 10, 1), dt.date.max)
    # open ends run to the beginning or end of time
    assert filters.bounds("../2025", "2025-01/..") == (dt.date.min, dt.date.max)


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        ("2025-06-30", "2025-06-29", "--until 2025-06-29 is before --since 2025-06-30"),
        ("2025-07", "2025-40", "--until 2025-40 is before --since 2025-07"),
        ("2025-13", None, "invalid date '2025-13'"),
        (None, "soon", "invalid date 'soon'"),
        ("2025-02-30", None, "invalid date '2025-02-30'"),
    ],
)
def test_bounds_errors(since, until, message):
    with pytest.raises(SettingsError, match=message):
        filters.bounds(since, until)


# ------------------------------------------------------------------ apply: the options together
def test_apply_with_no_option_keeps_everything(g):
    h = filters.apply(g)
    assert set(h) == set(g) and h.number_of_edges() == g.number_of_edges()


def test_apply_companies_and_people_keep_the_union(g):
    h = filters.apply(g, companies=["inv"], people=["p2"])
    assert set(h) == {"inv", "s", "p5", "b", "p2"}
    assert pairs(h) == [
        ("INVESTED_IN", "inv", "s"),
        ("JOINED", "p5", "inv"),
        ("WORKED_AT", "p2", "b"),
        ("WORKED_AT", "p5", "b"),
    ]
    assert set(filters.apply(g, people=["p2"])) == {"p2", "b"}
    assert set(filters.apply(g, companies=["grp"])) == {"grp", "a", "b"}


def test_apply_narrows_in_turn(g):
    # ego within the company's subgraph: b has only p5 there
    assert set(filters.apply(g, companies=["inv"], ego_node="b")) == {"b", "p5"}
    assert set(filters.apply(g, companies=["inv"], ego_node="b", depth=2)) == {"b", "p5", "inv"}
    assert set(filters.apply(g, ego_node="p1")) == {"p1", "a", "b"}  # depth 1 by default
    assert set(filters.apply(g, people=["p3"], type_names=["FOUNDED"])) == {"p3", "s"}
    h = filters.apply(g, type_names=["WORKED_AT"], since="2025-01", until="2025-03")
    assert pairs(h) == [("WORKED_AT", "p1", "a")]
    h = filters.apply(g, companies=["a"], since="2025-01", until="2025-03")
    assert set(h) == {"p1", "a", "b", "p3", "e1"}
    h = filters.apply(
        g, ego_node="a", type_names=["WORKED_AT", "MEMBER_OF"], until="2024-06-29", possible=True
    )
    # ego a: p1 p3 p6 grp e1; WORKED_AT/MEMBER_OF among them: E1 E4 E14 E8; possibly by 29 June 2024:
    # E4 (undated), E14 (by 15 May), E8 (undated); not E1 (March 2025)
    assert pairs(h) == [("MEMBER_OF", "a", "grp"), ("WORKED_AT", "p3", "a"), ("WORKED_AT", "p6", "a")]
    assert set(filters.apply(g, since="2025-04")) == {"p1", "b"}


def test_apply_possible_widens_a_range(g):
    certain = filters.apply(g, since="2025-01", until="2025-03")
    possible = filters.apply(g, since="2025-01", until="2025-03", possible=True)
    assert set(possible) - set(certain) == {"grp"}
    assert filters.apply(g, until="2024-06-29", possible=True).number_of_edges() == 6


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"possible": True}, r"--possible needs --since and/or --until \(it widens a date range\)"),
        ({"possible": True, "companies": ["a"]}, "--possible needs --since and/or --until"),
        ({"companies": ["nope"]}, "unknown company 'nope'"),
        ({"people": ["nobody"]}, "unknown person 'nobody'"),
        ({"companies": ["a"], "people": ["nobody"]}, "unknown person 'nobody'"),
        ({"ego_node": "ghost"}, "unknown node 'ghost'"),
        ({"companies": ["inv"], "ego_node": "p1"}, "unknown node 'p1'"),  # not in inv's subgraph
        ({"ego_node": "p1", "depth": -1}, "depth must be 0 or more, not -1"),
        ({"type_names": ["LIKES"]}, "unknown relationship type 'LIKES' \\(known: WORKED_AT, JOINED, "),
        ({"type_names": ["ZED", "ABC", "JOINED"]}, "unknown relationship type 'ABC'"),
        ({"since": "2025-06", "until": "2025-01"}, "--until 2025-01 is before --since 2025-06"),
        ({"since": "June"}, "invalid date 'June'"),
    ],
)
def test_apply_errors(g, kwargs, message):
    with pytest.raises(SettingsError, match=message):
        filters.apply(g, **kwargs)


def test_filters_return_independent_copies(g):
    for h in (
        filters.company(g, ["a"]),
        filters.person(g, ["p1"]),
        filters.ego(g, "p1", 1),
        filters.types(g, ["WORKED_AT"]),
        filters.period(g, "2025-01", "2025-06"),
    ):
        h.add_node("new", kind="Person")
        h.nodes["p1"]["name"] = "changed"
    assert "new" not in g and g.nodes["p1"]["name"] == "Person p1"
    assert g.number_of_edges() == 14


# ------------------------------------------------------------------ --as-of
def test_as_of_a_day(g):
    h = periods.as_of(g, dt.date(2025, 3, 15))
    assert set(h) == set(g)  # every node stays
    # dropped: E2 (joined in April) and E11 (the event may be after the 15th)
    assert h.number_of_edges() == 12
    assert not h.has_edge("p1", "b") and not h.has_edge("a", "e1")
    # p1 may not have left a by 15 March: a current job, dated by its start
    job = next(iter(h.get_edge_data("p1", "a").values()))
    assert (job["end"], job["when"], job["when_earliest"], job["when_latest"]) == (
        "",
        "2020",
        "2020-01-01",
        "2020-12-31",
    )
    possible = periods.as_of(g, dt.date(2025, 3, 15), include_possible=True)
    assert possible.number_of_edges() == 13  # E1 ends, E11 happened: both possibly by then
    assert next(iter(possible.get_edge_data("p1", "a").values()))["end"] == "2025-03"


def test_as_of_the_day_before_a_departure(g):
    h = periods.as_of(g, dt.date(2024, 6, 29))
    # kept: E1 E6 E12 as current jobs, E3, the undated E4 E8 E9, E14 (left by 15 May).
    # Dropped: E2 E5 E7 E10 E11 (later), E13 (an undated join dated by p5's move on 30 June).
    assert pairs(h) == [
        ("MEMBER_OF", "a", "grp"),
        ("MEMBER_OF", "b", "grp"),
        ("WORKED_AT", "p1", "a"),
        ("WORKED_AT", "p2", "b"),
        ("WORKED_AT", "p3", "a"),
        ("WORKED_AT", "p4", "b"),
        ("WORKED_AT", "p5", "b"),
        ("WORKED_AT", "p6", "a"),
    ]
    ends = {u: d["end"] for u, v, d in h.edges(data=True) if d["type"] == "WORKED_AT"}
    assert ends == {"p1": "", "p2": "", "p3": "", "p4": "", "p5": "", "p6": "../2024-05-15"}
    # a day later p5 has left b and joined inv
    later = periods.as_of(g, dt.date(2024, 6, 30))
    assert later.has_edge("p5", "inv")
    assert next(iter(later.get_edge_data("p5", "b").values()))["end"] == "2024-06-30"


# ------------------------------------------------------------------ rules over random graphs
ALL_ORGS = ORGS + STARTUPS
DATES = [None, "2019", "2020-40", "2021-06", "2022-06-30", "2023-41", "2025"]


def graph_of(people: list[list[tuple[str, str, str, str, str]]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.graph["name"] = "random"
    for o in ALL_ORGS:
        g.add_node(o, kind="Startup" if o in STARTUPS else "Company", name=o.upper())
    g.add_node("grp", kind="Group", name="GRP")
    g.add_edge("a", "grp", key="m-a", type="MEMBER_OF", start="", end="")
    g.add_edge("b", "grp", key="m-b", type="MEMBER_OF", start="", end="")
    g.add_edge("c", "s1", key="i-c", type="INVESTED_IN", start="2022", end="")
    for i, career in enumerate(people):
        g.add_node(f"p{i}", kind="Person", name=f"P{i}")
        for j, (kind, org, role, start, end) in enumerate(career):
            g.add_edge(f"p{i}", org, key=f"k{i}-{j}", type=kind, role=role, start=start, end=end)
    gc.ensure(g)
    return g


def same(h1: nx.MultiDiGraph, h2: nx.MultiDiGraph) -> bool:
    return set(h1) == set(h2) and set(h1.edges(keys=True)) == set(h2.edges(keys=True))


def edges_of(h: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    return set(h.edges(keys=True))


SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(people=careers(max_people=5), org=st.sampled_from([*ALL_ORGS, "grp"]))
def test_company_filter_never_adds_and_is_idempotent(people, org):
    g = graph_of(people)
    h = filters.company(g, [org])
    assert set(h) <= set(g) and edges_of(h) <= edges_of(g)
    assert org in h and set(nx.all_neighbors(g, org)) <= set(h)
    for u, v, k, d in h.edges(keys=True, data=True):
        assert d == g.edges[u, v, k]
    assert same(filters.company(h, [org]), h)
    # the subgraph is induced: every edge of g between kept nodes is kept
    assert edges_of(h) == {(u, v, k) for u, v, k in g.edges(keys=True) if u in h and v in h}


@SETTINGS
@given(people=careers(max_people=5), who=st.integers(0, 4), depth=st.integers(0, 3))
def test_person_and_ego_filters_never_add_and_are_idempotent(people, who, depth):
    g = graph_of(people)
    p = f"p{who % len(people)}"
    h = filters.person(g, [p])
    assert set(h) == {p, *nx.all_neighbors(g, p)}
    assert same(filters.person(h, [p]), h)
    e = filters.ego(g, p, depth)
    assert set(e) <= set(filters.ego(g, p, depth + 1)) <= set(g)
    assert same(filters.ego(e, p, depth), e)
    assert set(filters.ego(g, p, 1)) == set(h)
    assert same(
        filters.apply(g, companies=["a"], people=[p]), g.subgraph(set(filters.company(g, ["a"])) | set(h))
    )


@SETTINGS
@given(
    people=careers(max_people=5),
    since=st.sampled_from(DATES),
    until=st.sampled_from(DATES),
    names=st.sets(st.sampled_from(["WORKED_AT", "JOINED", "FOUNDED", "INVESTED_IN", "MEMBER_OF"])),
)
def test_edge_filters_narrow_commute_and_are_idempotent(people, since, until, names):
    g = graph_of(people)
    t = filters.types(g, names)
    assert {d["type"] for _, _, d in t.edges(data=True)} <= names
    assert same(filters.types(t, names), t)
    if since and until and filters.bounds(since, None)[0] > filters.bounds(None, until)[1]:
        with pytest.raises(SettingsError, match="is before --since"):
            filters.period(g, since, until)
        return
    certain = filters.period(g, since, until)
    possible = filters.period(g, since, until, possible=True)
    assert edges_of(certain) <= edges_of(possible) <= edges_of(g)
    assert same(filters.period(certain, since, until), certain)
    assert same(filters.period(possible, since, until, possible=True), possible)
    # an edge filter and a date filter give the same, in either order
    assert same(filters.period(t, since, until), filters.types(certain, names))
    undated = {(u, v, k) for u, v, k, w in g.edges(keys=True, data="when") if not w}
    assert not undated & edges_of(certain)
    if since or until:
        assert undated <= edges_of(possible)
    if names and (since or until):
        # (no type names means no type filter)
        assert same(
            filters.apply(g, type_names=sorted(names), since=since, until=until),
            filters.types(certain, names),
        )
