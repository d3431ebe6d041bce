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

from . import dates, flows, periods
from . import graph as graph_mod
from . import metrics as mx
from .errors import SettingsError

FORMATS = ("table", "csv", "json", "markdown", "html")
KINDS = ("person", "org")
ORG_KINDS = ("Company", "Startup", "Investor")


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
    return kind == "Person" if want == "person" else kind in ORG_KINDS


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
    if opts.as_of:
        day = periods.parse_as_of(opts.as_of)
        base = periods.as_of(g, day, opts.include_possible)
        scope["as_of"] = day.isoformat()
    scoped = base
    if opts.period:
        period = periods.parse_period(opts.period)
        scoped = periods.in_period(base, period, opts.include_possible)
        scope["period"] = period.label
    report: dict[str, Any] = {
        "title": "graphkit report",
        "dataset": str(g.graph.get("directory", "")),
        "nodes": g.number_of_nodes(),
        "relationships": g.number_of_edges(),
        "scope": scope,
        "metrics": list(opts.metrics),
    }
    step("talent flow")
    ms = flows.moves(scoped)
    report["flows"] = _flows(scoped, ms)
    report["capital_follows_talent"] = _capital(scoped, ms)
    report["statistics"] = _stats(ms)
    step("centrality: person-organisation graph")
    report["centrality"] = {
        "person_org": _centrality(scoped, "person_org", opts),
    }
    step("centrality: talent-flow graph")
    report["centrality"]["talent_flow"] = _centrality(scoped, "talent_flow", opts, ms)
    report["claims"] = claims(g)
    if opts.periods:
        step("periods")
        report["periods"] = _periods(base, opts, period)
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
            "to": t if t != flows.UNKNOWN else None,
            "to_name": _name(g, t) if t != flows.UNKNOWN else "(unknown)",
            "count": c,
        }
        for o, row in flows.flow_matrix(ms).items()
        for t, c in row.items()
    ]
    matrix.sort(key=lambda r: (-r["count"], r["from_name"], r["to_name"]))
    moves = []
    for m in ms:
        end = dates.parse(m.end) if m.end else None
        moves.append(
            {
                "person": m.person,
                "person_name": _name(g, m.person),
                "from": m.origin,
                "from_name": _name(g, m.origin) if m.origin is not None else "(unknown)",
                "to": m.destination,
                "to_name": _name(g, m.destination) if m.destination is not None else "(unknown)",
                "how": m.how if m.origin is not None else f"arrived ({m.how})",
                "end": m.end,
                "when": dates.humanise(m.end) if m.end else "",
                "end_earliest": end.earliest.isoformat() if end and end.earliest else "",
                "end_latest": end.latest.isoformat() if end and end.latest else "",
                "role_category": list(m.role_category),
                "unnamed": m.unnamed,
            }
        )
    return {"organisations": orgs, "matrix": matrix, "destinations": flows.destinations(ms), "moves": moves}


def _capital(g: nx.MultiDiGraph, ms: list[flows.Move]) -> list[dict[str, Any]]:
    return [
        {
            "investor": c.investor,
            "investor_name": _name(g, c.investor),
            "venture": c.venture,
            "venture_name": _name(g, c.venture),
            "person": c.person,
            "person_name": _name(g, c.person),
            "former_employer": c.former_employer,
            "departure": c.departure,
            "investment": c.investment,
            "lag_days": list(c.lag_days) if c.lag_days else None,
            "lag": flows.humanise_lag(c.lag_days) if c.former_employer else "",
        }
        for c in flows.capital_follows_talent(g, ms)
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
        {"id": r.id, "name": r.name, "kind": r.kind, **{m: r.values[m] for m in opts.metrics}}
        for r in rows[: opts.top]
    ]


# --- claims ------------------------------------------------------------------


def _subject_orgs(g: nx.MultiDiGraph, subject: str) -> list[str]:
    if subject in g and g.nodes[subject].get("kind") == "Group":
        return sorted((u for u, _, t in g.in_edges(subject, data="type") if t == "MEMBER_OF"), key=str)
    return [subject] if subject in g else []


def claims(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Each claim the sources make, next to what the data holds.

    ``certain``: facts that certainly fall in the claim's period; ``possible``:
    those that possibly do; ``all_time``: regardless of date, over the
    organisations that have any change in the period.
    """
    if not g.graph.get("claims"):
        return []
    deps = graph_mod.departures(g)
    hires = [(u, v, k) for u, v, k, t in g.edges(keys=True, data="type") if t == "JOINED"]
    fd = periods.fact_dates(g)
    out = []
    for c in g.graph.get("claims", []):
        subject = c.get("subject", "")
        orgs = set(_subject_orgs(g, subject))
        pd = dates.parse(c["period"]) if c.get("period") else None

        def within(when: dates.FuzzyDate | None, possible: bool, pd: dates.FuzzyDate | None = pd) -> bool:
            if pd is None or pd.earliest is None or pd.latest is None:
                return True
            if when is None:
                return possible
            if possible:
                return when.possibly_within(pd.earliest, pd.latest)
            return when.certainly_within(pd.earliest, pd.latest)

        def count(
            metric: str, possible: bool, in_period: bool = True, orgs: set[str] = orgs
        ) -> tuple[int, set[str]]:
            dep_rows = [
                (u, v)
                for u, v, d in deps
                if v in orgs and (not in_period or within(dates.parse(d["end"]), possible))
            ]
            hire_rows = [
                (u, v)
                for u, v, k in hires
                if v in orgs and (not in_period or within(fd[(u, v, k)], possible))
            ]
            changed = {v for _, v in dep_rows} | {v for _, v in hire_rows}
            n = {
                "departures": len(dep_rows),
                "new_hires": len(hire_rows),
                "executive_changes": len(dep_rows) + len(hire_rows),
                "companies_with_changes": len(changed),
            }.get(metric, -1)
            return n, changed

        metric = c.get("metric", "")
        certain, _ = count(metric, False)
        possible, changed = count(metric, True)
        row: dict[str, Any] = {
            "id": c.get("id", ""),
            "subject": subject,
            "subject_name": _name(g, subject),
            "metric": metric,
            "period": c.get("period", "") or "",
            "period_text": dates.humanise(c["period"]) if c.get("period") else "any time",
            "claimed": int(c["value"]) if str(c.get("value", "")).isdigit() else c.get("value"),
            "certain": certain,
            "possible": possible,
        }
        if certain < 0:
            row["statement"] = f"the data has no measure for {metric!r}"
            out.append(row)
            continue
        if metric in ("departures", "executive_changes") and len(_subject_orgs(g, subject)) > 1:
            all_deps = sum(1 for _, v, _ in deps if v in changed)
            names = "、".join(sorted(_name(g, o) for o in changed))
            row["all_time"] = all_deps
            row["companies"] = sorted(changed, key=str)
            extra = f"; {all_deps} departures in all from those {len(changed)} companies ({names})"
        else:
            extra = ""
        claimed = row["claimed"]
        if certain == possible == claimed:
            verdict = "matches"
        elif certain <= claimed <= possible:
            verdict = "consistent only if the fuzzy dates fall the right way"
        elif claimed > possible:
            verdict = "the data holds fewer"
        else:
            verdict = "the data holds more"
        row["verdict"] = verdict
        row["statement"] = (
            f"{row['subject_name']}: the source says {claimed} {metric.replace('_', ' ')} "
            f"({row['period_text']}); the data holds {certain} certainly in that period and "
            f"{possible} possibly{extra}: {verdict}."
        )
        out.append(row)
    return out


# --- periods -----------------------------------------------------------------


def _periods(g: nx.MultiDiGraph, opts: ReportOptions, only: periods.Period | None) -> dict[str, Any]:
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
        ms = flows.moves(h)
        stats = _stats(ms)
        out = {r.id: r.outflow for r in flows.org_flows(h, ms)}
        for org, n in sorted(out.items(), key=lambda x: (-x[1], _name(g, x[0]))):
            if n:
                by_company.append({"period": p.label, "org": org, "name": _name(g, org), "departures": n})
        has_edges = any(t in mx.EDGE_TYPES for _, _, t in h.edges(data="type"))
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
    for c in comms[: opts.top]:
        orgs = sorted((v for v in c if g.nodes[v].get("kind") in ORG_KINDS), key=lambda v: (-deg[v], str(v)))
        people = [v for v in c if g.nodes[v].get("kind") == "Person"]
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
            ["person", "from", "to", "how", "when"],
            [[m["person_name"], m["from_name"], m["to_name"], m["how"], m["when"]] for m in f["moves"][:500]],
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
                    c["person_name"],
                    c["former_employer"],
                    dates.humanise(c["departure"]) if c["departure"] else "",
                    dates.humanise(c["investment"]),
                    c["lag"],
                ]
                for c in r["capital_follows_talent"]
            ],
            "A former employer investing in a leaver's venture; other backers listed for context. "
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
                    c["certain"],
                    c["possible"],
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


def _scope_line(r: dict[str, Any]) -> str:
    s = r["scope"]
    parts = [f"{r['nodes']} nodes, {r['relationships']} relationships"]
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


def _charts(r: dict[str, Any], fmt: str) -> list[tuple[str, bytes]]:
    from . import charts

    out = []
    if any(o["outflow"] for o in r["flows"]["organisations"]):
        out.append(
            (
                "Talent outflow and inflow by organisation",
                charts.outflow_chart(r["flows"]["organisations"], fmt),
            )
        )
    if any(m["end_earliest"] for m in r["flows"]["moves"]):
        out.append(("Departures over time", charts.timeline_chart(r["flows"]["moves"], fmt)))
    return out


def to_markdown(r: dict[str, Any], charts: bool = True) -> str:
    from . import charts as charts_mod

    lines = ["# graphkit report", "", f"Dataset: `{r['dataset']}`. {_scope_line(r)}.", ""]
    if charts:
        for title, png in _charts(r, "png"):
            lines += [f"![{title}]({charts_mod.data_uri(png)})", ""]
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
    for title, svg in _charts(r, "svg"):
        parts.append(f"<figure>{charts_mod.inline_svg(svg)}<figcaption>{e(title)}</figcaption></figure>")
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
