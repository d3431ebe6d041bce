"""Counts that depend on a disputed value, as ranges (graphkit/graph/disputes.py).

Every graph here is built by ``graphkit.build_graph`` from tiny data folders written in
``tmp_path`` (one source per folder, named like the folder), except two hand-built graphs
that hold what the validator never lets through. Every expected value is worked out by
hand from the rows; the comments say how.

Reminders used throughout (graphkit/ingest/combine.py, graphkit/graph/careers.py,
graphkit/graph/periods.py):

* two folders that date one stint's end differently make one fact with a disputed end;
  the graph carries the value of the later-published folder;
* a stint that ended is a departure, dated by its end; a fact is dated by its end, or by
  its start when it has no end; the half-years counted are those from the earliest to
  the latest day of the graph's dated facts; a move counts in a half-year only when its
  date certainly falls in it (``2019`` falls in neither half of 2019);
* a count is reported only when some combination of the sources' values changes it, as
  ``CountRange(count, period, value in the graph, low, high)``; people no disagreement
  touches add the same number to ``value``, ``low`` and ``high``.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import graphkit
from graphkit.graph import disputes
from graphkit.graph.disputes import CountRange

REL_HEADER = "type,from,to,role,start,end,status,sources,evidence\n"


def folder(
    path: Path,
    published: str,
    *,
    people: str = "",
    orgs: str = "",
    rels: list[tuple[str, ...]] = (),  # type: ignore[assignment]
) -> Path:
    """A data folder with one source (its id is the folder's name, published on
    ``published``), the people (``id,name,unnamed`` lines), the organisations
    (``id,kind,name`` lines) and the relationship rows (type, from, to, role, start, end
    [, status]) given; every row cites the folder's source."""
    path.mkdir(parents=True, exist_ok=True)
    sid = path.name
    (path / "sources.csv").write_text(
        f"id,title,publisher,published\n{sid},Report {sid},Press,{published}\n", "utf-8"
    )
    if people:
        (path / "people.csv").write_text("id,name,unnamed\n" + people, "utf-8")
    if orgs:
        (path / "organisations.csv").write_text("id,kind,name\n" + orgs, "utf-8")
    lines = []
    for r in rels:
        kind, source, target, role, start, end, *rest = r
        status = rest[0] if rest else "confirmed"
        lines.append(f"{kind},{source},{target},{role},{start},{end},{status},{sid},{source} at {target}.\n")
    (path / "relationships.csv").write_text(REL_HEADER + "".join(lines), "utf-8")
    return path


ORGS = "A,Company,Aco\nB,Company,Bco\nC,Company,Cco\nS,Startup,Sco\nV,Investor,Vfund\n"


def fields(g: nx.MultiDiGraph) -> list[tuple[str, str, list[str]]]:
    """(field, subject, values) of each of the graph's disagreements, in order."""
    return [(d["field"], d["subject"], [v["value"] for v in d["values"]]) for d in g.graph["disagreements"]]


# --------------------------------------------------------------- combinations
def two_disputed_ends(tmp_path: Path) -> nx.MultiDiGraph:
    """Pat's two stints, each end disputed; Quinn, whom no disagreement touches, left C.

    a (2024-01-01): Pat at A 2018..2020-09, at B 2019..2020-10; Quinn at C 2015..2020-05
    b (2024-06-01): Pat at A 2018..2020-03, at B 2019..2021-03
    """
    a = folder(
        tmp_path / "a",
        "2024-01-01",
        people="P,Pat,\nQ,Quinn,\n",
        orgs=ORGS,
        rels=[
            ("WORKED_AT", "P", "A", "", "2018", "2020-09"),
            ("WORKED_AT", "P", "B", "", "2019", "2020-10"),
            ("WORKED_AT", "Q", "C", "", "2015", "2020-05"),
        ],
    )
    b = folder(
        tmp_path / "b",
        "2024-06-01",
        rels=[("WORKED_AT", "P", "A", "", "2018", "2020-03"), ("WORKED_AT", "P", "B", "", "2019", "2021-03")],
    )
    g = graphkit.build_graph([a, b])
    # the two disputes, in the order of their facts, each with a's value first
    assert fields(g) == [
        ("end", "WORKED_AT P -> A", ["2020-09", "2020-03"]),
        ("end", "WORKED_AT P -> B", ["2020-10", "2021-03"]),
    ]
    return g


# In the graph (b is the later source): Pat left A in 2020-03 and B in 2021-03, Quinn left C
# in 2020-05. The half-years: from the earliest fact date (2020-03) to the latest (2021-03):
# 2020H1, 2020H2, 2021H1. In the graph: 2020H1 2 (Pat's A, Quinn), 2020H2 0, 2021H1 1, all 3.
# Pat under the four combinations (A's end, B's end) -> (2020H1, 2020H2, 2021H1):
#   (2020-09, 2020-10) -> (0, 2, 0)      (2020-03, 2020-10) -> (1, 1, 0)
#   (2020-09, 2021-03) -> (0, 1, 1)      (2020-03, 2021-03) -> (1, 0, 1)  (the graph's)
# so 2020H1 0-1, 2020H2 0-2, 2021H1 0-1, and always 2 in all (left out). Quinn adds 1 to
# 2020H1 (and to all).
EVERY_COMBINATION = [
    CountRange("departures", "2020H1", 2, 1, 2),
    CountRange("departures", "2020H2", 0, 0, 2),
    CountRange("departures", "2021H1", 1, 0, 1),
]


def test_every_combination_of_two_disputed_ends(tmp_path: Path):
    assert disputes.departure_ranges(two_disputed_ends(tmp_path)) == EVERY_COMBINATION


def test_at_the_limit_every_combination_is_still_tried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # 2 x 2 = 4 combinations, and 4 are allowed: all four are tried
    monkeypatch.setattr(disputes, "MAX_COMBINATIONS", 4)
    assert disputes.departure_ranges(two_disputed_ends(tmp_path)) == EVERY_COMBINATION


def test_past_the_limit_each_dispute_is_varied_on_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # 4 combinations, 3 allowed: the first value of every dispute (a's: 2020-09, 2020-10), then
    # each dispute alone on its other value: (2020-03, 2020-10) and (2020-09, 2021-03).
    # Pat: (0, 2, 0), (1, 1, 0), (0, 1, 1): 2020H1 0-1, 2020H2 1-2, 2021H1 0-1. The graph's
    # combination (2020-03, 2021-03) is not among them: 2020H2's value 0 lies outside 1-2.
    monkeypatch.setattr(disputes, "MAX_COMBINATIONS", 3)
    assert disputes.departure_ranges(two_disputed_ends(tmp_path)) == [
        CountRange("departures", "2020H1", 2, 1, 2),
        CountRange("departures", "2020H2", 0, 1, 2),
        CountRange("departures", "2021H1", 1, 0, 1),
    ]


def test_one_at_a_time_with_a_limit_of_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # the same three combinations whatever the limit past which they are tried one at a time
    monkeypatch.setattr(disputes, "MAX_COMBINATIONS", 1)
    assert [(c.period, c.low, c.high) for c in disputes.departure_ranges(two_disputed_ends(tmp_path))] == [
        ("2020H1", 1, 2),
        ("2020H2", 1, 2),
        ("2021H1", 0, 1),
    ]


def test_combinations_each_on_its_own():
    # three disputes of 2, 3 and 2 values: 12 combinations; past a limit of 5 the first value
    # of each, then every other value of one dispute with the first of the others: 1 + 1 + 2 + 1
    options = [[("k1", "end", "x1"), ("k1", "end", "x2")],
               [("k2", "end", "y1"), ("k2", "end", "y2"), ("k2", "end", "y3")],
               [("k3", "start", "z1"), ("k3", "start", "z2")]]  # fmt: skip
    x1, x2 = options[0]
    y1, y2, y3 = options[1]
    z1, z2 = options[2]
    assert disputes._combinations(options) == [
        (a, b, c) for a in (x1, x2) for b in (y1, y2, y3) for c in (z1, z2)
    ]  # 12 <= 256: all of them
    old = disputes.MAX_COMBINATIONS
    try:
        disputes.MAX_COMBINATIONS = 12
        assert len(disputes._combinations(options)) == 12  # exactly at the limit: all
        disputes.MAX_COMBINATIONS = 11
        assert disputes._combinations(options) == [
            (x1, y1, z1),
            (x2, y1, z1),
            (x1, y2, z1),
            (x1, y3, z1),
            (x1, y1, z2),
        ]
    finally:
        disputes.MAX_COMBINATIONS = old


# ------------------------------------------------------------------ who counts
def test_the_people_no_disagreement_touches_shift_every_bound(tmp_path: Path):
    # Pat left A in 2020-03 (a, the later source) or 2020-09 (b); Quinn left C in 2020-05 and
    # Rosa left B in 2020-11, each told by one folder. Half-years 2020H1, 2020H2.
    # Graph: 2020H1 2 (Pat, Quinn), 2020H2 1 (Rosa), all 3. Pat alone: 2020H1 0-1, 2020H2 0-1,
    # all 1-1 (left out). Quinn adds 1 to 2020H1, Rosa 1 to 2020H2.
    a = folder(
        tmp_path / "a",
        "2024-06-01",
        people="P,Pat,\nQ,Quinn,\nR,Rosa,\n",
        orgs=ORGS,
        rels=[
            ("WORKED_AT", "P", "A", "", "2018", "2020-03"),
            ("WORKED_AT", "Q", "C", "", "2015", "2020-05"),
        ],
    )
    b = folder(
        tmp_path / "b",
        "2024-01-01",
        rels=[("WORKED_AT", "P", "A", "", "2018", "2020-09"), ("WORKED_AT", "R", "B", "", "2016", "2020-11")],
    )
    assert disputes.departure_ranges(graphkit.build_graph([a, b])) == [
        CountRange("departures", "2020H1", 2, 1, 2),
        CountRange("departures", "2020H2", 1, 1, 2),
    ]


def test_left_or_stayed_changes_the_total(tmp_path: Path):
    # Pat left A in 2020-03 says a (2020-06-01); b, published 2024-01-01 (after 2020-03), has
    # him still there: the graph uses b's value, no end. Quinn left C in 2020-05.
    # Fact dates: Pat's start 2018 (no end in the graph), Quinn's 2020-05: 2018H1 to 2020H1.
    # Graph: 2020H1 1 (Quinn), all 1. Pat: no departure, or one in 2020H1: 0-1 in both.
    a = folder(
        tmp_path / "a",
        "2020-06-01",
        people="P,Pat,\nQ,Quinn,\n",
        orgs=ORGS,
        rels=[("WORKED_AT", "P", "A", "", "2018", "2020-03"), ("WORKED_AT", "Q", "C", "", "2015", "2020-05")],
    )
    b = folder(tmp_path / "b", "2024-01-01", rels=[("WORKED_AT", "P", "A", "", "2018", "")])
    g = graphkit.build_graph([a, b])
    assert fields(g) == [("end", "WORKED_AT P -> A", ["2020-03", ""])]
    assert disputes.departure_ranges(g) == [
        CountRange("departures", "2020H1", 1, 1, 2),
        CountRange("departures", "all", 1, 1, 2),
    ]


def test_other_people_at_the_same_organisation_are_not_recounted(tmp_path: Path):
    # Pat left A in 2020-09 (a, later) or 2020-03 (b); Quinn joined A in 2019 and is still
    # there. Fact dates: Pat's end 2020-09, Quinn's start 2019: 2019H1 to 2020H2.
    # Graph: 2020H2 1 (Pat). Pat alone: 2020H1 0-1, 2020H2 0-1. (Were Quinn's open stint
    # at A counted as Pat's, Pat would never leave A.)
    a = folder(
        tmp_path / "a",
        "2024-06-01",
        people="P,Pat,\nQ,Quinn,\n",
        orgs=ORGS,
        rels=[("WORKED_AT", "P", "A", "", "2018", "2020-09"), ("WORKED_AT", "Q", "A", "", "2019", "")],
    )
    b = folder(tmp_path / "b", "2024-01-01", rels=[("WORKED_AT", "P", "A", "", "2018", "2020-03")])
    assert disputes.departure_ranges(graphkit.build_graph([a, b])) == [
        CountRange("departures", "2020H1", 0, 0, 1),
        CountRange("departures", "2020H2", 1, 0, 1),
    ]


def test_an_unnamed_person_is_recounted_too(tmp_path: Path):
    # "a senior engineer" (unnamed) left A in 2020-03 (a, later) or 2020-09 (b), her only fact.
    # Fact dates: 2020-03 only: 2020H1. Graph: 2020H1 1; the other value, 2020-09, falls in
    # no counted half-year: 2020H1 0-1; all 1-1.
    a = folder(
        tmp_path / "a",
        "2024-06-01",
        people="E,a senior engineer,true\n",
        orgs=ORGS,
        rels=[("WORKED_AT", "E", "A", "", "2018", "2020-03")],
    )
    b = folder(tmp_path / "b", "2024-01-01", rels=[("WORKED_AT", "E", "A", "", "2018", "2020-09")])
    g = graphkit.build_graph([a, b])
    assert g.nodes["E"]["unnamed"] is True
    assert disputes.departure_ranges(g) == [CountRange("departures", "2020H1", 1, 0, 1)]


def test_a_founder_who_left_is_a_departure(tmp_path: Path):
    # Pat founded S in 2015 and left it in 2020-09 (a, later) or 2020-03 (b): an arrival that
    # ended is a departure too. Fact dates: 2020-09 only (FOUNDED is dated by its end): 2020H2.
    # Graph: 2020H2 1; with b's value, 0 in 2020H2: 0-1.
    a = folder(
        tmp_path / "a",
        "2024-06-01",
        people="P,Pat,\n",
        orgs=ORGS,
        rels=[("FOUNDED", "P", "S", "", "2015", "2020-09")],
    )
    b = folder(tmp_path / "b", "2024-01-01", rels=[("FOUNDED", "P", "S", "", "2015", "2020-03")])
    assert disputes.departure_ranges(graphkit.build_graph([a, b])) == [
        CountRange("departures", "2020H2", 1, 0, 1)
    ]


def test_an_undated_arrival_at_the_same_organisation(tmp_path: Path):
    # Pat worked at A 2015..2016-06 (a, later) or 2016-09 (b); a also says he joined A again,
    # undated. An undated arrival after a tenure that ended (and began in 2015) is a return:
    # it starts a new tenure, which has not ended; the first tenure's end is a departure.
    # (Were the arrival read as a job with no dates, it would span both and Pat never left.)
    # Fact dates: 2016-06 (the JOINED takes the date of no move: undated): 2016H1.
    # Graph: 2016H1 1; b's 2016-09 falls in no counted half-year: 2016H1 0-1.
    a = folder(
        tmp_path / "a",
        "2024-06-01",
        people="P,Pat,\n",
        orgs=ORGS,
        rels=[("WORKED_AT", "P", "A", "", "2015", "2016-06"), ("JOINED", "P", "A", "", "", "")],
    )
    b = folder(tmp_path / "b", "2024-01-01", rels=[("WORKED_AT", "P", "A", "", "2015", "2016-09")])
    g = graphkit.build_graph([a, b])
    assert g.number_of_edges() == 2
    assert disputes.departure_ranges(g) == [CountRange("departures", "2016H1", 1, 0, 1)]


def test_a_later_stint_at_the_same_organisation_stays_a_second_tenure(tmp_path: Path):
    # a (2024-06-01) and b (2024-01-01) date the end of Pat's first stint at A (from 2015)
    # 2016-06 and 2016-09: one fact, end disputed, the graph a's 2016-06. c (2024-03-01) has
    # his second stint, 2018..2019: its start cannot be 2015 and the ends cannot meet, so it
    # is a second fact. The starts keep the two stints apart (2016 < 2018): two tenures, two
    # departures. Fact dates: 2016-06 and 2019: 2016H1 to 2019H2. "2019" falls in neither
    # half of 2019, so only all counts it. Graph: 2016H1 1, 2016H2 0, all 2.
    # Pat: 2016H1 1 or 0, 2016H2 0 or 1, all 2 either way.
    a = folder(
        tmp_path / "a",
        "2024-06-01",
        people="P,Pat,\n",
        orgs=ORGS,
        rels=[("WORKED_AT", "P", "A", "", "2015", "2016-06")],
    )
    b = folder(tmp_path / "b", "2024-01-01", rels=[("WORKED_AT", "P", "A", "", "2015", "2016-09")])
    c = folder(tmp_path / "c", "2024-03-01", rels=[("WORKED_AT", "P", "A", "", "2018", "2019")])
    g = graphkit.build_graph([a, b, c])
    assert sorted(k for _, _, k in g.edges(keys=True)) == [
        "WORKED_AT:P->A::2015:2016-06",
        "WORKED_AT:P->A::2018:2019",
    ]
    assert disputes.departure_ranges(g) == [
        CountRange("departures", "2016H1", 1, 0, 1),
        CountRange("departures", "2016H2", 0, 0, 1),
    ]


# --------------------------------------------------------- what is not recounted
def test_disputes_that_move_nobody_are_left_out(tmp_path: Path):
    # a name (people are named differently), a role (CTO / CFO: a role moves no one) and a
    # status (attempted / confirmed: status does not move anyone either). No count changes.
    a = folder(
        tmp_path / "a",
        "2024-01-01",
        people="P,Pat,\nK,Kai,\n",
        orgs=ORGS,
        rels=[
            ("WORKED_AT", "P", "A", "CTO", "2018", "2020-03"),
            ("JOINED", "K", "B", "", "", "", "attempted"),
        ],
    )
    b = folder(
        tmp_path / "b",
        "2024-06-01",
        people="P,Patricia,\n",
        rels=[("WORKED_AT", "P", "A", "CFO", "2018", "2020-03"), ("JOINED", "K", "B", "", "2020-05", "")],
    )
    g = graphkit.build_graph([a, b])
    assert fields(g) == [
        ("name", "Person P", ["Pat", "Patricia"]),
        ("role", "WORKED_AT P -> A", ["CTO", "CFO"]),
        ("status", "JOINED K -> B", ["attempted", "confirmed"]),
    ]
    assert disputes.departure_ranges(g) == []


def test_a_name_disagreement_listed_first_does_not_stop_the_count(tmp_path: Path):
    # the person's name disagreement comes first in the list (entities before facts); the
    # end dispute after it is still counted: Pat left A in 2020-03 (b, later) or 2020-09 (a).
    # Fact dates: 2020-03: 2020H1 only. Graph 2020H1 1; 2020-09 is in no counted half-year.
    a = folder(
        tmp_path / "a",
        "2024-01-01",
        people="P,Pat,\n",
        orgs=ORGS,
        rels=[("WORKED_AT", "P", "A", "", "2018", "2020-09")],
    )
    b = folder(
        tmp_path / "b",
        "2024-06-01",
        people="P,Patricia,\n",
        rels=[("WORKED_AT", "P", "A", "", "2018", "2020-03")],
    )
    g = graphkit.build_graph([a, b])
    assert [f for f, _, _ in fields(g)] == ["name", "end"]
    assert disputes.departure_ranges(g) == [CountRange("departures", "2020H1", 1, 0, 1)]


def test_a_dispute_between_organisations_is_ignored(tmp_path: Path):
    # Vfund's investment in S: lead or follow-on (a role dispute on an INVESTED_IN edge,
    # whose source is an investor, not a person), listed before Pat's end dispute (its row
    # comes first). Only Pat is recounted: he left A in 2020-03 (b, later) or 2020-09 (a).
    a = folder(
        tmp_path / "a",
        "2024-01-01",
        people="P,Pat,\n",
        orgs=ORGS,
        rels=[
            ("INVESTED_IN", "V", "S", "Lead investor", "2019", ""),
            ("WORKED_AT", "P", "A", "", "2018", "2020-09"),
        ],
    )
    b = folder(
        tmp_path / "b",
        "2024-06-01",
        rels=[
            ("INVESTED_IN", "V", "S", "Follow-on investor", "2019", ""),
            ("WORKED_AT", "P", "A", "", "2018", "2020-03"),
        ],
    )
    g = graphkit.build_graph([a, b])
    assert [(f, s) for f, s, _ in fields(g)] == [("role", "INVESTED_IN V -> S"), ("end", "WORKED_AT P -> A")]
    # Fact dates: 2019 (the investment's start) and 2020-03: 2019H1 to 2020H1.
    assert disputes.departure_ranges(g) == [CountRange("departures", "2020H1", 1, 0, 1)]


def test_only_a_dispute_between_organisations(tmp_path: Path):
    a = folder(
        tmp_path / "a",
        "2024-01-01",
        people="P,Pat,\n",
        orgs=ORGS,
        rels=[
            ("INVESTED_IN", "V", "S", "", "2019", "2020-01"),
            ("WORKED_AT", "P", "A", "", "2018", "2020-09"),
        ],
    )
    b = folder(tmp_path / "b", "2024-06-01", rels=[("INVESTED_IN", "V", "S", "", "2019", "2021-01")])
    g = graphkit.build_graph([a, b])
    assert [(f, s) for f, s, _ in fields(g)] == [("end", "INVESTED_IN V -> S")]
    assert disputes.departure_ranges(g) == []


def test_no_disagreement_no_range(tmp_path: Path):
    a = folder(
        tmp_path / "a",
        "2024-01-01",
        people="P,Pat,\n",
        orgs=ORGS,
        rels=[("WORKED_AT", "P", "A", "", "2018", "2020-09")],
    )
    g = graphkit.build_graph(a)
    assert g.graph["disagreements"] == []
    assert disputes.departure_ranges(g) == []


# ------------------------------------------------------------- hand-built graphs
def _disagreement(key: str, field: str, *values: str) -> dict[str, object]:
    return {
        "kind": "date",
        "subject": key,
        "key": key,
        "field": field,
        "values": [
            {"value": v, "sources": [], "folder": "f", "at": "f/relationships.csv:2", "published": ""}
            for v in values
        ],
        "used": values[-1],
    }


def _edge(g: nx.MultiDiGraph, u: str, v: str, key: str, kind: str, start: str, end: str) -> None:
    g.add_edge(u, v, key=key, type=kind, role="", role_category=[], start=start, end=end)


def test_facts_that_are_not_career_facts_move_no_one():
    # The validator never lets these through, but departure_ranges reads any graph: an
    # unnamed person's WORKED_AT to another person, and a relationship type that is not a
    # career's (ADVISED) to a company, both with a disputed end. Neither is a career fact
    # (a job or an arrival at an organisation), so no count changes.
    g = nx.MultiDiGraph()
    g.add_node("E", kind="Person", unnamed=True)
    g.add_node("X", kind="Person")
    g.add_node("A", kind="Company")
    _edge(g, "E", "X", "k1", "WORKED_AT", "2015", "2016-09")
    _edge(g, "E", "A", "k2", "ADVISED", "2015", "2016-09")
    g.graph["disagreements"] = [_disagreement("k1", "end", "2016-03", "2016-09"),
                                _disagreement("k2", "end", "2016-03", "2016-09")]  # fmt: skip
    assert disputes.departure_ranges(g) == []


def test_a_disagreement_about_no_edge_is_skipped():
    # A disagreement whose key names no edge (here: first in the list) is skipped; the next
    # one is counted. Pat left A in 2016-09 (the graph) or 2016-03: fact dates 2016-09 only
    # (2016H2). Graph 2016H2 1; 2016-03 falls in no counted half-year: 2016H2 0-1.
    g = nx.MultiDiGraph()
    g.add_node("P", kind="Person")
    g.add_node("A", kind="Company")
    _edge(g, "P", "A", "k1", "WORKED_AT", "2015", "2016-09")
    g.graph["disagreements"] = [_disagreement("gone", "end", "2016-03", "2016-09"),
                                _disagreement("k1", "end", "2016-03", "2016-09")]  # fmt: skip
    assert disputes.departure_ranges(g) == [CountRange("departures", "2016H2", 1, 0, 1)]
