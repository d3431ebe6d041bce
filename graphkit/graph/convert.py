"""The one conversion: a validated dataset -> ``networkx.MultiDiGraph``.

Every consumer (metrics, reports, HTML, exports) reads this graph. Node
attribute ``kind`` holds the node kind and edge attribute ``type`` the
relationship type. Dates keep their EDTF text, with derived
``*_earliest``/``*_latest`` ISO days (empty when open or unknown).
Sources and claims ride on ``graph.graph``, and so do the careers derived
from the relationships (:mod:`graphkit.graph.careers`): moves, role changes, and
each relationship's fact date as edge attributes ``when``/``when_earliest``/
``when_latest``.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphkit.graph import careers
from graphkit.schema import dates
from graphkit.schema.model import Dataset, Node, Relationship


def _date_attrs(prefix: str, text: str | None) -> dict[str, str]:
    if not text:
        return {prefix: "", f"{prefix}_earliest": "", f"{prefix}_latest": ""}
    d = dates.parse(text)
    return {
        prefix: d.text,
        f"{prefix}_earliest": d.earliest.isoformat() if d.earliest else "",
        f"{prefix}_latest": d.latest.isoformat() if d.latest else "",
    }


def node_attrs(node: Node) -> dict[str, Any]:
    attrs: dict[str, Any] = {
        "kind": node.kind,
        "name": node.name,
        "name_en": node.name_en or "",
        "aliases": list(node.aliases),
        "unnamed": node.unnamed,
        "category": node.category or "",
        "sources": list(node.sources),
        "note": node.note or "",
        "merged_ids": list(node.merged_ids),
    }
    if node.kind == "Event":
        attrs["event_type"] = node.event_type or ""
        attrs.update(_date_attrs("date", node.date))
    return attrs


def edge_attrs(rel: Relationship) -> dict[str, Any]:
    return {
        "type": rel.type,
        "role": rel.role or "",
        "role_en": rel.role_en or "",
        "role_category": list(rel.role_category),
        **_date_attrs("start", rel.start),
        **_date_attrs("end", rel.end),
        "status": rel.status,
        "sources": list(rel.sources),
        "evidence": rel.evidence,
        "note": rel.note or "",
        # every source's own quote (parallel lists: Neo4j properties cannot hold maps)
        "quotes": [q.evidence for q in rel.quotes] or [rel.evidence],
        "quote_sources": [";".join(q.sources) for q in rel.quotes] or [";".join(rel.sources)],
        "quote_folders": [q.folder for q in rel.quotes],
        "disputed": list(rel.disputed),
    }


def to_graph(dataset: Dataset) -> nx.MultiDiGraph:
    """Build the talent graph. Edge keys are the relationships' stable keys. An edge's
    ``disagreements`` lists, in words, what each source says about its disputed fields."""
    said: dict[str, list[str]] = {}
    for d in dataset.disagreements:
        said.setdefault(d.key, []).append(d.describe())
    g = nx.MultiDiGraph()
    g.graph["name"] = "graphkit"
    g.graph["directory"] = dataset.directory
    g.graph["sources"] = {sid: s.model_dump(exclude={"file", "line"}) for sid, s in dataset.sources.items()}
    g.graph["claims"] = [c.model_dump(exclude={"file", "line"}) for c in dataset.claims]
    g.graph["folders"] = list(dataset.folders)
    g.graph["folders_of"] = dataset.folders_of
    g.graph["disagreements"] = [d.model_dump() for d in dataset.disagreements]
    for node in dataset.nodes.values():
        g.add_node(node.id, **node_attrs(node))
    for rel in dataset.relationships:
        g.add_edge(
            rel.source, rel.target, key=rel.key, **edge_attrs(rel), disagreements=said.get(rel.key, [])
        )
    careers.ensure(g)  # moves, role changes and each fact's date, derived once
    return g


def counts(g: nx.MultiDiGraph) -> dict[str, int]:
    """Node counts per kind and edge counts per type."""
    out: dict[str, int] = {}
    for _, kind in g.nodes(data="kind"):
        out[kind] = out.get(kind, 0) + 1
    for _, _, etype in g.edges(data="type"):
        out[etype] = out.get(etype, 0) + 1
    return out


def title(g: nx.MultiDiGraph) -> str:
    """A title from the sources: the first one's title (by publication date), with how many
    more there are; ``graphkit: DIR`` when the data cites no source."""
    sources = sorted(
        (s for s in (g.graph.get("sources") or {}).values() if s.get("title")),
        key=lambda s: (str(s.get("published") or ""), str(s.get("id") or "")),
    )
    if not sources:
        name = str(g.graph.get("directory") or g.graph.get("name") or "graph").rstrip("/\\")
        return f"graphkit: {name.replace(chr(92), '/').rsplit('/', 1)[-1]}"
    more = len(sources) - 1
    return sources[0]["title"] + (f" (+{more} more source{'s' if more > 1 else ''})" if more else "")
