"""What every named query returns for data/ and the careers fixture, byte for byte,
against approved copies in tests/golden/ (see tests/test_outputs_unchanged.py).

Each dataset is loaded alone (the named queries read the whole database; the
``neo4j_driver`` fixture wipes the test datasets afterwards) and every query runs
through ``graphkit query NAME --format json`` with its default parameters.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import cli_env
from test_outputs_unchanged import DATASETS, approve

import graphkit
from graphkit import neo4j as gn
from graphkit.cli import main

pytestmark = pytest.mark.integration

QUERIES = sorted(gn.named_queries())


@pytest.mark.parametrize("name", sorted(DATASETS))
def test_every_query(name, neo4j_driver, neo4j_settings):
    gn.load_graph(neo4j_driver, graphkit.build_graph(DATASETS[name]), "test-golden")
    env = cli_env(neo4j_settings)
    assert len(QUERIES) == 12
    for query in QUERIES:
        r = CliRunner(env=env).invoke(main, ["query", query, "--format", "json"], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        approve(f"{name}/query-{query}.json", r.stdout)
