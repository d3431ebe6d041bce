"""All or nothing when the server dies in the middle of a load.

A second, private Neo4j is started with scripts/neo4j-local, a large load is
sent, the server's JVM is killed (SIGKILL) while the transaction is open, and
after a restart the database holds exactly what it held before the load.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import DATA, ROOT

import graphkit
from graphkit import neo4j as gn

pytestmark = pytest.mark.integration


def test_server_killed_midway_leaves_the_database_as_it_was(private_server, tmp_path: Path):
    home, settings = private_server.home, private_server.settings
    driver = gn.connect(settings)
    gn.load_graph(driver, graphkit.build_graph(DATA), "test-before")
    before = gn.graph_counts(driver, dataset="test-before")

    sys.path.insert(0, str(ROOT / "bench"))
    from gen_dataset import generate

    generate(tmp_path / "big", people=30_000, orgs=1_000, rels=90_000, seed=5)
    big = graphkit.build_graph(tmp_path / "big")
    sent = threading.Event()
    rows = [0]

    def progress(n: int) -> None:
        rows[0] += n
        if rows[0] >= 20_000:
            sent.set()

    outcome: dict[str, BaseException | None] = {"error": None}

    def run() -> None:
        try:
            gn.load_graph(driver, big, "test-big", batch_size=2000, progress=progress, settings=settings)
        except BaseException as exc:  # recorded for the assertion below
            outcome["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    assert sent.wait(120), "the load never got going"
    pid = int((home / "neo4j.pid").read_text().strip())
    os.kill(pid, signal.SIGKILL)
    worker.join(120)
    driver.close()
    error = outcome["error"]
    assert isinstance(error, gn.Neo4jError), error
    assert "rolled back, Neo4j is as it was before" in str(error)

    for _ in range(50):  # let the old process go before starting on the same store
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    private_server.start()
    driver = gn.connect(private_server.settings)
    try:
        assert gn.graph_counts(driver, dataset="test-big") == {}
        assert gn.graph_counts(driver, dataset="test-before") == before
    finally:
        driver.close()
