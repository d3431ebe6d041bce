"""`graphkit load` and `graphkit query` through the CLI, against the real server."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from helpers import DATA, cli_env

from graphkit.cli import main

pytestmark = pytest.mark.integration


def run(settings, *args, **env):
    environ = cli_env(settings, **env)
    return CliRunner(env=environ).invoke(main, list(args), catch_exceptions=False)


def test_load_twice_then_query(neo4j_driver, neo4j_settings):
    first = run(neo4j_settings, "load", str(DATA), "--dataset", "test-cli")
    assert first.exit_code == 0, first.output
    assert "loaded 81 rows" in first.stdout  # 42 nodes + 39 relationships (moves ride on them)
    assert "42 nodes and 39 relationships created" in first.stdout
    second = run(neo4j_settings, "load", str(DATA), "--dataset", "test-cli")
    assert second.exit_code == 0
    assert second.stdout.startswith("0 changes: ") and "already holds the 81 rows" in second.stdout

    r = run(neo4j_settings, "query", "cofounders_who_left", "--format", "csv")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "person,person_en,company,role,left_when,outcome"
    assert lines[1:] == [
        "洪涛,Hong Tao,百川智能,联合创始人、商业化负责人,2024-12/2025-06,unknown",
        "戴宗宏,Dai Zonghong,零一万物,联合创始人、技术副总裁,2025-40,founded",
        "谷雪梅,Gu Xuemei,零一万物,联合创始人,2025-40,unknown",
    ]

    j = run(
        neo4j_settings,
        "query",
        "departures",
        "--param",
        "since=2024-11-01",
        "--param",
        "until=2024-11-30",
        "--format",
        "json",
    )
    assert j.exit_code == 0
    assert [(r["company"], r["certain"]) for r in json.loads(j.stdout)] == [("月之暗面", 3)]

    t = run(neo4j_settings, "query", "recruiting_attempts")
    assert t.exit_code == 0
    assert t.stdout.splitlines()[1].split("\t")[:5] == ["小米", "罗福莉", "DeepSeek", "2024-12~", "attempted"]


def test_wrong_password_exit_code(neo4j_settings):
    r = run(neo4j_settings, "load", str(DATA), "--password", "wrong-password", "--dataset", "test-cli")
    assert r.exit_code == 4
    assert r.stderr == (
        f"graphkit: Neo4j at {neo4j_settings.uri} rejected the username or password for 'neo4j'\n"
    )


def test_unreachable_exit_code(neo4j_settings):
    r = run(neo4j_settings, "query", "pivots", "--uri", "bolt://127.0.0.1:1")
    assert r.exit_code == 3
    assert r.stderr.startswith("graphkit: cannot reach Neo4j at bolt://127.0.0.1:1")


def test_unknown_database_exit_code(neo4j_settings):
    r = run(neo4j_settings, "query", "pivots", NEO4J_DATABASE="nosuchdb")
    assert r.exit_code == 5
    assert r.stderr == f"graphkit: Neo4j at {neo4j_settings.uri} has no database 'nosuchdb'\n"


def test_bad_param_is_usage_error(neo4j_settings):
    r = run(neo4j_settings, "query", "departures", "--param", "since")
    assert r.exit_code == 2
    assert r.stderr == "graphkit: --param takes NAME=VALUE, got 'since'\n"
