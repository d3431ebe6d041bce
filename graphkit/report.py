"""Reports: the centrality table and a short summary, as Markdown."""

from __future__ import annotations

import networkx as nx

from . import graph as graph_mod
from .metrics import Centrality, centrality


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def centrality_rows(rows: list[Centrality], top: int) -> list[list[str]]:
    return [
        [
            str(i),
            r.name,
            r.kind,
            f"{r.values['in_degree']:.0f}/{r.values['out_degree']:.0f}",
            f"{r.values['betweenness']:.3f}",
            f"{r.values['closeness']:.3f}",
            f"{r.values['eigenvector']:.3f}",
            f"{r.values['pagerank']:.3f}",
        ]
        for i, r in enumerate(rows[:top], 1)
    ]


CENTRALITY_HEADERS = ["#", "name", "kind", "in/out", "betweenness", "closeness", "eigenvector", "pagerank"]


def markdown_report(g: nx.MultiDiGraph, top: int = 15) -> str:
    counts = graph_mod.counts(g)
    deps = graph_mod.departures(g)
    lines = [
        "# graphkit report",
        "",
        f"Dataset: `{g.graph.get('directory', '')}`. "
        f"{g.number_of_nodes()} nodes, {g.number_of_edges()} relationships, "
        f"{len(deps)} departures.",
        "",
        "## Counts",
        "",
        markdown_table(["kind or type", "count"], [[k, str(v)] for k, v in sorted(counts.items())]),
        "",
        f"## Centrality (top {top})",
        "",
        "Person-organisation graph, undirected for betweenness, closeness, eigenvector "
        "and PageRank; in/out are directed relationship counts.",
        "",
        markdown_table(CENTRALITY_HEADERS, centrality_rows(centrality(g), top)),
        "",
    ]
    return "\n".join(lines)
