"""The rows a load writes (graphkit.neo4j.load, no server): every property of a node and
of a relationship, the derived moves riding on the relationships they rest on, what the
plan leaves out when Neo4j holds a row, and what --prune counts as gone.

The expected rows are worked out by hand from tests/fixtures/careers (the CSV rows are
quoted beside them); only the moves' keys (opaque ids) come from graphkit.graph.careers.
The server-side effect of these rows is tested in tests/integration/."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import networkx as nx
import pytest
from helpers import DATA_ALL, FIXTURES

import graphkit
from graphkit.graph import careers
from graphkit.neo4j import load as L

CAREERS = FIXTURES / "careers"
OVERLAP = FIXTURES / "overlap"
D = dt.date


@pytest.fixture(scope="module")
def g() -> nx.MultiDiGraph:
    return graphkit.build_graph(CAREERS)


@pytest.fixture
def rels(g) -> dict[str, tuple[tuple[str, str, str], dict]]:
    # made afresh for each test (not once a module): each test makes the rows it checks
    return {row["key"]: (group, row) for group, row in L.rel_rows(g, "ds")}


@pytest.fixture(scope="module")
def move_key(g) -> dict[str, str]:
    return {m.facts[0]: m.key for m in careers.ensure(g).moves}


def _without_hash(props: dict) -> dict:
    return {k: v for k, v in props.items() if k != L.HASH}


def _quoted(evidence: str) -> dict:
    return {
        "sources": ["wire-2026-02"],
        "evidence": evidence,
        "quotes": [evidence],
        "quote_sources": ["wire-2026-02"],
        "quote_folders": ["careers"],
        "graphkit_folders": ["careers"],
        "graphkit_dataset": "ds",
        "status": "confirmed",
    }


def test_a_boomerang_s_jobs_carry_her_departures(rels, move_key):
    # WORKED_AT,ada,alpha,Research lead,Research lead,technical,2018-03,2021-06,confirmed,wire-2026-02,"Park led ..."
    # WORKED_AT,ada,beta,VP of research,VP of research,executive;technical,2021-07,2023-09,...
    # WORKED_AT,ada,alpha,Chief scientist,Chief scientist,executive;technical,2024-01,,...
    k1 = "WORKED_AT:ada->alpha:Research lead:2018-03:2021-06"
    k2 = "WORKED_AT:ada->beta:VP of research:2021-07:2023-09"
    k3 = "WORKED_AT:ada->alpha:Chief scientist:2024-01:"
    assert rels[k1][0] == ("WORKED_AT", "Person", "Company")
    assert (rels[k1][1]["from"], rels[k1][1]["to"], rels[k1][1]["key"]) == ("ada", "alpha", k1)
    assert _without_hash(rels[k1][1]["props"]) == {
        **_quoted("Park led research at Alpha Labs from March 2018 until June 2021."),
        "graphkit_key": k1,
        "role": "Research lead",
        "role_en": "Research lead",
        "role_category": ["technical"],
        "start": "2018-03",
        "start_earliest": D(2018, 3, 1),
        "start_latest": D(2018, 3, 31),
        "end": "2021-06",
        "end_earliest": D(2021, 6, 1),
        "end_latest": D(2021, 6, 30),
        "when": "2021-06",  # a fact's date: its end, else its start
        "when_earliest": D(2021, 6, 1),
        "when_latest": D(2021, 6, 30),
        # left Alpha in June 2021 and joined Beta in July 2021
        "departure": "joined",
        "departure_key": move_key[k1],
        "departure_to": "beta",
        "departure_to_name": "Beta Corp",
        "departure_when": "2021-06",
        "departure_when_earliest": D(2021, 6, 1),
        "departure_when_latest": D(2021, 6, 30),
        "departure_boomerang": False,
        "departure_role": "Research lead",
        "departure_role_category": ["technical"],
        "departure_arrived_earliest": D(2021, 7, 1),
        "departure_arrived_latest": D(2021, 7, 31),
    }
    p2 = _without_hash(rels[k2][1]["props"])
    assert {k: v for k, v in p2.items() if k.startswith("departure")} == {
        # left Beta in September 2023 and went back to Alpha in January 2024
        "departure": "joined",
        "departure_key": move_key[k2],
        "departure_to": "alpha",
        "departure_to_name": "Alpha Labs",
        "departure_when": "2023-09",
        "departure_when_earliest": D(2023, 9, 1),
        "departure_when_latest": D(2023, 9, 30),
        "departure_boomerang": True,
        "departure_role": "VP of research",
        "departure_role_category": ["executive", "technical"],
        "departure_arrived_earliest": D(2024, 1, 1),
        "departure_arrived_latest": D(2024, 1, 31),
    }
    assert p2["role_category"] == ["executive", "technical"]
    # the job she holds: no end, dated by its start; her arrival is the Beta departure's
    p3 = _without_hash(rels[k3][1]["props"])
    assert not any(k.startswith(("departure", "arrival", "end")) for k in p3)
    assert (p3["when"], p3["when_earliest"], p3["when_latest"]) == ("2024-01", D(2024, 1, 1), D(2024, 1, 31))
    assert len({move_key[k1], move_key[k2]}) == 2


def test_a_departure_to_nowhere_known_and_an_undated_role(rels, move_key):
    # WORKED_AT,finn,gamma,,,,2015,2017,confirmed,wire-2024-05,"Walsh worked at Gamma from 2015 to 2017."
    k = "WORKED_AT:finn->gamma::2015:2017"
    p = rels[k][1]["props"]
    assert {a: b for a, b in p.items() if a.startswith("departure")} == {
        "departure": "unknown",
        "departure_key": move_key[k],
        "departure_when": "2017",
        "departure_when_earliest": D(2017, 1, 1),
        "departure_when_latest": D(2017, 12, 31),
        "departure_boomerang": False,
    }  # no destination, no role: no departure_to, _to_name, _role, _arrived_*
    assert "role" not in p and "role_category" not in p


def test_departures_that_could_each_have_led_to_the_next_job_name_their_candidates(rels, move_key):
    # WORKED_AT,ivy,alpha,Advisor,...,technical,,2025-40,...  and  WORKED_AT,ivy,beta,COO,...,,2025-40,...
    # JOINED,ivy,delta,COO,...,2025-06,,...  (which of the two led to Delta is not known)
    for k, role, category in [
        ("WORKED_AT:ivy->alpha:Advisor::2025-40", "Advisor", ["technical"]),
        ("WORKED_AT:ivy->beta:COO::2025-40", "COO", ["executive", "commercial"]),
    ]:
        p = rels[k][1]["props"]
        assert {a: b for a, b in p.items() if a.startswith("departure")} == {
            "departure": "ambiguous",
            "departure_key": move_key[k],
            "departure_when": "2025-40",  # EDTF: the first half of 2025
            "departure_when_earliest": D(2025, 1, 1),
            "departure_when_latest": D(2025, 6, 30),
            "departure_candidates": ["delta"],
            "departure_candidate_names": ["Delta Cloud"],
            "departure_boomerang": False,
            "departure_role": role,
            "departure_role_category": category,
        }
    k = "JOINED:ivy->delta:COO:2025-06:"
    assert rels[k][0] == ("JOINED", "Person", "Company")
    p = rels[k][1]["props"]
    assert {a: b for a, b in p.items() if a.startswith(("arrival", "departure"))} == {
        "arrival": "joined",
        "arrival_key": move_key[k],
        "arrival_when": "2025-06",
        "arrival_when_earliest": D(2025, 6, 1),
        "arrival_when_latest": D(2025, 6, 30),
        "arrival_candidates": ["alpha", "beta"],
        "arrival_candidate_names": ["Alpha Labs", "Beta Corp"],
        "arrival_boomerang": False,
    }


def test_arrivals_from_nowhere_known(rels, move_key):
    # WORKED_AT,finn,gamma,,,,2020,,...  (re-hired: a boomerang)  and
    # JOINED,kim,beta,Chief of staff,...,2025-03,,...  (nothing known of before)
    for k, when, lo, hi, boomerang in [
        ("WORKED_AT:finn->gamma::2020:", "2020", D(2020, 1, 1), D(2020, 12, 31), True),
        ("JOINED:kim->beta:Chief of staff:2025-03:", "2025-03", D(2025, 3, 1), D(2025, 3, 31), False),
    ]:
        p = rels[k][1]["props"]
        assert {a: b for a, b in p.items() if a.startswith(("arrival", "departure"))} == {
            "arrival": "joined",
            "arrival_key": move_key[k],
            "arrival_when": when,
            "arrival_when_earliest": lo,
            "arrival_when_latest": hi,
            "arrival_boomerang": boomerang,
        }


def test_without_the_moves_a_row_is_its_fact_alone(g, rels):
    plain = {row["key"]: row["props"] for _, row in L.rel_rows(g, "ds", write_moves=False)}
    assert plain.keys() == rels.keys()
    for key, props in plain.items():
        assert not any(k.startswith(("departure", "arrival")) for k in props)
        full = rels[key][1]["props"]
        assert _without_hash(props) == {
            k: v for k, v in _without_hash(full).items() if not k.startswith(("departure", "arrival"))
        }
        assert (props[L.HASH] == full[L.HASH]) == (len(props) == len(full))  # moves are content
    carrying = {m.facts[0] for m in careers.ensure(g).moves}  # the relationships the moves rest on
    assert {key for key in plain if plain[key][L.HASH] != rels[key][1]["props"][L.HASH]} == carrying


def test_node_rows_of_a_source_a_claim_and_a_person(g):
    rows = {(label, row["id"]): row for label, row in L.node_rows(g, "ds")}
    # wire-2026-02,"Boomerangs and second acts in AI",The Talent Wire,2026-02-01,2026-02-02,,en,A fixture ...
    source = rows["Source", "wire-2026-02"]
    assert source["folders"] == ["careers"]
    assert _without_hash(source["props"]) == {
        "id": "wire-2026-02",
        "title": "Boomerangs and second acts in AI",
        "publisher": "The Talent Wire",
        "published": "2026-02-01",
        "retrieved": "2026-02-02",
        "language": "en",
        "note": "A fixture source. Invented for graphkit's tests.",
        "graphkit_dataset": "ds",
        "graphkit_folders": ["careers"],
    }  # no url: an empty cell is no property
    # claim-rounds,wren,funding_rounds,1,,wire-2026-02,"Wren has raised one round.",graphkit has no ...
    assert rows["Claim", "claim-rounds"]["folders"] == ["careers"]
    claim = _without_hash(rows["Claim", "claim-rounds"]["props"])
    assert claim == {
        "id": "claim-rounds",
        "subject": "wren",
        "metric": "funding_rounds",
        "value": 1,
        "sources": ("wire-2026-02",),
        "evidence": "Wren has raised one round.",
        "note": "graphkit has no measure of funding rounds: not measurable.",
        "graphkit_dataset": "ds",
        "graphkit_folders": ["careers"],
    }
    # ada,Ada Park,Ada Park,,false,wire-2026-02,Boomerang: Alpha -> Beta -> Alpha.
    ada = rows["Person", "ada"]
    assert ada["folders"] == ["careers"]
    assert _without_hash(ada["props"]) == {
        "id": "ada",
        "name": "Ada Park",
        "name_en": "Ada Park",
        "unnamed": False,
        "sources": ["wire-2026-02"],
        "note": "Boomerang: Alpha -> Beta -> Alpha.",
        "graphkit_dataset": "ds",
        "graphkit_folders": ["careers"],
    }
    # alpha,Company,Alpha Labs,Alpha Labs,llm_startup,,false,wire-2026-02,
    assert _without_hash(rows["Company", "alpha"]["props"])["category"] == "llm_startup"
    assert "kind" not in rows["Company", "alpha"]["props"]
    # 2 sources, 2 claims, 12 people and 9 organisations (the CSV files' rows)
    assert len(rows) == 2 + 2 + 12 + 9
    assert all(
        r["props"][L.HASH] == L.content_hash(lab, i, r["props"], ["careers"]) for (lab, i), r in rows.items()
    )


def test_a_claim_with_a_period_carries_its_days():
    g = nx.MultiDiGraph(folders=["f"])
    g.graph["claims"] = [
        {"id": "c1", "subject": "a", "metric": "departures", "value": 3, "period": "2025-40"}
    ]
    ((label, row),) = L.node_rows(g, "ds")
    assert label == "Claim"
    assert (row["props"]["period_earliest"], row["props"]["period_latest"]) == (D(2025, 1, 1), D(2025, 6, 30))
    assert row["props"]["period"] == "2025-40"


def test_the_plan_leaves_out_the_held_rows_but_counts_and_keeps_every_id(g):
    full = L.plan(g, "ds")
    assert (full.dataset, full.folders) == ("ds", ["careers"])
    n_nodes = sum(map(len, full.nodes.values()))
    n_rels = sum(map(len, full.rels.values()))
    assert full.total == full.rows == n_nodes + n_rels == L.count_rows(g)

    def held(row: dict) -> bool:  # Neo4j holds the people and the WORKED_AT relationships
        return row.get("id") in full.ids["Person"] or str(row.get("key", "")).startswith("WORKED_AT")

    part = L._collect(g, "ds", held=held)
    assert part.total == full.total
    assert part.ids == full.ids and part.keys == full.keys  # what --prune keeps
    assert "Person" not in part.nodes and part.nodes["Company"] == full.nodes["Company"]
    assert part.nodes["Source"] == full.nodes["Source"] and part.nodes["Claim"] == full.nodes["Claim"]
    assert not any(group[0] == "WORKED_AT" for group in part.rels)
    assert part.rels[("JOINED", "Person", "Company")] == full.rels[("JOINED", "Person", "Company")]
    assert sorted(full.keys) == sorted(k for rows in full.rels.values() for k in (r["key"] for r in rows))
    assert sorted(full.ids["Person"]) == sorted(r["id"] for r in full.nodes["Person"])
    assert all(r is not None for rows in part.rels.values() for r in rows)
    # held() sees each row as the plan would write it
    seen: list[dict] = []
    L._collect(g, "ds", held=lambda row: seen.append(row) or True)
    assert len(seen) == full.total and all("props" in r and L.HASH in r["props"] for r in seen)
    # nothing held: everything to write; everything held: nothing
    nothing = L._collect(g, "ds", held=lambda row: True)
    assert (dict(nothing.nodes), dict(nothing.rels), nothing.total) == ({}, {}, full.total)
    # the moves ride along unless write_moves is False
    assert any("departure" in r["props"] for rows in full.rels.values() for r in rows)
    for bare in (L._collect(g, "ds", write_moves=False), L.plan(g, "ds", write_moves=False)):
        assert not any("departure" in r["props"] for rows in bare.rels.values() for r in rows)
        assert bare.total == full.total


def test_the_plan_records_merged_ids_and_its_dataset():
    g = nx.MultiDiGraph(folders=["f"])
    g.add_node("p1", kind="Person", name="A", merged_ids=["p9", "p8"])
    g.add_node("c1", kind="Company", name="C")
    g.add_edge("p1", "c1", key="k1", type="WORKED_AT", evidence="q", sources=["s"])
    p = L.plan(g, "mine")
    assert p.merged == {"p9": "p1", "p8": "p1"}
    assert p.dataset == "mine" and p.folders == ["f"]
    (row,) = p.rels[("WORKED_AT", "Person", "Company")]
    assert row["props"]["graphkit_dataset"] == "mine" and row["props"]["graphkit_key"] == "k1"
    assert p.keys == ["k1"] and p.ids == {"Person": ["p1"], "Company": ["c1"]}
    del g.graph["folders"]  # a graph that does not say its folders: the dataset's name
    p = L.plan(g, "mine")
    assert p.folders == ["mine"]
    assert all(r["folders"] == ["mine"] for rows in p.nodes.values() for r in rows)
    assert p.rels[("WORKED_AT", "Person", "Company")][0]["props"]["quote_folders"] == ["mine"]


def _listed(folders: list[Path], files: list[tuple[str, str | None]]) -> dict[tuple[str, str], list[str]]:
    """(label, id) -> the folders whose CSV file lists it, read here with csv; a label of
    None: the row's own ``kind``."""
    listed: dict[tuple[str, str], list[str]] = {}
    for folder in folders:
        for name, label in files:
            with (folder / name).open(encoding="utf-8", newline="") as f:
                for rec in csv.DictReader(f):
                    listed.setdefault((label or rec["kind"], rec["id"]), []).append(folder.name)
    return listed


def test_each_node_row_names_the_folders_that_list_it():
    folders = sorted(f for f in OVERLAP.iterdir() if f.is_dir())
    listed = _listed(
        folders, [("sources.csv", "Source"), ("people.csv", "Person"), ("organisations.csv", None)]
    )
    g = graphkit.build_graph(folders)
    rows = {(label, row["id"]): row for label, row in L.node_rows(g, "ds")}
    assert {k: r["folders"] for k, r in rows.items()} == listed
    assert listed["Person", "zhang-kuo"] == listed["Company", "minimax"] == ["post-2025-09", "wire-2025-06"]
    assert all(r["props"]["graphkit_folders"] == r["folders"] for r in rows.values())
    both = [f.name for f in folders]
    # wire-2025-06/relationships.csv: WORKED_AT,zhang-fan,zhipu,首席运营官,COO,,2025-06,confirmed,wire-1,张帆于本月离职。
    fan = next(r["props"] for _, r in L.rel_rows(g, "ds") if r["from"] == "zhang-fan")
    assert (fan["quotes"], fan["quote_sources"], fan["quote_folders"]) == (
        ["张帆于本月离职。"],
        ["wire-1"],
        ["wire-2025-06"],  # its own folder, not the first one read
    )
    assert all(
        r["props"][L.HASH] == L.content_hash(label, i, r["props"], both) for (label, i), r in rows.items()
    )


def test_gone_counts_the_stored_facts_the_plan_no_longer_has():
    p = L.Plan(dataset="ds")
    p.ids["Person"] += ["a", "b"]
    p.ids["Source"].append("s1")
    p.keys += ["k1"]
    stored = {
        ("Person", "a"),  # kept
        ("Person", "c"),  # gone
        ("Company", "a"),  # gone: an id is kept only under its own label
        ("Source", "s1"),  # kept
        ("Claim", "s1"),  # gone
        ("WORKED_AT", "k1"),  # kept
        ("JOINED", "k1"),  # kept: a key is the relationship's, whatever its type
        ("WORKED_AT", "a"),  # gone: a node's id is no relationship's key
        ("Claim", "k1"),  # gone: a relationship's key is no claim's id
    }
    assert L._gone(p, stored) == 5
    assert L._gone(p, set()) == 0


def test_iso_span_and_what_cannot_be_hashed():
    assert L._iso_span("") == ("", "")
    assert L._iso_span("2021-07") == ("2021-07-01", "2021-07-31")
    assert L._iso_span("2025-40") == ("2025-01-01", "2025-06-30")
    with pytest.raises(TypeError, match="cannot hash a value of type object"):
        L.content_hash("P", "i", {"x": object()})
    with pytest.raises(TypeError, match="of type set"):
        L.content_hash("P", "i", {"x": {1}})


def test_sources_and_claims_name_the_folder_that_lists_them():
    folders = sorted(f for f in DATA_ALL.iterdir() if f.is_dir())
    listed = _listed(folders, [("sources.csv", "Source"), ("claims.csv", "Claim")])
    assert len(listed) == 3 + 8  # sources 1 + 2, claims 2 + 6
    g = graphkit.build_graph(folders)
    rows = {(label, row["id"]): row for label, row in L.node_rows(g, "ds") if label in ("Source", "Claim")}
    assert {k: r["folders"] for k, r in rows.items()} == listed
    assert all(r["props"]["graphkit_folders"] == r["folders"] for r in rows.values())


def test_each_relationship_s_hash_covers_its_type_ends_key_and_the_folders_read(rels):
    for (rtype, a, b), row in rels.values():
        assert row["props"][L.HASH] == L.content_hash(
            (rtype, a, b), [row["from"], row["to"], row["key"]], row["props"], ["careers"]
        )


def test_a_graph_built_without_graphkit_ingest_gets_one_quote_per_relationship():
    # (synthetic graphs, the benchmarks): no quotes, no names
    g = nx.MultiDiGraph(folders=["f1", "f2"])
    g.add_node("p1", kind="Person")
    g.add_node("c1", kind="Company")
    g.add_node("c2", kind="Company")
    g.add_edge(
        "p1", "c1", key="k1", type="WORKED_AT", evidence="q1", sources=["s1", "s2"], start="2020", end="2021"
    )
    g.add_edge("p1", "c2", key="k2", type="WORKED_AT", start="2022")  # no evidence, no sources
    rows = {row["key"]: row["props"] for _, row in L.rel_rows(g, "ds")}
    assert (rows["k1"]["quotes"], rows["k1"]["quote_sources"], rows["k1"]["quote_folders"]) == (
        ["q1"],
        ["s1;s2"],
        ["f1"],  # the first folder read
    )
    assert (rows["k2"]["quotes"], rows["k2"]["quote_sources"]) == ([""], [""])
    assert rows["k1"]["graphkit_folders"] == ["f1"]
    # left c1 in 2021, joined c2 in 2022: a node without a name is named by its id
    assert (rows["k1"]["departure_to"], rows["k1"]["departure_to_name"]) == ("c2", "c2")
