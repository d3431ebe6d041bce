"""The rules of graphkit/ingest/combine.py, function by function, on hand-built rows: the
date helpers and their boundaries, conflicts, stints that meet, grouping rows into facts,
and what a merged fact, entity, source list and claim list carry.

Every expected value is worked out by hand from the rows; the comments say why. (The
two-source fixture and whole folders are in tests/test_rules_combine.py.)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from graphkit import check
from graphkit.ingest import combine
from graphkit.ingest.combine import EntityRow, Row
from graphkit.schema.errors import Issue
from graphkit.schema.model import Alternative, Claim, Disagreement, Node, Quote, Relationship, Source

D = dt.date


# ------------------------------------------------------------------ builders
def rel(folder: str = "a", line: int = 2, **values: Any) -> Relationship:
    """A WORKED_AT p -> o row of ``/data/FOLDER/relationships.csv``, confirmed, citing s-FOLDER."""
    fields: dict[str, Any] = {
        "type": "WORKED_AT",
        "source": "p",
        "target": "o",
        "status": "confirmed",
        "sources": (f"s-{folder}",),
        "evidence": f"{folder} says so.",
    }
    fields.update(values)
    return Relationship(file=f"/data/{folder}/relationships.csv", line=line, **fields)


def row(folder: str, published: str, line: int = 2, **values: Any) -> Row:
    """The row with where it came from: folders a, b, c, d are in positions 0, 1, 2, 3."""
    r = rel(folder, line, **values)
    return Row(
        rel=r, folder=folder, order="abcd".index(folder), published=published, origin=(r.source, r.target)
    )


def alt(folder: str, line: int, value: str, published: str, file: str = "relationships.csv") -> Alternative:
    return Alternative(
        value=value,
        sources=(f"s-{folder}",),
        folder=folder,
        at=f"{folder}/{file}:{line}",
        published=published,
    )


def person(folder: str, line: int, **values: Any) -> Node:
    fields: dict[str, Any] = {"id": "ada", "kind": "Person", "name": "林艾达", "sources": (f"s-{folder}",)}
    fields.update(values)
    file = "people.csv" if fields["kind"] == "Person" else "organisations.csv"
    return Node(file=f"/data/{folder}/{file}", line=line, **fields)


# ------------------------------------------------------------------ dates
def test_span():
    assert combine._span(None) is None
    assert combine._span("") is None
    assert combine._span("2025-02") == (D(2025, 2, 1), D(2025, 2, 28))
    assert combine._span("2024-12/2025-06") == (D(2024, 12, 1), D(2025, 6, 30))
    # an open side reaches as far as dates go
    assert combine._span("2020/..") == (D(2020, 1, 1), dt.date.max)
    assert combine._span("../2030") == (dt.date.min, D(2030, 12, 31))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # a missing date overlaps anything (nothing says it differs)
        (None, "2025", True),
        ("2025", None, True),
        (None, None, True),
        ("", "2025", True),
        # April 2020 and its last day share 30 April; 1 May shares nothing with April
        ("2020-04-30", "2020-04", True),
        ("2020-04", "2020-04-30", True),
        ("2020-05-01", "2020-04", False),
        ("2020-04", "2020-05-01", False),
        ("2020-04-01", "2020-04", True),
        ("2020-03-31", "2020-04", False),
        ("2025", "2025-02", True),
        ("2020/..", "../2030", True),
    ],
)
def test_overlap(a: str | None, b: str | None, expected: bool):
    assert combine._overlap(a, b) is expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], ""),
        (["", "2025"], "2025"),  # a missing value is skipped, not the end of the list
        (["2025", ""], "2025"),
        # 2025 spans 365 days, 2025-12 31 and 2025-01 31: the month either way
        (["2025", "2025-12"], "2025-12"),
        (["2025-12", "2025"], "2025-12"),
        (["2025", "2025-01"], "2025-01"),
        (["2025", "2025-01", "2025-01-15"], "2025-01-15"),
        # February (28 days) is narrower than January (31)
        (["2025-01", "2025-02"], "2025-02"),
        # January and March, 31 days each: equally precise, the first
        (["2025-01", "2025-03"], "2025-01"),
        (["2025-03", "2025-01"], "2025-03"),
        # a span with an open side is wider than any closed span, however long
        (["../2030", "2021"], "2021"),
        (["2021", "../2030"], "2021"),
        (["2020/..", "2021"], "2021"),
        # (0002/9998: 0001-01-01 and 9999-12-31 are the first and last days there are)
        (["9000/..", "0002/9998"], "0002/9998"),
        (["../0002", "0002/9998"], "0002/9998"),
        # Two half-open spans: an unknown side counts as 10**7 days from day 0 (further than
        # any real day, ~3.65e6), so "from 2020 on" is 10**7 - 737,425 days wide and "until
        # 2030" 10**7 + 741,442: the span open at its end is the narrower, in either order.
        (["2020/..", "../2030"], "2020/.."),
        (["../2030", "2020/.."], "2020/.."),
        # of two spans open at the end the later-starting, of two open at the start the earlier-ending
        (["2019/..", "2020/.."], "2020/.."),
        (["../2030", "../2020"], "../2020"),
    ],
)
def test_narrowest(values: list[str], expected: str):
    assert combine._narrowest(values) == expected


@pytest.mark.parametrize(
    ("end", "published", "expected"),
    [
        ("2025-02", "2025-02-28", False),  # published on the end's last day: it may still be true
        ("2025-02", "2025-03-01", True),  # the day after: it contradicts the end
        ("2025-02", "2025-01-10", False),  # published before the end
        ("2025-02", "", False),  # publication unknown
        (None, "2025-03-01", False),  # no end
        ("", "2025-03-01", False),
        ("2020/..", "2025-03-01", False),  # an end with no last day
        ("../2024", "2025-03-01", True),
        ("2024-12/2025-02", "2025-03-01", True),
        ("2024-12/2025-02", "2025-02-28", False),
    ],
)
def test_stayed_after(end: str | None, published: str, expected: bool):
    assert combine.stayed_after(end, published) is expected


def test_row_at_is_the_folder_the_file_name_and_the_line():
    r = rel("a", 7)
    assert combine.row_at("wire", r) == "wire/relationships.csv:7"
    assert combine.row_at("wire", Claim(id="c", subject="o", metric="m", value=1, sources=("s",),
                                        evidence="e", file="/x/y/claims.csv", line=3)) == "wire/claims.csv:3"  # fmt: skip


def test_a_rows_quote_and_alternative():
    r = row("b", "2025-06-01", 5, evidence="Pat left.", sources=("s1", "s2"))
    assert r.quote == Quote(
        sources=("s1", "s2"), evidence="Pat left.", folder="b", at="b/relationships.csv:5"
    )
    assert r.alternative("2025-04") == Alternative(
        value="2025-04", sources=("s1", "s2"), folder="b", at="b/relationships.csv:5", published="2025-06-01"
    )


# ------------------------------------------------------------------ roles
@pytest.mark.parametrize(
    ("role", "parts"),
    [
        (None, frozenset()),
        ("", frozenset()),
        ("联合创始人、商业化负责人", frozenset({"联合创始人", "商业化负责人"})),
        ("CTO and Co-founder", frozenset({"cto", "co-founder"})),
        ("  CTO  &  COO ", frozenset({"cto", "coo"})),
        ("CEO/CTO", frozenset({"ceo", "cto"})),
        ("总裁兼首席执行官", frozenset({"总裁", "首席执行官"})),
        ("Head of  Research", frozenset({"head of research"})),
    ],
)
def test_role_parts(role: str | None, parts: frozenset[str]):
    assert combine.role_parts(role) == parts


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        (None, "CTO", True),
        ("", "", True),
        ("CTO", "cto", True),  # case does not matter
        ("CTO", "CTO and co-founder", True),  # one names all the other's titles
        ("CTO and co-founder", "CTO", True),
        ("CTO and co-founder", "co-founder、CTO", True),  # the same titles, in another order
        ("CTO and co-founder", "CTO and CFO", False),  # neither names all the other's
        ("CTO", "CFO", False),
    ],
)
def test_roles_agree(a: str | None, b: str | None, agree: bool):
    assert combine.roles_agree(a, b) is agree
    assert combine.roles_agree(b, a) is agree


# ------------------------------------------------------------------ conflicts
@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({"start": "2020"}, {"start": "2022"}, [("start", "date")]),
        ({"start": "2020"}, {"start": "2020-05"}, []),
        ({"start": "2020"}, {}, []),
        ({"end": "2021"}, {"end": "2023"}, [("end", "date")]),
        ({"end": "2021"}, {"end": "2021-06"}, []),
        ({"role": "CTO"}, {"role": "CFO"}, [("role", "role")]),
        ({"role": "CTO"}, {"role": "CTO and co-founder"}, []),
        ({"status": "attempted"}, {"status": "confirmed"}, [("status", "status")]),
        ({"status": "attempted"}, {"status": "reported"}, [("status", "status")]),
        ({"status": "reported"}, {"status": "confirmed"}, []),
        ({"status": "attempted"}, {"status": "attempted"}, []),
        (
            {"start": "2010", "end": "2012", "role": "CTO", "status": "attempted"},
            {"start": "2020", "end": "2022", "role": "CFO"},
            [("start", "date"), ("end", "date"), ("role", "role"), ("status", "status")],
        ),
    ],
)
def test_conflicts_in_both_directions(a: dict[str, str], b: dict[str, str], expected: list[tuple[str, str]]):
    ra, rb = row("a", "2025-01-01", **a), row("b", "2025-06-01", **b)
    assert combine.conflicts(ra, rb) == expected
    assert combine.conflicts(rb, ra) == expected


@pytest.mark.parametrize(
    ("left_published", "stayed_published", "expected"),
    [
        # the row with no end was published after the end's last day (2024-03-31): it says she stayed
        ("2024-01-01", "2024-04-01", [("end", "left-or-stayed")]),
        # published on the last day, or before: it may not have known yet
        ("2024-01-01", "2024-03-31", []),
        ("2024-06-01", "2023-12-01", []),
        # when it was published is unknown: no contradiction
        ("2024-01-01", "", []),
    ],
)
def test_left_or_stayed_in_both_directions(left_published: str, stayed_published: str, expected: list):
    left = row("a", left_published, start="2020", end="2024-03")
    stayed = row("b", stayed_published, start="2020")
    assert combine.conflicts(left, stayed) == expected
    assert combine.conflicts(stayed, left) == expected


def test_two_rows_without_an_end_do_not_conflict():
    assert combine.conflicts(row("a", "2024-01-01", start="2020"), row("b", "2025-01-01", start="2020")) == []


# ------------------------------------------------------------------ stints
@pytest.mark.parametrize(
    ("a", "b", "meet"),
    [
        # a began in 2020 (as early as 1 January), b ended in June 2020 (start unknown): they
        # can share the first half of 2020
        ({"start": "2020"}, {"end": "2020-06"}, True),
        ({"start": "2020-06-30"}, {"end": "2020-06"}, True),  # they share 30 June
        ({"start": "2020-07-01"}, {"end": "2020-06"}, False),  # b had left the day before
        ({"start": "2020-07"}, {"end": "2020"}, True),
        ({"start": "2021"}, {"end": "2020"}, False),
        ({}, {}, True),  # nothing known: open on both sides
        ({"start": "2020", "end": "2020-06"}, {"start": "2020-03", "end": "2021"}, True),
        # starts that cannot be the same: two stints, unless both ends can be the same
        ({"start": "2015", "end": "2020-03"}, {"start": "2018", "end": "2020"}, True),
        ({"start": "2015", "end": "2016"}, {"start": "2018", "end": "2020"}, False),
        ({"start": "2015", "end": "2020"}, {"start": "2018"}, False),
        ({"start": "2015"}, {"start": "2018"}, False),
    ],
)
def test_stints_meet_in_both_directions(a: dict[str, str], b: dict[str, str], meet: bool):
    ra, rb = row("a", "2025-01-01", **a), row("b", "2025-06-01", **b)
    assert combine.stints_meet(ra, rb) is meet
    assert combine.stints_meet(rb, ra) is meet


def ats(facts: list[list[Row]]) -> list[list[str]]:
    return [[r.quote.at for r in f] for f in facts]


def test_the_only_row_each_side_at_times_that_meet_is_one_disputed_fact():
    # a: CTO from 2020; b: CFO, left in June 2020, start unknown: the roles conflict, but each
    # is its folder's only row about p -> o, and a may have begun in January 2020, before b
    # ended: one fact (its role disputed)
    a, b = (
        row("a", "2025-01-01", role="CTO", start="2020"),
        row("b", "2025-06-01", 3, role="CFO", end="2020-06"),
    )
    assert ats(combine.group_facts([a, b])) == [["a/relationships.csv:2", "b/relationships.csv:3"]]
    # from July 2020, a cannot have met b: two facts
    a2 = row("a", "2025-01-01", role="CTO", start="2020-07")
    assert ats(combine.group_facts([a2, b])) == [["a/relationships.csv:2"], ["b/relationships.csv:3"]]


def test_a_folder_with_two_rows_about_the_ends_is_never_a_disputed_side():
    # b's first row conflicts with a's (role), and b has two rows about p -> o: it is not
    # taken as the disputed other side of a's fact. Its second row (2010-2012) conflicts with
    # both facts by its dates: a third fact.
    a = row("a", "2025-01-01", 2, role="CTO", start="2020")
    b1 = row("b", "2025-06-01", 2, role="CFO", start="2020")
    b2 = row("b", "2025-06-01", 3, role="CFO", start="2010", end="2012")
    assert ats(combine.group_facts([a, b1, b2])) == [
        ["a/relationships.csv:2"],
        ["b/relationships.csv:2"],
        ["b/relationships.csv:3"],
    ]
    # with b's first row alone: one fact, disputed
    assert ats(combine.group_facts([a, b1])) == [["a/relationships.csv:2", "b/relationships.csv:2"]]


def test_one_folder_tells_a_fact_once_per_pair_of_ids():
    # two rows of one folder about the same ids never make one fact, even when they agree;
    # a row about other ids that a decision made the same (origin p-2) can join it
    a1 = row("a", "2025-01-01", 2, start="2020")
    a2 = row("a", "2025-01-01", 3, start="2020")
    assert ats(combine.group_facts([a1, a2])) == [["a/relationships.csv:2"], ["a/relationships.csv:3"]]
    a3 = Row(rel=rel("a", 4, start="2020"), folder="a", order=0, published="2025-01-01", origin=("p-2", "o"))
    assert ats(combine.group_facts([a1, a3])) == [["a/relationships.csv:2", "a/relationships.csv:4"]]


def test_facts_come_in_the_order_they_first_appear():
    x = row("a", "2025-01-01", 2, target="x")
    y = row("a", "2025-01-01", 3, target="y")
    x2 = row("b", "2025-06-01", 2, target="x")
    assert ats(combine.group_facts([x, y, x2])) == [
        ["a/relationships.csv:2", "b/relationships.csv:2"],
        ["a/relationships.csv:3"],
    ]


# ------------------------------------------------------------------ merge_fact
def test_a_fact_of_one_row_is_that_row_with_its_quote():
    r = row("a", "2025-01-01", 4, start="2020", role="CTO")
    merged, found = combine.merge_fact([r])
    assert found == []
    assert merged == r.rel.model_copy(update={"quotes": (r.quote,)})
    assert merged.quotes == (
        Quote(sources=("s-a",), evidence="a says so.", folder="a", at="a/relationships.csv:4"),
    )


def test_a_dispute_between_any_two_rows_of_four():
    # Only a's CTO and c's CFO disagree (b and d give no role). c is the latest source
    # (2025-04-10): its role is used; every row's value is listed, in row order.
    rows = [
        row("a", "2025-01-10", 2, role="CTO"),
        row("b", "2025-02-10", 3),
        row("c", "2025-04-10", 4, role="CFO"),
        row("d", "2025-03-10", 5),
    ]
    merged, found = combine.merge_fact(rows)
    assert (merged.role, merged.disputed) == ("CFO", ("role",))
    assert found == [
        Disagreement(
            kind="role",
            subject="WORKED_AT p -> o",
            key="WORKED_AT:p->o:CTO::",  # the first row's key
            field="role",
            values=(
                alt("a", 2, "CTO", "2025-01-10"),
                alt("b", 3, "", "2025-02-10"),
                alt("c", 4, "CFO", "2025-04-10"),
                alt("d", 5, "", "2025-03-10"),
            ),
            used="CFO",
        )
    ]
    assert merged.sources == ("s-a", "s-b", "s-c", "s-d")
    assert [q.at for q in merged.quotes] == [
        "a/relationships.csv:2",
        "b/relationships.csv:3",
        "c/relationships.csv:4",
        "d/relationships.csv:5",
    ]


def test_the_latest_source_ties_go_to_the_later_folder():
    # a and b published the same day: the later folder (b) is used
    merged, found = combine.merge_fact(
        [row("a", "2025-01-10", end="2024-01"), row("b", "2025-01-10", end="2024-06")]
    )
    assert (merged.end, found[0].used) == ("2024-06", "2024-06")
    merged, _ = combine.merge_fact(
        [row("b", "2025-01-10", end="2024-06"), row("a", "2025-01-10", end="2024-01")]
    )
    assert merged.end == "2024-06"


def test_agreeing_dates_the_narrowest_and_the_fact_key_of_the_first_row():
    # 2025 and 2025-12 agree: the narrower 2025-12 is used; the fact keeps the first row's
    # key (start 2025), whatever values it settled on
    a, b = row("a", "2025-01-01", start="2025"), row("b", "2024-01-01", start="2025-12", end="2026")
    merged, found = combine.merge_fact([a, b])
    assert found == []
    assert (merged.start, merged.end, merged.disputed) == ("2025-12", "2026", ())
    assert merged.fact_key == "WORKED_AT:p->o::2025:" == a.rel.key
    assert merged.key == a.rel.key


def test_a_date_dispute_is_not_turned_into_left_or_stayed():
    # a: left 2024-01; b: left 2024-06 (a date dispute); c, published 2025-09-01 after both
    # ends, has no end (left-or-stayed with each). The end's kind stays "date"; c is the latest.
    rows = [
        row("a", "2024-02-01", 2, start="2020", end="2024-01"),
        row("b", "2024-07-01", 3, start="2020", end="2024-06"),
        row("c", "2025-09-01", 4, start="2020"),
    ]
    merged, found = combine.merge_fact(rows)
    assert (merged.end, merged.disputed) == (None, ("end",))
    assert [(d.kind, d.field, d.used) for d in found] == [("date", "end", "")]
    assert [v.value for v in found[0].values] == ["2024-01", "2024-06", ""]


def test_every_disputed_field_in_order():
    a = row("a", "2025-01-01", start="2010", end="2012", role="CTO", status="attempted")
    b = row("b", "2025-06-01", start="2020", end="2022", role="CFO", status="confirmed")
    merged, found = combine.merge_fact([a, b])
    assert merged.disputed == ("start", "end", "role", "status")
    assert [(d.kind, d.field, d.used) for d in found] == [
        ("date", "start", "2020"),
        ("date", "end", "2022"),
        ("role", "role", "CFO"),
        ("status", "status", "confirmed"),
    ]
    assert (merged.start, merged.end, merged.role, merged.status) == ("2020", "2022", "CFO", "confirmed")


def test_agreeing_roles_the_one_naming_most_titles_even_when_older():
    # b (the latest) says 首席技术官 / CTO; the older a says 首席技术官、联合创始人, which names
    # b's title and one more: they agree, and a's role and English role are used
    a = row("a", "2025-01-01", role="首席技术官、联合创始人", role_en="CTO and co-founder",
            role_category=("technical", "founder"))  # fmt: skip
    b = row("b", "2025-06-01", role="首席技术官", role_en="CTO", role_category=("technical",))
    merged, found = combine.merge_fact([a, b])
    assert found == []
    assert (merged.role, merged.role_en, merged.disputed) == (
        "首席技术官、联合创始人",
        "CTO and co-founder",
        (),
    )


def test_the_chosen_roles_english_else_the_first_english_given():
    # the role naming most titles is b's, with its own English role
    a = row("a", "2025-01-01", role="首席技术官", role_en="CTO")
    b = row("b", "2024-01-01", role="首席技术官、联合创始人", role_en="CTO and co-founder")
    assert combine.merge_fact([a, b])[0].role_en == "CTO and co-founder"
    # b gives no English role: the first row's that has one
    c = row("b", "2024-01-01", role="首席技术官、联合创始人")
    assert combine.merge_fact([row("a", "2025-01-01", role="首席技术官"), a, c])[0].role_en == "CTO"
    # none at all
    assert combine.merge_fact([row("a", "2025-01-01", role="CTO"), row("b", "2025-06-01")])[0].role_en is None


def test_role_categories_every_rows_when_the_roles_agree():
    # CTO (technical) and CTO and co-founder (executive, founder) agree: every row's
    # categories, in row order, each once
    a = row("a", "2025-01-01", role="CTO", role_category=("technical",))
    b = row("b", "2025-06-01", role="CTO and co-founder", role_category=("executive", "founder", "technical"))
    merged, _ = combine.merge_fact([a, b])
    assert merged.role_category == ("technical", "executive", "founder")


def test_role_categories_of_the_used_role_when_the_roles_are_disputed():
    # CTO (technical) and Head of sales (commercial) disagree: b is the latest, its role and
    # only its categories are used
    a = row("a", "2025-01-01", role="CTO", role_category=("technical",))
    b = row("b", "2025-06-01", role="Head of sales", role_category=("commercial",))
    merged, _ = combine.merge_fact([a, b])
    assert (merged.role, merged.role_category, merged.disputed) == (
        "Head of sales",
        ("commercial",),
        ("role",),
    )


def test_a_disputed_role_does_not_borrow_the_other_roles_english():
    # a: 首席技术官 / CTO; b (the latest): 销售负责人 (head of sales), no English role. The roles
    # disagree; the graph carries b's role, so its English role is b's: none. graphkit gives
    # "CTO", the English of the role it did not use.
    a = row("a", "2025-01-01", role="首席技术官", role_en="CTO")
    b = row("b", "2025-06-01", role="销售负责人")
    merged, _ = combine.merge_fact([a, b])
    assert (merged.role, merged.disputed) == ("销售负责人", ("role",))
    assert merged.role_en is None


def test_a_disputed_role_does_not_borrow_the_other_roles_english_in_folders(tmp_path: Path):
    header = "type,from,to,role,role_en,status,sources,evidence\n"
    for name, published, line in (
        ("a", "2025-01-01", "WORKED_AT,p,o,首席技术官,CTO,confirmed,sa,Pat is CTO.\n"),
        ("b", "2025-06-01", "WORKED_AT,p,o,销售负责人,,confirmed,sb,Pat heads sales.\n"),
    ):
        d = tmp_path / name
        d.mkdir()
        (d / "sources.csv").write_text(f"id,title,publisher,published\ns{name},T,P,{published}\n", "utf-8")
        (d / "relationships.csv").write_text(header + line, "utf-8")
    (tmp_path / "a" / "people.csv").write_text("id,name\np,Pat\n", "utf-8")
    (tmp_path / "a" / "organisations.csv").write_text("id,kind,name\no,Company,Orco\n", "utf-8")
    ds, _ = check([tmp_path / "a", tmp_path / "b"])
    assert ds is not None
    (r,) = ds.relationships
    assert (r.role, r.disputed) == ("销售负责人", ("role",))
    assert r.role_en is None


def test_status_confirmed_over_reported_when_not_disputed():
    # reported (the latest) and confirmed agree (neither is an attempt): the stronger, confirmed
    merged, found = combine.merge_fact([row("a", "2025-01-01"), row("b", "2025-06-01", status="reported")])
    assert (merged.status, found) == ("confirmed", [])
    merged, _ = combine.merge_fact(
        [row("a", "2025-01-01", status="reported"), row("b", "2025-06-01", status="reported")]
    )
    assert merged.status == "reported"


def test_two_attempts_are_one_attempt():
    merged, found = combine.merge_fact(
        [row("a", "2025-01-01", status="attempted"), row("b", "2025-06-01", status="attempted")]
    )
    assert (merged.status, merged.disputed, found) == ("attempted", (), [])


def test_a_disputed_status_is_the_latest_sources_even_when_weaker():
    # a (older) says joined, b (the latest) says it was only an attempt: b's status is used
    merged, found = combine.merge_fact(
        [row("a", "2025-01-01"), row("b", "2025-06-01", 3, status="attempted")]
    )
    assert (merged.status, merged.disputed) == ("attempted", ("status",))
    assert found == [
        Disagreement(
            kind="status",
            subject="WORKED_AT p -> o",
            key="WORKED_AT:p->o:::",
            field="status",
            values=(alt("a", 2, "confirmed", "2025-01-01"), alt("b", 3, "attempted", "2025-06-01")),
            used="attempted",
        )
    ]


def test_sources_and_notes_joined_each_once():
    rows = [
        row("a", "2025-01-01", 2, sources=("s1", "s2"), note="Told by HR."),
        row("b", "2025-02-01", 3, sources=("s2", "s3")),
        row("c", "2025-03-01", 4, sources=("s1",), note="Told by HR."),
        row("d", "2025-04-01", 5, sources=("s4",), note="Dates approximate."),
    ]
    merged, _ = combine.merge_fact(rows)
    assert merged.sources == ("s1", "s2", "s3", "s4")
    assert merged.note == "Told by HR. | Dates approximate."
    merged, _ = combine.merge_fact([row("a", "2025-01-01"), row("b", "2025-06-01")])
    assert merged.note is None


# ------------------------------------------------------------------ merge_entity
def test_an_entity_of_one_row_is_that_row():
    node = person("a", 2, aliases=("Ada",))
    assert combine.merge_entity([EntityRow(node, "a", "ada")], [].append) == (node, [])


def test_names_aliases_ids_sources_and_notes_of_an_entity():
    # a: 林艾达, alias 艾达, note n1 (the row carrying the id: canonical)
    # b: the same id, English name Ada Lim (a has none: it is taken), aliases Ada and 林艾达
    # c: ada-2, merged by a decision: its name, English name and aliases become aliases
    # c: ada-3, merged too, no English name
    rows = [
        EntityRow(person("a", 2, aliases=("艾达",), note="n1"), "a", "ada"),
        EntityRow(person("b", 3, name_en="Ada Lim", aliases=("Ada", "林艾达"), sources=("s-b", "s-a"), note="n2"),
                  "b", "ada"),
        EntityRow(person("c", 4, name="Ada Lim", name_en="A. Lim", aliases=("林艾达", "Dr Lim"), note="n1"),
                  "c", "ada-2"),
        EntityRow(person("c", 5, name="A. L."), "c", "ada-3"),
    ]  # fmt: skip
    issues: list[Issue] = []
    node, found = combine.merge_entity(rows, issues.append)
    assert (found, issues) == ([], [])
    assert (node.id, node.name, node.name_en) == ("ada", "林艾达", "Ada Lim")
    # every alias once, in order, without the entity's own name (林艾达) and English name (Ada Lim)
    assert node.aliases == ("艾达", "Ada", "A. Lim", "Dr Lim", "A. L.")
    assert node.merged_ids == ("ada-2", "ada-3")
    assert node.sources == ("s-a", "s-b", "s-c")
    assert node.note == "n1 | n2"
    assert (node.file, node.line) == ("/data/a/people.csv", 2)  # the canonical row's place


def test_the_row_carrying_the_id_is_canonical_wherever_it_is():
    rows = [
        EntityRow(person("a", 2, name="Ada Lim", note="merged"), "a", "ada-2"),
        EntityRow(person("b", 3, name_en="Ada Lim"), "b", "ada"),
    ]
    node, found = combine.merge_entity(rows, [].append)
    assert found == []
    assert (node.name, node.name_en, node.file) == ("林艾达", "Ada Lim", "/data/b/people.csv")
    assert (node.aliases, node.merged_ids) == ((), ("ada-2",))  # "Ada Lim" is its English name
    assert (node.sources, node.note) == (("s-b", "s-a"), "merged")


def test_without_a_row_carrying_the_id_the_first_row_is_canonical():
    rows = [
        EntityRow(person("a", 2, name="Ada Lim"), "a", "ada-2"),
        EntityRow(person("b", 3, name="A. Lim"), "b", "ada-3"),
    ]
    node, found = combine.merge_entity(rows, [].append)
    assert (node.name, node.file, node.aliases, found) == ("Ada Lim", "/data/a/people.csv", ("A. Lim",), [])


def test_a_merged_name_equal_to_the_english_name_is_no_alias():
    rows = [
        EntityRow(person("a", 2, name_en="Ada Lim"), "a", "ada"),
        EntityRow(person("b", 3, name="Ada Lim", aliases=("林艾达",)), "b", "ada-2"),
    ]
    node, _ = combine.merge_entity(rows, [].append)
    assert node.aliases == ()


def test_two_english_names_disagree_and_the_first_is_used():
    rows = [
        EntityRow(person("a", 2, name_en="Ada Lim"), "a", "ada"),
        EntityRow(person("b", 3, name_en="Lim Ada"), "b", "ada"),
    ]
    node, found = combine.merge_entity(rows, [].append)
    assert (node.name_en, node.aliases) == ("Ada Lim", ("Lim Ada",))
    assert found == [
        Disagreement(
            kind="name",
            subject="Person ada",
            key="ada",
            field="name_en",
            values=(
                Alternative(value="Ada Lim", sources=("s-a",), folder="a", at="a/people.csv:2"),
                Alternative(value="Lim Ada", sources=("s-b",), folder="b", at="b/people.csv:3"),
            ),
            used="Ada Lim",
        )
    ]


def test_two_categories_disagree_and_a_category_is_no_alias():
    org = {"id": "o", "kind": "Startup", "name": "Orco"}
    rows = [
        EntityRow(person("a", 2, **org, category="AI"), "a", "o"),
        EntityRow(person("b", 3, **org, category="Robotics"), "b", "o"),
    ]
    node, found = combine.merge_entity(rows, [].append)
    assert (node.category, node.aliases) == ("AI", ())
    assert found == [
        Disagreement(
            kind="value",
            subject="Startup o",
            key="o",
            field="category",
            values=(
                Alternative(value="AI", sources=("s-a",), folder="a", at="a/organisations.csv:2"),
                Alternative(value="Robotics", sources=("s-b",), folder="b", at="b/organisations.csv:3"),
            ),
            used="AI",
        )
    ]
    # a category only the other row gives is taken, without a disagreement
    rows = [
        EntityRow(person("a", 2, **org), "a", "o"),
        EntityRow(person("b", 3, **org, category="AI"), "b", "o"),
    ]
    node, found = combine.merge_entity(rows, [].append)
    assert (node.category, found) == ("AI", [])


def test_a_person_and_an_organisation_with_one_id_is_an_issue():
    # b's row makes x an organisation: an issue at b's row, and its sources are not taken;
    # c's row (a person again) still is
    rows = [
        EntityRow(person("a", 2, id="x", name="Xavier"), "a", "x"),
        EntityRow(person("b", 2, id="x", kind="Company", name="Xco"), "b", "x"),
        EntityRow(person("c", 3, id="x", name="Xavier", aliases=("X",)), "c", "x"),
    ]
    issues: list[Issue] = []
    node, found = combine.merge_entity(rows, issues.append)
    assert issues == [
        Issue("/data/b/organisations.csv", 2, "'x' is a Company here but a Person at /data/a/people.csv:2")
    ]
    assert (node.kind, node.sources, node.aliases, found) == ("Person", ("s-a", "s-c"), ("X",), [])


def test_two_later_folders_that_disagree_on_a_missing_english_name(tmp_path: Path):
    # a: 林艾达 (no English name); b: Ada Lim; c: Lim Ada. b and c give one id two English
    # names: a disagreement (module rules), and the name not used kept as an alias.
    for name, published, people in (
        ("a", "2025-01-01", "ada,林艾达,\n"),
        ("b", "2025-02-01", "ada,林艾达,Ada Lim\n"),
        ("c", "2025-03-01", "ada,林艾达,Lim Ada\n"),
    ):
        d = tmp_path / name
        d.mkdir()
        (d / "sources.csv").write_text(f"id,title,publisher,published\ns{name},T,P,{published}\n", "utf-8")
        (d / "people.csv").write_text("id,name,name_en\n" + people, "utf-8")
    (tmp_path / "a" / "organisations.csv").write_text("id,kind,name\no,Company,Orco\n", "utf-8")
    (tmp_path / "a" / "relationships.csv").write_text(
        "type,from,to,status,sources,evidence\nWORKED_AT,ada,o,confirmed,sa,Ada works at Orco.\n", "utf-8"
    )
    ds, _ = check([tmp_path / "a", tmp_path / "b", tmp_path / "c"])
    assert ds is not None
    assert ds.nodes["ada"].name_en == "Ada Lim"
    assert "Lim Ada" in ds.nodes["ada"].aliases
    assert [(d.field, [v.value for v in d.values]) for d in ds.disagreements] == [
        ("name_en", ["Ada Lim", "Lim Ada"])
    ]


# ------------------------------------------------------------------ merge_sources
def source(folder: str, line: int, sid: str, **values: Any) -> Source:
    fields = {"title": "Title", "publisher": "Pub", "published": "2025-01-01"}
    fields.update(values)
    return Source(id=sid, file=f"/data/{folder}/sources.csv", line=line, **fields)


def test_merge_sources():
    s1 = source("a", 2, "s1")
    s2 = source("a", 4, "s2")
    found = [
        (s1, "a"),
        (source("a", 3, "s1", title="Other"), "a"),  # a repeat within one folder: its own check's
        (s2, "a"),
        (source("b", 2, "s1"), "b"),  # listed the same way elsewhere (its place aside): fine
        (source("b", 3, "s2", publisher="Other Pub"), "b"),
    ]
    issues: list[Issue] = []
    assert combine.merge_sources(found, issues.append) == {"s1": s1, "s2": s2}
    assert issues == [
        Issue(
            "/data/b/sources.csv",
            3,
            "source 's2' is described differently at /data/a/sources.csv:4 (publisher)",
        )
    ]


# ------------------------------------------------------------------ merge_claims
def claim(
    folder: str, line: int, cid: str, value: int, period: str | None, sources: tuple[str, ...] = ()
) -> Claim:
    return Claim(
        id=cid,
        subject="o",
        metric="employees",
        value=value,
        period=period,
        sources=sources or (f"s-{folder}",),
        evidence=f"{folder}: {value}.",
        file=f"/data/{folder}/claims.csv",
        line=line,
    )


def test_merge_claims():
    c1a, c1b = claim("a", 2, "c1", 120, "2025"), claim("b", 2, "c1", 150, "2025")
    c2a = claim("a", 3, "c2", 40, "2024")
    c3a, c3b = claim("a", 4, "c3", 10, None, ("s-a", "s-x")), claim("b", 3, "c3", 10, None, ("s-x", "s-b"))
    c4b, c4c = claim("b", 4, "c4", 5, None), claim("c", 2, "c4", 7, "2024")
    c5a, c5b = claim("a", 5, "c5", 1, None), claim("b", 5, "c5", 2, None)
    found = [
        (c1a, "a", "2025-01-10"),
        (c2a, "a", "2025-01-10"),
        (c3a, "a", "2025-01-10"),
        (c1b, "b", "2025-06-10"),
        (c3b, "b", "2025-06-10"),
        (c4b, "b", "2025-06-10"),
        (c4c, "c", "2025-02-01"),
        (c5a, "a", ""),
        (c5b, "b", ""),
    ]
    claims, found_disputes = combine.merge_claims(found)
    # in the order ids first appear: c1 (b's, the latest), c2 (told once), c3 (told twice the
    # same way: a's, with every source), c4 (b's: published after c's, though listed first),
    # c5 (publication unknown for both: the first)
    assert claims == [c1b, c2a, c3a.model_copy(update={"sources": ("s-a", "s-x", "s-b")}), c4b, c5a]

    def said(folder: str, line: int, value: str, published: str) -> Alternative:
        return Alternative(value=value, sources=(f"s-{folder}",), folder=folder, at=f"{folder}/claims.csv:{line}",
                           published=published)  # fmt: skip

    assert found_disputes == [
        Disagreement(
            kind="value",
            subject="claim c1",
            key="c1",
            field="value",
            values=(
                said("a", 2, "120 employees (2025)", "2025-01-10"),
                said("b", 2, "150 employees (2025)", "2025-06-10"),
            ),
            used="150 employees (2025)",
        ),
        Disagreement(
            kind="value",
            subject="claim c4",
            key="c4",
            field="value",
            values=(
                said("b", 4, "5 employees (any time)", "2025-06-10"),
                said("c", 2, "7 employees (2024)", "2025-02-01"),
            ),
            used="5 employees (any time)",
        ),
        Disagreement(
            kind="value",
            subject="claim c5",
            key="c5",
            field="value",
            values=(said("a", 5, "1 employees (any time)", ""), said("b", 5, "2 employees (any time)", "")),
            used="1 employees (any time)",
        ),
    ]


def test_a_claim_told_once_is_kept_as_it_is():
    c = claim("a", 2, "c1", 120, "2025")
    assert combine.merge_claims([(c, "a", "2025-01-01")]) == ([c], [])
    assert combine.merge_claims([]) == ([], [])


def test_claims_in_two_folders(tmp_path: Path):
    # the same claim id in two folders with two values: the later folder's claim is kept, a
    # disagreement lists both (and is a warning at the later row)
    header = "id,subject,metric,value,period,sources,evidence\n"
    for name, published, claims in (
        (
            "a",
            "2025-01-10",
            "c1,o,employees,120,2025,sa,Orco has 120 staff.\nc2,o,employees,40,2024,sa,Forty.\n",
        ),
        ("b", "2025-06-10", "c1,o,employees,150,2025,sb,Orco has 150 staff.\n"),
    ):
        d = tmp_path / name
        d.mkdir()
        (d / "sources.csv").write_text(f"id,title,publisher,published\ns{name},T,P,{published}\n", "utf-8")
        (d / "claims.csv").write_text(header + claims, "utf-8")
    a = tmp_path / "a"
    (a / "people.csv").write_text("id,name\np,Pat\n", "utf-8")
    (a / "organisations.csv").write_text("id,kind,name\no,Company,Orco\n", "utf-8")
    (a / "relationships.csv").write_text(
        "type,from,to,status,sources,evidence\nWORKED_AT,p,o,confirmed,sa,Pat works at Orco.\n", "utf-8"
    )
    ds, issues = check([a, tmp_path / "b"])
    assert ds is not None
    assert [(c.id, c.value, c.sources) for c in ds.claims] == [("c1", 150, ("sb",)), ("c2", 40, ("sa",))]
    (d,) = ds.disagreements
    assert (d.subject, d.used) == ("claim c1", "150 employees (2025)")
    assert [(v.value, v.at, v.published) for v in d.values] == [
        ("120 employees (2025)", "a/claims.csv:2", "2025-01-10"),
        ("150 employees (2025)", "b/claims.csv:2", "2025-06-10"),
    ]
    assert [(i.file, i.line, i.severity) for i in issues] == [
        (str(tmp_path / "b" / "claims.csv"), 2, "warning")
    ]
