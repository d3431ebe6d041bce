"""Loading several data folders into a real Neo4j 5 server: one fact with each folder's
quotes, loads that leave other folders' facts alone, ``--prune`` by folder, and
identity decisions reflected in the stored graph.

The folders (built per test):

* ``a`` (source ``sa``, 2025-01-10): people p1 (Ada Li), p2 (Bo Chen); companies acme,
  beta; WORKED_AT p1 -> acme ending 2024-12 ("A1"); WORKED_AT p2 -> beta from 2023 ("A2").
* ``b`` (source ``sb``, 2025-06-01): person p3 (Chen Bo, the same man as p2 written the
  other way round); WORKED_AT p1 -> acme ending 2024-12 ("B1", the same fact as A1);
  JOINED p1 -> beta 2025-01 ("B2", only b says it); WORKED_AT p3 -> beta from 2023 ("B3").
* ``c`` (source ``sc``, 2025-03-01), on its own: p1 again (alias "Ada"), acme;
  WORKED_AT p1 -> acme ending 2024-12 ("C1").
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import graphkit
from conftest import wipe_test_data
from graphkit import api
from graphkit import neo4j as gn
from graphkit.neo4j import load as gl

pytestmark = pytest.mark.integration
DS = "test-folders"

SRC = "id,title,publisher,published,retrieved,url,language,note\n"
PEOPLE = "id,name,name_en,aliases,unnamed,sources,note\n"
ORGS = "id,kind,name,name_en,category,aliases,unnamed,sources,note\n"
RELS = "type,from,to,role,role_en,role_category,start,end,status,sources,evidence,note\n"


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    return folder


@pytest.fixture
def folders(tmp_path: Path) -> dict[str, Path]:
    return make_folders(tmp_path)


def make_folders(root: Path) -> dict[str, Path]:
    a = write(
        root / "a",
        {
            "sources.csv": SRC + "sa,Report A,Wire,2025-01-10,,,en,\n",
            "people.csv": PEOPLE + "p1,Ada Li,,,false,sa,\np2,Bo Chen,,,false,sa,\n",
            "organisations.csv": ORGS + "acme,Company,Acme,,,,false,sa,\nbeta,Company,Beta,,,,false,sa,\n",
            "relationships.csv": RELS
            + "WORKED_AT,p1,acme,CTO,,,,2024-12,confirmed,sa,A1,\n"
            + "WORKED_AT,p2,beta,,,,2023,,confirmed,sa,A2,\n",
        },
    )
    b = write(
        root / "b",
        {
            "sources.csv": SRC + "sb,Report B,Ledger,2025-06-01,,,en,\n",
            "people.csv": PEOPLE + "p3,Chen Bo,,,false,sb,\n",
            "relationships.csv": RELS
            + "WORKED_AT,p1,acme,CTO,,,,2024-12,confirmed,sb,B1,\n"
            + "JOINED,p1,beta,,,,2025-01,,confirmed,sb,B2,\n"
            + "WORKED_AT,p3,beta,,,,2023,,confirmed,sb,B3,\n",
        },
    )
    c = write(
        root / "c",
        {
            "sources.csv": SRC + "sc,Report C,Post,2025-03-01,,,en,\n",
            "people.csv": PEOPLE + "p1,Ada Li,,Ada,false,sc,\n",
            "organisations.csv": ORGS + "acme,Company,Acme,,,,false,sc,\n",
            "relationships.csv": RELS + "WORKED_AT,p1,acme,CTO,,,,2024-12,confirmed,sc,C1,\n",
        },
    )
    return {"a": a, "b": b, "c": c}


def load(driver, dirs, prune=False, decisions=None):
    g = graphkit.build_graph([str(d) for d in dirs], decisions=decisions)
    return gn.load_graph(driver, g, DS, prune=prune)


def rels(driver, rtype: str, a: str, b: str) -> list[dict]:
    with driver.session() as s:
        return s.run(
            f"MATCH (x {{id: $a}})-[r:{rtype}]->(y {{id: $b}}) WHERE r.graphkit_dataset = $ds "
            "RETURN properties(r) AS p ORDER BY r.graphkit_key",
            a=a,
            b=b,
            ds=DS,
        ).value()


def node(driver, nid: str) -> dict | None:
    with driver.session() as s:
        rec = s.run(
            "MATCH (n {id: $id}) WHERE n.graphkit_dataset = $ds RETURN properties(n) AS p", id=nid, ds=DS
        ).single()
        return rec["p"] if rec else None


def count(driver, label: str) -> int:
    with driver.session() as s:
        return s.run(
            f"MATCH (n:{label}) WHERE n.graphkit_dataset = $ds RETURN count(n) AS n", ds=DS
        ).single()["n"]


def test_one_fact_from_two_folders_keeps_both_quotes_and_folders(neo4j_driver, folders):
    load(neo4j_driver, [folders["a"], folders["b"]])
    [r] = rels(neo4j_driver, "WORKED_AT", "p1", "acme")
    assert r["quotes"] == ["A1", "B1"]
    assert r["quote_sources"] == ["sa", "sb"]
    assert r["quote_folders"] == ["a", "b"]
    assert r["graphkit_folders"] == ["a", "b"]
    assert r["sources"] == ["sa", "sb"]
    [joined] = rels(neo4j_driver, "JOINED", "p1", "beta")
    assert joined["graphkit_folders"] == ["b"] and joined["quotes"] == ["B2"]
    assert node(neo4j_driver, "p1")["graphkit_folders"] == ["a"]  # defined in a only
    # without a decision p2 and p3 are two people
    assert count(neo4j_driver, "Person") == 3


def test_a_new_folder_never_changes_what_only_other_folders_support(neo4j_driver, folders):
    load(neo4j_driver, [folders["a"]])
    only_a = rels(neo4j_driver, "WORKED_AT", "p2", "beta")
    [before] = rels(neo4j_driver, "WORKED_AT", "p1", "acme")
    result = load(neo4j_driver, [folders["c"]])
    assert result.folders == ("c",)
    assert rels(neo4j_driver, "WORKED_AT", "p2", "beta") == only_a  # untouched
    [after] = rels(neo4j_driver, "WORKED_AT", "p1", "acme")
    # c tells the same fact: it adds its quote and folder; a's quote stays
    assert after["quotes"] == ["A1", "C1"]
    assert after["graphkit_folders"] == ["a", "c"]
    assert after["sources"] == ["sa", "sc"]
    assert {
        k: v
        for k, v in after.items()
        if k not in ("quotes", "quote_sources", "quote_folders", "graphkit_folders", "sources", gl.HASH)
    } == {
        k: v
        for k, v in before.items()
        if k not in ("quotes", "quote_sources", "quote_folders", "graphkit_folders", "sources", gl.HASH)
    }
    # the hash is that of c's row, the last written
    [c_row] = [
        r
        for r in gl.plan(graphkit.build_graph([str(folders["c"])]), DS).rels[
            ("WORKED_AT", "Person", "Company")
        ]
    ]
    assert after[gl.HASH] == c_row["props"][gl.HASH] != before[gl.HASH]
    p1 = node(neo4j_driver, "p1")
    assert p1["graphkit_folders"] == ["a", "c"]
    assert p1["aliases"] == ["Ada"]
    # loading c again with --prune removes nothing a supports
    again = load(neo4j_driver, [folders["c"]], prune=True)
    assert (again.pruned_nodes, again.pruned_relationships) == (0, 0)
    assert rels(neo4j_driver, "WORKED_AT", "p2", "beta") == only_a


def test_prune_removes_a_fact_only_when_no_loaded_folder_supports_it(neo4j_driver, folders):
    a, b = folders["a"], folders["b"]
    load(neo4j_driver, [a, b])
    # b drops its quote of the shared fact and the fact only it told
    (b / "relationships.csv").write_text(RELS + "WORKED_AT,p3,beta,,,,2023,,confirmed,sb,B3,\n", "utf-8")
    kept = load(neo4j_driver, [a, b])  # without --prune nothing is deleted
    assert (kept.pruned_nodes, kept.pruned_relationships) == (0, 0)
    assert len(rels(neo4j_driver, "JOINED", "p1", "beta")) == 1
    [shared] = rels(neo4j_driver, "WORKED_AT", "p1", "acme")
    assert shared["quotes"] == ["A1"] and shared["graphkit_folders"] == ["a"]  # rewritten by a alone
    pruned = load(neo4j_driver, [a, b], prune=True)
    assert pruned.pruned_relationships == 1
    assert rels(neo4j_driver, "JOINED", "p1", "beta") == []
    assert len(rels(neo4j_driver, "WORKED_AT", "p1", "acme")) == 1


def test_prune_keeps_a_fact_another_folder_still_supports(neo4j_driver, folders):
    a, c = folders["a"], folders["c"]
    load(neo4j_driver, [a])
    load(neo4j_driver, [c])
    # c no longer tells the fact: pruning c's load leaves it to a, with a's quote only
    (c / "relationships.csv").write_text(RELS, "utf-8")
    result = load(neo4j_driver, [c], prune=True)
    assert result.pruned_relationships == 0
    [r] = rels(neo4j_driver, "WORKED_AT", "p1", "acme")
    assert r["quotes"] == ["A1"] and r["quote_folders"] == ["a"] and r["graphkit_folders"] == ["a"]
    assert r["sources"] == ["sa"]
    # c's people.csv still defines p1, so both folders support the node
    assert node(neo4j_driver, "p1")["graphkit_folders"] == ["a", "c"]


def test_a_same_decision_merges_the_stored_ids(neo4j_driver, folders, tmp_path):
    a, b = folders["a"], folders["b"]
    load(neo4j_driver, [a, b])
    assert count(neo4j_driver, "Person") == 3
    assert len(rels(neo4j_driver, "WORKED_AT", "p3", "beta")) == 1
    (b / "decisions.csv").write_text(
        "id_a,id_b,name_a,name_b,score,reasons,decision\np2,p3,Bo Chen,Chen Bo,0.9,,same\n", "utf-8"
    )
    result = load(neo4j_driver, [a, b], prune=True)
    assert result.merged_nodes == 1
    assert count(neo4j_driver, "Person") == 2
    assert node(neo4j_driver, "p3") is None
    p2 = node(neo4j_driver, "p2")
    assert p2["merged_ids"] == ["p3"]
    assert "Chen Bo" in p2["aliases"]
    [r] = rels(neo4j_driver, "WORKED_AT", "p2", "beta")  # one fact, both quotes
    assert r["quotes"] == ["A2", "B3"] and r["graphkit_folders"] == ["a", "b"]
    assert rels(neo4j_driver, "WORKED_AT", "p3", "beta") == []


def test_a_fact_another_load_pruned_is_written_again(neo4j_driver, folders):
    """A prune that takes one folder's quote off a shared fact drops the fact's content
    hash, so the next load of both folders writes the quote back instead of finding
    "no change"."""
    a, c = folders["a"], folders["c"]
    quotes = "MATCH (:Person {id: 'p1'})-[r:WORKED_AT]->(:Company {id: 'acme'}) RETURN r.quotes AS q"
    load(neo4j_driver, [a, c])
    assert neo4j_driver.execute_query(quotes).records[0]["q"] == ["A1", "C1"]
    rels = c / "relationships.csv"
    rels.write_text(RELS, "utf-8")
    load(neo4j_driver, [c], prune=True)
    assert neo4j_driver.execute_query(quotes).records[0]["q"] == ["A1"]
    rels.write_text(RELS + "WORKED_AT,p1,acme,CTO,,,,2024-12,confirmed,sc,C1,\n", "utf-8")
    again = load(neo4j_driver, [a, c])
    assert again.changes >= 1
    assert neo4j_driver.execute_query(quotes).records[0]["q"] == ["A1", "C1"]
    assert load(neo4j_driver, [a, c]).changes == 0


def test_a_shared_fact_takes_the_hash_of_each_load_that_writes_it(neo4j_driver, folders):
    """c writes the shared fact first (hash of c's row), a adds its quote. An edit to c's
    quote and its undoing are two changes: the undone row must not look like what Neo4j
    holds, since Neo4j holds the edit."""
    a, c = folders["a"], folders["c"]
    quotes = "MATCH (:Person {id: 'p1'})-[r:WORKED_AT]->(:Company {id: 'acme'}) RETURN r.quotes AS q"
    load(neo4j_driver, [c])
    load(neo4j_driver, [a])
    assert neo4j_driver.execute_query(quotes).records[0]["q"] == ["C1", "A1"]
    rels = c / "relationships.csv"
    original = rels.read_text("utf-8")
    rels.write_text(original.replace(",C1,", ",C1 edited,"), "utf-8")
    # the fact, and p1 and acme, whose rows a wrote last
    assert load(neo4j_driver, [c]).changes == 3
    assert neo4j_driver.execute_query(quotes).records[0]["q"] == ["A1", "C1 edited"]
    rels.write_text(original, "utf-8")
    assert load(neo4j_driver, [c]).changes == 1
    assert neo4j_driver.execute_query(quotes).records[0]["q"] == ["A1", "C1"]
    assert load(neo4j_driver, [c]).changes == 0
    # a's rows are not the ones c wrote last: a reload of a writes them (the same values) again
    assert load(neo4j_driver, [a]).changes == 3
    assert neo4j_driver.execute_query(quotes).records[0]["q"] == ["C1", "A1"]
    assert load(neo4j_driver, [a]).changes == 0


# ------------------------------------------------ skipping what Neo4j holds changes nothing
#: The folder sets that validate on their own (b's facts name people a defines).
OTHER = DS + "-other"  # a second dataset over the same node ids
EXAMPLES = int(os.environ.get("GRAPHKIT_LOAD_EXAMPLES", "25"))
LOADABLE = [("a",), ("c",), ("a", "b"), ("a", "c"), ("a", "b", "c")]
EDITS = ["none", "quote", "drop", "role", "end", "decide"]
SAME = "id_a,id_b,name_a,name_b,score,reasons,decision\np2,p3,Bo Chen,Chen Bo,0.9,,same\n"


def edit_folder(folder: Path, kind: str, i: int) -> None:
    """One edit to the ``i``-th relationship (modulo their number) of ``folder``: its quote,
    its role or its end changed (the last two make it another fact), or the row dropped;
    or ("decide") b's decision that p2 and p3 are one man made or taken back."""
    if kind == "decide":
        decisions = folder.parent / "b" / "decisions.csv"
        if decisions.exists():
            decisions.unlink()
        else:
            decisions.write_text(SAME, "utf-8")
        return
    path = folder / "relationships.csv"
    header, *rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    if kind == "none" or not rows:
        return
    row = rows[i % len(rows)]
    if kind == "drop":
        rows.remove(row)
    elif kind == "quote":
        row[10] += " edited"
    elif kind == "role":
        row[3] = "VP" if row[3] != "VP" else "CTO"
    elif kind == "end":
        row[7] = "2025-03" if row[7] != "2025-03" else ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    path.write_text(out.getvalue(), "utf-8")


def stored_state(driver) -> tuple[list, list]:
    """Every node and relationship of DS and OTHER with its properties, the content hash
    left out (it is bookkeeping: what the last load wrote), in a stable order."""

    def clean(props: dict) -> list:
        return sorted((k, repr(v)) for k, v in props.items() if k != gl.HASH)

    nodes = driver.execute_query(
        "MATCH (n) WHERE n.graphkit_dataset STARTS WITH $ds AND NOT n:GraphkitLoad "
        "RETURN labels(n) AS labels, properties(n) AS p",
        ds=DS,
    ).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE r.graphkit_dataset STARTS WITH $ds "
        "RETURN type(r) AS t, a.id AS a, b.id AS b, "
        "properties(r) AS p",
        ds=DS,
    ).records
    return (
        sorted((sorted(r["labels"]), clean(r["p"])) for r in nodes),
        sorted((r["t"], r["a"], r["b"], clean(r["p"])) for r in rels),
    )


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(LOADABLE),
            st.sampled_from("abc"),
            st.sampled_from(EDITS),
            st.integers(0, 3),
            st.booleans(),
            st.sampled_from([DS, OTHER]),
        ),
        min_size=2,
        max_size=6,
    )
)
@example(  # the merge of p2 and p3, a load of a alone, the merge taken back: p2 must lose b's part
    steps=[
        (("a",), "a", "none", 0, False, DS),
        (("a", "b"), "a", "decide", 0, False, DS),
        (("a",), "a", "none", 0, False, DS),
        (("a", "b"), "a", "decide", 0, False, DS),
    ]
)
def test_skipping_what_neo4j_holds_never_changes_the_outcome(
    neo4j_driver, neo4j_settings, tmp_path_factory, steps
):
    """A random run of edits and loads (some with --prune, some into another dataset over
    the same ids), done twice: as loads do, with
    the rows whose hash Neo4j holds (and files it has loaded) skipped, and with every row
    written (``rewrite``). After every load the stored graph must be the same, and a
    recheck of the last load finds nothing to do."""
    root = tmp_path_factory.mktemp("runs")
    seen: dict[bool, list] = {}
    for rewrite in (True, False):
        wipe_test_data(neo4j_driver)
        dirs = make_folders(root / ("rewrite" if rewrite else "skip"))
        states = []
        for names, edited, kind, i, prune, dataset in steps:
            edit_folder(dirs[edited], kind, i)
            result = api.load(
                [dirs[n] for n in names], neo4j_settings, dataset=dataset, prune=prune, rewrite=rewrite
            )
            states.append((result.rows, stored_state(neo4j_driver)))
        seen[rewrite] = states
        if not rewrite:
            last = api.load(
                [dirs[n] for n in names], neo4j_settings, dataset=dataset, prune=prune, check_files=False
            )
            assert last.changes == 0
            assert stored_state(neo4j_driver) == states[-1][1]
    for step, (skipped, written) in enumerate(zip(seen[False], seen[True], strict=True)):
        assert skipped == written, f"after load {step + 1} of {steps}"


def test_rewrite_restores_a_shared_fact_only_with_all_its_folders(neo4j_driver, neo4j_settings, folders):
    """A value edited by hand on a fact that a and c both support: --rewrite of a alone
    keeps it (c's part stays, as in any load of a), --rewrite of a and c restores it."""
    a, c = folders["a"], folders["c"]
    role = "MATCH (:Person {id: 'p1'})-[r:WORKED_AT]->(:Company {id: 'acme'}) RETURN r.role AS role"
    api.load([a, c], neo4j_settings, dataset=DS)
    neo4j_driver.execute_query(
        "MATCH (:Person {id: 'p1'})-[r:WORKED_AT]->(:Company {id: 'acme'}) SET r.role = 'edited'"
    )
    api.load([a], neo4j_settings, dataset=DS, rewrite=True)
    assert neo4j_driver.execute_query(role).records[0]["role"] == "edited"
    api.load([a, c], neo4j_settings, dataset=DS, rewrite=True)
    assert neo4j_driver.execute_query(role).records[0]["role"] == "CTO"
