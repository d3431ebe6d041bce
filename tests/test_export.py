"""Exports, and the article's questions answered from the GraphML alone."""

import json
from pathlib import Path

import networkx as nx
import pytest
from helpers import DATA

from graphkit import build_graph, export


@pytest.fixture(scope="module")
def graphml(tmp_path_factory) -> nx.MultiDiGraph:
    path = tmp_path_factory.mktemp("export") / "graph.graphml"
    export(build_graph(DATA), "graphml", path)
    return nx.read_graphml(path, force_multigraph=True)


def test_graphml_round_trip_keeps_nodes_edges_and_attributes(tmp_path: Path):
    g = build_graph(DATA)
    export(g, "graphml", tmp_path / "g.graphml")
    h = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert set(h.nodes) == set(g.nodes)
    assert sorted((u, v, k) for u, v, k in h.edges(keys=True)) == sorted(g.edges(keys=True))
    for n, d in g.nodes(data=True):
        assert h.nodes[n]["kind"] == d["kind"]
        assert h.nodes[n]["name"] == d["name"]
        assert h.nodes[n]["unnamed"] == d["unnamed"]
    for u, v, k, d in g.edges(keys=True, data=True):
        e = h.edges[u, v, k]
        assert e["type"] == d["type"]
        assert e["evidence"] == d["evidence"]
        assert e["sources"] == ";".join(d["sources"])
        assert e["end"] == d["end"]


def test_gexf_round_trip(tmp_path: Path):
    g = build_graph(DATA)
    export(g, "gexf", tmp_path / "g.gexf")
    h = nx.read_gexf(tmp_path / "g.gexf")
    assert set(h.nodes) == set(g.nodes)
    assert h.number_of_edges() == g.number_of_edges()
    assert {d["type"] for _, _, d in h.edges(data=True)} == {d["type"] for _, _, d in g.edges(data=True)}


def test_json_is_node_link(tmp_path: Path):
    g = build_graph(DATA)
    export(g, "json", tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text("utf-8"))
    h = nx.node_link_graph(data, edges="edges")
    assert h.number_of_nodes() == g.number_of_nodes()
    assert h.number_of_edges() == g.number_of_edges()
    assert h.nodes["zhang-fan"]["name"] == "张帆"
    assert data["graph"]["sources"]["zhidx-2025-06-16"]["publisher"] == "智东西"


def test_csv_export(tmp_path: Path):
    import csv

    export(build_graph(DATA), "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "edges.csv").open(encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert len(edges) == 39
    assert {"source", "target", "type", "evidence"} <= set(edges[0])


# --- the article's questions, from the GraphML only -------------------------


def names(g, ids):
    return sorted(g.nodes[i]["name"] for i in ids)


def test_who_left_each_company(graphml):
    left: dict[str, set[str]] = {}
    for u, v, d in graphml.edges(data=True):
        if d["type"] == "WORKED_AT" and d["end"]:
            left.setdefault(graphml.nodes[v]["name"], set()).add(u)
    assert names(graphml, left["智谱"]) == sorted(["张阔", "曲滕", "张帆"])
    assert names(graphml, left["MiniMax"]) == ["魏伟"]
    assert names(graphml, left["阶跃星辰"]) == ["段楠"]
    assert names(graphml, left["百川智能"]) == sorted(["洪涛", "焦可", "陈炜鹏", "邓江", "李施政"])
    assert len(left["零一万物"]) == 3
    unnamed = [u for u in left["零一万物"] if graphml.nodes[u]["unnamed"]]
    assert len(unnamed) == 1
    assert names(graphml, set(left["零一万物"]) - set(unnamed)) == sorted(["谷雪梅", "戴宗宏"])
    five = ["智谱", "MiniMax", "零一万物", "百川智能", "阶跃星辰"]
    assert sum(len(left[c]) for c in five) == 13  # the headline says 12 changes (1 a new hire)


def test_who_founded_what_and_who_joined_jd(graphml):
    founded = {(u, v) for u, v, d in graphml.edges(data=True) if d["type"] == "FOUNDED"}
    founders = {u for u, _ in founded}
    assert names(graphml, {u for u in founders if not graphml.nodes[u]["unnamed"]}) == sorted(
        ["张帆", "戴宗宏", "王冠"]
    )
    assert len({v for _, v in founded}) == 3
    joined = [(u, v) for u, v, d in graphml.edges(data=True) if d["type"] == "JOINED"]
    assert [(graphml.nodes[u]["name"], graphml.nodes[v]["name"]) for u, v in joined] == [("段楠", "京东")]


def test_former_employer_invested_in_its_former_executive(graphml):
    found = []
    for inv, venture, d in graphml.edges(data=True):
        if d["type"] != "INVESTED_IN":
            continue
        for founder, _v2, f in graphml.in_edges(venture, data=True):
            if f["type"] == "FOUNDED" and graphml.has_edge(founder, inv):
                worked = [e for e in graphml[founder][inv].values() if e["type"] == "WORKED_AT"]
                if worked:
                    found.append((graphml.nodes[inv]["name"], graphml.nodes[founder]["name"]))
    assert found == [("智谱", "张帆")]


def test_baichuan_leavers_from_sogou(graphml):
    baichuan = {u for u, v, d in graphml.edges(data=True) if v == "baichuan" and d["type"] == "WORKED_AT"}
    sogou = {u for u, v, d in graphml.edges(data=True) if v == "sogou" and d["type"] == "WORKED_AT"}
    assert names(graphml, baichuan & sogou) == sorted(["洪涛", "焦可", "陈炜鹏", "邓江", "李施政"])


def test_who_tried_to_hire_whom(graphml):
    tried = [(u, v, d) for u, v, d in graphml.edges(data=True) if d["type"] == "APPROACHED"]
    assert [(graphml.nodes[u]["name"], graphml.nodes[v]["name"], d["status"]) for u, v, d in tried] == [
        ("小米", "罗福莉", "attempted")
    ]


def test_the_six(graphml):
    six = {u for u, v, d in graphml.edges(data=True) if d["type"] == "MEMBER_OF" and v == "six-tigers"}
    assert names(graphml, six) == sorted(["智谱", "MiniMax", "零一万物", "百川智能", "阶跃星辰", "月之暗面"])


def test_gexf_is_the_same_file_whatever_the_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """networkx stamps the day of writing as lastmodifieddate; graphkit leaves it out, so
    one graph gives one file on any day."""
    import time

    import networkx.readwrite.gexf as nx_gexf

    g = build_graph(DATA)
    [today] = export(g, "gexf", tmp_path / "today.gexf")
    strftime = time.strftime
    monkeypatch.setattr(
        nx_gexf.time, "strftime", lambda fmt, *a: strftime(fmt, (1999, 12, 31, 0, 0, 0, 4, 365, 0))
    )
    [other] = export(g, "gexf", tmp_path / "other.gexf")
    assert today.read_bytes() == other.read_bytes()
    assert b"lastmodifieddate" not in today.read_bytes()
    assert nx.read_gexf(today).number_of_nodes() == g.number_of_nodes()
