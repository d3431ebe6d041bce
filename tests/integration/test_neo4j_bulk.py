"""`graphkit load --bulk` against a private real server (the import replaces its store):
the same graph as a normal load, on the data and on the careers fixture; a reload is
"0 changes"; a failed import leaves the store as it was."""

from __future__ import annotations

import subprocess

import pytest
from helpers import DATA_ALL, FIXTURES, ROOT, snapshot

import graphkit
from graphkit import api
from graphkit import neo4j as gn
from graphkit.neo4j import bulk

pytestmark = pytest.mark.integration
GRAPHKIT = ROOT / ".venv" / "bin" / "graphkit"


@pytest.fixture
def server(private_server) -> dict[str, str]:
    """The private server's environment (its NEO4J_* and GRAPHKIT_NEO4J_ADMIN)."""
    return private_server.env


def settings(env) -> gn.Settings:
    return gn.Settings.from_env(env=env)


def graphkit_cli(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(GRAPHKIT), *args], capture_output=True, text=True, env=env, timeout=900, check=False
    )


def wipe(env) -> None:
    driver = gn.connect(settings(env))
    try:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    finally:
        driver.close()


def state(env, dataset: str) -> tuple[str, list, list]:
    driver = gn.connect(settings(env))
    try:
        constraints = sorted(r["name"] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name").records)
        indexes = sorted(
            r["name"]
            for r in driver.execute_query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'").records
        )
        return snapshot(driver, dataset), constraints, indexes
    finally:
        driver.close()


def departures(env) -> list:
    driver = gn.connect(settings(env))
    try:
        return gn.run_query(driver, "departures", {"since": "2000-01-01", "until": "2030-12-31"})[1]
    finally:
        driver.close()


@pytest.mark.parametrize("folder", [DATA_ALL, FIXTURES / "careers"], ids=["data", "careers"])
def test_bulk_gives_the_graph_a_normal_load_gives(server, folder):
    env = server
    wipe(env)
    normal = graphkit_cli(env, "load", str(folder), "--dataset", "bulk-check")
    assert normal.returncode == 0, normal.stderr
    want, want_constraints, want_indexes = state(env, "bulk-check")
    want_departures = departures(env)
    assert len(want_departures) > 3  # the moves are there to compare

    imported = graphkit_cli(env, "load", "--bulk", str(folder), "--dataset", "bulk-check")
    assert imported.returncode == 0, imported.stderr
    assert "into a new store" in imported.stdout
    got, constraints, indexes = state(env, "bulk-check")
    assert got == want  # every node and relationship, with every property (moves, hashes, quotes)
    assert constraints == want_constraints and len(constraints) == 8  # 6 kinds, Source, Claim
    assert indexes == want_indexes
    assert departures(env) == want_departures

    again = graphkit_cli(env, "load", str(folder), "--dataset", "bulk-check")
    assert again.returncode == 0 and again.stdout.startswith("0 changes"), again.stdout
    compared = api.load(folder, settings(env), dataset="bulk-check", check_files=False)
    assert compared.changes == 0  # row by row too, not only by the files' fingerprint


def test_a_failed_import_leaves_the_store_as_it_was(server, tmp_path):
    env = server
    wipe(env)
    assert graphkit_cli(env, "load", str(DATA_ALL), "--dataset", "kept").returncode == 0
    before = state(env, "kept")
    files = bulk.write_import(graphkit.build_graph(FIXTURES / "careers"), "broken", tmp_path / "import")
    rels = next((tmp_path / "import").glob("rels-WORKED_AT-*.csv"))
    with rels.open("a", encoding="utf-8") as f:
        f.write("nobody,nowhere\n")  # a relationship between nodes that do not exist
    with pytest.raises(bulk.BulkFailed) as err:
        bulk.run_import(files, env["GRAPHKIT_NEO4J_ADMIN"], None)
    assert "store is as it was before" in str(err.value) and "nobody" in str(err.value)
    assert state(env, "kept") == before


def test_bulk_needs_an_admin_command_and_says_so(server, tmp_path):
    env = {k: v for k, v in server.items() if k != "GRAPHKIT_NEO4J_ADMIN"}
    r = graphkit_cli(env, "load", "--bulk", str(DATA_ALL))
    assert r.returncode == 2 and "no neo4j-admin command" in r.stderr and "Traceback" not in r.stderr
    r = graphkit_cli(env, "load", "--bulk", str(DATA_ALL), "--prune")
    assert r.returncode == 2 and "--prune" in r.stderr
    out = tmp_path / "files"
    r = graphkit_cli(env, "load", "--bulk", str(DATA_ALL), "--files-only", "--import-dir", str(out))
    assert r.returncode == 0 and "wrote the import files of 48 nodes and 44 relationships" in r.stdout
    assert "--array-delimiter=$'\\x1f'" in r.stdout and (out / "import.args").is_file()
