"""The all-or-nothing loader.

The loader writes exactly the nodes and relationships of the NetworkX graph
(:func:`graphkit.graph.to_graph`), plus a ``Source`` node per source and a
``Claim`` node per claim. Labels and relationship types come only from the
vocabulary; every value is a ``$parameter``.

A load is one managed write transaction (``session.execute_write``): the
driver retries it on transient errors, MERGE makes the retry idempotent, and
Neo4j commits all of it or none of it. Inside that transaction rows are sent
in batches with ``UNWIND $rows``.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graphkit.graph import careers
from graphkit.neo4j.connection import (
    DEFAULT_BATCH,
    AuthFailed,
    LoadFailed,
    Settings,
    UnknownDatabase,
    Unreachable,
    translate,
)
from graphkit.neo4j.queries import cypher_dir
from graphkit.schema import vocab
from graphkit.schema.errors import GraphkitError, SettingsError

_IDENT = re.compile(r"^[A-Z][A-Za-z_]*$")


# ----------------------------------------------------------------- cypher
def id_constraints() -> list[str]:
    """One uniqueness constraint on ``id`` per node label: the vocabulary's kinds, Source and Claim."""
    labels = [*vocab.load().nodes, "Source", "Claim"]
    return [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{_label(label)}) REQUIRE n.id IS UNIQUE"
        for label in labels
    ]


def schema_statements() -> list[str]:
    """The constraints of :func:`id_constraints`, then every statement of schema.cypher (which
    lists the same constraints for the shipped vocabulary, so it can be pasted into Browser)."""
    text = (cypher_dir() / "schema.cypher").read_text("utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
    listed = [s.strip() for s in body.split(";") if s.strip()]
    generated = id_constraints()
    return generated + [s for s in listed if s not in generated]


def apply_schema(driver: Any, database: str | None = None) -> int:
    statements = schema_statements()
    with driver.session(database=database) as session:
        for statement in statements:
            session.run(statement).consume()
    return len(statements)


def _label(name: str) -> str:
    if not _IDENT.match(name):  # the vocabulary is trusted, but never format anything else
        raise ValueError(f"not a label or type: {name!r}")
    return name


# ------------------------------------------------------------------- rows
def _value(v: Any) -> Any:
    if v == "" or v is None or v == []:
        return None
    return v


_DATE_FIELDS = re.compile(r"_(earliest|latest)$")


def _props(d: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in d.items():
        v = _value(v)
        if v is None:
            continue
        if _DATE_FIELDS.search(k):
            v = dt.date.fromisoformat(v)
        out[k] = v
    return out


@dataclass
class Plan:
    """Everything one load writes, grouped by label and by (type, from, to).

    The derived moves (:mod:`graphkit.graph.careers`) ride on the relationships they
    rest on, as ``departure*``/``arrival*`` properties (see :func:`move_props`)."""

    dataset: str
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    @property
    def rows(self) -> int:
        return sum(map(len, self.nodes.values())) + sum(map(len, self.rels.values()))


def plan(g: nx.MultiDiGraph, dataset: str, *, write_moves: bool = True) -> Plan:
    """Turn the graph into parameter rows (no Cypher, no I/O); without the derived moves
    when ``write_moves`` is False."""
    from graphkit.schema import dates

    p = Plan(dataset=dataset)
    stamp = {"graphkit_dataset": dataset}
    for sid, s in g.graph.get("sources", {}).items():
        p.nodes["Source"].append({"id": sid, "props": {**_props(s), **stamp}})
    for c in g.graph.get("claims", []):
        extra = {}
        if c.get("period"):
            fd = dates.parse(c["period"])
            extra = {"period_earliest": fd.earliest, "period_latest": fd.latest}
        props = {**_props({k: v for k, v in c.items()}), **extra, **stamp}
        p.nodes["Claim"].append({"id": c["id"], "props": props})
    for n, d in g.nodes(data=True):
        props = _props({k: v for k, v in d.items() if k != "kind"})
        props.update(id=n, **stamp)
        p.nodes[d["kind"]].append({"id": n, "props": props})
    kinds = dict(g.nodes(data="kind"))
    for u, v, k, d in g.edges(keys=True, data=True):
        props = _props({a: b for a, b in d.items() if a != "type"})
        props.update(graphkit_key=k, **stamp)
        p.rels[(d["type"], kinds[u], kinds[v])].append({"from": u, "to": v, "key": k, "props": props})
    if write_moves:
        _move_props(g, {r["key"]: r["props"] for rows in p.rels.values() for r in rows})
    return p


def move_props(m: careers.Move, names: dict[str, str]) -> dict[str, Any]:
    """The properties a move puts on the relationship it rests on (see :func:`_move_props`)."""
    if m.origin is not None:
        return _props(
            {
                "departure": m.how,
                "departure_key": m.key,
                "departure_to": m.destination,
                "departure_to_name": names.get(m.destination or "", ""),
                "departure_when": m.when,
                "departure_when_earliest": m.earliest,
                "departure_when_latest": m.latest,
                "departure_candidates": list(m.candidates),
                "departure_candidate_names": [names.get(c, c) for c in m.candidates],
                "departure_boomerang": m.boomerang,
                "departure_role": m.role,
                "departure_role_category": list(m.role_category),
                "departure_arrived_earliest": _iso_span(m.arrived)[0] if m.destination else "",
                "departure_arrived_latest": _iso_span(m.arrived)[1] if m.destination else "",
            }
        )
    return _props(
        {
            "arrival": m.how,
            "arrival_key": m.key,
            "arrival_when": m.when,
            "arrival_when_earliest": m.earliest,
            "arrival_when_latest": m.latest,
            "arrival_candidates": list(m.candidates),
            "arrival_candidate_names": [names.get(c, c) for c in m.candidates],
            "arrival_boomerang": m.boomerang,
        }
    )


def _move_props(g: nx.MultiDiGraph, rel_props: dict[str, dict[str, Any]]) -> None:
    """Write each derived move onto the relationship it rests on: a departure onto the
    (first) relationship that ended the tenure, an arrival onto the one that began it.
    Properties only, no extra node or relationship: the moves cost the load almost nothing."""
    names = {n: str(d.get("name", n)) for n, d in g.nodes(data=True)}
    for m in careers.ensure(g).moves:
        rel_props[m.facts[0]].update(move_props(m, names))


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def node_query(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:{_label(label)} {{id: row.id}}) SET n = row.props"


def rel_query(rtype: str, a: str, b: str) -> str:
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{_label(a)} {{id: row.from}}) MATCH (b:{_label(b)} {{id: row.to}}) "
        f"MERGE (a)-[r:{_label(rtype)} {{graphkit_key: row.key}}]->(b) SET r = row.props"
    )


def _iso_span(text: str) -> tuple[str, str]:
    if not text:
        return "", ""
    lo, hi = careers.span(text)
    return careers.iso_day(lo), careers.iso_day(hi)


@dataclass(frozen=True)
class LoadResult:
    dataset: str
    rows: int
    seconds: float
    nodes_created: int
    relationships_created: int
    properties_set: int
    pruned_nodes: int = 0
    pruned_relationships: int = 0
    kept_nodes: int = 0

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else float("inf")


def _prune(tx: Any, p: Plan) -> tuple[int, int, int]:
    """Delete what graphkit loaded for this dataset earlier and the data no longer has."""
    voc = vocab.load()
    rel_keys = [r["key"] for rows in p.rels.values() for r in rows]
    gone_rels = 0
    for rtype in voc.relationships:
        res = tx.run(
            f"MATCH ()-[r:{_label(rtype)}]->() WHERE r.graphkit_dataset = $ds "
            "AND NOT r.graphkit_key IN $keys DELETE r RETURN count(*) AS n",
            ds=p.dataset,
            keys=rel_keys,
        ).single()
        gone_rels += res["n"]
    gone_nodes = kept = 0
    for label in [*voc.nodes, "Source", "Claim"]:
        ids = [r["id"] for r in p.nodes.get(label, [])]
        res = tx.run(
            f"MATCH (n:{_label(label)}) WHERE n.graphkit_dataset = $ds AND NOT n.id IN $ids "
            "WITH n, EXISTS { (n)--() } AS used "
            "FOREACH (_ IN CASE WHEN used THEN [] ELSE [1] END | DELETE n) "
            "RETURN count(CASE WHEN used THEN null ELSE 1 END) AS deleted, "
            "count(CASE WHEN used THEN 1 END) AS kept",
            ds=p.dataset,
            ids=ids,
        ).single()
        gone_nodes += res["deleted"]
        kept += res["kept"]
    return gone_nodes, gone_rels, kept


@dataclass
class _Load:
    """One load's transaction function: managed transactions may run it again on a
    transient error, so it starts its counts afresh each time."""

    plan: Plan
    batch_size: int
    prune: bool
    progress: Callable[[int], None] | None
    counters: dict[str, int] = field(default_factory=dict)
    pruned: tuple[int, int, int] = (0, 0, 0)

    def __call__(self, tx: Any) -> None:
        self.counters = {"nodes": 0, "rels": 0, "props": 0}
        for label, rows in self.plan.nodes.items():
            self._write_all(tx, node_query(label), rows)
        for (rtype, a, b), rows in self.plan.rels.items():
            self._write_all(tx, rel_query(rtype, a, b), rows)
        if self.prune:
            self.pruned = _prune(tx, self.plan)

    def _write_all(self, tx: Any, query: str, rows: list[dict[str, Any]]) -> None:
        for batch in _batches(rows, self.batch_size):
            c = tx.run(query, rows=batch).consume().counters
            self.counters["nodes"] += c.nodes_created
            self.counters["rels"] += c.relationships_created
            self.counters["props"] += c.properties_set
            if self.progress:
                self.progress(len(batch))


def load_graph(
    driver: Any,
    g: nx.MultiDiGraph,
    dataset: str,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH,
    prune: bool = False,
    progress: Callable[[int], None] | None = None,
    settings: Settings | None = None,
    *,
    write_moves: bool = True,
) -> LoadResult:
    """Write ``g`` into Neo4j in one transaction (all or nothing).

    ``write_moves=False`` leaves out the derived moves' properties (for bench-load)."""
    if batch_size < 1:
        raise SettingsError("--batch-size must be at least 1")
    load = _Load(plan(g, dataset, write_moves=write_moves), batch_size, prune, progress)
    settings = settings or Settings()
    apply_schema(driver, database)
    t0 = time.perf_counter()
    try:
        with driver.session(database=database) as session:
            session.execute_write(load)
    except GraphkitError:
        raise
    except Exception as exc:
        err = translate(exc, settings)
        if isinstance(err, (Unreachable, AuthFailed, UnknownDatabase)):
            raise type(err)(f"{err}; the load was rolled back, Neo4j is as it was before") from None
        raise LoadFailed(f"load failed and was rolled back, Neo4j is as it was before: {err}") from None
    return LoadResult(
        dataset=dataset,
        rows=load.plan.rows,
        seconds=time.perf_counter() - t0,
        nodes_created=load.counters["nodes"],
        relationships_created=load.counters["rels"],
        properties_set=load.counters["props"],
        pruned_nodes=load.pruned[0],
        pruned_relationships=load.pruned[1],
        kept_nodes=load.pruned[2],
    )


def count_rows(g: nx.MultiDiGraph) -> int:
    return plan(g, "").rows


def graph_counts(driver: Any, database: str | None = None, dataset: str | None = None) -> dict[str, int]:
    """Node counts per label and relationship counts per type loaded by graphkit."""
    out: dict[str, int] = {}
    voc = vocab.load()
    with driver.session(database=database) as session:
        for label in [*voc.nodes, "Source", "Claim"]:
            n = session.run(
                f"MATCH (n:{_label(label)}) WHERE $ds IS NULL OR n.graphkit_dataset = $ds RETURN count(n) AS n",
                ds=dataset,
            ).single()["n"]
            if n:
                out[label] = n
        for rtype in voc.relationships:
            n = session.run(
                f"MATCH ()-[r:{_label(rtype)}]->() WHERE $ds IS NULL OR r.graphkit_dataset = $ds "
                "RETURN count(r) AS n",
                ds=dataset,
            ).single()["n"]
            if n:
                out[rtype] = n
    return out
