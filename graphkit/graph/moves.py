"""Departures, arrivals and the moves that pair them (rules 3 to 6 of :mod:`graphkit.graph.careers`)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import Any

from graphkit.graph.tenures import _OPEN, RoleChange, _role_changes, _Stint, _Tenure, _tenures
from graphkit.graph.time import iso_cached

UNKNOWN = "unknown"
AMBIGUOUS = "ambiguous"


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
    def arrived(self) -> str:
        """When the person arrived at the destination: the arrival's start, else the move's date."""
        return self.start or self.when


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
    returns = len({t.org for t in ts}) < len(ts)  # some organisation has two tenures
    moves = _departures(person, ts, dest, first, returns, unnamed, when, order)
    moves += _arrivals(person, ts, dest, last, returns, unnamed)
    return moves, _role_changes(person, ts) if len(ts) < len(stints) else []


def _departures(
    person: str,
    ts: list[_Tenure],
    dest: dict[int, int],
    first: dict[int, list[int]],
    returns: bool,
    unnamed: bool,
    when: dict[str, str],
    order: tuple[str, ...],
) -> list[Move]:
    """The move out of each tenure that ended (``first``: its candidate destinations)."""
    origin = {a: d for d, a in dest.items()}
    iso = iso_cached
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
    return moves


def _arrivals(
    person: str,
    ts: list[_Tenure],
    dest: dict[int, int],
    last: dict[int, list[int]],
    returns: bool,
    unnamed: bool,
) -> list[Move]:
    """Arrivals no departure leads to (``last``: their candidate origins)."""
    origin = {a: d for d, a in dest.items()}
    iso = iso_cached
    moves: list[Move] = []
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
