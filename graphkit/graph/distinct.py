"""The fast path of :mod:`graphkit.graph.moves` for the usual career: every stint at a
different organisation, so each stint is a tenure of its own."""

from __future__ import annotations

from graphkit.graph.moves import (
    _DEPARTED,
    _ORG,
    AMBIGUOUS,
    UNKNOWN,
    Move,
    _key,
    _move,
    _ordered,
    _pair_mutually,
)
from graphkit.graph.tenures import _Stint
from graphkit.graph.time import iso_cached


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
    first, last = _stint_candidates(deps, arrs)
    dest: dict[_Stint, _Stint] = _pair_mutually(deps, first, last) if last else {}
    return _stint_departures(person, deps, dest, first, unnamed, when, order) + _stint_arrivals(
        person, arrs, dest, last, unnamed
    )


def _stint_candidates(
    deps: list[_Stint], arrs: list[_Stint]
) -> tuple[dict[_Stint, list[_Stint]], dict[_Stint, list[_Stint]]]:
    """:func:`_pair`'s ``first`` and ``last`` for stints at distinct organisations."""
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
    return first, last


def _stint_departures(
    person: str,
    deps: list[_Stint],
    dest: dict[_Stint, _Stint],
    first: dict[_Stint, list[_Stint]],
    unnamed: bool,
    when: dict[str, str],
    order: tuple[str, ...],
) -> list[Move]:
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
                earliest=iso_cached(d.e_lo),
                latest=iso_cached(d.e_hi),
                ambiguous=bool(cands),
                candidates=cands,
                boomerang=False,
                facts=facts,
                key=_key(person, d.org, to, facts),
                role=d.role,
            )
        )
    return moves


def _stint_arrivals(
    person: str,
    arrs: list[_Stint],
    dest: dict[_Stint, _Stint],
    last: dict[_Stint, list[_Stint]],
    unnamed: bool,
) -> list[Move]:
    origin = {a: d for d, a in dest.items()}
    moves: list[Move] = []
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
                earliest=iso_cached(a.s_lo) if a.start else "",
                latest=iso_cached(a.s_hi) if a.start else "",
                ambiguous=bool(o),
                candidates=tuple(sorted(o)) if o else (),
                boomerang=False,
                facts=facts,
                key=_key(person, None, a.org, facts),
                role="",
            )
        )
    return moves
