"""The sources' claims against the data (graphkit/report/claims.py) and the report's statistics
(graphkit/report/stats.py), on a hand-made dataset. Every expected value is worked out from
the rows written below.

The group "大模型六小虎" has members a, b, d and e (MEMBER_OF); c is not a member.
Moves (each person q1..q12 as the career rules make them):

* q1 left a on 2025-01-01 and q2 on 2025-06-30: the first and last day of 2025H1.
* q3 left b on 2025-07-01 and q4 on 2024-12-31: the days just outside 2025H1.
* q5 left d in December 2024 or January 2025 (2024-12/2025-01): possibly in 2025H1 only.
* q6 left c (not a member) in March 2025.
* q7 joined a in May 2025 with no earlier job: a new hire from an unknown origin.
* q8 left c in February 2025 and joined b in March 2025: a new hire of b dated by its start.
* q9 joined b with no date: possibly in any period, certainly in none.
* q10 left a in June 2025 and joined b on 2025-06-15: a departure of a and a new hire of b.
* q11 left d in May 2023 and q12 (unnamed) left e in 2020: long before the period.
"""

from __future__ import annotations

import csv
import importlib
from pathlib import Path

import pytest
from careers_gen import ORGS, STARTUPS, careers
from hypothesis import given, settings
from hypothesis import strategies as st

import graphkit
from graphkit import report
from graphkit.graph import careers as gc
from graphkit.graph import flows
from graphkit.graph.moves import Move
from graphkit.report import stats
from graphkit.schema import dates

# graphkit.report exports a function called claims, which hides the module of that name
rc = importlib.import_module("graphkit.report.claims")

GROUP = "大模型六小虎"

ORG_ROWS = [
    ("a", "Company", "Org A"),
    ("b", "Company", "Org B"),
    ("c", "Company", "Org C"),
    ("d", "Company", "Org D"),
    ("e", "Company", "Org E"),
    ("grp", "Group", GROUP),
]

# (type, from, to, role_category, start, end)
REL_ROWS = [
    ("MEMBER_OF", "a", "grp", "", "", ""),
    ("MEMBER_OF", "b", "grp", "", "", ""),
    ("MEMBER_OF", "d", "grp", "", "", ""),
    ("MEMBER_OF", "e", "grp", "", "", ""),
    ("WORKED_AT", "q1", "a", "founder;executive", "", "2025-01-01"),
    ("WORKED_AT", "q2", "a", "", "", "2025-06-30"),
    ("WORKED_AT", "q3", "b", "commercial", "", "2025-07-01"),
    ("WORKED_AT", "q4", "b", "", "", "2024-12-31"),
    ("WORKED_AT", "q5", "d", "", "", "2024-12/2025-01"),
    ("WORKED_AT", "q6", "c", "", "", "2025-03"),
    ("JOINED", "q7", "a", "", "2025-05", ""),
    ("WORKED_AT", "q8", "c", "", "", "2025-02"),
    ("JOINED", "q8", "b", "", "2025-03", ""),
    ("JOINED", "q9", "b", "", "", ""),
    ("WORKED_AT", "q10", "a", "", "", "2025-06"),
    ("JOINED", "q10", "b", "", "2025-06-15", ""),
    ("WORKED_AT", "q11", "d", "", "", "2023-05"),
    ("WORKED_AT", "q12", "e", "", "", "2020"),
]

PEOPLE = [f"q{i}" for i in range(1, 13)]

# (id, subject, metric, value, period)
CLAIM_ROWS = [
    ("cl-dep", "grp", "departures", "3", "2025-40"),
    ("cl-hires", "grp", "new_hires", "1", "2025-40"),
    ("cl-changes", "grp", "executive_changes", "12", "2025-40"),
    ("cl-companies", "grp", "companies_with_changes", "3", "2025-40"),
    ("cl-a-h1", "a", "departures", "3", "2025-40"),
    ("cl-b-ever", "b", "departures", "2", ""),
    ("cl-rounds", "grp", "funding_rounds", "2", "2025-40"),
    ("cl-a-first-day", "a", "departures", "1", "2025-01-01"),
    ("cl-a-june", "a", "departures", "2", "2025-06"),
    ("cl-b-july", "b", "departures", "1", "2025-07"),
    ("cl-b-december", "b", "departures", "1", "2024-12"),
    ("cl-d-january", "d", "departures", "1", "2025-01"),
    ("cl-b-hires-march", "b", "new_hires", "1", "2025-03"),
    ("cl-b-hires-february", "b", "new_hires", "0", "2025-02"),
    ("cl-c-february", "c", "departures", "1", "2025-02"),
]


def write_dataset(directory: Path, claim_rows: list[tuple[str, ...]] = CLAIM_ROWS) -> Path:
    directory.mkdir(parents=True, exist_ok=True)

    def write(name: str, header: list[str], rows: list[list[str]]) -> None:
        with (directory / name).open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    write(
        "sources.csv", ["id", "title", "publisher", "published"], [["s", "Claims", "Fixture", "2025-07-02"]]
    )
    write(
        "people.csv",
        ["id", "name", "unnamed"],
        [[p, f"Person {p}", "true" if p == "q12" else "false"] for p in PEOPLE],
    )
    write("organisations.csv", ["id", "kind", "name"], [list(o) for o in ORG_ROWS])
    write(
        "relationships.csv",
        ["type", "from", "to", "role_category", "start", "end", "status", "sources", "evidence"],
        [[*r, "confirmed", "s", f"row {i}"] for i, r in enumerate(REL_ROWS)],
    )
    write(
        "claims.csv",
        ["id", "subject", "metric", "value", "period", "sources", "evidence"],
        [[*c, "s", f"claim {i}"] for i, c in enumerate(claim_rows)],
    )
    return directory


@pytest.fixture(scope="module")
def g(tmp_path_factory):
    return graphkit.build_graph(write_dataset(tmp_path_factory.mktemp("claims")))


@pytest.fixture(scope="module")
def rows(g):
    return {r["id"]: r for r in rc.claims(g)}


def test_the_dataset_gives_the_moves_described(g):
    got = sorted((m.person, m.origin, m.destination, m.when, m.arrived) for m in gc.moves(g))
    assert got == [
        ("q1", "a", None, "2025-01-01", "2025-01-01"),
        ("q10", "a", "b", "2025-06", "2025-06-15"),
        ("q11", "d", None, "2023-05", "2023-05"),
        ("q12", "e", None, "2020", "2020"),
        ("q2", "a", None, "2025-06-30", "2025-06-30"),
        ("q3", "b", None, "2025-07-01", "2025-07-01"),
        ("q4", "b", None, "2024-12-31", "2024-12-31"),
        ("q5", "d", None, "2024-12/2025-01", "2024-12/2025-01"),
        ("q6", "c", None, "2025-03", "2025-03"),
        ("q7", None, "a", "2025-05", "2025-05"),
        ("q8", "c", "b", "2025-02", "2025-03"),
        ("q9", None, "b", "", ""),
    ]


# ------------------------------------------------------------------ a group's claims
def test_group_departures_in_a_half_year(rows):
    r = rows["cl-dep"]
    # certainly in 2025H1, from a member: q1 (1 Jan), q2 (30 Jun), q10 (June); possibly also q5.
    # Not q3 (1 Jul), q4 (31 Dec), q6 (c is no member), q11, q12.
    assert (r["claimed"], r["certain"], r["possible"]) == (3, 3, 4)
    assert r["verdict"] == "consistent only if the fuzzy dates fall the right way"
    # the members with a change in the period (possibly): a, b (new hires), d (q5); not e.
    # Departures in all from them: a q1 q2 q10, b q3 q4, d q5 q11.
    assert r["companies"] == ["a", "b", "d"]
    assert r["all_time"] == 7
    assert r["subject"] == "grp" and r["subject_name"] == GROUP
    assert (r["metric"], r["period"], r["period_text"]) == ("departures", "2025-40", "first half of 2025")
    assert r["statement"] == (
        f"{GROUP}: the source says 3 departures (first half of 2025); the data holds 3 certainly "
        "in that period and 4 possibly; 7 departures in all from those 3 companies "
        "(Org A、Org B、Org D): consistent only if the fuzzy dates fall the right way."
    )


def test_group_new_hires_count_arrivals_and_moves_in(rows):
    r = rows["cl-hires"]
    # into a member, by the day of arrival: q7 (a, May), q8 (b, March), q10 (b, 15 June);
    # q9's undated join is possibly in the period
    assert (r["claimed"], r["certain"], r["possible"]) == (1, 3, 4)
    assert r["verdict"] == "the data holds more"
    assert "all_time" not in r and "companies" not in r
    assert r["statement"] == (
        f"{GROUP}: the source says 1 new hire (first half of 2025); the data holds 3 certainly "
        "in that period and 4 possibly: the data holds more."
    )


def test_group_executive_changes_are_departures_and_new_hires(rows):
    r = rows["cl-changes"]
    assert (r["claimed"], r["certain"], r["possible"]) == (12, 3 + 3, 4 + 4)
    assert r["verdict"] == "the data holds fewer"
    assert r["all_time"] == 7 and r["companies"] == ["a", "b", "d"]
    assert "the source says 12 executive changes (first half of 2025)" in r["statement"]


def test_group_companies_with_changes(rows):
    r = rows["cl-companies"]
    # certainly: a (q1, q2, q10 out; q7 in), b (q8, q10 in); possibly also d (q5)
    assert (r["claimed"], r["certain"], r["possible"]) == (3, 2, 3)
    assert r["verdict"] == "consistent only if the fuzzy dates fall the right way"
    assert "all_time" not in r
    assert "the source says 3 companies with changes" in r["statement"]


def test_a_metric_the_data_cannot_measure(rows):
    r = rows["cl-rounds"]
    assert (r["certain"], r["possible"], r["verdict"]) == (None, None, "not measurable")
    assert r["statement"] == (
        f"{GROUP}: the source says 2 funding rounds; the data has no measure for it: not measurable."
    )


# ------------------------------------------------------------------ one organisation's claims
def test_one_organisation_has_no_all_time_count(rows):
    r = rows["cl-a-h1"]
    assert (r["certain"], r["possible"], r["verdict"]) == (3, 3, "matches")
    assert "all_time" not in r and "companies" not in r
    assert r["subject_name"] == "Org A"
    assert r["statement"] == (
        "Org A: the source says 3 departures (first half of 2025); the data holds 3 certainly "
        "in that period and 3 possibly: matches."
    )


def test_a_claim_with_no_period_counts_every_move(rows):
    r = rows["cl-b-ever"]
    assert (r["period"], r["period_text"]) == ("", "any time")
    assert (r["certain"], r["possible"], r["verdict"]) == (2, 2, "matches")  # q3, q4
    assert "(any time)" in r["statement"]


@pytest.mark.parametrize(
    ("claim", "certain", "possible"),
    [
        ("cl-a-first-day", 1, 1),  # q1 left on the period's only day
        ("cl-a-june", 2, 2),  # q2 on its last day, q10 in June; not q1
        ("cl-b-july", 1, 1),  # q3 on 1 July
        ("cl-b-december", 1, 1),  # q4 on 31 December
        ("cl-d-january", 0, 1),  # q5: December or January
        ("cl-c-february", 1, 1),  # q8 left c in February (q6 in March)
        ("cl-b-hires-march", 1, 2),  # q8 arrived in March; q9 undated
        ("cl-b-hires-february", 0, 1),  # q8 left c in February but arrived at b in March
    ],
)
def test_period_boundaries(rows, claim, certain, possible):
    assert (rows[claim]["certain"], rows[claim]["possible"]) == (certain, possible)


def test_verdicts_of_the_boundary_claims(rows):
    assert rows["cl-a-first-day"]["verdict"] == "matches"
    assert rows["cl-d-january"]["verdict"] == "consistent only if the fuzzy dates fall the right way"
    assert rows["cl-b-hires-february"]["claimed"] == 0
    assert rows["cl-b-hires-february"]["statement"].startswith(
        "Org B: the source says 0 new hires (February 2025)"
    )


def test_claims_keep_the_order_of_the_file(g):
    assert [r["id"] for r in rc.claims(g)] == [c[0] for c in CLAIM_ROWS]


def test_a_graph_without_claims_has_none(g):
    h = g.copy()
    h.graph["claims"] = []
    assert rc.claims(h) == []
    del h.graph["claims"]
    assert rc.claims(h) == []


def _claim(**kw):
    base = {"id": "x", "subject": "grp", "metric": "departures", "value": 3, "period": "2025-40"}
    return {**base, **kw}


def test_claimed_values_that_are_text(g):
    h = g.copy()
    h.graph["claims"] = [_claim(value="3"), _claim(value="about ten"), _claim(value="")]
    r0, r1, r2 = rc.claims(h)
    assert r0["claimed"] == 3 and r0["verdict"] == "consistent only if the fuzzy dates fall the right way"
    assert r1["claimed"] == "about ten" and r1["verdict"] == "not comparable"
    assert "the source says about ten departures (first half of 2025)" in r1["statement"]
    assert r2["claimed"] == "" and r2["verdict"] == "not comparable"


def test_a_claim_about_a_node_not_in_the_graph_counts_nothing(g):
    h = g.copy()
    h.graph["claims"] = [_claim(subject="ghost")]
    [r] = rc.claims(h)
    assert (r["subject_name"], r["certain"], r["possible"]) == ("ghost", 0, 0)
    assert r["verdict"] == "the data holds fewer"


def test_only_membership_makes_a_company_stand_for_a_group(g):
    h = g.copy()
    # c links to the group by another kind of relationship: still not a member
    h.add_edge("c", "grp", key="not-membership", type="APPROACHED")
    assert rc._subject_orgs(h, "grp") == ["a", "b", "d", "e"]
    assert rc._subject_orgs(h, "c") == ["c"]
    assert rc._subject_orgs(h, "nobody") == []


def test_a_group_with_two_members_reports_an_all_time_count(g):
    h = g.copy()
    h.add_node("duo", kind="Group", name="Duo")
    h.add_edge("b", "duo", key="m-b", type="MEMBER_OF")
    h.add_edge("e", "duo", key="m-e", type="MEMBER_OF")
    h.graph["claims"] = [_claim(subject="duo"), _claim(subject="duo", metric="executive_changes")]
    dep, changes = rc.claims(h)
    # in 2025H1 b has new hires (q8, q10; q9 possibly) and no departure; e has nothing.
    # All departures from b: q3, q4.
    assert (dep["certain"], dep["possible"], dep["all_time"], dep["companies"]) == (0, 0, 2, ["b"])
    assert (changes["certain"], changes["possible"], changes["all_time"]) == (2, 3, 2)
    assert "; 2 departures in all from those 1 companies (Org B): " in dep["statement"]


def test_a_group_with_one_member_reports_no_all_time_count(g):
    h = g.copy()
    h.add_node("solo", kind="Group", name="Solo")
    h.add_edge("a", "solo", key="m", type="MEMBER_OF")
    h.graph["claims"] = [_claim(subject="solo")]
    [r] = rc.claims(h)
    assert (r["certain"], r["possible"]) == (3, 3)
    assert "all_time" not in r


@pytest.mark.parametrize(
    "period",
    [
        "../2025-06",  # by June 2025: q4 (31 Dec 2024), not q3 (1 Jul 2025)
        "2025-01/..",  # since January 2025: q3, not q4
    ],
)
def test_a_period_open_at_one_end_still_has_its_other_end(g, period):
    ms = gc.moves(g)
    pd = dates.parse(period)
    assert rc.claim_count(ms, {"b"}, "departures", pd, True)[0] == 1
    assert rc.claim_count(ms, {"b"}, "departures", pd, False)[0] in (0, 1)


# ------------------------------------------------------------------ claim_count and claim_verdict
def test_claim_count_returns_the_organisations_with_a_change(g):
    ms = gc.moves(g)
    h1 = dates.parse("2025-40")
    orgs = {"a", "b", "d", "e"}
    assert rc.claim_count(ms, orgs, "departures", h1, False) == (3, {"a", "b"})
    assert rc.claim_count(ms, orgs, "departures", h1, True) == (4, {"a", "b", "d"})
    assert rc.claim_count(ms, orgs, "companies_with_changes", None, False) == (4, {"a", "b", "d", "e"})
    assert rc.claim_count(ms, set(), "executive_changes", h1, True) == (0, set())


def test_claim_count_without_a_period_is_the_same_certain_or_possible(g):
    ms = gc.moves(g)
    # a: q1 q2 q10 out, q7 in; b: q3 q4 out, q8 q9 q10 in
    for possible in (False, True):
        assert rc.claim_count(ms, {"a", "b"}, "departures", None, possible)[0] == 5
        assert rc.claim_count(ms, {"a", "b"}, "new_hires", None, possible)[0] == 4
        assert rc.claim_count(ms, {"a", "b"}, "executive_changes", None, possible)[0] == 9


def test_claim_count_of_hand_made_moves():
    ms = [
        Move("x", "o", None, "unknown", when="2025-03"),
        Move("y", None, "o", "joined", when=""),  # undated arrival
        Move("z", "p", "o", "joined", when="2025-02", start="2025-04"),
    ]
    q1 = dates.parse("2025-33")
    # the organisations with a change are the same whatever the metric: x left o in March
    assert rc.claim_count(ms, {"o"}, "new_hires", q1, False) == (0, {"o"})
    assert rc.claim_count(ms, {"o"}, "new_hires", q1, True) == (1, {"o"})
    assert rc.claim_count(ms, {"o"}, "departures", q1, False) == (1, {"o"})
    assert rc.claim_count(ms, {"p"}, "departures", q1, False) == (1, {"p"})
    assert rc.claim_count(ms, {"o", "p"}, "executive_changes", dates.parse("2025-04"), True) == (2, {"o"})


@pytest.mark.parametrize(
    ("claimed", "certain", "possible", "verdict"),
    [
        (3, 3, 3, "matches"),
        (0, 0, 0, "matches"),
        (3, 3, 4, "consistent only if the fuzzy dates fall the right way"),
        (4, 3, 4, "consistent only if the fuzzy dates fall the right way"),
        (3, 2, 4, "consistent only if the fuzzy dates fall the right way"),
        (5, 3, 4, "the data holds fewer"),
        (3, 2, 2, "the data holds fewer"),
        (2, 3, 4, "the data holds more"),
        (2, 3, 3, "the data holds more"),
        (1, 2, 2, "the data holds more"),
        ("12", 12, 12, "not comparable"),
        (None, 0, 0, "not comparable"),
        (3.0, 3, 3, "not comparable"),
    ],
)
def test_claim_verdict(claimed, certain, possible, verdict):
    assert rc.claim_verdict(claimed, certain, possible) == verdict


def test_measures():
    assert rc.MEASURES == ("departures", "new_hires", "executive_changes", "companies_with_changes")
    assert rc._measure(1, "new_hires") == "1 new hire"
    assert rc._measure(12, "executive_changes") == "12 executive changes"
    assert rc._measure(1, "companies_with_changes") == "1 company with changes"
    assert rc._measure(1, "departures") == "1 departure"
    assert rc._measure(1, "funding_rounds") == "1 funding rounds"
    assert rc._measure("a dozen", "departures") == "a dozen departures"


# ------------------------------------------------------------------ the report's statistics
def test_stats_of_hand_made_moves():
    ms = [
        Move("a", "o", None, "unknown", role_category=("founder", "commercial"), unnamed=True),
        Move("b", "o", "q", "joined", role_category=("commercial",)),
        Move("c", "q", "s", "founded"),
        Move("d", None, "q", "joined", role_category=("founder", "commercial"), unnamed=True),  # arrival
    ]
    assert stats._stats(ms) == {
        "departures": 3,
        "founders": 1,
        "founder_share": 0.3333,
        "commercial": 2,
        "commercial_share": 0.6667,
        "named": 2,
        "unnamed": 1,
        "destinations": {"joined": 1, "founded": 1, "unknown": 1, "ambiguous": 0},
    }


def test_stats_of_no_departure_are_zero():
    assert stats._stats([Move("d", None, "q", "joined")]) == {
        "departures": 0,
        "founders": 0,
        "founder_share": 0.0,
        "commercial": 0,
        "commercial_share": 0.0,
        "named": 0,
        "unnamed": 0,
        "destinations": {"joined": 0, "founded": 0, "unknown": 0, "ambiguous": 0},
    }


def test_share_rounds_to_four_places():
    assert stats._share(1, 8) == 0.125
    assert stats._share(2, 7) == 0.2857
    assert stats._share(8, 8) == 1.0
    assert stats._share(3, 0) == 0.0


def test_report_statistics_of_the_dataset(g):
    r = report.build(g, report.ReportOptions(periods=False, communities=False))
    # departures: q1 q2 q3 q4 q5 q6 q8 q10 q11 q12; founder: q1; commercial: q3; unnamed: q12
    assert r["statistics"] == {
        "departures": 10,
        "founders": 1,
        "founder_share": 0.1,
        "commercial": 1,
        "commercial_share": 0.1,
        "named": 9,
        "unnamed": 1,
        "destinations": {"joined": 2, "founded": 0, "unknown": 8, "ambiguous": 0},
    }
    assert {c["id"]: c["verdict"] for c in r["claims"]} == {x["id"]: x["verdict"] for x in rc.claims(g)}


def test_report_statistics_in_a_period(g):
    opts = report.ReportOptions(period="2025H1", periods=False, communities=False)
    s = report.build(g, opts)["statistics"]
    # certainly in 2025H1: q1 (founder), q2, q6, q8, q10; the arrival q7 is no departure
    assert (s["departures"], s["founders"], s["founder_share"], s["commercial"]) == (5, 1, 0.2, 0)
    assert s["destinations"] == {"joined": 2, "founded": 0, "unknown": 3, "ambiguous": 0}


# ------------------------------------------------------------------ rules over random careers
PERIODS = ["2019", "2020-40", "2021-33", "2022-06", "2023-12-31", "2019/2021", "2024-41"]
WIDER = {"2020-40": "2020", "2021-33": "2021-40", "2022-06": "2022-34", "2023-12-31": "2023-41"}


def _ms(people):
    records = [
        (f"p{i}", f"k{i}-{j}", org, kind, role, (), start, end)
        for i, career in enumerate(people)
        for j, (kind, org, role, start, end) in enumerate(career)
    ]
    return gc.derive_records(records).moves


@settings(max_examples=80, deadline=None)
@given(
    people=careers(max_people=6),
    orgs=st.sets(st.sampled_from(ORGS + STARTUPS), min_size=1),
    period=st.sampled_from(PERIODS),
)
def test_certain_never_exceeds_possible(people, orgs, period):
    ms = _ms(people)
    pd = dates.parse(period)
    n = {}
    for metric in rc.MEASURES:
        certain, changed_c = rc.claim_count(ms, orgs, metric, pd, False)
        possible, changed_p = rc.claim_count(ms, orgs, metric, pd, True)
        assert certain <= possible
        assert changed_c <= changed_p <= orgs
        n[metric] = (certain, possible)
        verdict = rc.claim_verdict(certain, certain, possible)
        assert verdict == (
            "matches" if certain == possible else "consistent only if the fuzzy dates fall the right way"
        )
    for i in (0, 1):
        assert n["executive_changes"][i] == n["departures"][i] + n["new_hires"][i]
        assert n["companies_with_changes"][i] <= min(len(orgs), n["executive_changes"][i])
    # with no period, every move counts either way
    for metric in rc.MEASURES:
        assert rc.claim_count(ms, orgs, metric, None, False) == rc.claim_count(ms, orgs, metric, None, True)
        assert (
            rc.claim_count(ms, orgs, metric, pd, True)[0] <= rc.claim_count(ms, orgs, metric, None, True)[0]
        )
    if period in WIDER:
        wide = dates.parse(WIDER[period])
        for possible in (False, True):
            assert (
                rc.claim_count(ms, orgs, "executive_changes", pd, possible)[0]
                <= rc.claim_count(ms, orgs, "executive_changes", wide, possible)[0]
            )


@settings(max_examples=40, deadline=None)
@given(people=careers(max_people=6))
def test_statistics_add_up(people):
    ms = _ms(people)
    s = stats._stats(ms)
    deps = flows.departures_only(ms)
    assert s["departures"] == len(deps) == s["named"] + s["unnamed"]
    assert 0 <= s["founders"] <= s["departures"] and 0 <= s["commercial"] <= s["departures"]
    assert 0.0 <= s["founder_share"] <= 1.0 and 0.0 <= s["commercial_share"] <= 1.0
    assert sum(s["destinations"].values()) == s["departures"]
