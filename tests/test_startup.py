"""The command line starts without the libraries only some commands need.

igraph (with matplotlib behind it) and pyvis took about 90 MB and half a second of every
``graphkit`` command's start, ``load`` and ``query`` included; the page imports them
when it lays out and writes a graph."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("igraph", "matplotlib", "pyvis")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return {m.split(".")[0] for m in json.loads(out.stdout.strip().splitlines()[-1])}


def test_the_command_line_and_the_api_import_no_page_libraries():
    loaded = _modules_after("import graphkit.cli, graphkit.api, graphkit.neo4j.load")
    assert "graphkit" in loaded and "networkx" in loaded  # the check sees what is imported
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_making_a_page_imports_them(tmp_path):
    code = (
        "import networkx as nx\n"
        "from graphkit.page.layout import positions\n"
        "from graphkit.page.data import vis_options\n"
        "g = nx.Graph([('a', 'b'), ('b', 'c')])\n"
        "assert len(positions(g)) == 3\n"
        "assert vis_options(3)['physics']['enabled'] is False\n"
    )
    loaded = _modules_after(code)
    assert {"igraph", "pyvis"} <= loaded
