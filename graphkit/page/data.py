"""What the page shows, as one JSON-ready dict: nodes, edges, legend, moves and role changes.

Every date and move comes from Python (:mod:`graphkit.graph.careers`); the page's
JavaScript only displays and filters them."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import networkx as nx

from graphkit import graph as graph_mod
from graphkit import metrics
from graphkit.graph import careers
from graphkit.page import layout
from graphkit.schema import dates, vocab
from graphkit.schema.errors import SettingsError
from graphkit.schema.text import plural

#: Above this many nodes the page uses the "big graph" settings: small
#: shapes, straight edges, labels only when zoomed in, edges hidden on drag.
BIG = 1000
SIZE_METRICS = metrics.METRICS
Progress = Callable[[str], None]


@lru_cache(maxsize=4096)
def _human(text: str) -> tuple[str, str]:
    return (dates.humanise(text, "en"), dates.humanise(text, "zh")) if text else ("", "")


def vis_options(n_nodes: int, seed: int = 0) -> dict[str, Any]:
    """vis-network options: pyvis's defaults, then physics off and our display settings."""
    from pyvis.network import Network  # imported when a page is made, not by every command

    net = Network(directed=True)
    net.toggle_physics(False)
    big = n_nodes > BIG
    net.toggle_hide_edges_on_drag(big)
    net.set_edge_smooth("continuous")
    options: dict[str, Any] = json.loads(net.options.to_json())
    options["configure"] = {"enabled": False}
    options["layout"] = {"improvedLayout": False, "randomSeed": seed}
    options["interaction"].update(
        hover=True, hideEdgesOnZoom=big, tooltipDelay=3_600_000, multiselect=False, keyboard=False
    )
    options["edges"].update(
        arrows={"to": {"enabled": True, "scaleFactor": 0.5}},
        smooth=False if big else {"enabled": True, "type": "continuous", "roundness": 0.3},
        width=1 if big else 1.5,
        selectionWidth=2,
        color={"inherit": False},
    )
    options["nodes"] = {
        "borderWidth": 1,
        "font": {"size": 14, "face": "Noto Sans CJK SC, Noto Sans, sans-serif", "color": "#222"},
        "scaling": {"label": {"enabled": False, "drawThreshold": 9 if big else 4}},
        "widthConstraint": {"maximum": 160},
    }
    options["groups"] = {}
    for kind in vocab.load().nodes.values():
        shape = "square" if big and kind.shape == "box" else kind.shape
        options["groups"][kind.name] = {
            "shape": shape,
            "color": {
                "background": kind.colour,
                "border": "#333333",
                "highlight": {"background": kind.colour, "border": "#000000"},
                "hover": {"background": kind.colour, "border": "#000000"},
            },
            **({"font": {"color": "#ffffff"}, "margin": 6} if shape == "box" else {}),
        }
    return options


def spacing_for(n_nodes: int) -> float:
    """Room per node: small graphs leave space for every label, big ones fit the view."""
    return layout.SPACING if n_nodes > BIG else 1.6 * layout.SPACING


def _sizes(g: nx.MultiDiGraph, size_by: str) -> dict[str, float]:
    if size_by not in SIZE_METRICS:
        raise SettingsError(
            f"unknown metric {size_by!r} for --size-by (choose from {', '.join(SIZE_METRICS)})"
        )
    if size_by == "degree":
        # metrics.centrality's definition (distinct neighbours among people and
        # organisations), in one pass, without computing the slower metrics.
        kinds, types = set(metrics.node_kinds()), set(metrics.edge_types())
        neighbours = {v: set() for v, k in g.nodes(data="kind") if k in kinds}
        for u, v, t in g.edges(data="type"):
            if u != v and t in types and u in neighbours and v in neighbours:
                neighbours[u].add(v)
                neighbours[v].add(u)
        return {v: float(len(ns)) for v, ns in neighbours.items()}
    return {r.id: r.values[size_by] for r in metrics.centrality(g)}


def _month(iso: str) -> str:
    return iso[:7]


def page_data(
    g: nx.MultiDiGraph,
    *,
    title: str | None = None,
    size_by: str = "degree",
    positions: dict[str, tuple[float, float]] | None = None,
    view: str = "graph",
    seed: int = 0,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-able data (one pass over nodes and edges)."""
    say = progress or (lambda _: None)
    n = g.number_of_nodes()
    if positions is None:
        say(f"layout of {n} nodes")
        positions = layout.positions(g, seed, spacing_for(n))
    say(f"node sizes by {size_by}")
    values = _sizes(g, size_by)
    say("nodes and relationships")
    index, nodes, node_info, kind_counts = _node_records(g, positions, values)
    edges, edge_info, type_counts, all_days = _edge_records(g, index)
    say("moves")
    moves, role_changes = _careers(g, careers.ensure(g), index)
    sources = {
        sid: {k: s.get(k) or "" for k in ("title", "publisher", "published", "url")}
        for sid, s in (g.graph.get("sources") or {}).items()
    }
    first, last = (min(all_days), max(all_days)) if all_days else ("", "")
    return {
        "title": title or graph_mod.title(g),
        "subtitle": _subtitle(g, sources, first, last, kind_counts),
        "dataset": os.path.basename(
            str(g.graph.get("directory") or g.graph.get("name") or "graph").rstrip("/\\")
        ),
        "view": view,
        "big": n > BIG,
        "sizeBy": size_by,
        "span": [first, last],
        **_legend(kind_counts, type_counts),
        "nodes": nodes,
        "nodeInfo": node_info,
        "edges": edges,
        "edgeInfo": edge_info,
        "moves": moves,
        "roleChanges": role_changes,
        "sources": sources,
        "options": vis_options(n, seed),
    }


def _node_records(
    g: nx.MultiDiGraph, positions: dict[str, tuple[float, float]], values: dict[str, float]
) -> tuple[dict[str, int], list[list[Any]], list[dict[str, Any]], dict[str, int]]:
    """Per node: [id, name, name_en, kind index, x, y, size] and its panel details."""
    kind_index = {k: i for i, k in enumerate(vocab.load().nodes)}
    kind_counts = dict.fromkeys(kind_index, 0)
    vmax = max(values.values(), default=0.0) or 1.0
    lo, hi = (0.25 * layout.SPACING, 0.9 * layout.SPACING) if g.number_of_nodes() > BIG else (8.0, 22.0)
    index: dict[str, int] = {}
    nodes: list[list[Any]] = []
    node_info: list[dict[str, Any]] = []
    for i, (v, d) in enumerate(g.nodes(data=True)):
        index[v] = i
        x, y = positions[v]
        value = values.get(v)
        # Groups and events are not in the centrality graph: a fixed middle size.
        size = (lo + hi) / 2 if value is None else lo + (hi - lo) * (value / vmax) ** 0.5
        nodes.append(
            [
                str(v),
                d.get("name") or str(v),
                d.get("name_en", ""),
                kind_index[d["kind"]],
                x,
                y,
                round(size, 1),
            ]
        )
        kind_counts[d["kind"]] += 1
        info: dict[str, Any] = {"m": round(value or 0.0, 4)}
        for key in ("aliases", "note", "category", "event_type", "merged_ids"):
            if d.get(key):
                info[key] = d[key]
        if d.get("unnamed"):
            info["unnamed"] = True
        if d.get("date"):
            info["date"] = d["date"]
            info["date_en"], info["date_zh"] = _human(d["date"])
        node_info.append(info)
    return index, nodes, node_info, kind_counts


def _edge_records(
    g: nx.MultiDiGraph, index: dict[str, int]
) -> tuple[list[list[Any]], list[dict[str, Any]], dict[str, int], list[str]]:
    """Per relationship: [from, to, type index, fact span, dated, stint start] and its details."""
    type_index = {t: i for i, t in enumerate(vocab.load().relationships)}
    type_counts = dict.fromkeys(type_index, 0)
    edges: list[list[Any]] = []
    edge_info: list[dict[str, Any]] = []
    all_days: list[str] = []
    disputes: dict[str, list[dict[str, Any]]] = {}
    for dis in g.graph.get("disagreements") or []:
        disputes.setdefault(dis["key"], []).append(
            {"field": dis["field"], "values": [[a["value"], list(a["sources"])] for a in dis["values"]]}
        )
    for u, v, k, d in g.edges(keys=True, data=True):
        type_counts[d["type"]] += 1
        # The fact's span as graphkit.graph.careers dated it (the page applies no date rule of its
        # own), and for a fact that is an ending, the first day its stint can have begun
        # ("" = unknown): before its end the page shows it as still going on.
        edges.append(
            [
                index[u],
                index[v],
                type_index[d["type"]],
                d.get("when_earliest", ""),
                d.get("when_latest", ""),
                1 if d.get("when") else 0,
                d.get("start_earliest", "") if d.get("end") else None,
            ]
        )
        info = {k: d[k] for k in ("role", "role_en", "status", "evidence", "note") if d.get(k)}
        if d.get("sources"):
            info["sources"] = list(d["sources"])
        if len(d.get("quotes") or ()) > 1:  # one fact, several sources: each one's own quote
            info["quotes"] = [[q, s.split(";")] for q, s in zip(d["quotes"], d["quote_sources"], strict=True)]
        if k in disputes:
            info["disputed"] = disputes[k]
        for prefix in ("start", "end"):
            if d.get(prefix):
                info[prefix] = d[prefix]
                info[prefix + "_en"], info[prefix + "_zh"] = _human(d[prefix])
                all_days.extend(x for x in (d[prefix + "_earliest"], d[prefix + "_latest"]) if x)
        edge_info.append(info)
    return edges, edge_info, type_counts, all_days


def _subtitle(
    g: nx.MultiDiGraph, sources: dict[str, dict[str, str]], first: str, last: str, kind_counts: dict[str, int]
) -> str:
    """Publishers · the span of the dates · counts."""
    span_en = span_zh = ""
    if first:
        a, b = _human(_month(first)), _human(_month(last))
        span_en, span_zh = f"{a[0]} – {b[0]}", f"{a[1]} – {b[1]}"
    publishers = sorted({s["publisher"] for s in sources.values() if s["publisher"]})
    n_people = sum(kind_counts.get(k, 0) for k in vocab.load().group("people"))
    parts = (
        "、".join(publishers),
        span_zh and f"{span_zh} ({span_en})",
        f"{plural(g.number_of_nodes(), 'node')} ({plural(n_people, 'person', 'people')})",
        plural(g.number_of_edges(), "relationship"),
    )
    return " · ".join(p for p in parts if p)


def _legend(kind_counts: dict[str, int], type_counts: dict[str, int]) -> dict[str, Any]:
    """The legend: every kind and type of the vocabulary, with its colour and count."""
    voc = vocab.load()
    return {
        "kinds": [
            {"name": k, "label_zh": n.label_zh, "colour": n.colour, "count": kind_counts[k]}
            for k, n in voc.nodes.items()
        ],
        "types": [
            {
                "name": t,
                "label_zh": r.label_zh,
                "colour": r.colour,
                "dashes": r.dashes,
                "meaning": r.meaning,
                "count": type_counts[t],
            }
            for t, r in voc.relationships.items()
        ],
    }


#: Move flags, as the page reads them (bits of ``moves[i][10]``).
BOOMERANG, AMBIGUOUS, ARRIVAL = 1, 2, 4


def _careers(g: nx.MultiDiGraph, c: careers.Careers, index: dict[str, int]) -> tuple[list[Any], list[Any]]:
    """The moves and role changes of the people on the page, derived once by graphkit.graph.careers.

    A move: [person index, from id, from name, to id, to name, how, earliest, latest,
    when (en), when (zh), flags, candidate names, role]; a role change: [person index,
    org name, from role, to role, when (en), when (zh)]."""

    def name(v: str | None) -> str:
        return "" if v is None else str(g.nodes[v].get("name", v)) if v in g else str(v)

    moves = []
    for m in c.moves:
        if m.person not in index:
            continue
        en, zh = _human(m.when)
        flags = BOOMERANG * m.boomerang | AMBIGUOUS * m.ambiguous | ARRIVAL * (m.origin is None)
        moves.append(
            [
                index[m.person],
                m.origin or "",
                name(m.origin),
                m.destination or "",
                name(m.destination),
                m.how,
                m.earliest,
                m.latest,
                en,
                zh,
                flags,
                [name(x) for x in m.candidates],
                m.role,
            ]
        )
    changes = [
        [index[r.person], name(r.org), r.from_role, r.to_role, *_human(r.end)]
        for r in c.role_changes
        if r.person in index
    ]
    return moves, changes
