"""The architecture is a checked rule: import-linter's contracts (pyproject.toml) hold,
and no graphkit module imports another that imports it back, directly or not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint = Path(sys.executable).parent / "lint-imports"
    r = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout


def test_no_import_cycles():
    graph = grimp.build_graph("graphkit")
    d = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("graphkit"):
                d.add_edge(module, imported)
    assert list(nx.simple_cycles(d)) == []


def test_the_contract_can_fail(tmp_path):
    """A layers contract that puts graphkit.graph above graphkit.report is broken."""
    cfg = tmp_path / "contract.ini"
    cfg.write_text(
        "[importlinter]\nroot_package = graphkit\n\n[importlinter:contract:upside-down]\n"
        "name = upside down\ntype = layers\nlayers =\n    graphkit.graph\n    graphkit.report\n",
        "utf-8",
    )
    lint = Path(sys.executable).parent / "lint-imports"
    r = subprocess.run(
        [str(lint), "--config", str(cfg)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 1 and "BROKEN" in r.stdout
