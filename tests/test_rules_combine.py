"""The rules of combining several data folders (graphkit/ingest/combine.py, folders.py,
decisions.py), checked on the two-source fixture ``tests/fixtures/sources`` and on small
hand-built rows and folders.

Every expected value is worked out by hand from the CSV text; the comments say why.

The fixture (row lines of each relationships.csv; the header is line 1):

The Talent Wire, ``wire-2025-03`` (published 2025-03-10)      The Ledger, ``ledger-2025-09`` (published 2025-09-20)
  2 mara-quinn  WORKED_AT orbital 2021-05..2024-11  Head of r.   2 ada-lim   WORKED_AT kestrel 2016-03..2019-08 (1st stint)
  3 omar-haddad FOUNDED helix   2025                             3 ada-lim   WORKED_AT kestrel 2022-01..  (2nd stint)
  4 lena-brandt WORKED_AT quarry 2019-03..2025-01                4 mara-quinn  the same as the Wire's line 2
  5 ravi-menon  WORKED_AT nimbus 2023.. CTO                      5 omar-haddad FOUNDED helix 2025-02
  6 sofia-reyes WORKED_AT lumen 2024-06.. CTO                    6 lena-brandt ... 2019-03..2025-04
  7 jonas-berg  WORKED_AT orbital 2020..2025-02                  7 ravi-menon  ... Chief Scientist
  8 tara-okafor WORKED_AT quarry 2022..                          8 sofia-reyes ... CTO and co-founder
  9 ada-lim     WORKED_AT kestrel 2022-01..                      9 jonas-berg  ... 2020.. (no end)
 10 zhang-wei   JOINED lumen 2024-07                            10 tara-okafor ... 2022..2025-06
 11 kai-sato    JOINED quarry (attempted, no date)              11 wei-zhang   JOINED lumen 2024-07
 12 li-na       WORKED_AT orbital 2023..                        12 kai-sato    JOINED quarry 2025-05 (confirmed)
                                                                13 li-na-fjord WORKED_AT fjord 2020..

decisions.csv: line 2 ``zhang-wei,wei-zhang,same``; line 3 ``li-na,li-na-fjord,different``.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from helpers import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

import graphkit
from graphkit import ReadError, check
from graphkit.ingest import combine, decisions, folders
from graphkit.ingest.folders import Folder
from graphkit.schema.errors import Issue
from graphkit.schema.model import Alternative, Dataset, Relationship

SRC = FIXTURES / "sources"
WIRE = SRC / "wire-2025-03"
LEDGER = SRC / "ledger-2025-09"
DECISIONS = SRC / "decisions.csv"
W_ID, L_ID = "wire-2025-03", "ledger-2025-09"  # each folder's one source, named like its folder
W_PUB, L_PUB = "2025-03-10", "2025-09-20"


def at(folder: Path, file: str, line: int) -> str:
    """Where a row is, as quotes and disagreements give it: ``FOLDER/FILE:LINE`` (the
    folder's name, not its path: the same on every machine)."""
    return f"{folder.name}/{file}:{line}"


def w(line: int) -> str:
    """Where a row of the Wire's relationships.csv is."""
    return at(WIRE, "relationships.csv", line)


def lg(line: int) -> str:
    return at(LEDGER, "relationships.csv", line)


def load(directories: Any, decisions: Path | str | None = None) -> Dataset:
    """The dataset; only warnings may be found."""
    ds, issues = check(directories, decisions=decisions)
    assert [str(i) for i in issues if i.severity == "error"] == []
    assert ds is not None
    return ds


@pytest.fixture(scope="module")
def decided() -> Dataset:
    """Both folders, the Wire first, with the fixture's decisions."""
    return load([WIRE, LEDGER], DECISIONS)


@pytest.fixture(scope="module")
def undecided() -> Dataset:
    """Both folders, the Wire first, without decisions (two folders given by name do not
    read their parent's decisions.csv)."""
    return load([WIRE, LEDGER])


Fact = tuple[str, str, str, str | None, str | None, str | None, str, tuple[str, ...]]


def fact(r: Relationship) -> Fact:
    return (r.type, r.source, r.target, r.start, r.end, r.role, r.status, r.disputed)


def find(ds: Dataset, source: str, target: str, start: str | None = "*") -> Relationship:
    found = [r for r in ds.relationships if (r.source, r.target) == (source, target)]
    if start != "*":
        found = [r for r in found if r.start == start]
    assert len(found) == 1, found
    return found[0]


def quotes(r: Relationship) -> list[tuple[str, str]]:
    return [(q.folder, q.at) for q in r.quotes]


# ------------------------------------------------------------------ the facts
# With the decisions, wei-zhang is zhang-wei, so the two JOINED ... -> lumen rows are one
# fact. The 23 rows (11 + 12) make 13 facts: 10 facts of two rows (one from each folder:
# mara, omar, lena, ravi, sofia, jonas, tara, ada's second stint, zhang-wei, kai) and three
# of one row (li-na, ada's first stint, li-na-fjord). 10 * 2 + 3 = 23.
# Facts come in the order they first appear: the Wire's rows (lines 2-12) first, then
# the Ledger's rows that joined no fact (line 2, ada's first stint; line 13, li-na-fjord).
EXPECTED_FACTS: list[tuple[Fact, list[tuple[str, str]]]] = [
    # identical in both: one fact, both quotes
    (("WORKED_AT", "mara-quinn", "orbital", "2021-05", "2024-11", "Head of research", "confirmed", ()),
     [(W_ID, w(2)), (L_ID, lg(4))]),
    # 2025 and 2025-02 overlap: they agree, and the narrower 2025-02 is used
    (("FOUNDED", "omar-haddad", "helix", "2025-02", None, "Founder", "confirmed", ()),
     [(W_ID, w(3)), (L_ID, lg(5))]),
    # ends 2025-01 and 2025-04 cannot overlap: disputed; the Ledger (published later) is used
    (("WORKED_AT", "lena-brandt", "quarry", "2019-03", "2025-04", "VP of engineering", "confirmed", ("end",)),
     [(W_ID, w(4)), (L_ID, lg(6))]),
    # CTO and Chief Scientist: neither names the other's titles: disputed; the Ledger's role
    (("WORKED_AT", "ravi-menon", "nimbus", "2023", None, "Chief Scientist", "confirmed", ("role",)),
     [(W_ID, w(5)), (L_ID, lg(7))]),
    # "CTO and co-founder" names all of "CTO": they agree; the role naming more titles is used
    (("WORKED_AT", "sofia-reyes", "lumen", "2024-06", None, "CTO and co-founder", "confirmed", ()),
     [(W_ID, w(6)), (L_ID, lg(8))]),
    # the Wire has him leave in 2025-02; the Ledger, published 2025-09-20 (after 2025-02-28),
    # has him still there: left-or-stayed; the Ledger's value (no end) is used
    (("WORKED_AT", "jonas-berg", "orbital", "2020", None, "Chief operating officer", "confirmed", ("end",)),
     [(W_ID, w(7)), (L_ID, lg(9))]),
    # the OLDER Wire (2025-03-10) has no end, the newer Ledger ends it in 2025-06: the Wire
    # was published before 2025-06-30, so it does not contradict the end: agreed, end 2025-06
    (("WORKED_AT", "tara-okafor", "quarry", "2022", "2025-06", "Head of product", "confirmed", ()),
     [(W_ID, w(8)), (L_ID, lg(10))]),
    # ada's second stint: the Wire's line 9 matches the Ledger's line 3 (not its line 2,
    # whose start 2016-03 cannot be 2022-01)
    (("WORKED_AT", "ada-lim", "kestrel", "2022-01", None, "Research scientist", "confirmed", ()),
     [(W_ID, w(9)), (L_ID, lg(3))]),
    # one man under two ids, joined by the `same` decision: one fact, both quotes
    (("JOINED", "zhang-wei", "lumen", "2024-07", None, None, "confirmed", ()),
     [(W_ID, w(10)), (L_ID, lg(11))]),
    # attempted against confirmed: disputed; the Ledger's status; the only date is 2025-05
    (("JOINED", "kai-sato", "quarry", "2025-05", None, None, "confirmed", ("status",)),
     [(W_ID, w(11)), (L_ID, lg(12))]),
    (("WORKED_AT", "li-na", "orbital", "2023", None, "Product lead", "confirmed", ()), [(W_ID, w(12))]),
    # ada's first stint: the Ledger's own two rows about her and Kestrel are never one fact
    (("WORKED_AT", "ada-lim", "kestrel", "2016-03", "2019-08", "Research scientist", "confirmed", ()),
     [(L_ID, lg(2))]),
    (("WORKED_AT", "li-na-fjord", "fjord", "2020", None, "Partner", "confirmed", ()), [(L_ID, lg(13))]),
]  # fmt: skip


def test_facts_and_their_quotes_in_folder_order(decided: Dataset):
    assert [(fact(r), quotes(r)) for r in decided.relationships] == EXPECTED_FACTS
    assert len(decided.relationships) == 13
    assert decided.folders == [W_ID, L_ID]


def test_a_fact_told_by_both_sources_keeps_each_quote(decided: Dataset):
    mara = find(decided, "mara-quinn", "orbital")
    assert [(q.sources, q.evidence, q.folder, q.at) for q in mara.quotes] == [
        ((W_ID,), "Quinn led research at Orbital Labs from May 2021 to November 2024.", W_ID, w(2)),
        ((L_ID,), "Mara Quinn headed Orbital's research from May 2021 until November 2024.", L_ID, lg(4)),
    ]
    assert mara.sources == (W_ID, L_ID)  # every row's sources, in row order
    assert mara.disputed == ()
    assert mara.note == "Both sources report this stint identically."  # only the Wire's row has one
    # the fact keeps its first row's place and sentence
    assert (mara.file, mara.line, mara.evidence) == (
        str(WIRE / "relationships.csv"),
        2,
        mara.quotes[0].evidence,
    )


def test_facts_without_the_decisions(undecided: Dataset):
    # without `same`, zhang-wei -> lumen (Wire 10) and wei-zhang -> lumen (Ledger 11) are
    # two facts of one row each: 13 + 1 = 14 facts, and no new disagreement
    assert len(undecided.relationships) == 14
    assert quotes(find(undecided, "zhang-wei", "lumen")) == [(W_ID, w(10))]
    assert quotes(find(undecided, "wei-zhang", "lumen")) == [(L_ID, lg(11))]
    others = [
        (fact(r), quotes(r)) for r in undecided.relationships if r.target != "lumen" or r.type != "JOINED"
    ]
    assert others == [e for e in EXPECTED_FACTS if e[0][:3] != ("JOINED", "zhang-wei", "lumen")]
    assert len(undecided.disagreements) == 4


def test_node_counts_with_and_without_the_decisions(decided: Dataset, undecided: Dataset):
    # people: the Wire's 11 and the Ledger's 11 share 9 ids (mara, omar, lena, ravi, sofia,
    # jonas, tara, ada, kai); zhang-wei and li-na are the Wire's only, wei-zhang and
    # li-na-fjord the Ledger's: 9 + 2 + 2 = 13. Organisations: the Wire's 6, all in the
    # Ledger too, and the Ledger's fjord: 7. 13 + 7 = 20; `same` drops wei-zhang: 19.
    # (`different` drops nothing: li-na and li-na-fjord stay two people.)
    assert len(undecided.nodes) == 20
    assert len(decided.nodes) == 19
    assert set(undecided.nodes) - set(decided.nodes) == {"wei-zhang"}
    assert {"li-na", "li-na-fjord"} <= set(decided.nodes)
    people = [n for n in decided.nodes.values() if n.kind == "Person"]
    assert len(people) == 12
    assert decided.counts() == {
        "Person": 12, "Company": 4, "Startup": 2, "Investor": 1,
        "WORKED_AT": 10, "FOUNDED": 1, "JOINED": 2, "Source": 2, "Claim": 0,
    }  # fmt: skip
    assert undecided.counts()["JOINED"] == 3 and undecided.counts()["Person"] == 13


# ------------------------------------------------------------- disagreements
def alt(value: str, source: str, at: str) -> Alternative:
    pub = W_PUB if source == W_ID else L_PUB
    return Alternative(value=value, sources=(source,), folder=source, at=at, published=pub)


# In the order of their facts (lena, ravi, jonas, kai); values in row order (the Wire first).
EXPECTED_DISAGREEMENTS = [
    ("date", "end", "WORKED_AT lena-brandt -> quarry",
     (alt("2025-01", W_ID, w(4)), alt("2025-04", L_ID, lg(6))), "2025-04"),
    ("role", "role", "WORKED_AT ravi-menon -> nimbus",
     (alt("CTO", W_ID, w(5)), alt("Chief Scientist", L_ID, lg(7))), "Chief Scientist"),
    # the Ledger's "still there" is the empty value, and it is the one used
    ("left-or-stayed", "end", "WORKED_AT jonas-berg -> orbital",
     (alt("2025-02", W_ID, w(7)), alt("", L_ID, lg(9))), ""),
    ("status", "status", "JOINED kai-sato -> quarry",
     (alt("attempted", W_ID, w(11)), alt("confirmed", L_ID, lg(12))), "confirmed"),
]  # fmt: skip


def test_every_disagreement(decided: Dataset):
    got = [(d.kind, d.field, d.subject, d.values, d.used) for d in decided.disagreements]
    assert got == EXPECTED_DISAGREEMENTS


def test_a_disagreement_names_its_fact_by_the_facts_key(decided: Dataset):
    keys = {r.key for r in decided.relationships}
    for d in decided.disagreements:
        assert d.key in keys
        (r,) = [r for r in decided.relationships if r.key == d.key]
        assert d.field in r.disputed
        assert d.subject == f"{r.type} {r.source} -> {r.target}"


def test_the_disputed_values_the_facts_carry(decided: Dataset):
    ravi = find(decided, "ravi-menon", "nimbus")
    # the role, and with it role_en and role_category, are the latest source's (the Ledger)
    assert (ravi.role, ravi.role_en, ravi.role_category) == (
        "Chief Scientist",
        "Chief Scientist",
        ("technical",),
    )
    lena = find(decided, "lena-brandt", "quarry")
    assert (lena.start, lena.end) == ("2019-03", "2025-04")  # start agreed, end the Ledger's
    jonas = find(decided, "jonas-berg", "orbital")
    assert jonas.end is None and jonas.disputed == ("end",)
    kai = find(decided, "kai-sato", "quarry")
    assert (kai.status, kai.start) == ("confirmed", "2025-05")


def test_no_disagreement_where_sources_agree(decided: Dataset):
    disputed = {d.subject for d in decided.disagreements}
    # older no end vs newer end; a role that only adds a title; a narrower date; identical rows
    for subject in (
        "WORKED_AT tara-okafor -> quarry",
        "WORKED_AT sofia-reyes -> lumen",
        "FOUNDED omar-haddad -> helix",
        "WORKED_AT mara-quinn -> orbital",
        "WORKED_AT ada-lim -> kestrel",
        "JOINED zhang-wei -> lumen",
    ):
        assert subject not in disputed
    tara = find(decided, "tara-okafor", "quarry")
    assert (tara.end, tara.disputed) == ("2025-06", ())
    sofia = find(decided, "sofia-reyes", "lumen")
    assert (sofia.role, sofia.role_en, sofia.disputed) == ("CTO and co-founder", "CTO and co-founder", ())
    # agreeing roles: every row's categories, in row order
    assert sofia.role_category == ("executive", "technical", "founder")


@pytest.mark.parametrize("order", [[WIRE, LEDGER], [LEDGER, WIRE]], ids=["wire-first", "ledger-first"])
def test_the_narrowest_agreeing_date_whatever_the_order(order: list[Path]):
    # 2025 spans 365 days, 2025-02 28: 2025-02 is used whether it comes first or last
    ds = load(order, DECISIONS)
    assert find(ds, "omar-haddad", "helix").start == "2025-02"
    assert find(ds, "tara-okafor", "quarry").end == "2025-06"


def test_a_rehire_in_one_folder_stays_two_facts(decided: Dataset):
    stints = sorted((r.start, r.end, quotes(r)) for r in decided.relationships if r.source == "ada-lim")
    assert stints == [
        ("2016-03", "2019-08", [(L_ID, lg(2))]),
        ("2022-01", None, [(W_ID, w(9)), (L_ID, lg(3))]),
    ]


def test_a_rehire_in_one_folder_stays_two_facts_with_the_other_folder_first():
    # The Ledger's first stint meets the Wire's row (2022-01) first and conflicts with it;
    # it is not the only Ledger row about ada-lim -> kestrel (there are two), so it does not
    # join the Wire's fact as a disputed one.
    ds = load([WIRE, LEDGER])
    stints = sorted(
        (r.start, r.end, len(r.quotes), r.disputed) for r in ds.relationships if r.source == "ada-lim"
    )
    assert stints == [("2016-03", "2019-08", 1, ()), ("2022-01", None, 2, ())]
    ds = load([LEDGER, WIRE])
    stints = sorted(
        (r.start, r.end, len(r.quotes), r.disputed) for r in ds.relationships if r.source == "ada-lim"
    )
    assert stints == [("2016-03", "2019-08", 1, ()), ("2022-01", None, 2, ())]


# ------------------------------------------------------------------ entities
def test_one_id_in_both_folders_is_one_person_with_both_aliases(decided: Dataset):
    mara = decided.nodes["mara-quinn"]
    # the first folder's row is the entity; the other's aliases and sources join it
    assert mara.aliases == ("M. Quinn", "Mara J. Quinn")
    assert mara.sources == (W_ID, L_ID)
    assert mara.merged_ids == ()
    assert (mara.name, mara.file, mara.line) == ("Mara Quinn", str(WIRE / "people.csv"), 2)
    assert mara.note == "In both folders under one id: one person."


def test_same_decision_merges_ids(decided: Dataset, undecided: Dataset):
    zw = decided.nodes["zhang-wei"]
    assert "wei-zhang" not in decided.nodes
    assert zw.merged_ids == ("wei-zhang",)
    # the merged row's name, English name (the same) and aliases become aliases
    assert zw.aliases == ("Wei Zhang", "W. Zhang")
    assert (zw.name, zw.name_en) == ("Zhang Wei", "Zhang Wei")
    assert zw.sources == (W_ID, L_ID)
    assert (
        zw.note
        == "The Ledger calls him wei-zhang: decisions.csv merges the two ids. | The Talent Wire's zhang-wei."
    )
    assert undecided.nodes["zhang-wei"].merged_ids == ()
    assert undecided.nodes["zhang-wei"].aliases == ()
    assert undecided.nodes["wei-zhang"].aliases == ("W. Zhang",)


def test_same_decision_in_the_graph():
    g = graphkit.build_graph([WIRE, LEDGER], decisions=DECISIONS)
    assert g.graph["folders"] == [W_ID, L_ID]
    assert g.number_of_nodes() == 19 and g.number_of_edges() == 13
    assert "wei-zhang" not in g
    assert g.nodes["zhang-wei"]["merged_ids"] == ["wei-zhang"]
    assert g.nodes["zhang-wei"]["aliases"] == ["Wei Zhang", "W. Zhang"]
    assert g.nodes["mara-quinn"]["aliases"] == ["M. Quinn", "Mara J. Quinn"]
    ((_, _, joined),) = g.out_edges("zhang-wei", data=True)
    assert joined["quotes"] == [
        "Zhang Wei joined Lumen Robotics in July 2024.",
        "Wei Zhang moved to Lumen Robotics in July 2024.",
    ]
    assert joined["quote_sources"] == [W_ID, L_ID]
    assert joined["quote_folders"] == [W_ID, L_ID]
    assert joined["disputed"] == []
    ((_, _, lena),) = g.out_edges("lena-brandt", data=True)
    assert (lena["end"], lena["disputed"]) == ("2025-04", ["end"])
    assert [(d["kind"], d["field"], d["subject"], d["used"]) for d in g.graph["disagreements"]] == [
        (k, f, s, u) for k, f, s, _, u in EXPECTED_DISAGREEMENTS
    ]
    ug = graphkit.build_graph([WIRE, LEDGER])
    assert ug.number_of_nodes() == 20 and ug.number_of_edges() == 14
    assert ug.nodes["zhang-wei"]["merged_ids"] == []


def _decisions_file(directory: Path, *rows: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "decisions.csv"
    path.write_text(
        "id_a,id_b,name_a,name_b,score,reasons,decision\n" + "".join(r + "\n" for r in rows), "utf-8"
    )
    return path


def test_a_different_decision_changes_nothing_but_the_warning(tmp_path: Path, decided: Dataset):
    only_same = load([WIRE, LEDGER], _decisions_file(tmp_path / "s", "zhang-wei,wei-zhang,,,,,same"))
    assert [fact(r) for r in only_same.relationships] == [fact(r) for r in decided.relationships]
    assert only_same.nodes == decided.nodes
    assert only_same.disagreements == decided.disagreements
    # the one difference: without `different`, the two Li Nas are flagged as maybe one person
    li_na = Issue(
        str(LEDGER / "people.csv"),
        12,
        f"'li-na-fjord' may be the same person as 'li-na' ({WIRE / 'people.csv'}:12): same name Li Na",
        "warning",
    )
    assert set(only_same.warnings) - set(decided.warnings) == {li_na}
    assert set(decided.warnings) <= set(only_same.warnings)
    only_different = load([WIRE, LEDGER], _decisions_file(tmp_path / "d", "li-na,li-na-fjord,,,,,different"))
    undecided = load([WIRE, LEDGER])
    assert only_different.nodes == undecided.nodes
    assert [fact(r) for r in only_different.relationships] == [fact(r) for r in undecided.relationships]
    assert li_na in undecided.warnings and li_na not in only_different.warnings


# ------------------------------------------------------------------ warnings
def test_each_disagreement_is_a_warning_naming_both_rows(decided: Dataset):
    # the warning sits at the last value's row (the Ledger's) and names both rows
    expected = [
        Issue(str(LEDGER / "relationships.csv"), 6,
              f"sources disagree on end of WORKED_AT lena-brandt -> quarry: "
              f"2025-01 ({W_ID}, {w(4)}); 2025-04 ({L_ID}, {lg(6)})", "warning"),
        Issue(str(LEDGER / "relationships.csv"), 7,
              f"sources disagree on role of WORKED_AT ravi-menon -> nimbus: "
              f"CTO ({W_ID}, {w(5)}); Chief Scientist ({L_ID}, {lg(7)})", "warning"),
        Issue(str(LEDGER / "relationships.csv"), 9,
              f"sources disagree on end of WORKED_AT jonas-berg -> orbital: "
              f"2025-02 ({W_ID}, {w(7)}); (none) ({L_ID}, {lg(9)})", "warning"),
        Issue(str(LEDGER / "relationships.csv"), 12,
              f"sources disagree on status of JOINED kai-sato -> quarry: "
              f"attempted ({W_ID}, {w(11)}); confirmed ({L_ID}, {lg(12)})", "warning"),
    ]  # fmt: skip
    assert decided.warnings == expected  # nothing else: the Li Nas are decided different
    assert [d.describe() for d in decided.disagreements] == [i.message for i in expected]


def test_validating_the_fixture_passes_with_warnings():
    ds, issues = check(SRC)
    assert ds is not None
    assert len(issues) == 4
    assert all(i.severity == "warning" and i.message.startswith("sources disagree on") for i in issues)
    _, issues = check([WIRE, LEDGER])
    assert len(issues) == 5  # and the two Li Nas
    assert all(i.severity == "warning" for i in issues)


# ----------------------------------------------------------- order of folders
def fact_set(ds: Dataset) -> set[tuple[Any, ...]]:
    return {(*fact(r), frozenset((q.folder, q.at) for q in r.quotes)) for r in ds.relationships}


def disagreement_set(ds: Dataset) -> set[tuple[Any, ...]]:
    return {(d.kind, d.field, d.subject, frozenset(d.values), d.used) for d in ds.disagreements}


@pytest.mark.parametrize("decisions_file", [None, DECISIONS], ids=["undecided", "decided"])
def test_the_order_of_folders_changes_no_fact_and_no_disagreement(decisions_file: Path | None):
    ab = load([WIRE, LEDGER], decisions_file)
    ba = load([LEDGER, WIRE], decisions_file)
    assert len(ab.relationships) == len(ba.relationships)
    assert fact_set(ab) == fact_set(ba)
    assert disagreement_set(ab) == disagreement_set(ba)
    assert len(ab.disagreements) == len(ba.disagreements) == 4
    assert ab.nodes.keys() == ba.nodes.keys()
    # the person merged by a decision is the same whichever folder comes first
    assert ab.nodes["zhang-wei"] == ba.nodes["zhang-wei"]
    # an id in both folders: the first folder's row leads
    assert ba.nodes["mara-quinn"].aliases == ("Mara J. Quinn", "M. Quinn")


def test_the_parent_folder_is_its_subfolders_in_name_order_with_its_decisions():
    parent = load(SRC)
    # subfolders sorted by name: ledger-2025-09 before wire-2025-03; SRC/decisions.csv is read
    explicit = load([LEDGER, WIRE], DECISIONS)
    assert parent.folders == explicit.folders == [L_ID, W_ID]
    assert parent.relationships == explicit.relationships
    assert parent.nodes == explicit.nodes
    assert parent.disagreements == explicit.disagreements
    assert parent.warnings == explicit.warnings
    assert parent.sources == explicit.sources
    assert parent.directory == f"{LEDGER} {WIRE}"
    assert fact_set(parent) == fact_set(load([WIRE, LEDGER], DECISIONS))
    assert len(parent.relationships) == 13 and len(parent.nodes) == 19


# ----------------------------------------------------------- combine: units
def rel(
    start: str | None = None,
    end: str | None = None,
    role: str | None = None,
    status: str = "confirmed",
    *,
    type: str = "WORKED_AT",
    ends: tuple[str, str] = ("p", "o"),
    line: int = 2,
    evidence: str = "a quote",
    sources: tuple[str, ...] = ("s",),
) -> Relationship:
    return Relationship(
        type=type,
        source=ends[0],
        target=ends[1],
        role=role,
        start=start,
        end=end,
        status=status,
        sources=sources,
        evidence=evidence,
        file="rel.csv",
        line=line,
    )


def row(
    r: Relationship, folder: str = "f1", order: int = 0, published: str = "2025-09-20", origin: Any = None
) -> combine.Row:
    return combine.Row(
        rel=r, folder=folder, order=order, published=published, origin=origin or (r.source, r.target)
    )


@pytest.mark.parametrize(
    "role, parts",
    [
        ("CTO and co-founder", {"cto", "co-founder"}),
        ("  Chief   Scientist ", {"chief scientist"}),  # spaces collapsed, case folded
        ("CEO / CTO; COO", {"ceo", "cto", "coo"}),
        ("CEO & CTO", {"ceo", "cto"}),
        ("CEO,CTO", {"ceo", "cto"}),
        ("联合创始人、商业化负责人", {"联合创始人", "商业化负责人"}),
        ("研发负责人兼产品负责人", {"研发负责人", "产品负责人"}),
        ("Commander", {"commander"}),  # "and" inside a word is no separator
        ("Brand and", {"brand and"}),  # nor a trailing "and" without a space after it
        ("", set()),
        (None, set()),
    ],
)
def test_role_parts(role: str | None, parts: set[str]):
    assert combine.role_parts(role) == frozenset(parts)


@pytest.mark.parametrize(
    "a, b, agree",
    [
        ("CTO", "CTO and co-founder", True),  # one names all the titles of the other
        ("CTO and co-founder", "CTO", True),
        ("cto", "CTO", True),
        ("CTO", "Chief Scientist", False),
        ("CTO and CEO", "CTO and co-founder", False),  # they share a title, but neither has all
        ("CTO", None, True),  # a missing role agrees with any
        (None, "CTO", True),
        ("", "CTO", True),
        ("联合创始人", "联合创始人、商业化负责人", True),
        ("联合创始人、首席科学家", "联合创始人、商业化负责人", False),
    ],
)
def test_roles_agree(a: str | None, b: str | None, agree: bool):
    assert combine.roles_agree(a, b) is agree


@pytest.mark.parametrize(
    "end, published, after",
    [
        ("2025-02", "2025-02-28", False),  # published on the end's last day: not after it
        ("2025-02", "2025-03-01", True),  # the day after
        ("2025-02", "2025-02-01", False),
        ("2025", "2025-12-31", False),
        ("2025", "2026-01-01", True),
        ("2025-40", "2025-06-30", False),  # first half: its last day is 2025-06-30
        ("2025-40", "2025-07-01", True),
        ("2025-02-14", "2025-02-15", True),
        ("../2025-02", "2025-03-01", True),  # an open start: the end's last day still counts
        ("2025-02/..", "2030-01-01", False),  # an open end has no last day
        (None, "2025-03-01", False),  # no end: nothing to contradict
        ("", "2025-03-01", False),
        ("2025-02", "", False),  # unknown publication day
    ],
)
def test_stayed_after(end: str | None, published: str, after: bool):
    assert combine.stayed_after(end, published) is after


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (rel("2025"), rel("2025-02"), []),  # overlapping starts
        (rel("2024"), rel("2025-02"), [("start", "date")]),
        (rel("2025-01"), rel("2025-01-31"), []),  # the month's last day is in it
        (rel("2025-01"), rel("2025-02-01"), [("start", "date")]),
        (rel("2025-02-01"), rel("2025-01"), [("start", "date")]),
        (rel("2025-01-01"), rel("2025-01"), []),  # the month's first day is in it
        (rel(end="2025-01"), rel(end="2025-01-31"), []),
        (rel(end="2025-01"), rel(end="2025-04"), [("end", "date")]),
        (rel(end="2025-04"), rel(end="2025-01"), [("end", "date")]),
        (rel("2025"), rel(None), []),  # a missing date agrees with any
        (rel(role="CTO"), rel(role="Chief Scientist"), [("role", "role")]),
        (rel(role="CTO"), rel(role="CTO and co-founder"), []),
        (rel(status="attempted"), rel(status="confirmed"), [("status", "status")]),
        (rel(status="confirmed"), rel(status="attempted"), [("status", "status")]),
        (rel(status="attempted"), rel(status="reported"), [("status", "status")]),
        (rel(status="reported"), rel(status="confirmed"), []),
        (rel(status="attempted"), rel(status="attempted"), []),
        (
            rel("2020", "2021", "CTO", "attempted"),
            rel("2023", "2024", "CEO", "confirmed"),
            [("start", "date"), ("end", "date"), ("role", "role"), ("status", "status")],
        ),
    ],
)
def test_conflicts(a: Relationship, b: Relationship, expected: list[tuple[str, str]]):
    assert combine.conflicts(row(a, "f1"), row(b, "f2")) == expected
    assert combine.conflicts(row(b, "f2"), row(a, "f1")) == expected  # symmetric


@pytest.mark.parametrize(
    "published, expected",
    [
        ("2025-02-28", []),  # published on the end's last day: it may just not know yet
        ("2025-03-01", [("end", "left-or-stayed")]),
        ("", []),
    ],
)
def test_conflicts_left_or_stayed(published: str, expected: list[tuple[str, str]]):
    left = row(rel("2020", "2025-02"), "f1", published="2025-03-10")
    stayed = row(rel("2020", None), "f2", published=published)
    assert combine.conflicts(left, stayed) == expected
    assert combine.conflicts(stayed, left) == expected
    # the publication of the row that has the end does not matter
    assert combine.conflicts(row(rel("2020", "2025-02"), published="2030-01-01"), stayed) == expected


def test_group_facts_joins_compatible_rows_of_two_folders():
    a = row(rel("2025"), "f1", 0)
    b = row(rel("2025-02"), "f2", 1)
    assert combine.group_facts([a, b]) == [[a, b]]


def test_group_facts_never_joins_one_folders_rows_about_the_same_ids():
    # no conflict at all (two roles that agree), yet one folder's two rows are two facts
    a = row(rel("2020", role="CTO"), "f1")
    b = row(rel("2020", role="CTO and co-founder"), "f1")
    assert combine.group_facts([a, b]) == [[a], [b]]


_ROWS = st.lists(
    st.builds(
        lambda kind, ends, start, end, role, folder, line: row(
            rel(start, end, role, type=kind, ends=ends, line=line), folder, int(folder[1:])
        ),
        st.sampled_from(["WORKED_AT", "JOINED"]),
        st.sampled_from([("p", "o"), ("p", "q"), ("r", "o")]),
        st.sampled_from([None, "2019", "2020", "2020-06", "2023"]),
        st.sampled_from([None, "2021", "2021-03", "2024"]),
        st.sampled_from([None, "CTO", "CEO"]),
        st.sampled_from(["f1", "f2", "f3"]),
        st.integers(2, 50),
    ),
    max_size=12,
).filter(lambda rows: all((r.rel.start or "") <= (r.rel.end or "9") for r in rows))


@settings(max_examples=300, deadline=None)
@given(rows=_ROWS)
def test_facts_are_group_facts_with_rows_alone_passed_through(rows: list[combine.Row]):
    """combine.facts makes no Row for a row alone about its ends and hands it back as it is;
    the facts and their order are group_facts' all the same."""
    items = [("item", i) for i in range(len(rows))]
    items_copy = list(items)
    made: list[int] = []

    def make(item: tuple[str, int]) -> combine.Row:
        made.append(item[1])
        return rows[item[1]]

    def ends(item: tuple[str, int]) -> tuple[str, str, str]:
        r = rows[item[1]].rel
        return r.type, r.source, r.target

    got = [[rows[f[1]]] if isinstance(f, tuple) else f for f in combine.facts(items, ends, make)]
    assert got == combine.group_facts(rows)
    assert items == []
    told = Counter(map(ends, items_copy))  # the rows sharing their ends: made into Rows
    assert sorted(made) == [i for i, item in enumerate(items_copy) if told[ends(item)] > 1]


def test_group_facts_joins_one_folders_rows_about_ids_a_decision_merged():
    # both rows were renamed to p -> o; their original ids differ, so they are one fact
    a = row(rel("2020"), "f1", origin=("p", "o"))
    b = row(rel("2020"), "f1", origin=("p2", "o"))
    assert combine.group_facts([a, b]) == [[a, b]]


def test_group_facts_the_only_other_row_joins_as_disputed():
    a = row(rel("2016", "2019"), "f1", 0)
    b = row(rel("2017", "2019-06"), "f2", 1)  # another start, an end that can be a's: one fact
    assert combine.group_facts([a, b]) == [[a, b]]
    merged, disagreements = combine.merge_fact([a, b])
    assert merged.disputed == ("start",)
    assert [(d.kind, d.field) for d in disagreements] == [("date", "start")]
    c = row(rel(None, "2020"), "f2", 1)  # no start, another end: meets a, disputed end
    assert combine.group_facts([a, c]) == [[a, c]]
    merged, disagreements = combine.merge_fact([a, c])
    # published the same day: the later folder's value is used
    assert [(d.kind, d.field, d.used) for d in disagreements] == [("date", "end", "2020")]


def test_group_facts_a_stint_that_cannot_meet_the_other_is_a_rehire():
    a = row(rel("2016", "2019"), "f1", 0)
    b = row(rel("2022"), "f2", 1)  # began after a ended: a re-hire, not a disagreement
    assert combine.group_facts([a, b]) == [[a], [b]]
    c = row(rel("2022", "2024"), "f2", 1)  # other start, other end that cannot be a's
    assert combine.group_facts([a, c]) == [[a], [c]]
    d = row(rel("2017", "2019"), "f2", 1)  # other start, the same end: one stint, start disputed
    assert combine.group_facts([a, d]) == [[a, d]]
    e = row(rel(None, "2015"), "f2", 1)  # ended before a began
    assert combine.group_facts([a, e]) == [[a], [e]]


@pytest.mark.parametrize(
    ("a", "b", "meet"),
    [
        ((None, "2019"), ("2019", None), True),  # the same year: may share a day
        (("2016", "2019"), ("2020", None), False),  # began the year after
        ((None, "2019-06"), ("2019-06", None), True),
        ((None, "2019-06"), ("2019-07", None), False),
        ((None, None), ("2022", "2023"), True),  # nothing known: may meet
        (("2016", "2019"), ("2017", "2019"), True),  # other starts, the same end
        (("2016", "2019"), ("2017", None), False),  # other starts, one end: two stints
        (("2016", None), ("2016-05", None), True),  # starts that can be the same
    ],
)
def test_stints_meet(a, b, meet):
    ra, rb = row(rel(*a), "f1", 0), row(rel(*b), "f2", 1)
    assert combine.stints_meet(ra, rb) is meet
    assert combine.stints_meet(rb, ra) is meet


def test_group_facts_a_conflicting_row_with_a_sibling_in_its_folder_is_its_own_fact():
    a = row(rel("2016", "2019"), "f1", 0)
    b = row(rel("2022"), "f2", 1)  # conflicts with a, but f2 has two rows about p -> o
    c = row(rel("2016", "2019", line=3), "f2", 1)  # the same stint as a
    assert combine.group_facts([a, b, c]) == [[a, c], [b]]


def test_group_facts_a_conflicting_row_does_not_join_when_there_are_two_facts():
    a = row(rel("2016", "2019"), "f1", 0)
    a2 = row(rel("2022", line=3), "f1", 0)  # a re-hire: two facts
    x = row(rel("2005", "2008"), "f2", 1)  # conflicts with both, the only one in f2
    assert combine.group_facts([a, a2, x]) == [[a], [a2], [x]]


def test_group_facts_a_third_folders_conflicting_row_joins_the_one_fact():
    a = row(rel(end="2025-01"), "f1", 0, "2025-03-10")
    b = row(rel(end="2025-04"), "f2", 1, "2025-09-20")
    c = row(rel(end="2025-08"), "f3", 2, "2025-10-01")
    assert combine.group_facts([a, b, c]) == [[a, b, c]]


def test_group_facts_separates_types_and_ends_and_keeps_first_appearance_order():
    a = row(rel("2020", ends=("p", "o")), "f1")
    b = row(rel("2020", type="JOINED", ends=("p", "o")), "f2")
    c = row(rel("2020", ends=("p", "o2")), "f2")
    d = row(rel("2020", ends=("p", "o")), "f2")
    assert combine.group_facts([a, b, c, d]) == [[a, d], [b], [c]]


def test_merge_fact_a_date_conflict_outranks_left_or_stayed():
    # a-b: ends 2025-01 / 2025-06 cannot overlap (date); a-c and b-c: c, published after
    # both ends, has no end (left-or-stayed). The field's kind stays "date".
    a = row(rel(end="2025-01"), "f1", 0, "2025-03-10")
    b = row(rel(end="2025-06"), "f2", 1, "2025-07-01")
    c = row(rel(None), "f3", 2, "2025-12-01")
    for rows in ([a, b, c], [c, a, b], [a, c, b]):
        merged, (d,) = combine.merge_fact(rows)
        assert (d.kind, d.field, d.used) == ("date", "end", "")  # c is the latest: no end
        assert merged.end is None


def test_merge_fact_latest_source_wins_and_the_later_folder_on_a_tie():
    a = row(rel(role="CTO", line=2), "f1", 0, "2025-05-01")
    b = row(rel(role="CEO", line=3), "f2", 1, "2025-05-01")
    merged, (d,) = combine.merge_fact([a, b])
    assert merged.role == d.used == "CEO"  # same day: the later folder
    c = row(rel(role="CFO", line=4), "f3", 2, "2025-04-30")
    merged, (d,) = combine.merge_fact([a, b, c])
    assert merged.role == "CEO"  # f3 is later in order but published earlier
    assert [v.value for v in d.values] == ["CTO", "CEO", "CFO"]


def test_merge_fact_agreeing_status_and_dates():
    a = row(rel("2025", status="reported", line=2), "f1", 0)
    b = row(rel("2025-02", status="confirmed", line=3), "f2", 1)
    for rows in ([a, b], [b, a]):
        merged, found = combine.merge_fact(rows)
        assert found == []
        assert (merged.start, merged.status, merged.disputed) == ("2025-02", "confirmed", ())
        assert [q.at for q in merged.quotes] == [f"{r.folder}/rel.csv:{r.rel.line}" for r in rows]


def test_merge_fact_the_first_of_equally_precise_dates():
    # February 2025 and 1-28 February 2025 are the same 28 days: the first row's text is used
    a = row(rel("2025-02", line=2), "f1", 0)
    b = row(rel("2025-02-01/2025-02-28", line=3), "f2", 1)
    assert combine.merge_fact([a, b])[0].start == "2025-02"
    assert combine.merge_fact([b, a])[0].start == "2025-02-01/2025-02-28"


def test_one_folders_rows_about_two_ids_of_one_person_are_one_fact(tmp_path: Path):
    # The Ledger alone, with a second row about Zhang Wei under the Wire's id: after the
    # `same` decision both rows are zhang-wei -> lumen, and as their original ids differ,
    # one folder's two rows are one fact (a folder's own rows stay apart only when they
    # are about the same original ids).
    one = tmp_path / LEDGER.name
    shutil.copytree(LEDGER, one)
    with (one / "people.csv").open("a", encoding="utf-8") as fh:
        fh.write("zhang-wei,Zhang Wei,Zhang Wei,,false,ledger-2025-09,\n")  # line 13
    with (one / "relationships.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "JOINED,zhang-wei,lumen,,,,2024-07,,confirmed,ledger-2025-09,Zhang joined Lumen.,\n"
        )  # line 14
    ds = load(one, _decisions_file(tmp_path / "d", "zhang-wei,wei-zhang,,,,,same"))
    (joined,) = [r for r in ds.relationships if r.type == "JOINED" and r.target == "lumen"]
    assert joined.source == "zhang-wei"
    assert [q.at for q in joined.quotes] == [
        at(one, "relationships.csv", 11),
        at(one, "relationships.csv", 14),
    ]
    assert len(ds.relationships) == 12  # the Ledger's 12 rows, two of them one fact, plus line 14


# ------------------------------------------------------------------- folders
def _data_folder(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).write_text(text, "utf-8")
    return path


def test_expand_a_parent_folder():
    found, decision_files = folders.expand(SRC)
    assert found == [Folder(LEDGER, L_ID), Folder(WIRE, W_ID)]  # sorted by name
    assert decision_files == [DECISIONS]


def test_expand_sorts_subfolders_by_name(tmp_path: Path):
    for name in ("b-a-long-name", "c", "a-mid"):
        shutil.copytree(WIRE, tmp_path / "all" / name)
    (tmp_path / "all" / "0-no-data").mkdir()
    found, _ = folders.expand(tmp_path / "all")
    assert [f.name for f in found] == ["a-mid", "b-a-long-name", "c"]
    assert [f.path for f in found] == [tmp_path / "all" / n for n in ("a-mid", "b-a-long-name", "c")]


def test_expand_folders_given_by_name_keep_their_order_and_read_no_parent_decisions():
    assert folders.expand([WIRE, LEDGER]) == ([Folder(WIRE, W_ID), Folder(LEDGER, L_ID)], [])


def test_expand_a_folder_given_twice_is_read_once():
    assert folders.expand([WIRE, WIRE]) == ([Folder(WIRE, W_ID)], [])
    # once through its parent and once by name
    assert folders.expand([SRC, WIRE]) == ([Folder(LEDGER, L_ID), Folder(WIRE, W_ID)], [DECISIONS])
    assert folders.expand([WIRE, SRC]) == ([Folder(WIRE, W_ID), Folder(LEDGER, L_ID)], [DECISIONS])


def test_expand_folder_names_must_be_unique(tmp_path: Path):
    copy = tmp_path / "elsewhere" / W_ID
    shutil.copytree(WIRE, copy)
    with pytest.raises(ReadError) as exc:
        folders.expand([WIRE, copy])
    assert exc.value.file == str(copy)
    assert exc.value.detail == (
        f"two data folders are named {W_ID!r} ({WIRE} and {copy}); folder names must be unique"
    )
    # the same through a parent folder
    with pytest.raises(ReadError, match="folder names must be unique"):
        folders.expand([SRC, tmp_path / "elsewhere"])


def test_expand_errors(tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ReadError) as exc:
        folders.expand(empty)
    assert str(exc.value) == (
        f"{empty}: no graphkit CSV files here or in its subfolders (expected people.csv, relationships.csv, ...)"
    )
    # a subfolder without graphkit files does not count
    (empty / "notes").mkdir()
    (empty / "notes" / "todo.txt").write_text("x", "utf-8")
    with pytest.raises(ReadError, match="no graphkit CSV files here"):
        folders.expand(empty)
    with pytest.raises(ReadError) as exc:
        folders.expand(tmp_path / "missing")
    assert str(exc.value) == f"{tmp_path / 'missing'}: no such data directory"
    with pytest.raises(ReadError) as exc:
        folders.expand([])
    assert str(exc.value) == "no data directory given"
    only = tmp_path / "only-decisions"
    _decisions_file(only, "a,b,,,,,same")
    with pytest.raises(ReadError) as exc:
        folders.expand(only)
    assert str(exc.value) == f"{only}: no data folder given (only decisions)"


def test_expand_finds_every_decisions_file(tmp_path: Path):
    only = tmp_path / "only-decisions"
    d_only = _decisions_file(only, "a,b,,,,,same")
    inner = tmp_path / "root" / "inner"
    shutil.copytree(WIRE, inner)
    d_inner = _decisions_file(inner, "a,b,,,,,same")
    d_root = _decisions_file(tmp_path / "root", "a,b,,,,,same")
    found, files = folders.expand([tmp_path / "root", only, inner])
    assert found == [Folder(inner, "inner")]
    assert files == [d_root, d_inner, d_only]  # in the order found, each once


def test_dataset_name(tmp_path: Path):
    assert folders.dataset_name(SRC) == "sources"
    # a data folder among others in a folder without data: the parent's name
    assert folders.dataset_name(WIRE) == "sources"
    assert folders.dataset_name([LEDGER, WIRE]) == "sources"
    lone = tmp_path / "box" / "lone"
    shutil.copytree(WIRE, lone)
    assert folders.dataset_name(lone) == "lone"  # no sibling with data
    (tmp_path / "box" / "junk").mkdir()
    assert folders.dataset_name(str(lone)) == "lone"  # a sibling without data does not count
    shutil.copytree(LEDGER, tmp_path / "box" / "other")
    assert folders.dataset_name(lone) == "box"
    # the parent holds data itself: the folder is not one of its articles
    shutil.copy(WIRE / "sources.csv", tmp_path / "box" / "sources.csv")
    assert folders.dataset_name(lone) == "lone"


# ----------------------------------------------------------------- decisions
def test_decisions_read(tmp_path: Path):
    path = tmp_path / "decisions.csv"
    path.write_text(
        "id_a,id_b,decision\n"  # 1
        "a,b,same\n"  # 2
        "c,d,\n"  # 3: not decided yet: ignored
        "e,f,maybe\n"  # 4
        "g,,same\n"  # 5
        "h,h,different\n"  # 6
        "i,j, Different \n",  # 7: case and spaces do not matter
        "utf-8",
    )
    found, issues = decisions.read([path])
    f = str(path)
    assert found == [
        decisions.Decision("a", "b", "same", f, 2),
        decisions.Decision("i", "j", "different", f, 7),
    ]
    assert issues == [
        Issue(f, 4, "unknown decision 'maybe' (expected same, different or empty)"),
        Issue(f, 5, "a decision needs both id_a and id_b"),
        Issue(f, 6, "id_a and id_b are the same id 'h'"),
    ]


def test_decisions_read_missing_column(tmp_path: Path):
    path = tmp_path / "decisions.csv"
    path.write_text("id_a,id_b\na,b\n", "utf-8")
    assert decisions.read([path]) == ([], [Issue(str(path), 1, "missing required column 'decision'")])


FAMILIES = {"a": "Person", "b": "Person", "c": "Person", "d": "Person", "org": "Company"}  # id -> kind


def D(a: str, b: str, decision: str, line: int) -> decisions.Decision:
    return decisions.Decision(a, b, decision, "dec.csv", line)


def test_merges_follow_the_first_id():
    assert decisions.merges([D("a", "b", "same", 2), D("b", "c", "same", 3)], FAMILIES) == (
        {"b": "a", "c": "a"},
        [],
    )
    # a later decision whose first id is new moves the whole family under it
    assert decisions.merges([D("a", "b", "same", 2), D("c", "a", "same", 3)], FAMILIES) == (
        {"b": "c", "a": "c"},
        [],
    )
    # the same pair twice either way round drops neither id
    assert decisions.merges([D("a", "b", "same", 2), D("b", "a", "same", 3)], FAMILIES) == ({"b": "a"}, [])
    assert decisions.merges([D("a", "b", "different", 2)], FAMILIES) == ({}, [])


def test_merges_errors():
    merged, issues = decisions.merges(
        [
            D("a", "zz", "same", 2),
            D("yy", "zz", "same", 3),
            D("a", "org", "same", 4),
            D("c", "d", "same", 5),
            D("d", "c", "different", 6),
        ],
        FAMILIES,
    )
    assert merged == {"d": "c"}  # only the usable `same`
    assert issues == [
        Issue("dec.csv", 2, "unknown id 'zz' in column 'id_b'"),
        Issue("dec.csv", 3, "unknown id 'yy' in column 'id_a'"),
        Issue("dec.csv", 3, "unknown id 'zz' in column 'id_b'"),
        Issue(
            "dec.csv",
            4,
            "cannot decide between 'a' (person) and 'org' (organisation): only people with people, "
            "organisations with organisations",
        ),
        Issue("dec.csv", 6, "contradicts the decision at dec.csv:5 (same)"),
        Issue(
            "dec.csv", 6, "'d' and 'c' are decided different here, but 'same' decisions elsewhere join them"
        ),
    ]


def test_merges_a_different_contradicted_by_a_chain_of_same():
    merged, issues = decisions.merges(
        [D("a", "b", "same", 2), D("b", "c", "same", 3), D("a", "c", "different", 4)], FAMILIES
    )
    assert merged == {"b": "a", "c": "a"}
    assert issues == [
        Issue(
            "dec.csv", 4, "'a' and 'c' are decided different here, but 'same' decisions elsewhere join them"
        )
    ]


def test_decision_errors_in_a_dataset(tmp_path: Path):
    path = _decisions_file(
        tmp_path,
        "zhang-wei,nobody,,,,,same",  # 2
        "zhang-wei,orbital,,,,,same",  # 3
        "zhang-wei,wei-zhang,,,,,same",  # 4
        "wei-zhang,zhang-wei,,,,,different",  # 5
        "li-na,li-na-fjord,,,,,perhaps",  # 6
        "ravi-menon,sofia-reyes,,,,,",  # 7: undecided, ignored
        "wei-zhang,kai-sato,,,,,same",  # 8
        "zhang-wei,kai-sato,,,,,different",  # 9: the same decisions 4 and 8 join them
    )
    ds, issues = check([WIRE, LEDGER], decisions=path)
    assert ds is None
    f = str(path)
    assert [i for i in issues if i.severity == "error"] == [
        Issue(f, 2, "unknown id 'nobody' in column 'id_b'"),
        Issue(
            f,
            3,
            "cannot decide between 'zhang-wei' (person) and 'orbital' (organisation): only people with "
            "people, organisations with organisations",
        ),
        Issue(
            f,
            5,
            "'wei-zhang' and 'zhang-wei' are decided different here, but 'same' decisions elsewhere join them",
        ),
        Issue(f, 5, f"contradicts the decision at {f}:4 (same)"),
        Issue(f, 6, "unknown decision 'perhaps' (expected same, different or empty)"),
        Issue(
            f,
            9,
            "'zhang-wei' and 'kai-sato' are decided different here, but 'same' decisions elsewhere join them",
        ),
    ]
    # issues are sorted by file, then line: the decisions file's first is its line 2
    assert str(next(i for i in issues if i.file == f)) == f"{f}:2: unknown id 'nobody' in column 'id_b'"


def test_a_missing_decisions_file_is_an_error(tmp_path: Path):
    with pytest.raises(ReadError, match="no such decisions file"):
        check([WIRE, LEDGER], decisions=tmp_path / "nope.csv")


def test_an_empty_decisions_file_changes_nothing(tmp_path: Path, undecided: Dataset):
    ds = load([WIRE, LEDGER], _decisions_file(tmp_path, "zhang-wei,wei-zhang,,,,,"))
    assert ds.nodes == undecided.nodes
    assert ds.relationships == undecided.relationships
    assert ds.warnings == undecided.warnings


# ------------------------------------------------------------------- sources
PEOPLE = "id,name\np,Pat Doe\n"
ORGS = "id,kind,name\no,Company,Orco\n"
SOURCES = "id,title,publisher,published\ns1,Title one,Pub A,2025-06-16\n"
RELS = "type,from,to,status,sources,evidence\nWORKED_AT,p,o,confirmed,s1,quote one\n"


def test_one_source_listed_the_same_in_two_folders_is_fine(tmp_path: Path):
    a = _data_folder(
        tmp_path / "a", {"sources.csv": SOURCES, "people.csv": PEOPLE, "organisations.csv": ORGS}
    )
    b = _data_folder(tmp_path / "b", {"sources.csv": SOURCES, "relationships.csv": RELS})
    ds, issues = check([a, b])
    assert issues == []
    assert ds is not None and list(ds.sources) == ["s1"]
    assert ds.sources["s1"].file == str(a / "sources.csv")  # the first folder's row


def test_one_source_described_differently_in_two_folders_is_an_error(tmp_path: Path):
    a = _data_folder(
        tmp_path / "a", {"sources.csv": SOURCES, "people.csv": PEOPLE, "organisations.csv": ORGS}
    )
    b = _data_folder(
        tmp_path / "b",
        {
            "sources.csv": "id,title,publisher,published\ns0,Other,Pub C,2025\ns1,Title 1,Pub B,2025-06-16\n",
            "relationships.csv": RELS,
        },
    )
    ds, issues = check([a, b])
    assert ds is None
    assert issues == [
        Issue(
            str(b / "sources.csv"),
            3,
            f"source 's1' is described differently at {a / 'sources.csv'}:2 (title, publisher)",
        )
    ]


def test_a_name_disagreement_uses_the_first_folders_name(tmp_path: Path):
    a = _data_folder(
        tmp_path / "a",
        {"sources.csv": SOURCES, "people.csv": PEOPLE, "organisations.csv": ORGS, "relationships.csv": RELS},
    )
    b = _data_folder(
        tmp_path / "b",
        {"sources.csv": SOURCES, "organisations.csv": "id,kind,name,sources\no,Company,Orco Inc,s1\n"},
    )
    ds = load([a, b])
    (d,) = ds.disagreements
    assert (d.kind, d.field, d.subject, d.key, d.used) == ("name", "name", "Company o", "o", "Orco")
    assert [(v.value, v.at) for v in d.values] == [
        ("Orco", at(a, "organisations.csv", 2)),
        ("Orco Inc", at(b, "organisations.csv", 2)),
    ]
    assert (ds.nodes["o"].name, ds.nodes["o"].aliases) == ("Orco", ("Orco Inc",))


# --------------------------------------------------------- suspected bugs
def test_every_fact_is_an_edge_even_when_two_facts_share_a_key(tmp_path: Path):
    # a: Quarry tried to hire Kai (attempted, no date). b: Kai joined Quarry (confirmed, no
    # date), and b also has his 2015 internship there. The attempted row conflicts with b's
    # joined row (status); b has two rows about kai -> quarry, so it does not join a's fact:
    # three facts, two of them keyed JOINED:kai->quarry:::
    a = _data_folder(
        tmp_path / "a",
        {
            "sources.csv": "id,title,publisher,published\nsa,A,Pub A,2025-03-01\nsb,B,Pub B,2025-06-01\n",
            "people.csv": "id,name\nkai,Kai Sato\n",
            "organisations.csv": "id,kind,name\nquarry,Company,Quarry\n",
            "relationships.csv": "type,from,to,status,sources,evidence\nJOINED,kai,quarry,attempted,sa,Quarry tried to hire Kai.\n",
        },
    )
    b = _data_folder(
        tmp_path / "b",
        {
            "relationships.csv": "type,from,to,role,start,end,status,sources,evidence\n"
            "JOINED,kai,quarry,,,,confirmed,sb,Kai joined Quarry.\n"
            "JOINED,kai,quarry,Intern,2015,2016,confirmed,sb,Kai interned at Quarry in 2015.\n"
        },
    )
    ds = load([a, b])
    assert len(ds.relationships) == 3
    g = graphkit.build_graph([a, b])
    assert g.number_of_edges() == len(ds.relationships)
    # the second fact with the key gets a numbered key; the first keeps the plain one
    assert sorted(k for _, _, k in g.edges(keys=True)) == [
        "JOINED:kai->quarry:::",
        "JOINED:kai->quarry:::#2",
        "JOINED:kai->quarry:Intern:2015:2016",
    ]


def test_a_same_decision_between_organisation_kinds_keeps_the_first_kind_and_says_so(tmp_path: Path):
    a = _data_folder(
        tmp_path / "a",
        {
            "sources.csv": SOURCES,
            "people.csv": PEOPLE,
            "organisations.csv": "id,kind,name\no,Company,Orco\no-2,Startup,Orco Labs\n",
            "relationships.csv": RELS,
        },
    )
    path = _decisions_file(tmp_path, "o,o-2,,,,,same")
    ds, issues = check(a, decisions=path)
    assert [i for i in issues if i.severity == "error"] == []
    assert ds is not None
    assert ds.nodes["o"].kind == "Company" and "o-2" not in ds.nodes
    assert ds.nodes["o"].merged_ids == ("o-2",) and "Orco Labs" in ds.nodes["o"].aliases
    [d] = [d for d in ds.disagreements if d.field == "kind"]
    assert (d.kind, d.key, d.used) == ("value", "o", "Company")
    assert [(v.value, v.at) for v in d.values] == [
        ("Company", "a/organisations.csv:2"),
        ("Startup", "a/organisations.csv:3"),
    ]


def test_two_folders_that_give_one_organisation_two_kinds_disagree(tmp_path: Path):
    """a says Orco is a Company, b a Startup that someone FOUNDED: b's row is checked
    against b's kind, and the graph keeps a's kind with the disagreement listed."""
    a = _data_folder(
        tmp_path / "a",
        {
            "sources.csv": SOURCES,
            "people.csv": PEOPLE,
            "organisations.csv": "id,kind,name\no,Company,Orco\n",
            "relationships.csv": RELS,
        },
    )
    b = _data_folder(
        tmp_path / "b",
        {
            "organisations.csv": "id,kind,name\no,Startup,Orco\n",
            "relationships.csv": "type,from,to,start,status,sources,evidence\n"
            "FOUNDED,p,o,2024,confirmed,s1,Pat founded Orco.\n",
        },
    )
    ds, issues = check([a, b])
    assert [i for i in issues if i.severity == "error"] == []
    assert ds.nodes["o"].kind == "Company"
    [d] = [d for d in ds.disagreements if d.field == "kind"]
    assert [v.value for v in d.values] == ["Company", "Startup"]


# ------------------------------------------------------------ property tests
CAREERS = FIXTURES / "careers"


def _csv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def _csv_text(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


HEADER, REL_ROWS = _csv_rows(CAREERS / "relationships.csv")
ENDS = [tuple(r[:3]) for r in REL_ROWS]  # (type, from, to) of each row
GROUPS = sorted(set(ENDS))
SHORT = tuple[str, str, str, str | None, str | None, str | None]


def short(r: Relationship) -> SHORT:
    return (r.type, r.source, r.target, r.start, r.end, r.role)


_SINGLE: dict[str, Any] = {}


def single() -> Dataset:
    if "ds" not in _SINGLE:
        _SINGLE["ds"] = load(CAREERS)
    return _SINGLE["ds"]


def split_dataset(in_second: list[bool]) -> tuple[Dataset, Path, Path, tempfile.TemporaryDirectory[str]]:
    """The careers fixture with its relationship rows split: sources, people, organisations
    and claims and the rows not ``in_second`` in ``part-1``, the others in ``part-2``."""
    tmp = tempfile.TemporaryDirectory()
    p1, p2 = Path(tmp.name) / "part-1", Path(tmp.name) / "part-2"
    p1.mkdir()
    p2.mkdir()
    for name in ("sources.csv", "people.csv", "organisations.csv", "claims.csv"):
        shutil.copy(CAREERS / name, p1 / name)
    (p1 / "relationships.csv").write_text(
        _csv_text(HEADER, [r for r, two in zip(REL_ROWS, in_second, strict=True) if not two]), "utf-8"
    )
    (p2 / "relationships.csv").write_text(
        _csv_text(HEADER, [r for r, two in zip(REL_ROWS, in_second, strict=True) if two]), "utf-8"
    )
    return load([p1, p2]), p1, p2, tmp


def test_the_careers_fixture_is_one_fact_per_row():
    # the basis of the property tests: one folder's rows are never one fact, and the
    # careers fixture has four (type, from, to) with two rows (re-hires, role changes)
    ds = single()
    assert len(ds.relationships) == len(REL_ROWS) == 35
    assert ds.disagreements == []
    assert sorted(ENDS.count(g) for g in GROUPS if ENDS.count(g) > 1) == [2, 2, 2, 2]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.booleans(), min_size=len(GROUPS), max_size=len(GROUPS)))
def test_splitting_a_folder_keeping_same_ends_together_gives_the_same_facts(second: list[bool]):
    chosen = dict(zip(GROUPS, second, strict=True))
    ds, _, _, tmp = split_dataset([chosen[e] for e in ENDS])
    with tmp:
        assert sorted(short(r) for r in ds.relationships) == sorted(short(r) for r in single().relationships)
        assert ds.disagreements == []
        assert [i for i in ds.warnings if i.message.startswith("sources disagree")] == []
        assert all(len(r.quotes) == 1 for r in ds.relationships)
        assert {(r.status, r.evidence) for r in ds.relationships} == {
            (r.status, r.evidence) for r in single().relationships
        }
        assert ds.nodes.keys() == single().nodes.keys()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.booleans(), min_size=len(REL_ROWS), max_size=len(REL_ROWS)))
def test_splitting_a_folders_rows_anywhere(in_second: list[bool]):
    """Any split of the careers fixture's rows between two folders gives the single
    folder's facts and no disagreement. Its four pairs of rows about the same ends (two
    re-hires, a role change, a second role) have starts that cannot be the same, and no
    pair has two ends that can be the same: two stints each (combine.stints_meet), so
    splitting a pair changes nothing either."""
    ds, p1, p2, tmp = split_dataset(in_second)
    with tmp:
        # every row's quote is in exactly one fact, of its own
        ats = [q.at for r in ds.relationships for q in r.quotes]
        assert len(ats) == len(set(ats)) == len(REL_ROWS)
        n1 = in_second.count(False)
        assert sorted(ats) == sorted(
            [at(p1, "relationships.csv", i) for i in range(2, n1 + 2)]
            + [at(p2, "relationships.csv", i) for i in range(2, len(REL_ROWS) - n1 + 2)]
        )
        assert sorted(short(r) for r in ds.relationships) == sorted(short(r) for r in single().relationships)
        assert ds.disagreements == []
        assert len(ds.relationships) == len(REL_ROWS)


# ------------------------------------------------------ roles in two languages
def _rel(role: str | None, role_en: str | None) -> Relationship:
    return Relationship(
        type="WORKED_AT",
        source="p",
        target="o",
        role=role,
        role_en=role_en,
        status="confirmed",
        sources=("s1",),
        evidence="q",
    )


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        # one row in Chinese with its English role, the other in English only
        (("首席运营官", "COO"), ("COO", None), True),
        (("COO", None), ("首席运营官", "COO"), True),
        # both in English
        (("首席运营官", "Chief operating officer"), ("首席运营官", None), True),
        (("首席运营官", "COO"), ("Chief operating officer", "COO"), True),
        # different roles in both languages
        (("首席运营官", "COO"), ("首席技术官", "CTO"), False),
        # two languages and nothing to match them by: a disagreement (never guessed)
        (("CTO", None), ("首席技术官", None), False),
        # a missing role never disagrees
        ((None, None), ("首席技术官", "CTO"), True),
        # only the English roles given, and they differ
        ((None, "COO"), (None, "CTO"), True),  # no role: role_en alone does not dispute
    ],
)
def test_rows_roles_agree_across_languages(a, b, agree):
    assert combine.rows_roles_agree(_rel(*a), _rel(*b)) is agree
    assert combine.rows_roles_agree(_rel(*b), _rel(*a)) is agree


def test_a_tie_on_the_publication_day_goes_to_the_folder_given_later(tmp_path: Path):
    """Through validation: two folders published the same day disagree on a role; the
    fact takes the role of the folder named later, whichever that is."""
    rels = "type,from,to,role,role_en,role_category,start,end,status,sources,evidence,note\n"
    for name, role in (("one", "CTO"), ("two", "Chief Scientist")):
        d = tmp_path / name
        d.mkdir()
        (d / "sources.csv").write_text(
            f"id,title,publisher,published\ns-{name},Report,Wire,2025-05-01\n", "utf-8"
        )
        (d / "people.csv").write_text(f"id,name,sources\np,Ada,s-{name}\n", "utf-8")
        (d / "organisations.csv").write_text(f"id,kind,name,sources\no,Company,Orb,s-{name}\n", "utf-8")
        (d / "relationships.csv").write_text(
            rels + f"WORKED_AT,p,o,{role},,,2023,,confirmed,s-{name},q {name},\n", "utf-8"
        )
    for order, used in ((["one", "two"], "Chief Scientist"), (["two", "one"], "CTO")):
        ds, issues = check([tmp_path / n for n in order])
        assert ds is not None, issues
        [r] = ds.relationships
        assert (r.role, r.disputed) == (used, ("role",))
        assert [q.folder for q in r.quotes] == order
