"""graphkit.extract.dates: date expressions resolved against the publication date.

Every expected value below is worked out by hand from the rule: resolve against the
publication date and never make a date more precise than the text.
"""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.extract.dates import AMBIGUOUS, FUTURE, DateMention, find_dates, resolve
from graphkit.extract.text import read_article, sentences
from graphkit.schema import dates

P = dt.date(2025, 6, 16)  # the seed article's publication day (a Monday)
A = (AMBIGUOUS,)
F = (FUTURE,)

# ------------------------------------------------------------------ the required table
ZH_TABLE = [
    ("今年1月", "2025-01", ()),
    ("1月", "2025-01", ()),
    ("今年1月份", "2025-01", ()),
    ("1月份", "2025-01", ()),
    ("6月", "2025-06", ()),  # the publication month itself
    ("7月", "2024-07", A),  # after the publication month: last year, flagged
    ("十二月", "2024-12", A),
    ("本月", "2025-06", ()),
    ("这个月", "2025-06", ()),
    ("当月", "2025-06", ()),
    ("上个月", "2025-05", ()),
    ("上月", "2025-05", ()),
    ("去年底", "2024-12~", ()),
    ("去年年底", "2024-12~", ()),
    ("去年初", "2024-01~", ()),
    ("去年年初", "2024-01~", ()),
    ("年初", "2025-01~", ()),
    ("今年年初", "2025-01~", ()),
    ("今年初", "2025-01~", ()),
    ("去年11月", "2024-11", ()),
    ("去年", "2024", ()),
    ("今年", "2025", ()),
    ("上半年", "2025-40", ()),
    ("今年上半年", "2025-40", ()),
    ("2025年上半年", "2025-40", ()),
    ("去年下半年", "2024-41", ()),
    ("下半年", "2024-41", A),  # published in H1: this year's second half has not begun
    ("今年下半年", "2025-41", F),  # said explicitly: the future
    ("去年第四季度", "2024-36", ()),
    ("去年四季度", "2024-36", ()),
    ("去年Q4", "2024-36", ()),
    ("第一季度", "2025-33", ()),
    ("一季度", "2025-33", ()),
    ("今年Q1", "2025-33", ()),
    ("过去半年", "2024-12/2025-06", ()),
    ("近半年", "2024-12/2025-06", ()),
    ("半年来", "2024-12/2025-06", ()),
    ("过去一年", "2024-06/2025-06", ()),
    ("近一年", "2024-06/2025-06", ()),
    ("2024年12月", "2024-12", ()),
    ("2023年4月10日", "2023-04-10", ()),
    ("2025年", "2025", ()),
    ("近日", "../2025-06-16", ()),
    ("日前", "../2025-06-16", ()),
    ("最近", "../2025-06-16", ()),
    ("此前", "../2025-06-16", A),
    ("之前", "../2025-06-16", A),
    ("早前", "../2025-06-16", A),
    ("6月中旬", "2025-06", ()),  # no day invented
    ("今年2月中旬", "2025-02", ()),
    ("五个月前", "2025-01~", ()),
    ("5个月前", "2025-01~", ()),
    ("三个月后", "", A),  # after what? unknown
]
EN_TABLE = [
    ("in January", "2025-01", ()),
    ("this January", "2025-01", ()),
    ("last month", "2025-05", ()),
    ("this month", "2025-06", ()),
    ("last July", "2024-07", ()),
    ("in July", "2024-07", A),  # after the publication month
    ("last year", "2024", ()),
    ("late last year", "2024-12~", ()),
    ("at the end of last year", "2024-12~", ()),
    ("early this year", "2025-01~", ()),
    ("in the first half", "2025-40", ()),
    ("in the first half of 2025", "2025-40", ()),
    ("H1 2025", "2025-40", ()),
    ("the fourth quarter of last year", "2024-36", ()),
    ("Q4 2024", "2024-36", ()),
    ("last quarter", "2025-33", ()),  # published in Q2
    ("in the fall", "2024-23", A),  # this fall has not come yet
    ("this fall", "2025-23", F),
    ("last fall", "2024-23", ()),
    ("this spring", "2025-21", ()),
    ("in the past six months", "2024-12/2025-06", ()),
    ("over the past half year", "2024-12/2025-06", ()),
    ("six months ago", "2024-12~", ()),
    ("6 months ago", "2024-12~", ()),
    ("six months later", "", A),
    ("two weeks later", "", A),
    ("June 2024", "2024-06", ()),
    ("in June 2024", "2024-06", ()),
    ("March 3, 2024", "2024-03-03", ()),
    ("3 March 2024", "2024-03-03", ()),
    ("in 2023", "2023", ()),
    ("recently", "../2025-06-16", ()),
    ("earlier this month", "2025-06", ()),
]
MORE_TABLE = [  # beyond the required table
    ("zh", "二〇二四年十二月", "2024-12", ()),
    ("zh", "十一月", "2024-11", A),
    ("zh", "两个月前", "2025-04~", ()),
    ("zh", "十个月前", "2024-08~", ()),
    ("zh", "十二个月前", "2024-06~", ()),
    ("zh", "半年前", "2024-12~", ()),
    ("zh", "三年前", "2022~", ()),  # years ago: the year, about
    ("zh", "三天前", "2025-06-13~", ()),
    ("zh", "两周前", "2025-06~", ()),  # 2025-06-02: only its month
    ("zh", "二十天前", "2025-05~", ()),  # 2025-05-27
    ("zh", "过去两年", "2023-06/2025-06", ()),
    ("zh", "近三个月", "2025-03/2025-06", ()),
    ("zh", "过去一周", "2025-06-09/2025-06-16", ()),
    ("zh", "近7天", "2025-06-09/2025-06-16", ()),
    ("zh", "过去一年多", "../2025-06-16", ()),  # more than a year: its start is unknown
    ("zh", "一年多前", "../2024", ()),
    ("zh", "几个月前", "../2025-06-16", ()),
    ("zh", "上季度", "2025-33", ()),
    ("zh", "本季度", "2025-34", ()),
    ("zh", "上周", "2025-06-09/2025-06-15", ()),
    ("zh", "昨天", "2025-06-15", ()),
    ("zh", "前年", "2023", ()),
    ("zh", "明年", "2026", F),
    ("zh", "下个月", "2025-07", F),
    ("zh", "2026年", "2026", F),
    ("zh", "6月16日", "2025-06-16", ()),
    ("zh", "6月20日", "2024-06-20", A),  # a day after publication: last year's
    ("zh", "2月30日", "", A),  # no such day
    ("zh", "2025年2月29日", "", A),
    ("zh", "同年3月", "", A),  # the same year as what?
    ("zh", "次年", "", A),
    ("zh", "年底", "2024-12~", A),
    ("zh", "秋季", "2024-23", A),
    ("zh", "去年秋天", "2024-23", ()),
    ("zh", "2024年第三季度", "2024-35", ()),
    ("zh", "2025年初", "2025-01~", ()),
    ("zh", "2025/6/16", "2025-06-16", ()),
    ("zh", "2024-12", "2024-12", ()),
    ("en", "next year", "2026", F),
    ("en", "later this year", "2025", F),
    ("en", "next month", "2025-07", F),
    ("en", "this December", "2025-12", F),
    ("en", "last June", "2024-06", ()),  # the publication month: last year's
    ("en", "last May", "2025-05", ()),
    ("en", "next July", "2025-07", F),
    ("en", "June 20", "2024-06-20", A),
    ("en", "on June 5", "2025-06-05", ()),
    ("en", "the 3rd of March", "2025-03-03", ()),
    ("en", "late 2024", "2024-12~", ()),
    ("en", "early 2024", "2024-01~", ()),
    ("en", "mid-2024", "2024", ()),
    ("en", "the end of 2024", "2024-12~", ()),
    ("en", "since 2023", "2023", ()),
    ("en", "late June", "2025-06", ()),
    ("en", "June last year", "2024-06", ()),
    ("en", "the second half of last year", "2024-41", ()),
    ("en", "in the second half", "2024-41", A),
    ("en", "2025 H1", "2025-40", ()),
    ("en", "the third quarter of 2024", "2024-35", ()),
    ("en", "2024Q4", "2024-36", ()),
    ("en", "Q1", "2025-33", ()),
    ("en", "in Q3", "2024-35", A),
    ("en", "this quarter", "2025-34", ()),
    ("en", "next quarter", "2025-35", F),
    ("en", "last summer", "2024-22", ()),  # P is in summer: the one before
    ("en", "last spring", "2025-21", ()),
    ("en", "the summer of 2024", "2024-22", ()),
    ("en", "spring 2023", "2023-21", ()),
    ("en", "the past year", "2024-06/2025-06", ()),
    ("en", "in the past two years", "2023-06/2025-06", ()),
    ("en", "over the past 12 months", "2024-06/2025-06", ()),
    ("en", "in the last two weeks", "2025-06-02/2025-06-16", ()),
    ("en", "a year ago", "2024~", ()),
    ("en", "two years ago", "2023~", ()),
    ("en", "half a year ago", "2024-12~", ()),
    ("en", "three weeks ago", "2025-05~", ()),  # 2025-05-26: only its month
    ("en", "two days ago", "2025-06-14~", ()),
    ("en", "a few months ago", "../2025-06-16", ()),
    ("en", "last week", "2025-06-09/2025-06-15", ()),
    ("en", "yesterday", "2025-06-15", ()),
    ("en", "in recent months", "../2025-06-16", ()),
    ("en", "previously", "../2025-06-16", A),
    ("en", "the following year", "", A),
    ("en", "a year later", "", A),
    ("en", "May", "", A),  # a bare "May" is not a date
    ("en", "the fall", "", A),
    ("en", "next week at noon", "", A),  # not one expression
]


@pytest.mark.parametrize(("expression", "edtf", "flags"), ZH_TABLE)
def test_resolve_chinese(expression, edtf, flags):
    assert resolve(expression, P, "zh") == (edtf, flags)


@pytest.mark.parametrize(("expression", "edtf", "flags"), EN_TABLE)
def test_resolve_english(expression, edtf, flags):
    assert resolve(expression, P, "en") == (edtf, flags)


@pytest.mark.parametrize(("lang", "expression", "edtf", "flags"), MORE_TABLE)
def test_resolve_more(lang, expression, edtf, flags):
    assert resolve(expression, P, lang) == (edtf, flags)


def test_second_half_published_in_the_second_half():
    assert resolve("下半年", dt.date(2025, 8, 1), "zh") == ("2025-41", ())
    assert resolve("in the second half", dt.date(2025, 8, 1), "en") == ("2025-41", ())


def test_resolve_tolerates_spaces_case_and_trailing_punctuation():
    assert resolve("  In  July. ", P, "en") == ("2024-07", A)
    assert resolve("LAST MONTH", P, "en") == ("2025-05", ())
    assert resolve("今年1月，", P, "zh") == ("2025-01", ())
    assert resolve("Jan. 5, 2024", P, "en") == ("2024-01-05", ())


def test_resolve_nothing():
    assert resolve("", P, "zh") == ("", A) == resolve("   ", P, "en")
    assert resolve("离职", P, "zh") == ("", A)


def test_resolve_reads_the_other_language_too():
    assert resolve("2024年12月", P, "en") == ("2024-12", ())
    assert resolve("last month", P, "zh") == ("2025-05", ())


# ------------------------------------------------------------------ boundaries
@pytest.mark.parametrize(
    ("published", "expression", "edtf", "flags"),
    [
        # published on January 1
        ("2025-01-01", "上个月", "2024-12", ()),
        ("2025-01-01", "本月", "2025-01", ()),
        ("2025-01-01", "1月", "2025-01", ()),
        ("2025-01-01", "2月", "2024-02", A),
        ("2025-01-01", "1月1日", "2025-01-01", ()),
        ("2025-01-01", "1月2日", "2024-01-02", A),
        ("2025-01-01", "年初", "2025-01~", ()),
        ("2025-01-01", "年底", "2024-12~", A),
        ("2025-01-01", "上半年", "2025-40", ()),
        ("2025-01-01", "下半年", "2024-41", A),
        ("2025-01-01", "过去半年", "2024-07/2025-01", ()),
        ("2025-01-01", "近一年", "2024-01/2025-01", ()),
        ("2025-01-01", "五个月前", "2024-08~", ()),
        ("2025-01-01", "上季度", "2024-36", ()),
        ("2025-01-01", "一季度", "2025-33", ()),
        ("2025-01-01", "last quarter", "2024-36", ()),
        ("2025-01-01", "in December", "2024-12", A),
        ("2025-01-01", "last December", "2024-12", ()),
        ("2025-01-01", "this winter", "2024-24", ()),  # the winter P is in began in 2024
        ("2025-01-01", "last fall", "2024-23", ()),
        ("2025-01-01", "yesterday", "2024-12-31", ()),
        ("2025-01-01", "last week", "2024-12-23/2024-12-29", ()),  # P is a Wednesday
        # published on December 31
        ("2025-12-31", "12月", "2025-12", ()),
        ("2025-12-31", "12月31日", "2025-12-31", ()),
        ("2025-12-31", "本月", "2025-12", ()),
        ("2025-12-31", "上个月", "2025-11", ()),
        ("2025-12-31", "下个月", "2026-01", F),
        ("2025-12-31", "年底", "2025-12~", ()),
        ("2025-12-31", "下半年", "2025-41", ()),
        ("2025-12-31", "第四季度", "2025-36", ()),
        ("2025-12-31", "冬季", "2025-24", ()),
        ("2025-12-31", "过去半年", "2025-06/2025-12", ()),
        ("2025-12-31", "近一年", "2024-12/2025-12", ()),
        ("2025-12-31", "明年", "2026", F),
        ("2025-12-31", "last quarter", "2025-35", ()),
        # the half-year boundary
        ("2025-06-30", "上半年", "2025-40", ()),
        ("2025-07-01", "上半年", "2025-40", ()),
        ("2025-06-30", "下半年", "2024-41", A),
        ("2025-07-01", "下半年", "2025-41", ()),
        ("2025-06-30", "过去半年", "2024-12/2025-06", ()),
        ("2025-07-01", "过去半年", "2025-01/2025-07", ()),
        ("2025-06-30", "7月", "2024-07", A),
        ("2025-07-01", "7月", "2025-07", ()),
        ("2025-06-30", "三季度", "2024-35", A),
        ("2025-07-01", "三季度", "2025-35", ()),
        ("2025-06-30", "in the second half", "2024-41", A),
        ("2025-07-01", "in the second half", "2025-41", ()),
        # seasons
        ("2025-09-01", "in the fall", "2025-23", ()),
        ("2025-09-01", "last fall", "2024-23", ()),
        ("2025-09-01", "last summer", "2025-22", ()),
        ("2025-08-31", "in the fall", "2024-23", A),
        ("2024-03-01", "2月29日", "2024-02-29", ()),
    ],
)
def test_boundaries(published, expression, edtf, flags):
    lang = "en" if expression.isascii() else "zh"
    assert resolve(expression, dt.date.fromisoformat(published), lang) == (edtf, flags)


# ------------------------------------------------------------------ find_dates on the seed article
SEED_SENTENCES = [
    (
        "以智谱为例,首席战略官张阔、副总裁曲滕于今年1月离职,首席运营官张帆也于本月离职。",
        [("今年1月", "2025-01", ()), ("本月", "2025-06", ())],
    ),
    ("2025年上半年,中国“大模型六小虎”中的五家企业共计有12位AI高管离职", [("2025年上半年", "2025-40", ())]),
    (
        "然而,智东西6月16日的报道揭示了一个引人深思的现象:2025年上半年,",
        [("6月16日", "2025-06-16", ()), ("2025年上半年", "2025-40", ())],
    ),
    ("值得注意的是,这场人才“活水”早在去年底便已初现端倪", [("去年底", "2024-12~", ())]),
    (
        "例如,去年11月,月之暗面大模型产品负责人王冠等三位出海产品负责人被曝离职创业;去年底,小米曾尝试挖角DeepSeek-V2核心开发者罗福莉",
        [("去年11月", "2024-11", ()), ("去年底", "2024-12~", ())],
    ),
    (
        "百川智能在过去半年也有洪涛、焦可、陈炜鹏、邓江、李施政等多位搜狗系核心高管相继离职。",
        [("过去半年", "2024-12/2025-06", ())],
    ),
    ("该公司自去年第四季度起,宣布放弃超大模型训练计划", [("去年第四季度", "2024-36", ())]),
    ("在过去一年多时间里,中国大模型领域经历了狂热的投资与技术竞赛", [("过去一年多", "../2025-06-16", ())]),
    ("以及此前离职的百川智能联合创始人、商业化负责人洪涛", [("此前", "../2025-06-16", A)]),
    ("智东西(2025/6/16)。", [("2025/6/16", "2025-06-16", ())]),
    ("检索日期2025/6/17。", [("2025/6/17", "2025-06-17", F)]),
    ("大模型“六小虎”人事动荡,半年12位高管离职。", []),  # "半年" alone is a length, not a date
    ("初期的高歌猛进后,正面临着前所未有的商业化压力", []),
]


@pytest.mark.parametrize(("sentence", "expected"), SEED_SENTENCES)
def test_find_dates_in_seed_sentences(sentence, expected):
    found = find_dates(sentence, P, "zh")
    assert [(m.text, m.edtf, m.flags) for m in found] == expected
    for m in found:
        assert sentence[m.start : m.end] == m.text
        assert resolve(m.text, P, "zh") == (m.edtf, m.flags)


def test_find_dates_offsets_in_the_example_sentence():
    sentence = "以智谱为例,首席战略官张阔、副总裁曲滕于今年1月离职,首席运营官张帆也于本月离职。"
    assert find_dates(sentence, P, "zh") == [
        DateMention(20, 24, "今年1月", "2025-01", ()),
        DateMention(36, 38, "本月", "2025-06", ()),
    ]


def test_every_seed_sentence_is_read_without_surprises():
    """The whole seed article: only the expressions above, with their offsets."""
    article = read_article(SEED / "000_e7104e947feaa275.txt")
    texts = []
    for s in sentences(article, "zh"):
        for m in find_dates(s.text, P, "zh"):
            assert article[s.start + m.start : s.start + m.end] == m.text
            texts.append(m.text)
    assert texts == [
        "2025年上半年",
        "过去一年多",
        "6月16日",
        "2025年上半年",
        "去年底",
        "去年11月",
        "去年底",
        "今年1月",
        "本月",
        "过去半年",
        "此前",
        "去年第四季度",
        "此前",
        "2025/6/16",
        "2025/6/17",
        "2025/06/16",
        "2025/6/17",
    ]


def test_longest_match_wins():
    found = find_dates("他于2024年12月31日离职,去年下半年加入。", P, "zh")
    assert [(m.text, m.edtf) for m in found] == [("2024年12月31日", "2024-12-31"), ("去年下半年", "2024-41")]
    found = find_dates(
        "He left in June 2024, rejoined in the first half of last year and quit six months ago.", P, "en"
    )
    assert [(m.text, m.edtf) for m in found] == [
        ("in June 2024", "2024-06"),
        ("in the first half of last year", "2024-40"),
        ("six months ago", "2024-12~"),
    ]


def test_find_dates_in_english_sentences():
    sentence = "Mr. Zhang, who joined on March 3, 2024, left last month; his deputy quit in July."
    found = find_dates(sentence, P, "en")
    assert [(m.text, m.edtf, m.flags) for m in found] == [
        ("on March 3, 2024", "2024-03-03", ()),
        ("last month", "2025-05", ()),
        ("in July", "2024-07", A),
    ]
    assert all(sentence[m.start : m.end] == m.text for m in found)


def test_no_dates_in_ordinary_words():
    for sentence, lang in [
        ("以下月度报告显示以上月薪为准,会上周知各方。", "zh"),  # 下月度 / 上月薪 are not months
        ("Prices may fall at the hot springs; the first half-time score; March on.", "en"),
        ("He scored 2024 points and hired 12 people.", "en"),
        ("<h1>Title</h1>", "en"),
    ]:
        assert [m.text for m in find_dates(sentence, P, lang)] == [], sentence


# ------------------------------------------------------------------ properties
def check(edtf: str, flags: tuple[str, ...], published: dt.date) -> None:
    assert set(flags) <= {AMBIGUOUS, FUTURE}
    if not edtf:
        assert AMBIGUOUS in flags
        return
    value = dates.parse(edtf)  # raises BadDate when graphkit cannot read it
    if value.earliest is not None and value.earliest > published:
        assert FUTURE in flags, (edtf, published)  # only an explicitly future date may begin later


ZH_NUM = ["一", "二", "两", "三", "五", "十", "十一", "十二", "1", "6", "12", "半", "几"]
MONTH = [*[str(i) for i in range(1, 13)], "十二", "十", "十一", "一", "九"]
EN_MONTH = ["January", "March", "May", "June", "July", "September", "December", "Jan.", "Sept"]
EN_NUM = ["one", "two", "six", "twelve", "3", "18", "a", "half a", "a few", "several"]
TEMPLATES = st.one_of(
    st.sampled_from([e for e, _, _ in ZH_TABLE + EN_TABLE] + [e for _, e, _, _ in MORE_TABLE]),
    st.builds(
        "{}{}".format,
        st.sampled_from(["", "今年", "去年", "前年", "明年", "2019年", "2031年"]),
        st.sampled_from(
            [
                "",
                "上半年",
                "下半年",
                "第一季度",
                "四季度",
                "Q3",
                "春季",
                "秋天",
                "冬季",
                "年初",
                "年底",
                "初",
                *(m + "月" for m in MONTH),
            ]
        ),
    ),
    st.builds("{}月{}日".format, st.sampled_from(MONTH), st.integers(1, 31)),
    st.builds("{}年{}月{}日".format, st.integers(1990, 2060), st.integers(1, 12), st.integers(1, 31)),
    st.builds(
        "{}{}{}".format,
        st.sampled_from(["过去", "近", "最近", ""]),
        st.sampled_from(ZH_NUM),
        st.sampled_from(["个月", "年", "周", "天", "个季度", "年多", "个多月"]),
    ),
    st.builds(
        "{}{}{}".format,
        st.sampled_from(ZH_NUM),
        st.sampled_from(["个月", "年", "周", "天"]),
        st.sampled_from(["前", "以前", "后", "来"]),
    ),
    st.builds(
        "{} {} ago".format,
        st.sampled_from(EN_NUM),
        st.sampled_from(["days", "weeks", "months", "years", "quarters"]),
    ),
    st.builds(
        "in the past {} {}".format,
        st.sampled_from(EN_NUM),
        st.sampled_from(["days", "weeks", "months", "years"]),
    ),
    st.builds(
        "{} {}".format,
        st.sampled_from(["in", "this", "last", "next", "early", "late", "since"]),
        st.sampled_from(EN_MONTH),
    ),
    st.builds("{} {}, {}".format, st.sampled_from(EN_MONTH), st.integers(1, 31), st.integers(1990, 2060)),
    st.builds(
        "{} the {}".format,
        st.sampled_from(["in", "during", "this", "last", "next"]),
        st.sampled_from(
            ["spring", "summer", "fall", "winter", "first half", "second half", "fourth quarter"]
        ),
    ),
    st.builds(
        "{} {}".format,
        st.sampled_from(["this", "last", "next", "in the"]),
        st.sampled_from(["spring", "summer", "fall", "autumn", "winter", "month", "year", "quarter", "week"]),
    ),
    st.builds("Q{} {}".format, st.integers(1, 4), st.integers(1990, 2060)),
)


@settings(max_examples=300, deadline=None)
@given(expression=TEMPLATES, published=st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)))
def test_every_resolved_date_parses_and_is_not_after_publication_unless_flagged(expression, published):
    lang = "en" if expression.isascii() else "zh"
    check(*resolve(expression, published, lang), published)


FILLER = "离职 加入 ， 。 的 1 12 年 月 日 前 后 上 下 Q"
FRAGMENTS = st.sampled_from(
    [e for e, _, _ in ZH_TABLE + EN_TABLE]
    + [e for _, e, _, _ in MORE_TABLE]
    + [*FILLER.split(), " ", "He left ", " and ", "in ", "the "]
)


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(FRAGMENTS, max_size=12),
    published=st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)),
    lang=st.sampled_from(["zh", "en"]),
)
def test_find_dates_offsets_and_order(parts, published, lang):
    text = "".join(parts)
    found = find_dates(text, published, lang)
    end = 0
    for m in found:
        assert text[m.start : m.end] == m.text and m.text
        assert m.start >= end  # left to right, not overlapping
        end = m.end
        check(m.edtf, m.flags, published)
