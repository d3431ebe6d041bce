"""The career rules (graphkit/graph/careers.py), one case each, and the second fixture dataset
(tests/fixtures/careers: an invented English-language article of ordinary careers).

Every expected value below was worked out by hand from the rows, as the comments say.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from careers_gen import write_dataset

import graphkit
from graphkit import report
from graphkit.graph import careers as gc
from graphkit.graph import flows, periods

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "careers"


def career(tmp_path: Path, *stints: tuple[str, str, str, str, str]):
    """One person (p0) with these (type, org, role, start, end) stints; return their careers."""
    g = graphkit.build_graph(write_dataset(tmp_path / "d", [list(stints)]))
    return g, gc.ensure(g)


def moves(c: gc.Careers) -> list[tuple]:
    return [(m.origin, m.destination, m.how, m.when) for m in c.moves]


# ------------------------------------------------------------------ tenures and role changes
def test_promotion_that_runs_straight_into_the_next_role_is_a_role_change(tmp_path):
    _, c = career(
        tmp_path, ("WORKED_AT", "a", "VP", "2017", "2022-04"), ("WORKED_AT", "a", "CTO", "2022-04", "")
    )
    assert c.moves == []
    [r] = c.role_changes
    assert (r.org, r.from_role, r.to_role, r.end, r.earliest, r.latest) == (
        "a",
        "VP",
        "CTO",
        "2022-04",
        "2022-04-01",
        "2022-04-30",
    )


def test_next_role_the_month_after_still_touches(tmp_path):
    # VP until April (last day 30 April), CTO from May (first day 1 May): no gap
    _, c = career(
        tmp_path, ("WORKED_AT", "a", "VP", "2017", "2022-04"), ("WORKED_AT", "a", "CTO", "2022-05", "")
    )
    assert c.moves == [] and [r.to_role for r in c.role_changes] == ["CTO"]


def test_a_gap_of_a_month_is_a_departure_and_a_return(tmp_path):
    # VP until April, CTO from June: May is certainly a gap. The return is a boomerang arrival.
    _, c = career(
        tmp_path, ("WORKED_AT", "a", "VP", "2017", "2022-04"), ("WORKED_AT", "a", "CTO", "2022-06", "")
    )
    assert moves(c) == [("a", None, "unknown", "2022-04"), (None, "a", "joined", "2022-06")]
    assert [m.boomerang for m in c.moves] == [False, True]
    assert c.role_changes == []


def test_interim_role_held_alongside_a_job_is_a_role_change(tmp_path):
    _, c = career(
        tmp_path,
        ("WORKED_AT", "a", "CFO", "2019", ""),
        ("WORKED_AT", "a", "Interim CEO", "2024-03", "2024-09"),
    )
    assert c.moves == []
    assert [(r.from_role, r.to_role, r.end) for r in c.role_changes] == [("Interim CEO", "CFO", "2024-09")]


def test_two_roles_ending_together_are_one_departure(tmp_path):
    _, c = career(
        tmp_path,
        ("WORKED_AT", "a", "CEO", "2019", "2024-09"),
        ("WORKED_AT", "a", "Chair", "2020", "2024-09"),
    )
    [m] = c.moves
    assert (m.origin, m.how, m.when, m.role) == ("a", "unknown", "2024-09", "CEO; Chair")
    assert len(m.facts) == 2 and c.role_changes == []


def test_the_last_role_to_end_dates_the_departure(tmp_path):
    _, c = career(
        tmp_path,
        ("WORKED_AT", "a", "CEO", "2019", "2024-03"),
        ("WORKED_AT", "a", "Chair", "2020", "2024-09"),
    )
    assert moves(c) == [("a", None, "unknown", "2024-09")]
    assert [(r.from_role, r.to_role) for r in c.role_changes] == [("CEO", "Chair")]


def test_job_ending_while_an_undated_job_goes_on(tmp_path):
    # the undated job has no end, so the tenure goes on: the ended role is a role change
    _, c = career(tmp_path, ("WORKED_AT", "a", "", "", ""), ("WORKED_AT", "a", "VP", "2020", "2021"))
    assert c.moves == [] and [r.from_role for r in c.role_changes] == ["VP"]


def test_arrival_with_an_end_is_a_departure(tmp_path):
    _, c = career(tmp_path, ("JOINED", "a", "", "2020", "2022"))
    assert moves(c) == [("a", None, "unknown", "2022"), (None, "a", "joined", "2020")]


# ------------------------------------------------------------------ moves
def test_multi_hop(tmp_path):
    _, c = career(
        tmp_path,
        ("WORKED_AT", "a", "", "", "2019"),
        ("WORKED_AT", "b", "", "2019", "2022-33"),
        ("JOINED", "c", "", "2022-04", ""),
    )
    assert moves(c) == [("a", "b", "joined", "2019"), ("b", "c", "joined", "2022-33")]


def test_boomerang_is_two_moves(tmp_path):
    _, c = career(
        tmp_path,
        ("WORKED_AT", "a", "", "2018-03", "2021-06"),
        ("WORKED_AT", "b", "", "2021-07", "2023-09"),
        ("WORKED_AT", "a", "", "2024-01", ""),
    )
    assert moves(c) == [("a", "b", "joined", "2021-06"), ("b", "a", "joined", "2023-09")]
    assert [m.boomerang for m in c.moves] == [False, True]
    assert c.moves[1].start == "2024-01"


def test_return_by_an_undated_join_after_a_dated_tenure(tmp_path):
    _, c = career(
        tmp_path,
        ("WORKED_AT", "a", "", "2015", "2018"),
        ("WORKED_AT", "b", "", "2018", "2021"),
        ("JOINED", "a", "", "", ""),
    )
    assert moves(c) == [("a", "b", "joined", "2018"), ("b", "a", "joined", "2021")]
    assert c.moves[1].boomerang


def test_undated_join_takes_its_moves_date(tmp_path):
    g, c = career(tmp_path, ("WORKED_AT", "a", "", "", "2025-40"), ("JOINED", "b", "", "", ""))
    assert moves(c) == [("a", "b", "joined", "2025-40")]
    joined = next(d for _, _, d in g.edges(data=True) if d["type"] == "JOINED")
    assert (joined["when"], joined["when_earliest"], joined["when_latest"]) == (
        "2025-40",
        "2025-01-01",
        "2025-06-30",
    )


def test_undated_join_goes_to_the_last_departure(tmp_path):
    # left a (2018), then b (2023, a job with no start: never a destination), joined c undated
    _, c = career(
        tmp_path,
        ("WORKED_AT", "a", "", "", "2018"),
        ("WORKED_AT", "b", "", "", "2023"),
        ("JOINED", "c", "", "", ""),
    )
    assert moves(c) == [("a", None, "unknown", "2018"), ("b", "c", "joined", "2023")]


def test_undated_join_after_two_departures_is_resolved_not_guessed(tmp_path):
    # a (2020-06) -> b (from 2020-08, left 2024-41) -> c (undated): c is after b's departure,
    # which is certainly later than a's, so b -> c; then a's only candidate left is b.
    _, c = career(
        tmp_path,
        ("WORKED_AT", "a", "", "", "2020-06"),
        ("WORKED_AT", "b", "", "2020-08", "2024-41"),
        ("JOINED", "c", "", "", ""),
    )
    assert moves(c) == [("a", "b", "joined", "2020-06"), ("b", "c", "joined", "2024-41")]


def test_founder_who_runs_the_venture_then_leaves_it(tmp_path):
    # never "sable -> sable": the founding and the CEO job are one tenure
    _, c = career(
        tmp_path,
        ("WORKED_AT", "a", "", "", "2021-05"),
        ("FOUNDED", "s1", "", "2021-05", ""),
        ("WORKED_AT", "s1", "CEO", "2021-05", "2024-10"),
        ("JOINED", "c", "", "", ""),
    )
    assert moves(c) == [("a", "s1", "founded", "2021-05"), ("s1", "c", "joined", "2024-10")]


def test_concurrent_departures_are_ambiguous(tmp_path):
    _, c = career(
        tmp_path,
        ("WORKED_AT", "a", "", "", "2025-40"),
        ("WORKED_AT", "b", "", "", "2025-40"),
        ("JOINED", "c", "", "2025-06", ""),
    )
    got = [(m.origin, m.destination, m.how, m.ambiguous, m.candidates) for m in c.moves]
    assert got == [
        ("a", None, "ambiguous", True, ("c",)),
        ("b", None, "ambiguous", True, ("c",)),
        (None, "c", "joined", True, ("a", "b")),
    ]


def test_two_arrivals_the_dates_cannot_order_are_ambiguous(tmp_path):
    g, c = career(
        tmp_path,
        ("WORKED_AT", "a", "", "", "2020"),
        ("JOINED", "b", "", "", ""),
        ("JOINED", "c", "", "2021", ""),
    )
    got = [(m.origin, m.destination, m.how, m.candidates) for m in c.moves]
    assert got == [
        ("a", None, "ambiguous", ("b", "c")),
        (None, "b", "joined", ("a",)),
        (None, "c", "joined", ("a",)),
    ]
    # an undated join whose move is ambiguous stays undated
    assert next(d["when"] for _, _, d in g.edges(data=True) if d["type"] == "JOINED" and not d["start"]) == ""


def test_an_arrival_certainly_first_wins(tmp_path):
    _, c = career(
        tmp_path,
        ("WORKED_AT", "a", "", "", "2020"),
        ("JOINED", "b", "", "2021", ""),
        ("JOINED", "c", "", "2022", ""),
    )
    # b certainly came before c; c has no departure of its own before it: an arrival
    assert moves(c) == [("a", "b", "joined", "2020"), (None, "c", "joined", "2022")]


def test_an_arrival_before_the_departure_is_not_its_destination(tmp_path):
    _, c = career(tmp_path, ("WORKED_AT", "a", "", "", "2022"), ("JOINED", "b", "", "2020", ""))
    assert moves(c) == [("a", None, "unknown", "2022"), (None, "b", "joined", "2020")]


def test_arrival_on_the_departure_boundary_day_counts(tmp_path):
    # left 2022-06-30 at the earliest... the join can be the same day: a destination
    _, c = career(tmp_path, ("WORKED_AT", "a", "", "", "2022-06-30"), ("JOINED", "b", "", "2022-06-30", ""))
    assert moves(c) == [("a", "b", "joined", "2022-06-30")]
    _, c = career(
        tmp_path / "x", ("WORKED_AT", "a", "", "", "2022-06-30"), ("JOINED", "b", "", "2022-06-29", "")
    )
    assert moves(c) == [("a", None, "unknown", "2022-06-30"), (None, "b", "joined", "2022-06-29")]


def test_a_tenure_that_ended_before_the_departure_is_no_destination(tmp_path):
    _, c = career(tmp_path, ("WORKED_AT", "a", "", "", "2022"), ("JOINED", "b", "", "", "2019"))
    assert moves(c) == [
        ("b", None, "unknown", "2019"),
        ("a", None, "unknown", "2022"),
        (None, "b", "joined", ""),
    ]


def test_a_job_with_no_start_is_never_a_destination(tmp_path):
    # the 搜狗 pattern: an old undated job beside a dated departure
    _, c = career(tmp_path, ("WORKED_AT", "b", "", "", ""), ("WORKED_AT", "a", "", "", "2025-01"))
    assert moves(c) == [("a", None, "unknown", "2025-01")]


def test_the_first_job_of_a_career_is_not_a_move(tmp_path):
    _, c = career(tmp_path, ("WORKED_AT", "a", "", "2015", "2018"))
    assert moves(c) == [("a", None, "unknown", "2018")]


def test_a_join_with_no_known_origin_is_an_arrival(tmp_path):
    _, c = career(tmp_path, ("JOINED", "b", "", "2025-03", ""))
    [m] = c.moves
    assert (m.origin, m.destination, m.how, m.when, m.earliest, m.latest) == (
        None,
        "b",
        "joined",
        "2025-03",
        "2025-03-01",
        "2025-03-31",
    )


def test_move_keys_are_stable_and_distinct(tmp_path):
    _, c1 = career(tmp_path / "1", ("WORKED_AT", "a", "", "", "2019"), ("JOINED", "b", "", "2019", ""))
    _, c2 = career(tmp_path / "2", ("WORKED_AT", "a", "", "", "2019"), ("JOINED", "b", "", "2019", ""))
    assert [m.key for m in c1.moves] == [m.key for m in c2.moves]
    assert c1.moves[0].key.startswith("move-") and len(c1.moves[0].key) == 21
    _, c3 = career(tmp_path / "3", ("WORKED_AT", "a", "", "", "2019"), ("JOINED", "b", "", "2020", ""))
    assert c3.moves[0].key != c1.moves[0].key


def test_span_and_iso_day():
    assert gc.span("2025-40") == (dt.date(2025, 1, 1).toordinal(), dt.date(2025, 6, 30).toordinal())
    assert gc.span("../2025-06-16") == (gc.NEG, dt.date(2025, 6, 16).toordinal())
    assert gc.iso_day(gc.NEG) == gc.iso_day(gc.POS) == ""
    assert gc.iso_day(dt.date(2024, 2, 29).toordinal()) == "2024-02-29"
    assert gc.fact_when({"start": "2020", "end": "2021"}) == "2021"
    assert gc.fact_when({"start": "2020", "end": ""}) == "2020"
    assert gc.fact_when({}) == ""


# ------------------------------------------------------------------ the second fixture
@pytest.fixture(scope="module")
def fx():
    return graphkit.build_graph(FIXTURE)


# (person, from, to, how, date, ambiguous candidates, boomerang), in the report's order
FIXTURE_MOVES = [
    ("ada", "alpha", "beta", "joined", "2021-06", (), False),
    ("ada", "beta", "alpha", "joined", "2023-09", (), True),  # back to Alpha: a boomerang
    ("cara", "delta", "vela", "founded", "2025-02", (), False),  # VP -> CTO was a role change
    ("dev", "alpha", "beta", "joined", "2019", (), False),
    ("dev", "beta", "gamma", "joined", "2022-33", (), False),
    ("eve", "beta", "delta", "joined", "2020-06", (), False),
    ("eve", "delta", "alpha", "joined", "2024-41", (), False),  # the undated join follows Delta
    ("finn", "gamma", None, "unknown", "2017", (), False),
    ("finn", None, "gamma", "joined", "2020", (), True),  # rehired, origin unknown
    ("gia", "delta", "wren", "founded", "2025-01", (), False),
    ("hal", "alpha", "wren", "founded", "2024-12", (), False),
    ("ivy", "alpha", None, "ambiguous", "2025-40", ("delta",), False),
    ("ivy", "beta", None, "ambiguous", "2025-40", ("delta",), False),
    ("ivy", None, "delta", "joined", "2025-06", ("alpha", "beta"), False),
    ("jay", "beta", "sable", "founded", "2021-05", (), False),
    ("jay", "sable", "gamma", "joined", "2024-10", (), False),
    ("kim", None, "beta", "joined", "2025-03", (), False),
    ("mo", "gamma", "beta", "joined", "2025-02", (), False),  # the undated Alpha job is no move
]


def test_fixture_moves(fx):
    got = [
        (m.person, m.origin, m.destination, m.how, m.when, m.candidates, m.boomerang) for m in gc.moves(fx)
    ]
    assert got == FIXTURE_MOVES


def test_fixture_flows(fx):
    ms = gc.moves(fx)
    # outflow: alpha ada/dev/hal/ivy; beta ada/dev/eve/jay/ivy; gamma finn/mo; delta cara/eve/gia; sable jay
    # inflow: alpha ada/eve; beta ada/dev/mo/kim; gamma dev/jay/finn; delta eve/ivy; vela cara; wren gia/hal; sable jay
    assert {r.id: (r.outflow, r.inflow) for r in flows.org_flows(fx, ms)} == {
        "alpha": (4, 2),
        "beta": (5, 4),
        "gamma": (2, 3),
        "delta": (3, 2),
        "sable": (1, 1),
        "vela": (0, 1),
        "wren": (0, 2),
    }
    assert flows.destinations(ms) == {"joined": 8, "founded": 4, "unknown": 1, "ambiguous": 2}
    assert flows.flow_matrix(ms) == {
        "alpha": {"beta": 2, "wren": 1, flows.AMBIGUOUS_DEST: 1},
        "beta": {"alpha": 1, "gamma": 1, "delta": 1, "sable": 1, flows.AMBIGUOUS_DEST: 1},
        "delta": {"vela": 1, "alpha": 1, "wren": 1},
        "gamma": {flows.UNKNOWN_DEST: 1, "beta": 1},
        "sable": {"gamma": 1},
    }


def test_fixture_role_changes(fx):
    got = [(r.person, r.org, r.from_role, r.to_role, r.end) for r in gc.ensure(fx).role_changes]
    assert got == [
        ("ben", "gamma", "Interim CEO", "CFO", "2024-09"),
        ("cara", "delta", "VP of engineering", "CTO", "2022-04"),
    ]


def test_fixture_capital_follows_talent(fx):
    links = flows.capital_follows_talent(fx, gc.moves(fx))
    got = [(c.investor, c.venture, c.person, c.former_employer, c.lag_days, c.founders) for c in links]
    # Delta employed Gia (left January 2025) and invested in April 2025:
    # 1 April - 31 January = 60 days, 30 April - 1 January = 119 days.
    # Xeno and Yarrow employed neither founder: one row each per venture, not one per founder.
    assert got == [
        ("delta", "wren", "gia", True, (60, 119), ("gia", "hal")),
        ("fund-x", "vela", None, False, None, ("cara",)),
        ("fund-x", "wren", None, False, None, ("gia", "hal")),
        ("fund-y", "wren", None, False, None, ("gia", "hal")),
    ]


def test_fixture_report(fx):
    r = report.build(fx, report.ReportOptions(communities=False))
    claims = {c["id"]: (c["certain"], c["possible"], c["verdict"]) for c in r["claims"]}
    # Alpha: ada, dev, hal, ivy left it
    assert claims == {
        "claim-alpha-leavers": (4, 4, "matches"),
        "claim-rounds": (None, None, "not measurable"),
    }
    assert [(m["person"], m["to"]) for m in r["careers"]["boomerangs"]] == [
        ("ada", "alpha"),
        ("finn", "gamma"),
    ]
    assert [(m["person"], m["from"]) for m in r["careers"]["ambiguous"]] == [
        ("ivy", "alpha"),
        ("ivy", "beta"),
        ("ivy", None),
    ]
    by_period = {p["period"]: p["departures"] for p in r["periods"]["periods"]}
    # certain departures per half-year: 2025H1 cara (Feb), gia (Jan), ivy x2 (2025-40), mo (Feb)
    assert by_period["2025H1"] == 5
    # 2024H2: eve (2024-41), hal (Dec), jay (Oct)
    assert by_period["2024H2"] == 3


def test_fixture_period_scope_keeps_destinations(fx):
    r = report.build(fx, report.ReportOptions(period="2024H2", periods=False, communities=False))
    got = sorted((m["person"], m["from"], m["to"]) for m in r["flows"]["moves"])
    assert got == [("eve", "delta", "alpha"), ("hal", "alpha", "wren"), ("jay", "sable", "gamma")]


def test_fixture_as_of_keeps_moves_known_by_then(fx):
    ms = periods.moves_by(gc.moves(fx), dt.date(2020, 12, 31))
    # by the end of 2020: ada? no (2021); dev alpha->beta (2019); eve beta->delta (2020-06);
    # finn left (2017) and came back (2020); jay no (2021). Undated moves are kept: none here.
    assert sorted((m.person, m.origin or "", m.destination or "") for m in ms) == [
        ("dev", "alpha", "beta"),
        ("eve", "beta", "delta"),
        ("finn", "", "gamma"),
        ("finn", "gamma", ""),
    ]


def test_fixture_validates_without_warnings():
    d = graphkit.validate(FIXTURE)
    assert d.warnings == []
    assert d.counts()["WORKED_AT"] == 21


def test_an_organisation_called_unknown_is_not_an_unknown_destination(tmp_path):
    g, _ = career(tmp_path, ("WORKED_AT", "a", "", "", "2019"), ("JOINED", "b", "", "2019", ""))
    g = nx_relabel(g, {"b": "unknown"})
    ms = gc.derive(g).moves
    assert flows.flow_matrix(ms) == {"a": {"unknown": 1}}
    r = report.build(g, report.ReportOptions(periods=False, communities=False))
    [row] = r["flows"]["matrix"]
    assert (row["to"], row["to_name"]) == ("unknown", "Org B")


def nx_relabel(g, mapping):
    import networkx as nx

    h = nx.relabel_nodes(g, mapping, copy=True)
    h.graph.pop("careers", None)
    return h
