"""Periods (half-years by default) and when a fact falls in one.

Facts carry fuzzy EDTF dates, so a fact *certainly* falls in a period when every
day it can mean lies inside the period, and *possibly* when at least one does.
Reports count the certain facts; ``include_possible=True`` also counts the
possible ones (so one fact may then count in two adjacent periods).

The date of a fact is defined once, in :mod:`graphkit.graph.careers` (its end if it
ended, else its start; an undated arrival takes its move's date), and read
here from the graph's ``when`` attributes. An undated fact counts in no
period, but it is kept by ``--as-of`` (nothing says it happened later).
Moves are dated by :attr:`graphkit.graph.careers.Move.when`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphkit.graph import careers
from graphkit.schema import dates, vocab
from graphkit.schema.errors import SettingsError


class BadPeriod(SettingsError):
    """A ``--period`` or ``--as-of`` value that cannot be read."""


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    def contains(self, d: dates.FuzzyDate | None, include_possible: bool = False) -> bool:
        if d is None:
            return False
        if include_possible:
            return d.possibly_within(self.start, self.end)
        return d.certainly_within(self.start, self.end)


_PERIOD = re.compile(r"^(\d{4})(?:([HhQq])([1-4]))?$")


def parse_period(text: str) -> Period:
    """``2025H1``, ``2025H2``, ``2025Q3`` or ``2025`` -> :class:`Period`."""
    m = _PERIOD.match(text.strip())
    if not m:
        raise BadPeriod(f"invalid period {text!r} (expected e.g. 2025H1, 2024H2, 2025Q1 or 2025)")
    year = int(m.group(1))
    if year < dt.MINYEAR:
        raise BadPeriod(f"invalid period {text!r} (years start at {dt.MINYEAR:04d})")
    unit = (m.group(2) or "").upper()
    num = int(m.group(3) or 0)
    if unit == "H":
        if num not in (1, 2):
            raise BadPeriod(f"invalid period {text!r} (a year has halves H1 and H2)")
        first = 1 if num == 1 else 7
        return _months(year, first, 6, f"{year:04d}H{num}")
    if unit == "Q":
        return _months(year, 3 * num - 2, 3, f"{year:04d}Q{num}")
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year:04d}")


def _months(year: int, first: int, count: int, label: str) -> Period:
    last = first + count - 1
    end = dt.date(year, 12, 31) if last == 12 else dt.date(year, last + 1, 1) - dt.timedelta(days=1)
    return Period(dt.date(year, first, 1), end, label)


def parse_as_of(text: str) -> dt.date:
    """An ``--as-of`` value: an ISO day, or an EDTF month/year meaning its last day."""
    try:
        d = dates.parse(text)
    except dates.BadDate as exc:
        raise BadPeriod(f"invalid --as-of date {text!r} (expected e.g. 2025-03-31 or 2025-03)") from exc
    if d.latest is None:
        raise BadPeriod(f"invalid --as-of date {text!r} (it has no end)")
    return d.latest


def half_year(day: dt.date) -> Period:
    return parse_period(f"{day.year:04d}H{1 if day.month <= 6 else 2}")


def half_years(first: dt.date, last: dt.date) -> list[Period]:
    """Every half-year from the one holding ``first`` to the one holding ``last``."""
    out = []
    p = half_year(first)
    while p.start <= last:
        out.append(p)
        p = half_year(p.end + dt.timedelta(days=1))
    return out


def _parse(text: str) -> dates.FuzzyDate | None:
    return dates.parse(text) if text else None


def fact_dates(g: nx.MultiDiGraph) -> dict[tuple[Any, Any, Any], dates.FuzzyDate | None]:
    """The date of every relationship (see :mod:`graphkit.graph.careers`), keyed by (u, v, key)."""
    careers.ensure(g)
    return {(u, v, k): _parse(w) for u, v, k, w in g.edges(keys=True, data="when", default="")}


def move_date(m: careers.Move) -> dates.FuzzyDate | None:
    """The date of a move: its departure's end, or its arrival's start (None: undated)."""
    return _parse(m.when)


def moves_in(ms: list[careers.Move], period: Period, include_possible: bool = False) -> list[careers.Move]:
    """The moves dated in ``period`` (certainly, or possibly too)."""
    return [m for m in ms if period.contains(move_date(m), include_possible)]


def moves_by(ms: list[careers.Move], day: dt.date, include_possible: bool = False) -> list[careers.Move]:
    """The moves known on ``day``: (certainly, or possibly) happened by then, or undated."""
    return [m for m in ms if _by(move_date(m), day, include_possible)]


def _by(d: dates.FuzzyDate | None, day: dt.date, include_possible: bool) -> bool:
    if d is None:
        return True
    if include_possible:  # an open first day may be any day: possibly by ``day``
        return d.earliest is None or d.earliest <= day
    return d.latest is not None and d.latest <= day


def data_periods(g: nx.MultiDiGraph) -> list[Period]:
    """The half-years spanned by the graph's dated facts (bounded days only)."""
    days = []
    for d in fact_dates(g).values():
        if d is None:
            continue
        days += [x for x in (d.earliest, d.latest) if x is not None]
    if not days:
        return []
    return half_years(min(days), max(days))


def _copy_frame(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    h = nx.MultiDiGraph()
    h.graph.update(g.graph)
    h.add_nodes_from(g.nodes(data=True))
    return h


def in_period(
    g: nx.MultiDiGraph,
    period: Period,
    include_possible: bool = False,
    fd: dict[tuple[Any, Any, Any], dates.FuzzyDate | None] | None = None,
) -> nx.MultiDiGraph:
    """The facts dated in ``period`` and the nodes they touch (undated facts dropped).

    ``fd`` is :func:`fact_dates` of ``g``, when the caller already has it.
    """
    h = nx.MultiDiGraph()
    h.graph.update(g.graph)
    h.graph["period"] = period.label
    fd = fact_dates(g) if fd is None else fd
    for u, v, k, d in g.edges(keys=True, data=True):
        if period.contains(fd[(u, v, k)], include_possible):
            for x in (u, v):
                if x not in h:
                    h.add_node(x, **g.nodes[x])
            h.add_edge(u, v, key=k, **d)
    return h


def split(
    g: nx.MultiDiGraph,
    chosen: list[Period],
    include_possible: bool = False,
    fd: dict[tuple[Any, Any, Any], dates.FuzzyDate | None] | None = None,
) -> dict[str, nx.MultiDiGraph]:
    """:func:`in_period` for several periods in one pass over the edges."""
    fd = fact_dates(g) if fd is None else fd
    out = {}
    for p in chosen:
        h = nx.MultiDiGraph()
        h.graph.update(g.graph)
        h.graph["period"] = p.label
        out[p.label] = h
    for u, v, k, d in g.edges(keys=True, data=True):
        when = fd[(u, v, k)]
        if when is None:
            continue
        for p in chosen:
            if p.contains(when, include_possible):
                h = out[p.label]
                for x in (u, v):
                    if x not in h:
                        h.add_node(x, **g.nodes[x])
                h.add_edge(u, v, key=k, **d)
    return out


def as_of(g: nx.MultiDiGraph, day: dt.date, include_possible: bool = False) -> nx.MultiDiGraph:
    """The graph as known on ``day``.

    A relationship that (certainly, or possibly) started by ``day`` is kept, and so
    is an undated one. A departure that had not (certainly) happened by ``day`` is
    kept as a current job: its ``end`` is cleared. A move that had not happened is
    dropped.
    """

    def by(d: dates.FuzzyDate | None) -> bool:
        return _by(d, day, include_possible)

    voc = vocab.load()
    jobs, arrivals = voc.career_types("job"), voc.career_types("arrival")
    h = _copy_frame(g)
    h.graph["as_of"] = day.isoformat()
    fd = fact_dates(g)
    for u, v, k, d in g.edges(keys=True, data=True):
        start = _parse(d.get("start", ""))
        if start is not None and not by(start):
            continue
        if d.get("type") in jobs and d.get("end"):
            if not by(fd[(u, v, k)]):
                # not left yet: a current job, dated (like any fact) by its start
                d = {**d, "end": "", "end_earliest": "", "end_latest": ""}
                d["when"] = d["start"]
                d["when_earliest"], d["when_latest"] = d["start_earliest"], d["start_latest"]
        elif d.get("type") in arrivals and not by(fd[(u, v, k)]):
            continue
        h.add_edge(u, v, key=k, **d)
    return h
