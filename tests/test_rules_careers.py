"""More career rules (graphkit/graph/careers.py, tenures.py, moves.py, distinct.py): what the
derived records hold, field by field, for careers worked out by hand."""

from __future__ import annotations

from pathlib import Path

from careers_gen import write_dataset

import graphkit
from graphkit.graph import careers as gc


def career(tmp_path: Path, *stints: tuple[str, str, str, str, str]) -> gc.Careers:
    """One person (p0) with these (type, org, role, start, end) stints."""
    return gc.ensure(graphkit.build_graph(write_dataset(tmp_path / "d", [list(stints)])))


def test_departures_are_the_moves_with_an_origin(tmp_path):
    # a -> b (a departure with a destination), then founding s1 with no departure before it
    c = career(
        tmp_path,
        ("WORKED_AT", "a", "VP", "2019", "2021-03"),
        ("JOINED", "b", "", "2021-05", ""),
        ("FOUNDED", "s1", "", "2022", ""),
    )
    assert [(m.origin, m.destination, m.how) for m in c.moves] == [
        ("a", "b", "joined"),
        (None, "s1", "founded"),
    ]
    assert [(m.origin, m.destination) for m in c.departures()] == [("a", "b")]


def test_to_json_lists_every_move_and_role_change_with_every_field(tmp_path):
    c = career(
        tmp_path,
        ("WORKED_AT", "a", "VP", "2017", "2022-04"),
        ("WORKED_AT", "a", "CTO", "2022-04", "2023-01"),
        ("JOINED", "b", "", "2023-02", ""),
    )
    j = c.to_json()
    assert set(j) == {"moves", "role_changes"}
    [m] = j["moves"]
    assert (m["person"], m["origin"], m["destination"], m["how"], m["end"], m["when"]) == (
        "p0",
        "a",
        "b",
        "joined",
        "2023-01",
        "2023-01",
    )
    assert (m["earliest"], m["latest"], m["start"], m["role"], m["boomerang"]) == (
        "2023-01-01",
        "2023-01-31",
        "2023-02",
        "CTO",
        False,
    )
    assert len(m["facts"]) == 2 and m["key"].startswith("move-")
    [r] = j["role_changes"]
    assert (r["org"], r["from_role"], r["to_role"], r["end"], r["earliest"], r["latest"]) == (
        "a",
        "VP",
        "CTO",
        "2022-04",
        "2022-04-01",
        "2022-04-30",
    )


# The general path (a person with two tenures at one organisation) at its boundary days.
# Every career below ends with a return to "d" (2015 and 2026), which sends it through the
# general pairing (graphkit.graph.moves._pair) rather than the distinct-organisations path.
RETURN = (("WORKED_AT", "d", "", "2010", "2015"), ("WORKED_AT", "d", "", "2026", ""))


def moves_of(tmp_path: Path, *stints: tuple[str, str, str, str, str]) -> list[tuple]:
    c = career(tmp_path, *RETURN, *stints)
    return [
        (m.origin, m.destination, m.how, m.candidates)
        for m in c.moves
        if "d" not in (m.origin, m.destination)
    ]


def test_general_path_arrival_on_the_departure_day_is_its_destination(tmp_path):
    # a ends 2021-03-15; b starts that very day: the last possible arrival day equals the
    # first possible departure day, which still counts
    got = moves_of(
        tmp_path, ("WORKED_AT", "a", "", "2016", "2021-03-15"), ("JOINED", "b", "", "2021-03-15", "")
    )
    assert ("a", "b", "joined", ()) in got


def test_general_path_destination_that_ended_on_the_departure_day(tmp_path):
    # b is a one-day stint on the very day a ended: it had not ended before the departure
    got = moves_of(
        tmp_path,
        ("WORKED_AT", "a", "", "2016", "2021-03-15"),
        ("JOINED", "b", "", "2021-03-15", "2021-03-15"),
    )
    assert ("a", "b", "joined", ()) in got


def test_general_path_arrivals_that_may_come_first_make_it_ambiguous(tmp_path):
    # after a (ends 2021-03), b can start on any day of April and c on 30 April: either
    # may be first (b's first day is before c's last), so a's destination is ambiguous
    got = moves_of(
        tmp_path,
        ("WORKED_AT", "a", "", "2016", "2021-03"),
        ("JOINED", "b", "", "2021-04", ""),
        ("JOINED", "c", "", "2021-04-30", ""),
    )
    assert ("a", None, "ambiguous", ("b", "c")) in got


def test_general_path_departures_that_may_come_last_make_it_ambiguous(tmp_path):
    # a ends some day in March, c on 31 March: either may be the last before b (April)
    got = moves_of(
        tmp_path,
        ("WORKED_AT", "a", "", "2016", "2021-03"),
        ("WORKED_AT", "c", "", "2017", "2021-03-31"),
        ("JOINED", "b", "", "2021-04", ""),
    )
    assert ("a", None, "ambiguous", ("b",)) in got and ("c", None, "ambiguous", ("b",)) in got
    assert (None, "b", "joined", ("a", "c")) in got


# ------------------------------------------------------------------ the seed's careers
def test_seed_moves_carry_role_categories_and_the_unnamed_flag():
    from helpers import DATA

    g = graphkit.build_graph(DATA)
    ms = gc.moves(g)
    # people.csv: exactly three unnamed people, each with one departure
    assert sorted(m.person for m in ms if m.unnamed) == [
        "01ai-exec-3",
        "moonshot-colleague-1",
        "moonshot-colleague-2",
    ]
    # relationships.csv: Wei Wei was MiniMax's commercialisation partner and VP
    [ww] = [m for m in ms if m.person == "wei-wei"]
    assert (ww.origin, ww.role_category) == ("minimax", ("executive", "commercial"))  # vocabulary order
    # only people have careers: investors and companies investing are not movers
    assert {g.nodes[m.person]["kind"] for m in ms} == {"Person"}


def test_careers_are_derived_once_per_graph():
    from helpers import DATA

    g = graphkit.build_graph(DATA)
    assert gc.ensure(g) is gc.ensure(g) is g.graph["careers"]


def test_an_arrival_makes_a_tenure_with_an_undated_job_a_known_beginning(tmp_path):
    # b: an undated join and an undated job there. The join says how the tenure began, so
    # b can be the destination of the move out of a.
    c = career(
        tmp_path,
        ("WORKED_AT", "a", "", "2016", "2021"),
        ("JOINED", "b", "", "", ""),
        ("WORKED_AT", "b", "Lead", "", ""),
    )
    assert [(m.origin, m.destination, m.how) for m in c.moves] == [("a", "b", "joined")]


def test_a_tenure_with_an_open_arrival_has_not_ended(tmp_path):
    # two joins at b, the first never ended: the tenure goes on, so nobody left b
    c = career(tmp_path, ("JOINED", "b", "", "2020", ""), ("JOINED", "b", "", "2020-06", "2021-06"))
    assert [m for m in c.moves if m.origin == "b"] == []


def test_a_tenure_begins_with_its_earliest_stint(tmp_path):
    # at b: Engineer from January 2020, Lead from 2021 (a role change): the move from a
    # arrives when the tenure began, January 2020
    c = career(
        tmp_path,
        ("WORKED_AT", "a", "", "2016", "2019"),
        ("WORKED_AT", "b", "Engineer", "2020-01", "2021"),
        ("WORKED_AT", "b", "Lead", "2021", ""),
    )
    [m] = c.moves
    assert (m.origin, m.destination, m.start, m.arrived) == ("a", "b", "2020-01", "2020-01")


def test_annotate_gives_a_fact_that_careers_do_not_date_no_date(tmp_path):
    g = graphkit.build_graph(
        write_dataset(
            tmp_path / "d",
            [[("WORKED_AT", "a", "VP", "2019", "2021-03"), ("JOINED", "b", "", "2021-05", "")]],
        )
    )
    dated = {
        k: (d["when"], d["when_earliest"], d["when_latest"]) for _, _, k, d in g.edges(keys=True, data=True)
    }
    assert ("2021-03", "2021-03-01", "2021-03-31") in dated.values()
    gc.annotate(g, gc.Careers())  # careers that date no fact
    for _, _, d in g.edges(data=True):
        assert (d["when"], d["when_earliest"], d["when_latest"]) == ("", "", "")


def test_deriving_careers_leaves_the_garbage_collector_as_it_found_it():
    import gc as collector

    record = ("p", "k1", "a", "WORKED_AT", "VP", (), "2019", "2021")
    assert collector.isenabled()
    assert len(gc.derive_records([record]).moves) == 1
    assert collector.isenabled()  # turned off inside, back on after
    collector.disable()
    try:
        gc.derive_records([record])
        assert not collector.isenabled()  # and not turned on when it was off
    finally:
        collector.enable()
