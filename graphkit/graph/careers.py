"""Careers: when a fact happened, and what a move is. Each rule is written here once.

**The date of a fact** (:func:`fact_when`): a relationship happened at its
``end`` if it ended, otherwise at its ``start``. A ``JOINED``/``FOUNDED`` with
no ``start`` happened when the move it ends happened (the departure's
``end``). Anything else is undated. Reports, periods, filters, the HTML page
and Neo4j read this date from the graph (edge attributes ``when``,
``when_earliest``, ``when_latest``); none of them works it out again.

**A career** is a person's stints at organisations. Each ``job`` relationship
(``WORKED_AT``) is a stint from ``start`` to ``end``; each ``arrival``
(``JOINED``, ``FOUNDED``) starts a stint. Dates are EDTF spans, so every
comparison below is between the first and last day a date can mean.

1. *Tenures.* A person's stints at one organisation form one tenure while
   they overlap or touch: a stint that can have started by the day after the
   tenure's last possible day (``VP`` to April, ``CTO`` from May) joins it, and
   a tenure that has not ended (a job with
   no ``end``, or only an arrival) takes in every later stint there. So a role
   that ends while another goes on, or that runs straight into the next one,
   is a **role change**, not a departure. An arrival with no date joins the
   organisation's latest tenure when that one has not ended or has no known
   start; otherwise it starts a new tenure (a return).
2. *Departures.* A tenure ends when all its jobs have ended (or, with no job,
   when its arrivals have): that is a departure, dated by its latest end.
3. *Arrivals.* A tenure that begins with an arrival relationship, or whose
   jobs all have a start, has a known beginning and can be the destination of
   a move. A job with no start date never is: nothing says when it began.
4. *Moves.* The destination of a departure is the next arrival at a
   *different* organisation: among the arrivals that can have happened on or
   after the departure (and whose tenure had not already ended), the one that
   certainly came first. The origin of an arrival is the latest departure that
   can precede it. A departure and an arrival are paired only when each is the
   other's only candidate; pairing repeats until nothing changes, so each
   departure has at most one destination and each arrival at most one origin.
   Where the dates cannot decide, the move is **ambiguous** and lists its
   candidates: it is never guessed. A departure whose next arrival went to
   another departure, or that has none, goes to an **unknown** destination.
5. *Arrivals with no origin.* An ``arrival`` relationship (or a return to a
   former employer) that no departure precedes is an arrival from an unknown
   origin: it counts as inflow only. The first job of a career is not a move.
6. *Boomerangs.* A move (or arrival) into an organisation where the person
   had an earlier tenure that ended is a boomerang; leaving A, joining B and
   returning to A is two moves, A -> B and B -> A.

Everything is derived once, by :func:`derive`, when the graph is built
(:func:`ensure`), and stored on the graph as ``graph.graph["careers"]``.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

import networkx as nx

from graphkit.graph.distinct import _distinct_orgs
from graphkit.graph.moves import AMBIGUOUS, UNKNOWN, Move, _person
from graphkit.graph.tenures import RoleChange, _Stint
from graphkit.graph.time import NEG, POS, fact_when, iso_day, span
from graphkit.schema import vocab

__all__ = [
    "AMBIGUOUS",
    "NEG",
    "POS",
    "UNKNOWN",
    "Careers",
    "Move",
    "Record",
    "RoleChange",
    "annotate",
    "derive",
    "derive_records",
    "ensure",
    "fact_when",
    "iso_day",
    "moves",
    "span",
]


@dataclass
class Careers:
    """Everything derived from the careers of one graph."""

    moves: list[Move] = field(default_factory=list)
    role_changes: list[RoleChange] = field(default_factory=list)
    when: dict[str, str] = field(default_factory=dict)  # edge key -> EDTF date of its fact

    def departures(self) -> list[Move]:
        return [m for m in self.moves if m.origin is not None]

    def to_json(self) -> dict[str, Any]:
        return {
            "moves": [asdict(m) for m in self.moves],
            "role_changes": [asdict(r) for r in self.role_changes],
        }


# ---------------------------------------------------------------- the graph
#: One career fact: (person, key, organisation, type, role, role categories, start, end).
Record = tuple[str, str, str, str, str, tuple[str, ...], str, str]


def derive_records(
    records: Iterable[Record],
    unnamed: set[str] | frozenset[str] = frozenset(),
    when: dict[str, str] | None = None,
) -> Careers:
    """The careers of plain career facts (``type`` is a relationship type of the vocabulary).

    :func:`derive` calls this with the graph's relationships; it is also the
    entry point for data that is not in a graph (and what ``bench-report`` times).
    ``when`` (relationship key -> EDTF date) receives the dates of undated arrivals."""
    voc = vocab.load()
    order = voc.role_categories
    hows = {t: t.lower() for t in voc.career_types("arrival")}  # "" for a job
    out = Careers(when={} if when is None else when)
    moves, role_changes = out.moves, out.role_changes
    # Millions of new objects and no reference cycles among them: the cyclic garbage
    # collector would only walk them again and again (over a tenth of the time at 1M people).
    collecting = gc.isenabled()
    gc.disable()
    try:
        by_person: dict[str, list[Record]] = defaultdict(list)
        for r in records:
            by_person[r[0]].append(r)
        for person in sorted(by_person, key=str):
            stints = [
                _Stint(key, org, hows.get(rtype, ""), role, cats, start, end)
                # popped: its records free their memory for the moves
                for _, key, org, rtype, role, cats, start, end in by_person.pop(person)
            ]
            if len({s.org for s in stints}) == len(stints):  # the usual case: no tenure to build
                moves.extend(_distinct_orgs(person, stints, person in unnamed, out.when, order))
                continue
            ms, rcs = _person(person, stints, person in unnamed, out.when, order)
            moves.extend(ms)
            role_changes.extend(rcs)
    finally:
        if collecting:
            gc.enable()
    return out


def derive(g: nx.MultiDiGraph) -> Careers:
    """Every person's moves and role changes, and the date of every relationship."""
    voc = vocab.load()
    types = set(voc.career_types("job")) | set(voc.career_types("arrival"))
    org_kinds = set(voc.organisation_kinds)
    when: dict[str, str] = {}
    categories: dict[tuple[str, ...], tuple[str, ...]] = {}  # each distinct tuple once, shared
    nodes = g.nodes

    def records() -> Iterator[Record]:  # read once, as derive_records groups them: no list of all
        for u, v, k, d in g.edges(keys=True, data=True):
            t = d.get("type", "")
            when[k] = fact_when(d)
            if t in types and nodes[v].get("kind") in org_kinds:
                cats = tuple(d.get("role_category") or ())
                yield (
                    u,
                    k,
                    v,
                    t,
                    d.get("role") or "",
                    categories.setdefault(cats, cats),
                    d.get("start") or "",
                    d.get("end") or "",
                )

    unnamed = {n for n, x in g.nodes(data="unnamed") if x}
    return derive_records(records(), unnamed, when)


def annotate(g: nx.MultiDiGraph, c: Careers) -> None:
    """Write each relationship's fact date onto the graph: ``when``, ``when_earliest``, ``when_latest``."""
    days: dict[str, tuple[str, str]] = {}  # each date's earliest and latest ISO days, once
    for _, _, k, d in g.edges(keys=True, data=True):
        text = c.when.get(k, "")
        if text not in days:
            lo, hi = span(text) if text else (NEG, POS)
            days[text] = (iso_day(lo), iso_day(hi))
        d["when"] = text
        d["when_earliest"], d["when_latest"] = days[text]


def ensure(g: nx.MultiDiGraph) -> Careers:
    """The careers of ``g``: derived and written onto the graph the first time, read after that."""
    c = g.graph.get("careers")
    if not isinstance(c, Careers):
        c = derive(g)
        annotate(g, c)
        g.graph["careers"] = c
    return c


def moves(g: nx.MultiDiGraph) -> list[Move]:
    """Every move and arrival of ``g`` (see the module docstring), in a stable order."""
    return ensure(g).moves
