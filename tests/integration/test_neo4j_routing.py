"""Routing URIs (clusters and Aura) against the local server: ``neo4j://`` asks the server
for a routing table and sends reads and writes where it says; a single server routes to
itself. ``neo4j+s://`` needs TLS, which the local server does not offer: the message says
so in one line. A real cluster and Aura are not tested here (README, "At scale")."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import DATA, cli_env

from graphkit import neo4j as gn
from graphkit.cli import main

pytestmark = pytest.mark.integration
DS = "test-routing"


def routed(settings: gn.Settings, scheme: str = "neo4j") -> gn.Settings:
    host = settings.uri.split("://", 1)[1]
    return gn.Settings(uri=f"{scheme}://{host}", user=settings.user, password=settings.password)


def test_a_routing_uri_loads_and_queries(neo4j_driver, neo4j_settings):
    settings = routed(neo4j_settings)
    driver = gn.connect(settings)
    try:
        assert type(driver).__name__ == "Neo4jDriver"  # the routing driver, not BoltDriver
        table = driver.execute_query(
            "CALL dbms.routing.getRoutingTable({}) YIELD servers RETURN servers"
        ).records
        roles = {s["role"] for s in table[0]["servers"]}
        assert roles == {"WRITE", "READ", "ROUTE"}
        env = cli_env(settings)
        first = CliRunner(env=env).invoke(main, ["load", str(DATA), "--dataset", DS], catch_exceptions=False)
        assert first.exit_code == 0 and "81 changes" in first.stdout and "into neo4j://" in first.stdout
        again = CliRunner(env=env).invoke(main, ["load", str(DATA), "--dataset", DS], catch_exceptions=False)
        assert again.stdout.startswith("0 changes")
        assert gn.load.max_changes(driver) is not None  # read through the routing table's readers
        q = CliRunner(env=env).invoke(main, ["query", "cofounders_who_left", "--format", "csv"])
        assert q.exit_code == 0 and "洪涛,Hong Tao,百川智能" in q.stdout
    finally:
        driver.close()


def test_a_tls_routing_uri_without_tls_is_one_clear_line(neo4j_settings):
    settings = routed(neo4j_settings, "neo4j+s")
    env = cli_env(settings)
    r = CliRunner(env=env).invoke(main, ["load", str(DATA), "--dataset", DS])
    assert r.exit_code == 3, r.output
    assert "cannot reach Neo4j at neo4j+s://" in r.output and "Traceback" not in r.output
