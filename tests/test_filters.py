"""Filters on the seed data, with node sets worked out by hand from data/*.csv."""

from __future__ import annotations

import pytest
from helpers import DATA

from graphkit.api import build_graph
from graphkit.graph import filters
from graphkit.schema.errors import SettingsError


@pytest.fixture(scope="module")
def g():
    return build_graph(DATA)


def test_company_zhipu_keeps_its_people_and_where_they_went(g):
    # 智谱: 张阔, 曲滕, 张帆 worked there; it invested in 张帆's venture; it is one of the six tigers.
    # 张帆's other relationship is FOUNDED -> his venture (already in).
    h = filters.company(g, ["zhipu"])
    assert set(h) == {"zhipu", "zhang-kuo", "qu-teng", "zhang-fan", "venture-zhang-fan", "six-tigers"}
    # induced: 3 WORKED_AT + FOUNDED + INVESTED_IN + MEMBER_OF
    assert h.number_of_edges() == 6


def test_company_baichuan_reaches_sogou_through_its_people(g):
    h = filters.company(g, ["baichuan"])
    assert set(h) == {
        "baichuan",
        "hong-tao",
        "jiao-ke",
        "chen-weipeng",
        "deng-jiang",
        "li-shizheng",
        "sogou",
        "six-tigers",
        "pivot-baichuan",
    }


def test_ego_zhang_fan(g):
    assert set(filters.ego(g, "zhang-fan", 1)) == {"zhang-fan", "zhipu", "venture-zhang-fan"}
    assert set(filters.ego(g, "zhang-fan", 2)) == {
        "zhang-fan",
        "zhipu",
        "venture-zhang-fan",
        "zhang-kuo",
        "qu-teng",
        "six-tigers",
    }
    assert set(filters.ego(g, "zhang-fan", 0)) == {"zhang-fan"}


def test_person(g):
    assert set(filters.person(g, ["duan-nan"])) == {"duan-nan", "stepfun", "jd"}


CERTAIN_H1 = {
    "zhang-kuo",
    "qu-teng",
    "zhang-fan",
    "zhipu",
    "venture-zhang-fan",
    "gu-xuemei",
    "dai-zonghong",
    "01ai-exec-3",
    "01ai",
    "wei-wei",
    "minimax",
    "duan-nan",
    "stepfun",
}


def test_period_certain(g):
    # Departures dated 2025-01, 2025-06 and 2025-40 (first half), plus 张帆's venture and
    # 智谱's investment (2025-06), and 段楠 -> 京东: the join is undated, so it takes the date
    # of its move (the StepFun departure, 2025-40). Not 2024-12/2025-06 (may be December
    # 2024), not undated.
    h = filters.period(g, "2025-01", "2025-06")
    assert set(h) == CERTAIN_H1 | {"jd"}
    assert h.number_of_edges() == 11


def test_period_possible(g):
    # Adds what may fall in the period: 百川's five (2024-12/2025-06), the ../2025-06-16 facts,
    # and every undated fact (搜狗 histories, 段楠 -> 京东, 罗福莉 at DeepSeek, the six tigers).
    # Left out: 月之暗面's 2024-11 departures and venture, 小米's 2024-12~ approach, 01.AI's Q4 2024 pivot.
    h = filters.period(g, "2025-01", "2025-06", possible=True)
    assert set(h) == set(g) - {
        "xiaomi",
        "wang-guan",
        "moonshot-colleague-1",
        "moonshot-colleague-2",
        "venture-wang-guan",
        "pivot-01ai",
    }
    assert h.number_of_edges() == 39 - 8
    assert set(h) > CERTAIN_H1


def test_period_november_2024(g):
    h = filters.period(g, "2024-11", "2024-11")
    assert set(h) == {
        "wang-guan",
        "moonshot-colleague-1",
        "moonshot-colleague-2",
        "moonshot",
        "venture-wang-guan",
    }


def test_types(g):
    h = filters.types(g, ["FOUNDED"])
    assert h.number_of_edges() == 5
    assert set(h) == {
        "zhang-fan",
        "venture-zhang-fan",
        "dai-zonghong",
        "venture-dai-zonghong",
        "wang-guan",
        "moonshot-colleague-1",
        "moonshot-colleague-2",
        "venture-wang-guan",
    }


def test_apply_combines_and_keeps_attributes(g):
    h = filters.apply(g, companies=["zhipu"], type_names=["WORKED_AT"])
    assert set(h) == {"zhipu", "zhang-kuo", "qu-teng", "zhang-fan"}
    assert h.nodes["zhang-fan"]["name"] == "张帆"
    assert h.graph["sources"] == g.graph["sources"]
    assert g.number_of_nodes() == 34  # the input is untouched


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda g: filters.company(g, ["nope"]), "unknown company 'nope'"),
        (lambda g: filters.ego(g, "nope", 1), "unknown node 'nope'"),
        (lambda g: filters.types(g, ["LIKES"]), "unknown relationship type 'LIKES'"),
        (lambda g: filters.period(g, "2025-13", None), "invalid date '2025-13'"),
        (lambda g: filters.period(g, "2025-06", "2025-01"), "is before --since"),
    ],
)
def test_errors(g, call, message):
    with pytest.raises(SettingsError, match=message):
        call(g)
