"""What graphkit writes for data/ and the careers fixture, byte for byte, against
approved copies in tests/golden/.

A change to graphkit's code that is not meant to change its output (a refactor)
must leave these files as they are. A change that is meant to change the output
regenerates them on purpose, and the diff of tests/golden/ shows what changed:

    GRAPHKIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_outputs_unchanged.py

The page is compared without its vis-network library and template (they are
pyvis's and the page's own files): its data, with the title, is what graphkit
computes. The Neo4j query results are in tests/integration/test_outputs_unchanged_neo4j.py.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
DATASETS = {
    "seed": ROOT / "data" / "zhidx-2025-06-16",  # the seed article alone
    "data": ROOT / "data",  # every source folder: the seed and the later reports
    "careers": ROOT / "tests" / "fixtures" / "careers",
}
UPDATE = os.environ.get("GRAPHKIT_UPDATE_GOLDEN") == "1"


def approve(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"no approved copy {path}: run with GRAPHKIT_UPDATE_GOLDEN=1 and review it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert text == path.read_text("utf-8"), (
        f"{name} changed (GRAPHKIT_UPDATE_GOLDEN=1 approves the new output)"
    )


def cli(*args: str) -> str:
    r = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.stdout


def neutral(text: str, directory: Path, tmp: Path) -> str:
    """Paths that differ from machine to machine, replaced."""
    return text.replace(str(tmp), "TMP").replace(str(directory), "DIR")


@pytest.mark.parametrize("name", sorted(DATASETS))
@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "html", "table"])
def test_report(name, fmt):
    d = DATASETS[name]
    approve(f"{name}/report.{fmt}", neutral(cli("report", str(d), "--format", fmt), d, d))


@pytest.mark.parametrize("name", sorted(DATASETS))
@pytest.mark.parametrize("args", [["--period", "2025H1"], ["--as-of", "2025-03-31", "--include-possible"]])
def test_report_scoped(name, args):
    d = DATASETS[name]
    tag = "-".join(a.strip("-") for a in args)
    approve(f"{name}/report-{tag}.json", neutral(cli("report", str(d), "--format", "json", *args), d, d))


@pytest.mark.parametrize("name", sorted(DATASETS))
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_export(name, fmt, tmp_path):
    d = DATASETS[name]
    out = tmp_path / ("csv" if fmt == "csv" else f"graph.{fmt}")
    cli("export", "--format", fmt, "-o", str(out), str(d))
    files = sorted(out.iterdir()) if fmt == "csv" else [out]
    text = "".join(f"=== {p.name}\n{p.read_text('utf-8')}" for p in files)
    approve(f"{name}/export.{fmt}.txt", neutral(text, d, tmp_path))


@pytest.mark.parametrize("name", sorted(DATASETS))
@pytest.mark.parametrize("view", ["html", "timeline"])
def test_page_data(name, view, tmp_path):
    d = DATASETS[name]
    out = tmp_path / "page.html"
    cli(view, str(d), "-o", str(out))
    page = out.read_text("utf-8")
    m = re.search(r'<script type="application/json" id="gk-data">(.*?)</script>', page, re.S)
    assert m, "the page holds its data in one JSON element"
    data = json.dumps(json.loads(m.group(1)), ensure_ascii=False, indent=1, sort_keys=True)
    approve(f"{name}/page-{view}.json", data + "\n")
