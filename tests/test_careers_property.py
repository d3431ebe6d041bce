"""Invariants of the career rules on random careers (hypothesis), through the whole pipeline:
CSV -> validate -> graph -> careers -> flows and report."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from careers_gen import careers, write_dataset
from hypothesis import HealthCheck, given, settings

import graphkit
from graphkit import report
from graphkit.graph import careers as gc
from graphkit.graph import distinct as gd
from graphkit.graph import flows
from graphkit.graph import moves as gm
from graphkit.graph import time as gt

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _span(text: str) -> tuple[int, int]:
    return gc.span(text) if text else (gc.NEG, gc.POS)


def _build(tmp_path_factory, people):
    return graphkit.build_graph(write_dataset(tmp_path_factory.mktemp("careers") / "data", people))


@SETTINGS
@given(people=careers())
def test_moves_obey_the_rules(tmp_path_factory, people):
    g = _build(tmp_path_factory, people)
    c = gc.ensure(g)
    ms = c.moves
    ended_jobs = {
        k
        for _, _, k, d in g.edges(keys=True, data=True)
        if d["type"] in ("WORKED_AT", "JOINED", "FOUNDED") and d["end"]
    }
    used_as_destination: Counter[tuple[str, str]] = Counter()
    for m in ms:
        # never from an organisation to itself, and never nowhere to nowhere
        assert m.origin != m.destination
        assert m.origin is not None or m.destination is not None
        # a known destination is never also ambiguous; an ambiguity names its candidates
        assert not (m.destination is not None and m.origin is not None and m.ambiguous)
        assert m.ambiguous == bool(m.candidates)
        assert m.origin not in m.candidates
        if m.origin is not None:
            assert m.how in ("joined", "founded", "unknown", "ambiguous")
            assert (m.how == "ambiguous") == m.ambiguous
            assert (m.destination is None) == (m.how in ("unknown", "ambiguous"))
            assert m.end and m.when == m.end
            # a departure rests on facts that ended
            assert all(g.edges[u, v, k]["end"] for u, v, k in g.edges(keys=True) if k in m.facts[:1])
        # chronologically possible: the arrival can have come on or after the departure
        if m.origin is not None and m.destination is not None and m.start:
            assert _span(m.start)[1] >= _span(m.end)[0]
        if m.destination is not None:
            arrival = [k for k in m.facts if _edge(g, k)[1] == m.destination]
            assert arrival  # a destination rests on a fact about it
            for k in arrival:
                used_as_destination[(m.person, k)] += 1
    # each arrival is the destination of at most one move
    assert all(n == 1 for n in used_as_destination.values())
    # each stint that ended is either the end of a departure or a role change, never both
    ending = Counter(
        k
        for m in ms
        if m.origin is not None
        for k in m.facts
        if k in ended_jobs and _edge(g, k)[1] == m.origin
    )
    changed = Counter(r.facts[0] for r in c.role_changes)
    assert not set(ending) & set(changed)
    assert set(ending) | set(changed) == ended_jobs
    assert all(n == 1 for n in changed.values())
    # move keys are unique
    assert len({m.key for m in ms}) == len(ms)
    # flow counts equal the moves
    org_rows = flows.org_flows(g, ms)
    assert sum(r.outflow for r in org_rows) == sum(m.origin is not None for m in ms)
    assert sum(r.inflow for r in org_rows) == sum(m.destination is not None for m in ms)
    matrix = flows.flow_matrix(ms)
    assert sum(sum(row.values()) for row in matrix.values()) == sum(m.origin is not None for m in ms)
    assert sum(flows.destinations(ms).values()) == sum(m.origin is not None for m in ms)
    # the report says the same
    r = report.build(g, report.ReportOptions(periods=False, communities=False))
    assert len(r["flows"]["moves"]) == len(ms)
    assert r["statistics"]["departures"] == sum(m.origin is not None for m in ms)


def _edge(g, key):
    for u, v, k in g.edges(keys=True):
        if k == key:
            return u, v, k
    raise AssertionError(key)


@SETTINGS
@given(people=careers(), seed=__import__("hypothesis").strategies.integers(0, 1000))
def test_row_order_does_not_matter(tmp_path_factory, people, seed):
    """The same facts in another order give the same moves: nothing depends on file order."""
    a = gc.ensure(_build(tmp_path_factory, people))
    shuffled = [list(career) for career in people]
    rng = random.Random(seed)
    for career in shuffled:
        rng.shuffle(career)
    b = gc.ensure(_build(tmp_path_factory, shuffled))
    assert sorted(a.moves, key=lambda m: m.key) == sorted(b.moves, key=lambda m: m.key)
    assert sorted(a.role_changes, key=repr) == sorted(b.role_changes, key=repr)
    assert a.when == b.when


@SETTINGS
@given(people=careers())
def test_fact_dates_follow_the_one_rule(tmp_path_factory, people):
    g = _build(tmp_path_factory, people)
    c = gc.ensure(g)
    dated_by_move = {k: m.end for m in c.moves if m.origin is not None and m.destination for k in m.facts}
    for _, _, k, d in g.edges(keys=True, data=True):
        if d["end"]:
            assert d["when"] == d["end"]
        elif d["start"]:
            assert d["when"] == d["start"]
        elif d["type"] in ("JOINED", "FOUNDED") and k in dated_by_move:
            assert d["when"] == dated_by_move[k]
        else:
            assert d["when"] == ""
        lo, hi = _span(d["when"])
        assert d["when_earliest"] == gc.iso_day(lo) and d["when_latest"] == gc.iso_day(hi)


def test_generated_dataset_is_a_directory(tmp_path: Path):
    d = write_dataset(tmp_path / "x", [[("WORKED_AT", "a", "", "2020", "2021")]])
    assert graphkit.validate(d).counts()["WORKED_AT"] == 1


# ------------------------------------------------------- fast paths of derive_records
# derive_records takes shortcuts for speed (bench-report derives 1M careers); each must
# give exactly what the general path gives.
from dataclasses import fields as _fields  # noqa: E402

from careers_gen import stint  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from graphkit.schema import dates, vocab  # noqa: E402

_CATS = vocab.load().role_categories


def _stints(career, cats):
    return [
        gc._Stint(f"p-{i}", org, "" if kind == "WORKED_AT" else kind.lower(), role, c, start, end)
        for i, ((kind, org, role, start, end), c) in enumerate(zip(career, cats, strict=False))
    ]


@SETTINGS
@given(
    career=st.lists(stint(), min_size=1, max_size=5, unique_by=lambda s: s[1]),
    cats=st.lists(st.lists(st.sampled_from(_CATS), max_size=3).map(tuple), min_size=5, max_size=5),
    unnamed=st.booleans(),
)
def test_distinct_organisations_shortcut_is_the_general_path(career, cats, unnamed):
    """A career at distinct organisations (each stint its own tenure): _distinct_orgs == _person."""
    stints = _stints(career, cats)
    when_fast: dict[str, str] = {}
    when_general: dict[str, str] = {}
    fast = gd._distinct_orgs("p", list(stints), unnamed, when_fast, _CATS)
    general, role_changes = gc._person("p", list(stints), unnamed, when_general, _CATS)
    assert [vars(m) for m in fast] == [vars(m) for m in general]  # every field, in the same order of moves
    assert fast == general
    assert role_changes == []
    assert when_fast == when_general


@SETTINGS
@given(people=careers())
def test_derive_records_takes_the_general_path_when_an_organisation_repeats(people):
    """Whichever path each person takes, derive_records gives what _person gives every person."""
    records = [
        (f"p{i}", f"p{i}-{j}", org, kind, role, (), start, end)
        for i, career in enumerate(people)
        for j, (kind, org, role, start, end) in enumerate(career)
    ]
    got = gc.derive_records(records, {"p0"})
    moves, role_changes, when = [], [], {}
    for i in sorted(range(len(people)), key=lambda i: f"p{i}"):  # person by person, by id
        stints = [
            gc._Stint(f"p{i}-{j}", org, "" if kind == "WORKED_AT" else kind.lower(), role, (), start, end)
            for j, (kind, org, role, start, end) in enumerate(people[i])
        ]
        ms, rcs = gc._person(f"p{i}", stints, i == 0, when, _CATS)
        moves += ms
        role_changes += rcs
    assert got.moves == moves
    assert [vars(m) for m in got.moves] == [vars(m) for m in moves]
    assert got.role_changes == role_changes
    assert got.when == when


def test_move_shortcut_builds_the_same_move():
    values = {f.name: f"v-{f.name}" for f in _fields(gc.Move)}
    fast, plain = gm._move(**values), gc.Move(**values)
    assert fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
    assert list(vars(fast).items()) == list(vars(plain).items())


@st.composite
def _edtf_like(draw):
    """EDTF-like texts around the shapes careers.span reads without the EDTF parser, and near misses."""

    def part():
        year = draw(st.sampled_from(["0000", "0001", "0999", "1900", "2000", "2023", "2024", "9999"]))
        shape = draw(st.integers(0, 2))
        if shape == 0:
            core = year
        elif shape == 1:
            core = f"{year}-{draw(st.integers(0, 45)):02d}"
        else:
            core = f"{year}-{draw(st.integers(0, 13)):02d}-{draw(st.integers(0, 32)):02d}"
        return core + draw(st.sampled_from(["", "", "~", "?", "%"]))

    kind = draw(st.integers(0, 4))
    if kind <= 1:
        return part()
    if kind == 2:
        return f"{part()}/{part()}"
    return f"../{part()}" if kind == 3 else f"{part()}/.."


def _parsed(text):
    d = dates.parse(text)
    return (d.earliest.toordinal() if d.earliest else gc.NEG, d.latest.toordinal() if d.latest else gc.POS)


@settings(max_examples=400, deadline=None)
@given(text=_edtf_like())
def test_span_reads_plain_dates_as_the_edtf_parser_does(text):
    quick = gt._plain_span(text)
    try:
        expected = _parsed(text)
    except dates.BadDate:
        assert quick is None  # anything wrong is left to dates.parse, which says what
        return
    assert quick is None or quick == expected
    assert gc.span(text) == expected


def test_span_reads_the_usual_shapes_without_the_edtf_parser():
    usual = ["2019", "2021-06", "2022-33", "2022-36", "2024-40", "2024-41", "2024-12~", "2024-12-05"]
    usual += ["2024-12/2025-06", "../2025-06-16", "2025-06/..", "2024-06~/2025-01"]
    for text in usual:
        assert gt._plain_span(text) == _parsed(text), text
    for text in ["2024-21", "2024-33/2024-40", "2024-33~", "2024-12/", "../..", " 2024", "2024-02-30"]:
        assert gt._plain_span(text) is None, text  # seasons, quarters in intervals, errors: dates.parse
