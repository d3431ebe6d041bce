from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from helpers import DATA, ROOT
from hypothesis import settings

# bench/synthetic.py (seeded synthetic graphs) serves the tests and the benchmarks.
sys.path.insert(0, str(ROOT / "bench"))

# Property tests explore new random examples on every local run; on CI (CI=true) they
# run a fixed, derandomised set, so that a run is repeatable and its result is the code's.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On CI (CI=true) a skipped integration test is a failure."""
    outcome = yield
    report = outcome.get_result()
    on_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    integration = item.get_closest_marker("integration") or item.path.parent.name == "integration"
    if on_ci and report.skipped and integration:
        report.outcome = "failed"
        report.longrepr = f"skipped on CI, which counts as a failure: {report.longrepr}"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


# --------------------------------------------------------------- Neo4j server
def _docker_answers() -> bool:
    """Whether a Docker daemon answers ``GET /_ping``. Every socket is closed (an open one
    would be a ResourceWarning, which filterwarnings = error turns into a failure)."""
    import socket

    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    try:
        if host.startswith("unix://"):
            path = host.removeprefix("unix://")
            if not os.path.exists(path):
                return False
            conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            address: object = path
        elif host.startswith("tcp://"):
            name, _, port = host.removeprefix("tcp://").partition(":")
            conn = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            address = (name, int(port or 2375))
        else:
            return False
        with conn:
            conn.settimeout(3)
            conn.connect(address)
            conn.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            return conn.recv(1024).split(b"\r\n", 1)[0].endswith(b"200 OK")
    except (OSError, ValueError):
        return False


@pytest.fixture(scope="session")
def neo4j_settings():
    """A real Neo4j 5 server, in this order: NEO4J_URI; testcontainers when a
    Docker daemon answers; scripts/neo4j-local (Java 17 + Maven). Skips (a
    failure on CI) when none of them works."""
    from graphkit.neo4j import Settings

    if os.environ.get("NEO4J_URI"):
        yield Settings.from_env()
        return
    if _docker_answers():
        from docker_neo4j import neo4j_container

        container = neo4j_container(password="graphkit-test-password")
        with container:
            yield Settings(
                uri=container.get_connection_url(), user="neo4j", password="graphkit-test-password"
            )
        return
    script = ROOT / "scripts" / "neo4j-local"
    import subprocess

    try:
        out = subprocess.run(
            [str(script), "start"], capture_output=True, text=True, timeout=900, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"no Neo4j server: NEO4J_URI unset, no Docker, scripts/neo4j-local failed: {exc}")
    env = dict(
        line.removeprefix("export ").split("=", 1) for line in out.splitlines() if line.startswith("export ")
    )
    try:
        yield Settings.from_env(env={k: v.strip("'\"") for k, v in env.items()})
    finally:
        subprocess.run([str(script), "stop"], capture_output=True, timeout=120, check=False)


TEST_PREFIX = "test-"


def wipe_test_data(driver) -> None:
    with driver.session() as s:
        s.run(
            "MATCH (n) WHERE n.graphkit_dataset STARTS WITH $p OR n:GraphkitTestSentinel DETACH DELETE n",
            p=TEST_PREFIX,
        ).consume()


@pytest.fixture
def neo4j_driver(neo4j_settings):
    """A driver on a database from which earlier test data has been removed.

    Tests tag everything they load with a dataset name starting with 'test-' and
    this fixture deletes exactly that (and test sentinels) before and after."""
    from graphkit.neo4j import connect

    driver = connect(neo4j_settings)
    wipe_test_data(driver)
    yield driver
    wipe_test_data(driver)
    driver.close()
