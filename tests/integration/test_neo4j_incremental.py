"""Incremental loads against the real server: only what changed is written.

Row counts are worked out from the data files: the seed folder has 42 nodes (19 people,
organisations, events, 1 source, claims) and 39 relationships, 81 rows in all."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import DATA, cli_env, edit

import graphkit
from graphkit import neo4j as gn
from graphkit.cli import main
from graphkit.neo4j import load as gl

pytestmark = pytest.mark.integration
DS = "test-incremental"
MEMBER = "MEMBER_OF,zhipu,six-tigers,,,,,,confirmed,zhidx-2025-06-16,"


def load(driver, folder, dataset=DS, **kw) -> gn.LoadResult:
    return gn.load_graph(driver, graphkit.build_graph(folder), dataset, **kw)


def rel_count(driver, dataset=DS) -> int:
    return driver.execute_query(
        "MATCH ()-[r]->() WHERE r.graphkit_dataset = $ds RETURN count(r) AS n", ds=dataset
    ).records[0]["n"]


def props(driver, query: str, **params) -> list[dict]:
    return [dict(r["p"]) for r in driver.execute_query(query, **params).records]


def test_a_reload_of_unchanged_data_writes_nothing(neo4j_driver, neo4j_settings):
    first = load(neo4j_driver, DATA)
    assert first.rows == 81 and first.changes == 81
    assert (first.nodes_created, first.relationships_created) == (42, 39)
    again = load(neo4j_driver, DATA)
    assert again.changes == 0
    assert (again.nodes_created, again.relationships_created, again.properties_set) == (0, 0, 0)
    stored = props(neo4j_driver, "MATCH (n:Person {id: 'zhang-fan'}) RETURN properties(n) AS p")[0]
    want = next(r for r in gl.plan(graphkit.build_graph(DATA), DS).nodes["Person"] if r["id"] == "zhang-fan")
    assert stored[gl.HASH] == want["props"][gl.HASH]


def test_the_cli_says_0_changes(neo4j_driver, neo4j_settings):
    env = cli_env(neo4j_settings)
    runner = CliRunner(env=env)
    first = runner.invoke(main, ["load", str(DATA), "--dataset", DS], catch_exceptions=False)
    assert first.exit_code == 0 and "81 changes" in first.stdout
    second = runner.invoke(main, ["load", str(DATA), "--dataset", DS], catch_exceptions=False)
    assert second.exit_code == 0
    assert second.stdout.startswith("0 changes: Neo4j at ")
    assert "already holds the 81 rows" in second.stdout and "nothing was written" in second.stdout


def test_one_edited_quote_is_one_change(neo4j_driver, data_copy: Path):
    load(neo4j_driver, data_copy)
    edit(data_copy / "relationships.csv", MEMBER + '"2025年上半年', MEMBER + '"改过的 2025年上半年')
    result = load(neo4j_driver, data_copy)
    assert result.changes == 1
    assert (result.nodes_created, result.relationships_created) == (0, 0)
    quotes = props(
        neo4j_driver,
        "MATCH (:Company {id: 'zhipu'})-[r:MEMBER_OF]->() RETURN {q: r.quotes, e: r.evidence} AS p",
    )[0]
    assert quotes["e"].startswith("改过的") and quotes["q"][0].startswith("改过的")
    assert load(neo4j_driver, data_copy).changes == 0


def test_a_removed_fact_changes_nothing_without_prune_and_one_row_with_it(neo4j_driver, data_copy: Path):
    load(neo4j_driver, data_copy)
    assert rel_count(neo4j_driver) == 39
    path = data_copy / "relationships.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if not ln.startswith(MEMBER)), "utf-8")
    kept = load(neo4j_driver, data_copy)
    assert kept.changes == 0 and rel_count(neo4j_driver) == 39
    pruned = load(neo4j_driver, data_copy, prune=True)
    assert pruned.changes == 1 and pruned.pruned_relationships == 1
    assert rel_count(neo4j_driver) == 38
    assert load(neo4j_driver, data_copy, prune=True).changes == 0


def test_a_new_person_adds_exactly_their_rows(neo4j_driver, data_copy: Path):
    load(neo4j_driver, data_copy)
    with (data_copy / "people.csv").open("a", encoding="utf-8") as f:
        f.write("new-person,新人,New Person,,false,zhidx-2025-06-16,\n")
    with (data_copy / "relationships.csv").open("a", encoding="utf-8") as f:
        f.write('WORKED_AT,new-person,zhipu,,,,,,confirmed,zhidx-2025-06-16,"新人在智谱。",\n')
    result = load(neo4j_driver, data_copy)
    assert result.changes == 2  # the person and the one stint; nobody else's rows change
    assert (result.nodes_created, result.relationships_created) == (1, 1)


def test_a_change_set_too_big_is_refused_before_anything_is_written(neo4j_driver, neo4j_settings):
    env = cli_env(neo4j_settings)
    r = CliRunner(env=env).invoke(main, ["load", str(DATA), "--dataset", DS, "--max-changes", "80"])
    assert r.exit_code == 9
    assert "would change 81 rows" in r.output and "--bulk" in r.output and "nothing was written" in r.output
    assert "Traceback" not in r.output
    assert rel_count(neo4j_driver) == 0
    assert (
        neo4j_driver.execute_query(
            "MATCH (n) WHERE n.graphkit_dataset = $ds RETURN count(n) AS n", ds=DS
        ).records[0]["n"]
        == 0
    )
    ok = CliRunner(env=env).invoke(main, ["load", str(DATA), "--dataset", DS, "--max-changes", "81"])
    assert ok.exit_code == 0, ok.output
    assert rel_count(neo4j_driver) == 39


def test_the_limit_comes_from_the_server_s_memory(neo4j_driver):
    limit = gl.max_changes(neo4j_driver)
    # the local server's 1 GB heap (scripts/neo4j-settings.env), half of it, 3,000 bytes a row
    assert limit is not None and 120_000 <= limit <= 200_000


def test_an_edit_in_browser_is_undone_by_rewrite_only(neo4j_driver, neo4j_settings, data_copy: Path):
    """A hash says what the last load wrote: a property edited by hand keeps it, so neither
    the fingerprint nor --recheck sees the edit; --rewrite writes every row again."""
    runner = CliRunner(env=cli_env(neo4j_settings))

    def cli(*extra: str) -> str:
        r = runner.invoke(main, ["load", str(data_copy), "--dataset", DS, *extra], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        return r.stdout

    assert "81 changes" in cli()
    name = "MATCH (n:Person {id: 'zhang-fan'}) RETURN n.name AS p"
    neo4j_driver.execute_query("MATCH (n:Person {id: 'zhang-fan'}) SET n.name = '<b>edited</b>'")
    assert cli().startswith("0 changes")
    assert cli("--recheck").startswith("0 changes")
    assert neo4j_driver.execute_query(name).records[0]["p"] == "<b>edited</b>"
    out = cli("--rewrite")
    assert "81 changes, 0 nodes and 0 relationships created" in out
    assert neo4j_driver.execute_query(name).records[0]["p"] == "张帆"
    assert cli().startswith("0 changes")
    # a deleted relationship has no hash left: --recheck writes it back
    neo4j_driver.execute_query("MATCH (:Company {id: 'zhipu'})-[r:MEMBER_OF]->() DELETE r")
    assert "1 change, 0 nodes and 1 relationship created" in cli("--recheck")


def test_the_stored_hashes_are_every_row_s_and_the_ids_only_for_prune(neo4j_driver):
    load(neo4j_driver, DATA)
    p = gl.plan(graphkit.build_graph(DATA), DS)
    rows = [(label, r["id"], r) for label, rs in p.nodes.items() for r in rs]
    rows += [(group[0], r["key"], r) for group, rs in p.rels.items() for r in rs]
    assert len(rows) == 81
    with neo4j_driver.session() as s:
        held, ours = s.execute_read(gl.stored_hashes, DS, p.folders)
        held_too, ours_too = s.execute_read(gl.stored_hashes, DS, p.folders, ours=True)
        other, _ = s.execute_read(gl.stored_hashes, "test-incremental-none", p.folders, ours=True)
    assert held == held_too == other  # every stored row's hash, whoever's it is
    assert {bytes.fromhex(r["props"][gl.HASH]) for _, _, r in rows} <= held
    assert ours == set()  # the ids are read for --prune only
    assert ours_too == {(what, ident) for what, ident, _ in rows}
    assert ("Person", "zhang-fan") in ours_too
