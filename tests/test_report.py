"""`graphkit report`: acceptance, formats, periods, errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from helpers import DATA, edit

import graphkit
from graphkit.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def report_json(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("r") / "r.json"
    r = run("report", str(DATA), "--format", "json", "-o", str(out), "--top", "100")
    assert r.exit_code == 0, r.output
    assert r.stdout == f"wrote {out}\n"
    return json.loads(out.read_text("utf-8"))


def test_acceptance_capital_follows_talent_and_outflow(report_json):
    follows = [c for c in report_json["capital_follows_talent"] if c["former_employer"]]
    assert [(c["investor_name"], c["person_name"], c["venture"]) for c in follows] == [
        ("智谱", "张帆", "venture-zhang-fan")
    ]
    assert follows[0]["lag_days"] == [-29, 29]
    orgs = {o["name"]: o for o in report_json["flows"]["organisations"]}
    assert orgs["智谱"]["outflow"] >= 3
    assert orgs["智谱"]["outflow"] == 3
    assert orgs["百川智能"]["outflow"] == 5
    assert orgs["零一万物"]["outflow"] == 3
    assert report_json["flows"]["destinations"] == {"joined": 1, "founded": 5, "unknown": 10, "ambiguous": 0}


def test_acceptance_degree_agrees_with_networkx_on_graphml(report_json, tmp_path: Path):
    path = tmp_path / "g.graphml"
    graphkit.export(graphkit.build_graph(DATA), "graphml", path)
    x = nx.read_graphml(path)
    keep = {n for n, k in x.nodes(data="kind") if k in ("Person", "Company", "Startup", "Investor")}
    types = {"WORKED_AT", "JOINED", "FOUNDED", "INVESTED_IN", "APPROACHED"}
    edges = [(u, v) for u, v, t in x.edges(data="type") if t in types and u in keep and v in keep]
    h = nx.MultiDiGraph(edges)
    h.add_nodes_from(keep)
    s = nx.Graph(h.to_undirected())
    deg = nx.degree_centrality(s)
    rows = report_json["centrality"]["person_org"]
    assert {r["id"] for r in rows} == keep
    for r in rows:
        assert r["in_degree"] == h.in_degree(r["id"])
        assert r["out_degree"] == h.out_degree(r["id"])
        assert r["degree"] == pytest.approx(deg[r["id"]])


def test_statistics_and_claims_in_json(report_json):
    s = report_json["statistics"]
    assert (s["departures"], s["founders"], s["commercial"], s["named"], s["unnamed"]) == (16, 3, 3, 13, 3)
    assert s["founder_share"] == pytest.approx(3 / 16, abs=1e-4)
    claim = next(c for c in report_json["claims"] if c["id"] == "claim-h1-departures")
    assert claim["claimed"] == 11 and claim["all_time"] == 13
    by = {(x["period"], x["name"]): x["departures"] for x in report_json["periods"]["departures_by_company"]}
    assert by == {("2024H2", "月之暗面"): 3, ("2025H1", "智谱"): 3, ("2025H1", "零一万物"): 3,
                  ("2025H1", "MiniMax"): 1, ("2025H1", "阶跃星辰"): 1}  # fmt: skip
    alumni = report_json["communities"]["alumni"][0]
    assert alumni["names"] == ["百川智能", "搜狗"]


def _json(*args: str) -> dict:
    r = run("report", str(DATA), "--format", "json", *args)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_period_counts_certain_facts_and_include_possible():
    certain = {o["name"]: o["outflow"] for o in _json("--period", "2025H1")["flows"]["organisations"]}
    # A move is dated by its departure and keeps its destination whatever the period:
    # 戴宗宏 left 零一万物 in 2025-40 for his venture (founded ../2025-06-16).
    assert certain == {"智谱": 3, "零一万物": 3, "MiniMax": 1, "阶跃星辰": 1, "京东": 0,
                       "张帆的AI Agent创业项目（未具名）": 0, "戴宗宏的创业项目（未具名）": 0}  # fmt: skip
    possible = {
        o["name"]: o["outflow"]
        for o in _json("--period", "2025H1", "--include-possible")["flows"]["organisations"]
    }
    assert possible["百川智能"] == 5
    assert sum(possible.values()) == 13


def test_periods_show_change():
    p = _json("--include-possible")["periods"]["periods"]
    # the earliest bounded date is November 2024 (月之暗面), the latest June 2025
    assert [e["period"] for e in p] == ["2024H2", "2025H1"]
    # 2024H2: 月之暗面 3 + 百川 5 (2024-12/2025-06 possibly in either half); 2025H1: 13
    assert [e["departures"] for e in p] == [8, 13]
    change = {o["name"]: o["change"] for o in p[1]["outflow_change"]}
    assert change["智谱"] == 3 and change["月之暗面"] == -3 and "百川智能" not in change


def test_as_of():
    r = _json("--as-of", "2025-03-31")
    orgs = {o["name"]: o["outflow"] for o in r["flows"]["organisations"]}
    assert orgs["智谱"] == 2
    assert [c for c in r["capital_follows_talent"] if c["former_employer"]] == []


def test_kind_metric_top():
    r = _json("--kind", "person", "--metric", "betweenness,pagerank", "--top", "3")
    rows = r["centrality"]["person_org"]
    assert len(rows) == 3
    assert {x["kind"] for x in rows} == {"Person"}
    assert set(rows[0]) == {"id", "name", "kind", "betweenness", "pagerank"}
    assert [x["betweenness"] for x in rows] == sorted((x["betweenness"] for x in rows), reverse=True)
    # 戴宗宏 links 零一万物 to his venture (and 创新工场): the top person broker
    assert rows[0]["name"] == "戴宗宏"
    orgs = _json("--kind", "org")["centrality"]["talent_flow"]
    assert all(x["kind"] in ("Company", "Startup", "Investor") for x in orgs)


def test_csv_format():
    r = run("report", str(DATA), "--format", "csv")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    flows = [x for x in rows if x["section"] == "flows"]
    by_row: dict[str, dict[str, str]] = {}
    for x in flows:
        by_row.setdefault(x["row"], {})[x["column"]] = x["value"]
    assert {
        "organisation": "智谱",
        "kind": "Company",
        "outflow": "3",
        "inflow": "0",
        "net": "-3",
    } in by_row.values()


def test_table_piped_is_tab_separated():
    r = run("report", str(DATA))
    assert r.exit_code == 0
    assert "# Talent flow per organisation" in r.stdout
    assert "智谱\tCompany\t3\t0\t-3" in r.stdout.splitlines()


def test_markdown_embeds_charts(tmp_path: Path):
    out = tmp_path / "r.md"
    assert run("report", str(DATA), "--format", "markdown", "-o", str(out)).exit_code == 0
    text = out.read_text("utf-8")
    assert text.count("](data:image/svg+xml;base64,") == 2
    assert "## Capital follows talent" in text
    assert "| 智谱 | Company | 3 | 0 | -3 |" in text


def test_html_is_self_contained_and_escaped(data_copy: Path, tmp_path: Path):
    edit(data_copy / "people.csv", "zhang-kuo,张阔,", 'zhang-kuo,"<script>alert(1)</script>张阔",')
    out = tmp_path / "r.html"
    r = run("report", str(data_copy), "--format", "html", "-o", str(out))
    assert r.exit_code == 0, r.output
    text = out.read_text("utf-8")
    assert "<script" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;张阔" in text
    assert text.count("<svg") == 2
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "@import" not in text and "url(http" not in text


def test_bad_period_is_a_usage_error():
    r = run("report", str(DATA), "--period", "2025H3")
    assert r.exit_code == 2
    assert r.stderr == "graphkit: invalid period '2025H3' (a year has halves H1 and H2)\n"
    assert "Traceback" not in r.output


def test_bad_as_of_and_metric_are_usage_errors():
    r = run("report", str(DATA), "--as-of", "yesterday")
    assert r.exit_code == 2 and r.stderr.startswith("graphkit: invalid --as-of date 'yesterday'")
    r = run("report", str(DATA), "--metric", "closenes")
    assert r.exit_code == 2 and "unknown metric 'closenes'" in r.stderr
    r = run("report", str(DATA), "--period", "2025H1", "--as-of", "2025-01")
    assert r.exit_code == 2 and r.stderr == "graphkit: give --period or --as-of, not both\n"


def test_help_has_an_example():
    r = run("report", "--help")
    assert r.exit_code == 0
    assert "Example:" in r.stdout and "graphkit report data/" in r.stdout


def test_markdown_report_api_still_works():
    text = graphkit.markdown_report(graphkit.build_graph(DATA), top=5)
    assert text.startswith("# graphkit report")
    assert "| 智谱 |" in text


def test_report_title_comes_from_the_sources_or_the_option():
    r = _json()
    assert r["title"] == "graphkit report: 大模型“六小虎”人事动荡,半年12位高管离职 (+1 more source)"
    assert _json("--title", "H1 2025 moves")["title"] == "H1 2025 moves"
