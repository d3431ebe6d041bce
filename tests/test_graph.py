"""Graph counts for data/, computed independently from the CSV rows."""

import csv
from collections import Counter

from helpers import DATA

from graphkit import build_graph, graph_counts


def csv_rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_counts_match_the_csv_rows():
    g = build_graph(DATA)
    expected = Counter()
    expected["Person"] = len(csv_rows("people.csv"))
    expected.update(r["kind"] for r in csv_rows("organisations.csv"))
    expected["Event"] = len(csv_rows("events.csv"))
    expected.update(r["type"] for r in csv_rows("relationships.csv"))
    expected["HAD_EVENT"] = len(csv_rows("events.csv"))
    assert graph_counts(g) == dict(expected)
    assert g.number_of_nodes() == expected["Person"] + 15 + expected["Event"]


def test_the_article_in_numbers():
    """Worked out by hand from the article (see DESIGN.md's list of facts)."""
    g = build_graph(DATA)
    people = [d for _, d in g.nodes(data=True) if d["kind"] == "Person"]
    assert sum(not p["unnamed"] for p in people) == 14
    assert sum(p["unnamed"] for p in people) == 3  # 01.AI's third leaver, Wang Guan's two colleagues
    orgs = [d for _, d in g.nodes(data=True) if d["kind"] in ("Company", "Investor")]
    assert len(orgs) == 11
    assert sum(d["kind"] == "Startup" for _, d in g.nodes(data=True)) == 3
    members = {u for u, v, d in g.edges(data=True) if d["type"] == "MEMBER_OF"}
    assert members == {"zhipu", "minimax", "01ai", "baichuan", "stepfun", "moonshot"}
    pivots = {u for u, v, d in g.edges(data=True) if d["type"] == "HAD_EVENT"}
    assert pivots == {"01ai", "baichuan"}


def test_edge_attributes_are_typed():
    g = build_graph(DATA)
    key = "WORKED_AT:zhang-fan->zhipu:首席运营官::2025-06"  # type, ends, role, start, end
    d = g.edges["zhang-fan", "zhipu", key]
    assert d["type"] == "WORKED_AT"
    assert d["role_en"] == "Chief operating officer"
    assert d["role_category"] == ["executive", "commercial"]
    assert (d["end"], d["end_earliest"], d["end_latest"]) == ("2025-06", "2025-06-01", "2025-06-30")
    assert (d["when"], d["when_earliest"], d["when_latest"]) == ("2025-06", "2025-06-01", "2025-06-30")
    assert d["status"] == "confirmed"
    assert d["sources"] == ["zhidx-2025-06-16"]
    assert "首席运营官张帆也于本月离职" in d["evidence"]
    n = g.nodes["01ai-exec-3"]
    assert n["kind"] == "Person" and n["unnamed"] is True


def test_fuzzy_dates_become_bounds():
    g = build_graph(DATA)
    baichuan = next(d for u, v, d in g.edges(data=True) if u == "hong-tao" and v == "baichuan")
    assert (baichuan["end_earliest"], baichuan["end_latest"]) == ("2024-12-01", "2025-06-30")
    h1 = next(d for u, v, d in g.edges(data=True) if u == "wei-wei")
    assert (h1["end"], h1["end_earliest"], h1["end_latest"]) == ("2025-40", "2025-01-01", "2025-06-30")
    pivot = g.nodes["pivot-01ai"]
    assert (pivot["date_earliest"], pivot["date_latest"]) == ("2024-10-01", "2024-12-31")
    by_report = next(d for u, v, d in g.edges(data=True) if d["type"] == "INVESTED_IN" and u == "sinovation")
    assert (by_report["start_earliest"], by_report["start_latest"]) == ("", "2025-06-16")
