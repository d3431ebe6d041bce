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

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

import networkx as nx

from . import dates, vocab

NEG = -(10**9)  # an open or unknown first day, as a day number
POS = 10**9  # an open or unknown last day
UNKNOWN = "unknown"
AMBIGUOUS = "ambiguous"


@lru_cache(maxsize=65536)
def span(text: str) -> tuple[int, int]:
    """First and last day an EDTF value can mean, as day numbers (NEG/POS when open)."""
    d = dates.parse(text)
    return (
        d.earliest.toordinal() if d.earliest else NEG,
        d.latest.toordinal() if d.latest else POS,
    )


def iso_day(n: int) -> str:
    """A day number as an ISO date, "" when open."""
    return "" if n in (NEG, POS) else dt.date.fromordinal(n).isoformat()


_iso = iso_day


# ------------------------------------------------------------- the date of a fact
def fact_when(attrs: dict[str, Any]) -> str:
    """The EDTF date of a relationship's fact from its own attributes: ``end``, else ``start``.

    (An undated arrival is dated by its move; :func:`derive` does that.)"""
    return attrs.get("end") or attrs.get("start") or ""


# ------------------------------------------------------------------- records
@dataclass(frozen=True)
class Move:
    """A departure with its destination, or an arrival with no known origin."""

    person: str
    origin: str | None  # None: an arrival whose origin the sources do not give
    destination: str | None  # None: unknown or ambiguous
    how: str  # joined | founded | unknown | ambiguous
    end: str = ""  # EDTF of the departure ("" for an arrival)
    role_category: tuple[str, ...] = ()
    unnamed: bool = False
    start: str = ""  # EDTF of the arrival at the destination ("" when undated or none)
    when: str = ""  # the move's date: the departure's end, or the arrival's start
    earliest: str = ""  # ISO first and last day of ``when`` ("" when open or undated)
    latest: str = ""
    ambiguous: bool = False
    candidates: tuple[str, ...] = ()  # destinations (or, for an arrival, origins) the dates allow
    boomerang: bool = False
    facts: tuple[str, ...] = ()  # keys of the relationships the move rests on
    key: str = ""
    role: str = ""  # the role(s) the person left ("; "-separated)

    @property
    def is_departure(self) -> bool:
        return self.origin is not None

    @property
    def arrived(self) -> str:
        """When the person arrived at the destination: the arrival's start, else the move's date."""
        return self.start or self.when


@dataclass(frozen=True)
class RoleChange:
    """A role that ended while the person stayed at the organisation."""

    person: str
    org: str
    from_role: str
    to_role: str
    end: str  # EDTF of the role's end
    earliest: str = ""
    latest: str = ""
    facts: tuple[str, ...] = ()


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


# -------------------------------------------------------------------- stints
class _Stint:
    __slots__ = ("arrival", "cats", "e_hi", "e_lo", "end", "key", "org", "role", "s_hi", "s_lo", "start")

    def __init__(
        self, key: str, org: str, arrival: str, role: str, cats: tuple[str, ...], start: str, end: str
    ):
        # arrival: "" for a job, else how the stint began ("joined", "founded": the type, lower case)
        self.key, self.org, self.arrival, self.role, self.cats = key, org, arrival, role, cats
        self.start, self.end = start, end
        self.s_lo, self.s_hi = span(start) if start else (NEG, POS)
        self.e_lo, self.e_hi = span(end) if end else (NEG, POS)


class _Tenure:
    __slots__ = (
        "a_hi",
        "a_lo",
        "arrivals",
        "d_hi",
        "d_lo",
        "end",
        "founded",
        "jobs",
        "open_arrivals",
        "open_jobs",
        "org",
        "start",
        "stints",
        "undated_job",
    )

    def __init__(self, org: str):
        self.org = org
        self.stints: list[_Stint] = []
        self.jobs = self.open_jobs = self.arrivals = self.open_arrivals = 0
        self.a_lo, self.a_hi = POS, POS
        self.d_lo, self.d_hi = NEG, NEG
        self.end = self.start = ""
        self.founded = self.undated_job = False

    def add(self, s: _Stint) -> None:
        self.stints.append(s)
        if s.arrival:
            self.arrivals += 1
            self.open_arrivals += not s.end
            self.founded = self.founded or s.arrival == "founded"
        else:
            self.jobs += 1
            self.open_jobs += not s.end
            self.undated_job = self.undated_job or not s.start
        if s.start and (s.s_hi, s.s_lo) < (self.a_hi, self.a_lo):
            self.start = s.start
        self.a_lo = min(self.a_lo, s.s_lo)
        self.a_hi = min(self.a_hi, s.s_hi)
        if s.end and (s.e_hi, s.e_lo) > (self.d_hi, self.d_lo):
            self.d_lo, self.d_hi, self.end = s.e_lo, s.e_hi, s.end

    @property
    def open(self) -> bool:
        """Not ended: a job with no end, or (with no job) an arrival with no end."""
        return self.open_jobs > 0 if self.jobs else self.open_arrivals > 0

    @property
    def known_start(self) -> bool:
        """The tenure's beginning is an arrival, or every job in it has a start."""
        return self.arrivals > 0 or not self.undated_job

    def categories(self) -> tuple[str, ...]:
        order = vocab.load().role_categories
        found = {c for s in self.stints if not s.arrival for c in s.cats}
        return tuple(c for c in order if c in found)


def _tenures(stints: list[_Stint]) -> list[_Tenure]:
    by_org: dict[str, list[_Stint]] = defaultdict(list)
    for s in stints:
        by_org[s.org].append(s)
    out: list[_Tenure] = []
    for org in sorted(by_org):
        ss = by_org[org]
        placed = [s for s in ss if s.start or not s.arrival]
        floating = [s for s in ss if not s.start and s.arrival]
        placed.sort(key=lambda s: (s.s_lo, s.s_hi, s.e_hi, s.key))
        ts: list[_Tenure] = []
        cur: _Tenure | None = None
        for s in placed:
            if cur is None or not (cur.open or s.s_lo <= cur.d_hi + 1):
                cur = _Tenure(org)
                ts.append(cur)
            cur.add(s)
        for s in sorted(floating, key=lambda s: s.key):
            host = ts[-1] if ts and (ts[-1].open or ts[-1].undated_job) else None
            if host is None:
                host = _Tenure(org)
                ts.append(host)
            host.add(s)
        out.extend(ts)
    return out


# --------------------------------------------------------------------- moves
def _pair(ts: list[_Tenure]) -> tuple[dict[int, int], dict[int, list[int]], dict[int, list[int]]]:
    """Pair departures with arrivals: returns (dest, first, last).

    ``first[d]``: the arrivals that can be the first after departure ``d``;
    ``last[a]``: the departures that can be the last before arrival ``a``.
    """
    deps = [i for i, t in enumerate(ts) if not t.open]
    arrs = [i for i, t in enumerate(ts) if t.known_start]
    first: dict[int, list[int]] = {}
    back: dict[int, list[int]] = defaultdict(list)
    for d in deps:
        td = ts[d]
        ok = [
            a
            for a in arrs
            if ts[a].org != td.org and ts[a].a_hi >= td.d_lo and (ts[a].open or ts[a].d_hi >= td.d_lo)
        ]
        for a in ok:
            back[a].append(d)
        first[d] = [a for a in ok if not any(ts[b].a_hi < ts[a].a_lo for b in ok)]
    last = {a: [d for d in ds if not any(ts[d].d_hi < ts[e].d_lo for e in ds)] for a, ds in back.items()}
    dest: dict[int, int] = {}
    origin: dict[int, int] = {}
    changed = True
    while changed:
        changed = False
        for d in deps:
            if d in dest:
                continue
            c = [a for a in first[d] if a not in origin]
            if len(c) != 1:
                continue
            o = [x for x in last[c[0]] if x not in dest]
            if o == [d]:
                dest[d], origin[c[0]] = c[0], d
                changed = True
    return dest, first, last


def _key(person: str, origin: str | None, destination: str | None, facts: Iterable[str]) -> str:
    """A stable id: the same person, ends and facts give the same key."""
    text = "\x1f".join((person, origin or "", destination or "", *facts))
    return "move-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _person(
    person: str, stints: list[_Stint], unnamed: bool, when: dict[str, str]
) -> tuple[list[Move], list[RoleChange]]:
    ts = _tenures(stints)
    dest, first, last = _pair(ts)
    origin = {a: d for d, a in dest.items()}

    def returning(a: int) -> bool:
        ta = ts[a]
        return any(t is not ta and t.org == ta.org and not t.open and t.d_lo <= ta.a_hi for t in ts)

    def arrival_facts(t: _Tenure) -> list[str]:
        return [s.key for s in t.stints if s.arrival or (s.start and s.s_lo == t.a_lo)]

    moves: list[Move] = []
    for d in sorted(first, key=lambda i: (ts[i].d_hi, ts[i].d_lo, ts[i].org)):
        t = ts[d]
        ending = [s for s in t.stints if s.end and s.e_hi == t.d_hi]
        facts = [s.key for s in ending]
        role = "; ".join(dict.fromkeys(s.role for s in ending if s.role))
        a = dest.get(d)
        cands: tuple[str, ...] = ()
        if a is not None:
            how, to, start = ("founded" if ts[a].founded else "joined"), ts[a].org, ts[a].start
            facts += arrival_facts(ts[a])
            for s in ts[a].stints:
                if s.arrival and not s.start and not s.end:
                    when[s.key] = t.end  # an undated arrival happened when its move did
        else:
            c = [x for x in first[d] if x not in origin]
            cands = tuple(sorted({ts[x].org for x in c}))
            how, to, start = (AMBIGUOUS if c else UNKNOWN), None, ""
        moves.append(
            Move(
                person=person,
                origin=t.org,
                destination=to,
                how=how,
                end=t.end,
                role_category=t.categories(),
                unnamed=unnamed,
                start=start,
                when=t.end,
                earliest=_iso(t.d_lo),
                latest=_iso(t.d_hi),
                ambiguous=bool(cands),
                candidates=cands,
                boomerang=a is not None and returning(a),
                facts=tuple(facts),
                key=_key(person, t.org, to, facts),
                role=role,
            )
        )
    for a in sorted(i for i, t in enumerate(ts) if t.known_start and i not in origin):
        t = ts[a]
        o = [x for x in last.get(a, []) if x not in dest]
        boomerang = returning(a)
        if not (o or t.arrivals or boomerang):
            continue  # the first job of a career, or a job taken alongside another: not a move
        facts = arrival_facts(t)
        lo, hi = (t.a_lo, t.a_hi) if t.start else (NEG, POS)
        moves.append(
            Move(
                person=person,
                origin=None,
                destination=t.org,
                how="founded" if t.founded else "joined",
                unnamed=unnamed,
                start=t.start,
                when=t.start,
                earliest=_iso(lo),
                latest=_iso(hi),
                ambiguous=bool(o),
                candidates=tuple(sorted({ts[x].org for x in o})),
                boomerang=boomerang,
                facts=tuple(facts),
                key=_key(person, None, t.org, facts),
            )
        )
    return moves, _role_changes(person, ts)


def _role_changes(person: str, ts: list[_Tenure]) -> list[RoleChange]:
    out: list[RoleChange] = []
    for t in ts:
        jobs = t.stints
        if len(jobs) < 2:
            continue
        for s in jobs:
            if not s.end or (not t.open and s.e_hi == t.d_hi):
                continue  # still held, or the tenure's own end (a departure)
            after = [
                j for j in jobs if j is not s and (not j.end or j.e_hi > s.e_hi) and j.s_lo <= s.e_hi + 1
            ]
            nxt = max(after, key=lambda j: (j.s_lo, j.key), default=None)
            out.append(
                RoleChange(
                    person=person,
                    org=t.org,
                    from_role=s.role,
                    to_role=nxt.role if nxt else "",
                    end=s.end,
                    earliest=_iso(s.e_lo),
                    latest=_iso(s.e_hi),
                    facts=(s.key,) + ((nxt.key,) if nxt else ()),
                )
            )
    return out


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
    arrivals = set(voc.career_types("arrival"))
    stints: dict[str, list[_Stint]] = defaultdict(list)
    for person, key, org, rtype, role, cats, start, end in records:
        how = rtype.lower() if rtype in arrivals else ""
        stints[person].append(_Stint(key, org, how, role, cats, start, end))
    out = Careers(when={} if when is None else when)
    for person in sorted(stints, key=str):
        ms, rcs = _person(person, stints[person], person in unnamed, out.when)
        out.moves.extend(ms)
        out.role_changes.extend(rcs)
    return out


def derive(g: nx.MultiDiGraph) -> Careers:
    """Every person's moves and role changes, and the date of every relationship."""
    voc = vocab.load()
    types = set(voc.career_types("job")) | set(voc.career_types("arrival"))
    org_kinds = set(voc.organisation_kinds)
    when: dict[str, str] = {}
    records: list[Record] = []
    nodes = g.nodes
    for u, v, k, d in g.edges(keys=True, data=True):
        t = d.get("type", "")
        when[k] = fact_when(d)
        if t in types and nodes[v].get("kind") in org_kinds:
            records.append(
                (
                    u,
                    k,
                    v,
                    t,
                    d.get("role") or "",
                    tuple(d.get("role_category") or ()),
                    d.get("start") or "",
                    d.get("end") or "",
                )
            )
    unnamed = {n for n, x in g.nodes(data="unnamed") if x}
    return derive_records(records, unnamed, when)


def annotate(g: nx.MultiDiGraph, c: Careers) -> None:
    """Write each relationship's fact date onto the graph: ``when``, ``when_earliest``, ``when_latest``."""
    for _, _, k, d in g.edges(keys=True, data=True):
        text = c.when.get(k, "")
        lo, hi = span(text) if text else (NEG, POS)
        d["when"], d["when_earliest"], d["when_latest"] = text, _iso(lo), _iso(hi)


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


def of_person(c: Careers, person: str) -> tuple[list[Move], list[RoleChange]]:
    return [m for m in c.moves if m.person == person], [r for r in c.role_changes if r.person == person]
