"""Connecting to Neo4j: settings from options and NEO4J_* variables, and errors a user can act on."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from graphkit.schema.errors import GraphkitError, SettingsError

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
