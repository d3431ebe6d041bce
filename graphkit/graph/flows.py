"""Talent flow: outflow/inflow, the from -> to matrix, destinations, capital follows talent.

Every count here is over the moves of :mod:`graphkit.graph.careers`, where what a
move is (and when it happened) is defined once:

* outflow of an organisation: departures from it;
* inflow: moves and arrivals into it;
* net flow: inflow - outflow.

An ambiguous departure counts as outflow; its destination is not counted,
because the dates do not say which of its candidates it was.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphkit.graph.careers import AMBIGUOUS, UNKNOWN, Move, moves
from graphkit.schema import dates, vocab

OUTCOMES = ("joined", "founded", UNKNOWN, AMBIGUOUS)

__all__ = ["UNKNOWN", "Move", "moves"]


def departures_only(ms: list[Move]) -> list[Move]:
    return [m for m in ms if m.origin is not None]


@dataclass
class OrgFlow:
    id: str
    name: str
    kind: str
    outflow: int = 0
    inflow: int = 0

    @property
    def net(self) -> int:
        return self.inflow - self.outflow


def org_flows(g: nx.MultiDiGraph, ms: list[Move]) -> list[OrgFlow]:
    """Outflow, inflow and net flow per organisation with any, by outflow then name."""
    rows: dict[str, OrgFlow] = {}
    nodes = g._node  # g.nodes[org], without a view's lookup for each move

    def row(org: str) -> OrgFlow:
        a = nodes[org] if org in g else {}
        r = rows[org] = OrgFlow(org, a.get("name", str(org)), a.get("kind", ""))
        return r

    for m in ms:  # (a million moves: one dict lookup per end)
        if m.origin is not None:
            r = rows.get(m.origin) or row(m.origin)
            r.outflow += 1
        if m.destination is not None:
            r = rows.get(m.destination) or row(m.destination)
            r.inflow += 1
    return sorted(rows.values(), key=lambda r: (-r.outflow, -r.inflow, r.name))


@dataclass(frozen=True)
class Nowhere:
    """A departure's destination that is no organisation: unknown, or ambiguous.

    Not a string, so it can never be confused with an organisation whose id is
    "unknown"."""

    outcome: str

    @property
    def label(self) -> str:
        return f"({self.outcome})"


UNKNOWN_DEST, AMBIGUOUS_DEST = Nowhere(UNKNOWN), Nowhere(AMBIGUOUS)


def flow_matrix(ms: list[Move]) -> dict[str, dict[str | Nowhere, int]]:
    """``{origin: {destination id, UNKNOWN_DEST or AMBIGUOUS_DEST: count}}`` over departures."""
    out: dict[str, Counter[str | Nowhere]] = defaultdict(Counter)
    for m in departures_only(ms):
        to = m.destination if m.destination is not None else (AMBIGUOUS_DEST if m.ambiguous else UNKNOWN_DEST)
        out[m.origin][to] += 1  # type: ignore[index]
    return {o: dict(c) for o, c in out.items()}


def destinations(ms: list[Move]) -> dict[str, int]:
    """Where leavers went: ``{'joined': n, 'founded': n, 'unknown': n, 'ambiguous': n}``."""
    c = Counter(m.how for m in departures_only(ms))
    return {k: c.get(k, 0) for k in OUTCOMES}


def talent_flow_graph(g: nx.MultiDiGraph, ms: list[Move]) -> nx.DiGraph:
    """Organisation -> organisation, one edge per pair with ``moves`` = count.

    Nodes: every organisation that lost or gained someone (so a company whose
    leavers all went somewhere unknown is an isolated node). ``distance`` =
    1 / moves, used by betweenness and closeness so that a heavier flow is a
    shorter path.
    """
    d = nx.DiGraph()
    for m in ms:
        for org in (m.origin, m.destination):
            if org is not None and org not in d:
                a = g.nodes[org] if org in g else {}
                d.add_node(org, name=a.get("name", str(org)), kind=a.get("kind", ""))
    for m in ms:
        if m.origin is not None and m.destination is not None and m.origin != m.destination:
            if d.has_edge(m.origin, m.destination):
                d[m.origin][m.destination]["moves"] += 1
            else:
                d.add_edge(m.origin, m.destination, moves=1)
    for _, _, a in d.edges(data=True):
        a["distance"] = 1.0 / a["moves"]
    return d


@dataclass(frozen=True)
class CapitalLink:
    investor: str
    venture: str
    person: str | None  # the founder who left the investor; None on an "other backer" row
    departure: str  # EDTF end of the person's job at the investor ("" on other rows)
    investment: str  # EDTF start of the investment ("" = undated)
    lag_days: tuple[int, int] | None  # (min, max) days from departure to investment
    former_employer: bool
    founders: tuple[str, ...] = ()  # the venture's founders who left an organisation


def capital_follows_talent(g: nx.MultiDiGraph, ms: list[Move]) -> list[CapitalLink]:
    """Investments in leavers' ventures; ``former_employer`` marks capital following talent.

    For each investment in a venture founded by someone who left an organisation:
    one row per founder who left the investor (capital follows talent), or, when
    the investor employed none of them, one "other backer" row for the venture.
    The lag is a range because both dates are fuzzy: from (earliest investment
    day - latest departure day) to (latest investment day - earliest departure day).
    """
    leavers = {m.person for m in departures_only(ms)}
    voc = vocab.load()
    founding, investment = voc.type_for("founding"), voc.type_for("investment")
    founders: dict[str, list[str]] = defaultdict(list)
    investments = []  # in the order of g.edges: one pass over the graph for both
    for u, v, d in _edges(g):
        t = d.get("type")
        if t == founding and u in leavers and u not in founders[v]:
            founders[v].append(u)
        if t == investment:
            investments.append((u, v, d))
    backed = {p for _, v, _ in investments for p in founders.get(v, ())}  # whose departures are read
    left: dict[tuple[str, str], Move] = {}
    for m in departures_only(ms):
        if m.person not in backed:
            continue
        prev = left.get((m.person, m.origin))  # type: ignore[arg-type]
        if prev is None or (m.latest or "9999") >= (prev.latest or "9999"):
            left[(m.person, m.origin)] = m  # type: ignore[index]
    out = []
    for u, v, d in investments:
        if not founders.get(v):
            continue
        fs = tuple(sorted(founders[v], key=str))
        invested = d.get("start", "")
        former = [p for p in fs if (p, u) in left]
        for person in former:
            end = left[(person, u)].end
            out.append(CapitalLink(u, v, person, end, invested, lag_range(end, invested), True, fs))
        if not former:
            out.append(CapitalLink(u, v, None, "", invested, None, False, fs))
    out.sort(key=lambda c: (not c.former_employer, str(c.investor), str(c.venture), str(c.person or "")))
    return out


def _edges(g: nx.MultiDiGraph) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    """``g.edges(data=True)``, in its order; off the adjacency dicts for a MultiDiGraph
    (a million relationships: a view object per edge costs seconds)."""
    if type(g) is not nx.MultiDiGraph:
        yield from g.edges(data=True)
        return
    for u, nbrs in g._adj.items():
        for v, keydict in nbrs.items():
            for d in keydict.values():
                yield u, v, d


def lag_range(departure: str, investment: str) -> tuple[int, int] | None:
    if not departure or not investment:
        return None
    a, b = dates.parse(departure), dates.parse(investment)
    if None in (a.earliest, a.latest, b.earliest, b.latest):
        return None
    return ((b.earliest - a.latest).days, (b.latest - a.earliest).days)  # type: ignore[operator]


def humanise_lag(lag: tuple[int, int] | None) -> str:
    if lag is None:
        return "unknown"
    lo, hi = lag
    if lo == hi:
        return f"{lo} days"
    return f"{lo} to {hi} days"


@dataclass
class Shares:
    departures: int = 0
    founders: int = 0
    commercial: int = 0
    named: int = 0
    unnamed: int = 0
    destinations: dict[str, int] = field(default_factory=dict)


def shares(ms: list[Move]) -> Shares:
    """The article's statistics over departures: co-founders, commercial leads, named people."""
    deps = departures_only(ms)
    return Shares(
        departures=len(deps),
        founders=sum(1 for m in deps if "founder" in m.role_category),
        commercial=sum(1 for m in deps if "commercial" in m.role_category),
        named=sum(1 for m in deps if not m.unnamed),
        unnamed=sum(1 for m in deps if m.unnamed),
        destinations=destinations(ms),
    )


@dataclass(frozen=True)
class AlumniCluster:
    orgs: tuple[str, str]
    people: tuple[str, ...]


def alumni_clusters(g: nx.MultiDiGraph, min_people: int = 2) -> list[AlumniCluster]:
    """Pairs of organisations that share at least ``min_people`` past or present people.

    People count for an organisation they worked at, joined or founded. This is
    how the 搜狗 -> 百川智能 cohort shows up.
    """
    voc = vocab.load()
    career_types = {*voc.career_types("job"), *voc.career_types("arrival")}
    employers = voc.group("employers")
    orgs_of: dict[str, set[str]] = defaultdict(set)
    for u, v, d in g.edges(data=True):
        if d.get("type") in career_types and g.nodes[v].get("kind") in employers:
            orgs_of[u].add(v)
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for person, orgs in orgs_of.items():
        ordered = sorted(orgs, key=str)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs[(a, b)].add(person)
    out = [
        AlumniCluster(orgs=k, people=tuple(sorted(v, key=str)))
        for k, v in pairs.items()
        if len(v) >= min_people
    ]
    out.sort(key=lambda c: (-len(c.people), c.orgs))
    return out
