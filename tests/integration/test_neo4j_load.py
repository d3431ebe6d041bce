"""The loader against a real Neo4j 5 server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import DATA, edit, snapshot

import graphkit
from graphkit import neo4j as gn
from graphkit.neo4j import load as gl

pytestmark = pytest.mark.integration
DS = "test-seed"


def nx_counts() -> dict[str, int]:
    g = graphkit.build_graph(DATA)
    counts = graphkit.graph_counts(g)
    counts["Source"] = len(g.graph["sources"])
    counts["Claim"] = len(g.graph["claims"])
    return counts


def load(driver, directory=DATA, dataset=DS, **kw):
    g = graphkit.build_graph(directory)
    return gn.load_graph(driver, g, dataset, **kw)


def test_load_twice_gives_identical_counts_and_properties(neo4j_driver):
    first = load(neo4j_driver)
    counts = gn.graph_counts(neo4j_driver, dataset=DS)
    assert counts == nx_counts()
    # 17 people + 15 organisations + 2 events + 2 sources + 6 claims; 39 relationships
    # (the 16 derived departures are properties of 16 of them)
    assert first.nodes_created == 42
    assert first.relationships_created == 39
    before = snapshot(neo4j_driver, DS)
    second = load(neo4j_driver)
    assert (second.nodes_created, second.relationships_created) == (0, 0)
    assert gn.graph_counts(neo4j_driver, dataset=DS) == counts
    assert snapshot(neo4j_driver, DS) == before


def test_properties_dates_and_provenance_are_stored(neo4j_driver):
    load(neo4j_driver)
    with neo4j_driver.session() as s:
        r = s.run(
            "MATCH (:Person {id:'hong-tao'})-[w:WORKED_AT]->(:Company {id:'baichuan'}) RETURN w"
        ).single()["w"]
        assert r["end"] == "2024-12/2025-06"
        assert r["end_earliest"].iso_format() == "2024-12-01"
        assert r["end_latest"].iso_format() == "2025-06-30"
        assert r["role_category"] == ["founder", "commercial"]
        assert r["sources"] == ["zhidx-2025-06-16"]
        assert r["status"] == "confirmed"
        assert "洪涛" in r["evidence"]
        src = s.run("MATCH (s:Source {id:'zhidx-2025-06-16'}) RETURN s").single()["s"]
        assert src["publisher"] == "智东西"
        p = s.run("MATCH (p:Person {id:'01ai-exec-3'}) RETURN p").single()["p"]
        assert p["unnamed"] is True


def test_edited_dataset_updates_and_prune_removes_only_what_vanished(neo4j_driver, data_copy: Path):
    load(neo4j_driver, data_copy)
    with neo4j_driver.session() as s:
        s.run("CREATE (:GraphkitTestSentinel {id: 'keep-me'})").consume()
        # someone else's relationship onto a graphkit node
        s.run(
            "MATCH (p:Person {id:'luo-fuli'}) CREATE (:GraphkitTestSentinel {id:'note'})-[:MENTIONS]->(p)"
        ).consume()
    rel = data_copy / "relationships.csv"
    edit(rel, "首席战略官,Chief strategy officer", "首席战略官,CSO")
    text = rel.read_text("utf-8").splitlines(keepends=True)
    rel.write_text("".join(line for line in text if not line.startswith("APPROACHED,")), "utf-8")
    people = data_copy / "people.csv"
    people.write_text(
        "".join(
            line for line in people.read_text("utf-8").splitlines(keepends=True) if "luo-fuli" not in line
        ),
        "utf-8",
    )
    rel.write_text(
        "".join(line for line in rel.read_text("utf-8").splitlines(keepends=True) if "luo-fuli" not in line),
        "utf-8",
    )

    load(neo4j_driver, data_copy)  # no prune: the vanished facts stay
    with neo4j_driver.session() as s:
        role_en = s.run("MATCH (:Person {id:'zhang-kuo'})-[w:WORKED_AT]->() RETURN w.role_en AS r").single()[
            "r"
        ]
        assert role_en == "CSO"
        assert s.run("MATCH ()-[r:APPROACHED]->() RETURN count(r) AS n").single()["n"] == 1

    result = load(neo4j_driver, data_copy, prune=True)
    assert result.pruned_relationships == 2  # APPROACHED and luo-fuli's WORKED_AT
    assert result.kept_nodes == 1  # luo-fuli: still linked by someone else's MENTIONS
    with neo4j_driver.session() as s:
        assert s.run("MATCH ()-[r:APPROACHED]->() RETURN count(r) AS n").single()["n"] == 0
        assert s.run("MATCH (n:GraphkitTestSentinel) RETURN count(n) AS n").single()["n"] == 2
        assert s.run("MATCH ()-[r:MENTIONS]->() RETURN count(r) AS n").single()["n"] == 1
        assert s.run("MATCH (c:Company {id:'deepseek'}) RETURN count(c) AS n").single()["n"] == 1


def test_a_progress_bar_is_given_the_row_count_and_advanced_to_it(neo4j_driver, neo4j_settings):
    # what `graphkit load` shows in a terminal; the total is counted, not planned
    from contextlib import contextmanager

    bars: list[tuple[int, list[int]]] = []

    @contextmanager
    def bar(total):
        steps: list[int] = []
        bars.append((total, steps))
        yield steps.append

    first = graphkit.api.load(DATA, neo4j_settings, dataset=DS, progress_bar=bar, batch_size=10)
    again = graphkit.api.load(DATA, neo4j_settings, dataset=DS, progress_bar=bar, check_files=False)
    # 17 people + 15 organisations + 2 events + 2 sources + 6 claims; 39 relationships
    assert [total for total, _ in bars] == [42 + 39, 42 + 39]
    assert sum(bars[0][1]) == 81 and max(bars[0][1]) <= 10  # a step a batch
    assert bars[1][1] == [81]  # nothing changed: every row done at once
    assert (first.changes, again.changes) == (81, 0)


def test_prune_deletes_vanished_nodes(neo4j_driver, data_copy: Path):
    load(neo4j_driver, data_copy)
    claims = data_copy / "claims.csv"
    claims.write_text(claims.read_text("utf-8").splitlines(keepends=True)[0], "utf-8")
    result = load(neo4j_driver, data_copy, prune=True)
    assert result.pruned_nodes == 6
    assert gn.graph_counts(neo4j_driver, dataset=DS).get("Claim", 0) == 0


def test_invalid_data_writes_nothing(neo4j_driver, data_copy: Path):
    edit(data_copy / "relationships.csv", "FOUNDED,zhang-fan,", "FOUNDED,nobody,")
    settings = gn.Settings.from_env()
    with pytest.raises(graphkit.InvalidData):
        graphkit.api.load(data_copy, settings, dataset=DS)
    assert gn.graph_counts(neo4j_driver, dataset=DS) == {}


def test_constraint_violation_midway_rolls_everything_back(neo4j_driver):
    load(neo4j_driver, dataset="test-before")
    before = snapshot(neo4j_driver, "test-before")
    with neo4j_driver.session() as s:
        s.run(
            "CREATE CONSTRAINT graphkit_test_unique_name IF NOT EXISTS "
            "FOR (n:GraphkitTestSentinel) REQUIRE n.name IS UNIQUE"
        ).consume()
        s.run("CREATE (:GraphkitTestSentinel {name: 'taken'})").consume()
    g = graphkit.build_graph(DATA)
    # The last relationship batch adds a label that collides with the constraint.
    original = gl.rel_query

    def colliding(rtype, a, b):
        q = original(rtype, a, b)
        if rtype == "MEMBER_OF":
            q += " WITH a LIMIT 1 CREATE (:GraphkitTestSentinel {name: 'taken'})"
        return q

    try:
        gl.rel_query = colliding
        with pytest.raises(gn.LoadFailed, match="rolled back, Neo4j is as it was before"):
            gn.load_graph(neo4j_driver, g, "test-after", batch_size=3)
    finally:
        gl.rel_query = original
        with neo4j_driver.session() as s:
            s.run("DROP CONSTRAINT graphkit_test_unique_name IF EXISTS").consume()
    assert gn.graph_counts(neo4j_driver, dataset="test-after") == {}
    assert snapshot(neo4j_driver, "test-before") == before
    with neo4j_driver.session() as s:
        assert s.run("MATCH (n:GraphkitTestSentinel) RETURN count(n) AS n").single()["n"] == 1


def test_statement_error_midway_rolls_back(neo4j_driver, monkeypatch):
    original = gl.node_query
    monkeypatch.setattr(
        gl, "node_query", lambda label: original(label) + (" RETURN 1/0" if label == "Startup" else "")
    )
    g = graphkit.build_graph(DATA)
    with pytest.raises(gn.LoadFailed) as info:
        gn.load_graph(neo4j_driver, g, DS, batch_size=2)
    assert "/ by zero" in str(info.value)
    assert gn.graph_counts(neo4j_driver, dataset=DS) == {}


HOSTILE = [
    "x'}) MATCH (n) DETACH DELETE n //",
    'x"}) MATCH (n) DETACH DELETE n //',
    "`Person` `) DETACH DELETE n",
    "\u202egnp.exe\u202c \u2066rtl\u2069",
    "<script>alert(1)</script>",
    "$rows {id: 1}",
]


def test_hostile_text_loads_literally_and_changes_nothing_else(neo4j_driver, tmp_path: Path):
    d = tmp_path / "hostile"
    shutil.copytree(DATA, d)
    with (d / "people.csv").open("a", encoding="utf-8", newline="") as f:
        import csv

        w = csv.writer(f, lineterminator="\n")
        for i, name in enumerate(HOSTILE):
            w.writerow([f"hostile-{i}", name, name, name, "false", "zhidx-2025-06-16", name])
    with neo4j_driver.session() as s:
        s.run("CREATE (:GraphkitTestSentinel {id: 'still-here'})").consume()
    load(neo4j_driver, d, dataset="test-hostile")
    with neo4j_driver.session() as s:
        got = s.run(
            "MATCH (p:Person) WHERE p.id STARTS WITH 'hostile-' RETURN p.id AS id, p.name AS name, "
            "p.aliases AS aliases, p.note AS note ORDER BY p.id"
        ).data()
        assert [r["name"] for r in got] == HOSTILE
        assert [r["aliases"] for r in got] == [[n] for n in HOSTILE]
        assert (
            s.run("MATCH (n:GraphkitTestSentinel {id:'still-here'}) RETURN count(n) AS n").single()["n"] == 1
        )
    assert gn.graph_counts(neo4j_driver, dataset="test-hostile")["Person"] == 17 + len(HOSTILE)


# ------------------------------------------------------------------ errors
def test_unreachable_server():
    with pytest.raises(gn.Unreachable, match=r"cannot reach Neo4j at bolt://127\.0\.0\.1:1"):
        gn.connect(gn.Settings(uri="bolt://127.0.0.1:1", password="x"))


def test_wrong_password(neo4j_settings):
    bad = gn.Settings(uri=neo4j_settings.uri, user=neo4j_settings.user, password="definitely-wrong")
    with pytest.raises(gn.AuthFailed) as info:
        gn.connect(bad)
    assert str(info.value) == f"Neo4j at {bad.uri} rejected the username or password for 'neo4j'"
    assert info.value.exit_code == 4


def test_unknown_database(neo4j_settings):
    bad = gn.Settings(
        uri=neo4j_settings.uri,
        user=neo4j_settings.user,
        password=neo4j_settings.password,
        database="nosuchdb",
    )
    with pytest.raises(gn.UnknownDatabase) as info:
        gn.connect(bad)
    assert str(info.value) == f"Neo4j at {bad.uri} has no database 'nosuchdb'"
    assert info.value.exit_code == 5


def test_missing_plugin_is_named(neo4j_driver, neo4j_settings):
    with neo4j_driver.session() as s, pytest.raises(Exception) as info:
        s.run("RETURN gds.nosuch.function() AS x").consume()
    err = gn.translate(info.value, neo4j_settings)
    assert isinstance(err, gn.MissingPlugin)
    assert err.exit_code == 6
    assert str(err).startswith("this needs the Graph Data Science plugin")


def test_bad_uri_is_a_settings_error():
    with pytest.raises(graphkit.SettingsError, match="unsupported Neo4j URI 'http://x'"):
        gn.connect(gn.Settings(uri="http://x", password="x"))
