"""graphkit.extract: drafting rows from an article (lexicon, entities, extract, write_draft).

Expectations are worked out by hand from the sentences themselves: the seed article
(published 2025-06-16, so 今年1月 = 2025-01, 本月 = 2025-06) and small articles of
invented people and companies.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import time

import pytest
from helpers import DATA, SEED

from graphkit.extract import lexicon as lx
from graphkit.extract.entities import Gazetteer, find_mentions, slug
from graphkit.extract.extract import Draft, columns, extract, write_draft
from graphkit.ingest.validate import check

SEED_ARTICLE = (SEED / "000_e7104e947feaa275.txt").read_text(encoding="utf-8")
PUBLISHED = dt.date(2025, 6, 16)
SOURCE = "zhidx-2025-06-16"
ZHIPU = "以智谱为例,首席战略官张阔、副总裁曲滕于今年1月离职,首席运营官张帆也于本月离职。"
NOVA = (
    "Nova Labs' chief technology officer Mia Chen left the company last month to start her own venture, "
    "backed by Orbit Capital."
)


@pytest.fixture(scope="module")
def known(tmp_path_factory) -> Gazetteer:
    """A --known folder with only people.csv and organisations.csv (no relationships.csv)."""
    folder = tmp_path_factory.mktemp("known")
    for name in ("people.csv", "organisations.csv"):
        shutil.copy(DATA / name, folder / name)
    return Gazetteer.from_folders([folder])


@pytest.fixture(scope="module")
def warm(known) -> Draft:
    return extract(SEED_ARTICLE, PUBLISHED, source_id=SOURCE, known=known)


@pytest.fixture(scope="module")
def cold() -> Draft:
    return extract(SEED_ARTICLE, PUBLISHED, source_id=SOURCE)


def rels(draft: Draft, evidence: str | None = None, **where) -> list[dict[str, str]]:
    out = [r for r in draft.relationships if evidence is None or r["evidence"] == evidence]
    return [r for r in out if all(r[k] == v for k, v in where.items())]


def names(draft: Draft) -> dict[str, str]:
    return {row["id"]: row["name"] for row in [*draft.people, *draft.organisations]}


def fact(draft: Draft, r: dict[str, str]) -> tuple[str, str, str]:
    n = names(draft)
    return (r["type"], n[r["from"]], n[r["to"]])


def read_csv(path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def sentence_with(article: str, words: str) -> str:
    at = article.index(words)
    start = max(article.rfind(c, 0, at) for c in "。\n") + 1
    return article[start : article.index("。", at) + 1]


# ------------------------------------------------------------------ the seed, warm
def test_headline_sentence_warm(warm):
    rows = rels(warm, ZHIPU)
    got = {(r["type"], r["from"], r["to"], r["end"], r["role"]) for r in rows}
    assert got == {
        ("WORKED_AT", "zhang-kuo", "zhipu", "2025-01", "首席战略官"),
        ("WORKED_AT", "qu-teng", "zhipu", "2025-01", "副总裁"),
        ("WORKED_AT", "zhang-fan", "zhipu", "2025-06", "首席运营官"),
    }
    zhang_fan = next(r for r in rows if r["from"] == "zhang-fan")
    assert zhang_fan["role_en"] == "Chief operating officer"
    assert zhang_fan["role_category"] == "executive;commercial"
    assert zhang_fan["status"] == "confirmed" and zhang_fan["sources"] == SOURCE
    assert "known" in zhang_fan["flags"].split(";")
    assert "ambiguous_date" not in zhang_fan["flags"]


def test_counted_people_one_unnamed(warm):
    """零一万物则有3位核心高管离职,包括联合创始人谷雪梅和戴宗宏: three departures, one unnamed."""
    rows = rels(warm, "零一万物则有3位核心高管离职,包括联合创始人谷雪梅和戴宗宏。", type="WORKED_AT")
    assert all(r["to"] == "01ai" for r in rows)
    people = {p["id"]: p for p in warm.people}
    named = sorted(r["from"] for r in rows if people[r["from"]]["unnamed"] != "true")
    unnamed = [r for r in rows if people[r["from"]]["unnamed"] == "true"]
    assert named == ["dai-zonghong", "gu-xuemei"]
    assert len(unnamed) == 1
    assert people[unnamed[0]["from"]]["name"] == "零一万物第3位离职高管（未具名）"
    assert "unnamed" in unnamed[0]["flags"].split(";")
    # no date in the sentence: the publication date as the latest, flagged
    assert {r["end"] for r in rows} == {"../2025-06-16"}
    assert all("ambiguous_date" in r["flags"].split(";") for r in rows)


def test_wang_guan_and_two_colleagues(warm):
    """王冠等三位…被曝离职创业: 王冠 and two unnamed colleagues left 月之暗面 and founded one venture."""
    evidence = sentence_with(SEED_ARTICLE, "王冠等三位")
    rows = rels(warm, evidence)
    worked = rels(warm, evidence, type="WORKED_AT", to="moonshot")
    founded = rels(warm, evidence, type="FOUNDED")
    assert len(worked) == 3 and len(founded) == 3
    assert {r["end"] for r in worked} == {"2024-11"}
    assert {r["status"] for r in worked + founded} == {"reported"}  # 被曝
    assert len({r["to"] for r in founded}) == 1  # one shared venture
    venture = next(o for o in warm.organisations if o["id"] == founded[0]["to"])
    assert venture["kind"] == "Startup" and venture["unnamed"] == "true"
    assert {r["from"] for r in founded} == {r["from"] for r in worked}
    # the recruiting attempt in the same sentence
    approached = [r for r in rows if r["type"] == "APPROACHED"]
    assert [(r["from"], r["to"], r["start"], r["status"]) for r in approached] == [
        ("xiaomi", "luo-fuli", "2024-12~", "attempted")
    ]


def test_ventures_and_their_investors(warm):
    evidence = sentence_with(SEED_ARTICLE, "在创新工场支持下")
    rows = rels(warm, evidence)
    founded = {r["from"]: r for r in rows if r["type"] == "FOUNDED"}
    invested = {r["from"]: r for r in rows if r["type"] == "INVESTED_IN"}
    assert set(founded) == {"dai-zonghong", "zhang-fan"}
    assert set(invested) == {"sinovation", "zhipu"}
    assert invested["sinovation"]["to"] == founded["dai-zonghong"]["to"]  # 在创新工场支持下再次创业
    assert invested["zhipu"]["to"] == founded["zhang-fan"]["to"]  # "老东家"智谱的投资支持
    assert founded["zhang-fan"]["start"] == "2025-06"  # founded after leaving in 2025-06


def test_background_membership_and_events(warm):
    sogou = rels(warm, type="WORKED_AT", to="sogou")
    assert sorted(r["from"] for r in sogou) == [
        "chen-weipeng",
        "deng-jiang",
        "hong-tao",
        "jiao-ke",
        "li-shizheng",
    ]
    assert {(r["status"], r["start"], r["end"]) for r in sogou} == {("reported", "", "")}
    baichuan = rels(warm, sentence_with(SEED_ARTICLE, "搜狗系"), type="WORKED_AT", to="baichuan")
    assert {r["end"] for r in baichuan} == {"2024-12/2025-06"}  # 过去半年
    members = rels(warm, type="MEMBER_OF")
    assert sorted(r["from"] for r in members) == ["01ai", "baichuan", "minimax", "stepfun", "zhipu"]
    assert {r["to"] for r in members} == {"six-tigers"}
    events = {e["org"]: e for e in warm.events}
    assert set(events) == {"01ai", "baichuan"}
    assert events["01ai"]["date"] == "2024-36"  # 去年第四季度
    assert events["baichuan"]["status"] == "reported"  # 据报道
    assert "coreference" in events["01ai"]["flags"].split(";")  # 该公司


def test_join_after_departure(warm):
    evidence = sentence_with(SEED_ARTICLE, "段楠")
    got = {(r["type"], r["from"], r["to"]) for r in rels(warm, evidence)}
    assert got == {("WORKED_AT", "duan-nan", "stepfun"), ("JOINED", "duan-nan", "jd")}
    joined = rels(warm, evidence, type="JOINED")[0]
    assert joined["start"] == ""  # no date in the sentence: graphkit dates it by the move


def test_known_entities_are_copied_with_the_draft_source(warm):
    people = {p["id"]: p for p in warm.people}
    assert people["zhang-fan"]["name"] == "张帆" and people["zhang-fan"]["name_en"] == "Zhang Fan"
    assert people["zhang-fan"]["flags"] == "known"
    assert people["luo-fuli"]["sources"] == SOURCE  # its own row says zhihu-2025-06-16: not in this draft
    orgs = {o["id"]: o for o in warm.organisations}
    assert orgs["sinovation"]["kind"] == "Investor" and orgs["six-tigers"]["kind"] == "Group"


# ---------------------------------------------------------------- the seed, cold
def test_headline_sentence_cold(cold):
    rows = rels(cold, ZHIPU)
    got = {(fact(cold, r), r["end"], r["role"]) for r in rows}
    assert got == {
        (("WORKED_AT", "张阔", "智谱"), "2025-01", "首席战略官"),
        (("WORKED_AT", "曲滕", "智谱"), "2025-01", "副总裁"),
        (("WORKED_AT", "张帆", "智谱"), "2025-06", "首席运营官"),
    }
    ids = {r["from"] for r in rows}
    assert ids == {"zhang-kuo", "qu-teng", "zhang-fan"}  # pinyin ids
    assert all("new_entity" in r["flags"].split(";") for r in rows)


def test_cold_finds_new_organisations(cold):
    orgs = {o["name"]: o for o in cold.organisations}
    for name in ("智谱", "零一万物", "百川智能", "阶跃星辰", "月之暗面", "小米", "京东", "搜狗", "创新工场"):
        assert name in orgs, name
    assert orgs["创新工场"]["kind"] == "Investor"
    assert all(o["flags"] in ("new_entity", "unnamed") for o in orgs.values())


def test_confidence_is_higher_when_known(cold, warm):
    def conf(draft: Draft) -> float:
        return float(rels(draft, ZHIPU)[0]["confidence"])

    assert 0 < conf(cold) < conf(warm) <= 1


# ------------------------------------------------------------- every row, spans
@pytest.mark.parametrize("which", ["cold", "warm"])
def test_evidence_is_verbatim_and_spans_point_at_it(which, request):
    draft: Draft = request.getfixturevalue(which)
    rows = [*draft.relationships, *draft.events]
    assert rows
    for r in rows:
        start, _, end = r["span"].partition("-")
        assert SEED_ARTICLE[int(start) : int(end)] == r["evidence"]
        assert r["sources"] == SOURCE
        assert 0 < float(r["confidence"]) <= 1
        assert set(filter(None, r["flags"].split(";"))) <= {
            "new_entity", "ambiguous_date", "ambiguous_person", "inferred_org", "unnamed", "coreference", "known",
        }  # fmt: skip
    for node in [*draft.people, *draft.organisations]:
        start, _, end = node["span"].partition("-")
        assert int(start) < int(end) <= len(SEED_ARTICLE)
        if node["unnamed"] != "true":
            assert node["name"] in SEED_ARTICLE[int(start) : int(end)] or node["flags"] == "known"


@pytest.mark.parametrize("which", ["cold", "warm"])
def test_no_duplicate_rows_and_article_order(which, request):
    draft: Draft = request.getfixturevalue(which)
    keys = [(r["type"], r["from"], r["to"], r["role"], r["start"], r["end"]) for r in draft.relationships]
    assert len(keys) == len(set(keys))
    starts = [int(r["span"].split("-")[0]) for r in draft.relationships]
    assert starts == sorted(starts)


def test_the_seeds_sentences_give_their_spans(warm):
    at = SEED_ARTICLE.index(ZHIPU)
    assert {r["span"] for r in rels(warm, ZHIPU)} == {f"{at}-{at + len(ZHIPU)}"}


def test_html_is_kept_literally(tmp_path, known):
    article = (
        '<p class="lead">据报道,智谱首席运营官张帆已于本月离职。</p>\n'
        '<script>alert("x")</script> 零一万物联合创始人谷雪梅也已离职,"<b>"仍在其中。\n'
    )
    draft = extract(article, PUBLISHED, source_id="s", known=known)
    rows = draft.relationships
    assert {(r["from"], r["to"]) for r in rows} >= {("zhang-fan", "zhipu"), ("gu-xuemei", "01ai")}
    for r in rows:
        start, _, end = r["span"].partition("-")
        assert article[int(start) : int(end)] == r["evidence"]
    assert any(r["evidence"].startswith('<p class="lead">') for r in rows)
    assert any('<script>alert("x")</script>' in r["evidence"] for r in rows)
    write_draft(draft, tmp_path)
    back = read_csv(tmp_path / "relationships.csv")
    assert [r["evidence"] for r in back] == [r["evidence"] for r in rows]  # quoted, not escaped


# ----------------------------------------------------------------- English
def test_english_mini_article():
    draft = extract(NOVA, PUBLISHED, source_id="s")
    assert draft.language == "en"
    got = {fact(draft, r): r for r in draft.relationships}
    worked = got[("WORKED_AT", "Mia Chen", "Nova Labs")]
    assert worked["from"] == "mia-chen" and worked["to"] == "nova-labs"
    assert worked["end"] == "2025-05"  # last month
    assert worked["role"] == "chief technology officer" and worked["role_en"] == "Chief technology officer"
    assert worked["role_category"] == "executive;technical"
    venture_name = "Mia Chen's venture (unnamed)"
    founded = got[("FOUNDED", "Mia Chen", venture_name)]
    assert founded["start"] == "2025-05"
    invested = got[("INVESTED_IN", "Orbit Capital", venture_name)]
    assert invested["to"] == founded["to"]
    assert len(draft.relationships) == 3
    kinds = {o["name"]: o["kind"] for o in draft.organisations}
    assert kinds == {"Nova Labs": "Company", venture_name: "Startup", "Orbit Capital": "Investor"}
    venture = next(o for o in draft.organisations if o["name"] == venture_name)
    assert venture["unnamed"] == "true" and "unnamed" in venture["flags"]


def test_english_coreference_and_a_recruiting_attempt():
    article = (
        "Arclight Robotics confirmed that its chief executive, Daniel Ortiz, stepped down in March.\n"
        "Last fall, Veridian Systems tried to poach him with a large offer.\n"
        "Ortiz co-founded Quillmark with two colleagues.\n"
    )
    draft = extract(article, PUBLISHED, source_id="s")
    got = {fact(draft, r): r for r in draft.relationships}
    assert got[("WORKED_AT", "Daniel Ortiz", "Arclight Robotics")]["end"] == "2025-03"
    approached = got[("APPROACHED", "Veridian Systems", "Daniel Ortiz")]
    assert approached["status"] == "attempted" and "coreference" in approached["flags"]
    assert ("FOUNDED", "Daniel Ortiz", "Quillmark") in got  # "Ortiz": the surname of the one Daniel Ortiz
    colleagues = [r for r in draft.relationships if r["type"] == "FOUNDED" and r["from"] != "daniel-ortiz"]
    assert len(colleagues) == 2 and {r["to"] for r in colleagues} == {"quillmark"}


def test_an_ambiguous_pronoun_gives_no_row():
    article = "张伟和李娜都曾在星河智能任职。他已于今年3月离职。"
    draft = extract(article, PUBLISHED, source_id="s", lang="zh")
    assert draft.relationships == []


# --------------------------------------------------------------- edge cases
@pytest.mark.parametrize("article", ["", "   \n\n  "])
def test_empty_input_gives_no_rows(article):
    draft = extract(article, PUBLISHED, source_id="s")
    assert draft.relationships == [] and draft.people == [] and draft.organisations == []
    assert draft.events == []
    assert [s["id"] for s in draft.sources] == ["s"]


def test_a_megabyte_in_under_30_seconds():
    article = (SEED_ARTICLE + "\n") * (1_000_000 // len(SEED_ARTICLE.encode()) + 1)
    assert len(article.encode()) >= 1_000_000
    t0 = time.perf_counter()
    draft = extract(article, PUBLISHED, source_id=SOURCE)
    assert time.perf_counter() - t0 < 30
    assert draft.relationships


# ------------------------------------------------------------ write and check
@pytest.mark.parametrize("which", ["cold", "warm"])
def test_written_draft_validates(which, request, tmp_path):
    draft: Draft = request.getfixturevalue(which)
    paths = write_draft(draft, tmp_path)
    assert {p.name for p in paths} == {
        "sources.csv", "people.csv", "organisations.csv", "relationships.csv", "events.csv",
    }  # fmt: skip
    dataset, issues = check(tmp_path)
    assert dataset is not None
    assert [str(i) for i in issues if i.severity == "error"] == []
    header = (tmp_path / "relationships.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == columns("relationships.csv") and header[-3:] == ["confidence", "flags", "span"]
    sources = read_csv(tmp_path / "sources.csv")
    assert sources[0]["publisher"] == "(unknown)" and sources[0]["published"] == "2025-06-16"
    assert sources[0]["title"] == SEED_ARTICLE.splitlines()[0][:200]


def test_english_draft_validates(tmp_path):
    write_draft(extract(NOVA, PUBLISHED, source_id="s", title="Nova Labs"), tmp_path)
    dataset, issues = check(tmp_path)
    assert dataset is not None and not [i for i in issues if i.severity == "error"]
    assert not (tmp_path / "events.csv").exists()
    assert read_csv(tmp_path / "sources.csv")[0]["title"] == "Nova Labs"


# ------------------------------------------------------------ the building blocks
def test_gazetteer_matches_longest_names_and_latin_in_any_case(known):
    text = "百川智能与minimax以及Moonshot AI的消息"
    found = [(s, e, ent.id) for s, e, ent in known.matches(text)]
    assert [f[2] for f in found] == ["baichuan", "minimax", "moonshot"]  # 百川智能, not 百川
    assert text[found[0][0] : found[0][1]] == "百川智能"


def test_mentions_new_names_by_role_and_list():
    found = find_mentions("首席运营官张帆也于本月离职,洪涛、焦可、李施政等三人", "zh", Gazetteer())
    assert [(m.text, m.entity.kind) for m in found] == [
        ("张帆", "Person"), ("洪涛", "Person"), ("焦可", "Person"), ("李施政", "Person"),
    ]  # fmt: skip


def test_slugs():
    assert slug("张帆", person=True) == "zhang-fan"
    assert slug("欧阳娜娜", person=True) == "ouyang-nana"
    assert slug("Nova Labs", person=False) == "nova-labs"
    assert slug("星耀智能", person=False) == "xingyao-zhineng"


def test_lexicon():
    assert lx.parse_number("三") == 3 and lx.parse_number("十二") == 12 and lx.parse_number("两") == 2
    assert lx.parse_number("two") == 2 and lx.parse_number("7") == 7 and lx.parse_number("几") is None
    assert lx.lookup_role("商业化合伙人", "zh").categories == ("commercial", "executive")
    assert [r.role_en for r in lx.roles_in("联合创始人、技术副总裁", "zh")] == [
        "Co-founder",
        "VP of technology",
    ]
    assert lx.lookup_role("Chief Technology Officer", "en").role_en == "Chief technology officer"
    assert lx.role_pattern("zh").search("视频生成模型负责人段楠").group() == "视频生成模型负责人"


# ------------------------------------------------- clause rules (graphkit.extract.clauses)
# Invented articles, published 2025-06-16; every expected row worked out by hand.
def facts(draft: Draft) -> dict[tuple[str, str, str], dict[str, str]]:
    return {fact(draft, r): r for r in draft.relationships}


def test_they_are_the_people_just_named_and_a_companion_with_a_background():
    article = (
        "Ada Brandt, Velloc AI's head of product, and Tom Okafor, who ran its data team, both left the "
        "company last month.\n"
        "Within weeks they had started Quarry Labs, which builds evaluation tools, together with a "
        "second co-founder, a former Velloc researcher.\n"
    )
    draft = extract(article, PUBLISHED, source_id="s")
    got = facts(draft)
    # "A, X's head of product, and B ... both left": both left, in May 2025
    assert got[("WORKED_AT", "Ada Brandt", "Velloc AI")]["end"] == "2025-05"
    assert got[("WORKED_AT", "Ada Brandt", "Velloc AI")]["role"] == "head of product"
    assert got[("WORKED_AT", "Tom Okafor", "Velloc AI")]["end"] == "2025-05"
    assert got[("WORKED_AT", "Tom Okafor", "Velloc AI")]["role"] == ""  # not Ada's role
    # "they" = Ada Brandt and Tom Okafor; the founding takes their departure's date
    for who in ("Ada Brandt", "Tom Okafor"):
        row = got[("FOUNDED", who, "Quarry Labs")]
        assert row["start"] == "2025-05" and "coreference" in row["flags"]
    # "together with a second co-founder, a former Velloc researcher": one unnamed co-founder
    companion = "Ada Brandt's colleague A (unnamed)"
    assert got[("FOUNDED", companion, "Quarry Labs")]["role"] == "co-founder"
    assert got[("WORKED_AT", companion, "Velloc AI")]["role"] == "researcher"
    assert len(draft.relationships) == 6


def test_the_following_month_and_started_at():
    article = "Lena Ruiz, the chief scientist of Morrow AI, left the company in March and started at Kelby Systems the following month as vice president of research."
    draft = extract(article, PUBLISHED, source_id="s")
    got = facts(draft)
    assert got[("WORKED_AT", "Lena Ruiz", "Morrow AI")]["end"] == "2025-03"
    joined = got[("JOINED", "Lena Ruiz", "Kelby Systems")]
    assert joined["start"] == "2025-04"  # the month after March 2025
    assert joined["role"] == "vice president of research"
    assert len(draft.relationships) == 2


def test_relative_dates_resolve_against_the_sentences_date():
    from graphkit.extract.clauses import resolve_relative, shift
    from graphkit.extract.dates import find_dates

    assert shift("2024-12", "month", 1) == "2025-01"
    assert shift("2025-03~", "month", 0) == "2025-03"
    assert shift("2024", "year", 1) == "2025"
    assert shift("2024", "month", 1) is None  # no month to move
    text = "周某已于上个月离职，并在同月创办了新公司。"
    got = resolve_relative(find_dates(text, PUBLISHED, "zh"), text, "zh")
    assert [(d.text, d.edtf) for d in got] == [("上个月", "2025-05"), ("同月", "2025-05")]
    alone = "He joined the following month."
    assert [d.edtf for d in resolve_relative(find_dates(alone, PUBLISHED, "en"), alone, "en")] == [""]


def test_an_organisation_that_lost_someone():
    article = (
        "Ortiz led the research team, and earlier this year Brannock AI also lost its head of sales, "
        "Ben Osei, who has not said where he is going next.\n"
        "Brannock lost ground to rivals in May.\n"
    )
    draft = extract(article, PUBLISHED, source_id="s")
    got = facts(draft)
    row = got[("WORKED_AT", "Ben Osei", "Brannock AI")]
    assert row["end"] == "2025" and row["role"] == "head of sales"  # dates: "earlier this year" = 2025
    assert len(draft.relationships) == 1  # "lost ground" is no one's exit


def test_recruiting_target_with_a_possessive_role_and_a_group_named_with_a_count():
    article = (
        "Corrin is one of the so-called Harbor Five, the labs that raised the most money.\n"
        "Late last year Tallis Group approached Maya Fenn, Corrin's co-founder and chief executive, "
        "but she turned the offer down.\n"
    )
    draft = extract(article, PUBLISHED, source_id="s")
    got = facts(draft)
    assert ("MEMBER_OF", "Corrin", "Harbor Five") in got
    assert got[("APPROACHED", "Tallis Group", "Maya Fenn")]["start"] == "2024-12~"
    worked = got[("WORKED_AT", "Maya Fenn", "Corrin")]
    assert worked["role"] == "co-founder and chief executive" and worked["end"] == ""
    assert len(draft.relationships) == 3


def test_reported_clause_investor_the_start_up_and_quoted_people():
    article = (
        "Kai Moreno and Ivy Tran left Bellwether AI in May to found Sable Labs.\n"
        "The start-up said on Monday that Northgate Ventures had led its seed round.\n"
        "Bellwether did not take part in the round, said Omar Diaz, Bellwether AI's chief executive.\n"
        '"Agents need testing," said Rosa Lind, an analyst at Pemberton Research.\n'
        "Nina Park, a sales director at Fallow, will join the start-up as head of sales.\n"
    )
    draft = extract(article, PUBLISHED, source_id="s")
    got = facts(draft)
    for who in ("Kai Moreno", "Ivy Tran"):
        assert got[("WORKED_AT", who, "Bellwether AI")]["end"] == "2025-05"
        assert got[("FOUNDED", who, "Sable Labs")]["start"] == "2025-05"
    # the subject of "that ... had led", not "The start-up"
    assert got[("INVESTED_IN", "Northgate Ventures", "Sable Labs")]["start"] == "2025-05"
    # "did not take part": no investment; the speaker's current role is a row, undated
    assert ("INVESTED_IN", "Bellwether AI", "Sable Labs") not in got
    assert got[("WORKED_AT", "Omar Diaz", "Bellwether AI")]["end"] == ""
    # an analyst at a research firm makes no move
    assert not [k for k in got if "Rosa Lind" in k]
    # "join the start-up": the article's venture; the stint at Fallow ends
    assert got[("JOINED", "Nina Park", "Sable Labs")]["role"] == "head of sales"
    assert got[("WORKED_AT", "Nina Park", "Fallow")]["role"] == "sales director"
    assert len(draft.relationships) == 8


def test_chinese_besides_unnamed_after_the_cue_and_noun_departures():
    article = (
        "今年初，技术副总裁罗毅离开星澜智能，转投云鹊集团。"
        "除罗毅外，过去半年离开的还有一位负责海外市场的副总裁，公司未披露其姓名。"
        "此外，语音负责人许清也已从星澜智能离职，但公司未披露其具体离职时间。"
        "星澜智能创始人兼CEO江海表示，核心团队依然完整。"
        "知行咨询合伙人韩松认为，人才流动会更频繁。"
    )
    draft = extract(article, PUBLISHED, source_id="s", lang="zh")
    got = facts(draft)
    assert got[("WORKED_AT", "罗毅", "星澜智能")]["end"] == "2025-01~"
    assert ("JOINED", "罗毅", "云鹊集团") in got
    # 除罗毅外: not his departure again; one unnamed vice president instead
    assert [r["end"] for r in rels(draft, type="WORKED_AT", **{"from": "luo-yi"})] == ["2025-01~"]
    vp = got[("WORKED_AT", "星澜智能第1位离职高管（未具名）", "星澜智能")]
    assert vp["role"] == "负责海外市场的副总裁" and vp["end"] == "2024-12/2025-06"
    # 离职时间 is a noun: one departure, to 星澜智能 only
    assert [fact(draft, r)[2] for r in rels(draft, **{"from": "xu-qing"})] == ["星澜智能"]
    # the founder's current role; an adviser at a consultancy makes no move
    assert got[("WORKED_AT", "江海", "星澜智能")]["role"] == "创始人兼CEO"
    assert not [k for k in got if "韩松" in k]
    assert len(draft.relationships) == 5


def test_chinese_pair_pronoun_named_venture_after_a_descriptor_and_xiaoqiang_groups():
    article = (
        "启辰科技是业内所谓“大模型六小强”之一。"
        "8月初，启辰科技模型负责人潘越正式转投蓝港云。与潘越一同离开的还有两名算法工程师，二人也已加入蓝港云。"
        "今年3月，启辰科技原首席运营官白素离职创业，创办了企业服务公司知序数据，并获得了星海创投的天使投资。"
    )
    draft = extract(article, dt.date(2025, 8, 8), source_id="s", lang="zh")
    got = facts(draft)
    assert ("MEMBER_OF", "启辰科技", "大模型六小强") in got
    colleagues = [f for f in got if f[0] == "JOINED" and f[1].startswith("潘越的同事")]
    assert sorted(colleagues) == [
        ("JOINED", "潘越的同事乙（未具名）", "蓝港云"),
        ("JOINED", "潘越的同事甲（未具名）", "蓝港云"),
    ]
    assert got[("FOUNDED", "白素", "知序数据")]["start"] == "2025-03"  # not an unnamed venture
    assert got[("INVESTED_IN", "星海创投", "知序数据")]["start"] == "2025-03"
    assert not [f for f in got if "未具名" in f[2]]


def test_a_short_name_shared_with_a_venture_arm_is_the_company():
    article = (
        "Two former Quorra Systems engineers left Quorra in May to found Pike Labs.\n"
        "Quorra Ventures, the venture arm of Quorra Systems, also took part in the round led by Hollis Capital.\n"
    )
    draft = extract(article, PUBLISHED, source_id="s")
    orgs = {o["name"]: o for o in draft.organisations}
    assert "Quorra" not in orgs  # "Quorra" is Quorra Systems' short name, not a third organisation
