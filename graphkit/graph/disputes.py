"""Counts that depend on a disputed value, as ranges.

When sources disagree about a fact (:mod:`graphkit.ingest.combine`), the graph carries
one value (the latest source's) and ``g.graph["disagreements"]`` lists every value.
A count such as "departures in 2025H1" may then depend on which source is right. This
module recounts the departures of every person a disagreement touches under each
combination of the sources' values, and gives each count's lowest and highest value.

People's careers are independent, so the range of a sum is the sum of the ranges:
only the people with disputed facts are recounted (at most :data:`MAX_COMBINATIONS`
combinations per person; past that, each dispute is varied on its own).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from graphkit.graph import careers, periods
from graphkit.schema import vocab

MAX_COMBINATIONS = 256
FIELDS = ("start", "end", "role")  # the fields a career reads (status does not move anyone)


@dataclass(frozen=True)
class CountRange:
    count: str  # "departures"
    period: str  # a half-year label, or "all" for every departure
    value: int  # the count in the graph (the latest sources' values)
    low: int
    high: int


def _person_graph(g: nx.MultiDiGraph, person: str) -> nx.MultiDiGraph:
    """The person, their relationships and the kinds at their other ends: all that
    :func:`graphkit.graph.careers.derive` reads of one career."""
    h = nx.MultiDiGraph()
    h.add_node(person, **g.nodes[person])
    for _, v, k, d in g.out_edges(person, keys=True, data=True):
        h.add_node(v, kind=g.nodes[v].get("kind"))
        h.add_edge(person, v, key=k, **d)
    return h


def _counts(h: nx.MultiDiGraph, chosen: list[periods.Period]) -> list[int]:
    """Departures of one person's graph: in every period (certainly), then in all."""
    ms = careers.derive(h).departures()
    return [len(periods.moves_in(ms, p)) for p in chosen] + [len(ms)]


def _combinations(options: list[list[tuple[str, str, str]]]) -> list[tuple[tuple[str, str, str], ...]]:
    total = 1
    for o in options:
        total *= len(o)
    if total <= MAX_COMBINATIONS:
        return list(itertools.product(*options))
    base = tuple(o[0] for o in options)  # each dispute varied on its own
    out = [base]
    for i, o in enumerate(options):
        out += [(*base[:i], alt, *base[i + 1 :]) for alt in o[1:]]
    return out


def departure_ranges(g: nx.MultiDiGraph) -> list[CountRange]:
    """The departure counts (per half-year, certainly dated, and in all) that a disputed
    value can change, with their range over the sources' values. Counts no disagreement
    can change are left out."""
    found = g.graph.get("disagreements") or []
    if not found:
        return []
    where = {k: (u, v) for u, v, k in g.edges(keys=True)}
    by_person: dict[str, dict[tuple[str, str], list[str]]] = defaultdict(dict)
    for d in found:
        if d["field"] not in FIELDS or d["key"] not in where:
            continue
        u, _ = where[d["key"]]
        if g.nodes[u].get("kind") not in vocab.load().group("people"):
            continue
        values = list(dict.fromkeys(a["value"] for a in d["values"]))
        by_person[u][(d["key"], d["field"])] = values
    if not by_person:
        return []
    chosen = periods.data_periods(g)
    labels = [p.label for p in chosen] + ["all"]
    graph_total = [0] * len(labels)
    low = [0] * len(labels)
    high = [0] * len(labels)
    for person, disputed in sorted(by_person.items()):
        h = _person_graph(g, person)
        now = _counts(h, chosen)
        options = [[(key, fld, value) for value in values] for (key, fld), values in disputed.items()]
        seen = []
        for combo in _combinations(options):
            alt = h.copy()  # its own attribute dicts: the person's graph stays as it is
            for key, fld, value in combo:
                alt.edges[person, where[key][1], key][fld] = value
            seen.append(_counts(alt, chosen))
        for i in range(len(labels)):
            graph_total[i] += now[i]
            low[i] += min(c[i] for c in seen)
            high[i] += max(c[i] for c in seen)
    ms = careers.ensure(g).departures()
    everyone = [len(periods.moves_in(ms, p)) for p in chosen] + [len(ms)]
    out = []
    for i, label in enumerate(labels):
        if low[i] == high[i]:
            continue
        rest = everyone[i] - graph_total[i]  # the people no disagreement touches
        out.append(CountRange("departures", label, everyone[i], rest + low[i], rest + high[i]))
    return out
