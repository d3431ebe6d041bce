"""Building the report: one JSON-ready ``dict`` (see graphkit/schemas/report.schema.json)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx

from graphkit.graph import careers, flows, periods
from graphkit.schema import dates

from .. import graph as graph_mod
from .. import metrics as mx
from .change import communities_section, periods_section
from .claims import claims
from .disagreements import corroborated_section, disagreements_section
from .options import DIGITS, ReportOptions, _check, _kind_ok, _name
from .stats import _stats

# --- building ----------------------------------------------------------------


def build(
    g: nx.MultiDiGraph, opts: ReportOptions | None = None, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """The whole report as a JSON-ready dict."""
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
        "relationships": g.number_of_edges(),
        "scope": scope,
        "metrics": list(opts.metrics),
    }
    step("talent flow")
    report["flows"] = _flows(g, ms)
    report["careers"] = _careers(g, ms, careers.ensure(g).role_changes, period, opts)
    report["capital_follows_talent"] = _capital(g, scoped, ms)
    report["statistics"] = _stats(ms)
    step("centrality: person-organisation graph")
    report["centrality"] = {
        "person_org": _centrality(scoped, "person_org", opts),
    }
    step("centrality: talent-flow graph")
    report["centrality"]["talent_flow"] = _centrality(g, "talent_flow", opts, ms)  # built from ms
    report["claims"] = claims(g)
    report["disagreements"] = disagreements_section(g)
    report["corroborated"] = corroborated_section(g)
    if opts.periods:
        step("periods")
        report["periods"] = periods_section(base, opts, period, known)
    if opts.communities:
        step("communities")
        report["communities"] = communities_section(scoped, opts)
    return report


def _flows(g: nx.MultiDiGraph, ms: list[flows.Move]) -> dict[str, Any]:
    orgs = [
        {"id": r.id, "name": r.name, "kind": r.kind, "outflow": r.outflow, "inflow": r.inflow, "net": r.net}
        for r in flows.org_flows(g, ms)
    ]
    matrix = [
        {
            "from": o,
            "from_name": _name(g, o),
            "to": t if isinstance(t, str) else None,
            "to_name": _name(g, t) if isinstance(t, str) else t.label,
            "count": c,
        }
        for o, row in flows.flow_matrix(ms).items()
        for t, c in row.items()
    ]
    matrix.sort(key=lambda r: (-r["count"], r["from_name"], r["to_name"]))
    moves = [_move(g, m) for m in ms]
    return {"organisations": orgs, "matrix": matrix, "destinations": flows.destinations(ms), "moves": moves}


def _move(g: nx.MultiDiGraph, m: careers.Move) -> dict[str, Any]:
    """One move as the report's JSON gives it (see graphkit/schemas/report.schema.json)."""
    departure = m.origin is not None
    return {
        "person": m.person,
        "person_name": _name(g, m.person),
        "from": m.origin,
        "from_name": _name(g, m.origin) if departure else "(unknown)",
        "to": m.destination,
        "to_name": _name(g, m.destination) if m.destination is not None else _nowhere(m).label,
        "how": m.how,
        "arrival": not departure,
        "end": m.end,
        "start": m.start,
        "when": dates.humanise(m.when) if m.when else "",
        "date": m.when,
        "end_earliest": m.earliest if departure else "",
        "end_latest": m.latest if departure else "",
        "earliest": m.earliest,
        "latest": m.latest,
        "ambiguous": m.ambiguous,
        "candidates": list(m.candidates),
        "candidate_names": [_name(g, c) for c in m.candidates],
        "boomerang": m.boomerang,
        "role_category": list(m.role_category),
        "unnamed": m.unnamed,
        "key": m.key,
    }


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
        "boomerangs": [_move(g, m) for m in ms if m.boomerang],
        "ambiguous": [_move(g, m) for m in ms if m.ambiguous],
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
    g: nx.MultiDiGraph, graph: str, opts: ReportOptions, ms: list[flows.Move] | None = None
) -> list[dict[str, Any]]:
    rows = mx.centrality(g, opts.engine, graph, opts.metric_options, moves=ms)
    rows = [r for r in rows if _kind_ok(r.kind, opts.kind)]
    key = opts.metrics[0]
    rows.sort(key=lambda r: (-r.values[key], -r.values["degree"], str(r.id)))
    return [
        {"id": r.id, "name": r.name, "kind": r.kind, **{m: round(r.values[m], DIGITS) for m in opts.metrics}}
        for r in rows[: opts.top]
    ]
