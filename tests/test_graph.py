"""Graph counts for data/, computed independently from the CSV rows."""

import csv
import platform
import sys
from collections import Counter

import pytest
from helpers import DATA, FIXTURES

from graphkit import build_graph, graph_counts

CAREERS = FIXTURES / "careers"


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


def _attrs(g):
    return (
        list(g.nodes(data=True)),
        list(g.edges(keys=True, data=True)),
        {k: v for k, v in g.graph.items() if k != "careers"},
        g.graph["careers"].to_json(),
    )


def test_a_consumed_dataset_gives_the_same_graph_and_is_emptied():
    from graphkit import load_dataset, to_graph

    for folder in (DATA, CAREERS):
        kept = to_graph(load_dataset(folder))
        ds = load_dataset(folder)
        nodes, rels = len(ds.nodes), len(ds.relationships)
        assert nodes > 10 and rels > 10
        consumed = to_graph(ds, consume=True)
        assert _attrs(consumed) == _attrs(kept)
        assert ds.nodes == {} and ds.relationships == []
        assert consumed.number_of_nodes() >= nodes and consumed.number_of_edges() == rels


def test_equal_lists_are_one_list_and_hold_what_each_row_says():
    from graphkit import load_dataset
    from graphkit.graph.convert import SHARED_EDGE_LISTS, SHARED_NODE_LISTS, edge_attrs, node_attrs

    ds = load_dataset(CAREERS)
    own_nodes = {n.id: node_attrs(n) for n in ds.nodes.values()}
    own_edges = {r.key: edge_attrs(r) for r in ds.relationships}
    g = build_graph(CAREERS)
    for name in SHARED_EDGE_LISTS:
        values = [d[name] for _, _, d in g.edges(data=True)]
        for _, _, k, d in g.edges(keys=True, data=True):
            if name != "disagreements":  # (set apart from the rows)
                assert d[name] == own_edges[k][name]  # what each row gave, shared or not
        # equal lists are the very same list: as many lists as values
        assert len({id(v) for v in values}) == len({tuple(v) for v in values}) < len(values)
    for name in SHARED_NODE_LISTS:
        values = [d[name] for _, d in g.nodes(data=True)]
        for n, d in g.nodes(data=True):
            if n in own_nodes:
                assert d[name] == own_nodes[n][name]
        assert len({id(v) for v in values}) == len({tuple(v) for v in values}) < len(values)


@pytest.mark.skipif(platform.python_implementation() != "CPython", reason="CPython's key-sharing dicts")
def test_every_edge_s_attributes_share_their_keys():
    g = build_graph(CAREERS)
    edges = [d for _, _, d in g.edges(data=True)]
    assert edges and all(type(d) is dict for d in edges)  # plain dicts, as networkx makes
    # one size for all, well under an ordinary dict of the same items
    assert len({sys.getsizeof(d) for d in edges}) == 1
    assert sys.getsizeof(edges[0]) * 2 < sys.getsizeof(dict(edges[0]))
    people = [d for _, d in g.nodes(data=True) if d["kind"] == "Person"]
    assert sys.getsizeof(people[0]) < sys.getsizeof(dict(people[0]))
    assert list(edges[0]) == [*edge_attrs_order(), "disagreements", "when", "when_earliest", "when_latest"]


def edge_attrs_order() -> list[str]:
    return [
        "type",
        "role",
        "role_en",
        "role_category",
        "start",
        "start_earliest",
        "start_latest",
        "end",
        "end_earliest",
        "end_latest",
        "status",
        "sources",
        "evidence",
        "note",
        "quotes",
        "quote_sources",
        "quote_folders",
        "disputed",
    ]
