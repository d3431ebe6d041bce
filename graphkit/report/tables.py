"""The report as tables, shared by every format but JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graphkit.schema import dates

# --- rendering ---------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    note: str = ""


def format_cell(x: Any) -> str:
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
    return [t for section in SECTIONS for t in section(r)]


def _centrality_tables(r: dict[str, Any]) -> list[Table]:
    """The two centrality rankings."""
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
    return out


def _flow_tables(r: dict[str, Any]) -> list[Table]:
    """Flow per organisation, the flow matrix and the moves."""
    out: list[Table] = []
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
    return out


def _career_tables(r: dict[str, Any]) -> list[Table]:
    """Boomerangs, ambiguous moves and role changes."""
    out: list[Table] = []
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
    return out


def _capital_tables(r: dict[str, Any]) -> list[Table]:
    """Capital follows talent."""
    out: list[Table] = []
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
    return out


def _statistics_tables(r: dict[str, Any]) -> list[Table]:
    """The article's statistics."""
    out: list[Table] = []
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
    return out


def _claims_tables(r: dict[str, Any]) -> list[Table]:
    """The sources' claims next to the data."""
    out: list[Table] = []
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
    return out


def _period_tables(r: dict[str, Any]) -> list[Table]:
    """Per half-year figures, when the report has them."""
    out: list[Table] = []
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
    return out


def _community_tables(r: dict[str, Any]) -> list[Table]:
    """Alumni clusters and Louvain communities, when the report has them."""
    out: list[Table] = []
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


#: The report's tables, section by section, in the order every format shows them.
def _disagreement_tables(r: dict[str, Any]) -> list[Table]:
    """The facts several sources report, where the sources disagree, and the counts that depend on it."""
    d = r.get("disagreements") or {"items": [], "counts": [], "rule": ""}
    rows = []
    for item in d["items"]:
        for i, v in enumerate(item["values"]):
            rows.append(
                [
                    item["subject_name"] if i == 0 else "",
                    item["field"] if i == 0 else "",
                    v["shown"] + (" (used)" if v["value"] == item["used"] else ""),
                    "、".join(v["sources"]),
                    v["at"],
                ]
            )
    counts = [
        [
            c["count"],
            "all time" if c["period"] == "all" else c["period"],
            c["value"],
            f"{c['low']}–{c['high']}",
        ]
        for c in d["counts"]
    ]
    corroborated = [
        [c["fact"] if i == 0 else "", "、".join(q["sources"]), q["quote"]]
        for c in r.get("corroborated") or []
        for i, q in enumerate(c["quotes"])
    ]
    return [
        Table(
            "corroborated",
            "Facts more than one source reports",
            ["fact", "source", "quote"],
            corroborated,
            "One fact, each source's own verbatim quote.",
        ),
        Table(
            "disagreements",
            "Where the sources disagree",
            ["fact", "field", "says", "source", "row"],
            rows,
            d["rule"],
        ),
        Table(
            "disputed_counts",
            "Counts that depend on a disputed value",
            ["count", "period", "in the graph", "range"],
            counts,
        ),
    ]


SECTIONS: tuple[Callable[[dict[str, Any]], list[Table]], ...] = (
    _centrality_tables,
    _flow_tables,
    _career_tables,
    _capital_tables,
    _statistics_tables,
    _claims_tables,
    _disagreement_tables,
    _period_tables,
    _community_tables,
)


def _move_note(m: dict[str, Any]) -> str:
    notes = []
    if m["boomerang"]:
        notes.append("boomerang")
    if m["ambiguous"]:
        notes.append("ambiguous: " + " or ".join(m["candidate_names"]))
    return "; ".join(notes)
