"""The Docker paths to Neo4j, checked on every machine, with or without Docker.

- testcontainers (tests/conftest.py, when a Docker daemon answers): its module imports and the container
  object is built under warnings-as-errors, without starting it and without a daemon.
- docker-compose.yml: parsed and checked statically; `docker compose config -q` where the compose plugin
  is installed (otherwise that one test is skipped; it is not an integration test, so CI allows the skip).
- scripts/neo4j-settings.env is the one definition of the server's settings: compose, the testcontainers
  container and the local server (scripts/neo4j-local, pom.xml, Launcher.java) are checked against it,
  setting by setting.

None of this starts a server; the integration tests under tests/integration do that."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import docker_neo4j
import pytest
import yaml
from docker.constants import DEFAULT_DOCKER_API_VERSION

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
COMPOSE = ROOT / "docker-compose.yml"
SETTINGS_FILE = docker_neo4j.SETTINGS_FILE
NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"
POM = ROOT / "scripts" / "neo4j-server" / "pom.xml"
LAUNCHER = ROOT / "scripts/neo4j-server/src/main/java/dev/graphkit/neo4jlocal/Launcher.java"

PASSWORD = "graphkit-unit-test-password"

# Building the container object without a Docker daemon. In testcontainers 4.15, DockerContainer.__init__
# creates a testcontainers.core.docker_client.DockerClient, which calls docker.from_env(**docker_client_kw).
# docker-py's APIClient, when it is given no API version (version=None means "auto"), asks the daemon for
# its version (GET /version, APIClient._retrieve_server_version) inside the constructor, and raises
# DockerException when no daemon answers. Given an explicit version it connects lazily, on the first
# request, and nothing else in the constructor talks to Docker: image, environment and ports are plain
# attributes; the only other network step, a registry login, happens only when DOCKER_AUTH_CONFIG is set,
# which these tests unset. The tests point DOCKER_HOST at a socket that does not exist, so any attempt to
# contact a daemon would make them fail, on machines with Docker as well.
# (The fixture passes no version: with a real daemon, docker-py negotiates it as usual.)
NO_DAEMON = "unix:///nonexistent/graphkit-unit-test/docker.sock"
CLIENT_KW = {"version": DEFAULT_DOCKER_API_VERSION}

# Every Neo4j setting the Docker paths may set (NEO4J_<name> in compose, or in the testcontainers
# container's environment). Each is declared by Neo4j 5.26 Community: checked by building
# org.neo4j.configuration.Config (neo4j 5.26.18, strict validation, as the local server's jars ship it)
# with the setting, and against the Docker settings table of the Operations Manual.
NEO4J_5_SETTINGS = {
    # Procedures allowed to use Neo4j's internal APIs; APOC and GDS need it (GraphDatabaseSettings).
    "dbms.security.procedures.unrestricted",
    # Initial JVM heap; the image's bootloader turns it into -Xms (BootloaderSettings).
    "server.memory.heap.initial_size",
    # Maximum JVM heap, -Xmx (BootloaderSettings).
    "server.memory.heap.max_size",
    # Page cache for the store files (GraphDatabaseSettings.pagecache_memory).
    "server.memory.pagecache.size",
    # Privacy: the server's usage data report to Neo4j (GraphDatabaseSettings.udc_enabled).
    "dbms.usage_report.enabled",
    # Privacy: product analytics sent by Neo4j Browser and Bloom (ServerSettings.allow_telemetry).
    "client.allow_telemetry",
}

# Variables of the neo4j image itself, not Neo4j settings.
IMAGE_VARIABLES = {
    "NEO4J_AUTH",  # user/password of the initial user, applied when the data volume is created
    "NEO4J_PLUGINS",  # JSON list of plugins the image fetches at start, matching its Neo4j version
}

# Settings that must not be used: Neo4j 5.26 Community does not declare them, and with strict validation
# (server.config.strict_validation.enabled, on by default) it refuses to start:
# "Unrecognized setting. No declared setting with name: browser.allow_outgoing_connections".
ENTERPRISE_ONLY = {"browser.allow_outgoing_connections"}

# Settings in scripts/neo4j-settings.env that the local server (Launcher.java, scripts/neo4j-local) does
# not set (yet): checked on the settings file, compose and the testcontainers container only. None at
# present: client.allow_telemetry, the last one, is set by Launcher.java and compared in AGREEMENT.
NOT_SET_BY_THE_LOCAL_SERVER: set[str] = set()

# The privacy settings: each is "false" in every path to a server.
PRIVACY = {"dbms.usage_report.enabled", "client.allow_telemetry"}


def run_python(code: str, **env_changes: str | None) -> subprocess.CompletedProcess[str]:
    """`python -W error -c CODE` in the project directory, with tests/ importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(TESTS), env.get("PYTHONPATH")) if p)
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def size_bytes(text: str) -> int:
    match = re.fullmatch(r"(\d+)([kmg]?)", text.strip().lower())
    assert match, f"not a size: {text!r}"
    return int(match[1]) * 1024 ** " kmg".index(match[2] or " ")


def found(pattern: str, path: Path) -> re.Match[str]:
    match = re.search(pattern, path.read_text("utf-8"))
    assert match, f"{pattern!r} not found in {path.relative_to(ROOT)}: has it been restructured?"
    return match


# ------------------------------------------------------------------------------ the settings file
@pytest.fixture(scope="module")
def settings() -> dict[str, str]:
    return docker_neo4j.read_settings()


def test_settings_file_defines_the_server(settings):
    assert set(settings) == {
        "GRAPHKIT_SERVER_NEO4J_LINE",
        "GRAPHKIT_SERVER_PLUGINS",
        "GRAPHKIT_SERVER_PROCEDURES_UNRESTRICTED",
        "GRAPHKIT_SERVER_PASSWORD",
        "GRAPHKIT_SERVER_HEAP_INITIAL",
        "GRAPHKIT_SERVER_HEAP_MAX",
        "GRAPHKIT_SERVER_PAGECACHE",
        "GRAPHKIT_SERVER_USAGE_REPORT",
        "GRAPHKIT_SERVER_CLIENT_TELEMETRY",
    }
    assert settings["GRAPHKIT_SERVER_NEO4J_LINE"] == "5.26"
    assert sorted(docker_neo4j.plugins(settings)) == ["apoc", "graph-data-science"]
    assert len(settings["GRAPHKIT_SERVER_PASSWORD"]) >= 8
    assert set(docker_neo4j.neo4j_conf(settings)) <= NEO4J_5_SETTINGS
    assert not set(docker_neo4j.neo4j_conf(settings)) & ENTERPRISE_ONLY


def test_settings_file_is_shell_sourceable(settings):
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed: scripts/neo4j-settings.env was only parsed in Python")
    script = 'set -eu; . "$1"; shift; for k in "$@"; do printf "%s=%s\\n" "$k" "${!k}"; done'
    proc = subprocess.run(
        [bash, "--noprofile", "--norc", "-c", script, "bash", str(SETTINGS_FILE), *settings],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert proc.stderr == ""
    assert dict(line.split("=", 1) for line in proc.stdout.splitlines()) == settings


def test_docker_env_names_follow_the_image_rule():
    assert docker_neo4j.docker_env_name("dbms.usage_report.enabled") == "NEO4J_dbms_usage__report_enabled"
    assert docker_neo4j.docker_env_name("client.allow_telemetry") == "NEO4J_client_allow__telemetry"
    assert (
        docker_neo4j.docker_env_name("browser.allow_outgoing_connections")
        == "NEO4J_browser_allow__outgoing__connections"
    )
    for name in NEO4J_5_SETTINGS | ENTERPRISE_ONLY:
        assert docker_neo4j.setting_name(docker_neo4j.docker_env_name(name)) == name


# ------------------------------------------------------------------------------ testcontainers
@pytest.fixture
def no_daemon(monkeypatch):
    """DOCKER_HOST points nowhere and no registry login is configured (see NO_DAEMON)."""
    from testcontainers.core.config import testcontainers_config

    monkeypatch.setenv("DOCKER_HOST", NO_DAEMON)  # also undoes DockerClient's os.environ["DOCKER_HOST"] = ...
    monkeypatch.delenv("DOCKER_AUTH_CONFIG", raising=False)
    # testcontainers reads DOCKER_AUTH_CONFIG once, when it is imported.
    monkeypatch.setattr(testcontainers_config, "_docker_auth_config", None)


def test_docker_path_imports_and_builds_its_container_under_warnings_as_errors(no_daemon, monkeypatch):
    monkeypatch.delitem(sys.modules, "docker_neo4j")  # import it afresh below; restored afterwards
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        module = importlib.import_module("docker_neo4j")
        container = module.neo4j_container(PASSWORD, docker_client_kw=CLIENT_KW)
    assert type(container).__module__ == "testcontainers.community.neo4j"
    assert container._container is None  # built, not started
    assert container.password == PASSWORD
    assert container.image.endswith("neo4j:5.26")


def test_docker_path_in_a_fresh_python_with_w_error():
    """Import and construction in a new interpreter, so that import-time warnings count too."""
    code = (
        "import json, docker_neo4j\n"
        "from docker.constants import DEFAULT_DOCKER_API_VERSION as v\n"
        f"c = docker_neo4j.neo4j_container({PASSWORD!r}, docker_client_kw={{'version': v}})\n"
        "print(json.dumps({'image': c.image, 'env': c.env, 'ports': sorted(c.ports), 'started': c._container is not None}))\n"
    )
    proc = run_python(code, DOCKER_HOST=NO_DAEMON, DOCKER_AUTH_CONFIG=None)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # e.g. no ResourceWarning printed as "Exception ignored"
    built = json.loads(proc.stdout)
    assert built["image"].endswith("neo4j:5.26")
    assert built["ports"] == ["7687"]
    assert built["started"] is False
    assert built["env"] == docker_neo4j.docker_env(docker_neo4j.read_settings())


def test_plain_testcontainers_construction_under_w_error():
    """The line the issue asks for, as a user would write it."""
    code = (
        "from testcontainers.community.neo4j import Neo4jContainer\n"
        "from docker.constants import DEFAULT_DOCKER_API_VERSION as v\n"
        "Neo4jContainer('neo4j:5.26', password='x' * 8, docker_client_kw={'version': v})\n"
    )
    proc = run_python(code, DOCKER_HOST=NO_DAEMON, DOCKER_AUTH_CONFIG=None)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_the_old_import_would_fail_the_fixture():
    """What tests/conftest.py imported before: deprecated (or gone) in the installed testcontainers."""
    proc = run_python("import testcontainers.neo4j")
    assert proc.returncode != 0
    assert "DeprecationWarning" in proc.stderr or "ModuleNotFoundError" in proc.stderr, proc.stderr


def test_testcontainers_container_carries_the_settings_file(no_daemon, settings):
    container = docker_neo4j.neo4j_container(PASSWORD, docker_client_kw=CLIENT_KW)
    assert container.image.endswith(f"neo4j:{settings['GRAPHKIT_SERVER_NEO4J_LINE']}")
    assert container.env == docker_neo4j.docker_env(settings)
    assert sorted(json.loads(container.env["NEO4J_PLUGINS"])) == ["apoc", "graph-data-science"]
    for key in set(container.env) - IMAGE_VARIABLES:
        assert docker_neo4j.setting_name(key) in NEO4J_5_SETTINGS, key


# ------------------------------------------------------------------------------ docker-compose.yml
@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text("utf-8"))


def compose_env(compose: dict) -> dict[str, str]:
    env = compose["services"]["neo4j"]["environment"]
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return env


def compose_auth_default(compose: dict) -> str:
    """The value of NEO4J_AUTH when the user's environment does not set it."""
    value = compose_env(compose)["NEO4J_AUTH"]
    match = re.fullmatch(r"\$\{NEO4J_AUTH:-([^}]*)\}", value)
    return match[1] if match else value


def test_compose_parses_with_a_neo4j_service(compose):
    assert isinstance(compose, dict)
    service = compose["services"]["neo4j"]
    assert service["image"] == "neo4j:5.26"
    env = compose_env(compose)
    for key, value in env.items():
        # Compose rejects booleans and the image wants strings: "false", not false.
        assert isinstance(value, str), f"{key}: {value!r} is not a string"


def test_compose_sets_auth_and_plugins(compose):
    env = compose_env(compose)
    assert compose_auth_default(compose).startswith("neo4j/")
    plugins = json.loads(env["NEO4J_PLUGINS"])
    assert isinstance(plugins, list)
    assert {"apoc", "graph-data-science"} <= set(plugins)


def test_compose_environment_names_real_neo4j_5_settings(compose):
    for key in compose_env(compose):
        if key in IMAGE_VARIABLES:
            continue
        assert key.startswith("NEO4J_"), key
        name = docker_neo4j.setting_name(key)
        assert name not in ENTERPRISE_ONLY, f"{key}: Neo4j 5.26 Community would refuse to start"
        assert name in NEO4J_5_SETTINGS, f"{key} -> {name}: not in the allow-list NEO4J_5_SETTINGS"
        assert docker_neo4j.docker_env_name(name) == key, f"{key}: `_` in a setting name is written `__`"


def test_compose_has_a_healthcheck(compose):
    check = compose["services"]["neo4j"]["healthcheck"]
    assert check["test"] and check["test"][0] in ("CMD", "CMD-SHELL")
    assert "7474" in " ".join(check["test"])
    assert check.get("retries", 0) > 0


def test_compose_ports_are_bound_to_localhost_only(compose):
    published = set()
    for port in compose["services"]["neo4j"]["ports"]:
        if isinstance(port, dict):  # long syntax
            assert port.get("host_ip") == "127.0.0.1", port
            published.add(int(port["target"]))
        else:
            parts = str(port).split("/")[0].split(":")
            assert len(parts) == 3 and parts[0] == "127.0.0.1", f"{port!r} is not bound to 127.0.0.1"
            published.add(int(parts[2]))
    assert published == {7474, 7687}


def test_compose_sets_exactly_the_settings_file(compose, settings):
    env = compose_env(compose)
    assert compose["services"]["neo4j"]["image"] == docker_neo4j.image(settings)
    assert compose_auth_default(compose) == f"neo4j/{settings['GRAPHKIT_SERVER_PASSWORD']}"
    expected = docker_neo4j.docker_env(settings)
    assert set(env) - {"NEO4J_AUTH"} == set(expected)
    for key, value in expected.items():
        if key == "NEO4J_PLUGINS":  # JSON: spacing may differ
            assert json.loads(env[key]) == json.loads(value)
        else:
            assert env[key] == value, key


def test_docker_compose_config_accepts_the_file(request):
    # Not an integration test (the conftest hook turns skipped integration tests into CI failures;
    # this one may skip anywhere).
    assert request.node.get_closest_marker("integration") is None
    assert request.node.path.parent.name != "integration"
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip(
            "no docker CLI: `docker compose -f docker-compose.yml config -q` not run "
            "(docker-compose.yml is checked statically by the other tests)"
        )
    version = subprocess.run([docker, "compose", "version"], capture_output=True, text=True, timeout=60)
    if version.returncode != 0:
        pytest.skip(
            f"the docker compose plugin is not installed (`docker compose version` exited "
            f"{version.returncode}): `docker compose -f docker-compose.yml config -q` not run "
            "(docker-compose.yml is checked statically by the other tests)"
        )
    proc = subprocess.run(
        [docker, "compose", "-f", str(COMPOSE), "config", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr


# ------------------------------------------------------------------------------ the local server
POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def pom_property(name: str) -> str:
    value = ET.parse(POM).getroot().findtext(f"m:properties/m:{name}", namespaces=POM_NS)
    assert value, f"{name} not in {POM}"
    return value.strip()


def release_line(version: str) -> str:
    return ".".join(version.split(".")[:2])


def local_versions() -> dict[str, str]:
    return {
        "pom.xml neo4j.version (harness)": release_line(pom_property("neo4j.version")),
        "pom.xml apoc.version": release_line(pom_property("apoc.version")),
    }


def local_plugins() -> dict[str, frozenset[str]]:
    coordinates = {
        (dep.findtext("m:groupId", namespaces=POM_NS), dep.findtext("m:artifactId", namespaces=POM_NS))
        for dep in ET.parse(POM).getroot().iterfind("m:dependencies/m:dependency", POM_NS)
    }
    from_pom = set()
    if ("org.neo4j.procedure", "apoc-core") in coordinates:
        from_pom.add("apoc")
    if ("org.neo4j.gds", "proc") in coordinates:
        from_pom.add("graph-data-science")
    # The launcher links exactly these jars into its plugins directory.
    launcher = set()
    if '"/org/neo4j/procedure/apoc-"' in LAUNCHER.read_text("utf-8"):
        launcher.add("apoc")
    if '"/org/neo4j/gds/"' in LAUNCHER.read_text("utf-8"):
        launcher.add("graph-data-science")
    return {"pom.xml dependencies": frozenset(from_pom), "Launcher.java preparePlugins": frozenset(launcher)}


def local_passwords() -> dict[str, str]:
    return {
        "scripts/neo4j-local": found(r'PASSWORD="\$\{GRAPHKIT_NEO4J_PASSWORD:-([^}"]+)\}"', NEO4J_LOCAL)[1],
        "Launcher.java": found(r'DEFAULT_PASSWORD\s*=\s*"([^"]+)"', LAUNCHER)[1],
    }


def local_heap_initial() -> dict[str, int]:
    return {"scripts/neo4j-local -Xms": size_bytes(found(r'"-Xms(\w+)"', NEO4J_LOCAL)[1])}


def local_heap_max() -> dict[str, int]:
    found(r'"-Xmx\$HEAP"', NEO4J_LOCAL)
    return {
        "scripts/neo4j-local -Xmx": size_bytes(
            found(r'HEAP="\$\{GRAPHKIT_NEO4J_HEAP:-(\w+)\}"', NEO4J_LOCAL)[1]
        )
    }


def local_pagecache() -> dict[str, int]:
    pattern = r'pagecache_memory,\s*ByteUnit\.parse\(env\("GRAPHKIT_NEO4J_PAGECACHE",\s*"(\w+)"\)\)'
    return {"Launcher.java": size_bytes(found(pattern, LAUNCHER)[1])}


def local_unrestricted() -> dict[str, frozenset[str]]:
    listed = found(r"procedure_unrestricted,\s*List\.of\(([^)]*)\)", LAUNCHER)[1]
    return {"Launcher.java": frozenset(re.findall(r'"([^"]+)"', listed))}


def local_usage_report() -> dict[str, str]:
    return {"Launcher.java udc_enabled": found(r"udc_enabled,\s*(true|false)\)", LAUNCHER)[1]}


def local_client_telemetry() -> dict[str, str]:
    return {
        "Launcher.java allow_telemetry": found(
            r"ServerSettings\.allow_telemetry,\s*(true|false)\)", LAUNCHER
        )[1]
    }


def entries(text: str) -> frozenset[str]:
    return frozenset(item.strip() for item in text.split(","))


# what -> (from the settings file, from the local server, from compose), each normalised for comparison
FromFile = Callable[[dict[str, str]], object]
FromLocal = Callable[[], dict[str, object]]
FromCompose = Callable[[dict], object]
AGREEMENT: dict[str, tuple[FromFile, FromLocal, FromCompose]] = {
    "Neo4j version line": (
        lambda s: s["GRAPHKIT_SERVER_NEO4J_LINE"],
        local_versions,
        lambda c: c["services"]["neo4j"]["image"].removeprefix("neo4j:"),
    ),
    "plugins": (
        lambda s: frozenset(docker_neo4j.plugins(s)),
        local_plugins,
        lambda c: frozenset(json.loads(compose_env(c)["NEO4J_PLUGINS"])),
    ),
    "default password": (
        lambda s: s["GRAPHKIT_SERVER_PASSWORD"],
        local_passwords,
        lambda c: compose_auth_default(c).removeprefix("neo4j/"),
    ),
    "server.memory.heap.initial_size": (
        lambda s: size_bytes(s["GRAPHKIT_SERVER_HEAP_INITIAL"]),
        local_heap_initial,
        lambda c: size_bytes(compose_env(c)["NEO4J_server_memory_heap_initial__size"]),
    ),
    "server.memory.heap.max_size": (
        lambda s: size_bytes(s["GRAPHKIT_SERVER_HEAP_MAX"]),
        local_heap_max,
        lambda c: size_bytes(compose_env(c)["NEO4J_server_memory_heap_max__size"]),
    ),
    "server.memory.pagecache.size": (
        lambda s: size_bytes(s["GRAPHKIT_SERVER_PAGECACHE"]),
        local_pagecache,
        lambda c: size_bytes(compose_env(c)["NEO4J_server_memory_pagecache_size"]),
    ),
    "dbms.security.procedures.unrestricted": (
        lambda s: entries(s["GRAPHKIT_SERVER_PROCEDURES_UNRESTRICTED"]),
        local_unrestricted,
        lambda c: entries(compose_env(c)["NEO4J_dbms_security_procedures_unrestricted"]),
    ),
    "dbms.usage_report.enabled": (
        lambda s: s["GRAPHKIT_SERVER_USAGE_REPORT"],
        local_usage_report,
        lambda c: compose_env(c)["NEO4J_dbms_usage__report_enabled"],
    ),
    "client.allow_telemetry": (
        lambda s: s["GRAPHKIT_SERVER_CLIENT_TELEMETRY"],
        local_client_telemetry,
        lambda c: compose_env(c)["NEO4J_client_allow__telemetry"],
    ),
}


@pytest.mark.parametrize("what", list(AGREEMENT))
def test_settings_file_local_server_and_compose_agree(what, settings, compose):
    """One setting at a time: the settings file, every place the local server defines it, and compose."""
    from_file, from_local, from_compose = AGREEMENT[what]
    values = {"scripts/neo4j-settings.env": from_file(settings)}
    values |= {f"local server: {where}": value for where, value in from_local().items()}
    values["docker-compose.yml"] = from_compose(compose)
    assert len(set(values.values())) == 1, values


def test_every_setting_of_the_file_is_compared_with_the_local_server_or_listed_as_missing_there():
    compared = {what for what in AGREEMENT if what in NEO4J_5_SETTINGS}
    assert compared | NOT_SET_BY_THE_LOCAL_SERVER == set(docker_neo4j.NEO4J_CONF_KEYS)
    assert not compared & NOT_SET_BY_THE_LOCAL_SERVER


def test_privacy_settings_are_off_in_every_path(settings, compose, no_daemon):
    """No usage report, no Browser product analytics: the settings file, compose, the testcontainers
    container and the local server all say "false" (AGREEMENT compares the values one by one)."""
    assert set(AGREEMENT) >= PRIVACY
    assert not PRIVACY & NOT_SET_BY_THE_LOCAL_SERVER
    conf = docker_neo4j.neo4j_conf(settings)
    container = docker_neo4j.neo4j_container(PASSWORD, docker_client_kw=CLIENT_KW)
    for name in PRIVACY:
        assert conf[name] == "false", name
        assert compose_env(compose)[docker_neo4j.docker_env_name(name)] == "false", name
        assert container.env[docker_neo4j.docker_env_name(name)] == "false", name
        assert set(AGREEMENT[name][1]().values()) == {"false"}, name


def test_enterprise_only_browser_setting_is_set_nowhere(settings, compose, no_daemon):
    """browser.allow_outgoing_connections would stop Neo4j 5.26 Community from starting."""
    container = docker_neo4j.neo4j_container(PASSWORD, docker_client_kw=CLIENT_KW)
    for name in ENTERPRISE_ONLY:
        env_name = docker_neo4j.docker_env_name(name)
        assert env_name not in compose_env(compose)
        assert env_name not in container.env
        assert name not in docker_neo4j.neo4j_conf(settings)
        assert name.rsplit(".", 1)[1] not in LAUNCHER.read_text("utf-8")
