"""Rules of periods (graphkit.graph.periods): half-years, quarters and years, which facts and moves
fall in them (certainly or possibly), and the graph as known on a day.

Expected days are calendar facts (H1 = January-June, H2 = July-December, Q1-Q4 = three months
each) or come from Python's ``calendar``; facts are small hand-made graphs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.graph import periods
from graphkit.graph.careers import Move
from graphkit.schema import dates
from graphkit.schema.errors import SettingsError

D = dt.date
P = periods.Period


def H1(year: int) -> periods.Period:
    return P(D(year, 1, 1), D(year, 6, 30), f"{year}H1")


def H2(year: int) -> periods.Period:
    return P(D(year, 7, 1), D(year, 12, 31), f"{year}H2")


def last_day(year: int, month: int) -> D:
    return D(year, month, calendar.monthrange(year, month)[1])


# ===================================================================== parse_period
@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2025H1", H1(2025)),
        ("2025H2", H2(2025)),
        ("2025h1", H1(2025)),
        ("2024h2", H2(2024)),
        ("2025Q1", P(D(2025, 1, 1), D(2025, 3, 31), "2025Q1")),
        ("2025Q2", P(D(2025, 4, 1), D(2025, 6, 30), "2025Q2")),
        ("2025Q3", P(D(2025, 7, 1), D(2025, 9, 30), "2025Q3")),
        ("2025Q4", P(D(2025, 10, 1), D(2025, 12, 31), "2025Q4")),
        ("2024q1", P(D(2024, 1, 1), D(2024, 3, 31), "2024Q1")),
        ("2025", P(D(2025, 1, 1), D(2025, 12, 31), "2025")),
        ("2024", P(D(2024, 1, 1), D(2024, 12, 31), "2024")),
        (" 2025H1 ", H1(2025)),
        ("2025Q3\n", P(D(2025, 7, 1), D(2025, 9, 30), "2025Q3")),
        ("9999H2", H2(9999)),
        ("9999Q4", P(D(9999, 10, 1), D(9999, 12, 31), "9999Q4")),
        ("0999", P(D(999, 1, 1), D(999, 12, 31), "0999")),
        ("0001Q1", P(D(1, 1, 1), D(1, 3, 31), "0001Q1")),
    ],
)
def test_parse_period(text, period):
    assert periods.parse_period(text) == period


@pytest.mark.parametrize(
    "text",
    [
        "",
        "H1",
        "Q1",
        "2025-03",
        "2025-06",
        "2025-40",
        "2025H",
        "2025Q",
        "2025H0",
        "2025Q0",
        "2025Q5",
        "2025H5",
        "2025H12",
        "25H1",
        "20251",
        "2025 H1",
        "2025S1",
        "x2025",
        "2025H1x",
    ],
)
def test_parse_period_says_what_it_expects(text):
    with pytest.raises(periods.BadPeriod) as info:
        periods.parse_period(text)
    assert str(info.value) == f"invalid period {text!r} (expected e.g. 2025H1, 2024H2, 2025Q1 or 2025)"


@pytest.mark.parametrize("text", ["2025H3", "2025H4", "2025h3", " 2025H4"])
def test_a_year_has_two_halves(text):
    with pytest.raises(periods.BadPeriod) as info:
        periods.parse_period(text)
    assert str(info.value) == f"invalid period {text!r} (a year has halves H1 and H2)"


def test_bad_period_is_a_settings_error():
    with pytest.raises(SettingsError) as info:
        periods.parse_period("2025H3")
    assert info.value.exit_code == 2


@pytest.mark.parametrize("text", ["0000", "0000H1", "0000Q2", "0000H3"])
def test_year_zero_is_a_bad_period(text):
    with pytest.raises(periods.BadPeriod) as info:
        periods.parse_period(text)
    assert str(info.value) == f"invalid period {text!r} (years start at 0001)"


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (D(999, 12, 31), D(999, 7, 1), D(999, 12, 31)),
        (D(1, 1, 1), D(1, 1, 1), D(1, 6, 30)),
        (D(50, 7, 1), D(50, 7, 1), D(50, 12, 31)),
        (D(50, 6, 30), D(50, 1, 1), D(50, 6, 30)),
    ],
)
def test_a_day_before_the_year_1000_has_a_half_year(day, start, end):
    p = periods.half_year(day)
    assert (p.start, p.end) == (start, end)
    assert periods.half_years(day, day) == [p]


def test_periods_sort_by_their_first_day_then_last():
    q1, h1, year, h2 = (periods.parse_period(t) for t in ("2025Q1", "2025H1", "2025", "2025H2"))
    assert sorted([h2, year, h1, q1, H2(2024)]) == [H2(2024), q1, h1, year, h2]
    assert len({periods.parse_period("2025h1"), H1(2025)}) == 1


# ======================================================================= parse_as_of
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-03-31", D(2025, 3, 31)),
        ("2025-03-01", D(2025, 3, 1)),
        ("2025-03", D(2025, 3, 31)),
        ("2025-04", D(2025, 4, 30)),
        ("2024-02", D(2024, 2, 29)),
        ("2023-02", D(2023, 2, 28)),
        ("2025-12", D(2025, 12, 31)),
        ("2025", D(2025, 12, 31)),
        ("2025-33", D(2025, 3, 31)),
        ("2025-40", D(2025, 6, 30)),
        ("2024-12/2025-02", D(2025, 2, 28)),
        ("../2025-03", D(2025, 3, 31)),
        (" 2025-03 ", D(2025, 3, 31)),
    ],
)
def test_as_of_is_the_last_day_a_date_can_mean(text, day):
    assert periods.parse_as_of(text) == day


@pytest.mark.parametrize("text", ["x", "", "2025-13", "2023-02-29", "2025-06/2025-05", "2025H1"])
def test_a_bad_as_of_date_says_what_it_expects(text):
    with pytest.raises(periods.BadPeriod) as info:
        periods.parse_as_of(text)
    assert str(info.value) == f"invalid --as-of date {text!r} (expected e.g. 2025-03-31 or 2025-03)"
    assert isinstance(info.value.__cause__, dates.BadDate)


@pytest.mark.parametrize("text", ["2025-03/..", "../.."])
def test_an_as_of_date_needs_an_end(text):
    with pytest.raises(periods.BadPeriod) as info:
        periods.parse_as_of(text)
    assert str(info.value) == f"invalid --as-of date {text!r} (it has no end)"


# ========================================================================== half_year
@pytest.mark.parametrize(
    ("day", "period"),
    [
        (D(2025, 1, 1), H1(2025)),
        (D(2025, 6, 30), H1(2025)),  # the last day of H1
        (D(2025, 7, 1), H2(2025)),  # the first day of H2
        (D(2025, 6, 1), H1(2025)),
        (D(2025, 7, 31), H2(2025)),
        (D(2025, 12, 31), H2(2025)),
        (D(2024, 2, 29), H1(2024)),
        (D(9999, 12, 31), H2(9999)),
    ],
)
def test_half_year(day, period):
    assert periods.half_year(day) == period


@pytest.mark.parametrize(
    ("first", "last", "labels"),
    [
        (D(2025, 1, 1), D(2025, 12, 31), ["2025H1", "2025H2"]),
        (D(2025, 6, 30), D(2025, 7, 1), ["2025H1", "2025H2"]),
        (D(2025, 1, 1), D(2025, 7, 1), ["2025H1", "2025H2"]),  # H2's first day is in range
        (D(2025, 1, 1), D(2025, 6, 30), ["2025H1"]),
        (D(2025, 7, 1), D(2025, 7, 1), ["2025H2"]),
        (D(2025, 6, 30), D(2025, 6, 30), ["2025H1"]),
        (D(2024, 12, 31), D(2025, 1, 1), ["2024H2", "2025H1"]),
        (D(2024, 11, 1), D(2025, 2, 1), ["2024H2", "2025H1"]),
        (D(2023, 6, 30), D(2025, 7, 1), ["2023H1", "2023H2", "2024H1", "2024H2", "2025H1", "2025H2"]),
        (D(2025, 3, 1), D(2025, 1, 15), ["2025H1"]),  # last before first, in the same half
        (D(2025, 8, 1), D(2025, 3, 1), []),  # last before the half holding first
    ],
)
def test_half_years(first, last, labels):
    got = periods.half_years(first, last)
    assert [p.label for p in got] == labels
    assert all(p == periods.parse_period(p.label) for p in got)


# ====================================================================== Period.contains
@pytest.mark.parametrize(
    ("text", "h1_certain", "h1_possible", "h2_certain", "h2_possible"),
    [
        ("2025-06-30", True, True, False, False),
        ("2025-07-01", False, False, True, True),
        ("2025-01-01", True, True, False, False),
        ("2025-12-31", False, False, True, True),
        ("2024-12-31", False, False, False, False),
        ("2026-01-01", False, False, False, False),
        ("2025-06", True, True, False, False),
        ("2025-07", False, False, True, True),
        ("2025-40", True, True, False, False),
        ("2025-41", False, False, True, True),
        ("2025-34", True, True, False, False),
        ("2025-35", False, False, True, True),
        ("2025", False, True, False, True),
        ("2025-06/2025-07", False, True, False, True),
        ("2025-06-30/2025-07-01", False, True, False, True),
        ("2024-12/2025-06", False, True, False, False),
        ("../2025-06-30", False, True, False, False),
        ("../2025-07-01", False, True, False, True),
        ("2025-07-01/..", False, False, False, True),
        ("2025-06-30/..", False, True, False, True),
        ("../..", False, True, False, True),
    ],
)
def test_contains(text, h1_certain, h1_possible, h2_certain, h2_possible):
    d = dates.parse(text)
    h1, h2 = periods.parse_period("2025H1"), periods.parse_period("2025H2")
    assert h1.contains(d) is h1_certain
    assert h1.contains(d, include_possible=False) is h1_certain
    assert h1.contains(d, include_possible=True) is h1_possible
    assert h2.contains(d) is h2_certain
    assert h2.contains(d, include_possible=True) is h2_possible


def test_an_undated_fact_is_in_no_period():
    for p in (H1(2025), periods.parse_period("2025"), periods.parse_period("2025Q3")):
        assert p.contains(None) is False
        assert p.contains(None, include_possible=True) is False


# ============================================================================ moves
def move(when: str, person: str = "p") -> Move:
    return Move(person=person, origin="a", destination="b", how="joined", when=when)


def test_move_date():
    assert periods.move_date(move("")) is None
    assert periods.move_date(move("2025-06")) == dates.FuzzyDate("2025-06", D(2025, 6, 1), D(2025, 6, 30))


MOVES = [
    move("2025-06-30", "jun30"),
    move("2025-07-01", "jul1"),
    move("2025-06/2025-07", "across"),
    move("", "undated"),
    move("../2025-03", "open-start"),
    move("2025-40", "first-half"),
    move("2025-41", "second-half"),
    move("2025-09/..", "open-end"),
]


@pytest.mark.parametrize(
    ("period", "possible", "people"),
    [
        ("2025H1", False, ["jun30", "first-half"]),
        ("2025H1", True, ["jun30", "across", "open-start", "first-half"]),
        ("2025H2", False, ["jul1", "second-half"]),
        ("2025H2", True, ["jul1", "across", "second-half", "open-end"]),
        ("2025Q3", False, ["jul1"]),
        ("2025Q3", True, ["jul1", "across", "second-half", "open-end"]),
        ("2024", False, []),
        ("2024", True, ["open-start"]),
    ],
)
def test_moves_in(period, possible, people):
    got = periods.moves_in(MOVES, periods.parse_period(period), include_possible=possible)
    assert [m.person for m in got] == people


def test_moves_in_counts_certain_moves_by_default():
    assert [m.person for m in periods.moves_in(MOVES, H1(2025))] == ["jun30", "first-half"]


@pytest.mark.parametrize(
    ("when", "day", "possible", "known"),
    [
        ("", D(1, 1, 1), False, True),  # undated: nothing says it happened later
        ("", D(1, 1, 1), True, True),
        ("2025-06-30", D(2025, 6, 30), False, True),
        ("2025-06-30", D(2025, 6, 29), False, False),
        ("2025-06-30", D(2025, 6, 30), True, True),
        ("2025-06-30", D(2025, 6, 29), True, False),
        ("2025-06", D(2025, 6, 30), False, True),  # certainly: by its last day
        ("2025-06", D(2025, 6, 29), False, False),
        ("2025-06", D(2025, 6, 1), True, True),  # possibly: by its first day
        ("2025-06", D(2025, 5, 31), True, False),
        ("2025-06/..", D(9999, 12, 31), False, False),  # never certainly over
        ("2025-06/..", D(2025, 6, 1), True, True),
        ("2025-06/..", D(2025, 5, 31), True, False),
        ("../2025-06", D(2025, 6, 30), False, True),
        ("../2025-06", D(2025, 6, 29), False, False),
        ("../2025-06", D(2025, 6, 29), True, True),  # an open first day may be any day
        ("../2025-06", D(1, 1, 1), True, True),
        ("../..", D(1, 1, 1), True, True),
        ("../..", D(9999, 12, 31), False, False),
    ],
)
def test_moves_by(when, day, possible, known):
    assert periods.moves_by([move(when)], day, include_possible=possible) == ([move(when)] if known else [])


def test_moves_by_keeps_the_order_and_defaults_to_certain():
    ms = [move("2025-06", "a"), move("", "b"), move("2025-05", "c"), move("2025-07", "d")]
    assert [m.person for m in periods.moves_by(ms, D(2025, 6, 15))] == ["b", "c"]
    assert [m.person for m in periods.moves_by(ms, D(2025, 6, 15), include_possible=True)] == ["a", "b", "c"]


def test_a_move_certainly_known_by_a_day_is_possibly_known_by_it():
    m = move("../2025-06")
    assert periods.moves_by([m], D(2025, 7, 1)) == [m]
    assert periods.moves_by([m], D(2025, 7, 1), include_possible=True) == [m]


# ============================================================================ graphs
def facts(*whens: str, name: str = "facts") -> nx.MultiDiGraph:
    """Investors i0, i1, ... each investing in venture v on the given dates (a fact's date is its start)."""
    g = nx.MultiDiGraph(name=name)
    g.add_node("v", kind="Startup", name="V")
    for n, when in enumerate(whens):
        g.add_node(f"i{n}", kind="Investor", name=f"I{n}")
        g.add_edge(f"i{n}", "v", key=f"k{n}", type="INVESTED_IN", start=when)
    return g


def test_fact_dates():
    g = facts("2025-06", "", "../2025-03")
    assert periods.fact_dates(g) == {
        ("i0", "v", "k0"): dates.FuzzyDate("2025-06", D(2025, 6, 1), D(2025, 6, 30)),
        ("i1", "v", "k1"): None,
        ("i2", "v", "k2"): dates.FuzzyDate("../2025-03", None, D(2025, 3, 31)),
    }


def test_fact_dates_use_the_end_of_a_job_and_date_an_undated_arrival_by_its_move():
    g = nx.MultiDiGraph()
    g.add_nodes_from([("p", {"kind": "Person"}), ("a", {"kind": "Company"}), ("b", {"kind": "Startup"})])
    g.add_edge("p", "a", key="job", type="WORKED_AT", start="2020", end="2025-06")
    g.add_edge("p", "b", key="founded", type="FOUNDED", start="")
    june = dates.FuzzyDate("2025-06", D(2025, 6, 1), D(2025, 6, 30))
    assert periods.fact_dates(g) == {("p", "a", "job"): june, ("p", "b", "founded"): june}


@pytest.mark.parametrize(
    ("whens", "labels"),
    [
        ((), []),
        (("",), []),
        (("", ""), []),
        (("2025-06-30",), ["2025H1"]),
        (("2025-07-01",), ["2025H2"]),
        (("2025-07-01", "2025-06-30"), ["2025H1", "2025H2"]),
        (("2024-12-31", "2025-01-01"), ["2024H2", "2025H1"]),
        (("2025-01-01", "2024-12-31", ""), ["2024H2", "2025H1"]),
        (("2024-12/2025-06",), ["2024H2", "2025H1"]),
        (("../2025-03",), ["2025H1"]),  # the open side bounds nothing
        (("2025-09/..",), ["2025H2"]),
        (("../..",), []),
        (("2023-02", "2025-11"), ["2023H1", "2023H2", "2024H1", "2024H2", "2025H1", "2025H2"]),
    ],
)
def test_data_periods(whens, labels):
    got = periods.data_periods(facts(*whens))
    assert [p.label for p in got] == labels
    assert all(p == periods.parse_period(p.label) for p in got)


def example() -> nx.MultiDiGraph:
    """k0 on the last day of H1, k1 on the first of H2, k2 across both, k3 undated, k4 open to 2025-03."""
    return facts("2025-06-30", "2025-07-01", "2025-06/2025-07", "", "../2025-03", name="example")


def edges(h: nx.MultiDiGraph) -> list[str]:
    return sorted(k for _, _, k in h.edges(keys=True))


@pytest.mark.parametrize(
    ("period", "possible", "keys"),
    [
        ("2025H1", False, ["k0"]),
        ("2025H1", True, ["k0", "k2", "k4"]),
        ("2025H2", False, ["k1"]),
        ("2025H2", True, ["k1", "k2"]),
        ("2025", False, ["k0", "k1", "k2"]),
        ("2025", True, ["k0", "k1", "k2", "k4"]),
        ("2025Q1", False, []),
        ("2025Q1", True, ["k4"]),
        ("2026", True, []),
    ],
)
def test_in_period(period, possible, keys):
    g = example()
    p = periods.parse_period(period)
    h = periods.in_period(g, p, include_possible=possible)
    assert edges(h) == keys
    assert sorted(h.nodes) == sorted({f"i{k[1]}" for k in keys} | ({"v"} if keys else set()))
    assert h.graph["period"] == period and h.graph["name"] == "example"
    for u, v, k, d in h.edges(keys=True, data=True):
        assert d == g.edges[u, v, k]
        assert h.nodes[u] == g.nodes[u] and h.nodes[v] == g.nodes[v]
    assert "period" not in g.graph


def test_in_period_counts_certain_facts_by_default():
    assert edges(periods.in_period(example(), H1(2025))) == ["k0"]


def test_in_period_and_split_read_the_dates_they_are_given():
    g = example()
    fd = dict.fromkeys(periods.fact_dates(g), dates.parse("2025-08"))
    assert edges(periods.in_period(g, H2(2025), fd=fd)) == ["k0", "k1", "k2", "k3", "k4"]
    assert edges(periods.in_period(g, H1(2025), include_possible=True, fd=fd)) == []
    got = periods.split(g, [H1(2025), H2(2025)], fd=fd)
    assert edges(got["2025H1"]) == [] and edges(got["2025H2"]) == ["k0", "k1", "k2", "k3", "k4"]
    undated = dict.fromkeys(fd)
    assert edges(periods.in_period(g, H2(2025), include_possible=True, fd=undated)) == []
    assert edges(periods.split(g, [H2(2025)], include_possible=True, fd=undated)["2025H2"]) == []


@pytest.mark.parametrize(
    ("possible", "h1", "h2"),
    [(False, ["k0"], ["k1"]), (True, ["k0", "k2", "k4"], ["k1", "k2"])],
)
def test_split(possible, h1, h2):
    g = example()
    got = periods.split(g, [H1(2025), H2(2025)], include_possible=possible)
    assert list(got) == ["2025H1", "2025H2"]
    assert (edges(got["2025H1"]), edges(got["2025H2"])) == (h1, h2)
    for label, h in got.items():
        assert h.graph["period"] == label and h.graph["name"] == "example"
        want = periods.in_period(g, periods.parse_period(label), include_possible=possible)
        assert sorted(h.nodes(data=True)) == sorted(want.nodes(data=True))
        assert sorted(h.edges(keys=True, data="start")) == sorted(want.edges(keys=True, data="start"))


def test_split_counts_certain_facts_by_default():
    got = periods.split(example(), [H1(2025), H2(2025)])
    assert (edges(got["2025H1"]), edges(got["2025H2"])) == (["k0"], ["k1"])


def test_split_into_no_periods_and_with_no_facts():
    assert periods.split(example(), []) == {}
    got = periods.split(facts(), [H1(2025)])
    assert list(got) == ["2025H1"] and edges(got["2025H1"]) == [] and list(got["2025H1"].nodes) == []


# ============================================================================ as_of
def career_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name="careers")
    for n in ("p", "q", "r", "s", "t", "u"):
        g.add_node(n, kind="Person", name=n.upper())
    g.add_node("a", kind="Company", name="A")
    g.add_node("b", kind="Startup", name="B")
    g.add_node("i", kind="Investor", name="I")
    g.add_node("lonely", kind="Company", name="nobody's")

    def job(u, key, start, end, first, last):
        g.add_edge(
            u, "a", key=key, type="WORKED_AT", start=start, end=end, start_earliest=first, start_latest=last
        )

    job("p", "left-jun", "2020", "2025-06", "2020-01-01", "2020-12-31")  # then founded b, undated
    g.add_edge("p", "b", key="founded", type="FOUNDED", start="")
    g.add_edge("i", "b", key="invested", type="INVESTED_IN", start="2025-07-01")
    job("q", "left-nov", "2019", "2024-11", "2019-01-01", "2019-12-31")
    job("r", "from-2026", "2026", "", "2026-01-01", "2026-12-31")
    job("s", "undated", "", "", "", "")
    g.add_edge("t", "b", key="joined-may", type="JOINED", start="2025-05")
    job("u", "no-start", "", "2025-06", "", "")
    return g


CLEARED = {"end": "", "end_earliest": "", "end_latest": ""}


def test_as_of_keeps_what_had_happened_and_clears_later_departures():
    g = career_graph()
    h = periods.as_of(g, D(2025, 3, 31))
    assert h.graph["as_of"] == "2025-03-31" and h.graph["name"] == "careers"
    assert dict(h.nodes(data=True)) == dict(g.nodes(data=True))  # every node, the lonely one too
    assert edges(h) == ["left-jun", "left-nov", "no-start", "undated"]
    left = h.edges["p", "a", "left-jun"]
    assert left == {
        **g.edges["p", "a", "left-jun"],
        **CLEARED,
        "when": "2020",
        "when_earliest": "2020-01-01",
        "when_latest": "2020-12-31",
    }
    assert h.edges["u", "a", "no-start"] == {
        **g.edges["u", "a", "no-start"],
        **CLEARED,
        "when": "",
        "when_earliest": "",
        "when_latest": "",
    }
    assert h.edges["q", "a", "left-nov"] == g.edges["q", "a", "left-nov"]
    assert h.edges["q", "a", "left-nov"]["end"] == "2024-11"
    assert g.edges["p", "a", "left-jun"]["end"] == "2025-06"  # the graph itself is unchanged
    assert "as_of" not in g.graph


@pytest.mark.parametrize(
    ("day", "possible", "keys"),
    [
        (D(2025, 3, 31), True, ["left-jun", "left-nov", "no-start", "undated"]),
        (D(2025, 4, 30), True, ["left-jun", "left-nov", "no-start", "undated"]),
        (D(2025, 5, 1), True, ["joined-may", "left-jun", "left-nov", "no-start", "undated"]),
        (D(2025, 5, 30), False, ["left-jun", "left-nov", "no-start", "undated"]),
        (D(2025, 5, 31), False, ["joined-may", "left-jun", "left-nov", "no-start", "undated"]),
        (D(2025, 6, 1), True, ["founded", "joined-may", "left-jun", "left-nov", "no-start", "undated"]),
        (D(2025, 6, 29), False, ["joined-may", "left-jun", "left-nov", "no-start", "undated"]),
        (D(2025, 6, 30), False, ["founded", "joined-may", "left-jun", "left-nov", "no-start", "undated"]),
        (D(2025, 6, 30), True, ["founded", "joined-may", "left-jun", "left-nov", "no-start", "undated"]),
        (
            D(2025, 7, 1),
            False,
            ["founded", "invested", "joined-may", "left-jun", "left-nov", "no-start", "undated"],
        ),
        (
            D(2026, 1, 1),
            True,
            ["founded", "from-2026", "invested", "joined-may", "left-jun", "left-nov", "no-start", "undated"],
        ),
        (
            D(2026, 1, 1),
            False,
            ["founded", "invested", "joined-may", "left-jun", "left-nov", "no-start", "undated"],
        ),
        (
            D(2026, 12, 31),
            False,
            ["founded", "from-2026", "invested", "joined-may", "left-jun", "left-nov", "no-start", "undated"],
        ),
        (D(2024, 11, 29), False, ["left-jun", "left-nov", "no-start", "undated"]),
    ],
)
def test_as_of_on_boundary_days(day, possible, keys):
    h = periods.as_of(career_graph(), day, include_possible=possible)
    assert edges(h) == keys
    june_gone = day >= (D(2025, 6, 1) if possible else D(2025, 6, 30))
    assert h.edges["p", "a", "left-jun"]["end"] == ("2025-06" if june_gone else "")
    assert h.edges["u", "a", "no-start"]["end"] == ("2025-06" if june_gone else "")
    nov_gone = day >= (D(2024, 11, 1) if possible else D(2024, 11, 30))
    assert h.edges["q", "a", "left-nov"]["end"] == ("2024-11" if nov_gone else "")


@pytest.mark.parametrize(
    ("day", "possible", "kept"),
    [
        (D(2025, 6, 16), False, True),  # certainly started by its last possible day
        (D(2025, 6, 15), False, False),
        (D(2025, 6, 15), True, True),  # an open first day: possibly started by any day
        (D(1, 1, 1), True, True),
    ],
)
def test_as_of_a_fact_with_an_open_first_day(day, possible, kept):
    g = nx.MultiDiGraph()
    g.add_nodes_from([("p", {"kind": "Person"}), ("v", {"kind": "Startup"})])
    g.add_edge("p", "v", key="founded", type="FOUNDED", start="../2025-06-16")
    assert edges(periods.as_of(g, day, include_possible=possible)) == (["founded"] if kept else [])


@pytest.mark.parametrize("possible", [False, True])
def test_as_of_keeps_the_end_of_a_fact_that_is_neither_a_job_nor_an_arrival(possible):
    g = nx.MultiDiGraph()
    g.add_nodes_from([("p", {"kind": "Person"}), ("a", {"kind": "Company"}), ("grp", {"kind": "Group"})])
    g.add_edge("a", "grp", key="member", type="MEMBER_OF", start="2020", end="2026")
    g.add_edge("p", "a", key="bare", type="WORKED_AT")  # no date attributes at all: undated
    h = periods.as_of(g, D(2025, 3, 31), include_possible=possible)
    assert edges(h) == ["bare", "member"]
    assert h.edges["a", "grp", "member"] == g.edges["a", "grp", "member"]
    assert h.edges["a", "grp", "member"]["end"] == "2026"


def test_as_of_counts_certain_facts_by_default():
    assert edges(periods.as_of(career_graph(), D(2025, 6, 1))) == edges(
        periods.as_of(career_graph(), D(2025, 6, 1), include_possible=False)
    )
    assert "founded" not in edges(periods.as_of(career_graph(), D(2025, 6, 1)))


# ===================================================================== general rules
# From 1000 on: a label keeps no leading zeros, so only four-digit years read back from their labels.
DAYS = st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31))
SPAN = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))
NEAR = st.dates(min_value=D(2023, 1, 1), max_value=D(2026, 12, 31))


@settings(max_examples=300, deadline=None)
@given(day=DAYS)
def test_the_half_year_of_a_day_holds_it(day):
    p = periods.half_year(day)
    first_half = day < D(day.year, 7, 1)
    assert p.start <= day <= p.end
    assert p.label == f"{day.year}H{1 if first_half else 2}"
    assert (p.start, p.end) == (
        (D(day.year, 1, 1), D(day.year, 6, 30)) if first_half else (D(day.year, 7, 1), D(day.year, 12, 31))
    )
    assert p.contains(dates.FuzzyDate(day.isoformat(), day, day))
    assert p == periods.parse_period(p.label)


@settings(max_examples=100, deadline=None)
@given(a=SPAN, b=SPAN)
def test_half_years_tile_the_days_between(a, b):
    first, last = min(a, b), max(a, b)
    got = periods.half_years(first, last)

    def index(d: D) -> int:
        return 2 * d.year + (d.month > 6)

    assert len(got) == index(last) - index(first) + 1
    assert got[0].start <= first <= got[0].end and got[-1].start <= last <= got[-1].end
    for p, q in itertools.pairwise(got):
        assert q.start == p.end + dt.timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(
    year=st.integers(1, 9999),
    unit=st.sampled_from(["", "H1", "H2", "Q1", "Q2", "Q3", "Q4"]),
    lower=st.booleans(),
)
def test_every_period_text_covers_its_months(year, unit, lower):
    months = {
        "": (1, 12),
        "H1": (1, 6),
        "H2": (7, 12),
        "Q1": (1, 3),
        "Q2": (4, 6),
        "Q3": (7, 9),
        "Q4": (10, 12),
    }
    first, last = months[unit]
    text = f"{year:04d}{unit.lower() if lower else unit}"
    p = periods.parse_period(text)
    assert p == P(D(year, first, 1), last_day(year, last), f"{year:04d}{unit}")
    assert (p.end - p.start).days + 1 == sum(calendar.monthrange(year, m)[1] for m in range(first, last + 1))


WHENS = st.sampled_from(
    [
        "",
        "2024-12",
        "2025-01-01",
        "2025-06",
        "2025-06-30",
        "2025-07-01",
        "2025-40",
        "2025-41",
        "2025-35",
        "2025",
        "2024-12/2025-06",
        "2025-06/2025-07",
        "../2025-03",
        "2025-09/..",
        "../..",
    ]
)
PERIODS = st.sampled_from(["2024H2", "2025H1", "2025H2", "2025Q2", "2025Q3", "2025", "2026"]).map(
    periods.parse_period
)


@settings(max_examples=200, deadline=None)
@given(when=WHENS, period=PERIODS)
def test_a_fact_certainly_in_a_period_is_possibly_in_it(when, period):
    d = dates.parse(when) if when else None
    certain, possible = period.contains(d), period.contains(d, include_possible=True)
    assert not certain or possible
    if d is None:
        assert not possible
    elif d.earliest and d.latest:
        days = {d.earliest + dt.timedelta(n) for n in range((d.latest - d.earliest).days + 1)}
        inside = {x for x in days if period.start <= x <= period.end}
        assert certain == (inside == days) and possible == bool(inside)


@settings(max_examples=40, deadline=None)
@given(
    whens=st.lists(WHENS, max_size=6),
    chosen=st.lists(PERIODS, max_size=3, unique_by=lambda p: p.label),
    possible=st.booleans(),
)
def test_split_is_in_period_for_each_period(whens, chosen, possible):
    g = facts(*whens)
    got = periods.split(g, chosen, include_possible=possible)
    assert list(got) == [p.label for p in chosen]
    for p in chosen:
        want = periods.in_period(g, p, include_possible=possible)
        assert edges(got[p.label]) == edges(want)
        assert sorted(got[p.label].nodes) == sorted(want.nodes)
        assert got[p.label].graph == want.graph
    if whens and any(whens):
        spanned = periods.data_periods(g)
        for p in spanned:
            assert p.end.month in (6, 12) and (p.start.month, p.start.day) in ((1, 1), (7, 1))


@settings(max_examples=200, deadline=None)
@given(when=WHENS, day=NEAR)
def test_a_move_certainly_known_is_possibly_known(when, day):
    m = move(when)
    certain = periods.moves_by([m], day)
    possible = periods.moves_by([m], day, include_possible=True)
    assert not certain or possible
    d = dates.parse(when) if when else None
    assert bool(certain) == (d is None or (d.latest is not None and d.latest <= day))
    assert bool(possible) == (d is None or d.earliest is None or d.earliest <= day)
