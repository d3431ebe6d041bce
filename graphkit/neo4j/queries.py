"""The named Cypher queries in ``cypher/queries/`` and running them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from graphkit.neo4j.connection import Neo4jError, QueryFailed, Settings, translate
from graphkit.schema.errors import SettingsError


def cypher_dir() -> Path:
    return Path(str(resources.files("graphkit.neo4j").joinpath("cypher")))


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
