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
