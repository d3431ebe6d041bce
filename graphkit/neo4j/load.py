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
import hashlib
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
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
_DATE_FIELDS = re.compile(r"_(earliest|latest)$")


def _is_day(name: str) -> bool:
    """Whether property ``name`` holds a day (``*_earliest``, ``*_latest``)."""
    return _DATE_FIELDS.search(name) is not None


#: :func:`_is_day` and :meth:`datetime.date.fromisoformat`, cached: a handful of property
#: names, and rows that share a day share one date object.
_is_day_cached = lru_cache(maxsize=1024)(_is_day)
_day_cached = lru_cache(maxsize=100_000)(dt.date.fromisoformat)


def _props(d: dict[str, Any], skip: str | None = None) -> dict[str, Any]:
    """The properties to write: empty values ("", None, []) and the key ``skip`` left out,
    the ``*_earliest`` and ``*_latest`` texts as days."""
    out = {}
    is_day, day = _is_day_cached, _day_cached
    for k, v in d.items():
        if not v and (v == "" or v is None or v == []):  # most values are set: one truth test
            continue
        if k == skip:
            continue
        out[k] = day(v) if is_day(k) else v
    return out


@dataclass
class Plan:
    """Everything one load writes, grouped by label and by (type, from, to).

    The derived moves (:mod:`graphkit.graph.careers`) ride on the relationships they
    rest on, as ``departure*``/``arrival*`` properties (see :func:`move_props`)."""

    dataset: str
    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    folders: list[str] = field(default_factory=list)  # the data folders this load reads
    merged: dict[str, str] = field(default_factory=dict)  # merged id -> the id it merged into
    # Every row's id (by label) and key, also when ``nodes``/``rels`` hold only the rows to
    # write (an incremental load): what --prune keeps.
    ids: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    keys: list[str] = field(default_factory=list)
    total: int = 0  # rows in all, written or not

    @property
    def rows(self) -> int:
        return self.total


HASH = "graphkit_hash"


def content_hash(group: Any, ident: Any, props: dict[str, Any], loaded: Sequence[str] = ()) -> str:
    """The content hash of one row: what a load would write for it (its label or its type and
    ends, its id or key, every property but the hash) and the folders the load reads
    (``loaded``: a write keeps what other folders said, so the same row written by a load
    of other folders has another effect). Equal hashes, equal writes."""
    items = sorted(props.items())  # the keys differ, so no two values are ever compared
    if HASH in props:
        items = [kv for kv in items if kv[0] != HASH]
    canon = _CANON.encode([group, ident, sorted(loaded), items])
    return hashlib.blake2b(canon.encode("utf-8"), digest_size=16).hexdigest()


def _json_value(v: Any) -> Any:
    if isinstance(v, dt.date):
        return {"date": v.isoformat()}
    raise TypeError(f"cannot hash a value of type {type(v).__name__}")


#: ``json.dumps(..., ensure_ascii=False, default=_json_value, separators=(",", ":"))``,
#: the encoder made once rather than per row.
_CANON = json.JSONEncoder(ensure_ascii=False, default=_json_value, separators=(",", ":"))


NodeRow = tuple[str, dict[str, Any]]  # label, row
RelRow = tuple[tuple[str, str, str], dict[str, Any]]  # (type, from label, to label), row


def folders_loaded(g: nx.MultiDiGraph, dataset: str) -> list[str]:
    return list(g.graph.get("folders") or [dataset])


def node_rows(g: nx.MultiDiGraph, dataset: str) -> Iterator[NodeRow]:
    """One row per Source, Claim and graph node, with its content hash."""
    from graphkit.schema import dates

    loaded = folders_loaded(g, dataset)
    stamp = {"graphkit_dataset": dataset}
    folders_of = g.graph.get("folders_of") or {}

    def where(what: str, key: str) -> list[str]:
        return list((folders_of.get(what) or {}).get(key) or loaded)

    def row(label: str, ident: str, f: list[str], props: dict[str, Any]) -> NodeRow:
        props[HASH] = content_hash(label, ident, props, loaded)
        return label, {"id": ident, "folders": f, "props": props}

    for sid, s in g.graph.get("sources", {}).items():
        f = where("source", sid)
        yield row("Source", sid, f, {**_props(s), **stamp, "graphkit_folders": f})
    for c in g.graph.get("claims", []):
        extra = {}
        if c.get("period"):
            fd = dates.parse(c["period"])
            extra = {"period_earliest": fd.earliest, "period_latest": fd.latest}
        f = where("claim", c["id"])
        yield row("Claim", c["id"], f, {**_props(dict(c)), **extra, **stamp, "graphkit_folders": f})
    for n, d in g.nodes(data=True):
        props = _props(d, skip="kind")
        f = where("node", n)
        props.update(id=n, graphkit_folders=f, **stamp)
        yield row(d["kind"], n, f, props)


def rel_rows(g: nx.MultiDiGraph, dataset: str, *, write_moves: bool = True) -> Iterator[RelRow]:
    """One row per graph edge, the derived moves' properties included (unless ``write_moves``
    is False), with its content hash."""
    loaded = folders_loaded(g, dataset)
    stamp = {"graphkit_dataset": dataset}
    moved = _moves_by_fact(g) if write_moves else {}
    names = {n: str(d.get("name", n)) for n, d in g.nodes(data=True)} if moved else {}
    kinds = dict(g.nodes(data="kind"))
    for u, v, k, d in g.edges(keys=True, data=True):
        props = _props(d, skip="type")
        if "quotes" not in d:  # a graph built without graphkit.ingest (synthetic, benchmarks)
            props["quotes"] = [d.get("evidence") or ""]
            props["quote_sources"] = [";".join(d.get("sources") or ())]
            props["quote_folders"] = loaded[:1]
        props.update(graphkit_key=k, **stamp)
        props["graphkit_folders"] = list(dict.fromkeys(props["quote_folders"]))
        for m in moved.get(k, ()):
            props.update(move_props(m, names))
        group = (d["type"], kinds[u], kinds[v])
        props[HASH] = content_hash(group, [u, v, k], props, loaded)
        yield group, {"from": u, "to": v, "key": k, "props": props}


def plan(g: nx.MultiDiGraph, dataset: str, *, write_moves: bool = True) -> Plan:
    """Turn the graph into parameter rows (no Cypher, no I/O); without the derived moves
    when ``write_moves`` is False."""
    return _collect(g, dataset, write_moves=write_moves)


def _collect(
    g: nx.MultiDiGraph,
    dataset: str,
    *,
    write_moves: bool = True,
    held: Callable[[dict[str, Any]], bool] | None = None,
) -> Plan:
    """The plan of ``g``, leaving out the rows Neo4j already holds (``held``), streamed:
    only the rows to write are kept."""
    p = Plan(dataset=dataset, folders=folders_loaded(g, dataset))
    for label, row in node_rows(g, dataset):
        p.total += 1
        p.ids[label].append(row["id"])
        if held is None or not held(row):
            p.nodes[label].append(row)
    for n, d in g.nodes(data=True):
        for old in d.get("merged_ids") or ():
            p.merged[old] = n
    for group, row in rel_rows(g, dataset, write_moves=write_moves):
        p.total += 1
        p.keys.append(row["key"])
        if held is None or not held(row):
            p.rels[group].append(row)
    return p


def move_props(m: careers.Move, names: dict[str, str]) -> dict[str, Any]:
    """The properties a move puts on the relationship it rests on (see :func:`_moves_by_fact`)."""
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


def _moves_by_fact(g: nx.MultiDiGraph) -> dict[str, list[careers.Move]]:
    """Each derived move, by the key of the relationship it rests on: a departure on the
    (first) relationship that ended the tenure, an arrival on the one that began it. The
    moves become properties (:func:`move_props`) as each row is made, not all at once:
    no extra node or relationship, and no second copy of a million moves."""
    out: dict[str, list[careers.Move]] = defaultdict(list)
    for m in careers.ensure(g).moves:
        out[m.facts[0]].append(m)
    return out


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


# Folders: every node and relationship records the data folders that support it
# (``graphkit_folders``); a relationship also keeps each folder's quotes (the parallel
# lists ``quotes``, ``quote_sources``, ``quote_folders``). A load of the folders
# ``$loaded`` replaces what those folders said and keeps what other folders said:
# a fact that other folders support keeps its values and gains this load's quotes.
# Either way the relationship takes this load's content hash: the hash says what the
# last load wrote, so a later load of the same row finds nothing to do, and a load of
# an edited row (or of other folders) writes again.


def node_query(label: str) -> str:
    return (
        f"UNWIND $rows AS row MERGE (n:{_label(label)} {{id: row.id}}) "
        "WITH n, row, [f IN coalesce(n.graphkit_folders, []) WHERE NOT f IN $loaded] AS others, "
        "coalesce(n.sources, []) AS old_sources, coalesce(n.aliases, []) AS old_aliases "
        "SET n = row.props "
        "SET n.graphkit_folders = others + [f IN row.folders WHERE NOT f IN others] "
        "FOREACH (_ IN CASE WHEN size(others) > 0 THEN [1] ELSE [] END | "
        "  SET n.sources = old_sources + [s IN coalesce(row.props.sources, []) WHERE NOT s IN old_sources], "
        "      n.aliases = old_aliases + [a IN coalesce(row.props.aliases, []) WHERE NOT a IN old_aliases])"
    )


_DISTINCT_SOURCES = (
    "reduce(acc = [], s IN reduce(x = [], t IN r.quote_sources | x + split(t, ';')) | "
    "CASE WHEN s IN acc THEN acc ELSE acc + s END)"
)
_DISTINCT_FOLDERS = "reduce(acc = [], f IN r.quote_folders | CASE WHEN f IN acc THEN acc ELSE acc + f END)"


def rel_query(rtype: str, a: str, b: str) -> str:
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{_label(a)} {{id: row.from}}) MATCH (b:{_label(b)} {{id: row.to}}) "
        f"MERGE (a)-[r:{_label(rtype)} {{graphkit_key: row.key}}]->(b) "
        "WITH r, row, coalesce(r.quote_folders, []) AS qf, coalesce(r.quotes, []) AS q, "
        "coalesce(r.quote_sources, []) AS qs "
        "WITH r, row, qf, q, qs, [i IN range(0, size(qf) - 1) WHERE NOT qf[i] IN $loaded] AS keep "
        "FOREACH (_ IN CASE WHEN size(keep) = 0 THEN [1] ELSE [] END | SET r = row.props) "
        f"SET r.{HASH} = row.props.{HASH} "
        "SET r.quotes = [i IN keep | q[i]] + coalesce(row.props.quotes, []), "
        "    r.quote_sources = [i IN keep | qs[i]] + coalesce(row.props.quote_sources, []), "
        "    r.quote_folders = [i IN keep | qf[i]] + coalesce(row.props.quote_folders, []) "
        f"SET r.graphkit_folders = {_DISTINCT_FOLDERS}, r.sources = {_DISTINCT_SOURCES}, "
        "r.graphkit_dataset = row.props.graphkit_dataset"
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
    merged_nodes: int = 0
    folders: tuple[str, ...] = ()
    changes: int = -1  # rows written or removed; -1: not counted (a bulk import writes everything)

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else float("inf")


def _prune(tx: Any, p: Plan) -> tuple[int, int, int]:
    """What graphkit loaded earlier from this load's folders (in this dataset) and the
    folders no longer say: a fact that another folder still supports loses only this
    load's folders and quotes; a fact no folder supports any more is deleted; a node is
    deleted when no folder supports it and nothing uses it."""
    voc = vocab.load()
    rel_keys = p.keys
    ours = "(x.graphkit_folders IS NULL OR any(f IN x.graphkit_folders WHERE f IN $loaded))"
    only_ours = "all(f IN coalesce(x.graphkit_folders, []) WHERE f IN $loaded)"
    gone_rels = 0
    for rtype in voc.relationships:
        base = f"MATCH ()-[x:{_label(rtype)}]->() WHERE x.graphkit_dataset = $ds AND NOT x.graphkit_key IN $keys "
        tx.run(
            base + f"AND {ours} AND NOT {only_ours} "
            "WITH x, coalesce(x.quote_folders, []) AS qf, coalesce(x.quotes, []) AS q, "
            "coalesce(x.quote_sources, []) AS qs "
            "WITH x, qf, q, qs, [i IN range(0, size(qf) - 1) WHERE NOT qf[i] IN $loaded] AS keep "
            "SET x.quotes = [i IN keep | q[i]], x.quote_sources = [i IN keep | qs[i]], "
            "    x.quote_folders = [i IN keep | qf[i]], "
            "    x.graphkit_folders = [f IN x.graphkit_folders WHERE NOT f IN $loaded] "
            f"REMOVE x.{HASH} "
            "WITH x AS r "
            f"SET r.sources = {_DISTINCT_SOURCES}",
            ds=p.dataset,
            keys=rel_keys,
            loaded=p.folders,
        ).consume()
        res = tx.run(
            base + f"AND {only_ours} DELETE x RETURN count(*) AS n",
            ds=p.dataset,
            keys=rel_keys,
            loaded=p.folders,
        ).single()
        gone_rels += res["n"]
    gone_nodes = kept = 0
    for label in [*voc.nodes, "Source", "Claim"]:
        ids = p.ids.get(label, [])
        base = f"MATCH (x:{_label(label)}) WHERE x.graphkit_dataset = $ds AND NOT x.id IN $ids "
        tx.run(
            base + f"AND {ours} AND NOT {only_ours} "
            f"SET x.graphkit_folders = [f IN x.graphkit_folders WHERE NOT f IN $loaded] REMOVE x.{HASH}",
            ds=p.dataset,
            ids=ids,
            loaded=p.folders,
        ).consume()
        res = tx.run(
            base + f"AND {only_ours} "
            "WITH x, EXISTS { (x)--() } AS used "
            "FOREACH (_ IN CASE WHEN used THEN [] ELSE [1] END | DELETE x) "
            "RETURN count(CASE WHEN used THEN null ELSE 1 END) AS deleted, "
            "count(CASE WHEN used THEN 1 END) AS kept",
            ds=p.dataset,
            ids=ids,
            loaded=p.folders,
        ).single()
        gone_nodes += res["deleted"]
        kept += res["kept"]
    return gone_nodes, gone_rels, kept


def _merge_ids(tx: Any, p: Plan) -> int:
    """Reflect identity decisions: a node stored under an id that is now merged into another
    loses the relationships this load's folders alone supported (the load writes them again
    under the kept id), hands the others over to the kept node, and is deleted. The kept
    node lists the old id in ``merged_ids``."""
    voc = vocab.load()
    labels = [k for k in voc.nodes if k != "Event"]
    done = 0
    for old, new in sorted(p.merged.items()):
        for label in labels:
            found = tx.run(f"MATCH (o:{_label(label)} {{id: $old}}) RETURN count(o) AS n", old=old).single()[
                "n"
            ]
            if not found:
                continue
            for rtype in voc.relationships:
                t = _label(rtype)
                tx.run(
                    f"MATCH (o:{_label(label)} {{id: $old}})-[r:{t}]-() "
                    "WHERE all(f IN coalesce(r.graphkit_folders, []) WHERE f IN $loaded) DELETE r",
                    old=old,
                    loaded=p.folders,
                ).consume()
                tx.run(
                    f"MATCH (o:{_label(label)} {{id: $old}})-[r:{t}]->(x) MATCH (n:{_label(label)} {{id: $new}}) "
                    f"CREATE (n)-[r2:{t}]->(x) SET r2 = properties(r) REMOVE r2.{HASH} DELETE r",
                    old=old,
                    new=new,
                ).consume()
                tx.run(
                    f"MATCH (x)-[r:{t}]->(o:{_label(label)} {{id: $old}}) MATCH (n:{_label(label)} {{id: $new}}) "
                    f"CREATE (x)-[r2:{t}]->(n) SET r2 = properties(r) REMOVE r2.{HASH} DELETE r",
                    old=old,
                    new=new,
                ).consume()
            tx.run(f"MATCH (o:{_label(label)} {{id: $old}}) DETACH DELETE o", old=old).consume()
            done += 1
    return done


#: The label of the node that records a load's input fingerprint (see :func:`unchanged`).
LOAD_LABEL = "GraphkitLoad"


def unchanged(
    driver: Any, dataset: str, fingerprint: str, prune: bool, database: str | None = None
) -> int | None:
    """The rows of the last load of exactly these files into ``dataset`` when nothing has been
    written since (every load that changes something forgets all fingerprints), else None.
    A load with ``prune`` is only skipped after a load that pruned too."""
    found = driver.execute_query(
        f"MATCH (l:{LOAD_LABEL} {{graphkit_dataset: $ds, fingerprint: $fp}}) "
        "WHERE l.pruned OR NOT $prune RETURN l.rows AS rows LIMIT 1",
        ds=dataset,
        fp=fingerprint,
        prune=prune,
        database_=database,
        routing_="r",
    ).records
    return int(found[0]["rows"]) if found else None


def record_load(tx: Any, dataset: str, fingerprint: str, prune: bool, rows: int, changed: bool) -> None:
    """Remember this load's fingerprint; a load that changed anything first forgets every
    fingerprint (of every dataset: node ids are shared), since their rows may differ now."""
    if changed:
        tx.run(f"MATCH (l:{LOAD_LABEL}) DELETE l").consume()
    tx.run(
        f"MERGE (l:{LOAD_LABEL} {{graphkit_dataset: $ds, fingerprint: $fp}}) "
        "SET l.pruned = coalesce(l.pruned, false) OR $prune, l.rows = $rows, l.loaded_at = datetime()",
        ds=dataset,
        fp=fingerprint,
        prune=prune,
        rows=rows,
    ).consume()


class TooBig(GraphkitError):
    """A change set larger than one transaction of this server can hold."""

    exit_code = 9


#: Transaction memory one written row takes in Neo4j 5, measured with bench-load: the
#: full benchmark's 405,001 rows needed about 1 GB (2.6 KB a row), with some margin.
BYTES_PER_ROW = 3_000
#: The share of the heap a load may plan to use when the server sets no transaction limit.
HEAP_SHARE = 0.5


def max_changes(driver: Any, database: str | None = None) -> int | None:
    """How many rows one transaction of this server can write: its transaction memory limit
    (db.memory.transaction.max or .total.max) or else half its heap, over BYTES_PER_ROW.
    None when the server tells neither (then nothing is refused in advance)."""
    limits = []
    try:
        for rec in driver.execute_query(
            "SHOW SETTINGS YIELD name, value WHERE name IN "
            "['db.memory.transaction.max', 'db.memory.transaction.total.max'] RETURN name, value",
            database_=database,
            routing_="r",
        ).records:
            size = _bytes(rec["value"])
            if size:
                limits.append(size)
    except Exception:  # a user without SHOW SETTINGS rights: fall back to the heap
        pass
    if not limits:
        try:
            found = driver.execute_query(
                "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
                "RETURN attributes.HeapMemoryUsage.value.properties.max AS max",
                database_=database,
                routing_="r",
            ).records
            heap = found[0] if found else None
            if heap and heap["max"] and heap["max"] > 0:
                limits.append(int(heap["max"] * HEAP_SHARE))
        except Exception:  # no JMX procedure: no limit known
            pass
    return min(limits) // BYTES_PER_ROW if limits else None


_UNITS = {
    "": 1,
    "b": 1,
    "k": 2**10,
    "kb": 2**10,
    "kib": 2**10,
    "m": 2**20,
    "mb": 2**20,
    "mib": 2**20,
    "g": 2**30,
    "gb": 2**30,
    "gib": 2**30,
    "t": 2**40,
    "tb": 2**40,
    "tib": 2**40,
}


def _bytes(text: Any) -> int:
    """A Neo4j byte size setting ("1.00GiB", "512m", "0" or "0B" for unlimited) in bytes; 0 when
    unlimited or unreadable."""
    m = re.fullmatch(r"\s*([0-9.]+)\s*([A-Za-z]*)\s*", str(text or ""))
    if not m or m.group(2).lower() not in _UNITS:
        return 0
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def stored_hashes(
    tx: Any, dataset: str, loaded: list[str], *, ours: bool = False
) -> tuple[set[bytes], set[tuple[str, str]]]:
    """What Neo4j holds of graphkit's labels and types: every node's and relationship's
    content hash and, with ``ours``, the (label or type, id or key) of the facts of
    ``dataset`` that the ``loaded`` folders support (what ``--prune`` looks at).

    A row is held when its hash is in the set: the hash covers the row's label (or type and
    ends) and id (or key), so an equal hash is the same row, written the same way, and no
    id need be kept in memory: for 1,350,000 facts, (label, id) keys with their hashes
    and the ids of ``dataset`` took about 780 MB, the set of hashes about 150 MB. The ids
    are read only for ``ours`` (``--prune``).

    The rows come in lists of a few thousand, one list per first byte of the hash
    (:data:`HELD_QUERY`), not a Bolt record per fact: at 270,000 facts that took 6.3 s
    against 2.4 s."""
    voc = vocab.load()
    held: set[bytes] = set()
    ours_now: set[tuple[str, str]] = set()
    fromhex = bytes.fromhex
    patterns = [(label, f"(x:{_label(label)})", "x.id") for label in [*voc.nodes, "Source", "Claim"]]
    patterns += [(rtype, f"()-[x:{_label(rtype)}]->()", "x.graphkit_key") for rtype in voc.relationships]
    for what, pattern, ident in patterns:
        for found, h, mine in _held(tx, pattern, ident, dataset, loaded, ours):
            if h is not None:
                held.add(fromhex(h))
            if mine:
                ours_now.add((what, found))
    return held, ours_now


#: Each stored fact's content hash and, with ``$ours``, its identity and whether it is
#: ``$ds``'s and supported by the ``$loaded`` folders, as [identity, hash, ours] lists
#: grouped by the hash's first byte.
HELD_QUERY = (
    "MATCH {pattern} "
    "WITH coalesce(left(x.{hash}, 2), '') AS bucket, "
    "CASE WHEN $ours AND x.graphkit_dataset = $ds AND (x.graphkit_folders IS NULL OR "
    "any(f IN x.graphkit_folders WHERE f IN $loaded)) THEN [{ident}, x.{hash}, true] "
    "ELSE [null, x.{hash}, false] END AS row "
    "RETURN bucket, collect(row) AS rows"
)


def _held(
    tx: Any, pattern: str, ident: str, dataset: str, loaded: list[str], ours: bool
) -> Iterator[list[Any]]:
    query = HELD_QUERY.format(pattern=pattern, ident=ident, hash=HASH)
    for rec in tx.run(query, ds=dataset, loaded=loaded, ours=ours):
        yield from rec["rows"]


def _gone(p: Plan, stored: set[tuple[str, str]]) -> int:
    """How many of the stored facts ((label, id) of nodes, (type, key) of relationships)
    the plan no longer has."""
    labels = {*vocab.load().nodes, "Source", "Claim"}
    ids = {label: set(found) for label, found in p.ids.items()}
    keys = set(p.keys)
    return sum(1 for what, ident in stored if ident not in (ids.get(what, set()) if what in labels else keys))


@dataclass
class _Load:
    """One load's transaction function: managed transactions may run it again on a
    transient error, so it starts its counts afresh each time.

    Only what changed is written: a row whose content hash Neo4j already holds is left
    alone (see :func:`content_hash`)."""

    graph: nx.MultiDiGraph
    dataset: str
    batch_size: int
    prune: bool
    progress: Callable[[int], None] | None
    limit: int | None = None  # None or 0: no limit
    fingerprint: str | None = None  # the input's (graphkit.ingest.folders.fingerprint), recorded
    write_moves: bool = True
    rewrite: bool = False  # write every row, whatever hashes Neo4j holds
    plan: Plan = field(default_factory=lambda: Plan(dataset=""))
    counters: dict[str, int] = field(default_factory=dict)
    pruned: tuple[int, int, int] = (0, 0, 0)
    merged: int = 0
    changes: int = 0
    removed: int = 0

    def __call__(self, tx: Any) -> None:
        self.counters = {"nodes": 0, "rels": 0, "props": 0}
        # a rewrite compares nothing: the stored facts are read only for --prune's count
        held, ours_now = (
            stored_hashes(tx, self.dataset, folders_loaded(self.graph, self.dataset), ours=self.prune)
            if self.prune or not self.rewrite
            else (set(), set())
        )

        def is_held(row: dict[str, Any]) -> bool:
            return bytes.fromhex(row["props"][HASH]) in held

        p = self.plan = _collect(
            self.graph,
            self.dataset,
            write_moves=self.write_moves,
            held=None if self.rewrite else is_held,
        )
        held.clear()
        self.removed = _gone(p, ours_now) if self.prune else 0
        written = sum(map(len, p.nodes.values())) + sum(map(len, p.rels.values()))
        self.changes = written + self.removed
        limit = self.limit
        if limit and self.changes > limit:
            raise TooBig(
                f"this load would change {self.changes:,} rows, more than one transaction of this server "
                f"holds (about {limit:,} rows for its memory); nothing was written. Use `graphkit load "
                "--bulk` for a first load of this size, give the server more memory, or pass "
                "--max-changes to try anyway"
            )
        if self.progress and p.total - written:
            self.progress(p.total - written)
        for label, rows in p.nodes.items():
            self._write_all(tx, node_query(label), rows)
        self.merged = _merge_ids(tx, p) if p.merged else 0
        for (rtype, a, b), rows in p.rels.items():
            self._write_all(tx, rel_query(rtype, a, b), rows)
        if self.prune:
            self.pruned = _prune(tx, p)
        if self.fingerprint:
            record_load(tx, p.dataset, self.fingerprint, self.prune, p.total, self.changes > 0)

    def _write_all(self, tx: Any, query: str, rows: list[dict[str, Any]]) -> None:
        for batch in _batches(rows, self.batch_size):
            c = tx.run(query, rows=batch, loaded=self.plan.folders).consume().counters
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
    max_rows: int | None = None,
    fingerprint: str | None = None,
    rewrite: bool = False,
) -> LoadResult:
    """Write what changed of ``g`` into Neo4j in one transaction (all or nothing).

    Rows whose content hash Neo4j already holds are not written again, so reloading
    unchanged data writes nothing. A change set larger than ``max_rows`` (default: what
    the server's transaction memory holds, :func:`max_changes`; 0: no limit) is refused
    before anything is written (:class:`TooBig`). ``rewrite`` writes every row all the same
    (a hash only says what the last load wrote: it cannot see an edit made in Browser).
    ``write_moves=False`` leaves out the derived moves' properties (for bench-load)."""
    if batch_size < 1:
        raise SettingsError("--batch-size must be at least 1")
    if max_rows is not None and max_rows < 0:
        raise SettingsError("--max-changes must be 0 (no limit) or more")
    settings = settings or Settings()
    apply_schema(driver, database)
    limit = max_changes(driver, database) if max_rows is None else max_rows
    load = _Load(g, dataset, batch_size, prune, progress, limit, fingerprint, write_moves, rewrite)
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
        merged_nodes=load.merged,
        folders=tuple(load.plan.folders),
        changes=load.changes,
    )


def count_rows(g: nx.MultiDiGraph) -> int:
    """The rows a load of ``g`` makes (what :attr:`Plan.rows` counts), without making them:
    one per source, claim, node and relationship."""
    return len(g.graph.get("sources", {})) + len(g.graph.get("claims", [])) + len(g) + g.number_of_edges()


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
