"""The graphs that are measured, as engine-neutral views (see :mod:`graphkit.metrics`)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from graphkit.schema import vocab
from graphkit.schema.errors import SettingsError

GRAPHS = ("person_org", "talent_flow")


def node_kinds() -> tuple[str, ...]:
    """The node kinds of the person-organisation graph (vocabulary group ``centrality_kinds``)."""
    return vocab.load().group("centrality_kinds")


def edge_types() -> tuple[str, ...]:
    """Its relationship types (vocabulary group ``centrality_types``)."""
    return vocab.load().group("centrality_types")


def flow_undirected(d: nx.DiGraph) -> nx.Graph:
    """The flow graph without direction; ``moves`` summed over both directions."""
    s = nx.Graph()
    s.add_nodes_from(d.nodes(data=True))
    for u, v, a in d.edges(data=True):
        if s.has_edge(u, v):
            s[u][v]["moves"] += a["moves"]
        else:
            s.add_edge(u, v, moves=a["moves"])
    return s


@dataclass
class View:
    """An engine-neutral graph to measure: node ids, edges as index pairs, optional weights.

    Undirected views hold each connected pair once. For a directed view,
    ``weights`` are the moves per edge (distance = 1/moves).

    The views the report builds for itself (:func:`person_org_arrays`) hold numpy
    arrays instead of lists (``edges`` of shape (m, 2), the degrees), and the node
    kinds; :meth:`listed` gives the list form that every engine accepts.
    """

    nodes: list[Any]
    edges: list[tuple[int, int]]
    directed: bool = False
    weights: list[float] | None = None
    in_degree: list[float] = field(default_factory=list)
    out_degree: list[float] = field(default_factory=list)
    kinds: list[str] | None = None
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def edge_array(self) -> np.ndarray:
        """The edges as an (m, 2) int64 array."""
        if isinstance(self.edges, np.ndarray):
            return self.edges
        return np.asarray(self.edges, dtype=np.int64).reshape(-1, 2)

    def listed(self) -> View:
        """This view with lists of Python numbers (what a plugged-in engine may expect)."""
        if not isinstance(self.edges, np.ndarray) and not isinstance(self.in_degree, np.ndarray):
            return self
        e = self.edge_array()
        return View(
            self.nodes,
            list(zip(e[:, 0].tolist(), e[:, 1].tolist(), strict=True)),
            self.directed,
            None if self.weights is None else [float(w) for w in self.weights],
            np.asarray(self.in_degree, dtype=float).tolist(),
            np.asarray(self.out_degree, dtype=float).tolist(),
            self.kinds,
        )

    def to_networkx(self) -> nx.Graph:
        s: nx.Graph = nx.DiGraph() if self.directed else nx.Graph()
        s.add_nodes_from(self.nodes)
        nodes = self.nodes
        edges = self.listed().edges
        if self.weights is None:
            s.add_edges_from((nodes[a], nodes[b]) for a, b in edges)
        else:
            s.add_edges_from(
                (nodes[a], nodes[b], {"moves": w, "distance": 1.0 / w})
                for (a, b), w in zip(edges, self.weights, strict=True)
            )
        return s


def simple_pairs(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """The distinct unordered pairs of the edges a[i] - b[i] (no self-loops), as an
    (m, 2) array of (low, high) rows in sorted order: ``sorted({(min, max)})``."""
    keep = a != b
    lo = np.minimum(a, b)[keep]
    hi = np.maximum(a, b)[keep]
    keys = np.unique(lo * np.int64(n) + hi)
    return np.column_stack((keys // n, keys % n)) if n else np.zeros((0, 2), dtype=np.int64)


class EdgeTable:
    """A directed multigraph's relationships as columns, read in one pass over its
    adjacency dicts, in the order of ``g.edges(keys=True, data=True)``.

    A million-node graph is a few million small dicts scattered over gigabytes:
    walking them costs a cache miss or more per relationship whatever is read, so the
    report reads each once, here, and then filters the columns with numpy.

    ``nodes``: the nodes in ``g``'s order; ``kind[i]``: a code of node i's ``kind``
    (``kinds[code]``); ``src``/``dst``: each relationship's ends (node positions);
    ``type``: a code of its ``type`` (``types[code]``); ``when``: a code of its
    ``when`` (``whens[code]``; -1 when it has none); ``quoted``: ``(u, v, key, data)``
    of the relationships with two quotes or more.
    """

    def __init__(self, g: nx.MultiDiGraph):
        self.nodes: list[Any] = list(g)
        kind_code: dict[Any, int] = {}
        self.kind = np.fromiter(
            (kind_code.setdefault(k, len(kind_code)) for _, k in g.nodes(data="kind")),
            dtype=np.int64,
            count=len(self.nodes),
        )
        self.kinds: list[Any] = list(kind_code)
        position = {v: i for i, v in enumerate(self.nodes)}
        type_code: dict[Any, int] = {}
        when_code: dict[Any, int] = {}
        src, dst, typ, when = array("q"), array("q"), array("q"), array("q")
        self.quoted: list[tuple[Any, Any, Any, dict[str, Any]]] = []
        for iu, (u, nbrs) in enumerate(_keyed_adjacency(g)):
            for v, keydict in nbrs.items():
                iv = position[v]
                for k, d in keydict.items():
                    t = d.get("type")
                    c = type_code.get(t)
                    if c is None:
                        c = type_code[t] = len(type_code)
                    w = d.get("when")
                    if w:
                        cw = when_code.get(w)
                        if cw is None:
                            cw = when_code[w] = len(when_code)
                    else:
                        cw = -1
                    src.append(iu)
                    dst.append(iv)
                    typ.append(c)
                    when.append(cw)
                    if len(d.get("quotes") or ()) >= 2:
                        self.quoted.append((u, v, k, d))
        del position
        self.types: list[Any] = list(type_code)
        self.whens: list[Any] = list(when_code)
        self.src, self.dst, self.type, self.when = (_int64(x) for x in (src, dst, typ, when))

    def kind_in(self, kinds: set[Any] | tuple[Any, ...]) -> np.ndarray:
        """Per node: is its kind one of these."""
        return np.isin(self.kind, [c for c, k in enumerate(self.kinds) if k in kinds])

    def type_in(self, types: set[Any] | tuple[Any, ...]) -> np.ndarray:
        """Per relationship: is its type one of these."""
        return np.isin(self.type, [c for c, t in enumerate(self.types) if t in types])


def _keyed_adjacency(g: nx.Graph) -> Iterator[tuple[Any, dict[Any, dict[Any, dict[str, Any]]]]]:
    """Every node in order with its out-edges as {v: {key: data}}, as g.edges(keys=True,
    data=True) gives them: a MultiDiGraph's own adjacency dicts, rebuilt for any other graph."""
    if isinstance(g, nx.MultiDiGraph):
        yield from g._adj.items()
        return
    out: dict[Any, dict[Any, dict[Any, dict[str, Any]]]] = {v: {} for v in g}
    edges = (
        g.edges(keys=True, data=True)
        if g.is_multigraph()
        else ((u, v, 0, d) for u, v, d in g.edges(data=True))
    )
    for u, v, k, d in edges:
        out[u].setdefault(v, {})[k] = d
    yield from out.items()


def _int64(a: array) -> np.ndarray:
    return np.frombuffer(a, dtype=np.int64) if len(a) else np.zeros(0, dtype=np.int64)


def person_org_arrays(g: nx.MultiDiGraph, table: EdgeTable | None = None) -> View:
    """:func:`person_org_view` with numpy arrays (edges, degrees) and the node kinds
    (``table``: the :class:`EdgeTable` of ``g``, when the caller has it)."""
    t = EdgeTable(g) if table is None else table
    wanted = t.kind_in(set(node_kinds()))
    chosen = np.flatnonzero(wanted)
    nodes = [t.nodes[i] for i in chosen.tolist()]
    kinds = [t.kinds[c] for c in t.kind[chosen].tolist()]
    local = np.full(len(t.nodes), -1, dtype=np.int64)
    local[chosen] = np.arange(len(chosen))
    keep = t.type_in(set(edge_types())) & wanted[t.src] & wanted[t.dst]
    a, b = local[t.src[keep]], local[t.dst[keep]]
    n = len(nodes)
    outs = np.bincount(a, minlength=n).astype(float)
    ins = np.bincount(b, minlength=n).astype(float)
    return View(nodes, simple_pairs(a, b, n), False, None, ins, outs, kinds)  # type: ignore[arg-type]


def person_org_view(g: nx.MultiDiGraph) -> View:
    """The person-organisation graph: undirected simple edges plus directed in/out degrees."""
    return person_org_arrays(g).listed()


def talent_flow_view(g: nx.MultiDiGraph, moves: list[Any] | None = None) -> View:
    """The organisation-to-organisation talent-flow graph, weighted by moves.

    The same view as one read off :func:`graphkit.graph.flows.talent_flow_graph` (its
    nodes, and its edges in the order a networkx DiGraph gives them), built without it."""
    from graphkit.graph import flows

    ms = flows.moves(g) if moves is None else moves
    index: dict[Any, int] = {}
    for m in ms:
        for org in (m.origin, m.destination):
            if org is not None and org not in index:
                index[org] = len(index)
    succ: dict[int, dict[int, int]] = {}
    for m in ms:
        if m.origin is not None and m.destination is not None and m.origin != m.destination:
            row = succ.setdefault(index[m.origin], {})
            b = index[m.destination]
            row[b] = row.get(b, 0) + 1
    n = len(index)
    edges: list[tuple[int, int]] = []
    weights: list[float] = []
    ins = [0] * n
    outs = [0] * n
    for a in range(n):
        for b, w in succ.get(a, {}).items():
            edges.append((a, b))
            weights.append(float(w))
            outs[a] += w
            ins[b] += w
    return View(list(index), edges, True, weights, [float(x) for x in ins], [float(x) for x in outs])


def flow_undirected_edges(v: View) -> tuple[list[tuple[int, int]], list[float]]:
    """The edges and weights of ``flow_undirected(v.to_networkx())``, in the order networkx
    gives them, without building either graph."""
    n = len(v.nodes)
    succ: list[dict[int, float]] = [{} for _ in range(n)]  # the DiGraph: its edge order, last weight
    for (a, b), w in zip(v.listed().edges, v.weights or [], strict=True):
        succ[a][b] = w
    adj: list[dict[int, list[float]]] = [{} for _ in range(n)]
    for a in range(n):
        for b, w in succ[a].items():
            cell = adj[a].get(b)
            if cell is None:
                cell = [w]
                adj[a][b] = cell
                adj[b][a] = cell
            else:
                cell[0] += w
    edges: list[tuple[int, int]] = []
    weights: list[float] = []
    seen: set[int] = set()
    for a in range(n):
        for b, cell in adj[a].items():
            if b not in seen:
                edges.append((a, b))
                weights.append(float(cell[0]))
        seen.add(a)
    return edges, weights


def view_of(g: nx.MultiDiGraph, graph: str = "person_org", moves: list[Any] | None = None) -> View:
    if graph == "person_org":
        return person_org_view(g)
    if graph == "talent_flow":
        return talent_flow_view(g, moves)
    raise SettingsError(f"unknown graph {graph!r} (expected one of: {', '.join(GRAPHS)})")
