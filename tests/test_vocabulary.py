"""The vocabulary is declared once: a node kind and a relationship type added to a
temporary vocabulary.toml, and nowhere else, reach validation, the graph, the
exports, the page's legend, the Neo4j schema and the Browser style."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest

import graphkit
from graphkit import neo4j
from graphkit.neo4j import browser
from graphkit.page import html
from graphkit.schema import vocab

SHIPPED = resources.files("graphkit.schema").joinpath("vocabulary.toml").read_text("utf-8")

EXTRA = """
[nodes.Lab]
label_zh = "实验室"
colour = "#123456"
shape = "square"
file = "organisations.csv"

[relationships.ADVISED]
label_zh = "顾问"
from = ["Person"]
to = ["Lab", "Company"]
colour = "#654321"
dashes = true
meaning = "an advisory role"
"""


@pytest.fixture
def custom(monkeypatch, tmp_path: Path) -> Path:
    """A vocabulary with a made-up kind and type, and a dataset that uses them."""
    text = SHIPPED.replace(
        "# ------------------------------------------------------------------- files", EXTRA + "\n# files"
    )
    assert "[nodes.Lab]" in text
    voc = vocab.parse(text)
    monkeypatch.setattr(vocab, "load", lambda: voc)
    d = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "careers", d)
    with (d / "organisations.csv").open("a", encoding="utf-8") as f:
        f.write("lab-1,Lab,Lumen Lab,Lumen Lab,,,false,wire-2026-02,\n")
    with (d / "relationships.csv").open("a", encoding="utf-8") as f:
        f.write('ADVISED,ada,lab-1,Advisor,Advisor,,2025,,confirmed,wire-2026-02,"She advises Lumen Lab.",\n')
    return d


def test_validation_and_graph_pick_them_up(custom):
    counts = graphkit.validate(custom).counts()
    assert counts["Lab"] == 1 and counts["ADVISED"] == 1
    g = graphkit.build_graph(custom)
    assert g.nodes["lab-1"]["kind"] == "Lab"
    assert [d["type"] for _, _, d in g.out_edges("ada", data=True) if d["type"] == "ADVISED"] == ["ADVISED"]


def test_a_type_the_vocabulary_does_not_allow_is_still_refused(custom):
    with (custom / "relationships.csv").open("a", encoding="utf-8") as f:
        f.write('ADVISED,ada,vela,Advisor,Advisor,,2025,,confirmed,wire-2026-02,"x",\n')  # vela is a Startup
    with pytest.raises(graphkit.InvalidData, match="ADVISED cannot go from Person 'ada' to Startup 'vela'"):
        graphkit.validate(custom)


def test_exports_pick_them_up(custom, tmp_path):
    g = graphkit.build_graph(custom)
    graphkit.export(g, "graphml", tmp_path / "g.graphml")
    h = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert h.nodes["lab-1"]["kind"] == "Lab"
    assert any(d["type"] == "ADVISED" for _, _, d in h.edges(data=True))
    graphkit.export(g, "json", tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text("utf-8"))
    assert {"kind": "Lab"}.items() <= next(n for n in data["nodes"] if n["id"] == "lab-1").items()


def test_page_legend_picks_them_up(custom):
    data = html.page_data(graphkit.build_graph(custom))
    lab = next(k for k in data["kinds"] if k["name"] == "Lab")
    assert (lab["colour"], lab["label_zh"], lab["count"]) == ("#123456", "实验室", 1)
    advised = next(t for t in data["types"] if t["name"] == "ADVISED")
    assert (advised["colour"], advised["dashes"], advised["count"]) == ("#654321", True, 1)
    assert data["options"]["groups"]["Lab"]["color"]["background"] == "#123456"


def test_neo4j_schema_and_browser_style_pick_them_up(custom):
    assert (
        "CREATE CONSTRAINT lab_id IF NOT EXISTS FOR (n:Lab) REQUIRE n.id IS UNIQUE"
        in neo4j.schema_statements()
    )
    g = graphkit.build_graph(custom)
    plan = neo4j.plan(g, "test-vocab")
    assert [r["id"] for r in plan.nodes["Lab"]] == ["lab-1"]
    assert ("ADVISED", "Person", "Lab") in plan.rels
    style = browser.grass()
    assert "node.Lab" in style and "#123456" in style
    assert "relationship.ADVISED" in style and "#654321" in style


def test_the_shipped_schema_file_lists_every_generated_constraint():
    text = (neo4j.cypher_dir() / "schema.cypher").read_text("utf-8")
    for statement in neo4j.id_constraints():
        assert statement + ";" in text


def test_groups_name_only_declared_kinds_and_types():
    voc = vocab.load()
    for name, members in voc.groups.items():
        assert members, name
        assert set(members) <= set(voc.nodes) | set(voc.relationships), name
    assert voc.type_for("investment") == "INVESTED_IN" and voc.type_for("founding") == "FOUNDED"
    assert voc.career_types("job") == ("WORKED_AT",) and voc.career_types("arrival") == ("JOINED", "FOUNDED")
