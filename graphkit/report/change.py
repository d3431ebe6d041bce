"""Change from one half-year to the next, and communities."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import networkx as nx

from graphkit.graph import careers, flows, periods
from graphkit.schema import vocab

from .. import metrics as mx
from .options import ReportOptions, _name
from .stats import _stats

# --- periods -----------------------------------------------------------------


def periods_section(
    g: nx.MultiDiGraph, opts: ReportOptions, only: periods.Period | None, known: list[careers.Move]
) -> dict[str, Any]:
    """Per half-year: the statistics of the moves dated in it, the top brokers of its
    facts, and the change from the half-year before."""
    if only is not None:
        prev = periods.half_year(only.start - dt.timedelta(days=1))
        chosen = [prev, only] if only.label.count("H") else [only]
    else:
        chosen = periods.data_periods(g)
    rows = []
    by_company = []
    previous: tuple[dict[Any, float], dict[str, int]] | None = None
    split = periods.split(g, chosen, opts.include_possible)
    for p in chosen:
        ms = periods.moves_in(known, p, opts.include_possible)
        out = {r.id: r.outflow for r in flows.org_flows(g, ms)}
        for org, n in sorted(out.items(), key=lambda x: (-x[1], _name(g, x[0]))):
            if n:
                by_company.append({"period": p.label, "org": org, "name": _name(g, org), "departures": n})
        btw = _betweenness(split[p.label], opts)
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
            for v, b in sorted(btw.items(), key=lambda x: (-x[1], str(x[0])))[:5]
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
    """Rising brokers, the change in outflow and hollowed-out teams against the half-year before."""
    rising = sorted(
        ((v, btw.get(v, 0.0) - pb.get(v, 0.0)) for v in set(btw) | set(pb)),
        key=lambda x: (-x[1], str(x[0])),
    )
    grow = sorted(
        ((o, out.get(o, 0) - po.get(o, 0), out.get(o, 0)) for o in set(out) | set(po)),
        key=lambda x: (-x[1], _name(g, x[0])),
    )
    return {
        "rising_brokers": [
            {"id": v, "name": _name(g, v), "change": d} for v, d in rising[: opts.top] if d > 0
        ][:5],
        "outflow_change": [
            {"id": o, "name": _name(g, o), "change": d, "outflow": n} for o, d, n in grow if d != 0
        ][: opts.top],
        "hollowed_out": [
            {"id": o, "name": _name(g, o), "outflow": n} for o, d, n in grow if n >= 3 and d > 0
        ],
    }


# --- communities -------------------------------------------------------------


def communities_section(g: nx.MultiDiGraph, opts: ReportOptions) -> dict[str, Any]:
    alumni = [
        {
            "orgs": list(c.orgs),
            "names": [_name(g, o) for o in c.orgs],
            "people": list(c.people),
            "people_names": [_name(g, p) for p in c.people],
        }
        for c in flows.alumni_clusters(g)[: opts.top]
    ]
    view = mx.person_org_view(g)
    comms = mx.louvain(view, opts.metric_options.seed, opts.engine)
    deg: Counter[Any] = Counter()
    for a, b in view.edges:
        deg[view.nodes[a]] += 1
        deg[view.nodes[b]] += 1
    rows = []
    employers, persons = vocab.load().group("employers"), vocab.load().group("people")
    for c in comms[: opts.top]:
        orgs = sorted((v for v in c if g.nodes[v].get("kind") in employers), key=lambda v: (-deg[v], str(v)))
        people = [v for v in c if g.nodes[v].get("kind") in persons]
        rows.append(
            {
                "size": len(c),
                "people": len(people),
                "organisations": [_name(g, o) for o in orgs[:8]],
                "members": [_name(g, v) for v in sorted(c, key=lambda v: (-deg[v], str(v)))[:10]],
            }
        )
    return {
        "method": "Louvain modularity (seed 0) on the undirected person-organisation graph",
        "alumni": alumni,
        "louvain": rows,
    }
