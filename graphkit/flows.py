"""Talent flow: moves, outflow/inflow, the from -> to matrix, capital follows talent.

A *move* is a departure (a ``WORKED_AT`` with an ``end``) together with where
the person went: the company they ``JOINED``, the venture they ``FOUNDED``,
or ``unknown`` when the sources do not say. A person's destination belongs to
their departure that ended last before it started (with one departure, simply
to that one). A ``JOINED``/``FOUNDED`` by someone with no recorded departure
is an arrival from an unknown origin: it counts as inflow only.

* outflow of an organisation: departures from it;
* inflow: moves and arrivals into it (``JOINED`` or ``FOUNDED``);
* net flow: inflow - outflow.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from . import dates

UNKNOWN = "unknown"
ORG_KINDS = ("Company", "Startup", "Investor")


@dataclass(frozen=True)
class Move:
    person: str
    origin: str | None  # None: an arrival whose origin the sources do not give
    destination: str | None  # None: unknown
    how: str  # joined | founded | unknown
    end: str = ""  # EDTF of the departure ("" for an arrival)
    role_category: tuple[str, ...] = ()
    unnamed: bool = False


def _latest(d: dates.FuzzyDate | None) -> dt.date:
    return (d.latest if d else None) or dt.date.max


def moves(g: nx.MultiDiGraph) -> list[Move]:
    """Every move and arrival in ``g``, in a stable order."""
    departures: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    destinations: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, d in g.edges(data=True):
        t = d.get("type")
        if t == "WORKED_AT" and d.get("end"):
            departures[u].append((v, d))
        elif t in ("JOINED", "FOUNDED"):
            destinations[u].append((v, "joined" if t == "JOINED" else "founded", d))
    out: list[Move] = []
    for person in sorted(set(departures) | set(destinations), key=str):
        unnamed = bool(g.nodes[person].get("unnamed", False))
        deps = sorted(
            departures.get(person, []), key=lambda x: (_latest(dates.parse(x[1]["end"])), str(x[0]))
        )
        dests = sorted(destinations.get(person, []), key=lambda x: (x[2].get("start", ""), str(x[0])))
        assigned: dict[int, tuple[str, str]] = {}
        arrivals = []
        for v, how, d in dests:
            start = dates.parse(d["start"]) if d.get("start") else None
            # the departure that ended last, not certainly after the destination started
            best = None
            for i, (_, dd) in enumerate(deps):
                end = dates.parse(dd["end"])
                if (
                    start is None
                    or start.latest is None
                    or end.earliest is None
                    or end.earliest <= start.latest
                ):
                    best = i
            if best is None and deps:
                best = len(deps) - 1
            if best is None or best in assigned:
                arrivals.append((v, how))
            else:
                assigned[best] = (v, how)
        for i, (org, d) in enumerate(deps):
            dest, how = assigned.get(i, (None, UNKNOWN))
            out.append(
                Move(
                    person=person,
                    origin=org,
                    destination=dest,
                    how=how,
                    end=d["end"],
                    role_category=tuple(d.get("role_category", ()) or ()),
                    unnamed=unnamed,
                )
            )
        for v, how in arrivals:
            out.append(Move(person=person, origin=None, destination=v, how=how, unnamed=unnamed))
    return out


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

    def row(org: str) -> OrgFlow:
        if org not in rows:
            a = g.nodes[org]
            rows[org] = OrgFlow(org, a.get("name", str(org)), a.get("kind", ""))
        return rows[org]

    for m in ms:
        if m.origin is not None:
            row(m.origin).outflow += 1
        if m.destination is not None:
            row(m.destination).inflow += 1
    return sorted(rows.values(), key=lambda r: (-r.outflow, -r.inflow, r.name))


def flow_matrix(ms: list[Move]) -> dict[str, dict[str, int]]:
    """``{origin: {destination or 'unknown': count}}`` over departures."""
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for m in departures_only(ms):
        out[m.origin][m.destination if m.destination is not None else UNKNOWN] += 1  # type: ignore[index]
    return {o: dict(c) for o, c in out.items()}


def destinations(ms: list[Move]) -> dict[str, int]:
    """Where leavers went: ``{'joined': n, 'founded': n, 'unknown': n}``."""
    c = Counter(m.how for m in departures_only(ms))
    return {k: c.get(k, 0) for k in ("joined", "founded", UNKNOWN)}


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
                d.add_node(org, name=g.nodes[org].get("name", str(org)), kind=g.nodes[org].get("kind", ""))
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
    person: str
    departure: str  # EDTF end of the person's job at the investor
    investment: str  # EDTF start of the investment ("" = undated)
    lag_days: tuple[int, int] | None  # (min, max) days from departure to investment
    former_employer: bool


def capital_follows_talent(g: nx.MultiDiGraph, ms: list[Move]) -> list[CapitalLink]:
    """Investments in leavers' ventures; ``former_employer`` marks capital following talent.

    The lag is a range because both dates are fuzzy: from (earliest investment
    day - latest departure day) to (latest investment day - earliest departure day).
    """
    founders: dict[str, list[str]] = defaultdict(list)
    for u, v, d in g.edges(data=True):
        if d.get("type") == "FOUNDED":
            founders[v].append(u)
    left: dict[tuple[str, str], str] = {}
    leavers = set()
    for m in departures_only(ms):
        left[(m.person, m.origin)] = m.end  # type: ignore[index]
        leavers.add(m.person)
    out = []
    for u, v, d in g.edges(data=True):
        if d.get("type") != "INVESTED_IN":
            continue
        for person in sorted(founders.get(v, []), key=str):
            if person not in leavers:
                continue
            end = left.get((person, u), "")
            out.append(
                CapitalLink(
                    investor=u,
                    venture=v,
                    person=person,
                    departure=end,
                    investment=d.get("start", ""),
                    lag_days=lag_range(end, d.get("start", "")) if end else None,
                    former_employer=(person, u) in left,
                )
            )
    out.sort(key=lambda c: (not c.former_employer, str(c.investor), str(c.venture), str(c.person)))
    return out


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
    orgs_of: dict[str, set[str]] = defaultdict(set)
    for u, v, d in g.edges(data=True):
        if d.get("type") in ("WORKED_AT", "JOINED", "FOUNDED") and g.nodes[v].get("kind") in ORG_KINDS:
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
