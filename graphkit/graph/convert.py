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

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

import networkx as nx

from graphkit.graph import careers
from graphkit.schema import dates
from graphkit.schema.collect import drained, young_collections_only
from graphkit.schema.model import Dataset, Node, Relationship


@lru_cache(maxsize=4096)
def _days(text: str | None) -> tuple[str, str, str]:
    """A date's EDTF text and its earliest and latest ISO days ("" when open or no date)."""
    if not text:
        return "", "", ""
    d = dates.parse(text)
    return d.text, d.earliest.isoformat() if d.earliest else "", d.latest.isoformat() if d.latest else ""


def _date_attrs(prefix: str, text: str | None) -> dict[str, str]:
    t, earliest, latest = _days(text)
    return {prefix: t, f"{prefix}_earliest": earliest, f"{prefix}_latest": latest}


class _NodeAttrs:
    """Lends its ``__dict__`` (see :class:`_EdgeAttrs`)."""


class _EdgeAttrs:
    """Lends its ``__dict__``: an edge's attributes as a plain ``dict`` whose keys every
    other edge's dict shares (CPython's key-sharing dicts, kept while the keys go in in the
    same order): 288 bytes for the 22 attributes, where a dict of its own takes 832. At a
    million relationships that is 540 MB less. A dict that gets another key, loses one
    or is copied becomes an ordinary dict, equal as before."""


def node_attrs(node: Node) -> dict[str, Any]:
    attrs: dict[str, Any] = _NodeAttrs().__dict__
    attrs["kind"] = node.kind
    attrs["name"] = node.name
    attrs["name_en"] = node.name_en or ""
    attrs["aliases"] = list(node.aliases)
    attrs["unnamed"] = node.unnamed
    attrs["category"] = node.category or ""
    attrs["sources"] = list(node.sources)
    attrs["note"] = node.note or ""
    attrs["merged_ids"] = list(node.merged_ids)
    if node.kind == "Event":
        attrs["event_type"] = node.event_type or ""
        for k, v in _date_attrs("date", node.date).items():
            attrs[k] = v
    return attrs


def edge_attrs(rel: Relationship) -> dict[str, Any]:
    """The attributes of a relationship's edge (``disagreements`` and the fact date
    ``when*`` are added by :func:`to_graph`, in that order)."""
    start, start_earliest, start_latest = _days(rel.start)
    end, end_earliest, end_latest = _days(rel.end)
    d: dict[str, Any] = _EdgeAttrs().__dict__  # item by item: an update() would unshare the keys
    d["type"] = rel.type
    d["role"] = rel.role or ""
    d["role_en"] = rel.role_en or ""
    d["role_category"] = list(rel.role_category)
    d["start"] = start
    d["start_earliest"] = start_earliest
    d["start_latest"] = start_latest
    d["end"] = end
    d["end_earliest"] = end_earliest
    d["end_latest"] = end_latest
    d["status"] = rel.status
    d["sources"] = list(rel.sources)
    d["evidence"] = rel.evidence
    d["note"] = rel.note or ""
    # every source's own quote (parallel lists: Neo4j properties cannot hold maps)
    d["quotes"] = [q.evidence for q in rel.quotes] or [rel.evidence]
    d["quote_sources"] = [";".join(q.sources) for q in rel.quotes] or [";".join(rel.sources)]
    d["quote_folders"] = [q.folder for q in rel.quotes]
    d["disputed"] = list(rel.disputed)
    return d


def to_graph(dataset: Dataset, *, consume: bool = False) -> nx.MultiDiGraph:
    """Build the talent graph. Edge keys are the relationships' stable keys. An edge's
    ``disagreements`` lists, in words, what each source says about its disputed fields.

    Equal lists of the values many nodes and edges repeat (:data:`SHARED_NODE_LISTS`,
    :data:`SHARED_EDGE_LISTS`: sources, folders, role categories) are one list object:
    read them, never change them in place (a copy of the graph shares its lists too).
    ``consume`` empties ``dataset.nodes`` and ``dataset.relationships`` as it goes, so
    the records' memory goes to the graph (for a dataset that is not used again)."""
    with young_collections_only():
        return _to_graph(dataset, consume)


#: The list attributes of nodes and of edges whose values repeat across many of them.
SHARED_NODE_LISTS = ("aliases", "sources", "merged_ids")
SHARED_EDGE_LISTS = (
    "role_category",
    "sources",
    "quote_sources",
    "quote_folders",
    "disputed",
    "disagreements",
)


def _sharer(names: tuple[str, ...]) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """``share(attrs)``: ``attrs`` with each of its ``names`` lists replaced by the first
    equal list seen (a million edges citing one source hold one list)."""
    seen: dict[str, dict[tuple[Any, ...], list[Any]]] = {name: {} for name in names}

    def share(attrs: dict[str, Any]) -> dict[str, Any]:
        for name in names:
            value = attrs[name]
            attrs[name] = seen[name].setdefault(tuple(value), value)
        return attrs

    return share


def _nodes(dataset: Dataset, consume: bool) -> Iterator[Node]:
    if not consume:
        yield from dataset.nodes.values()
        return
    nodes = dataset.nodes
    for nid in list(nodes):
        yield nodes.pop(nid)


def _to_graph(dataset: Dataset, consume: bool = False) -> nx.MultiDiGraph:
    share_node, share = _sharer(SHARED_NODE_LISTS), _sharer(SHARED_EDGE_LISTS)
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
    add_node, add_edge = _adders(g)
    for node in _nodes(dataset, consume):
        add_node(node.id, share_node(node_attrs(node)))
    for rel in drained(dataset.relationships) if consume else dataset.relationships:
        key = rel.key
        attrs = edge_attrs(rel)
        attrs["disagreements"] = said.get(key, [])
        share(attrs)
        # careers.ensure writes each fact's date in these places (every edge, before this
        # returns): made now, the dict is made at its final size
        attrs["when"] = attrs["when_earliest"] = attrs["when_latest"] = ""
        add_edge(rel.source, rel.target, key, attrs)
    nx._clear_cache(g)  # (what add_node and add_edge do each time)
    careers.ensure(g)  # moves, role changes and each fact's date, derived once
    return g


def _adders(g: nx.MultiDiGraph) -> tuple[Callable[[Any, dict], None], Callable[[Any, Any, Any, dict], None]]:
    """``add_node(n, attrs)`` and ``add_edge(u, v, key, attrs)``: what ``g.add_node(n, **attrs)``
    and ``g.add_edge(u, v, key=key, **attrs)`` do (the same adjacency, attribute dicts and
    order), without their costs per call (a million edges): the graph keeps ``attrs`` as
    the attribute dict, where networkx would copy it into a new one. (Plain dict factories,
    as the MultiDiGraph of :func:`to_graph` has.)"""
    if not (g.node_attr_dict_factory is g.edge_attr_dict_factory is g.adjlist_inner_dict_factory is dict):
        raise TypeError("_adders: a graph of plain dicts only")
    succ, pred, nodes, key_dict = g._succ, g._pred, g._node, g.edge_key_dict_factory

    def new_node(n: Any, attrs: dict[str, Any]) -> None:
        if n is None:
            raise ValueError("None cannot be a node")
        succ[n], pred[n], nodes[n] = {}, {}, attrs

    def add_node(n: Any, attrs: dict[str, Any]) -> None:
        if n in succ:
            nodes[n].update(attrs)
        else:
            new_node(n, attrs)

    def add_edge(u: Any, v: Any, key: Any, attrs: dict[str, Any]) -> None:
        for n in (u, v):
            if n not in succ:
                new_node(n, {})
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = key_dict()
        if key in keydict:
            keydict[key].update(attrs)
        else:
            keydict[key] = attrs

    return add_node, add_edge


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
