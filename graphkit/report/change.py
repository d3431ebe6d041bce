"""Change from one half-year to the next, and communities."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable
from typing import Any

import networkx as nx
import numpy as np

from graphkit.graph import careers, flows, periods
from graphkit.schema import dates, vocab

from .. import metrics as mx
from .options import ReportOptions, _name, _namer
from .rows import Row
from .stats import _stats

# --- periods -----------------------------------------------------------------


def periods_section(
    g: nx.MultiDiGraph,
    opts: ReportOptions,
    only: periods.Period | None,
    known: list[careers.Move],
    table: mx.EdgeTable | None = None,
) -> dict[str, Any]:
    """Per half-year: the statistics of the moves dated in it, the top brokers of its
    facts, and the change from the half-year before (``table``: the
    :class:`graphkit.metrics.EdgeTable` of ``g``, when the caller has it)."""
    facts = _DatedFacts(g, table)
    if only is not None:
        prev = periods.half_year(only.start - dt.timedelta(days=1))
        chosen = [prev, only] if only.label.count("H") else [only]
    else:
        chosen = facts.half_years()
    rows = []
    by_company = []
    previous: tuple[dict[Any, float], dict[str, int]] | None = None
    views = facts.views(chosen, opts.include_possible)
    del facts
    moved = _moves_by_period(known, chosen, opts.include_possible)
    name = _namer(g)
    for i, p in enumerate(chosen):
        ms = moved[i]
        out = {r.id: r.outflow for r in flows.org_flows(g, ms)}
        for org, n in sorted(out.items(), key=lambda x: (-x[1], name(x[0]))):
            if n:
                row = _CompanyRow().__dict__  # {"period", "org", "name", "departures"}
                row["period"], row["org"], row["name"], row["departures"] = p.label, org, name(org), n
                by_company.append(row)
        btw = _view_betweenness(views[i], opts)
        views[i] = None  # measured: let it go
        entry = _period_entry(g, p, _stats(ms), btw)
        if previous is not None:
            entry.update(_change(g, opts, btw, out, *previous))
        rows.append(entry)
        previous = (btw, out)
    return {
        "unit": "half-year",
        "counted": "certain" + (" or possible" if opts.include_possible else ""),
        "periods": rows,
        "departures_by_company": by_company,
    }


class _CompanyRow(Row):
    pass


def _when_in(chosen: list[periods.Period], include_possible: bool) -> Callable[[Any], tuple[int, ...]]:
    """The periods (indices) a fact's EDTF date falls in, worked out once per date."""
    memo: dict[Any, tuple[int, ...]] = {}

    def where(text: Any) -> tuple[int, ...]:
        found = memo.get(text)
        if found is None:
            d = dates.parse(text) if text else None
            found = memo[text] = tuple(i for i, p in enumerate(chosen) if p.contains(d, include_possible))
        return found

    return where


def _moves_by_period(
    known: list[careers.Move], chosen: list[periods.Period], include_possible: bool
) -> list[list[careers.Move]]:
    """``[periods.moves_in(known, p, include_possible) for p in chosen]`` in one pass."""
    where = _when_in(chosen, include_possible)
    out: list[list[careers.Move]] = [[] for _ in chosen]
    for m in known:
        for i in where(m.when):
            out[i].append(m)
    return out


class _DatedFacts:
    """Every dated relationship of ``g`` (its ``when``, from :mod:`graphkit.graph.careers`)
    as arrays: its ends (positions in ``g``'s node order), its date and whether its type
    is measured (:func:`graphkit.metrics.edge_types`), in the order of
    ``g.edges(keys=True, data=True)``; read off ``table``, :class:`graphkit.metrics.EdgeTable`
    of ``g``, when the caller has it."""

    def __init__(self, g: nx.MultiDiGraph, table: mx.EdgeTable | None = None):
        careers.ensure(g)
        t = mx.EdgeTable(g) if table is None else table
        self.table = t
        self.nodes = t.nodes
        rows = np.flatnonzero(t.when >= 0)
        self.texts = t.whens
        self.u, self.v, self.when = t.src[rows], t.dst[rows], t.when[rows]
        self.measured = t.type_in(set(mx.edge_types()))[rows]

    def half_years(self) -> list[periods.Period]:
        """:func:`graphkit.graph.periods.data_periods`: the half-years the dates span."""
        days = []
        for text in self.texts:
            d = dates.parse(text)
            days += [x for x in (d.earliest, d.latest) if x is not None]
        if not days:
            return []
        return periods.half_years(min(days), max(days))

    def views(self, chosen: list[periods.Period], include_possible: bool) -> list[mx.View | None]:
        """For each period, the person-organisation view of ``periods.split(g, chosen)[label]``
        (None when none of its facts is of a measured type), without building the period
        graphs: its nodes in the order the split adds them (each relationship's ends, in
        the order of the edges)."""
        where = _when_in(chosen, include_possible)
        inside = np.zeros((len(chosen), len(self.texts)), dtype=bool)
        for c, text in enumerate(self.texts):
            inside[list(where(text)), c] = True
        kept = self.table.kind_in(set(mx.node_kinds()))  # per node: of a measured kind
        local = np.full(len(self.nodes), -1, dtype=np.int64)
        out: list[mx.View | None] = []
        for i in range(len(chosen)):
            rows = np.flatnonzero(inside[i][self.when])
            if not self.measured[rows].any():
                out.append(None)
                continue
            u, v = self.u[rows], self.v[rows]
            ends = np.empty(2 * len(rows), dtype=np.int64)
            ends[0::2], ends[1::2] = u, v  # each relationship's ends, u first
            seen, first = np.unique(ends, return_index=True)
            order = seen[np.argsort(first, kind="stable")]
            order = order[kept[order]]
            local[order] = np.arange(len(order))
            m = self.measured[rows]
            a, b = local[u[m]], local[v[m]]
            both = (a >= 0) & (b >= 0)
            pairs = mx.simple_pairs(a[both], b[both], len(order))
            local[order] = -1
            out.append(mx.View([self.nodes[x] for x in order.tolist()], pairs))  # type: ignore[arg-type]
        return out


def _data_periods(g: nx.MultiDiGraph) -> list[periods.Period]:
    """:func:`graphkit.graph.periods.data_periods`, each distinct date parsed once."""
    return _DatedFacts(g).half_years()


def _period_views(
    g: nx.MultiDiGraph, chosen: list[periods.Period], include_possible: bool
) -> list[mx.View | None]:
    """:meth:`_DatedFacts.views` of ``g``."""
    return _DatedFacts(g).views(chosen, include_possible)


def _view_betweenness(view: mx.View | None, opts: ReportOptions) -> dict[Any, float]:
    """Betweenness on a period's person-organisation view ({} when it has no measured fact)."""
    if view is None:
        return {}
    return mx.compute_view(view, opts.engine, opts.metric_options, ("betweenness",))["betweenness"]


def _betweenness(h: nx.MultiDiGraph, opts: ReportOptions) -> dict[Any, float]:
    """Betweenness on the period's person-organisation graph ({} when it has no edge)."""
    if not any(t in mx.edge_types() for _, _, t in h.edges(data="type")):
        return {}
    return mx.compute(h, opts.engine, "person_org", opts.metric_options, what=("betweenness",))["betweenness"]


def _period_entry(
    g: nx.MultiDiGraph, p: periods.Period, stats: dict[str, Any], btw: dict[Any, float]
) -> dict[str, Any]:
    return {
        "period": p.label,
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "departures": stats["departures"],
        "founders": stats["founders"],
        "commercial": stats["commercial"],
        "named": stats["named"],
        "unnamed": stats["unnamed"],
        "destinations": stats["destinations"],
        "top_brokers": [
            {"id": v, "name": _name(g, v), "betweenness": b}
            for v, b in heapq.nsmallest(5, btw.items(), key=lambda x: (-x[1], str(x[0])))
            if b > 0
        ],
    }


def _change(
    g: nx.MultiDiGraph,
    opts: ReportOptions,
    btw: dict[Any, float],
    out: dict[str, int],
    pb: dict[Any, float],
    po: dict[str, int],
) -> dict[str, Any]:
    """Rising brokers, the change in outflow and hollowed-out teams against the half-year before.

    (heapq.nsmallest(k, ...) is sorted(...)[:k]; the hollowed-out teams keep the order
    of the full sort, restricted to them.)"""
    # Sorted by falling change, the rises come first: the rising brokers are the first
    # min(top, 5) of them, and only a node with betweenness now can have risen.
    rising = heapq.nsmallest(
        min(opts.top, 5),
        [(v, d) for v, d in ((v, b - pb.get(v, 0.0)) for v, b in btw.items() if b > 0) if d > 0],
        key=lambda x: (-x[1], str(x[0])),
    )
    name = _namer(g)
    grow = [(o, out.get(o, 0) - po.get(o, 0), out.get(o, 0)) for o in set(out) | set(po)]
    order = lambda x: (-x[1], name(x[0]))  # noqa: E731
    changed = [x for x in grow if x[1] != 0]
    if len(changed) > opts.top:  # only a change at least the top-th largest can be among the first
        floor = heapq.nlargest(opts.top, (x[1] for x in changed))[-1]
        changed = [x for x in changed if x[1] >= floor]
    return {
        "rising_brokers": [{"id": v, "name": _name(g, v), "change": d} for v, d in rising],
        "outflow_change": [
            {"id": o, "name": name(o), "change": d, "outflow": n}
            for o, d, n in heapq.nsmallest(opts.top, changed, key=order)
        ],
        "hollowed_out": [
            {"id": o, "name": name(o), "outflow": n}
            for o, d, n in sorted((x for x in grow if x[2] >= 3 and x[1] > 0), key=order)
        ],
    }


# --- communities -------------------------------------------------------------


def communities_section(
    g: nx.MultiDiGraph, opts: ReportOptions, view: mx.View | None = None, table: mx.EdgeTable | None = None
) -> dict[str, Any]:
    """Alumni clusters and the largest Louvain communities of the person-organisation graph
    (``view``: :func:`graphkit.metrics.person_org_arrays` of ``g``, ``table``: its
    :class:`graphkit.metrics.EdgeTable`, when the caller has them)."""
    if table is None:
        table = mx.EdgeTable(g)
    alumni = [
        {
            "orgs": list(c.orgs),
            "names": [_name(g, o) for o in c.orgs],
            "people": list(c.people),
            "people_names": [_name(g, p) for p in c.people],
        }
        for c in top_alumni(g, opts.top, table=table)
    ]
    if view is None:
        view = mx.person_org_arrays(g, table)
    comms = mx.louvain_top(view, opts.metric_options.seed, opts.engine, opts.top)
    nodes = view.nodes
    edges = view.edge_array()
    deg = np.bincount(edges.ravel(), minlength=len(nodes))  # neighbours in the simple graph
    employers, persons = vocab.load().group("employers"), vocab.load().group("people")
    kinds = view.kinds if view.kinds is not None else [g.nodes[v].get("kind") for v in nodes]
    is_employer = np.fromiter((k in employers for k in kinds), dtype=bool, count=len(nodes))
    is_person = np.fromiter((k in persons for k in kinds), dtype=bool, count=len(nodes))

    def first(members: np.ndarray, k: int) -> list[Any]:
        """The k members of most neighbours (then by id as text): sorted(...)[:k]."""
        if len(members) > k:  # only those with at least the k-th highest degree can be
            floor = np.partition(deg[members], len(members) - k)[len(members) - k]
            members = members[deg[members] >= floor]
        return [
            nodes[i] for i in heapq.nsmallest(k, members.tolist(), key=lambda i: (-deg[i], str(nodes[i])))
        ]

    rows = []
    for c in comms:
        rows.append(
            {
                "size": len(c),
                "people": int(is_person[c].sum()),
                "organisations": [_name(g, o) for o in first(c[is_employer[c]], 8)],
                "members": [_name(g, v) for v in first(c, 10)],
            }
        )
    return {
        "method": "Louvain modularity (seed 0) on the undirected person-organisation graph",
        "alumni": alumni,
        "louvain": rows,
    }


def top_alumni(
    g: nx.MultiDiGraph, top: int, min_people: int = 2, table: mx.EdgeTable | None = None
) -> list[flows.AlumniCluster]:
    """``flows.alumni_clusters(g, min_people)[:top]``: who worked where off the
    :class:`graphkit.metrics.EdgeTable` of ``g``, the pairs of organisations counted with
    numpy, the people listed for the first ``top`` only."""
    voc = vocab.load()
    t = mx.EdgeTable(g) if table is None else table
    career = t.type_in({*voc.career_types("job"), *voc.career_types("arrival")})
    worked = career & t.kind_in(set(voc.group("employers")))[t.dst]
    if not worked.any():
        return []
    n = len(t.nodes)
    orgs = np.unique(t.dst[worked])  # positions of the organisations anyone worked at
    by_text = sorted(
        range(len(orgs)), key=lambda j: str(t.nodes[orgs[j]])
    )  # a pair lists its two by id as text
    rank = np.full(n, -1, dtype=np.int64)
    rank[orgs[by_text]] = np.arange(len(orgs))
    width = len(orgs)
    held = np.unique(t.src[worked] * width + rank[t.dst[worked]])
    person, org = held // width, held % width  # each (person, organisation) once, by person then organisation
    starts = np.flatnonzero(np.r_[True, person[1:] != person[:-1]])
    counts = np.diff(np.r_[starts, len(person)])
    keys, who = [], []
    for c in np.unique(counts[counts >= 2]).tolist():  # every pair of a person's organisations
        s = starts[counts == c]
        block = org[s[:, None] + np.arange(c)]
        for a in range(c):
            for b in range(a + 1, c):
                keys.append(block[:, a] * width + block[:, b])
                who.append(person[s])
    if not keys:
        return []
    pair, holder = np.concatenate(keys), np.concatenate(who)
    found, n_people = np.unique(pair, return_counts=True)
    enough = n_people >= min_people
    found, n_people = found[enough], n_people[enough]
    chosen = found[np.lexsort((found, -n_people))[:top]]  # by (-people, organisations)
    named = [t.nodes[orgs[j]] for j in by_text]
    out = []
    for k in chosen.tolist():
        members = {t.nodes[p] for p in holder[pair == k].tolist()}
        out.append(
            flows.AlumniCluster(
                orgs=(named[k // width], named[k % width]), people=tuple(sorted(members, key=str))
            )
        )
    return out
