"""Subgraphs for the page and the reports: by company, person, ego network, period, type.

Every filter takes the talent graph (a ``networkx.MultiDiGraph`` as built by
:mod:`graphkit.graph`) and returns a new one with the same attributes.

Time is fuzzy. A relationship's *date* is when its fact happened, as
:mod:`graphkit.graph.careers` defines it once (the ``end`` of a relationship that
ended, otherwise its ``start``; an undated arrival takes its move's date) and
writes onto the graph (``when``, ``when_earliest``, ``when_latest``). That date covers a span of days (``2025-40`` is 1 January to 30 June 2025).
A fact is *certainly* in a period when the whole span lies inside it, and
*possibly* in it when the span overlaps it. An undated fact is possibly in
every period and certainly in none. Open bounds (``../2025-06-16``) run to
the beginning or end of time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graphkit.graph import careers
from graphkit.schema import dates, vocab
from graphkit.schema.errors import SettingsError


def _check(g: nx.MultiDiGraph, ids: Iterable[str], what: str) -> list[str]:
    ids = list(ids)
    for i in ids:
        if i not in g:
            raise SettingsError(f"unknown {what} {i!r}")
    return ids


def _with_nodes(g: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """The subgraph induced by ``nodes``, as an independent copy."""
    return g.subgraph(nodes).copy()


def _with_edges(g: nx.MultiDiGraph, keep: Iterable[tuple[str, str, str]]) -> nx.MultiDiGraph:
    """Only the edges ``keep`` (u, v, key) and the nodes they touch."""
    h = nx.MultiDiGraph()
    h.graph.update(g.graph)
    for u, v, k in keep:
        for n in (u, v):
            if n not in h:
                h.add_node(n, **g.nodes[n])
        h.add_edge(u, v, key=k, **g.edges[u, v, k])
    return h


def company(g: nx.MultiDiGraph, ids: Iterable[str]) -> nx.MultiDiGraph:
    """Each organisation, everything directly linked to it, and where its people went.

    That is: the organisation; its neighbours in either direction (its
    people, its investments, its group, its events); and every neighbour of
    those people (their other employers and ventures).
    """
    keep: set[str] = set()
    for c in _check(g, ids, "company"):
        keep.add(c)
        for n in nx.all_neighbors(g, c):
            keep.add(n)
            if g.nodes[n]["kind"] in vocab.load().group("people"):
                keep.update(nx.all_neighbors(g, n))
    return _with_nodes(g, keep)


def person(g: nx.MultiDiGraph, ids: Iterable[str]) -> nx.MultiDiGraph:
    """Each person and everything directly linked to them."""
    keep: set[str] = set()
    for p in _check(g, ids, "person"):
        keep.add(p)
        keep.update(nx.all_neighbors(g, p))
    return _with_nodes(g, keep)


def ego(g: nx.MultiDiGraph, node: str, depth: int = 1) -> nx.MultiDiGraph:
    """Every node within ``depth`` steps of ``node``, ignoring direction."""
    _check(g, [node], "node")
    if depth < 0:
        raise SettingsError(f"depth must be 0 or more, not {depth}")
    return _with_nodes(g, nx.single_source_shortest_path_length(g.to_undirected(as_view=True), node, depth))


def types(g: nx.MultiDiGraph, names: Iterable[str]) -> nx.MultiDiGraph:
    """Only relationships of the given types, and the nodes they connect."""
    wanted = set(names)
    known = vocab.load().relationships
    for t in sorted(wanted):
        if t not in known:
            raise SettingsError(f"unknown relationship type {t!r} (known: {', '.join(known)})")
    return _with_edges(g, ((u, v, k) for u, v, k, t in g.edges(keys=True, data="type") if t in wanted))


@dataclass(frozen=True)
class Span:
    """The first and last day a fact can have happened (None = open or unknown)."""

    earliest: dt.date | None
    latest: dt.date | None
    dated: bool


def fact_span(attrs: dict) -> Span:
    """The span of days of a relationship's fact, as :mod:`graphkit.graph.careers` dated it."""
    if not attrs.get("when"):
        return Span(None, None, dated=False)
    lo, hi = attrs.get("when_earliest"), attrs.get("when_latest")
    return Span(dt.date.fromisoformat(lo) if lo else None, dt.date.fromisoformat(hi) if hi else None, True)


def in_period(span: Span, since: dt.date, until: dt.date, possible: bool = False) -> bool:
    if not span.dated:
        return possible
    lo = span.earliest or dt.date.min
    hi = span.latest or dt.date.max
    if possible:
        return lo <= until and since <= hi
    return span.earliest is not None and span.latest is not None and since <= lo and hi <= until


def bounds(since: str | None, until: str | None) -> tuple[dt.date, dt.date]:
    """EDTF ``since``/``until`` -> (first day of since, last day of until)."""
    lo, hi = dt.date.min, dt.date.max
    try:
        if since:
            lo = dates.parse(since).earliest or dt.date.min
        if until:
            hi = dates.parse(until).latest or dt.date.max
    except dates.BadDate as exc:
        raise SettingsError(str(exc)) from None
    if hi < lo:
        raise SettingsError(f"--until {until} is before --since {since}")
    return lo, hi


def period(
    g: nx.MultiDiGraph, since: str | None = None, until: str | None = None, possible: bool = False
) -> nx.MultiDiGraph:
    """Relationships certainly (or, with ``possible``, possibly) dated within [since, until]."""
    lo, hi = bounds(since, until)
    careers.ensure(g)
    return _with_edges(
        g,
        (
            (u, v, k)
            for u, v, k, d in g.edges(keys=True, data=True)
            if in_period(fact_span(d), lo, hi, possible)
        ),
    )


def apply(
    g: nx.MultiDiGraph,
    *,
    companies: Iterable[str] = (),
    people: Iterable[str] = (),
    ego_node: str | None = None,
    depth: int = 1,
    since: str | None = None,
    until: str | None = None,
    possible: bool = False,
    type_names: Iterable[str] = (),
) -> nx.MultiDiGraph:
    """Apply every filter given, in turn (each narrows the previous result).

    ``companies`` and ``people`` together keep the union of their subgraphs.
    """
    companies, people, type_names = list(companies), list(people), list(type_names)
    if possible and not (since or until):
        raise SettingsError("--possible needs --since and/or --until (it widens a date range)")
    if companies or people:
        parts = ([company(g, companies)] if companies else []) + ([person(g, people)] if people else [])
        g = _with_nodes(g, set().union(*(set(p) for p in parts)))
    if ego_node:
        g = ego(g, ego_node, depth)
    if type_names:
        g = types(g, type_names)
    if since or until:
        g = period(g, since, until, possible)
    return g
