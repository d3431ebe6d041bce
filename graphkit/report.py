"""The talent-market report: centrality, talent flow, capital follows talent, the
article's statistics, per-period change and communities.

:func:`build` computes the report as one JSON-ready ``dict``; the renderers
(:func:`render`) turn it into a terminal table, CSV, JSON, Markdown or one
self-contained HTML file.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from . import careers, dates, flows, periods, vocab
from . import graph as graph_mod
from . import metrics as mx
from .errors import SettingsError
from .text import plural

FORMATS = ("table", "csv", "json", "markdown", "html")
#: Centrality values are reported to 12 decimal places: ARPACK (eigenvector) starts
#: from a random vector, so the last bits of a double differ from run to run.
DIGITS = 12
KINDS = ("person", "org")


@dataclass(frozen=True)
class ReportOptions:
    metrics: tuple[str, ...] = mx.METRICS
    top: int = 15
    kind: str | None = None  # person | org
    period: str | None = None  # e.g. 2025H1
    as_of: str | None = None  # e.g. 2025-03-31
    include_possible: bool = False
    engine: str = "auto"
    metric_options: mx.Options = field(default_factory=mx.Options)
    periods: bool = True  # the per-period section
    communities: bool = True
    title: str | None = None  # default: from the sources (graphkit.graph.title)


def _check(opts: ReportOptions) -> None:
    bad = [m for m in opts.metrics if m not in mx.METRICS]
    if bad:
        raise SettingsError(f"unknown metric {bad[0]!r} (expected one of: {', '.join(mx.METRICS)})")
    if opts.kind is not None and opts.kind not in KINDS:
        raise SettingsError(f"unknown kind {opts.kind!r} (expected person or org)")
    if opts.period and opts.as_of:
        raise SettingsError("give --period or --as-of, not both")
    if opts.top < 1:
        raise SettingsError("--top must be at least 1")


def _name(g: nx.MultiDiGraph, v: Any) -> str:
    return str(g.nodes[v].get("name", v)) if v in g else str(v)


def _kind_ok(kind: str, want: str | None) -> bool:
    if want is None:
        return True
    voc = vocab.load()
    return kind in voc.group("people") if want == "person" else kind in voc.group("employers")


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
    if opts.periods:
        step("periods")
        report["periods"] = _periods(base, opts, period, known)
    if opts.communities:
        step("communities")
        report["communities"] = _communities(scoped, opts)
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


def _share(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _stats(ms: list[flows.Move]) -> dict[str, Any]:
    s = flows.shares(ms)
    return {
        "departures": s.departures,
        "founders": s.founders,
        "founder_share": _share(s.founders, s.departures),
        "commercial": s.commercial,
        "commercial_share": _share(s.commercial, s.departures),
        "named": s.named,
        "unnamed": s.unnamed,
        "destinations": s.destinations,
    }


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


# --- claims ------------------------------------------------------------------


def _subject_orgs(g: nx.MultiDiGraph, subject: str) -> list[str]:
    if subject in g and g.nodes[subject].get("kind") == "Group":
        member = vocab.load().type_for("membership")
        return sorted((u for u, _, t in g.in_edges(subject, data="type") if t == member), key=str)
    return [subject] if subject in g else []


MEASURES = ("departures", "new_hires", "executive_changes", "companies_with_changes")


def claims(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Each claim the sources make, next to what the data holds.

    Counted over the moves (:mod:`graphkit.careers`): a departure is a move out
    of one of the claim's organisations, a new hire a move or arrival into one,
    each dated by its move. ``certain``: moves that certainly fall in the
    claim's period; ``possible``: those that possibly do; ``all_time``:
    regardless of date, over the organisations that have any change in the
    period. A metric the data cannot measure has ``certain``/``possible`` None.
    """
    if not g.graph.get("claims"):
        return []
    ms = careers.moves(g)
    out = []
    for c in g.graph.get("claims", []):
        subject = c.get("subject", "")
        orgs = set(_subject_orgs(g, subject))
        metric = c.get("metric", "")
        pd = dates.parse(c["period"]) if c.get("period") else None
        claimed = int(c["value"]) if str(c.get("value", "")).isdigit() else c.get("value")
        row: dict[str, Any] = {
            "id": c.get("id", ""),
            "subject": subject,
            "subject_name": _name(g, subject),
            "metric": metric,
            "period": c.get("period", "") or "",
            "period_text": dates.humanise(c["period"]) if c.get("period") else "any time",
            "claimed": claimed,
            "certain": None,
            "possible": None,
        }
        if metric not in MEASURES:
            row["verdict"] = "not measurable"
            row["statement"] = (
                f"{row['subject_name']}: the source says {_measure(claimed, metric)}; "
                "the data has no measure for it: not measurable."
            )
            out.append(row)
            continue
        certain, _ = claim_count(ms, orgs, metric, pd, False)
        possible, changed = claim_count(ms, orgs, metric, pd, True)
        row["certain"], row["possible"] = certain, possible
        if metric in ("departures", "executive_changes") and len(orgs) > 1:
            all_deps = sum(1 for m in ms if m.origin in changed)
            names = "、".join(sorted(_name(g, o) for o in changed))
            row["all_time"] = all_deps
            row["companies"] = sorted(changed, key=str)
            extra = f"; {all_deps} departures in all from those {len(changed)} companies ({names})"
        else:
            extra = ""
        verdict = claim_verdict(claimed, certain, possible)
        row["verdict"] = verdict
        row["statement"] = (
            f"{row['subject_name']}: the source says {_measure(claimed, metric)} "
            f"({row['period_text']}); the data holds {certain} certainly in that period and "
            f"{possible} possibly{extra}: {verdict}."
        )
        out.append(row)
    return out


_NOUNS = {
    "departures": ("departure", "departures"),
    "new_hires": ("new hire", "new hires"),
    "executive_changes": ("executive change", "executive changes"),
    "companies_with_changes": ("company with changes", "companies with changes"),
}


def _measure(value: Any, metric: str) -> str:
    """``1 new hire``, ``12 executive changes``; another metric is shown by its name."""
    one, many = _NOUNS.get(metric, (metric.replace("_", " "), metric.replace("_", " ")))
    return plural(value, one, many) if isinstance(value, int) else f"{value} {many}"


def claim_count(
    ms: list[careers.Move], orgs: set[str], metric: str, pd: dates.FuzzyDate | None, possible: bool
) -> tuple[int, set[str]]:
    """The data's value for a claim's ``metric`` over ``orgs`` in the period ``pd``, and the
    organisations with any change. ``possible`` also counts moves that may fall in it."""

    def within(when: str) -> bool:
        if pd is None or pd.earliest is None or pd.latest is None:
            return True
        d = dates.parse(when) if when else None
        if d is None:
            return possible
        if possible:
            return d.possibly_within(pd.earliest, pd.latest)
        return d.certainly_within(pd.earliest, pd.latest)

    out = [m for m in ms if m.origin in orgs and within(m.when)]
    hires = [m for m in ms if m.destination in orgs and within(m.arrived)]
    changed = {m.origin for m in out} | {m.destination for m in hires}
    n = {
        "departures": len(out),
        "new_hires": len(hires),
        "executive_changes": len(out) + len(hires),
        "companies_with_changes": len(changed),
    }[metric]
    return n, changed  # type: ignore[return-value]


def claim_verdict(claimed: Any, certain: int, possible: int) -> str:
    if not isinstance(claimed, int):
        return "not comparable"
    if certain == possible == claimed:
        return "matches"
    if certain <= claimed <= possible:
        return "consistent only if the fuzzy dates fall the right way"
    if claimed > possible:
        return "the data holds fewer"
    return "the data holds more"


# --- periods -----------------------------------------------------------------


def _periods(
    g: nx.MultiDiGraph, opts: ReportOptions, only: periods.Period | None, known: list[careers.Move]
) -> dict[str, Any]:
    all_periods = periods.data_periods(g)
    if only is not None:
        prev = periods.half_year(only.start - dt.timedelta(days=1))
        chosen = [prev, only] if only.label.count("H") else [only]
    else:
        chosen = all_periods
    rows = []
    by_company = []
    previous: dict[str, Any] | None = None
    split = periods.split(g, chosen, opts.include_possible)
    for p in chosen:
        h = split[p.label]
        ms = periods.moves_in(known, p, opts.include_possible)
        stats = _stats(ms)
        out = {r.id: r.outflow for r in flows.org_flows(g, ms)}
        for org, n in sorted(out.items(), key=lambda x: (-x[1], _name(g, x[0]))):
            if n:
                by_company.append({"period": p.label, "org": org, "name": _name(g, org), "departures": n})
        has_edges = any(t in mx.edge_types() for _, _, t in h.edges(data="type"))
        if has_edges:
            vals = mx.compute(h, opts.engine, "person_org", opts.metric_options, what=("betweenness",))
            btw = vals["betweenness"]
        else:
            btw = {}
        entry: dict[str, Any] = {
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
        if previous is not None:
            pb, po = previous["_btw"], previous["_out"]
            rising = sorted(
                ((v, btw.get(v, 0.0) - pb.get(v, 0.0)) for v in set(btw) | set(pb)),
                key=lambda x: (-x[1], str(x[0])),
            )
            entry["rising_brokers"] = [
                {"id": v, "name": _name(g, v), "change": d} for v, d in rising[: opts.top] if d > 0
            ][:5]
            grow = sorted(
                ((o, out.get(o, 0) - po.get(o, 0), out.get(o, 0)) for o in set(out) | set(po)),
                key=lambda x: (-x[1], _name(g, x[0])),
            )
            entry["outflow_change"] = [
                {"id": o, "name": _name(g, o), "change": d, "outflow": n} for o, d, n in grow if d != 0
            ][: opts.top]
            entry["hollowed_out"] = [
                {"id": o, "name": _name(g, o), "outflow": n} for o, d, n in grow if n >= 3 and d > 0
            ]
        entry["_btw"], entry["_out"] = btw, out
        rows.append(entry)
        previous = entry
    for e in rows:
        del e["_btw"], e["_out"]
    return {
        "unit": "half-year",
        "counted": "certain" + (" or possible" if opts.include_possible else ""),
        "periods": rows,
        "departures_by_company": by_company,
    }


# --- communities -------------------------------------------------------------


def _communities(g: nx.MultiDiGraph, opts: ReportOptions) -> dict[str, Any]:
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
    comms = louvain(view, opts.metric_options.seed, opts.engine)
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


def louvain(view: mx.View, seed: int = 0, engine: str = "auto") -> list[set[Any]]:
    """Louvain communities of the view's non-isolated nodes, largest first.

    networkx's ``louvain_communities(seed=seed)`` on small graphs, igraph's
    multilevel algorithm (seeded the same way) on large ones.
    """
    touched = sorted({i for e in view.edges for i in e})
    if not touched:
        return []
    if engine == "networkx" or (engine == "auto" and len(touched) < mx.AUTO_IGRAPH_MIN):
        s = nx.Graph()
        s.add_nodes_from(view.nodes[i] for i in touched)
        s.add_edges_from((view.nodes[a], view.nodes[b]) for a, b in view.edges)
        comms = nx.community.louvain_communities(s, seed=seed)
    else:
        import random

        import igraph as ig

        h = ig.Graph(n=len(view.nodes), edges=view.edges)
        ig.set_random_number_generator(random.Random(seed))
        try:
            membership = h.community_multilevel().membership
        finally:
            ig.set_random_number_generator(random)
        groups: dict[int, set[Any]] = defaultdict(set)
        for i in touched:
            groups[membership[i]].add(view.nodes[i])
        comms = list(groups.values())
    return sorted(comms, key=lambda c: (-len(c), min(map(str, c))))


# --- rendering ---------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    note: str = ""


def _fmt(x: Any) -> str:
    if isinstance(x, float):
        return f"{x:.4f}"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if x is None:
        return ""
    if isinstance(x, list):
        return "、".join(str(i) for i in x)
    return str(x)


SHORT = {"in_degree": "in", "out_degree": "out"}  # counts, shown as integers
CENTRALITY_NOTE = {
    "person_org": "People and organisations; in/out degree count directed relationships, the other "
    "metrics run on the undirected simple graph.",
    "talent_flow": "Organisation -> organisation, weighted by the number of moves; directed betweenness, "
    "closeness (distance = 1/moves) and PageRank; in/out degree = moves.",
}


def tables(r: dict[str, Any]) -> list[Table]:
    """The report as a list of tables (shared by every format but JSON)."""
    out: list[Table] = []
    for graph, title in (
        ("person_org", "Centrality: person-organisation graph"),
        ("talent_flow", "Centrality: talent-flow graph"),
    ):
        rows = r["centrality"][graph]
        out.append(
            Table(
                f"centrality_{graph}",
                title,
                ["#", "name", "kind", *(SHORT.get(m, m) for m in r["metrics"])],
                [
                    [i, x["name"], x["kind"], *(int(x[m]) if m in SHORT else x[m] for m in r["metrics"])]
                    for i, x in enumerate(rows, 1)
                ],
                CENTRALITY_NOTE[graph],
            )
        )
    f = r["flows"]
    out.append(
        Table(
            "flows",
            "Talent flow per organisation",
            ["organisation", "kind", "outflow", "inflow", "net"],
            [[o["name"], o["kind"], o["outflow"], o["inflow"], o["net"]] for o in f["organisations"]],
        )
    )
    out.append(
        Table(
            "flow_matrix",
            "Flow matrix (from -> to)",
            ["from", "to", "people"],
            [[m["from_name"], m["to_name"], m["count"]] for m in f["matrix"]],
        )
    )
    out.append(
        Table(
            "moves",
            "Moves",
            ["person", "from", "to", "how", "when", "note"],
            [
                [
                    m["person_name"],
                    m["from_name"],
                    m["to_name"],
                    f"arrived ({m['how']})" if m["arrival"] else m["how"],
                    m["when"],
                    _move_note(m),
                ]
                for m in f["moves"][:500]
            ],
        )
    )
    c = r["careers"]
    out.append(
        Table(
            "boomerangs",
            "Boomerangs (returns to a former employer)",
            ["person", "from", "back to", "when"],
            [[m["person_name"], m["from_name"], m["to_name"], m["when"]] for m in c["boomerangs"]],
        )
    )
    out.append(
        Table(
            "ambiguous_moves",
            "Ambiguous moves (the dates do not decide; never guessed)",
            ["person", "from", "to", "candidates", "when"],
            [
                [m["person_name"], m["from_name"], m["to_name"], m["candidate_names"], m["when"]]
                for m in c["ambiguous"]
            ],
        )
    )
    out.append(
        Table(
            "role_changes",
            "Role changes (a role ended, the person stayed)",
            ["person", "organisation", "from role", "to role", "when"],
            [
                [x["person_name"], x["org_name"], x["from_role"], x["to_role"], x["when"]]
                for x in c["role_changes"]
            ],
        )
    )
    out.append(
        Table(
            "capital_follows_talent",
            "Capital follows talent",
            ["investor", "venture", "founder", "former employer", "left", "invested", "lag"],
            [
                [
                    c["investor_name"],
                    c["venture_name"],
                    c["person_name"] or c["founder_names"],
                    c["former_employer"],
                    dates.humanise(c["departure"]) if c["departure"] else "",
                    dates.humanise(c["investment"]),
                    c["lag"],
                ]
                for c in r["capital_follows_talent"]
            ],
            "A former employer investing in a leaver's venture; other backers listed once per venture for context. "
            "Lag = days from the departure to the investment, a range because both dates are fuzzy.",
        )
    )
    s = r["statistics"]
    d = s["destinations"]
    out.append(
        Table(
            "statistics",
            "Statistics",
            ["measure", "value"],
            [
                ["departures", s["departures"]],
                ["co-founders among leavers", f"{s['founders']} ({s['founder_share']:.0%})"],
                ["commercialisation leads among leavers", f"{s['commercial']} ({s['commercial_share']:.0%})"],
                ["named / unnamed leavers", f"{s['named']} / {s['unnamed']}"],
                ["joined another company", d["joined"]],
                ["founded their own venture", d["founded"]],
                ["destination unknown", d["unknown"]],
                ["destination ambiguous", d["ambiguous"]],
            ],
        )
    )
    out.append(
        Table(
            "claims",
            "The sources' claims and the data",
            ["claim", "subject", "period", "claimed", "certain", "possible", "verdict"],
            [
                [
                    c["metric"],
                    c["subject_name"],
                    c["period_text"],
                    c["claimed"],
                    "not measurable" if c["certain"] is None else c["certain"],
                    "not measurable" if c["possible"] is None else c["possible"],
                    c.get("verdict", ""),
                ]
                for c in r["claims"]
            ],
            "\n".join(c["statement"] for c in r["claims"]),
        )
    )
    if "periods" in r:
        p = r["periods"]
        out.append(
            Table(
                "periods",
                f"Per half-year (counting {p['counted']} facts)",
                [
                    "period",
                    "departures",
                    "co-founders",
                    "commercial",
                    "named",
                    "unnamed",
                    "top broker",
                    "rising broker",
                    "outflow up",
                ],
                [
                    [
                        e["period"],
                        e["departures"],
                        e["founders"],
                        e["commercial"],
                        e["named"],
                        e["unnamed"],
                        e["top_brokers"][0]["name"] if e["top_brokers"] else "",
                        e["rising_brokers"][0]["name"] if e.get("rising_brokers") else "",
                        ", ".join(
                            f"{o['name']} {o['change']:+d}"
                            for o in e.get("outflow_change", [])[:3]
                            if o["change"] > 0
                        ),
                    ]
                    for e in p["periods"]
                ],
            )
        )
        out.append(
            Table(
                "departures_by_company",
                "Departures per company per half-year",
                ["period", "company", "departures"],
                [[x["period"], x["name"], x["departures"]] for x in p["departures_by_company"]],
            )
        )
    if "communities" in r:
        c = r["communities"]
        out.append(
            Table(
                "alumni",
                "Alumni clusters (organisations sharing people)",
                ["organisations", "people", "who"],
                [
                    [" · ".join(a["names"]), len(a["people"]), "、".join(a["people_names"][:8])]
                    for a in c["alumni"]
                ],
            )
        )
        out.append(
            Table(
                "communities",
                "Communities (Louvain)",
                ["size", "people", "organisations", "members"],
                [
                    [x["size"], x["people"], "、".join(x["organisations"]), "、".join(x["members"])]
                    for x in c["louvain"]
                ],
                c["method"],
            )
        )
    return out


def _move_note(m: dict[str, Any]) -> str:
    notes = []
    if m["boomerang"]:
        notes.append("boomerang")
    if m["ambiguous"]:
        notes.append("ambiguous: " + " or ".join(m["candidate_names"]))
    return "; ".join(notes)


def _scope_line(r: dict[str, Any]) -> str:
    s = r["scope"]
    parts = [f"{plural(r['nodes'], 'node')}, {plural(r['relationships'], 'relationship')}"]
    if s["period"]:
        parts.append(f"period {s['period']} ({s['counted']})")
    if s["as_of"]:
        parts.append(f"as of {s['as_of']}")
    return "; ".join(parts)


def to_json(r: dict[str, Any]) -> str:
    return json.dumps(r, ensure_ascii=False, indent=2, default=str) + "\n"


def to_csv(r: dict[str, Any]) -> str:
    """Every table in one CSV: ``section, row, column, value`` (long format)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["section", "row", "column", "value"])
    for t in tables(r):
        for i, row in enumerate(t.rows, 1):
            for h, v in zip(t.headers, row, strict=True):
                w.writerow(
                    [t.key, i, h, v if isinstance(v, (int, float)) and not isinstance(v, bool) else _fmt(v)]
                )
    return buf.getvalue()


def md_text(text: str) -> str:
    """Text that Markdown shows literally as far as HTML goes: no tag, no entity."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def markdown_table(headers: list[str], rows: list[list[Any]]) -> str:
    """A Markdown table. Cells are escaped: ``&`` and ``<`` become entities (Markdown
    passes raw HTML through to the page, and no tag can start without ``<``), ``|``
    is backslashed."""

    def cell(text: Any) -> str:
        return md_text(_fmt(text)).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def to_markdown(r: dict[str, Any], charts: bool = True) -> str:
    from . import charts as charts_mod

    lines = [f"# {md_text(r['title'])}", "", f"Dataset: `{md_text(r['dataset'])}`. {_scope_line(r)}.", ""]
    if charts:
        for chart in charts_mod.for_report(r):
            lines += [f"![{chart.title}]({charts_mod.data_uri(chart.svg)})", ""]
    for t in tables(r):
        lines += [f"## {t.title}", ""]
        if t.note:
            lines += [md_text(t.note).replace("\n", "  \n"), ""]
        lines += [markdown_table(t.headers, t.rows) if t.rows else "_(none)_", ""]
    return "\n".join(lines)


HTML_STYLE = """
body{font-family:"Noto Sans CJK SC","Noto Sans CJK JP",system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
th{background:#f3f3f3}td.n{text-align:right}p.note{color:#555;white-space:pre-line}figure{margin:1em 0}
"""


def to_html(r: dict[str, Any]) -> str:
    from . import charts as charts_mod

    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{e(r['title'])}</title><style>{HTML_STYLE}</style></head><body>",
        f"<h1>{e(r['title'])}</h1>",
        f"<p>Dataset: <code>{e(r['dataset'])}</code>. {e(_scope_line(r))}.</p>",
    ]
    for chart in charts_mod.for_report(r):
        parts.append(
            f"<figure>{charts_mod.inline_svg(chart.svg)}<figcaption>{e(chart.title)}</figcaption></figure>"
        )
    for t in tables(r):
        parts.append(f'<h2 id="{e(t.key)}">{e(t.title)}</h2>')
        if t.note:
            parts.append(f'<p class="note">{e(t.note)}</p>')
        if not t.rows:
            parts.append("<p><em>(none)</em></p>")
            continue
        parts.append(
            "<table><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in t.headers) + "</tr></thead><tbody>"
        )
        for row in t.rows:
            cells = "".join(
                f'<td class="n">{e(_fmt(c))}</td>'
                if isinstance(c, (int, float)) and not isinstance(c, bool)
                else f"<td>{e(_fmt(c))}</td>"
                for c in row
            )
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def to_text(r: dict[str, Any]) -> str:
    """Plain tab-separated tables (for pipes)."""
    lines = [f"graphkit report: {_scope_line(r)}"]
    for t in tables(r):
        lines += ["", f"# {t.title}", "\t".join(t.headers)]
        lines += ["\t".join(_fmt(c) for c in row) for row in t.rows]
        if t.note and t.key == "claims":
            lines += [t.note]
    return "\n".join(lines) + "\n"


def print_rich(r: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    console = Console()
    console.print(f"[bold]graphkit report[/bold]: {_scope_line(r)}", markup=True, highlight=False)
    for t in tables(r):
        table = RichTable(title=t.title, caption=t.note or None)
        for h in t.headers:
            table.add_column(h)
        for row in t.rows:
            table.add_row(*(_fmt(c) for c in row))
        console.print(table)


def render(r: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return to_json(r)
    if fmt == "csv":
        return to_csv(r)
    if fmt == "markdown":
        return to_markdown(r)
    if fmt == "html":
        return to_html(r)
    if fmt == "table":
        return to_text(r)
    raise SettingsError(f"unknown format {fmt!r} (expected one of: {', '.join(FORMATS)})")


def markdown_report(g: nx.MultiDiGraph, top: int = 15) -> str:
    """The full report as Markdown (with charts); used by ``graphkit demo``."""
    return to_markdown(build(g, ReportOptions(top=top)))
