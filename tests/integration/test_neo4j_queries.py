"""Every named query against the real server, with rows worked out by hand from
the article (see DESIGN.md's list of facts and data/*.csv).

Names sort by Unicode code point in Cypher, e.g. 李 U+674E < 洪 U+6D2A < 焦 U+7126
< 邓 U+9093 < 陈 U+9648, and 智 U+667A < 月 U+6708 < 百 U+767E < 阶 U+9636 < 零 U+96F6.
"""

from __future__ import annotations

import pytest
from helpers import DATA, ROOT

import graphkit
from graphkit import neo4j as gn

pytestmark = pytest.mark.integration

BAICHUAN = ["李施政", "洪涛", "焦可", "邓江", "陈炜鹏"]


@pytest.fixture
def loaded(neo4j_driver):
    gn.load_graph(neo4j_driver, graphkit.build_graph(DATA), "test-queries")
    return neo4j_driver


def rows(driver, name, **params):
    _, out = gn.run_query(driver, name, params)
    return out


def test_departures_first_half_2025(loaded):
    got = [(r["company_id"], r["certain"], r["possible"], r["people"]) for r in rows(loaded, "departures")]
    assert got == [
        ("baichuan", 0, 5, BAICHUAN),  # 'the past half year' = 2024-12/2025-06: only possibly in H1
        ("01ai", 3, 3, ["戴宗宏", "谷雪梅", "零一万物第三位离职高管（未具名）"]),
        ("zhipu", 3, 3, ["张帆", "张阔", "曲滕"]),
        ("minimax", 1, 1, ["魏伟"]),
        ("stepfun", 1, 1, ["段楠"]),
    ]


def test_departures_november_2024(loaded):
    got = rows(loaded, "departures", since="2024-11-01", until="2024-11-30")
    assert [(r["company"], r["certain"], r["possible"], r["people"]) for r in got] == [
        ("月之暗面", 3, 3, ["王冠", "王冠的同事乙（未具名）", "王冠的同事甲（未具名）"])
    ]


def test_destinations(loaded):
    got = [(r["outcome"], r["person_id"], r["left"], r["destination"]) for r in rows(loaded, "destinations")]
    assert got == [
        ("founded", "zhang-fan", "智谱", "张帆的AI Agent创业项目（未具名）"),
        ("founded", "moonshot-colleague-1", "月之暗面", "王冠等人的创业项目（未具名）"),
        ("founded", "moonshot-colleague-2", "月之暗面", "王冠等人的创业项目（未具名）"),
        ("founded", "wang-guan", "月之暗面", "王冠等人的创业项目（未具名）"),
        ("founded", "dai-zonghong", "零一万物", "戴宗宏的创业项目（未具名）"),
        ("joined", "duan-nan", "阶跃星辰", "京东"),
        ("unknown", "wei-wei", "MiniMax", None),
        ("unknown", "qu-teng", "智谱", None),
        ("unknown", "zhang-kuo", "智谱", None),
        ("unknown", "chen-weipeng", "百川智能", None),
        ("unknown", "deng-jiang", "百川智能", None),
        ("unknown", "hong-tao", "百川智能", None),
        ("unknown", "jiao-ke", "百川智能", None),
        ("unknown", "li-shizheng", "百川智能", None),
        ("unknown", "01ai-exec-3", "零一万物", None),
        ("unknown", "gu-xuemei", "零一万物", None),
    ]


def test_capital_follows_talent(loaded):
    got = rows(loaded, "capital_follows_talent")
    assert len(got) == 1
    r = got[0]
    assert (r["investor"], r["person"], r["venture"]) == ("智谱", "张帆", "张帆的AI Agent创业项目（未具名）")
    assert (r["left_when"], r["invested_when"]) == ("2025-06", "2025-06")
    # left 2025-06-01..30, invested 2025-06-01..30: lag from -29 to +29 days
    assert (r["lag_min_days"], r["lag_max_days"]) == (-29, 29)


def test_cofounders_who_left(loaded):
    got = [(r["person"], r["company"]) for r in rows(loaded, "cofounders_who_left")]
    assert got == [("洪涛", "百川智能"), ("戴宗宏", "零一万物"), ("谷雪梅", "零一万物")]


def test_commercial_leaders_who_left(loaded):
    got = [(r["person"], r["company"], r["role"]) for r in rows(loaded, "commercial_leaders_who_left")]
    assert got == [
        ("魏伟", "MiniMax", "商业化合伙人兼副总裁"),
        ("张帆", "智谱", "首席运营官"),
        ("洪涛", "百川智能", "联合创始人、商业化负责人"),
    ]


def test_alumni(loaded):
    got = rows(loaded, "alumni")
    assert [(r["organisation_a"], r["organisation_b"], r["shared"], r["people"]) for r in got] == [
        ("百川智能", "搜狗", 5, BAICHUAN)
    ]
    assert rows(loaded, "alumni", min_people=6) == []


def test_talent_flow(loaded):
    got = [(r["from_org"], r["to_org"], r["how"], r["people"]) for r in rows(loaded, "talent_flow")]
    assert got == [
        ("月之暗面", "王冠等人的创业项目（未具名）", "founded", 3),
        ("智谱", "张帆的AI Agent创业项目（未具名）", "founded", 1),
        ("阶跃星辰", "京东", "joined", 1),
        ("零一万物", "戴宗宏的创业项目（未具名）", "founded", 1),
    ]


def test_person_timeline(loaded):
    got = rows(loaded, "person_timeline")  # default person: zhang-fan
    assert [(r["relationship"], r["outgoing"], r["other"], r["start"], r["end"]) for r in got] == [
        ("FOUNDED", True, "张帆的AI Agent创业项目（未具名）", "2025-06", None),
        ("WORKED_AT", True, "智谱", None, "2025-06"),
    ]
    assert all(r["evidence"] and r["sources"] == ["zhidx-2025-06-16"] for r in got)
    luo = rows(loaded, "person_timeline", person="luo-fuli")
    assert [(r["relationship"], r["outgoing"], r["other"]) for r in luo] == [
        ("APPROACHED", False, "小米"),
        ("WORKED_AT", True, "DeepSeek"),
    ]


def test_recruiting_attempts(loaded):
    got = rows(loaded, "recruiting_attempts")
    assert [(r["company"], r["person"], r["employer"], r["approached_when"], r["status"]) for r in got] == [
        ("小米", "罗福莉", ["DeepSeek"], "2024-12~", "attempted")
    ]


def test_pivots(loaded):
    got = rows(loaded, "pivots")
    assert [(r["company"], r["date"]) for r in got] == [
        ("零一万物", "2024-36"),
        ("百川智能", "../2025-06-16"),
    ]
    assert "轻量化模型" in got[0]["evidence"]


def test_headline_check(loaded):
    got = {
        r["claim"]: (r["metric"], r["claimed"], r["certain"], r["possible"])
        for r in rows(loaded, "headline_check")
    }
    # H1 2025 at the five companies: 智谱 3 (Jan, Jan, June), 零一万物 3 and MiniMax 1 and
    # 阶跃星辰 1 (all 2025-40) are certain = 8; 百川's five (2024-12/2025-06) only possible = 13.
    # No one joined any of the five. Companies: four certain, 百川 possible = five.
    assert got == {
        "claim-01ai-departures": ("departures", 3, 3, 3),
        "claim-h1-changes": ("executive_changes", 12, 8, 13),
        "claim-h1-companies": ("companies_with_changes", 5, 4, 5),
        "claim-h1-departures": ("departures", 11, 8, 13),
        "claim-h1-new-hires": ("new_hires", 1, 0, 0),
        "claim-moonshot-departures": ("departures", 3, 3, 3),
    }


def test_unknown_query_and_parameter(loaded):
    with pytest.raises(graphkit.SettingsError, match="unknown query 'nope'"):
        gn.run_query(loaded, "nope")
    with pytest.raises(graphkit.SettingsError, match="query 'departures' has no parameter 'company'"):
        gn.run_query(loaded, "departures", {"company": "x"})


def test_every_query_file_has_a_header_and_a_test():
    tests = (ROOT / "tests" / "integration" / "test_neo4j_queries.py").read_text("utf-8")
    for name, q in gn.named_queries().items():
        assert q.text.startswith("// "), name
        assert q.description, name
        assert "Parameters:" in q.text.split("\n\n")[0] or "Parameters:" in q.text, name
        assert f'"{name}"' in tests, f"no integration test for {name}"


# ------------------------------------------------------------- the second fixture
FIXTURE = ROOT / "tests" / "fixtures" / "careers"


@pytest.fixture
def fixture_loaded(neo4j_driver):
    gn.load_graph(neo4j_driver, graphkit.build_graph(FIXTURE), "test-queries-fixture")
    return neo4j_driver


def test_fixture_destinations(fixture_loaded):
    got = [
        (r["person_id"], r["left"], r["outcome"], r["destination"], r["candidates"], r["boomerang"])
        for r in rows(fixture_loaded, "destinations")
        if r["person_id"] in ("ada", "ivy", "finn", "jay")
    ]
    # ordered by outcome, then the organisation left, then person
    assert got == [
        ("ivy", "Alpha Labs", "ambiguous", None, ["Delta Cloud"], False),
        ("ivy", "Beta Corp", "ambiguous", None, ["Delta Cloud"], False),
        ("jay", "Beta Corp", "founded", "Sable", [], False),
        ("ada", "Alpha Labs", "joined", "Beta Corp", [], False),
        ("ada", "Beta Corp", "joined", "Alpha Labs", [], True),
        ("jay", "Sable", "joined", "Gamma AI", [], False),
        ("finn", "Gamma AI", "unknown", None, [], False),
    ]


def test_fixture_talent_flow_and_capital(fixture_loaded):
    flow = {(r["from_org"], r["to_org"]): r["people"] for r in rows(fixture_loaded, "talent_flow")}
    assert flow[("Alpha Labs", "Beta Corp")] == 2  # Ada and Dev
    assert ("Sable", "Sable") not in flow and len(flow) == 11
    cap = [(r["investor"], r["person"], r["venture"], r["lag_min_days"], r["lag_max_days"])
           for r in rows(fixture_loaded, "capital_follows_talent")]  # fmt: skip
    assert cap == [("Delta Cloud", "Gia Moreno", "Wren", 60, 119)]


def test_fixture_headline_check(fixture_loaded):
    got = {
        r["claim"]: (r["claimed"], r["certain"], r["possible"])
        for r in rows(fixture_loaded, "headline_check")
    }
    assert got == {"claim-alpha-leavers": (4, 4, 4), "claim-rounds": (1, None, None)}


# ------------------------------------------------------------- two sources
def test_disagreements(neo4j_driver):
    """data/ holds two reports. Where they disagree (worked from the two folders' rows):
    洪涛 -> 百川智能: end 2024-11~ (深网, "5 months" before April 2025) against 2024-12/2025-06
    (智东西); the roles of 焦可, 陈炜鹏 and 邓江 at 百川智能 (联合创始人 / 商业合伙人 against
    核心高管) and of 魏伟 at MiniMax. The seed alone has none."""
    gn.load_graph(neo4j_driver, graphkit.build_graph(ROOT / "data"), "test-queries-two")
    got = [
        (r["from_name"], r["to_name"], r["disputed"], r["sources"])
        for r in rows(neo4j_driver, "disagreements")
    ]
    both = ["shenwang-2025-04", "zhidx-2025-06-16"]
    assert got == [
        ("洪涛", "百川智能", ["end"], both),
        ("焦可", "百川智能", ["role"], both),
        ("邓江", "百川智能", ["role"], both),
        ("陈炜鹏", "百川智能", ["role"], both),
        ("魏伟", "MiniMax", ["role"], both),
    ]
    first = rows(neo4j_driver, "disagreements")[0]
    assert first["what_each_source_says"] == [
        "sources disagree on end of WORKED_AT hong-tao -> baichuan: 2024-11~ (shenwang-2025-04, "
        "shenwang-2025-04/relationships.csv:6); 2024-12/2025-06 (zhidx-2025-06-16, zhidx-2025-06-16/relationships.csv:12)"
    ]
    assert len(first["quotes"]) == 2


def test_no_disagreements_in_one_source(loaded):
    assert rows(loaded, "disagreements") == []
