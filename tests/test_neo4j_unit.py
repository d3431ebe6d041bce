"""Parts of the Neo4j module that need no server: settings, messages, queries."""

import pytest

from graphkit import SettingsError
from graphkit import neo4j as gn


def test_settings_from_environment_and_overrides():
    env = {
        "NEO4J_URI": "neo4j+s://x.databases.neo4j.io",
        "NEO4J_USERNAME": "u",
        "NEO4J_PASSWORD": "p",
        "NEO4J_DATABASE": "talent",
    }
    s = gn.Settings.from_env(env=env)
    assert (s.uri, s.user, s.password, s.database) == ("neo4j+s://x.databases.neo4j.io", "u", "p", "talent")
    o = gn.Settings.from_env(uri="bolt://h:1", user="v", password="q", database="d", env=env)
    assert (o.uri, o.user, o.password, o.database) == ("bolt://h:1", "v", "q", "d")
    d = gn.Settings.from_env(env={})
    assert (d.uri, d.user, d.password, d.database) == ("bolt://localhost:7687", "neo4j", None, None)


def test_no_password_is_a_settings_error():
    with pytest.raises(SettingsError, match="no Neo4j password: set NEO4J_PASSWORD or pass --password"):
        gn.connect(gn.Settings(uri="bolt://localhost:7687"))


def test_transaction_memory_message():
    class ServerError(Exception):
        code = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
        message = (
            "The allocation of an extra 2.0 MiB would use more than the limit 716.8 MiB. Currently using "
            "715.0 MiB. dbms.memory.transaction.total.max threshold reached"
        )

    err = gn.translate(ServerError(), gn.Settings())
    assert str(err).startswith("Neo4j ran out of transaction memory: a load is one transaction")


def test_queries_only_use_labels_from_the_vocabulary():
    with pytest.raises(ValueError):
        gn.node_query("Person {id: 1}) DETACH DELETE n //")
    assert gn.node_query("Person").startswith("UNWIND $rows AS row MERGE (n:Person {id: row.id}) ")


def test_every_named_query_declares_its_parameters():
    queries = gn.named_queries()
    assert set(queries) >= {
        "departures",
        "destinations",
        "capital_follows_talent",
        "cofounders_who_left",
        "commercial_leaders_who_left",
        "alumni",
        "talent_flow",
        "person_timeline",
        "recruiting_attempts",
        "pivots",
    }
    for q in queries.values():
        used = set(__import__("re").findall(r"\$(\w+)", q.text.split("\n", 1)[1]))
        body_params = {
            p
            for p in used
            if f"${p}" in "\n".join(line for line in q.text.splitlines() if not line.startswith("//"))
        }
        assert body_params == set(q.params), q.name


def test_parse_params():
    assert gn.parse_params(["since=2025-01-01", "min_people=3"]) == {"since": "2025-01-01", "min_people": 3}
    with pytest.raises(SettingsError):
        gn.parse_params(["oops"])


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (5_000, None),  # exact up to exact_max: no sampling option at all
        (5_001, "samplingSize: 256, samplingSeed: 0"),
        (200_000, "samplingSize: 256, samplingSeed: 0"),
        (200_001, "samplingSize: 128, samplingSeed: 0"),  # the in-process engines' pivots above 200k
    ],
)
def test_gds_betweenness_samples_as_many_pivots_as_the_in_process_engines(n, expected):
    from graphkit.metrics import Options
    from graphkit.neo4j import gds

    call = gds._calls(n, Options())["betweenness"]
    if expected is None:
        assert call == "CALL gds.betweenness.stream($name) YIELD nodeId, score"
    else:
        assert expected in call
