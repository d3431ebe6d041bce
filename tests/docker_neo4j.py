"""The Docker (testcontainers) path to a Neo4j server, built from scripts/neo4j-settings.env.

tests/conftest.py starts this container when a Docker daemon answers; tests/test_docker_paths.py
builds it without starting it (and without a daemon) under warnings-as-errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

# testcontainers >= 4.15 keeps the modules under testcontainers.community; the old testcontainers.neo4j
# still works there but warns (DeprecationWarning), which pytest's filterwarnings = ["error"] turns into
# an error in the fixture.
from testcontainers.community.neo4j import Neo4jContainer

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "scripts" / "neo4j-settings.env"

# KEY=VALUE with a bare value or one in double quotes; nothing a shell would expand.
_LINE = re.compile(r'([A-Z][A-Z0-9_]*)=(?:"([^"$`\\]*)"|([^\s"\'$`\\;&|<>()#]*))')

# Neo4j setting name -> its key in scripts/neo4j-settings.env
NEO4J_CONF_KEYS = {
    "dbms.security.procedures.unrestricted": "GRAPHKIT_SERVER_PROCEDURES_UNRESTRICTED",
    "server.memory.heap.initial_size": "GRAPHKIT_SERVER_HEAP_INITIAL",
    "server.memory.heap.max_size": "GRAPHKIT_SERVER_HEAP_MAX",
    "server.memory.pagecache.size": "GRAPHKIT_SERVER_PAGECACHE",
    "dbms.usage_report.enabled": "GRAPHKIT_SERVER_USAGE_REPORT",
    "client.allow_telemetry": "GRAPHKIT_SERVER_CLIENT_TELEMETRY",
}


def read_settings(path: Path = SETTINGS_FILE) -> dict[str, str]:
    """The KEY=VALUE pairs of scripts/neo4j-settings.env; anything else but comments is an error."""
    values: dict[str, str] = {}
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise ValueError(f"{path}:{number}: not a plain KEY=VALUE line: {raw!r}")
        if match[1] in values:
            raise ValueError(f"{path}:{number}: {match[1]} is defined twice")
        values[match[1]] = match[2] if match[2] is not None else match[3]
    return values


def image(settings: dict[str, str]) -> str:
    return f"neo4j:{settings['GRAPHKIT_SERVER_NEO4J_LINE']}"


def plugins(settings: dict[str, str]) -> list[str]:
    return settings["GRAPHKIT_SERVER_PLUGINS"].split()


def neo4j_conf(settings: dict[str, str]) -> dict[str, str]:
    """The Neo4j settings (neo4j.conf names) that the settings file defines."""
    return {name: settings[key] for name, key in NEO4J_CONF_KEYS.items()}


def docker_env_name(setting: str) -> str:
    """The neo4j image's variable for a setting: `_` is written `__`, `.` is written `_`, prefix NEO4J_."""
    return "NEO4J_" + setting.replace("_", "__").replace(".", "_")


def setting_name(env_name: str) -> str:
    """The inverse of :func:`docker_env_name`."""
    body = env_name.removeprefix("NEO4J_")
    return "_".join(part.replace("_", ".") for part in body.split("__"))


def docker_env(settings: dict[str, str]) -> dict[str, str]:
    """The neo4j image's environment for these settings, except NEO4J_AUTH (which carries the password)."""
    env = {"NEO4J_PLUGINS": json.dumps(plugins(settings), separators=(",", ":"))}
    env.update({docker_env_name(name): value for name, value in neo4j_conf(settings).items()})
    return env


def neo4j_container(password: str, *, docker_client_kw: dict[str, Any] | None = None) -> Neo4jContainer:
    """An unstarted Neo4j container: image, plugins and settings from scripts/neo4j-settings.env.

    ``docker_client_kw`` goes to docker-py's ``docker.from_env``. Leave it out to talk to a real
    daemon: docker-py then asks the daemon for its API version while the container object is built.
    A caller without a daemon passes an explicit ``{"version": ...}`` (see tests/test_docker_paths.py)."""
    settings = read_settings()
    container = Neo4jContainer(image(settings), password=password, docker_client_kw=docker_client_kw)
    for key, value in docker_env(settings).items():
        container.with_env(key, value)
    return container
