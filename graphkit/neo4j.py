"""Neo4j: connection settings, the all-or-nothing loader and named queries.

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
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from . import careers, vocab
from .errors import GraphkitError, SettingsError

_IDENT = re.compile(r"^[A-Z][A-Za-z_]*$")
DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_BATCH = 5000


# ----------------------------------------------------------------- errors
class Neo4jError(GraphkitError):
    """A problem talking to Neo4j."""


class Unreachable(Neo4jError):
    exit_code = 3


class AuthFailed(Neo4jError):
    exit_code = 4


class UnknownDatabase(Neo4jError):
    exit_code = 5


class MissingPlugin(Neo4jError):
    exit_code = 6


class LoadFailed(Neo4jError):
    exit_code = 7


class QueryFailed(Neo4jError):
    exit_code = 8


# --------------------------------------------------------------- settings
@dataclass(frozen=True)
class Settings:
    uri: str = DEFAULT_URI
    user: str = "neo4j"
    password: str | None = None
    database: str | None = None

    @classmethod
    def from_env(
        cls,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        env: dict[str, str] | None = None,
    ) -> Settings:
        """Options win over NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE."""
        env = os.environ if env is None else env
        return cls(
            uri=uri or env.get("NEO4J_URI") or DEFAULT_URI,
            user=user or env.get("NEO4J_USERNAME") or env.get("NEO4J_USER") or "neo4j",
            password=password if password is not None else env.get("NEO4J_PASSWORD"),
            database=database or env.get("NEO4J_DATABASE") or None,
        )


_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def connect(settings: Settings) -> Any:
    """Open a driver and check that the server answers with these credentials."""
    import neo4j
    from neo4j import exceptions as nx_exc

    scheme = settings.uri.split("://", 1)[0] if "://" in settings.uri else ""
    if scheme not in _SCHEMES:
        raise SettingsError(
            f"unsupported Neo4j URI {settings.uri!r} (expected {', '.join(s + '://' for s in _SCHEMES)})"
        )
    if not settings.password:
        raise SettingsError("no Neo4j password: set NEO4J_PASSWORD or pass --password")
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password),
            connection_timeout=10,
            max_transaction_retry_time=15,
            user_agent="graphkit",
            notifications_min_severity="OFF",  # graphkit's own queries; keep users' terminals quiet
        )
    except (ValueError, nx_exc.ConfigurationError) as exc:
        raise SettingsError(f"bad Neo4j URI {settings.uri!r}: {exc}") from None
    try:
        driver.verify_connectivity()
        with driver.session(database=settings.database) as session:
            session.run("RETURN 1").consume()
    except Exception as exc:
        driver.close()
        raise translate(exc, settings) from None
    return driver


def translate(exc: Exception, settings: Settings) -> Exception:
    """Turn a driver exception into a one-line graphkit error."""
    from neo4j import exceptions as e

    if isinstance(exc, GraphkitError):
        return exc
    if isinstance(exc, e.AuthError):
        return AuthFailed(f"Neo4j at {settings.uri} rejected the username or password for {settings.user!r}")
    if isinstance(exc, (e.ServiceUnavailable, e.SessionExpired, OSError)):
        return Unreachable(
            f"cannot reach Neo4j at {settings.uri} (is the server running? "
            "see `docker compose up -d` or scripts/neo4j-local start)"
        )
    code = getattr(exc, "code", "") or ""
    message = getattr(exc, "message", None) or str(exc)
    if "DatabaseNotFound" in code or "database does not exist" in message.lower():
        return UnknownDatabase(f"Neo4j at {settings.uri} has no database {settings.database!r}")
    if "ProcedureNotFound" in code or re.search(r"Unknown (function|procedure) '(apoc|gds)\.", message):
        plugin = "Graph Data Science" if "gds." in message else "APOC"
        return MissingPlugin(f"this needs the {plugin} plugin, which Neo4j at {settings.uri} does not have")
    if "memory.transaction" in message or "MemoryPoolOutOfMemory" in code:
        return Neo4jError(
            "Neo4j ran out of transaction memory: a load is one transaction, so give the server more "
            "(server.memory.heap.max_size, dbms.memory.transaction.total.max; GRAPHKIT_NEO4J_HEAP for "
            "scripts/neo4j-local) or split the dataset"
        )
    first = message.strip().splitlines()[0] if message.strip() else type(exc).__name__
    return Neo4jError(f"Neo4j error: {first}")


# ----------------------------------------------------------------- cypher
def cypher_dir() -> Path:
    return Path(str(resources.files("graphkit").joinpath("cypher")))


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

    The derived moves (:mod:`graphkit.careers`) ride on the relationships they
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
    from . import dates

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


# ---------------------------------------------------------- named queries
@dataclass(frozen=True)
class NamedQuery:
    name: str
    path: Path
    description: str
    params: dict[str, Any]
    text: str


_PARAM = re.compile(r"^//\s+\$(\w+)\s.*\(default (.+)\)\s*$")


def _literal(text: str) -> Any:
    text = text.strip()
    if text[:1] in "'\"" and text[-1:] == text[:1]:
        return text[1:-1]
    try:
        return int(text)
    except ValueError:
        return text


def named_queries() -> dict[str, NamedQuery]:
    out = {}
    for path in sorted((cypher_dir() / "queries").glob("*.cypher")):
        text = path.read_text("utf-8")
        header = []
        params: dict[str, Any] = {}
        for line in text.splitlines():
            if not line.startswith("//"):
                break
            m = _PARAM.match(line)
            if m:
                params[m.group(1)] = _literal(m.group(2))
            header.append(line[2:].strip())
        description = " ".join(h for h in header if h and not h.lower().startswith("parameter"))
        description = description.split("$")[0].strip()
        out[path.stem] = NamedQuery(path.stem, path, description, params, text)
    return out


def parse_params(pairs: list[str] | tuple[str, ...]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for pair in pairs:
        if "=" not in pair:
            raise SettingsError(f"--param takes NAME=VALUE, got {pair!r}")
        k, v = pair.split("=", 1)
        params[k.strip()] = _literal(v)
    return params


def run_query(
    driver: Any,
    name: str,
    params: dict[str, Any] | None = None,
    database: str | None = None,
    settings: Settings | None = None,
) -> tuple[list[str], list[dict[str, Any]]]:
    """Run a named query from cypher/queries; return (columns, rows)."""
    queries = named_queries()
    if name not in queries:
        raise SettingsError(f"unknown query {name!r} (expected one of: {', '.join(queries)})")
    q = queries[name]
    unknown = set(params or {}) - set(q.params)
    if unknown:
        expected = ", ".join(q.params) or "none"
        raise SettingsError(
            f"query {name!r} has no parameter {sorted(unknown)[0]!r} (parameters: {expected})"
        )
    values = {**q.params, **(params or {})}
    try:
        with driver.session(database=database) as session:
            result = session.run(q.text, values)
            rows = [r.data() for r in result]
            columns = list(result.keys())
    except Exception as exc:
        err = translate(exc, settings or Settings())
        if type(err) is Neo4jError:
            raise QueryFailed(f"query {name!r} failed: {err}") from None
        raise err from None
    return columns, rows
