"""Invariants of the career rules on random careers (hypothesis), through the whole pipeline:
CSV -> validate -> graph -> careers -> flows and report."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from careers_gen import careers, write_dataset
from hypothesis import HealthCheck, given, settings

import graphkit
from graphkit import careers as gc
from graphkit import flows, report

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
