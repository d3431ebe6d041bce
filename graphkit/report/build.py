"""Building the report: one JSON-ready ``dict`` (see graphkit/schemas/report.schema.json)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import networkx as nx
import numpy as np

from graphkit.graph import careers, flows, periods
from graphkit.schema import dates

from .. import graph as graph_mod
from .. import metrics as mx
from .change import communities_section, periods_section
from .claims import claims
from .disagreements import corroborated_section, disagreements_section
from .options import DIGITS, ReportOptions, _check, _kind_ok, _name, _namer
from .rows import Row
from .stats import _stats

# --- building ----------------------------------------------------------------


def build(
    g: nx.MultiDiGraph, opts: ReportOptions | None = None, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """The whole report as a JSON-ready dict."""
    with no_gc():
        return _build(g, opts, progress)


@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused (as :func:`graphkit.graph.careers.derive_records`
    does): a report of a large graph makes millions of rows and arrays, none of them in a
    cycle, and each full collection would walk the whole graph again (a fifth of the time
    at 300,000 nodes). Whatever is left in a cycle is collected once it runs again."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _build(
    g: nx.MultiDiGraph, opts: ReportOptions | None = None, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    opts = opts or ReportOptions()
    _check(opts)
    step = progress or (lambda _msg: None)
    scope: dict[str, Any] = {
        "period": None,
        "as_of": None,
        "counted": "facts that certainly fall in the period"
        + (" or possibly do" if opts.include_possible else ""),
        "include_possible": opts.include_possible,
    }
    base = g
    period = None
    known = careers.moves(g)  # derived once, on every fact; scopes select among them by date
    if opts.as_of:
        day = periods.parse_as_of(opts.as_of)
        base = periods.as_of(g, day, opts.include_possible)
        known = periods.moves_by(known, day, opts.include_possible)
        scope["as_of"] = day.isoformat()
    scoped = base
    ms = known
    if opts.period:
        period = periods.parse_period(opts.period)
        scoped = periods.in_period(base, period, opts.include_possible)
        ms = periods.moves_in(known, period, opts.include_possible)
        scope["period"] = period.label
    report: dict[str, Any] = {
        "title": opts.title or f"graphkit report: {graph_mod.title(g)}",
        "dataset": str(g.graph.get("directory", "")),
        "nodes": g.number_of_nodes(),
        "relationships": _count_edges(g),
        "scope": scope,
        "metrics": list(opts.metrics),
    }
    step("talent flow")
    report["flows"] = _flows(g, ms)
    report["careers"] = _careers(g, ms, careers.ensure(g).role_changes, period, opts)
    report["capital_follows_talent"] = _capital(g, scoped, ms)
    report["statistics"] = _stats(ms)
    tables: dict[int, mx.EdgeTable] = {}  # each graph's relationships, read once

    def table(h: nx.MultiDiGraph) -> mx.EdgeTable:
        t = tables.get(id(h))
        if t is None:
            t = tables[id(h)] = mx.EdgeTable(h)
        return t

    step("centrality: person-organisation graph")
    view = mx.person_org_arrays(scoped, table(scoped))  # measured here and cut into communities below
    report["centrality"] = {
        "person_org": _centrality(scoped, "person_org", opts, view=view),
    }
    if not opts.communities:
        del view
    step("centrality: talent-flow graph")
    report["centrality"]["talent_flow"] = _centrality(g, "talent_flow", opts, ms)  # built from ms
    report["claims"] = claims(g)
    report["disagreements"] = disagreements_section(g)
    report["corroborated"] = corroborated_section(g, table(g))
    if opts.periods:
        step("periods")
        report["periods"] = periods_section(base, opts, period, known, table(base))
    if opts.communities:
        step("communities")
        report["communities"] = communities_section(scoped, opts, view, table(scoped))
    return report


def _count_edges(g: nx.MultiDiGraph) -> int:
    """``g.number_of_edges()``, counted off the adjacency dicts (networkx sums every node's degree)."""
    if type(g) is nx.MultiDiGraph:
        return sum(len(keydict) for nbrs in g._adj.values() for keydict in nbrs.values())
    return g.number_of_edges()


def _flows(g: nx.MultiDiGraph, ms: list[flows.Move]) -> dict[str, Any]:
    orgs = []
    for r in flows.org_flows(g, ms):
        o = _OrgRow().__dict__  # {"id", "name", "kind", "outflow", "inflow", "net"}
        o["id"], o["name"], o["kind"] = r.id, r.name, r.kind
        o["outflow"], o["inflow"], o["net"] = r.outflow, r.inflow, r.net
        orgs.append(o)
    matrix = []
    for o, row in flows.flow_matrix(ms).items():
        from_name = _name(g, o)
        for t, c in row.items():
            m = _FlowRow().__dict__  # {"from", "from_name", "to", "to_name", "count"}
            m["from"], m["from_name"] = o, from_name
            m["to"] = t if isinstance(t, str) else None
            m["to_name"] = _name(g, t) if isinstance(t, str) else t.label
            m["count"] = c
            matrix.append(m)
    matrix.sort(key=lambda r: (-r["count"], r["from_name"], r["to_name"]))
    moves = _moves(g, ms)
    return {"organisations": orgs, "matrix": matrix, "destinations": flows.destinations(ms), "moves": moves}


def _move(g: nx.MultiDiGraph, m: careers.Move) -> dict[str, Any]:
    """One move as the report's JSON gives it (see graphkit/schemas/report.schema.json)."""
    return _moves(g, [m])[0]


def _moves(g: nx.MultiDiGraph, ms: list[careers.Move]) -> list[dict[str, Any]]:
    """The moves as the report's JSON gives them (see graphkit/schemas/report.schema.json),
    each name and date looked up once (a million moves)."""
    name = _namer(g)
    humane: dict[str, str] = {}
    unknown, ambiguous = flows.UNKNOWN_DEST.label, flows.AMBIGUOUS_DEST.label

    def when(text: str) -> str:
        s = humane.get(text)
        if s is None:
            s = humane[text] = dates.humanise(text)
        return s

    out = []
    append = out.append
    for m in ms:
        departure = m.origin is not None
        row = _MoveRow().__dict__  # a plain dict, its keys shared with every other row's
        row["person"] = m.person
        row["person_name"] = name(m.person)
        row["from"] = m.origin
        row["from_name"] = name(m.origin) if departure else "(unknown)"
        row["to"] = m.destination
        row["to_name"] = (
            name(m.destination) if m.destination is not None else (ambiguous if m.ambiguous else unknown)
        )
        row["how"] = m.how
        row["arrival"] = not departure
        row["end"] = m.end
        row["start"] = m.start
        row["when"] = when(m.when) if m.when else ""
        row["date"] = m.when
        row["end_earliest"] = m.earliest if departure else ""
        row["end_latest"] = m.latest if departure else ""
        row["earliest"] = m.earliest
        row["latest"] = m.latest
        row["ambiguous"] = m.ambiguous
        row["candidates"] = list(m.candidates)
        row["candidate_names"] = [name(c) for c in m.candidates]
        row["boomerang"] = m.boomerang
        row["role_category"] = list(m.role_category)
        row["unnamed"] = m.unnamed
        row["key"] = m.key
        append(row)
    return out


class _MoveRow(Row):
    pass


class _OrgRow(Row):
    pass


class _FlowRow(Row):
    pass


def _nowhere(m: careers.Move) -> flows.Nowhere:
    return flows.AMBIGUOUS_DEST if m.ambiguous else flows.UNKNOWN_DEST


def _careers(
    g: nx.MultiDiGraph,
    ms: list[careers.Move],
    changes: list[careers.RoleChange],
    period: periods.Period | None,
    opts: ReportOptions,
) -> dict[str, Any]:
    """Boomerangs, ambiguous moves and role changes (in scope), for the report's careers section."""
    if period is not None:
        changes = [
            r
            for r in changes
            if period.contains(dates.parse(r.end) if r.end else None, opts.include_possible)
        ]
    return {
        "boomerangs": _moves(g, [m for m in ms if m.boomerang]),
        "ambiguous": _moves(g, [m for m in ms if m.ambiguous]),
        "role_changes": [
            {
                "person": r.person,
                "person_name": _name(g, r.person),
                "org": r.org,
                "org_name": _name(g, r.org),
                "from_role": r.from_role,
                "to_role": r.to_role,
                "end": r.end,
                "when": dates.humanise(r.end),
                "earliest": r.earliest,
                "latest": r.latest,
            }
            for r in changes
        ],
    }


def _capital(g: nx.MultiDiGraph, scoped: nx.MultiDiGraph, ms: list[flows.Move]) -> list[dict[str, Any]]:
    return [
        {
            "investor": c.investor,
            "investor_name": _name(g, c.investor),
            "venture": c.venture,
            "venture_name": _name(g, c.venture),
            "person": c.person,
            "person_name": _name(g, c.person) if c.person is not None else "",
            "founders": list(c.founders),
            "founder_names": [_name(g, p) for p in c.founders],
            "former_employer": c.former_employer,
            "departure": c.departure,
            "investment": c.investment,
            "lag_days": list(c.lag_days) if c.lag_days else None,
            "lag": flows.humanise_lag(c.lag_days) if c.former_employer else "",
        }
        for c in flows.capital_follows_talent(scoped, ms)
    ]


def _centrality(
    g: nx.MultiDiGraph,
    graph: str,
    opts: ReportOptions,
    ms: list[flows.Move] | None = None,
    view: mx.View | None = None,
) -> list[dict[str, Any]]:
    """The first ``opts.top`` rows of :func:`graphkit.metrics.centrality` of the kind asked
    for, by the first metric asked for. Only the nodes that can be among them get a row
    (:func:`graphkit.metrics.top_centrality`), not every node of the graph."""
    if view is None:
        view = mx.person_org_arrays(g) if graph == "person_org" else mx.view_of(g, graph, ms)
    key = opts.metrics[0]
    keep = None
    if opts.kind is not None:
        kinds = view.kinds if view.kinds is not None else [g.nodes[v].get("kind", "") for v in view.nodes]
        keep = np.fromiter((_kind_ok(k, opts.kind) for k in kinds), dtype=bool, count=len(kinds))
    found = mx.top_centrality(view, key, opts.top, opts.engine, opts.metric_options, keep)
    if found is None:  # a NaN: the full ranking, as it always was
        rows = [
            r
            for r in mx.centrality(g, opts.engine, graph, opts.metric_options, moves=ms)
            if _kind_ok(r.kind, opts.kind)
        ]
    else:
        chosen, values = found
        rows = []
        for i in chosen.tolist():
            v = view.nodes[i]
            a = g.nodes[v]
            rows.append(
                mx.Centrality(
                    id=v,
                    name=a.get("name", str(v)),
                    kind=a.get("kind", ""),
                    values={m: float(values[m][i]) for m in mx.METRICS},
                )
            )
        rows.sort(
            key=lambda r: (-r.values["degree"], -r.values["betweenness"], str(r.id))
        )  # centrality's order
    rows.sort(key=lambda r: (-r.values[key], -r.values["degree"], str(r.id)))
    return [
        {"id": r.id, "name": r.name, "kind": r.kind, **{m: round(r.values[m], DIGITS) for m in opts.metrics}}
        for r in rows[: opts.top]
    ]
