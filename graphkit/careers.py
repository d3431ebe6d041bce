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
import gc
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import Any

import networkx as nx

from . import dates, vocab

NEG = -(10**9)  # an open or unknown first day, as a day number
POS = 10**9  # an open or unknown last day
UNKNOWN = "unknown"
AMBIGUOUS = "ambiguous"


@lru_cache(maxsize=65536)
def span(text: str) -> tuple[int, int]:
    """First and last day an EDTF value can mean, as day numbers (NEG/POS when open).

    The common shapes are read directly (:func:`_plain_span`); anything else, and
    anything wrong, goes to :func:`graphkit.dates.parse`, which also says what is wrong."""
    quick = _plain_span(text)
    if quick is not None:
        return quick
    d = dates.parse(text)
    return (
        d.earliest.toordinal() if d.earliest else NEG,
        d.latest.toordinal() if d.latest else POS,
    )


_PLAIN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%]?)")
_MONTHS = {33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12), 40: (1, 6), 41: (7, 12)}  # quarters, halves


def _plain_day_span(text: str, quarters: bool = True) -> tuple[int, int] | None:
    """A year, month or day (maybe with ``~?%``), or a quarter or half (not in an interval), else None."""
    m = _PLAIN.fullmatch(text)
    if m is None:
        return None
    y, mm, dd, qualifier = m.groups()
    year = int(y)
    try:
        if mm is None:
            first, last = 1, 12
        elif dd is not None:
            n = dt.date(year, int(mm), int(dd)).toordinal()
            return n, n
        elif int(mm) <= 12:
            first = last = int(mm)
        elif quarters and int(mm) in _MONTHS and not qualifier:
            first, last = _MONTHS[int(mm)]
        else:
            return None
        after = dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)
        return dt.date(year, first, 1).toordinal(), after.toordinal() - 1
    except ValueError:
        return None


def _plain_span(text: str) -> tuple[int, int] | None:
    """:func:`span` of a plain date or an interval of two (either may be ``..``), without the
    EDTF parser; None for any other text, or for an interval that ends before it starts.
    (tests/test_careers_property.py checks it against :func:`graphkit.dates.parse`.)"""
    a, slash, b = text.partition("/")
    if not slash:
        return _plain_day_span(text)
    if a == b == "..":
        return None
    lo = (NEG, POS) if a == ".." else _plain_day_span(a, quarters=False)
    hi = (NEG, POS) if b == ".." else _plain_day_span(b, quarters=False)
    if lo is None or hi is None or (a != ".." and b != ".." and hi[1] < lo[0]):
        return None
    return lo[0], hi[1]


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
_OPEN = (NEG, POS)


class _Stint:
    __slots__ = ("arrival", "cats", "e_hi", "e_lo", "end", "key", "org", "role", "s_hi", "s_lo", "start")

    def __init__(
        self, key: str, org: str, arrival: str, role: str, cats: tuple[str, ...], start: str, end: str
    ):
        # arrival: "" for a job, else how the stint began ("joined", "founded": the type, lower case)
        self.key, self.org, self.arrival, self.role, self.cats = key, org, arrival, role, cats
        self.start, self.end = start, end
        self.s_lo, self.s_hi = span(start) if start else _OPEN
        self.e_lo, self.e_hi = span(end) if end else _OPEN


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
        "known_start",
        "open",
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
        # open: not ended (a job with no end, or, with no job, an arrival with no end).
        # known_start: the tenure's beginning is an arrival, or every job in it has a start.
        self.open, self.known_start = False, True

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
        if s.s_lo < self.a_lo:
            self.a_lo = s.s_lo
        if s.s_hi < self.a_hi:
            self.a_hi = s.s_hi
        if s.end and (s.e_hi, s.e_lo) > (self.d_hi, self.d_lo):
            self.d_lo, self.d_hi, self.end = s.e_lo, s.e_hi, s.end
        self.open = self.open_jobs > 0 if self.jobs else self.open_arrivals > 0
        self.known_start = self.arrivals > 0 or not self.undated_job

    def categories(self, order: tuple[str, ...]) -> tuple[str, ...]:
        found = {c for s in self.stints if not s.arrival for c in s.cats}
        return tuple(c for c in order if c in found) if found else ()


def _tenures(stints: list[_Stint]) -> list[_Tenure]:
    by_org: dict[str, list[_Stint]] = defaultdict(list)
    for s in stints:
        by_org[s.org].append(s)
    out: list[_Tenure] = []
    for org in sorted(by_org):
        ss = by_org[org]
        if len(ss) == 1:  # the usual case: one stint there, one tenure
            t = _Tenure(org)
            t.add(ss[0])
            out.append(t)
            continue
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
    if not deps:
        return {}, {}, {}
    arrs = [(a, t) for a, t in enumerate(ts) if t.known_start]
    first: dict[int, list[int]] = {}
    back: dict[int, list[int]] = defaultdict(list)
    for d in deps:
        org, lo = ts[d].org, ts[d].d_lo
        ok = [(a, t) for a, t in arrs if t.org != org and t.a_hi >= lo and (t.open or t.d_hi >= lo)]
        if not ok:
            first[d] = []
            continue
        for a, _ in ok:
            back[a].append(d)
        # those that no other arrival certainly precedes (by ending its last possible day before their first)
        soonest = min([t.a_hi for _, t in ok])
        first[d] = [a for a, t in ok if t.a_lo <= soonest]
    if not back:
        return {}, first, {}
    last: dict[int, list[int]] = {}
    for a, ds in back.items():
        latest = max([ts[e].d_lo for e in ds])
        last[a] = [d for d in ds if ts[d].d_hi >= latest]
    return _pair_mutually(deps, first, last), first, last


def _pair_mutually(
    deps: list[Any], first: dict[Any, list[Any]], last: dict[Any, list[Any]]
) -> dict[Any, Any]:
    """Pair a departure with an arrival when each is the other's only candidate left
    (``first``: the arrivals that can come first after a departure; ``last``: the
    departures that can come last before an arrival), until nothing changes."""
    dest: dict[Any, Any] = {}
    origin: dict[Any, Any] = {}
    changed = True
    while changed and len(dest) < len(deps):
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
    return dest


def _key(person: str, origin: str | None, destination: str | None, facts: Iterable[str]) -> str:
    """A stable id: the same person, ends and facts give the same key."""
    text = "\x1f".join((person, origin or "", destination or "", *facts))
    return "move-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


_iso_cached = lru_cache(maxsize=65536)(iso_day)


def _returning(ts: list[_Tenure], ta: _Tenure) -> bool:
    """``ta`` returns to an organisation where an earlier tenure had ended."""
    return any(t is not ta and t.org == ta.org and not t.open and t.d_lo <= ta.a_hi for t in ts)


def _arrival_facts(t: _Tenure) -> list[str]:
    return [s.key for s in t.stints if s.arrival or (s.start and s.s_lo == t.a_lo)]


def _person(
    person: str, stints: list[_Stint], unnamed: bool, when: dict[str, str], order: tuple[str, ...]
) -> tuple[list[Move], list[RoleChange]]:
    ts = _tenures(stints)
    dest, first, last = _pair(ts)
    origin = {a: d for d, a in dest.items()}
    returns = len({t.org for t in ts}) < len(ts)  # some organisation has two tenures
    iso = _iso_cached

    moves: list[Move] = []
    for d in sorted(first, key=lambda i: (ts[i].d_hi, ts[i].d_lo, ts[i].org)) if len(first) > 1 else first:
        t = ts[d]
        ending = [s for s in t.stints if s.end and s.e_hi == t.d_hi]
        facts = [s.key for s in ending]
        role = "; ".join(dict.fromkeys(s.role for s in ending if s.role))
        a = dest.get(d)
        cands: tuple[str, ...] = ()
        if a is not None:
            ta = ts[a]
            how, to, start = ("founded" if ta.founded else "joined"), ta.org, ta.start
            facts += _arrival_facts(ta)
            for s in ta.stints:
                if s.arrival and not s.start and not s.end:
                    when[s.key] = t.end  # an undated arrival happened when its move did
        else:
            c = [x for x in first[d] if x not in origin]
            cands = tuple(sorted({ts[x].org for x in c}))
            how, to, start = (AMBIGUOUS if c else UNKNOWN), None, ""
        moves.append(
            _move(
                person=person,
                origin=t.org,
                destination=to,
                how=how,
                end=t.end,
                role_category=t.categories(order),
                unnamed=unnamed,
                start=start,
                when=t.end,
                earliest=iso(t.d_lo),
                latest=iso(t.d_hi),
                ambiguous=bool(cands),
                candidates=cands,
                boomerang=returns and a is not None and _returning(ts, ts[a]),
                facts=tuple(facts),
                key=_key(person, t.org, to, facts),
                role=role,
            )
        )
    for a, t in enumerate(ts):
        if not t.known_start or a in origin:
            continue
        o = [x for x in last[a] if x not in dest] if a in last else []
        boomerang = returns and _returning(ts, t)
        if not (o or t.arrivals or boomerang):
            continue  # the first job of a career, or a job taken alongside another: not a move
        facts = _arrival_facts(t)
        lo, hi = (t.a_lo, t.a_hi) if t.start else _OPEN
        moves.append(
            _move(
                person=person,
                origin=None,
                destination=t.org,
                how="founded" if t.founded else "joined",
                end="",
                role_category=(),
                unnamed=unnamed,
                start=t.start,
                when=t.start,
                earliest=iso(lo),
                latest=iso(hi),
                ambiguous=bool(o),
                candidates=tuple(sorted({ts[x].org for x in o})),
                boomerang=boomerang,
                facts=tuple(facts),
                key=_key(person, None, t.org, facts),
                role="",
            )
        )
    return moves, _role_changes(person, ts) if len(ts) < len(stints) else []


def _distinct_orgs(
    person: str, stints: list[_Stint], unnamed: bool, when: dict[str, str], order: tuple[str, ...]
) -> list[Move]:
    """:func:`_person` of a career whose stints are all at different organisations.

    Each stint is then a tenure of its own (its ``start``/``end`` spans are the
    tenure's), so the same pairing runs on the stints themselves; nobody returns
    to an organisation and no role changes. tests/test_careers_property.py checks
    that this gives what :func:`_person` gives."""
    ss = sorted(stints, key=_ORG) if len(stints) > 1 else stints  # the order of _tenures
    deps = [s for s in ss if s.end]  # ended: a departure
    arrs = [s for s in ss if s.arrival or s.start]  # a known beginning: can be a destination
    first: dict[_Stint, list[_Stint]] = {}
    back: dict[_Stint, list[_Stint]] = {}
    for d in deps:
        lo = d.e_lo
        ok = [a for a in arrs if a is not d and a.s_hi >= lo and (not a.end or a.e_hi >= lo)]
        if not ok:
            first[d] = ok
            continue
        for a in ok:
            if a in back:
                back[a].append(d)
            else:
                back[a] = [d]
        # (one alone can come first and be the last: a span's first day is never after its last)
        if len(ok) == 1:
            first[d] = ok
        else:
            soonest = min([a.s_hi for a in ok])
            first[d] = [a for a in ok if a.s_lo <= soonest]
    last: dict[_Stint, list[_Stint]] = {}
    for a, ds in back.items():
        if len(ds) == 1:
            last[a] = ds
        else:
            latest = max([d.e_lo for d in ds])
            last[a] = [d for d in ds if d.e_hi >= latest]
    dest: dict[_Stint, _Stint] = _pair_mutually(deps, first, last) if back else {}
    origin = {a: d for d, a in dest.items()}

    moves: list[Move] = []
    for d in sorted(deps, key=_DEPARTED) if len(deps) > 1 else deps:
        facts: tuple[str, ...] = (d.key,)
        a = dest.get(d)
        cands: tuple[str, ...] = ()
        if a is not None:
            how, to, start = ("founded" if a.arrival == "founded" else "joined"), a.org, a.start
            facts += (a.key,)
            if a.arrival and not a.start and not a.end:
                when[a.key] = d.end  # an undated arrival happened when its move did
        else:
            c = [x.org for x in first[d] if x not in origin]
            cands = tuple(sorted(c)) if c else ()  # organisations are distinct
            how, to, start = (AMBIGUOUS if c else UNKNOWN), None, ""
        moves.append(
            _move(
                person=person,
                origin=d.org,
                destination=to,
                how=how,
                end=d.end,
                role_category=_ordered(d.cats, order) if d.cats and not d.arrival else (),
                unnamed=unnamed,
                start=start,
                when=d.end,
                earliest=_iso_cached(d.e_lo),
                latest=_iso_cached(d.e_hi),
                ambiguous=bool(cands),
                candidates=cands,
                boomerang=False,
                facts=facts,
                key=_key(person, d.org, to, facts),
                role=d.role,
            )
        )
    for a in arrs:
        if a in origin:
            continue
        o = [x.org for x in last[a] if x not in dest] if a in last else ()
        if not (o or a.arrival):
            continue  # the first job of a career, or a job taken alongside another: not a move
        facts = (a.key,)
        moves.append(
            _move(
                person=person,
                origin=None,
                destination=a.org,
                how="founded" if a.arrival == "founded" else "joined",
                end="",
                role_category=(),
                unnamed=unnamed,
                start=a.start,
                when=a.start,
                earliest=_iso_cached(a.s_lo) if a.start else "",
                latest=_iso_cached(a.s_hi) if a.start else "",
                ambiguous=bool(o),
                candidates=tuple(sorted(o)) if o else (),
                boomerang=False,
                facts=facts,
                key=_key(person, None, a.org, facts),
                role="",
            )
        )
    return moves


_ORG = attrgetter("org")
_DEPARTED = attrgetter("e_hi", "e_lo", "org")  # the order of departures in _person


@lru_cache(maxsize=4096)
def _ordered(cats: tuple[str, ...], order: tuple[str, ...]) -> tuple[str, ...]:
    """Role categories in the vocabulary's order."""
    return tuple(c for c in order if c in cats)


def _move(
    person: str,
    origin: str | None,
    destination: str | None,
    how: str,
    end: str,
    role_category: tuple[str, ...],
    unnamed: bool,
    start: str,
    when: str,
    earliest: str,
    latest: str,
    ambiguous: bool,
    candidates: tuple[str, ...],
    boomerang: bool,
    facts: tuple[str, ...],
    key: str,
    role: str,
) -> Move:
    """``Move(...)`` with every field, in half the time (bench-report makes millions).

    The frozen dataclass's ``__init__`` sets each field with ``object.__setattr__``;
    this fills the instance's ``__dict__`` directly, in the order of the fields, which
    gives the same instance (and as compact). tests/test_careers_property.py compares them."""
    m = object.__new__(Move)
    d = m.__dict__
    d["person"], d["origin"], d["destination"], d["how"], d["end"] = person, origin, destination, how, end
    d["role_category"], d["unnamed"], d["start"], d["when"] = role_category, unnamed, start, when
    d["earliest"], d["latest"], d["ambiguous"], d["candidates"] = earliest, latest, ambiguous, candidates
    d["boomerang"], d["facts"], d["key"], d["role"] = boomerang, facts, key, role
    return m


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
                    earliest=_iso_cached(s.e_lo),
                    latest=_iso_cached(s.e_hi),
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
                for _, key, org, rtype, role, cats, start, end in by_person[person]
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
