"""Identity-resolution candidates (graphkit.ingest.resolve) on tests/fixtures/resolve and on
hand-made nodes. Expected scores are worked out by hand from the scheme in the module's
docstring: score = sigmoid(logit(p_name) + employer evidence), rounded to 3 decimals."""

from __future__ import annotations

import csv
import math
from itertools import combinations

import pytest
from helpers import FIXTURES
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from graphkit.ingest import resolve
from graphkit.ingest.resolve import COLUMNS, Candidate, candidates, write_candidates
from graphkit.ingest.validate import load_dataset
from graphkit.schema.model import Node, Relationship

RESOLVE = FIXTURES / "resolve"

# the fixture's true duplicates (same entity written two ways) and traps (different entities)
TRUE_DUPLICATES = [
    ("zhang-fan", "zhang-fan-hk"),  # 张帆 / 張帆
    ("zhang-fan", "fan-zhang"),  # 张帆 "Zhang Fan" / "Fan Zhang"
    ("zhang-fan-hk", "fan-zhang"),  # 張帆 / "Fan Zhang"
    ("zhou-minghao", "minghao-zhou"),  # "Zhou Minghao" / "Ming-Hao ZHOU"
    ("wu-xiaoyun", "cloud-wu"),  # alias 吴晓云 = name
    ("sam-lee", "sam-lee-2"),  # same name, same employer at the same time
    ("zhipu", "zhipu-2"),  # alias 智谱 = name
    ("baichuan", "baichuan-2"),  # alias 百川 = name
]
TRAPS = [
    ("zhang-fan", "zhang-kuo"),  # same surname, same employer
    ("zhang-fan-hk", "zhang-kuo"),
    ("fan-zhang", "zhang-kuo"),
    ("chen-jing", "chen-jing-2"),  # homophones 陈静 / 陈晶
    ("david-chen", "david-chen-2"),  # same English name, different employers, years apart
    ("li-wei", "li-wen"),  # similar English names
    ("beta", "beta-capital"),
]


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def person(id: str, name: str, name_en: str | None = None, aliases: tuple[str, ...] = (), **kw) -> Node:
    return Node(id=id, kind="Person", name=name, name_en=name_en, aliases=aliases, **kw)


def org(
    id: str, name: str, name_en: str | None = None, aliases: tuple[str, ...] = (), kind="Company"
) -> Node:
    return Node(id=id, kind=kind, name=name, name_en=name_en, aliases=aliases)


def job(
    who: str, where: str, start: str | None = None, end: str | None = None, type="WORKED_AT"
) -> Relationship:
    return Relationship.model_validate(
        {
            "type": type,
            "from": who,
            "to": where,
            "start": start,
            "end": end,
            "status": "confirmed",
            "sources": "s",
            "evidence": "e",
        }
    )


def by_pair(cands: list[Candidate]) -> dict[frozenset[str], Candidate]:
    return {frozenset((c.id_a, c.id_b)): c for c in cands}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(RESOLVE)


@pytest.fixture(scope="module")
def all_cands(dataset) -> list[Candidate]:
    return candidates(dataset.nodes, dataset.relationships, min_score=0.0)


# ------------------------------------------------------------------ the fixture
def test_fixture_is_valid_graphkit_data(dataset):
    assert {n.kind for n in dataset.nodes.values()} >= {"Person", "Company", "Startup", "Investor"}


def test_every_true_duplicate_ranks_above_every_trap(all_cands):
    found = by_pair(all_cands)
    dup_scores = {p: found[frozenset(p)].score for p in TRUE_DUPLICATES}
    trap_scores = {p: found[frozenset(p)].score if frozenset(p) in found else 0.0 for p in TRAPS}
    assert min(dup_scores.values()) > max(trap_scores.values()), (dup_scores, trap_scores)
    # and by a clear margin: the weakest duplicate (an alias, no employer) 0.80, the
    # strongest trap (David Chen twice, different employers) sigmoid(logit(0.75) - 1) = 0.525
    assert min(dup_scores.values()) == 0.8
    assert max(trap_scores.values()) == 0.525
    ranks = {frozenset((c.id_a, c.id_b)): k for k, c in enumerate(all_cands)}
    assert max(ranks[frozenset(p)] for p in TRUE_DUPLICATES) < min(
        ranks.get(frozenset(p), len(all_cands)) for p in TRAPS
    )


def test_default_threshold_returns_the_duplicates_and_drops_the_weak_traps(dataset):
    got = by_pair(candidates(dataset.nodes, dataset.relationships))
    assert all(frozenset(p) in got for p in TRUE_DUPLICATES)
    # same surname (张阔 / 张帆) and similar English names are not returned at 0.3
    for p in [("zhang-fan", "zhang-kuo"), ("zhang-fan-hk", "zhang-kuo"), ("li-wei", "li-wen")]:
        assert frozenset(p) not in got
    assert all(c.score >= 0.3 for c in got.values())


def test_same_surname_and_employer_is_never_a_pair(all_cands):
    # 张阔 worked at zhipu beside 张帆: the employer alone makes no pair, even at min_score 0
    assert not [c for c in all_cands if "zhang-kuo" in (c.id_a, c.id_b)]


def test_reasons_name_the_evidence(all_cands):
    found = by_pair(all_cands)

    def reasons(a: str, b: str) -> tuple[str, ...]:
        return found[frozenset((a, b))].reasons

    assert "same name in simplified characters (張帆 = 张帆)" in reasons("zhang-fan", "zhang-fan-hk")
    assert any(r.startswith("both worked at zhipu, same dates") for r in reasons("zhang-fan", "zhang-fan-hk"))
    assert "romanised name with given/family order swapped (Zhang Fan / Fan Zhang)" in reasons(
        "zhang-fan", "fan-zhang"
    )
    assert "same pinyin (zhang fan)" in reasons("zhang-fan", "fan-zhang")
    assert "same pinyin (zhang fan)" in reasons("zhang-fan-hk", "fan-zhang")
    assert "both worked at zhipu, overlapping dates" in reasons("zhang-fan-hk", "fan-zhang")
    assert "romanised name with given/family order swapped (Zhou Minghao / Ming-Hao ZHOU)" in reasons(
        "zhou-minghao", "minghao-zhou"
    )
    assert "same pinyin (zhou minghao)" in reasons("zhou-minghao", "minghao-zhou")
    assert reasons("wu-xiaoyun", "cloud-wu") == ("alias matches name (吴晓云)",)
    assert reasons("zhipu", "zhipu-2") == ("alias matches name (智谱)",)
    assert reasons("baichuan", "baichuan-2")[0] == "alias matches name (百川)"
    assert reasons("chen-jing", "chen-jing-2") == ("same pinyin, different characters (陈静 / 陈晶)",)
    assert reasons("david-chen", "david-chen-2") == ("same name (David Chen)", "no shared employer")
    assert reasons("sam-lee", "sam-lee-2") == (
        "same name (Sam Lee)",
        "both worked at gamma, overlapping dates",
    )
    assert reasons("li-wei", "li-wen")[0] == "similar names, one letter apart (Li Wei / Li Wen)"


def test_scores_by_hand(all_cands):
    found = by_pair(all_cands)

    def score(a: str, b: str) -> float:
        return found[frozenset((a, b))].score

    # alias = name, no employer evidence: p = 0.80
    assert score("wu-xiaoyun", "cloud-wu") == 0.8
    # homophone, one of them without a known job: p = 0.45
    assert score("chen-jing", "chen-jing-2") == 0.45
    # same name, both employed elsewhere: sigmoid(logit(0.75) - 1.0)
    assert score("david-chen", "david-chen-2") == round(sigmoid(logit(0.75) - 1.0), 3) == 0.525
    # same name, gamma (2 people: weight 1) at overlapping dates, starts 2020-02 vs 2021
    assert score("sam-lee", "sam-lee-2") == round(sigmoid(logit(0.75) + 1.0), 3) == 0.891
    # 张帆 / 張帆: same characters, zhipu with starts agreeing to the year (2019-03 / 2019,
    # +1.0) and ends too (2023-06 / 2023, +0.5), plus the shared employer (+1.0)
    assert score("zhang-fan", "zhang-fan-hk") == round(sigmoid(logit(0.8) + 2.5), 3) == 0.98
    # "Ming-Hao ZHOU": same romanised name (0.75); alpha, starts 2017-09 / 2017, one open end
    assert score("zhou-minghao", "minghao-zhou") == round(sigmoid(logit(0.75) + 2.0), 3)


def test_no_person_is_paired_with_an_organisation(dataset, all_cands):
    kinds = {i: n.kind == "Person" for i, n in dataset.nodes.items()}
    assert all(kinds[c.id_a] == kinds[c.id_b] for c in all_cands)
    # even with the very same name
    cands = candidates(
        [person("p", "百川"), org("o", "百川"), org("o2", "Baichuan", kind="Startup")], min_score=0
    )
    assert [(c.id_a, c.id_b) for c in cands] == [("o", "o2")]


def test_organisation_names_across_scripts_and_suffixes():
    nodes = [
        org("zp", "智谱AI"),
        org("zp-en", "Zhipu AI", kind="Startup"),
        org("bc", "百川智能"),
        org("bc-en", "Baichuan", kind="Investor"),
    ]
    found = by_pair(candidates(nodes, min_score=0))
    assert found[frozenset(("zp", "zp-en"))].reasons == ("same pinyin (zhipuai)",)
    assert found[frozenset(("zp", "zp-en"))].score == 0.72
    assert found[frozenset(("bc", "bc-en"))].reasons == ("same name without a generic suffix (baichuan)",)
    assert found[frozenset(("bc", "bc-en"))].score == 0.6


def test_romanised_forms_case_hyphen_order():
    nodes = [
        person("a", "Zhang Fan"),
        person("b", "ZHANG Fan"),
        person("c", "Fan ZHANG"),
        person("d", "Xiao-Ming Li"),
        person("e", "Li Xiaoming"),
        person("f", "曾小明"),
        person("g", "Zeng Xiaoming"),
    ]
    found = by_pair(candidates(nodes, min_score=0))
    assert found[frozenset("ab")].reasons == ("same romanised name (Zhang Fan / ZHANG Fan)",)
    assert found[frozenset("ac")].reasons == (
        "romanised name with given/family order swapped (Zhang Fan / Fan ZHANG)",
    )
    assert found[frozenset("de")].reasons == (
        "romanised name with given/family order swapped (Xiao-Ming Li / Li Xiaoming)",
    )
    # 曾 read as a surname: zeng, not ceng
    assert found[frozenset("fg")].reasons == ("same pinyin (zeng xiaoming)",)
    assert {found[frozenset(p)].score for p in ("ab", "ac", "de")} == {0.75}
    assert found[frozenset("fg")].score == 0.72


def test_a_likely_typo_in_a_romanised_name():
    # "Fna" is not pinyin, and one edit from 张帆's pinyin: a likely typo (0.60)
    nodes = [person("a", "张帆"), person("b", "Zhang Fna"), person("c", "Li Wei"), person("d", "Li Wen")]
    found = by_pair(candidates(nodes, min_score=0))
    assert found[frozenset("ab")].reasons == ("similar names, likely a typo (张帆 / Zhang Fna)",)
    assert found[frozenset("ab")].score == 0.6
    # both pinyin, short: one letter apart says little (0.20)
    assert found[frozenset("cd")].score == 0.2
    assert frozenset("ac") not in found


def test_id_order_follows_input_order(dataset):
    forward = by_pair(candidates(dataset.nodes, dataset.relationships))
    assert forward[frozenset(("zhang-fan", "zhang-fan-hk"))].id_a == "zhang-fan"
    backward = candidates(list(dataset.nodes.values())[::-1], dataset.relationships)
    pair = by_pair(backward)[frozenset(("zhang-fan", "zhang-fan-hk"))]
    assert (pair.id_a, pair.id_b) == ("zhang-fan-hk", "zhang-fan")
    assert (pair.name_a, pair.name_b) == ("張帆", "张帆")
    order = {n.id: k for k, n in enumerate(reversed(list(dataset.nodes.values())))}
    assert all(order[c.id_a] < order[c.id_b] for c in backward)


def test_best_first_then_ids(all_cands):
    keys = [(-c.score, c.id_a, c.id_b) for c in all_cands]
    assert keys == sorted(keys)


def test_exclude_drops_decided_pairs(dataset):
    decided = {frozenset(("zhang-fan", "zhang-fan-hk")), frozenset(("zhipu", "zhipu-2"))}
    cands = candidates(dataset.nodes, dataset.relationships, exclude=decided)
    got = set(by_pair(cands))
    assert not got & decided
    assert got == set(by_pair(candidates(dataset.nodes, dataset.relationships))) - decided


def test_unnamed_and_event_nodes_are_skipped():
    nodes = [
        person("a", "张帆"),
        person("b", "张帆", unnamed=True),
        Node(id="ev", kind="Event", name="张帆"),
        person("c", "張帆"),
    ]
    cands = candidates(nodes, min_score=0)
    assert [(c.id_a, c.id_b) for c in cands] == [("a", "c")]


def test_shared_employer_raises_a_same_name_pair():
    nodes = [
        person("a1", "Ann Wu"),
        person("a2", "Ann Wu"),
        person("b1", "Bo Li"),
        person("b2", "Bo Li"),
        person("c1", "Cy Ho"),
        person("c2", "Cy Ho"),
        org("x", "Xeno Labs"),
        org("y", "Yarrow Capital", kind="Investor"),
    ]
    rels = [
        job("a1", "x", "2018", "2022"),
        job("a2", "x", "2020", None, type="JOINED"),  # overlaps
        job("c1", "x", "2010", "2012"),
        job("c2", "y", "2019"),  # c1 and c2: different employers
    ]
    found = by_pair(candidates(nodes, rels, min_score=0))
    shared = found[frozenset(("a1", "a2"))]
    nothing = found[frozenset(("b1", "b2"))]
    elsewhere = found[frozenset(("c1", "c2"))]
    assert shared.score == round(sigmoid(logit(0.75) + 1.0), 3) == 0.891
    assert nothing.score == 0.75
    assert elsewhere.score == 0.525
    assert shared.score > nothing.score > elsewhere.score
    assert shared.reasons[-1] == "both worked at x, overlapping dates"


def test_employer_evidence_never_makes_a_pair_alone():
    nodes = [person("a", "张阔"), person("b", "张帆"), org("x", "Xeno Labs")]
    rels = [job("a", "x", "2019-03", "2023-06"), job("b", "x", "2019-03", "2023-06")]
    assert candidates(nodes, rels, min_score=0) == []


def test_write_candidates(tmp_path, all_cands):
    path = tmp_path / "candidates.csv"
    write_candidates(all_cands, path)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == COLUMNS == ("id_a", "id_b", "name_a", "name_b", "score", "reasons", "decision")
    body = rows[1:]
    assert len(body) == len(all_cands)
    assert all(r[6] == "" for r in body)
    assert [float(r[4]) for r in body] == sorted((float(r[4]) for r in body), reverse=True)
    first = all_cands[0]
    assert body[0] == [
        first.id_a,
        first.id_b,
        first.name_a,
        first.name_b,
        f"{first.score:.3f}",
        "; ".join(first.reasons),
        "",
    ]
    assert all(len(r[4].split(".")[1]) == 3 for r in body)
    assert "張帆" in path.read_text("utf-8")


# ------------------------------------------------------------------- properties
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁沈钟卢陆汪龚钱严"
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚华玉建文辉力斌宇浩凯鹏俊帆鑫博晨欣婷雪琳晶倩颖慧佳梅红云飞"
    "峰波亮宁东海国志春晓天思嘉雨欢毅睿航哲昊然轩泽铭瑞翔阳兰凤萍莉蕾燕薇婧琪璐瑶怡悦曦涵蓉露鸿坤炜骏锋"
    "健成德永新光发胜荣庆松岩冰立达安清诚远卓逸舟楠鹤振阔凡学家盛韬宏彤龙凤义礼乐书画云长开门风"
    "干后里面着台系谷余冲范征郁历斗只丑"  # characters whose conversion is not one-to-one
)
names = st.builds(
    lambda s, g: s + "".join(g),
    st.sampled_from(SURNAMES),
    st.lists(st.sampled_from(GIVEN), min_size=1, max_size=2),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(names, min_size=2, max_size=8, unique=True))
def test_traditional_form_pairs_with_the_simplified_and_scores_highest(some):
    t2s, s2t = resolve._converters()
    # distinct names: not one name in two scripts
    assume(len({t2s.convert(n) for n in some}) == len(some))
    trad = s2t.convert(some[0])
    nodes = [person(f"n{k}", n) for k, n in enumerate(some)] + [person("trad", trad)]
    cands = by_pair(candidates(nodes, min_score=0))
    pair = cands.get(frozenset(("n0", "trad")))
    assert pair is not None, (some, trad)
    assert pair.id_a == "n0"
    others = [c.score for key, c in cands.items() if "trad" not in key]
    assert all(pair.score >= s for s in others), (some, trad, cands)


def test_blocking_scores_far_fewer_pairs_than_all(tmp_path):
    from bench_resolve import generate

    nodes, rels, truth = generate(2000, seed=3)
    stats: dict = {}
    cands = candidates(nodes, rels, min_score=0, stats=stats)
    n = len(nodes)
    assert stats["nodes"] == n
    assert stats["pairs_scored"] < n * (n - 1) / 2 / 100
    assert len(cands) <= stats["pairs_scored"]
    # every pair returned shares a block key
    feats = {f.id: f for f in (resolve._features(x, k, ()) for k, x in enumerate(nodes))}
    keys = {i: set().union(*resolve._keys(f)) for i, f in feats.items()}
    assert all(keys[c.id_a] & keys[c.id_b] for c in cands)
    # and the planted duplicates are found
    found = set(by_pair(cands))
    assert len(found & set(truth)) / len(truth) >= 0.95


def test_huge_blocks_are_compared_by_sorted_neighbourhood():
    n = resolve.MAX_BLOCK + 200
    nodes = [person(f"w{k}", "王伟") for k in range(n)]
    stats: dict = {}
    cands = candidates(nodes, min_score=0, stats=stats)
    assert stats["windowed_blocks"] >= 1
    assert stats["pairs_scored"] <= n * resolve.WINDOW
    assert len(cands) == stats["pairs_scored"]
    # a neighbour within the window is still found
    assert frozenset(("w0", "w1")) in by_pair(cands)


def test_all_pairs_in_a_small_block():
    nodes = [person(f"p{k}", "李娜") for k in range(5)]
    got = {(c.id_a, c.id_b) for c in candidates(nodes, min_score=0)}
    assert got == {(f"p{a}", f"p{b}") for a, b in combinations(range(5), 2)}
